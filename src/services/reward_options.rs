//! A pledge's session and choices: checked against the campaign file, claimed in the pledge's
//! transaction like a limited reward (one conditional update each, never oversold), and given
//! back when the pledge stops holding its reward.

use entity::{pledge, pledge_choice, reward_choice, reward_session};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::config::Campaign;
use crate::config::reward_options::ChooseSession;
use crate::error::AppError;

/// What a pledge chose of its reward's options, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub session: Option<String>,
    /// `(choice, value)`, by the choice's name: the order claims and releases take, so that
    /// two transactions never wait on each other's values.
    pub choices: Vec<(String, String)>,
}

impl Options {
    pub fn is_empty(&self) -> bool {
        self.session.is_none() && self.choices.is_empty()
    }
}

/// Checks `session` and `choices` against `reward` in the campaign file: a reward whose session
/// is chosen on the pledge form needs one of its own; every choice of the reward needs one of
/// its values, and nothing else is taken. Empty texts count as left out (a form's blank select).
pub fn check(
    campaign: &Campaign,
    reward: Option<&str>,
    session: Option<&str>,
    choices: &[(String, String)],
) -> Result<Options, AppError> {
    let session = session.map(str::trim).filter(|s| !s.is_empty());
    let given: Vec<(&str, &str)> = choices
        .iter()
        .map(|(name, value)| (name.trim(), value.trim()))
        .filter(|(_, value)| !value.is_empty())
        .collect();
    let invalid = |name: &str| AppError::InvalidChoice { choice: name.chars().take(64).collect() };
    let twice = given.iter().enumerate().find(|(i, (name, _))| given[..*i].iter().any(|(other, _)| other == name));
    if let Some((_, (name, _))) = twice {
        return Err(invalid(name));
    }
    let Some(reward) = reward.and_then(|id| campaign.reward(id)) else {
        if session.is_some() {
            return Err(AppError::UnknownSession);
        }
        return match given.first() {
            Some((name, _)) => Err(invalid(name)),
            None => Ok(Options::default()),
        };
    };
    let session = match session {
        Some(id) if reward.sessions.iter().any(|s| s.id == id) => Some(id.to_owned()),
        Some(_) => return Err(AppError::UnknownSession),
        None if !reward.sessions.is_empty() && reward.choose_session == ChooseSession::AtPledge => {
            return Err(AppError::SessionRequired);
        }
        None => None,
    };
    if let Some((name, _)) = given.iter().find(|(name, _)| !reward.choices.iter().any(|c| c.name == *name)) {
        return Err(invalid(name));
    }
    let mut chosen = Vec::with_capacity(reward.choices.len());
    for choice in &reward.choices {
        let value = given.iter().find(|(name, _)| *name == choice.name).map(|(_, value)| *value);
        match value {
            Some(value) if choice.values.iter().any(|v| v.id == value) => {
                chosen.push((choice.name.clone(), value.to_owned()));
            }
            _ => return Err(invalid(&choice.name)),
        }
    }
    chosen.sort();
    Ok(Options { session, choices: chosen })
}

/// Takes a seat of the session and a unit of each chosen value for one pledge of `reward`, or
/// nothing: the refusal says which was gone. Inside the pledge's transaction.
pub async fn claim(txn: &impl ConnectionTrait, reward: &str, options: &Options) -> Result<(), AppError> {
    let mut taken: Vec<&(String, String)> = Vec::new();
    let refusal = 'claims: {
        if let Some(session) = &options.session
            && !claim_seat(txn, reward, session).await?
        {
            break 'claims Some(AppError::SessionFull);
        }
        for chosen in &options.choices {
            if !claim_value(txn, reward, chosen).await? {
                break 'claims Some(AppError::ChoiceSoldOut { choice: chosen.0.clone() });
            }
            taken.push(chosen);
        }
        None
    };
    let Some(refusal) = refusal else { return Ok(()) };
    // Given back what this pledge took before the refusal.
    if let (Some(session), false) = (&options.session, matches!(refusal, AppError::SessionFull)) {
        release_seat(txn, reward, session).await?;
    }
    for chosen in taken {
        release_value(txn, reward, chosen).await?;
    }
    Err(refusal)
}

pub(super) async fn claim_seat(txn: &impl ConnectionTrait, reward: &str, session: &str) -> Result<bool, AppError> {
    let claimed = reward_session::Entity::update_many()
        .col_expr(reward_session::Column::Claimed, Expr::col(reward_session::Column::Claimed).add(1))
        .filter(reward_session::Column::RewardId.eq(reward))
        .filter(reward_session::Column::Id.eq(session))
        .filter(reward_session::Column::Active.eq(true))
        .filter(Expr::col(reward_session::Column::Claimed).lt(Expr::col(reward_session::Column::Seats)))
        .exec(txn)
        .await?;
    Ok(claimed.rows_affected == 1)
}

