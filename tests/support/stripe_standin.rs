//! A loopback stand-in of the few Stripe API endpoints bobine uses (customers, Checkout
//! Sessions, PaymentIntents, refunds) and of the webhooks Stripe sends, faithful to Stripe's wire
//! formats and strict where Stripe is strict, so that tests catch a client that misbehaves.
//!
//! It depends on nothing of bobine and on no dev-dependency, so that the benchmark can include
//! this same file and run it as a separate process. It is one file for that reason, longer
//! than our files usually are.
#![allow(dead_code, reason = "each includer uses a part; `expect` would fail in one that uses all")]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::convert::Infallible;
use std::fmt::Write as _;
use std::io::Cursor;
use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use rand::Rng;
use rocket::config::{Config, LogLevel, Shutdown};
use rocket::data::{Data, ToByteUnit};
use rocket::fairing::AdHoc;
use rocket::http::{ContentType, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::{self, Responder, Response};
use serde_json::{Map, Value, json};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use tokio::sync::{mpsc, oneshot};

/// The API version the stand-in speaks, as events carry it.
pub const API_VERSION: &str = "2026-05-27.basil";

/// TWINT takes at most CHF 5,000 per payment.
const TWINT_LIMIT: i64 = 500_000;
/// Stripe's smallest charge in CHF, in rappen.
const MIN_CHARGE: i64 = 50;
/// Stripe's largest amount for CHF (eight digits).
const MAX_AMOUNT: i64 = 99_999_999;
const BODY_LIMIT_MIB: u64 = 1;
const MAX_IDEMPOTENCY_KEY: usize = 255;
const WEBHOOK_ATTEMPTS: u32 = 3;
/// Stripe retries for days; tests cannot wait that long, so the pauses are short.
const WEBHOOK_PAUSE: Duration = Duration::from_millis(100);
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(10);

/// The stand-in, serving on 127.0.0.1; cheap to clone, every clone sees the same state.
#[derive(Clone)]
pub struct StandIn {
    shared: Arc<Shared>,
}

/// How a payment method fares when it is charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// Every charge succeeds.
    Succeeds,
    /// Every charge is declined (`card_declined`, `generic_decline`).
    Declined,
    /// The bank wants 3-D Secure: off-session charges fail with `authentication_required`,
    /// on-session ones (in Checkout) succeed after the challenge.
    AuthenticationRequired,
}

/// One request the stand-in received.
#[derive(Clone, Debug)]
pub struct Logged {
    pub method: String,
    pub path: String,
    pub idempotency_key: Option<String>,
    /// The form body of a POST, the query of a GET, decoded, keys verbatim, in order.
    pub params: Vec<(String, String)>,
    pub at: Instant,
    /// The status answered; `None` while the answer is still pending.
    pub status: Option<u16>,
}

/// One attempt at delivering an event to the webhook target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub event_id: String,
    pub attempt: u32,
    /// The target's status code; `None` when it could not be reached.
    pub status: Option<u16>,
}

impl StandIn {
    /// Starts the stand-in on a free port of 127.0.0.1, answering to `secret_key` and
    /// signing webhooks with `webhook_secret`.
    pub async fn start(secret_key: &str, webhook_secret: &str) -> StandIn {
        StandIn::start_on(0, secret_key, webhook_secret).await
    }

    /// As [`StandIn::start`], on `port` of 127.0.0.1 (0: a free one; [`StandIn::url`] tells
    /// which).
    pub async fn start_on(port: u16, secret_key: &str, webhook_secret: &str) -> StandIn {
        // reqwest needs a process-wide TLS provider; an error only means one is installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(WEBHOOK_TIMEOUT)
            .user_agent("Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            .build()
            .expect("a client without TLS settings always builds once a provider is installed");
        let (outbox, queue) = mpsc::unbounded_channel();
        let standin = StandIn {
            shared: Arc::new(Shared {
                state: Mutex::new(State::new(outbox)),
                secret_key: secret_key.to_owned(),
                webhook_secret: webhook_secret.to_owned(),
                client,
            }),
        };
        tokio::spawn(standin.clone().send_webhooks(queue));
        let port = standin.serve(port).await;
        standin.lock().base_url = format!("http://127.0.0.1:{port}");
        standin
    }

    async fn serve(&self, port: u16) -> u16 {
        let config = Config {
            address: Ipv4Addr::LOCALHOST.into(),
            port,
            log_level: LogLevel::Off,
            cli_colors: false,
            // Several stand-ins may live in one process: none of them owns the signals.
            shutdown: Shutdown {
                ctrlc: false,
                #[cfg(unix)]
                signals: HashSet::new(),
                ..Shutdown::default()
            },
            ..Config::debug_default()
        };
        let (port_tx, port_rx) = oneshot::channel();
        let rocket = rocket::custom(config)
            .manage(self.clone())
            .mount("/", rocket::routes![serve_post, serve_get, control_summary])
            .register("/", rocket::catchers![unrouted])
            .attach(AdHoc::on_liftoff("stand-in port", move |rocket| {
                let port = rocket.config().port;
                Box::pin(async move {
                    let _ = port_tx.send(port);
                })
            }));
        let server = tokio::spawn(rocket.launch());
        match port_rx.await {
            Ok(port) => port,
            Err(_) => match server.await {
                Ok(Err(error)) => panic!("the Stripe stand-in did not start: {error}"),
                _ => panic!("the Stripe stand-in stopped before it listened"),
            },
        }
    }

    /// The base address, "http://127.0.0.1:PORT"; the client appends "/v1/...".
    pub fn url(&self) -> String {
        self.lock().base_url.clone()
    }

    /// Where events go from now on; none are sent before this is called.
    pub fn send_webhooks_to(&self, url: &str) {
        self.lock().webhook_target = Some(url.to_owned());
    }

    /// Pins the stand-in's clock (events' `created`, the `t` of signatures, the window of
    /// `expires_at`) to a unix time, for tests whose application runs on a manual clock;
    /// `None` returns to the wall clock.
    pub fn set_clock(&self, unix: Option<i64>) {
        self.lock().clock = unix;
    }

    /// The backer finishing Checkout in their browser; see the module's tests for the flows.
    /// Setup mode saves a payment method that fares as `behaviour` when charged later.
    /// Payment mode pays unless `behaviour` is `Declined` (3-D Secure happens in Checkout),
    /// which leaves the session open. Returns the success URL with the session's id, or `None`
    /// when nothing completed (declined, or the session is no longer open). Waits until the
    /// events it caused were delivered (or held).
    pub async fn complete_checkout(&self, session_id: &str, behaviour: Behaviour) -> Option<String> {
        let success = self.lock().complete_checkout(session_id, behaviour);
        self.wait_for_webhooks().await;
        success
    }

    /// Expires an open session, as Stripe does after its `expires_at` (no-op otherwise).
    pub async fn expire_checkout(&self, session_id: &str) {
        self.lock().expire_checkout(session_id);
        self.wait_for_webhooks().await;
    }

    /// How a saved payment method fares from now on.
    pub fn set_behaviour(&self, payment_method: &str, behaviour: Behaviour) {
        self.lock().method_mut(payment_method).behaviour = behaviour;
    }

    /// `n` customers, each with a card saved for off-session charges that succeed, as if each
    /// backer had finished Checkout in setup mode long ago (no events: those were delivered
    /// then). Returns `(customer, payment_method)` pairs, in creation order.
    pub fn seed_saved_methods(&self, n: usize) -> Vec<(String, String)> {
        let mut state = self.lock();
        (0..n)
            .map(|i| {
                let customer = Customer {
                    id: new_id("cus_"),
                    email: Some(format!("backer{i}@example.invalid")),
                    name: None,
                    metadata: Metadata::new(),
                    created: state.now(),
                };
                let id = customer.id.clone();
                state.customers.insert(id.clone(), customer);
                let method = state.new_method(Kind::Card, Some(id.clone()), Behaviour::Succeeds);
                (id, method)
            })
            .collect()
    }

    /// What a process other than the one holding the stand-in needs to judge a run: the
    /// requests received (all, and the POSTs to /v1/payment_intents), the unix times in
    /// milliseconds of the first and the last, and the PaymentIntents that succeeded; with
    /// `per`, their count for each value of that metadata key (`{"17": 1, ...}`). Served as
    /// `GET /control/summary?per=KEY`, without Stripe's authentication.
    pub fn summary(&self, per: Option<&str>) -> Value {
        let state = self.lock();
        // Instants are this process's own: told as unix times, which another process reads.
        let (instant, wall) = (Instant::now(), SystemTime::now());
        let unix_ms = |at: Instant| {
            let at = wall.checked_sub(instant.saturating_duration_since(at)).unwrap_or(UNIX_EPOCH);
            at.duration_since(UNIX_EPOCH).map_or(0, |since| since.as_millis() as u64)
        };
        let posts = state.requests.iter().filter(|r| r.method == "POST" && r.path == "/v1/payment_intents").count();
        let searches = state.requests.iter().filter(|r| r.path == "/v1/payment_intents/search").count();
        let succeeded: Vec<&PaymentIntent> = state.intents.values().filter(|intent| intent.succeeded).collect();
        let mut summary = json!({
            "requests": state.requests.len(),
            "payment_intent_posts": posts,
            "payment_intent_searches": searches,
            "payment_intents": state.intents.len(),
            "succeeded": succeeded.len(),
            "first_request_ms": state.requests.first().map(|r| unix_ms(r.at)),
            "last_request_ms": state.requests.last().map(|r| unix_ms(r.at)),
        });
        if let Some(key) = per {
            let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
            for intent in &succeeded {
                if let Some(value) = intent.metadata.get(key) {
                    *counts.entry(value.as_str()).or_default() += 1;
                }
            }
            summary["succeeded_per"] = json!(counts);
        }
        summary
    }

    /// The backer (or their bank) detaching a payment method from its customer.
    pub async fn detach(&self, payment_method: &str) {
        self.lock().detach(payment_method);
        self.wait_for_webhooks().await;
    }

    /// The backer revoking a TWINT mandate in their app: later charges of its method fail.
    pub async fn revoke_mandate(&self, mandate: &str) {
        self.lock().revoke_mandate(mandate);
        self.wait_for_webhooks().await;
    }

    /// The backer's bank disputing a charge.
    pub async fn dispute(&self, charge: &str) {
        self.lock().dispute(charge);
        self.wait_for_webhooks().await;
    }

    /// The team refunding a payment in Stripe's dashboard (all that remains without `amount`):
    /// the refund and its `charge.refunded`, as through the API.
    pub async fn refund_in_dashboard(&self, payment_intent: &str, amount: Option<i64>) {
        let mut params = vec![("payment_intent".to_owned(), payment_intent.to_owned())];
        if let Some(amount) = amount {
            params.push(("amount".to_owned(), amount.to_string()));
        }
        if let Err(refused) = self.lock().create_refund(&Params(params)) {
            panic!("the dashboard refused the refund: {:?}", refused.error);
        }
        self.wait_for_webhooks().await;
    }

    /// The next `n` POSTs to `path` (e.g. "/v1/payment_intents") are carried out, then answered
    /// only after `delay` (a client with a shorter timeout sees a timeout; the effect happened).
    pub fn hang_after_acting(&self, path: &str, n: usize, delay: Duration) {
        self.lock().hangs.insert(path.to_owned(), (n, delay));
    }

    /// The next `n` POSTs to `path` answer 429 rate_limit without acting.
    pub fn rate_limit_next(&self, path: &str, n: usize) {
        self.lock().rate_limits.insert(path.to_owned(), n);
    }

    /// How long a PaymentIntent stays invisible to search (Stripe: "usually under a minute");
    /// zero by default.
    pub fn set_search_lag(&self, lag: Duration) {
        self.lock().search_lag = lag;
    }

    /// While held, events queue instead of being sent; releasing sends those still queued,
    /// in creation order.
    pub fn hold_webhooks(&self, hold: bool) {
        let mut state = self.lock();
        state.holding = hold;
        if !hold {
            for id in std::mem::take(&mut state.held) {
                state.enqueue(Outgoing::Event(id));
            }
        }
    }

    /// The events held back, in creation order.
    pub fn held_events(&self) -> Vec<Value> {
        let state = self.lock();
        state.held.iter().map(|id| state.event(id).clone()).collect()
    }

    /// Sends these held (or past) events, in this order, signed now; returns once they were
    /// delivered (or given up on).
    pub async fn deliver(&self, event_ids: &[&str]) {
        {
            let mut state = self.lock();
            assert!(state.webhook_target.is_some(), "no webhook target: call send_webhooks_to first");
            for id in event_ids {
                state.event(id);
                state.held.retain(|held| held != id);
                state.enqueue(Outgoing::Event((*id).to_owned()));
            }
        }
        self.wait_for_webhooks().await;
    }

    /// Posts `body` with this `Stripe-Signature` to the webhook target, once, in turn with the
    /// events; returns the target's status code (0 when it could not be reached).
    pub async fn send_raw(&self, body: &str, signature_header: &str) -> u16 {
        let (answer, status) = oneshot::channel();
        let raw = Outgoing::Raw { body: body.to_owned(), signature: signature_header.to_owned(), answer };
        self.lock().enqueue(raw);
        status.await.unwrap_or(None).unwrap_or(0)
    }

    /// Returns once every event created so far was delivered, given up on, or held.
    pub async fn wait_for_webhooks(&self) {
        let (done, flushed) = oneshot::channel();
        self.lock().enqueue(Outgoing::Flush(done));
        let _ = flushed.await;
    }

    /// Every event created, in order.
    pub fn events(&self) -> Vec<Value> {
        self.lock().events.clone()
    }

    /// Every attempt at delivering an event, in order.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.lock().deliveries.clone()
    }

