//! What public pages show, as typed template contexts built from the campaign file and the
//! services' read models. Every page is a [`Page`]: the layout's fields beside its own body.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

use crate::app::AppState;
use crate::config::campaign::{Fulfilment, FundingModel, Reward};
use crate::config::media::{Image, Video, VideoSource};
use crate::config::reward_options::ChooseSession;
use crate::domain::shipping::{Postage, ShippingZone};
use crate::domain::states::PledgeState;
use crate::domain::{Amount, CampaignState, Lang, Source};
use crate::error::AppError;
use crate::i18n;
use crate::routes::source;
use crate::services::campaign::{RewardFigures, Snapshot};
use crate::services::designers::Byline;
use crate::services::pledges::PledgeRecord;
use crate::services::pricing::current_minimum;
use rocket_dyn_templates::Template;

/// A page: what the layout needs, and the page's own fields beside it.
#[derive(Debug, Serialize)]
pub struct Page<T> {
    #[serde(flatten)]
    pub layout: Layout,
    #[serde(flatten)]
    pub body: T,
}

/// What the layout of every page shows.
#[derive(Debug, Serialize)]
pub struct Layout {
    pub lang: &'static str,
    /// This page in each other language.
    pub languages: Vec<LangLink>,
    pub site_title: String,
    pub short_name: String,
    pub currency: String,
    pub page_title: Option<String>,
    /// This page's absolute address, from `BOBINE_PUBLIC_URL`: what links shared elsewhere
    /// and the canonical link name.
    pub page_url: String,
    /// What links to this page show where they are shared; `None` for a private page, which
    /// also asks search engines not to index it.
    pub preview: Option<Preview>,
    /// The site's address, for links to this page in each language.
    pub public_url: String,
    /// The version the addresses of the site's CSS and scripts carry.
    pub assets: String,
    /// Who runs the campaign and how to reach them, at the foot of every page.
    pub organiser: Option<String>,
    pub contact_email: Option<String>,
    /// What the site's links carry of the visit's source, after a path and after a query
    /// (see [`crate::routes::source`]); empty for a visit with none.
    pub src_q: String,
    pub src_amp: String,
}

impl<T: Serialize> Page<T> {
    /// The page at `path` in `lang`, showing `body`.
    pub fn new(state: &AppState, lang: Lang, path: &str, body: T) -> Page<T> {
        // A path as the visitor sent it may start `//host`, which a link would take for
        // another site: the language link stays on this one.
        let path = format!("/{}", path.trim_start_matches(['/', '\\']));
        let separator = if path.contains('?') { '&' } else { '?' };
        let layout = Layout {
            lang: lang.code(),
            languages: Lang::ALL
                .into_iter()
                .filter(|&other| other != lang)
                .map(|other| LangLink {
                    code: other.code(),
                    name: other.name(),
                    url: format!("{path}{separator}lang={}", other.code()),
                })
                .collect(),
            site_title: state.campaign.title.get(lang).to_owned(),
            short_name: state.campaign.short_name.get(lang).to_owned(),
            currency: state.campaign.currency.clone(),
            page_title: None,
            page_url: absolute(state, &path),
            preview: None,
            public_url: state.letters.public_url().as_str().to_owned(),
            assets: state.assets.to_string(),
            organiser: state.campaign.organiser.as_ref().map(|o| o.name.clone()),
            contact_email: state.campaign.organiser.as_ref().map(|o| o.email.to_string()),
            src_q: String::new(),
            src_amp: String::new(),
        };
        Page { layout, body }
    }

    /// With a title before the site's.
    pub fn titled(mut self, title: impl Into<String>) -> Page<T> {
        self.layout.page_title = Some(title.into());
        self
    }

    /// A public page: described by `description` where links to it are shared, with the
    /// picture at `image` (a path of the site).
    pub fn previewed(mut self, description: &str, image: &str) -> Page<T> {
        self.layout.preview = Some(Preview {
            description: excerpt(description, 200),
            image: format!("{}{image}", self.layout.public_url),
            locale: Lang::from_tag(self.layout.lang).unwrap_or_default().locale(),
            other_locales: self
                .layout
                .languages
                .iter()
                .filter_map(|l| Lang::from_tag(l.code))
                .map(Lang::locale)
                .collect(),
        });
        self
    }

