//! The team's delivery pages: what is still owed of each reward and of each session
//! (`/team/delivery`), a reward's backers with where each stands, moved one by one or ticked
//! in bulk, and a session's attendance list to check people in at the door from a phone
//! (`/team/delivery/<reward>?session=`); and the post office's file of tracking numbers.

use std::collections::HashMap;

use rocket::data::Capped;
use rocket::form::{Errors, Form, FromForm};
use rocket::fs::TempFile;
use rocket::http::CookieJar;
use rocket::request::FlashMessage;
use rocket::response::{Flash, Redirect};
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::FlashView;
use super::csv_export::{Separator, csv_lines, defused};
use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::states::{FulfilmentState, PaymentState};
use crate::error::AppError;
use crate::i18n;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::PageError;
use crate::routes::lang::Here;
use crate::services::addresses;
use crate::services::fulfilment::{self, Change};
use crate::services::stored::instant;
use crate::services::{reward_options, survey};

/// The most backers a reward's page lists.
const MAX_ROWS: u64 = 2_000;
/// The largest file of tracking numbers, far more than a campaign ships.
const MAX_IMPORT: usize = 2 * 1024 * 1024;

/// One reward on the overview.
#[derive(Serialize)]
struct RewardRow {
    id: String,
    title: String,
    owed: i64,
    to_prepare: i64,
    ready: i64,
    shipped: i64,
    delivered: i64,
    problem: i64,
    sessions: Vec<SessionRow>,
}

/// One session of a reward on the overview.
#[derive(Serialize)]
struct SessionRow {
    id: String,
    when: String,
    place: String,
    claimed: i64,
    seats: i64,
    /// Taken out of the campaign file while held.
    cancelled: bool,
}

#[derive(Serialize)]
struct Overview {
    rewards: Vec<RewardRow>,
    flash: Option<FlashView>,
}

impl SessionRow {
    fn of(state: &AppState, session: entity::reward_session::Model, lang: Lang) -> SessionRow {
        SessionRow {
            when: i18n::span(instant(session.starts_ms), instant(session.ends_ms), state.campaign.time_zone, lang),
            place: i18n::place(&session.place, lang),
            claimed: session.claimed,
            seats: session.seats,
            cancelled: !session.active,
            id: session.id,
        }
    }
}

#[get("/team/delivery")]
async fn overview(
    state: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    here: Here,
    csrf: CsrfToken,
    flash: Option<FlashMessage<'_>>,
) -> Result<Template, PageError> {
    let paid_only = state.campaign.payments.is_some();
    // Without payments, a pledge is owed once the campaign succeeded.
    let owing = paid_only
        || crate::services::campaign::snapshot(&state.db, state.campaign_id).await?.state(state.clock.now())
            == crate::domain::CampaignState::Succeeded;
    let progress = if owing { fulfilment::progress(&state.db, paid_only).await? } else { Vec::new() };
    let mut rewards = Vec::with_capacity(state.campaign.rewards.len());
    for reward in &state.campaign.rewards {
        let figures = progress.iter().find(|p| p.reward_id == reward.id.as_str()).cloned().unwrap_or_default();
        let sessions = crate::services::seats::all(&state.db.read, reward.id.as_str())
            .await?
            .into_iter()
            .map(|s| SessionRow::of(state, s, lang))
            .collect();
        rewards.push(RewardRow {
            id: reward.id.to_string(),
            title: reward.title.get(lang).to_owned(),
            owed: figures.owed,
            to_prepare: figures.to_prepare(),
            ready: figures.ready,
            shipped: figures.shipped,
            delivered: figures.delivered,
            problem: figures.problem,
            sessions,
        });
    }
    let body = Overview { rewards, flash: flash.map(FlashView::of) };
    let page = super::team_page(state, lang, &here.0, "team-delivery-title", &session, &csrf, body);
    Ok(Template::render("team_delivery", page))
}

