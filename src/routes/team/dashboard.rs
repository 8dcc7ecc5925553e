//! The team's dashboard, as a page and as a live stream of its figures (the same figures
//! as JSON are in [`crate::routes::api`]).

use chrono::{DateTime, Utc};
use rocket::request::Request;
use rocket::response::stream::{Event, EventStream};
use rocket::response::{self, Responder};
use rocket::{Shutdown, State, get, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::chart::{self, ChartInput};
use super::payments::FiguresView;
use super::session::TeamSession;
use super::streams::MAX_STREAMS;
use crate::app::AppState;
use crate::config::Confirmation;
use crate::domain::states::{CampaignState, DesignerState, EmailState, OfferState, PledgeState};
use crate::domain::{Amount, Lang};
use crate::error::AppError;
use crate::i18n;
use crate::routes::csrf::CsrfToken;
use crate::routes::errors::{ApiError, PageError};
use crate::routes::views::{self, CampaignView};
use crate::services::dashboard::{SourceShare, Sources, Summary, summary};
use crate::services::sessions;

/// The dashboard's figures, written for people: the page shows them, and the live stream
/// sends them again whenever they change (`public/dashboard.js` applies them). The
/// campaign's own figures are the progress bar's, in [`CampaignView`].
#[derive(Debug, Clone, Serialize)]
struct Figures {
    currency: String,
    pledge_count: i64,
    average_pledge: String,
    rewards: Vec<RewardRow>,
    recent: Vec<RecentRow>,
    sources: SourcesView,
    work: WorkView,
    last_check: Option<CheckView>,
    /// Received, still owed, owed back and dropped: zero while payments are off.
    payments: FiguresView,
}

/// What waits for the team.
#[derive(Debug, Clone, Serialize)]
struct WorkView {
    designers_pending: i64,
    offers_new: i64,
    questions_new: i64,
    emails_waiting: i64,
    emails_failed: i64,
    pledges_unconfirmed: i64,
}

/// One reward's claims and revenue.
#[derive(Debug, Clone, Serialize)]
struct RewardRow {
    id: String,
    title: String,
    claimed: i64,
    limit: Option<i64>,
    remaining: Option<i64>,
    revenue: String,
    early_bird_uses: i64,
}

/// A recent pledge, shown as the public would see its backer.
#[derive(Debug, Clone, Serialize)]
struct RecentRow {
    reference: String,
    name: Option<String>,
    reward: Option<String>,
    amount: String,
    at: String,
    cancelled: bool,
    /// Waits for its backer's confirmation: counted nowhere yet.
    unconfirmed: bool,
}

#[derive(Debug, Clone, Serialize)]
struct SourcesView {
    tags: SourceGroupView,
    sites: SourceGroupView,
}

/// The biggest sources of a kind, and the others together.
#[derive(Debug, Clone, Serialize)]
struct SourceGroupView {
    top: Vec<SourceRow>,
    others: Option<SourceRow>,
}

#[derive(Debug, Clone, Serialize)]
struct SourceRow {
    name: Option<String>,
    pledges: i64,
    raised: String,
    share: i64,
}

#[derive(Debug, Clone, Serialize)]
struct CheckView {
    at: String,
    differences: i64,
}

fn figures(state: &AppState, summary: &Summary, lang: Lang) -> Figures {
    let money = |amount: Amount| amount.display(lang.thousands());
    let campaign = &summary.snapshot.campaign;
    let group = |sources: &Sources| {
        let row = |s: &SourceShare| SourceRow {
            name: s.name.clone(),
            pledges: s.pledges,
            raised: money(s.raised),
            share: s.share,
        };
        SourceGroupView { top: sources.top.iter().map(row).collect(), others: sources.others.as_ref().map(row) }
    };
    Figures {
        currency: state.campaign.currency.clone(),
        pledge_count: campaign.pledge_count,
        average_pledge: money(summary.average_pledge()),
        rewards: summary
            .snapshot
            .rewards
            .iter()
            .map(|r| RewardRow {
                id: r.id.clone(),
                title: r.title(&state.campaign, lang).to_owned(),
                claimed: r.claimed,
                limit: r.limit,
                remaining: r.remaining(),
                revenue: money(r.pledged),
                early_bird_uses: r.early_bird_claimed,
            })
            .collect(),
        recent: summary
            .recent
            .iter()
            .map(|p| RecentRow {
                reference: p.reference.clone(),
                name: p.public_name.clone(),
                reward: p.reward_id.as_deref().map(|id| views::reward_title(state, id, lang)),
                amount: money(p.amount),
                at: views::moment(state, p.created_at, lang),
                cancelled: p.state == PledgeState::Cancelled,
                unconfirmed: p.state == PledgeState::Unconfirmed,
            })
            .collect(),
        sources: SourcesView { tags: group(&summary.tags), sites: group(&summary.sites) },
        work: WorkView {
            designers_pending: summary.work.designers_pending,
            offers_new: summary.work.offers_new,
            questions_new: summary.work.questions_new,
            emails_waiting: summary.work.emails_waiting,
            emails_failed: summary.work.emails_failed,
            pledges_unconfirmed: summary.work.pledges_unconfirmed,
        },
        last_check: summary
            .last_check
            .map(|c| CheckView { at: views::moment(state, c.at, lang), differences: c.differences }),
        payments: FiguresView::new(&campaign.payments, lang),
    }
}

/// The chart of money raised, as inline SVG.
fn chart(state: &AppState, summary: &Summary, lang: Lang, now: DateTime<Utc>) -> String {
    let campaign = &summary.snapshot.campaign;
    let hours: Vec<(i64, i64)> = summary.hours.iter().map(|h| (h.hour.timestamp_millis(), h.raised.cents())).collect();
    let goal = format!(
        "{} {} {}",
        i18n::t(lang, "team-goal"),
        state.campaign.currency,
        campaign.goal.display(lang.thousands())
    );
    let money = |amount: Amount| format!("{} {}", state.campaign.currency, amount.display(lang.thousands()));
    let mut description =
        i18n::t_args(lang, "team-chart-alt", &[("raised", money(campaign.pledged)), ("goal", money(campaign.goal))]);
    if let Some(projected) = summary.projection(now) {
        description.push(' ');
        description.push_str(&i18n::t_args(lang, "team-chart-alt-projection", &[("projected", money(projected))]));
    }
    chart::svg(&ChartInput {
        hours: &hours,
        goal_cents: campaign.goal.cents(),
        deadline_ms: campaign.deadline.timestamp_millis(),
        now_ms: now.timestamp_millis(),
        projected_cents: summary.projection(now).map(Amount::cents),
        goal_label: &goal,
        projection_label: &i18n::t(lang, "team-projection"),
        description: &description,
    })
}

/// One table of sources: its kind, its title and what a source without a name is called.
#[derive(Serialize)]
struct SourceTable {
    kind: &'static str,
    title: &'static str,
    none: &'static str,
    figures: SourceGroupView,
}

/// Where the team finds the work waiting: each list, filtered.
#[derive(Serialize)]
struct WorkLinks {
    designers: String,
    offers: String,
    questions: String,
    emails_waiting: String,
    emails_failed: String,
    pledges_unconfirmed: String,
}

impl WorkLinks {
    fn new() -> WorkLinks {
        WorkLinks {
            designers: format!("/team/designers?state={}", DesignerState::Pending),
            offers: format!("/team/offers?state={}", OfferState::New),
            questions: format!("/team/questions?state={}", crate::domain::states::QuestionState::New),
            emails_waiting: format!("/team/outbox?state={}", EmailState::Waiting),
            emails_failed: format!("/team/outbox?state={}", EmailState::Failed),
            pledges_unconfirmed: format!("/team/pledges?state={}", PledgeState::Unconfirmed),
        }
    }
}

/// The dashboard.
#[derive(Serialize)]
struct DashboardPage {
    work_links: WorkLinks,
    figures: Figures,
    campaign: CampaignView,
    chart: String,
    sources: Vec<SourceTable>,
    sends_mail: bool,
    /// Pledges count without their backer confirming by email: the team must know.
    confirms_at_once: bool,
    /// The campaign file has a `[payments]` section.
    payments_on: bool,
    /// Bills name the standard's example account, which no bank credits.
    example_account: bool,
    /// The newest updates sent by email, with how many were sent and wait.
    news: Vec<super::news::MailedNews>,
    /// Each reward's owed units and how far they are, once something is owed.
    delivery: Vec<DeliveryRow>,
}

/// One reward's delivery at a glance.
#[derive(Debug, Serialize)]
struct DeliveryRow {
    id: String,
    title: String,
    owed: i64,
    to_prepare: i64,
    /// Ready for pick-up or shipped: out of the team's hands.
    prepared: i64,
    delivered: i64,
    problem: i64,
}

#[get("/team")]
async fn show_dashboard(
    state: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
) -> Result<Template, PageError> {
    let summary = summary(&state.db, state.campaign_id).await?;
    let now = state.clock.now();
    let figures = figures(state, &summary, lang);
    let sources = vec![
        SourceTable {
            kind: "tags",
            title: "team-sources-tags",
            none: "team-source-no-tag",
            figures: figures.sources.tags.clone(),
        },
        SourceTable {
            kind: "sites",
            title: "team-sources-sites",
            none: "team-source-direct",
            figures: figures.sources.sites.clone(),
        },
    ];
    let succeeded = summary.snapshot.state(now) == CampaignState::Succeeded;
    let body = DashboardPage {
        work_links: WorkLinks::new(),
        campaign: views::campaign_view(state, &summary.snapshot, &[], lang, now),
        chart: chart(state, &summary, lang, now),
        figures,
        sources,
        sends_mail: state.sends_mail,
        confirms_at_once: state.confirmation == Confirmation::AtOnce,
        payments_on: state.campaign.payments.is_some(),
        example_account: state.campaign.payments.as_ref().is_some_and(|p| p.is_example_account()),
        news: super::news::mailed(state, lang, 3).await?,
        delivery: crate::services::fulfilment::progress(&state.db, state.campaign.payments.is_some())
            .await?
            .into_iter()
            // Without payments, a pledge is owed once the campaign succeeded.
            .filter(|p| p.owed > 0 && (state.campaign.payments.is_some() || succeeded))
            .map(|p| DeliveryRow {
                title: views::reward_title(state, &p.reward_id, lang),
                to_prepare: p.to_prepare(),
                prepared: p.ready + p.shipped,
                owed: p.owed,
                delivered: p.delivered,
                problem: p.problem,
                id: p.reward_id,
            })
            .collect(),
    };
    let page = super::team_page(state, lang, "/team", "team-dashboard-title", &session, &csrf, body);
    Ok(Template::render("team_dashboard", page))
}

/// What the live stream sends: the figures, the chart, and the campaign's figures the
/// progress bar shows (not its texts).
#[derive(Serialize)]
struct LiveFigures {
    figures: Figures,
    chart: String,
    campaign: LiveCampaign,
}

#[derive(Serialize)]
struct LiveCampaign {
    pledged: String,
    percent: i64,
    bar_percent: String,
    backers: i64,
    time_left: Option<String>,
    /// Whether pledges are still taken: an open page reloads to show the result once not.
    open: bool,
}

fn live_figures_of(state: &AppState, summary: &Summary, lang: Lang, now: DateTime<Utc>) -> LiveFigures {
    let campaign = views::campaign_view(state, &summary.snapshot, &[], lang, now);
    LiveFigures {
        figures: figures(state, summary, lang),
        chart: chart(state, summary, lang, now),
        campaign: LiveCampaign {
            pledged: campaign.pledged,
            percent: campaign.percent,
            bar_percent: campaign.bar_percent,
            backers: campaign.backers,
            open: campaign.time_left.is_some(),
            time_left: campaign.time_left,
        },
    }
}

/// How often the live stream looks for new figures, how often it asks whether its session
/// is still open, and how often it says it is alive. A closed page is noticed only when a
/// write to it fails, the second after it closed: the heartbeat is short so that a closed
/// page gives its place among the member's streams back within seconds.
const LIVE_TICK: std::time::Duration = std::time::Duration::from_millis(250);
const SESSION_CHECK: std::time::Duration = std::time::Duration::from_secs(1);
pub const LIVE_HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(3);

/// How long a member refused another stream is asked to wait: about the time a closed page
/// takes to give its place back.
const STREAM_RETRY_SECONDS: u64 = 30;

/// A stream refused because its member holds too many: the error, and when to try again.
struct TooManyStreams(ApiError);

impl<'r> Responder<'r, 'static> for TooManyStreams {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        response::Response::build_from(self.0.respond_to(request)?)
            .raw_header("Retry-After", STREAM_RETRY_SECONDS.to_string())
            .ok()
    }
}

