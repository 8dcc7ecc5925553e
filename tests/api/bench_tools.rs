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

/// What the card tests give the stand-in and the charging side.
const CARD_KEY: &str = "sk_test_bobine_bench";
const CARD_WEBHOOK_SECRET: &str = "whsec_bobine_bench";

/// `bobine-bench stripe-standin` with `count` saved cards, stopped when dropped.
struct StandInProcess {
    child: std::process::Child,
    url: String,
    methods: std::path::PathBuf,
}

impl StandInProcess {
    fn start(folder: &Path, count: usize) -> StandInProcess {
        use std::io::BufRead;
        let methods = folder.join("methods.json");
        let mut child = Command::new(env!("CARGO_BIN_EXE_bobine-bench"))
            .args(["stripe-standin", "--secret-key", CARD_KEY, "--webhook-secret", CARD_WEBHOOK_SECRET])
            .args(["--seed", &count.to_string(), "--out"])
            .arg(&methods)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.strip_prefix("standin_url=").and_then(|rest| rest.split_whitespace().next());
        let url = url.unwrap_or_else(|| panic!("the stand-in did not start: {line:?}")).to_owned();
        assert!(line.ends_with(&format!(" seeded={count}\n")), "{line}");
        StandInProcess { child, url, methods }
    }

    async fn summary(&self, per: Option<&str>) -> serde_json::Value {
        // reqwest needs a process-wide TLS provider; an error only means one is installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let query = per.map(|key| format!("?per={key}")).unwrap_or_default();
        let answer = reqwest::get(format!("{}/control/summary{query}", self.url)).await.unwrap();
        assert_eq!(answer.status(), 200);
        answer.json().await.unwrap()
    }

    /// `bobine-bench args...` charging through this stand-in, on `campaign` and the SQLite
    /// database in `data`.
    fn command(&self, campaign: &Path, data: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bobine-bench"));
        command
            .args(args)
            .env("BOBINE_CAMPAIGN", campaign)
            .env("BOBINE_DATA_DIR", data)
            .env_remove("DATABASE_URL")
            .env("BOBINE_STRIPE_SECRET_KEY", CARD_KEY)
            .env("BOBINE_STRIPE_WEBHOOK_SECRET", CARD_WEBHOOK_SECRET)
            .env("BOBINE_STRIPE_API_URL", &self.url)
            .env("BOBINE_STRIPE_RATE", "20");
        command
    }
}

impl Drop for StandInProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The fixture campaign offering cards, collecting when it succeeds.
fn card_campaign() -> tempfile::NamedTempFile {
    let section =
        payments_section("on-success").replace("due_days = 14", "due_days = 14\nmethods = [\"card\", \"bank\"]");
    fixture_with(&section)
}

#[tokio::test]
async fn the_standin_saves_cards_for_another_process_and_counts_each_pledges_charges() {
    let standin = crate::stripe_standin::StandIn::start(CARD_KEY, CARD_WEBHOOK_SECRET).await;
    let saved = standin.seed_saved_methods(2);
    let client = reqwest::Client::new();
    for ((customer, method), (pledge, key)) in
        saved.iter().zip([("1", "a"), ("2", "b")]).chain([(&saved[0], ("1", "a"))])
    {
        let params = [
            ("customer", customer.as_str()),
            ("payment_method", method.as_str()),
            ("amount", "2000"),
            ("currency", "chf"),
            ("off_session", "true"),
            ("confirm", "true"),
            ("metadata[bobine_pledge]", pledge),
        ];
        let answer = client
            .post(format!("{}/v1/payment_intents", standin.url()))
            .bearer_auth(CARD_KEY)
            .header("Stripe-Version", crate::stripe_standin::API_VERSION)
            .header("Idempotency-Key", key)
            .form(&params)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
    }
    let summary: serde_json::Value = reqwest::get(format!("{}/control/summary?per=bobine_pledge", standin.url()))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The third request replays the first under its key: Stripe acts once.
    assert_eq!(summary["payment_intent_posts"], 3);
    assert_eq!(summary["succeeded"], 2);
    assert_eq!(summary["succeeded_per"], serde_json::json!({ "1": 1, "2": 1 }));
    assert!(summary["first_request_ms"].as_u64().unwrap() <= summary["last_request_ms"].as_u64().unwrap());
    // The control surface is no Stripe request: it is neither logged nor a violation.
    assert_eq!(standin.requests().len(), 3);
    assert!(standin.violations().is_empty(), "{:?}", standin.violations());
}

/// The charging killed half way (SIGKILL, with charges in flight) and started again finishes,
/// and no card is charged twice: what Stripe received and did not answer is looked up first.
#[tokio::test]
async fn charging_killed_half_way_resumes_and_charges_each_saved_card_once() {
    let data = tempfile::tempdir().unwrap();
    let campaign = card_campaign();
    let standin = StandInProcess::start(data.path(), 50);
    let mut charging = standin
        .command(campaign.path(), data.path(), &["charge", "--methods", standin.methods.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while standin.summary(None).await["succeeded"].as_u64().unwrap() < 20 {
        assert!(charging.try_wait().unwrap().is_none(), "the charging ended before it was killed");
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "nothing charged within a minute");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    charging.kill().unwrap();
    charging.wait().unwrap();
    let at_kill = standin.summary(None).await["succeeded"].as_u64().unwrap();
    assert!(at_kill < 50, "killed after the end: {at_kill} charged");

    let resumed = standin.command(campaign.path(), data.path(), &["charge", "--resume"]).output().unwrap();
    let out = String::from_utf8_lossy(&resumed.stdout);
    assert!(resumed.status.success() && out.ends_with(" charged=50 unanswered=0\n"), "{resumed:?}");
    let summary = standin.summary(Some("bobine_pledge")).await;
    let per = summary["succeeded_per"].as_object().unwrap();
    assert_eq!(per.len(), 50, "{summary}");
    assert!(per.values().all(|n| n == 1), "{summary}");
    let check = run_on(campaign.path(), env!("CARGO_BIN_EXE_bobine"), &["check"], data.path(), None);
    assert!(check.status.success(), "{check:?}");
    println!("{at_kill} of 50 charged when the charging was killed");
}

#[test]
fn charging_refuses_to_reach_anything_but_a_stand_in_on_this_machine() {
    let data = tempfile::tempdir().unwrap();
    let campaign = card_campaign();
    let refused = Command::new(env!("CARGO_BIN_EXE_bobine-bench"))
        .args(["charge", "--resume"])
        .env("BOBINE_CAMPAIGN", campaign.path())
        .env("BOBINE_DATA_DIR", data.path())
        .env_remove("DATABASE_URL")
        .env("BOBINE_STRIPE_SECRET_KEY", CARD_KEY)
        .env("BOBINE_STRIPE_WEBHOOK_SECRET", CARD_WEBHOOK_SECRET)
        .env_remove("BOBINE_STRIPE_API_URL")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("charges only a stand-in on this machine"), "{message}");
}
