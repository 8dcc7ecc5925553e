//! Designers' profiles: registration, the designer's own edits through a private link, the
//! team's moderation, and what the public may see: approved profiles only.

use chrono::{DateTime, Utc};
use entity::{designer, designer_photo};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, SqlErr,
};

use super::letters::{DesignerNews, Letters};
use super::offers::text_error;
use super::outbox;
use super::stored::{instant, list};
use crate::db::Db;
use crate::domain::designer::{AREAS, LinkError, MAX_BIO, MAX_LINKS, PRACTICES, slug_of, web_link};
use crate::domain::ids::{looks_like_secret, new_secret};
use crate::domain::photo::Photo;
use crate::domain::states::DesignerState;
use crate::domain::text::{optional, required};
use crate::domain::{Email, Lang, PersonName};
use crate::error::{AppError, Problems};

/// A profile as the form sends it.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub name: String,
    pub brand: String,
    pub email: String,
    pub bio: String,
    pub website: String,
    /// One link per line.
    pub links: String,
    pub practices: Vec<String>,
    pub practices_other: String,
    pub area: String,
    pub consent: bool,
}

/// A profile that passed every check.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: PersonName,
    pub brand: String,
    pub email: Email,
    pub bio: String,
    pub website: Option<String>,
    pub links: Vec<String>,
    pub practices: Vec<&'static str>,
    pub practices_other: Option<String>,
    pub area: &'static str,
}

fn link_error(field: &'static str, typed: &str, error: LinkError) -> AppError {
    let key = match error {
        LinkError::Scheme => "error-link-scheme",
        LinkError::Invalid => "error-link-invalid",
    };
    AppError::invalid_with(field, key, "link", typed.chars().take(80).collect::<String>())
}

impl ProfileInput {
    /// Checks the form in the order a person reads it, and stops at the first mistake;
    /// publication needs consent.
    pub fn validate(&self) -> Result<Profile, AppError> {
        self.checked().map_err(Problems::first)
    }

    /// Every mistake of the form, for a page to show them all at once.
    pub fn problems(&self) -> Vec<AppError> {
        self.checked().err().map(Problems::into_vec).unwrap_or_default()
    }

    fn checked(&self) -> Result<Profile, Problems> {
        let mut problems = Problems::default();
        let name = problems.keep(PersonName::parse(&self.name).map_err(AppError::from));
        let brand = problems.keep(required(&self.brand, 100).map_err(|e| text_error("brand", e)));
        let email = problems.keep(Email::parse(&self.email).map_err(AppError::from));
        let bio = problems.keep(required(&self.bio, MAX_BIO).map_err(|e| text_error("bio", e)));
        let website = problems.keep(match self.website.trim() {
            "" => Ok(None),
            typed => web_link(typed).map(Some).map_err(|e| link_error("website", typed, e)),
        });
        let typed_links: Vec<&str> = self.links.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let links = problems.keep(if typed_links.len() > MAX_LINKS {
            Err(AppError::invalid_with("links", "error-links-too-many", "max", MAX_LINKS))
        } else {
            typed_links
                .iter()
                .map(|typed| web_link(typed).map_err(|e| link_error("links", typed, e)))
                .collect::<Result<Vec<_>, _>>()
        });
        if let Some(unknown) = self.practices.iter().find(|p| !PRACTICES.contains(&p.as_str())) {
            tracing::debug!(%unknown, "a designer's form sent an unknown practice");
            problems.add(AppError::invalid("practices", "error-practice"));
        }
        // Each practice once, in the list's order, however many times a form repeats it.
        let practices: Vec<&'static str> =
            PRACTICES.iter().copied().filter(|known| self.practices.iter().any(|p| p == known)).collect();
        let practices_other =
            problems.keep(optional(Some(&self.practices_other), 200).map_err(|e| text_error("practices_other", e)));
        let area = problems.keep(
            AREAS
                .iter()
                .copied()
                .find(|a| *a == self.area.trim())
                .ok_or_else(|| AppError::invalid("area", "error-area")),
        );
        if !self.consent {
            problems.add(AppError::invalid("consent", "error-consent"));
        }
        match (name, brand, email, bio, website, links, practices_other, area) {
            (
                Some(name),
                Some(brand),
                Some(email),
                Some(bio),
                Some(website),
                Some(links),
                Some(practices_other),
                Some(area),
            ) if problems.is_empty() => {
                Ok(Profile { name, brand, email, bio, website, links, practices, practices_other, area })
            }
            _ => Err(problems),
        }
    }
}

