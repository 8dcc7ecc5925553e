//! Stripe's Checkout: where a backer saves a card or TWINT (setup mode, collecting on success)
//! or pays (payment mode: collecting at pledge, or paying again after a failed charge). The
//! way back carries the session's id and a secret of its own, never the pledge's token.

use chrono::{DateTime, Duration, Utc};
use entity::pledge;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use super::{Cards, method_saved, paid};
use crate::config::Collect;
use crate::config::payments::TWINT_LIMIT_CENTS;
use crate::domain::Lang;
use crate::domain::ids::{looks_like_secret, new_secret};
use crate::domain::states::{MethodState, PayBy, PaymentState, PledgeState};
use crate::error::AppError;
use crate::services::pledges::PledgeRecord;
use crate::services::stripe::objects::{CheckoutSession, Customer, Expandable};
use crate::services::stripe::{StripeError, params};

/// How long a Checkout Session may be completed. Stripe takes 30 minutes to a day from when it
/// creates the session: a few minutes more than the least, so that a slow request is not
/// refused for a second.
const CHECKOUT_LASTS: Duration = Duration::minutes(35);

/// How long the way back from Checkout works: a day, for a backer who comes back late.
const RETURN_LASTS: Duration = Duration::hours(24);

/// What Checkout is opened for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Save the method, to charge it at a successful close.
    Save,
    /// Pay this many cents now.
    Pay(i64),
}

/// What Checkout would do for `pledge` now, or why there is nothing to do: a saved method
/// waits for the close (or is being charged).
pub fn purpose(pledge: &PledgeRecord, collect: Collect) -> Result<Purpose, AppError> {
    let p = &pledge.payment;
    let nothing = || AppError::invalid("method", "error-checkout-nothing");
    if !p.pay_by.is_stripe() || pledge.state == PledgeState::Cancelled {
        return Err(nothing());
    }
    let purpose = match (p.state, p.method_state) {
        (PaymentState::Promised | PaymentState::Due, MethodState::Saved) => return Err(nothing()),
        (PaymentState::Errored | PaymentState::Due | PaymentState::PartlyPaid, _) => {
            Purpose::Pay(p.outstanding.cents())
        }
        (PaymentState::Promised, _) if collect == Collect::AtPledge => Purpose::Pay(pledge.total().cents()),
        (PaymentState::Promised, _) => Purpose::Save,
        _ => return Err(nothing()),
    };
    if let Purpose::Pay(cents) = purpose {
        if cents <= 0 {
            return Err(nothing());
        }
        if p.pay_by == PayBy::Twint && cents > TWINT_LIMIT_CENTS {
            return Err(AppError::invalid("method", "error-twint-limit"));
        }
    }
    Ok(purpose)
}

/// An error of Stripe's as the backer reads it: the team sees the detail in the log.
fn unavailable(cards: &Cards, error: StripeError) -> AppError {
    if matches!(error, StripeError::Key { .. }) {
        cards.note_trouble(Some(error.to_string()));
    }
    tracing::warn!(%error, "opening Stripe's Checkout failed");
    AppError::invalid("method", "error-checkout-unavailable")
}

