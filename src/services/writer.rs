//! The pledge writer: one task that applies pledges, changes and cancellations, grouping
//! those that arrive together into one transaction and one commit.
//!
//! A durable commit (fsync) costs far more than the few statements of a pledge, so under a
//! crowd the commit is what limits throughput. Each operation runs in a savepoint of its
//! own, so a refusal rolls back only that operation; nobody is answered before the commit
//! that holds their change has succeeded, and if it fails, everybody in it gets the error.
//! The email that tells the backer is stored in the same transaction (see [`outbox`]).

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use entity::pledge;
use sea_orm::{DatabaseTransaction, TransactionTrait};
use tokio::sync::{mpsc, oneshot};

use super::batch;
use super::counters::lock_open_campaign;
use super::letters::{Letters, PledgeNews};
use super::outbox;
use super::pledges::{self, Confirmation, Confirmed, NewPledge, Placed, PledgeChange, PledgeRecord};
use crate::config::Campaign;
use crate::db::Db;
use crate::domain::{Clock, Lang};
use crate::error::AppError;

/// The most operations one commit carries; enough to amortise the commit, few enough to
/// keep the transaction short.
const MAX_BATCH: usize = 256;

/// One change to pledges, as the writer applies it.
#[derive(Debug)]
pub enum Operation {
    Place {
        /// Boxed: the writer's queue holds many operations, most of them pledges.
        new: Box<NewPledge>,
        lang: Lang,
        idempotency_key: Option<String>,
    },
    Change {
        token: String,
        change: PledgeChange,
    },
    /// `tell`: whether the backer is told by email (the team cancelling a flood of fake
    /// pledges tells nobody).
    Cancel {
        token: String,
        tell: bool,
    },
    /// Opening a confirmation link; with the reward chosen again when the held one sold out.
    Confirm {
        secret: String,
        change: Option<PledgeChange>,
    },
}

/// What an operation produced.
#[derive(Debug)]
pub enum Outcome {
    Placed(Placed),
    Changed(pledge::Model),
    Cancelled(pledge::Model),
    Confirmed(Confirmed),
}

/// A pledge the writer placed, or found already placed under its idempotency key.
#[derive(Debug, Clone)]
pub struct PlacedPledge {
    pub pledge: PledgeRecord,
    /// The pledge was placed by an earlier request with the same idempotency key.
    pub replayed: bool,
}

struct Job {
    operation: Operation,
    reply: oneshot::Sender<Result<Outcome, AppError>>,
}

/// The handle requests use to reach the writer task.
#[derive(Clone, Debug)]
pub struct PledgeWriter {
    jobs: mpsc::Sender<Job>,
    generation: Arc<AtomicU64>,
}

/// What the writer needs, moved into its task.
struct Context {
    db: Db,
    campaign: Arc<Campaign>,
    campaign_id: i32,
    clock: Clock,
    generation: Arc<AtomicU64>,
    letters: Letters,
    confirmation: Confirmation,
}

impl PledgeWriter {
    /// Starts the writer task on the current runtime. It ends when every handle is dropped.
    pub fn start(
        db: Db,
        campaign: Arc<Campaign>,
        campaign_id: i32,
        clock: Clock,
        letters: Letters,
        confirmation: Confirmation,
    ) -> PledgeWriter {
        let (jobs, queue) = mpsc::channel(4 * MAX_BATCH);
        let generation = Arc::new(AtomicU64::new(0));
        let context =
            Context { db, campaign, campaign_id, clock, generation: generation.clone(), letters, confirmation };
        tokio::spawn(run(context, queue));
        PledgeWriter { jobs, generation }
    }

    /// Applies one operation and answers once it is committed (or refused).
    pub async fn apply(&self, operation: Operation) -> Result<Outcome, AppError> {
        let (reply, answer) = oneshot::channel();
        let stopped = || AppError::internal("the pledge writer has stopped", "no answer");
        self.jobs.send(Job { operation, reply }).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }

