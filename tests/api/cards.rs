//! Cards and TWINT through Stripe, against the loopback stand-in: saved at pledge time, charged
//! once at a successful close, failed charges walked to a fix or a drop, webhooks checked and
//! applied once, and nothing charged twice whatever crashes or second instances do.

use bobine::services::consistency;
use chrono::Duration;
use serde_json::{Value, json};

use crate::helpers::{TestApp, deadline, spawn_card_app};
use crate::stripe_standin::{Behaviour, StandIn};

/// A card pledge placed through the form; returns the Checkout address it was sent to.
async fn pledge_by_form(app: &TestApp, amount: &str, email: &str, method: &str) -> String {
    let response = app
        .post_form("/pledge", &[("amount", amount), ("name", "Anne Dupont"), ("email", email), ("method", method)])
        .await;
    assert_eq!(response.status().as_u16(), 303, "{:?}", response.text().await);
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// The Checkout Session id at the end of a Checkout address.
fn session_of(checkout_url: &str) -> String {
    checkout_url.rsplit('/').next().unwrap().to_owned()
}

/// Follows the way back from Checkout; returns the private page it leads to.
async fn come_back(app: &TestApp, success_url: &str) -> String {
    // Without BOBINE_PUBLIC_URL the site names the address it listens at; tests take the path.
    let url = url::Url::parse(success_url).unwrap();
    let path = format!("{}?{}", url.path(), url.query().unwrap_or_default());
    let response = app.get(&path).await;
    assert_eq!(response.status().as_u16(), 303);
    let page = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(page.starts_with("/pledges/"), "{page}");
    page
}

async fn token_of(app: &TestApp, email: &str) -> String {
    let rows = app.query(&format!("SELECT token FROM pledges WHERE email = '{email}'")).await;
    rows[0]["token"].as_str().unwrap().to_owned()
}

async fn api_pledge(app: &TestApp, token: &str) -> Value {
    app.get(&format!("/api/pledges/{token}")).await.json().await.unwrap()
}

async fn assert_consistent(app: &TestApp, standin: &StandIn) {
    let differences = consistency::check(&app.db).await.unwrap();
    assert!(differences.is_empty(), "{differences:?}");
    assert_eq!(standin.violations(), Vec::<String>::new(), "the client broke Stripe's rules");
}

/// Charges succeeded at the stand-in, per pledge id.
fn succeeded_charges(standin: &StandIn) -> std::collections::HashMap<String, usize> {
    let mut per_pledge = std::collections::HashMap::new();
    for intent in standin.payment_intents() {
        if intent["status"] == "succeeded" {
            let pledge = intent["metadata"]["bobine_pledge"].as_str().unwrap_or("").to_owned();
            *per_pledge.entry(pledge).or_default() += 1;
        }
    }
    per_pledge
}

#[tokio::test]
async fn cards_a_card_saved_at_pledge_is_charged_once_when_the_campaign_succeeds() {
    let (app, standin) = spawn_card_app("on-success").await;
    let checkout = pledge_by_form(&app, "600", "anne@example.ch", "card").await;
    assert!(checkout.starts_with(&standin.url()), "sent to Checkout: {checkout}");
    let sessions = standin.sessions();
    let session = &sessions[0];
    assert_eq!(session["mode"], "setup");
    let token = token_of(&app, "anne@example.ch").await;
    for url in [&session["success_url"], &session["cancel_url"]] {
        assert!(!url.as_str().unwrap().contains(&token), "the private token went to Stripe: {url}");
    }

    let back = standin.complete_checkout(&session_of(&checkout), Behaviour::Succeeds).await.unwrap();
    let page = come_back(&app, &back).await;
    assert!(page.starts_with(&format!("/pledges/{token}")));
    let text = app.get(&page).await.text().await.unwrap();
    assert!(text.contains("Merci : votre carte est enregistrée."), "{text}");
    assert!(text.contains("Votre carte est enregistrée : si"), "{text}");
    let stored = app.query(&format!("SELECT method_state, stripe_method FROM pledges WHERE token = '{token}'")).await;
    assert_eq!(stored[0]["method_state"], "saved");

    // A bank pledge beside it, so the goal is reached by both.
    let (_, bruno) =
        app.pledge(json!({"amount": "450.50", "name": "Bruno", "email": "bruno@example.ch", "method": "bank"})).await;
    assert_eq!(bruno["payment"]["method"], "bank");
    assert_eq!(bruno["payment"]["checkout_url"], Value::Null);

    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'paid'", 1).await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_paid'", 1).await;
    // The bank pledge got its QR-bill; the card pledge none.
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_bill'", 1).await;
    let body = api_pledge(&app, &token).await;
    assert_eq!(body["payment"]["state"], "paid");
    assert_eq!(body["payment"]["method"], "card");
    let ledger = app.query("SELECT method, amount_cents, fee_cents, stripe_ref FROM payments").await;
    assert_eq!(ledger.len(), 1);
    assert_eq!((ledger[0]["method"].as_str(), ledger[0]["amount_cents"].as_i64()), (Some("card"), Some(60_000)));
    assert_eq!(ledger[0]["fee_cents"].as_i64(), Some(1770), "2.9 % + 30 rappen");

    // The webhook of the charge came too, and changed nothing.
    standin.wait_for_webhooks().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(succeeded_charges(&standin).values().sum::<usize>(), 1);
    assert_eq!(app.query("SELECT id FROM payments").await.len(), 1);
    let charges = standin.requests().into_iter().filter(|r| r.method == "POST" && r.path == "/v1/payment_intents");
    assert_eq!(charges.count(), 1);
    assert_consistent(&app, &standin).await;
}
