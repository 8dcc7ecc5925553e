//! What a backer reads about their pledge's money: at every stage, what happens next.

use serde::Serialize;

use crate::app::AppState;
use crate::config::Payments;
use crate::config::campaign::FundingModel;
use crate::domain::qrbill::Reference;
use crate::domain::states::{MethodState, PaymentState, PledgeState};
use crate::domain::{Amount, CampaignState, Lang};
use crate::i18n;
use crate::services::bills::{self, pledge_number};
use crate::services::cards::checkout::{self, Purpose};
use crate::services::pledges::PledgeRecord;
use crate::services::settlement::{Plan, plan};

/// The payment part of the backer's page.
#[derive(Debug, Serialize)]
pub struct PaymentView {
    pub state: PaymentState,
    /// The state as people read it.
    pub label: String,
    /// What happens next, in one or two sentences.
    pub text: String,
    /// A bill to pay exists: the page links to it and shows how to pay without scanning.
    pub bill: bool,
    pub amount: String,
    pub due_date: Option<String>,
    pub iban: String,
    pub creditor: String,
    pub qr_reference: String,
    /// Paid by card or TWINT (through Stripe).
    pub by_stripe: bool,
    /// The label of the button to Checkout (save the method, or pay), when there is one.
    pub checkout: Option<String>,
    /// A card or TWINT pledge that may switch to a QR-bill.
    pub can_switch: bool,
    /// Money is owed now and can be paid in Checkout (a failed charge, nothing saved at the
    /// close): the page opens with this part, its button to pay in sight. The emails' link
    /// (`/pay`) leads here, one click from Checkout.
    pub first: bool,
}

/// Whether `pledge` has a bill to pay: it is billed and owes money, or was dropped (a late
/// payment is still welcome).
pub fn has_bill(pledge: &PledgeRecord) -> bool {
    pledge.payment.billed_at.is_some()
        && matches!(pledge.payment.state, PaymentState::Due | PaymentState::PartlyPaid | PaymentState::Dropped)
}

/// The payment part of `pledge`'s page, or `None` when the campaign takes no payments.
pub fn payment_view(
    state: &AppState,
    pledge: &PledgeRecord,
    campaign: CampaignState,
    lang: Lang,
) -> Option<PaymentView> {
    let payments = state.campaign.payments.as_ref()?;
    let money = |amount: Amount| format!("{} {}", state.campaign.currency, amount.display(lang.thousands()));
    let date = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map(|at| i18n::day(at.with_timezone(&state.campaign.time_zone).date_naive(), lang))
    };
    let p = &pledge.payment;
    let args = [
        // What the backer pays: the postage with the pledge.
        ("amount", money(pledge.total())),
        ("outstanding", money(p.outstanding)),
        ("held", money(p.held)),
        ("refund", money(p.refund_due)),
        ("refunded", money(p.refunded)),
        ("due_date", date(p.due_at).unwrap_or_default()),
        ("paid_date", date(p.paid_at).unwrap_or_default()),
        ("dropped_date", date(p.dropped_at).unwrap_or_default()),
        ("deadline", i18n::day(state.campaign.deadline.with_timezone(&state.campaign.time_zone).date_naive(), lang)),
        ("days", payments.due_days.to_string()),
        ("method", i18n::t(lang, &format!("method-name-{}", p.pay_by))),
        ("kind", p.pay_by.to_string()),
    ];
    let key = text_key(pledge, campaign, state.campaign.funding, payments);
    let mut text = i18n::t_args(lang, key, &args);
    if p.state == PaymentState::Paid && p.refund_due.cents() > 0 {
        text = format!("{text} {}", i18n::t_args(lang, "payment-text-overpaid", &args));
    }
    let reference = Reference::for_account(&payments.account, pledge_number(pledge.id));
    let by_stripe = p.pay_by.is_stripe() && state.cards.is_some();
    let open = pledge.state != PledgeState::Cancelled;
    let purpose = checkout::purpose(pledge, payments.collect).ok().filter(|_| by_stripe);
    let checkout = match purpose {
        Some(Purpose::Save) => Some(i18n::t_args(lang, "payment-save-method", &args)),
        Some(Purpose::Pay(_)) => Some(i18n::t_args(lang, "payment-pay-now", &args)),
        None => None,
    };
    let can_switch = by_stripe && open && (p.state.owes() || p.state == PaymentState::Promised);
    Some(PaymentView {
        state: p.state,
        label: i18n::t(lang, &format!("payment-state-{}", p.state)),
        text,
        bill: has_bill(pledge),
        amount: money(if p.outstanding.cents() > 0 { p.outstanding } else { pledge.total() }),
        due_date: date(p.due_at),
        iban: payments.account.grouped(),
        creditor: payments.creditor.name.clone(),
        qr_reference: reference.grouped(),
        by_stripe,
        checkout,
        can_switch,
        first: matches!(purpose, Some(Purpose::Pay(_))) && p.state.owes(),
    })
}

/// Which sentence tells where the pledge stands.
fn text_key(
    pledge: &PledgeRecord,
    campaign: CampaignState,
    funding: FundingModel,
    payments: &Payments,
) -> &'static str {
    let p = &pledge.payment;
    if p.pay_by.is_stripe() && pledge.state != PledgeState::Cancelled {
        let plan = plan(campaign, funding, payments.collect);
        match (p.state, p.method_state) {
            (PaymentState::Promised, _) if plan == Plan::Void => return "payment-text-failed",
            (PaymentState::Promised, MethodState::Saved) => return "payment-text-method-saved",
            (PaymentState::Promised, MethodState::Removed) => return "payment-text-method-removed",
            (PaymentState::Promised, _) if payments.collect == crate::config::Collect::AtPledge => {
                return "payment-text-method-pay";
            }
            (PaymentState::Promised, _) => return "payment-text-method-pending",
            (PaymentState::Due, MethodState::Saved) => return "payment-text-method-charging",
            _ => {}
        }
    }
    match pledge.payment.state {
        PaymentState::Promised if pledge.state == PledgeState::Cancelled => "payment-text-cancelled",
        PaymentState::Promised => match plan(campaign, funding, payments.collect) {
            Plan::Wait => "payment-text-on-success",
            Plan::Void => "payment-text-failed",
            Plan::Bill if pledge.state == PledgeState::Unconfirmed => "payment-text-at-pledge",
            Plan::Bill => "payment-text-billing",
        },
        PaymentState::Due => "payment-text-due",
        PaymentState::PartlyPaid => "payment-text-partly-paid",
        PaymentState::Paid => "payment-text-paid",
        PaymentState::Errored if pledge.payment.needs_authentication => "payment-text-authenticate",
        PaymentState::Errored => "payment-text-errored",
        PaymentState::Dropped if pledge.payment.pay_by.is_stripe() => "payment-text-dropped-card",
        PaymentState::Dropped => "payment-text-dropped",
        PaymentState::Void if pledge.state == PledgeState::Cancelled => "payment-text-cancelled",
        PaymentState::Void => "payment-text-failed",
        PaymentState::RefundDue => "payment-text-refund-due",
        PaymentState::Refunded => "payment-text-refunded",
    }
}

/// The language of a bill's labels for a page in `lang`.
pub use bills::bill_lang;
