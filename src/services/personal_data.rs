//! What the site holds about one person, found by their email address (whatever its case):
//! the export they may download (Swiss nLPD art. 25, GDPR art. 15 and 20), and its erasure
//! (art. 32 nLPD, art. 17 GDPR).
//!
//! Erasure replaces rather than deletes: the person's email becomes a placeholder of their
//! own (`erased-<random>@erased.invalid`, the same on every row of theirs, so the backers
//! count and `bobine check` do not move), names become "—", shown names, addresses, phone
//! numbers and free texts go. Pledges, payments and bank lines stay, anonymised, with their
//! amounts, dates and references, which accounting law asks to keep for ten years.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use entity::{
    address, backer, bank_transaction, designer, designer_photo, email, fulfilment, offer, payment, pledge,
    pledge_choice, question, stripe_event, survey_answer,
};
use sea_orm::sea_query::{Expr, Func, SimpleExpr};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use serde_json::{Value, json};

use super::letters::PublicUrl;
use super::stored::{instant, same_address};
use crate::db::Db;
use crate::domain::states::{CampaignState, PledgeState};
use crate::error::AppError;

/// What an erased name reads.
pub const ERASED: &str = "—";

/// The domain of erased addresses: `.invalid` is reserved (RFC 2606), so no email reaches it.
pub const ERASED_DOMAIN: &str = "erased.invalid";

fn at(ms: i64) -> String {
    instant(ms).to_rfc3339()
}

fn at_opt(ms: Option<i64>) -> Value {
    ms.map_or(Value::Null, |ms| Value::String(at(ms)))
}

fn cents(c: i64) -> String {
    crate::domain::money::cents_to_string(c)
}

