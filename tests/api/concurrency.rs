use std::collections::HashMap;

use crate::helpers::{TestApp, reward, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_pledges_on_a_reward_limited_to_five_sell_exactly_five() {
    let app = spawn_app().await;
    let pledges = (0..50).map(|i| {
        let app = &app;
        async move { app.pledge(TestApp::body(Some("limited-five"), "10", &format!("backer{i}@example.ch"))).await }
    });
    let answers = futures::future::join_all(pledges).await;
    let mut outcomes: HashMap<(u16, String), usize> = HashMap::new();
    for (status, body) in &answers {
        let code = body["error"]["code"].as_str().unwrap_or("created").to_owned();
        *outcomes.entry((*status, code)).or_default() += 1;
    }
    assert_eq!(outcomes.get(&(201, "created".into())), Some(&5), "{outcomes:?}");
    assert_eq!(outcomes.get(&(409, "sold_out".into())), Some(&45), "{outcomes:?}");
    let campaign = app.campaign().await;
    assert_eq!(reward(&campaign, "limited-five")["claimed"], 5);
    assert_eq!(campaign["pledge_count"], 5);
    assert_eq!(app.stored_pledges().await, 5);
    app.assert_counters_match_pledges().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_database_never_oversell() {
    let first = spawn_app().await;
    let second = first.twin().await;
    let pledges = (0..30).map(|i| {
        let app = if i % 2 == 0 { &first } else { &second };
        async move { app.pledge(TestApp::body(Some("limited-five"), "10", &format!("twin{i}@example.ch"))).await.0 }
    });
    let statuses = futures::future::join_all(pledges).await;
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 5, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 25, "{statuses:?}");
    first.assert_counters_match_pledges().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn counters_equal_the_sums_after_a_mixed_run_of_pledges_changes_and_cancellations() {
    let app = spawn_app().await;
    let rewards = [Some("limited-five"), Some("early"), Some("dated"), Some("open"), None];
    let placing = (0..40).map(|i| {
        let app = &app;
        let reward = rewards[i % rewards.len()];
        let amount = format!("{}.{:02}", 120 + i, i % 100);
        async move { app.pledge(TestApp::body(reward, &amount, &format!("p{}@example.ch", i % 13))).await }
    });
    let placed: Vec<String> = futures::future::join_all(placing)
        .await
        .into_iter()
        .filter(|(status, _)| *status == 201)
        .map(|(_, body)| body["token"].as_str().unwrap().to_owned())
        .collect();
    assert!(placed.len() >= 30, "{}", placed.len());

    // Hold the form cookie before the concurrent posts, as one visitor would.
    app.csrf_token().await;
    let changes = placed.iter().enumerate().map(|(i, token)| {
        let app = &app;
        async move {
            let reward = ["open", "dated", "", "limited-five"][i % 4];
            let amount = format!("{}.50", 60 + i);
            let response = if i % 3 == 0 {
                app.post_form(&format!("/pledges/{token}/cancel"), &[]).await
            } else {
                app.post_form(&format!("/pledges/{token}"), &[("reward", reward), ("amount", &amount)]).await
            };
            response.status().as_u16()
        }
    });
    let statuses = futures::future::join_all(changes).await;
    assert!(statuses.iter().all(|s| [303, 409].contains(s)), "{statuses:?}");
    assert!(statuses.iter().filter(|s| **s == 303).count() >= placed.len() / 2);
    app.assert_counters_match_pledges().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn retries_of_one_request_on_two_instances_make_one_pledge() {
    let first = spawn_app().await;
    let second = first.twin().await;
    let retries = (0..12).map(|i| {
        let app = if i % 2 == 0 { &first } else { &second };
        async move {
            let response = app
                .client
                .post(app.url("/api/pledges"))
                .header("Idempotency-Key", "same-request")
                .json(&TestApp::body(Some("limited-five"), "10", "anne@example.ch"))
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            (status, response.json::<serde_json::Value>().await.unwrap()["id"].clone())
        }
    });
    let answers = futures::future::join_all(retries).await;
    assert!(answers.iter().all(|(status, _)| [200, 201].contains(status)), "{answers:?}");
    assert_eq!(answers.iter().filter(|(status, _)| *status == 201).count(), 1, "{answers:?}");
    let ids: std::collections::HashSet<_> = answers.iter().map(|(_, id)| id.to_string()).collect();
    assert_eq!(ids.len(), 1, "{answers:?}");
    assert_eq!(first.stored_pledges().await, 1);
    first.assert_counters_match_pledges().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_early_birds_and_repeat_backers_are_counted_exactly() {
    let app = spawn_app().await;
    // Six at the early-bird price for the first two, two at the full price, and every
    // backer pledging twice at once.
    let pledges = (0..8).flat_map(|i| {
        let amount = if i < 6 { "90" } else { "120" };
        let email = format!("twice{}@example.ch", i % 4);
        [(amount, email.clone()), (amount, email)]
    });
    let answers = futures::future::join_all(pledges.map(|(amount, email)| {
        let app = &app;
        async move { app.pledge(TestApp::body(Some("early"), amount, &email)).await }
    }))
    .await;
    let codes: Vec<&str> = answers.iter().map(|(_, b)| b["error"]["code"].as_str().unwrap_or("created")).collect();
    let count = |code: &str| codes.iter().filter(|c| **c == code).count();
    assert_eq!(count("created"), 2 + 4, "{codes:?}");
    assert_eq!(count("amount_below_minimum"), 10, "{codes:?}");
    let campaign = app.campaign().await;
    assert_eq!(reward(&campaign, "early")["claimed"], 6);
    assert!(campaign["backers"].as_i64().unwrap() <= 4);
    app.assert_counters_match_pledges().await;
}
