//! `bobine-bench`, the benchmark's tools: only built, and so only tested, with the
//! `bench-tools` feature (`cargo test --features bench-tools --test api bench_tools`).

use std::path::Path;
use std::process::{Command, Output};

use crate::builders::PledgeBuilder;
use crate::helpers::{fixture, fixture_with, payments_section, spawn_app};

/// Runs a program of this package on the fixture campaign and the SQLite file `database`.
fn run(program: &str, args: &[&str], data: &Path, database: Option<&str>) -> Output {
    run_on(&fixture(), program, args, data, database)
}

fn run_on(campaign: &Path, program: &str, args: &[&str], data: &Path, database: Option<&str>) -> Output {
    let mut command = Command::new(program);
    command.args(args).env("BOBINE_CAMPAIGN", campaign).env("BOBINE_DATA_DIR", data).env_remove("DATABASE_URL");
    if let Some(url) = database {
        command.env("DATABASE_URL", url);
    }
    command.output().unwrap()
}

fn bench(args: &[&str], data: &Path, database: Option<&str>) -> Output {
    run(env!("CARGO_BIN_EXE_bobine-bench"), args, data, database)
}

#[test]
fn the_tools_keep_the_counters_right_on_a_database_of_their_own() {
    let data = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let seeded = bench(&["seed", "--pledges", "25"], data.path(), None);
        assert_eq!(String::from_utf8_lossy(&seeded.stdout), "seeded=25\n", "{seeded:?}");
    }
    let check = run(env!("CARGO_BIN_EXE_bobine"), &["check"], data.path(), None);
    assert!(check.status.success(), "{check:?}");
    let closed = bench(&["close", "--pledges", "5"], data.path(), None);
    let closed = String::from_utf8_lossy(&closed.stdout).into_owned();
    // 55 pledges of 5, 20 and 50 francs in turn pass the goal of 1,000.
    assert!(closed.starts_with("close_ms=") && closed.ends_with(" state=succeeded\n"), "{closed}");
}

#[test]
fn settling_bills_every_pledge_once_and_a_bank_file_pays_them() {
    let data = tempfile::tempdir().unwrap();
    let campaign = fixture_with(&payments_section("on-success"));
    let tool = |args: &[&str]| {
        let output = run_on(campaign.path(), env!("CARGO_BIN_EXE_bobine-bench"), args, data.path(), None);
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    // More than one batch, so that settling goes on after its first commit.
    let settled = tool(&["settle", "--pledges", "1200"]);
    assert!(settled.starts_with("settle_ms=") && settled.ends_with(" billed=1200 bills=1200\n"), "{settled}");
    let imported = tool(&["import", "--credits", "1000"]);
    assert!(imported.starts_with("import_ms=") && imported.ends_with(" matched=1000 paid=1000\n"), "{imported}");
    let check = run_on(campaign.path(), env!("CARGO_BIN_EXE_bobine"), &["check"], data.path(), None);
    assert!(check.status.success(), "{check:?}");
}

#[tokio::test]
async fn the_tools_refuse_a_database_that_holds_real_pledges() {
    let app = spawn_app().await;
    if app.database_schema().is_some() {
        return; // The tools know nothing of the tests' PostgreSQL schemas.
    }
    PledgeBuilder::new(&app).reward("open").place().await;
    let data = tempfile::tempdir().unwrap();
    let url = app.database_url();
    for args in [&["seed", "--pledges", "10"][..], &["commits", "--seconds", "0.1"], &["close", "--pledges", "1"]] {
        let refused = bench(args, data.path(), Some(&url));
        assert_eq!(refused.status.code(), Some(1), "{args:?}: {refused:?}");
        let message = String::from_utf8_lossy(&refused.stderr);
        assert!(message.contains("1 pledge(s) that bobine-bench did not make"), "{message}");
    }
    assert_eq!(app.stored_pledges().await, 1);
    app.assert_counters_match_pledges().await;
    assert_eq!(app.campaign().await["state"], "open");
}

/// The settlement killed half way (SIGKILL, no chance to tidy up) and started again finishes
/// the work, and no backer gets two bills.
#[tokio::test]
async fn a_settlement_killed_half_way_finishes_on_the_next_start_without_billing_anyone_twice() {
    use sea_orm::{ConnectionTrait, Database, Statement};
    let data = tempfile::tempdir().unwrap();
    let campaign = fixture_with(&payments_section("on-success"));
    let command = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bobine-bench"));
        command
            .args(args)
            .env("BOBINE_CAMPAIGN", campaign.path())
            .env("BOBINE_DATA_DIR", data.path())
            .env_remove("DATABASE_URL");
        command
    };
    let seeded = command(&["seed", "--pledges", "3000"]).output().unwrap();
    assert!(seeded.status.success(), "{seeded:?}");
    let mut settling = command(&["settle"]).stdout(std::process::Stdio::null()).spawn().unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    settling.kill().unwrap();
    settling.wait().unwrap();
    let url = bobine::config::sqlite_url(&data.path().join("bobine.db"));
    let db = Database::connect(&url).await.unwrap();
    let number = |sql: &'static str| {
        let db = db.clone();
        async move {
            let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
            row.try_get::<i64>("", "n").unwrap()
        }
    };
    let before = number("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_bill'").await;
    let again = command(&["settle"]).output().unwrap();
    assert!(again.status.success(), "{again:?}");
    assert_eq!(
        number("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_bill'").await,
        3000,
        "{before} before the restart"
    );
    let twice = "SELECT COUNT(*) AS n FROM (SELECT pledge_id FROM emails WHERE kind = 'pledge_bill' GROUP BY pledge_id HAVING COUNT(*) > 1) t";
    assert_eq!(number(twice).await, 0);
    assert_eq!(number("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'due'").await, 3000);
    let check = run_on(campaign.path(), env!("CARGO_BIN_EXE_bobine"), &["check"], data.path(), None);
    assert!(check.status.success(), "{check:?}");
    println!("{before} of 3000 bills were stored when the settlement was killed");
}
