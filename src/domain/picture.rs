//! The campaign's own pictures (cover, gallery, rewards, video poster): each made into a few
//! widths for `srcset`, upright and without metadata, every width named by its content so
//! that browsers may keep it a year.
//!
//! At start only the file's header is read: its format, its size in pixels and its
//! orientation give every width's size and name, so pages are written before any picture is
//! made. A picture is made, all its widths at once, when one of them is first asked for; one
//! at a time, so that a crowd arriving at a new site decodes one photo, not twenty.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use image::imageops::FilterType;
use sha2::{Digest, Sha256};

use super::photo::{self, PhotoError};

/// The largest campaign picture read, in bytes: a camera's full-size JPEG fits.
pub const MAX_FILE: usize = 40 * 1024 * 1024;

/// The JPEG quality of every width. Part of each width's name: a change gives new names.
const QUALITY: u8 = 78;

/// One width of a picture, known before it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// Its address under `/media/`: a digest of the source file and of this width, so a new
    /// picture gets a new one.
    pub name: String,
}

/// A picture in every width it was asked for that it is large enough to give, narrowest
/// first, and the file it is made from.
pub struct Picture {
    pub variants: Vec<Variant>,
    source: PathBuf,
    digest: Vec<u8>,
    made: OnceLock<Result<Vec<Arc<[u8]>>, PhotoError>>,
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picture").field("source", &self.source).field("variants", &self.variants).finish()
    }
}

impl PartialEq for Picture {
    fn eq(&self, other: &Picture) -> bool {
        self.variants == other.variants
    }
}

/// Held while a picture is made: one at a time in the whole process.
static MAKING: Mutex<()> = Mutex::new(());

impl Picture {
    /// Plans the widths of `bytes`, read from `source` (`digest` is their SHA-256, which the
    /// caller already has), from its header alone: a JPEG, PNG or WebP within bounds (and a
    /// JPEG that reaches its end), upright as its EXIF says.
    pub fn plan(source: &Path, bytes: &[u8], digest: Vec<u8>, widths: &[u32]) -> Result<Picture, PhotoError> {
        if bytes.len() > MAX_FILE {
            return Err(PhotoError::TooLarge);
        }
        // A JPEG's decoder fills in what a cut file lacks: a photo half copied would show grey.
        if bytes.starts_with(&[0xFF, 0xD8]) && !jpeg_is_whole(bytes) {
            return Err(PhotoError::Unreadable);
        }
        let (width, height) = photo::inspect(bytes)?;
        let mut widths = widths.to_vec();
        widths.sort_unstable_by(|a, b| b.cmp(a));
        let mut sizes: Vec<(u32, u32)> = Vec::with_capacity(widths.len());
        for wanted in widths {
            if wanted < width {
                let scaled = (u64::from(height) * u64::from(wanted)).div_ceil(u64::from(width)).max(1);
                sizes.push((wanted, u32::try_from(scaled).unwrap_or(u32::MAX)));
            } else if sizes.is_empty() {
                // Never enlarged: its own width is then the widest.
                sizes.push((width, height));
            }
        }
        sizes.reverse();
        let variants = sizes
            .into_iter()
            .map(|(width, height)| {
                let mut key = digest.clone();
                key.extend_from_slice(format!("{width}x{height}q{QUALITY}").as_bytes());
                Variant { width, height, name: format!("{}.jpg", super::digest::short_sha256(&key, 10)) }
            })
            .collect();
        Ok(Picture { variants, source: source.to_owned(), digest, made: OnceLock::new() })
    }

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

    /// The JPEG of the variant named `name`, if it is one of this picture's: made now if it
    /// was not yet, which reads, decodes and encodes (CPU-bound: call it off the async
    /// threads, or see [`Picture::ready`] first).
    pub fn jpeg(&self, name: &str) -> Option<Result<Arc<[u8]>, PhotoError>> {
        let index = self.variants.iter().position(|v| v.name == name)?;
        Some(self.make().map(|made| made[index].clone()))
    }

    /// The JPEG of the variant named `name` if it is already made.
    pub fn ready(&self, name: &str) -> Option<Arc<[u8]>> {
        let index = self.variants.iter().position(|v| v.name == name)?;
        self.made.get()?.as_ref().ok().map(|made| made[index].clone())
    }

    /// Every width made, once; what went wrong, once too (a file changed or damaged since the
    /// start stays unserved until the next start).
    pub fn make(&self) -> Result<&[Arc<[u8]>], PhotoError> {
        let made = self.made.get_or_init(|| {
            let _one_at_a_time = MAKING.lock().unwrap_or_else(PoisonError::into_inner);
            let made = self.make_now();
            if let Err(error) = &made {
                tracing::error!(path = %self.source.display(), %error, "a picture of the campaign file cannot be made: it changed or is damaged; fix it and restart");
            }
            made
        });
        made.as_deref().map_err(|e| *e)
    }

