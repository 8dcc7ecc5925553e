//! Response headers that protect people: no referrer leaves the site, and private pages (a
//! backer's pledge, a designer's edit page, the team's pages) are never stored by a cache.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::shield::{Referrer, Shield};
use rocket::{Request, Response};

/// Rocket's shield, with the `Referer` kept within the site: a pledge page's address holds
/// its secret token and must not reach other sites through a link.
pub fn shield() -> Shield {
    Shield::default().enable(Referrer::SameOrigin)
}

/// Marks pages that hold a secret token or people's details as private and not to be stored.
pub struct PrivatePages;

#[rocket::async_trait]
impl Fairing for PrivatePages {
    fn info(&self) -> Info {
        Info { name: "private pages", kind: Kind::Response }
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        let path = request.uri().path();
        let private = ["/pledges/", "/designers/edit/", "/team"].iter().any(|prefix| path.starts_with(prefix));
        if private {
            response.set_header(Header::new("Cache-Control", "no-store, private"));
        }
    }
}
