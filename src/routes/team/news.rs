//! The team's news: `/team/news` lists every update and a form to write one; each update has
//! its page with a preview in every language written, its form, and the form that publishes
//! it now or at a chosen time.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::states::{NewsAudience, NewsMailing, NewsState};
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::{PageError, status_of};
use crate::routes::fields::FormErrors;
use crate::routes::views::{self, Choice};
use crate::services::news::{self, MAX_BODY, MAX_TITLE, NewsInput, NewsItem};
use crate::services::news_mail::{self, Sent};

/// The form as posted: every field optional, so a missing one gets a clear message.
#[derive(Debug, FromForm)]
struct NewsForm {
    title_fr: Option<String>,
    body_fr: Option<String>,
    title_en: Option<String>,
    body_en: Option<String>,
    title_de: Option<String>,
    body_de: Option<String>,
    audience: Option<String>,
    rewards: Vec<String>,
    csrf: Option<String>,
}

impl NewsForm {
    fn input(&self) -> NewsInput {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let texts = Lang::ALL
            .into_iter()
            .map(|lang| {
                let (title, body) = match lang {
                    Lang::Fr => (&self.title_fr, &self.body_fr),
                    Lang::En => (&self.title_en, &self.body_en),
                    Lang::De => (&self.title_de, &self.body_de),
                };
                (lang, text(title), text(body))
            })
            .collect();
        NewsInput { texts, audience: text(&self.audience), rewards: self.rewards.clone() }
    }
}

/// One language's fields of the form.
#[derive(Serialize)]
struct LanguageFields {
    code: &'static str,
    name: &'static str,
    title_field: &'static str,
    body_field: &'static str,
    title: String,
    body: String,
    required: bool,
}

/// The form's fields, filled with `input`.
#[derive(Serialize)]
struct NewsFields {
    languages: Vec<LanguageFields>,
    audiences: Vec<Choice>,
    rewards: Vec<Choice>,
    max_title: usize,
    max_body: usize,
}

fn fields(state: &AppState, lang: Lang, input: &NewsInput) -> NewsFields {
    let languages = Lang::ALL
        .into_iter()
        .map(|l| {
            let (title, body) =
                input.texts.iter().find(|(t, ..)| *t == l).map(|(_, t, b)| (t.clone(), b.clone())).unwrap_or_default();
            let (title_field, body_field) = news::fields(l);
            LanguageFields {
                code: l.code(),
                name: l.name(),
                title_field,
                body_field,
                title,
                body,
                required: l == Lang::Fr,
            }
        })
        .collect();
    let audience = input.audience.trim().parse::<NewsAudience>().unwrap_or(NewsAudience::Public);
    let rewards = state
        .campaign
        .rewards
        .iter()
        .map(|r| Choice {
            value: r.id.to_string(),
            label: r.title.get(lang).to_owned(),
            selected: input.rewards.iter().any(|id| id == r.id.as_str()),
        })
        .collect();
    NewsFields {
        languages,
        audiences: views::options(lang, NewsAudience::all(), "news-audience-", |a| a == audience),
        rewards,
        max_title: MAX_TITLE,
        max_body: MAX_BODY,
    }
}

/// An update emailed (or being emailed), as the dashboard lists it.
#[derive(Serialize)]
pub(super) struct MailedNews {
    id: i64,
    title: String,
    mailing: String,
}

/// The newest updates sent or being sent by email, with how their emails stand.
pub(super) async fn mailed(app: &AppState, lang: Lang, most: usize) -> Result<Vec<MailedNews>, AppError> {
    let items: Vec<NewsItem> = news::all(&app.db, app.campaign_id, lang)
        .await?
        .into_iter()
        .filter(|item| item.state == NewsState::Published && item.mailing != NewsMailing::Off)
        .take(most)
        .collect();
    let ids: Vec<i64> = items.iter().map(|item| item.id).collect();
    let sent = news_mail::counts(&app.db, &ids).await?;
    Ok(items
        .iter()
        .map(|item| MailedNews {
            id: item.id,
            title: item.title.clone(),
            mailing: mailing(lang, item, sent.get(&item.id).copied().unwrap_or_default()),
        })
        .collect())
}

/// An update in the team's list.
#[derive(Serialize)]
struct NewsRow {
    id: i64,
    title: String,
    /// Where it stands: a draft, out since, or due at.
    standing: String,
    state: &'static str,
    audience: String,
    /// Whether it can still be published or moved.
    publishable: bool,
    public_url: Option<String>,
    /// How sending it by email stands; empty for a draft.
    mailing: String,
}

