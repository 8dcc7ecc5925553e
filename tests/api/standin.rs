//! The Stripe stand-in itself, through a plain HTTP client: its wire formats, its strictness and
//! its webhooks, so that the payment client's tests can trust what it answers.

use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hmac::{Hmac, KeyInit, Mac};
use rand::Rng;
use rocket::data::{Data, ToByteUnit};
use rocket::fairing::AdHoc;
use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use serde_json::Value;
use sha2::Sha256;
use tokio::sync::oneshot;

use crate::stripe_standin::{API_VERSION, Behaviour, Delivery, StandIn};

const SECRET_KEY: &str = "sk_test_51standin";
const WEBHOOK_SECRET: &str = "whsec_test_secret";

/// The stand-in and a client that speaks to it as bobine should speak to Stripe.
struct Stripe {
    standin: StandIn,
    client: reqwest::Client,
}

impl Stripe {
    async fn start() -> Stripe {
        let standin = StandIn::start(SECRET_KEY, WEBHOOK_SECRET).await;
        Stripe { standin, client: client(SECRET_KEY, None) }
    }

    async fn post(&self, path: &str, key: &str, params: &[(&str, &str)]) -> (u16, Value) {
        let response = self.send_post(&self.client, path, key, params).await.unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }

    async fn send_post(
        &self,
        client: &reqwest::Client,
        path: &str,
        key: &str,
        params: &[(&str, &str)],
    ) -> reqwest::Result<reqwest::Response> {
        client.post(format!("{}{path}", self.standin.url())).header("Idempotency-Key", key).form(params).send().await
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> (u16, Value) {
        // reqwest's `query` needs a feature the project does not enable; this encodes the same.
        let url = url::Url::parse_with_params(&format!("{}{path}", self.standin.url()), query).unwrap();
        let response = self.client.get(url).send().await.unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }

    async fn customer(&self) -> String {
        let params = [("email", "anne@example.ch"), ("name", "Anne"), ("metadata[backer]", "7")];
        let (status, customer) = self.post("/v1/customers", &key(), &params).await;
        assert_eq!(status, 200, "{customer}");
        customer["id"].as_str().unwrap().to_owned()
    }

    /// A Checkout Session in setup mode for a new customer.
    async fn setup_session(&self, kind: &str) -> Value {
        let customer = self.customer().await;
        let params = [
            ("mode", "setup"),
            ("customer", &customer),
            ("currency", "chf"),
            ("payment_method_types[0]", kind),
            ("success_url", "https://campagne.example.ch/pledges/t0k3n/saved?session={CHECKOUT_SESSION_ID}"),
            ("cancel_url", "https://campagne.example.ch/pledges/t0k3n"),
            ("locale", "fr"),
            ("client_reference_id", "pledge-12"),
            ("metadata[pledge_id]", "12"),
            ("setup_intent_data[metadata][pledge_id]", "12"),
        ];
        let (status, session) = self.post("/v1/checkout/sessions", &key(), &params).await;
        assert_eq!(status, 200, "{session}");
        session
    }

    /// A customer and a payment method saved through Checkout that fares as `behaviour`.
    async fn saved_method(&self, kind: &str, behaviour: Behaviour) -> (String, String) {
        let session = self.setup_session(kind).await;
        let id = session["id"].as_str().unwrap();
        self.standin.complete_checkout(id, behaviour).await.unwrap();
        let (_, session) = self.get(&format!("/v1/checkout/sessions/{id}"), &[("expand[]", "setup_intent")]).await;
        let method = session["setup_intent"]["payment_method"].as_str().unwrap().to_owned();
        (session["customer"].as_str().unwrap().to_owned(), method)
    }

    async fn charge(&self, key: &str, customer: &str, method: &str, amount: &str) -> (u16, Value) {
        let params = charge_params(customer, method, amount);
        self.post("/v1/payment_intents", key, &params).await
    }
}

fn charge_params<'a>(customer: &'a str, method: &'a str, amount: &'a str) -> [(&'a str, &'a str); 8] {
    [
        ("customer", customer),
        ("payment_method", method),
        ("amount", amount),
        ("currency", "chf"),
        ("off_session", "true"),
        ("confirm", "true"),
        ("metadata[pledge_id]", "12"),
        ("expand[0]", "latest_charge.balance_transaction"),
    ]
}

