//! Where each owed reward stands on its way to its backer: the team moves pledges from one
//! step to the next, one by one, ticked in bulk, checked in at the door, or shipped from the
//! post office's file of tracking numbers; each change but a check-in tells the backer.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use entity::fulfilment::{self, FulfilmentState};
use entity::pledge;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement,
};

use super::letters::Letters;
use super::offers::text_error;
use super::outbox;
use crate::db::Db;
use crate::domain::states::{PaymentState, PledgeState};
use crate::domain::text;
use crate::error::AppError;

/// The longest tracking number or link.
const TRACKING_MAX: usize = 200;
/// The longest note.
const NOTE_MAX: usize = 500;
/// How many ids one query names.
const CHUNK: usize = 500;

/// A step to move pledges to, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub state: FulfilmentState,
    pub tracking: Option<String>,
    pub note: Option<String>,
}

impl Change {
    /// Checks the step the team chose: a known state, a tracking number and a note of
    /// printable text within their lengths, and a note to say what the problem is.
    pub fn parse(state: &str, tracking: Option<&str>, note: Option<&str>) -> Result<Change, AppError> {
        let state = state.trim().parse().map_err(|_| AppError::invalid("state", "error-fulfilment-state"))?;
        let tracking = text::optional(tracking, TRACKING_MAX).map_err(|e| text_error("tracking", e))?;
        if tracking.as_deref().is_some_and(|t| t.contains(['\n', '\t'])) {
            return Err(AppError::invalid("tracking", "error-text-control"));
        }
        let note = text::optional(note, NOTE_MAX).map_err(|e| text_error("note", e))?;
        if state == FulfilmentState::Problem && note.is_none() {
            return Err(AppError::invalid("note", "error-fulfilment-note-required"));
        }
        Ok(Change { state, tracking, note })
    }
}

/// Where to follow a parcel: a link given as the tracking is kept; a number is looked up at
/// Swiss Post, the carrier of a Geneva campaign.
pub fn tracking_url(tracking: &str) -> String {
    if tracking.starts_with("https://") || tracking.starts_with("http://") {
        tracking.to_owned()
    } else {
        let number: String = tracking.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
        format!("https://service.post.ch/ekp-web/ui/entry/search/{number}")
    }
}

/// Where the reward of pledge `pledge_id` stands; `None` while still to prepare.
pub async fn of(db: &Db, pledge_id: i64) -> Result<Option<fulfilment::Model>, AppError> {
    Ok(fulfilment::Entity::find_by_id(pledge_id).one(&db.read).await?)
}

/// The steps of the pledges `ids`, by pledge.
pub async fn of_many(db: &Db, ids: &[i64]) -> Result<HashMap<i64, fulfilment::Model>, AppError> {
    let mut found = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let rows = fulfilment::Entity::find()
            .filter(fulfilment::Column::PledgeId.is_in(chunk.iter().copied()))
            .all(&db.read)
            .await?;
        found.extend(rows.into_iter().map(|row| (row.pledge_id, row)));
    }
    Ok(found)
}

/// Moves the pledges `ids` that count and have a reward to `change`, in one transaction, and
/// tells each backer whose reward moved. Returns how many moved; the others (cancelled, no
/// reward, already there) are left as they are.
pub async fn apply(
    db: &Db,
    letters: &Letters,
    ids: &[i64],
    change: &Change,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let txn = db.begin_write().await?;
    let mut moved = 0;
    for chunk in ids.chunks(CHUNK) {
        let pledges = locked(
            &txn,
            owed().filter(pledge::Column::Id.is_in(chunk.iter().copied())).order_by_asc(pledge::Column::Id),
        )
        .await?;
        for pledge in &pledges {
            moved += usize::from(write(&txn, letters, pledge, change, now).await?);
        }
    }
    txn.commit().await?;
    Ok(moved)
}

