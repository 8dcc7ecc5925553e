//! A backer's seat at one of their reward's sessions: chosen or moved from the private page,
//! and carried to their calendar by an invitation whose UID stays the seat's.

use chrono::{DateTime, Utc};
use entity::pledge;
use entity::reward_session;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use super::letters::{Letters, PledgeNews};
use super::outbox;
use super::pledges::{self, PledgeRecord};
use super::reward_options;
use super::stored::instant;
use crate::config::Campaign;
use crate::db::Db;
use crate::domain::Lang;
use crate::domain::invitation::{Invitation, seat_uid, sequence_of};
use crate::domain::states::{CampaignState, PledgeState};
use crate::error::AppError;
use crate::i18n;

/// The session `pledge` names, as stored: also one that left the campaign file, which its
/// holders still see, as cancelled.
pub async fn of(db: &impl ConnectionTrait, pledge: &PledgeRecord) -> Result<Option<reward_session::Model>, AppError> {
    let (Some(reward), Some(session)) = (&pledge.reward_id, &pledge.session_id) else { return Ok(None) };
    Ok(reward_session::Entity::find_by_id((reward.clone(), session.clone())).one(db).await?)
}

/// The sessions of `reward` still in the campaign file, in its order.
pub async fn offered(db: &impl ConnectionTrait, reward: &str) -> Result<Vec<reward_session::Model>, AppError> {
    Ok(reward_session::Entity::find()
        .filter(reward_session::Column::RewardId.eq(reward))
        .filter(reward_session::Column::Active.eq(true))
        .order_by_asc(reward_session::Column::Position)
        .all(db)
        .await?)
}

/// Every session of `reward`, also those taken out of the file that still hold seats.
pub async fn all(db: &impl ConnectionTrait, reward: &str) -> Result<Vec<reward_session::Model>, AppError> {
    Ok(reward_session::Entity::find()
        .filter(reward_session::Column::RewardId.eq(reward))
        .order_by_asc(reward_session::Column::Position)
        .order_by_asc(reward_session::Column::StartsMs)
        .all(db)
        .await?)
}

/// Whether the backer of `pledge` may choose or move their session at `now`: the pledge
/// counts, its reward has sessions, the campaign did not fail, and the date they hold (if any)
/// has not begun.
pub fn movable(
    pledge: &PledgeRecord,
    held: Option<&reward_session::Model>,
    campaign: &Campaign,
    state: CampaignState,
    now: DateTime<Utc>,
) -> bool {
    let has_sessions =
        pledge.reward_id.as_deref().and_then(|id| campaign.reward(id)).is_some_and(|r| !r.sessions.is_empty());
    pledge.is_active()
        && has_sessions
        && state != CampaignState::Failed
        && held.is_none_or(|session| !session.active || instant(session.starts_ms) > now)
}

/// Gives the pledge whose private link holds `token` a seat at `session` of its reward, giving
/// back the seat it held: one transaction, the new seat claimed by a conditional update (never
/// more than the seats). The backer is told by email, with the new date.
pub async fn choose(
    db: &Db,
    campaign: &Campaign,
    letters: &Letters,
    token: &str,
    session: &str,
    now: DateTime<Utc>,
) -> Result<pledge::Model, AppError> {
    let txn = db.begin_write().await?;
    let old = pledges::lock(&txn, token).await?;
    let record = PledgeRecord::from(old.clone());
    let state =
        entity::campaign::Entity::find_by_id(old.campaign_id).one(&txn).await?.map_or(CampaignState::Open, |c| c.state);
    let held = of(&txn, &record).await?;
    if old.state == PledgeState::Cancelled {
        return Err(AppError::NotFound);
    }
    if !movable(&record, held.as_ref(), campaign, state, now) {
        return Err(AppError::invalid("session", "error-session-locked"));
    }
    let reward = old.reward_id.clone().unwrap_or_default();
    let session = session.trim();
    if session.is_empty() {
        return Err(AppError::SessionRequired);
    }
    let wanted = reward_session::Entity::find_by_id((reward.clone(), session.to_owned()))
        .one(&txn)
        .await?
        .filter(|s| s.active)
        .ok_or(AppError::UnknownSession)?;
    if held.as_ref().is_some_and(|h| h.id == wanted.id) {
        return Ok(old);
    }
    if instant(wanted.starts_ms) <= now {
        return Err(AppError::invalid("session", "error-session-begun"));
    }
    // Both seats' rows in one order, so that two backers swapping dates never wait on each other.
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        let both = [Some(wanted.id.as_str()), held.as_ref().map(|h| h.id.as_str())];
        reward_session::Entity::find()
            .filter(reward_session::Column::RewardId.eq(reward.as_str()))
            .filter(reward_session::Column::Id.is_in(both.into_iter().flatten()))
            .order_by_asc(reward_session::Column::Id)
            .lock_exclusive()
            .all(&txn)
            .await?;
    }
    if !reward_options::claim_seat(&txn, &reward, &wanted.id).await? {
        return Err(AppError::SessionFull);
    }
    if let Some(held) = &held {
        reward_options::release_seat(&txn, &reward, &held.id).await?;
    }
    let mut row: pledge::ActiveModel = old.into();
    row.session_id = Set(Some(wanted.id));
    row.updated_at_ms = Set(now.timestamp_millis());
    let moved = row.update(&txn).await?;
    outbox::queue(&txn, &[letters.pledge(PledgeNews::Changed, &moved)], now).await?;
    txn.commit().await?;
    tracing::info!(reference = %moved.reference, session = moved.session_id.as_deref().unwrap_or("-"), "session chosen");
    Ok(moved)
}

/// The calendar invitation of `pledge`'s seat at `session`, in `lang`, made at `now`. The
/// SEQUENCE follows the newest change of the pledge or of the session, so a calendar that
/// imports it again updates its entry.
pub fn invitation(
    campaign: &Campaign,
    letters: &Letters,
    pledge: &PledgeRecord,
    session: &reward_session::Model,
    lang: Lang,
    now: DateTime<Utc>,
) -> Invitation {
    let reward = pledge.reward_id.as_deref().and_then(|id| campaign.reward(id));
    let title = reward.map_or_else(|| session.reward_id.clone(), |r| r.title.get(lang).to_owned());
    // The campaign's page, not the private link: a calendar entry is shared far more widely
    // than an email, and the private link can cancel the pledge.
    let link = letters.public_url().resolve(&letters.link("/"));
    let host = letters.public_url().as_str().split("://").nth(1).unwrap_or("").split(['/', ':']).next().unwrap_or("");
    let location = i18n::place(&session.place, lang);
    let changed = pledge.updated_at.max(instant(session.changed_at_ms));
    let description = i18n::t_args(
        lang,
        "invitation-description",
        &[("campaign", campaign.title.get(lang).to_owned()), ("reference", pledge.reference.clone())],
    );
    Invitation {
        uid: seat_uid(pledge.id, &campaign.slug, host),
        sequence: sequence_of(changed),
        stamp: now,
        starts: instant(session.starts_ms),
        ends: instant(session.ends_ms),
        summary: title,
        location,
        description,
        url: link,
        cancelled: !pledge.is_active() || !session.active,
    }
}