/// Words the site's own addresses use under /designers/: never a designer's slug.
const SITE_WORDS: [&str; 3] = ["register", "registered", "edit"];

/// A free slug made from `base`: `atelier-rose`, else `atelier-rose-2`, and so on, never one
/// of `reserved` (the slugs the campaign's rewards name).
async fn free_slug(txn: &DatabaseTransaction, base: &str, reserved: &[&str]) -> Result<String, AppError> {
    let taken: Vec<String> = designer::Entity::find()
        .select_only()
        .column(designer::Column::Slug)
        .filter(designer::Column::Slug.starts_with(base))
        .into_tuple()
        .all(txn)
        .await?;
    let free = std::iter::once(base.to_owned())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|slug| {
            !taken.contains(slug) && !SITE_WORDS.contains(&slug.as_str()) && !reserved.contains(&slug.as_str())
        })
        .unwrap_or_else(|| base.to_owned());
    Ok(free)
}

async fn store_photo(
    conn: &impl ConnectionTrait,
    designer_id: i64,
    photo: &Photo,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = designer_photo::ActiveModel {
        designer_id: Set(designer_id),
        jpeg: Set(photo.jpeg.clone()),
        width: Set(photo.width as i32),
        height: Set(photo.height as i32),
        updated_at_ms: Set(now.timestamp_millis()),
    };
    designer_photo::Entity::insert(row)
        .on_conflict(
            OnConflict::column(designer_photo::Column::DesignerId)
                .update_columns([
                    designer_photo::Column::Jpeg,
                    designer_photo::Column::Width,
                    designer_photo::Column::Height,
                    designer_photo::Column::UpdatedAtMs,
                ])
                .to_owned(),
        )
        .exec(conn)
        .await?;
    Ok(())
}

fn profile_columns(row: &mut designer::ActiveModel, profile: &Profile) {
    row.name = Set(profile.name.as_str().to_owned());
    row.brand = Set(profile.brand.clone());
    row.email = Set(profile.email.to_string());
    row.bio = Set(profile.bio.clone());
    row.website = Set(profile.website.clone());
    row.links = Set(profile.links.join("\n"));
    row.practices = Set(profile.practices.join(","));
    row.practices_other = Set(profile.practices_other.clone());
    row.area = Set(profile.area.to_owned());
}

/// Stores a new profile, pending the team's approval, with its photo, and the email that
/// gives the designer their private link: one transaction. A form sent twice is one profile.
/// The profile's slug comes from its brand, never one of `reserved`.
#[allow(clippy::too_many_arguments)]
pub async fn register(
    db: &Db,
    campaign_id: i32,
    reserved: &[&str],
    profile: &Profile,
    photo: Option<&Photo>,
    lang: Lang,
    form_key: Option<&str>,
    letters: &Letters,
    now: DateTime<Utc>,
) -> Result<DesignerRecord, AppError> {
    let txn = db.begin_write().await?;
    let slug = free_slug(&txn, &slug_of(&profile.brand), reserved).await?;
    let now_ms = now.timestamp_millis();
    let mut row = designer::ActiveModel {
        campaign_id: Set(campaign_id),
        slug: Set(slug),
        state: Set(DesignerState::Pending),
        edit_token: Set(new_secret()),
        lang: Set(lang.code().to_owned()),
        form_key: Set(form_key.map(str::to_owned)),
        has_photo: Set(photo.is_some()),
        created_at_ms: Set(now_ms),
        updated_at_ms: Set(now_ms),
        ..Default::default()
    };
    profile_columns(&mut row, profile);
    let stored = match row.insert(&txn).await {
        Ok(stored) => stored,
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) && form_key.is_some() => {
            txn.rollback().await?;
            let earlier = designer::Entity::find().filter(designer::Column::FormKey.eq(form_key)).one(&db.read).await?;
            return earlier.map(DesignerRecord::from).ok_or(AppError::Db(error));
        }
        Err(error) => return Err(error.into()),
    };
    if let Some(photo) = photo {
        store_photo(&txn, stored.id, photo, now).await?;
    }
    outbox::queue(&txn, &[letters.designer(DesignerNews::Registered, &stored)], now).await?;
    txn.commit().await?;
    Ok(stored.into())
}

