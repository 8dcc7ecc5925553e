//! `GET /api/campaign`: the campaign's figures and rewards.

use chrono::{DateTime, Utc};
use rocket::http::ContentType;
use rocket::{State, get, routes};
use serde::Serialize;
use utoipa::ToSchema;

use super::ErrorBody;
use crate::app::AppState;
use crate::config::Campaign;
use crate::domain::states::{RewardKind, ShippingZone};
use crate::domain::{Amount, CampaignState, Lang};
use crate::routes::cache::{Cached, CachedPage};
use crate::routes::errors::ApiError;
use crate::routes::views::rfc3339;
use crate::services::campaign::{RewardFigures, Snapshot, snapshot};

/// The campaign, its figures, and what remains of each reward.
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignBody {
    pub slug: String,
    pub title: String,
    /// ISO 4217, such as `CHF`.
    pub currency: String,
    pub goal: Amount,
    pub pledged: Amount,
    /// Distinct emails among active pledges.
    pub backers: i64,
    /// Active pledges.
    pub pledge_count: i64,
    /// Rounded down; may pass 100.
    pub percent_funded: i64,
    /// RFC 3339, UTC.
    #[schema(format = DateTime)]
    pub deadline: String,
    pub state: CampaignState,
    #[schema(format = DateTime)]
    pub closed_at: Option<String>,
    pub rewards: Vec<RewardBody>,
}

/// One reward and what remains of it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RewardBody {
    pub id: String,
    pub title: String,
    pub kind: RewardKind,
    pub minimum: Amount,
    /// `null` when unlimited.
    pub limit: Option<i64>,
    pub claimed: i64,
    /// `null` when unlimited.
    pub remaining: Option<i64>,
    /// Whether a pledge may choose it now.
    pub available: bool,
    /// Its dated sessions, each with its seats; empty for most rewards.
    pub sessions: Vec<SessionBody>,
    /// What its backer chooses, such as a size or a colour; empty for most rewards.
    pub choices: Vec<ChoiceBody>,
    /// The postage of each zone it is sent to, paid on top of the pledge; empty when it is not
    /// sent by post or costs nothing to send.
    pub shipping: Vec<PostageBody>,
}

/// What sending a reward to a zone costs.
#[derive(Debug, Serialize, ToSchema)]
pub struct PostageBody {
    /// `switzerland` (with Liechtenstein), `europe` or `world`.
    pub zone: ShippingZone,
    pub amount: Amount,
}

/// A dated session of an event reward.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionBody {
    pub id: String,
    /// RFC 3339, UTC.
    #[schema(format = DateTime)]
    pub starts: String,
    /// RFC 3339, UTC.
    #[schema(format = DateTime)]
    pub ends: String,
    /// An address, or `online`.
    pub place: String,
    pub seats: i64,
    pub remaining: i64,
}

/// One choice of a reward and its values.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChoiceBody {
    /// The key of the choice in `POST /api/pledges`' `choices`, such as `colour`.
    pub name: String,
    /// In the asked language.
    pub label: String,
    pub values: Vec<ChoiceValueBody>,
}

/// One value of a choice and what remains of its stock.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChoiceValueBody {
    pub id: String,
    /// In the asked language.
    pub label: String,
    /// `null` when unlimited.
    pub limit: Option<i64>,
    /// `null` when unlimited.
    pub remaining: Option<i64>,
}

fn sessions_body(reward: &RewardFigures) -> Vec<SessionBody> {
    reward
        .sessions
        .iter()
        .map(|s| SessionBody {
            id: s.id.clone(),
            starts: rfc3339(s.starts),
            ends: rfc3339(s.ends),
            place: s.place.clone(),
            seats: s.seats,
            remaining: s.remaining(),
        })
        .collect()
}

fn choices_body(campaign: &Campaign, reward: &RewardFigures, lang: Lang) -> Vec<ChoiceBody> {
    let written = campaign.reward(&reward.id).map(|r| r.choices.as_slice()).unwrap_or_default();
    reward
        .choices
        .iter()
        .map(|choice| {
            let written = written.iter().find(|c| c.name == choice.name);
            ChoiceBody {
                name: choice.name.clone(),
                label: written.map_or(choice.name.as_str(), |c| c.label.get(lang)).to_owned(),
                values: choice
                    .values
                    .iter()
                    .map(|value| ChoiceValueBody {
                        id: value.id.clone(),
                        label: written
                            .and_then(|c| c.values.iter().find(|v| v.id == value.id))
                            .map_or(value.id.as_str(), |v| v.label.get(lang))
                            .to_owned(),
                        limit: value.limit,
                        remaining: value.remaining(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn campaign_body(state: &AppState, snapshot: &Snapshot, lang: Lang, now: DateTime<Utc>) -> CampaignBody {
    let figures = &snapshot.campaign;
    let status = snapshot.state(now);
    let rewards = snapshot
        .rewards
        .iter()
        .map(|r| RewardBody {
            id: r.id.clone(),
            title: r.title(&state.campaign, lang).to_owned(),
            kind: r.kind,
            minimum: r.minimum,
            limit: r.limit,
            claimed: r.claimed,
            remaining: r.remaining(),
            available: r.available(&state.campaign) && status == CampaignState::Open,
            sessions: sessions_body(r),
            choices: choices_body(&state.campaign, r, lang),
            shipping: state
                .campaign
                .reward(&r.id)
                .and_then(|config| state.campaign.postage(config))
                .map(|postage| postage.zones().map(|(zone, amount)| PostageBody { zone, amount }).collect())
                .unwrap_or_default(),
        })
        .collect();
    CampaignBody {
        slug: figures.slug.clone(),
        title: state.campaign.title.get(lang).to_owned(),
        currency: state.campaign.currency.clone(),
        goal: figures.goal,
        pledged: figures.pledged,
        backers: figures.backers,
        pledge_count: figures.pledge_count,
        percent_funded: snapshot.percent_funded(),
        deadline: rfc3339(figures.deadline),
        state: status,
        closed_at: figures.closed_at.map(rfc3339),
        rewards,
    }
}

/// The campaign's figures, served from a copy rebuilt when they change (see
/// [`crate::routes::cache`]).
#[utoipa::path(
    get,
    path = "/api/campaign",
    tag = "campaign",
    responses(
        (status = 200, description = "The campaign and its rewards", body = CampaignBody),
        (status = 500, description = "The database did not answer", body = ErrorBody),
    )
)]
#[get("/api/campaign")]
async fn get_campaign(state: &State<AppState>, lang: Lang) -> Result<Cached, ApiError> {
    let generation = state.writer.generation();
    let render = async {
        let snapshot = snapshot(&state.db, state.campaign_id).await?;
        let body = campaign_body(state, &snapshot, lang, state.clock.now());
        serde_json::to_string(&body).map_err(|e| crate::error::AppError::internal("writing the campaign's JSON", e))
    };
    let page = state.pages.get(CachedPage::ApiCampaign, lang, generation, render).await?;
    Ok(page.answer(ContentType::JSON, &Default::default()))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![get_campaign]
}