    /// A public page shared with the campaign's own picture.
    pub fn described(self, description: &str) -> Page<T> {
        let image = format!("/preview.png?lang={}", self.layout.lang);
        self.previewed(description, &image)
    }

    /// With links that carry the visit's source on.
    pub fn carrying(mut self, visit: &Source) -> Page<T> {
        (self.layout.src_q, self.layout.src_amp) = source::suffixes(visit);
        self
    }

    /// With marks where a visit's source goes, for a page rendered once for every visitor.
    pub fn marked(mut self) -> Page<T> {
        (self.layout.src_q, self.layout.src_amp) = source::marks();
        self
    }
}

/// The absolute address of the site's `path`, as links shared elsewhere need it.
pub fn absolute(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.letters.public_url().as_str())
}

/// What a link to a public page shows where it is shared (Open Graph and Twitter cards).
#[derive(Debug, Serialize)]
pub struct Preview {
    pub description: String,
    /// The picture's absolute address.
    pub image: String,
    pub locale: &'static str,
    pub other_locales: Vec<&'static str>,
}

/// A link to the page a visitor is on, in another language.
#[derive(Debug, Serialize)]
pub struct LangLink {
    pub code: &'static str,
    /// The language's name in itself.
    pub name: &'static str,
    pub url: String,
}

/// The start of `text` on one line, cut at a word and ended with "…" when longer than
/// `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |space| &cut[..space]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// A page that only says something: a title and a text, both messages' keys.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Notice {
    pub title_key: &'static str,
    pub text_key: &'static str,
}

impl Notice {
    /// The page at `path`, with `template`; a public one (`described`, a message's key) has
    /// link previews.
    pub fn page(
        self,
        state: &AppState,
        lang: Lang,
        path: &str,
        template: &'static str,
        described: Option<&str>,
    ) -> Template {
        let page = Page::new(state, lang, path, self).titled(i18n::t(lang, self.title_key));
        match described {
            Some(key) => Template::render(template, page.described(&i18n::t(lang, key))),
            None => Template::render(template, page),
        }
    }
}

/// An error to show on a form, and the field it is about.
#[derive(Debug, Serialize)]
pub struct FormError {
    pub field: Option<&'static str>,
    pub message: String,
}

impl FormError {
    pub fn of(state: &AppState, error: &AppError, lang: Lang) -> FormError {
        FormError { field: error.field(), message: error.message(lang, &state.campaign.currency) }
    }
}

/// One option of a select or one checkbox.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The options of a select or a set of checkboxes: each of `values` with its label (the
/// message `{prefix}{value}`) and whether it is `selected`.
pub fn options<T: std::fmt::Display + Copy>(
    lang: Lang,
    values: impl IntoIterator<Item = T>,
    prefix: &str,
    selected: impl Fn(T) -> bool,
) -> Vec<Choice> {
    values
        .into_iter()
        .map(|v| {
            let value = v.to_string();
            Choice { label: i18n::t(lang, &format!("{prefix}{value}")), selected: selected(v), value }
        })
        .collect()
}

/// The campaign's story and figures.
#[derive(Debug, Clone, Serialize)]
pub struct CampaignView {
    pub title: String,
    pub summary: String,
    pub story: Vec<String>,
    pub currency: String,
    pub pledged: String,
    pub goal: String,
    pub percent: i64,
    /// The progress bar's width in percent, to the hundredth.
    pub bar_percent: String,
    pub backers: i64,
    pub helpers: i64,
    pub open: bool,
    pub succeeded: bool,
    pub failed: bool,
    pub time_left: Option<String>,
    pub deadline: String,
    pub keep_it_all: bool,
    pub min_pledge: String,
    /// The smallest pledge as a form value.
    pub min_pledge_plain: String,
    pub rewards: Vec<RewardView>,
}

