//! Designers: the public list and profiles (approved ones only), registration with a photo,
//! the designer's private page to edit the profile, photos, and `GET /api/designers`.

use rocket::data::Capped;
use rocket::form::{Errors, Form, FromForm};
use rocket::fs::TempFile;
use rocket::http::{CookieJar, Header};
use rocket::response::{Redirect, Responder};
use rocket::serde::json::Json;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde_json::{Value, json};
use tokio::io::AsyncReadExt;

use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::designer::{AREAS, MAX_BIO, PRACTICES};
use crate::domain::ids::new_secret;
use crate::domain::photo::{self, Photo, PhotoError};
use crate::domain::states::DesignerState;
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::{ApiError, PageError, status_of};
use crate::routes::views;
use crate::services::designers::{self, Profile, ProfileInput};

/// The profile form as posted (multipart, for the photo). Every field is optional here so a
/// missing one gets the same clear message as a wrong one.
#[derive(FromForm)]
struct ProfileForm<'r> {
    name: Option<String>,
    brand: Option<String>,
    email: Option<String>,
    bio: Option<String>,
    website: Option<String>,
    links: Option<String>,
    practices: Vec<String>,
    practices_other: Option<String>,
    area: Option<String>,
    consent: bool,
    csrf: Option<String>,
    form_key: Option<String>,
    photo: Option<Capped<TempFile<'r>>>,
}

impl ProfileForm<'_> {
    /// A photo was sent with a form refused for another reason: it must be chosen again.
    fn photo_again(&self, error: &AppError) -> bool {
        self.photo.as_ref().is_some_and(|f| !f.is_empty()) && error.field() != Some("photo")
    }

    fn input(&self) -> ProfileInput {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        ProfileInput {
            name: text(&self.name),
            brand: text(&self.brand),
            email: text(&self.email),
            bio: text(&self.bio),
            website: text(&self.website),
            links: text(&self.links),
            practices: self.practices.clone(),
            practices_other: text(&self.practices_other),
            area: text(&self.area),
            consent: self.consent,
        }
    }
}

fn values(input: &ProfileInput) -> Value {
    json!({
        "name": input.name,
        "brand": input.brand,
        "email": input.email,
        "bio": input.bio,
        "website": input.website,
        "links": input.links,
        "practices": input.practices,
        "practices_other": input.practices_other,
        "area": input.area,
        "consent": input.consent,
    })
}

fn values_of(designer: &entity::designer::Model) -> Value {
    json!({
        "name": designer.name,
        "brand": designer.brand,
        "email": designer.email,
        "bio": designer.bio,
        "website": designer.website,
        "links": designer.links,
        "practices": designer.practices.split(',').filter(|p| !p.is_empty()).collect::<Vec<_>>(),
        "practices_other": designer.practices_other,
        "area": designer.area,
        "consent": true,
    })
}

/// Reads and re-encodes an uploaded photo, off the async runtime; `None` when no file was
/// chosen.
async fn read_photo(file: Option<&Capped<TempFile<'_>>>) -> Result<Option<Photo>, AppError> {
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        return Ok(None);
    };
    if !file.is_complete() {
        return Err(AppError::invalid("photo", "error-photo-too-large"));
    }
    let unreadable = |_| AppError::invalid("photo", "error-photo-unreadable");
    let mut bytes = Vec::with_capacity(file.len() as usize);
    file.open().await.map_err(unreadable)?.read_to_end(&mut bytes).await.map_err(unreadable)?;
    let processed = tokio::task::spawn_blocking(move || photo::process(&bytes))
        .await
        .map_err(|e| AppError::internal("processing a photo", e))?;
    processed.map(Some).map_err(|error| {
        let key = match error {
            PhotoError::TooLarge => "error-photo-too-large",
            PhotoError::NotAnImage => "error-photo-not-image",
            PhotoError::Unreadable => "error-photo-unreadable",
            PhotoError::TooManyPixels => "error-photo-pixels",
        };
        AppError::invalid("photo", key)
    })
}

