use std::io::Write;
use std::process::{Command, Stdio};

use bobine::domain::Email;
use bobine::domain::password::Password;
use bobine::services::team;
use chrono::Duration;
use serde_json::Value;

use crate::builders::PledgeBuilder;
use crate::helpers::{TestApp, spawn_app};

pub(crate) const PASSWORD: &str = "linen-and-wool-2027";

pub(crate) async fn add_member(app: &TestApp, email: &str) {
    let email = Email::parse(email).unwrap();
    team::add(&app.db, &email, &Password::parse(PASSWORD).unwrap(), app.clock.now()).await.unwrap();
}

/// The first-run setup link, once the server has offered it (at lift-off, beside the test's
/// own lift-off hook).
pub(crate) async fn setup_token(app: &TestApp) -> String {
    for _ in 0..100 {
        if let Some(link) = app.team.setup.lock().unwrap().as_ref() {
            return link.token.clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("no setup link on first start");
}

pub(crate) async fn log_in(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    app.post_form("/team/login", &[("email", email), ("password", password), ("next", "/team")]).await
}

#[tokio::test]
async fn team_pages_and_api_need_a_session() {
    let app = spawn_app().await;
    let response = app.get("/team").await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], "/team/login?next=%2Fteam");
    let response = app.get("/api/team/summary").await;
    assert_eq!(response.status().as_u16(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn the_first_member_chooses_a_password_through_the_one_time_setup_link() {
    let app = spawn_app().await;
    let token = setup_token(&app).await;
    let path = format!("/team/setup/{token}");
    assert_eq!(app.get(&path).await.status().as_u16(), 200);
    assert_eq!(app.get("/team/setup/wrong-token").await.status().as_u16(), 404);

    let short =
        app.post_form(&path, &[("email", "team@example.ch"), ("password", "short"), ("confirm", "short")]).await;
    assert_eq!(short.status().as_u16(), 422);
    assert!(short.text().await.unwrap().contains("12 caractères"));
    let mismatch = app
        .post_form(&path, &[("email", "team@example.ch"), ("password", PASSWORD), ("confirm", "other-password-1")])
        .await;
    assert_eq!(mismatch.status().as_u16(), 422);
    let created =
        app.post_form(&path, &[("email", "Team@Example.ch"), ("password", PASSWORD), ("confirm", PASSWORD)]).await;
    assert_eq!(created.status().as_u16(), 303);
    assert_eq!(created.headers()["location"], "/team");
    assert_eq!(app.get("/team").await.status().as_u16(), 200, "logged in by the setup");
    // Once only.
    assert_eq!(app.get(&path).await.status().as_u16(), 404);
    let members = team::list(&app.db).await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].email, "team@example.ch");
    let stored =
        <entity::team_member::Entity as sea_orm::EntityTrait>::find().one(&app.db.read).await.unwrap().unwrap();
    assert!(stored.password_hash.starts_with("$argon2id$"));
}

#[tokio::test]
async fn the_setup_link_expires_after_an_hour() {
    let app = spawn_app().await;
    let token = setup_token(&app).await;
    app.clock.set(app.clock.now() + Duration::minutes(61));
    assert_eq!(app.get(&format!("/team/setup/{token}")).await.status().as_u16(), 404);
}

#[tokio::test]
async fn a_member_logs_in_and_out() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let response = log_in(&app, "ANNE@example.ch", PASSWORD).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], "/team");
    let page = app.get("/team").await.text().await.unwrap();
    assert!(page.contains("anne@example.ch") && page.contains("Tableau de bord"));
    let response = app.post_form("/team/logout", &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(app.get("/team").await.status().as_u16(), 303);
}