async fn claim_value(
    txn: &impl ConnectionTrait,
    reward: &str,
    (choice, value): &(String, String),
) -> Result<bool, AppError> {
    let claimed = reward_choice::Entity::update_many()
        .col_expr(reward_choice::Column::Claimed, Expr::col(reward_choice::Column::Claimed).add(1))
        .filter(reward_choice::Column::RewardId.eq(reward))
        .filter(reward_choice::Column::Choice.eq(choice.as_str()))
        .filter(reward_choice::Column::Value.eq(value.as_str()))
        .filter(reward_choice::Column::Active.eq(true))
        .filter(
            reward_choice::Column::LimitQty
                .is_null()
                .or(Expr::col(reward_choice::Column::Claimed).lt(Expr::col(reward_choice::Column::LimitQty))),
        )
        .exec(txn)
        .await?;
    Ok(claimed.rows_affected == 1)
}

pub(super) async fn release_seat(txn: &impl ConnectionTrait, reward: &str, session: &str) -> Result<(), AppError> {
    reward_session::Entity::update_many()
        .col_expr(reward_session::Column::Claimed, Expr::col(reward_session::Column::Claimed).sub(1))
        .filter(reward_session::Column::RewardId.eq(reward))
        .filter(reward_session::Column::Id.eq(session))
        .exec(txn)
        .await?;
    Ok(())
}

async fn release_value(
    txn: &impl ConnectionTrait,
    reward: &str,
    (choice, value): &(String, String),
) -> Result<(), AppError> {
    reward_choice::Entity::update_many()
        .col_expr(reward_choice::Column::Claimed, Expr::col(reward_choice::Column::Claimed).sub(1))
        .filter(reward_choice::Column::RewardId.eq(reward))
        .filter(reward_choice::Column::Choice.eq(choice.as_str()))
        .filter(reward_choice::Column::Value.eq(value.as_str()))
        .exec(txn)
        .await?;
    Ok(())
}

/// Writes down the choices of a pledge just inserted.
pub async fn record(txn: &impl ConnectionTrait, pledge: &pledge::Model, options: &Options) -> Result<(), AppError> {
    let Some(reward) = pledge.reward_id.as_deref() else { return Ok(()) };
    if options.choices.is_empty() {
        return Ok(());
    }
    let rows = options.choices.iter().map(|(choice, value)| pledge_choice::ActiveModel {
        pledge_id: sea_orm::Set(pledge.id),
        reward_id: sea_orm::Set(reward.to_owned()),
        choice: sea_orm::Set(choice.clone()),
        value: sea_orm::Set(value.clone()),
    });
    pledge_choice::Entity::insert_many(rows).exec(txn).await?;
    Ok(())
}

/// The options `pledge` holds, as stored.
pub async fn of(db: &impl ConnectionTrait, pledge: &pledge::Model) -> Result<Options, AppError> {
    Ok(Options { session: pledge.session_id.clone(), choices: chosen(db, pledge.id).await? })
}

/// `(choice, value)` of each choice the pledge `pledge_id` made, by the choice's name.
pub async fn chosen(db: &impl ConnectionTrait, pledge_id: i64) -> Result<Vec<(String, String)>, AppError> {
    let choices = pledge_choice::Entity::find().filter(pledge_choice::Column::PledgeId.eq(pledge_id)).all(db).await?;
    let mut choices: Vec<(String, String)> = choices.into_iter().map(|c| (c.choice, c.value)).collect();
    choices.sort();
    Ok(choices)
}

/// `(choice, value)` of each choice each of the pledges `ids` made, by pledge.
pub async fn chosen_many(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<(String, String)>>, AppError> {
    let mut found: std::collections::HashMap<i64, Vec<(String, String)>> = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let rows = pledge_choice::Entity::find()
            .filter(pledge_choice::Column::PledgeId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for row in rows {
            found.entry(row.pledge_id).or_default().push((row.choice, row.value));
        }
    }
    for choices in found.values_mut() {
        choices.sort();
    }
    Ok(found)
}

/// Gives back the seat and the units `pledge` holds, when it stops holding its reward
/// (cancelled, dropped, its hold expired). Its choices stay written down, as its reward does.
pub async fn release(txn: &impl ConnectionTrait, pledge: &pledge::Model) -> Result<(), AppError> {
    let Some(reward) = pledge.reward_id.as_deref() else { return Ok(()) };
    if let Some(session) = &pledge.session_id {
        release_seat(txn, reward, session).await?;
    }
    for chosen in of(txn, pledge).await?.choices {
        release_value(txn, reward, &chosen).await?;
    }
    Ok(())
}

/// Forgets the choices written down for a pledge that moves to another reward.
pub async fn forget(txn: &impl ConnectionTrait, pledge_id: i64) -> Result<(), AppError> {
    pledge_choice::Entity::delete_many().filter(pledge_choice::Column::PledgeId.eq(pledge_id)).exec(txn).await?;
    Ok(())
}