fn client(secret_key: &str, timeout: Option<Duration>) -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("Authorization", format!("Bearer {secret_key}").parse().unwrap());
    headers.insert("Stripe-Version", API_VERSION.parse().unwrap());
    let builder = reqwest::Client::builder().default_headers(headers).redirect(reqwest::redirect::Policy::none());
    match timeout {
        Some(timeout) => builder.timeout(timeout),
        None => builder,
    }
    .build()
    .unwrap()
}

/// A fresh idempotency key.
fn key() -> String {
    let random: String = rand::rng().sample_iter(rand::distr::Alphanumeric).take(20).map(char::from).collect();
    format!("test-{random}")
}

fn types(events: &[Value]) -> Vec<&str> {
    events.iter().map(|event| event["type"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn standin_signs_webhooks_with_stripes_test_vector() {
    let stripe = Stripe::start().await;

    let header = stripe.standin.sign(r#"{"id":"evt_1","type":"payment_intent.succeeded"}"#, 1_700_000_000);

    assert_eq!(header, "t=1700000000,v1=22d8dc182f5c588077683bd378368e29765bfe5df2560112b4f28fef120f0e31");
}

#[tokio::test]
async fn standin_refuses_a_wrong_secret_key_in_stripes_envelope() {
    let stripe = Stripe::start().await;
    let url = stripe.standin.url();

    let wrong = client("sk_test_wrong", None);
    let response = wrong.get(format!("{url}/v1/payment_intents/pi_1")).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["type"], "invalid_request_error");
    assert_eq!(body["error"]["code"], "api_key_invalid");
    let response = wrong.post(format!("{url}/v1/customers")).header("Idempotency-Key", key()).form(&[("name", "Anne")]);
    assert_eq!(response.send().await.unwrap().status().as_u16(), 401);
    assert!(stripe.standin.violations().is_empty(), "a wrong key is configuration, not a client bug");

    let anonymous = reqwest::Client::new().get(format!("{url}/v1/payment_intents/pi_1")).send().await.unwrap();
    assert_eq!(anonymous.status().as_u16(), 401);
    assert_eq!(stripe.standin.violations().len(), 2, "no API key and no Stripe-Version");
}

#[tokio::test]
async fn standin_refuses_a_post_without_a_usable_idempotency_key() {
    let stripe = Stripe::start().await;
    let url = format!("{}/v1/customers", stripe.standin.url());

    let response = stripe.client.post(&url).form(&[("name", "Anne")]).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let long = "k".repeat(256);
    let response = stripe.client.post(&url).header("Idempotency-Key", long).form(&[("name", "Anne")]).send().await;
    assert_eq!(response.unwrap().status().as_u16(), 400);
    let json = stripe.client.post(&url).header("Idempotency-Key", key()).body(r#"{"name":"Anne"}"#);
    assert_eq!(json.header("Content-Type", "application/json").send().await.unwrap().status().as_u16(), 400);

    assert_eq!(stripe.standin.violations().len(), 3, "{:?}", stripe.standin.violations());
    assert!(stripe.standin.requests().iter().all(|request| request.status == Some(400)));
}

#[tokio::test]
async fn standin_replays_a_reused_key_without_charging_again() {
    let stripe = Stripe::start().await;
    let (customer, method) = stripe.saved_method("card", Behaviour::Succeeds).await;
    let params = charge_params(&customer, &method, "10000");
    let key = key();

    let first = stripe.send_post(&stripe.client, "/v1/payment_intents", &key, &params).await.unwrap();
    assert_eq!(first.headers().get("Idempotent-Replayed"), None);
    let first = first.text().await.unwrap();
    let again = stripe.send_post(&stripe.client, "/v1/payment_intents", &key, &params).await.unwrap();

    assert_eq!(again.status().as_u16(), 200);
    assert_eq!(again.headers().get("Idempotent-Replayed").unwrap(), "true");
    assert_eq!(again.text().await.unwrap(), first);
    assert_eq!(stripe.standin.payment_intents().len(), 1);
    assert_eq!(types(&stripe.standin.events()).iter().filter(|kind| **kind == "payment_intent.succeeded").count(), 1);
    assert!(stripe.standin.violations().is_empty(), "{:?}", stripe.standin.violations());
}

#[tokio::test]
async fn standin_refuses_a_reused_key_with_other_parameters() {
    let stripe = Stripe::start().await;
    let (customer, method) = stripe.saved_method("card", Behaviour::Succeeds).await;
    let key = key();
    stripe.charge(&key, &customer, &method, "10000").await;

    let (status, body) = stripe.charge(&key, &customer, &method, "12000").await;

    assert_eq!(status, 400);
    assert_eq!(body["error"]["type"], "idempotency_error");
    assert!(body["error"]["message"].as_str().unwrap().starts_with("Keys for idempotent requests"));
    assert_eq!(stripe.standin.payment_intents().len(), 1);
    assert_eq!(stripe.standin.violations().len(), 1);
}

#[tokio::test]
async fn standin_setup_checkout_saves_a_payment_method_for_later() {
    let stripe = Stripe::start().await;
    let session = stripe.setup_session("card").await;
    let id = session["id"].as_str().unwrap();
    assert!(id.starts_with("cs_test_"));
    assert_eq!(session["object"], "checkout.session");
    assert_eq!(session["status"], "open");
    assert_eq!(session["payment_status"], "no_payment_required");
    assert_eq!(session["setup_intent"], Value::Null);
    assert_eq!(session["metadata"]["pledge_id"], "12");
    let page = reqwest::get(session["url"].as_str().unwrap()).await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().await.unwrap().contains(id));

    let success = stripe.standin.complete_checkout(id, Behaviour::Succeeds).await.unwrap();
    assert_eq!(success, format!("https://campagne.example.ch/pledges/t0k3n/saved?session={id}"));

    let (status, session) = stripe.get(&format!("/v1/checkout/sessions/{id}"), &[("expand[]", "setup_intent")]).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["status"], "complete");
    let setup_intent = &session["setup_intent"];
    assert_eq!(setup_intent["object"], "setup_intent");
    assert_eq!(setup_intent["status"], "succeeded");
    assert_eq!(setup_intent["customer"], session["customer"]);
    assert!(setup_intent["payment_method"].as_str().unwrap().starts_with("pm_"));
    assert_eq!(setup_intent["mandate"], Value::Null);
    assert_eq!(setup_intent["metadata"]["pledge_id"], "12");
    assert_eq!(types(&stripe.standin.events()), ["checkout.session.completed", "setup_intent.succeeded"]);

    let twint = stripe.setup_session("twint").await;
    let twint_id = twint["id"].as_str().unwrap();
    stripe.standin.complete_checkout(twint_id, Behaviour::Succeeds).await.unwrap();
    let (_, twint) = stripe.get(&format!("/v1/checkout/sessions/{twint_id}"), &[("expand[0]", "setup_intent")]).await;
    assert!(twint["setup_intent"]["mandate"].as_str().unwrap().starts_with("mandate_"));
    let (status, missing) = stripe.get("/v1/checkout/sessions/cs_test_nothing", &[]).await;
    assert_eq!((status, &missing["error"]["code"]), (404, &Value::from("resource_missing")));
}

#[tokio::test]
async fn standin_checkout_refuses_what_stripe_refuses() {
    let stripe = Stripe::start().await;
    let customer = stripe.customer().await;
    let payment = |amount: &'static str, kind: &'static str, success_url: &'static str| {
        [
            ("mode", "payment"),
            ("customer", customer.as_str()),
            ("payment_method_types[0]", kind),
            ("success_url", success_url),
            ("cancel_url", "https://campagne.example.ch/"),
            ("line_items[0][price_data][currency]", "chf"),
            ("line_items[0][price_data][unit_amount]", amount),
            ("line_items[0][price_data][product_data][name]", "Pledge"),
            ("line_items[0][quantity]", "1"),
        ]
    };
    let with_id = "https://campagne.example.ch/paid?session={CHECKOUT_SESSION_ID}";

    let (status, body) = stripe.post("/v1/checkout/sessions", &key(), &payment("5000", "card", "https://x.ch/")).await;
    assert_eq!((status, &body["error"]["param"]), (400, &Value::from("success_url")));
    let (status, body) = stripe.post("/v1/checkout/sessions", &key(), &payment("500001", "twint", with_id)).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["type"], "invalid_request_error");
    let mut unknown = payment("5000", "card", with_id).to_vec();
    unknown.push(("metadata_pledge", "12"));
    let (status, body) = stripe.post("/v1/checkout/sessions", &key(), &unknown).await;
    assert_eq!((status, &body["error"]["param"]), (400, &Value::from("metadata_pledge")));
    let (status, session) = stripe.post("/v1/checkout/sessions", &key(), &payment("500000", "twint", with_id)).await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(session["amount_total"], 500_000);

    assert_eq!(stripe.standin.violations().len(), 3, "{:?}", stripe.standin.violations());
    assert_eq!(stripe.standin.sessions().len(), 1);
}

