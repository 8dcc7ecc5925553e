//! The pledges for fulfilment: a filtered, paged list, and a CSV export of the same filter.

use rocket::form::Form;
use rocket::http::ContentType;
use rocket::http::CookieJar;
use rocket::request::FlashMessage;
use rocket::request::Request;
use rocket::response::stream::ReaderStream;
use rocket::response::{self, Responder, Response};
use rocket::response::{Flash, Redirect};
use rocket::{FromForm, State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::Paging;
use super::csv_export::{Separator, csv_lines, defused};
use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::states::{PaymentState, PledgeState};
use crate::i18n;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::PageError;
use crate::routes::lang::Here;
use crate::routes::views::{self, Choice};
use crate::services::pledge_list::{self, ExportedPledge, PledgeFilter};
use crate::services::pledges::PledgeRecord;

const PER_PAGE: u64 = 50;
const EXPORT_CHUNK: u64 = 1_000;

/// The most pledges one bulk cancellation takes; the team sends it again for more.
const MAX_BULK: u64 = 10_000;

/// The filter as the list's form sends it.
#[derive(Debug, Default, Clone, FromForm)]
struct Filter {
    reward: Option<String>,
    state: Option<String>,
    /// Where the pledges' money stands (`PaymentState`).
    payment: Option<String>,
    q: Option<String>,
    /// The address the pledges came from.
    address: Option<String>,
    /// Placed from this local time of the campaign's zone (`2027-03-01T14:05`)…
    from: Option<String>,
    /// …until before this one: a minute's flood is `from=…14:05&until=…14:06`.
    until: Option<String>,
}

impl Filter {
    fn service(&self, zone: chrono_tz::Tz) -> PledgeFilter {
        PledgeFilter {
            reward: self.reward.clone(),
            state: self.state.as_deref().and_then(|s| s.parse().ok()),
            payment: self.payment.as_deref().and_then(|s| s.parse().ok()),
            search: self.q.clone(),
            address: self.address.clone(),
            from: self.from.as_deref().and_then(|at| local_time(at, zone)),
            until: self.until.as_deref().and_then(|at| local_time(at, zone)),
        }
    }

    /// The filter as a query string, to keep it across pages and in the export link.
    fn query(&self) -> String {
        let pairs = [
            ("reward", &self.reward),
            ("state", &self.state),
            ("payment", &self.payment),
            ("q", &self.q),
            ("address", &self.address),
            ("from", &self.from),
            ("until", &self.until),
        ];
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

/// A local time as a `datetime-local` field sends it (with or without seconds), in the
/// campaign's zone; `None` when it is not one, or does not exist there (a spring-forward gap).
fn local_time(text: &str, zone: chrono_tz::Tz) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::TimeZone;
    let text = text.trim();
    let naive = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    zone.from_local_datetime(&naive).earliest().map(|at| at.with_timezone(&chrono::Utc))
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
// A handler takes each request guard and each field of its query as an argument.
#[allow(clippy::too_many_arguments)]
async fn list_pledges(
    state: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    here: Here,
    csrf: CsrfToken,
    filter: Filter,
    page: Option<u64>,
    flash: Option<FlashMessage<'_>>,
) -> Result<Template, PageError> {
    let page = super::page_number(page);
    let wanted = filter.service(state.campaign.time_zone);
    let (pledges, total) = pledge_list::page(&state.db, &wanted, page - 1, PER_PAGE).await?;
    let rows = pledges
        .iter()
        .map(|p| PledgeRow {
            id: p.id,
            address: p.client_address.clone(),
            reference: p.reference.clone(),
            token: p.token.clone(),
            name: p.name.clone(),
            email: p.email.clone(),
            reward: reward_title(state, p, lang),
            amount: p.amount.display(lang.thousands()),
            cancelled: p.state == PledgeState::Cancelled,
            unconfirmed: p.state == PledgeState::Unconfirmed,
            payment: i18n::t(lang, &format!("payment-state-{}", p.payment.state)),
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
        payment_states: views::options(lang, PaymentState::all(), "payment-state-", |s| wanted.payment == Some(s)),
        filter: FilterView {
            no_reward: filter.reward.as_deref() == Some("none"),
            reward: filter.reward,
            state: filter.state,
            payment: filter.payment,
            q: filter.q,
            address: filter.address,
            from: filter.from,
            until: filter.until,
        },
        total,
        flash: flash.map(|f| f.message().to_owned()),
    };
    let page = super::team_page(state, lang, &here.0, "team-pledges-title", &session, &csrf, body);
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
    /// The payment states to filter by, the chosen one selected.
    payment_states: Vec<Choice>,
    filter: FilterView,
    /// How many pledges match, for the bulk cancellation's button.
    total: u64,
    flash: Option<String>,
}

/// One pledge for fulfilment.
#[derive(Serialize)]
struct PledgeRow {
    id: i64,
    /// The address the pledge came from, when known.
    address: Option<String>,
    reference: String,
    token: String,
    name: String,
    email: String,
    reward: String,
    amount: String,
    cancelled: bool,
    /// Waits for its backer's confirmation: counted nowhere yet.
    unconfirmed: bool,
    /// Where its money stands, in words.
    payment: String,
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
    payment: Option<String>,
    q: Option<String>,
    address: Option<String>,
    from: Option<String>,
    until: Option<String>,
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
    chunk: &[ExportedPledge],
    lang: Lang,
    separator: Separator,
) -> Result<String, csv::Error> {
    let rows = chunk.iter().map(|ExportedPledge { pledge: p, method }| {
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
            p.payment.state.to_string(),
            p.payment.paid.to_string(),
            p.payment.paid_at.map(views::rfc3339).unwrap_or_default(),
            method.to_string(),
            p.shipping_zone.map(|zone| zone.to_string()).unwrap_or_default(),
            p.shipping.to_string(),
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
    let filter = filter.service(state.campaign.time_zone);
    let headers = [
        "reference",
        "name",
        "email",
        "reward",
        "amount",
        "state",
        "delivery",
        "created",
        "updated",
        "payment_state",
        "paid",
        "paid_at",
        "method",
        "shipping_zone",
        "shipping",
    ];
    let first = pledge_list::export_chunk(&state.db, &filter, 0, EXPORT_CHUNK).await?;
    let body = ReaderStream! {
        // A byte-order mark, so that spreadsheet programs read the accents right.
        let header = csv_lines([headers.map(str::to_owned)], separator).unwrap_or_default();
        yield Piece::text(format!("\u{feff}{header}"));
        let mut chunk = first;
        while let Some(last) = chunk.last() {
            let after = last.pledge.id;
            match chunk_lines(&state, &chunk, lang, separator) {
                Ok(lines) => yield Piece::text(lines),
                Err(error) => {
                    tracing::error!(%error, "the pledge export stopped");
                    yield Piece::Failed;
                    break;
                }
            }
            chunk = match pledge_list::export_chunk(&state.db, &filter, after, EXPORT_CHUNK).await {
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

/// The team's bulk cancellation: the ticked pledges, or every one matching the filter.
#[derive(Debug, FromForm)]
struct BulkCancel {
    csrf: Option<String>,
    ids: Vec<i64>,
    /// Every pledge matching `filter`, not only those ticked.
    all: bool,
    /// Tell each backer by email (never an address that was not confirmed).
    tell: bool,
    filter: Filter,
}

/// Cancels many pledges at once, such as a flood of fake ones from one address or in one
/// minute, through the writer like any cancellation (counters and held units follow). By
/// default nobody is emailed: fake pledges name addresses that never asked for anything.
#[post("/team/pledges/cancel", data = "<form>")]
async fn cancel_pledges(
    state: &State<AppState>,
    _session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    form: Form<BulkCancel>,
) -> Result<Flash<Redirect>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let query = form.filter.query();
    let back = Redirect::to(format!("/team/pledges{}{query}", if query.is_empty() { "" } else { "?" }));
    let tokens = if form.all {
        pledge_list::cancellable(&state.db, &form.filter.service(state.campaign.time_zone), MAX_BULK).await?
    } else {
        let ids: Vec<i64> = form.ids.iter().copied().take(MAX_BULK as usize).collect();
        pledge_list::cancellable_among(&state.db, &ids).await?
    };
    if tokens.is_empty() {
        return Ok(Flash::error(back, i18n::t(lang, "team-bulk-none")));
    }
    // All at once: the writer groups them into a few commits.
    let tasks: Vec<_> = tokens
        .into_iter()
        .map(|token| {
            let writer = state.writer.clone();
            let tell = form.tell;
            tokio::spawn(async move { writer.cancel(&token, tell).await })
        })
        .collect();
    let (mut cancelled, mut refused) = (0u64, 0u64);
    for task in tasks {
        match task.await {
            Ok(Ok(_)) => cancelled += 1,
            Ok(Err(error)) if error.is_internal() => return Err(error.into()),
            _ => refused += 1,
        }
    }
    tracing::info!(cancelled, refused, "pledges cancelled by the team");
    let mut message = i18n::t_count(lang, "team-bulk-cancelled", "count", cancelled);
    if refused > 0 {
        message.push(' ');
        message.push_str(&i18n::t_count(lang, "team-bulk-refused", "count", refused));
    }
    Ok(Flash::success(back, message))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![list_pledges, export_pledges, cancel_pledges]
}