/// One backer of a reward on its page.
#[derive(Serialize)]
struct BackerRow {
    id: i64,
    reference: String,
    name: String,
    email: String,
    /// "Couleur : Indigo", each choice made.
    choices: Vec<String>,
    session: Option<String>,
    paid: bool,
    state: String,
    /// The step's name, for the check-in button to know.
    attended: bool,
    tracking: Option<String>,
    tracking_url: Option<String>,
    note: Option<String>,
    /// The postal address, on one line, for a reward sent by post.
    address: Option<String>,
    /// "Question : answer", each survey question answered.
    answers: Vec<String>,
    /// The reward asks questions and none was answered yet.
    no_answers: bool,
}

#[derive(Serialize)]
struct StepChoice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct RewardPage {
    id: String,
    title: String,
    /// The session whose attendance list this is.
    session: Option<SessionRow>,
    rows: Vec<BackerRow>,
    /// How many of those listed came, and how many are listed.
    present: usize,
    listed: usize,
    /// The steps, to filter by and to move to.
    steps: Vec<StepChoice>,
    /// The step the list is filtered by.
    filter: Option<String>,
    flash: Option<FlashView>,
    /// The list stopped at its limit.
    truncated: bool,
    /// The reward goes by post: its addresses are listed and exported.
    shipped: bool,
    /// Listed backers of a reward sent by post who have not given their address yet.
    missing: usize,
    /// The list shows only those.
    missing_only: bool,
    /// The reward asks questions: their answers are listed and exported.
    surveyed: bool,
}

/// "Label: value", with the space before the colon that French typography wants.
fn labelled(label: &str, value: &str, lang: Lang) -> String {
    i18n::t_args(lang, "labelled", &[("label", label.to_owned()), ("value", value.to_owned())])
}

/// "Question : answer" for each question of `reward` answered, in the file's order.
fn answers_shown(
    reward: &crate::config::campaign::Reward,
    answers: Option<&std::collections::BTreeMap<String, String>>,
    lang: Lang,
) -> Vec<String> {
    let Some(answers) = answers else { return Vec::new() };
    reward
        .survey
        .iter()
        .filter_map(|q| answers.get(&q.id).map(|a| labelled(q.question.get(lang), &survey::shown(q, a, lang), lang)))
        .collect()
}

/// An address on one line, as the list shows it.
fn one_line(address: &entity::address::Model) -> String {
    let building = address.building.as_deref().map(|b| format!("{b}, ")).unwrap_or_default();
    format!(
        "{}, {}, {building}{} {}, {}",
        address.name, address.street, address.postcode, address.town, address.country
    )
}

fn steps(lang: Lang, selected: Option<FulfilmentState>) -> Vec<StepChoice> {
    FulfilmentState::all()
        .map(|s| StepChoice {
            value: s.to_string(),
            label: i18n::t(lang, &format!("fulfilment-state-{s}")),
            selected: selected == Some(s),
        })
        .collect()
}

