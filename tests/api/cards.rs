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

/// Places a card pledge through the API and saves its card with `behaviour` for later charges;
/// returns the pledge's token.
async fn saved_card(app: &TestApp, standin: &StandIn, amount: &str, email: &str, behaviour: Behaviour) -> String {
    let (status, body) =
        app.pledge(json!({"amount": amount, "name": "Anne Dupont", "email": email, "method": "card"})).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["payment"]["method"], "card");
    let checkout = body["payment"]["checkout_url"].as_str().expect("a Checkout step").to_owned();
    let back = standin.complete_checkout(&session_of(&checkout), Behaviour::Succeeds).await.unwrap();
    come_back(app, &back).await;
    let token = body["token"].as_str().unwrap().to_owned();
    let method = app.query(&format!("SELECT stripe_method FROM pledges WHERE token = '{token}'")).await;
    standin.set_behaviour(method[0]["stripe_method"].as_str().unwrap(), behaviour);
    token
}

/// The emails of `kind` sent about the pledge with `token`.
async fn emails(app: &TestApp, kind: &str, token: &str) -> Vec<String> {
    let rows = app
        .query(&format!(
            "SELECT e.body FROM emails e JOIN pledges p ON p.id = e.pledge_id WHERE e.kind = '{kind}' AND p.token = '{token}' ORDER BY e.id"
        ))
        .await;
    rows.iter().map(|r| r["body"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn cards_a_declined_card_is_errored_then_fixed_on_the_pay_link_then_paid() {
    let (app, standin) = spawn_card_app("on-success").await;
    let token = saved_card(&app, &standin, "1200", "anne@example.ch", Behaviour::Declined).await;
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'errored'", 1).await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'payment_errored'", 1).await;
    let mail = &emails(&app, "payment_errored", &token).await[0];
    assert!(mail.contains(&format!("/pledges/{token}/pay")), "{mail}");
    let row =
        app.query(&format!("SELECT charge_error, needs_authentication FROM pledges WHERE token = '{token}'")).await;
    assert_eq!(row[0]["charge_error"], "card_declined");
    let body = api_pledge(&app, &token).await;
    assert_eq!(
        (body["payment"]["state"].as_str(), body["payment"]["due"].as_str()),
        (Some("errored"), Some("1200.00"))
    );
    assert_eq!(body["payment"]["needs_authentication"], false, "declined, not waiting for the bank");

    // The link only leads to the private page (mail scanners open links: a GET opens no
    // Checkout), which opens with the button to pay again, before the pledge's details.
    let pay = app.get(&format!("/pledges/{token}/pay")).await;
    assert_eq!(pay.status().as_u16(), 303);
    let location = pay.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, format!("/pledges/{token}#payment-title"));
    assert_eq!(standin.sessions().len(), 1, "only the first, to save the card");
    let page = app.get(&location).await.text().await.unwrap();
    let button = page.find("Payer CHF 1’200.00 par carte").expect("a button to pay");
    assert!(button < page.find("class=\"pledge-details\"").unwrap(), "the button comes first: {page}");
    let response = app.post_form(&format!("/pledges/{token}/checkout"), &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    let checkout = response.headers()["location"].to_str().unwrap().to_owned();
    let session = standin.sessions().into_iter().find(|s| checkout.ends_with(s["id"].as_str().unwrap())).unwrap();
    assert_eq!((session["mode"].as_str(), session["amount_total"].as_i64()), (Some("payment"), Some(120_000)));
    // In Checkout the bank asks for 3-D Secure; the backer confirms, the payment goes through.
    let back = standin.complete_checkout(session["id"].as_str().unwrap(), Behaviour::Succeeds).await.unwrap();
    come_back(&app, &back).await;
    assert_eq!(api_pledge(&app, &token).await["payment"]["state"], "paid");
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_paid'", 1).await;
    standin.wait_for_webhooks().await;
    let paid = app.query("SELECT amount_cents FROM payments WHERE kind = 'payment'").await;
    assert_eq!(paid.len(), 1, "the webhook of the same payment adds nothing");
    // No reminder follows a fixed payment.
    app.clock.set(deadline() + Duration::days(3));
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(emails(&app, "payment_errored", &token).await.len(), 1);
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_a_bank_asking_for_authentication_gets_a_confirmation_link_and_a_dropped_charge_after_the_grace() {
    let (app, standin) = spawn_card_app("on-success").await;
    let token = saved_card(&app, &standin, "1200", "anne@example.ch", Behaviour::AuthenticationRequired).await;
    let close = deadline() + Duration::minutes(1);
    app.clock.set(close);
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'payment_errored'", 1).await;
    let row =
        app.query(&format!("SELECT charge_error, needs_authentication FROM pledges WHERE token = '{token}'")).await;
    assert_eq!(row[0]["charge_error"], "authentication_required");
    let body = api_pledge(&app, &token).await;
    assert_eq!(
        (&body["payment"]["state"], &body["payment"]["needs_authentication"]),
        (&json!("errored"), &json!(true))
    );
    assert!(emails(&app, "payment_errored", &token).await[0].contains("Votre banque vous demande de confirmer"));
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Votre banque vous demande de confirmer le paiement"), "{page}");

    // Reminders every 48 hours, then one last charge, which fails too: dropped.
    for (hours, reminders) in [(49, 2), (97, 3), (145, 4)] {
        app.clock.set(close + Duration::hours(hours));
        app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'payment_errored'", reminders).await;
    }
    app.clock.set(close + Duration::days(7) + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'dropped'", 1).await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_dropped'", 1).await;
    let dropped = &emails(&app, "pledge_dropped", &token).await[0];
    assert!(dropped.contains("Le paiement par carte de votre promesse"), "{dropped}");
    assert!(!dropped.contains("due le"), "no due date was asked of a card: {dropped}");
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Le paiement par carte n&#x27;a pas abouti"), "{page}");
    let attempts = standin.requests().into_iter().filter(|r| r.method == "POST" && r.path == "/v1/payment_intents");
    assert_eq!(attempts.count(), 2, "the charge at the close and the last retry");
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_a_failed_campaign_charges_nobody() {
    let (app, standin) = spawn_card_app("on-success").await;
    saved_card(&app, &standin, "50", "anne@example.ch", Behaviour::Succeeds).await;
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'void'", 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert!(standin.payment_intents().is_empty());
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_a_crash_between_a_charge_and_its_answer_charges_once_after_the_restart() {
    let (app, standin) = spawn_card_app("on-success").await;
    let token = saved_card(&app, &standin, "1200", "anne@example.ch", Behaviour::Succeeds).await;
    // The charge is carried out at Stripe, but its answer takes longer than the process lives.
    standin.hang_after_acting("/v1/payment_intents", 1, std::time::Duration::from_secs(3));
    // Nor does its webhook arrive in time: only the lookup at Stripe can tell.
    standin.hold_webhooks(true);
    app.clock.set(deadline() + Duration::minutes(1));
    for _ in 0..100 {
        if !standin.payment_intents().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(standin.payment_intents().len(), 1, "the charge was sent");
    let waiting = app.query("SELECT state FROM stripe_operations").await;
    assert_eq!(waiting[0]["state"], "sending");
    // Killed there: the answer is never recorded by this process.
    let later = deadline() + Duration::minutes(10);
    let app = app.restart_at(later).await;
    standin.send_webhooks_to(&format!("{}/webhooks/stripe", app.address));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'paid'", 1).await;
    assert_eq!(api_pledge(&app, &token).await["payment"]["state"], "paid");
    // The webhook comes late, and adds nothing.
    standin.hold_webhooks(false);
    standin.wait_for_webhooks().await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert_eq!(succeeded_charges(&standin).values().sum::<usize>(), 1, "one charge, found at Stripe by its key");
    let operations = app.query("SELECT state, stripe_id FROM stripe_operations").await;
    assert_eq!(operations.len(), 1);
    assert_eq!(operations[0]["state"], "succeeded");
    assert_eq!(app.query("SELECT id FROM payments").await.len(), 1);
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_two_instances_settling_at_once_charge_each_pledge_once() {
    let (app, standin) = spawn_card_app("on-success").await;
    let mut tokens = Vec::new();
    for i in 0..12 {
        tokens.push(saved_card(&app, &standin, "100", &format!("backer{i}@example.ch"), Behaviour::Succeeds).await);
    }
    let twin = app.twin().await;
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'paid'", 12).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let charges = succeeded_charges(&standin);
    assert_eq!(charges.len(), 12, "{charges:?}");
    assert!(charges.values().all(|n| *n == 1), "{charges:?}");
    assert_eq!(app.query("SELECT id FROM payments").await.len(), 12);
    assert_eq!(app.query("SELECT id FROM emails WHERE kind = 'pledge_paid'").await.len(), 12);
    drop(twin);
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_webhooks_are_refused_unsigned_stale_or_tampered_and_applied_once_in_any_order() {
    let (app, standin) = spawn_card_app("on-success").await;
    let inbox = "SELECT COUNT(*) AS n FROM stripe_events";
    let body = r#"{"id":"evt_unrelated","object":"event","type":"customer.created","data":{"object":{"id":"cus_1"}}}"#;
    let now = chrono::Utc::now().timestamp();
    let good = standin.sign(body, now);
    let v1 = good.split_once(",v1=").unwrap().1;
    let wrong_key =
        format!("t={now},v1={}", bobine::domain::webhook_signature::sign("whsec_other", now, body.as_bytes()));
    for (signature, sent) in [
        (String::new(), body.to_owned()),
        (standin.sign(body, now - 301), body.to_owned()),
        (wrong_key, body.to_owned()),
        (good.clone(), body.replace("cus_1", "cus_2")),
        (format!("t={now},v1={}", "0".repeat(64)), body.to_owned()),
    ] {
        assert_eq!(standin.send_raw(&sent, &signature).await, 400, "{signature}");
    }
    app.wait_for(inbox, 0).await;
    // Two signatures while a secret is rolled: one matching is enough.
    let two = format!("t={now},v1={},v1={v1}", "f".repeat(64));
    assert_eq!(standin.send_raw(body, &two).await, 200);
    app.wait_for(inbox, 1).await;
    assert_eq!(standin.send_raw(body, &standin.sign(body, now)).await, 200, "a replay is acknowledged");
    app.wait_for(inbox, 1).await;

    // Checkout completed while the backer's browser never came back, its events in reverse.
    standin.hold_webhooks(true);
    let (_, pledge) =
        app.pledge(json!({"amount": "60", "name": "Anne", "email": "anne@example.ch", "method": "card"})).await;
    let session = session_of(pledge["payment"]["checkout_url"].as_str().unwrap());
    standin.complete_checkout(&session, Behaviour::Succeeds).await.unwrap();
    let held: Vec<String> = standin.held_events().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(held.len(), 2, "{:?}", standin.held_events());
    let reversed: Vec<&str> = held.iter().rev().map(String::as_str).collect();
    standin.deliver(&reversed).await;
    let token = pledge["token"].as_str().unwrap();
    let saved = app.query(&format!("SELECT method_state FROM pledges WHERE token = '{token}'")).await;
    assert_eq!(saved[0]["method_state"], "saved");
    // Sent again, late: nothing changes.
    standin.deliver(&reversed).await;
    app.wait_for(inbox, 3).await;
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_collecting_at_pledge_pays_in_checkout_and_refunds_through_stripe_when_the_campaign_fails() {
    let (app, standin) = spawn_card_app("at-pledge").await;
    let (_, pledge) =
        app.pledge(json!({"amount": "80", "name": "Anne", "email": "anne@example.ch", "method": "twint"})).await;
    let checkout = pledge["payment"]["checkout_url"].as_str().unwrap();
    let session = &standin.sessions()[0];
    assert_eq!((session["mode"].as_str(), session["amount_total"].as_i64()), (Some("payment"), Some(8000)));
    assert_eq!(session["payment_method_types"][0], "twint");
    let back = standin.complete_checkout(&session_of(checkout), Behaviour::Succeeds).await.unwrap();
    come_back(&app, &back).await;
    let token = pledge["token"].as_str().unwrap();
    assert_eq!(api_pledge(&app, token).await["payment"]["state"], "paid");
    assert_eq!(api_pledge(&app, token).await["payment"]["method"], "twint");
    // The webhooks of the same payment add nothing.
    standin.wait_for_webhooks().await;
    assert_eq!(app.query("SELECT id FROM payments").await.len(), 1);

    // The goal is missed: the money goes back through Stripe, once.
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'refunded'", 1).await;
    standin.wait_for_webhooks().await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(standin.refunds().len(), 1);
    assert_eq!(standin.refunds()[0]["amount"], 8000);
    let refunds = app.query("SELECT amount_cents FROM payments WHERE kind = 'refund'").await;
    assert_eq!(refunds.len(), 1, "the answer and charge.refunded record it once");
    assert_eq!(refunds[0]["amount_cents"], -8000);
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_refunded'", 1).await;
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_a_refund_heard_before_its_payment_is_applied_when_stripe_sends_it_again() {
    let (app, standin) = spawn_card_app("at-pledge").await;
    let (_, pledge) =
        app.pledge(json!({"amount": "80", "name": "Anne", "email": "anne@example.ch", "method": "card"})).await;
    // The backer pays in Checkout and closes the tab: only the webhooks tell, and they wait.
    standin.hold_webhooks(true);
    let session = session_of(pledge["payment"]["checkout_url"].as_str().unwrap());
    standin.complete_checkout(&session, Behaviour::Succeeds).await.unwrap();
    let intent = standin.payment_intents()[0]["id"].as_str().unwrap().to_owned();
    // The team refunds part of it in Stripe's dashboard at once.
    standin.refund_in_dashboard(&intent, Some(3000)).await;
    let held = standin.held_events();
    let refunded = held.iter().find(|e| e["type"] == "charge.refunded").unwrap()["id"].as_str().unwrap().to_owned();
    let payment: Vec<&str> =
        held.iter().map(|e| e["id"].as_str().unwrap()).filter(|id| *id != refunded.as_str()).collect();
    let refunds = "SELECT COUNT(*) AS n FROM payments WHERE kind = 'refund'";

    // The refund comes first: refused, and not kept, so that Stripe's next try counts.
    standin.deliver(&[&refunded]).await;
    let tries: Vec<_> = standin.deliveries().into_iter().filter(|d| d.event_id == refunded).collect();
    assert!(!tries.is_empty() && tries.iter().all(|d| d.status == Some(503)), "{tries:?}");
    app.wait_for("SELECT COUNT(*) AS n FROM stripe_events", 0).await;
    app.wait_for(refunds, 0).await;

    // The payment's own news, then Stripe's next try of the refund: recorded once.
    standin.deliver(&payment).await;
    app.wait_for("SELECT COUNT(*) AS n FROM payments WHERE kind = 'payment'", 1).await;
    standin.deliver(&[&refunded]).await;
    assert_eq!(standin.deliveries().last().unwrap().status, Some(200));
    app.wait_for(refunds, 1).await;
    standin.deliver(&[&refunded]).await;
    let rows = app.query("SELECT amount_cents FROM payments WHERE kind = 'refund'").await;
    assert_eq!(rows.len(), 1, "a replay adds nothing");
    assert_eq!(rows[0]["amount_cents"], -3000);
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_refunded'", 1).await;
    let body = api_pledge(&app, pledge["token"].as_str().unwrap()).await;
    assert_eq!(body["payment"]["paid"], "50.00");
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_twint_is_offered_up_to_its_limit_and_a_revoked_mandate_asks_for_another_way() {
    let (app, standin) = spawn_card_app("on-success").await;
    let (status, body) =
        app.pledge(json!({"amount": "5000.05", "name": "Anne", "email": "anne@example.ch", "method": "twint"})).await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("CHF 5"), "{body}");
    let (status, body) =
        app.pledge(json!({"amount": "60", "name": "Anne", "email": "anne@example.ch", "method": "paypal"})).await;
    assert_eq!(status, 422, "{body}");

    let (_, pledge) =
        app.pledge(json!({"amount": "60", "name": "Anne", "email": "anne@example.ch", "method": "twint"})).await;
    let back = standin
        .complete_checkout(&session_of(pledge["payment"]["checkout_url"].as_str().unwrap()), Behaviour::Succeeds)
        .await
        .unwrap();
    come_back(&app, &back).await;
    let token = pledge["token"].as_str().unwrap();
    let row = app.query(&format!("SELECT stripe_mandate, method_state FROM pledges WHERE token = '{token}'")).await;
    assert_eq!(row[0]["method_state"], "saved");
    let mandate = row[0]["stripe_mandate"].as_str().expect("TWINT saved with its mandate").to_owned();
    // A late word that the mandate was pending removes nothing.
    let pending = json!({
        "id": "evt_mandate_pending", "object": "event", "type": "mandate.updated",
        "data": {"object": {"id": mandate, "object": "mandate", "status": "pending", "payment_method": null}},
    })
    .to_string();
    let signed = standin.sign(&pending, chrono::Utc::now().timestamp());
    assert_eq!(standin.send_raw(&pending, &signed).await, 200);
    app.wait_for("SELECT COUNT(*) AS n FROM stripe_events WHERE id = 'evt_mandate_pending'", 1).await;
    let row = app.query(&format!("SELECT method_state FROM pledges WHERE token = '{token}'")).await;
    assert_eq!(row[0]["method_state"], "saved", "a pending mandate is no revoked one");
    standin.revoke_mandate(&mandate).await;
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE method_state = 'removed'", 1).await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'payment_method_lost'", 1).await;
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Enregistrer mon compte TWINT"), "{page}");
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_a_backer_who_leaves_checkout_keeps_the_pledge_and_may_switch_to_a_qr_bill() {
    let (app, standin) = spawn_card_app("on-success").await;
    let checkout = pledge_by_form(&app, "1200", "anne@example.ch", "card").await;
    let session = standin.sessions().into_iter().find(|s| checkout.ends_with(s["id"].as_str().unwrap())).unwrap();
    let page = come_back(&app, session["cancel_url"].as_str().unwrap()).await;
    let text = app.get(&page).await.text().await.unwrap();
    assert!(text.contains("Votre promesse est conservée."), "{text}");
    assert!(text.contains("Votre carte n&#x27;est pas encore enregistrée"), "{text}");
    assert!(text.contains("Enregistrer ma carte") && text.contains("Payer plutôt par facture QR"), "{text}");
    let token = token_of(&app, "anne@example.ch").await;

    let switched = app.post_form(&format!("/pledges/{token}/pay-by-bank"), &[]).await;
    assert_eq!(switched.status().as_u16(), 303);
    let body = api_pledge(&app, &token).await;
    assert_eq!(body["payment"]["method"], "bank");
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_bill'", 1).await;
    assert!(standin.payment_intents().is_empty());
    // A return link from Stripe does not open the pledge once a day has passed.
    app.clock.set(deadline() + Duration::days(2));
    let late = url::Url::parse(session["cancel_url"].as_str().unwrap()).unwrap();
    assert_eq!(app.get(late.path()).await.status().as_u16(), 404);
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_the_team_sees_each_way_to_pay_and_the_failed_charges_and_charges_again_by_hand() {
    use crate::team::{PASSWORD, add_member, log_in};
    let (app, standin) = spawn_card_app("on-success").await;
    let paid = saved_card(&app, &standin, "700", "anne@example.ch", Behaviour::Succeeds).await;
    let declined = saved_card(&app, &standin, "400", "bruno@example.ch", Behaviour::Declined).await;
    let (_, _) =
        app.pledge(json!({"amount": "100", "name": "Chloé", "email": "chloe@example.ch", "method": "bank"})).await;
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'errored'", 1).await;
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'paid'", 1).await;

    add_member(&app, "tresor@example.ch").await;
    assert_eq!(log_in(&app, "tresor@example.ch", PASSWORD).await.status().as_u16(), 303);
    let page = app.get("/team/payments").await.text().await.unwrap();
    assert!(page.contains("Cartes et TWINT"), "{page}");
    let row = page.split("<tr><td>Carte</td>").nth(1).expect("a row for cards").split("</tr>").next().unwrap();
    assert!(row.contains("<td>2</td>") && row.contains("1’100.00") && row.contains("700.00"), "{row}");
    let errored = page.split("id=\"errored-").nth(1).expect("the errored pledge is listed");
    assert!(errored.contains("carte refusée") && errored.contains("bruno@example.ch"), "{errored}");

    // The backer says the card works again: the team charges it now.
    let method = app.query(&format!("SELECT id, stripe_method FROM pledges WHERE token = '{declined}'")).await;
    standin.set_behaviour(method[0]["stripe_method"].as_str().unwrap(), Behaviour::Succeeds);
    let id = method[0]["id"].as_i64().unwrap();
    let retried = app.post_form(&format!("/team/payments/charges/{id}/retry"), &[]).await;
    assert_eq!(retried.status().as_u16(), 303);
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'paid'", 2).await;
    assert_eq!(api_pledge(&app, &declined).await["payment"]["state"], "paid");
    let again = app.post_form(&format!("/team/payments/charges/{id}/retry"), &[]).await;
    assert_eq!(again.status().as_u16(), 303, "refused with a message, not an error");

    // A dispute takes the money back: recorded once as a reversal.
    let paid_id = app.query(&format!("SELECT id FROM pledges WHERE token = '{paid}'")).await[0]["id"].to_string();
    let intent = standin
        .payment_intents()
        .into_iter()
        .find(|i| i["status"] == "succeeded" && i["metadata"]["bobine_pledge"] == paid_id.as_str())
        .unwrap();
    let charge = match &intent["latest_charge"] {
        Value::String(id) => id.clone(),
        object => object["id"].as_str().unwrap().to_owned(),
    };
    // It opens first: the team sees it at once, and no money moves before the bank takes it.
    standin.hold_webhooks(true);
    standin.dispute(&charge).await;
    let held = standin.held_events();
    let opened = held.iter().find(|e| e["type"] == "charge.dispute.created").unwrap()["id"].as_str().unwrap();
    standin.deliver(&[opened]).await;
    let dispute_row = |page: &str| {
        let row = page.split("id=\"dispute-").nth(1).expect("the dispute is listed");
        row.split("</tr>").next().unwrap().to_owned()
    };
    let row = dispute_row(&app.get("/team/payments").await.text().await.unwrap());
    assert!(row.contains("anne@example.ch") && row.contains("700.00"), "{row}");
    assert!(row.contains("titulaire dit ne pas") && row.contains("pas encore repris"), "{row}");
    assert_eq!(app.query("SELECT id FROM payments WHERE kind = 'reversal'").await.len(), 0);
    standin.hold_webhooks(false);
    app.wait_for("SELECT COUNT(*) AS n FROM payments WHERE kind = 'reversal'", 1).await;
    assert_eq!(api_pledge(&app, &paid).await["payment"]["paid"], "0.00");
    let page = app.get("/team/payments").await.text().await.unwrap();
    assert!(dispute_row(&page).contains("repris par la banque"), "{page}");
    assert_eq!(page.matches("id=\"dispute-").count(), 1, "one dispute, however often told");
    assert_consistent(&app, &standin).await;
}

#[test]
fn cards_offered_without_stripe_s_keys_stop_the_start_with_a_clear_message() {
    let file = crate::helpers::fixture_with(
        &crate::helpers::payments_section("on-success")
            .replace("due_days = 14", "due_days = 14\nmethods = [\"card\", \"twint\", \"bank\"]"),
    );
    let data = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_bobine"))
        .env("BOBINE_CAMPAIGN", file.path())
        .env("BOBINE_DATA_DIR", data.path())
        .env("ROCKET_PORT", "0")
        .env_remove("DATABASE_URL")
        .env_remove("BOBINE_STRIPE_SECRET_KEY")
        .env_remove("BOBINE_STRIPE_WEBHOOK_SECRET")
        .output()
        .unwrap();
    assert!(!output.status.success(), "{output:?}");
    let said = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(
        said.contains("BOBINE_STRIPE_SECRET_KEY: campaign.toml offers card and twint under [payments] methods"),
        "{said}"
    );
}

#[tokio::test]
async fn cards_a_payment_in_checkout_confirms_a_pledge_waiting_for_its_email_link() {
    let mail = bobine::config::MailSettings {
        pledge_confirmation: Some(bobine::config::Confirmation::ByEmail),
        ..Default::default()
    };
    let (app, standin) = crate::helpers::spawn_card_app_mailing("at-pledge", mail).await;
    let (_, pledge) =
        app.pledge(json!({"amount": "80", "name": "Anne", "email": "anne@example.ch", "method": "card"})).await;
    assert_eq!(pledge["state"], "unconfirmed");
    let back = standin
        .complete_checkout(&session_of(pledge["payment"]["checkout_url"].as_str().unwrap()), Behaviour::Succeeds)
        .await
        .unwrap();
    come_back(&app, &back).await;
    let body = api_pledge(&app, pledge["token"].as_str().unwrap()).await;
    assert_eq!((body["state"].as_str(), body["payment"]["state"].as_str()), (Some("active"), Some("paid")));
    assert_eq!(app.campaign().await["pledged"], "80.00", "money paid counts");
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_nothing_charges_again_while_a_charge_waits_for_its_answer() {
    use sea_orm::ConnectionTrait;
    let (app, standin) = spawn_card_app("on-success").await;
    let token = saved_card(&app, &standin, "1200", "anne@example.ch", Behaviour::Declined).await;
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'errored'", 1).await;
    let id = app.query(&format!("SELECT id FROM pledges WHERE token = '{token}'")).await[0]["id"].as_i64().unwrap();
    // A charge sent and not answered yet (as after a timeout), written the way the job writes it.
    app.db
        .write
        .execute_unprepared(&format!(
            "INSERT INTO stripe_operations (campaign_id, pledge_id, kind, attempt, idempotency_key, amount_cents, \
             request, state, created_at_ms) VALUES ({}, {id}, 'charge', 9, 'held-open', 120000, '[]', 'sending', {})",
            app.campaign_id,
            app.clock.now().timestamp_millis()
        ))
        .await
        .unwrap();
    let switched = app.post_form(&format!("/pledges/{token}/pay-by-bank"), &[]).await;
    assert_eq!(switched.status().as_u16(), 303);
    assert_eq!(api_pledge(&app, &token).await["payment"]["method"], "card", "no switch while a charge is out");
    let pay = app.post_form(&format!("/pledges/{token}/checkout"), &[]).await;
    assert!(!pay.headers()["location"].to_str().unwrap().starts_with(&standin.url()), "no second payment meanwhile");
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Un débit de cette promesse est en cours"), "{page}");
}

#[tokio::test]
async fn cards_the_stripe_client_tries_again_later_and_later_under_the_same_key() {
    use bobine::services::stripe::objects::PaymentIntent;
    use bobine::services::stripe::{Stripe, StripeError, params};
    let standin = StandIn::start(crate::helpers::STRIPE_KEY, crate::helpers::STRIPE_WEBHOOK_SECRET).await;
    let stripe = Stripe::new(crate::helpers::stripe_settings(&standin)).unwrap();
    let (customer, method) = standin.seed_saved_methods(1).pop().unwrap();
    let charge = params([
        ("customer", customer),
        ("payment_method", method),
        ("amount", "5000".to_owned()),
        ("currency", "chf".to_owned()),
        ("off_session", "true".to_owned()),
        ("confirm", "true".to_owned()),
    ]);
    let tries = |key: &str| -> Vec<_> {
        standin.requests().into_iter().filter(|r| r.idempotency_key.as_deref() == Some(key)).collect()
    };
    let ms = |from: std::time::Instant, to: std::time::Instant| to.duration_since(from).as_millis();

    // Stripe answers 429 four times: tried four times, half a second apart, then one and two
    // seconds, and given up without a last wait; nothing was charged.
    standin.rate_limit_next("/v1/payment_intents", 4);
    let started = std::time::Instant::now();
    let refused = stripe.post::<PaymentIntent>("/v1/payment_intents", &charge, "limited").await;
    assert!(matches!(refused, Err(StripeError::Unavailable(_))), "{refused:?}");
    assert!(started.elapsed() < std::time::Duration::from_millis(5000), "{:?}", started.elapsed());
    let limited = tries("limited");
    assert_eq!(limited.iter().map(|r| r.status).collect::<Vec<_>>(), [Some(429); 4]);
    for (pair, least) in limited.windows(2).zip([500, 1000, 2000]) {
        assert!(ms(pair[0].at, pair[1].at) >= least, "waited {} ms, not {least}", ms(pair[0].at, pair[1].at));
    }
    assert!(standin.payment_intents().is_empty());
    // Later, under the same key: charged.
    let intent: PaymentIntent = stripe.post("/v1/payment_intents", &charge, "limited").await.unwrap();
    assert_eq!(intent.status, "succeeded");

    // The answer is lost (the charge happened, the request timed out): tried again under the
    // same key, refused while Stripe still holds it, then given Stripe's first answer.
    standin.hang_after_acting("/v1/payment_intents", 1, std::time::Duration::from_millis(1200));
    let again: PaymentIntent = stripe.post("/v1/payment_intents", &charge, "lost").await.unwrap();
    let lost = tries("lost");
    assert!(lost.len() >= 2, "{lost:?}");
    assert!(ms(lost[0].at, lost[1].at) >= 1000, "the timeout, then half a second");
    assert_eq!(standin.payment_intents().len(), 2, "one charge per key");
    assert_eq!(standin.payment_intents()[1]["id"].as_str(), Some(again.id.as_str()));
    assert_eq!(standin.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn cards_a_charge_stripe_never_answers_becomes_a_failed_charge_after_a_day() {
    use crate::team::{PASSWORD, add_member, log_in};
    let (app, standin) = spawn_card_app("on-success").await;
    let token = saved_card(&app, &standin, "1200", "anne@example.ch", Behaviour::Succeeds).await;
    // Stripe turns every charge away for now: the charge is left without an answer.
    standin.rate_limit_next("/v1/payment_intents", 1000);
    let close = deadline() + Duration::minutes(1);
    app.clock.set(close);
    app.wait_for("SELECT COUNT(*) AS n FROM stripe_operations WHERE state = 'sending'", 1).await;
    let charges = || standin.requests().into_iter().filter(|r| r.method == "POST" && r.path == "/v1/payment_intents");
    for _ in 0..200 {
        if charges().count() >= 4 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(charges().count(), 4, "the client gave up");
    assert_eq!(api_pledge(&app, &token).await["payment"]["state"], "due");

    // A day later Stripe still has no such charge: the pledge is errored, as after a decline.
    let later = close + Duration::hours(23) + Duration::minutes(5);
    app.clock.set(later);
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'errored'", 1).await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'payment_errored'", 1).await;
    let operation = app.query("SELECT state, error_code FROM stripe_operations").await;
    assert_eq!(
        (operation[0]["state"].as_str(), operation[0]["error_code"].as_str()),
        (Some("failed"), Some("unknown"))
    );
    assert!(emails(&app, "payment_errored", &token).await[0].contains(&format!("/pledges/{token}/pay")));
    add_member(&app, "tresor@example.ch").await;
    log_in(&app, "tresor@example.ch", PASSWORD).await;
    let page = app.get("/team/payments").await.text().await.unwrap();
    let errored = page.split("id=\"errored-").nth(1).expect("listed among the failed charges");
    assert!(errored.contains("anne@example.ch") && errored.contains("jamais répondu"), "{errored}");
    // And the reminders follow.
    app.clock.set(later + Duration::hours(49));
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'payment_errored'", 2).await;
    assert!(standin.payment_intents().is_empty());
    assert_consistent(&app, &standin).await;
}

#[tokio::test]
async fn cards_the_api_description_names_the_way_to_pay_and_its_steps() {
    let (app, _standin) = spawn_card_app("on-success").await;
    let docs: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let schemas = &docs["components"]["schemas"];
    let described = |schema: &str, field: &str| schemas[schema]["properties"][field].is_object();
    assert!(described("PledgeRequest", "method"), "{}", schemas["PledgeRequest"]);
    assert!(described("PledgeCreated", "payment"), "{}", schemas["PledgeCreated"]);
    assert!(described("PaymentStep", "checkout_url"), "{}", schemas["PaymentStep"]);
    assert!(described("PaymentBody", "method"), "{}", schemas["PaymentBody"]);
    let flag = &schemas["PaymentBody"]["properties"]["needs_authentication"];
    assert_eq!(flag["type"], "boolean", "{}", schemas["PaymentBody"]);
    assert!(schemas["PaymentBody"]["required"].as_array().unwrap().contains(&json!("needs_authentication")));
}

#[tokio::test]
async fn cards_a_pledge_paid_by_card_then_by_bill_gets_each_part_back_its_own_way() {
    use crate::team::{PASSWORD, add_member, log_in};
    let (app, standin) = spawn_card_app("at-pledge").await;
    let (_, pledge) =
        app.pledge(json!({"amount": "80", "name": "Anne", "email": "anne@example.ch", "method": "card"})).await;
    let back = standin
        .complete_checkout(&session_of(pledge["payment"]["checkout_url"].as_str().unwrap()), Behaviour::Succeeds)
        .await
        .unwrap();
    come_back(&app, &back).await;
    // Checkout's webhooks are handled before the pledge changes: one arriving after the raise
    // would find money owed on a saved card and charge it, and the switch below would wait.
    standin.wait_for_webhooks().await;
    let token = pledge["token"].as_str().unwrap();
    assert_eq!(api_pledge(&app, token).await["payment"]["state"], "paid");
    // The backer raises the pledge, switches to a QR-bill for the rest, and pays it by hand.
    let changed = app.post_form(&format!("/pledges/{token}"), &[("amount", "120")]).await;
    assert_eq!(changed.status().as_u16(), 303);
    assert_eq!(api_pledge(&app, token).await["payment"]["state"], "partly_paid");
    let switched = app.post_form(&format!("/pledges/{token}/pay-by-bank"), &[]).await;
    assert_eq!(switched.status().as_u16(), 303);
    let row = app.query(&format!("SELECT id, reference, pay_by FROM pledges WHERE token = '{token}'")).await;
    assert_eq!(row[0]["pay_by"], "bank");
    let (id, reference) = (row[0]["id"].as_i64().unwrap(), row[0]["reference"].as_str().unwrap().to_owned());
    add_member(&app, "tresor@example.ch").await;
    log_in(&app, "tresor@example.ch", PASSWORD).await;
    app.post_form("/team/payments/by-hand", &[("pledge", reference.as_str()), ("amount", "40")]).await;
    assert_eq!(api_pledge(&app, token).await["payment"]["paid"], "120.00");

    // The goal is missed: what came by card goes back through Stripe, the rest is the team's to
    // send back by hand, each once.
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM payments WHERE kind = 'refund'", 1).await;
    standin.wait_for_webhooks().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let refunds = standin.refunds();
    assert_eq!(refunds.len(), 1, "{refunds:?}");
    assert_eq!(refunds[0]["amount"], 8000);
    app.wait_for(&format!("SELECT refund_due_cents AS n FROM pledges WHERE id = {id}"), 4000).await;
    log_in(&app, "tresor@example.ch", PASSWORD).await;
    let page = app.get("/team/payments").await.text().await.unwrap();
    let listed = page.split(&format!("refund-{id}")).nth(1).expect("the rest is listed to refund by hand");
    let listed = listed.split("</tr>").next().unwrap();
    assert!(listed.contains("40.00") && !listed.contains("120.00"), "{listed}");
    assert_consistent(&app, &standin).await;
}
