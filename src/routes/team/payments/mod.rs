//! The team's payment page: the money figures, the upload of the bank's file, the bank
//! transactions no reference matched, the refunds to make, and payments received by hand.
//! Each form does one thing through [`crate::services::treasury`] and comes back here with a
//! message saying what it did, or why nothing changed.

pub(super) mod forms;

use rocket::request::FlashMessage;
use rocket::{State, get, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::FlashView;
use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::{Amount, Lang};
use crate::i18n;
use crate::routes::csrf::CsrfToken;
use crate::routes::errors::PageError;
use crate::services::cards::disputes::{self, DisputeMoney};
use crate::services::cards::team as card_team;
use crate::services::treasury::{self, PaymentFigures};

const PAGE: &str = "/team/payments";

#[get("/team/payments")]
async fn show_payments(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
    flash: Option<FlashMessage<'_>>,
) -> Result<Template, PageError> {
    let money = |amount: Amount| amount.display(lang.thousands());
    let figures = treasury::figures(&app.db, app.campaign_id).await?;
    let (unmatched, unmatched_total) = treasury::unmatched(&app.db).await?;
    let (refunds, refunds_total) = treasury::refunds_due(&app.db, app.campaign_id).await?;
    let body = PaymentsPage {
        payments_on: app.campaign.payments.is_some(),
        example_account: app.campaign.payments.as_ref().is_some_and(|p| p.is_example_account()),
        figures: FiguresView::new(&figures, lang),
        flash: flash.map(FlashView::of),
        unmatched: unmatched
            .into_iter()
            .map(|t| UnmatchedRow {
                id: t.id,
                reversal: t.reversal,
                amount: money(t.amount),
                currency: t.currency,
                date: t.booked_on.map(|day| i18n::day(day, lang)).unwrap_or_default(),
                reference: t.reference,
                payer_name: t.payer_name,
                payer_iban: t.payer_iban,
                message: t.message,
            })
            .collect(),
        unmatched_total,
        refunds: refunds
            .into_iter()
            .map(|r| RefundRow {
                pledge_id: r.pledge_id,
                reference: r.reference,
                name: r.name,
                email: r.email,
                due: money(r.due),
                due_value: r.due.to_string(),
                state_label: i18n::t(lang, &format!("payment-state-{}", r.state)),
                payer_iban: r.payer_iban,
            })
            .collect(),
        refunds_total,
        listed: treasury::LISTED,
        cards: cards_view(app, lang).await?,
    };
    let page = super::team_page(app, lang, PAGE, "team-payments-title", &session, &csrf, body);
    Ok(Template::render("team_payments", page))
}

/// The payment page.
#[derive(Serialize)]
struct PaymentsPage {
    /// The campaign file has a `[payments]` section.
    payments_on: bool,
    /// Bills name the standard's example account, which no bank credits.
    example_account: bool,
    figures: FiguresView,
    flash: Option<FlashView>,
    unmatched: Vec<UnmatchedRow>,
    unmatched_total: u64,
    refunds: Vec<RefundRow>,
    refunds_total: u64,
    /// How many of each list the page shows at most.
    listed: u64,
    /// Cards and TWINT, when the campaign offers them.
    cards: Option<CardsView>,
}

/// Cards and TWINT for the team.
#[derive(Serialize)]
struct CardsView {
    /// The latest problem reaching Stripe, if calls fail.
    trouble: Option<String>,
    methods: Vec<MethodRow>,
    errored: Vec<ErroredRow>,
    errored_total: u64,
    /// Disputes of card payments, the newest first.
    disputes: Vec<DisputeRow>,
    disputes_total: u64,
}

#[derive(Serialize)]
struct MethodRow {
    label: String,
    pledges: i64,
    pledged: String,
    collected: String,
    errored: i64,
    dropped: i64,
}

#[derive(Serialize)]
struct ErroredRow {
    pledge_id: i64,
    reference: String,
    name: String,
    email: String,
    method: String,
    due: String,
    reason: String,
    since: String,
    reminders: i32,
    retryable: bool,
}

#[derive(Serialize)]
struct DisputeRow {
    id: String,
    reference: String,
    name: String,
    email: String,
    method: String,
    amount: String,
    reason: String,
    opened: String,
    money: String,
}

async fn cards_view(app: &AppState, lang: Lang) -> Result<Option<CardsView>, PageError> {
    let (Some(cards), Some(payments)) = (&app.cards, &app.campaign.payments) else {
        return Ok(None);
    };
    let money = |amount: Amount| amount.display(lang.thousands());
    let figures = card_team::figures(&app.db, app.campaign_id, &payments.methods).await?;
    let (errored, errored_total) = card_team::errored(&app.db, app.campaign_id, treasury::LISTED).await?;
    let (disputes, disputes_total) = disputes::listed(&app.db, app.campaign_id, treasury::LISTED).await?;
    let zone = app.campaign.time_zone;
    Ok(Some(CardsView {
        trouble: cards.trouble(),
        methods: figures
            .into_iter()
            .map(|f| MethodRow {
                label: i18n::t(lang, &format!("pay-by-{}", f.method)),
                pledges: f.pledges,
                pledged: money(f.pledged),
                collected: money(f.collected),
                errored: f.errored,
                dropped: f.dropped,
            })
            .collect(),
        errored: errored
            .into_iter()
            .map(|e| ErroredRow {
                pledge_id: e.pledge_id,
                reference: e.reference,
                name: e.name,
                email: e.email,
                method: i18n::t(lang, &format!("pay-by-{}", e.method)),
                due: money(e.due),
                reason: charge_reason(lang, &e.reason),
                since: e.since.map(|at| i18n::day(at.with_timezone(&zone).date_naive(), lang)).unwrap_or_default(),
                reminders: e.reminders,
                retryable: e.retryable,
            })
            .collect(),
        errored_total,
        disputes: disputes
            .into_iter()
            .map(|d| DisputeRow {
                id: d.id,
                reference: d.reference,
                name: d.name,
                email: d.email,
                method: i18n::t(lang, &format!("pay-by-{}", d.method)),
                amount: money(d.amount),
                reason: dispute_reason(lang, &d.reason),
                opened: i18n::day(d.opened.with_timezone(&zone).date_naive(), lang),
                money: i18n::t(
                    lang,
                    match d.money {
                        DisputeMoney::Untouched => "team-disputes-untouched",
                        DisputeMoney::Withdrawn => "team-disputes-withdrawn",
                        DisputeMoney::Reinstated => "team-disputes-reinstated",
                    },
                ),
            })
            .collect(),
        disputes_total,
    }))
}

/// Why the bank disputes a payment, in words: Stripe's common reasons have one, others show
/// as sent.
fn dispute_reason(lang: Lang, reason: &str) -> String {
    let known = ["fraudulent", "duplicate", "unrecognized", "product_not_received", "credit_not_processed", "general"];
    if known.contains(&reason) { i18n::t(lang, &format!("dispute-reason-{reason}")) } else { reason.to_owned() }
}

/// Why a charge failed, in words: Stripe's common codes have a sentence, others show as sent.
fn charge_reason(lang: Lang, code: &str) -> String {
    let key = format!("charge-error-{code}");
    let known =
        ["card_declined", "authentication_required", "no_method", "expired_card", "insufficient_funds", "unknown"];
    if known.contains(&code) { i18n::t(lang, &key) } else { code.to_owned() }
}

/// The payment figures written for people; the dashboard shows the same.
#[derive(Debug, Clone, Serialize)]
pub struct FiguresView {
    pub collected: String,
    pub outstanding: String,
    pub refund_due: String,
    pub refunded: String,
    pub dropped: String,
    pub dropped_pledges: i64,
}

impl FiguresView {
    pub fn new(figures: &PaymentFigures, lang: Lang) -> FiguresView {
        let money = |amount: Amount| amount.display(lang.thousands());
        FiguresView {
            collected: money(figures.collected),
            outstanding: money(figures.outstanding),
            refund_due: money(figures.refund_due),
            refunded: money(figures.refunded),
            dropped: money(figures.dropped),
            dropped_pledges: figures.dropped_pledges,
        }
    }
}

/// A bank transaction waiting for the team.
#[derive(Serialize)]
struct UnmatchedRow {
    id: i64,
    reversal: bool,
    amount: String,
    currency: String,
    date: String,
    reference: Option<String>,
    payer_name: Option<String>,
    payer_iban: Option<String>,
    message: Option<String>,
}

/// A pledge the team owes money back to.
#[derive(Serialize)]
struct RefundRow {
    pledge_id: i64,
    reference: String,
    name: String,
    email: String,
    due: String,
    /// What is due, as the amount field takes it (`50.00`).
    due_value: String,
    state_label: String,
    payer_iban: Option<String>,
}

pub fn routes() -> Vec<rocket::Route> {
    [routes![show_payments], forms::routes()].concat()
}