/// Everything the site holds about `address`, as JSON: its pledges with their payments, the
/// emails sent to it (as they read), its questions, offers of help and designer profile.
pub async fn export(db: &Db, campaign_id: i32, address: &str, public_url: &PublicUrl) -> Result<Value, AppError> {
    let conn = &db.read;
    let pledges = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(same_address(pledge::Column::Email, address))
        .order_by_asc(pledge::Column::Id)
        .all(conn)
        .await?;
    let ids: Vec<i64> = pledges.iter().map(|p| p.id).collect();
    let reference_of = |id: i64| pledges.iter().find(|p| p.id == id).map(|p| p.reference.clone());
    let payments = payment::Entity::find()
        .filter(payment::Column::PledgeId.is_in(ids.clone()))
        .order_by_asc(payment::Column::Id)
        .all(conn)
        .await?;
    let lines = bank_transaction::Entity::find()
        .filter(bank_transaction::Column::PledgeId.is_in(ids.clone()))
        .order_by_asc(bank_transaction::Column::Id)
        .all(conn)
        .await?;
    let mut emails = email::Entity::find()
        .filter(same_address(email::Column::ToAddress, address))
        .order_by_asc(email::Column::Id)
        .all(conn)
        .await?;
    super::outbox::with_news_texts(conn, &mut emails).await?;
    let questions = question::Entity::find()
        .filter(question::Column::CampaignId.eq(campaign_id))
        .filter(same_address(question::Column::Email, address))
        .order_by_asc(question::Column::Id)
        .all(conn)
        .await?;
    let offers = offer::Entity::find()
        .filter(offer::Column::CampaignId.eq(campaign_id))
        .filter(same_address(offer::Column::Email, address))
        .order_by_asc(offer::Column::Id)
        .all(conn)
        .await?;
    let designers = designer::Entity::find()
        .filter(designer::Column::CampaignId.eq(campaign_id))
        .filter(same_address(designer::Column::Email, address))
        .all(conn)
        .await?;
    let chosen =
        pledge_choice::Entity::find().filter(pledge_choice::Column::PledgeId.is_in(ids.clone())).all(conn).await?;
    let choices_of = |id: i64| -> serde_json::Map<String, Value> {
        chosen.iter().filter(|c| c.pledge_id == id).map(|c| (c.choice.clone(), json!(c.value))).collect()
    };
    let postal = address::Entity::find().filter(address::Column::PledgeId.is_in(ids.clone())).all(conn).await?;
    let address_of = |id: i64| -> Value {
        postal.iter().find(|a| a.pledge_id == id).map_or(Value::Null, |a| {
            json!({"name": a.name, "street": a.street, "building": a.building, "postcode": a.postcode,
                   "town": a.town, "country": a.country})
        })
    };
    let answered =
        survey_answer::Entity::find().filter(survey_answer::Column::PledgeId.is_in(ids.clone())).all(conn).await?;
    let answers_of = |id: i64| -> serde_json::Map<String, Value> {
        answered.iter().filter(|a| a.pledge_id == id).map(|a| (a.question_id.clone(), json!(a.answer))).collect()
    };
    let steps = fulfilment::Entity::find().filter(fulfilment::Column::PledgeId.is_in(ids.clone())).all(conn).await?;
    let fulfilment_of = |id: i64| -> Value {
        steps.iter().find(|f| f.pledge_id == id).map_or(
            Value::Null,
            |f| json!({"state": f.state, "tracking": f.tracking, "note": f.note, "changed_at": at(f.changed_at_ms)}),
        )
    };
    Ok(json!({
        "email": address,
        "pledges": pledges.iter().map(|p| json!({
            "reference": p.reference,
            "private_link": format!("{}/pledges/{}", public_url.as_str(), p.token),
            "reward": p.reward_id,
            "session": p.session_id,
            "choices": choices_of(p.id),
            "fulfilment": fulfilment_of(p.id),
            "address": address_of(p.id),
            "survey_answers": answers_of(p.id),
            "amount": cents(p.amount_cents),
            "shipping": p.shipping_zone.map(|zone| json!({"zone": zone, "amount": cents(p.shipping_cents)})),
            "early_bird": p.early_bird,
            "name": p.name,
            "email": p.email,
            "shown_as": p.public_name,
            "state": p.state,
            "language": p.lang,
            "wants_news": p.news,
            "came_from": {"tag": p.source_tag, "site": p.source_site},
            "client_address": p.client_address,
            "created_at": at(p.created_at_ms),
            "confirmed_at": at_opt(p.confirmed_at_ms),
            "updated_at": at(p.updated_at_ms),
            "payment": {
                "pay_by": p.pay_by,
                "state": p.payment_state,
                "paid": cents(p.paid_cents),
                "outstanding": cents(p.outstanding_cents),
                "refunded": cents(p.refunded_cents),
                "refund_due": cents(p.refund_due_cents),
                "billed_at": at_opt(p.billed_at_ms),
                "due_at": at_opt(p.due_at_ms),
                "paid_at": at_opt(p.paid_at_ms),
                "dropped_at": at_opt(p.dropped_at_ms),
                "stripe_customer": p.stripe_customer,
            },
        })).collect::<Vec<_>>(),
        "payments": payments.iter().map(|m| json!({
            "pledge": reference_of(m.pledge_id),
            "kind": m.kind,
            "method": m.method,
            "amount": cents(m.amount_cents),
            "booked_on": m.booked_on,
            "payer_name": m.payer_name,
            "payer_iban": m.payer_iban,
            "note": m.note,
            "recorded_at": at(m.created_at_ms),
        })).collect::<Vec<_>>(),
        "bank_lines": lines.iter().map(|l| json!({
            "pledge": l.pledge_id.and_then(reference_of),
            "amount": cents(l.amount_cents),
            "currency": l.currency,
            "booked_on": l.booked_on,
            "reference": l.reference,
            "payer_name": l.payer_name,
            "payer_iban": l.payer_iban,
            "message": l.message,
        })).collect::<Vec<_>>(),
        "emails": emails.iter().map(|e| json!({
            "kind": e.kind,
            "to": e.to_address,
            "subject": public_url.resolve(&e.subject),
            "body": public_url.resolve(&e.body),
            "state": e.state,
            "written_at": at(e.created_at_ms),
            "sent_at": at_opt(e.sent_at_ms),
        })).collect::<Vec<_>>(),
        "questions": questions.iter().map(|q| json!({
            "name": q.name,
            "email": q.email,
            "language": q.lang,
            "message": q.message,
            "may_publish": q.may_publish,
            "answer": q.answer,
            "in_faq": q.faq_question,
            "client_address": q.client_address,
            "asked_at": at(q.created_at_ms),
        })).collect::<Vec<_>>(),
        "offers_of_help": offers.iter().map(|o| json!({
            "kind": o.kind,
            "description": o.description,
            "name": o.name,
            "email": o.email,
            "phone": o.phone,
            "availability": o.availability,
            "state": o.state,
            "offered_at": at(o.created_at_ms),
        })).collect::<Vec<_>>(),
        "designer_profiles": designers.iter().map(|d| json!({
            "name": d.name,
            "brand": d.brand,
            "email": d.email,
            "bio": d.bio,
            "website": d.website,
            "links": d.links,
            "area": d.area,
            "state": d.state,
            "has_photo": d.has_photo,
            "registered_at": at(d.created_at_ms),
        })).collect::<Vec<_>>(),
    }))
}

