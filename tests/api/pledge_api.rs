use serde_json::{Value, json};

use crate::helpers::{TestApp, reward, spawn_app};

#[tokio::test]
async fn a_pledge_is_stored_and_moves_the_counters() {
    let app = spawn_app().await;
    let (status, body) = app.pledge(TestApp::body(Some("open"), "25.50", "anne@example.ch")).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["amount"], "25.50");
    assert_eq!(body["reward"], "open");
    assert_eq!(body["state"], "active");
    assert_eq!(body["token"].as_str().unwrap().len(), 43);
    let reference = body["reference"].as_str().unwrap();
    assert_eq!(reference.len(), 9);

    let campaign = app.campaign().await;
    assert_eq!(campaign["pledged"], "25.50");
    assert_eq!(campaign["backers"], 1);
    assert_eq!(campaign["pledge_count"], 1);
    assert_eq!(reward(&campaign, "open")["claimed"], 1);

    let page = app.get(&format!("/pledges/{}", body["token"].as_str().unwrap())).await.text().await.unwrap();
    assert!(page.contains(reference));
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn the_same_person_pledging_twice_is_one_backer() {
    let app = spawn_app().await;
    app.pledge(TestApp::body(None, "10", "anne@example.ch")).await;
    app.pledge(TestApp::body(None, "10", "ANNE@Example.ch")).await;
    app.pledge(TestApp::body(None, "10", "paul@example.ch")).await;
    let campaign = app.campaign().await;
    assert_eq!(campaign["backers"], 2);
    assert_eq!(campaign["pledge_count"], 3);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn bad_amounts_are_refused_with_a_clear_error_and_nothing_stored() {
    let app = spawn_app().await;
    let cases = [
        ("1e3", "invalid_amount"),
        ("NaN", "invalid_amount"),
        ("-5", "invalid_amount"),
        ("10.005", "invalid_amount"),
        ("", "invalid_amount"),
        ("0", "invalid_amount"),
        ("abc", "invalid_amount"),
        ("99999999999999999999999", "amount_too_large"),
        ("10000.01", "amount_too_large"),
        ("4.99", "amount_below_minimum"),
    ];
    for (amount, code) in cases {
        let (status, body) = app.pledge(TestApp::body(None, amount, "anne@example.ch")).await;
        assert_eq!(status, 422, "{amount}: {body}");
        assert_eq!(body["error"]["code"], code, "{amount}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    // A JSON number is not money: it would pass through a float.
    let (status, body) =
        app.pledge(json!({"reward": null, "amount": 50.5, "name": "A", "email": "a@example.ch"})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("invalid_amount")));
    assert_eq!(app.stored_pledges().await, 0);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn other_bad_input_gets_its_own_code() {
    let app = spawn_app().await;
    let cases: [(Value, u16, &str); 6] = [
        (TestApp::body(Some("limited-five"), "9.99", "a@example.ch"), 422, "amount_below_minimum"),
        (TestApp::body(Some("nope"), "50", "a@example.ch"), 422, "unknown_reward"),
        (TestApp::body(None, "50", "not-an-email"), 422, "invalid_email"),
        (json!({"reward": null, "amount": "50", "name": "  ", "email": "a@example.ch"}), 422, "invalid_name"),
        (json!({"reward": null, "amount": "50", "email": "a@example.ch"}), 400, "malformed_request"),
        (json!(["not", "an", "object"]), 400, "malformed_request"),
    ];
    for (body, status, code) in cases {
        let (got, answer) = app.pledge(body.clone()).await;
        assert_eq!((got, answer["error"]["code"].as_str()), (status, Some(code)), "{body}");
    }
    let response = app
        .client
        .post(app.url("/api/pledges"))
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "malformed_request");
    let response = app
        .client
        .post(app.url("/api/pledges"))
        .body(TestApp::body(None, "50", "a@example.ch").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400, "JSON must say it is JSON");
    assert_eq!(app.stored_pledges().await, 0);
}

#[tokio::test]
async fn messages_follow_the_visitors_language() {
    let app = spawn_app().await;
    let answer = |lang: &'static str| {
        let app = &app;
        async move {
            let response = app
                .client
                .post(app.url("/api/pledges"))
                .header("Accept-Language", lang)
                .json(&TestApp::body(Some("limited-five"), "5", "a@example.ch"))
                .send()
                .await
                .unwrap();
            response.json::<Value>().await.unwrap()["error"]["message"].as_str().unwrap().to_owned()
        }
    };
    assert_eq!(answer("fr").await, "Le montant minimum est de CHF 10.00.");
    assert_eq!(answer("en").await, "The minimum amount is CHF 10.00.");
}

#[tokio::test]
async fn a_retried_request_with_the_same_idempotency_key_returns_the_first_pledge() {
    let app = spawn_app().await;
    let send = |key: &'static str, amount: &'static str| {
        let app = &app;
        async move {
            let response = app
                .client
                .post(app.url("/api/pledges"))
                .header("Idempotency-Key", key)
                .json(&TestApp::body(Some("limited-five"), amount, "anne@example.ch"))
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.json::<Value>().await.unwrap())
        }
    };
    let (first_status, first) = send("retry-1", "10").await;
    let (second_status, second) = send("retry-1", "10").await;
    assert_eq!(first_status, 201);
    assert_eq!(second_status, 200);
    assert_eq!(first, second);
    assert_eq!(app.stored_pledges().await, 1);
    // The same key for a different pledge is a client bug, not a retry.
    let (status, body) = send("retry-1", "20").await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("idempotency_key_reused")));
    // Concurrent retries of one request still make one pledge.
    let retries: Vec<_> = (0..8).map(|_| send("retry-2", "10")).collect();
    let answers = futures::future::join_all(retries).await;
    let ids: std::collections::HashSet<_> = answers.iter().map(|(_, body)| body["id"].clone()).collect();
    assert_eq!(ids.len(), 1, "{answers:?}");
    assert_eq!(app.stored_pledges().await, 2);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn the_early_bird_price_is_for_the_first_backers_only() {
    let app = spawn_app().await;
    for i in 0..2 {
        let (status, body) = app.pledge(TestApp::body(Some("early"), "90", &format!("e{i}@example.ch"))).await;
        assert_eq!(status, 201, "{body}");
    }
    let (status, body) = app.pledge(TestApp::body(Some("early"), "90", "late@example.ch")).await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("amount_below_minimum")));
    assert!(body["error"]["message"].as_str().unwrap().contains("120.00"));
    let (status, _) = app.pledge(TestApp::body(Some("early"), "120", "late@example.ch")).await;
    assert_eq!(status, 201);
    let campaign = app.campaign().await;
    assert_eq!(reward(&campaign, "early")["claimed"], 3);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_dated_early_bird_price_ends_at_its_date() {
    let app = spawn_app().await;
    let (status, _) = app.pledge(TestApp::body(Some("dated"), "40", "a@example.ch")).await;
    assert_eq!(status, 201);
    app.clock.set("2029-12-15T00:00:00+01:00".parse().unwrap());
    let (status, body) = app.pledge(TestApp::body(Some("dated"), "40", "b@example.ch")).await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("amount_below_minimum")));
}

