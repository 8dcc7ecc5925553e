//! The `[payments]` section of the campaign file: when backers pay, by when, and the account
//! that receives the money.

use serde::Deserialize;
use toml::Spanned;

use super::campaign::FundingModel;
use super::error::{ConfigError, Locator};
use crate::domain::qrbill::{self, Address, Iban};
use crate::domain::states::PayBy;

/// When a pledge's bill is issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collect {
    /// At the close, if the campaign succeeded (or keeps what it raised).
    OnSuccess,
    /// As soon as the pledge counts (is confirmed).
    AtPledge,
}

/// How backers pay, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payments {
    pub collect: Collect,
    /// A bill is due this many days after it is issued.
    pub due_days: u32,
    /// After the due date, reminders go on this many days; then an unpaid pledge is dropped.
    pub grace_days: u32,
    pub account: Iban,
    pub creditor: Address,
    /// How backers may pay, in the order the pledge form offers them; never empty.
    pub methods: Vec<PayBy>,
}

impl Payments {
    /// Whether the account is one of the standard's examples, which no bank credits: the
    /// dashboard warns until the team puts its own.
    pub fn is_example_account(&self) -> bool {
        self.account.is_example()
    }

    /// Whether backers may pay through Stripe (card or TWINT).
    pub fn uses_stripe(&self) -> bool {
        self.methods.iter().any(|m| m.is_stripe())
    }

    pub fn offers(&self, method: PayBy) -> bool {
        self.methods.contains(&method)
    }
}

/// TWINT's limit for one payment, in cents: CHF 5,000.
pub const TWINT_LIMIT_CENTS: i64 = 500_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPayments {
    collect: Option<Spanned<String>>,
    due_days: Option<Spanned<i64>>,
    grace_days: Option<Spanned<i64>>,
    methods: Option<Spanned<Vec<Spanned<String>>>>,
    creditor: Spanned<RawCreditor>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCreditor {
    iban: Spanned<String>,
    name: Spanned<String>,
    street: Option<Spanned<String>>,
    building: Option<Spanned<String>>,
    postcode: Option<Spanned<String>>,
    town: Option<Spanned<String>>,
    country: Option<Spanned<String>>,
}

impl RawPayments {
    pub(super) fn validate(self, at: &Locator, funding: FundingModel) -> Result<Payments, ConfigError> {
        let collect = match self.collect.as_ref().map(|c| (c.get_ref().as_str(), c.span().start)) {
            None => match funding {
                FundingModel::AllOrNothing => Collect::OnSuccess,
                FundingModel::KeepItAll => Collect::AtPledge,
            },
            Some(("on-success", _)) => Collect::OnSuccess,
            Some(("at-pledge", _)) => Collect::AtPledge,
            Some((_, offset)) => return Err(at.at(offset, "payments.collect", "use \"on-success\" or \"at-pledge\"")),
        };
        let due_days = days(at, self.due_days.as_ref(), "payments.due_days", 14, 1)?;
        let methods = match &self.methods {
            None => vec![PayBy::Bank],
            Some(list) => {
                let mut methods = Vec::new();
                for item in list.get_ref() {
                    let method = item.get_ref().parse::<PayBy>().map_err(|_| {
                        at.at(item.span().start, "payments.methods", "each is \"bank\", \"card\" or \"twint\"")
                    })?;
                    if methods.contains(&method) {
                        return Err(at.at(item.span().start, "payments.methods", format!("{method} is listed twice")));
                    }
                    methods.push(method);
                }
                if methods.is_empty() {
                    return Err(at.at(list.span().start, "payments.methods", "lists no way to pay"));
                }
                methods
            }
        };
        let grace_days = days(at, self.grace_days.as_ref(), "payments.grace_days", 7, 0)?;
        let creditor_start = self.creditor.span().start;
        let raw = self.creditor.into_inner();
        let account = Iban::parse(raw.iban.get_ref())
            .map_err(|e| at.at(raw.iban.span().start, "payments.creditor.iban", e.to_string()))?;
        let field = |value: &Option<Spanned<String>>, name: &str, required: bool| -> Result<String, ConfigError> {
            match value {
                Some(text) => {
                    let trimmed = text.get_ref().trim();
                    qrbill::printable(trimmed)
                        .map_err(|e| at.at(text.span().start, format!("payments.creditor.{name}"), e.to_string()))?;
                    if required && trimmed.is_empty() {
                        return Err(at.at(text.span().start, format!("payments.creditor.{name}"), "is empty"));
                    }
                    Ok(trimmed.to_owned())
                }
                None if required => Err(at.at(
                    creditor_start,
                    format!("payments.creditor.{name}"),
                    "is missing: a QR-bill names the creditor's postcode and town",
                )),
                None => Ok(String::new()),
            }
        };
        let name = field(&Some(raw.name.clone()), "name", true)?;
        let creditor = Address {
            name,
            street: field(&raw.street, "street", false)?,
            building: field(&raw.building, "building", false)?,
            postcode: field(&raw.postcode, "postcode", true)?,
            town: field(&raw.town, "town", true)?,
            country: match &raw.country {
                Some(country) => country.get_ref().trim().to_uppercase(),
                None => "CH".to_owned(),
            },
        };
        creditor.validate().map_err(|e| at.at(creditor_start, "payments.creditor", e.to_string()))?;
        Ok(Payments { collect, due_days, grace_days, account, creditor, methods })
    }
}

/// A number of days from `lowest` to a year, or `default` when left out.
fn days(
    at: &Locator,
    value: Option<&Spanned<i64>>,
    field: &str,
    default: u32,
    lowest: u32,
) -> Result<u32, ConfigError> {
    match value {
        None => Ok(default),
        Some(days) => match u32::try_from(*days.get_ref()) {
            Ok(n) if (lowest..=365).contains(&n) => Ok(n),
            _ => Err(at.at(days.span().start, field, format!("must be a whole number of days from {lowest} to 365"))),
        },
    }
}