/// Why the site still needs to reach a person, so that they cannot erase their data themselves
/// yet (the team can).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// A pledge still counts in an open campaign: it can be cancelled first.
    OpenPledge,
    /// A bill is still due.
    MoneyOwed,
    /// Money is to be paid back to them.
    RefundDue,
}

impl Pending {
    pub fn message_key(self) -> &'static str {
        match self {
            Pending::OpenPledge => "error-erase-open-pledge",
            Pending::MoneyOwed => "error-erase-money-owed",
            Pending::RefundDue => "error-erase-refund-due",
        }
    }
}

/// What stands in the way of erasing `address` now, if anything.
pub async fn pending(
    db: &Db,
    campaign_id: i32,
    campaign_state: CampaignState,
    address: &str,
) -> Result<Option<Pending>, AppError> {
    let pledges = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(same_address(pledge::Column::Email, address))
        .all(&db.read)
        .await?;
    let counted = |p: &&pledge::Model| p.state == PledgeState::Active && p.dropped_at_ms.is_none();
    if campaign_state == CampaignState::Open && pledges.iter().any(|p| counted(&p)) {
        return Ok(Some(Pending::OpenPledge));
    }
    if pledges.iter().any(|p| p.outstanding_cents > 0 && p.dropped_at_ms.is_none()) {
        return Ok(Some(Pending::MoneyOwed));
    }
    if pledges.iter().any(|p| p.refund_due_cents > 0) {
        return Ok(Some(Pending::RefundDue));
    }
    Ok(None)
}

/// What an erasure changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erased {
    pub placeholder: String,
    pub pledges: u64,
    pub emails: u64,
    pub questions: u64,
    pub offers: u64,
    pub designers: u64,
}

/// Replaces `text` by `by` inside `column` wherever it appears (a name or address inside a
/// stored text, such as a Stripe event's body).
fn replaced(column: impl sea_orm::sea_query::IntoColumnRef + Copy, text: &str, by: &str) -> SimpleExpr {
    Func::cust("REPLACE").arg(Expr::col(column)).arg(Expr::val(text)).arg(Expr::val(by)).into()
}

/// Erases everything the site holds about `address`, in one transaction.
pub async fn erase(db: &Db, campaign_id: i32, address: &str, now: DateTime<Utc>) -> Result<Erased, AppError> {
    let txn = db.begin_write().await?;
    let erased = erase_in(&txn, campaign_id, address, now).await?;
    txn.commit().await?;
    tracing::info!(
        pledges = erased.pledges,
        emails = erased.emails,
        questions = erased.questions,
        offers = erased.offers,
        designers = erased.designers,
        "a person's data erased"
    );
    Ok(erased)
}

