//! The payment page's forms: each does one thing and comes back to the page with a message
//! saying what it did, or why nothing changed.

use rocket::data::Capped;
use rocket::form::{Errors, Form, FromForm};
use rocket::fs::TempFile;
use rocket::http::CookieJar;
use rocket::response::{Flash, Redirect};
use rocket::{State, post, routes};
use tokio::io::AsyncReadExt;

use super::PAGE;
use crate::app::AppState;
use crate::domain::{Lang, Money};
use crate::error::AppError;
use crate::i18n;
use crate::routes::csrf::{self, CsrfOnly};
use crate::routes::errors::PageError;
use crate::routes::team::session::TeamSession;
use crate::services::bank_import::{self, ImportError, ImportReport};
use crate::services::treasury::{self, Hand, Outcome, PledgeKey};

/// The way back to the page, telling what a form did; a refusal the team can act on is told
/// the same way, and only the server's own failures (and a missing form token) are errors.
fn told(app: &AppState, lang: Lang, result: Result<String, AppError>) -> Result<Flash<Redirect>, PageError> {
    let back = || Redirect::to(PAGE);
    match result {
        Ok(message) => Ok(Flash::success(back(), message)),
        Err(error) if error.is_internal() || matches!(error, AppError::Forbidden) => Err(error.into()),
        Err(error) => Ok(Flash::error(back(), error.message(lang, &app.campaign.currency))),
    }
}

/// The hand of the member `session` names, now.
fn hand<'a>(app: &'a AppState, session: &'a TeamSession) -> Hand<'a> {
    Hand {
        campaign: &app.campaign,
        campaign_id: app.campaign_id,
        letters: &app.letters,
        by: &session.member.email,
        now: app.clock.now(),
    }
}

/// What an action did to its pledge, in words.
fn outcome_message(lang: Lang, key: &str, outcome: &Outcome, amount: Option<&str>) -> String {
    let mut args = vec![
        ("reference", outcome.reference.clone()),
        ("state", i18n::t(lang, &format!("payment-state-{}", outcome.state))),
    ];
    if let Some(amount) = amount {
        args.push(("amount", amount.to_owned()));
    }
    let mut message = i18n::t_args(lang, key, &args);
    if outcome.became_paid {
        message.push(' ');
        message.push_str(&i18n::t(lang, "team-payments-receipt"));
    }
    message
}

/// The bank file as uploaded.
#[derive(FromForm)]
struct ImportForm<'r> {
    csrf: Option<String>,
    file: Option<Capped<TempFile<'r>>>,
}

/// Reads the uploaded file, refusing an empty or truncated one.
pub(in crate::routes::team) async fn read_upload(file: Option<&Capped<TempFile<'_>>>) -> Result<Vec<u8>, AppError> {
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        return Err(AppError::invalid("file", "team-payments-no-file"));
    };
    if !file.is_complete() {
        return Err(AppError::invalid("file", "team-payments-file-too-large"));
    }
    let unreadable = |_| AppError::invalid("file", "team-payments-file-unreadable");
    let mut bytes = Vec::with_capacity(file.len() as usize);
    file.open().await.map_err(unreadable)?.read_to_end(&mut bytes).await.map_err(unreadable)?;
    Ok(bytes)
}

fn import_message(lang: Lang, report: &ImportReport) -> String {
    let args = [
        ("kind", report.kind.clone()),
        ("movements", report.movements.to_string()),
        ("matched", report.matched.to_string()),
        ("unmatched", report.unmatched.to_string()),
        ("known", report.known.to_string()),
        ("paid", report.paid.to_string()),
    ];
    let key = if report.seen_before { "team-payments-imported-again" } else { "team-payments-imported" };
    i18n::t_args(lang, key, &args)
}

/// Imports the bank's camt.054 or camt.053 file, as `bobine payments import` does.
#[post("/team/payments/import", data = "<form>")]
async fn import_bank_file(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    form: Result<Form<ImportForm<'_>>, Errors<'_>>,
) -> Result<Flash<Redirect>, PageError> {
    let form = match form {
        Ok(form) => form.into_inner(),
        // Nothing of the form could be read (nearly always its size): nothing was done.
        Err(_) => return told(app, lang, Err(AppError::invalid("file", "team-payments-file-too-large"))),
    };
    csrf::verify(jar, form.csrf.as_deref())?;
    if app.campaign.payments.is_none() {
        return told(app, lang, Err(AppError::invalid("payments", "team-payments-off")));
    }
    let bytes = match read_upload(form.file.as_ref()).await {
        Ok(bytes) => bytes,
        Err(error) => return told(app, lang, Err(error)),
    };
    let by = Some(session.member.email.as_str());
    let imported =
        bank_import::import(&app.db, &app.campaign, app.campaign_id, &app.letters, &bytes, by, app.clock.now()).await;
    let result = match imported {
        Ok(report) => {
            tracing::info!(member = %session.member.email, kind = %report.kind, matched = report.matched, unmatched = report.unmatched, "bank file imported");
            app.writer.figures_changed();
            Ok(import_message(lang, &report))
        }
        Err(ImportError::Refused(reason)) => {
            // The reason travels in the flash cookie: a few hundred characters at most.
            let reason: String = reason.chars().take(300).collect();
            return Ok(Flash::error(
                Redirect::to(PAGE),
                i18n::t_args(lang, "team-payments-refused", &[("reason", reason)]),
            ));
        }
        Err(ImportError::App(error)) => Err(error),
    };
    told(app, lang, result)
}