    /// The Checkout Sessions created, as their JSON, in order.
    pub fn sessions(&self) -> Vec<Value> {
        let state = self.lock();
        state.session_order.iter().map(|id| state.session_json(&state.sessions[id], &[])).collect()
    }

    /// Every PaymentIntent created (failed ones too), as its JSON, in order.
    pub fn payment_intents(&self) -> Vec<Value> {
        let state = self.lock();
        state.intent_order.iter().map(|id| state.intent_json(id, &[])).collect()
    }

    /// Every refund, as its JSON, in order.
    pub fn refunds(&self) -> Vec<Value> {
        self.lock().refunds.iter().map(Refund::json).collect()
    }

    /// Every request received, in order of arrival.
    pub fn requests(&self) -> Vec<Logged> {
        self.lock().requests.clone()
    }

    /// Every strictness breach seen: a request our client should never send. Tests assert
    /// it is empty. A wrong (but well-formed) secret key is not one: that is configuration.
    pub fn violations(&self) -> Vec<String> {
        self.lock().violations.clone()
    }

    /// The `Stripe-Signature` header value for `body` signed at unix time `timestamp`.
    pub fn sign(&self, body: &str, timestamp: i64) -> String {
        format!("t={timestamp},v1={}", signature(&self.shared.webhook_secret, timestamp, body))
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A test that panicked while holding the lock leaves a state still worth reading.
        self.shared.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Delivers events one at a time, in the order they were queued, so tests can reason
    /// about order.
    async fn send_webhooks(self, mut queue: mpsc::UnboundedReceiver<Outgoing>) {
        while let Some(outgoing) = queue.recv().await {
            match outgoing {
                Outgoing::Event(id) => self.deliver_event(&id).await,
                Outgoing::Raw { body, signature, answer } => {
                    let target = self.lock().webhook_target.clone();
                    let status = match target {
                        Some(target) => self.post_webhook(&target, &body, &signature).await,
                        None => None,
                    };
                    let _ = answer.send(status);
                }
                Outgoing::Flush(done) => {
                    let _ = done.send(());
                }
            }
        }
    }

    async fn deliver_event(&self, event_id: &str) {
        let Some(target) = self.lock().webhook_target.clone() else { return };
        let body = self.lock().event(event_id).to_string();
        for attempt in 1..=WEBHOOK_ATTEMPTS {
            let timestamp = self.lock().now();
            let status = self.post_webhook(&target, &body, &self.sign(&body, timestamp)).await;
            self.lock().deliveries.push(Delivery { event_id: event_id.to_owned(), attempt, status });
            if status.is_some_and(|status| (200..300).contains(&status)) {
                return;
            }
            if attempt < WEBHOOK_ATTEMPTS {
                tokio::time::sleep(WEBHOOK_PAUSE * attempt).await;
            }
        }
    }

    async fn post_webhook(&self, target: &str, body: &str, signature: &str) -> Option<u16> {
        let request = self
            .shared
            .client
            .post(target)
            .header("Content-Type", "application/json")
            .header("Stripe-Signature", signature)
            .body(body.to_owned());
        request.send().await.ok().map(|response| response.status().as_u16())
    }
}

struct Shared {
    state: Mutex<State>,
    secret_key: String,
    webhook_secret: String,
    client: reqwest::Client,
}

enum Outgoing {
    Event(String),
    Raw { body: String, signature: String, answer: oneshot::Sender<Option<u16>> },
    Flush(oneshot::Sender<()>),
}

/// Hex HMAC-SHA256 of "<t>.<body>", Stripe's webhook signature scheme.
fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    mac.finalize().into_bytes().iter().fold(String::with_capacity(64), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}

fn new_id(prefix: &str) -> String {
    let random: String = rand::rng().sample_iter(rand::distr::Alphanumeric).take(24).map(char::from).collect();
    format!("{prefix}{random}")
}

// ----- HTTP -----

/// What the stand-in needs from a request's head.
struct Call {
    method: &'static str,
    path: String,
    query: String,
    authorization: Option<String>,
    stripe_version: Option<String>,
    idempotency_key: Option<String>,
    content_type: Option<String>,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Call {
    type Error = Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Infallible> {
        let header = |name: &str| request.headers().get_one(name).map(str::to_owned);
        Outcome::Success(Call {
            method: request.method().as_str(),
            path: request.uri().path().as_str().to_owned(),
            query: request.uri().query().map(|query| query.as_str().to_owned()).unwrap_or_default(),
            authorization: header("Authorization"),
            stripe_version: header("Stripe-Version"),
            idempotency_key: header("Idempotency-Key"),
            content_type: header("Content-Type"),
        })
    }
}

#[rocket::post("/<_..>", data = "<data>")]
async fn serve_post(call: Call, data: Data<'_>, standin: &rocket::State<StandIn>) -> Reply {
    let body = match data.open(BODY_LIMIT_MIB.mebibytes()).into_bytes().await {
        Ok(body) if body.is_complete() => Some(body.into_inner()),
        _ => None,
    };
    let (reply, ready_at) = standin.lock().serve_post(&call, body, &standin.shared.secret_key);
    if let Some(ready_at) = ready_at {
        tokio::time::sleep_until(ready_at.into()).await;
    }
    reply
}

#[rocket::get("/<_..>")]
async fn serve_get(call: Call, standin: &rocket::State<StandIn>) -> Reply {
    standin.lock().serve_get(&call, &standin.shared.secret_key)
}

/// The control surface for another process (see [`StandIn::summary`]): outside `/v1/`, so
/// that no Stripe client reaches it, and left out of the requests logged.
#[rocket::get("/control/summary?<per>")]
fn control_summary(per: Option<String>, standin: &rocket::State<StandIn>) -> Reply {
    Reply::json(200, &standin.summary(per.as_deref()))
}

#[rocket::catch(default)]
fn unrouted(status: Status, request: &Request<'_>) -> Reply {
    let error = ApiError::unrecognized(request.method().as_str(), request.uri().path().as_str());
    if let Some(standin) = request.rocket().state::<StandIn>() {
        standin.lock().violations.push(error.message());
    }
    Reply { status: status.code, ..error.reply() }
}

/// An answer, kept whole so that an idempotent replay repeats it exactly.
#[derive(Clone, Debug)]
struct Reply {
    status: u16,
    body: String,
    html: bool,
    replayed: bool,
}

impl Reply {
    fn json(status: u16, body: &Value) -> Reply {
        Reply { status, body: body.to_string(), html: false, replayed: false }
    }

