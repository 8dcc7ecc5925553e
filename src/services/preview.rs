//! The picture a link to the campaign shows where it is shared (Open Graph, 1200 × 630):
//! drawn by the server with a font of the repository (`assets/fonts`, DejaVu Sans), so that it
//! carries the live progress. Drawing takes tens of milliseconds: pictures are kept, by what
//! they show, and drawn again only when that changes.

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::{Arc, Mutex};

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use image::{ImageFormat, Rgb, RgbImage};

use crate::domain::picture::Picture;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

pub static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
pub static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

const PAPER: Rgb<u8> = Rgb([0xfb, 0xf8, 0xf3]);
const INK: Rgb<u8> = Rgb([0x1f, 0x2a, 0x24]);
const MUTED: Rgb<u8> = Rgb([0x5b, 0x66, 0x60]);
const ACCENT: Rgb<u8> = Rgb([0x2f, 0x6b, 0x4f]);
const LINE: Rgb<u8> = Rgb([0xe4, 0xdd, 0xd2]);
/// The woven band's threads.
const THREADS: [Rgb<u8>; 4] =
    [Rgb([0x2f, 0x6b, 0x4f]), Rgb([0x8a, 0x5a, 0x12]), Rgb([0xc9, 0x8f, 0x6b]), Rgb([0x3d, 0x55, 0x73])];

/// What a preview shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PreviewText {
    /// The campaign's short name, small, at the top.
    pub name: String,
    /// The page's title, large.
    pub title: String,
    /// A sentence under it.
    pub subtitle: String,
    /// The live progress: "CHF 12’400 sur 20’000 · 62 % · 9 jours".
    pub progress: String,
    /// How full the bar is, in hundredths of a percent (0 to 10,000).
    pub bar: u32,
    /// Which version of the page's own picture the band shows (a designer's photo changes);
    /// empty for a picture that stays as long as the process.
    pub picture: String,
}

/// Pictures drawn so far, by what they show; a few hundred at most (a campaign, its rewards
/// and designers, in each language), each replaced when its figures change.
#[derive(Debug, Default)]
pub struct Previews {
    drawn: Mutex<HashMap<Slot, Drawn>>,
    /// The campaign's cover, shown in the band at the right; woven cloth without.
    cover: Option<Arc<Picture>>,
}

/// A page's preview in one language: the page's key and the language's code.
type Slot = (String, String);

/// What a picture shows, and the picture.
type Drawn = (PreviewText, Arc<Vec<u8>>);

impl Previews {
    /// Previews showing the campaign's cover, if it has one.
    pub fn with_cover(cover: Option<Arc<Picture>>) -> Previews {
        Previews { drawn: Mutex::default(), cover }
    }

    /// The PNG of `text` for the page `key` in `lang`, with `photo` (a JPEG; the cover when
    /// `None`) in its band, drawn once and kept until the text changes. CPU-bound when it
    /// draws: see [`Previews::kept`] first.
    pub fn png(&self, key: &str, lang: &str, text: PreviewText, photo: Option<Arc<[u8]>>) -> Arc<Vec<u8>> {
        if let Some(png) = self.kept(key, lang, &text) {
            return png;
        }
        let cover = || self.cover.as_deref().and_then(|cover| jpeg_at_least(cover, COVER_WIDTH));
        let png = Arc::new(draw(&text, photo.or_else(cover).as_deref()));
        let mut drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        drawn.insert((key.to_owned(), lang.to_owned()), (text, png.clone()));
        png
    }

    /// The PNG kept for the page `key` in `lang`, if it shows `text`.
    pub fn kept(&self, key: &str, lang: &str, text: &PreviewText) -> Option<Arc<Vec<u8>>> {
        let drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        drawn.get(&(key.to_owned(), lang.to_owned())).filter(|(shown, _)| shown == text).map(|(_, png)| png.clone())
    }
}

/// The JPEG of `picture` at least `width` pixels wide, made now if it was not yet; `None`
/// when it cannot be made (the reason is logged). CPU-bound.
pub fn jpeg_at_least(picture: &Picture, width: u32) -> Option<Arc<[u8]>> {
    picture.jpeg(&picture.at_least(width).name).and_then(Result::ok)
}

/// The width of the cover read for the band, 340 pixels wide: twice as many for sharp
/// screens.
const COVER_WIDTH: u32 = 640;

/// Where the band of the cover (or of woven cloth) begins.
const BAND: u32 = 860;

/// Draws the picture as PNG, with `cover` (a JPEG) in the band at the right.
pub fn draw(text: &PreviewText, cover: Option<&[u8]>) -> Vec<u8> {
    let bold = FontRef::try_from_slice(BOLD).expect("the shipped bold font parses");
    let regular = FontRef::try_from_slice(REGULAR).expect("the shipped regular font parses");
    let mut picture = RgbImage::from_pixel(WIDTH, HEIGHT, PAPER);
    match cover.and_then(|jpeg| image::load_from_memory(jpeg).ok()) {
        Some(cover) => {
            // The cover fills the band, cut to its shape around its middle.
            let band = cover.resize_to_fill(WIDTH - BAND, HEIGHT, image::imageops::FilterType::Triangle).to_rgb8();
            image::imageops::replace(&mut picture, &band, i64::from(BAND), 0);
        }
        None => weave(&mut picture, BAND, WIDTH),
    }

    let left = 64.0;
    let right = 810.0;
    let mut y = 70.0;
    y = write_lines(&mut picture, &bold, 30.0, left, right, y, &text.name, ACCENT, 1) + 26.0;
    y = write_lines(&mut picture, &bold, 58.0, left, right, y, &text.title, INK, 3) + 20.0;
    write_lines(&mut picture, &regular, 30.0, left, right, y, &text.subtitle, MUTED, 3);

    // The progress, at the foot: the bar, then the figures.
    let bar_top = HEIGHT - 160;
    fill(&mut picture, left as u32, bar_top, right as u32, bar_top + 22, LINE);
    let filled = left as u32 + ((right - left) as u32 * text.bar.min(10_000)) / 10_000;
    fill(&mut picture, left as u32, bar_top, filled, bar_top + 22, ACCENT);
    write_lines(&mut picture, &bold, 32.0, left, right, f32::from(bar_top as u16) + 40.0, &text.progress, INK, 2);

    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
        .expect("a PNG is written to memory");
    png
}

