//! What pages show, as template contexts built from the campaign file and live figures.

use crate::domain::states::PledgeState;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use entity::{pledge, reward};
use serde::Serialize;
use serde_json::{Value, json};

use crate::app::AppState;
use crate::config::campaign::{Fulfilment, Reward};
use crate::domain::money::display_cents;
use crate::domain::{CampaignState, Lang};
use crate::i18n;
use crate::services::campaign::{Snapshot, remaining};
use crate::services::pricing::current_minimum;

/// Splits a text into paragraphs on blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(|p| p.trim().replace('\n', " ")).filter(|p| !p.is_empty()).collect()
}

fn money(cents: i64, lang: Lang) -> String {
    display_cents(cents, lang.thousands())
}

fn month_year(date: NaiveDate, lang: Lang) -> String {
    format!("{} {}", i18n::t(lang, &format!("month-{}", date.month())), date.year())
}

/// A date and time in the campaign's time zone, such as "7 novembre 2020, 23:59".
pub fn moment(state: &AppState, at: DateTime<Utc>, lang: Lang) -> String {
    i18n::moment(at.with_timezone(&state.campaign.time_zone), lang)
}

/// An instant stored as Unix milliseconds, as the API and exports write it: RFC 3339, UTC.
pub fn rfc3339(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms).unwrap_or_default().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// "12 days left", "5 hours left", "40 minutes left".
fn time_left(deadline: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    let left = deadline - now;
    let (key, count) = if left.num_days() >= 2 {
        ("time-left-days", left.num_days())
    } else if left.num_hours() >= 1 {
        ("time-left-hours", left.num_hours())
    } else {
        ("time-left-minutes", left.num_minutes().max(1))
    };
    i18n::t_args(lang, key, &[("count", count.to_string())])
}

/// One reward as cards and pages show it.
pub fn reward_view(
    state: &AppState,
    config: &Reward,
    row: Option<&reward::Model>,
    lang: Lang,
    now: DateTime<Utc>,
) -> Value {
    let claimed = row.map_or(0, |r| r.claimed);
    let left = row.and_then(remaining);
    let minimum = current_minimum(config, now);
    let early_left = config
        .early_bird
        .as_ref()
        .and_then(|e| e.first)
        .map(|first| i64::from(first) - row.map_or(0, |r| r.early_bird_claimed));
    let early_open = minimum < config.minimum && early_left.is_none_or(|n| n > 0);
    json!({
        "id": config.id.as_str(),
        "title": config.title.get(lang),
        "description": paragraphs(config.description.get(lang)),
        "summary": config.description.get(lang).split("\n\n").next().unwrap_or_default().trim(),
        "kind": i18n::t(lang, &format!("kind-{}", config.kind.as_str())),
        "minimum": money(config.minimum.cents(), lang),
        // What the pledge form suggests: the lowest price open now, as a form value.
        "suggested_amount": if early_open { minimum } else { config.minimum }.to_string(),
        "early_bird": early_open.then(|| json!({
            "price": money(minimum.cents(), lang),
            "left": early_left,
            "until": config.early_bird.as_ref().and_then(|e| e.until).map(|u| moment(state, u, lang)),
        })),
        "limit": config.limit,
        "claimed": claimed,
        "remaining": left,
        "sold_out": left == Some(0),
        "delivery": month_year(config.delivery, lang),
        "fulfilment": i18n::t(lang, match config.fulfilment {
            Fulfilment::Shipped => "fulfilment-shipped",
            Fulfilment::Pickup => "fulfilment-pickup",
            Fulfilment::Online => "fulfilment-online",
        }),
    })
}