/// The pledges a reward is owed to: counting, with a reward, not dropped for want of payment.
fn owed() -> sea_orm::Select<pledge::Entity> {
    pledge::Entity::find()
        .filter(pledge::Column::State.eq(PledgeState::Active))
        .filter(pledge::Column::RewardId.is_not_null())
        .filter(pledge::Column::PaymentState.ne(PaymentState::Dropped))
}

/// The pledges `select` finds, held for the rest of `txn` on PostgreSQL (SQLite's write
/// transaction holds the whole database), so that a form sent twice moves each once.
async fn locked(
    txn: &DatabaseTransaction,
    select: sea_orm::Select<pledge::Entity>,
) -> Result<Vec<pledge::Model>, AppError> {
    let select =
        if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres { select.lock_exclusive() } else { select };
    Ok(select.all(txn).await?)
}

/// Moves one pledge to `change` inside `txn`, and stores the email that tells its backer;
/// false when it was there already.
async fn write(
    txn: &DatabaseTransaction,
    letters: &Letters,
    pledge: &pledge::Model,
    change: &Change,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let old = fulfilment::Entity::find_by_id(pledge.id).one(txn).await?;
    let unchanged = match &old {
        Some(old) => old.state == change.state && old.tracking == change.tracking && old.note == change.note,
        None => change.state == FulfilmentState::ToPrepare && change.tracking.is_none() && change.note.is_none(),
    };
    if unchanged {
        return Ok(false);
    }
    let row = fulfilment::ActiveModel {
        pledge_id: Set(pledge.id),
        reward_id: Set(pledge.reward_id.clone().unwrap_or_default()),
        state: Set(change.state),
        tracking: Set(change.tracking.clone()),
        note: Set(change.note.clone()),
        changed_at_ms: Set(now.timestamp_millis()),
    };
    if old.is_some() {
        fulfilment::Entity::update(row).exec(txn).await?;
    } else {
        fulfilment::Entity::insert(row).exec(txn).await?;
    }
    // A check-in happens with the backer at the door, and a step back is the team's own
    // correction: neither is news to them.
    let tells = !matches!(change.state, FulfilmentState::Attended | FulfilmentState::ToPrepare);
    if tells {
        outbox::queue(txn, &[letters.fulfilment(pledge, change)], now).await?;
    }
    Ok(true)
}

/// A line of an import the team must fix: nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportLine {
    pub line: usize,
    pub reference: String,
}

/// The post office's file of shipments, as the team uploads it: one line per parcel, the
/// pledge's reference then the tracking number, separated by a semicolon, a comma or a tab; a
/// first line naming the columns, further columns and empty lines, are skipped. Every pledge is
/// marked shipped with its number and told, in one transaction (one already shipped under that
/// number, delivered or with a problem, stays as it is); a line that names no pledge to ship (or one
/// named twice, or a line without a number) changes nothing and says which line it is.
pub async fn import(db: &Db, letters: &Letters, file: &str, now: DateTime<Utc>) -> Result<usize, AppError> {
    let lines = parse_import(file)?;
    if lines.is_empty() {
        return Err(AppError::invalid("file", "error-import-empty"));
    }
    let txn = db.begin_write().await?;
    let mut pledges = Vec::with_capacity(lines.len());
    for (line, reference, tracking) in &lines {
        let found = locked(&txn, owed().filter(pledge::Column::Reference.eq(reference.as_str()))).await?;
        let Some(found) = found.into_iter().next() else {
            return Err(line_error("error-import-unknown", *line, reference));
        };
        let change = Change::parse("shipped", Some(tracking), None)
            .map_err(|_| line_error("error-import-tracking", *line, reference))?;
        pledges.push((found, change));
    }
    let mut shipped = 0;
    for (pledge, change) in &pledges {
        // The post office's file grows week after week: a parcel already shipped under this
        // number, or further on its way (delivered, or a problem the team follows), stays.
        let step = fulfilment::Entity::find_by_id(pledge.id).one(&txn).await?;
        let further = step.as_ref().is_some_and(|s| match s.state {
            FulfilmentState::ToPrepare | FulfilmentState::Ready => false,
            FulfilmentState::Shipped => s.tracking == change.tracking,
            FulfilmentState::Delivered | FulfilmentState::Attended | FulfilmentState::Problem => true,
        });
        if !further {
            shipped += usize::from(write(&txn, letters, pledge, change, now).await?);
        }
    }
    txn.commit().await?;
    Ok(shipped)
}

