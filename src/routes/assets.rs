//! The site's own CSS and scripts (`public/`): addressed by a version made from their
//! content, so browsers keep them a year and fetch them again only when they change.

use std::path::Path;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Status;
use rocket::{Request, Response};
use sha2::{Digest, Sha256};

/// Where the files are served.
pub const BASE: &str = "/static/";

/// The version of the files in `dir`: the start of a SHA-256 of their names and contents.
/// Read once at start; a file changed while the server runs is served under the old version
/// until the next start (and kept by browsers only an hour without it).
pub fn version(dir: &Path) -> String {
    let mut files: Vec<_> = std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    let mut hash = Sha256::new();
    for file in files {
        if let Ok(content) = std::fs::read(&file) {
            hash.update(file.file_name().map(|n| n.as_encoded_bytes()).unwrap_or_default());
            hash.update(&content);
        }
    }
    crate::domain::digest::hex(&hash.finalize()[..6])
}

/// Tells browsers how long to keep the site's files: a year, never asking again, when the
/// address carries their version; an hour otherwise.
pub struct AssetCaching;

#[rocket::async_trait]
impl Fairing for AssetCaching {
    fn info(&self) -> Info {
        Info { name: "asset caching", kind: Kind::Response }
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        if !request.uri().path().starts_with(BASE) || response.status() != Status::Ok {
            return;
        }
        let versioned = request.query_value::<&str>("v").is_some();
        let lifetime = if versioned { "public, max-age=31536000, immutable" } else { "public, max-age=3600" };
        response.set_raw_header("Cache-Control", lifetime);
    }
}