#[tokio::test]
async fn standin_expired_checkout_can_no_longer_complete() {
    let stripe = Stripe::start().await;
    let session = stripe.setup_session("card").await;
    let id = session["id"].as_str().unwrap();

    stripe.standin.expire_checkout(id).await;

    assert_eq!(stripe.standin.complete_checkout(id, Behaviour::Succeeds).await, None);
    let (_, session) = stripe.get(&format!("/v1/checkout/sessions/{id}"), &[]).await;
    assert_eq!((&session["status"], &session["url"]), (&Value::from("expired"), &Value::Null));
    let events = stripe.standin.events();
    assert_eq!(types(&events), ["checkout.session.expired"]);
    assert_eq!(events[0]["data"]["object"]["id"], Value::from(id));
    assert_eq!(events[0]["api_version"], API_VERSION);
}

#[tokio::test]
async fn standin_payment_checkout_pays_unless_declined() {
    let stripe = Stripe::start().await;
    let customer = stripe.customer().await;
    let params = [
        ("mode", "payment"),
        ("customer", customer.as_str()),
        ("payment_method_types[0]", "card"),
        ("success_url", "https://campagne.example.ch/paid?session={CHECKOUT_SESSION_ID}"),
        ("cancel_url", "https://campagne.example.ch/"),
        ("line_items[0][price_data][currency]", "chf"),
        ("line_items[0][price_data][unit_amount]", "4500"),
        ("line_items[0][price_data][product_data][name]", "Pledge 12"),
        ("line_items[0][quantity]", "1"),
        ("payment_intent_data[metadata][pledge_id]", "12"),
    ];
    let (_, session) = stripe.post("/v1/checkout/sessions", &key(), &params).await;
    let id = session["id"].as_str().unwrap();
    assert_eq!(session["payment_status"], "unpaid");

    assert_eq!(stripe.standin.complete_checkout(id, Behaviour::Declined).await, None);
    assert_eq!(stripe.standin.sessions()[0]["status"], "open");
    assert!(stripe.standin.complete_checkout(id, Behaviour::AuthenticationRequired).await.is_some());

    let (_, session) = stripe.get(&format!("/v1/checkout/sessions/{id}"), &[("expand[]", "payment_intent")]).await;
    assert_eq!(session["payment_status"], "paid");
    assert_eq!(session["payment_intent"]["status"], "succeeded");
    assert_eq!(session["payment_intent"]["amount_received"], 4500);
    assert_eq!(session["payment_intent"]["metadata"]["pledge_id"], "12");
    assert_eq!(stripe.standin.payment_intents().len(), 1, "the retry in Checkout reuses its PaymentIntent");
    let events = stripe.standin.events();
    assert_eq!(
        types(&events),
        ["payment_intent.payment_failed", "checkout.session.completed", "payment_intent.succeeded"]
    );
}

