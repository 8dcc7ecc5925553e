//! The campaign's progress badge: a small SVG image, about 240 × 28 pixels, that designers put
//! on their websites and in their email signatures. The campaign's short name on the left, the
//! percentage funded on the right, and a thin bar along the bottom.
//!
//! Text widths are estimated from the characters, then enforced with `textLength`, so the
//! badge looks the same whatever font the viewer has. Integer pixels throughout.

use std::fmt::Write as _;

use quick_xml::escape::escape;

/// The badge's height in pixels.
pub const HEIGHT: u32 = 28;

/// The site's green, the paper colour, and the ink on paper.
const GREEN: &str = "#2f6b4f";
const PAPER: &str = "#fbf8f3";
const INK: &str = "#1f2a24";
/// The bar's track: a pale green that the bar's green and the label's green both stand on.
const TRACK: &str = "#c9dccf";
const BAR: u32 = 3;
const PADDING: u32 = 10;
const FONT: &str = "Verdana, 'DejaVu Sans', Geneva, sans-serif";

/// What a badge shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    /// The campaign's short name.
    pub label: String,
    /// The percentage as people read it, such as "62 %" or "62%".
    pub value: String,
    /// How far the bar goes, in hundredths of a percent (0 to 10,000).
    pub bar_hundredths: u32,
    /// The whole badge in words, for screen readers and as a tooltip.
    pub title: String,
}

/// How far a bar goes for `pledged` of `goal` (in cents), in hundredths of a percent: the
/// first francs show, and it stops at the end.
pub fn bar_hundredths(pledged: i64, goal: i64) -> u32 {
    if goal <= 0 {
        return 0;
    }
    let hundredths = (i128::from(pledged.max(0)) * 10_000 / i128::from(goal)).min(10_000);
    u32::try_from(hundredths).unwrap_or(0)
}

/// About how wide `text` is at 11 px in Verdana, in pixels.
fn text_width(text: &str) -> u32 {
    text.chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | '\u{a0}' | '\u{202f}' => 4,
            ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '-' => 5,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 11,
            c if c.is_uppercase() => 8,
            _ => 7,
        })
        .sum()
}

impl Badge {
    /// The badge's width in pixels: both texts with their padding.
    pub fn width(&self) -> u32 {
        self.label_width() + self.value_width()
    }

    fn label_width(&self) -> u32 {
        text_width(&self.label) + 2 * PADDING
    }

    fn value_width(&self) -> u32 {
        text_width(&self.value) + 2 * PADDING
    }

    /// The badge as a standalone SVG 1.1 document.
    pub fn svg(&self) -> String {
        let (width, left, right) = (self.width(), self.label_width(), self.value_width());
        let bar = width * self.bar_hundredths.min(10_000) / 10_000;
        let title = escape(self.title.as_str());
        let mut svg = String::new();
        let _ = write!(
            svg,
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" height="{height}" "#,
                r#"viewBox="0 0 {width} {height}" role="img" aria-label="{title}">"#,
                "<title>{title}</title>",
                r#"<clipPath id="round"><rect width="{width}" height="{height}" rx="4"/></clipPath>"#,
                r#"<g clip-path="url(#round)">"#,
                r#"<rect width="{left}" height="{height}" fill="{green}"/>"#,
                r#"<rect x="{left}" width="{right}" height="{height}" fill="{paper}"/>"#,
                r#"<rect y="{bar_y}" width="{width}" height="{bar_h}" fill="{track}"/>"#,
                r#"<rect y="{bar_y}" width="{bar}" height="{bar_h}" fill="{green}"/></g>"#,
            ),
            width = width,
            height = HEIGHT,
            title = title,
            left = left,
            right = right,
            green = GREEN,
            paper = PAPER,
            track = TRACK,
            bar_y = HEIGHT - BAR,
            bar_h = BAR,
            bar = bar,
        );
        let baseline = (HEIGHT - BAR) / 2 + 4;
        let text = |svg: &mut String, centre: u32, fill: &str, weight: &str, content: &str| {
            let _ = write!(
                svg,
                r#"<text x="{centre}" y="{baseline}" fill="{fill}" font-weight="{weight}" textLength="{length}" lengthAdjust="spacingAndGlyphs">{content}</text>"#,
                length = text_width(content),
                content = escape(content),
            );
        };
        let _ = write!(svg, r#"<g font-family="{FONT}" font-size="11" text-anchor="middle" aria-hidden="true">"#);
        text(&mut svg, left / 2, "#fff", "normal", &self.label);
        text(&mut svg, left + right / 2, INK, "bold", &self.value);
        svg.push_str("</g></svg>");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn badge(label: &str, hundredths: u32) -> Badge {
        Badge { label: label.into(), value: "62 %".into(), bar_hundredths: hundredths, title: label.into() }
    }

    #[test]
    fn the_badge_is_about_shields_size_for_a_short_name() {
        let badge = badge("Genève s'habille autrement", 6200);
        assert!((200..=260).contains(&badge.width()), "{}", badge.width());
        assert!(badge.svg().contains(r#"height="28""#));
    }

    #[test]
    fn the_bar_follows_the_percentage_and_stops_at_the_end() {
        let half = badge("ab", 5000);
        let full = badge("ab", 25_000);
        let bar =
            |b: &Badge| b.svg().split(r#"<rect y="25" width=""#).nth(2).unwrap().split('"').next().unwrap().to_owned();
        assert_eq!(bar(&half), (half.width() / 2).to_string());
        assert_eq!(bar(&full), full.width().to_string());
    }

    #[test]
    fn the_bar_shows_the_first_francs() {
        assert_eq!(bar_hundredths(11_000, 2_000_000), 55);
        assert_eq!(bar_hundredths(0, 2_000_000), 0);
        assert_eq!(bar_hundredths(3_000_000, 2_000_000), 10_000);
        assert_eq!(bar_hundredths(5, 0), 0);
    }

    #[test]
    fn texts_are_escaped() {
        let svg = badge("Fil & <Aiguille>", 0).svg();
        assert!(svg.contains("Fil &amp; &lt;Aiguille&gt;"), "{svg}");
        assert!(!svg.contains("<Aiguille>"));
    }
}
