//! A backer's pledge.

use sea_orm::entity::prelude::*;

/// One pledge. `token` opens the backer's private page; `reference` is for people.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pledges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i32,
    #[sea_orm(unique)]
    pub token: String,
    #[sea_orm(unique)]
    pub reference: String,
    pub reward_id: Option<String>,
    pub amount_cents: i64,
    pub early_bird: bool,
    pub name: String,
    pub email: String,
    /// The name shown publicly; `None` when the backer chose to stay anonymous.
    pub public_name: Option<String>,
    pub state: PledgeState,
    pub lang: String,
    #[sea_orm(unique)]
    pub idempotency_key: Option<String>,
    /// The `?ref=` tag of the link that brought the backer, if any.
    pub source_tag: Option<String>,
    /// The site whose link brought the backer, if known.
    pub source_site: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    /// The one-time secret of the confirmation link, sent only by email.
    #[sea_orm(unique)]
    pub confirm_secret: Option<String>,
    /// When the backer confirmed the pledge; `None` while it waits, or if it never was.
    pub confirmed_at_ms: Option<i64>,
    /// Until when an unconfirmed pledge holds a unit of its reward; `None` when it holds
    /// nothing (no reward, released, or confirmed, when the unit is its own).
    pub hold_until_ms: Option<i64>,
    /// The address the pledge came from, for the team to find a flood from one place.
    pub client_address: Option<String>,
    /// Where the pledge's money stands; derived from the fields below by one rule
    /// (`domain::payment::Standing`) each time one of them moves.
    pub payment_state: PaymentState,
    /// Money received, net of reversals: the sum of the ledger's payments and reversals.
    pub paid_cents: i64,
    /// Money sent back: the sum of the ledger's refunds, as a positive number.
    pub refunded_cents: i64,
    /// What the backer still owes on a bill (0 before the bill, or when nothing is owed).
    pub outstanding_cents: i64,
    /// What the team owes back (an overpayment, or money for a pledge that owes nothing).
    pub refund_due_cents: i64,
    /// When the bill was issued; `None` before.
    pub billed_at_ms: Option<i64>,
    /// The end of the day the bill is due.
    pub due_at_ms: Option<i64>,
    /// When the money received first covered the amount.
    pub paid_at_ms: Option<i64>,
    /// When the pledge was dropped, unpaid after its due date and the grace period.
    pub dropped_at_ms: Option<i64>,
    /// When the pledge stopped owing anything: cancelled, or the campaign failed.
    pub voided_at_ms: Option<i64>,
    /// How many reminders (and the drop) were done, to know the next step.
    pub reminders_sent: i32,
    /// When the next reminder or the drop is due; `None` when there is none.
    pub next_step_ms: Option<i64>,
    /// How the backer chose to pay.
    pub pay_by: PayBy,
    /// Whether a card or TWINT is on file to charge.
    pub method_state: MethodState,
    /// The Stripe customer the pledge's methods belong to.
    pub stripe_customer: Option<String>,
    /// The saved Stripe payment method (`pm_...`) charged at the close.
    pub stripe_method: Option<String>,
    /// The TWINT mandate that lets the saved method be charged later.
    pub stripe_mandate: Option<String>,
    /// The latest Checkout Session opened for the pledge: the return from Checkout names it.
    #[sea_orm(unique)]
    pub checkout_session: Option<String>,
    /// The secret of the way back from that Checkout Session: Stripe knows it, so it opens
    /// nothing but the return, and only for a day.
    #[sea_orm(unique)]
    pub checkout_return: Option<String>,
    pub checkout_started_ms: Option<i64>,
    /// Since when the charge of the saved method failed and is not fixed; `None` otherwise.
    pub errored_at_ms: Option<i64>,
    /// Stripe's code for the latest failed charge, such as `card_declined`.
    pub charge_error: Option<String>,
    /// The latest charge failed because the bank wants the backer to confirm it (3-D Secure).
    pub needs_authentication: bool,
    /// Off-session charges tried so far: the next one is attempt `charge_attempts + 1`.
    pub charge_attempts: i32,
    /// When the saved method is to be charged (at the close, or the last retry); `None` when not.
    pub next_charge_ms: Option<i64>,
    /// Whether the backer wants the campaign's updates by email; what concerns their money
    /// is sent whatever this says.
    pub news: bool,
    /// The session of its reward it holds a seat in, when the reward has sessions.
    pub session_id: Option<String>,
    /// Where the backer said a reward sent by post goes: chosen on the form, or the zone of the
    /// address given. `None` until either is known.
    pub shipping_zone: Option<ShippingZone>,
    /// The postage due for that zone, paid with the pledge; never part of `amount_cents`.
    pub shipping_cents: i64,
}

/// Where a parcel goes, for its postage; ordered from nearest to farthest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum ShippingZone {
    /// Switzerland and Liechtenstein, where Swiss Post delivers at home rates.
    Switzerland,
    Europe,
    World,
}

crate::stored_text!(ShippingZone);

/// How a backer chose to pay a pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum PayBy {
    /// A bank transfer with the pledge's QR-bill.
    Bank,
    /// A card through Stripe, saved at pledge time.
    Card,
    /// TWINT through Stripe, saved at pledge time where the account allows it.
    Twint,
}

crate::stored_text!(PayBy);

impl PayBy {
    /// Paid through Stripe.
    pub fn is_stripe(self) -> bool {
        matches!(self, PayBy::Card | PayBy::Twint)
    }

    /// The ledger's method for money paid this way.
    pub fn ledger_method(self) -> super::payment::PaymentMethod {
        match self {
            PayBy::Bank => super::payment::PaymentMethod::Bank,
            PayBy::Card => super::payment::PaymentMethod::Card,
            PayBy::Twint => super::payment::PaymentMethod::Twint,
        }
    }
}

/// Whether a pledge has a card or TWINT on file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum MethodState {
    /// Paid by bank: nothing to keep.
    NotNeeded,
    /// Chosen, not saved yet: the backer has not finished Stripe's Checkout.
    Pending,
    /// Saved (or, collecting at pledge, used to pay).
    Saved,
    /// Was saved, then detached or its mandate revoked: the backer is asked for another.
    Removed,
}

crate::stored_text!(MethodState);

/// Where a pledge's money stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum PaymentState {
    /// Nothing due yet: the campaign is open, or the bill comes at the close.
    Promised,
    /// A bill was issued and nothing was received.
    Due,
    /// Some of the amount was received.
    PartlyPaid,
    /// The whole amount was received (any overpayment is a refund due).
    Paid,
    /// Charging the saved card or TWINT failed: the backer is asked to pay again.
    Errored,
    /// Unpaid after the due date and the grace period.
    Dropped,
    /// Nothing is owed: the campaign failed or the pledge was cancelled.
    Void,
    /// Nothing is owed and money received is to go back.
    RefundDue,
    /// Money received for a pledge that owes nothing was sent back.
    Refunded,
}

crate::stored_text!(PaymentState);

impl PaymentState {
    /// States in which the backer has something to pay.
    pub fn owes(self) -> bool {
        matches!(self, PaymentState::Due | PaymentState::PartlyPaid | PaymentState::Errored)
    }
}

/// Whether a pledge counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum PledgeState {
    /// Waits for its backer to confirm by email: counts nowhere, holds its reward a while.
    Unconfirmed,
    /// Confirmed: counts in the totals; its backer may change or cancel it until the deadline.
    Active,
    /// Given up by its backer; kept for the record, counted nowhere.
    Cancelled,
}

crate::stored_text!(PledgeState);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