/// The progress bar's width in percent, to the hundredth, so the first francs show.
fn bar_width(pledged_cents: i64, goal_cents: i64) -> String {
    let hundredths =
        if goal_cents <= 0 { 0 } else { (i128::from(pledged_cents) * 10_000 / i128::from(goal_cents)).min(10_000) };
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// Names, on each reward of a campaign view (and on `reward`, if given), the approved
/// designers behind it.
pub fn add_designers(state: &AppState, view: &mut Value, approved: &[entity::designer::Model]) {
    let named = |id: &str| -> Value {
        let slugs = state.campaign.reward(id).map(|r| r.designers.as_slice()).unwrap_or_default();
        let found: Vec<Value> = slugs
            .iter()
            .filter_map(|slug| approved.iter().find(|d| &d.slug == slug))
            .map(|d| json!({ "slug": d.slug, "brand": d.brand }))
            .collect();
        json!(found)
    };
    if let Some(rewards) = view["campaign"]["rewards"].as_array_mut() {
        for reward in rewards {
            let id = reward["id"].as_str().unwrap_or_default().to_owned();
            reward["designers"] = named(&id);
        }
    }
    if let Some(id) = view["reward"]["id"].as_str().map(str::to_owned) {
        view["reward"]["designers"] = named(&id);
    }
}

/// The slugs of every designer the campaign's rewards name.
pub fn named_designers(state: &AppState) -> Vec<&str> {
    let mut slugs: Vec<&str> =
        state.campaign.rewards.iter().flat_map(|r| r.designers.iter().map(String::as_str)).collect();
    slugs.sort_unstable();
    slugs.dedup();
    slugs
}

/// The options of a select or a set of checkboxes: each of `values` with its label (the
/// message `{prefix}{value}`) and whether it is `selected`.
pub fn options<T: std::fmt::Display>(
    lang: Lang,
    values: impl IntoIterator<Item = T>,
    prefix: &str,
    selected: impl Fn(&str) -> bool,
) -> Vec<Choice> {
    values
        .into_iter()
        .map(|v| {
            let value = v.to_string();
            Choice { label: i18n::t(lang, &format!("{prefix}{value}")), selected: selected(&value), value }
        })
        .collect()
}

/// One option of a select or one checkbox.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The campaign's story and figures.
pub fn campaign_view(state: &AppState, snapshot: &Snapshot, lang: Lang, now: DateTime<Utc>) -> Value {
    let campaign = &state.campaign;
    let row = &snapshot.campaign;
    let status = snapshot.state(now);
    let rewards: Vec<Value> = campaign
        .rewards
        .iter()
        .filter_map(|config| {
            let row = snapshot.reward(config.id.as_str());
            row.map(|r| reward_view(state, config, Some(r), lang, now))
        })
        .collect();
    json!({
        "title": campaign.title.get(lang),
        "summary": campaign.summary.get(lang),
        "story": paragraphs(campaign.story.get(lang)),
        "currency": campaign.currency,
        "pledged": money(row.pledged_cents, lang),
        "goal": money(row.goal_cents, lang),
        "percent": snapshot.percent_funded(),
        "bar_percent": bar_width(row.pledged_cents, row.goal_cents),
        "backers": row.backers,
        "helpers": row.helpers,
        "open": status == CampaignState::Open,
        "succeeded": status == CampaignState::Succeeded,
        "failed": status == CampaignState::Failed,
        "time_left": (status == CampaignState::Open).then(|| time_left(campaign.deadline, now, lang)),
        "deadline": moment(state, campaign.deadline, lang),
        "keep_it_all": campaign.funding == crate::config::campaign::FundingModel::KeepItAll,
        "min_pledge": money(campaign.min_pledge.cents(), lang),
        "min_pledge_plain": campaign.min_pledge.to_string(),
        "rewards": rewards,
    })
}

/// A pledge as its backer sees it on the private page.
pub fn pledge_view(state: &AppState, pledge: &pledge::Model, lang: Lang) -> Value {
    let reward = pledge.reward_id.as_deref().and_then(|id| state.campaign.reward(id));
    let created = DateTime::from_timestamp_millis(pledge.created_at_ms).unwrap_or_default();
    json!({
        "token": pledge.token,
        "reference": pledge.reference,
        "amount": money(pledge.amount_cents, lang),
        "amount_plain": crate::domain::money::cents_to_string(pledge.amount_cents),
        "reward_id": pledge.reward_id,
        // A reward that left the campaign file still names the pledges that hold it.
        "reward_title": reward.map(|r| r.title.get(lang).to_owned()).or_else(|| pledge.reward_id.clone()),
        "early_bird": pledge.early_bird,
        "name": pledge.name,
        "email": pledge.email,
        "public_name": pledge.public_name,
        "active": pledge.state == PledgeState::Active,
        "created": moment(state, created, lang),
    })
}

/// What every page needs: the language, the other language's link, the campaign's title.
pub fn page(state: &AppState, lang: Lang, path: &str, body: Value) -> Value {
    let other = match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    };
    let separator = if path.contains('?') { '&' } else { '?' };
    let mut context = json!({
        "lang": lang.code(),
        "other_lang": other.code(),
        "other_lang_url": format!("{path}{separator}lang={}", other.code()),
        "site_title": state.campaign.title.get(lang),
        "currency": state.campaign.currency,
    });
    if let (Value::Object(context), Value::Object(body)) = (&mut context, body) {
        context.extend(body);
    }
    context
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_the_first_francs_and_stops_at_full() {
        assert_eq!(bar_width(11_000, 2_000_000), "0.55");
        assert_eq!(bar_width(0, 2_000_000), "0.00");
        assert_eq!(bar_width(3_000_000, 2_000_000), "100.00");
    }
}
