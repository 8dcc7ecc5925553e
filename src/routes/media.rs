//! `/media/<name>`: the campaign's pictures in each width (made on the first request for
//! one of them) and its self-hosted video. Every address is a digest of the content, so browsers keep what they fetched for a year: a new
//! picture in campaign.toml gets a new address. Videos answer byte ranges, which browsers
//! need to seek and Safari needs to play at all.

use std::io::{Cursor, SeekFrom};
use std::sync::Arc;

use rocket::http::{ContentType, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::{self, Responder, Response};
use rocket::{State, get, routes};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use crate::app::AppState;
use crate::config::Campaign;
use crate::config::media::{VideoFile, VideoSource};
use crate::domain::picture::Picture;
use crate::error::AppError;
use crate::routes::cache::Bytes;
use crate::routes::errors::PageError;

/// Addresses that change with the content are kept for a year and never asked again.
pub const CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// The most bytes of a video sent in one answer: a browser asks for the rest as it plays.
const MOST_PER_RANGE: u64 = 1024 * 1024;

/// What `/media/` serves under a name.
enum Media {
    Picture(Arc<Picture>),
    Video(VideoFile),
}

/// The picture width or the video the campaign file names under `name`.
fn find(campaign: &Campaign, name: &str) -> Option<Media> {
    if let Some(VideoSource::File(file)) = campaign.video.as_ref().map(|v| &v.source)
        && file.name == name
    {
        return Some(Media::Video(file.clone()));
    }
    campaign
        .images()
        .find(|image| image.picture.variants.iter().any(|variant| variant.name == name))
        .map(|image| Media::Picture(image.picture.clone()))
}

/// The `Range` a request asks for: one range of bytes, or none.
pub struct Range(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Range {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, ()> {
        Outcome::Success(Range(request.headers().get_one("Range").map(str::to_owned)))
    }
}

/// The bytes `header` asks for in a file of `length` bytes, inclusive, at most
/// [`MOST_PER_RANGE`] of them; `Err` when it asks for none of the file (416); `Ok(None)` for a
/// header that is not a single byte range, which is answered with the whole file.
fn wanted(header: &str, length: u64) -> Result<Option<(u64, u64)>, ()> {
    let Some(spec) = header.trim().strip_prefix("bytes=") else { return Ok(None) };
    if spec.contains(',') {
        return Ok(None);
    }
    let Some((first, last)) = spec.split_once('-') else { return Ok(None) };
    let (first, last) = (first.trim(), last.trim());
    let (start, end) = match (first.parse::<u64>(), last.parse::<u64>()) {
        (Ok(start), Ok(end)) if start <= end => (start, end.min(length.saturating_sub(1))),
        (Ok(start), Err(_)) if last.is_empty() => (start, length.saturating_sub(1)),
        (Err(_), Ok(suffix)) if first.is_empty() && suffix > 0 => (length.saturating_sub(suffix), length - 1),
        _ => return Ok(None),
    };
    if start >= length {
        return Err(());
    }
    Ok(Some((start, end.min(start + MOST_PER_RANGE - 1))))
}

/// An answer of `/media/`.
enum Served {
    Jpeg(Arc<[u8]>),
    Whole { file: tokio::fs::File, content_type: &'static str },
    Part { bytes: Vec<u8>, start: u64, length: u64, content_type: &'static str },
    Unsatisfiable { length: u64 },
}

impl<'r> Responder<'r, 'static> for Served {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let mut response = Response::build();
        response.raw_header("Cache-Control", CACHE_CONTROL);
        match self {
            Served::Jpeg(jpeg) => {
                response.header(ContentType::JPEG).sized_body(jpeg.len(), Cursor::new(Bytes(jpeg)));
            }
            Served::Whole { file, content_type } => {
                response.raw_header("Content-Type", content_type).raw_header("Accept-Ranges", "bytes");
                response.sized_body(None, file);
            }
            Served::Part { bytes, start, length, content_type } => {
                let end = start + bytes.len() as u64 - 1;
                response
                    .status(Status::PartialContent)
                    .raw_header("Content-Type", content_type)
                    .raw_header("Accept-Ranges", "bytes")
                    .raw_header("Content-Range", format!("bytes {start}-{end}/{length}"))
                    .sized_body(bytes.len(), Cursor::new(bytes));
            }
            Served::Unsatisfiable { length } => {
                response
                    .status(Status::RangeNotSatisfiable)
                    .raw_header("Content-Range", format!("bytes */{length}"))
                    .raw_header("Cache-Control", "no-store");
            }
        }
        response.ok()
    }
}

#[get("/media/<name>")]
async fn media(name: &str, range: Range, state: &State<AppState>) -> Result<Served, PageError> {
    match find(&state.campaign, name).ok_or(PageError(AppError::NotFound))? {
        Media::Picture(picture) => {
            if let Some(jpeg) = picture.ready(name) {
                return Ok(Served::Jpeg(jpeg));
            }
            let wanted = name.to_owned();
            let made = tokio::task::spawn_blocking(move || picture.jpeg(&wanted)).await;
            match made {
                Ok(Some(Ok(jpeg))) => Ok(Served::Jpeg(jpeg)),
                // Why is logged where it was made.
                _ => Err(PageError(AppError::NotFound)),
            }
        }
        Media::Video(video) => {
            let gone = |e: std::io::Error| {
                tracing::error!(path = %video.path.display(), error = %e, "the campaign's video cannot be read");
                PageError(AppError::NotFound)
            };
            let mut file = tokio::fs::File::open(&video.path).await.map_err(gone)?;
            // Its name says what it held at start; a file replaced since would mix two videos
            // under one address that browsers keep a year.
            if file.metadata().await.map_err(gone)?.len() != video.length {
                tracing::error!(path = %video.path.display(), "the campaign's video changed since the start: restart to serve it");
                return Err(PageError(AppError::NotFound));
            }
            let part = match range.0.as_deref() {
                None => None,
                Some(header) => match wanted(header, video.length) {
                    Ok(part) => part,
                    Err(()) => return Ok(Served::Unsatisfiable { length: video.length }),
                },
            };
            let Some((start, end)) = part else {
                return Ok(Served::Whole { file, content_type: video.content_type });
            };
            file.seek(SeekFrom::Start(start)).await.map_err(gone)?;
            let mut bytes = Vec::with_capacity((end - start + 1) as usize);
            file.take(end - start + 1).read_to_end(&mut bytes).await.map_err(gone)?;
            if bytes.is_empty() {
                return Ok(Served::Unsatisfiable { length: video.length });
            }
            Ok(Served::Part { bytes, start, length: video.length, content_type: video.content_type })
        }
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![media]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_is_read_as_browsers_send_it() {
        assert_eq!(wanted("bytes=0-", 1000), Ok(Some((0, 999))));
        assert_eq!(wanted("bytes=100-199", 1000), Ok(Some((100, 199))));
        assert_eq!(wanted("bytes=900-5000", 1000), Ok(Some((900, 999))));
        assert_eq!(wanted("bytes=-100", 1000), Ok(Some((900, 999))));
        assert_eq!(wanted("bytes=1000-", 1000), Err(()));
        assert_eq!(wanted("bytes=0-1,5-6", 1000), Ok(None));
        assert_eq!(wanted("items=0-1", 1000), Ok(None));
        assert_eq!(wanted("bytes=5-1", 1000), Ok(None));
        let large = 100 * 1024 * 1024;
        assert_eq!(wanted("bytes=0-", large), Ok(Some((0, MOST_PER_RANGE - 1))));
    }
}