#[tokio::test]
async fn standin_charges_off_session_as_the_saved_method_behaves() {
    let stripe = Stripe::start().await;
    let (customer, paying) = stripe.saved_method("card", Behaviour::Succeeds).await;

    let (status, intent) = stripe.charge(&key(), &customer, &paying, "10000").await;
    assert_eq!(status, 200, "{intent}");
    assert!(intent["id"].as_str().unwrap().starts_with("pi_"));
    assert_eq!(intent["status"], "succeeded");
    assert_eq!(intent["amount_received"], 10000);
    let charge = &intent["latest_charge"];
    assert!(charge["id"].as_str().unwrap().starts_with("ch_"));
    assert_eq!(charge["balance_transaction"]["fee"], 320, "2.9 % + 30 rappen");
    assert_eq!(charge["balance_transaction"]["net"], 9680);
    let (_, fetched) = stripe.get(&format!("/v1/payment_intents/{}", intent["id"].as_str().unwrap()), &[]).await;
    assert_eq!(fetched["latest_charge"], charge["id"], "unexpanded unless asked");

    stripe.standin.set_behaviour(&paying, Behaviour::Declined);
    let (status, declined) = stripe.charge(&key(), &customer, &paying, "10000").await;
    assert_eq!(status, 402);
    assert_eq!(declined["error"]["type"], "card_error");
    assert_eq!(declined["error"]["code"], "card_declined");
    assert_eq!(declined["error"]["decline_code"], "generic_decline");
    assert_eq!(declined["error"]["payment_intent"]["status"], "requires_payment_method");
    assert_eq!(declined["error"]["payment_intent"]["last_payment_error"]["code"], "card_declined");

    let (customer, strict) = stripe.saved_method("card", Behaviour::AuthenticationRequired).await;
    let (status, authentication) = stripe.charge(&key(), &customer, &strict, "10000").await;
    assert_eq!(status, 402);
    assert_eq!(authentication["error"]["code"], "authentication_required");
    assert_eq!(authentication["error"]["payment_intent"]["status"], "requires_payment_method");

    let (customer, twint) = stripe.saved_method("twint", Behaviour::Succeeds).await;
    let (status, _) = stripe.charge(&key(), &customer, &twint, "500001").await;
    assert_eq!(status, 400, "TWINT stops at CHF 5,000");
    let (status, _) = stripe.charge(&key(), &customer, &paying, "10000").await;
    assert_eq!(status, 400, "another customer's method");

    let statuses: Vec<Value> = stripe.standin.payment_intents().iter().map(|intent| intent["status"].clone()).collect();
    assert_eq!(statuses, ["succeeded", "requires_payment_method", "requires_payment_method"]);
    let events = stripe.standin.events();
    let payments: Vec<&str> = types(&events).into_iter().filter(|kind| kind.starts_with("payment_intent.")).collect();
    assert_eq!(
        payments,
        ["payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.payment_failed"]
    );
    assert_eq!(stripe.standin.violations().len(), 2, "{:?}", stripe.standin.violations());
}

