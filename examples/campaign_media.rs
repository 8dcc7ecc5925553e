//! Draws the example pictures the shipped campaign names (`media/`): woven cloth in the
//! colours of natural dyes, the campaign's name, and on each picture the file to replace.
//! A fresh install then looks like a real campaign; the team swaps in its own photos.
//!
//! `cargo run --example campaign_media [campaign.toml] [media-folder]`

use std::path::{Path, PathBuf};

use ab_glyph::FontRef;
use bobine::services::preview::{BOLD, REGULAR, fill, write_lines};
use image::{Rgb, RgbImage};

/// Warp and weft colours, from dyes a Geneva workshop uses.
const PALETTES: [([u8; 3], [u8; 3]); 6] = [
    ([0x2b, 0x3a, 0x55], [0xd9, 0xd2, 0xc3]), // indigo on raw linen
    ([0x8e, 0x3b, 0x2e], [0xe8, 0xd9, 0xc4]), // madder
    ([0x5f, 0x7a, 0x61], [0xef, 0xe7, 0xd8]), // sage
    ([0xb0, 0x7d, 0x2b], [0x3b, 0x2f, 0x2a]), // weld and walnut
    ([0x3d, 0x55, 0x73], [0xc9, 0x8f, 0x6b]), // woad and onion skin
    ([0x4a, 0x4a, 0x48], [0xe6, 0xdf, 0xd3]), // undyed wool
];

/// How threads cross: whether the warp is on top at a column and row of the weave.
type Weave = fn(u32, u32) -> bool;

const WEAVES: [Weave; 4] = [
    |c, r| (c + r) % 4 != 0, // twill, three over one, as denim
    |c, r| if (c / 8) % 2 == 0 { (c + r) % 4 != 0 } else { (r + 8 - c % 4) % 4 != 0 }, // herringbone
    |c, r| (2 * c + r) % 5 != 0, // satin, warp-faced
    |c, r| (c + r) % 2 == 0, // plain
];

fn main() {
    let mut args = std::env::args().skip(1);
    let campaign = PathBuf::from(args.next().unwrap_or_else(|| "campaign.toml".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "media".into()));
    let text = std::fs::read_to_string(&campaign).expect("the campaign file is readable");
    let file: toml::Value = toml::from_str(&text).expect("the campaign file is TOML");
    let name = file["short_name"]["fr"].as_str().or(file["title"]["fr"].as_str()).unwrap_or("bobine").to_owned();

    let mut jobs: Vec<(String, String, u32, u32, usize)> = vec![
        ("cover.jpg".into(), "Photo de couverture / Cover photo".into(), 1600, 900, 0),
        ("gallery/atelier.jpg".into(), "Un atelier / A studio".into(), 1600, 1067, 1),
        ("gallery/matieres.jpg".into(), "Les matières / The materials".into(), 1600, 1067, 2),
        ("gallery/rencontre.jpg".into(), "Une rencontre / A meeting".into(), 1600, 1067, 3),
        ("video-poster.jpg".into(), "Image de la vidéo / Video poster".into(), 1600, 900, 4),
    ];
    for (index, reward) in file["rewards"].as_array().expect("rewards").iter().enumerate() {
        let id = reward["id"].as_str().expect("a reward id");
        let title = reward["title"]["fr"].as_str().unwrap_or(id);
        jobs.push((format!("rewards/{id}.jpg"), title.to_owned(), 960, 720, index + 5));
    }
    for (path, subject, width, height, seed) in jobs {
        let target = out.join(&path);
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("the media folder can be made");
        let picture = draw(&name, &subject, &Path::new("media").join(&path), width, height, seed);
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 72)
            .encode_image(&picture)
            .expect("a JPEG is written to memory");
        std::fs::write(&target, &bytes).expect("the picture can be written");
        println!("{} ({} KB)", target.display(), bytes.len() / 1024);
    }
}

fn draw(name: &str, subject: &str, path: &Path, width: u32, height: u32, seed: usize) -> RgbImage {
    let (warp, weft) = PALETTES[seed % PALETTES.len()];
    let weave = WEAVES[(seed / PALETTES.len() + seed) % WEAVES.len()];
    // Threads of about the same size on every picture as a page shows it.
    let thread = (11 + (seed as u32 % 3) * 3) * width / 960;
    let mix = |a: [u8; 3], b: [u8; 3], by: f32| {
        std::array::from_fn(|i| (f32::from(a[i]) * (1.0 - by) + f32::from(b[i]) * by) as u8)
    };
    let lighter = |c: [u8; 3], by: f32| c.map(|v| (f32::from(v) + (255.0 - f32::from(v)) * by) as u8);
    let mut picture = RgbImage::new(width, height);
    for y in 0..height {
        for x in 0..width {
            let (column, row) = (x / thread, y / thread);
            let on_top = weave(column, row);
            // Each thread is round: lighter along its middle, darker where it meets the next,
            // and a little different from its neighbours, as spun yarn is; every seventh warp
            // thread is paler, a stripe.
            let across = if on_top { x % thread } else { y % thread } as f32 / thread as f32;
            let along = if on_top { column } else { row };
            let jitter = ((along.wrapping_mul(2_654_435_761) >> 16) % 13) as f32 / 100.0;
            let shade = 0.74 + 0.26 * (std::f32::consts::PI * across).sin() - jitter / 3.0;
            let colour = match (on_top, column % 9 == 4) {
                (true, true) => lighter(warp, 0.3),
                (true, false) => warp,
                (false, _) => mix(weft, warp, 0.3),
            };
            picture.put_pixel(x, y, Rgb(colour.map(|c| (f32::from(c) * shade).clamp(0.0, 255.0) as u8)));
        }
    }
    // A card of paper in the lower corner, as large as its words, telling what to replace.
    let bold = FontRef::try_from_slice(BOLD).expect("the bold font parses");
    let regular = FontRef::try_from_slice(REGULAR).expect("the regular font parses");
    let margin = (width / 24).max(28);
    let size = (width as f32 / 48.0).max(20.0);
    let pad = size;
    let card_width = (width - 2 * margin).min((size * 34.0) as u32);
    let mut card = RgbImage::from_pixel(card_width, height, Rgb([0xfb, 0xf8, 0xf3]));
    let (left, right) = (pad, card_width as f32 - pad);
    let mut y = pad * 0.8;
    y = write_lines(&mut card, &bold, size * 0.8, left, right, y, name, Rgb([0x2f, 0x6b, 0x4f]), 1) + size * 0.3;
    y = write_lines(&mut card, &bold, size * 1.3, left, right, y, subject, Rgb([0x1f, 0x2a, 0x24]), 2) + size * 0.4;
    let note = format!(
        "Image d'exemple : remplacez {0} · Example picture: replace {0}",
        path.display().to_string().replace('\\', "/")
    );
    y = write_lines(&mut card, &regular, size * 0.7, left, right, y, &note, Rgb([0x4b, 0x55, 0x50]), 3) + pad * 0.8;
    let card_height = (y as u32).min(height - 2 * margin);
    let top = height - margin - card_height;
    fill(&mut picture, margin - 4, top - 4, margin + card_width + 4, top + card_height + 4, Rgb(lighter(warp, 0.1)));
    for cy in 0..card_height {
        for cx in 0..card_width {
            picture.put_pixel(margin + cx, top + cy, *card.get_pixel(cx, cy));
        }
    }
    picture
}