    /// Places a pledge; see [`pledges::place`].
    pub async fn place(
        &self,
        new: NewPledge,
        lang: Lang,
        idempotency_key: Option<String>,
    ) -> Result<PlacedPledge, AppError> {
        match self.apply(Operation::Place { new: Box::new(new), lang, idempotency_key }).await? {
            Outcome::Placed(Placed { pledge, replayed }) => Ok(PlacedPledge { pledge: pledge.into(), replayed }),
            other => Err(unexpected(other)),
        }
    }

    /// Changes a pledge's reward or amount; see [`pledges::change`].
    pub async fn change(&self, token: &str, change: PledgeChange) -> Result<PledgeRecord, AppError> {
        match self.apply(Operation::Change { token: token.to_owned(), change }).await? {
            Outcome::Changed(pledge) => Ok(pledge.into()),
            other => Err(unexpected(other)),
        }
    }

    /// Cancels a pledge, telling its backer by email if `tell`; see [`pledges::cancel`].
    pub async fn cancel(&self, token: &str, tell: bool) -> Result<PledgeRecord, AppError> {
        match self.apply(Operation::Cancel { token: token.to_owned(), tell }).await? {
            Outcome::Cancelled(pledge) => Ok(pledge.into()),
            other => Err(unexpected(other)),
        }
    }

    /// Confirms a pledge by the secret of its link; see [`pledges::confirm`].
    pub async fn confirm(&self, secret: &str, change: Option<PledgeChange>) -> Result<Confirmed, AppError> {
        match self.apply(Operation::Confirm { secret: secret.to_owned(), change }).await? {
            Outcome::Confirmed(confirmed) => Ok(confirmed),
            other => Err(unexpected(other)),
        }
    }

    /// Tells cached pages that the figures changed outside the writer (the campaign closed,
    /// held units were released).
    pub fn figures_changed(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// A number that grows with every commit that changed pledges, so that cached pages know
    /// when their figures are stale.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }
}

fn unexpected(outcome: Outcome) -> AppError {
    AppError::internal("the pledge writer answered out of turn", format!("{outcome:?}"))
}

async fn run(context: Context, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        apply_batch(&context, &mut batch).await;
    }
}

/// Runs a batch and answers every job in it. A job whose idempotency key repeats one earlier
/// in the batch waits for the next round, where it finds the first one stored.
async fn apply_batch(context: &Context, batch: &mut Vec<Job>) {
    let mut round = std::mem::take(batch);
    while !round.is_empty() {
        let mut keys = HashSet::new();
        let (now, later): (Vec<Job>, Vec<Job>) = round.into_iter().partition(|job| match &job.operation {
            Operation::Place { idempotency_key: Some(key), .. } => keys.insert(key.clone()),
            _ => true,
        });
        let started = std::time::Instant::now();
        let outcomes = match quickly(context, &now).await {
            Ok(outcomes) => outcomes,
            // Something only an operation of its own can isolate: take them one by one.
            Err(reason) => {
                tracing::debug!(%reason, "batch retried operation by operation");
                carefully(context, &now).await
            }
        };
        tracing::debug!(operations = now.len(), micros = started.elapsed().as_micros() as u64, "batch committed");
        answer(context, now, outcomes);
        round = later;
    }
}

/// Sends each job its outcome, once the batch that holds it is committed.
fn answer(context: &Context, jobs: Vec<Job>, outcomes: Vec<Result<Outcome, AppError>>) {
    if outcomes.iter().any(Result::is_ok) {
        context.generation.fetch_add(1, Ordering::AcqRel);
    }
    for (job, outcome) in jobs.into_iter().zip(outcomes) {
        if let Ok(outcome) = &outcome {
            log(outcome);
        }
        // The requester may have gone away; its change stands, as committed.
        let _ = job.reply.send(outcome);
    }
}