/// The form's token, its fields, then its photo: the cheap checks before the costly one.
async fn checked(
    jar: &CookieJar<'_>,
    form: &ProfileForm<'_>,
    input: &ProfileInput,
) -> Result<(Profile, Option<Photo>), AppError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let profile = input.validate()?;
    let photo = read_photo(form.photo.as_ref()).await?;
    Ok((profile, photo))
}

/// Why a whole upload was refused before its fields could be read: nearly always its size.
fn upload_error(errors: &Errors<'_>) -> AppError {
    use rocket::form::error::ErrorKind;
    let too_large = errors.iter().any(|e| matches!(e.kind, ErrorKind::InvalidLength { .. } | ErrorKind::Io(_)));
    if too_large { AppError::invalid("photo", "error-form-too-large") } else { AppError::Malformed(errors.to_string()) }
}

/// The choices of the form, ticked as `values` says.
fn choices(lang: Lang, values: &Value) -> (Vec<views::Choice>, Vec<views::Choice>) {
    let ticked = |p: &str| values["practices"].as_array().is_some_and(|a| a.iter().any(|v| v == p));
    let practices = views::options(lang, PRACTICES, "practice-", ticked);
    let areas = views::options(lang, AREAS, "area-", |a| values["area"] == a);
    (practices, areas)
}

struct FormPage<'a> {
    path: &'a str,
    title: &'static str,
    values: Value,
    error: Option<&'a AppError>,
    /// A photo was sent with a form refused for another reason: it must be chosen again.
    photo_again: bool,
    designer: Option<&'a entity::designer::Model>,
    /// The designer's changes were just saved.
    saved: bool,
}

fn form_page(state: &AppState, lang: Lang, csrf: &CsrfToken, page: FormPage<'_>) -> Template {
    let (practices, areas) = choices(lang, &page.values);
    let designer = page.designer.map(|d| {
        json!({
            "state_message": i18n::t_args(lang, &format!("designer-state-{}", d.state), &[("reason", d.reject_reason.clone().unwrap_or_default())]),
            "state": d.state,
            "photo_url": d.has_photo.then(|| format!("/designers/edit/{}/photo?v={}", d.edit_token, d.updated_at_ms)),
            "public_url": (d.state == DesignerState::Approved).then(|| format!("/designers/{}", d.slug)),
        })
    });
    let body = json!({
        "page_title": i18n::t(lang, page.title),
        "title_key": page.title,
        "action": page.path,
        "values": page.values,
        "practices": practices,
        "areas": areas,
        "error": page.error.map(|e| json!({ "field": e.field(), "message": e.message(lang, &state.campaign.currency) })),
        "photo_again": page.photo_again,
        "csrf": csrf.0,
        "form_key": new_secret(),
        "max_bio": MAX_BIO,
        "designer": designer,
        "saved": page.saved,
    });
    Template::render("designer_form", views::page(state, lang, page.path, body))
}

#[get("/designers/register")]
fn show_register(state: &State<AppState>, lang: Lang, csrf: CsrfToken) -> Template {
    let page = FormPage {
        path: "/designers/register",
        title: "designer-register-title",
        values: json!({}),
        error: None,
        photo_again: false,
        designer: None,
        saved: false,
    };
    form_page(state, lang, &csrf, page)
}

