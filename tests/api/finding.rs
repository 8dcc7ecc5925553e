//! `/pledges/find`: a backer who lost their private link gets the links of their pledges by
//! email, and nobody learns from the answer whether an address pledged.

use bobine::config::RateLimits;
use bobine::domain::proxies::TrustedProxies;
use bobine::domain::rate_limit::{LimitKind, Limits};

use crate::helpers::{TestApp, spawn_app, spawn_limited_app};

/// What the visitor sees after asking: the answer's status, where it leads, and that page.
async fn ask(app: &TestApp, email: &str, lang: &str) -> (u16, String, String) {
    let answer = app.post_form(&format!("/pledges/find?lang={lang}"), &[("email", email)]).await;
    let status = answer.status().as_u16();
    let location = answer.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default();
    let page = app.get(&location).await.text().await.unwrap();
    (status, location, page)
}

async fn links_sent(app: &TestApp) -> Vec<serde_json::Value> {
    app.query("SELECT to_address, subject, body FROM emails WHERE kind = 'pledge_links' ORDER BY id").await
}

#[tokio::test]
async fn a_known_and_an_unknown_address_get_the_same_answer_and_only_the_known_one_an_email() {
    let app = spawn_app().await;
    let mut tokens = Vec::new();
    for reward in [None, Some("open")] {
        let (status, pledge) = app.pledge(TestApp::body(reward, "40.00", "Anne.Dupont@example.ch")).await;
        assert_eq!(status, 201, "{pledge}");
        tokens.push(pledge["token"].as_str().unwrap().to_owned());
    }
    let (status, other) = app.pledge(TestApp::body(None, "15.00", "someone.else@example.ch")).await;
    assert_eq!(status, 201);
    let form = app.get("/pledges/find").await.text().await.unwrap();
    assert!(form.contains("name=\"csrf\"") && form.contains("property=\"og:title\""), "{form}");

    let unknown = ask(&app, "nobody@example.ch", "fr").await;
    // Typed otherwise than pledged: an address is the same whatever its case.
    let known = ask(&app, " anne.dupont@EXAMPLE.ch ", "fr").await;
    assert_eq!(unknown, known, "the same answer whether or not the address pledged");
    assert_eq!(known.0, 303);
    assert!(known.2.contains("Si des promesses ont été faites avec cette adresse"), "{}", known.2);

    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_links'", 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let sent = links_sent(&app).await;
    assert_eq!(sent.len(), 1, "only the address that pledged gets an email: {sent:?}");
    assert_eq!(sent[0]["to_address"], "Anne.Dupont@example.ch", "to the address as pledged");
    let body = sent[0]["body"].as_str().unwrap();
    for token in &tokens {
        assert!(body.contains(&format!("/pledges/{token}")), "every pledge of the address: {body}");
    }
    assert!(!body.contains(other["token"].as_str().unwrap()), "nobody else's: {body}");
    assert!(body.contains("Bonjour") && body.contains("CHF 40.00"), "in the language asked in: {body}");
}

#[tokio::test]
async fn the_links_come_in_the_language_asked_in_with_each_pledges_standing() {
    let app = spawn_app().await;
    let (status, pledge) = app.pledge(TestApp::body(None, "1200.00", "lena@example.ch")).await;
    assert_eq!(status, 201, "{pledge}");
    let cancelled = app.post_form(&format!("/pledges/{}/cancel", pledge["token"].as_str().unwrap()), &[]).await;
    assert_eq!(cancelled.status().as_u16(), 303);
    ask(&app, "lena@example.ch", "de").await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_links'", 1).await;
    let body = links_sent(&app).await[0]["body"].as_str().unwrap().to_owned();
    assert!(body.contains("CHF 1’200.00") && body.contains("(storniert)"), "{body}");
}

#[tokio::test]
async fn a_mistyped_address_is_named_on_its_field_and_nothing_is_sent() {
    let app = spawn_app().await;
    for (typed, lang, message) in [("anne", "fr", "adresse"), ("", "en", "email address"), ("a@b", "de", "E-Mail")] {
        let answer = app.post_form(&format!("/pledges/find?lang={lang}"), &[("email", typed)]).await;
        assert_eq!(answer.status().as_u16(), 422, "{typed:?}");
        let page = answer.text().await.unwrap();
        assert!(page.contains("id=\"form-errors\"") && page.contains("href=\"#email\""), "{page}");
        assert!(page.contains("aria-invalid=\"true\""), "{page}");
        assert!(page.contains(message), "{lang}: {page}");
    }
    let forged = app.client.post(app.url("/pledges/find")).form(&[("email", "anne@example.ch")]).send().await.unwrap();
    assert_eq!(forged.status().as_u16(), 403, "without the form's token");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(links_sent(&app).await.is_empty());
}

#[tokio::test]
async fn asking_too_often_is_refused_by_address_and_quietly_ignored_by_email() {
    let limits = RateLimits::default().with(
        LimitKind::Finds,
        Limits { per_address: Some("3/10m".parse().unwrap()), per_email: Some("1/1h".parse().unwrap()) },
    );
    let app = spawn_limited_app(limits, TrustedProxies::NONE).await;
    let (status, _) = app.pledge(TestApp::body(None, "20.00", "anne@example.ch")).await;
    assert_eq!(status, 201);

    // From three places, the same address: one email, and the same answer each time.
    for place in ["127.0.0.2", "127.0.0.3", "127.0.0.4"] {
        let answer = app.browser_from(place).post_form("/pledges/find", &[("email", "anne@example.ch")]).await;
        assert_eq!(answer.status().as_u16(), 303, "{place}");
        assert_eq!(answer.headers()["location"], "/pledges/find/sent");
    }
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_links'", 1).await;

    // From one place, many addresses: refused after the third, with when to try again.
    let place = app.browser_from("127.0.0.5");
    for n in 0..3 {
        let answer = place.post_form("/pledges/find", &[("email", &format!("n{n}@example.ch"))]).await;
        assert_eq!(answer.status().as_u16(), 303);
    }
    let refused = place.post_form("/pledges/find", &[("email", "n4@example.ch")]).await;
    assert_eq!(refused.status().as_u16(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    assert!(refused.text().await.unwrap().contains("Trop de demandes"));
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(links_sent(&app).await.len(), 1);
}
