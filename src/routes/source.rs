//! Carrying where a visitor came from through the site's own links, without a cookie.
//!
//! The page a visitor lands on reads `?ref=` and the `Referer`; its links to the site's other
//! public pages then carry them as `?ref=…&from=…`, and the pledge form keeps them in hidden
//! fields, so the pledge is counted under the link that brought the backer. Templates write
//! `{{{@root.src_q}}}` after a path without a query and `{{{@root.src_amp}}}` after one with a
//! query; both are empty for a visit with no known source.

use std::convert::Infallible;

use rocket::http::RawStr;
use rocket::request::{FromRequest, Outcome, Request};

use crate::domain::Source;

/// The source of the current visit.
#[derive(Debug, Clone, Default)]
pub struct Visit(pub Source);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Visit {
    type Error = Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Infallible> {
        let query = |name: &str| request.query_value::<String>(name).and_then(Result::ok);
        let tag = query("ref");
        let from = query("from");
        let referer = request.headers().get_one("Referer");
        // Behind a proxy, the public host may only be in X-Forwarded-Host.
        let hosts: Vec<&str> =
            ["Host", "X-Forwarded-Host"].iter().filter_map(|h| request.headers().get_one(h)).collect();
        Outcome::Success(Visit(Source::of_visit(tag.as_deref(), from.as_deref(), referer, &hosts)))
    }
}

/// The query that carries `source` on, as written in an HTML attribute (`&amp;` between
/// parameters); empty when there is nothing to carry.
fn params(source: &Source) -> String {
    let mut params = Vec::new();
    if let Some(tag) = &source.tag {
        params.push(format!("ref={}", RawStr::new(tag).percent_encode()));
    }
    if let Some(site) = &source.site {
        params.push(format!("from={}", RawStr::new(site).percent_encode()));
    }
    params.join("&amp;")
}

/// The two link suffixes of `source`: after a path, and after a query.
pub fn suffixes(source: &Source) -> (String, String) {
    let params = params(source);
    if params.is_empty() { (String::new(), String::new()) } else { (format!("?{params}"), format!("&amp;{params}")) }
}

/// What a page rendered once for every visitor (see [`crate::routes::cache`]) holds where a
/// visit's source goes; [`fill`] replaces them.
const QUERY_MARK: &str = "\u{E000}q\u{E000}";
const AMP_MARK: &str = "\u{E000}a\u{E000}";

/// The marks in place of the two link suffixes, for a page rendered for every visitor.
pub fn marks() -> (String, String) {
    (QUERY_MARK.to_owned(), AMP_MARK.to_owned())
}

/// The marked page `html` for a visit from `source`.
pub fn fill(html: &str, source: &Source) -> String {
    let (query, amp) = suffixes(source);
    html.replace(QUERY_MARK, &query).replace(AMP_MARK, &amp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_source_only_when_there_is_one() {
        let html = format!("<a href=\"/pledge{QUERY_MARK}\"></a><a href=\"/pledge?reward=sac{AMP_MARK}\"></a>");
        assert_eq!(fill(&html, &Source::default()), "<a href=\"/pledge\"></a><a href=\"/pledge?reward=sac\"></a>");
        let source = Source { tag: Some("été".into()), site: Some("t.co".into()) };
        assert_eq!(
            fill(&html, &source),
            "<a href=\"/pledge?ref=%C3%A9t%C3%A9&amp;from=t.co\"></a>\
             <a href=\"/pledge?reward=sac&amp;ref=%C3%A9t%C3%A9&amp;from=t.co\"></a>"
        );
    }
}