/// One reward as cards, pages and the reward picker show it.
#[derive(Debug, Clone, Serialize)]
pub struct RewardView {
    pub id: String,
    pub title: String,
    pub description: Vec<String>,
    /// The description's first paragraph.
    pub summary: String,
    pub kind: String,
    pub minimum: String,
    /// What the pledge form suggests: the lowest price open now, as a form value.
    pub suggested_amount: String,
    pub early_bird: Option<EarlyBirdView>,
    pub limit: Option<u32>,
    pub claimed: i64,
    pub remaining: Option<i64>,
    pub sold_out: bool,
    pub delivery: String,
    pub fulfilment: String,
    /// The approved designers behind it.
    pub designers: Vec<DesignerLink>,
    /// Chosen in the reward picker.
    pub selected: bool,
    pub image: Option<ImageView>,
    /// Its dated sessions, when its backer chooses one on the pledge form.
    pub sessions: Vec<SessionView>,
    /// What its backer chooses, such as a size or a colour.
    pub choices: Vec<ChoiceView>,
    /// Where it is sent and the postage of each zone, when sending it costs something.
    pub postage: Vec<ZoneView>,
    /// Whether the pledge form asks for a session, choices or a postage zone with it.
    pub asks: bool,
}

/// A postage zone as the pledge form offers it.
#[derive(Debug, Clone, Serialize)]
pub struct ZoneView {
    pub value: String,
    pub label: String,
    /// "9.00", or "free".
    pub cost: String,
    /// As a form value, for the script that adds it up.
    pub cents: i64,
    pub checked: bool,
}

/// The name of a postage zone in `lang`.
pub fn zone_label(zone: ShippingZone, lang: Lang) -> String {
    i18n::t(lang, &format!("zone-{zone}"))
}

/// The zones `postage` serves, the first checked.
fn zone_views(postage: &Postage, lang: Lang) -> Vec<ZoneView> {
    postage
        .zones()
        .enumerate()
        .map(|(index, (zone, cost))| ZoneView {
            value: zone.to_string(),
            label: zone_label(zone, lang),
            cost: if cost.cents() == 0 { i18n::t(lang, "postage-free") } else { cost.display(lang.thousands()) },
            cents: cost.cents(),
            checked: index == 0,
        })
        .collect()
}

/// A session as the pledge form offers it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    pub id: String,
    /// "6 mars 2027, 09:30–12:00 CET", in the campaign's time zone.
    pub when: String,
    /// An address, or "En ligne".
    pub place: String,
    pub remaining: i64,
    pub full: bool,
    /// Chosen on the form as it is shown again.
    pub checked: bool,
}

/// A choice of a reward as the pledge form offers it.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceView {
    pub name: String,
    pub label: String,
    pub values: Vec<ChoiceValueView>,
}

/// A value of a choice.
#[derive(Debug, Clone, Serialize)]
pub struct ChoiceValueView {
    pub id: String,
    pub label: String,
    /// `None` when unlimited.
    pub remaining: Option<i64>,
    pub sold_out: bool,
    pub selected: bool,
}

/// A picture of the campaign file as an `<img>` shows it: the widths to choose from, and the
/// size of the widest so that the page keeps its place before it loads.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// A width for browsers that ignore `srcset`.
    pub src: String,
    pub srcset: String,
    pub width: u32,
    pub height: u32,
    /// Empty for a picture that only illustrates the text beside it.
    pub alt: String,
}

impl ImageView {
    pub fn of(image: &Image, lang: Lang) -> ImageView {
        let widest = image.picture.largest();
        ImageView {
            src: format!("/media/{}", image.picture.at_least(800).name),
            srcset: image.picture.srcset(),
            width: widest.width,
            height: widest.height,
            alt: image.alt.as_ref().map(|alt| alt.get(lang).to_owned()).unwrap_or_default(),
        }
    }
}

/// The campaign's video: a poster and a play button that loads the player only when pressed.
#[derive(Debug, Clone, Serialize)]
pub struct VideoView {
    pub title: String,
    pub poster: ImageView,
    /// For a video of YouTube or Vimeo: its page (the button's link without JavaScript), the
    /// player loaded on a press, and the site's name.
    pub page: Option<String>,
    pub player: Option<String>,
    pub site: Option<String>,
    /// For a video served here: its address and type.
    pub file: Option<String>,
    pub content_type: Option<String>,
}

impl VideoView {
    pub fn of(video: &Video, lang: Lang) -> VideoView {
        let file = match &video.source {
            VideoSource::File(file) => Some(file),
            _ => None,
        };
        VideoView {
            title: video.title.get(lang).to_owned(),
            poster: ImageView::of(&video.poster, lang),
            page: video.source.page(),
            player: video.source.player(),
            site: video.source.site().map(str::to_owned),
            file: file.map(|f| format!("/media/{}", f.name)),
            content_type: file.map(|f| f.content_type.to_owned()),
        }
    }
}

