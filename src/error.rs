//! The one error type of the application, with a stable code for the API and a message for
//! people in their language. It depends on no web framework: it names its HTTP status as a
//! number, which `routes::errors` turns into Rocket's.

use sea_orm::DbErr;

use crate::domain::email::InvalidEmail;
use crate::domain::money::MoneyError;
use crate::domain::names::InvalidName;
use crate::domain::{Lang, Money};
use crate::i18n;

/// Everything a request can fail with.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("invalid amount: {0}")]
    InvalidAmount(MoneyError),
    #[error("amount below the minimum of {minimum}")]
    AmountBelowMinimum { minimum: Money },
    #[error("invalid email")]
    InvalidEmail,
    #[error("invalid name: {0}")]
    InvalidName(InvalidName),
    #[error("unknown reward")]
    UnknownReward,
    #[error("the idempotency key was used for another pledge")]
    IdempotencyKeyReused,
    #[error("sold out")]
    SoldOut,
    /// Every seat of the chosen session is taken.
    #[error("session full")]
    SessionFull,
    /// The chosen value of a choice (a size, a colour) is sold out.
    #[error("{choice} sold out")]
    ChoiceSoldOut { choice: String },
    /// The reward is chosen with its session on the pledge form, and none was given.
    #[error("session required")]
    SessionRequired,
    /// No session of the reward has that id.
    #[error("unknown session")]
    UnknownSession,
    /// A choice of the reward left out, given a value it does not offer, or not one of its own.
    #[error("invalid choice {choice}")]
    InvalidChoice { choice: String },
    /// A postal address refused, with the field that is wrong.
    #[error("invalid address: {0:?}")]
    InvalidAddress(crate::domain::address::AddressError),
    #[error("campaign closed")]
    CampaignClosed,
    #[error("not found")]
    NotFound,
    #[error("invalid form token")]
    Forbidden,
    #[error("login required")]
    Unauthorized,
    /// Too much of a costly thing at once (checking passwords): try again in a moment.
    #[error("busy, retry in {retry_after_seconds} s")]
    Busy { retry_after_seconds: u64 },
    /// Too many requests of one kind from one address or for one email: try again later.
    #[error("rate limited, retry in {retry_after_seconds} s")]
    RateLimited { retry_after_seconds: u64 },
    /// A member already holds as many live dashboards open as one may.
    #[error("{limit} live streams open already")]
    TooManyStreams { limit: usize },
    /// A form field that breaks a rule; `key` names the message, `args` fill it in.
    #[error("invalid {field}: {key}")]
    Invalid { field: &'static str, key: &'static str, args: Vec<(&'static str, String)> },
    #[error("database: {0}")]
    Db(#[from] DbErr),
    /// Something of ours failed that no visitor can fix: a template that did not render, a
    /// task that crashed. `context` says what was being done, for the log.
    #[error("{context}: {detail}")]
    Internal { context: &'static str, detail: String },
}

impl From<MoneyError> for AppError {
    fn from(e: MoneyError) -> Self {
        AppError::InvalidAmount(e)
    }
}

impl From<InvalidEmail> for AppError {
    fn from(_: InvalidEmail) -> Self {
        AppError::InvalidEmail
    }
}

impl From<InvalidName> for AppError {
    fn from(e: InvalidName) -> Self {
        AppError::InvalidName(e)
    }
}

/// The mistakes of a form, gathered field by field so that a page can show them all.
#[derive(Debug, Default)]
pub struct Problems(Vec<AppError>);

impl Problems {
    /// The value of a field that passed its check; a mistake is kept for later.
    pub fn keep<T>(&mut self, checked: Result<T, AppError>) -> Option<T> {
        checked.map_err(|error| self.0.push(error)).ok()
    }

    /// A mistake found by a check that yields no value.
    pub fn add(&mut self, error: AppError) {
        self.0.push(error);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_vec(self) -> Vec<AppError> {
        self.0
    }

    /// The first mistake, where one answer is enough (the API).
    pub fn first(self) -> AppError {
        self.0.into_iter().next().unwrap_or_else(|| AppError::internal("checking a form", "no mistake was kept"))
    }
}

impl AppError {
    /// A field that breaks the rule whose message is `key`.
    pub fn invalid(field: &'static str, key: &'static str) -> AppError {
        AppError::Invalid { field, key, args: Vec::new() }
    }

    /// The same, with an argument for the message, such as a limit.
    pub fn invalid_with(field: &'static str, key: &'static str, name: &'static str, value: impl ToString) -> AppError {
        AppError::Invalid { field, key, args: vec![(name, value.to_string())] }
    }

    /// An internal failure while doing `context`.
    pub fn internal(context: &'static str, detail: impl std::fmt::Display) -> AppError {
        AppError::Internal { context, detail: detail.to_string() }
    }

    /// Whether this is the server's fault (a database error or an internal failure), which
    /// is logged and answered with a generic message, never shown as a form's mistake.
    pub fn is_internal(&self) -> bool {
        matches!(self, AppError::Db(_) | AppError::Internal { .. })
    }

    /// This error inside a transaction that must be abandoned whatever went wrong: a refusal
    /// there is as final as a database error.
    pub fn into_db_err(self) -> DbErr {
        match self {
            AppError::Db(error) => error,
            other => DbErr::Custom(other.to_string()),
        }
    }

    /// The stable code of the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Malformed(_) => "malformed_request",
            AppError::InvalidAmount(MoneyError::TooLarge(_)) => "amount_too_large",
            AppError::InvalidAmount(_) => "invalid_amount",
            AppError::AmountBelowMinimum { .. } => "amount_below_minimum",
            AppError::InvalidEmail => "invalid_email",
            AppError::InvalidName(_) => "invalid_name",
            AppError::UnknownReward => "unknown_reward",
            AppError::IdempotencyKeyReused => "idempotency_key_reused",
            AppError::SoldOut => "sold_out",
            AppError::SessionFull => "session_full",
            AppError::ChoiceSoldOut { .. } => "choice_sold_out",
            AppError::SessionRequired => "session_required",
            AppError::UnknownSession => "unknown_session",
            AppError::InvalidChoice { .. } => "invalid_choice",
            AppError::InvalidAddress(_) => "invalid_address",
            AppError::CampaignClosed => "campaign_closed",
            AppError::NotFound => "not_found",
            AppError::Forbidden => "invalid_form_token",
            AppError::Unauthorized => "unauthorized",
            AppError::Busy { .. } => "busy",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::TooManyStreams { .. } => "too_many_streams",
            AppError::Invalid { .. } => "invalid_field",
            AppError::Db(_) | AppError::Internal { .. } => "internal_error",
        }
    }

    /// The HTTP status that answers this error.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Malformed(_) => 400,
            AppError::SoldOut | AppError::SessionFull | AppError::ChoiceSoldOut { .. } | AppError::CampaignClosed => {
                409
            }
            AppError::NotFound => 404,
            AppError::Forbidden => 403,
            AppError::Unauthorized => 401,
            AppError::Busy { .. } | AppError::RateLimited { .. } | AppError::TooManyStreams { .. } => 429,
            AppError::Db(_) | AppError::Internal { .. } => 500,
            AppError::InvalidAmount(_)
            | AppError::AmountBelowMinimum { .. }
            | AppError::InvalidEmail
            | AppError::InvalidName(_)
            | AppError::UnknownReward
            | AppError::SessionRequired
            | AppError::UnknownSession
            | AppError::InvalidChoice { .. }
            | AppError::InvalidAddress(_)
            | AppError::IdempotencyKeyReused
            | AppError::Invalid { .. } => 422,
        }
    }

    /// How long to wait before trying again, for the `Retry-After` header of a 429.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::Busy { retry_after_seconds } | AppError::RateLimited { retry_after_seconds } => {
                Some((*retry_after_seconds).max(1))
            }
            _ => None,
        }
    }

    /// The form field the error is about, so pages can point at it.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AppError::InvalidAmount(_) | AppError::AmountBelowMinimum { .. } => Some("amount"),
            AppError::InvalidEmail => Some("email"),
            AppError::InvalidName(_) => Some("name"),
            AppError::UnknownReward | AppError::SoldOut => Some("reward"),
            AppError::SessionFull | AppError::SessionRequired | AppError::UnknownSession => Some("session"),
            AppError::ChoiceSoldOut { .. } | AppError::InvalidChoice { .. } => Some("choices"),
            AppError::Invalid { field, .. } => Some(field),
            AppError::InvalidAddress(error) => Some(address_field(error.field())),
            _ => None,
        }
    }

    /// What to tell the person, in their language. `currency` is the campaign's.
    pub fn message(&self, lang: Lang, currency: &str) -> String {
        let money = |m: &Money| vec![("amount", m.display(lang.thousands())), ("currency", currency.to_owned())];
        match self {
            AppError::Malformed(detail) => i18n::t_args(lang, "error-malformed", &[("detail", detail.clone())]),
            AppError::InvalidAmount(e) => match e {
                MoneyError::Empty => i18n::t(lang, "error-amount-empty"),
                MoneyError::NotANumber => i18n::t(lang, "error-amount-not-a-number"),
                MoneyError::NotPositive => i18n::t(lang, "error-amount-not-positive"),
                MoneyError::TooPrecise => i18n::t(lang, "error-amount-too-precise"),
                MoneyError::TooLarge(max) => i18n::t_args(lang, "error-amount-too-large", &money(max)),
            },
            AppError::AmountBelowMinimum { minimum } => {
                i18n::t_args(lang, "error-amount-below-minimum", &money(minimum))
            }
            AppError::InvalidEmail => i18n::t(lang, "error-email"),
            AppError::InvalidName(reason) => i18n::t(lang, reason.message_key()),
            AppError::UnknownReward => i18n::t(lang, "error-unknown-reward"),
            AppError::IdempotencyKeyReused => i18n::t(lang, "error-idempotency-reused"),
            AppError::SoldOut => i18n::t(lang, "error-sold-out"),
            AppError::SessionFull => i18n::t(lang, "error-session-full"),
            AppError::ChoiceSoldOut { choice } => {
                i18n::t_args(lang, "error-choice-sold-out", &[("choice", choice.clone())])
            }
            AppError::SessionRequired => i18n::t(lang, "error-session-required"),
            AppError::UnknownSession => i18n::t(lang, "error-unknown-session"),
            AppError::InvalidChoice { choice } => {
                i18n::t_args(lang, "error-invalid-choice", &[("choice", choice.clone())])
            }
            AppError::InvalidAddress(error) => address_message(error, lang),
            AppError::CampaignClosed => i18n::t(lang, "error-campaign-closed"),
            AppError::NotFound => i18n::t(lang, "error-not-found"),
            AppError::Forbidden => i18n::t(lang, "error-forbidden"),
            AppError::Unauthorized => i18n::t(lang, "error-unauthorized"),
            AppError::Busy { retry_after_seconds } => {
                i18n::t_args(lang, "error-busy", &[("seconds", retry_after_seconds.to_string())])
            }
            AppError::RateLimited { retry_after_seconds: seconds @ ..120 } => {
                i18n::t_count(lang, "error-rate-limited-seconds", "seconds", *seconds)
            }
            AppError::RateLimited { retry_after_seconds } => {
                i18n::t_count(lang, "error-rate-limited-minutes", "minutes", retry_after_seconds.div_ceil(60))
            }
            AppError::TooManyStreams { limit } => {
                i18n::t_args(lang, "error-too-many-streams", &[("limit", limit.to_string())])
            }
            AppError::Invalid { key, args, .. } => i18n::t_args(lang, key, args),
            AppError::Db(_) | AppError::Internal { .. } => i18n::t(lang, "error-internal"),
        }
    }
}