#[get("/team/delivery/<reward>?<session>&<step>&<missing>")]
#[allow(clippy::too_many_arguments)]
async fn reward_page(
    state: &State<AppState>,
    team: TeamSession,
    lang: Lang,
    here: Here,
    csrf: CsrfToken,
    reward: &str,
    session: Option<&str>,
    step: Option<&str>,
    missing: Option<&str>,
    flash: Option<FlashMessage<'_>>,
) -> Result<Template, PageError> {
    let config = state.campaign.reward(reward).ok_or(AppError::NotFound)?;
    let shipped = config.fulfilment == crate::config::campaign::Fulfilment::Shipped;
    let missing_only = shipped && missing == Some("address");
    let session = match session.filter(|s| !s.is_empty()) {
        Some(id) => {
            let all = crate::services::seats::all(&state.db.read, reward).await?;
            Some(all.into_iter().find(|s| s.id == id).ok_or(AppError::NotFound)?)
        }
        None => None,
    };
    let step: Option<FulfilmentState> = step.and_then(|s| s.parse().ok());
    let pledges = crate::services::pledge_list::of_reward(
        &state.db,
        reward,
        session.as_ref().map(|s| s.id.as_str()),
        MAX_ROWS + 1,
    )
    .await?;
    let truncated = pledges.len() as u64 > MAX_ROWS;
    let ids: Vec<i64> = pledges.iter().map(|p| p.id).collect();
    let steps_of = fulfilment::of_many(&state.db, &ids).await?;
    let addresses_of = addresses::of_many(&state.db, &ids).await?;
    let chosen = reward_options::chosen_many(&state.db.read, &ids).await?;
    let answered = survey::of_many(&state.db, &ids).await?;
    let sessions: HashMap<String, String> = crate::services::seats::all(&state.db.read, reward)
        .await?
        .into_iter()
        .map(|s| (s.id, i18n::span(instant(s.starts_ms), instant(s.ends_ms), state.campaign.time_zone, lang)))
        .collect();
    // Those who still owe the team an address: not once their parcel left or waits at the door.
    let lacks_address = |p: &&entity::pledge::Model| {
        shipped
            && !addresses_of.contains_key(&p.id)
            && addresses::open_for_change(steps_of.get(&p.id).map(|f| f.state))
            && steps_of.get(&p.id).is_none_or(|f| f.state != FulfilmentState::Ready)
    };
    let missing = pledges.iter().take(MAX_ROWS as usize).filter(lacks_address).count();
    let rows: Vec<BackerRow> = pledges
        .iter()
        .take(MAX_ROWS as usize)
        .filter(|p| !missing_only || lacks_address(p))
        .filter_map(|p| {
            let found = steps_of.get(&p.id);
            let current = found.map_or(FulfilmentState::ToPrepare, |f| f.state);
            if step.is_some_and(|wanted| wanted != current) {
                return None;
            }
            let choices = chosen
                .get(&p.id)
                .map(|made| {
                    made.iter()
                        .map(|(name, value)| {
                            let choice = config.choices.iter().find(|c| &c.name == name);
                            let label = choice.map_or(name.as_str(), |c| c.label.get(lang));
                            let value = choice
                                .and_then(|c| c.values.iter().find(|v| &v.id == value))
                                .map_or(value.as_str(), |v| v.label.get(lang));
                            labelled(label, value, lang)
                        })
                        .collect()
                })
                .unwrap_or_default();
            Some(BackerRow {
                id: p.id,
                reference: p.reference.clone(),
                name: p.name.clone(),
                email: p.email.clone(),
                choices,
                session: p.session_id.as_ref().map(|s| sessions.get(s).cloned().unwrap_or_else(|| s.clone())),
                paid: p.payment_state == PaymentState::Paid,
                state: i18n::t(lang, &format!("fulfilment-state-{current}")),
                attended: current == FulfilmentState::Attended,
                tracking_url: found.and_then(|f| f.tracking.as_deref()).map(fulfilment::tracking_url),
                tracking: found.and_then(|f| f.tracking.clone()),
                note: found.and_then(|f| f.note.clone()),
                address: addresses_of.get(&p.id).map(one_line),
                answers: answers_shown(config, answered.get(&p.id), lang),
                no_answers: survey::lacks_answers(config, answered.get(&p.id)),
            })
        })
        .collect();
    let present = rows.iter().filter(|r| r.attended).count();
    let listed = rows.len();
    let title_key = if session.is_some() { "team-attendance-title" } else { "team-delivery-reward-title" };
    let body = RewardPage {
        id: reward.to_owned(),
        title: config.title.get(lang).to_owned(),
        session: session.map(|s| SessionRow::of(state, s, lang)),
        present,
        listed,
        rows,
        steps: steps(lang, step),
        filter: step.map(|s| s.to_string()),
        flash: flash.map(FlashView::of),
        truncated,
        shipped,
        missing,
        missing_only,
        surveyed: !config.survey.is_empty(),
    };
    let page = super::team_page(state, lang, &here.0, title_key, &team, &csrf, body);
    Ok(Template::render("team_delivery_reward", page))
}

