//! An email of the outbox: stored first, then sent by the mailer when SMTP is configured.

use sea_orm::entity::prelude::*;

/// One email to one address.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "emails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: EmailKind,
    pub to_address: String,
    pub subject: String,
    /// Plain text.
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub state: EmailState,
    pub attempts: i32,
    /// When the mailer may try next; also holds a claim while one instance sends it.
    pub next_attempt_ms: i64,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at_ms: i64,
    /// When it was sent, or marked handled by hand.
    pub sent_at_ms: Option<i64>,
    /// The pledge the email is about, if any: deleted with it.
    pub pledge_id: Option<i64>,
    /// The update this email sends, for the team's count of an update's emails.
    pub news_id: Option<i64>,
    /// The key of the email's one-click unsubscribe link (`/unsubscribe/<key>`), sent also
    /// in its `List-Unsubscribe` header; only emails one may leave have one.
    pub unsubscribe: Option<String>,
}

/// What an email tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum EmailKind {
    /// The link that confirms a new pledge.
    PledgeConfirm,
    PledgePlaced,
    PledgeChanged,
    PledgeCancelled,
    OfferReceived,
    /// A designer's private link, sent on registration.
    DesignerLink,
    DesignerApproved,
    DesignerRejected,
    DesignerUnpublished,
    /// The QR-bill of a pledge: what to pay, to whom, by when.
    PledgeBill,
    /// A reminder of an unpaid bill.
    PledgeReminder,
    /// The pledge was dropped, unpaid after the grace period.
    PledgeDropped,
    /// Nothing is owed: the campaign did not reach its goal.
    PledgeVoid,
    /// The receipt: the pledge is paid.
    PledgePaid,
    /// Charging the saved card or TWINT failed: a link to pay again (and its reminders).
    PaymentErrored,
    /// The saved card or TWINT was removed before the close: a link to save another.
    PaymentMethodLost,
    /// Money paid by card or TWINT went back.
    PledgeRefunded,
    /// The private links of every pledge of an address, asked for at `/pledges/find`.
    PledgeLinks,
    /// An update from the team, to backers who want news.
    News,
    /// The team's answer to a question asked at `/questions`.
    QuestionAnswered,
    /// The team moved the date or place of the session a backer holds a seat in.
    SessionMoved,
    /// The team cancelled it: a link to choose another.
    SessionCancelled,
    /// The day before it.
    SessionReminder,
    /// The reward moved on its way: ready, shipped, delivered, or a problem.
    FulfilmentChanged,
    /// After a success, the address a reward sent by post still lacks (and its reminders).
    DetailsRequest,
}

crate::stored_text!(EmailKind);

/// Where an email is in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum EmailState {
    /// To send, or to send again.
    Waiting,
    Sent,
    /// Given up: refused for good, or too many attempts.
    Failed,
    /// Passed on by the team by hand (forwarded from their own mailbox, say): not sent.
    Handled,
}

crate::stored_text!(EmailState);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