/// The form field of an address's `field`, as pages name it.
fn address_field(field: &str) -> &'static str {
    match field {
        "name" => "address-name",
        "street" => "address-street",
        "building" => "address-building",
        "postcode" => "address-postcode",
        "town" => "address-town",
        _ => "address-country",
    }
}

/// What is wrong with an address, naming the field, in `lang`.
fn address_message(error: &crate::domain::address::AddressError, lang: Lang) -> String {
    use crate::domain::address::{AddressError, Country};
    let field = i18n::t(lang, &format!("field-{}", address_field(error.field())));
    match error {
        AddressError::Missing(_) => i18n::t_args(lang, "error-address-missing", &[("field", field)]),
        AddressError::TooLong(_, max) => {
            i18n::t_args(lang, "error-address-too-long", &[("field", field), ("max", max.to_string())])
        }
        AddressError::Unprintable(_) => i18n::t_args(lang, "error-address-unprintable", &[("field", field)]),
        AddressError::UnknownCountry => i18n::t(lang, "error-address-country"),
        AddressError::Postcode { country, example } => {
            let name = Country::of(country).map_or(*country, |c| c.name(lang));
            i18n::t_args(lang, "error-address-postcode", &[("country", name.to_owned()), ("example", example.clone())])
        }
    }
}