    fn html(status: u16, body: String) -> Reply {
        Reply { status, body, html: true, replayed: false }
    }
}

impl<'r> Responder<'r, 'static> for Reply {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let mut response = Response::build();
        response
            .status(Status::new(self.status))
            .header(if self.html { ContentType::HTML } else { ContentType::JSON })
            .raw_header("Request-Id", new_id("req_"))
            .raw_header("Stripe-Version", API_VERSION);
        if self.replayed {
            response.raw_header("Idempotent-Replayed", "true");
        }
        response.sized_body(self.body.len(), Cursor::new(self.body)).ok()
    }
}

/// An error answer in Stripe's envelope. `violation` marks those our client should never
/// cause.
#[derive(Debug)]
struct ApiError {
    status: u16,
    error: Map<String, Value>,
    violation: bool,
}

impl ApiError {
    fn new(status: u16, kind: &str, code: Option<&str>, param: Option<&str>, message: impl Into<String>) -> Self {
        let mut error = Map::new();
        error.insert("type".into(), kind.into());
        if let Some(code) = code {
            error.insert("code".into(), code.into());
        }
        if let Some(param) = param {
            error.insert("param".into(), param.into());
        }
        error.insert("message".into(), message.into().into());
        ApiError { status, error, violation: status == 400 || status == 404 }
    }

    fn invalid(param: &str, message: impl Into<String>) -> Self {
        Self::new(400, "invalid_request_error", None, Some(param), message)
    }

    fn missing_param(param: &str) -> Self {
        Self::new(
            400,
            "invalid_request_error",
            Some("parameter_missing"),
            Some(param),
            format!("Missing required param: {param}."),
        )
    }

    fn no_such(param: &str, kind: &str, id: &str) -> Self {
        Self::new(
            400,
            "invalid_request_error",
            Some("resource_missing"),
            Some(param),
            format!("No such {kind}: '{id}'"),
        )
    }

    fn not_found(kind: &str, id: &str) -> Self {
        Self::new(404, "invalid_request_error", Some("resource_missing"), Some("id"), format!("No such {kind}: '{id}'"))
    }

    fn unrecognized(method: &str, path: &str) -> Self {
        let message = format!("Unrecognized request URL ({method}: {path}).");
        Self::new(404, "invalid_request_error", None, None, message)
    }

    fn unauthorized(message: String, violation: bool) -> Self {
        ApiError { violation, ..Self::new(401, "invalid_request_error", Some("api_key_invalid"), None, message) }
    }

    fn rate_limited() -> Self {
        let message =
            "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.";
        Self::new(429, "invalid_request_error", Some("rate_limit"), None, message)
    }

    fn key_in_use() -> Self {
        let message = "There is currently another in-progress request using this Idempotent Key (that probably \
                       means you submitted twice, and the other request is still going through): please try again later.";
        Self::new(409, "idempotency_error", Some("idempotency_key_in_use"), None, message)
    }

    fn key_reused(key: &str) -> Self {
        let message = format!(
            "Keys for idempotent requests can only be used with the same parameters they were first used with. \
             Try using a key other than '{key}' if you meant to execute a different request."
        );
        ApiError { violation: true, ..Self::new(400, "idempotency_error", None, None, message) }
    }

    /// A payment that failed: HTTP 402, with the PaymentIntent and its payment method.
    fn card(failure: Failure, intent: Value, method: Value, charge: Option<&str>) -> Self {
        let mut error = Self::new(402, "card_error", Some(failure.code), None, failure.message);
        if let Some(decline_code) = failure.decline_code {
            error.error.insert("decline_code".into(), decline_code.into());
        }
        if let Some(charge) = charge {
            error.error.insert("charge".into(), charge.into());
        }
        error.error.insert("payment_intent".into(), intent);
        error.error.insert("payment_method".into(), method);
        error
    }

    fn message(&self) -> String {
        self.error.get("message").and_then(Value::as_str).unwrap_or_default().to_owned()
    }

    fn reply(&self) -> Reply {
        Reply::json(self.status, &json!({ "error": self.error }))
    }
}

// ----- Parameters -----

/// A decoded form body or query; keys verbatim (`metadata[pledge_id]`, `expand[0]`).
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(bytes: &[u8]) -> Params {
        Params(url::form_urlencoded::parse(bytes).into_owned().collect())
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(name, _)| name == key).map(|(_, value)| value.as_str())
    }

    fn required(&self, key: &str) -> Result<&str, ApiError> {
        self.get(key).filter(|value| !value.is_empty()).ok_or_else(|| ApiError::missing_param(key))
    }

    /// Refuses unknown and repeated keys, as Stripe does; `maps` are hashes such as
    /// `metadata`, whose keys are `metadata[..]`.
    fn check(&self, keys: &[&str], maps: &[&str]) -> Result<(), ApiError> {
        let mut seen = HashSet::new();
        for (key, _) in &self.0 {
            if !key.ends_with("[]") && !seen.insert(key.as_str()) {
                return Err(ApiError::invalid(key, format!("Received the parameter {key} more than once.")));
            }
            let known =
                keys.contains(&key.as_str()) || is_expand(key) || maps.iter().any(|map| map_key(key, map).is_some());
            if !known {
                return Err(ApiError::invalid(key, format!("Received unknown parameter: {key}")));
            }
        }
        Ok(())
    }

    /// The hash `map` (e.g. `metadata`), within Stripe's limits: 50 keys of at most 40
    /// characters, values of at most 500; an empty value leaves its key unset.
    fn metadata(&self, map: &str) -> Result<BTreeMap<String, String>, ApiError> {
        let mut metadata = BTreeMap::new();
        for (key, value) in &self.0 {
            let Some(name) = map_key(key, map) else { continue };
            if name.is_empty() || name.contains(['[', ']']) || name.chars().count() > 40 {
                return Err(ApiError::invalid(key, format!("Invalid metadata key: {key}")));
            }
            if value.chars().count() > 500 {
                return Err(ApiError::invalid(key, "Metadata values can have up to 500 characters."));
            }
            if !value.is_empty() {
                metadata.insert(name.to_owned(), value.clone());
            }
        }
        if metadata.len() > 50 {
            return Err(ApiError::invalid(map, "Metadata can have up to 50 keys."));
        }
        Ok(metadata)
    }

    /// The fields to expand (`expand[]=x` or `expand[0]=x`), each among `allowed`.
    fn expand(&self, allowed: &[&str]) -> Result<Vec<String>, ApiError> {
        let mut expand = Vec::new();
        for (key, value) in self.0.iter().filter(|(key, _)| is_expand(key)) {
            if !allowed.contains(&value.as_str()) {
                return Err(ApiError::invalid(key, format!("This property cannot be expanded ({value}).")));
            }
            expand.push(value.clone());
        }
        Ok(expand)
    }

    fn sorted(&self) -> Vec<(String, String)> {
        let mut pairs = self.0.clone();
        pairs.sort();
        pairs
    }
}

