//! The languages pages are written in.

/// A language of the site. French first: texts missing in another language fall back to it.
///
/// Adding a language: a variant here (its tag, name and thousands separator below), its
/// translations in `locales/<tag>/main.ftl`, its dates in `i18n`, and its texts in
/// campaign.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
    De,
}

impl Lang {
    /// Every language, in the order the language links list them.
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::En, Lang::De];

    /// Reads a language tag such as `fr`, `en-GB` or `FR-ch`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            _ => None,
        }
    }

    /// The best of our languages for an `Accept-Language` header, by its q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::from_tag) else {
                continue;
            };
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((lang, q));
            }
        }
        best.map(|(lang, _)| lang)
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The language's name in itself, as a link to it reads in any language.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
            Lang::De => "Deutsch",
        }
    }

    /// The locale link previews announce (Open Graph's `og:locale`).
    pub fn locale(self) -> &'static str {
        match self {
            Lang::Fr => "fr_CH",
            Lang::En => "en_GB",
            Lang::De => "de_CH",
        }
    }

    /// The thousands separator used in amounts: Swiss usage (and CLDR's) writes a right
    /// single quotation mark in French and German, CHF 20’000.00.
    pub fn thousands(self) -> char {
        match self {
            Lang::Fr | Lang::De => '\u{2019}',
            Lang::En => ',',
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_preferred_known_language() {
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9,fr;q=0.8"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("de-CH, fr;q=0.5, en;q=0.7"), Some(Lang::De));
        assert_eq!(Lang::from_accept_language("it-CH, fr;q=0.5, en;q=0.7"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("it-CH"), None);
        assert_eq!(Lang::from_accept_language("fr-CH;q=0, en;q=0.1"), Some(Lang::En));
    }
}