/// How sending `item` by email stands, in words.
pub(super) fn mailing(lang: Lang, item: &NewsItem, sent: Sent) -> String {
    let n = |count: u64| crate::domain::money::display_count(count, lang.thousands());
    let args =
        [("stored", n(sent.stored)), ("sent", n(sent.sent)), ("waiting", n(sent.waiting)), ("failed", n(sent.failed))];
    match (item.state, item.mailing) {
        (NewsState::Draft, _) => String::new(),
        (_, NewsMailing::Off) => i18n::t(lang, "news-mailing-off"),
        (_, NewsMailing::Pending) => i18n::t(lang, "news-mailing-pending"),
        (_, NewsMailing::Sending) => i18n::t_args(lang, "news-mailing-sending", &args),
        (_, NewsMailing::Done) => i18n::t_args(lang, "news-mailing-done", &args),
    }
}

fn row(state: &AppState, lang: Lang, item: &NewsItem, sent: Sent, now: DateTime<Utc>) -> NewsRow {
    let (key, state_class) = match item.state {
        _ if item.is_out(now) => ("news-standing-out", "out"),
        NewsState::Published => ("news-standing-scheduled", "scheduled"),
        NewsState::Draft => ("news-standing-draft", "draft"),
    };
    let when = item.published_at.map(|at| views::moment(state, at, lang)).unwrap_or_default();
    NewsRow {
        id: item.id,
        title: item.title.clone(),
        standing: i18n::t_args(lang, key, &[("when", when)]),
        state: state_class,
        audience: i18n::t(lang, &format!("news-audience-{}", item.audience)),
        publishable: !item.is_out(now),
        public_url: (item.is_out(now) && item.audience == NewsAudience::Public).then(|| format!("/news/{}", item.slug)),
        mailing: mailing(lang, item, sent),
    }
}

#[derive(Serialize)]
struct NewsListPage {
    rows: Vec<NewsRow>,
    /// Where the form is sent.
    action: String,
    form: NewsFields,
    errors: FormErrors,
    /// The campaign's time zone, for the publication time's field.
    time_zone: String,
}

async fn list_page(
    app: &AppState,
    session: &TeamSession,
    lang: Lang,
    csrf: &CsrfToken,
    input: &NewsInput,
    errors: &[AppError],
) -> Result<Template, AppError> {
    let now = app.clock.now();
    let items = news::all(&app.db, app.campaign_id, lang).await?;
    let ids: Vec<i64> = items.iter().map(|item| item.id).collect();
    let sent = news_mail::counts(&app.db, &ids).await?;
    let body = NewsListPage {
        rows: items
            .iter()
            .map(|item| row(app, lang, item, sent.get(&item.id).copied().unwrap_or_default(), now))
            .collect(),
        action: "/team/news".to_owned(),
        form: fields(app, lang, input),
        errors: FormErrors::of(app, errors, lang),
        time_zone: app.campaign.time_zone.to_string(),
    };
    let page = super::team_page(app, lang, "/team/news", "news-team-title", session, csrf, body);
    Ok(Template::render("team_news", page))
}

#[get("/team/news")]
async fn list_news(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
) -> Result<Template, PageError> {
    let input = NewsInput { audience: NewsAudience::Public.to_string(), ..NewsInput::default() };
    Ok(list_page(app, &session, lang, &csrf, &input, &[]).await?)
}

#[post("/team/news", data = "<form>")]
async fn write_news(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    form: Form<NewsForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let input = form.input();
    match input.validate(&app.campaign) {
        Ok(valid) => {
            let id = news::create(&app.db, app.campaign_id, &valid, &session.member.email, app.clock.now()).await?;
            Ok(Ok(Redirect::to(format!("/team/news/{id}"))))
        }
        Err(problems) => {
            let page = list_page(app, &session, lang, &csrf, &input, &problems).await?;
            Ok(Err((Status::UnprocessableEntity, page)))
        }
    }
}

/// One update's preview in a language written.
#[derive(Serialize)]
struct Preview {
    code: &'static str,
    name: &'static str,
    title: String,
    body_html: String,
}

#[derive(Serialize)]
struct NewsEditPage {
    id: i64,
    action: String,
    row: NewsRow,
    previews: Vec<Preview>,
    form: NewsFields,
    errors: FormErrors,
    saved: bool,
    time_zone: String,
}

