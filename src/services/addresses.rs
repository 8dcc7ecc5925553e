//! Where a shipped reward goes: one postal address per pledge, which its backer adds or
//! changes on their private page until the reward is shipped.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{address, fulfilment};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::{ledger, pledges, shipping};
use crate::config::Campaign;
use crate::config::campaign::Fulfilment;
use crate::db::Db;
use crate::domain::address::{PostalAddress, RawAddress};
use crate::domain::states::{FulfilmentState, PledgeState};
use crate::error::AppError;

/// The address of pledge `pledge_id`, if it has one.
pub async fn of(db: &impl ConnectionTrait, pledge_id: i64) -> Result<Option<address::Model>, AppError> {
    Ok(address::Entity::find_by_id(pledge_id).one(db).await?)
}

/// The addresses of the pledges `ids`, by pledge.
pub async fn of_many(db: &Db, ids: &[i64]) -> Result<HashMap<i64, address::Model>, AppError> {
    let mut found = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows = address::Entity::find()
            .filter(address::Column::PledgeId.is_in(chunk.iter().copied()))
            .all(&db.read)
            .await?;
        found.extend(rows.into_iter().map(|row| (row.pledge_id, row)));
    }
    Ok(found)
}

/// Whether a reward sent by post may still take a new address: not once it left.
pub fn open_for_change(step: Option<FulfilmentState>) -> bool {
    !matches!(step, Some(FulfilmentState::Shipped | FulfilmentState::Delivered))
}

/// Sets the address of the pledge whose private link holds `token`: one that counts, for a
/// reward sent by post that has not left yet. Checked first, stored whole or not at all; the
/// postage follows the address's zone in the same transaction.
pub async fn set(
    db: &Db,
    campaign: &Campaign,
    token: &str,
    raw: &RawAddress,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let address = raw.parse().map_err(AppError::InvalidAddress)?;
    let txn = db.begin_write().await?;
    // The postage may move money: the campaign is locked first, as everywhere money moves.
    let found = entity::pledge::Entity::find().filter(entity::pledge::Column::Token.eq(token)).one(&txn).await?;
    let campaign_id = found.ok_or(AppError::NotFound)?.campaign_id;
    ledger::lock_campaign(&txn, campaign_id).await?;
    let pledge = pledges::lock(&txn, token).await?;
    let shipped = pledge
        .reward_id
        .as_deref()
        .and_then(|id| campaign.reward(id))
        .is_some_and(|r| r.fulfilment == Fulfilment::Shipped);
    if pledge.state != PledgeState::Active || !shipped {
        return Err(AppError::invalid("address-name", "error-address-not-asked"));
    }
    let step = fulfilment::Entity::find_by_id(pledge.id).one(&txn).await?.map(|f| f.state);
    if !open_for_change(step) {
        return Err(AppError::invalid("address-name", "error-address-shipped"));
    }
    shipping::follow_address(&txn, campaign, &pledge, &address, now).await?;
    save(&txn, pledge.id, &address, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Writes `address` for pledge `pledge_id`, replacing the one it had.
pub async fn save(
    txn: &impl ConnectionTrait,
    pledge_id: i64,
    address: &PostalAddress,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = address::ActiveModel {
        pledge_id: Set(pledge_id),
        name: Set(address.name.clone()),
        street: Set(address.street.clone()),
        building: Set(address.building.clone()),
        postcode: Set(address.postcode.clone()),
        town: Set(address.town.clone()),
        country: Set(address.country.clone()),
        changed_at_ms: Set(now.timestamp_millis()),
    };
    if address::Entity::find_by_id(pledge_id).one(txn).await?.is_some() {
        address::Entity::update(row).exec(txn).await?;
    } else {
        address::Entity::insert(row).exec(txn).await?;
    }
    Ok(())
}
