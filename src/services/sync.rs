//! Bringing the database in line with the campaign file at start-up.

use chrono::{DateTime, Utc};
use entity::{campaign, pledge, reward, reward_choice, reward_session};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::config::Campaign;
use crate::config::campaign::Reward;
use crate::db::Db;
use crate::domain::CampaignState;
use crate::error::AppError;

/// Why the database and the campaign file cannot be reconciled.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(
        "the database holds the campaign \"{found}\", not \"{wanted}\" from the campaign file; use another database (DATABASE_URL or BOBINE_DATA_DIR) for another campaign"
    )]
    OtherCampaign { found: String, wanted: String },
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<sea_orm::DbErr> for SyncError {
    fn from(e: sea_orm::DbErr) -> Self {
        SyncError::App(AppError::Db(e))
    }
}

/// Creates or updates the campaign row and its rewards from the file, in one transaction,
/// and returns the campaign's id. Changed texts, prices and limits update; a reward that left
/// the file is deleted if nobody ever pledged for it, and only hidden otherwise. A closed
/// campaign stays closed whatever the file says. `now` dates the sessions that moved.
pub async fn sync(db: &Db, file: &Campaign, now: DateTime<Utc>) -> Result<i32, SyncError> {
    let txn = db.begin_write().await?;
    let existing = campaign::Entity::find().all(&txn).await?;
    if let Some(other) = existing.iter().find(|c| c.slug != file.slug) {
        return Err(SyncError::OtherCampaign { found: other.slug.clone(), wanted: file.slug.clone() });
    }
    let campaign_id = match existing.into_iter().next() {
        Some(row) => {
            let closed = row.state != CampaignState::Open;
            if closed && row.deadline_ms != file.deadline.timestamp_millis() {
                tracing::warn!("the campaign is closed; its deadline in the campaign file no longer changes anything");
            }
            let id = row.id;
            let mut row: campaign::ActiveModel = row.into();
            if !closed {
                row.goal_cents = Set(file.goal.cents());
                row.deadline_ms = Set(file.deadline.timestamp_millis());
            }
            row.update(&txn).await?;
            id
        }
        None => {
            let row = campaign::ActiveModel {
                slug: Set(file.slug.clone()),
                state: Set(CampaignState::Open),
                goal_cents: Set(file.goal.cents()),
                deadline_ms: Set(file.deadline.timestamp_millis()),
                pledged_cents: Set(0),
                pledge_count: Set(0),
                backers: Set(0),
                closed_at_ms: Set(None),
                ..Default::default()
            };
            row.insert(&txn).await?.id
        }
    };

    let stored = reward::Entity::find().filter(reward::Column::CampaignId.eq(campaign_id)).all(&txn).await?;
    for (position, wanted) in file.rewards.iter().enumerate() {
        let early = wanted.early_bird.as_ref();
        let found = stored.iter().find(|r| r.id == wanted.id.as_str());
        let mut row = match found {
            Some(found) => {
                if let Some(limit) = wanted.limit
                    && found.claimed > i64::from(limit)
                {
                    tracing::warn!(reward = %wanted.id, claimed = found.claimed, limit, "a reward's limit is now below what was already claimed; it shows as sold out");
                }
                found.clone().into()
            }
            None => reward::ActiveModel {
                id: Set(wanted.id.to_string()),
                claimed: Set(0),
                early_bird_claimed: Set(0),
                pledged_cents: Set(0),
                ..Default::default()
            },
        };
        row.campaign_id = Set(campaign_id);
        row.position = Set(i32::try_from(position).unwrap_or(i32::MAX));
        row.kind = Set(wanted.kind);
        row.title_fr = Set(wanted.title.fr.clone());
        row.title_en = Set(wanted.title.en.clone());
        row.minimum_cents = Set(wanted.minimum.cents());
        row.limit_qty = Set(wanted.limit.map(i64::from));
        row.early_bird_cents = Set(early.map(|e| e.price.cents()));
        row.early_bird_first = Set(early.and_then(|e| e.first).map(i64::from));
        row.early_bird_until_ms = Set(early.and_then(|e| e.until).map(|u| u.timestamp_millis()));
        row.active = Set(true);
        if found.is_some() {
            row.update(&txn).await?;
        } else {
            row.insert(&txn).await?;
        }
        sync_sessions(&txn, wanted, now).await?;
        sync_choices(&txn, wanted).await?;
    }
    for gone in stored.iter().filter(|r| file.reward(&r.id).is_none()) {
        let pledged = pledge::Entity::find().filter(pledge::Column::RewardId.eq(gone.id.as_str())).count(&txn).await?;
        if pledged == 0 {
            reward_session::Entity::delete_many()
                .filter(reward_session::Column::RewardId.eq(gone.id.as_str()))
                .exec(&txn)
                .await?;
            reward_choice::Entity::delete_many()
                .filter(reward_choice::Column::RewardId.eq(gone.id.as_str()))
                .exec(&txn)
                .await?;
            reward::Entity::delete_by_id(gone.id.clone()).exec(&txn).await?;
            tracing::info!(reward = %gone.id, "reward removed: it left the campaign file and had no pledges");
        } else if gone.active {
            let mut row: reward::ActiveModel = gone.clone().into();
            row.active = Set(false);
            row.update(&txn).await?;
            tracing::warn!(reward = %gone.id, pledged, "reward left the campaign file but has pledges: hidden, not deleted");
        }
    }
    txn.commit().await?;
    Ok(campaign_id)
}

