//! The outbox: every email the site sends is stored here first, in the transaction of what
//! it tells about, then sent by [`crate::jobs::mailer`] when SMTP is configured. Without
//! SMTP the team reads them at `/team/outbox`, so nothing is lost.

use chrono::{DateTime, Utc};
use entity::email;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use super::letters::PublicUrl;
use super::stored::instant;
use crate::db::Db;
use crate::domain::Lang;
use crate::domain::states::{EmailKind, EmailState};
use crate::error::AppError;

/// An email about to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub kind: EmailKind,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The pledge it is about, deleted with it.
    pub pledge_id: Option<i64>,
    /// Set on an email one may stop receiving (an update), never on one about money.
    pub list: Option<ListMail>,
}

/// What an email of a mailing carries besides its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMail {
    /// The update it sends.
    pub news_id: i64,
    /// The key of its one-click unsubscribe link, `/unsubscribe/<key>`.
    pub unsubscribe: String,
}

/// After this many failed attempts the mailer gives up on an email; the team sees it failed
/// and may send it again.
pub const MAX_ATTEMPTS: i32 = 10;

/// How long one instance holds an email it is sending before another may try it.
const CLAIM_MS: i64 = 5 * 60 * 1000;

/// Stores `mails` inside the caller's transaction (or on `conn`), waiting to be sent now. An
/// email to an erased address (see [`super::personal_data`]) is not stored: nobody reads it.
pub async fn queue(conn: &impl ConnectionTrait, mails: &[Mail], now: DateTime<Utc>) -> Result<(), AppError> {
    let mails: Vec<&Mail> = mails.iter().filter(|mail| !super::personal_data::is_erased(&mail.to)).collect();
    if mails.is_empty() {
        return Ok(());
    }
    let now_ms = now.timestamp_millis();
    let rows = mails.iter().map(|mail| email::ActiveModel {
        kind: Set(mail.kind),
        to_address: Set(mail.to.clone()),
        subject: Set(mail.subject.clone()),
        body: Set(mail.body.clone()),
        state: Set(EmailState::Waiting),
        attempts: Set(0),
        next_attempt_ms: Set(now_ms),
        created_at_ms: Set(now_ms),
        pledge_id: Set(mail.pledge_id),
        news_id: Set(mail.list.as_ref().map(|list| list.news_id)),
        unsubscribe: Set(mail.list.as_ref().map(|list| list.unsubscribe.clone())),
        ..Default::default()
    });
    email::Entity::insert_many(rows).exec(conn).await?;
    Ok(())
}

/// How long to wait after the `attempts`-th failure: half a minute, doubling, at most an hour.
pub fn backoff_ms(attempts: i32) -> i64 {
    let doublings = attempts.clamp(1, 8) - 1;
    std::cmp::min(30_000i64 << doublings, 3_600_000)
}

/// Takes up to `limit` emails that are due at `now` for this instance to send: each is
/// claimed by one conditional update, so two instances never send the same email.
pub async fn claim_due(db: &Db, now: DateTime<Utc>, limit: u64) -> Result<Vec<email::Model>, AppError> {
    let now_ms = now.timestamp_millis();
    let due = email::Entity::find()
        .filter(email::Column::State.eq(EmailState::Waiting))
        .filter(email::Column::NextAttemptMs.lte(now_ms))
        .order_by_asc(email::Column::Id)
        .limit(limit)
        .all(&db.read)
        .await?;
    let mut claimed = Vec::with_capacity(due.len());
    for mut mail in due {
        let taken = email::Entity::update_many()
            .col_expr(email::Column::NextAttemptMs, Expr::value(now_ms + CLAIM_MS))
            .col_expr(email::Column::Attempts, Expr::col(email::Column::Attempts).add(1))
            .filter(email::Column::Id.eq(mail.id))
            .filter(email::Column::State.eq(EmailState::Waiting))
            .filter(email::Column::NextAttemptMs.eq(mail.next_attempt_ms))
            .exec(&db.write)
            .await?;
        if taken.rows_affected == 1 {
            mail.attempts += 1;
            claimed.push(mail);
        }
    }
    Ok(claimed)
}

/// Records that a claimed email was sent.
pub async fn mark_sent(db: &Db, mail: &email::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    email::ActiveModel {
        id: Set(mail.id),
        state: Set(EmailState::Sent),
        sent_at_ms: Set(Some(now.timestamp_millis())),
        last_error: Set(None),
        ..Default::default()
    }
    .update(&db.write)
    .await?;
    Ok(())
}

