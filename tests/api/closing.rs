use bobine::domain::CampaignState;
use bobine::jobs::closer;
use chrono::Duration;

use crate::helpers::{TestApp, deadline, spawn_app};

#[tokio::test]
async fn a_pledge_one_second_before_the_deadline_is_accepted_and_one_at_the_deadline_refused() {
    let app = spawn_app().await;
    app.clock.set(deadline() - Duration::seconds(1));
    let (status, _) = app.pledge(TestApp::body(None, "50", "a@example.ch")).await;
    assert_eq!(status, 201);
    app.clock.set(deadline());
    let (status, body) = app.pledge(TestApp::body(None, "50", "b@example.ch")).await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("campaign_closed")));
    assert_eq!(app.stored_pledges().await, 1);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_request_retried_after_the_close_gets_the_pledge_it_placed_before() {
    let app = spawn_app().await;
    let send = |email: &'static str| {
        app.client
            .post(app.url("/api/pledges"))
            .header("Idempotency-Key", "retry-1")
            .json(&TestApp::body(None, "50", email))
            .send()
    };
    let first = send("a@example.ch").await.unwrap();
    assert_eq!(first.status().as_u16(), 201);
    let first: serde_json::Value = first.json().await.unwrap();
    app.clock.set(deadline() + Duration::minutes(5));
    let again = send("a@example.ch").await.unwrap();
    assert_eq!(again.status().as_u16(), 200, "the retry finds its pledge");
    let again: serde_json::Value = again.json().await.unwrap();
    assert_eq!(again["token"], first["token"]);
    // A new request under another key is refused, as any pledge after the deadline.
    let (status, _) = app.pledge(TestApp::body(None, "50", "b@example.ch")).await;
    assert_eq!(status, 409);
    assert_eq!(app.stored_pledges().await, 1);
}

#[tokio::test]
async fn the_deadline_is_decided_in_the_transaction_even_before_the_closer_runs() {
    let app = spawn_app().await;
    let (_, placed) = app.pledge(TestApp::body(Some("open"), "50", "a@example.ch")).await;
    app.clock.set(deadline() + Duration::hours(1));
    // Whether or not the closer has run yet, no change gets through.
    let token = placed["token"].as_str().unwrap();
    let status = app.post_form(&format!("/pledges/{token}/cancel"), &[]).await.status();
    assert_eq!(status.as_u16(), 409);
    let (status, _) = app.pledge(TestApp::body(None, "50", "b@example.ch")).await;
    assert_eq!(status, 409);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn the_campaign_closes_exactly_once() {
    let app = spawn_app().await;
    assert_eq!(closer::run_once(&app.db, app.campaign_id, deadline() - Duration::seconds(1)).await.unwrap(), None);
    let (status, _) = app.pledge(TestApp::body(None, "1000", "a@example.ch")).await;
    assert_eq!(status, 201);
    // Several instances racing at the deadline: one of them closes it.
    let at = deadline();
    let racers = (0..4).map(|_| closer::run_once(&app.db, app.campaign_id, at));
    let results: Vec<_> = futures::future::join_all(racers).await.into_iter().map(Result::unwrap).collect();
    assert_eq!(results.iter().filter(|r| r.is_some()).count(), 1, "{results:?}");
    assert!(results.contains(&Some(CampaignState::Succeeded)));
    assert_eq!(closer::run_once(&app.db, app.campaign_id, at + Duration::days(1)).await.unwrap(), None);
    assert_eq!(app.campaign().await["state"], "succeeded");
}

#[tokio::test]
async fn a_campaign_below_its_goal_fails() {
    let app = spawn_app().await;
    app.pledge(TestApp::body(None, "999.99", "a@example.ch")).await;
    let state = closer::run_once(&app.db, app.campaign_id, deadline()).await.unwrap();
    assert_eq!(state, Some(CampaignState::Failed));
}

#[tokio::test]
async fn the_campaign_closes_by_itself_once_after_a_restart_past_the_deadline() {
    let app = spawn_app().await;
    app.pledge(TestApp::body(None, "100", "a@example.ch")).await;
    // The server is down across the deadline.
    let app = app.restart_at(deadline() + Duration::hours(2)).await;
    let closed_at = wait_until_closed(&app).await;
    let campaign = app.campaign().await;
    assert_eq!(campaign["state"], "failed");
    // Another restart does not close it again.
    let app = app.restart_at(deadline() + Duration::hours(5)).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.campaign().await["closed_at"], closed_at);
    assert_eq!(closer::run_once(&app.db, app.campaign_id, app.clock.now()).await.unwrap(), None);
    let page = app.get("/").await.text().await.unwrap();
    assert!(page.contains("La campagne est terminée"));
}

#[tokio::test]
async fn the_running_server_closes_the_campaign_when_the_deadline_comes() {
    let app = spawn_app().await;
    app.clock.set(deadline() - Duration::seconds(1));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.campaign().await["closed_at"], serde_json::Value::Null);
    app.clock.set(deadline());
    wait_until_closed(&app).await;
}

async fn wait_until_closed(app: &TestApp) -> serde_json::Value {
    for _ in 0..100 {
        let campaign = app.campaign().await;
        if !campaign["closed_at"].is_null() {
            return campaign["closed_at"].clone();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the campaign did not close");
}
