//! Reconciling the bank's camt.054 (or camt.053) file: each credit found by its reference
//! joins its pledge's ledger, a reversal undoes one, and what matches no pledge waits for the
//! team. The same payment is recorded once, whatever file brings it and however often.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use entity::{bank_file, bank_transaction, pledge};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set};

use super::bills::pledge_of_reference;
use super::ledger::{self, Entry};
use super::letters::{Letters, PaymentNews};
use super::outbox::{self, Mail};
use crate::config::{Campaign, Payments};
use crate::db::Db;
use crate::domain::camt::{self, Direction, FileKind, Movement};
use crate::domain::states::{BankDirection, BankFileKind, BankStatus, PaymentKind, PaymentMethod};
use crate::error::AppError;

/// Movements one transaction records: a file of 10,000 credits takes twenty.
const CHUNK: usize = 500;

/// Why a file was not imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not a bank file bobine reads; nothing was changed.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<sea_orm::DbErr> for ImportError {
    fn from(error: sea_orm::DbErr) -> ImportError {
        ImportError::App(error.into())
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// `camt.054` or `camt.053`.
    pub kind: String,
    /// Money movements in the file (credits and reversals).
    pub movements: usize,
    /// Of those, recorded before (this file or another bringing the same payments).
    pub known: usize,
    /// New credits and reversals recorded on their pledge.
    pub matched: usize,
    /// New movements no pledge's reference matches, listed for the team.
    pub unmatched: usize,
    /// Pledges this file made paid.
    pub paid: usize,
    /// The same file was imported before.
    pub seen_before: bool,
}

