//! The site's icon: a spool of thread ("bobine") in the site's green on the paper colour,
//! drawn from a few rounded rectangles on a 32-unit grid. The same shapes give the SVG icon,
//! the PNGs (anti-aliased by sampling each pixel 16 times) and the ICO that wraps them.

use std::fmt::Write as _;

use image::ImageEncoder;
use image::codecs::png::PngEncoder;

/// The grid the shapes are drawn on.
const GRID: f32 = 32.0;
const GREEN: [u8; 3] = [0x2f, 0x6b, 0x4f];
const PAPER: [u8; 3] = [0xfb, 0xf8, 0xf3];

/// A rectangle from (x0, y0) to (x1, y1) with corners of radius `r`, in grid units.
#[derive(Debug, Clone, Copy)]
struct Shape {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    r: f32,
    colour: [u8; 3],
}

const fn shape(x0: f32, y0: f32, x1: f32, y1: f32, r: f32, colour: [u8; 3]) -> Shape {
    Shape { x0, y0, x1, y1, r, colour }
}

/// The spool over its background, back to front: the two flanges, the wound thread between
/// them, and three paper lines across the thread.
const SPOOL: [Shape; 6] = [
    shape(5.0, 4.0, 27.0, 9.0, 2.0, GREEN),
    shape(5.0, 23.0, 27.0, 28.0, 2.0, GREEN),
    shape(9.0, 8.0, 23.0, 24.0, 0.0, GREEN),
    shape(10.0, 11.5, 22.0, 12.75, 0.0, PAPER),
    shape(10.0, 15.4, 22.0, 16.6, 0.0, PAPER),
    shape(10.0, 19.25, 22.0, 20.5, 0.0, PAPER),
];

impl Shape {
    fn contains(&self, x: f32, y: f32) -> bool {
        if x < self.x0 || x > self.x1 || y < self.y0 || y > self.y1 {
            return false;
        }
        // The nearest point of the rectangle shrunk by the radius lies within the radius.
        let cx = x.clamp(self.x0 + self.r, self.x1 - self.r);
        let cy = y.clamp(self.y0 + self.r, self.y1 - self.r);
        (x - cx).powi(2) + (y - cy).powi(2) <= self.r * self.r
    }
}

/// The shapes of the icon: a paper square, with round corners unless it is for a phone's
/// home screen (which rounds them itself), then the spool.
fn shapes(rounded: bool) -> Vec<Shape> {
    let background = shape(0.0, 0.0, GRID, GRID, if rounded { 6.0 } else { 0.0 }, PAPER);
    std::iter::once(background).chain(SPOOL).collect()
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The icon as an SVG document.
pub fn svg() -> String {
    let mut svg =
        String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">"#);
    for s in shapes(true) {
        let _ = write!(
            svg,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}"/>"#,
            s.x0,
            s.y0,
            s.x1 - s.x0,
            s.y1 - s.y0,
            s.r,
            hex(s.colour)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The icon as `size` × `size` RGBA pixels, row by row.
pub fn pixels(size: u32, rounded: bool) -> Vec<u8> {
    const SAMPLES: u32 = 4;
    let shapes = shapes(rounded);
    let scale = GRID / size as f32;
    let mut out = Vec::with_capacity((size * size * 4) as usize);
    for py in 0..size {
        for px in 0..size {
            let (mut sum, mut covered) = ([0u32; 3], 0u32);
            for sy in 0..SAMPLES {
                for sx in 0..SAMPLES {
                    let x = (px as f32 + (sx as f32 + 0.5) / SAMPLES as f32) * scale;
                    let y = (py as f32 + (sy as f32 + 0.5) / SAMPLES as f32) * scale;
                    if let Some(top) = shapes.iter().rev().find(|s| s.contains(x, y)) {
                        for (total, channel) in sum.iter_mut().zip(top.colour) {
                            *total += u32::from(channel);
                        }
                        covered += 1;
                    }
                }
            }
            let average = |total: u32| total.checked_div(covered).map_or(0, |value| value as u8);
            let alpha = (covered * 255 / (SAMPLES * SAMPLES)) as u8;
            out.extend([average(sum[0]), average(sum[1]), average(sum[2]), alpha]);
        }
    }
    out
}

/// The icon as a PNG file.
pub fn png(size: u32, rounded: bool) -> Vec<u8> {
    let mut file = Vec::new();
    let written =
        PngEncoder::new(&mut file).write_image(&pixels(size, rounded), size, size, image::ExtendedColorType::Rgba8);
    // Encoding into memory fails only on a size that does not match the pixels, which
    // `pixels` rules out.
    debug_assert!(written.is_ok(), "{written:?}");
    file
}

/// An ICO file holding the icon at each of `sizes` (256 at most), each entry a PNG, as every
/// browser and Windows since Vista read them.
pub fn ico(sizes: &[u32]) -> Vec<u8> {
    let images: Vec<(u32, Vec<u8>)> = sizes.iter().map(|&size| (size.min(256), png(size.min(256), true))).collect();
    let count = images.len() as u16;
    let mut file = Vec::new();
    file.extend(0u16.to_le_bytes()); // reserved
    file.extend(1u16.to_le_bytes()); // an icon, not a cursor
    file.extend(count.to_le_bytes());
    let mut offset = 6 + 16 * u32::from(count);
    for (size, png) in &images {
        // 256 is written as 0.
        let side = (*size % 256) as u8;
        file.extend([side, side, 0, 0]); // width, height, no palette, reserved
        file.extend(1u16.to_le_bytes()); // colour planes
        file.extend(32u16.to_le_bytes()); // bits per pixel
        file.extend((png.len() as u32).to_le_bytes());
        file.extend(offset.to_le_bytes());
        offset += png.len() as u32;
    }
    for (_, png) in images {
        file.extend(png);
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corners_are_clear_the_middle_is_green_and_the_edges_are_paper() {
        let size = 32;
        let pixels = pixels(size, true);
        let at = |x: u32, y: u32| &pixels[((y * size + x) * 4) as usize..((y * size + x) * 4 + 4) as usize];
        assert_eq!(at(0, 0)[3], 0, "a rounded corner is transparent");
        assert_eq!(at(16, 6), [GREEN[0], GREEN[1], GREEN[2], 255], "the top flange");
        assert_eq!(at(1, 16), [PAPER[0], PAPER[1], PAPER[2], 255], "paper beside the spool");
        let square = super::pixels(size, false);
        assert_eq!(square[3], 255, "no transparent corner for a home screen");
    }

    #[test]
    fn the_ico_lists_each_size_and_holds_a_png_of_it() {
        let file = ico(&[16, 32]);
        assert_eq!(&file[..6], &[0, 0, 1, 0, 2, 0]);
        for (i, size) in [16u32, 32].into_iter().enumerate() {
            let entry = &file[6 + 16 * i..6 + 16 * (i + 1)];
            assert_eq!(u32::from(entry[0]), size);
            let length = u32::from_le_bytes(entry[8..12].try_into().unwrap()) as usize;
            let offset = u32::from_le_bytes(entry[12..16].try_into().unwrap()) as usize;
            let image = image::load_from_memory(&file[offset..offset + length]).unwrap();
            assert_eq!((image.width(), image.height()), (size, size));
        }
    }

    #[test]
    fn the_svg_draws_the_same_shapes() {
        let svg = svg();
        assert_eq!(svg.matches("<rect").count(), 7);
        assert!(svg.contains("#2f6b4f") && svg.contains("#fbf8f3"));
    }
}
