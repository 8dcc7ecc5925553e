//! The site's icons: `/favicon.ico` (16, 32 and 48 pixels), `/icon.svg` for browsers that take
//! a scalable one, and `/apple-touch-icon.png` (180 pixels) for phones' home screens. Drawn
//! once, on first request, from [`crate::domain::icons`]; kept a day by browsers, since their
//! addresses stay the same when the drawing changes.

use std::io::Cursor;
use std::sync::LazyLock;

use rocket::http::ContentType;
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use rocket::{get, routes};

use crate::domain::icons;

/// How long browsers may keep an icon.
pub const CACHE_CONTROL: &str = "public, max-age=86400";

struct Icons {
    ico: Vec<u8>,
    svg: String,
    touch: Vec<u8>,
}

static ICONS: LazyLock<Icons> =
    LazyLock::new(|| Icons { ico: icons::ico(&[16, 32, 48]), svg: icons::svg(), touch: icons::png(180, false) });

/// An icon file with its type and cache lifetime.
struct Icon(ContentType, &'static [u8]);

impl<'r> Responder<'r, 'static> for Icon {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        Response::build()
            .header(self.0)
            .raw_header("Cache-Control", CACHE_CONTROL)
            .sized_body(self.1.len(), Cursor::new(self.1))
            .ok()
    }
}

#[get("/favicon.ico")]
fn favicon() -> Icon {
    Icon(ContentType::Icon, &ICONS.ico)
}

#[get("/icon.svg")]
fn icon_svg() -> Icon {
    Icon(ContentType::SVG, ICONS.svg.as_bytes())
}

#[get("/apple-touch-icon.png")]
fn touch_icon() -> Icon {
    Icon(ContentType::PNG, &ICONS.touch)
}

pub fn routes() -> Vec<rocket::Route> {
    routes![favicon, icon_svg, touch_icon]
}
