//! An update from the team: news for everyone, for backers, or for the backers of some
//! rewards. Its texts, one per language, are `news_text` rows.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "news")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i32,
    /// Its address, `/news/<slug>`, made from its French title.
    #[sea_orm(unique)]
    pub slug: String,
    pub audience: NewsAudience,
    /// For [`NewsAudience::Rewards`]: the reward ids, space-separated.
    #[sea_orm(column_type = "Text")]
    pub rewards: String,
    pub state: NewsState,
    /// Once published: shown from this instant on, which is later than now while scheduled.
    pub published_at_ms: Option<i64>,
    /// The team member who wrote it last.
    pub author: String,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    /// How far sending it by email went.
    pub mailing: NewsMailing,
    /// The lower-cased address of the last backer the mailing reached: it goes on after it.
    pub mail_cursor: Option<String>,
    /// How many emails the mailing stored so far.
    pub mailed: i64,
}

/// Whom an update is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum NewsAudience {
    /// Everyone: on the campaign page and in the feed.
    Public,
    /// Backers, through their private link.
    Backers,
    /// The backers of chosen rewards, through their private link.
    Rewards,
}

crate::stored_text!(NewsAudience);

/// Where an update is: written, or published (now or at a chosen time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum NewsState {
    Draft,
    Published,
}

crate::stored_text!(NewsState);

/// Where sending an update by email stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum NewsMailing {
    /// To send once it is out (a draft, or scheduled).
    Pending,
    /// Being stored in the outbox, batch by batch.
    Sending,
    /// Every concerned backer has theirs in the outbox.
    Done,
    /// Published without emails.
    Off,
}

crate::stored_text!(NewsMailing);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
