//! The team's figures: the campaign's counters, its rewards, and the latest pledges. A fixed
//! number of queries, whatever the number of pledges.

use crate::domain::states::DesignerState;
use crate::domain::states::EmailState;
use crate::domain::states::OfferState;
use crate::domain::states::SourceKind;
use entity::{consistency_check, hourly_total, pledge, source_total};
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Statement};

use super::campaign::{Snapshot, snapshot};
use super::consistency;
use crate::db::Db;
use crate::error::AppError;

/// How many recent pledges the dashboard lists.
pub const RECENT: u64 = 20;

/// How many sources of each kind the dashboard lists, the biggest first.
pub const SOURCES: u64 = 10;

/// What the dashboard shows.
#[derive(Debug, Clone)]
pub struct Summary {
    pub snapshot: Snapshot,
    /// Newest first, cancelled ones included (they show as such).
    pub recent: Vec<pledge::Model>,
    /// The last `bobine check`, if one ran.
    pub last_check: Option<consistency_check::Model>,
    /// Money and pledges per hour, oldest first: a row per hour with pledges, not per pledge.
    pub hours: Vec<hourly_total::Model>,
    /// The `?ref=` tags and the referring sites that brought the most money (name empty for
    /// pledges without one).
    pub tags: Vec<source_total::Model>,
    pub sites: Vec<source_total::Model>,
    /// What waits for the team.
    pub work: Work,
}

/// What waits for the team: profiles to review, new offers of help, emails not sent yet.
/// Emails are counted up to [`WORK_CAP`]: past that, the number no longer matters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromQueryResult)]
pub struct Work {
    pub designers_pending: i64,
    pub offers_new: i64,
    pub emails_waiting: i64,
    pub emails_failed: i64,
}

pub const WORK_CAP: i64 = 1000;

fn work_query() -> String {
    format!(
        "SELECT
           (SELECT COUNT(*) FROM designers WHERE state = '{pending}') AS designers_pending,
           (SELECT COUNT(*) FROM offers WHERE state = '{new}') AS offers_new,
           (SELECT COUNT(*) FROM (SELECT 1 FROM emails WHERE state = '{waiting}' LIMIT {WORK_CAP}) w) AS emails_waiting,
           (SELECT COUNT(*) FROM (SELECT 1 FROM emails WHERE state = '{failed}' LIMIT {WORK_CAP}) f) AS emails_failed",
        pending = DesignerState::Pending,
        new = OfferState::New,
        waiting = EmailState::Waiting,
        failed = EmailState::Failed,
    )
}

/// Eight queries: the campaign row, its rewards, the newest pledges by primary key, the last
/// check, the hourly totals, the biggest sources of each kind, and the team's work.
pub async fn summary(db: &Db, campaign_id: i32) -> Result<Summary, AppError> {
    let snapshot = snapshot(db, campaign_id).await?;
    let recent = pledge::Entity::find().order_by_desc(pledge::Column::Id).limit(RECENT).all(&db.read).await?;
    let last_check = consistency::latest(db).await?;
    let hours = hourly_total::Entity::find()
        .filter(hourly_total::Column::CampaignId.eq(campaign_id))
        .order_by_asc(hourly_total::Column::HourMs)
        .all(&db.read)
        .await?;
    let tags = biggest_sources(db, campaign_id, SourceKind::Tag).await?;
    let sites = biggest_sources(db, campaign_id, SourceKind::Site).await?;
    let work = Work::find_by_statement(Statement::from_string(db.backend(), work_query()))
        .one(&db.read)
        .await?
        .unwrap_or_default();
    Ok(Summary { snapshot, recent, last_check, hours, tags, sites, work })
}

async fn biggest_sources(db: &Db, campaign_id: i32, kind: SourceKind) -> Result<Vec<source_total::Model>, AppError> {
    Ok(source_total::Entity::find()
        .filter(source_total::Column::CampaignId.eq(campaign_id))
        .filter(source_total::Column::Kind.eq(kind))
        .filter(source_total::Column::Pledges.gt(0))
        .order_by_desc(source_total::Column::Cents)
        .order_by_desc(source_total::Column::Pledges)
        .order_by_asc(source_total::Column::Name)
        .limit(SOURCES)
        .all(&db.read)
        .await?)
}
