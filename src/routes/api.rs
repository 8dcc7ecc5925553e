//! The JSON API: the same services as the pages, for other front-ends and checks.

use chrono::{DateTime, Utc};
use rocket::http::{ContentType, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::status::Custom;
use rocket::serde::json::Json;
use rocket::{State, get, post, routes};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::AppState;
use crate::domain::money::cents_to_string;
use crate::domain::source::{site, tag_of};
use crate::domain::{CampaignState, Lang, Source};
use crate::error::AppError;
use crate::routes::cache::{Cached, Page};
use crate::routes::errors::ApiError;
use crate::routes::views;
use crate::services::campaign::{Snapshot, remaining, snapshot};
use crate::services::pledges::PledgeInput;

/// The campaign's figures, served from a copy rebuilt when they change (see
/// [`crate::routes::cache`]).
#[get("/api/campaign")]
async fn get_campaign(state: &State<AppState>, lang: Lang) -> Result<Cached, ApiError> {
    let generation = state.writer.generation();
    let render = async {
        let snapshot = snapshot(&state.db, state.campaign_id).await?;
        Ok(campaign_json(state, &snapshot, lang, state.clock.now()).to_string())
    };
    let body = state.pages.get(Page::ApiCampaign, lang, generation, render).await?.plain;
    Ok(Cached(ContentType::JSON, body))
}

fn campaign_json(state: &AppState, snapshot: &Snapshot, lang: Lang, now: DateTime<Utc>) -> Value {
    let row = &snapshot.campaign;
    let open = snapshot.state(now) == CampaignState::Open;
    let rewards: Vec<Value> = snapshot
        .rewards
        .iter()
        .map(|r| {
            let left = remaining(r);
            json!({
                "id": r.id,
                "title": if lang == Lang::En { &r.title_en } else { &r.title_fr },
                "kind": r.kind,
                "minimum": cents_to_string(r.minimum_cents),
                "limit": r.limit_qty,
                "claimed": r.claimed,
                "remaining": left,
                "available": left != Some(0) && open,
            })
        })
        .collect();
    json!({
        "slug": row.slug,
        "title": state.campaign.title.get(lang),
        "currency": state.campaign.currency,
        "goal": cents_to_string(row.goal_cents),
        "pledged": cents_to_string(row.pledged_cents),
        "backers": row.backers,
        "pledge_count": row.pledge_count,
        "percent_funded": snapshot.percent_funded(),
        "deadline": views::rfc3339(row.deadline_ms),
        "state": snapshot.state(now),
        "closed_at": row.closed_at_ms.map(views::rfc3339),
        "rewards": rewards,
    })
}

/// The body of `POST /api/pledges`. The amount stays a JSON value so that a number gets a
/// clear "write it as text" error instead of passing through a float.
#[derive(Debug, Deserialize)]
struct PledgeBody {
    reward: Option<String>,
    amount: Value,
    name: String,
    email: String,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    anonymous: bool,
    /// The campaign's tag of the link that brought the backer, as `?ref=` on the site.
    #[serde(default, rename = "ref")]
    source_tag: Option<String>,
    /// The page or site that brought the backer: a URL or a host name.
    #[serde(default)]
    referrer: Option<String>,
}

/// The optional `Idempotency-Key` header.
struct IdempotencyKey(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for IdempotencyKey {
    type Error = std::convert::Infallible;
    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let key = request.headers().get_one("Idempotency-Key").map(str::trim).filter(|k| !k.is_empty());
        Outcome::Success(IdempotencyKey(key.map(|k| format!("api:{k}"))))
    }
}

#[post("/api/pledges", data = "<body>")]
async fn create_pledge(
    state: &State<AppState>,
    lang: Lang,
    content_type: Option<&ContentType>,
    key: IdempotencyKey,
    body: Result<Json<PledgeBody>, rocket::serde::json::Error<'_>>,
) -> Result<Custom<Json<Value>>, ApiError> {
    if !content_type.is_some_and(|ct| ct.is_json()) {
        return Err(AppError::Malformed("send JSON with Content-Type: application/json".into()).into());
    }
    let body = body.map_err(|e| AppError::Malformed(malformed_detail(&e)))?.into_inner();
    if key.0.as_ref().is_some_and(|k| k.len() > 200) {
        return Err(AppError::Malformed("Idempotency-Key is longer than 200 characters".into()).into());
    }
    let amount = match body.amount {
        Value::String(text) => text,
        _ => {
            return Err(AppError::InvalidAmount(crate::domain::money::MoneyError::NotANumber).into());
        }
    };
    let input = PledgeInput {
        reward: body.reward,
        amount,
        name: body.name,
        email: body.email,
        display_name: body.display_name,
        anonymous: body.anonymous,
        source: Source {
            tag: body.source_tag.as_deref().and_then(tag_of),
            site: body.referrer.as_deref().and_then(site),
        },
    };
    let now = state.clock.now();
    let new = input.validate(&state.campaign, now)?;
    let placed = state.writer.place(new, lang, key.0).await?;
    let pledge = placed.pledge;
    let status = if placed.replayed { Status::Ok } else { Status::Created };
    Ok(Custom(
        status,
        Json(json!({
            "id": pledge.id,
            "token": pledge.token,
            "reference": pledge.reference,
            "amount": cents_to_string(pledge.amount_cents),
            "reward": pledge.reward_id,
            "state": pledge.state,
        })),
    ))
}

fn malformed_detail(error: &rocket::serde::json::Error<'_>) -> String {
    match error {
        rocket::serde::json::Error::Io(e) => e.to_string(),
        rocket::serde::json::Error::Parse(_, e) => e.to_string(),
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![get_campaign, create_pledge]
}