async fn erase_in(
    txn: &DatabaseTransaction,
    campaign_id: i32,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Erased, AppError> {
    let random: u64 = rand::random();
    let placeholder = format!("erased-{random:016x}@{ERASED_DOMAIN}");
    let mut erased = Erased { placeholder: placeholder.clone(), ..Erased::default() };

    let pledges = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(same_address(pledge::Column::Email, address))
        .all(txn)
        .await?;
    let ids: Vec<i64> = pledges.iter().map(|p| p.id).collect();
    // Every spelling of the address and every name the person gave, to find them inside texts.
    let mut addresses: BTreeSet<String> = pledges.iter().map(|p| p.email.clone()).collect();
    addresses.insert(address.to_owned());
    let mut names: BTreeSet<String> = pledges.iter().map(|p| p.name.clone()).collect();
    names.extend(pledges.iter().filter_map(|p| p.public_name.clone()));

    // The backers' row, under the placeholder: one person stays one backer.
    let identities: Vec<String> = addresses.iter().map(|a| a.to_lowercase()).collect();
    let rows = backer::Entity::find().filter(backer::Column::Email.is_in(identities.clone())).all(txn).await?;
    if !rows.is_empty() {
        let active: i64 = rows.iter().map(|r| r.active_pledges).sum();
        backer::Entity::delete_many().filter(backer::Column::Email.is_in(identities)).exec(txn).await?;
        backer::Entity::insert(backer::ActiveModel { email: Set(placeholder.clone()), active_pledges: Set(active) })
            .exec(txn)
            .await?;
    }

    if !ids.is_empty() {
        erased.pledges = pledge::Entity::update_many()
            .col_expr(pledge::Column::Email, Expr::value(placeholder.as_str()))
            .col_expr(pledge::Column::Name, Expr::value(ERASED))
            .col_expr(pledge::Column::PublicName, Expr::value(Option::<String>::None))
            .col_expr(pledge::Column::ClientAddress, Expr::value(Option::<String>::None))
            .col_expr(pledge::Column::IdempotencyKey, Expr::value(Option::<String>::None))
            .col_expr(pledge::Column::News, Expr::value(false))
            .col_expr(pledge::Column::UpdatedAtMs, Expr::value(now.timestamp_millis()))
            .filter(pledge::Column::Id.is_in(ids.clone()))
            .exec(txn)
            .await?
            .rows_affected;
        payment::Entity::update_many()
            .col_expr(payment::Column::PayerName, Expr::value(Option::<String>::None))
            .col_expr(payment::Column::PayerIban, Expr::value(Option::<String>::None))
            .filter(payment::Column::PledgeId.is_in(ids.clone()))
            .exec(txn)
            .await?;
        address::Entity::delete_many().filter(address::Column::PledgeId.is_in(ids.clone())).exec(txn).await?;
        survey_answer::Entity::delete_many()
            .filter(survey_answer::Column::PledgeId.is_in(ids.clone()))
            .exec(txn)
            .await?;
        // A tracking number follows a parcel to the person's door; a note may name them.
        fulfilment::Entity::update_many()
            .col_expr(fulfilment::Column::Tracking, Expr::value(Option::<String>::None))
            .col_expr(fulfilment::Column::Note, Expr::value(Option::<String>::None))
            .filter(fulfilment::Column::PledgeId.is_in(ids.clone()))
            .exec(txn)
            .await?;
        bank_transaction::Entity::update_many()
            .col_expr(bank_transaction::Column::PayerName, Expr::value(Option::<String>::None))
            .col_expr(bank_transaction::Column::PayerIban, Expr::value(Option::<String>::None))
            .col_expr(bank_transaction::Column::Message, Expr::value(Option::<String>::None))
            .filter(bank_transaction::Column::PledgeId.is_in(ids.clone()))
            .exec(txn)
            .await?;
    }

    erased.emails = email::Entity::update_many()
        .col_expr(email::Column::ToAddress, Expr::value(placeholder.as_str()))
        .col_expr(email::Column::Subject, Expr::value(ERASED))
        .col_expr(email::Column::Body, Expr::value(""))
        .col_expr(email::Column::LastError, Expr::value(Option::<String>::None))
        .filter(same_address(email::Column::ToAddress, address))
        .exec(txn)
        .await?
        .rows_affected;

    let questions = question::Entity::find()
        .filter(question::Column::CampaignId.eq(campaign_id))
        .filter(same_address(question::Column::Email, address))
        .all(txn)
        .await?;
    names.extend(questions.iter().map(|q| q.name.clone()));
    erased.questions = question::Entity::update_many()
        .col_expr(question::Column::Name, Expr::value(ERASED))
        .col_expr(question::Column::Email, Expr::value(placeholder.as_str()))
        .col_expr(question::Column::Message, Expr::value(ERASED))
        .col_expr(question::Column::ClientAddress, Expr::value(Option::<String>::None))
        .filter(question::Column::Id.is_in(questions.iter().map(|q| q.id)))
        .exec(txn)
        .await?
        .rows_affected;

    let offers = offer::Entity::find()
        .filter(offer::Column::CampaignId.eq(campaign_id))
        .filter(same_address(offer::Column::Email, address))
        .all(txn)
        .await?;
    names.extend(offers.iter().map(|o| o.name.clone()));
    erased.offers = offer::Entity::update_many()
        .col_expr(offer::Column::Name, Expr::value(ERASED))
        .col_expr(offer::Column::Email, Expr::value(placeholder.as_str()))
        .col_expr(offer::Column::Phone, Expr::value(Option::<String>::None))
        .col_expr(offer::Column::Description, Expr::value(ERASED))
        .col_expr(offer::Column::Availability, Expr::value(Option::<String>::None))
        .col_expr(offer::Column::FormKey, Expr::value(Option::<String>::None))
        .filter(offer::Column::Id.is_in(offers.iter().map(|o| o.id)))
        .exec(txn)
        .await?
        .rows_affected;

    let designers = designer::Entity::find()
        .filter(designer::Column::CampaignId.eq(campaign_id))
        .filter(same_address(designer::Column::Email, address))
        .all(txn)
        .await?;
    for profile in &designers {
        names.insert(profile.name.clone());
        designer_photo::Entity::delete_many()
            .filter(designer_photo::Column::DesignerId.eq(profile.id))
            .exec(txn)
            .await?;
        designer::Entity::update_many()
            .col_expr(designer::Column::Name, Expr::value(ERASED))
            .col_expr(designer::Column::Brand, Expr::value(ERASED))
            .col_expr(designer::Column::Slug, Expr::value(format!("erased-{}", profile.id)))
            .col_expr(designer::Column::Email, Expr::value(placeholder.as_str()))
            .col_expr(designer::Column::Bio, Expr::value(""))
            .col_expr(designer::Column::Website, Expr::value(Option::<String>::None))
            .col_expr(designer::Column::Links, Expr::value(""))
            .col_expr(designer::Column::PracticesOther, Expr::value(Option::<String>::None))
            .col_expr(designer::Column::RejectReason, Expr::value(Option::<String>::None))
            .col_expr(designer::Column::FormKey, Expr::value(Option::<String>::None))
            .col_expr(designer::Column::HasPhoto, Expr::value(false))
            .col_expr(
                designer::Column::State,
                Expr::value(crate::domain::states::DesignerState::Unpublished.to_string()),
            )
            .col_expr(designer::Column::UpdatedAtMs, Expr::value(now.timestamp_millis()))
            .filter(designer::Column::Id.eq(profile.id))
            .exec(txn)
            .await?;
    }
    erased.designers = designers.len() as u64;

    // The person's address or names inside texts the team or Stripe wrote: notes, answers,
    // Stripe's events (a Checkout Session holds the customer's email).
    let names: Vec<String> = names.into_iter().filter(|n| n.chars().count() >= 3 && n != ERASED).collect();
    for (text, by) in addresses.iter().map(|a| (a, placeholder.as_str())).chain(names.iter().map(|n| (n, ERASED))) {
        let like = format!("%{text}%");
        stripe_event::Entity::update_many()
            .col_expr(stripe_event::Column::Body, replaced(stripe_event::Column::Body, text, by))
            .filter(stripe_event::Column::Body.like(like.as_str()))
            .exec(txn)
            .await?;
        payment::Entity::update_many()
            .col_expr(payment::Column::Note, replaced(payment::Column::Note, text, by))
            .filter(payment::Column::Note.like(like.as_str()))
            .exec(txn)
            .await?;
        question::Entity::update_many()
            .col_expr(question::Column::Answer, replaced(question::Column::Answer, text, by))
            .filter(question::Column::Answer.like(like.as_str()))
            .exec(txn)
            .await?;
        offer::Entity::update_many()
            .col_expr(offer::Column::Note, replaced(offer::Column::Note, text, by))
            .filter(offer::Column::Note.like(like.as_str()))
            .exec(txn)
            .await?;
    }
    Ok(erased)
}

/// Whether `address` is an erased one.
pub fn is_erased(address: &str) -> bool {
    address.ends_with(&format!("@{ERASED_DOMAIN}"))
}

/// Up to `limit` addresses that still hold personal data: pledges, questions and offers not
/// erased yet. For the retention job.
pub async fn addresses_left(db: &Db, campaign_id: i32, limit: u64) -> Result<Vec<String>, AppError> {
    use offer::Column as O;
    use pledge::Column as P;
    use question::Column as Q;
    let mut found = not_erased::<pledge::Entity>(db, (P::CampaignId, P::Email), campaign_id, limit).await?;
    if found.is_empty() {
        found = not_erased::<question::Entity>(db, (Q::CampaignId, Q::Email), campaign_id, limit).await?;
    }
    if found.is_empty() {
        found = not_erased::<offer::Entity>(db, (O::CampaignId, O::Email), campaign_id, limit).await?;
    }
    found.sort();
    found.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    Ok(found)
}

/// Up to `limit` addresses in `E`'s (campaign, email) `columns` of the campaign not erased yet.
async fn not_erased<E: EntityTrait>(
    db: &Db,
    (campaign, email): (E::Column, E::Column),
    campaign_id: i32,
    limit: u64,
) -> Result<Vec<String>, AppError> {
    Ok(E::find()
        .select_only()
        .column(email)
        .filter(campaign.eq(campaign_id))
        .filter(email.not_like(format!("%@{ERASED_DOMAIN}")))
        .limit(limit)
        .into_tuple()
        .all(&db.read)
        .await?)
}
