//! The campaign team's side: login, first-run setup, the dashboard, the lists, the posters,
//! the news.

pub mod chart;
mod csv_export;
pub mod dashboard;
pub mod delivery;
pub mod designers;
pub mod device;
pub mod login;
pub mod news;
pub mod offers;
pub mod outbox;
pub mod payments;
pub mod people;
pub mod pledges;
pub mod posters;
pub mod questions;
pub mod session;
pub mod streams;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Duration, Utc};

use serde::Serialize;

use self::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::throttle::Throttle;
use crate::routes::csrf::CsrfToken;
use crate::routes::views::Page;

use self::streams::LiveStreams;
pub use self::streams::MAX_STREAMS;

/// What the team's pages keep between requests, in this process.
#[derive(Debug)]
pub struct TeamState {
    /// Failed logins per account and per address.
    pub throttle: Mutex<Throttle>,
    /// The one-time link that lets the first member choose a password.
    pub setup: Mutex<Option<SetupLink>>,
    /// The live streams each member holds open here.
    pub streams: Arc<LiveStreams>,
}

/// A first-run setup link: its secret, and until when it works.
#[derive(Debug, Clone)]
pub struct SetupLink {
    pub token: String,
    pub expires: DateTime<Utc>,
}

/// How many failed logins an account or an address may make in [`THROTTLE_WINDOW`].
pub const MAX_FAILED_LOGINS: usize = 5;
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);

impl Default for TeamState {
    fn default() -> Self {
        TeamState {
            throttle: Mutex::new(Throttle::new(MAX_FAILED_LOGINS, THROTTLE_WINDOW)),
            setup: Mutex::new(None),
            streams: Arc::default(),
        }
    }
}

impl TeamState {
    /// The login throttle. A panic elsewhere while it was held leaves it usable: it only
    /// counts failures.
    pub fn throttle(&self) -> MutexGuard<'_, Throttle> {
        self.throttle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The first-run setup link, if one is on offer.
    pub fn setup_link(&self) -> MutexGuard<'_, Option<SetupLink>> {
        self.setup.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The bar at the top of every team page: who is logged in, and the logout form's token.
#[derive(Debug, Serialize)]
pub struct TeamBar {
    pub member: String,
    pub csrf: String,
}

/// What the last form did, as its page shows it again.
#[derive(Debug, Serialize)]
pub struct FlashView {
    pub error: bool,
    pub message: String,
}

impl FlashView {
    pub fn of(flash: rocket::request::FlashMessage<'_>) -> FlashView {
        FlashView { error: flash.kind() == "error", message: flash.message().to_owned() }
    }
}

/// A team page: the bar beside the page's own fields.
#[derive(Debug, Serialize)]
pub struct TeamPage<T> {
    #[serde(flatten)]
    pub bar: TeamBar,
    #[serde(flatten)]
    pub body: T,
}

/// The team page at `path`, titled by the message `title_key`.
pub fn team_page<T: Serialize>(
    state: &AppState,
    lang: Lang,
    path: &str,
    title_key: &str,
    session: &TeamSession,
    csrf: &CsrfToken,
    body: T,
) -> Page<TeamPage<T>> {
    let bar = TeamBar { member: session.member.email.clone(), csrf: csrf.0.clone() };
    Page::new(state, lang, path, TeamPage { bar, body }).titled(crate::i18n::t(lang, title_key))
}

/// The paging of a team list: how many in all, this page of how many, and the links to the
/// previous and next pages.
#[derive(Debug, Serialize)]
pub struct Paging {
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// The page a list was asked for: 1 when none or 0, and never so far that counting its
/// offset would overflow (such a page is simply empty).
pub fn page_number(asked: Option<u64>) -> u64 {
    const LAST: u64 = 1_000_000_000;
    asked.unwrap_or(1).clamp(1, LAST)
}

/// The paging of `total` items, `per_page` a page, at `page`; `link` draws a page's address.
pub fn paging(total: u64, page: u64, per_page: u64, link: impl Fn(u64) -> String) -> Paging {
    let pages = total.div_ceil(per_page).max(1);
    Paging {
        total,
        page,
        pages,
        previous: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
    }
}

/// Every route of the team's side.
pub fn routes() -> Vec<rocket::Route> {
    [
        login::routes(),
        dashboard::routes(),
        pledges::routes(),
        delivery::routes(),
        payments::routes(),
        outbox::routes(),
        offers::routes(),
        designers::routes(),
        posters::routes(),
        news::routes(),
        questions::routes(),
        people::routes(),
    ]
    .concat()
}
