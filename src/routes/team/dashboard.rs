//! The team's dashboard, as a page and as JSON.

use crate::domain::states::PledgeState;
use chrono::{DateTime, Utc};
use entity::source_total;
use rocket::response::stream::{Event, EventStream};
use rocket::serde::json::Json;
use rocket::{Shutdown, State, get, routes};
use rocket_dyn_templates::Template;
use serde_json::{Value, json};

use super::chart::{self, ChartInput};
use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::money::{cents_to_string, display_cents};
use crate::i18n;
use crate::routes::csrf::CsrfToken;
use crate::routes::errors::{ApiError, PageError};
use crate::routes::views;
use crate::services::campaign::remaining;
use crate::services::dashboard::{Summary, WORK_CAP, summary};

/// The figures, with amounts written by `amount`: exact decimal strings for the API, grouped
/// thousands for the page.
fn figures(
    state: &AppState,
    summary: &Summary,
    lang: Lang,
    now: DateTime<Utc>,
    amount: impl Fn(i64) -> String,
) -> Value {
    let campaign = &summary.snapshot.campaign;
    let average = if campaign.pledge_count > 0 { campaign.pledged_cents / campaign.pledge_count } else { 0 };
    let rewards: Vec<Value> = summary
        .snapshot
        .rewards
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "title": if lang == Lang::En { &r.title_en } else { &r.title_fr },
                "claimed": r.claimed,
                "limit": r.limit_qty,
                "remaining": remaining(r),
                "revenue": amount(r.pledged_cents),
                "early_bird_uses": r.early_bird_claimed,
            })
        })
        .collect();
    let recent: Vec<Value> = summary
        .recent
        .iter()
        .map(|p| {
            let reward = p.reward_id.as_deref().and_then(|id| state.campaign.reward(id));
            json!({
                "reference": p.reference,
                "name": p.public_name,
                "reward": reward.map(|r| r.title.get(lang)).or(p.reward_id.as_deref()),
                "amount": amount(p.amount_cents),
                "at": views::rfc3339(p.created_at_ms),
                "state": p.state,
            })
        })
        .collect();
    let sources = |rows: &[source_total::Model]| {
        let share = |cents: i64| {
            if campaign.pledged_cents > 0 {
                (cents * 100 + campaign.pledged_cents / 2) / campaign.pledged_cents
            } else {
                0
            }
        };
        let top: Vec<Value> = rows
            .iter()
            .map(|s| {
                json!({
                    "name": (!s.name.is_empty()).then_some(&s.name),
                    "pledges": s.pledges,
                    "raised": amount(s.cents),
                    "share": share(s.cents),
                })
            })
            .collect();
        let others_cents = campaign.pledged_cents - rows.iter().map(|s| s.cents).sum::<i64>();
        let others_pledges = campaign.pledge_count - rows.iter().map(|s| s.pledges).sum::<i64>();
        let others = (others_pledges > 0).then(
            || json!({ "pledges": others_pledges, "raised": amount(others_cents), "share": share(others_cents) }),
        );
        json!({ "top": top, "others": others })
    };
    json!({
        "state": summary.snapshot.state(now),
        "currency": state.campaign.currency,
        "goal": amount(campaign.goal_cents),
        "pledged": amount(campaign.pledged_cents),
        "percent_funded": summary.snapshot.percent_funded(),
        "backers": campaign.backers,
        "pledge_count": campaign.pledge_count,
        "average_pledge": amount(average),
        "deadline": views::rfc3339(campaign.deadline_ms),
        "seconds_left": ((campaign.deadline_ms - now.timestamp_millis()) / 1000).max(0),
        "rewards": rewards,
        "recent": recent,
        "sources": { "tags": sources(&summary.tags), "sites": sources(&summary.sites) },
        "work": {
            "designers_pending": summary.work.designers_pending,
            "offers_new": summary.work.offers_new,
            "emails_waiting": summary.work.emails_waiting,
            "emails_failed": summary.work.emails_failed,
            "emails_capped_at": WORK_CAP,
        },
        "last_check": summary.last_check.as_ref().map(|check| json!({
            "at": views::rfc3339(check.checked_at_ms),
            "differences": check.differences,
        })),
    })
}

#[get("/api/team/summary")]
async fn get_summary(state: &State<AppState>, _session: TeamSession, lang: Lang) -> Result<Json<Value>, ApiError> {
    let summary = summary(&state.db, state.campaign_id).await?;
    Ok(Json(figures(state, &summary, lang, state.clock.now(), cents_to_string)))
}