/// The step form of a reward's page: the ticked pledges and where they go, or one check-in.
#[derive(Debug, FromForm)]
struct StepForm {
    csrf: Option<String>,
    ids: Vec<i64>,
    state: Option<String>,
    tracking: Option<String>,
    note: Option<String>,
    /// A pledge checked in at the door, by its own button.
    check_in: Option<i64>,
    /// Back to this session's list.
    session: Option<String>,
}

/// Where a reward's page is, for the way back to it.
fn reward_path(reward: &str, session: Option<&str>) -> String {
    let reward = rocket::http::RawStr::new(reward).percent_encode();
    match session.filter(|s| !s.is_empty()) {
        Some(session) => {
            format!("/team/delivery/{reward}?session={}", rocket::http::RawStr::new(session).percent_encode())
        }
        None => format!("/team/delivery/{reward}"),
    }
}

#[post("/team/delivery/<reward>/steps", data = "<form>")]
async fn move_pledges(
    state: &State<AppState>,
    team: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    reward: &str,
    form: Form<StepForm>,
) -> Result<Flash<Redirect>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    state.campaign.reward(reward).ok_or(AppError::NotFound)?;
    let back = Redirect::to(reward_path(reward, form.session.as_deref()));
    let (ids, change) = match form.check_in {
        Some(id) => (vec![id], Ok(Change { state: FulfilmentState::Attended, tracking: None, note: None })),
        None => (
            form.ids.clone(),
            Change::parse(form.state.as_deref().unwrap_or(""), form.tracking.as_deref(), form.note.as_deref()),
        ),
    };
    let change = match change {
        Ok(change) => change,
        Err(error) => return Ok(Flash::error(back, error.message(lang, &state.campaign.currency))),
    };
    if ids.is_empty() {
        return Ok(Flash::error(back, i18n::t(lang, "team-bulk-none")));
    }
    // Only this reward's pledges: a forged id of another reward moves nothing.
    let ids = crate::services::pledge_list::of_reward_among(&state.db, reward, &ids).await?;
    let moved = fulfilment::apply(&state.db, &state.letters, &ids, &change, state.clock.now()).await?;
    tracing::info!(member = %team.member.email, reward, moved, state = %change.state, "rewards moved on");
    let message = if form.check_in.is_some() {
        i18n::t(lang, "team-checked-in")
    } else {
        i18n::t_count(lang, "team-delivery-moved", "count", moved as u64)
    };
    Ok(Flash::success(back, message))
}

/// The addresses of a reward's backers for the post office's labels: one line per parcel still
/// to send (to prepare or ready), semicolons as Swiss spreadsheets expect, UTF-8 with a
/// byte-order mark.
#[get("/team/delivery/<reward>/addresses.csv")]
async fn export_addresses(state: &State<AppState>, _team: TeamSession, reward: &str) -> Result<CsvDownload, PageError> {
    state.campaign.reward(reward).ok_or(AppError::NotFound)?;
    let pledges = crate::services::pledge_list::of_reward(&state.db, reward, None, u64::MAX >> 1).await?;
    let ids: Vec<i64> = pledges.iter().map(|p| p.id).collect();
    let steps_of = fulfilment::of_many(&state.db, &ids).await?;
    let addresses_of = addresses::of_many(&state.db, &ids).await?;
    let header = ["reference", "name", "street", "building", "postcode", "town", "country"].map(str::to_owned);
    let rows = pledges.iter().filter_map(|p| {
        let step = steps_of.get(&p.id).map(|f| f.state);
        if !addresses::open_for_change(step) {
            return None;
        }
        let a = addresses_of.get(&p.id)?;
        Some([
            defused(&p.reference),
            defused(&a.name),
            defused(&a.street),
            defused(a.building.as_deref().unwrap_or_default()),
            defused(&a.postcode),
            defused(&a.town),
            a.country.clone(),
        ])
    });
    let lines = csv_lines(std::iter::once(header).chain(rows), Separator::Semicolon)
        .map_err(|e| AppError::internal("writing the addresses", e))?;
    Ok(CsvDownload { file_name: format!("{reward}-addresses.csv"), text: format!("\u{feff}{lines}") })
}

/// A CSV file to download.
struct CsvDownload {
    file_name: String,
    text: String,
}