#[post("/designers/register", data = "<form>")]
async fn register(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    form: Result<Form<ProfileForm<'_>>, Errors<'_>>,
) -> Result<Result<Redirect, Answer>, PageError> {
    let path = "/designers/register";
    let title = "designer-register-title";
    let form = match form {
        Ok(form) => form.into_inner(),
        Err(errors) => {
            let error = upload_error(&errors);
            let page = FormPage {
                path,
                title,
                values: json!({}),
                error: Some(&error),
                photo_again: false,
                designer: None,
                saved: false,
            };
            return Ok(Err((status_of(&error), form_page(state, lang, &csrf, page))));
        }
    };
    let input = form.input();
    let outcome = match checked(jar, &form, &input).await {
        Ok((profile, photo)) => {
            let key = form.form_key.as_deref().filter(|k| (32..=64).contains(&k.len()));
            let now = state.clock.now();
            designers::register(&state.db, state.campaign_id, &profile, photo.as_ref(), lang, key, &state.letters, now)
                .await
        }
        Err(error) => Err(error),
    };
    match outcome {
        Ok(_) => Ok(Ok(Redirect::to("/designers/registered"))),
        Err(error) if error.is_internal() => Err(error.into()),
        Err(error) => {
            let photo_again = form.photo_again(&error);
            let page = FormPage {
                path,
                title,
                values: values(&input),
                error: Some(&error),
                photo_again,
                designer: None,
                saved: false,
            };
            Ok(Err((status_of(&error), form_page(state, lang, &csrf, page))))
        }
    }
}

#[get("/designers/registered")]
fn registered(state: &State<AppState>, lang: Lang) -> Template {
    let body = json!({
        "page_title": i18n::t(lang, "designer-registered-title"),
        "title_key": "designer-registered-title",
        "text_key": "designer-registered-text",
    });
    Template::render("notice", views::page(state, lang, "/designers/registered", body))
}

#[get("/designers/edit/<token>?<saved>")]
async fn show_edit(
    state: &State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    token: &str,
    saved: bool,
) -> Result<Template, PageError> {
    let designer = designers::by_token(&state.db, token).await?;
    let path = format!("/designers/edit/{token}");
    let page = FormPage {
        path: &path,
        title: "designer-edit-title",
        values: values_of(&designer),
        error: None,
        photo_again: false,
        designer: Some(&designer),
        saved,
    };
    Ok(form_page(state, lang, &csrf, page))
}

#[post("/designers/edit/<token>", data = "<form>")]
async fn edit(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    token: &str,
    form: Result<Form<ProfileForm<'_>>, Errors<'_>>,
) -> Result<Result<Redirect, Answer>, PageError> {
    let designer = designers::by_token(&state.db, token).await?;
    let path = format!("/designers/edit/{token}");
    let title = "designer-edit-title";
    let form = match form {
        Ok(form) => form.into_inner(),
        Err(errors) => {
            let error = upload_error(&errors);
            let values = values_of(&designer);
            let page = FormPage {
                path: &path,
                title,
                values,
                error: Some(&error),
                photo_again: false,
                designer: Some(&designer),
                saved: false,
            };
            return Ok(Err((status_of(&error), form_page(state, lang, &csrf, page))));
        }
    };
    let input = form.input();
    let outcome = match checked(jar, &form, &input).await {
        Ok((profile, photo)) => designers::update(&state.db, token, &profile, photo.as_ref(), state.clock.now()).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(updated) => {
            if updated.state == DesignerState::Approved {
                // The campaign's cached pages name approved designers.
                state.writer.figures_changed();
            }
            Ok(Ok(Redirect::to(format!("{path}?saved=1"))))
        }
        Err(error) if error.is_internal() => Err(error.into()),
        Err(error) => {
            let photo_again = form.photo_again(&error);
            let page = FormPage {
                path: &path,
                title,
                values: values(&input),
                error: Some(&error),
                photo_again,
                designer: Some(&designer),
                saved: false,
            };
            Ok(Err((status_of(&error), form_page(state, lang, &csrf, page))))
        }
    }
}