#[tokio::test]
async fn standin_finds_payment_intents_by_metadata() {
    let stripe = Stripe::start().await;
    let (customer, method) = stripe.saved_method("card", Behaviour::Succeeds).await;
    let (_, intent) = stripe.charge(&key(), &customer, &method, "10000").await;

    let (status, found) = stripe.get("/v1/payment_intents/search", &[("query", "metadata['pledge_id']:'12'")]).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["object"], "search_result");
    assert_eq!(found["has_more"], false);
    assert_eq!(found["data"].as_array().unwrap().len(), 1);
    assert_eq!(found["data"][0]["id"], intent["id"]);
    let (_, none) = stripe.get("/v1/payment_intents/search", &[("query", "metadata['pledge_id']:'13'")]).await;
    assert_eq!(none["data"].as_array().unwrap().len(), 0);

    let (status, _) = stripe.get("/v1/payment_intents/search", &[("query", "status:'succeeded'")]).await;
    assert_eq!(status, 400);
    stripe.standin.set_search_lag(Duration::from_secs(60));
    let (_, lagging) = stripe.get("/v1/payment_intents/search", &[("query", "metadata['pledge_id']:'12'")]).await;
    assert_eq!(lagging["data"].as_array().unwrap().len(), 0, "search is eventually consistent");
}

