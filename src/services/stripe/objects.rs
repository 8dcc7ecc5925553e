//! The parts of Stripe's objects bobine reads. Every field it does not need is left out, and
//! those it reads are optional where Stripe may leave them null, so a new API version adding
//! fields changes nothing here.

use std::collections::HashMap;

use serde::Deserialize;

/// A field Stripe gives as an id, or as the object itself when asked to expand it.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Expandable<T> {
    Id(String),
    Object(Box<T>),
}

impl<T: HasId> Expandable<T> {
    pub fn id(&self) -> &str {
        match self {
            Expandable::Id(id) => id,
            Expandable::Object(object) => object.id(),
        }
    }

    pub fn object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(object),
        }
    }
}

pub trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($name:ident),*) => {
        $(impl HasId for $name {
            fn id(&self) -> &str {
                &self.id
            }
        })*
    };
}

has_id!(Customer, CheckoutSession, SetupIntent, PaymentIntent, Charge, BalanceTransaction, PaymentMethod, Refund);

#[derive(Debug, Clone, Deserialize)]
pub struct Customer {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CheckoutSession {
    pub id: String,
    /// Where the backer completes it; only while it is open.
    pub url: Option<String>,
    /// `open`, `complete` or `expired`.
    pub status: Option<String>,
    /// `setup` or `payment`.
    pub mode: String,
    pub customer: Option<String>,
    /// `paid`, `unpaid` or `no_payment_required`.
    pub payment_status: Option<String>,
    #[serde(default)]
    pub metadata: HashMap<String, String>,
    pub setup_intent: Option<Expandable<SetupIntent>>,
    pub payment_intent: Option<Expandable<PaymentIntent>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SetupIntent {
    pub id: String,
    pub status: String,
    pub customer: Option<String>,
    pub payment_method: Option<Expandable<PaymentMethod>>,
    /// TWINT's mandate for later charges.
    pub mandate: Option<String>,
    #[serde(default)]
    pub metadata: HashMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PaymentMethod {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub customer: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PaymentIntent {
    pub id: String,
    /// `succeeded`, `processing`, `requires_payment_method`, `requires_action`, `canceled`...
    pub status: String,
    pub amount: i64,
    pub amount_received: Option<i64>,
    pub customer: Option<String>,
    pub payment_method: Option<Expandable<PaymentMethod>>,
    #[serde(default)]
    pub metadata: HashMap<String, String>,
    pub latest_charge: Option<Expandable<Charge>>,
    pub last_payment_error: Option<ErrorBody>,
    #[serde(default)]
    pub payment_method_types: Vec<String>,
}

impl PaymentIntent {
    /// Paid with TWINT (else a card).
    pub fn is_twint(&self) -> bool {
        self.payment_method_types.iter().any(|t| t == "twint")
            || self.payment_method.as_ref().and_then(Expandable::object).is_some_and(|m| m.kind == "twint")
    }

    /// What Stripe kept, when the charge's balance transaction was expanded.
    pub fn fee(&self) -> Option<i64> {
        let charge = self.latest_charge.as_ref()?.object()?;
        Some(charge.balance_transaction.as_ref()?.object()?.fee)
    }

    pub fn charge_id(&self) -> Option<&str> {
        self.latest_charge.as_ref().map(Expandable::id)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Charge {
    pub id: String,
    #[serde(default)]
    pub amount: i64,
    #[serde(default)]
    pub amount_refunded: i64,
    pub payment_intent: Option<String>,
    pub balance_transaction: Option<Expandable<BalanceTransaction>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct BalanceTransaction {
    pub id: String,
    pub fee: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Refund {
    pub id: String,
    pub status: Option<String>,
    pub amount: i64,
    pub charge: Option<String>,
    pub payment_intent: Option<String>,
    #[serde(default)]
    pub metadata: HashMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Dispute {
    pub id: String,
    pub amount: i64,
    pub charge: Option<String>,
    pub payment_intent: Option<String>,
    pub status: Option<String>,
    /// Why the bank disputes it, such as `fraudulent` or `product_not_received`.
    pub reason: Option<String>,
    /// When it opened, in Unix seconds.
    pub created: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Mandate {
    pub id: String,
    pub status: String,
    pub payment_method: Option<String>,
}

/// A webhook event: its object is read according to its type.
#[derive(Debug, Clone, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub data: EventData,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EventData {
    pub object: serde_json::Value,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SearchResult<T> {
    pub data: Vec<T>,
}

/// Stripe's error envelope: `{"error": {...}}`.
#[derive(Debug, Clone, Deserialize)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ErrorBody {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub code: Option<String>,
    pub decline_code: Option<String>,
    pub message: Option<String>,
    pub param: Option<String>,
    pub payment_intent: Option<Box<PaymentIntent>>,
}
