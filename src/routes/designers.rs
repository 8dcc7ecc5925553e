//! Designers: the public list and profiles (approved ones only), registration with a photo,
//! the designer's private page to edit the profile, and photos.

use rocket::data::Capped;
use rocket::form::{Errors, Form, FromForm};
use rocket::fs::TempFile;
use rocket::http::{CookieJar, Header};
use rocket::response::{Redirect, Responder};
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;
use tokio::io::AsyncReadExt;

use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::designer::{AREAS, MAX_BIO, PRACTICES};
use crate::domain::ids::new_secret;
use crate::domain::photo::{self, Photo, PhotoError};
use crate::domain::rate_limit::LimitKind;
use crate::domain::states::DesignerState;
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::{PageError, status_of};
use crate::routes::fields::FormErrors;
use crate::routes::limits::Admission;
use crate::routes::views::{self, Choice, Notice, Page};
use crate::services::bounded::Bounded;
use crate::services::designers::{self, DesignerRecord, Profile, ProfileInput};

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

/// What the profile form shows: the profile as it is, or as typed.
#[derive(Debug, Default, Serialize)]
struct ProfileValues {
    name: String,
    brand: String,
    email: String,
    bio: String,
    website: String,
    /// One per line, as the form's text area holds them.
    links: String,
    practices: Vec<String>,
    practices_other: String,
    area: String,
    consent: bool,
}

fn values(input: &ProfileInput) -> ProfileValues {
    ProfileValues {
        name: input.name.clone(),
        brand: input.brand.clone(),
        email: input.email.clone(),
        bio: input.bio.clone(),
        website: input.website.clone(),
        links: input.links.clone(),
        practices: input.practices.clone(),
        practices_other: input.practices_other.clone(),
        area: input.area.clone(),
        consent: input.consent,
    }
}

fn values_of(designer: &DesignerRecord) -> ProfileValues {
    ProfileValues {
        name: designer.name.clone(),
        brand: designer.brand.clone(),
        email: designer.email.clone(),
        bio: designer.bio.clone(),
        website: designer.website.clone().unwrap_or_default(),
        links: designer.links.join("\n"),
        practices: designer.practices.clone(),
        practices_other: designer.practices_other.clone().unwrap_or_default(),
        area: designer.area.clone(),
        consent: true,
    }
}

/// Photos are decoded one at a time (a 50-megapixel one takes about 200 MiB while it is; four
/// bombs at once must stay within 400), with four waiting at most. Designers register rarely:
/// a second photo waits a fraction of a second.
static DECODING: Bounded = Bounded::new(1, 4);

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
    let processed = DECODING.run("processing a photo", move || photo::process(&bytes)).await?;
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
/// A new registration is counted against its email before its photo is decoded.
async fn checked(
    jar: &CookieJar<'_>,
    form: &ProfileForm<'_>,
    input: &ProfileInput,
    admission: Option<&Admission<'_>>,
) -> Result<(Profile, Option<Photo>), AppError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let profile = input.validate()?;
    if let Some(admission) = admission {
        admission.by_email(LimitKind::Designers, &profile.email)?;
    }
    let photo = read_photo(form.photo.as_ref()).await?;
    Ok((profile, photo))
}

/// Every mistake of the fields when `error` is one of them (the photo is read only once
/// the fields are right).
fn problems_of(input: &ProfileInput, error: &AppError) -> Vec<AppError> {
    if error.field().is_some_and(|field| field != "photo") { input.problems() } else { Vec::new() }
}

/// Why a whole upload was refused before its fields could be read: nearly always its size.
fn upload_error(errors: &Errors<'_>) -> AppError {
    use rocket::form::error::ErrorKind;
    let too_large = errors.iter().any(|e| matches!(e.kind, ErrorKind::InvalidLength { .. } | ErrorKind::Io(_)));
    if too_large { AppError::invalid("photo", "error-form-too-large") } else { AppError::Malformed(errors.to_string()) }
}

/// The choices of the form, ticked as `values` says.
fn choices(lang: Lang, values: &ProfileValues) -> (Vec<Choice>, Vec<Choice>) {
    let practices = views::options(lang, PRACTICES, "practice-", |p| values.practices.iter().any(|v| v == p));
    let areas = views::options(lang, AREAS, "area-", |a| values.area == a);
    (practices, areas)
}

