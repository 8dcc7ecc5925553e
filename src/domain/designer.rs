//! Designers' profiles: their practices, their area of Geneva, their links and their slug.

use url::Url;

/// A sustainable practice a designer may tick.
pub const PRACTICES: [&str; 7] =
    ["upcycling", "organic-recycled-fibres", "local-production", "made-to-order", "repair", "rental", "second-hand"];

/// The areas of Geneva a designer may work in; `elsewhere` is the rest of the canton.
pub const AREAS: [&str; 18] = [
    "vieille-ville",
    "eaux-vives",
    "champel",
    "plainpalais",
    "jonction",
    "acacias",
    "paquis",
    "servette",
    "saint-jean",
    "petit-saconnex",
    "carouge",
    "lancy",
    "onex",
    "meyrin",
    "vernier",
    "chene-thonex",
    "plan-les-ouates",
    "elsewhere",
];

/// The longest bio, and the most social links, a profile holds.
pub const MAX_BIO: usize = 600;
pub const MAX_LINKS: usize = 5;

/// Why a link is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("only http and https links are accepted")]
    Scheme,
    #[error("not a web address")]
    Invalid,
}

/// A web address people can follow: `http` or `https`, with a real host name. A bare
/// `www.example.ch` gets `https://`; anything with another scheme (`javascript:`, `data:`,
/// `ftp:`) is refused.
pub fn web_link(text: &str) -> Result<String, LinkError> {
    let text = text.trim();
    if text.is_empty() || text.len() > 300 || text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(LinkError::Invalid);
    }
    let with_scheme = if text.contains(':') { text.to_owned() } else { format!("https://{text}") };
    let url = Url::parse(&with_scheme).map_err(|_| LinkError::Invalid)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(LinkError::Scheme);
    }
    match url.host_str() {
        Some(host) if host.contains('.') => Ok(url.to_string()),
        _ => Err(LinkError::Invalid),
    }
}

/// A slug for addresses such as `/designers/atelier-rose` (see [`super::slug::of`]).
pub fn slug_of(text: &str) -> String {
    super::slug::of(text, "designer")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_pass() {
        assert_eq!(web_link("https://atelier-rose.ch/shop").as_deref(), Ok("https://atelier-rose.ch/shop"));
        assert_eq!(web_link("www.instagram.com/atelier.rose").as_deref(), Ok("https://www.instagram.com/atelier.rose"));
        assert_eq!(web_link("javascript:alert(1)"), Err(LinkError::Scheme));
        assert_eq!(web_link("JavaScript:alert(1)"), Err(LinkError::Scheme));
        assert_eq!(web_link("data:text/html,<b>x</b>"), Err(LinkError::Scheme));
        assert_eq!(web_link("ftp://files.example.ch"), Err(LinkError::Scheme));
        assert_eq!(web_link("https://localhost/"), Err(LinkError::Invalid));
        assert_eq!(web_link("not a link"), Err(LinkError::Invalid));
        assert_eq!(web_link(""), Err(LinkError::Invalid));
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slug_of("Atelier Rosé & Fils"), "atelier-rose-fils");
        assert_eq!(slug_of("  Cœur de Lin "), "coeur-de-lin");
        assert_eq!(slug_of("東京"), "designer");
    }
}