#[tokio::test]
async fn a_login_form_without_its_token_is_refused() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let response = app
        .client
        .post(app.url("/team/login"))
        .form(&[("email", "anne@example.ch"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(app.get("/team").await.status().as_u16(), 303);
}

#[tokio::test]
async fn failed_logins_are_slowed_down_per_account() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    for _ in 0..bobine::routes::team::MAX_FAILED_LOGINS {
        let response = log_in(&app, "anne@example.ch", "not-the-password").await;
        assert_eq!(response.status().as_u16(), 401);
        assert!(response.text().await.unwrap().contains("incorrect"));
    }
    // Even the right password must wait now.
    let response = log_in(&app, "anne@example.ch", PASSWORD).await;
    assert_eq!(response.status().as_u16(), 429);
    assert!(response.text().await.unwrap().contains("Trop de tentatives"));
    // After the window, the right password works again.
    app.clock.set(app.clock.now() + bobine::routes::team::THROTTLE_WINDOW);
    assert_eq!(log_in(&app, "anne@example.ch", PASSWORD).await.status().as_u16(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_wrong_passwords_are_counted_before_they_are_checked() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let tries = (0..40).map(|_| log_in(&app, "anne@example.ch", "not-the-password"));
    let statuses: Vec<u16> = futures::future::join_all(tries).await.iter().map(|r| r.status().as_u16()).collect();
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, refused), (bobine::routes::team::MAX_FAILED_LOGINS, 40 - checked), "{statuses:?}");
}

#[tokio::test]
async fn sessions_expire_and_end_with_their_account() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    assert_eq!(app.get("/team").await.status().as_u16(), 200);
    app.clock.set(app.clock.now() + Duration::hours(13));
    assert_eq!(app.get("/team").await.status().as_u16(), 303, "expired");

    app.clock.set(app.clock.now() - Duration::hours(13));
    log_in(&app, "anne@example.ch", PASSWORD).await;
    assert_eq!(app.get("/team").await.status().as_u16(), 200);
    team::remove(&app.db, &Email::parse("anne@example.ch").unwrap()).await.unwrap();
    assert_eq!(app.get("/team").await.status().as_u16(), 303, "removed");
}

#[tokio::test]
async fn the_dashboard_figures_match_a_known_set_of_pledges() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let pledge = |reward: Option<&'static str>, amount: &'static str, email: &'static str, anonymous: bool| {
        let app = &app;
        async move {
            let mut body = TestApp::body(reward, amount, email);
            body["anonymous"] = Value::Bool(anonymous);
            body["display_name"] = Value::String(format!("Backer {}", &email[..1]));
            let (status, _) = app.pledge(body).await;
            assert_eq!(status, 201);
        }
    };
    pledge(Some("early"), "90", "a@example.ch", false).await;
    pledge(Some("early"), "120", "b@example.ch", false).await;
    pledge(Some("limited-five"), "10.50", "a@example.ch", true).await;
    pledge(None, "25", "c@example.ch", false).await;

    log_in(&app, "anne@example.ch", PASSWORD).await;
    let summary: Value = app.get("/api/team/summary").await.json().await.unwrap();
    assert_eq!(summary["pledged"], "245.50");
    assert_eq!(summary["goal"], "1000.00");
    assert_eq!(summary["percent_funded"], 24);
    assert_eq!(summary["backers"], 3);
    assert_eq!(summary["pledge_count"], 4);
    assert_eq!(summary["average_pledge"], "61.37");
    assert_eq!(summary["state"], "open");
    let early = reward(&summary, "early");
    assert_eq!(
        (early["claimed"].as_i64(), early["revenue"].as_str(), early["early_bird_uses"].as_i64()),
        (Some(2), Some("210.00"), Some(1))
    );
    assert_eq!(reward(&summary, "limited-five")["remaining"], 4);
    let recent = summary["recent"].as_array().unwrap();
    assert_eq!(recent.len(), 4);
    assert_eq!(recent[0]["amount"], "25.00", "newest first");
    assert_eq!(recent[1]["name"], Value::Null, "anonymous");
    assert_eq!(recent[3]["name"], "Backer a");
    assert!(!summary.to_string().contains("@example.ch\""), "no email in the figures");
    assert_eq!(summary["work"]["emails_waiting"], 4, "four confirmations wait without SMTP");
    assert_eq!(
        (summary["work"]["designers_pending"].as_i64(), summary["work"]["offers_new"].as_i64()),
        (Some(0), Some(0))
    );

    let page = app.get("/team").await.text().await.unwrap();
    assert!(page.contains("245.50") && page.contains("Anonyme") && page.contains("Atelier lève-tôt"));
    assert!(
        page.contains("<svg class=\"chart\"") && page.contains("class=\"raised\"") && page.contains("class=\"goal\"")
    );
}

