//! The campaign file (`campaign.toml`): its validated form, and how it is read.
//!
//! The file is read into "raw" structs that keep the position of every value, then checked
//! field by field, so each mistake names its line. What comes out is valid by construction.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;

use super::error::{ConfigError, Locator};
use super::media::{self, Image, RawImage, RawVideo, Video};
use super::payments::{Payments, RawPayments};
use super::reward_options::{
    self, Choice, ChooseSession, RawChoice, RawSession, RawSurveyQuestion, Session, SurveyQuestion,
};
use crate::domain::shipping::Postage;
use crate::domain::{Amount, Lang, Money, RewardId, markdown, slug};

/// A text in every language. Another language falls back to French when the file has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub fr: String,
    pub en: String,
    pub de: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
            Lang::De => &self.de,
        }
    }
}

/// Whether the team keeps the money when the goal is missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundingModel {
    /// Backers are charged only if the goal is reached (the default).
    AllOrNothing,
    /// The team keeps what was pledged even below the goal.
    KeepItAll,
}

pub use crate::domain::states::RewardKind;

/// How a reward reaches its backer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fulfilment {
    /// Sent by post.
    Shipped,
    /// Collected, or attended, in Geneva.
    Pickup,
    /// Takes place online (coaching, classes).
    Online,
}

/// A lower price for the first backers, or until a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlyBird {
    pub price: Money,
    pub until: Option<DateTime<Utc>>,
    pub first: Option<u32>,
}

/// One reward as the campaign file describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Reward {
    pub id: RewardId,
    pub kind: RewardKind,
    pub title: Text,
    pub description: Text,
    pub minimum: Money,
    pub limit: Option<u32>,
    pub early_bird: Option<EarlyBird>,
    /// First day of the month the reward is expected to reach backers.
    pub delivery: NaiveDate,
    pub fulfilment: Fulfilment,
    /// The slugs of the designers behind the reward; shown once their profiles are approved.
    pub designers: Vec<String>,
    /// Its picture on the campaign page and the pledge form.
    pub image: Option<Image>,
    /// Its dated sessions, for an event; none for most rewards.
    pub sessions: Vec<Session>,
    /// When its backer picks a session; meaningless without sessions.
    pub choose_session: ChooseSession,
    /// What its backer chooses, such as a size or a colour.
    pub choices: Vec<Choice>,
    /// Its own postage, in place of the campaign's; only for a reward sent by post.
    pub postage: Option<Postage>,
    /// What it asks its backer once the campaign succeeded; none for most rewards.
    pub survey: Vec<SurveyQuestion>,
}

/// The whole campaign, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    pub slug: String,
    pub title: Text,
    /// The name the header and link previews use where the title is too long to fit.
    pub short_name: Text,
    pub summary: Text,
    pub story: Text,
    pub currency: String,
    pub goal: Money,
    pub deadline: DateTime<Utc>,
    pub time_zone: Tz,
    pub funding: FundingModel,
    pub min_pledge: Money,
    pub max_pledge: Money,
    pub rewards: Vec<Reward>,
    /// How backers pay; `None` runs the campaign without payments.
    pub payments: Option<Payments>,
    /// Who runs the campaign, named at the foot of every page; `None` when the file says not.
    pub organiser: Option<Organiser>,
    /// The picture at the top of the campaign page and in its link previews.
    pub cover: Option<Image>,
    /// More pictures, shown with the story.
    pub gallery: Vec<Image>,
    pub video: Option<Video>,
    /// The questions backers ask most, answered, in the order of the file.
    pub faq: Vec<Faq>,
    /// How many days after the close personal data is kept; `None`: until the team erases it.
    pub retention_days: Option<u32>,
    /// The postage of rewards sent by post; `None` sends them free, wherever they go.
    pub postage: Option<Postage>,
}

/// A question of the FAQ and its answer, in every language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Faq {
    /// Its anchor on the campaign page, `#faq-<id>`.
    pub id: String,
    pub question: Text,
    /// Safe HTML, from the file's Markdown.
    pub answer_html: Text,
}