/// Imports the bank file in `bytes`, uploaded by `by` (a team member) or from the command line.
pub async fn import(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
    letters: &Letters,
    bytes: &[u8],
    by: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ImportReport, ImportError> {
    let payments = campaign.payments.as_ref().ok_or_else(|| {
        ImportError::Refused("payments are off: add a [payments] section to the campaign file first".into())
    })?;
    let file = camt::parse(bytes).map_err(|e| ImportError::Refused(e.to_string()))?;
    let kind = match file.kind {
        FileKind::Camt053 => BankFileKind::Camt053,
        FileKind::Camt054 => BankFileKind::Camt054,
    };
    let (file_id, seen_before) = file_row(db, &file, kind, by, now).await?;
    let mut report = ImportReport {
        kind: file.kind.to_string(),
        movements: file.movements.len(),
        seen_before,
        ..ImportReport::default()
    };
    for chunk in file.movements.chunks(CHUNK) {
        import_chunk(db, campaign, payments, campaign_id, letters, file_id, chunk, now, &mut report).await?;
    }
    bank_file::Entity::update_many()
        .col_expr(
            bank_file::Column::Added,
            Expr::col(bank_file::Column::Added).add((report.matched + report.unmatched) as i64),
        )
        .filter(bank_file::Column::Id.eq(file_id))
        .exec(&db.write)
        .await?;
    Ok(report)
}

/// The file's row, created on its first import; and whether it existed.
async fn file_row(
    db: &Db,
    file: &camt::BankFile,
    kind: BankFileKind,
    by: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(i64, bool), ImportError> {
    let find = || bank_file::Entity::find().filter(bank_file::Column::Digest.eq(&file.digest)).one(&db.write);
    if let Some(found) = find().await? {
        return Ok((found.id, true));
    }
    let row = bank_file::ActiveModel {
        digest: Set(file.digest.clone()),
        kind: Set(kind),
        message_id: Set(file.message_id.chars().take(140).collect()),
        account_iban: Set(file.account_iban.clone()),
        movements: Set(file.movements.len() as i64),
        added: Set(0),
        imported_by: Set(by.map(str::to_owned)),
        imported_at_ms: Set(now.timestamp_millis()),
        ..Default::default()
    };
    // Another import of the same file may have stored it meanwhile: then that row serves.
    bank_file::Entity::insert(row)
        .on_conflict(OnConflict::column(bank_file::Column::Digest).do_nothing().to_owned())
        .exec_without_returning(&db.write)
        .await?;
    let found = find().await?.ok_or(AppError::NotFound)?;
    Ok((found.id, false))
}

#[allow(clippy::too_many_arguments)]
async fn import_chunk(
    db: &Db,
    campaign: &Campaign,
    payments: &Payments,
    campaign_id: i32,
    letters: &Letters,
    file_id: i64,
    chunk: &[Movement],
    now: DateTime<Utc>,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let txn = db.begin_write().await?;
    ledger::lock_campaign(&txn, campaign_id).await?;
    // Payments recorded before, by this file or another: left out, and counted as known.
    let refs: Vec<String> = chunk.iter().map(|m| clipped(&m.bank_ref, 140)).collect();
    let recorded: HashSet<String> = bank_transaction::Entity::find()
        .select_only()
        .column(bank_transaction::Column::BankRef)
        .filter(bank_transaction::Column::BankRef.is_in(refs))
        .into_tuple::<String>()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    let fresh: Vec<&Movement> = chunk.iter().filter(|m| !recorded.contains(&clipped(&m.bank_ref, 140))).collect();
    let named: Vec<i64> = fresh
        .iter()
        .filter(|m| m.currency == campaign.currency)
        .filter_map(|m| m.reference.as_deref().and_then(pledge_of_reference))
        .collect();
    // What each named pledge holds, to keep a reversal from taking back more than came in.
    let mut held: HashMap<i64, i64> = if named.is_empty() {
        HashMap::new()
    } else {
        pledge::Entity::find()
            .select_only()
            .column(pledge::Column::Id)
            .column(pledge::Column::PaidCents)
            .column(pledge::Column::RefundedCents)
            .filter(pledge::Column::Id.is_in(named))
            .filter(pledge::Column::CampaignId.eq(campaign_id))
            .into_tuple::<(i64, i64, i64)>()
            .all(&txn)
            .await?
            .into_iter()
            .map(|(id, paid, refunded)| (id, paid - refunded))
            .collect()
    };
    let alike = recorded_alike(&txn, &fresh).await?;
    let mut rows = Vec::with_capacity(fresh.len());
    for m in &fresh {
        let pledge_id = (m.currency == campaign.currency)
            .then(|| m.reference.as_deref().and_then(pledge_of_reference))
            .flatten()
            .filter(|id| held.contains_key(id))
            // The same payment under another bank reference (a file that leaves out the
            // payment's own reference): the team decides, rather than counting it twice.
            .filter(|_| !alike.contains(&likeness(m)))
            .filter(|id| match m.direction {
                Direction::Credit => true,
                Direction::Reversal => held[id] >= m.amount_cents,
            });
        if let Some(id) = pledge_id {
            let signed = if m.direction == Direction::Credit { m.amount_cents } else { -m.amount_cents };
            *held.entry(id).or_default() += signed;
        }
        rows.push(transaction_row(m, file_id, pledge_id, now));
    }
    // A payment recorded meanwhile by an import running beside this one is left out here:
    // the unique bank reference decides.
    let inserted = if rows.is_empty() {
        Vec::new()
    } else {
        match bank_transaction::Entity::insert_many(rows)
            .on_conflict_do_nothing_on([bank_transaction::Column::BankRef])
            .exec_with_returning_many(&txn)
            .await?
        {
            sea_orm::TryInsertResult::Inserted(rows) => rows,
            _ => Vec::new(),
        }
    };
    report.known += chunk.len() - inserted.len();
    let entries: Vec<Entry> = inserted
        .iter()
        .filter_map(|t| {
            let pledge_id = t.pledge_id?;
            Some(entry_of(t, pledge_id, None))
        })
        .collect();
    report.matched += entries.len();
    report.unmatched += inserted.len() - entries.len();
    let recorded = ledger::record(&txn, campaign_id, &entries, now).await?;
    let mails = receipts(&recorded, letters, payments);
    report.paid += mails.len();
    outbox::queue(&txn, &mails, now).await?;
    txn.commit().await?;
    Ok(())
}

/// What makes two bank transactions look like the same payment.
type Likeness = (bool, String, i64, String, Option<String>);

fn likeness(m: &Movement) -> Likeness {
    let credit = m.direction == Direction::Credit;
    (credit, m.reference.clone().unwrap_or_default(), m.amount_cents, m.booked_on.to_string(), m.debtor_iban.clone())
}

/// The likenesses of transactions already recorded with the references of `fresh`.
async fn recorded_alike(txn: &DatabaseTransaction, fresh: &[&Movement]) -> Result<HashSet<Likeness>, ImportError> {
    let references: Vec<String> = fresh.iter().filter_map(|m| m.reference.clone()).collect();
    if references.is_empty() {
        return Ok(HashSet::new());
    }
    let rows =
        bank_transaction::Entity::find().filter(bank_transaction::Column::Reference.is_in(references)).all(txn).await?;
    Ok(rows
        .into_iter()
        .map(|t| {
            (
                t.direction == BankDirection::Credit,
                t.reference.unwrap_or_default(),
                t.amount_cents,
                t.booked_on,
                t.payer_iban,
            )
        })
        .collect())
}

fn clipped(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

fn transaction_row(
    m: &Movement,
    file_id: i64,
    pledge_id: Option<i64>,
    now: DateTime<Utc>,
) -> bank_transaction::ActiveModel {
    bank_transaction::ActiveModel {
        bank_ref: Set(clipped(&m.bank_ref, 140)),
        file_id: Set(file_id),
        direction: Set(match m.direction {
            Direction::Credit => BankDirection::Credit,
            Direction::Reversal => BankDirection::Reversal,
        }),
        amount_cents: Set(m.amount_cents),
        currency: Set(clipped(&m.currency, 3)),
        booked_on: Set(m.booked_on.to_string()),
        reference: Set(m.reference.as_deref().map(|r| clipped(r, 35))),
        payer_name: Set(m.debtor_name.as_deref().map(|n| clipped(n, 140))),
        payer_iban: Set(m.debtor_iban.as_deref().map(|i| clipped(i, 34))),
        message: Set(m.message.as_deref().map(|t| clipped(t, 500))),
        status: Set(if pledge_id.is_some() { BankStatus::Matched } else { BankStatus::Unmatched }),
        pledge_id: Set(pledge_id),
        decided_by: Set(None),
        created_at_ms: Set(now.timestamp_millis()),
        ..Default::default()
    }
}

/// The ledger entry of a bank transaction recorded on `pledge_id`.
pub fn entry_of(t: &bank_transaction::Model, pledge_id: i64, by: Option<&str>) -> Entry {
    Entry {
        pledge_id,
        kind: match t.direction {
            BankDirection::Credit => PaymentKind::Payment,
            BankDirection::Reversal => PaymentKind::Reversal,
        },
        method: PaymentMethod::Bank,
        cents: t.amount_cents,
        bank_transaction_id: Some(t.id),
        stripe_ref: None,
        fee_cents: None,
        payer_name: t.payer_name.clone(),
        payer_iban: t.payer_iban.clone(),
        note: None,
        recorded_by: by.map(str::to_owned),
        booked_on: t.booked_on.parse().unwrap_or_default(),
    }
}

/// The receipts of pledges that became paid.
pub fn receipts(recorded: &[ledger::Recorded], letters: &Letters, payments: &Payments) -> Vec<Mail> {
    recorded
        .iter()
        .filter(|r| r.became_paid())
        .map(|r| letters.payment(PaymentNews::Paid, &r.after, payments))
        .collect()
}