/// A band of woven threads from `from` to `to`: the textile the campaign is about, until the
/// campaign names a cover photo of its own.
fn weave(picture: &mut RgbImage, from: u32, to: u32) {
    const THREAD: u32 = 18;
    for y in 0..HEIGHT {
        for x in from..to {
            let (column, row) = ((x - from) / THREAD, y / THREAD);
            // Warp over weft on one square, under it on the next: a plain weave.
            let warp_on_top = (column + row) % 2 == 0;
            let colour = if warp_on_top { THREADS[(column % 4) as usize] } else { THREADS[((row + 2) % 4) as usize] };
            // A thin shadow between threads gives them their relief.
            let edge = if warp_on_top { (x - from) % THREAD } else { y % THREAD };
            let shade = if edge == 0 || edge == THREAD - 1 { 0.72 } else { 1.0 };
            picture.put_pixel(x, y, Rgb(colour.0.map(|c| (f32::from(c) * shade) as u8)));
        }
    }
}

pub fn fill(picture: &mut RgbImage, x0: u32, y0: u32, x1: u32, y1: u32, colour: Rgb<u8>) {
    for y in y0..y1.min(picture.height()) {
        for x in x0..x1.min(picture.width()) {
            picture.put_pixel(x, y, colour);
        }
    }
}

/// Writes `text` from `top` between `left` and `right`, wrapped at spaces into at most
/// `max_lines` lines (the last one ends with "…" when cut); returns where the text ends.
#[allow(clippy::too_many_arguments)]
pub fn write_lines(
    picture: &mut RgbImage,
    font: &FontRef,
    size: f32,
    left: f32,
    right: f32,
    top: f32,
    text: &str,
    colour: Rgb<u8>,
    max_lines: usize,
) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let width = |line: &str| line.chars().map(|c| scaled.h_advance(scaled.glyph_id(c))).sum::<f32>();
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() { word.to_owned() } else { format!("{current} {word}") };
        if width(&candidate) <= right - left || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_owned()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("at least one line");
        while !last.is_empty() && width(&format!("{last}…")) > right - left {
            last.pop();
        }
        *last = format!("{}…", last.trim_end());
    }
    let line_height = size * 1.25;
    let mut baseline = top + scaled.ascent();
    for line in &lines {
        let mut x = left;
        for c in line.chars() {
            let id = scaled.glyph_id(c);
            let glyph = id.with_scale_and_position(PxScale::from(size), ab_glyph::point(x, baseline));
            x += scaled.h_advance(id);
            if let Some(outlined) = font.outline_glyph(glyph) {
                let bounds = outlined.px_bounds();
                outlined.draw(|gx, gy, coverage| {
                    let (px, py) = (bounds.min.x as i32 + gx as i32, bounds.min.y as i32 + gy as i32);
                    if px >= 0 && py >= 0 && (px as u32) < picture.width() && (py as u32) < picture.height() {
                        let under = picture.get_pixel(px as u32, py as u32).0;
                        let mixed = std::array::from_fn(|i| {
                            (f32::from(under[i]) * (1.0 - coverage) + f32::from(colour.0[i]) * coverage) as u8
                        });
                        picture.put_pixel(px as u32, py as u32, Rgb(mixed));
                    }
                });
            }
        }
        baseline += line_height;
    }
    top + line_height * lines.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(progress: &str, bar: u32) -> PreviewText {
        PreviewText {
            name: "Genève s'habille autrement".into(),
            title: "Mode durable, luxe durable : Genève s'habille autrement".into(),
            subtitle: "Soutenez les créatrices et créateurs genevois de la mode durable.".into(),
            progress: progress.into(),
            bar,
            picture: String::new(),
        }
    }

    #[test]
    fn the_picture_is_a_1200_by_630_png_that_changes_with_the_figures() {
        let first = draw(&text("CHF 12’400 sur 20’000 · 62 % · 9 jours", 6_200), None);
        let decoded = image::load_from_memory_with_format(&first, ImageFormat::Png).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (WIDTH, HEIGHT));
        let second = draw(&text("CHF 12’500 sur 20’000 · 62 % · 9 jours", 6_250), None);
        assert_ne!(first, second);
    }

    #[test]
    fn a_picture_is_drawn_again_only_when_what_it_shows_changes() {
        let previews = Previews::default();
        let a = previews.png("campaign", "fr", text("CHF 0 sur 20’000 · 0 % · 9 jours", 0), None);
        let b = previews.png("campaign", "fr", text("CHF 0 sur 20’000 · 0 % · 9 jours", 0), None);
        assert!(Arc::ptr_eq(&a, &b));
        let c = previews.png("campaign", "fr", text("CHF 45 sur 20’000 · 0 % · 9 jours", 22), None);
        assert!(!Arc::ptr_eq(&a, &c));
    }
}
