//! A pledge's reward on the backer's private page: the session and choices it holds, choosing
//! or moving the date (`POST /pledges/<token>/session`), the calendar invitation of the seat
//! (`GET /pledges/<token>/invitation.ics`), and where the reward stands on its way.

use chrono::{DateTime, Utc};
use rocket::form::{Form, FromForm};
use rocket::http::{ContentType, CookieJar};
use rocket::response::{self, Flash, Redirect, Responder, Response};
use rocket::{Request, State, get, post, routes, uri};
use serde::Serialize;

use crate::app::AppState;
use crate::config::campaign::Fulfilment;
use crate::domain::address::{COUNTRIES, Country, RawAddress};
use crate::domain::rate_limit::LimitKind;
use crate::domain::states::PledgeState;
use crate::domain::{CampaignState, Lang};
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::{PageError, status_of};
use crate::routes::limits::Admission;
use crate::routes::views::{RewardView, SessionView};
use crate::services::pledges::{self, PledgeRecord};
use crate::services::stored::instant;
use crate::services::{addresses, fulfilment, reward_options, seats};

/// What the private page shows of a pledge's session and choices.
#[derive(Debug, Default, Serialize)]
pub struct SeatView {
    /// The session held, when there is one.
    pub held: Option<HeldSession>,
    /// The reward has sessions but none is held yet.
    pub to_choose: bool,
    /// The sessions the backer may take now; empty when they cannot choose or move.
    pub offered: Vec<SessionView>,
    /// `label: value` of each choice made, in the reward's order.
    pub choices: Vec<ChosenValue>,
    /// Where the reward stands on its way, once it has moved or the campaign succeeded.
    pub delivery: Option<DeliveryView>,
    /// The address a reward sent by post goes to, line by line.
    pub address: Vec<String>,
    /// The form to give or change it, while the reward has not left.
    pub address_form: Option<AddressForm>,
}

/// The address form, as stored or as typed.
#[derive(Debug, Serialize)]
pub struct AddressForm {
    pub name: String,
    pub street: String,
    pub building: String,
    pub postcode: String,
    pub town: String,
    /// The countries, by postage zone.
    pub zones: Vec<ZoneGroup>,
}

impl AddressForm {
    /// The form showing `raw`, its countries grouped by postage zone.
    pub fn of(raw: RawAddress, lang: Lang) -> AddressForm {
        let mut zones: Vec<ZoneGroup> = Vec::new();
        for country in COUNTRIES {
            let option = CountryOption {
                code: country.code,
                name: country.name(lang),
                selected: country.code.eq_ignore_ascii_case(raw.country.trim()),
            };
            match zones.last_mut() {
                Some(group) if group.zone == country.zone.to_string() => group.countries.push(option),
                _ => zones.push(ZoneGroup {
                    zone: country.zone.to_string(),
                    label: crate::routes::views::zone_label(country.zone, lang),
                    countries: vec![option],
                }),
            }
        }
        // By name in the reader's language, accents aside ("États-Unis" among the E), but
        // Switzerland first.
        for group in &mut zones {
            group.countries.sort_by_cached_key(|c| (c.code != "CH", crate::domain::slug::of(c.name, c.code)));
        }
        AddressForm {
            zones,
            name: raw.name,
            street: raw.street,
            building: raw.building.unwrap_or_default(),
            postcode: raw.postcode,
            town: raw.town,
        }
    }
}

/// The countries of one postage zone, as an `<optgroup>`.
#[derive(Debug, Serialize)]
pub struct ZoneGroup {
    pub zone: String,
    pub label: String,
    pub countries: Vec<CountryOption>,
}

#[derive(Debug, Serialize)]
pub struct CountryOption {
    pub code: &'static str,
    pub name: &'static str,
    pub selected: bool,
}

