//! The campaign's own pictures (cover, gallery, rewards, video poster): each made into a few
//! widths for `srcset`, upright and without metadata, every width named by its content so
//! that browsers may keep it a year.

use std::sync::Arc;

use image::imageops::FilterType;

use super::photo::{self, PhotoError};

/// The largest campaign picture read, in bytes: a camera's full-size JPEG fits.
pub const MAX_FILE: usize = 40 * 1024 * 1024;

/// One width of a picture.
#[derive(Clone)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// Its address under `/media/`: a digest of its bytes, so a new picture gets a new one.
    pub name: String,
    pub jpeg: Arc<[u8]>,
}

impl std::fmt::Debug for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({} × {}, {} bytes)", self.name, self.width, self.height, self.jpeg.len())
    }
}

/// A picture in every width it was asked for that it is large enough to give, narrowest first.
#[derive(Debug, Clone)]
pub struct Picture {
    pub variants: Vec<Variant>,
}

impl PartialEq for Picture {
    fn eq(&self, other: &Picture) -> bool {
        self.variants.iter().map(|v| &v.name).eq(other.variants.iter().map(|v| &v.name))
    }
}

impl Picture {
    /// The widest variant: its width and height are the picture's for `width=`/`height=`.
    pub fn largest(&self) -> &Variant {
        self.variants.last().expect("a picture has at least one variant")
    }

    /// The narrowest variant at least `width` pixels wide, or the widest there is.
    pub fn at_least(&self, width: u32) -> &Variant {
        self.variants.iter().find(|v| v.width >= width).unwrap_or_else(|| self.largest())
    }

    /// `srcset`'s value: every variant with its width.
    pub fn srcset(&self) -> String {
        self.variants.iter().map(|v| format!("/media/{} {}w", v.name, v.width)).collect::<Vec<_>>().join(", ")
    }
}

/// Makes `bytes` (a JPEG, PNG or WebP file) into the given widths, narrowest first; a picture
/// narrower than a width is not enlarged, and its own width is then the widest. CPU-bound.
pub fn variants(bytes: &[u8], widths: &[u32]) -> Result<Picture, PhotoError> {
    if bytes.len() > MAX_FILE {
        return Err(PhotoError::TooLarge);
    }
    // A JPEG's decoder fills in what a cut file lacks: a photo half copied would show grey.
    if bytes.starts_with(&[0xFF, 0xD8]) && !jpeg_is_whole(bytes) {
        return Err(PhotoError::Unreadable);
    }
    let mut widths = widths.to_vec();
    widths.sort_unstable_by(|a, b| b.cmp(a));
    let widest = widths.first().copied().unwrap_or(photo::MAX_SIDE);
    let mut picture = photo::decode(bytes, widest)?;
    let mut variants = Vec::with_capacity(widths.len());
    for width in widths {
        if width < picture.width() {
            let height = (u64::from(picture.height()) * u64::from(width)).div_ceil(u64::from(picture.width()));
            // Each width is made from the one before: a few megapixels at most are filtered.
            picture = picture.resize_exact(width, height.max(1) as u32, FilterType::CatmullRom);
        } else if !variants.is_empty() {
            continue;
        }
        let jpeg = photo::encode(&picture, 78)?;
        let name = format!("{}.jpg", super::digest::short_sha256(&jpeg, 10));
        variants.push(Variant { width: picture.width(), height: picture.height(), name, jpeg: jpeg.into() });
    }
    variants.reverse();
    Ok(Picture { variants })
}

/// Whether a JPEG reaches its end marker: segments are walked from the start, each scan's
/// coded data read to the marker that ends it, so a thumbnail's end inside the EXIF or data a
/// phone appends after the end (a motion photo's video) do not mislead.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return false;
        }
        let marker = bytes[at + 1];
        match marker {
            0xD9 => return true,
            // Fill bytes before a marker.
            0xFF => at += 1,
            0x01 | 0xD0..=0xD7 => at += 2,
            _ => {
                let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
                at += 2 + length;
                if marker == 0xDA {
                    // Coded data runs to the next marker that is neither a stuffed 0xFF nor a
                    // restart.
                    while at + 1 < bytes.len() && (bytes[at] != 0xFF || matches!(bytes[at + 1], 0x00 | 0xD0..=0xD7)) {
                        at += 1;
                    }
                    if at + 1 < bytes.len() && bytes[at + 1] == 0xD9 {
                        return true;
                    }
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let picture =
            image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut bytes = Vec::new();
        picture.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg).unwrap();
        bytes
    }

    #[test]
    fn a_picture_comes_in_each_width_it_can_give_with_its_proportions() {
        let picture = variants(&jpeg(2000, 1500), &[480, 960, 1600]).unwrap();
        let sizes: Vec<_> = picture.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(480, 360), (960, 720), (1600, 1200)]);
        assert!(picture.variants.iter().all(|v| v.jpeg.starts_with(&[0xFF, 0xD8])));
        assert_eq!(picture.srcset().matches("w,").count(), 2, "{}", picture.srcset());
        assert_eq!(picture.at_least(500).width, 960);
        assert_eq!(picture.at_least(5000).width, 1600);
    }

    #[test]
    fn a_small_picture_is_never_enlarged() {
        let picture = variants(&jpeg(700, 400), &[480, 960, 1600]).unwrap();
        let widths: Vec<_> = picture.variants.iter().map(|v| v.width).collect();
        assert_eq!(widths, [480, 700]);
    }

    #[test]
    fn a_jpeg_cut_short_is_refused_and_one_with_more_after_its_end_is_taken() {
        let whole = jpeg(300, 200);
        assert!(variants(&whole, &[200]).is_ok());
        for cut in [whole.len() - 2, whole.len() / 2, 30] {
            assert_eq!(variants(&whole[..cut], &[200]), Err(PhotoError::Unreadable), "cut at {cut}");
        }
        let mut motion = whole.clone();
        motion.extend_from_slice(b"\0\0\0\x18ftypmp42 and a video after the picture");
        assert!(variants(&motion, &[200]).is_ok());
    }

    #[test]
    fn each_width_is_named_by_its_content() {
        let one = variants(&jpeg(1000, 800), &[480]).unwrap();
        let again = variants(&jpeg(1000, 800), &[480]).unwrap();
        let other = variants(&jpeg(1000, 700), &[480]).unwrap();
        assert_eq!(one, again);
        assert_ne!(one.largest().name, other.largest().name);
        assert!(one.largest().name.ends_with(".jpg") && one.largest().name.len() == 24);
    }
}
