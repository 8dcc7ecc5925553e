//! The campaign's pictures and video as campaign.toml names them: `[cover]`, `[[gallery]]`,
//! each reward's `image`, and `[video]`. Every picture's header is read while the file is
//! checked, so a missing, damaged or oversized picture stops the start with its line; its
//! widths are made when first asked for (see [`crate::domain::picture`]), and
//! `bobine check-config` makes them all.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::campaign::{RawText, Text, text};
use super::error::{ConfigError, Locator};
use crate::domain::photo::PhotoError;
use crate::domain::picture::{self, Picture};

/// The widths made of each kind of picture: what its largest box on a wide screen needs at
/// twice the pixels, and what a phone needs.
pub const COVER_WIDTHS: &[u32] = &[480, 800, 1200, 1600];
pub const GALLERY_WIDTHS: &[u32] = &[480, 960, 1600];
pub const REWARD_WIDTHS: &[u32] = &[400, 800];

/// A picture of the campaign file, ready to serve.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The path as the file wrote it, for messages.
    pub file: String,
    /// What the picture shows, for people who cannot see it; `None` for a picture that only
    /// illustrates a text beside it (a reward's).
    pub alt: Option<Text>,
    pub picture: Arc<Picture>,
}

/// Where the video plays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoSource {
    /// A YouTube video, by its id: played from youtube-nocookie.com once asked.
    YouTube(String),
    /// A Vimeo video, by its number: played with Vimeo's do-not-track once asked.
    Vimeo(String),
    /// A file served by bobine itself.
    File(VideoFile),
}

/// A video file served from `/media/<name>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoFile {
    pub path: PathBuf,
    /// A digest of its content and its extension.
    pub name: String,
    pub content_type: &'static str,
    pub length: u64,
}

/// The campaign's video, with the picture shown until someone plays it.
#[derive(Debug, Clone, PartialEq)]
pub struct Video {
    pub source: VideoSource,
    pub poster: Image,
    pub title: Text,
}

impl VideoSource {
    /// The player's address, loaded only when a visitor plays the video.
    pub fn player(&self) -> Option<String> {
        match self {
            VideoSource::YouTube(id) => Some(format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0")),
            VideoSource::Vimeo(id) => Some(format!("https://player.vimeo.com/video/{id}?autoplay=1&dnt=1")),
            VideoSource::File(_) => None,
        }
    }

    /// The video's page on its site: where the play button leads without JavaScript.
    pub fn page(&self) -> Option<String> {
        match self {
            VideoSource::YouTube(id) => Some(format!("https://www.youtube.com/watch?v={id}")),
            VideoSource::Vimeo(id) => Some(format!("https://vimeo.com/{id}")),
            VideoSource::File(_) => None,
        }
    }

    /// The origin the page must be allowed to frame.
    pub fn frame_origin(&self) -> Option<&'static str> {
        match self {
            VideoSource::YouTube(_) => Some("https://www.youtube-nocookie.com"),
            VideoSource::Vimeo(_) => Some("https://player.vimeo.com"),
            VideoSource::File(_) => None,
        }
    }

