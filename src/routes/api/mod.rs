//! The JSON API: the same services as the pages, for other front-ends and checks. Each body
//! is a type of its own, described in the OpenAPI document served at `/api/openapi.json`, so
//! a field added to a page never leaks into the API.

mod campaign;
mod designers;
mod docs;
mod pledges;
mod team;

use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

use crate::domain::Amount;

/// Every route of the API.
pub fn routes() -> Vec<rocket::Route> {
    [campaign::routes(), pledges::routes(), designers::routes(), team::routes(), docs::routes()].concat()
}

/// The body of every error: a stable code for programs and a message for people.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Such as `sold_out` or `invalid_amount`; see the README for the list.
    pub code: &'static str,
    /// In the language of `Accept-Language` (French by default).
    pub message: String,
}

impl utoipa::PartialSchema for Amount {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"^[0-9]+\.[0-9]{2}$"))
            .description(Some("An exact amount in the campaign's currency, with two decimals"))
            .examples([serde_json::json!("1250.00")])
            .into()
    }
}

impl ToSchema for Amount {}