/// The usual path: the campaign is judged open once for the batch; changes and cancellations
/// run in savepoints of their own, then the new pledges are placed together
/// ([`batch::place_many`]) and everything is committed once. Fails, leaving nothing written,
/// when something needs the careful path: a database error, or a clash on a unique token,
/// reference or key.
async fn quickly(context: &Context, jobs: &[Job]) -> Result<Vec<Result<Outcome, AppError>>, sea_orm::DbErr> {
    let txn = context.db.begin_write().await?;
    // Judged once the campaign's row is held, so the closer cannot slip in between.
    let locked = lock_open_campaign(&txn, context.campaign_id, context.clock.now()).await;
    match locked {
        Ok(()) => {}
        Err(AppError::Db(error)) => return Err(error),
        Err(refusal) => {
            txn.rollback().await?;
            return Ok(refused_all(context, jobs, &refusal).await);
        }
    }
    let now = context.clock.now();
    let mut outcomes: Vec<Option<Result<Outcome, AppError>>> = Vec::with_capacity(jobs.len());
    let mut placing = Vec::new();
    let mut requests = Vec::new();
    let mut confirming = Vec::new();
    for (index, job) in jobs.iter().enumerate() {
        match &job.operation {
            Operation::Place { new, lang, idempotency_key } => {
                placing.push(index);
                requests.push(batch::Request { new, lang: *lang, idempotency_key: idempotency_key.as_deref() });
                outcomes.push(None);
            }
            // As many as new pledges: together, like them.
            Operation::Confirm { secret, change: None } => {
                confirming.push((index, secret.as_str()));
                outcomes.push(None);
            }
            // Rare next to new pledges: in a savepoint of their own.
            other => outcomes.push(Some(apply_one(context, &txn, other).await)),
        }
    }
    let placed =
        batch::place_many(&txn, &context.campaign, context.campaign_id, &requests, context.confirmation, now).await?;
    let mails: Vec<outbox::Mail> = placed
        .iter()
        .filter_map(|answer| answer.as_ref().ok())
        .filter(|placed| !placed.replayed)
        .map(|placed| context.letters.pledge(PledgeNews::news_of_new(&placed.pledge), &placed.pledge))
        .collect();
    outbox::queue(&txn, &mails, now).await.map_err(AppError::into_db_err)?;
    for (index, answer) in placing.into_iter().zip(placed) {
        outcomes[index] = Some(answer.map(Outcome::Placed));
    }
    if !confirming.is_empty() {
        let secrets: Vec<&str> = confirming.iter().map(|(_, secret)| *secret).collect();
        let confirmed = batch::confirm_many(&txn, context.campaign_id, &secrets, now).await?;
        let receipts: Vec<outbox::Mail> = confirmed
            .iter()
            .flatten()
            .filter(|confirmed| confirmed.now)
            .map(|confirmed| context.letters.pledge(PledgeNews::Placed, &confirmed.pledge))
            .collect();
        outbox::queue(&txn, &receipts, now).await.map_err(AppError::into_db_err)?;
        for ((index, _), answer) in confirming.into_iter().zip(confirmed) {
            outcomes[index] = Some(match answer {
                Some(confirmed) => Ok(Outcome::Confirmed(confirmed)),
                // Released meanwhile, unknown, or twice in this batch: one by one, after the rest.
                None => apply_one(context, &txn, &jobs[index].operation).await,
            });
        }
    }
    txn.commit().await?;
    Ok(outcomes.into_iter().flatten().collect())
}

/// Every job refused, the campaign being closed; but a retried request, whose pledge was
/// placed before the close, gets that pledge back, as it would have before.
async fn refused_all(context: &Context, jobs: &[Job], refusal: &AppError) -> Vec<Result<Outcome, AppError>> {
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in jobs {
        let outcome = match &job.operation {
            Operation::Place { new, idempotency_key: Some(key), .. } => {
                match pledges::replay(&context.db.read, key, new).await {
                    Ok(Some(placed)) => Ok(Outcome::Placed(placed)),
                    Ok(None) => Err(refusal.clone()),
                    Err(error) => Err(error),
                }
            }
            _ => Err(refusal.clone()),
        };
        outcomes.push(outcome);
    }
    outcomes
}