fn is_expand(key: &str) -> bool {
    key.strip_prefix("expand[")
        .and_then(|rest| rest.strip_suffix(']'))
        .is_some_and(|index| index.bytes().all(|byte| byte.is_ascii_digit()))
}

/// `name` when `key` is `map[name]`.
fn map_key<'a>(key: &'a str, map: &str) -> Option<&'a str> {
    key.strip_prefix(map)?.strip_prefix('[')?.strip_suffix(']')
}

fn integer(param: &str, raw: &str) -> Result<i64, ApiError> {
    let invalid = || ApiError::invalid(param, format!("Invalid integer: {raw}"));
    if raw.is_empty() || !raw.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(invalid());
    }
    raw.parse().map_err(|_| invalid())
}

/// An amount in rappen that Stripe accepts to charge.
fn charge_amount(param: &str, raw: &str) -> Result<i64, ApiError> {
    let amount = integer(param, raw)?;
    if amount < MIN_CHARGE {
        let message = format!("Amount must be at least {} chf", chf(MIN_CHARGE));
        return Err(ApiError::new(400, "invalid_request_error", Some("amount_too_small"), Some(param), message));
    }
    if amount > MAX_AMOUNT {
        let message = format!("Amount must be no more than {} chf", chf(MAX_AMOUNT));
        return Err(ApiError::new(400, "invalid_request_error", Some("amount_too_large"), Some(param), message));
    }
    Ok(amount)
}

fn chf(rappen: i64) -> String {
    format!("{}.{:02}", rappen / 100, rappen % 100)
}

fn expect_value(params: &Params, key: &str, expected: &str) -> Result<(), ApiError> {
    match params.required(key)? {
        value if value == expected => Ok(()),
        value => Err(ApiError::invalid(key, format!("Invalid {key}: {value}; this account accepts only {expected}."))),
    }
}

fn url_param(params: &Params, key: &str) -> Result<String, ApiError> {
    let raw = params.required(key)?;
    match url::Url::parse(raw) {
        Ok(url) if url.scheme() == "http" || url.scheme() == "https" => Ok(raw.to_owned()),
        _ => Err(ApiError::invalid(key, format!("Not a valid URL: {raw}"))),
    }
}

fn is_form(content_type: Option<&str>) -> bool {
    content_type
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded"))
}

/// `(key, value)` of the one search query supported: `metadata['KEY']:'VALUE'`.
fn metadata_query(query: &str) -> Option<(String, String)> {
    let (key, rest) = query.strip_prefix("metadata['")?.split_once("']:'")?;
    let value = rest.strip_suffix('\'')?;
    let clean = |part: &str| !part.is_empty() && !part.contains(['\'', '"', '\\']);
    (clean(key) && clean(value)).then(|| (key.to_owned(), value.to_owned()))
}

// ----- Objects -----

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Card,
    Twint,
}

impl Kind {
    fn parse(raw: &str) -> Option<Kind> {
        match raw {
            "card" => Some(Kind::Card),
            "twint" => Some(Kind::Twint),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Kind::Card => "card",
            Kind::Twint => "twint",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Setup,
    Payment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SessionStatus {
    Open,
    Complete,
    Expired,
}

impl SessionStatus {
    fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Open => "open",
            SessionStatus::Complete => "complete",
            SessionStatus::Expired => "expired",
        }
    }
}

/// Why a payment failed, as Stripe words it.
#[derive(Clone, Copy, Debug)]
struct Failure {
    code: &'static str,
    decline_code: Option<&'static str>,
    message: &'static str,
    /// Whether the attempt reached the network, leaving a failed charge.
    charged: bool,
}

const DECLINED: Failure = Failure {
    code: "card_declined",
    decline_code: Some("generic_decline"),
    message: "Your card was declined.",
    charged: true,
};
const AUTHENTICATION: Failure = Failure {
    code: "authentication_required",
    decline_code: Some("authentication_required"),
    message: "Your card was declined. This transaction requires authentication.",
    charged: true,
};
const MANDATE_INACTIVE: Failure = Failure {
    code: "payment_intent_payment_attempt_failed",
    decline_code: None,
    message: "The mandate of this payment method is no longer active.",
    charged: false,
};

type Metadata = BTreeMap<String, String>;

struct Customer {
    id: String,
    email: Option<String>,
    name: Option<String>,
    metadata: Metadata,
    created: i64,
}

impl Customer {
    fn json(&self) -> Value {
        json!({
            "id": self.id, "object": "customer", "email": self.email, "name": self.name,
            "metadata": self.metadata, "created": self.created, "livemode": false,
        })
    }
}

struct Session {
    id: String,
    created: i64,
    expires_at: i64,
    mode: Mode,
    kind: Kind,
    customer: String,
    status: SessionStatus,
    success_url: String,
    cancel_url: String,
    metadata: Metadata,
    client_reference_id: Option<String>,
    locale: Option<String>,
    amount_total: Option<i64>,
    setup_intent_metadata: Metadata,
    payment_intent_metadata: Metadata,
    /// Payment mode with `setup_future_usage`: the method is saved to the customer.
    saves_method: bool,
    setup_intent: Option<String>,
    payment_intent: Option<String>,
}

struct SetupIntent {
    id: String,
    created: i64,
    customer: String,
    payment_method: String,
    mandate: Option<String>,
    metadata: Metadata,
}

impl SetupIntent {
    fn json(&self) -> Value {
        json!({
            "id": self.id, "object": "setup_intent", "status": "succeeded", "usage": "off_session",
            "customer": self.customer, "payment_method": self.payment_method, "mandate": self.mandate,
            "metadata": self.metadata, "created": self.created, "livemode": false,
        })
    }
}

struct PaymentMethod {
    id: String,
    created: i64,
    kind: Kind,
    customer: Option<String>,
    behaviour: Behaviour,
    last4: &'static str,
    mandate: Option<String>,
}

impl PaymentMethod {
    fn json(&self) -> Value {
        let mut method = json!({
            "id": self.id, "object": "payment_method", "type": self.kind.as_str(),
            "customer": self.customer, "created": self.created, "livemode": false,
        });
        method[self.kind.as_str()] = match self.kind {
            Kind::Card => json!({ "brand": "visa", "last4": self.last4, "exp_month": 12, "exp_year": 2034 }),
            Kind::Twint => json!({}),
        };
        method
    }
}

struct Mandate {
    id: String,
    payment_method: String,
    active: bool,
}

impl Mandate {
    fn json(&self) -> Value {
        let status = if self.active { "active" } else { "inactive" };
        json!({
            "id": self.id, "object": "mandate", "status": status, "type": "multi_use",
            "payment_method": self.payment_method, "livemode": false,
        })
    }
}

struct PaymentIntent {
    id: String,
    created: i64,
    /// When it becomes visible to search.
    searchable_at: Instant,
    amount: i64,
    customer: String,
    payment_method: Option<String>,
    metadata: Metadata,
    succeeded: bool,
    latest_charge: Option<String>,
    failure: Option<Failure>,
}

struct Charge {
    id: String,
    created: i64,
    amount: i64,
    customer: String,
    payment_intent: String,
    payment_method: Option<String>,
    failure: Option<Failure>,
    balance_transaction: Option<String>,
    amount_refunded: i64,
    disputed: bool,
}

impl Charge {
    /// Stripe's fee for a Swiss card: 2.9 % + 30 rappen, rounded.
    fn fee(&self) -> i64 {
        (self.amount * 29 + 500) / 1000 + 30
    }