#[derive(Debug, Serialize)]
pub struct DeliveryView {
    pub state: String,
    pub tracking: Option<String>,
    pub tracking_url: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct HeldSession {
    pub when: String,
    pub place: String,
    /// The team took the session out of the campaign file.
    pub cancelled: bool,
}

#[derive(Debug, Serialize)]
pub struct ChosenValue {
    pub label: String,
    pub value: String,
}

/// The seat view of `pledge`, whose reward is `reward` as the page shows it; its address form
/// shows `typed` when a refused address comes back.
pub async fn seat_view(
    state: &AppState,
    pledge: &PledgeRecord,
    reward: Option<&RewardView>,
    campaign_state: CampaignState,
    lang: Lang,
    now: DateTime<Utc>,
    typed: Option<&RawAddress>,
) -> Result<SeatView, AppError> {
    let Some(config) = pledge.reward_id.as_deref().and_then(|id| state.campaign.reward(id)) else {
        return Ok(SeatView::default());
    };
    // A cancelled pledge holds no seat any more, whatever it names.
    let held = if pledge.state == PledgeState::Cancelled { None } else { seats::of(&state.db.read, pledge).await? };
    let chosen = reward_options::chosen(&state.db.read, pledge.id).await?;
    let choices = config
        .choices
        .iter()
        .filter_map(|choice| {
            let (_, value) = chosen.iter().find(|(name, _)| *name == choice.name)?;
            let label = choice.values.iter().find(|v| &v.id == value).map_or(value.as_str(), |v| v.label.get(lang));
            Some(ChosenValue { label: choice.label.get(lang).to_owned(), value: label.to_owned() })
        })
        .collect();
    let movable = seats::movable(pledge, held.as_ref(), &state.campaign, campaign_state, now);
    let offered = match reward {
        Some(reward) if movable => reward
            .sessions
            .iter()
            .filter(|view| config.sessions.iter().any(|s| s.id == view.id && s.starts > now))
            .map(|view| {
                let mine = held.as_ref().is_some_and(|h| h.id == view.id);
                SessionView { checked: mine, full: view.full && !mine, ..view.clone() }
            })
            .collect(),
        _ => Vec::new(),
    };
    let held = held.map(|session| HeldSession {
        when: i18n::span(instant(session.starts_ms), instant(session.ends_ms), state.campaign.time_zone, lang),
        place: i18n::place(&session.place, lang),
        cancelled: !session.active,
    });
    let step = fulfilment::of(&state.db, pledge.id).await?;
    let stored = addresses::of(&state.db.read, pledge.id).await?;
    let address = stored
        .as_ref()
        .map(|a| {
            let country = Country::of(&a.country).map_or(a.country.as_str(), |c| c.name(lang));
            [
                Some(a.name.clone()),
                Some(a.street.clone()),
                a.building.clone(),
                Some(format!("{} {}", a.postcode, a.town)),
                Some(country.to_owned()),
            ]
            .into_iter()
            .flatten()
            .collect()
        })
        .unwrap_or_default();
    let sent_by_post = config.fulfilment == Fulfilment::Shipped;
    let address_form =
        (sent_by_post && pledge.is_active() && addresses::open_for_change(step.as_ref().map(|s| s.state))).then(|| {
            let raw = typed.cloned().unwrap_or_else(|| match &stored {
                Some(a) => RawAddress {
                    name: a.name.clone(),
                    street: a.street.clone(),
                    building: a.building.clone(),
                    postcode: a.postcode.clone(),
                    town: a.town.clone(),
                    country: a.country.clone(),
                },
                None => RawAddress { name: pledge.name.clone(), country: "CH".into(), ..RawAddress::default() },
            });
            AddressForm::of(raw, lang)
        });
    let delivery = match step {
        Some(step) if pledge.is_active() => Some(DeliveryView {
            state: i18n::t(lang, &format!("fulfilment-state-{}", step.state)),
            tracking_url: step.tracking.as_deref().map(fulfilment::tracking_url),
            tracking: step.tracking,
            note: step.note,
        }),
        None if pledge.is_active() && campaign_state == CampaignState::Succeeded => Some(DeliveryView {
            state: i18n::t(lang, "fulfilment-state-to_prepare"),
            tracking: None,
            tracking_url: None,
            note: None,
        }),
        _ => None,
    };
    Ok(SeatView {
        to_choose: held.is_none() && !config.sessions.is_empty() && pledge.is_active(),
        held,
        offered,
        choices,
        delivery,
        address,
        address_form,
    })
}

#[derive(Debug, FromForm)]
struct SessionForm {
    session: Option<String>,
    csrf: Option<String>,
}

#[post("/pledges/<token>/session", data = "<form>")]
async fn choose_session(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    admission: Admission<'_>,
    token: &str,
    form: Form<SessionForm>,
) -> Result<Result<Flash<Redirect>, Answer>, PageError> {
    admission.by_address(LimitKind::Pledges)?;
    let now = state.clock.now();
    let outcome = match csrf::verify(jar, form.csrf.as_deref()) {
        Ok(()) => {
            let session = form.session.as_deref().unwrap_or("");
            seats::choose(&state.db, &state.campaign, &state.letters, token, session, now).await
        }
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => {
            state.writer.figures_changed();
            let to = uri!(crate::routes::pledges::show_pledge(token = token));
            Ok(Ok(Flash::success(Redirect::to(to), i18n::t(lang, "session-chosen"))))
        }
        Err(error) if error.is_internal() || matches!(error, AppError::NotFound) => Err(error.into()),
        Err(error) => {
            let pledge = pledges::find_by_token(&state.db, token).await?;
            let page = crate::routes::pledges::refused_page(state, lang, &csrf, &pledge, &error).await?;
            Ok(Err((status_of(&error), page)))
        }
    }
}

/// An address form as posted: alone on the private page, or as `address.*` on the pledge form.
#[derive(Debug, Default, FromForm)]
pub(crate) struct AddressFields {
    name: Option<String>,
    street: Option<String>,
    building: Option<String>,
    postcode: Option<String>,
    town: Option<String>,
    country: Option<String>,
    csrf: Option<String>,
}

impl AddressFields {
    /// The address as typed; a blank name is `name`'s, the backer's own.
    pub(crate) fn raw(&self, name: &str) -> RawAddress {
        let typed = |field: &Option<String>| field.clone().unwrap_or_default();
        RawAddress {
            name: Some(typed(&self.name)).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| name.to_owned()),
            street: typed(&self.street),
            building: self.building.clone(),
            postcode: typed(&self.postcode),
            town: typed(&self.town),
            country: typed(&self.country),
        }
    }

