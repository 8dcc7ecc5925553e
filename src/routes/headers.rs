//! Response headers that protect people: no referrer leaves the site, private pages (a
//! backer's pledge, a designer's edit page, the team's pages) are never stored by a cache,
//! every response carries a Content-Security-Policy that allows nothing inline and no framing
//! (but for the card made for other sites' pages, [`FRAMEABLE`]), and a site
//! reached over https marks its cookies `Secure` and asks browsers to come back only over
//! https (HSTS).

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::shield::{Frame, Referrer, Shield};
use rocket::{Request, Response};

/// Rocket's shield, with the `Referer` kept within the site: a pledge page's address holds
/// its secret token and must not reach other sites through a link. No page may be framed,
/// as the Content-Security-Policy says too, for browsers that read only this header
/// ([`SecurityHeaders`] takes it off the one page that may be).
pub fn shield() -> Shield {
    Shield::default().enable(Referrer::SameOrigin).enable(Frame::Deny)
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
        let private = ["/pledges/", "/api/pledges/", "/designers/edit/", "/team", "/unsubscribe/"]
            .iter()
            .any(|prefix| path.starts_with(prefix));
        if private {
            response.set_header(Header::new("Cache-Control", "no-store, private"));
        }
    }
}

/// What pages may load: their own scripts, styles and images, and their own live stream;
/// nothing inline, no plug-in, no other site, and no page may frame them. Pages carry no
/// `style=` attribute nor inline `<script>` (a test renders every page to hold them to it);
/// scripts set styles through the DOM, which this policy allows.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// The one page other sites may show in a frame: the campaign's card (see
/// [`crate::routes::embed`]). It holds no form and nothing private, so being framed lets no
/// other site trick a visitor into an action.
pub const FRAMEABLE: &str = "/embed";

/// What the policy says about framing on every page but [`FRAMEABLE`], and on that one.
const NO_FRAMING: &str = "frame-ancestors 'none'";
const ANY_FRAMING: &str = "frame-ancestors *";

/// Sent when the site is reached over https: browsers then refuse plain http for a year, on
/// this host and those under it.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

/// The Content-Security-Policy on every response, and over https, HSTS and `Secure` on every
/// cookie the response sets, whichever part of the site set it.
pub struct SecurityHeaders {
    /// Whether people reach the site over https (`BOBINE_PUBLIC_URL`); TLS itself is usually
    /// a proxy's, so Rocket cannot tell.
    pub https: bool,
    /// The policy sent: [`CONTENT_SECURITY_POLICY`], its `form-action` widened to Stripe's
    /// Checkout when backers pay by card (browsers apply `form-action` to the redirect that
    /// follows a form, and the pledge form's leads there).
    pub policy: String,
    /// The same policy for [`FRAMEABLE`], which any site may frame.
    pub framed_policy: String,
}

impl SecurityHeaders {
    /// For a site whose public address is `public_url`, sending card backers to Checkout at
    /// `checkout_origin` if it does.
    pub fn for_public_url(public_url: &str, checkout_origin: Option<&str>) -> SecurityHeaders {
        let https = url::Url::parse(public_url).is_ok_and(|url| url.scheme() == "https");
        let policy = match checkout_origin {
            Some(origin) => {
                CONTENT_SECURITY_POLICY.replace("form-action 'self'", &format!("form-action 'self' {origin}"))
            }
            None => CONTENT_SECURITY_POLICY.to_owned(),
        };
        let framed_policy = policy.replace(NO_FRAMING, ANY_FRAMING);
        SecurityHeaders { https, policy, framed_policy }
    }

    /// Lets pages frame `origin` too: the video's player, which a page loads only once a
    /// visitor plays the video.
    pub fn framing(mut self, origin: Option<&str>) -> SecurityHeaders {
        if let Some(origin) = origin {
            for policy in [&mut self.policy, &mut self.framed_policy] {
                policy.push_str(&format!("; frame-src 'self' {origin}"));
            }
        }
        self
    }
}

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info { name: "security headers", kind: Kind::Response }
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        if request.uri().path() == FRAMEABLE {
            response.set_raw_header("Content-Security-Policy", self.framed_policy.clone());
            // Set by the shield, attached before this fairing.
            response.remove_header("X-Frame-Options");
        } else {
            response.set_raw_header("Content-Security-Policy", self.policy.clone());
        }
        if !self.https {
            return;
        }
        response.set_raw_header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        let cookies: Vec<String> = response.headers().get("Set-Cookie").map(str::to_owned).collect();
        if cookies.is_empty() {
            return;
        }
        response.remove_header("Set-Cookie");
        for cookie in cookies {
            response.adjoin_raw_header("Set-Cookie", secure(cookie));
        }
    }
}

/// A `Set-Cookie` value with the `Secure` attribute, added unless it is there.
fn secure(cookie: String) -> String {
    let marked = cookie.split(';').skip(1).any(|attribute| attribute.trim().eq_ignore_ascii_case("secure"));
    if marked { cookie } else { format!("{cookie}; Secure") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_is_added_once_and_only_as_an_attribute() {
        assert_eq!(secure("lang=en; Path=/".into()), "lang=en; Path=/; Secure");
        assert_eq!(secure("a=b; Secure; Path=/".into()), "a=b; Secure; Path=/");
        assert_eq!(secure("secure=1".into()), "secure=1; Secure", "a cookie's name is not an attribute");
    }

    #[test]
    fn only_an_https_public_address_counts_as_https() {
        assert!(SecurityHeaders::for_public_url("https://soutenir.example.ch", None).https);
        assert!(SecurityHeaders::for_public_url("HTTPS://soutenir.example.ch/", None).https);
        assert!(!SecurityHeaders::for_public_url("http://127.0.0.1:8000", None).https);
        assert!(!SecurityHeaders::for_public_url("not a url", None).https);
    }

    #[test]
    fn forms_may_lead_to_checkout_only_when_cards_are_offered() {
        let plain = SecurityHeaders::for_public_url("https://soutenir.example.ch", None);
        assert_eq!(plain.policy, CONTENT_SECURITY_POLICY);
        let cards = SecurityHeaders::for_public_url("https://soutenir.example.ch", Some("https://checkout.stripe.com"));
        assert!(cards.policy.contains("form-action 'self' https://checkout.stripe.com;"), "{}", cards.policy);
        assert!(cards.policy.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn the_framed_policy_differs_only_in_who_may_frame() {
        let headers =
            SecurityHeaders::for_public_url("https://soutenir.example.ch", Some("https://checkout.stripe.com"));
        assert_eq!(headers.framed_policy.replace(ANY_FRAMING, NO_FRAMING), headers.policy);
        assert!(headers.framed_policy.ends_with("frame-ancestors *"), "{}", headers.framed_policy);
    }
}
