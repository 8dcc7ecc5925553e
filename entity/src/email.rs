//! An email of the outbox: stored first, then sent by the mailer when SMTP is configured.

use sea_orm::entity::prelude::*;

/// One email to one address.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "emails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Such as `pledge_placed`, `designer_link` or `designer_approved`.
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    /// Plain text.
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// `waiting` (to send, or to send again), `sent`, or `failed` (gave up).
    pub state: String,
    pub attempts: i32,
    /// When the mailer may try next; also holds a claim while one instance sends it.
    pub next_attempt_ms: i64,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub created_at_ms: i64,
    pub sent_at_ms: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
