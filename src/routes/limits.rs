//! Rate limits at the door of each costly form and API call, per client address and per email,
//! and the `Retry-After` header that every 429 carries.
//!
//! The buckets live in this process's memory: with several instances, each limits what it
//! receives (a load balancer spreading one client over them multiplies its allowance).

use std::collections::hash_map::RandomState;
use std::convert::Infallible;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{Header, Status};
use rocket::request::{FromRequest, Outcome};
use rocket::{Request, Response};

use crate::app::AppState;
use crate::config::RateLimits;
use crate::domain::Email;
use crate::domain::rate_limit::{Buckets, LimitKind, Wait, address_key};
use crate::error::AppError;
use crate::routes::client::{self, ClientAddress};

/// Keys kept per bucket map at most; a few MiB in all, whatever arrives.
const KEYS: usize = 50_000;

/// The buckets of one kind of request.
#[derive(Debug)]
struct KindBuckets {
    kind: LimitKind,
    per_address: Option<Mutex<Buckets<IpAddr>>>,
    /// Keyed by a hash of the email under a key drawn at start: fixed size, and no address
    /// kept in memory.
    per_email: Option<Mutex<Buckets<u64>>>,
}

/// Every bucket of this process.
#[derive(Debug)]
pub struct RateLimiter {
    kinds: Vec<KindBuckets>,
    hasher: RandomState,
}

fn take<K: std::hash::Hash + Eq>(buckets: &Mutex<Buckets<K>>, key: K, now: DateTime<Utc>) -> Result<(), AppError> {
    // A panic elsewhere while the lock was held leaves counts that are still counts.
    let mut buckets = buckets.lock().unwrap_or_else(PoisonError::into_inner);
    buckets.take(key, now).map_err(|Wait(seconds)| AppError::RateLimited { retry_after_seconds: seconds })
}

impl RateLimiter {
    /// Empty buckets for the limits that apply; none at all when rate limits are off.
    pub fn new(limits: &RateLimits) -> RateLimiter {
        let kinds = LimitKind::ALL
            .iter()
            .map(|&kind| {
                let rates = limits.of(kind);
                KindBuckets {
                    kind,
                    per_address: rates.per_address.map(|rate| Mutex::new(Buckets::new(rate, KEYS))),
                    per_email: rates.per_email.map(|rate| Mutex::new(Buckets::new(rate, KEYS))),
                }
            })
            .collect();
        RateLimiter { kinds, hasher: RandomState::new() }
    }

    fn of(&self, kind: LimitKind) -> Option<&KindBuckets> {
        self.kinds.iter().find(|k| k.kind == kind)
    }

    /// Counts one request of `kind` from `address`, or refuses it with how long to wait.
    pub fn by_address(&self, kind: LimitKind, address: IpAddr, now: DateTime<Utc>) -> Result<(), AppError> {
        match self.of(kind).and_then(|k| k.per_address.as_ref()) {
            Some(buckets) => take(buckets, address_key(address), now),
            None => Ok(()),
        }
    }

    /// Counts one request of `kind` for `email`, or refuses it with how long to wait.
    pub fn by_email(&self, kind: LimitKind, email: &Email, now: DateTime<Utc>) -> Result<(), AppError> {
        match self.of(kind).and_then(|k| k.per_email.as_ref()) {
            Some(buckets) => take(buckets, self.hasher.hash_one(email.identity()), now),
            None => Ok(()),
        }
    }
}

/// How long the answer to this request asks to wait, when it is a 429.
#[derive(Debug, Default)]
struct RetryHint(AtomicU64);

/// A request's way through the rate limits: handlers count it by address when it arrives and
/// by email once the email is known. A refusal is remembered for the `Retry-After` header,
/// whatever page then answers it.
pub struct Admission<'r> {
    state: &'r AppState,
    address: ClientAddress,
    hint: &'r RetryHint,
}

impl Admission<'_> {
    /// Counts this request as one of `kind` from the client's address.
    pub fn by_address(&self, kind: LimitKind) -> Result<(), AppError> {
        let counted = self.state.limits.by_address(kind, self.address.0, self.state.clock.now());
        self.noting(counted)
    }

    /// Counts this request as one of `kind` for `email`.
    pub fn by_email(&self, kind: LimitKind, email: &Email) -> Result<(), AppError> {
        let counted = self.state.limits.by_email(kind, email, self.state.clock.now());
        self.noting(counted)
    }

    /// Remembers the wait of an error answered as a page (a rate limit, a busy server), for
    /// the response's `Retry-After`.
    pub fn note(&self, error: &AppError) {
        if let Some(seconds) = error.retry_after() {
            self.wait(seconds);
        }
    }

    /// Remembers that the answer asks to wait `seconds` (at least one).
    pub fn wait(&self, seconds: u64) {
        self.hint.0.store(seconds.max(1), Ordering::Relaxed);
    }

    fn noting(&self, counted: Result<(), AppError>) -> Result<(), AppError> {
        if let Err(error) = &counted {
            self.note(error);
        }
        counted
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Admission<'r> {
    type Error = Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(state) = request.rocket().state::<AppState>() else {
            return Outcome::Forward(Status::InternalServerError);
        };
        let hint = request.local_cache(RetryHint::default);
        Outcome::Success(Admission { state, address: client::of(request), hint })
    }
}

/// Gives every 429 a `Retry-After` in whole seconds: the wait a handler noted, else one second.
pub struct RetryAfter;

#[rocket::async_trait]
impl Fairing for RetryAfter {
    fn info(&self) -> Info {
        Info { name: "Retry-After on 429", kind: Kind::Response }
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        if response.status() != Status::TooManyRequests || response.headers().contains("Retry-After") {
            return;
        }
        let seconds = request.local_cache(RetryHint::default).0.load(Ordering::Relaxed).max(1);
        response.set_header(Header::new("Retry-After", seconds.to_string()));
    }
}