fn line_error(key: &'static str, line: usize, reference: &str) -> AppError {
    let reference: String = reference.chars().take(40).collect();
    AppError::Invalid { field: "file", key, args: vec![("line", line.to_string()), ("reference", reference)] }
}

/// `(line, reference, tracking)` of each line of the file, the reference in capitals.
fn parse_import(file: &str) -> Result<Vec<(usize, String, String)>, AppError> {
    let mut seen = HashSet::new();
    let mut lines = Vec::new();
    for (index, line) in file.trim_start_matches('\u{feff}').lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut cells = line.split([';', ',', '\t']).map(|cell| cell.trim().trim_matches('"').trim());
        let reference = cells.next().unwrap_or_default().to_uppercase();
        let tracking = cells.next().unwrap_or_default().to_owned();
        if lines.is_empty() && seen.is_empty() && is_header(&reference) {
            continue;
        }
        if reference.is_empty() || tracking.is_empty() {
            return Err(line_error("error-import-tracking", number, &reference));
        }
        if !seen.insert(reference.clone()) {
            return Err(line_error("error-import-twice", number, &reference));
        }
        lines.push((number, reference, tracking));
    }
    Ok(lines)
}

/// Whether a first cell names the column rather than a pledge.
fn is_header(cell: &str) -> bool {
    let cell = cell.to_lowercase();
    ["reference", "référence", "referenz", "ref", "réf"].iter().any(|name| cell == *name)
}

/// How far one reward's owed units are: `owed` counts the pledges that count and are paid
/// (every one that counts, for a campaign that collects its money elsewhere); the steps count
/// those of them that moved (the rest are to prepare).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RewardProgress {
    pub reward_id: String,
    pub owed: i64,
    pub ready: i64,
    pub shipped: i64,
    /// Delivered, or attended for an event.
    pub delivered: i64,
    pub problem: i64,
}

impl RewardProgress {
    pub fn to_prepare(&self) -> i64 {
        (self.owed - self.ready - self.shipped - self.delivered - self.problem).max(0)
    }
}

/// Each reward's progress, counting only paid pledges when `paid_only`: two grouped queries on
/// indexes, whatever the number of pledges.
pub async fn progress(db: &Db, paid_only: bool) -> Result<Vec<RewardProgress>, AppError> {
    #[derive(FromQueryResult)]
    struct Owed {
        reward_id: String,
        n: i64,
    }
    #[derive(FromQueryResult)]
    struct Step {
        reward_id: String,
        state: String,
        n: i64,
    }
    let backend = db.backend();
    // Any state but one no stored pledge has, when every pledge that counts is owed.
    let paid = if paid_only { PaymentState::Paid.to_string() } else { String::new() };
    let test = if paid_only { "=" } else { "<>" };
    let owed = Owed::find_by_statement(Statement::from_sql_and_values(
        backend,
        format!(
            "SELECT reward_id, COUNT(*) AS n FROM pledges WHERE state = 'active' AND reward_id IS NOT NULL \
             AND payment_state {test} {} GROUP BY reward_id",
            placeholder(backend, 1)
        ),
        [paid.clone().into()],
    ))
    .all(&db.read)
    .await?;
    let steps = Step::find_by_statement(Statement::from_sql_and_values(
        backend,
        format!(
            "SELECT p.reward_id, f.state, COUNT(*) AS n FROM fulfilments f JOIN pledges p ON p.id = f.pledge_id \
             WHERE p.state = 'active' AND p.payment_state {test} {} GROUP BY p.reward_id, f.state",
            placeholder(backend, 1)
        ),
        [paid.into()],
    ))
    .all(&db.read)
    .await?;
    let mut progress: Vec<RewardProgress> =
        owed.into_iter().map(|o| RewardProgress { reward_id: o.reward_id, owed: o.n, ..Default::default() }).collect();
    for step in steps {
        let Some(reward) = progress.iter_mut().find(|p| p.reward_id == step.reward_id) else { continue };
        match step.state.parse::<FulfilmentState>() {
            Ok(FulfilmentState::Ready) => reward.ready += step.n,
            Ok(FulfilmentState::Shipped) => reward.shipped += step.n,
            Ok(FulfilmentState::Delivered | FulfilmentState::Attended) => reward.delivered += step.n,
            Ok(FulfilmentState::Problem) => reward.problem += step.n,
            Ok(FulfilmentState::ToPrepare) | Err(_) => {}
        }
    }
    Ok(progress)
}

