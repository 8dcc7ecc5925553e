//! The database the tools work on, and the guard that keeps them off a real campaign.
//!
//! The tools write pledges with raw SQL and leave counters as a measure needs them, not as
//! the pledges add up; on a real campaign that would be damage. Every pledge they write has
//! an address at [`MARK_DOMAIN`] (under a top-level domain reserved to never exist) and a
//! token starting with [`SEED_TOKEN`] or [`RAW_TOKEN`] (real tokens are random), and they refuse to
//! work on a database that holds any other pledge.

use sea_orm::{ConnectionTrait, Statement};

use bobine::config::Settings;
use bobine::db::Db;
use bobine::services::sync::sync;

/// The domain of the addresses of every pledge the tools write.
pub const MARK_DOMAIN: &str = "bench.example.invalid";

/// How the tokens of preloaded pledges begin.
pub const SEED_TOKEN: &str = "seed-";

/// How the tokens of the pledges of the raw commit measure begin.
pub const RAW_TOKEN: &str = "raw-";

/// The configured database (as `bobine` would find it) with the campaign synced, once it is
/// known to hold no pledge but the tools' own. Returns the campaign's id.
pub async fn open() -> Result<(Settings, Db, i32), String> {
    let settings = Settings::from_env().map_err(|e| e.to_string())?;
    settings.ensure_data_dir().map_err(|e| format!("cannot create {}: {e}", settings.data_dir.display()))?;
    let db = Db::connect(&settings.database_url, None).await.map_err(|e| format!("cannot open the database: {e}"))?;
    // Before the sync: a campaign file other than the real campaign's must not touch its rewards.
    let foreign = foreign_pledges(&db).await.map_err(|e| format!("cannot read the pledges: {e}"))?;
    if foreign > 0 {
        return Err(format!(
            "this database holds {foreign} pledge(s) that bobine-bench did not make: it works only on a \
             database made for the benchmark, never on a real campaign's; point BOBINE_DATA_DIR or \
             DATABASE_URL at a new one"
        ));
    }
    let campaign_id = sync(&db, &settings.campaign, settings.clock.now()).await.map_err(|e| e.to_string())?;
    Ok((settings, db, campaign_id))
}

/// How many pledges were not written by the tools.
async fn foreign_pledges(db: &Db) -> Result<i64, sea_orm::DbErr> {
    let row = db
        .read
        .query_one_raw(Statement::from_string(
            db.backend(),
            format!(
                "SELECT COUNT(*) AS n FROM pledges WHERE NOT (email LIKE '%@{MARK_DOMAIN}' \
                 AND (token LIKE '{SEED_TOKEN}%' OR token LIKE '{RAW_TOKEN}%'))"
            ),
        ))
        .await?;
    row.map_or(Ok(0), |r| r.try_get("", "n"))
}
