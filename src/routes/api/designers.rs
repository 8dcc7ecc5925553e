//! `GET /api/designers`: the approved designers, never their private email.

use rocket::serde::json::Json;
use rocket::{State, get, routes};
use serde::Serialize;
use utoipa::ToSchema;

use super::ErrorBody;
use crate::app::AppState;
use crate::domain::Lang;
use crate::routes::errors::ApiError;
use crate::services::designers::{self, DesignerRecord};

/// The approved designers, by brand.
#[derive(Debug, Serialize, ToSchema)]
pub struct DesignersBody {
    pub designers: Vec<DesignerBody>,
}

/// One approved designer's public profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct DesignerBody {
    /// In `/designers/<slug>`; rewards name designers by it.
    pub slug: String,
    pub name: String,
    pub brand: String,
    pub bio: String,
    pub website: Option<String>,
    /// Social links.
    pub links: Vec<String>,
    /// Such as `upcycling` or `local-production`.
    pub practices: Vec<String>,
    pub practices_other: Option<String>,
    /// The area of Geneva, such as `carouge`.
    pub area: String,
    /// Changes with the photo; `null` without one.
    pub photo_url: Option<String>,
    /// The rewards that name this designer.
    pub rewards: Vec<RewardRef>,
}

/// A reward, by id and title.
#[derive(Debug, Serialize, ToSchema)]
pub struct RewardRef {
    pub id: String,
    pub title: String,
}

fn designer_body(state: &AppState, designer: DesignerRecord, lang: Lang) -> DesignerBody {
    let rewards = state
        .campaign
        .rewards
        .iter()
        .filter(|r| r.designers.contains(&designer.slug))
        .map(|r| RewardRef { id: r.id.to_string(), title: r.title.get(lang).to_owned() })
        .collect();
    DesignerBody {
        photo_url: designer.photo_url(),
        slug: designer.slug,
        name: designer.name,
        brand: designer.brand,
        bio: designer.bio,
        website: designer.website,
        links: designer.links,
        practices: designer.practices,
        practices_other: designer.practices_other,
        area: designer.area,
        rewards,
    }
}

#[utoipa::path(
    get,
    path = "/api/designers",
    tag = "designers",
    responses(
        (status = 200, description = "The approved designers", body = DesignersBody),
        (status = 500, description = "The database did not answer", body = ErrorBody),
    )
)]
#[get("/api/designers")]
async fn list_designers(state: &State<AppState>, lang: Lang) -> Result<Json<DesignersBody>, ApiError> {
    let found = designers::approved(&state.db, None).await?;
    Ok(Json(DesignersBody { designers: found.into_iter().map(|d| designer_body(state, d, lang)).collect() }))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![list_designers]
}