#[tokio::test]
async fn standin_refunds_in_parts_and_announces_charge_refunded() {
    let stripe = Stripe::start().await;
    let (customer, method) = stripe.saved_method("card", Behaviour::Succeeds).await;
    let (_, intent) = stripe.charge(&key(), &customer, &method, "10000").await;
    let intent_id = intent["id"].as_str().unwrap();

    let (status, refund) =
        stripe.post("/v1/refunds", &key(), &[("payment_intent", intent_id), ("amount", "4000")]).await;
    assert_eq!(status, 200, "{refund}");
    assert!(refund["id"].as_str().unwrap().starts_with("re_"));
    assert_eq!(refund["status"], "succeeded");
    assert_eq!(refund["charge"], intent["latest_charge"]["id"]);
    let (status, _) = stripe.post("/v1/refunds", &key(), &[("payment_intent", intent_id), ("amount", "6001")]).await;
    assert_eq!(status, 400, "more than remains");
    let (status, rest) = stripe.post("/v1/refunds", &key(), &[("payment_intent", intent_id)]).await;
    assert_eq!((status, &rest["amount"]), (200, &Value::from(6000)));
    let (status, again) = stripe.post("/v1/refunds", &key(), &[("payment_intent", intent_id)]).await;
    assert_eq!((status, &again["error"]["code"]), (400, &Value::from("charge_already_refunded")));

    let refunded: Vec<Value> = stripe
        .standin
        .events()
        .into_iter()
        .filter(|event| event["type"] == "charge.refunded")
        .map(|event| event["data"]["object"].clone())
        .collect();
    assert_eq!(refunded.len(), 2);
    assert_eq!((&refunded[0]["amount_refunded"], &refunded[0]["refunded"]), (&Value::from(4000), &Value::from(false)));
    assert_eq!((&refunded[1]["amount_refunded"], &refunded[1]["refunded"]), (&Value::from(10000), &Value::from(true)));
    assert_eq!(refunded[1]["payment_intent"], intent["id"]);
    assert_eq!(stripe.standin.refunds().len(), 2);
}

#[tokio::test]
async fn standin_hangs_after_acting_and_keeps_the_key_in_use_meanwhile() {
    let stripe = Stripe::start().await;
    let (customer, method) = stripe.saved_method("card", Behaviour::Succeeds).await;
    let params = charge_params(&customer, &method, "10000");
    let key = key();
    stripe.standin.hang_after_acting("/v1/payment_intents", 1, Duration::from_secs(1));
    let impatient = client(SECRET_KEY, Some(Duration::from_millis(300)));
    let started = Instant::now();

    let timed_out = stripe.send_post(&impatient, "/v1/payment_intents", &key, &params).await.unwrap_err();
    assert!(timed_out.is_timeout(), "{timed_out}");
    assert_eq!(stripe.standin.payment_intents().len(), 1, "the charge happened all the same");

    let (status, in_use) = stripe.post("/v1/payment_intents", &key, &params).await;
    assert_eq!((status, &in_use["error"]["code"]), (409, &Value::from("idempotency_key_in_use")));
    tokio::time::sleep(Duration::from_secs(1).saturating_sub(started.elapsed()) + Duration::from_millis(50)).await;
    let replay = stripe.send_post(&stripe.client, "/v1/payment_intents", &key, &params).await.unwrap();
    assert_eq!(replay.headers().get("Idempotent-Replayed").unwrap(), "true");
    let replay: Value = replay.json().await.unwrap();
    assert_eq!(replay["id"], stripe.standin.payment_intents()[0]["id"]);
    assert_eq!(stripe.standin.payment_intents().len(), 1);
    assert!(stripe.standin.violations().is_empty(), "{:?}", stripe.standin.violations());
}