/// Who runs the campaign: the legal notice and the contact of every page's footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organiser {
    pub name: String,
    pub email: crate::domain::Email,
    /// The postal address, on one line.
    pub address: Option<String>,
    /// More of the legal notice (registration, who is responsible for the content).
    pub legal: Option<Text>,
    /// The privacy page's text, replacing bobine's own, which says what it stores and why.
    pub privacy: Option<Text>,
}

impl Campaign {
    /// Reads and validates a campaign file.
    pub fn load(path: &Path) -> Result<Campaign, ConfigError> {
        let source = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: path.to_owned(),
            line: None,
            field: "(file)".into(),
            message: format!("cannot be read: {e}"),
        })?;
        Campaign::parse(path, &source)
    }

    /// Validates the text of a campaign file; `path` only names it in errors.
    pub fn parse(path: &Path, source: &str) -> Result<Campaign, ConfigError> {
        let at = Locator { file: path, source };
        let raw: RawCampaign = toml::from_str(source).map_err(|e| at.toml_error(&e))?;
        raw.validate(&at)
    }

    /// Every picture the file names: cover, gallery, video poster, rewards' images.
    pub fn images(&self) -> impl Iterator<Item = &Image> {
        self.cover
            .iter()
            .chain(&self.gallery)
            .chain(self.video.as_ref().map(|v| &v.poster))
            .chain(self.rewards.iter().filter_map(|r| r.image.as_ref()))
    }

    pub fn reward(&self, id: &str) -> Option<&Reward> {
        self.rewards.iter().find(|r| r.id.as_str() == id)
    }

    /// The postage of `reward`: its own, or the campaign's; `None` when it costs nothing to
    /// send, or is not sent by post.
    pub fn postage<'a>(&'a self, reward: &'a Reward) -> Option<&'a Postage> {
        if reward.fulfilment != Fulfilment::Shipped {
            return None;
        }
        reward.postage.as_ref().or(self.postage.as_ref())
    }

    /// The designers' slugs that rewards name, each once, in the order rewards first name
    /// them: a registration never receives one of them, so that only the team decides who
    /// appears on a reward.
    pub fn named_designers(&self) -> Vec<&str> {
        let mut slugs: Vec<&str> = Vec::new();
        for slug in self.rewards.iter().flat_map(|r| r.designers.iter().map(String::as_str)) {
            if !slugs.contains(&slug) {
                slugs.push(slug);
            }
        }
        slugs
    }
}

/// The longest short name, in characters.
const SHORT_NAME_MAX: usize = 32;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    slug: Spanned<String>,
    currency: Spanned<String>,
    goal: Spanned<toml::Value>,
    deadline: Spanned<toml::Value>,
    time_zone: Spanned<String>,
    funding: Option<Spanned<String>>,
    min_pledge: Option<Spanned<toml::Value>>,
    max_pledge: Option<Spanned<toml::Value>>,
    title: RawText,
    short_name: Option<RawText>,
    summary: RawText,
    story: RawText,
    #[serde(default)]
    rewards: Vec<Spanned<RawReward>>,
    payments: Option<RawPayments>,
    organiser: Option<RawOrganiser>,
    cover: Option<RawImage>,
    #[serde(default)]
    gallery: Vec<RawImage>,
    video: Option<RawVideo>,
    #[serde(default)]
    faq: Vec<Spanned<RawFaq>>,
    retention_days: Option<Spanned<i64>>,
    shipping: Option<Spanned<RawPostage>>,
}

/// Postage per zone, as written: `switzerland`, `europe`, `world`, each an amount or `"0"`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPostage {
    switzerland: Option<Spanned<toml::Value>>,
    europe: Option<Spanned<toml::Value>>,
    world: Option<Spanned<toml::Value>>,
}