/// The answers to a reward's survey: one line per backer who counts, one column per question
/// (the text typed, or the label of the value chosen), in the team's language.
#[get("/team/delivery/<reward>/answers.csv")]
async fn export_answers(
    state: &State<AppState>,
    _team: TeamSession,
    lang: Lang,
    reward: &str,
) -> Result<CsvDownload, PageError> {
    let config = state.campaign.reward(reward).ok_or(AppError::NotFound)?;
    let pledges = crate::services::pledge_list::of_reward(&state.db, reward, None, u64::MAX >> 1).await?;
    let ids: Vec<i64> = pledges.iter().map(|p| p.id).collect();
    let answered = survey::of_many(&state.db, &ids).await?;
    let header: Vec<String> = ["reference", "name", "email"]
        .into_iter()
        .map(str::to_owned)
        .chain(config.survey.iter().map(|q| defused(q.question.get(lang))))
        .collect();
    let rows = pledges.iter().map(|p| {
        let answers = answered.get(&p.id);
        [defused(&p.reference), defused(&p.name), defused(&p.email)]
            .into_iter()
            .chain(config.survey.iter().map(|q| {
                answers.and_then(|a| a.get(&q.id)).map(|a| defused(&survey::shown(q, a, lang))).unwrap_or_default()
            }))
            .collect::<Vec<String>>()
    });
    let lines = csv_lines(std::iter::once(header).chain(rows), Separator::Semicolon)
        .map_err(|e| AppError::internal("writing the answers", e))?;
    Ok(CsvDownload { file_name: format!("{reward}-answers.csv"), text: format!("\u{feff}{lines}") })
}

impl<'r> rocket::response::Responder<'r, 'static> for CsvDownload {
    fn respond_to(self, request: &'r rocket::Request<'_>) -> rocket::response::Result<'static> {
        rocket::Response::build_from(self.text.respond_to(request)?)
            .header(rocket::http::ContentType::new("text", "csv").with_params(("charset", "utf-8")))
            .raw_header("Content-Disposition", format!("attachment; filename=\"{}\"", self.file_name))
            .ok()
    }
}

/// The post office's file as uploaded.
#[derive(FromForm)]
struct ImportForm<'r> {
    csrf: Option<String>,
    file: Option<Capped<TempFile<'r>>>,
}

async fn read_text(file: Option<&Capped<TempFile<'_>>>) -> Result<String, AppError> {
    let bytes = super::payments::forms::read_upload(file).await?;
    if bytes.len() > MAX_IMPORT {
        return Err(AppError::invalid("file", "team-payments-file-too-large"));
    }
    // The post office's exports are UTF-8 or, from older spreadsheets, Latin-1.
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| e.into_bytes().iter().map(|&b| char::from(b)).collect()))
}

#[post("/team/delivery/import", data = "<form>")]
async fn import_tracking(
    state: &State<AppState>,
    team: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    form: Result<Form<ImportForm<'_>>, Errors<'_>>,
) -> Result<Flash<Redirect>, PageError> {
    let back = || Redirect::to("/team/delivery");
    let refused = |error: AppError| Ok(Flash::error(back(), error.message(lang, &state.campaign.currency)));
    let form = match form {
        Ok(form) => form.into_inner(),
        Err(_) => return refused(AppError::invalid("file", "team-payments-file-too-large")),
    };
    csrf::verify(jar, form.csrf.as_deref())?;
    let text = match read_text(form.file.as_ref()).await {
        Ok(text) => text,
        Err(error) => return refused(error),
    };
    match fulfilment::import(&state.db, &state.letters, &text, state.clock.now()).await {
        Ok(shipped) => {
            tracing::info!(member = %team.member.email, shipped, "tracking numbers imported");
            Ok(Flash::success(back(), i18n::t_count(lang, "team-delivery-imported", "count", shipped as u64)))
        }
        Err(error) if error.is_internal() => Err(error.into()),
        Err(error) => refused(error),
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![overview, reward_page, move_pledges, import_tracking, export_addresses, export_answers]
}