struct FormPage<'a> {
    path: &'a str,
    title: &'static str,
    values: ProfileValues,
    error: Option<&'a AppError>,
    /// Every mistake of the fields, when `error` is one of them.
    problems: Vec<AppError>,
    /// A photo was sent with a form refused for another reason: it must be chosen again.
    photo_again: bool,
    designer: Option<&'a DesignerRecord>,
    /// The designer's changes were just saved.
    saved: bool,
}

/// The registration form, or the designer's own page with the form to edit the profile.
#[derive(Serialize)]
struct ProfileFormPage {
    title_key: &'static str,
    action: String,
    values: ProfileValues,
    practices: Vec<Choice>,
    areas: Vec<Choice>,
    errors: FormErrors,
    photo_again: bool,
    csrf: String,
    form_key: String,
    max_bio: usize,
    /// Where the designer's own profile stands, on their private page.
    designer: Option<OwnProfile>,
    saved: bool,
}

/// The designer's own profile, as their private page tells it.
#[derive(Serialize)]
struct OwnProfile {
    state: DesignerState,
    state_message: String,
    photo_url: Option<String>,
    public_url: Option<String>,
}

fn form_page(state: &AppState, lang: Lang, csrf: &CsrfToken, page: FormPage<'_>) -> Template {
    let (practices, areas) = choices(lang, &page.values);
    let designer = page.designer.map(|d| OwnProfile {
        state: d.state,
        state_message: i18n::t_args(
            lang,
            &format!("designer-state-{}", d.state),
            &[("reason", d.reject_reason.clone().unwrap_or_default())],
        ),
        photo_url: d
            .has_photo
            .then(|| format!("/designers/edit/{}/photo?v={}", d.edit_token, d.updated_at.timestamp_millis())),
        public_url: d.is_public().then(|| format!("/designers/{}", d.slug)),
    });
    let body = ProfileFormPage {
        title_key: page.title,
        action: page.path.to_owned(),
        values: page.values,
        practices,
        areas,
        errors: if page.problems.is_empty() {
            FormErrors::one(state, page.error, lang)
        } else {
            FormErrors::of(state, &page.problems, lang)
        },
        photo_again: page.photo_again,
        csrf: csrf.0.clone(),
        form_key: new_secret(),
        max_bio: MAX_BIO,
        designer,
        saved: page.saved,
    };
    let mut shown = Page::new(state, lang, page.path, body).titled(i18n::t(lang, page.title));
    // The registration form is public; a designer's edit link is theirs alone.
    if page.path == "/designers/register" {
        shown = shown.described(&i18n::t(lang, "designer-register-intro"));
    }
    Template::render("designer_form", shown)
}

#[get("/designers/register")]
fn show_designer_form(state: &State<AppState>, lang: Lang, csrf: CsrfToken) -> Template {
    let page = FormPage {
        path: "/designers/register",
        title: "designer-register-title",
        values: ProfileValues::default(),
        error: None,
        problems: Vec::new(),
        photo_again: false,
        designer: None,
        saved: false,
    };
    form_page(state, lang, &csrf, page)
}

#[post("/designers/register", data = "<form>")]
async fn register_designer(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    admission: Admission<'_>,
    form: Result<Form<ProfileForm<'_>>, Errors<'_>>,
) -> Result<Result<Redirect, Answer>, PageError> {
    let path = "/designers/register";
    let title = "designer-register-title";
    let admitted = admission.by_address(LimitKind::Designers);
    let form = match form {
        Ok(form) => form.into_inner(),
        Err(errors) => {
            let error = upload_error(&errors);
            let page = FormPage {
                path,
                title,
                values: ProfileValues::default(),
                error: Some(&error),
                problems: Vec::new(),
                photo_again: false,
                designer: None,
                saved: false,
            };
            return Ok(Err((status_of(&error), form_page(state, lang, &csrf, page))));
        }
    };
    let input = form.input();
    let checked = match admitted {
        Ok(()) => checked(jar, &form, &input, Some(&admission)).await,
        Err(error) => Err(error),
    };
    let outcome = match checked {
        Ok((profile, photo)) => {
            let key = form.form_key.as_deref().filter(|k| (32..=64).contains(&k.len()));
            let now = state.clock.now();
            let reserved = state.campaign.named_designers();
            let db = &state.db;
            designers::register(
                db,
                state.campaign_id,
                &reserved,
                &profile,
                photo.as_ref(),
                lang,
                key,
                &state.letters,
                now,
            )
            .await
        }
        Err(error) => Err(error),
    };
    match outcome {
        Ok(_) => Ok(Ok(Redirect::to("/designers/registered"))),
        Err(error) if error.is_internal() => Err(error.into()),
        Err(error) => {
            admission.note(&error);
            let photo_again = form.photo_again(&error);
            let page = FormPage {
                path,
                title,
                values: values(&input),
                error: Some(&error),
                problems: problems_of(&input, &error),
                photo_again,
                designer: None,
                saved: false,
            };
            Ok(Err((status_of(&error), form_page(state, lang, &csrf, page))))
        }
    }
}