    fn json(&self, expand_balance_transaction: bool) -> Value {
        let balance_transaction = match &self.balance_transaction {
            Some(id) if expand_balance_transaction => json!({
                "id": id, "object": "balance_transaction", "type": "charge", "source": self.id,
                "amount": self.amount, "fee": self.fee(), "net": self.amount - self.fee(), "currency": "chf",
            }),
            other => json!(other),
        };
        let paid = self.failure.is_none();
        json!({
            "id": self.id, "object": "charge", "amount": self.amount,
            "amount_captured": if paid { self.amount } else { 0 },
            "amount_refunded": self.amount_refunded, "refunded": paid && self.amount_refunded == self.amount,
            "paid": paid, "captured": paid, "status": if paid { "succeeded" } else { "failed" },
            "failure_code": self.failure.map(|failure| failure.code),
            "failure_message": self.failure.map(|failure| failure.message),
            "currency": "chf", "customer": self.customer, "payment_intent": self.payment_intent,
            "payment_method": self.payment_method, "balance_transaction": balance_transaction,
            "disputed": self.disputed, "created": self.created, "livemode": false,
        })
    }
}

struct Refund {
    id: String,
    created: i64,
    amount: i64,
    payment_intent: String,
    charge: String,
    reason: Option<String>,
    metadata: Metadata,
}

impl Refund {
    fn json(&self) -> Value {
        json!({
            "id": self.id, "object": "refund", "status": "succeeded", "amount": self.amount, "currency": "chf",
            "payment_intent": self.payment_intent, "charge": self.charge, "reason": self.reason,
            "metadata": self.metadata, "created": self.created,
        })
    }
}

/// An answer saved under its idempotency key.
struct Saved {
    path: String,
    params: Vec<(String, String)>,
    reply: Reply,
    /// Until then the request counts as in progress (it hangs).
    ready_at: Instant,
}

const INTENT_EXPANSIONS: &[&str] = &["latest_charge", "latest_charge.balance_transaction", "payment_method"];
const SESSION_EXPANSIONS: &[&str] = &["setup_intent", "payment_intent"];

// ----- State -----

struct State {
    base_url: String,
    clock: Option<i64>,
    outbox: mpsc::UnboundedSender<Outgoing>,
    webhook_target: Option<String>,
    holding: bool,
    held: Vec<String>,
    customers: HashMap<String, Customer>,
    sessions: HashMap<String, Session>,
    session_order: Vec<String>,
    setup_intents: HashMap<String, SetupIntent>,
    methods: HashMap<String, PaymentMethod>,
    mandates: HashMap<String, Mandate>,
    intents: HashMap<String, PaymentIntent>,
    intent_order: Vec<String>,
    intents_by_metadata: HashMap<(String, String), Vec<String>>,
    charges: HashMap<String, Charge>,
    refunds: Vec<Refund>,
    events: Vec<Value>,
    event_index: HashMap<String, usize>,
    saved: HashMap<String, Saved>,
    hangs: HashMap<String, (usize, Duration)>,
    rate_limits: HashMap<String, usize>,
    search_lag: Duration,
    /// The idempotency key of the request being carried out, for its events' `request`.
    acting_for: Option<String>,
    requests: Vec<Logged>,
    violations: Vec<String>,
    deliveries: Vec<Delivery>,
}

impl State {
    fn new(outbox: mpsc::UnboundedSender<Outgoing>) -> State {
        State {
            base_url: String::new(),
            clock: None,
            outbox,
            webhook_target: None,
            holding: false,
            held: Vec::new(),
            customers: HashMap::new(),
            sessions: HashMap::new(),
            session_order: Vec::new(),
            setup_intents: HashMap::new(),
            methods: HashMap::new(),
            mandates: HashMap::new(),
            intents: HashMap::new(),
            intent_order: Vec::new(),
            intents_by_metadata: HashMap::new(),
            charges: HashMap::new(),
            refunds: Vec::new(),
            events: Vec::new(),
            event_index: HashMap::new(),
            saved: HashMap::new(),
            hangs: HashMap::new(),
            rate_limits: HashMap::new(),
            search_lag: Duration::ZERO,
            acting_for: None,
            requests: Vec::new(),
            violations: Vec::new(),
            deliveries: Vec::new(),
        }
    }

    fn now(&self) -> i64 {
        self.clock.unwrap_or_else(|| chrono::Utc::now().timestamp())
    }

    fn log(&mut self, call: &Call, params: &Params) -> usize {
        self.requests.push(Logged {
            method: call.method.to_owned(),
            path: call.path.clone(),
            idempotency_key: call.idempotency_key.clone(),
            params: params.0.clone(),
            at: Instant::now(),
            status: None,
        });
        self.requests.len() - 1
    }

    fn refuse(&mut self, call: &Call, error: &ApiError) -> Reply {
        if error.violation {
            self.violations.push(format!("{} {}: {}", call.method, call.path, error.message()));
        }
        error.reply()
    }

    /// Answers a POST; the instant returned is when to send the answer, for a hanging one.
    fn serve_post(&mut self, call: &Call, body: Option<Vec<u8>>, secret_key: &str) -> (Reply, Option<Instant>) {
        let params = Params::parse(body.as_deref().unwrap_or_default());
        let index = self.log(call, &params);
        let (reply, ready_at) = match self.carry_out(call, body.is_some(), &params, secret_key) {
            Ok(answer) => answer,
            Err(error) => (self.refuse(call, &error), None),
        };
        self.requests[index].status = Some(reply.status);
        (reply, ready_at)
    }

    fn carry_out(
        &mut self,
        call: &Call,
        complete: bool,
        params: &Params,
        secret_key: &str,
    ) -> Result<(Reply, Option<Instant>), ApiError> {
        self.authorize(call, secret_key)?;
        if !is_form(call.content_type.as_deref()) {
            let message = "Content-Type must be application/x-www-form-urlencoded.";
            return Err(ApiError::new(400, "invalid_request_error", None, None, message));
        }
        if !complete {
            return Err(ApiError::new(400, "invalid_request_error", None, None, "The request body is over 1 MiB."));
        }
        let key = match call.idempotency_key.as_deref() {
            Some(key) if (1..=MAX_IDEMPOTENCY_KEY).contains(&key.chars().count()) => key.to_owned(),
            Some(key) if !key.is_empty() => {
                let message =
                    format!("Idempotency-Key is {} characters; at most 255 are allowed.", key.chars().count());
                return Err(ApiError::new(400, "invalid_request_error", None, None, message));
            }
            _ => {
                let message = "Every POST must carry an Idempotency-Key header.";
                return Err(ApiError::new(400, "invalid_request_error", None, None, message));
            }
        };
        if let Some(left) = self.rate_limits.get_mut(&call.path).filter(|left| **left > 0) {
            *left -= 1;
            return Err(ApiError::rate_limited());
        }
        let now = Instant::now();
        let fingerprint = params.sorted();
        if let Some(saved) = self.saved.get(&key) {
            if now < saved.ready_at {
                return Err(ApiError::key_in_use());
            }
            if saved.path != call.path || saved.params != fingerprint {
                return Err(ApiError::key_reused(&key));
            }
            return Ok((Reply { replayed: true, ..saved.reply.clone() }, None));
        }
        self.acting_for = Some(key.clone());
        let result = self.act(&call.path, params);
        self.acting_for = None;
        // Stripe saves an answer only once the endpoint started executing: a payment that
        // failed is saved, a request refused on its parameters is not.
        let reply = match result {
            Ok(object) => Reply::json(200, &object),
            Err(error) if error.status == 402 => error.reply(),
            Err(error) => return Err(error),
        };
        let delay = self.take_hang(&call.path);
        let ready_at = now + delay;
        let saved = Saved { path: call.path.clone(), params: fingerprint, reply: reply.clone(), ready_at };
        self.saved.insert(key, saved);
        Ok((reply, (!delay.is_zero()).then_some(ready_at)))
    }

    fn take_hang(&mut self, path: &str) -> Duration {
        match self.hangs.get_mut(path) {
            Some((left, delay)) if *left > 0 => {
                *left -= 1;
                *delay
            }
            _ => Duration::ZERO,
        }
    }

    fn authorize(&mut self, call: &Call, secret_key: &str) -> Result<(), ApiError> {
        if call.stripe_version.is_none() {
            self.violations.push(format!("{} {}: no Stripe-Version header", call.method, call.path));
        }
        let Some(given) = call.authorization.as_deref().and_then(|header| header.strip_prefix("Bearer ")) else {
            let message = "You did not provide an API key. Provide it in the Authorization header, using \
                           Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";
            return Err(ApiError::unauthorized(message.to_owned(), true));
        };
        if bool::from(given.as_bytes().ct_eq(secret_key.as_bytes())) {
            return Ok(());
        }
        let shown: String = given.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
        Err(ApiError::unauthorized(format!("Invalid API Key provided: ********{shown}"), false))
    }

    fn act(&mut self, path: &str, params: &Params) -> Result<Value, ApiError> {
        match path {
            "/v1/customers" => self.create_customer(params),
            "/v1/checkout/sessions" => self.create_session(params),
            "/v1/payment_intents" => self.create_payment_intent(params),
            "/v1/refunds" => self.create_refund(params),
            _ => Err(ApiError::unrecognized("POST", path)),
        }
    }

