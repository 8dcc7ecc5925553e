//! QR codes of web addresses, drawn as SVG: posters point people at the campaign with them.
//! The text is encoded in byte mode at error correction M, as the QR-bills are (see
//! [`super::qrbill`]), so a code reads back exactly the bytes it was given.

use std::fmt::Write as _;

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};

/// The modules of a QR code, row by row, `true` where dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    pub width: usize,
    pub dark: Vec<bool>,
}

/// The light margin around a code, in modules, that readers need to find it.
pub const QUIET_ZONE: usize = 4;

/// The largest version tried: version 40 holds 2,331 bytes at error correction M.
const MAX_VERSION: i16 = 40;

/// The code of `text` in the smallest version that holds it; `None` when it is too long
/// for any QR code.
pub fn encode(text: &str) -> Option<QrMatrix> {
    (1..=MAX_VERSION).find_map(|version| {
        // Byte mode for all of it: the crate's automatic segmentation may take UTF-8 bytes
        // for Kanji (see `qrbill::bits_in`).
        let mut bits = Bits::new(Version::Normal(version));
        bits.push_byte_data(text.as_bytes()).ok()?;
        bits.push_terminator(EcLevel::M).ok()?;
        let code = QrCode::with_bits(bits, EcLevel::M).ok()?;
        Some(QrMatrix { width: code.width(), dark: code.to_colors().into_iter().map(|c| c == Color::Dark).collect() })
    })
}

/// The code as an SVG image that scales to any size: one module per user unit, the quiet
/// zone included, white behind, `label` as its accessible name. Each row's dark runs are
/// drawn as `M{x} {y}h{run}v1h-{run}z`, quiet zone included in `x` and `y`.
pub fn svg(matrix: &QrMatrix, label: &str) -> String {
    let n = matrix.width;
    let side = n + 2 * QUIET_ZONE;
    let mut d = String::new();
    for (y, row) in matrix.dark.chunks(n.max(1)).enumerate() {
        let mut x = 0;
        while x < n {
            let run = row[x..].iter().take_while(|dark| **dark).count();
            if run > 0 {
                let _ = write!(d, "M{} {}h{run}v1h-{run}z", x + QUIET_ZONE, y + QUIET_ZONE);
            }
            x += run.max(1);
        }
    }
    let label = quick_xml::escape::escape(label);
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 {side} {side}" "#,
            r#"shape-rendering="crispEdges" role="img" aria-label="{label}">"#,
            r##"<rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d="{d}"/></svg>"##
        ),
        side = side,
        label = label,
        d = d
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_address_fits_a_small_code_and_a_huge_text_fits_none() {
        let code = encode("https://soutenir.example.ch/?ref=boutique-carouge").unwrap();
        assert_eq!(code.width, 33, "version 4");
        assert_eq!(code.dark.len(), 33 * 33);
        assert!(encode(&"x".repeat(3000)).is_none());
    }

    #[test]
    fn the_drawing_holds_every_dark_module_once_and_escapes_its_label() {
        let code = encode("https://example.ch/").unwrap();
        let drawn = svg(&code, "a <b> & \"c\"");
        assert!(drawn.contains(r#"aria-label="a &lt;b&gt; &amp; &quot;c&quot;""#), "{drawn}");
        let path = drawn.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        let runs: usize =
            path.split('h').skip(1).step_by(2).filter_map(|part| part.split('v').next()?.parse::<usize>().ok()).sum();
        assert_eq!(runs, code.dark.iter().filter(|d| **d).count());
    }
}