#[test]
fn team_accounts_are_managed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let bobine = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bobine"))
            .args(args)
            .env("BOBINE_DATA_DIR", dir.path())
            .env("BOBINE_CAMPAIGN", crate::helpers::fixture())
            .env_remove("DATABASE_URL")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr),
        )
    };
    let (code, out) = bobine(&["team", "add", "anne@example.ch"], &format!("{PASSWORD}\n"));
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = bobine(&["team", "add", "paul@example.ch"], "\n");
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("shown this once"), "a generated password: {out}");
    let (code, out) = bobine(&["team", "add", "anne@example.ch"], &format!("{PASSWORD}\n"));
    assert_eq!(code, Some(1), "{out}");
    let (code, out) = bobine(&["team", "add", "zoe@example.ch"], "short\n");
    assert_eq!(code, Some(1), "{out}");
    let (code, out) = bobine(&["team", "list"], "");
    assert_eq!(code, Some(0));
    assert!(out.contains("anne@example.ch") && out.contains("paul@example.ch") && !out.contains("zoe@"), "{out}");
    let (code, _) = bobine(&["team", "remove", "paul@example.ch"], "");
    assert_eq!(code, Some(0));
    let (code, _) = bobine(&["team", "remove", "paul@example.ch"], "");
    assert_eq!(code, Some(1));
}

#[tokio::test]
async fn pledges_are_listed_filtered_and_exported_for_fulfilment() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    for (reward, amount, name, email) in [
        (Some("early"), "120", "Zoé Müller", "zoe@example.ch"),
        (Some("open"), "20", "=HYPERLINK(\"x\")", "eve@example.ch"),
        (None, "30", "Léa, Genève", "lea@example.ch"),
    ] {
        let mut body = TestApp::body(reward, amount, email);
        body["name"] = Value::String(name.to_owned());
        assert_eq!(app.pledge(body).await.0, 201);
    }
    assert_eq!(app.get("/team/pledges.csv").await.status().as_u16(), 303, "login first");
    log_in(&app, "anne@example.ch", PASSWORD).await;

    let page = app.get("/team/pledges").await.text().await.unwrap();
    assert!(page.contains("3 promesses") && page.contains("zoe@example.ch"));
    let page = app.get("/team/pledges?q=ZOE").await.text().await.unwrap();
    assert!(page.contains("1 promesse") && page.contains("Zoé Müller") && !page.contains("lea@example.ch"));
    let page = app.get("/team/pledges?reward=none").await.text().await.unwrap();
    assert!(page.contains("lea@example.ch") && !page.contains("zoe@example.ch"));
    let page = app.get("/team/pledges?q=100%25").await.text().await.unwrap();
    assert!(page.contains("0 promesse") || page.contains("Pas encore de promesse"));

    let response = app.get("/team/pledges.csv").await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("pledges.csv"));
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "a byte-order mark for spreadsheets");
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    let header = "\"reference\",\"name\",\"email\",\"reward\",\"amount\",\"state\",\"delivery\",\"created\",\"updated\",\
                  \"payment_state\",\"paid\",\"paid_at\",\"method\",\"shipping_zone\",\"shipping\"";
    assert_eq!(lines[0], header);
    assert_eq!(lines.len(), 4);
    let zoe = ",\"Zoé Müller\",\"zoe@example.ch\",\"Atelier lève-tôt\",\"120.00\",\"active\",\"À Genève\",";
    assert!(lines[1].contains(zoe), "{}", lines[1]);
    assert!(lines[2].contains(",\"'=HYPERLINK(\"\"x\"\")\",\"eve@example.ch\","), "formulas are defused: {}", lines[2]);
    assert!(
        lines[3].contains(",\"Léa, Genève\",\"lea@example.ch\",\"Sans contrepartie\",\"30.00\",\"active\",\"\","),
        "{}",
        lines[3]
    );
    let semicolons = app.get("/team/pledges.csv?sep=semicolon&reward=none").await.text().await.unwrap();
    assert!(semicolons.contains("\"reference\";\"name\";") && semicolons.contains(";\"Léa, Genève\";"), "{semicolons}");
    let filtered = app.get("/team/pledges.csv?reward=open").await.text().await.unwrap();
    assert_eq!(filtered.lines().count(), 2);

    // Fifty a page, with the filter kept in the links between pages.
    PledgeBuilder::new(&app).reward("open").place_many(60).await;
    let first = app.get("/team/pledges?state=active").await.text().await.unwrap();
    let pager = first.split("class=\"pager\"").nth(1).unwrap_or_default().replace("&#x3D;", "=").replace("&amp;", "&");
    assert!(pager.contains("page 1 sur 2") && pager.contains("href=\"/team/pledges?state=active&page=2\""), "{pager}");
    let second = app.get("/team/pledges?state=active&page=2").await.text().await.unwrap();
    let pager = second.split("class=\"pager\"").nth(1).unwrap_or_default().replace("&#x3D;", "=");
    assert!(pager.contains("page 2 sur 2") && pager.contains("page=1") && !pager.contains("page=3"), "{pager}");

    // A database that fails gives a failed download, never a file that looks complete.
    use sea_orm::ConnectionTrait;
    app.db.write.execute_unprepared("ALTER TABLE pledges RENAME TO pledges_away").await.unwrap();
    let broken = app.get("/team/pledges.csv").await;
    assert_eq!(broken.status().as_u16(), 500);
    assert!(!broken.text().await.unwrap().contains("\"reference\""));
    app.db.write.execute_unprepared("ALTER TABLE pledges_away RENAME TO pledges").await.unwrap();
}