#[tokio::test]
async fn standin_rate_limits_without_acting() {
    let stripe = Stripe::start().await;
    let (customer, method) = stripe.saved_method("card", Behaviour::Succeeds).await;
    stripe.standin.rate_limit_next("/v1/payment_intents", 1);
    let key = key();

    let (status, limited) = stripe.charge(&key, &customer, &method, "10000").await;
    assert_eq!((status, &limited["error"]["code"]), (429, &Value::from("rate_limit")));
    assert!(stripe.standin.payment_intents().is_empty());
    let (status, _) = stripe.charge(&key, &customer, &method, "10000").await;
    assert_eq!(status, 200, "a refused request saves nothing under its key");
    assert_eq!(stripe.standin.payment_intents().len(), 1);
}

#[tokio::test]
async fn standin_sends_signed_webhooks_in_creation_order() {
    let stripe = Stripe::start().await;
    let receiver = Receiver::start().await;
    stripe.standin.send_webhooks_to(&receiver.url);
    let (customer, method) = stripe.saved_method("card", Behaviour::Succeeds).await;
    stripe.charge(&key(), &customer, &method, "10000").await;
    stripe.standin.wait_for_webhooks().await;

    let kinds = ["checkout.session.completed", "setup_intent.succeeded", "payment_intent.succeeded"];
    assert_eq!(types(&receiver.received()), kinds, "each verified by the receiver");
    assert_eq!(receiver.received(), stripe.standin.events());
    assert!(stripe.standin.deliveries().iter().all(|delivery| delivery.status == Some(200)));

    let body = r#"{"id":"evt_forged","object":"event","type":"payment_intent.succeeded"}"#;
    let now = chrono::Utc::now().timestamp();
    assert_eq!(stripe.standin.send_raw(body, &format!("t={now},v1={}", "0".repeat(64))).await, 400);
    assert_eq!(stripe.standin.send_raw(body, &stripe.standin.sign(body, now - 600)).await, 400, "too old");
    assert_eq!(stripe.standin.send_raw(body, &stripe.standin.sign(body, now)).await, 200);
}

#[tokio::test]
async fn standin_retries_a_refused_webhook() {
    let stripe = Stripe::start().await;
    let receiver = Receiver::start().await;
    receiver.fail_next(1);
    stripe.standin.send_webhooks_to(&receiver.url);

    let session = stripe.setup_session("card").await;
    stripe.standin.complete_checkout(session["id"].as_str().unwrap(), Behaviour::Succeeds).await;

    let first = stripe.standin.events()[0]["id"].as_str().unwrap().to_owned();
    let deliveries = stripe.standin.deliveries();
    assert_eq!(deliveries[0], Delivery { event_id: first.clone(), attempt: 1, status: Some(500) });
    assert_eq!(deliveries[1], Delivery { event_id: first, attempt: 2, status: Some(200) });
    assert_eq!(types(&receiver.received()), ["checkout.session.completed", "setup_intent.succeeded"]);
}

#[tokio::test]
async fn standin_holds_webhooks_and_delivers_them_in_the_order_asked() {
    let stripe = Stripe::start().await;
    let receiver = Receiver::start().await;
    stripe.standin.send_webhooks_to(&receiver.url);
    let (customer, card) = stripe.saved_method("card", Behaviour::Succeeds).await;
    let (_, intent) = stripe.charge(&key(), &customer, &card, "10000").await;
    let (_, twint) = stripe.saved_method("twint", Behaviour::Succeeds).await;
    stripe.standin.wait_for_webhooks().await;
    let before = receiver.received().len();
    let mandate = stripe.standin.events().last().unwrap()["data"]["object"]["mandate"].as_str().unwrap().to_owned();

    stripe.standin.hold_webhooks(true);
    stripe.standin.dispute(intent["latest_charge"]["id"].as_str().unwrap()).await;
    stripe.standin.detach(&card).await;
    stripe.standin.revoke_mandate(&mandate).await;
    let held = stripe.standin.held_events();
    assert_eq!(
        types(&held),
        ["charge.dispute.created", "charge.dispute.funds_withdrawn", "payment_method.detached", "mandate.updated"]
    );
    assert_eq!(receiver.received().len(), before, "nothing sent while held");
    assert_eq!(held[0]["data"]["object"]["reason"], "fraudulent");
    assert_eq!(held[2]["data"]["object"]["customer"], Value::Null);
    assert_eq!(held[3]["data"]["object"]["status"], "inactive");
    assert_eq!(held[3]["data"]["object"]["payment_method"], Value::from(twint.as_str()));

    let ids: Vec<&str> = held.iter().map(|event| event["id"].as_str().unwrap()).collect();
    stripe.standin.deliver(&[ids[3], ids[0]]).await;
    assert_eq!(types(&receiver.received()[before..]), ["mandate.updated", "charge.dispute.created"]);
    assert_eq!(types(&stripe.standin.held_events()), ["charge.dispute.funds_withdrawn", "payment_method.detached"]);
    stripe.standin.hold_webhooks(false);
    stripe.standin.wait_for_webhooks().await;
    assert_eq!(
        types(&receiver.received()[before..]),
        ["mandate.updated", "charge.dispute.created", "charge.dispute.funds_withdrawn", "payment_method.detached"]
    );

    let (status, _) = stripe.charge(&key(), &customer, &card, "10000").await;
    assert_eq!(status, 400, "a detached method cannot be charged");
}