/// A designer named on a reward, linking to their profile.
#[derive(Debug, Clone, Serialize)]
pub struct DesignerLink {
    pub slug: String,
    pub brand: String,
}

/// An early-bird price still open.
#[derive(Debug, Clone, Serialize)]
pub struct EarlyBirdView {
    pub price: String,
    /// Places left at that price, when it is for the first N.
    pub left: Option<i64>,
    pub until: Option<String>,
}

/// Splits a text into paragraphs on blank lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(|p| p.trim().replace('\n', " ")).filter(|p| !p.is_empty()).collect()
}

fn month_year(date: NaiveDate, lang: Lang) -> String {
    format!("{} {}", i18n::t(lang, &format!("month-{}", date.month())), date.year())
}

/// A date and time in the campaign's time zone, such as "7 novembre 2020, 23:59".
pub fn moment(state: &AppState, at: DateTime<Utc>, lang: Lang) -> String {
    i18n::moment(at.with_timezone(&state.campaign.time_zone), lang)
}

/// An instant as the API and exports write it: RFC 3339, UTC, to the second.
pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// "12 days left", "5 hours left", "1 minute left".
pub fn time_left(deadline: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    let left = deadline - now;
    let (key, count) = if left.num_days() >= 2 {
        ("time-left-days", left.num_days())
    } else if left.num_hours() >= 1 {
        ("time-left-hours", left.num_hours())
    } else {
        ("time-left-minutes", left.num_minutes().max(1))
    };
    i18n::t_count(lang, key, "count", u64::try_from(count).unwrap_or(0))
}

