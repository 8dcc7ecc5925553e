//! Measures on a scratch database: the raw durable commit rate of the pledge path's
//! statements (the baseline `POST /api/pledges` is compared with), and the time it takes to
//! close a campaign with many pledges, to settle it, and to import a large bank file.

use std::time::{Duration, Instant};

use entity::pledge;
use sea_orm::{ConnectionTrait, DatabaseBackend, EntityTrait, QueryOrder, QuerySelect};

use bobine::config::Campaign;
use bobine::db::Db;
use bobine::domain::CampaignState;
use bobine::domain::camt::{SampleCredit, write_camt054};
use bobine::domain::qrbill::Reference;
use bobine::domain::states::PledgeState;
use bobine::error::AppError;
use bobine::services::bank_import::{self, ImportReport};
use bobine::services::bills::pledge_number;
use bobine::services::closing::close_if_due;
use bobine::services::letters::Letters;
use bobine::services::settlement;

use crate::scratch::{MARK_DOMAIN, RAW_TOKEN};

/// The state generated pledges are in: they count, as real ones do.
const ACTIVE: PledgeState = PledgeState::Active;

/// Durable claim-plus-insert transactions per second: each claims a unit of an unlimited
/// reward and inserts a pledge, then commits, one after another on each of `workers`
/// connections, for `seconds`. This is the database's own ceiling for the pledge path.
pub async fn commit_rate(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
    seconds: f64,
    workers: usize,
) -> Result<f64, AppError> {
    let reward = campaign
        .rewards
        .iter()
        .find(|r| r.limit.is_none())
        .map(|r| r.id.to_string())
        .ok_or_else(|| AppError::internal("measuring commits", "the campaign has no unlimited reward to claim"))?;
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(seconds);
    let tasks: Vec<_> = (0..workers)
        .map(|worker| {
            let db = db.clone();
            let reward = reward.clone();
            tokio::spawn(async move {
                let mut commits = 0usize;
                while Instant::now() < until {
                    let n = worker * 1_000_000_000 + commits;
                    let txn = db.begin_write().await?;
                    txn.execute_unprepared(&format!(
                        "UPDATE rewards SET claimed = claimed + 1, pledged_cents = pledged_cents + 100 WHERE id = '{reward}' AND (limit_qty IS NULL OR claimed < limit_qty)"
                    ))
                    .await?;
                    txn.execute_unprepared(&format!(
                        "INSERT INTO pledges (campaign_id, token, reference, reward_id, amount_cents, early_bird, name, email, public_name, state, lang, idempotency_key, created_at_ms, updated_at_ms, confirmed_at_ms) VALUES ({campaign_id},'{RAW_TOKEN}{n}','R{n}','{reward}',100,FALSE,'Raw','raw{n}@{MARK_DOMAIN}',NULL,'{ACTIVE}','fr',NULL,0,0,0)"
                    ))
                    .await?;
                    txn.commit().await?;
                    commits += 1;
                }
                Ok::<usize, AppError>(commits)
            })
        })
        .collect();
    let mut total = 0;
    for task in tasks {
        total += task.await.map_err(|e| AppError::internal("measuring commits", e))??;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

/// How many connections write at once when measuring the raw commit rate: SQLite takes one
/// writer at a time; PostgreSQL is measured like `pgbench -c 8`.
pub fn raw_workers(db: &Db) -> usize {
    match db.backend() {
        DatabaseBackend::Sqlite => 1,
        _ => 8,
    }
}

/// Closes the campaign at its deadline and returns how long it took.
pub async fn time_close(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
) -> Result<(Duration, Option<CampaignState>), AppError> {
    let started = Instant::now();
    let state = close_if_due(db, campaign_id, campaign.deadline).await?;
    Ok((started.elapsed(), state))
}

/// Closes the campaign at its deadline and settles it as the server would, in batches:
/// returns how long the settlement took, how many pledges it billed, and the bills stored.
pub async fn time_settlement(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
) -> Result<(Duration, usize, i64), AppError> {
    close_if_due(db, campaign_id, campaign.deadline).await?;
    let letters = Letters::new(std::sync::Arc::new(campaign.clone()), "http://127.0.0.1:8000");
    let now = campaign.deadline + chrono::Duration::minutes(1);
    let started = Instant::now();
    let billed = settlement::run_until_idle(db, campaign, campaign_id, &letters, now).await?;
    let took = started.elapsed();
    let bills = count(db, "SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_bill'").await?;
    Ok((took, billed, bills))
}

/// Writes a camt.054 whose credits pay the first `credits` pledges in full, by their QR
/// reference, and imports it: returns how long reading and recording it took.
pub async fn time_import(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
    credits: usize,
) -> Result<(Duration, ImportReport), String> {
    let payments = campaign.payments.as_ref().ok_or("the campaign file has no [payments] section")?;
    let pledges: Vec<(i64, i64)> = pledge::Entity::find()
        .select_only()
        .column(pledge::Column::Id)
        .column(pledge::Column::AmountCents)
        .order_by_asc(pledge::Column::Id)
        .limit(credits as u64)
        .into_tuple()
        .all(&db.read)
        .await
        .map_err(|e| e.to_string())?;
    let booked_on = campaign.deadline.date_naive() + chrono::Days::new(3);
    let sample: Vec<SampleCredit> = pledges
        .iter()
        .map(|(id, cents)| SampleCredit {
            bank_ref: format!("BENCH-{id}"),
            amount_cents: *cents,
            reference: Some(Reference::for_account(&payments.account, pledge_number(*id)).compact().to_owned()),
            debtor_name: Some(format!("Backer {id}")),
            debtor_iban: Some("CH5800791123000889012".to_owned()),
            booked_on,
            reversal: false,
        })
        .collect();
    let file = write_camt054(8, payments.account.compact(), "BENCH", &sample, 50);
    let letters = Letters::new(std::sync::Arc::new(campaign.clone()), "http://127.0.0.1:8000");
    let now = campaign.deadline + chrono::Duration::days(3);
    let started = Instant::now();
    let report = bank_import::import(db, campaign, campaign_id, &letters, file.as_bytes(), None, now)
        .await
        .map_err(|e| e.to_string())?;
    Ok((started.elapsed(), report))
}

/// The `n` of the one row `sql` returns (0 without a row).
pub async fn count(db: &Db, sql: &str) -> Result<i64, AppError> {
    let row = db.read.query_one_raw(sea_orm::Statement::from_string(db.backend(), sql.to_owned())).await?;
    Ok(row.map_or(Ok(0), |r| r.try_get("", "n"))?)
}

/// Writes an update for every backer, as long as a real one (a few paragraphs, a list, a
/// link, in French and German), and publishes it at `at` to be emailed; returns its id.
pub async fn publish_news(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
    now: chrono::DateTime<chrono::Utc>,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<i64, AppError> {
    use bobine::domain::Lang;
    use bobine::services::news::{self, NewsInput};
    let french = "L'atelier de Carouge a terminé les **premiers prototypes** : vestes en laine recyclée, \
                  sacs cabas en toile de store, et la robe réversible que vous avez été nombreuses et nombreux \
                  à choisir.\n\nCe qui vient :\n\n- les essayages du samedi, de 10 h à 16 h ;\n- la visite \
                  de l'atelier de teinture végétale ;\n- le défilé de clôture au Pavillon Sicli.\n\nTout le \
                  programme est sur [le site de l'atelier](https://atelier.example.ch/programme). Merci pour \
                  votre soutien : sans vous, rien de tout cela ne serait possible.";
    let german = "Das Atelier in Carouge hat die **ersten Prototypen** fertiggestellt: Jacken aus recycelter \
                  Wolle, Einkaufstaschen aus Markisenstoff und das Wendekleid, das viele von Ihnen gewählt \
                  haben.\n\nAls Nächstes:\n\n- Anproben am Samstag, 10 bis 16 Uhr;\n- Besuch der \
                  Pflanzenfärberei;\n- die Abschlussmodenschau im Pavillon Sicli.\n\nDas ganze Programm \
                  steht auf [der Website des Ateliers](https://atelier.example.ch/programme). Danke für Ihre \
                  Unterstützung!";
    let input = NewsInput {
        texts: vec![
            (Lang::Fr, "Les premiers prototypes sont là".into(), french.repeat(2)),
            (Lang::De, "Die ersten Prototypen sind da".into(), german.repeat(2)),
        ],
        audience: "backers".into(),
        rewards: Vec::new(),
    };
    let valid = input.validate(campaign).map_err(|mut problems| problems.remove(0))?;
    let id = news::create(db, campaign_id, &valid, "bench@example.invalid", now).await?;
    news::publish(db, id, Some(at), true, now).await?;
    Ok(id)
}
