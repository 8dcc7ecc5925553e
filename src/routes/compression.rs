//! Text answers (pages, CSS, scripts, JSON, SVG) go out gzip-compressed to browsers that take
//! it: a campaign page of 30 KB travels as 7, which a phone on a slow network feels.
//! Streams (the live dashboard, CSV exports, video) and answers already encoded are left as
//! they are; so are the smallest, where the header would cost more than it saves.

use std::io::{Cursor, Write};

use flate2::Compression as Level;
use flate2::write::GzEncoder;
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::ContentType;
use rocket::{Request, Response};

/// Smaller answers go as they are.
const SMALLEST: usize = 1024;
/// Larger answers go as they are too: compressing them would hold a worker thread too long.
const LARGEST: usize = 1024 * 1024;

pub struct Compression;

/// `gzip` of `bytes`, at a level fast enough to run on every answer.
pub fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Level::new(5));
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Whether a request's `Accept-Encoding` takes gzip, and does not refuse it with `q=0`.
pub fn takes_gzip(request: &Request<'_>) -> bool {
    request.headers().get("Accept-Encoding").flat_map(|value| value.split(',')).any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        let named = parts.next().is_some_and(|name| name.eq_ignore_ascii_case("gzip"));
        let weight = parts
            .find_map(|p| p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")))
            .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
        named && weight > 0.0
    })
}

fn is_text(content_type: &ContentType) -> bool {
    let (top, sub) = (content_type.top().as_str(), content_type.sub().as_str());
    (top == "text" && sub != "event-stream" && sub != "csv")
        || matches!(sub, "javascript" | "json" | "svg+xml" | "xml" | "atom+xml")
}

#[rocket::async_trait]
impl Fairing for Compression {
    fn info(&self) -> Info {
        Info { name: "gzip", kind: Kind::Response }
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        if !response.content_type().is_some_and(|ct| is_text(&ct)) {
            return;
        }
        response.adjoin_raw_header("Vary", "Accept-Encoding");
        if !takes_gzip(request) || response.headers().contains("Content-Encoding") {
            return;
        }
        // A body of unknown size is a stream, but for the site's own files, read from disk.
        let size = match response.body().preset_size() {
            Some(size) => size,
            None if request.uri().path().starts_with("/static/") => SMALLEST,
            None => return,
        };
        if !(SMALLEST..=LARGEST).contains(&size) {
            return;
        }
        let Ok(body) = response.body_mut().to_bytes().await else { return };
        if !(SMALLEST..=LARGEST).contains(&body.len()) {
            response.set_sized_body(body.len(), Cursor::new(body));
            return;
        }
        match gzip(&body) {
            Ok(gzip) => {
                response.set_raw_header("Content-Encoding", "gzip");
                response.set_sized_body(gzip.len(), Cursor::new(gzip));
            }
            // Cannot happen writing to memory; the answer then goes as it was.
            Err(_) => response.set_sized_body(body.len(), Cursor::new(body)),
        }
    }
}
