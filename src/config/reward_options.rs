//! What a reward lets its backer choose in the campaign file: dated sessions with seats
//! (`[[rewards.sessions]]`), choices such as a size or a colour (`[[rewards.choices]]`), and the
//! questions it asks once the campaign succeeded (`[[rewards.survey]]`).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;

use super::campaign::{RawText, Text, instant, text};
use super::error::{ConfigError, Locator};
use crate::domain::slug;

/// The most seats a session offers, and the most units of a choice's value.
const MOST: u32 = 100_000;
/// The longest place, in characters.
const PLACE_MAX: usize = 200;

/// One dated occurrence of an event reward.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub place: Place,
    pub seats: u32,
}

/// Where a session takes place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Online,
    /// An address, as the campaign file writes it.
    At(String),
}

impl Place {
    /// As the campaign file and the API write it: `online` or the address.
    pub fn as_str(&self) -> &str {
        match self {
            Place::Online => "online",
            Place::At(address) => address,
        }
    }
}

/// When a reward's backer picks a session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChooseSession {
    /// On the pledge form: a pledge for the reward names its session.
    #[default]
    AtPledge,
    /// From the private page once the campaign succeeded.
    AfterSuccess,
}

/// One choice a reward asks for, such as `colour`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub label: Text,
    pub values: Vec<ChoiceValue>,
}

/// One value of a choice, such as `indigo`, with its stock when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceValue {
    pub id: String,
    pub label: Text,
    pub limit: Option<u32>,
}

/// A question a reward asks its backer once the campaign succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyQuestion {
    pub id: String,
    pub question: Text,
    /// The values to choose from; empty for a question answered in words.
    pub values: Vec<ChoiceValue>,
    /// A backer may leave it blank.
    pub optional: bool,
}