/// Opens a Checkout Session for the pledge with `token` and returns its address.
pub async fn open(cards: &Cards, token: &str, lang: Lang, now: DateTime<Utc>) -> Result<String, AppError> {
    if !looks_like_secret(token) {
        return Err(AppError::NotFound);
    }
    let pledge = pledge::Entity::find()
        .filter(pledge::Column::Token.eq(token))
        .one(&cards.db.read)
        .await?
        .ok_or(AppError::NotFound)?;
    let payments = cards.payments();
    let purpose = purpose(&PledgeRecord::from(pledge.clone()), payments.collect)?;
    if matches!(purpose, Purpose::Pay(_)) && super::charge_under_way(&cards.db.read, pledge.id).await? {
        // The saved method is being charged: paying again now could pay twice.
        return Err(AppError::invalid("method", "error-charge-under-way"));
    }
    let slug = &cards.campaign.slug;
    let customer = match &pledge.stripe_customer {
        Some(customer) => customer.clone(),
        None => {
            let mut form = params([
                ("email", pledge.email.clone()),
                ("name", pledge.name.clone()),
                ("preferred_locales[0]", lang.code().to_owned()),
            ]);
            form.extend(cards.metadata("metadata", pledge.id));
            let created: Customer = cards
                .stripe
                .post("/v1/customers", &form, &format!("{slug}-customer-{}", pledge.id))
                .await
                .map_err(|e| unavailable(cards, e))?;
            pledge::Entity::update_many()
                .col_expr(pledge::Column::StripeCustomer, sea_orm::sea_query::Expr::value(created.id.clone()))
                .filter(pledge::Column::Id.eq(pledge.id))
                .filter(pledge::Column::StripeCustomer.is_null())
                .exec(&cards.db.write)
                .await?;
            created.id
        }
    };
    let secret = new_secret();
    let back = |query: &str| cards.letters.link(&format!("/checkout/return/{secret}{query}"));
    let site = cards.letters.public_url();
    let mut form = params([
        ("customer", customer),
        ("success_url", site.resolve(&back("?session_id={CHECKOUT_SESSION_ID}"))),
        ("cancel_url", site.resolve(&back(""))),
        ("payment_method_types[0]", pledge.pay_by.to_string()),
        ("client_reference_id", pledge.reference.clone()),
        ("locale", lang.code().to_owned()),
        // Stripe's clock, not the campaign's: a session lasts as long as a backer may take in
        // it, well within the time a pledge collecting at pledge waits before its bill.
        ("expires_at", (Utc::now() + CHECKOUT_LASTS).timestamp().to_string()),
    ]);
    form.extend(cards.metadata("metadata", pledge.id));
    match purpose {
        Purpose::Save => {
            form.push(("mode".into(), "setup".into()));
            form.push(("currency".into(), "chf".into()));
            form.extend(cards.metadata("setup_intent_data[metadata]", pledge.id));
        }
        Purpose::Pay(cents) => {
            let title = cards.campaign.title.get(lang).to_owned();
            form.extend(params([
                ("mode", "payment".to_owned()),
                ("line_items[0][price_data][currency]", "chf".to_owned()),
                ("line_items[0][price_data][unit_amount]", cents.to_string()),
                ("line_items[0][price_data][product_data][name]", format!("{title} ({})", pledge.reference)),
                ("line_items[0][quantity]", "1".to_owned()),
            ]));
            form.extend(cards.metadata("payment_intent_data[metadata]", pledge.id));
        }
    }
    let session: CheckoutSession = cards
        .stripe
        .post("/v1/checkout/sessions", &form, &format!("{slug}-checkout-{}-{}", pledge.id, &secret[..16]))
        .await
        .map_err(|e| unavailable(cards, e))?;
    let url = session.url.clone().ok_or_else(|| AppError::internal("opening Checkout", "no address in the answer"))?;
    pledge::Entity::update(pledge::ActiveModel {
        id: Set(pledge.id),
        checkout_session: Set(Some(session.id.clone())),
        checkout_return: Set(Some(secret)),
        checkout_started_ms: Set(Some(now.timestamp_millis())),
        ..Default::default()
    })
    .exec(&cards.db.write)
    .await?;
    cards.note_trouble(None);
    Ok(url)
}

/// The backer came back from Checkout through the secret `secret`; with `session_id` (a
/// completed session) what Checkout did is asked of Stripe and applied at once, without
/// waiting for the webhook. Returns the pledge's token, for its page.
pub async fn returned(
    cards: &Cards,
    secret: &str,
    session_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    if !looks_like_secret(secret) {
        return Err(AppError::NotFound);
    }
    let pledge = pledge::Entity::find()
        .filter(pledge::Column::CheckoutReturn.eq(secret))
        .one(&cards.db.read)
        .await?
        .ok_or(AppError::NotFound)?;
    let started = pledge.checkout_started_ms.map(crate::services::stored::instant);
    if started.is_none_or(|at| now - at > RETURN_LASTS) {
        return Err(AppError::NotFound);
    }
    if let Some(id) = session_id.filter(|id| pledge.checkout_session.as_deref() == Some(*id)) {
        match read_session(cards, id).await {
            Ok(session) => {
                apply_session(cards, &session, now).await?;
            }
            // The webhook will tell; the page says the method is not saved yet.
            Err(error) => tracing::warn!(%error, "reading a Checkout Session on the way back failed"),
        }
    }
    Ok(pledge.token)
}

/// A Checkout Session with what it made.
pub async fn read_session(cards: &Cards, id: &str) -> Result<CheckoutSession, StripeError> {
    cards
        .stripe
        .get(&format!("/v1/checkout/sessions/{id}"), &[("expand[]", "setup_intent"), ("expand[]", "payment_intent")])
        .await
}

/// Applies what a completed session did: saved a method, or paid.
pub async fn apply_session(
    cards: &Cards,
    session: &CheckoutSession,
    now: DateTime<Utc>,
) -> Result<&'static str, AppError> {
    let Some(pledge_id) = cards.pledge_of(&session.metadata) else {
        return Ok("not this campaign's");
    };
    if session.status.as_deref() != Some("complete") {
        return Ok("not complete");
    }
    match (session.mode.as_str(), &session.setup_intent, &session.payment_intent) {
        ("setup", Some(Expandable::Object(intent)), _) if intent.status == "succeeded" => {
            let Some(method) = &intent.payment_method else {
                return Ok("no payment method");
            };
            method_saved(cards, pledge_id, session.customer.as_deref(), method.id(), intent.mandate.as_deref(), now)
                .await
        }
        ("payment", _, Some(Expandable::Object(intent))) if intent.status == "succeeded" => {
            paid(cards, pledge_id, intent, None, now).await?;
            Ok("paid")
        }
        _ => Ok("nothing done"),
    }
}