#[tokio::test]
async fn the_open_dashboard_receives_new_figures_within_a_second() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let anonymous = app.client.get(app.url("/team/events")).header("Accept", "text/event-stream").send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 401, "no stream without a session");
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let mut stream = app.get("/team/events").await;
    assert_eq!(stream.status().as_u16(), 200);
    assert!(stream.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let mut received = String::new();
    read_until(&mut stream, &mut received, "\"pledged\":\"0.00\"").await;
    assert!(received.contains("event:figures"), "{received}");
    // A pledge made in another browser.
    let (status, _) = app.pledge(TestApp::body(Some("open"), "20", "other@example.ch")).await;
    assert_eq!(status, 201);
    read_until(&mut stream, &mut received, "\"pledged\":\"20.00\"").await;
    assert!(received.contains("\"pledge_count\":1"), "{received}");
}

/// The time left moves with the clock, not only with pledges, and the deadline is told to
/// the open page (which reloads to show the result).
#[tokio::test]
async fn the_open_dashboard_follows_the_time_left_to_the_close() {
    let app = spawn_app().await;
    let deadline = crate::helpers::deadline();
    app.clock.set(deadline - chrono::Duration::seconds(150));
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let mut stream = app.get("/team/events").await;
    let mut received = String::new();
    read_until(&mut stream, &mut received, "\"time_left\":\"2 minutes restantes\"").await;
    assert!(received.contains("\"open\":true"), "{received}");
    app.clock.set(deadline - chrono::Duration::seconds(30));
    read_until(&mut stream, &mut received, "\"time_left\":\"1 minute restante\"").await;
    app.clock.set(deadline + chrono::Duration::seconds(1));
    read_until(&mut stream, &mut received, "\"open\":false").await;
}

/// The reward with this id among a summary's.
fn reward<'a>(summary: &'a Value, id: &str) -> &'a Value {
    let rewards = summary["rewards"].as_array().unwrap();
    rewards.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no reward {id} in {summary}"))
}