#[get("/designers/registered")]
fn show_designer_registered(state: &State<AppState>, lang: Lang) -> Template {
    let body = Notice { title_key: "designer-registered-title", text_key: "designer-registered-text" };
    body.page(state, lang, "/designers/registered", "notice", Some("designer-register-intro"))
}

#[get("/designers/edit/<token>?<saved>")]
async fn show_designer_edit(
    state: &State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    token: &str,
    saved: Option<&str>,
) -> Result<Template, PageError> {
    let designer = designers::by_token(&state.db, token).await?;
    let path = format!("/designers/edit/{token}");
    let page = FormPage {
        path: &path,
        title: "designer-edit-title",
        values: values_of(&designer),
        error: None,
        problems: Vec::new(),
        photo_again: false,
        designer: Some(&designer),
        // Whatever the flag says: a link that carries it comes from a save.
        saved: saved.is_some(),
    };
    Ok(form_page(state, lang, &csrf, page))
}

#[post("/designers/edit/<token>", data = "<form>")]
async fn edit_designer(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    token: &str,
    admission: Admission<'_>,
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
                problems: Vec::new(),
                photo_again: false,
                designer: Some(&designer),
                saved: false,
            };
            return Ok(Err((status_of(&error), form_page(state, lang, &csrf, page))));
        }
    };
    let input = form.input();
    let outcome = match checked(jar, &form, &input, None).await {
        Ok((profile, photo)) => designers::update(&state.db, token, &profile, photo.as_ref(), state.clock.now()).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(updated) => {
            if updated.is_public() {
                // The campaign's cached pages name approved designers.
                state.writer.figures_changed();
            }
            Ok(Ok(Redirect::to(format!("{path}?saved=1"))))
        }
        Err(error) if error.is_internal() => Err(error.into()),
        Err(error) => {
            // A photo refused because others are being decoded says when to send it again.
            admission.note(&error);
            let photo_again = form.photo_again(&error);
            let page = FormPage {
                path: &path,
                title,
                values: values(&input),
                error: Some(&error),
                problems: problems_of(&input, &error),
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
async fn own_designer_photo(state: &State<AppState>, token: &str) -> Result<Jpeg, PageError> {
    let designer = designers::by_token(&state.db, token).await?;
    Ok(Jpeg::new(designers::photo(&state.db, designer.id).await?, false))
}

/// Designers' photos made smaller for lists and the campaign page's row of faces, by designer
/// and photo version; made on first request, since a photo is stored once at its full size.
#[derive(Debug, Default)]
pub struct SmallPhotos(std::sync::Mutex<std::collections::HashMap<(i64, i64), Vec<u8>>>);

/// The largest side of a small photo: a face in a list, sharp on a phone's screen.
const SMALL_SIDE: u32 = 480;

/// More small photos than a campaign has designers start the memo afresh.
const SMALL_PHOTOS_KEPT: usize = 2_000;

#[get("/designers/<slug>/photo?<size>", rank = 3)]
async fn public_designer_photo(
    state: &State<AppState>,
    small: &State<SmallPhotos>,
    slug: &str,
    size: Option<&str>,
) -> Result<Jpeg, PageError> {
    let designer = designers::public(&state.db, slug).await?;
    let key = (designer.id, designer.updated_at.timestamp_millis());
    if size == Some("small")
        && let Some(made) = small.0.lock().unwrap_or_else(|e| e.into_inner()).get(&key)
    {
        return Ok(Jpeg::new(made.clone(), true));
    }
    let jpeg = designers::photo(&state.db, designer.id).await?;
    if size != Some("small") {
        return Ok(Jpeg::new(jpeg, true));
    }
    let made = tokio::task::spawn_blocking(move || {
        let picture = crate::domain::photo::decode(&jpeg, SMALL_SIDE).ok()?;
        if picture.width() <= SMALL_SIDE && picture.height() <= SMALL_SIDE {
            return Some(jpeg);
        }
        let picture = picture.resize(SMALL_SIDE, SMALL_SIDE, image::imageops::FilterType::CatmullRom);
        crate::domain::photo::encode(&picture, 80).ok()
    })
    .await
    .ok()
    .flatten()
    .ok_or_else(|| AppError::internal("reducing a designer's photo", "the stored photo cannot be read"))?;
    let mut kept = small.0.lock().unwrap_or_else(|e| e.into_inner());
    if kept.len() >= SMALL_PHOTOS_KEPT {
        kept.clear();
    }
    kept.insert(key, made.clone());
    Ok(Jpeg::new(made, true))
}

/// The letter shown in place of a missing photo: the brand's first letter or digit.
pub fn initials(brand: &str) -> Option<String> {
    brand.chars().find(|c| c.is_alphanumeric()).map(|c| c.to_uppercase().to_string())
}

/// A designer as cards and profiles show them; never their email. `photo_url` is where
/// this page may load the photo from.
#[derive(Debug, Serialize)]
pub struct DesignerCard {
    pub slug: String,
    pub name: String,
    pub brand: String,
    pub bio: String,
    pub website: Option<String>,
    pub links: Vec<LinkView>,
    pub practices: Vec<Choice>,
    pub practices_other: Option<String>,
    /// The area's name.
    pub area: String,
    pub photo_url: Option<String>,
    /// Shown in place of a photo.
    pub initials: Option<String>,
    pub rewards: Vec<RewardLink>,
}

/// A web link and the site it leads to.
#[derive(Debug, Serialize)]
pub struct LinkView {
    pub url: String,
    pub label: String,
}

/// A reward, by id and title.
#[derive(Debug, Serialize)]
pub struct RewardLink {
    pub id: String,
    pub title: String,
}

pub fn designer_card(
    state: &AppState,
    designer: &DesignerRecord,
    lang: Lang,
    photo_url: Option<String>,
) -> DesignerCard {
    DesignerCard {
        slug: designer.slug.clone(),
        name: designer.name.clone(),
        brand: designer.brand.clone(),
        bio: designer.bio.clone(),
        website: designer.website.clone(),
        links: designer
            .links
            .iter()
            .map(|l| LinkView { url: l.clone(), label: crate::domain::source::site(l).unwrap_or_else(|| l.clone()) })
            .collect(),
        practices: views::options(lang, &designer.practices, "practice-", |_| true),
        practices_other: designer.practices_other.clone(),
        area: i18n::t(lang, &format!("area-{}", designer.area)),
        photo_url,
        initials: initials(&designer.brand),
        rewards: state
            .campaign
            .rewards
            .iter()
            .filter(|r| r.designers.contains(&designer.slug))
            .map(|r| RewardLink { id: r.id.to_string(), title: r.title.get(lang).to_owned() })
            .collect(),
    }
}

/// The approved designers, filtered by a practice.
#[derive(Serialize)]
struct DesignersPage {
    designers: Vec<DesignerCard>,
    filters: Vec<Choice>,
    filtered: bool,
}

#[get("/designers?<practice>")]
async fn list_designers(state: &State<AppState>, lang: Lang, practice: Option<&str>) -> Result<Template, PageError> {
    let practice = practice.filter(|p| PRACTICES.contains(p));
    let found = designers::approved(&state.db, practice).await?;
    let body = DesignersPage {
        designers: found.iter().map(|d| designer_card(state, d, lang, d.small_photo_url())).collect(),
        filters: views::options(lang, PRACTICES, "practice-", |p| practice == Some(p)),
        filtered: practice.is_some(),
    };
    let path = practice.map_or_else(|| "/designers".to_owned(), |p| format!("/designers?practice={p}"));
    let page = Page::new(state, lang, &path, body)
        .titled(i18n::t(lang, "designers-title"))
        .described(&i18n::t(lang, "designers-intro"));
    Ok(Template::render("designers", page))
}

/// One approved designer's profile.
#[derive(Serialize)]
struct DesignerPage {
    designer: DesignerCard,
}

#[get("/designers/<slug>", rank = 2)]
async fn show_designer(state: &State<AppState>, lang: Lang, slug: &str) -> Result<Template, PageError> {
    let designer = designers::public(&state.db, slug).await?;
    let body = DesignerPage { designer: designer_card(state, &designer, lang, designer.photo_url()) };
    let image = format!("/designers/{slug}/preview.png?lang={}", lang.code());
    let page = Page::new(state, lang, &format!("/designers/{slug}"), body)
        .previewed(&designer.bio, &image)
        .titled(designer.brand);
    Ok(Template::render("designer", page))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![
        show_designer_form,
        register_designer,
        show_designer_registered,
        show_designer_edit,
        edit_designer,
        own_designer_photo,
        public_designer_photo,
        list_designers,
        show_designer
    ]
}