    fn serve_get(&mut self, call: &Call, secret_key: &str) -> Reply {
        let params = Params::parse(call.query.as_bytes());
        let index = self.log(call, &params);
        let reply = match call.path.strip_prefix("/checkout/") {
            Some(id) => self.checkout_page(id),
            None => match self.authorize(call, secret_key).and_then(|()| self.read(&call.path, &params)) {
                Ok(object) => Reply::json(200, &object),
                Err(error) => self.refuse(call, &error),
            },
        };
        self.requests[index].status = Some(reply.status);
        reply
    }

    fn read(&self, path: &str, params: &Params) -> Result<Value, ApiError> {
        if let Some(id) = path.strip_prefix("/v1/checkout/sessions/") {
            params.check(&[], &[])?;
            let expand = params.expand(SESSION_EXPANSIONS)?;
            let session = self.sessions.get(id).ok_or_else(|| ApiError::not_found("checkout.session", id))?;
            return Ok(self.session_json(session, &expand));
        }
        if path == "/v1/payment_intents/search" {
            return self.search_payment_intents(params);
        }
        if let Some(id) = path.strip_prefix("/v1/payment_intents/") {
            params.check(&[], &[])?;
            let expand = params.expand(INTENT_EXPANSIONS)?;
            if !self.intents.contains_key(id) {
                return Err(ApiError::not_found("payment_intent", id));
            }
            return Ok(self.intent_json(id, &expand));
        }
        Err(ApiError::unrecognized("GET", path))
    }

    /// The page a browser sees at a session's `url`.
    fn checkout_page(&self, id: &str) -> Reply {
        let Some(session) = self.sessions.get(id) else {
            return Reply::html(404, "<!doctype html><title>Not found</title><p>No such Checkout Session.</p>".into());
        };
        let amount = session.amount_total.map(|amount| format!(", CHF {}", chf(amount))).unwrap_or_default();
        Reply::html(
            200,
            format!(
                "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Checkout</title>\
                 <h1>Checkout (Stripe stand-in)</h1><p>Session <code>{}</code>: {} by {}{}, {}.</p></html>",
                session.id,
                if session.mode == Mode::Setup { "setup" } else { "payment" },
                session.kind.as_str(),
                amount,
                session.status.as_str(),
            ),
        )
    }

    // ----- Endpoints -----

    fn create_customer(&mut self, params: &Params) -> Result<Value, ApiError> {
        params.check(&["email", "name", "description", "preferred_locales[0]"], &["metadata"])?;
        params.expand(&[])?;
        let metadata = params.metadata("metadata")?;
        let email = params.get("email").map(str::to_owned);
        if email.as_deref().is_some_and(|email| email.len() > 512 || !email.contains('@')) {
            return Err(ApiError::invalid("email", "Invalid email address."));
        }
        let customer = Customer {
            id: new_id("cus_"),
            email,
            name: params.get("name").map(str::to_owned),
            metadata,
            created: self.now(),
        };
        let answer = customer.json();
        self.customers.insert(customer.id.clone(), customer);
        Ok(answer)
    }

    fn create_session(&mut self, params: &Params) -> Result<Value, ApiError> {
        const LINE: &str = "line_items[0]";
        params.check(
            &[
                "mode",
                "customer",
                "success_url",
                "cancel_url",
                "payment_method_types[0]",
                "currency",
                "client_reference_id",
                "locale",
                "expires_at",
                "payment_intent_data[setup_future_usage]",
                "line_items[0][price_data][currency]",
                "line_items[0][price_data][unit_amount]",
                "line_items[0][price_data][product_data][name]",
                "line_items[0][quantity]",
            ],
            &["metadata", "setup_intent_data[metadata]", "payment_intent_data[metadata]"],
        )?;
        params.expand(&[])?;
        let mode = match params.required("mode")? {
            "setup" => Mode::Setup,
            "payment" => Mode::Payment,
            other => {
                return Err(ApiError::invalid("mode", format!("Invalid mode: {other}; expected setup or payment.")));
            }
        };
        let customer = params.required("customer")?;
        if !self.customers.contains_key(customer) {
            return Err(ApiError::no_such("customer", "customer", customer));
        }
        let success_url = url_param(params, "success_url")?;
        if !success_url.contains("{CHECKOUT_SESSION_ID}") {
            return Err(ApiError::invalid("success_url", "success_url should contain {CHECKOUT_SESSION_ID}."));
        }
        let cancel_url = url_param(params, "cancel_url")?;
        let kind_param = "payment_method_types[0]";
        let kind = params.required(kind_param)?;
        let kind = Kind::parse(kind)
            .ok_or_else(|| ApiError::invalid(kind_param, format!("Invalid payment method: {kind}")))?;
        let locale = params.get("locale").map(str::to_owned);
        if let Some(other) = locale.as_deref().filter(|locale| !["fr", "de", "en", "auto"].contains(locale)) {
            return Err(ApiError::invalid("locale", format!("Invalid locale: {other}")));
        }
        let client_reference_id = params.get("client_reference_id").map(str::to_owned);
        if client_reference_id.as_ref().is_some_and(|id| id.is_empty() || id.chars().count() > 200) {
            return Err(ApiError::invalid("client_reference_id", "client_reference_id must have 1 to 200 characters."));
        }
        let now = self.now();
        let expires_at = match params.get("expires_at") {
            None => now + 86_400,
            Some(raw) => match integer("expires_at", raw)? {
                at if (now + 1_800..=now + 86_400).contains(&at) => at,
                _ => {
                    return Err(ApiError::invalid("expires_at", "expires_at must be 30 minutes to 24 hours from now."));
                }
            },
        };
        let has_line = params.0.iter().any(|(key, _)| key.starts_with(LINE));
        let has_payment_data = params.0.iter().any(|(key, _)| key.starts_with("payment_intent_data"));
        let has_setup_data = params.0.iter().any(|(key, _)| key.starts_with("setup_intent_data"));
        let amount_total = match mode {
            Mode::Setup => {
                expect_value(params, "currency", "chf")?;
                if has_line || has_payment_data {
                    let param = if has_line { LINE } else { "payment_intent_data" };
                    return Err(ApiError::invalid(param, "This parameter is not allowed in setup mode."));
                }
                None
            }
            Mode::Payment => {
                if has_setup_data {
                    return Err(ApiError::invalid(
                        "setup_intent_data",
                        "This parameter is only allowed in setup mode.",
                    ));
                }
                if params.get("currency").is_some() {
                    expect_value(params, "currency", "chf")?;
                }
                expect_value(params, "line_items[0][price_data][currency]", "chf")?;
                params.required("line_items[0][price_data][product_data][name]")?;
                expect_value(params, "line_items[0][quantity]", "1")?;
                let amount_param = "line_items[0][price_data][unit_amount]";
                let amount = charge_amount(amount_param, params.required(amount_param)?)?;
                if kind == Kind::Twint && amount > TWINT_LIMIT {
                    return Err(ApiError::invalid(amount_param, "TWINT payments are limited to CHF 5,000.00."));
                }
                Some(amount)
            }
        };
        let future_usage = "payment_intent_data[setup_future_usage]";
        let saves_method = match params.get(future_usage) {
            None => false,
            Some("off_session" | "on_session") => true,
            Some(other) => return Err(ApiError::invalid(future_usage, format!("Invalid setup_future_usage: {other}"))),
        };
        let session = Session {
            id: new_id("cs_test_"),
            created: now,
            expires_at,
            mode,
            kind,
            customer: customer.to_owned(),
            status: SessionStatus::Open,
            success_url,
            cancel_url,
            metadata: params.metadata("metadata")?,
            client_reference_id,
            locale,
            amount_total,
            setup_intent_metadata: params.metadata("setup_intent_data[metadata]")?,
            payment_intent_metadata: params.metadata("payment_intent_data[metadata]")?,
            saves_method,
            setup_intent: None,
            payment_intent: None,
        };
        let answer = self.session_json(&session, &[]);
        self.session_order.push(session.id.clone());
        self.sessions.insert(session.id.clone(), session);
        Ok(answer)
    }