    /// The site's name, for the button ("Play on YouTube").
    pub fn site(&self) -> Option<&'static str> {
        match self {
            VideoSource::YouTube(_) => Some("YouTube"),
            VideoSource::Vimeo(_) => Some("Vimeo"),
            VideoSource::File(_) => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImage {
    file: Spanned<String>,
    alt: Option<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVideo {
    url: Option<Spanned<String>>,
    file: Option<Spanned<String>>,
    poster: Spanned<String>,
    title: RawText,
}

impl RawImage {
    /// A described picture: the cover, a gallery picture.
    pub(super) fn validate(self, at: &Locator, field: &str, widths: &[u32]) -> Result<Image, ConfigError> {
        let start = self.file.span().start;
        let alt = match self.alt {
            Some(alt) => text(at, alt, start, &format!("{field}.alt"))?,
            None => {
                return Err(at.at(
                    start,
                    format!("{field}.alt"),
                    "say in a sentence what the picture shows (alt.fr, and alt.en and alt.de where you have them), for people who cannot see it",
                ));
            }
        };
        let mut image = image(at, &self.file, field, widths)?;
        image.alt = Some(alt);
        Ok(image)
    }
}

impl RawVideo {
    pub(super) fn validate(self, at: &Locator) -> Result<Video, ConfigError> {
        let source = match (self.url, self.file) {
            (Some(url), None) => hosted(url.get_ref()).ok_or_else(|| {
                at.at(
                    url.span().start,
                    "video.url",
                    "give the address of a YouTube or Vimeo video, such as https://www.youtube.com/watch?v=…",
                )
            })?,
            (None, Some(file)) => VideoSource::File(video_file(at, &file)?),
            (url, file) => {
                let offset = url.or(file).map_or(self.poster.span().start, |s| s.span().start);
                return Err(at.at(
                    offset,
                    "video",
                    "give either `url` (YouTube or Vimeo) or `file` (an MP4 or WebM file), not both",
                ));
            }
        };
        let start = self.poster.span().start;
        Ok(Video {
            source,
            poster: image(at, &self.poster, "video.poster", COVER_WIDTHS)?,
            title: text(at, self.title, start, "video.title")?,
        })
    }
}

/// A picture named by the file at `file`, in the given widths.
pub(super) fn image(at: &Locator, file: &Spanned<String>, field: &str, widths: &[u32]) -> Result<Image, ConfigError> {
    let offset = file.span().start;
    let path = locate(at, file, field)?;
    let unreadable = |e: std::io::Error| at.at(offset, field, format!("{} cannot be read: {e}", path.display()));
    // A file too large is refused before it is read into memory.
    if std::fs::metadata(&path).map_err(unreadable)?.len() > picture::MAX_FILE as u64 {
        let limit = picture::MAX_FILE / 1024 / 1024;
        return Err(at.at(offset, field, format!("{} is larger than {limit} MB", file.get_ref())));
    }
    let bytes = std::fs::read(&path).map_err(unreadable)?;
    let picture = planned(&path, &bytes, widths).map_err(|e| {
        let why = match e {
            PhotoError::TooLarge => format!("is larger than {} MB", picture::MAX_FILE / 1024 / 1024),
            PhotoError::NotAnImage => "is not a JPEG, PNG or WebP picture".to_owned(),
            PhotoError::Unreadable => "is damaged or cannot be decoded".to_owned(),
            PhotoError::TooManyPixels => "has more than 50 megapixels: make it smaller".to_owned(),
        };
        at.at(offset, field, format!("{} {why}", file.get_ref()))
    })?;
    Ok(Image { file: file.get_ref().clone(), alt: None, picture })
}

/// Pictures already planned, by content and widths: the server, `check-config` and every
/// test server of one process share each picture, and so make it once.
static PLANNED: LazyLock<Mutex<HashMap<Planned, Arc<Picture>>>> = LazyLock::new(Mutex::default);

/// A picture planned: the digest of its file, and the widths.
type Planned = (Vec<u8>, Vec<u32>);

fn planned(path: &Path, bytes: &[u8], widths: &[u32]) -> Result<Arc<Picture>, PhotoError> {
    let key = (Sha256::digest(bytes).to_vec(), widths.to_vec());
    if let Some(picture) = PLANNED.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(picture.clone());
    }
    let picture = Arc::new(Picture::plan(path, bytes, key.0.clone(), widths)?);
    PLANNED.lock().unwrap_or_else(|e| e.into_inner()).insert(key, picture.clone());
    Ok(picture)
}

/// The file a path of the campaign file names: beside the campaign file, or else in the
/// working directory (as for `templates/`).
fn locate(at: &Locator, file: &Spanned<String>, field: &str) -> Result<PathBuf, ConfigError> {
    let written = Path::new(file.get_ref());
    let beside = at.file.parent().map(|dir| dir.join(written));
    if written.is_absolute() || file.get_ref().trim().is_empty() {
        return Err(at.at(
            file.span().start,
            field,
            "give a path relative to the campaign file, such as media/cover.jpg",
        ));
    }
    match beside {
        Some(path) if path.is_file() => Ok(path),
        _ if written.is_file() => Ok(written.to_owned()),
        _ => Err(at.at(
            file.span().start,
            field,
            format!("{} is neither beside the campaign file nor in the working directory", file.get_ref()),
        )),
    }
}

/// A YouTube or Vimeo video's address, read into its id.
fn hosted(address: &str) -> Option<VideoSource> {
    let url = url::Url::parse(address.trim()).ok()?;
    if !matches!(url.scheme(), "https" | "http") {
        return None;
    }
    let host = url.host_str()?.trim_start_matches("www.").trim_start_matches("m.");
    let segments: Vec<&str> = url.path_segments().map(|s| s.filter(|s| !s.is_empty()).collect()).unwrap_or_default();
    let youtube_id = |id: &str| {
        (id.len() == 11 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
            .then(|| VideoSource::YouTube(id.to_owned()))
    };
    let vimeo_id = |id: &str| {
        (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| VideoSource::Vimeo(id.to_owned()))
    };
    match (host, segments.as_slice()) {
        ("youtube.com" | "youtube-nocookie.com", ["watch"]) => {
            url.query_pairs().find(|(k, _)| k == "v").and_then(|(_, v)| youtube_id(&v))
        }
        ("youtube.com" | "youtube-nocookie.com", ["embed" | "shorts" | "live", id]) => youtube_id(id),
        ("youtu.be", [id]) => youtube_id(id),
        ("vimeo.com", [id]) => vimeo_id(id),
        ("player.vimeo.com", ["video", id]) => vimeo_id(id),
        _ => None,
    }
}

/// A self-hosted video: an MP4 (an `ftyp` box first) or a WebM (an EBML header), named by a
/// digest of its content.
fn video_file(at: &Locator, file: &Spanned<String>) -> Result<VideoFile, ConfigError> {
    let offset = file.span().start;
    let path = locate(at, file, "video.file")?;
    let unreadable = |e: std::io::Error| at.at(offset, "video.file", format!("{} cannot be read: {e}", path.display()));
    let mut reader = std::fs::File::open(&path).map_err(unreadable)?;
    let mut digest = Sha256::new();
    let mut head = Vec::with_capacity(12);
    let mut buffer = vec![0; 1 << 16];
    let mut length = 0u64;
    loop {
        let read = reader.read(&mut buffer).map_err(unreadable)?;
        if read == 0 {
            break;
        }
        if head.len() < 12 {
            head.extend_from_slice(&buffer[..read.min(12 - head.len())]);
        }
        digest.update(&buffer[..read]);
        length += read as u64;
    }
    let (content_type, extension) = if head.len() >= 8 && &head[4..8] == b"ftyp" {
        ("video/mp4", "mp4")
    } else if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        ("video/webm", "webm")
    } else {
        return Err(at.at(offset, "video.file", format!("{} is not an MP4 or WebM video", file.get_ref())));
    };
    let digest = digest.finalize();
    let name = format!("{}.{extension}", crate::domain::digest::hex(&digest[..10]));
    Ok(VideoFile { path, name, content_type, length })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_and_vimeo_addresses_give_their_ids() {
        let yt = |id: &str| Some(VideoSource::YouTube(id.to_owned()));
        assert_eq!(hosted("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42"), yt("dQw4w9WgXcQ"));
        assert_eq!(hosted("https://youtu.be/dQw4w9WgXcQ"), yt("dQw4w9WgXcQ"));
        assert_eq!(hosted("https://m.youtube.com/shorts/dQw4w9WgXcQ"), yt("dQw4w9WgXcQ"));
        assert_eq!(hosted("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"), yt("dQw4w9WgXcQ"));
        assert_eq!(hosted("https://vimeo.com/76979871"), Some(VideoSource::Vimeo("76979871".into())));
        assert_eq!(hosted("https://player.vimeo.com/video/76979871"), Some(VideoSource::Vimeo("76979871".into())));
        for wrong in [
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/watch?v=dQw4w9WgXc\"",
            "https://example.com/watch?v=dQw4w9WgXcQ",
            "https://vimeo.com/channels/staffpicks",
            "javascript:alert(1)",
            "youtube.com/watch?v=dQw4w9WgXcQ",
        ] {
            assert_eq!(hosted(wrong), None, "{wrong}");
        }
    }
}