impl RawPostage {
    fn validate(self, at: &Locator, start: usize, field: &str) -> Result<Postage, ConfigError> {
        let cost = |value: Option<Spanned<toml::Value>>, zone: &str| -> Result<Option<Amount>, ConfigError> {
            let Some(value) = value else { return Ok(None) };
            let free = match value.get_ref() {
                toml::Value::Integer(0) => true,
                toml::Value::String(text) => matches!(text.trim(), "0" | "0.0" | "0.00"),
                _ => false,
            };
            if free {
                return Ok(Some(Amount::from_cents(0)));
            }
            amount(at, &value, &format!("{field}.{zone}")).map(|money| Some(Amount::from(money)))
        };
        let postage = Postage {
            switzerland: cost(self.switzerland, "switzerland")?,
            europe: cost(self.europe, "europe")?,
            world: cost(self.world, "world")?,
        };
        if postage.first_zone().is_none() {
            return Err(at.at(
                start,
                field,
                "give the postage of at least one zone: switzerland, europe or world (\"0\" when free)",
            ));
        }
        Ok(postage)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFaq {
    id: Option<Spanned<String>>,
    question: RawText,
    answer: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganiser {
    name: Spanned<String>,
    email: Spanned<String>,
    address: Option<String>,
    legal: Option<RawText>,
    privacy: Option<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawText {
    fr: Option<Spanned<String>>,
    en: Option<Spanned<String>>,
    de: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReward {
    id: Spanned<String>,
    kind: Spanned<String>,
    title: RawText,
    description: RawText,
    minimum: Spanned<toml::Value>,
    limit: Option<Spanned<i64>>,
    early_bird: Option<Spanned<RawEarlyBird>>,
    delivery: Spanned<String>,
    fulfilment: Spanned<String>,
    designers: Option<Spanned<Vec<String>>>,
    image: Option<Spanned<String>>,
    #[serde(default)]
    sessions: Vec<Spanned<RawSession>>,
    choose_session: Option<Spanned<String>>,
    #[serde(default)]
    choices: Vec<Spanned<RawChoice>>,
    shipping: Option<Spanned<RawPostage>>,
    #[serde(default)]
    survey: Vec<Spanned<RawSurveyQuestion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEarlyBird {
    price: Spanned<toml::Value>,
    until: Option<Spanned<toml::Value>>,
    first: Option<Spanned<i64>>,
}

impl RawCampaign {
    fn validate(self, at: &Locator) -> Result<Campaign, ConfigError> {
        let slug = self.slug.get_ref();
        if RewardId::parse(slug).is_err() {
            return Err(at.at(self.slug.span().start, "slug", "use 1 to 64 lower-case letters, digits and dashes"));
        }
        let currency = self.currency.get_ref();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(at.at(
                self.currency.span().start,
                "currency",
                "use a three-letter currency code such as \"CHF\"",
            ));
        }
        let time_zone: Tz = self.time_zone.get_ref().parse().map_err(|_| {
            at.at(self.time_zone.span().start, "time_zone", "not a time zone name such as \"Europe/Zurich\"")
        })?;
        let deadline = instant(at, &self.deadline, "deadline", time_zone)?;
        let funding = match self.funding.as_ref().map(|f| (f.get_ref().as_str(), f.span().start)) {
            None | Some(("all-or-nothing", _)) => FundingModel::AllOrNothing,
            Some(("keep-it-all", _)) => FundingModel::KeepItAll,
            Some((_, offset)) => {
                return Err(at.at(offset, "funding", "use \"all-or-nothing\" or \"keep-it-all\""));
            }
        };
        let goal = amount(at, &self.goal, "goal")?;
        let min_pledge = match &self.min_pledge {
            Some(value) => amount(at, value, "min_pledge")?,
            None => Money::parse("1.00").expect("a constant amount"),
        };
        let max_pledge = match &self.max_pledge {
            Some(value) => amount(at, value, "max_pledge")?,
            None => Money::parse("10000.00").expect("a constant amount"),
        };
        if min_pledge > max_pledge {
            let offset = self.max_pledge.as_ref().map_or(0, |m| m.span().start);
            return Err(at.at(offset, "max_pledge", format!("must be at least min_pledge ({min_pledge})")));
        }

        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut rewards = Vec::with_capacity(self.rewards.len());
        for (index, raw) in self.rewards.into_iter().enumerate() {
            let field = format!("rewards[{index}]");
            let span = raw.span();
            let reward = raw.into_inner().validate(at, span.start, &field, time_zone, max_pledge)?;
            if let Some(first_line) = seen.insert(reward.id.to_string(), at.line_of(span.start)) {
                return Err(at.at(
                    span.start,
                    format!("{field}.id"),
                    format!("\"{}\" is already the id of the reward on line {first_line}", reward.id),
                ));
            }
            rewards.push(reward);
        }

        let payments = match self.payments {
            Some(raw) => Some(raw.validate(at, funding)?),
            None => None,
        };
        let organiser = match self.organiser {
            None => None,
            Some(raw) => {
                let start = raw.name.span().start;
                let name = raw.name.get_ref().trim().to_owned();
                if name.is_empty() {
                    return Err(at.at(raw.name.span().start, "organiser.name", "name who runs the campaign"));
                }
                let email = crate::domain::Email::parse(raw.email.get_ref()).map_err(|_| {
                    at.at(raw.email.span().start, "organiser.email", "not an email address such as contact@example.ch")
                })?;
                Some(Organiser {
                    name,
                    email,
                    address: raw.address.map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()),
                    legal: raw.legal.map(|t| text(at, t, start, "organiser.legal")).transpose()?,
                    privacy: raw.privacy.map(|t| text(at, t, start, "organiser.privacy")).transpose()?,
                })
            }
        };
        let cover = self.cover.map(|raw| raw.validate(at, "cover", media::COVER_WIDTHS)).transpose()?;
        let gallery = self
            .gallery
            .into_iter()
            .enumerate()
            .map(|(index, raw)| raw.validate(at, &format!("gallery[{index}]"), media::GALLERY_WIDTHS))
            .collect::<Result<Vec<_>, _>>()?;
        let video = self.video.map(|raw| raw.validate(at)).transpose()?;
        let mut faq: Vec<Faq> = Vec::with_capacity(self.faq.len());
        for (index, raw) in self.faq.into_iter().enumerate() {
            let field = format!("faq[{index}]");
            let start = raw.span().start;
            let raw = raw.into_inner();
            let question = text(at, raw.question, start, &format!("{field}.question"))?;
            let answer = text(at, raw.answer, start, &format!("{field}.answer"))?;
            let id = match &raw.id {
                Some(id) if id.get_ref().is_empty() || slug::of(id.get_ref(), "") != *id.get_ref() => {
                    return Err(at.at(
                        id.span().start,
                        format!("{field}.id"),
                        "write the anchor in lower-case letters, digits and dashes, such as \"delivery\"",
                    ));
                }
                Some(id) => id.get_ref().clone(),
                None => slug::of(&question.fr, &format!("question-{}", index + 1)),
            };
            if faq.iter().any(|other| other.id == id) {
                return Err(at.at(
                    start,
                    format!("{field}.id"),
                    format!("\"{id}\" is already the anchor of another question: give this one an `id`"),
                ));
            }
            let html = |markdown: &str| markdown::to_safe_html(markdown);
            let answer_html = Text { fr: html(&answer.fr), en: html(&answer.en), de: html(&answer.de) };
            faq.push(Faq { id, question, answer_html });
        }
        let retention_days = match self.retention_days {
            None => None,
            Some(days) => match u32::try_from(*days.get_ref()) {
                Ok(n @ 1..=3650) => Some(n),
                _ => {
                    return Err(at.at(
                        days.span().start,
                        "retention_days",
                        "give a number of days from 1 to 3650 (ten years), such as 730",
                    ));
                }
            },
        };
        let postage = match self.shipping {
            None => None,
            Some(raw) => {
                let offset = raw.span().start;
                Some(raw.into_inner().validate(at, offset, "shipping")?)
            }
        };
        let title = text(at, self.title, 0, "title")?;
        let short_name = match self.short_name {
            None => title.clone(),
            Some(raw) => {
                for (lang, name) in [("fr", &raw.fr), ("en", &raw.en), ("de", &raw.de)] {
                    if let Some(name) = name.as_ref().filter(|n| n.get_ref().trim().chars().count() > SHORT_NAME_MAX) {
                        return Err(at.at(
                            name.span().start,
                            format!("short_name.{lang}"),
                            format!(
                                "keep the short name to {SHORT_NAME_MAX} characters: it has to fit a phone's header"
                            ),
                        ));
                    }
                }
                text(at, raw, 0, "short_name")?
            }
        };
        Ok(Campaign {
            slug: slug.clone(),
            title,
            short_name,
            summary: text(at, self.summary, 0, "summary")?,
            story: text(at, self.story, 0, "story")?,
            currency: currency.clone(),
            goal,
            deadline,
            time_zone,
            funding,
            min_pledge,
            max_pledge,
            rewards,
            payments,
            organiser,
            cover,
            gallery,
            video,
            faq,
            retention_days,
            postage,
        })
    }
}

impl RawReward {
    /// `start` is where the reward begins in the file, for errors about what it lacks.
    fn validate(
        self,
        at: &Locator,
        start: usize,
        field: &str,
        time_zone: Tz,
        max_pledge: Money,
    ) -> Result<Reward, ConfigError> {
        let id = RewardId::parse(self.id.get_ref())
            .map_err(|e| at.at(self.id.span().start, format!("{field}.id"), e.to_string()))?;
        let kind = self.kind.get_ref().parse::<RewardKind>().map_err(|_| {
            at.at(
                self.kind.span().start,
                format!("{field}.kind"),
                "use \"object\", \"workshop\", \"guided-tour\", \"coaching\" or \"meeting\"",
            )
        })?;
        let minimum = amount(at, &self.minimum, &format!("{field}.minimum"))?;
        if minimum > max_pledge {
            return Err(at.at(
                self.minimum.span().start,
                format!("{field}.minimum"),
                format!("is above the largest accepted pledge, max_pledge ({max_pledge})"),
            ));
        }
        let limit = match self.limit {
            None => None,
            Some(limit) => match u32::try_from(*limit.get_ref()) {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    return Err(at.at(
                        limit.span().start,
                        format!("{field}.limit"),
                        "must be a whole number above zero, or left out for no limit",
                    ));
                }
            },
        };
        let early_bird = match self.early_bird {
            None => None,
            Some(raw) => Some(raw.into_inner().validate(at, field, time_zone, minimum, limit)?),
        };
        let delivery =
            NaiveDate::parse_from_str(&format!("{}-01", self.delivery.get_ref()), "%Y-%m-%d").map_err(|_| {
                at.at(
                    self.delivery.span().start,
                    format!("{field}.delivery"),
                    "write the estimated delivery month as \"2027-06\"",
                )
            })?;
        let fulfilment = match self.fulfilment.get_ref().as_str() {
            "shipped" => Fulfilment::Shipped,
            "pickup" => Fulfilment::Pickup,
            "online" => Fulfilment::Online,
            _ => {
                return Err(at.at(
                    self.fulfilment.span().start,
                    format!("{field}.fulfilment"),
                    "use \"shipped\", \"pickup\" or \"online\"",
                ));
            }
        };
        let designers = match self.designers {
            None => Vec::new(),
            Some(slugs) => {
                let plain = slugs.get_ref().iter().all(|slug| crate::domain::designer::slug_of(slug) == *slug);
                if !plain {
                    return Err(at.at(
                        slugs.span().start,
                        format!("{field}.designers"),
                        "name each designer by the slug of their profile, such as \"atelier-rose\"",
                    ));
                }
                slugs.into_inner()
            }
        };
        let image = self
            .image
            .map(|file| media::image(at, &file, &format!("{field}.image"), media::REWARD_WIDTHS))
            .transpose()?;
        let sessions = reward_options::sessions(at, self.sessions, field, time_zone)?;
        let choose_session = reward_options::choose_session(at, self.choose_session, field)?;
        let choices = reward_options::choices(at, self.choices, field)?;
        let survey = reward_options::survey(at, self.survey, field)?;
        let postage = match self.shipping {
            None => None,
            Some(_) if fulfilment != Fulfilment::Shipped => {
                return Err(at.at(
                    start,
                    format!("{field}.shipping"),
                    "postage is for a reward sent by post: set fulfilment = \"shipped\", or leave shipping out",
                ));
            }
            Some(raw) => {
                let offset = raw.span().start;
                Some(raw.into_inner().validate(at, offset, &format!("{field}.shipping"))?)
            }
        };
        Ok(Reward {
            id,
            kind,
            title: text(at, self.title, start, &format!("{field}.title"))?,
            description: text(at, self.description, start, &format!("{field}.description"))?,
            minimum,
            limit,
            early_bird,
            delivery,
            fulfilment,
            designers,
            image,
            sessions,
            choose_session,
            choices,
            postage,
            survey,
        })
    }
}

impl RawEarlyBird {
    fn validate(
        self,
        at: &Locator,
        field: &str,
        time_zone: Tz,
        minimum: Money,
        limit: Option<u32>,
    ) -> Result<EarlyBird, ConfigError> {
        let field = format!("{field}.early_bird");
        let price = amount(at, &self.price, &format!("{field}.price"))?;
        if price >= minimum {
            return Err(at.at(
                self.price.span().start,
                format!("{field}.price"),
                format!("must be below the reward's minimum ({minimum})"),
            ));
        }
        let until = match &self.until {
            Some(value) => Some(instant(at, value, &format!("{field}.until"), time_zone)?),
            None => None,
        };
        let first = match &self.first {
            None => None,
            Some(first) => match u32::try_from(*first.get_ref()) {
                Ok(n) if n > 0 && limit.is_none_or(|l| n <= l) => Some(n),
                _ => {
                    return Err(at.at(
                        first.span().start,
                        format!("{field}.first"),
                        "must be a whole number above zero and not above the reward's limit",
                    ));
                }
            },
        };
        if until.is_none() && first.is_none() {
            return Err(at.at(
                self.price.span().start,
                field,
                "say how long the early-bird price lasts: `until` a date, or for the `first` N backers",
            ));
        }
        Ok(EarlyBird { price, until, first })
    }
}

/// A text in both languages; `start` locates a missing French text at its owner.
pub(super) fn text(at: &Locator, raw: RawText, start: usize, field: &str) -> Result<Text, ConfigError> {
    let fr = match raw.fr {
        Some(fr) if !fr.get_ref().trim().is_empty() => fr.into_inner(),
        Some(fr) => {
            return Err(at.at(fr.span().start, format!("{field}.fr"), "the French text is empty"));
        }
        None => return Err(at.at(start, format!("{field}.fr"), "the French text is missing")),
    };
    let or_french = |other: Option<Spanned<String>>| {
        other
            .map(Spanned::into_inner)
            .filter(|text| !text.trim().is_empty())
            .unwrap_or_else(|| fr.clone())
            .trim()
            .to_owned()
    };
    Ok(Text { en: or_french(raw.en), de: or_french(raw.de), fr: fr.trim().to_owned() })
}

fn amount(at: &Locator, value: &Spanned<toml::Value>, field: &str) -> Result<Money, ConfigError> {
    let text = match value.get_ref() {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        _ => {
            return Err(at.at(
                value.span().start,
                field,
                "write an amount as text, such as \"120.00\", or a whole number",
            ));
        }
    };
    Money::parse(&text).map_err(|e| at.at(value.span().start, field, e.to_string()))
}

/// Reads an instant that must carry its UTC offset, and checks the offset against the
/// campaign's time zone so that a summer/winter-time slip is caught.
pub(super) fn instant(
    at: &Locator,
    value: &Spanned<toml::Value>,
    field: &str,
    zone: Tz,
) -> Result<DateTime<Utc>, ConfigError> {
    let text = match value.get_ref() {
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::String(s) => s.clone(),
        _ => {
            return Err(at.at(value.span().start, field, "write a date and time such as 2027-03-31T23:59:59+02:00"));
        }
    };
    let parsed = DateTime::parse_from_rfc3339(&text).map_err(|_| {
        let hint = if lacks_offset(&text) {
            "has no time zone: add the offset, such as 2027-03-31T23:59:59+02:00"
        } else {
            "write a date and time such as 2027-03-31T23:59:59+02:00"
        };
        at.at(value.span().start, field, hint)
    })?;
    let expected = zone.offset_from_utc_datetime(&parsed.naive_utc()).fix();
    if *parsed.offset() != expected {
        return Err(at.at(
            value.span().start,
            field,
            format!("the offset {} is not that of {} on that date ({})", parsed.offset(), zone.name(), expected),
        ));
    }
    Ok(parsed.with_timezone(&Utc))
}

/// Whether `text` is a valid date and time to the second that only lacks its UTC offset.
fn lacks_offset(text: &str) -> bool {
    // `get`, not indexing: a letter such as `é` may straddle the end of the seconds.
    match (text.get(..19), text.get(19..)) {
        (Some(date_time), Some(rest)) => {
            NaiveDateTime::parse_from_str(date_time, "%Y-%m-%dT%H:%M:%S").is_ok()
                && !rest.contains(['Z', 'z', '+', '-'])
        }
        _ => false,
    }
}
