//! Team sessions kept by the server: logout, removing a member and expiry end them at once,
//! for a copied cookie and for open live streams too.

use bobine::domain::Email;
use bobine::routes::team::dashboard::LIVE_HEARTBEAT;
use bobine::routes::team::{MAX_STREAMS, session};
use bobine::services::team;
use chrono::Duration;

use crate::helpers::{Browser, TestApp, spawn_app};
use crate::team::{PASSWORD, add_member};

/// A client that sends only the given session cookie, as someone who copied it would.
fn copied(app: &TestApp, cookie: &str) -> reqwest::RequestBuilder {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/api/team/summary"))
        .header("Cookie", format!("{}={cookie}", session::COOKIE))
}

async fn logged_in(app: &TestApp, local: &str) -> (Browser, String) {
    let browser = app.browser_from(local);
    assert_eq!(browser.log_in("anne@example.ch", PASSWORD).await.status().as_u16(), 303);
    let cookie = browser.cookie("/team", session::COOKIE).expect("a session cookie");
    (browser, cookie)
}

/// Opens the live stream and waits for its first figures.
async fn open_stream(browser: &Browser) -> reqwest::Response {
    let mut stream = browser.get("/team/events").await;
    assert_eq!(stream.status().as_u16(), 200);
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(2);
    let mut received = String::new();
    while !received.contains("event:figures") {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk()).await;
        let chunk = chunk.expect("first figures at once").unwrap().expect("the stream is open");
        received.push_str(&String::from_utf8_lossy(&chunk));
    }
    stream
}

/// Reads the stream until the server ends it, which must happen within `seconds`.
async fn assert_ends_within(stream: &mut reqwest::Response, seconds: u64) {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(seconds);
    loop {
        match tokio::time::timeout_at(deadline, stream.chunk()).await {
            Err(_) => panic!("the stream was still open after {seconds} s"),
            Ok(Ok(Some(_))) => {}
            Ok(Ok(None) | Err(_)) => return,
        }
    }
}

#[tokio::test]
async fn after_logout_a_copied_session_cookie_reads_nothing() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let (browser, cookie) = logged_in(&app, "127.0.0.1").await;
    assert_eq!(copied(&app, &cookie).send().await.unwrap().status().as_u16(), 200, "a copy works while it lasts");
    let csv = |cookie: &str| {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(app.url("/team/pledges.csv"))
            .header("Cookie", format!("{}={cookie}", session::COOKIE))
    };
    assert_eq!(csv(&cookie).send().await.unwrap().status().as_u16(), 200);
    let mut stream = open_stream(&browser).await;

    let response = browser.post_form("/team/logout", &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    let summary = copied(&app, &cookie).send().await.unwrap();
    assert_eq!(summary.status().as_u16(), 401);
    let refused = csv(&cookie).send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 303, "the export sends to the login");
    assert!(refused.headers()["location"].to_str().unwrap().starts_with("/team/login"));
    assert!(!refused.text().await.unwrap().contains("reference"));
    assert_ends_within(&mut stream, 3).await;
}

#[tokio::test]
async fn removing_a_member_ends_its_sessions_and_its_open_streams() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let (browser, cookie) = logged_in(&app, "127.0.0.1").await;
    let mut stream = open_stream(&browser).await;

    // What `bobine team remove` calls.
    assert!(team::remove(&app.db, &Email::parse("anne@example.ch").unwrap()).await.unwrap());
    assert_eq!(copied(&app, &cookie).send().await.unwrap().status().as_u16(), 401);
    assert_ends_within(&mut stream, 3).await;
    let again = browser.client.get(browser.url("/team/events")).header("Accept", "text/event-stream").send();
    assert_eq!(again.await.unwrap().status().as_u16(), 401);
    assert_eq!(stored_sessions(&app).await, 0, "its sessions are deleted");
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_login_and_is_then_deleted() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let start = app.clock.now();
    let (_browser, cookie) = logged_in(&app, "127.0.0.1").await;
    app.clock.set(start + Duration::hours(12) - Duration::seconds(1));
    assert_eq!(copied(&app, &cookie).send().await.unwrap().status().as_u16(), 200);
    app.clock.set(start + Duration::hours(12));
    assert_eq!(copied(&app, &cookie).send().await.unwrap().status().as_u16(), 401, "expired");
    assert_eq!(stored_sessions(&app).await, 1);
    // The next login clears what has expired.
    let (_other, _) = logged_in(&app, "127.0.0.2").await;
    assert_eq!(stored_sessions(&app).await, 1, "only the new session is left");
}