/// The designer's own edit of their profile. An approved profile stays public with its new
/// text; a rejected one goes back to the team for review.
pub async fn update(
    db: &Db,
    token: &str,
    profile: &Profile,
    photo: Option<&Photo>,
    now: DateTime<Utc>,
) -> Result<DesignerRecord, AppError> {
    let txn = db.begin_write().await?;
    let current = designer::Entity::find()
        .filter(designer::Column::EditToken.eq(token))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let resubmitted = current.state == DesignerState::Rejected;
    let mut row: designer::ActiveModel = current.into();
    profile_columns(&mut row, profile);
    if resubmitted {
        row.state = Set(DesignerState::Pending);
    }
    if photo.is_some() {
        row.has_photo = Set(true);
    }
    row.updated_at_ms = Set(now.timestamp_millis());
    let updated = row.update(&txn).await?;
    if let Some(photo) = photo {
        store_photo(&txn, updated.id, photo, now).await?;
    }
    txn.commit().await?;
    Ok(updated.into())
}

/// The profile behind a private edit link.
pub async fn by_token(db: &Db, token: &str) -> Result<DesignerRecord, AppError> {
    if !looks_like_secret(token) {
        return Err(AppError::NotFound);
    }
    let found = designer::Entity::find().filter(designer::Column::EditToken.eq(token)).one(&db.read).await?;
    found.map(DesignerRecord::from).ok_or(AppError::NotFound)
}

/// An approved profile by its slug; anything else is not found.
pub async fn public(db: &Db, slug: &str) -> Result<DesignerRecord, AppError> {
    if slug.is_empty() || slug_of(slug) != slug {
        return Err(AppError::NotFound);
    }
    let found = designer::Entity::find()
        .filter(designer::Column::Slug.eq(slug))
        .filter(designer::Column::State.eq(DesignerState::Approved))
        .one(&db.read)
        .await?;
    found.map(DesignerRecord::from).ok_or(AppError::NotFound)
}

/// The approved profiles, by brand, optionally those with a practice. Designers are tens,
/// not thousands: the filter runs here.
pub async fn approved(db: &Db, practice: Option<&str>) -> Result<Vec<DesignerRecord>, AppError> {
    let all = designer::Entity::find()
        .filter(designer::Column::State.eq(DesignerState::Approved))
        .order_by_asc(designer::Column::Brand)
        .all(&db.read)
        .await?;
    let all = all.into_iter().map(DesignerRecord::from);
    Ok(all.filter(|d| practice.is_none_or(|p| d.practices.iter().any(|own| own == p))).collect())
}

/// A designer's profile as pages, the API and the team read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignerRecord {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub brand: String,
    /// Private: for the team and the designer's own emails.
    pub email: String,
    pub bio: String,
    pub website: Option<String>,
    pub links: Vec<String>,
    /// Practices ticked, as in [`PRACTICES`].
    pub practices: Vec<String>,
    pub practices_other: Option<String>,
    pub area: String,
    pub state: DesignerState,
    pub reject_reason: Option<String>,
    /// Opens the designer's private page.
    pub edit_token: String,
    pub has_photo: bool,
    pub created_at: DateTime<Utc>,
    /// Changes with every edit, so that photo addresses change with the photo.
    pub updated_at: DateTime<Utc>,
}

impl DesignerRecord {
    pub fn is_public(&self) -> bool {
        self.state == DesignerState::Approved
    }
}

impl DesignerRecord {
    /// The address of an approved designer's photo, which changes with the photo.
    pub fn photo_url(&self) -> Option<String> {
        self.has_photo.then(|| format!("/designers/{}/photo?v={}", self.slug, self.updated_at.timestamp_millis()))
    }

    /// The same photo made small, for lists.
    pub fn small_photo_url(&self) -> Option<String> {
        self.photo_url().map(|url| url + "&size=small")
    }
}

impl From<designer::Model> for DesignerRecord {
    fn from(row: designer::Model) -> DesignerRecord {
        DesignerRecord {
            id: row.id,
            slug: row.slug,
            name: row.name,
            brand: row.brand,
            email: row.email,
            bio: row.bio,
            website: row.website,
            links: list(&row.links, '\n'),
            practices: list(&row.practices, ','),
            practices_other: row.practices_other,
            area: row.area,
            state: row.state,
            reject_reason: row.reject_reason,
            edit_token: row.edit_token,
            has_photo: row.has_photo,
            created_at: instant(row.created_at_ms),
            updated_at: instant(row.updated_at_ms),
        }
    }
}

/// How a reward names a designer behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Byline {
    pub slug: String,
    pub brand: String,
    /// Where the photo is, made small, at an address that changes with it; `None` without one.
    pub photo_url: Option<String>,
}

