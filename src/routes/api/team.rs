//! `GET /api/team/summary`: the dashboard's figures as JSON, for a logged-in member.

use chrono::{DateTime, Utc};
use rocket::serde::json::Json;
use rocket::{State, get, routes};
use serde::Serialize;
use utoipa::ToSchema;

use super::ErrorBody;
use crate::app::AppState;
use crate::domain::states::PledgeState;
use crate::domain::{Amount, CampaignState, Lang};
use crate::routes::errors::ApiError;
use crate::routes::team::session::TeamSession;
use crate::routes::views::{self, rfc3339};
use crate::services::dashboard::{SourceShare, Sources, Summary, WORK_CAP, summary};

/// What the team's dashboard shows.
#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryBody {
    pub state: CampaignState,
    pub currency: String,
    pub goal: Amount,
    pub pledged: Amount,
    /// Money held: payments received, less reversals and refunds.
    pub collected: Amount,
    /// What billed backers still owe.
    pub outstanding: Amount,
    /// What the team owes back (overpayments, money for pledges that owe nothing).
    pub refunds_due: Amount,
    /// What the team sent back.
    pub refunded: Amount,
    /// The amounts of pledges dropped unpaid (still part of `pledged`), and how many.
    pub dropped: Amount,
    pub dropped_pledges: i64,
    /// The campaign file has a `[payments]` section; without it the payment figures stay zero.
    pub payments_enabled: bool,
    /// Bills name the standard's example account, which no bank credits: campaign.toml's
    /// `[payments.creditor]` must be changed.
    pub example_account: bool,
    pub percent_funded: i64,
    pub backers: i64,
    pub pledge_count: i64,
    pub average_pledge: Amount,
    #[schema(format = DateTime)]
    pub deadline: String,
    pub seconds_left: i64,
    pub rewards: Vec<RewardLine>,
    /// The latest pledges, newest first, cancelled ones included.
    pub recent: Vec<RecentPledge>,
    pub sources: SourcesBody,
    pub work: WorkBody,
    /// The last `bobine check`; `null` if none ran.
    pub last_check: Option<CheckBody>,
}

/// One reward's claims and revenue.
#[derive(Debug, Serialize, ToSchema)]
pub struct RewardLine {
    pub id: String,
    pub title: String,
    pub claimed: i64,
    pub limit: Option<i64>,
    pub remaining: Option<i64>,
    pub revenue: Amount,
    pub early_bird_uses: i64,
}

/// A recent pledge, as the public would see its backer.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecentPledge {
    pub reference: String,
    /// The public name; `null` when anonymous.
    pub name: Option<String>,
    /// The reward's title; `null` without reward.
    pub reward: Option<String>,
    pub amount: Amount,
    #[schema(format = DateTime)]
    pub at: String,
    pub state: PledgeState,
}

/// Where backers came from: by `?ref=` tag and by referring site.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourcesBody {
    pub tags: SourceGroup,
    pub sites: SourceGroup,
}

/// The biggest sources of a kind, and all the others together.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceGroup {
    pub top: Vec<SourceLine>,
    pub others: Option<OthersLine>,
}

/// One source; `name` is `null` for pledges without a tag, or without a known site.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceLine {
    pub name: Option<String>,
    pub pledges: i64,
    pub raised: Amount,
    /// Percent of the money pledged, rounded.
    pub share: i64,
}

/// Every source outside the top ones.
#[derive(Debug, Serialize, ToSchema)]
pub struct OthersLine {
    pub pledges: i64,
    pub raised: Amount,
    pub share: i64,
}

/// What waits for the team.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkBody {
    pub designers_pending: i64,
    pub offers_new: i64,
    /// Questions asked at `/questions` and not answered yet.
    pub questions_new: i64,
    /// Counted up to `emails_capped_at`.
    pub emails_waiting: i64,
    pub emails_failed: i64,
    pub emails_capped_at: i64,
}

/// The last check of the counters.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckBody {
    #[schema(format = DateTime)]
    pub at: String,
    pub differences: i64,
}

fn source_group(sources: &Sources) -> SourceGroup {
    let line =
        |s: &SourceShare| SourceLine { name: s.name.clone(), pledges: s.pledges, raised: s.raised, share: s.share };
    SourceGroup {
        top: sources.top.iter().map(line).collect(),
        others: sources.others.as_ref().map(|o| OthersLine { pledges: o.pledges, raised: o.raised, share: o.share }),
    }
}

/// The summary's figures for the API; the page shows the same through its own view.
pub fn summary_body(state: &AppState, summary: &Summary, lang: Lang, now: DateTime<Utc>) -> SummaryBody {
    let figures = &summary.snapshot.campaign;
    SummaryBody {
        state: summary.snapshot.state(now),
        currency: state.campaign.currency.clone(),
        goal: figures.goal,
        pledged: figures.pledged,
        collected: figures.payments.collected,
        outstanding: figures.payments.outstanding,
        refunds_due: figures.payments.refund_due,
        refunded: figures.payments.refunded,
        dropped: figures.payments.dropped,
        dropped_pledges: figures.payments.dropped_pledges,
        payments_enabled: state.campaign.payments.is_some(),
        example_account: state.campaign.payments.as_ref().is_some_and(|p| p.is_example_account()),
        percent_funded: summary.snapshot.percent_funded(),
        backers: figures.backers,
        pledge_count: figures.pledge_count,
        average_pledge: summary.average_pledge(),
        deadline: rfc3339(figures.deadline),
        seconds_left: summary.seconds_left(now),
        rewards: summary
            .snapshot
            .rewards
            .iter()
            .map(|r| RewardLine {
                id: r.id.clone(),
                title: r.title(&state.campaign, lang).to_owned(),
                claimed: r.claimed,
                limit: r.limit,
                remaining: r.remaining(),
                revenue: r.pledged,
                early_bird_uses: r.early_bird_claimed,
            })
            .collect(),
        recent: summary
            .recent
            .iter()
            .map(|p| RecentPledge {
                reference: p.reference.clone(),
                name: p.public_name.clone(),
                reward: p.reward_id.as_deref().map(|id| views::reward_title(state, id, lang)),
                amount: p.amount,
                at: rfc3339(p.created_at),
                state: p.state,
            })
            .collect(),
        sources: SourcesBody { tags: source_group(&summary.tags), sites: source_group(&summary.sites) },
        work: WorkBody {
            designers_pending: summary.work.designers_pending,
            offers_new: summary.work.offers_new,
            questions_new: summary.work.questions_new,
            emails_waiting: summary.work.emails_waiting,
            emails_failed: summary.work.emails_failed,
            emails_capped_at: WORK_CAP,
        },
        last_check: summary.last_check.map(|c| CheckBody { at: rfc3339(c.at), differences: c.differences }),
    }
}

#[utoipa::path(
    get,
    path = "/api/team/summary",
    tag = "team",
    security(("team_session" = [])),
    responses(
        (status = 200, description = "The dashboard's figures", body = SummaryBody),
        (status = 401, description = "No team session (`unauthorized`): log in at /team/login", body = ErrorBody),
        (status = 500, description = "The database did not answer", body = ErrorBody),
        (status = 503, description = "The session could not be checked: the database did not answer", body = ErrorBody),
    )
)]
#[get("/api/team/summary")]
async fn get_summary(
    state: &State<AppState>,
    _session: TeamSession,
    lang: Lang,
) -> Result<Json<SummaryBody>, ApiError> {
    let summary = summary(&state.db, state.campaign_id).await?;
    Ok(Json(summary_body(state, &summary, lang, state.clock.now())))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![get_summary]
}