/// What an update's page shows besides the update: what was typed and its mistakes, or
/// that it was saved.
#[derive(Default)]
struct Shown<'a> {
    input: Option<&'a NewsInput>,
    errors: &'a [AppError],
    saved: bool,
}

async fn edit_page(
    app: &AppState,
    session: &TeamSession,
    lang: Lang,
    csrf: &CsrfToken,
    id: i64,
    shown: Shown<'_>,
) -> Result<Template, AppError> {
    let now = app.clock.now();
    let (item, texts) = news::get(&app.db, id, lang).await?;
    let sent = news_mail::counts(&app.db, &[id]).await?.remove(&id).unwrap_or_default();
    let previews = texts
        .iter()
        .map(|(l, text)| Preview {
            code: l.code(),
            name: l.name(),
            title: text.title.clone(),
            body_html: text.body_html.clone(),
        })
        .collect();
    let written = NewsInput {
        texts: texts.into_iter().map(|(l, text)| (l, text.title, text.body)).collect(),
        audience: item.audience.to_string(),
        rewards: item.rewards.clone(),
    };
    let body = NewsEditPage {
        id,
        action: format!("/team/news/{id}"),
        row: row(app, lang, &item, sent, now),
        previews,
        form: fields(app, lang, shown.input.unwrap_or(&written)),
        errors: FormErrors::of(app, shown.errors, lang),
        saved: shown.saved,
        time_zone: app.campaign.time_zone.to_string(),
    };
    let path = format!("/team/news/{id}");
    let page = super::team_page(app, lang, &path, "news-team-edit-title", session, csrf, body);
    Ok(Template::render("team_news_edit", page))
}

#[get("/team/news/<id>?<saved>")]
async fn show_news(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
    id: i64,
    saved: Option<&str>,
) -> Result<Template, PageError> {
    Ok(edit_page(app, &session, lang, &csrf, id, Shown { saved: saved.is_some(), ..Shown::default() }).await?)
}

#[post("/team/news/<id>", data = "<form>")]
async fn edit_news(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    id: i64,
    form: Form<NewsForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let input = form.input();
    match input.validate(&app.campaign) {
        Ok(valid) => {
            news::update(&app.db, id, &valid, &session.member.email, app.clock.now()).await?;
            Ok(Ok(Redirect::to(format!("/team/news/{id}?saved=1"))))
        }
        Err(problems) => {
            let page = edit_page(
                app,
                &session,
                lang,
                &csrf,
                id,
                Shown { input: Some(&input), errors: &problems, saved: false },
            )
            .await?;
            Ok(Err((Status::UnprocessableEntity, page)))
        }
    }
}

#[derive(Debug, FromForm)]
struct PublishForm {
    /// `now`, or `later` at `at`.
    when: Option<String>,
    /// A local time in the campaign's time zone, as `datetime-local` sends it.
    at: Option<String>,
    /// Whether to email it to the backers it concerns (a box ticked by default).
    email: bool,
    csrf: Option<String>,
}

/// When a publication form asks for: `None` for now.
fn publication_time(app: &AppState, form: &PublishForm) -> Result<Option<DateTime<Utc>>, AppError> {
    if form.when.as_deref() != Some("later") {
        return Ok(None);
    }
    let typed = form.at.as_deref().unwrap_or_default().trim();
    let local = NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(typed, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| AppError::invalid("at", "error-news-time"))?;
    let at = app
        .campaign
        .time_zone
        .from_local_datetime(&local)
        .earliest()
        .ok_or_else(|| AppError::invalid("at", "error-news-time"))?;
    Ok(Some(at.with_timezone(&Utc)))
}

#[post("/team/news/<id>/publish", data = "<form>")]
async fn publish_news(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    id: i64,
    form: Form<PublishForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let published = match publication_time(app, &form) {
        Ok(at) => news::publish(&app.db, id, at, form.email, app.clock.now()).await,
        Err(error) => Err(error),
    };
    match published {
        Ok(()) => Ok(Ok(Redirect::to(format!("/team/news#news-{id}")))),
        Err(error) if error.is_internal() || matches!(error, AppError::NotFound) => Err(error.into()),
        Err(error) => {
            let page = edit_page(
                app,
                &session,
                lang,
                &csrf,
                id,
                Shown { errors: std::slice::from_ref(&error), ..Shown::default() },
            )
            .await?;
            Ok(Err((status_of(&error), page)))
        }
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![list_news, write_news, show_news, edit_news, publish_news]
}