/// Brings `reward`'s sessions in line with the file, as its row: a changed date, place or
/// number of seats updates; a session that left the file is deleted if no seat of it was ever
/// taken, and only hidden otherwise (its holders keep their seat). A session whose date or place
/// changed, or that was hidden or came back, is dated `now`: its invitations update, and its
/// reminder goes again.
async fn sync_sessions(txn: &DatabaseTransaction, reward: &Reward, now: DateTime<Utc>) -> Result<(), AppError> {
    let stored =
        reward_session::Entity::find().filter(reward_session::Column::RewardId.eq(reward.id.as_str())).all(txn).await?;
    for (position, wanted) in reward.sessions.iter().enumerate() {
        let found = stored.iter().find(|s| s.id == wanted.id);
        if let Some(found) = found
            && found.claimed > i64::from(wanted.seats)
        {
            tracing::warn!(reward = %reward.id, session = %wanted.id, claimed = found.claimed, seats = wanted.seats, "a session now has fewer seats than are taken; it shows as full");
        }
        let mut row: reward_session::ActiveModel = match found {
            Some(found) => found.clone().into(),
            None => reward_session::ActiveModel {
                reward_id: Set(reward.id.to_string()),
                id: Set(wanted.id.clone()),
                claimed: Set(0),
                changed_at_ms: Set(0),
                told_at_ms: Set(0),
                reminded_at_ms: Set(None),
                ..Default::default()
            },
        };
        let (starts, ends, place) =
            (wanted.starts.timestamp_millis(), wanted.ends.timestamp_millis(), wanted.place.as_str());
        if let Some(found) = found
            && (found.starts_ms != starts || found.ends_ms != ends || found.place != place || !found.active)
        {
            row.changed_at_ms = Set(now.timestamp_millis());
            row.reminded_at_ms = Set(None);
        }
        row.position = Set(i32::try_from(position).unwrap_or(i32::MAX));
        row.starts_ms = Set(wanted.starts.timestamp_millis());
        row.ends_ms = Set(wanted.ends.timestamp_millis());
        row.place = Set(wanted.place.as_str().to_owned());
        row.seats = Set(i64::from(wanted.seats));
        row.active = Set(true);
        if found.is_some() {
            row.update(txn).await?;
        } else {
            row.insert(txn).await?;
        }
    }
    for gone in stored.iter().filter(|s| !reward.sessions.iter().any(|w| w.id == s.id)) {
        // Judged by the delete itself: another instance may take a seat meanwhile.
        let named = Query::select()
            .column(pledge::Column::SessionId)
            .from(pledge::Entity)
            .and_where(pledge::Column::RewardId.eq(reward.id.as_str()))
            .and_where(pledge::Column::SessionId.is_not_null())
            .to_owned();
        let deleted = reward_session::Entity::delete_many()
            .filter(reward_session::Column::RewardId.eq(reward.id.as_str()))
            .filter(reward_session::Column::Id.eq(gone.id.as_str()))
            .filter(reward_session::Column::Claimed.eq(0))
            .filter(reward_session::Column::Id.not_in_subquery(named))
            .exec(txn)
            .await?;
        if deleted.rows_affected == 0 && gone.active {
            let mut row: reward_session::ActiveModel = gone.clone().into();
            row.active = Set(false);
            row.changed_at_ms = Set(now.timestamp_millis());
            row.update(txn).await?;
            tracing::warn!(reward = %reward.id, session = %gone.id, "a session left the campaign file but has pledges: hidden, not deleted");
        }
    }
    Ok(())
}

/// Brings the values of `reward`'s choices in line with the file, as [`sync_sessions`] does.
async fn sync_choices(txn: &DatabaseTransaction, reward: &Reward) -> Result<(), AppError> {
    let stored =
        reward_choice::Entity::find().filter(reward_choice::Column::RewardId.eq(reward.id.as_str())).all(txn).await?;
    // Collected first: an iterator of closures held across the awaits below would not be `Send`.
    let wanted: Vec<_> =
        reward.choices.iter().flat_map(|choice| choice.values.iter().map(move |value| (choice, value))).collect();
    for (position, (choice, value)) in wanted.into_iter().enumerate() {
        let found = stored.iter().find(|s| s.choice == choice.name && s.value == value.id);
        let mut row: reward_choice::ActiveModel = match found {
            Some(found) => found.clone().into(),
            None => reward_choice::ActiveModel {
                reward_id: Set(reward.id.to_string()),
                choice: Set(choice.name.clone()),
                value: Set(value.id.clone()),
                claimed: Set(0),
                ..Default::default()
            },
        };
        row.position = Set(i32::try_from(position).unwrap_or(i32::MAX));
        row.limit_qty = Set(value.limit.map(i64::from));
        row.active = Set(true);
        if found.is_some() {
            row.update(txn).await?;
        } else {
            row.insert(txn).await?;
        }
    }
    let in_file = |row: &reward_choice::Model| {
        reward.choices.iter().any(|c| c.name == row.choice && c.values.iter().any(|v| v.id == row.value))
    };
    for gone in stored.iter().filter(|row| !in_file(row)) {
        // Judged by the delete itself: another instance may take a unit meanwhile.
        let deleted = reward_choice::Entity::delete_many()
            .filter(reward_choice::Column::RewardId.eq(reward.id.as_str()))
            .filter(reward_choice::Column::Choice.eq(gone.choice.as_str()))
            .filter(reward_choice::Column::Value.eq(gone.value.as_str()))
            .filter(reward_choice::Column::Claimed.eq(0))
            .exec(txn)
            .await?;
        if deleted.rows_affected == 0 && gone.active {
            let mut row: reward_choice::ActiveModel = gone.clone().into();
            row.active = Set(false);
            row.update(txn).await?;
            tracing::warn!(reward = %reward.id, choice = %gone.choice, value = %gone.value, "a choice's value left the campaign file but is held: hidden, not deleted");
        }
    }
    Ok(())
}
