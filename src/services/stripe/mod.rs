//! Stripe's API, the few calls bobine makes: form-encoded requests with bracketed keys, an
//! `Idempotency-Key` on every POST, the API version pinned, a pace kept under the configured
//! rate, and 429s, 5xx and lost connections tried again with the same key (Stripe acts once
//! per key, so trying again never charges twice).

pub mod objects;

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::config::StripeSettings;
use objects::{ErrorBody, ErrorEnvelope};

/// The API version bobine is written against: saving TWINT for later charges needs it.
pub const API_VERSION: &str = "2026-05-27.dahlia";

/// Form parameters, keys bracketed as Stripe reads them (`metadata[pledge_id]`).
pub type Params = Vec<(String, String)>;

/// Why a call did not give what was asked.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StripeError {
    /// Stripe refused: a declined card, a wrong parameter. Trying again changes nothing.
    #[error("Stripe refused ({status}): {}", .body.message.as_deref().unwrap_or("no message"))]
    Refused { status: u16, body: Box<ErrorBody> },
    /// Stripe refused the key: the team must fix the configuration.
    #[error("Stripe refused the secret key ({status}): {message}")]
    Key { status: u16, message: String },
    /// No answer, or not one to act on: what happened at Stripe is unknown, and the same
    /// call (with the same idempotency key) may be tried again later.
    #[error("Stripe did not answer: {0}")]
    Unavailable(String),
}

impl StripeError {
    /// Stripe's code for a refusal, such as `card_declined`.
    pub fn code(&self) -> Option<&str> {
        match self {
            StripeError::Refused { body, .. } => body.code.as_deref(),
            _ => None,
        }
    }
}

/// A client of Stripe's API; cheap to clone, one pace for all its clones.
#[derive(Clone)]
pub struct Stripe {
    http: reqwest::Client,
    settings: StripeSettings,
    next_slot: Arc<Mutex<Instant>>,
    /// How long to wait before trying a call again, doubled each time.
    backoff: Duration,
}

impl std::fmt::Debug for Stripe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stripe").field("settings", &self.settings).finish_non_exhaustive()
    }
}

/// How many times a call is tried in all before its outcome is left unknown.
const TRIES: u32 = 4;

impl Stripe {
    pub fn new(settings: StripeSettings) -> Result<Stripe, String> {
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("bobine/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the HTTP client for Stripe: {e}"))?;
        Ok(Stripe {
            http,
            settings,
            next_slot: Arc::new(Mutex::new(Instant::now())),
            backoff: Duration::from_millis(500),
        })
    }

    pub fn settings(&self) -> &StripeSettings {
        &self.settings
    }

    /// Waits for this client's next turn, so that calls keep under the configured rate.
    async fn pace(&self) {
        let gap = Duration::from_secs(1) / self.settings.rate.max(1);
        let at = {
            let mut next = self.next_slot.lock().await;
            let now = Instant::now();
            let at = (*next).max(now);
            *next = at + gap;
            at
        };
        tokio::time::sleep_until(at).await;
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.settings.api_url.trim_end_matches('/'))
    }

    /// POSTs `params` to `path` with `key` as its idempotency key.
    pub async fn post<T: DeserializeOwned>(&self, path: &str, params: &Params, key: &str) -> Result<T, StripeError> {
        self.call(|| self.http.post(self.url(path)).header("Idempotency-Key", key).form(params)).await
    }

    /// GETs `path` with `query`.
    pub async fn get<T: DeserializeOwned>(&self, path: &str, query: &[(&str, &str)]) -> Result<T, StripeError> {
        // reqwest's `query` needs a feature of its own; the url crate encodes the same way.
        let url = url::Url::parse_with_params(&self.url(path), query)
            .map_err(|e| StripeError::Unavailable(format!("not an address: {e}")))?;
        self.call(|| self.http.get(url.clone())).await
    }

    async fn call<T: DeserializeOwned>(&self, request: impl Fn() -> reqwest::RequestBuilder) -> Result<T, StripeError> {
        let mut wait = self.backoff;
        let mut last = StripeError::Unavailable("not tried".into());
        for attempt in 1..=TRIES {
            self.pace().await;
            let sent =
                request().bearer_auth(&self.settings.secret_key).header("Stripe-Version", API_VERSION).send().await;
            match answer(sent).await {
                Ok(value) => {
                    return serde_json::from_value(value)
                        .map_err(|e| StripeError::Unavailable(format!("unreadable answer: {e}")));
                }
                Err(error @ (StripeError::Refused { .. } | StripeError::Key { .. })) => return Err(error),
                Err(error) => last = error,
            }
            // Nothing to wait for after the last try.
            if attempt < TRIES {
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
        }
        Err(last)
    }
}

/// Reads an answer: JSON on success, Stripe's error otherwise; an error worth trying again
/// (no answer, 409 while the same key is in use, 429, 5xx) is `Unavailable`.
async fn answer(sent: Result<reqwest::Response, reqwest::Error>) -> Result<serde_json::Value, StripeError> {
    let response = sent.map_err(|e| StripeError::Unavailable(e.to_string()))?;
    let status = response.status().as_u16();
    let text = response.text().await.map_err(|e| StripeError::Unavailable(e.to_string()))?;
    if (200..300).contains(&status) {
        return serde_json::from_str(&text).map_err(|e| StripeError::Unavailable(format!("unreadable answer: {e}")));
    }
    let body = serde_json::from_str::<ErrorEnvelope>(&text).ok().map(|envelope| envelope.error);
    match (status, body) {
        (401 | 403, body) => Err(StripeError::Key {
            status,
            message: body.and_then(|b| b.message).unwrap_or_else(|| "no message".into()),
        }),
        (409 | 429, _) | (500.., _) | (_, None) => Err(StripeError::Unavailable(format!("status {status}"))),
        // The key was used with other parameters: what the first use did is unknown here,
        // and must be looked up, never taken as a refusal.
        (_, Some(body)) if body.kind.as_deref() == Some("idempotency_error") => {
            Err(StripeError::Unavailable(body.message.unwrap_or_else(|| "idempotency error".into())))
        }
        (_, Some(body)) => Err(StripeError::Refused { status, body: Box::new(body) }),
    }
}

/// Parameters from pairs of strings.
pub fn params<const N: usize>(pairs: [(&str, String); N]) -> Params {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}
