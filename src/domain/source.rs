//! Where a pledge came from: the campaign's own `?ref=` tag on a shared link, and the site
//! whose link brought the backer. Both are read from the visit itself (query and `Referer`),
//! never from a cookie or a tracker.

/// The source of a pledge; either part may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Source {
    pub tag: Option<String>,
    pub site: Option<String>,
}

/// The longest tag or site kept; longer ones are cut, since they are labels, not data.
const MAX_LEN: usize = 60;

impl Source {
    /// The source of a visit: `tag` from `?ref=`, `site` from `?from=` (carried by the site's
    /// own links) or else from the `Referer`, unless that is the site itself (one of the
    /// `own_hosts` it is reached by).
    pub fn of_visit(tag: Option<&str>, from: Option<&str>, referer: Option<&str>, own_hosts: &[&str]) -> Source {
        let own = |s: &String| own_hosts.iter().any(|host| site(host).as_ref() == Some(s));
        let site = from.and_then(site).or_else(|| referer.and_then(site).filter(|s| !own(s)));
        Source { tag: tag.and_then(tag_of), site }
    }

    pub fn is_empty(&self) -> bool {
        self.tag.is_none() && self.site.is_none()
    }
}

/// A `?ref=` tag as a label: lower case, letters, digits, `.`, `_` and `-`; anything else
/// becomes a single `-`. `None` when nothing is left.
pub fn tag_of(raw: &str) -> Option<String> {
    let mut tag = String::new();
    for c in raw.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
            tag.push(c);
        } else if !tag.ends_with('-') {
            tag.push('-');
        }
    }
    let tag: String = tag.trim_matches('-').chars().take(MAX_LEN).collect();
    (!tag.is_empty()).then_some(tag)
}

/// The site of a URL or a bare host name: its host in lower case, without `www.` or port.
/// Only web and app links count (`http`, `https`, `android-app`); `None` for anything else.
pub fn site(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let rest = match raw.split_once("://") {
        Some((scheme, rest)) => {
            let scheme = scheme.to_ascii_lowercase();
            if !matches!(scheme.as_str(), "http" | "https" | "android-app") {
                return None;
            }
            rest
        }
        None => raw,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let valid = !host.is_empty()
        && host.len() <= MAX_LEN
        && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    valid.then(|| host.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_plain_labels() {
        assert_eq!(tag_of(" Newsletter ").as_deref(), Some("newsletter"));
        assert_eq!(tag_of("Instagram Story #2").as_deref(), Some("instagram-story-2"));
        assert_eq!(tag_of("été_2027").as_deref(), Some("été_2027"));
        assert_eq!(tag_of("<script>").as_deref(), Some("script"));
        assert_eq!(tag_of("  "), None);
        assert_eq!(tag_of("%%%"), None);
        assert_eq!(tag_of(&"x".repeat(200)).map(|t| t.len()), Some(MAX_LEN));
    }

    #[test]
    fn sites_are_hosts() {
        assert_eq!(site("https://www.Facebook.com/groups/x?y=1").as_deref(), Some("facebook.com"));
        assert_eq!(site("http://user:pw@blog.example.ch:8080/").as_deref(), Some("blog.example.ch"));
        assert_eq!(site("android-app://com.google.android.gm/").as_deref(), Some("com.google.android.gm"));
        assert_eq!(site("t.co").as_deref(), Some("t.co"));
        assert_eq!(site("javascript:alert(1)"), None);
        assert_eq!(site("ftp://files.example.com"), None);
        assert_eq!(site("https://"), None);
        assert_eq!(site("exa mple.com"), None);
    }

    #[test]
    fn a_visit_from_the_site_itself_has_no_site() {
        let own = &["127.0.0.1:8000", "bobine.example"];
        let inside = Source::of_visit(None, None, Some("https://bobine.example/rewards/sac"), own);
        assert_eq!(inside, Source::default());
        let outside = Source::of_visit(Some("NL"), None, Some("https://mail.example.com/"), own);
        assert_eq!(outside, Source { tag: Some("nl".into()), site: Some("mail.example.com".into()) });
        // A link of the site carries the first site on, whatever the Referer now says.
        let carried = Source::of_visit(None, Some("mail.example.com"), Some("https://bobine.example/"), own);
        assert_eq!(carried.site.as_deref(), Some("mail.example.com"));
    }
}