    fn make_now(&self) -> Result<Vec<Arc<[u8]>>, PhotoError> {
        let bytes = std::fs::read(&self.source).map_err(|_| PhotoError::Unreadable)?;
        if Sha256::digest(&bytes).as_slice() != self.digest.as_slice() {
            return Err(PhotoError::Unreadable);
        }
        let widest = self.largest().width;
        let mut picture = photo::decode(&bytes, widest)?;
        drop(bytes);
        let mut made = Vec::with_capacity(self.variants.len());
        // Widest first, each from the one before: a few megapixels at most are filtered.
        for variant in self.variants.iter().rev() {
            if (picture.width(), picture.height()) != (variant.width, variant.height) {
                picture = picture.resize_exact(variant.width, variant.height, FilterType::CatmullRom);
            }
            made.push(Arc::from(photo::encode(&picture, QUALITY)?));
        }
        made.reverse();
        Ok(made)
    }
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

    /// The picture of `bytes`, written to a file of its own as the campaign file names one.
    fn planned(bytes: &[u8], widths: &[u32]) -> (tempfile::NamedTempFile, Result<Picture, PhotoError>) {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        let picture = Picture::plan(file.path(), bytes, Sha256::digest(bytes).to_vec(), widths);
        (file, picture)
    }

    #[test]
    fn a_picture_comes_in_each_width_it_can_give_with_its_proportions() {
        let (_file, picture) = planned(&jpeg(2000, 1500), &[480, 960, 1600]);
        let picture = picture.unwrap();
        let sizes: Vec<_> = picture.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(480, 360), (960, 720), (1600, 1200)]);
        assert!(picture.ready(&picture.largest().name).is_none(), "nothing is made before it is asked for");
        for variant in &picture.variants {
            let made = picture.jpeg(&variant.name).unwrap().unwrap();
            let back = image::load_from_memory(&made).unwrap();
            assert_eq!((back.width(), back.height()), (variant.width, variant.height), "as planned");
        }
        assert!(picture.ready(&picture.variants[0].name).is_some());
        assert!(picture.jpeg("other.jpg").is_none());
        assert_eq!(picture.srcset().matches("w,").count(), 2, "{}", picture.srcset());
        assert_eq!(picture.at_least(500).width, 960);
        assert_eq!(picture.at_least(5000).width, 1600);
    }

    #[test]
    fn a_small_picture_is_never_enlarged() {
        let (_file, picture) = planned(&jpeg(700, 400), &[480, 960, 1600]);
        let widths: Vec<_> = picture.unwrap().variants.iter().map(|v| v.width).collect();
        assert_eq!(widths, [480, 700]);
    }

    #[test]
    fn a_jpeg_cut_short_is_refused_and_one_with_more_after_its_end_is_taken() {
        let whole = jpeg(300, 200);
        assert!(planned(&whole, &[200]).1.is_ok());
        for cut in [whole.len() - 2, whole.len() / 2, 30] {
            assert_eq!(planned(&whole[..cut], &[200]).1.unwrap_err(), PhotoError::Unreadable, "cut at {cut}");
        }
        let mut motion = whole.clone();
        motion.extend_from_slice(b"\0\0\0\x18ftypmp42 and a video after the picture");
        let (_file, picture) = planned(&motion, &[200]);
        let picture = picture.unwrap();
        assert!(picture.make().is_ok());
    }

    #[test]
    fn each_width_is_named_by_its_content() {
        let (_a, one) = planned(&jpeg(1000, 800), &[480]);
        let (_b, again) = planned(&jpeg(1000, 800), &[480]);
        let (_c, other) = planned(&jpeg(1000, 700), &[480]);
        assert_eq!(one.as_ref().unwrap(), again.as_ref().unwrap());
        assert_ne!(one.as_ref().unwrap().largest().name, other.unwrap().largest().name);
        let name = &one.as_ref().unwrap().largest().name;
        assert!(name.ends_with(".jpg") && name.len() == 24);
    }

    #[test]
    fn a_file_changed_since_the_start_is_not_served_under_the_old_names() {
        let (file, picture) = planned(&jpeg(800, 600), &[400]);
        let picture = picture.unwrap();
        std::fs::write(file.path(), jpeg(800, 500)).unwrap();
        assert_eq!(picture.jpeg(&picture.largest().name).unwrap(), Err(PhotoError::Unreadable));
    }
}