/// The longest answer in words, in characters.
pub const ANSWER_MAX: usize = 1000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSurveyQuestion {
    id: Spanned<String>,
    question: RawText,
    values: Option<Spanned<Vec<Spanned<RawChoiceValue>>>>,
    #[serde(default)]
    optional: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSession {
    id: Spanned<String>,
    starts: Spanned<toml::Value>,
    ends: Spanned<toml::Value>,
    place: Spanned<String>,
    seats: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoice {
    name: Spanned<String>,
    label: Option<RawText>,
    values: Spanned<Vec<Spanned<RawChoiceValue>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoiceValue {
    id: Spanned<String>,
    label: Option<RawText>,
    limit: Option<Spanned<i64>>,
}

/// Whether `id` is written as an anchor: lower-case letters, digits and dashes.
fn is_plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && slug::of(id, "") == id
}

/// `raw` as the id of a new item of a list: written as an anchor and not one of `taken`.
/// `(what, example, owner)` name the item, a good id and what holds the list, for the message.
fn new_id<'a>(
    at: &Locator,
    raw: &Spanned<String>,
    field: &str,
    (what, example, owner): (&str, &str, &str),
    mut taken: impl Iterator<Item = &'a str>,
) -> Result<String, ConfigError> {
    let id = raw.get_ref();
    if !is_plain_id(id) {
        let message = format!("name the {what} in lower-case letters, digits and dashes, such as \"{example}\"");
        return Err(at.at(raw.span().start, field, message));
    }
    if taken.any(|other| other == id) {
        return Err(at.at(raw.span().start, field, format!("\"{id}\" names another {what} of this {owner}")));
    }
    Ok(id.clone())
}

/// A text that falls back to `id` in every language when the file gives none.
fn label_or(at: &Locator, raw: Option<RawText>, start: usize, field: &str, id: &str) -> Result<Text, ConfigError> {
    match raw {
        Some(raw) => text(at, raw, start, field),
        None => Ok(Text { fr: id.to_owned(), en: id.to_owned(), de: id.to_owned() }),
    }
}

/// A whole number from 1 to [`MOST`].
fn count(at: &Locator, value: &Spanned<i64>, field: &str, what: &str) -> Result<u32, ConfigError> {
    match u32::try_from(*value.get_ref()) {
        Ok(n @ 1..=MOST) => Ok(n),
        _ => {
            Err(at.at(value.span().start, field, format!("give the number of {what}: a whole number from 1 to {MOST}")))
        }
    }
}

pub(super) fn sessions(
    at: &Locator,
    raw: Vec<Spanned<RawSession>>,
    field: &str,
    zone: Tz,
) -> Result<Vec<Session>, ConfigError> {
    let mut sessions: Vec<Session> = Vec::with_capacity(raw.len());
    for (index, raw) in raw.into_iter().enumerate() {
        let field = format!("{field}.sessions[{index}]");
        let raw = raw.into_inner();
        let taken = sessions.iter().map(|s| s.id.as_str());
        let id = new_id(at, &raw.id, &format!("{field}.id"), ("session", "2027-03-06-morning", "reward"), taken)?;
        let starts = instant(at, &raw.starts, &format!("{field}.starts"), zone)?;
        let ends = instant(at, &raw.ends, &format!("{field}.ends"), zone)?;
        if ends <= starts {
            return Err(at.at(raw.ends.span().start, format!("{field}.ends"), "must come after `starts`"));
        }
        let place = match raw.place.get_ref().trim() {
            "" => {
                return Err(at.at(
                    raw.place.span().start,
                    format!("{field}.place"),
                    "say where it takes place, or \"online\"",
                ));
            }
            "online" => Place::Online,
            address if address.chars().count() > PLACE_MAX => {
                return Err(at.at(
                    raw.place.span().start,
                    format!("{field}.place"),
                    format!("keep the place to {PLACE_MAX} characters"),
                ));
            }
            address => Place::At(address.to_owned()),
        };
        let seats = count(at, &raw.seats, &format!("{field}.seats"), "seats")?;
        sessions.push(Session { id, starts, ends, place, seats });
    }
    Ok(sessions)
}

pub(super) fn choose_session(
    at: &Locator,
    raw: Option<Spanned<String>>,
    field: &str,
) -> Result<ChooseSession, ConfigError> {
    match raw.as_ref().map(|r| r.get_ref().as_str()) {
        None | Some("at-pledge") => Ok(ChooseSession::AtPledge),
        Some("after-success") => Ok(ChooseSession::AfterSuccess),
        Some(_) => Err(at.at(
            raw.map_or(0, |r| r.span().start),
            format!("{field}.choose_session"),
            "use \"at-pledge\" or \"after-success\"",
        )),
    }
}

pub(super) fn choices(at: &Locator, raw: Vec<Spanned<RawChoice>>, field: &str) -> Result<Vec<Choice>, ConfigError> {
    let mut choices: Vec<Choice> = Vec::with_capacity(raw.len());
    for (index, raw) in raw.into_iter().enumerate() {
        let field = format!("{field}.choices[{index}]");
        let start = raw.span().start;
        let raw = raw.into_inner();
        let taken = choices.iter().map(|c| c.name.as_str());
        let name = new_id(at, &raw.name, &format!("{field}.name"), ("choice", "colour", "reward"), taken)?;
        let label = label_or(at, raw.label, start, &format!("{field}.label"), &name)?;
        let values = values(at, raw.values, &field, true)?;
        choices.push(Choice { name, label, values });
    }
    Ok(choices)
}

/// The values of a choice, or of a survey's question (which have no stock: `limited` false).
fn values(
    at: &Locator,
    raw: Spanned<Vec<Spanned<RawChoiceValue>>>,
    field: &str,
    limited: bool,
) -> Result<Vec<ChoiceValue>, ConfigError> {
    let values_at = raw.span().start;
    let mut values: Vec<ChoiceValue> = Vec::new();
    for (index, value) in raw.into_inner().into_iter().enumerate() {
        let field = format!("{field}.values[{index}]");
        let start = value.span().start;
        let value = value.into_inner();
        let taken = values.iter().map(|v| v.id.as_str());
        let id = new_id(at, &value.id, &format!("{field}.id"), ("value", "indigo", "choice"), taken)?;
        let label = label_or(at, value.label, start, &format!("{field}.label"), &id)?;
        let limit = match &value.limit {
            Some(limit) if !limited => {
                let message = "an answer has no stock: take `limit` out";
                return Err(at.at(limit.span().start, format!("{field}.limit"), message));
            }
            Some(limit) => Some(count(at, limit, &format!("{field}.limit"), "units")?),
            None => None,
        };
        values.push(ChoiceValue { id, label, limit });
    }
    if values.is_empty() {
        return Err(at.at(values_at, format!("{field}.values"), "list at least one value to choose"));
    }
    Ok(values)
}

pub(super) fn survey(
    at: &Locator,
    raw: Vec<Spanned<RawSurveyQuestion>>,
    field: &str,
) -> Result<Vec<SurveyQuestion>, ConfigError> {
    let mut questions: Vec<SurveyQuestion> = Vec::with_capacity(raw.len());
    for (index, raw) in raw.into_iter().enumerate() {
        let field = format!("{field}.survey[{index}]");
        let start = raw.span().start;
        let raw = raw.into_inner();
        let taken = questions.iter().map(|q| q.id.as_str());
        let id = new_id(at, &raw.id, &format!("{field}.id"), ("question", "shoe-size", "reward"), taken)?;
        let question = text(at, raw.question, start, &format!("{field}.question"))?;
        let values = raw.values.map(|v| values(at, v, &field, false)).transpose()?.unwrap_or_default();
        questions.push(SurveyQuestion { id, question, values, optional: raw.optional });
    }
    Ok(questions)
}
