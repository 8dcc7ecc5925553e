//! Rate limits per client address and per email, the real client address behind (or without)
//! a trusted proxy, and the `Retry-After` of every 429.

use bobine::config::RateLimits;
use bobine::domain::proxies::TrustedProxies;
use bobine::domain::rate_limit::{LimitKind, Limits};
use futures::StreamExt;
use serde_json::Value;

use crate::helpers::{TestApp, spawn_app, spawn_limited_app};
use crate::team::{PASSWORD, add_member, log_in};

/// Rate limits on, as in production, with `kind` limited as written (`"3/60s"`, or `None`).
fn limiting(kind: LimitKind, per_address: Option<&str>, per_email: Option<&str>) -> RateLimits {
    let rate = |text: Option<&str>| text.map(|t| t.parse().unwrap());
    RateLimits::default().with(kind, Limits { per_address: rate(per_address), per_email: rate(per_email) })
}

fn retry_after(response: &reqwest::Response) -> u64 {
    let header = response.headers().get("retry-after").expect("a 429 says when to try again");
    header.to_str().unwrap().parse().unwrap()
}

/// Statuses of `count` API pledges sent at once by `send`, each with its own email.
async fn pledge_many(count: usize, send: impl Fn(Value) -> reqwest::RequestBuilder) -> Vec<(u16, Option<u64>, Value)> {
    let requests = (0..count).map(|i| send(TestApp::body(None, "10.00", &format!("backer{i}@example.ch"))).send());
    futures::stream::iter(requests)
        .buffer_unordered(50)
        .then(|response| async move {
            let response = response.unwrap();
            let status = response.status().as_u16();
            let wait = (status == 429).then(|| retry_after(&response));
            (status, wait, response.json().await.unwrap_or(Value::Null))
        })
        .collect()
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_hundred_pledges_from_one_address_are_mostly_refused_while_another_address_still_pledges() {
    let app = spawn_limited_app(RateLimits::default(), TrustedProxies::NONE).await;
    let answers = pledge_many(300, |body| app.client.post(app.url("/api/pledges")).json(&body)).await;
    let created = answers.iter().filter(|(status, ..)| *status == 201).count();
    let refused: Vec<_> = answers.iter().filter(|(status, ..)| *status == 429).collect();
    assert_eq!(created + refused.len(), 300, "only placed or refused: {answers:?}");
    assert!(refused.len() >= 250, "{} of 300 refused", refused.len());
    for (_, wait, body) in &refused {
        assert!(wait.is_some_and(|w| w >= 1), "Retry-After: {wait:?}");
        assert_eq!(body["error"]["code"], "rate_limited");
        assert!(body["error"]["message"].as_str().unwrap().contains("Trop de demandes"), "{body}");
    }
    assert_eq!(app.stored_pledges().await, created as u64, "a refused pledge leaves nothing");

    let other = app.browser_from("127.0.0.2");
    let answer = other.pledge(&TestApp::body(None, "10.00", "someone.else@example.ch")).await;
    assert_eq!(answer.status().as_u16(), 201);
    app.assert_counters_match_pledges().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn with_rate_limits_off_every_pledge_goes_through() {
    let app = spawn_limited_app(RateLimits::off(), TrustedProxies::NONE).await;
    let answers = pledge_many(300, |body| app.client.post(app.url("/api/pledges")).json(&body)).await;
    assert!(answers.iter().all(|(status, ..)| *status == 201), "{answers:?}");
    // Nor is one email limited.
    for _ in 0..10 {
        assert_eq!(app.pledge(TestApp::body(None, "10.00", "anne@example.ch")).await.0, 201);
    }
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_per_email_limit_holds_across_addresses() {
    let app = spawn_limited_app(limiting(LimitKind::Pledges, Some("30/60s"), Some("3/5m")), TrustedProxies::NONE).await;
    let mut statuses = Vec::new();
    for i in 2..=7 {
        let visitor = app.browser_from(&format!("127.0.0.{i}"));
        // The same address however it is capitalised.
        let email = if i % 2 == 0 { "anne@example.ch" } else { "Anne@EXAMPLE.ch" };
        let response = visitor.pledge(&TestApp::body(None, "10.00", email)).await;
        statuses.push(response.status().as_u16());
        if response.status() == 429 {
            assert_eq!(retry_after(&response), 100, "one pledge every 100 s");
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"]["code"], "rate_limited");
        }
    }
    assert_eq!(statuses, [201, 201, 201, 429, 429, 429]);
    // Another email from the same addresses is not affected.
    let answer = app.browser_from("127.0.0.2").pledge(&TestApp::body(None, "10.00", "paul@example.ch")).await;
    assert_eq!(answer.status().as_u16(), 201);
}

#[tokio::test]
async fn the_pledge_form_is_shown_again_with_the_message_in_the_visitors_language() {
    let app = spawn_limited_app(limiting(LimitKind::Pledges, Some("2/60s"), None), TrustedProxies::NONE).await;
    let fields = |email: &'static str| [("amount", "25.00"), ("name", "Anne Dupont"), ("email", email)];
    assert_eq!(app.post_form("/pledge", &fields("a@example.ch")).await.status().as_u16(), 303);
    assert_eq!(app.post_form("/pledge", &fields("b@example.ch")).await.status().as_u16(), 303);
    let refused = app.post_form("/pledge", &fields("c@example.ch")).await;
    assert_eq!(refused.status().as_u16(), 429);
    assert_eq!(retry_after(&refused), 30);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Trop de demandes") && page.contains("30 secondes"), "{page}");
    assert!(page.contains("c@example.ch") && page.contains("name=\"amount\""), "the form again, as typed");

    let csrf = app.csrf_token().await;
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(&fields("d@example.ch"));
    let english = app.client.post(app.url("/pledge")).header("Accept-Language", "en").form(&form).send().await.unwrap();
    assert_eq!(english.status().as_u16(), 429);
    assert!(english.text().await.unwrap().contains("Too many requests"));
    assert_eq!(app.stored_pledges().await, 2);
}

fn offer(email: &str) -> Vec<(&str, &str)> {
    vec![
        ("kind", "time"),
        ("description", "Je peux aider à tenir un stand le samedi."),
        ("name", "Léa Rochat"),
        ("email", email),
    ]
}

#[tokio::test]
async fn offers_of_help_are_limited_per_address_and_per_email() {
    let app = spawn_limited_app(limiting(LimitKind::Offers, Some("3/60s"), Some("1/1h")), TrustedProxies::NONE).await;
    assert_eq!(app.post_form("/help", &offer("lea@example.ch")).await.status().as_u16(), 303);
    let same_email = app.post_form("/help", &offer("lea@example.ch")).await;
    assert_eq!(same_email.status().as_u16(), 429);
    assert_eq!(retry_after(&same_email), 3600);
    assert!(same_email.text().await.unwrap().contains("60 minutes"));
    assert_eq!(app.post_form("/help", &offer("marc@example.ch")).await.status().as_u16(), 303);
    let same_address = app.post_form("/help", &offer("zoe@example.ch")).await;
    assert_eq!(same_address.status().as_u16(), 429, "three from this address already");
    assert_eq!(retry_after(&same_address), 20);
    let page = same_address.text().await.unwrap();
    assert!(page.contains("Trop de demandes") && page.contains("zoe@example.ch"), "{page}");
    assert_eq!(app.browser_from("127.0.0.2").post_form("/help", &offer("zoe@example.ch")).await.status().as_u16(), 303);
}

fn designer(email: &str) -> Vec<(&str, &str)> {
    vec![
        ("name", "Rose Favre"),
        ("brand", "Atelier Rose"),
        ("email", email),
        ("bio", "Je transforme les chutes de soie des ateliers genevois en foulards."),
        ("practices", "upcycling"),
        ("area", "carouge"),
        ("consent", "true"),
    ]
}

#[tokio::test]
async fn designer_registrations_are_limited_per_address_and_per_email() {
    let limits = limiting(LimitKind::Designers, Some("1/60s"), Some("1/1h"));
    let app = spawn_limited_app(limits, TrustedProxies::NONE).await;
    assert_eq!(app.post_form("/designers/register", &designer("rose@example.ch")).await.status().as_u16(), 303);
    let again = app.post_form("/designers/register", &designer("lin@example.ch")).await;
    assert_eq!(again.status().as_u16(), 429);
    assert_eq!(retry_after(&again), 60);
    let page = again.text().await.unwrap();
    assert!(page.contains("Trop de demandes") && page.contains("lin@example.ch"), "{page}");
    let elsewhere = app.browser_from("127.0.0.2").post_form("/designers/register", &designer("rose@example.ch")).await;
    assert_eq!(elsewhere.status().as_u16(), 429, "the same email from another address");
    let other = app.browser_from("127.0.0.3").post_form("/designers/register", &designer("lin@example.ch")).await;
    assert_eq!(other.status().as_u16(), 303);
}

#[tokio::test]
async fn logins_are_limited_per_address_and_another_address_still_logs_in() {
    let app = spawn_limited_app(limiting(LimitKind::Logins, Some("3/60s"), None), TrustedProxies::NONE).await;
    add_member(&app, "anne@example.ch").await;
    // Different accounts each time: only the address is limited here, not an account.
    for email in ["a@example.ch", "b@example.ch", "c@example.ch"] {
        assert_eq!(log_in(&app, email, "not-the-password").await.status().as_u16(), 401);
    }
    let refused = log_in(&app, "anne@example.ch", PASSWORD).await;
    assert_eq!(refused.status().as_u16(), 429);
    assert_eq!(retry_after(&refused), 20);
    assert!(refused.text().await.unwrap().contains("Trop de demandes"));
    let elsewhere = app
        .browser_from("127.0.0.2")
        .post_form("/team/login", &[("email", "anne@example.ch"), ("password", PASSWORD), ("next", "/team")])
        .await;
    assert_eq!(elsewhere.status().as_u16(), 303);
}

#[tokio::test]
async fn a_throttled_login_says_when_to_try_again_even_with_rate_limits_off() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    for _ in 0..bobine::routes::team::MAX_FAILED_LOGINS {
        assert_eq!(log_in(&app, "anne@example.ch", "not-the-password").await.status().as_u16(), 401);
    }
    let refused = log_in(&app, "anne@example.ch", PASSWORD).await;
    assert_eq!(refused.status().as_u16(), 429);
    assert_eq!(retry_after(&refused), 15 * 60);
}

#[tokio::test]
async fn rotating_x_real_ip_does_not_escape_the_login_throttle_of_an_address() {
    let app = spawn_app().await;
    // A slow machine may find the password checks busy: that answer (a few seconds to wait)
    // is tried again; the throttle's wait is minutes.
    let try_login = |email: String, real_ip: String| {
        let app = &app;
        async move {
            loop {
                let csrf = app.csrf_token().await;
                let form = [("csrf", csrf.as_str()), ("email", &email), ("password", "not-the-password")];
                let response =
                    app.client.post(app.url("/team/login")).header("X-Real-IP", &real_ip).form(&form).send().await;
                let response = response.unwrap();
                if response.status().as_u16() == 429 && retry_after(&response) < 60 {
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                    continue;
                }
                return response;
            }
        }
    };
    for i in 0..bobine::routes::team::MAX_FAILED_LOGINS {
        let response = try_login(format!("guess{i}@example.ch"), format!("203.0.113.{i}")).await;
        assert_eq!(response.status().as_u16(), 401);
    }
    let refused = try_login("last@example.ch".into(), "203.0.113.99".into()).await;
    assert_eq!(refused.status().as_u16(), 429, "five failures from this address already");
}

#[tokio::test]
async fn rotating_x_real_ip_or_x_forwarded_for_does_not_escape_the_limit() {
    let app = spawn_limited_app(limiting(LimitKind::Pledges, Some("3/60s"), None), TrustedProxies::NONE).await;
    let mut statuses = Vec::new();
    for i in 0..6 {
        let response = app
            .client
            .post(app.url("/api/pledges"))
            .header("X-Real-IP", format!("203.0.113.{i}"))
            .header("X-Forwarded-For", format!("198.51.100.{i}"))
            .header("Forwarded", format!("for=192.0.2.{i}"))
            .json(&TestApp::body(None, "10.00", &format!("b{i}@example.ch")))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(statuses, [201, 201, 201, 429, 429, 429]);
}

#[tokio::test]
async fn behind_a_trusted_proxy_x_forwarded_for_names_the_client() {
    let proxies = TrustedProxies::parse("127.0.0.1").unwrap();
    let app = spawn_limited_app(limiting(LimitKind::Pledges, Some("2/60s"), None), proxies).await;
    let from = |client: &reqwest::Client, url: String, forwarded_for: &str, i: usize| {
        client
            .post(url)
            .header("X-Forwarded-For", forwarded_for.to_owned())
            .json(&TestApp::body(None, "10.00", &format!("c{i}@example.ch")))
            .send()
    };
    let status = |r: reqwest::Response| r.status().as_u16();
    let url = app.url("/api/pledges");
    assert_eq!(status(from(&app.client, url.clone(), "203.0.113.5", 1).await.unwrap()), 201);
    assert_eq!(status(from(&app.client, url.clone(), "203.0.113.5", 2).await.unwrap()), 201);
    assert_eq!(status(from(&app.client, url.clone(), "203.0.113.5", 3).await.unwrap()), 429);
    // What the client wrote left of what the proxy appended changes nothing.
    assert_eq!(status(from(&app.client, url.clone(), "198.51.100.1, 203.0.113.5", 4).await.unwrap()), 429);
    assert_eq!(status(from(&app.client, url.clone(), "203.0.113.6", 5).await.unwrap()), 201, "another client");

    // A peer that is not a trusted proxy is the client, whatever it forwards.
    let untrusted = app.browser_from("127.0.0.2");
    let statuses: Vec<u16> = futures::future::join_all(
        (0..3).map(|i| from(&untrusted.client, url.clone(), &format!("192.0.2.{i}"), 10 + i as usize)),
    )
    .await
    .into_iter()
    .map(|r| status(r.unwrap()))
    .collect();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 2, "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn logins_refused_because_passwords_are_being_checked_say_when_to_try_again() {
    let app = spawn_app().await;
    // Forty accounts from forty addresses, so that the throttle stops none of them first (an
    // unknown account's password is checked all the same, against a hash nobody knows).
    let mut tries = Vec::new();
    for i in 0..40 {
        let visitor = app.browser_from(&format!("127.0.1.{}", i + 1));
        visitor.get("/pledge").await;
        let csrf = visitor.cookie("/", "csrf").expect("the form page gives a form token");
        let form =
            [("csrf", csrf), ("email", format!("member{i}@example.ch")), ("password", "not-the-password".into())];
        tries.push(visitor.client.post(visitor.url("/team/login")).form(&form).send());
    }
    let answers = futures::future::join_all(tries).await;
    let busy: Vec<_> = answers.iter().map(|a| a.as_ref().unwrap()).filter(|a| a.status() == 429).collect();
    assert!(!busy.is_empty(), "two checks at a time and eight waiting: forty at once cannot all wait");
    for answer in busy {
        assert_eq!(retry_after(answer), 2);
    }
}