    fn create_payment_intent(&mut self, params: &Params) -> Result<Value, ApiError> {
        params.check(
            &["customer", "payment_method", "amount", "currency", "off_session", "confirm", "description"],
            &["metadata"],
        )?;
        let expand = params.expand(INTENT_EXPANSIONS)?;
        let metadata = params.metadata("metadata")?;
        let customer = params.required("customer")?;
        if !self.customers.contains_key(customer) {
            return Err(ApiError::no_such("customer", "customer", customer));
        }
        let method_id = params.required("payment_method")?;
        let method = self
            .methods
            .get(method_id)
            .ok_or_else(|| ApiError::no_such("payment_method", "payment_method", method_id))?;
        if method.customer.as_deref() != Some(customer) {
            let message = format!(
                "The provided PaymentMethod {method_id} is not attached to the Customer {customer} \
                 (it was detached, or belongs to another customer)."
            );
            return Err(ApiError::invalid("payment_method", message));
        }
        let amount = charge_amount("amount", params.required("amount")?)?;
        expect_value(params, "currency", "chf")?;
        expect_value(params, "off_session", "true")?;
        expect_value(params, "confirm", "true")?;
        if method.kind == Kind::Twint && amount > TWINT_LIMIT {
            return Err(ApiError::invalid("amount", "TWINT payments are limited to CHF 5,000.00."));
        }
        let mandate_active = method.mandate.as_ref().is_none_or(|mandate| self.mandates[mandate].active);
        let failure = match method.behaviour {
            _ if !mandate_active => Some(MANDATE_INACTIVE),
            Behaviour::Succeeds => None,
            Behaviour::Declined => Some(DECLINED),
            Behaviour::AuthenticationRequired => Some(AUTHENTICATION),
        };
        let id = self.new_intent(amount, customer, metadata, Some(method_id.to_owned()));
        self.attempt(&id, failure);
        match failure {
            None => Ok(self.intent_json(&id, &expand)),
            Some(failure) => {
                let intent = &self.intents[&id];
                let method = self.methods[method_id].json();
                Err(ApiError::card(failure, self.intent_json(&id, &[]), method, intent.latest_charge.as_deref()))
            }
        }
    }

    fn create_refund(&mut self, params: &Params) -> Result<Value, ApiError> {
        params.check(&["payment_intent", "amount", "reason"], &["metadata"])?;
        params.expand(&[])?;
        let metadata = params.metadata("metadata")?;
        let intent_id = params.required("payment_intent")?;
        let intent = self
            .intents
            .get(intent_id)
            .ok_or_else(|| ApiError::no_such("payment_intent", "payment_intent", intent_id))?;
        let charge_id = match (&intent.latest_charge, intent.succeeded) {
            (Some(charge), true) => charge.clone(),
            _ => {
                let message = format!("PaymentIntent {intent_id} does not have a successful charge to refund.");
                return Err(ApiError::invalid("payment_intent", message));
            }
        };
        let reason = params.get("reason").map(str::to_owned);
        if let Some(other) =
            reason.as_deref().filter(|r| !["duplicate", "fraudulent", "requested_by_customer"].contains(r))
        {
            return Err(ApiError::invalid("reason", format!("Invalid reason: {other}")));
        }
        let charge = &self.charges[&charge_id];
        let remaining = charge.amount - charge.amount_refunded;
        if charge.disputed {
            let message = format!("Charge {charge_id} has been disputed; it cannot be refunded.");
            return Err(ApiError::new(400, "invalid_request_error", Some("charge_disputed"), None, message));
        }
        if remaining == 0 {
            let message = format!("Charge {charge_id} has already been refunded.");
            return Err(ApiError::new(400, "invalid_request_error", Some("charge_already_refunded"), None, message));
        }
        let amount = match params.get("amount") {
            None => remaining,
            Some(raw) => match integer("amount", raw)? {
                0 => return Err(ApiError::invalid("amount", "The refund amount must be positive.")),
                amount if amount > remaining => {
                    let message = format!(
                        "Refund amount (CHF {}) is greater than unrefunded amount on charge (CHF {})",
                        chf(amount),
                        chf(remaining)
                    );
                    let code = Some("amount_too_large");
                    return Err(ApiError::new(400, "invalid_request_error", code, Some("amount"), message));
                }
                amount => amount,
            },
        };
        let charge = self.charges.get_mut(&charge_id).expect("a succeeded PaymentIntent has its charge");
        charge.amount_refunded += amount;
        let refund = Refund {
            id: new_id("re_"),
            created: self.now(),
            amount,
            payment_intent: intent_id.to_owned(),
            charge: charge_id.clone(),
            reason,
            metadata,
        };
        let answer = refund.json();
        self.refunds.push(refund);
        let charge = self.charges[&charge_id].json(false);
        self.emit("charge.refunded", charge, None);
        Ok(answer)
    }

    fn search_payment_intents(&self, params: &Params) -> Result<Value, ApiError> {
        params.check(&["query", "limit", "page"], &[])?;
        // As Stripe does, fields of each result are expanded as `data.<field>`.
        let allowed: Vec<String> = INTENT_EXPANSIONS.iter().map(|e| format!("data.{e}")).collect();
        let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
        let expand: Vec<String> =
            params.expand(&allowed)?.iter().map(|e| e.trim_start_matches("data.").to_owned()).collect();
        let query = params.required("query")?;
        let (key, value) = metadata_query(query).ok_or_else(|| {
            ApiError::invalid("query", format!("The stand-in supports only metadata['KEY']:'VALUE'; got {query}"))
        })?;
        let limit = match params.get("limit") {
            None => 10,
            Some(raw) => match integer("limit", raw)? {
                limit @ 1..=100 => limit as usize,
                _ => return Err(ApiError::invalid("limit", "limit must be between 1 and 100.")),
            },
        };
        let skip = match params.get("page") {
            None => 0,
            Some(page) => page
                .strip_prefix("page_")
                .and_then(|offset| offset.parse::<usize>().ok())
                .ok_or_else(|| ApiError::invalid("page", format!("Invalid page: {page}")))?,
        };
        let visible_before = Instant::now().checked_sub(self.search_lag);
        let matching: Vec<&String> = self
            .intents_by_metadata
            .get(&(key, value))
            .into_iter()
            .flatten()
            .rev()
            .filter(|id| visible_before.is_some_and(|before| self.intents[*id].searchable_at <= before))
            .skip(skip)
            .take(limit + 1)
            .collect();
        let has_more = matching.len() > limit;
        let data: Vec<Value> = matching.iter().take(limit).map(|id| self.intent_json(id, &expand)).collect();
        Ok(json!({
            "object": "search_result", "url": "/v1/payment_intents/search", "data": data,
            "has_more": has_more, "next_page": has_more.then(|| format!("page_{}", skip + limit)),
        }))
    }

    // ----- Payments -----

    fn new_intent(&mut self, amount: i64, customer: &str, metadata: Metadata, method: Option<String>) -> String {
        let id = new_id("pi_");
        for pair in &metadata {
            let key = (pair.0.clone(), pair.1.clone());
            self.intents_by_metadata.entry(key).or_default().push(id.clone());
        }
        let intent = PaymentIntent {
            id: id.clone(),
            created: self.now(),
            searchable_at: Instant::now(),
            amount,
            customer: customer.to_owned(),
            payment_method: method,
            metadata,
            succeeded: false,
            latest_charge: None,
            failure: None,
        };
        self.intents.insert(id.clone(), intent);
        self.intent_order.push(id.clone());
        id
    }

    /// One attempt to pay an intent with its payment method, and its event.
    fn attempt(&mut self, id: &str, failure: Option<Failure>) {
        let created = self.now();
        let intent = self.intents.get_mut(id).expect("the intent being paid exists");
        intent.succeeded = failure.is_none();
        intent.failure = failure;
        if failure.is_none_or(|failure| failure.charged) {
            let charge = Charge {
                id: new_id("ch_"),
                created,
                amount: intent.amount,
                customer: intent.customer.clone(),
                payment_intent: id.to_owned(),
                payment_method: intent.payment_method.clone(),
                failure,
                balance_transaction: failure.is_none().then(|| new_id("txn_")),
                amount_refunded: 0,
                disputed: false,
            };
            intent.latest_charge = Some(charge.id.clone());
            self.charges.insert(charge.id.clone(), charge);
        }
        let kind = if failure.is_none() { "payment_intent.succeeded" } else { "payment_intent.payment_failed" };
        let object = self.intent_json(id, &[]);
        self.emit(kind, object, None);
    }

    fn new_method(&mut self, kind: Kind, customer: Option<String>, behaviour: Behaviour) -> String {
        let last4 = match behaviour {
            Behaviour::Succeeds => "4242",
            Behaviour::Declined => "0002",
            Behaviour::AuthenticationRequired => "3184",
        };
        let method =
            PaymentMethod { id: new_id("pm_"), created: self.now(), kind, customer, behaviour, last4, mandate: None };
        let id = method.id.clone();
        self.methods.insert(id.clone(), method);
        id
    }

    fn method_mut(&mut self, id: &str) -> &mut PaymentMethod {
        self.methods.get_mut(id).unwrap_or_else(|| panic!("the stand-in has no payment method {id}"))
    }

    // ----- What happens outside the API -----