/// A stored photo as a response, cached by browsers: its address changes with the photo.
#[derive(Responder)]
#[response(content_type = "image/jpeg")]
pub struct Jpeg(Vec<u8>, Header<'static>);

impl Jpeg {
    pub fn new(bytes: Vec<u8>, public: bool) -> Jpeg {
        let cache = if public { "public, max-age=86400" } else { "private, max-age=300" };
        Jpeg(bytes, Header::new("Cache-Control", cache))
    }
}

#[get("/designers/edit/<token>/photo")]
async fn own_photo(state: &State<AppState>, token: &str) -> Result<Jpeg, PageError> {
    let designer = designers::by_token(&state.db, token).await?;
    Ok(Jpeg::new(designers::photo(&state.db, designer.id).await?.jpeg, false))
}

#[get("/designers/<slug>/photo")]
async fn public_photo(state: &State<AppState>, slug: &str) -> Result<Jpeg, PageError> {
    let designer = designers::public(&state.db, slug).await?;
    Ok(Jpeg::new(designers::photo(&state.db, designer.id).await?.jpeg, true))
}

/// A designer as the public sees them; never their email.
pub fn designer_view(state: &AppState, designer: &entity::designer::Model, lang: Lang) -> Value {
    let practices: Vec<Value> = designer
        .practices
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| json!({ "value": p, "label": i18n::t(lang, &format!("practice-{p}")) }))
        .collect();
    let links: Vec<Value> = designer
        .links
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| json!({ "url": l, "label": crate::domain::source::site(l).unwrap_or_else(|| l.to_owned()) }))
        .collect();
    let rewards: Vec<Value> = state
        .campaign
        .rewards
        .iter()
        .filter(|r| r.designers.contains(&designer.slug))
        .map(|r| json!({ "id": r.id.as_str(), "title": r.title.get(lang) }))
        .collect();
    json!({
        "slug": designer.slug,
        "name": designer.name,
        "brand": designer.brand,
        "bio": designer.bio,
        "website": designer.website,
        "links": links,
        "practices": practices,
        "practices_other": designer.practices_other,
        "area": i18n::t(lang, &format!("area-{}", designer.area)),
        "photo_url": designer.has_photo.then(|| format!("/designers/{}/photo?v={}", designer.slug, designer.updated_at_ms)),
        "initials": designer.brand.chars().find(|c| c.is_alphanumeric()).map(|c| c.to_uppercase().to_string()),
        "rewards": rewards,
    })
}

#[get("/designers?<practice>")]
async fn list(state: &State<AppState>, lang: Lang, practice: Option<&str>) -> Result<Template, PageError> {
    let practice = practice.filter(|p| PRACTICES.contains(p));
    let found = designers::approved(&state.db, practice).await?;
    let cards: Vec<Value> = found.iter().map(|d| designer_view(state, d, lang)).collect();
    let filters = views::options(lang, PRACTICES, "practice-", |p| practice == Some(p));
    let body = json!({
        "page_title": i18n::t(lang, "designers-title"),
        "designers": cards,
        "filters": filters,
        "filtered": practice.is_some(),
    });
    let path = practice.map_or_else(|| "/designers".to_owned(), |p| format!("/designers?practice={p}"));
    Ok(Template::render("designers", views::page(state, lang, &path, body)))
}

#[get("/designers/<slug>", rank = 2)]
async fn show(state: &State<AppState>, lang: Lang, slug: &str) -> Result<Template, PageError> {
    let designer = designers::public(&state.db, slug).await?;
    let body = json!({ "designer": designer_view(state, &designer, lang), "page_title": designer.brand });
    Ok(Template::render("designer", views::page(state, lang, &format!("/designers/{slug}"), body)))
}

#[get("/api/designers")]
async fn api_list(state: &State<AppState>, lang: Lang) -> Result<Json<Value>, ApiError> {
    let found = designers::approved(&state.db, None).await?;
    let list: Vec<Value> = found
        .iter()
        .map(|d| {
            let mut view = designer_view(state, d, lang);
            view["practices"] = json!(d.practices.split(',').filter(|p| !p.is_empty()).collect::<Vec<_>>());
            view["area"] = json!(d.area);
            view["links"] = json!(d.links.lines().filter(|l| !l.is_empty()).collect::<Vec<_>>());
            if let Some(object) = view.as_object_mut() {
                object.remove("initials");
            }
            view
        })
        .collect();
    Ok(Json(json!({ "designers": list })))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_register, register, registered, show_edit, edit, own_photo, public_photo, list, show, api_list]
}