/// Records that sending a claimed email failed: it waits for its next attempt, or has failed
/// for good after [`MAX_ATTEMPTS`] or when the server refused it for good (`permanent`).
/// An email the team marked handled meanwhile stays handled.
pub async fn mark_failed(
    db: &Db,
    mail: &email::Model,
    error: &str,
    permanent: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let gave_up = permanent || mail.attempts >= MAX_ATTEMPTS;
    let state = if gave_up { EmailState::Failed } else { EmailState::Waiting };
    let error: String = error.chars().take(1000).collect();
    email::Entity::update_many()
        .col_expr(email::Column::State, Expr::value(state.to_string()))
        .col_expr(email::Column::NextAttemptMs, Expr::value(now.timestamp_millis() + backoff_ms(mail.attempts)))
        .col_expr(email::Column::LastError, Expr::value(error))
        .filter(email::Column::Id.eq(mail.id))
        .filter(email::Column::State.eq(EmailState::Waiting))
        .exec(&db.write)
        .await?;
    Ok(())
}

/// Puts a failed, waiting or handled email back to be sent at once, with its attempts counted
/// anew (for a handled one, this undoes the mark).
pub async fn send_again(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    let updated = email::Entity::update_many()
        .col_expr(email::Column::State, Expr::value(EmailState::Waiting.to_string()))
        .col_expr(email::Column::SentAtMs, Expr::value(Option::<i64>::None))
        .col_expr(email::Column::Attempts, Expr::value(0))
        .col_expr(email::Column::NextAttemptMs, Expr::value(now.timestamp_millis()))
        .filter(email::Column::Id.eq(id))
        .filter(email::Column::State.ne(EmailState::Sent))
        .exec(&db.write)
        .await?;
    if updated.rows_affected == 1 { Ok(()) } else { Err(AppError::NotFound) }
}

/// Records that the team passed a waiting or failed email on by hand (without SMTP, or
/// where the server refused it): the mailer leaves it, and it no longer counts as work.
/// When is kept as its sending time.
pub async fn mark_handled(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    let updated = email::Entity::update_many()
        .col_expr(email::Column::State, Expr::value(EmailState::Handled.to_string()))
        .col_expr(email::Column::SentAtMs, Expr::value(now.timestamp_millis()))
        .filter(email::Column::Id.eq(id))
        .filter(email::Column::State.is_in([EmailState::Waiting, EmailState::Failed]))
        .exec(&db.write)
        .await?;
    if updated.rows_affected == 1 { Ok(()) } else { Err(AppError::NotFound) }
}

/// Puts back the text of the update each of `rows` sends, where it stands for it (see
/// [`super::letters::expand_news`]), as the update reads now.
pub async fn with_news_texts(conn: &impl ConnectionTrait, rows: &mut [email::Model]) -> Result<(), AppError> {
    let mut ids: Vec<i64> = rows.iter().filter_map(|row| row.news_id).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(());
    }
    let texts: Vec<(i64, Lang, String)> = entity::news_text::Entity::find()
        .filter(entity::news_text::Column::NewsId.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|t| Some((t.news_id, Lang::from_tag(&t.lang)?, super::letters::news_email_text(&t.body))))
        .collect();
    for row in rows.iter_mut().filter(|row| row.news_id.is_some()) {
        row.body = super::letters::expand_news(&row.body, &texts);
    }
    Ok(())
}

/// An email of the outbox, as the team reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailRecord {
    pub id: i64,
    pub kind: EmailKind,
    pub to: String,
    pub subject: String,
    /// Plain text.
    pub body: String,
    pub state: EmailState,
    pub attempts: i32,
    /// The SMTP server's last answer, when it refused.
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When it was sent, or marked handled by hand.
    pub sent_at: Option<DateTime<Utc>>,
}

impl EmailRecord {
    /// The email as stored, with its links resolved against `public_url`, as it would leave now.
    fn read(row: email::Model, public_url: &PublicUrl) -> EmailRecord {
        EmailRecord {
            id: row.id,
            kind: row.kind,
            to: row.to_address,
            subject: public_url.resolve(&row.subject),
            body: public_url.resolve(&row.body),
            state: row.state,
            attempts: row.attempts,
            last_error: row.last_error,
            created_at: instant(row.created_at_ms),
            sent_at: row.sent_at_ms.map(instant),
        }
    }
}

/// One page of the outbox, newest first, optionally of one state; links point to `public_url`.
pub async fn list(
    db: &Db,
    public_url: &PublicUrl,
    state: Option<EmailState>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<EmailRecord>, u64), AppError> {
    let mut query = email::Entity::find();
    if let Some(state) = state {
        query = query.filter(email::Column::State.eq(state));
    }
    let pages = query.order_by_desc(email::Column::Id).paginate(&db.read, per_page);
    let total = pages.num_items().await?;
    let mut found = pages.fetch_page(page).await?;
    with_news_texts(&db.read, &mut found).await?;
    Ok((found.into_iter().map(|row| EmailRecord::read(row, public_url)).collect(), total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let waits: Vec<i64> = (1..=MAX_ATTEMPTS).map(backoff_ms).collect();
        assert_eq!(&waits[..4], &[30_000, 60_000, 120_000, 240_000]);
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(*waits.last().unwrap(), 3_600_000);
    }
}