/// The dashboard's figures as Server-Sent Events: once at once, then whenever a commit
/// changed them (at most four times a second), until the page closes, the server stops, or
/// the session ends (logout, the member's removal, its expiry; checked every second).
#[get("/team/events")]
fn live_figures(
    state: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    mut shutdown: Shutdown,
) -> Result<EventStream![], TooManyStreams> {
    let Some(pass) = state.team.streams.admit(session.member.id) else {
        tracing::warn!(member = %session.member.email, "live stream refused: too many open");
        return Err(TooManyStreams(ApiError(AppError::TooManyStreams { limit: MAX_STREAMS })));
    };
    let state = state.inner().clone();
    Ok(EventStream! {
        // Held as long as the stream lives; dropped with it.
        let _pass = pass;
        let mut seen = None;
        // What the page says of the time left changes with the clock, not with pledges.
        let deadline = state.campaign.deadline;
        let left_of = |now| (now < deadline).then(|| views::time_left(deadline, now, lang));
        let mut left_seen = left_of(state.clock.now());
        let mut quiet = std::time::Instant::now();
        let mut checked = std::time::Instant::now();
        loop {
            if checked.elapsed() >= SESSION_CHECK {
                checked = std::time::Instant::now();
                match sessions::is_open(&state.db, &session.key, state.clock.now()).await {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(error) => {
                        // Without an answer the session cannot be vouched for; the page's
                        // EventSource reconnects and is checked again.
                        tracing::warn!(%error, "cannot check a live stream's session");
                        break;
                    }
                }
            }
            let generation = state.writer.generation();
            let left = left_of(state.clock.now());
            if seen != Some(generation) || left != left_seen {
                match summary(&state.db, state.campaign_id).await {
                    Ok(summary) => {
                        seen = Some(generation);
                        left_seen = left;
                        quiet = std::time::Instant::now();
                        let data = live_figures_of(&state, &summary, lang, state.clock.now());
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
    })
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_dashboard, live_figures]
}