    fn complete_checkout(&mut self, id: &str, behaviour: Behaviour) -> Option<String> {
        let session = self.sessions.get(id).unwrap_or_else(|| panic!("the stand-in has no Checkout Session {id}"));
        if session.status != SessionStatus::Open {
            return None;
        }
        let (mode, kind, customer) = (session.mode, session.kind, session.customer.clone());
        match mode {
            Mode::Setup => {
                let method = self.new_method(kind, Some(customer.clone()), behaviour);
                let mandate = (kind == Kind::Twint).then(|| {
                    let mandate = Mandate { id: new_id("mandate_"), payment_method: method.clone(), active: true };
                    let id = mandate.id.clone();
                    self.mandates.insert(id.clone(), mandate);
                    id
                });
                self.method_mut(&method).mandate = mandate.clone();
                let session = &self.sessions[id];
                let setup_intent = SetupIntent {
                    id: new_id("seti_"),
                    created: self.now(),
                    customer,
                    payment_method: method,
                    mandate,
                    metadata: session.setup_intent_metadata.clone(),
                };
                let setup_intent_json = setup_intent.json();
                let session = self.sessions.get_mut(id).expect("looked up above");
                session.setup_intent = Some(setup_intent.id.clone());
                session.status = SessionStatus::Complete;
                self.setup_intents.insert(setup_intent.id.clone(), setup_intent);
                let session_json = self.session_json(&self.sessions[id], &[]);
                self.emit("checkout.session.completed", session_json, None);
                self.emit("setup_intent.succeeded", setup_intent_json, None);
            }
            Mode::Payment => {
                let session = &self.sessions[id];
                let saved_to = session.saves_method.then(|| customer.clone());
                let (amount, metadata) =
                    (session.amount_total.unwrap_or_default(), session.payment_intent_metadata.clone());
                let intent = match session.payment_intent.clone() {
                    Some(intent) => intent,
                    None => self.new_intent(amount, &customer, metadata, None),
                };
                let method = self.new_method(kind, saved_to, behaviour);
                self.intents.get_mut(&intent).expect("just found or made").payment_method = Some(method);
                self.sessions.get_mut(id).expect("looked up above").payment_intent = Some(intent.clone());
                // 3-D Secure happens in Checkout: only a decline fails there.
                let failure = (behaviour == Behaviour::Declined).then_some(DECLINED);
                if failure.is_some() {
                    self.attempt(&intent, failure);
                    return None;
                }
                self.sessions.get_mut(id).expect("looked up above").status = SessionStatus::Complete;
                let session_json = self.session_json(&self.sessions[id], &[]);
                self.emit("checkout.session.completed", session_json, None);
                self.attempt(&intent, None);
            }
        }
        Some(self.sessions[id].success_url.replace("{CHECKOUT_SESSION_ID}", id))
    }

    fn expire_checkout(&mut self, id: &str) {
        let session = self.sessions.get_mut(id).unwrap_or_else(|| panic!("the stand-in has no Checkout Session {id}"));
        if session.status != SessionStatus::Open {
            return;
        }
        session.status = SessionStatus::Expired;
        let session_json = self.session_json(&self.sessions[id], &[]);
        self.emit("checkout.session.expired", session_json, None);
    }

    fn detach(&mut self, id: &str) {
        let method = self.method_mut(id);
        let Some(customer) = method.customer.take() else { return };
        let object = method.json();
        self.emit("payment_method.detached", object, Some(json!({ "customer": customer })));
    }

    fn revoke_mandate(&mut self, id: &str) {
        let mandate = self.mandates.get_mut(id).unwrap_or_else(|| panic!("the stand-in has no mandate {id}"));
        if !mandate.active {
            return;
        }
        mandate.active = false;
        let object = mandate.json();
        self.emit("mandate.updated", object, Some(json!({ "status": "active" })));
    }

    fn dispute(&mut self, id: &str) {
        let created = self.now();
        let charge = self.charges.get_mut(id).unwrap_or_else(|| panic!("the stand-in has no charge {id}"));
        assert!(charge.failure.is_none(), "only a paid charge can be disputed");
        charge.disputed = true;
        let dispute = json!({
            "id": new_id("dp_"), "object": "dispute", "charge": charge.id, "payment_intent": charge.payment_intent,
            "amount": charge.amount, "currency": "chf", "reason": "fraudulent", "status": "needs_response",
            "created": created, "livemode": false,
        });
        self.emit("charge.dispute.created", dispute.clone(), None);
        // As for most card disputes, the money is taken back at once.
        self.emit("charge.dispute.funds_withdrawn", dispute, None);
    }

    // ----- Events -----

    fn emit(&mut self, kind: &str, object: Value, previous: Option<Value>) {
        let id = new_id("evt_");
        let mut data = json!({ "object": object });
        if let Some(previous) = previous {
            data["previous_attributes"] = previous;
        }
        let request = match &self.acting_for {
            Some(key) => json!({ "id": new_id("req_"), "idempotency_key": key }),
            None => json!({ "id": null, "idempotency_key": null }),
        };
        let event = json!({
            "id": id, "object": "event", "api_version": API_VERSION, "created": self.now(), "type": kind,
            "livemode": false, "pending_webhooks": u8::from(self.webhook_target.is_some()), "request": request,
            "data": data,
        });
        self.event_index.insert(id.clone(), self.events.len());
        self.events.push(event);
        if self.holding {
            self.held.push(id);
        } else if self.webhook_target.is_some() {
            self.enqueue(Outgoing::Event(id));
        }
    }

    fn event(&self, id: &str) -> &Value {
        let index = self.event_index.get(id).unwrap_or_else(|| panic!("the stand-in has no event {id}"));
        &self.events[*index]
    }

    fn enqueue(&self, outgoing: Outgoing) {
        // The sender lives as long as the runtime; after that nobody waits for deliveries.
        let _ = self.outbox.send(outgoing);
    }

    // ----- JSON -----

    fn session_json(&self, session: &Session, expand: &[String]) -> Value {
        let expanded = |field: &str| expand.iter().any(|name| name == field);
        let setup_intent = match &session.setup_intent {
            Some(id) if expanded("setup_intent") => self.setup_intents[id].json(),
            other => json!(other),
        };
        let payment_intent = match &session.payment_intent {
            Some(id) if expanded("payment_intent") => self.intent_json(id, &[]),
            other => json!(other),
        };
        let payment_status = match (session.mode, session.status) {
            (Mode::Setup, _) => "no_payment_required",
            (Mode::Payment, SessionStatus::Complete) => "paid",
            (Mode::Payment, _) => "unpaid",
        };
        let url = (session.status == SessionStatus::Open).then(|| format!("{}/checkout/{}", self.base_url, session.id));
        json!({
            "id": session.id, "object": "checkout.session", "url": url, "status": session.status.as_str(),
            "mode": if session.mode == Mode::Setup { "setup" } else { "payment" },
            "customer": session.customer, "payment_status": payment_status, "metadata": session.metadata,
            "client_reference_id": session.client_reference_id, "setup_intent": setup_intent,
            "payment_intent": payment_intent, "amount_total": session.amount_total, "currency": "chf",
            "success_url": session.success_url, "cancel_url": session.cancel_url,
            "payment_method_types": [session.kind.as_str()], "locale": session.locale,
            "expires_at": session.expires_at, "created": session.created, "livemode": false,
        })
    }

    fn intent_json(&self, id: &str, expand: &[String]) -> Value {
        let intent = &self.intents[id];
        let expanded = |field: &str| expand.iter().any(|name| name == field);
        let balance_transaction = expanded("latest_charge.balance_transaction");
        let latest_charge = match &intent.latest_charge {
            Some(charge) if balance_transaction || expanded("latest_charge") => {
                self.charges[charge].json(balance_transaction)
            }
            other => json!(other),
        };
        let payment_method = match &intent.payment_method {
            Some(method) if expanded("payment_method") => self.methods[method].json(),
            other => json!(other),
        };
        let last_payment_error = intent.failure.map(|failure| {
            let method = intent.payment_method.as_ref().map(|method| self.methods[method].json());
            json!({
                "type": "card_error", "code": failure.code, "decline_code": failure.decline_code,
                "message": failure.message, "payment_method": method,
            })
        });
        let status = if intent.succeeded { "succeeded" } else { "requires_payment_method" };
        let kind = intent.payment_method.as_ref().map_or("card", |method| self.methods[method].kind.as_str());
        json!({
            "id": intent.id, "object": "payment_intent", "status": status, "amount": intent.amount,
            "payment_method_types": [kind],
            "amount_received": if intent.succeeded { intent.amount } else { 0 }, "currency": "chf",
            "customer": intent.customer, "payment_method": payment_method, "metadata": intent.metadata,
            "latest_charge": latest_charge, "last_payment_error": last_payment_error,
            "capture_method": "automatic", "confirmation_method": "automatic",
            "created": intent.created, "livemode": false,
        })
    }
}