/// What the dashboard page shows, formatted for people: the page renders it, and the live
/// stream sends it again whenever the figures change.
fn page_figures(state: &AppState, summary: &Summary, lang: Lang, now: DateTime<Utc>) -> Value {
    let mut data = figures(state, summary, lang, now, |cents| display_cents(cents, lang.thousands()));
    if let Some(recent) = data["recent"].as_array_mut() {
        for (pledge, model) in recent.iter_mut().zip(&summary.recent) {
            let at = DateTime::from_timestamp_millis(model.created_at_ms).unwrap_or_default();
            pledge["at"] = json!(views::moment(state, at, lang));
            pledge["cancelled"] = json!(model.state == PledgeState::Cancelled);
        }
    }
    if let Some(check) = &summary.last_check {
        let at = DateTime::from_timestamp_millis(check.checked_at_ms).unwrap_or_default();
        data["last_check"]["at"] = json!(views::moment(state, at, lang));
    }
    let hours: Vec<(i64, i64)> = summary.hours.iter().map(|h| (h.hour_ms, h.cents)).collect();
    let goal = format!(
        "{} {} {}",
        i18n::t(lang, "team-goal"),
        state.campaign.currency,
        display_cents(summary.snapshot.campaign.goal_cents, lang.thousands())
    );
    let chart = chart::svg(&ChartInput {
        hours: &hours,
        goal_cents: summary.snapshot.campaign.goal_cents,
        deadline_ms: summary.snapshot.campaign.deadline_ms,
        now_ms: now.timestamp_millis(),
        goal_label: &goal,
        projection_label: &i18n::t(lang, "team-projection"),
    });
    json!({ "figures": data, "campaign": views::campaign_view(state, &summary.snapshot, lang, now), "chart": chart })
}

#[get("/team")]
async fn show_dashboard(
    state: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
) -> Result<Template, PageError> {
    let summary = summary(&state.db, state.campaign_id).await?;
    let mut body = page_figures(state, &summary, lang, state.clock.now());
    body["sources"] = json!([
        { "kind": "tags", "title": "team-sources-tags", "none": "team-source-no-tag", "figures": body["figures"]["sources"]["tags"] },
        { "kind": "sites", "title": "team-sources-sites", "none": "team-source-direct", "figures": body["figures"]["sources"]["sites"] },
    ]);
    body["sends_mail"] = json!(state.sends_mail);
    body["member"] = json!(session.member.email);
    body["csrf"] = json!(csrf.0);
    body["page_title"] = json!(i18n::t(lang, "team-dashboard-title"));
    Ok(Template::render("team_dashboard", views::page(state, lang, "/team", body)))
}

/// How often the live stream looks for new figures, and how often it says it is alive.
const LIVE_TICK: std::time::Duration = std::time::Duration::from_millis(250);
const LIVE_HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(15);

/// The dashboard's figures as Server-Sent Events: once at once, then whenever a commit
/// changed them (at most four times a second), until the page closes or the server stops.
#[get("/team/events")]
fn live_figures(state: &State<AppState>, _session: TeamSession, lang: Lang, mut shutdown: Shutdown) -> EventStream![] {
    let state = state.inner().clone();
    EventStream! {
        let mut seen = None;
        let mut quiet = std::time::Instant::now();
        loop {
            let generation = state.writer.generation();
            if seen != Some(generation) {
                match summary(&state.db, state.campaign_id).await {
                    Ok(summary) => {
                        seen = Some(generation);
                        quiet = std::time::Instant::now();
                        let mut data = page_figures(&state, &summary, lang, state.clock.now());
                        // Only what the page updates, not the campaign's texts.
                        let campaign = &data["campaign"];
                        data["campaign"] = json!({
                            "pledged": campaign["pledged"],
                            "percent": campaign["percent"],
                            "bar_percent": campaign["bar_percent"],
                            "backers": campaign["backers"],
                            "time_left": campaign["time_left"],
                        });
                        yield Event::json(&data).event("figures");
                    }
                    Err(error) => tracing::warn!(%error, "live figures unavailable for now"),
                }
            } else if quiet.elapsed() >= LIVE_HEARTBEAT {
                quiet = std::time::Instant::now();
                yield Event::comment("alive");
            }
            tokio::select! {
                () = tokio::time::sleep(LIVE_TICK) => {}
                () = &mut shutdown => break,
            }
        }
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![get_summary, show_dashboard, live_figures]
}