    /// Nothing was typed in the lines a backer writes (the country always has a value).
    pub(crate) fn is_blank(&self) -> bool {
        [&self.street, &self.building, &self.postcode, &self.town]
            .iter()
            .all(|field| field.as_deref().is_none_or(|text| text.trim().is_empty()))
    }
}

#[post("/pledges/<token>/address", data = "<form>")]
async fn set_address(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    admission: Admission<'_>,
    token: &str,
    form: Form<AddressFields>,
) -> Result<Result<Flash<Redirect>, Answer>, PageError> {
    admission.by_address(LimitKind::Pledges)?;
    let raw = form.raw("");
    let outcome = match csrf::verify(jar, form.csrf.as_deref()) {
        Ok(()) => addresses::set(&state.db, &state.campaign, token, &raw, state.clock.now()).await,
        Err(e) => Err(e),
    };
    let typed = crate::routes::pledges::Typed::Address(&raw);
    crate::routes::pledges::private_form_answer(state, lang, &csrf, token, outcome, "address-saved", typed).await
}

/// An `.ics` file to download.
pub struct CalendarFile {
    file_name: String,
    text: String,
}

impl<'r> Responder<'r, 'static> for CalendarFile {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        Response::build_from(self.text.respond_to(request)?)
            .header(ContentType::new("text", "calendar").with_params(("charset", "utf-8")))
            .raw_header("Content-Disposition", format!("attachment; filename=\"{}\"", self.file_name))
            .ok()
    }
}

/// The invitation of the pledge's seat, in the pledge's language: the same UID whatever the
/// date, cancelled once the pledge or the session is.
#[get("/pledges/<token>/invitation.ics", rank = 3)]
async fn invitation(state: &State<AppState>, token: &str) -> Result<CalendarFile, PageError> {
    let pledge = pledges::find_by_token(&state.db, token).await?;
    let session = seats::of(&state.db.read, &pledge).await?.ok_or(AppError::NotFound)?;
    let lang = Lang::from_tag(&pledge.lang).unwrap_or_default();
    let invitation = seats::invitation(&state.campaign, &state.letters, &pledge, &session, lang, state.clock.now());
    let file_name = format!("{}-{}.ics", session.reward_id, session.id);
    Ok(CalendarFile { file_name, text: invitation.to_ics() })
}

pub fn routes() -> Vec<rocket::Route> {
    routes![choose_session, set_address, invitation]
}
