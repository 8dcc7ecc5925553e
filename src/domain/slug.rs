//! Slugs: the readable part of addresses made from names and titles.

/// A slug for addresses such as `/designers/atelier-rose` or `/news/premiers-prototypes`:
/// lower-case ASCII letters, digits and single dashes, accents taken off, at most 60
/// characters; `fallback` when nothing is left (a title in another script).
pub fn of(text: &str, fallback: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'œ' => {
                slug.push('o');
                'e'
            }
            'ß' => {
                slug.push('s');
                's'
            }
            'æ' => {
                slug.push('a');
                'e'
            }
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if plain != '-' || !slug.ends_with('-') {
            slug.push(plain);
        }
    }
    let slug: String = slug.trim_matches('-').chars().take(60).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { fallback.to_owned() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_keeps_letters_and_digits_without_accents() {
        assert_eq!(of("Premiers prototypes : l'été à Carouge !", "news"), "premiers-prototypes-l-ete-a-carouge");
        assert_eq!(of("Straße 12", "news"), "strasse-12");
        assert_eq!(of("東京", "news"), "news");
    }
}