#[tokio::test]
async fn an_expiring_session_ends_its_open_stream() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let start = app.clock.now();
    let (browser, _) = logged_in(&app, "127.0.0.1").await;
    let mut stream = open_stream(&browser).await;
    app.clock.set(start + Duration::hours(12));
    assert_ends_within(&mut stream, 3).await;
}

#[tokio::test]
async fn the_database_keeps_only_a_hash_of_the_session() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let (_browser, cookie) = logged_in(&app, "127.0.0.1").await;
    let rows = <entity::team_session::Entity as sea_orm::EntityTrait>::find().all(&app.db.read).await.unwrap();
    assert_eq!(rows.len(), 1);
    let stored = format!("{:?}", rows[0]);
    // The cookie is encrypted; what it holds must not be stored either.
    assert!(!stored.contains(&cookie));
    assert_eq!(rows[0].expires_at_ms - rows[0].created_at_ms, Duration::hours(12).num_milliseconds());
}

#[tokio::test]
async fn a_member_holds_a_few_live_streams_at_once_and_is_told_to_wait_for_more() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let (browser, _) = logged_in(&app, "127.0.0.1").await;
    let mut streams = Vec::new();
    for _ in 0..MAX_STREAMS {
        streams.push(open_stream(&browser).await);
    }
    let refused = browser.client.get(browser.url("/team/events")).header("Accept", "text/event-stream").send();
    let refused = refused.await.unwrap();
    assert_eq!(refused.status().as_u16(), 429);
    let wait: u64 = refused.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(wait > 0);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_many_streams");

    // Another member is not affected.
    add_member(&app, "paul@example.ch").await;
    let paul = app.browser_from("127.0.0.2");
    assert_eq!(paul.log_in("paul@example.ch", PASSWORD).await.status().as_u16(), 303);
    let _paul_stream = open_stream(&paul).await;

    // A closed page gives its place back once the server notices, at its second heartbeat.
    drop(streams.pop());
    let started = std::time::Instant::now();
    let within = 2 * LIVE_HEARTBEAT + std::time::Duration::from_secs(2);
    loop {
        let again = browser.get("/team/events").await;
        if again.status().as_u16() == 200 {
            break;
        }
        assert!(started.elapsed() < within, "the closed stream's place stayed taken");
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

async fn stored_sessions(app: &TestApp) -> u64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    entity::team_session::Entity::find().count(&app.db.read).await.unwrap()
}

#[tokio::test]
async fn a_logout_on_one_instance_ends_the_session_on_the_others() {
    let app = spawn_app().await;
    let twin = app.twin().await;
    add_member(&app, "anne@example.ch").await;
    let (browser, cookie) = logged_in(&app, "127.0.0.1").await;
    assert_eq!(copied(&twin, &cookie).send().await.unwrap().status().as_u16(), 200, "one key, one table");
    assert_eq!(browser.post_form("/team/logout", &[]).await.status().as_u16(), 303);
    assert_eq!(copied(&twin, &cookie).send().await.unwrap().status().as_u16(), 401);
}

#[tokio::test]
async fn a_session_notes_when_it_was_last_seen_now_and_then() {
    use sea_orm::EntityTrait;
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let (_browser, cookie) = logged_in(&app, "127.0.0.1").await;
    let later = app.clock.now() + Duration::minutes(6);
    app.clock.set(later);
    assert_eq!(copied(&app, &cookie).send().await.unwrap().status().as_u16(), 200);
    let started = std::time::Instant::now();
    loop {
        let row = entity::team_session::Entity::find().one(&app.db.read).await.unwrap().unwrap();
        if row.last_seen_ms == later.timestamp_millis() {
            break;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "last seen stayed at {}", row.last_seen_ms);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