/// A webhook endpoint that checks Stripe's signature by its own means and keeps the events it
/// accepts.
struct Receiver {
    url: String,
    inbox: Inbox,
}

#[derive(Clone, Default)]
struct Inbox {
    events: Arc<Mutex<Vec<Value>>>,
    failures_left: Arc<AtomicUsize>,
}

impl Receiver {
    async fn start() -> Receiver {
        let inbox = Inbox::default();
        let config = rocket::Config {
            port: 0,
            address: std::net::Ipv4Addr::LOCALHOST.into(),
            log_level: rocket::config::LogLevel::Off,
            ..rocket::Config::debug_default()
        };
        let (port_tx, port_rx) = oneshot::channel();
        let rocket = rocket::custom(config).manage(inbox.clone()).mount("/", rocket::routes![receive_webhook]).attach(
            AdHoc::on_liftoff("receiver port", move |rocket| {
                let port = rocket.config().port;
                Box::pin(async move {
                    let _ = port_tx.send(port);
                })
            }),
        );
        tokio::spawn(rocket.launch());
        let port = port_rx.await.unwrap();
        Receiver { url: format!("http://127.0.0.1:{port}/webhooks/stripe"), inbox }
    }

    fn received(&self) -> Vec<Value> {
        self.inbox.events.lock().unwrap().clone()
    }

    fn fail_next(&self, n: usize) {
        self.inbox.failures_left.store(n, Ordering::SeqCst);
    }
}

struct SignatureHeader(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SignatureHeader {
    type Error = Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Infallible> {
        Outcome::Success(SignatureHeader(request.headers().get_one("Stripe-Signature").map(str::to_owned)))
    }
}

#[rocket::post("/webhooks/stripe", data = "<body>")]
async fn receive_webhook(signature: SignatureHeader, body: Data<'_>, inbox: &rocket::State<Inbox>) -> Status {
    let body = body.open(1.mebibytes()).into_bytes().await.unwrap().into_inner();
    if inbox.failures_left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| left.checked_sub(1)).is_ok() {
        return Status::InternalServerError;
    }
    let now = chrono::Utc::now().timestamp();
    if !signature.0.is_some_and(|header| verify(&header, &body, now)) {
        return Status::BadRequest;
    }
    inbox.events.lock().unwrap().push(serde_json::from_slice(&body).unwrap());
    Status::Ok
}

/// Stripe's scheme: some `v1` is the hex HMAC-SHA256 of "<t>.<body>", and `t` is recent.
fn verify(header: &str, body: &[u8], now: i64) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.push(value),
            _ => {}
        }
    }
    let Some(timestamp) = timestamp.filter(|timestamp| (now - timestamp).abs() <= 300) else { return false };
    let mut mac = Hmac::<Sha256>::new_from_slice(WEBHOOK_SECRET.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    signatures.iter().any(|hex| from_hex(hex).is_some_and(|bytes| mac.clone().verify_slice(&bytes).is_ok()))
}

fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    (0..hex.len()).step_by(2).map(|at| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok()).collect()
}