/// A pledge named by the team: its reference or its backer's email.
#[derive(Debug, FromForm)]
struct MatchForm {
    csrf: Option<String>,
    pledge: Option<String>,
}

/// Matches an unmatched bank transaction to a pledge.
#[post("/team/payments/transactions/<id>/match", data = "<form>")]
async fn match_transaction(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    id: i64,
    form: Form<MatchForm>,
) -> Result<Flash<Redirect>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let result = async {
        let key = PledgeKey::parse(form.pledge.as_deref().unwrap_or_default())?;
        let matched = treasury::match_transaction(&app.db, &hand(app, &session), id, &key).await?;
        Ok(match matched {
            Some(outcome) => {
                app.writer.figures_changed();
                outcome_message(lang, "team-payments-matched", &outcome, None)
            }
            None => i18n::t(lang, "team-payments-already-decided"),
        })
    }
    .await;
    told(app, lang, result)
}

/// Sets an unmatched bank transaction aside: it is not the campaign's money.
#[post("/team/payments/transactions/<id>/not-ours", data = "<form>")]
async fn set_transaction_aside(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    id: i64,
    form: Form<CsrfOnly>,
) -> Result<Flash<Redirect>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let result = treasury::set_aside(&app.db, id, &session.member.email).await.map(|done| {
        let key = if done { "team-payments-set-aside" } else { "team-payments-already-decided" };
        i18n::t(lang, key)
    });
    told(app, lang, result)
}

/// An amount of money and a note, with the pledge it is for when the address does not say.
#[derive(Debug, FromForm)]
struct MoneyForm {
    csrf: Option<String>,
    pledge: Option<String>,
    amount: Option<String>,
    note: Option<String>,
}

impl MoneyForm {
    fn amount(&self) -> Result<Money, AppError> {
        Ok(Money::parse(self.amount.as_deref().unwrap_or_default())?)
    }

    fn note(&self) -> Option<String> {
        treasury::note(self.note.as_deref())
    }
}

/// Records a refund the team made.
#[post("/team/payments/refunds/<pledge_id>", data = "<form>")]
async fn record_refund(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    pledge_id: i64,
    form: Form<MoneyForm>,
) -> Result<Flash<Redirect>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let result = async {
        let amount = form.amount()?;
        let outcome = treasury::record_refund(&app.db, &hand(app, &session), pledge_id, amount, form.note()).await?;
        app.writer.figures_changed();
        let shown = format!("{} {}", app.campaign.currency, amount.display(lang.thousands()));
        Ok(outcome_message(lang, "team-payments-refund-recorded", &outcome, Some(&shown)))
    }
    .await;
    told(app, lang, result)
}

/// Records money received by hand.
#[post("/team/payments/by-hand", data = "<form>")]
async fn record_payment(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    form: Form<MoneyForm>,
) -> Result<Flash<Redirect>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let result = async {
        let key = PledgeKey::parse(form.pledge.as_deref().unwrap_or_default())?;
        let amount = form.amount()?;
        let outcome = treasury::record_payment(&app.db, &hand(app, &session), &key, amount, form.note()).await?;
        app.writer.figures_changed();
        let shown = format!("{} {}", app.campaign.currency, amount.display(lang.thousands()));
        Ok(outcome_message(lang, "team-payments-payment-recorded", &outcome, Some(&shown)))
    }
    .await;
    told(app, lang, result)
}

/// Charges an errored pledge's saved card or TWINT again now.
#[post("/team/payments/charges/<pledge_id>/retry", data = "<form>")]
async fn retry_charge(
    app: &State<AppState>,
    _session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    pledge_id: i64,
    form: Form<CsrfOnly>,
) -> Result<Flash<Redirect>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let result = async {
        let cards = app.cards.as_ref().ok_or(AppError::NotFound)?;
        let reference = crate::services::cards::team::retry(cards, pledge_id, app.clock.now()).await?;
        Ok(i18n::t_args(lang, "team-cards-retried", &[("reference", reference)]))
    }
    .await;
    told(app, lang, result)
}

pub(super) fn routes() -> Vec<rocket::Route> {
    routes![import_bank_file, match_transaction, set_transaction_aside, record_refund, record_payment, retry_charge]
}
