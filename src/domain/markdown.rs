//! News is written in Markdown and shown as HTML that cannot carry a script: pulldown-cmark
//! renders it, then ammonia keeps only the tags, attributes and link schemes listed here.
//! Links go anywhere on the web; pictures only come from this site.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Where a picture in news may come from: the campaign's own pictures.
pub const PICTURE_PATH: &str = "/media/";

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .tags(HashSet::from([
            "p",
            "br",
            "h2",
            "h3",
            "h4",
            "strong",
            "em",
            "del",
            "a",
            "ul",
            "ol",
            "li",
            "blockquote",
            "code",
            "pre",
            "hr",
            "img",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        ]))
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href", "title"])),
            ("img", HashSet::from(["src", "alt", "title"])),
        ]))
        .generic_attributes(HashSet::new())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer nofollow"))
        .attribute_filter(kept_value);
    builder
});

/// An attribute's value as it stays: a picture's only when it is one of this site's.
fn kept_value<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        ("img", "src") if !value.starts_with(PICTURE_PATH) || value.contains("..") => None,
        _ => Some(Cow::Borrowed(value)),
    }
}

/// `source` as HTML safe to put into a page as it is. Headings start at `h2`, under the
/// page's own title.
pub fn to_safe_html(source: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let events = Parser::new_ext(source, options).map(|event| match event {
        Event::Start(Tag::Heading { level: HeadingLevel::H1, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, id, classes, attrs })
        }
        Event::End(TagEnd::Heading(HeadingLevel::H1)) => Event::End(TagEnd::Heading(HeadingLevel::H2)),
        other => other,
    });
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut raw, events);
    CLEANER.clean(&raw).to_string()
}

/// The text of `source` without its markup, for descriptions and feeds' summaries.
pub fn to_plain_text(source: &str) -> String {
    let mut text = String::with_capacity(source.len());
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
                if !text.ends_with(' ') && !text.is_empty() =>
            {
                text.push(' ');
            }
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// An update as a plain-text email shows it: blocks a blank line apart, list items on lines of
/// their own, each link's address after its words, pictures by their description. A link to
/// a path of this site (`/media/…`) goes through `site`, which makes it absolute.
pub fn to_email_text(source: &str, site: impl Fn(&str) -> String) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut text = String::with_capacity(source.len() + 64);
    // The destination of each open link, and the text's length when it opened.
    let mut links: Vec<(String, usize)> = Vec::new();
    // Each open list's next number (`None` for bullets).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut in_image = false;
    // Right after an item's bullet: its first paragraph goes on the bullet's line.
    let mut at_bullet = false;
    for event in Parser::new_ext(source, options) {
        let was_at_bullet = std::mem::take(&mut at_bullet);
        match event {
            Event::Start(Tag::Paragraph) if was_at_bullet => at_bullet = true,
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Table(_),
            ) => blank_line(&mut text),
            Event::Start(Tag::List(first)) => {
                if lists.is_empty() {
                    blank_line(&mut text);
                }
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push('\n');
                }
                text.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        text.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => text.push_str("- "),
                }
                at_bullet = true;
            }
            Event::Start(Tag::Link { dest_url, .. }) => links.push((dest_url.into_string(), text.len())),
            Event::End(TagEnd::Link) => {
                if let Some((dest, start)) = links.pop() {
                    let words = text[start..].trim();
                    let dest = if dest.starts_with('/') { site(&dest) } else { dest };
                    if words != dest && !dest.ends_with(words) {
                        text.push_str(&format!(" <{dest}>"));
                    }
                }
            }
            Event::Start(Tag::Image { .. }) => in_image = true,
            Event::End(TagEnd::Image) => in_image = false,
            Event::Text(t) | Event::Code(t) if in_image && !t.trim().is_empty() => text.push_str(&format!("[{t}]")),
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::Rule => {
                blank_line(&mut text);
                text.push_str("* * *");
            }
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => text.push('\n'),
            Event::End(TagEnd::TableCell) => text.push_str(" | "),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// Ends the text with an empty line, unless it is empty.
fn blank_line(text: &mut String) {
    if text.is_empty() {
        return;
    }
    while text.ends_with(' ') {
        text.pop();
    }
    while !text.ends_with("\n\n") {
        text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_event_handlers_and_javascript_links_are_removed() {
        let html = to_safe_html(
            "Bonjour <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[clic](javascript:alert(1)) \
             <a href=\"JaVaScRiPt:alert(1)\">b</a> <iframe src=\"https://evil.example\"></iframe> \
             <p onclick=\"alert(1)\" style=\"color:red\">texte</p>",
        );
        for bad in ["<script", "alert(1)</", "onerror", "javascript:", "JaVaScRiPt", "<iframe", "onclick", "style="] {
            assert!(!html.to_lowercase().contains(&bad.to_lowercase()), "{bad} in {html}");
        }
        assert!(html.contains("texte"), "{html}");
    }

    #[test]
    fn links_go_anywhere_and_pictures_only_come_from_this_site() {
        let html = to_safe_html(
            "[Atelier](https://atelier-rose.ch) ![ici](/media/cover-800.jpg) ![ailleurs](https://tracker.example/p.gif)",
        );
        assert!(
            html.contains(r#"<a href="https://atelier-rose.ch" rel="noopener noreferrer nofollow">Atelier</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<img src="/media/cover-800.jpg" alt="ici">"#), "{html}");
        assert!(!html.contains("tracker.example"), "{html}");
    }

    #[test]
    fn headings_start_under_the_pages_title_and_text_keeps_its_accents() {
        let html = to_safe_html("# Nouvelles de l'atelier\n\nÇa avance : **bientôt** fini.");
        assert!(
            html.starts_with("<h2>Nouvelles de l’atelier</h2>")
                || html.starts_with("<h2>Nouvelles de l'atelier</h2>")
                || html.starts_with("<h2>Nouvelles de l&#39;atelier</h2>"),
            "{html}"
        );
        assert!(html.contains("Ça avance : <strong>bientôt</strong> fini."), "{html}");
        assert_eq!(
            to_plain_text("# Titre\n\nUn *texte* avec [un lien](https://x.ch)."),
            "Titre Un texte avec un lien."
        );
    }

    #[test]
    fn an_email_shows_paragraphs_lists_and_links_as_text() {
        let text = to_email_text(
            "# L'atelier\n\nÇa avance : **bientôt** fini.\nDeux lignes.\n\n- une\n- deux\n\n1. premier\n2. second\n\n\
             [Le site](https://atelier-rose.ch), <https://x.ch> et ![la robe](/media/robe-800.jpg) [plan](/media/plan.pdf)",
            |path| format!("https://soutenir.ch{path}"),
        );
        assert_eq!(
            text,
            "L'atelier\n\nÇa avance : bientôt fini.\nDeux lignes.\n\n- une\n- deux\n\n1. premier\n2. second\n\n\
             Le site <https://atelier-rose.ch>, https://x.ch et [la robe] plan <https://soutenir.ch/media/plan.pdf>"
        );
    }
}