#[tokio::test]
async fn cancelling_a_dated_early_bird_pledge_keeps_every_counter_right() {
    let app = spawn_app().await;
    let (_, body) = app.pledge(TestApp::body(Some("dated"), "40", "a@example.ch")).await;
    let path = format!("/pledges/{}/cancel", body["token"].as_str().unwrap());
    let status = app.post_form(&path, &[]).await.status();
    assert_eq!(status.as_u16(), 303);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn the_check_finds_a_counter_that_was_tampered_with() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    app.pledge(TestApp::body(Some("open"), "20", "a@example.ch")).await;
    assert!(bobine::services::consistency::check(&app.db).await.unwrap().is_empty());
    app.db.write.execute_unprepared("UPDATE rewards SET claimed = claimed + 1 WHERE id = 'open'").await.unwrap();
    let differences = bobine::services::consistency::check(&app.db).await.unwrap();
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert_eq!(differences[0].counter, "reward open claimed");
    assert_eq!((differences[0].stored, differences[0].computed), (2, 1));
}

#[tokio::test]
async fn a_key_replayed_with_another_name_never_returns_the_first_pledges_token() {
    let app = spawn_app().await;
    let send = |body: serde_json::Value| {
        app.client.post(app.url("/api/pledges")).header("Idempotency-Key", "victim-key").json(&body).send()
    };
    let first: serde_json::Value =
        send(TestApp::body(Some("open"), "40", "anne@example.ch")).await.unwrap().json().await.unwrap();
    assert!(first["token"].is_string());
    let mut forged = TestApp::body(Some("open"), "40", "anne@example.ch");
    forged["name"] = json!("Mallory");
    let answer = send(forged).await.unwrap();
    assert_eq!(answer.status().as_u16(), 422);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(body["error"]["code"], "idempotency_key_reused");
    assert!(body.get("token").is_none() && !body.to_string().contains(first["token"].as_str().unwrap()));
    assert_eq!(app.stored_pledges().await, 1);

    // Keys belong to an email: someone else's key is simply another pledge of one's own.
    let other = send(TestApp::body(Some("open"), "40", "mallory@example.ch")).await.unwrap();
    assert_eq!(other.status().as_u16(), 201);
    let other: serde_json::Value = other.json().await.unwrap();
    assert_ne!(other["token"], first["token"]);
    assert_eq!(app.stored_pledges().await, 2);
}

#[tokio::test]
async fn idempotency_keys_of_up_to_two_hundred_characters_are_taken() {
    let app = spawn_app().await;
    let send = |key: String| {
        app.client
            .post(app.url("/api/pledges"))
            .header("Idempotency-Key", key)
            .json(&TestApp::body(None, "20", "lea@example.ch"))
            .send()
    };
    assert_eq!(send("k".repeat(200)).await.unwrap().status().as_u16(), 201);
    assert_eq!(send("k".repeat(201)).await.unwrap().status().as_u16(), 400);
    assert_eq!(send("é".repeat(200)).await.unwrap().status().as_u16(), 201, "characters, not bytes");
}