/// Reads an event stream until what it sent carries `wanted`, within a second.
pub(crate) async fn read_until(stream: &mut reqwest::Response, received: &mut String, wanted: &str) {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(1);
    while !received.contains(wanted) {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk()).await;
        let chunk = chunk.unwrap_or_else(|_| panic!("no {wanted} within a second: {received}")).unwrap();
        let chunk = chunk.unwrap_or_else(|| panic!("the stream ended before {wanted}: {received}"));
        received.push_str(&String::from_utf8_lossy(&chunk));
    }
}

#[tokio::test]
async fn the_dashboard_reads_a_fixed_number_of_queries_whatever_the_pledges() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let app = spawn_app().await;
    let mut db = bobine::db::Db::connect(&app.database_url(), app.database_schema().as_deref()).await.unwrap();
    let queries = Arc::new(AtomicUsize::new(0));
    let counter = queries.clone();
    db.read.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let count = async |db: &bobine::db::Db| {
        queries.store(0, Ordering::SeqCst);
        bobine::services::dashboard::summary(db, app.campaign_id).await.unwrap();
        queries.load(Ordering::SeqCst)
    };
    PledgeBuilder::new(&app).reward("open").place_many(5).await;
    PledgeBuilder::new(&app).place_many(5).await;
    let with_ten = count(&db).await;
    PledgeBuilder::new(&app).reward("open").place_many(2_495).await;
    PledgeBuilder::new(&app).place_many(2_495).await;
    assert_eq!(app.stored_pledges().await, 5_000);
    let with_many = count(&db).await;
    assert_eq!(with_ten, with_many);
    assert_eq!(
        with_ten, 10,
        "the campaign row, its rewards, their sessions and choices, the latest pledges, the last check, the hours, two kinds of sources, the work"
    );
}

#[tokio::test]
async fn the_dashboard_warns_when_the_last_check_found_a_difference() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    PledgeBuilder::new(&app).reward("open").amount("20").place().await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let now = app.clock.now();
    assert!(bobine::services::consistency::check_and_record(&app.db, now).await.unwrap().is_empty());
    assert!(!app.get("/team").await.text().await.unwrap().contains("dernière vérification"));

    app.db.write.execute_unprepared("UPDATE campaigns SET backers = backers + 1").await.unwrap();
    let found = bobine::services::consistency::check_and_record(&app.db, now).await.unwrap();
    assert_eq!(found.len(), 1);
    let page = app.get("/team").await.text().await.unwrap();
    assert!(page.contains("a trouvé 1 compteur(s) différent(s)"), "{page}");
    let summary: Value = app.get("/api/team/summary").await.json().await.unwrap();
    assert_eq!(summary["last_check"]["differences"], 1);
}

#[tokio::test]
async fn a_page_number_of_any_size_shows_an_empty_page_not_an_error() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    for list in ["/team/pledges", "/team/offers", "/team/outbox", "/team/designers"] {
        for page in ["0", "999999999999", "18446744073709551615"] {
            let status = app.get(&format!("{list}?page={page}")).await.status().as_u16();
            assert_eq!(status, 200, "{list}?page={page}");
        }
    }
}

#[tokio::test]
async fn the_language_link_of_a_filtered_team_page_keeps_its_filters() {
    let app = spawn_app().await;
    add_member(&app, "ines@example.ch").await;
    log_in(&app, "ines@example.ch", PASSWORD).await;
    for (asked, other) in [
        ("/team/pledges?state=active&page=2&lang=fr", "/team/pledges?state=active&page=2&lang=en"),
        ("/team/offers?kind=space", "/team/offers?kind=space&lang=en"),
        ("/team/outbox?state=failed", "/team/outbox?state=failed&lang=en"),
        // Last: the language asked is remembered for the next pages.
        ("/team/designers?lang=en&state=pending", "/team/designers?state=pending&lang=fr"),
    ] {
        let html = app.get(asked).await.text().await.unwrap().replace("&#x3D;", "=").replace("&amp;", "&");
        assert!(html.contains(&format!("class=\"lang-switch\" href=\"{other}\"")), "{asked}");
    }
}
