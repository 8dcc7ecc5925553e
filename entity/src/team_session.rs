//! A team member's session: a login that lasts until logout, the member's removal, or its end.

use sea_orm::entity::prelude::*;

/// One session. The cookie carries a random secret; only its SHA-256 hash is kept here.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "team_sessions")]
pub struct Model {
    /// The secret's hash, URL-safe base64 without padding.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id_hash: String,
    pub member_id: i32,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
    /// Moved forward now and then, not at every request, to keep reads free of writes.
    pub last_seen_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::team_member::Entity",
        from = "Column::MemberId",
        to = "super::team_member::Column::Id",
        on_delete = "Cascade"
    )]
    Member,
}

impl Related<super::team_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Member.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