/// The careful path: each operation in a savepoint of its own inside one transaction, so
/// whatever goes wrong with one is undone alone. If the commit fails, everyone gets the error.
async fn carefully(context: &Context, jobs: &[Job]) -> Vec<Result<Outcome, AppError>> {
    let txn = match context.db.begin_write().await {
        Ok(txn) => txn,
        Err(error) => {
            return jobs.iter().map(|_| Err(AppError::Db(error.clone()))).collect();
        }
    };
    let mut outcomes = Vec::with_capacity(jobs.len());
    for job in jobs {
        outcomes.push(apply_one(context, &txn, &job.operation).await);
    }
    match txn.commit().await {
        Ok(()) => outcomes,
        Err(error) => jobs.iter().map(|_| Err(AppError::Db(error.clone()))).collect(),
    }
}

/// One operation in a savepoint of its own: kept if it succeeds, undone if it is refused.
async fn apply_one(context: &Context, txn: &DatabaseTransaction, operation: &Operation) -> Result<Outcome, AppError> {
    let savepoint = txn.begin().await?;
    // The deadline is judged at the moment the operation is applied, in its transaction.
    let now = context.clock.now();
    let result = match operation {
        Operation::Place { new, lang, idempotency_key } => pledges::place(
            &savepoint,
            &context.campaign,
            context.campaign_id,
            new,
            *lang,
            idempotency_key.as_deref(),
            context.confirmation,
            now,
        )
        .await
        .map(Outcome::Placed),
        Operation::Change { token, change } => {
            pledges::change(&savepoint, &context.campaign, token, change, now).await.map(Outcome::Changed)
        }
        Operation::Cancel { token, .. } => pledges::cancel(&savepoint, token, now).await.map(Outcome::Cancelled),
        Operation::Confirm { secret, change } => {
            pledges::confirm(&savepoint, &context.campaign, secret, change.as_ref(), now).await.map(Outcome::Confirmed)
        }
    };
    let quiet = matches!(operation, Operation::Cancel { tell: false, .. });
    let told = match &result {
        Ok(outcome) if !quiet => tell_backer(context, &savepoint, outcome, now).await,
        _ => Ok(()),
    };
    match result.and_then(|outcome| told.map(|()| outcome)) {
        Ok(outcome) => {
            savepoint.commit().await?;
            Ok(outcome)
        }
        Err(refusal) => {
            savepoint.rollback().await?;
            Err(refusal)
        }
    }
}

/// Stores the email that tells the backer what `outcome` did to their pledge.
async fn tell_backer(
    context: &Context,
    txn: &DatabaseTransaction,
    outcome: &Outcome,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let (news, pledge) = match outcome {
        Outcome::Placed(Placed { replayed: true, .. }) | Outcome::Confirmed(Confirmed { now: false, .. }) => {
            return Ok(());
        }
        Outcome::Placed(Placed { pledge, .. }) => (PledgeNews::news_of_new(pledge), pledge),
        Outcome::Changed(pledge) => (PledgeNews::Changed, pledge),
        // Its address was never proven: nothing goes to it.
        Outcome::Cancelled(pledge) if pledge.confirmed_at_ms.is_none() => return Ok(()),
        Outcome::Cancelled(pledge) => (PledgeNews::Cancelled, pledge),
        Outcome::Confirmed(Confirmed { pledge, .. }) => (PledgeNews::Placed, pledge),
    };
    outbox::queue(txn, &[context.letters.pledge(news, pledge)], now).await
}

fn log(outcome: &Outcome) {
    match outcome {
        Outcome::Placed(Placed { replayed: true, .. }) => {}
        Outcome::Placed(Placed { pledge, .. }) => tracing::info!(
            reference = %pledge.reference,
            amount_cents = pledge.amount_cents,
            reward = pledge.reward_id.as_deref().unwrap_or("-"),
            "pledge placed"
        ),
        Outcome::Changed(pledge) => tracing::info!(
            reference = %pledge.reference,
            amount_cents = pledge.amount_cents,
            reward = pledge.reward_id.as_deref().unwrap_or("-"),
            "pledge changed"
        ),
        Outcome::Cancelled(pledge) => {
            tracing::info!(reference = %pledge.reference, "pledge cancelled")
        }
        Outcome::Confirmed(Confirmed { now: false, .. }) => {}
        Outcome::Confirmed(Confirmed { pledge, .. }) => {
            tracing::info!(reference = %pledge.reference, amount_cents = pledge.amount_cents, "pledge confirmed")
        }
    }
}