/// The progress bar's width in percent, to the hundredth, so the first francs show.
fn bar_width(pledged: Amount, goal: Amount) -> String {
    let hundredths = bar_hundredths(pledged, goal);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// How full the progress bar is, in hundredths of a percent: 0 to 10,000.
pub fn bar_hundredths(pledged: Amount, goal: Amount) -> u32 {
    let (pledged, goal) = (i128::from(pledged.cents()), i128::from(goal.cents()));
    let hundredths = if goal <= 0 { 0 } else { (pledged * 10_000 / goal).clamp(0, 10_000) };
    u32::try_from(hundredths).unwrap_or(0)
}

/// One reward as cards and pages show it; `bylines` are the approved designers of the
/// campaign's rewards.
pub fn reward_view(
    state: &AppState,
    config: &Reward,
    figures: Option<&RewardFigures>,
    bylines: &[Byline],
    lang: Lang,
    now: DateTime<Utc>,
) -> RewardView {
    let money = |amount: Amount| amount.display(lang.thousands());
    let left = figures.and_then(RewardFigures::remaining);
    let minimum = current_minimum(config, now);
    let early_left = config
        .early_bird
        .as_ref()
        .and_then(|e| e.first)
        .map(|first| i64::from(first) - figures.map_or(0, |r| r.early_bird_claimed));
    let early_open = minimum < config.minimum && early_left.is_none_or(|n| n > 0);
    let description = config.description.get(lang);
    RewardView {
        id: config.id.to_string(),
        title: config.title.get(lang).to_owned(),
        description: paragraphs(description),
        summary: description.split("\n\n").next().unwrap_or_default().trim().to_owned(),
        kind: i18n::t(lang, &format!("kind-{}", config.kind)),
        minimum: money(config.minimum.into()),
        suggested_amount: if early_open { minimum } else { config.minimum }.to_string(),
        early_bird: early_open.then(|| EarlyBirdView {
            price: money(minimum.into()),
            left: early_left,
            until: config.early_bird.as_ref().and_then(|e| e.until).map(|u| moment(state, u, lang)),
        }),
        limit: config.limit,
        claimed: figures.map_or(0, |r| r.claimed),
        remaining: left,
        sold_out: left == Some(0),
        delivery: month_year(config.delivery, lang),
        fulfilment: fulfilment_label(config.fulfilment, lang),
        designers: config
            .designers
            .iter()
            .filter_map(|slug| bylines.iter().find(|b| &b.slug == slug))
            .map(|b| DesignerLink { slug: b.slug.clone(), brand: b.brand.clone() })
            .collect(),
        selected: false,
        image: config.image.as_ref().map(|image| ImageView::of(image, lang)),
        sessions: config
            .sessions
            .iter()
            .map(|session| {
                let remaining = figures
                    .and_then(|r| r.sessions.iter().find(|s| s.id == session.id))
                    .map_or(i64::from(session.seats), |s| s.remaining());
                SessionView {
                    id: session.id.clone(),
                    when: i18n::span(session.starts, session.ends, state.campaign.time_zone, lang),
                    place: i18n::place(session.place.as_str(), lang),
                    remaining,
                    full: remaining == 0,
                    checked: false,
                }
            })
            .collect(),
        choices: config
            .choices
            .iter()
            .map(|choice| {
                let counted = figures.and_then(|r| r.choices.iter().find(|c| c.name == choice.name));
                ChoiceView {
                    name: choice.name.clone(),
                    label: choice.label.get(lang).to_owned(),
                    values: choice
                        .values
                        .iter()
                        .map(|value| {
                            let remaining = match counted.and_then(|c| c.values.iter().find(|v| v.id == value.id)) {
                                Some(figures) => figures.remaining(),
                                None => value.limit.map(i64::from),
                            };
                            ChoiceValueView {
                                id: value.id.clone(),
                                label: value.label.get(lang).to_owned(),
                                remaining,
                                sold_out: remaining == Some(0),
                                selected: false,
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
        postage: state.campaign.postage(config).map(|postage| zone_views(postage, lang)).unwrap_or_default(),
        asks: (!config.sessions.is_empty() && config.choose_session == ChooseSession::AtPledge)
            || !config.choices.is_empty()
            || state.campaign.postage(config).is_some(),
    }
}

/// A reward's title in `lang`; a reward that left the campaign file still names the pledges
/// that hold it, by its id.
pub fn reward_title(state: &AppState, id: &str, lang: Lang) -> String {
    state.campaign.reward(id).map_or_else(|| id.to_owned(), |r| r.title.get(lang).to_owned())
}

/// How a reward reaches its backer, in words.
pub fn fulfilment_label(fulfilment: Fulfilment, lang: Lang) -> String {
    let key = match fulfilment {
        Fulfilment::Shipped => "fulfilment-shipped",
        Fulfilment::Pickup => "fulfilment-pickup",
        Fulfilment::Online => "fulfilment-online",
    };
    i18n::t(lang, key)
}

/// The campaign's story and figures, with its rewards (those the database still offers).
pub fn campaign_view(
    state: &AppState,
    snapshot: &Snapshot,
    bylines: &[Byline],
    lang: Lang,
    now: DateTime<Utc>,
) -> CampaignView {
    let campaign = &state.campaign;
    let figures = &snapshot.campaign;
    let status = snapshot.state(now);
    let money = |amount: Amount| amount.display(lang.thousands());
    let rewards = campaign
        .rewards
        .iter()
        .filter_map(|config| {
            let figures = snapshot.reward(config.id.as_str())?;
            Some(reward_view(state, config, Some(figures), bylines, lang, now))
        })
        .collect();
    CampaignView {
        title: campaign.title.get(lang).to_owned(),
        summary: campaign.summary.get(lang).to_owned(),
        story: paragraphs(campaign.story.get(lang)),
        currency: campaign.currency.clone(),
        pledged: money(figures.pledged),
        goal: money(figures.goal),
        percent: snapshot.percent_funded(),
        bar_percent: bar_width(figures.pledged, figures.goal),
        backers: figures.backers,
        helpers: figures.helpers,
        open: status == CampaignState::Open,
        succeeded: status == CampaignState::Succeeded,
        failed: status == CampaignState::Failed,
        time_left: (status == CampaignState::Open).then(|| time_left(campaign.deadline, now, lang)),
        deadline: moment(state, campaign.deadline, lang),
        keep_it_all: campaign.funding == FundingModel::KeepItAll,
        min_pledge: money(campaign.min_pledge.into()),
        min_pledge_plain: campaign.min_pledge.to_string(),
        rewards,
    }
}

impl CampaignView {
    /// The rewards marked for a reward picker: the one `selected`, and the one a backer
    /// already `held`, which is never sold out to them.
    pub fn picking(mut self, selected: Option<&str>, held: Option<&str>) -> CampaignView {
        for reward in &mut self.rewards {
            reward.selected = selected == Some(reward.id.as_str());
            if held == Some(reward.id.as_str()) {
                reward.sold_out = false;
            }
        }
        self
    }

    /// The same, with the chosen reward's session, choices and zone marked as the form had them.
    pub fn with_options(
        mut self,
        session: Option<&str>,
        choices: &BTreeMap<String, String>,
        zone: Option<&str>,
    ) -> CampaignView {
        for reward in self.rewards.iter_mut().filter(|r| r.selected) {
            if let Some(zone) = zone.filter(|z| reward.postage.iter().any(|option| option.value == *z)) {
                for option in &mut reward.postage {
                    option.checked = option.value == zone;
                }
            }
            for option in &mut reward.sessions {
                option.checked = session == Some(option.id.as_str());
            }
            for choice in &mut reward.choices {
                let chosen = choices.get(&choice.name).map(String::as_str);
                for value in &mut choice.values {
                    value.selected = chosen == Some(value.id.as_str());
                }
            }
        }
        self
    }
}

/// A pledge as its backer sees it on the private page.
#[derive(Debug, Serialize)]
pub struct PledgeView {
    pub token: String,
    pub reference: String,
    pub amount: String,
    /// Its postage and zone, "24.00 (Europe)"; `None` when it has none.
    pub postage: Option<String>,
    /// The amount and the postage.
    pub total: String,
    pub reward_id: Option<String>,
    pub reward_title: Option<String>,
    pub early_bird: bool,
    pub name: String,
    pub email: String,
    pub public_name: Option<String>,
    pub active: bool,
    /// Waits for its backer to confirm it by email.
    pub unconfirmed: bool,
    /// Until when an unconfirmed pledge holds its reward, as people read it.
    pub held_until: Option<String>,
    pub created: String,
}

pub fn pledge_view(state: &AppState, pledge: &PledgeRecord, lang: Lang) -> PledgeView {
    PledgeView {
        token: pledge.token.clone(),
        reference: pledge.reference.clone(),
        amount: pledge.amount.display(lang.thousands()),
        postage: pledge.shipping_zone.filter(|_| pledge.shipping.cents() > 0).map(|zone| {
            let cost = pledge.shipping.display(lang.thousands());
            i18n::t_args(lang, "pledge-postage-value", &[("cost", cost), ("zone", zone_label(zone, lang))])
        }),
        total: pledge.total().display(lang.thousands()),
        reward_id: pledge.reward_id.clone(),
        reward_title: pledge.reward_id.as_deref().map(|id| reward_title(state, id, lang)),
        early_bird: pledge.early_bird,
        name: pledge.name.clone(),
        email: pledge.email.clone(),
        public_name: pledge.public_name.clone(),
        active: pledge.is_active(),
        unconfirmed: pledge.state == PledgeState::Unconfirmed,
        held_until: pledge.hold_until.map(|until| moment(state, until, lang)),
        created: moment(state, pledge.created_at, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_the_first_francs_and_stops_at_full() {
        let goal = Amount::from_cents(2_000_000);
        assert_eq!(bar_width(Amount::from_cents(11_000), goal), "0.55");
        assert_eq!(bar_width(Amount::ZERO, goal), "0.00");
        assert_eq!(bar_width(Amount::from_cents(3_000_000), goal), "100.00");
    }

    #[test]
    fn an_excerpt_ends_at_a_word() {
        assert_eq!(excerpt("Un cabas solide,\n cousu à Genève.", 100), "Un cabas solide, cousu à Genève.");
        assert_eq!(excerpt("Un cabas solide, cousu à Genève.", 18), "Un cabas solide…");
    }

    #[test]
    fn the_time_left_is_counted_in_the_right_plural() {
        let deadline = DateTime::parse_from_rfc3339("2027-11-07T22:59:59Z").unwrap().to_utc();
        let before = |seconds| deadline - chrono::Duration::seconds(seconds);
        assert_eq!(time_left(deadline, before(59), Lang::Fr), "1 minute restante");
        assert_eq!(time_left(deadline, before(150), Lang::Fr), "2 minutes restantes");
        assert_eq!(time_left(deadline, before(3_700), Lang::En), "1 hour left");
        assert_eq!(time_left(deadline, before(5 * 86_400), Lang::En), "5 days left");
    }
}
