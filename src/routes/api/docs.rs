//! The OpenAPI description of the JSON API, generated from the API's own types and served at
//! `/api/openapi.json`; `.ci/run` has an outside fuzzer check the server against it.

use rocket::serde::json::Json;
use rocket::{get, routes};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{campaign, designers, pledges, team};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "bobine",
        description = "The JSON API of a bobine crowdfunding campaign. Amounts are decimal strings with two decimals; instants are RFC 3339 in UTC; messages follow Accept-Language (French by default). Errors are always {\"error\": {\"code\", \"message\"}} and store nothing.",
        license(name = "AGPL-3.0-or-later"),
    ),
    paths(campaign::get_campaign, pledges::create_pledge, pledges::get_pledge, designers::list_designers, team::get_summary),
    modifiers(&TeamSessionCookie),
    tags(
        (name = "campaign", description = "The campaign's figures"),
        (name = "pledges", description = "Placing pledges, and reading one with its private token"),
        (name = "designers", description = "The designers behind the rewards"),
        (name = "team", description = "For the campaign team, with a session from /team/login"),
    )
)]
pub struct ApiDoc;

/// The team's session: a private cookie set by `/team/login`.
struct TeamSessionCookie;

impl Modify for TeamSessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "team_session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::routes::team::session::COOKIE,
                "The session cookie set by logging in at /team/login",
            ))),
        );
    }
}

/// The description, built once per request: it is small and rarely asked for.
#[get("/api/openapi.json")]
fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

pub fn routes() -> Vec<rocket::Route> {
    routes![openapi_json]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A route added under `/api/` without its `#[utoipa::path]` in [`ApiDoc`] fails here.
    #[test]
    fn every_route_of_the_api_is_described_and_nothing_else() {
        let mounted: std::collections::BTreeSet<(String, String)> = crate::routes::routes()
            .iter()
            .filter(|route| route.uri.path().starts_with("/api/") && route.uri.path() != "/api/openapi.json")
            // Rocket writes a parameter `<token>`, OpenAPI `{token}`.
            .map(|route| (route.method.as_str().to_lowercase(), route.uri.path().replace('<', "{").replace('>', "}")))
            .collect();
        let json = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let described: std::collections::BTreeSet<(String, String)> = json["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, item)| item.as_object().unwrap().keys().map(move |method| (method.clone(), path.clone())))
            .collect();
        assert_eq!(mounted, described);
    }

    #[test]
    fn the_description_names_every_endpoint_of_the_api() {
        let doc = ApiDoc::openapi();
        let paths: Vec<&str> = doc.paths.paths.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            ["/api/campaign", "/api/designers", "/api/pledges", "/api/pledges/{token}", "/api/team/summary"]
        );
        let json = serde_json::to_value(&doc).unwrap();
        let state = &json["components"]["schemas"]["CampaignState"]["enum"];
        assert_eq!(state, &serde_json::json!(["open", "succeeded", "failed"]));
    }

    #[test]
    fn a_rate_limited_pledge_is_described_with_its_retry_after() {
        let json = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let limited = &json["paths"]["/api/pledges"]["post"]["responses"]["429"];
        assert!(limited["description"].as_str().unwrap().contains("rate_limited"), "{limited}");
        assert_eq!(limited["headers"]["Retry-After"]["schema"]["type"], "integer", "{limited}");
    }
}