/// The approved profiles among `slugs`, as the campaign's rewards name them.
pub async fn approved_among(db: &Db, slugs: &[&str]) -> Result<Vec<Byline>, AppError> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    let found = designer::Entity::find()
        .filter(designer::Column::State.eq(DesignerState::Approved))
        .filter(designer::Column::Slug.is_in(slugs.iter().copied()))
        .all(&db.read)
        .await?;
    Ok(found
        .into_iter()
        .map(|d| {
            let record = DesignerRecord::from(d);
            Byline { photo_url: record.small_photo_url(), slug: record.slug, brand: record.brand }
        })
        .collect())
}

/// A designer's photo, as JPEG.
pub async fn photo(db: &Db, designer_id: i64) -> Result<Vec<u8>, AppError> {
    let found = designer_photo::Entity::find_by_id(designer_id).one(&db.read).await?;
    found.map(|photo| photo.jpeg).ok_or(AppError::NotFound)
}

/// One page of profiles for the team, newest first, optionally in one state.
pub async fn page(
    db: &Db,
    state: Option<DesignerState>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<DesignerRecord>, u64), AppError> {
    let mut query = designer::Entity::find();
    if let Some(state) = state {
        query = query.filter(designer::Column::State.eq(state));
    }
    let pages = query.order_by_desc(designer::Column::Id).paginate(&db.read, per_page);
    let total = pages.num_items().await?;
    let found = pages.fetch_page(page).await?;
    Ok((found.into_iter().map(DesignerRecord::from).collect(), total))
}

/// What the team decides about a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject { reason: String },
    Unpublish,
}

/// Applies the team's decision and stores the email that tells the designer: one
/// transaction. Rejecting needs a reason, which the designer reads.
pub async fn moderate(
    db: &Db,
    id: i64,
    decision: &Decision,
    letters: &Letters,
    now: DateTime<Utc>,
) -> Result<DesignerRecord, AppError> {
    let txn = db.begin_write().await?;
    let current = designer::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let mut row: designer::ActiveModel = current.clone().into();
    let news = match decision {
        Decision::Approve => {
            row.state = Set(DesignerState::Approved);
            row.reject_reason = Set(None);
            row.approved_at_ms = Set(Some(now.timestamp_millis()));
            DesignerNews::Approved
        }
        Decision::Reject { reason } => {
            let reason = required(reason, 1000).map_err(|e| text_error("reason", e))?;
            row.state = Set(DesignerState::Rejected);
            row.reject_reason = Set(Some(reason));
            DesignerNews::Rejected
        }
        Decision::Unpublish => {
            if current.state != DesignerState::Approved {
                return Err(AppError::invalid("state", "error-unpublish-unapproved"));
            }
            row.state = Set(DesignerState::Unpublished);
            DesignerNews::Unpublished
        }
    };
    row.updated_at_ms = Set(now.timestamp_millis());
    let updated = row.update(&txn).await?;
    outbox::queue(&txn, &[letters.designer(news, &updated)], now).await?;
    txn.commit().await?;
    Ok(updated.into())
}

/// The team's new slug for a profile: the way to give a slug the campaign names (which no
/// registration receives) to the designer it means. The old address answers 404 from then
/// on, as any unknown slug does, so that it may be given to another profile.
pub async fn rename(db: &Db, id: i64, typed: &str, now: DateTime<Utc>) -> Result<DesignerRecord, AppError> {
    let slug = typed.trim();
    if slug.is_empty() || slug_of(slug) != slug || SITE_WORDS.contains(&slug) {
        return Err(AppError::invalid("slug", "error-slug-invalid"));
    }
    let taken = || AppError::invalid_with("slug", "error-slug-taken", "slug", slug);
    let txn = db.begin_write().await?;
    let current = designer::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    if current.slug == slug {
        return Ok(current.into());
    }
    let holder = designer::Entity::find().filter(designer::Column::Slug.eq(slug)).one(&txn).await?;
    if holder.is_some() {
        return Err(taken());
    }
    let mut row: designer::ActiveModel = current.into();
    row.slug = Set(slug.to_owned());
    row.updated_at_ms = Set(now.timestamp_millis());
    let updated = match row.update(&txn).await {
        Ok(updated) => updated,
        // Another rename took it between the check and the update.
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => return Err(taken()),
        Err(error) => return Err(error.into()),
    };
    txn.commit().await?;
    Ok(updated.into())
}
