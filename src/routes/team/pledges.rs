//! The pledges for fulfilment: a filtered, paged list, and a CSV export of the same filter.

use rocket::http::ContentType;
use rocket::request::Request;
use rocket::response::stream::ReaderStream;
use rocket::response::{self, Responder, Response};
use rocket::{FromForm, State, get, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::Paging;
use super::csv_export::{Separator, csv_lines, defused};
use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::states::PledgeState;
use crate::i18n;
use crate::routes::csrf::CsrfToken;
use crate::routes::errors::PageError;
use crate::routes::views::{self, Choice};
use crate::services::pledge_list::{self, PledgeFilter};
use crate::services::pledges::PledgeRecord;

const PER_PAGE: u64 = 50;
const EXPORT_CHUNK: u64 = 1_000;

/// The filter as the list's form sends it.
#[derive(Debug, Default, FromForm)]
struct Filter {
    reward: Option<String>,
    state: Option<String>,
    q: Option<String>,
}

impl Filter {
    fn service(&self) -> PledgeFilter {
        PledgeFilter {
            reward: self.reward.clone(),
            state: self.state.as_deref().and_then(|s| s.parse().ok()),
            search: self.q.clone(),
        }
    }

    /// The filter as a query string, to keep it across pages and in the export link.
    fn query(&self) -> String {
        let pairs = [("reward", &self.reward), ("state", &self.state), ("q", &self.q)];
        pairs
            .iter()
            .filter_map(|(name, value)| {
                value
                    .as_deref()
                    .filter(|v| !v.is_empty())
                    .map(|v| format!("{name}={}", rocket::http::RawStr::new(v).percent_encode()))
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn reward_title(state: &AppState, pledge: &PledgeRecord, lang: Lang) -> String {
    match pledge.reward_id.as_deref() {
        Some(id) => views::reward_title(state, id, lang),
        None => i18n::t(lang, "no-reward"),
    }
}

fn delivery(state: &AppState, pledge: &PledgeRecord, lang: Lang) -> String {
    let fulfilment = pledge.reward_id.as_deref().and_then(|id| state.campaign.reward(id)).map(|r| r.fulfilment);
    fulfilment.map(|f| views::fulfilment_label(f, lang)).unwrap_or_default()
}

#[get("/team/pledges?<page>&<filter..>")]
async fn list_pledges(
    state: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
    filter: Filter,
    page: Option<u64>,
) -> Result<Template, PageError> {
    let page = super::page_number(page);
    let wanted = filter.service();
    let (pledges, total) = pledge_list::page(&state.db, &wanted, page - 1, PER_PAGE).await?;
    let rows = pledges
        .iter()
        .map(|p| PledgeRow {
            reference: p.reference.clone(),
            token: p.token.clone(),
            name: p.name.clone(),
            email: p.email.clone(),
            reward: reward_title(state, p, lang),
            amount: p.amount.display(lang.thousands()),
            cancelled: !p.is_active(),
            at: views::moment(state, p.created_at, lang),
        })
        .collect();
    let query = filter.query();
    let link = |n: u64| format!("/team/pledges?{}{}page={n}", query, if query.is_empty() { "" } else { "&" });
    let rewards = state
        .campaign
        .rewards
        .iter()
        .map(|r| RewardChoice {
            id: r.id.to_string(),
            title: r.title.get(lang).to_owned(),
            selected: filter.reward.as_deref() == Some(r.id.as_str()),
        })
        .collect();
    let body = PledgesPage {
        rows,
        paging: super::paging(total, page, PER_PAGE, link),
        export: format!("/team/pledges.csv{}{}", if query.is_empty() { "" } else { "?" }, query),
        export_semicolon: format!(
            "/team/pledges.csv?sep=semicolon{}{}",
            if query.is_empty() { "" } else { "&" },
            query
        ),
        rewards,
        states: views::options(lang, PledgeState::all(), "team-", |s| wanted.state == Some(s)),
        filter: FilterView {
            no_reward: filter.reward.as_deref() == Some("none"),
            reward: filter.reward,
            state: filter.state,
            q: filter.q,
        },
    };
    let page = super::team_page(state, lang, "/team/pledges", "team-pledges-title", &session, &csrf, body);
    Ok(Template::render("team_pledges", page))
}

/// The pledges that match a filter, a page of them.
#[derive(Serialize)]
struct PledgesPage {
    rows: Vec<PledgeRow>,
    paging: Paging,
    /// The CSV export of the same filter, with commas and with semicolons.
    export: String,
    export_semicolon: String,
    rewards: Vec<RewardChoice>,
    /// The states to filter by, the chosen one selected.
    states: Vec<Choice>,
    filter: FilterView,
}

/// One pledge for fulfilment.
#[derive(Serialize)]
struct PledgeRow {
    reference: String,
    token: String,
    name: String,
    email: String,
    reward: String,
    amount: String,
    cancelled: bool,
    at: String,
}

/// A reward in the filter's select.
#[derive(Serialize)]
struct RewardChoice {
    id: String,
    title: String,
    selected: bool,
}

/// The filter as the form shows it again.
#[derive(Serialize)]
struct FilterView {
    reward: Option<String>,
    state: Option<String>,
    q: Option<String>,
    no_reward: bool,
}

/// A CSV file to download, whatever produces its text.
struct CsvFile<R>(R);

impl<'r, 'o: 'r, R: Responder<'r, 'o>> Responder<'r, 'o> for CsvFile<R> {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'o> {
        Response::build_from(self.0.respond_to(request)?)
            .header(ContentType::new("text", "csv").with_params(("charset", "utf-8")))
            .raw_header("Content-Disposition", "attachment; filename=\"pledges.csv\"")
            .ok()
    }
}

/// A piece of the export, or the failure that stops it. A failure breaks the download off
/// (the response ends without its last chunk), so the browser reports a failed download
/// instead of saving a file that looks complete but lacks pledges.
enum Piece {
    Text(std::io::Cursor<Vec<u8>>),
    Failed,
}

impl Piece {
    fn text(text: String) -> Piece {
        Piece::Text(std::io::Cursor::new(text.into_bytes()))
    }
}

impl tokio::io::AsyncRead for Piece {
    fn poll_read(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        match self.get_mut() {
            Piece::Text(text) => std::pin::Pin::new(text).poll_read(cx, buf),
            Piece::Failed => std::task::Poll::Ready(Err(std::io::Error::other("the pledge export stopped"))),
        }
    }
}

/// The CSV lines of a chunk of pledges.
fn chunk_lines(
    state: &AppState,
    chunk: &[PledgeRecord],
    lang: Lang,
    separator: Separator,
) -> Result<String, csv::Error> {
    let rows = chunk.iter().map(|p| {
        [
            defused(&p.reference),
            defused(&p.name),
            defused(&p.email),
            defused(&reward_title(state, p, lang)),
            p.amount.to_string(),
            p.state.to_string(),
            defused(&delivery(state, p, lang)),
            views::rfc3339(p.created_at),
            views::rfc3339(p.updated_at),
        ]
    });
    csv_lines(rows, separator)
}

/// The export. The first chunk is read before answering, so a database that fails from the
/// start gets an error page, not a file with only its header row.
#[get("/team/pledges.csv?<sep>&<filter..>")]
async fn export_pledges(
    state: &State<AppState>,
    _session: TeamSession,
    lang: Lang,
    sep: Option<Separator>,
    filter: Filter,
) -> Result<CsvFile<ReaderStream![Piece]>, PageError> {
    let separator = sep.unwrap_or(Separator::Comma);
    let state = state.inner().clone();
    let filter = filter.service();
    let headers = ["reference", "name", "email", "reward", "amount", "state", "delivery", "created", "updated"];
    let first = pledge_list::chunk(&state.db, &filter, 0, EXPORT_CHUNK).await?;
    let body = ReaderStream! {
        // A byte-order mark, so that spreadsheet programs read the accents right.
        let header = csv_lines([headers.map(str::to_owned)], separator).unwrap_or_default();
        yield Piece::text(format!("\u{feff}{header}"));
        let mut chunk = first;
        while let Some(last) = chunk.last() {
            let after = last.id;
            match chunk_lines(&state, &chunk, lang, separator) {
                Ok(lines) => yield Piece::text(lines),
                Err(error) => {
                    tracing::error!(%error, "the pledge export stopped");
                    yield Piece::Failed;
                    break;
                }
            }
            chunk = match pledge_list::chunk(&state.db, &filter, after, EXPORT_CHUNK).await {
                Ok(chunk) => chunk,
                Err(error) => {
                    tracing::error!(%error, "the pledge export stopped");
                    yield Piece::Failed;
                    break;
                }
            };
        }
    };
    Ok(CsvFile(body))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![list_pledges, export_pledges]
}