fn placeholder(backend: sea_orm::DatabaseBackend, n: usize) -> String {
    match backend {
        sea_orm::DatabaseBackend::Postgres => format!("${n}"),
        _ => "?".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_needs_its_note_and_texts_stay_in_bounds() {
        assert!(Change::parse("shipped", Some(" 99.00.123456.12345678 "), None).is_ok());
        assert_eq!(Change::parse("ready", None, Some("  ")).unwrap().note, None);
        let missing = Change::parse("problem", None, Some(" ")).unwrap_err();
        assert!(matches!(missing, AppError::Invalid { field: "note", .. }));
        assert!(matches!(Change::parse("lost", None, None).unwrap_err(), AppError::Invalid { field: "state", .. }));
        let long = "9".repeat(TRACKING_MAX + 1);
        assert!(matches!(
            Change::parse("shipped", Some(&long), None).unwrap_err(),
            AppError::Invalid { field: "tracking", .. }
        ));
        assert!(Change::parse("shipped", Some("99\n00"), None).is_err());
    }

    #[test]
    fn a_number_is_followed_at_swiss_post_and_a_link_as_it_is() {
        assert_eq!(
            tracking_url("99.00.123456.12345678"),
            "https://service.post.ch/ekp-web/ui/entry/search/99.00.123456.12345678"
        );
        assert_eq!(
            tracking_url("https://www.dhl.com/ch-fr/home/suivi.html?id=1"),
            "https://www.dhl.com/ch-fr/home/suivi.html?id=1"
        );
        assert!(!tracking_url("99 00\"><script>").contains(['"', '<', ' ']));
    }

    #[test]
    fn the_post_file_is_read_whatever_its_separator_with_its_header_skipped() {
        let file =
            "\u{feff}Référence;Numéro d'envoi\r\nyzkc-3vcn;99.00.1\n\nABCD-EFGH,\"99.00.2\"\nWXYZ-2345\t99.00.3\n";
        let lines = parse_import(file).unwrap();
        assert_eq!(
            lines,
            [
                (2, "YZKC-3VCN".to_owned(), "99.00.1".to_owned()),
                (4, "ABCD-EFGH".to_owned(), "99.00.2".to_owned()),
                (5, "WXYZ-2345".to_owned(), "99.00.3".to_owned())
            ]
        );
        let twice = parse_import("A-1;1\nA-1;2\n").unwrap_err();
        assert!(matches!(twice, AppError::Invalid { key: "error-import-twice", ref args, .. } if args[0].1 == "2"));
        let wide = parse_import("ABCD-EFGH;99.00.1;2028-03-01;Genève\n").unwrap();
        assert_eq!(wide, [(1, "ABCD-EFGH".to_owned(), "99.00.1".to_owned())], "further columns are left");
        let bare = parse_import("A-1;1\nB-2\n").unwrap_err();
        assert!(matches!(bare, AppError::Invalid { key: "error-import-tracking", ref args, .. } if args[0].1 == "2"));
    }
}
