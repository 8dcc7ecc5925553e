//! Taking the campaign elsewhere, still counted: the progress badge, the card other sites
//! frame, the share links, the team's posters and the site's icons.

use bobine::config::MailSettings;
use percent_encoding::percent_decode_str;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use serde_json::{Value, json};

use crate::helpers::{TestApp, before_deadline, fixture, spawn_app, spawn_app_with, spawn_mailing_app};
use crate::security_headers::assert_nothing_inline;
use crate::team::{PASSWORD, add_member, log_in};

/// Reads `document` as XML to its end; returns the name of its root element, or why it is
/// not well-formed.
fn parse_xml(document: &str) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_str(document);
    let mut root = None;
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(element)) => {
                depth += 1;
                root.get_or_insert_with(|| element.name().as_ref().to_owned());
            }
            Ok(Event::End(_)) => depth = depth.checked_sub(1).ok_or("an end tag with no start")?,
            Ok(Event::Empty(element)) => {
                root.get_or_insert_with(|| element.name().as_ref().to_owned());
            }
            Ok(Event::GeneralRef(reference)) => {
                let character = reference.resolve_char_ref().map_err(|e| e.to_string())?;
                if character.is_none() && resolve_predefined_entity(&reference).is_none() {
                    return Err(format!("&{}; is not an entity XML defines", &*reference));
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("at {}: {e}", reader.error_position())),
        }
    }
    if depth != 0 {
        return Err(format!("{depth} elements left open"));
    }
    root.ok_or_else(|| "no element".to_owned())
}

/// The text of every `<text>` element of an SVG, entities decoded.
fn svg_texts(svg: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut texts, mut inside) = (Vec::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "text" => {
                inside = true;
                texts.push(String::new());
            }
            Event::End(e) if e.name().as_ref() == "text" => inside = false,
            Event::Text(t) if inside => texts.last_mut().unwrap().push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inside => {
                texts.last_mut().unwrap().push_str(resolve_predefined_entity(&r).unwrap());
            }
            Event::Eof => return texts,
            _ => {}
        }
    }
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response.headers().get(name).map(|v| v.to_str().unwrap().to_owned())
}

/// Every `href` of a page, as the browser reads it (HTML entities decoded).
fn hrefs(page: &str) -> Vec<String> {
    page.split(" href=\"")
        .skip(1)
        .map(|rest| {
            let raw = rest.split('"').next().unwrap();
            raw.replace("&#x3D;", "=").replace("&#x27;", "'").replace("&quot;", "\"").replace("&amp;", "&")
        })
        .collect()
}

/// The value of a hidden field of a form, if the page has it.
fn hidden(page: &str, name: &str) -> Option<String> {
    let start = page.find(&format!("name=\"{name}\" value=\""))? + name.len() + 15;
    Some(page[start..].split('"').next()?.to_owned())
}

/// Follows a link to the pledge form and pledges there, as a backer would: the form's
/// hidden fields carry the source on.
async fn pledge_through(app: &TestApp, form_path: &str, email: &str) {
    let form = app.get(form_path).await.text().await.unwrap();
    let (tag, site) = (hidden(&form, "ref").unwrap_or_default(), hidden(&form, "from").unwrap_or_default());
    let fields = [
        ("reward", "open"),
        ("amount", "40"),
        ("name", "Zoé Favre"),
        ("email", email),
        ("ref", tag.as_str()),
        ("from", site.as_str()),
    ];
    assert_eq!(app.post_form("/pledge", &fields).await.status().as_u16(), 303);
}

/// The team's summary of pledges by tag.
async fn tags(app: &TestApp) -> Value {
    let summary: Value = app.get("/api/team/summary").await.json().await.unwrap();
    summary["sources"]["tags"]["top"].clone()
}

#[tokio::test]
async fn the_badge_is_a_well_formed_svg_that_a_pledge_moves() {
    let app = spawn_app().await;
    let response = app.get("/badge.svg?lang=en").await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(header(&response, "content-type").as_deref(), Some("image/svg+xml"));
    assert_eq!(header(&response, "cache-control").as_deref(), Some("public, max-age=300"));
    assert!(header(&response, "vary").is_some_and(|v| v.contains("Accept-Language")));
    assert!(response.headers().get("set-cookie").is_none(), "an image on another site sets no cookie");
    let svg = response.text().await.unwrap();
    assert_eq!(parse_xml(&svg), Ok("svg".to_owned()), "{svg}");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""), "{svg}");
    assert_eq!(svg_texts(&svg), ["Trial", "0%"]);
    assert!(svg.contains("<title>Trial: 0% funded</title>"), "{svg}");

    let (status, _) = app.pledge(TestApp::body(Some("open"), "620", "anne@example.ch")).await;
    assert_eq!(status, 201);
    let svg = app.get("/badge.svg?lang=en").await.text().await.unwrap();
    assert_eq!(svg_texts(&svg), ["Trial", "62%"]);
    // French by default, or as the browser asks.
    assert_eq!(svg_texts(&app.get("/badge.svg").await.text().await.unwrap()), ["Essai", "62 %"]);
    let english = app.client.get(app.url("/badge.svg")).header("Accept-Language", "en-GB").send().await.unwrap();
    assert_eq!(svg_texts(&english.text().await.unwrap()), ["Trial", "62%"]);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn the_badge_escapes_the_campaign_name() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let text = std::fs::read_to_string(fixture()).unwrap();
    std::fs::write(file.path(), text.replace("short_name.en = \"Trial\"", "short_name.en = \"Fil & <Aiguille>\""))
        .unwrap();
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let svg = app.get("/badge.svg?lang=en").await.text().await.unwrap();
    assert_eq!(parse_xml(&svg), Ok("svg".to_owned()), "{svg}");
    assert_eq!(svg_texts(&svg), ["Fil & <Aiguille>", "0%"]);
    assert!(!svg.contains("<Aiguille>"));
}

#[tokio::test]
async fn only_the_embedded_card_may_be_framed_by_other_sites() {
    let app = spawn_app().await;
    let embed = app.get("/embed?lang=en").await;
    assert_eq!(embed.status().as_u16(), 200);
    let policy = header(&embed, "content-security-policy").unwrap();
    assert!(policy.ends_with("frame-ancestors *"), "{policy}");
    assert!(!policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("script-src 'self'") && policy.contains("style-src 'self'"), "{policy}");
    assert_eq!(header(&embed, "x-frame-options"), None);
    assert!(embed.headers().get("set-cookie").is_none(), "a framed page sets no cookie");
    let page = embed.text().await.unwrap();
    assert_nothing_inline("/embed", &page);
    assert!(page.contains("<html lang=\"en\"") && page.contains("Trial") && page.contains("For tests."));
    assert!(page.contains("Back this campaign"));

    for path in ["/", "/rewards/open", "/team/login", "/badge.svg"] {
        let response = app.get(path).await;
        let policy = header(&response, "content-security-policy").unwrap();
        assert!(policy.ends_with("frame-ancestors 'none'"), "{path}: {policy}");
        assert_eq!(header(&response, "x-frame-options").as_deref(), Some("DENY"), "{path}");
    }
}

#[tokio::test]
async fn the_cards_links_open_the_whole_window_and_count_pledges_under_embed() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let framed = app
        .client
        .get(app.url("/embed"))
        .header("Referer", "https://www.atelier-rose.ch/")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        framed.contains(
            "<a class=\"button primary\" href=\"/pledge?ref=embed&amp;from=atelier-rose.ch\" target=\"_top\">"
        ),
        "{framed}"
    );
    for link in hrefs(&framed).iter().filter(|h| !h.starts_with("/static/") && !h.contains("icon")) {
        assert!(link.contains("ref=embed"), "{link}");
    }
    assert_eq!(framed.matches(" target=\"_top\"").count(), 2, "the name and the button");

    // Without a Referer, the tag alone; a page's own tag wins.
    let plain = app.get("/embed").await.text().await.unwrap();
    assert!(plain.contains("href=\"/pledge?ref=embed\""), "{plain}");
    let tagged = app.get("/embed?ref=Atelier%20Rose").await.text().await.unwrap();
    assert!(tagged.contains("href=\"/pledge?ref=atelier-rose\""), "{tagged}");

    pledge_through(&app, "/pledge?ref=embed&from=atelier-rose.ch", "zoe@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    assert_eq!(tags(&app).await, json!([{ "name": "embed", "pledges": 1, "raised": "40.00", "share": 100 }]));
    let summary: Value = app.get("/api/team/summary").await.json().await.unwrap();
    assert_eq!(summary["sources"]["sites"]["top"][0]["name"], "atelier-rose.ch");
}

#[tokio::test]
async fn share_links_carry_their_own_tag_and_no_other_sites_script() {
    let app = spawn_app().await;
    for (path, page_url) in [("/?lang=en", "/"), ("/rewards/open?lang=en", "/rewards/open")] {
        let page = app.get(path).await.text().await.unwrap();
        let address = format!("{}{page_url}", app_public_url(&page));
        let links = hrefs(&page);
        let find = |prefix: &str| {
            let link = links.iter().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("{prefix} on {path}"));
            percent_decode_str(link).decode_utf8().unwrap().into_owned()
        };
        let whatsapp = find("https://wa.me/?text=");
        assert!(whatsapp.ends_with(&format!(" {address}?ref=share-whatsapp")), "{whatsapp}");
        let telegram = find("https://t.me/share/url?url=");
        assert!(telegram.starts_with(&format!("https://t.me/share/url?url={address}?ref=share-telegram&text=")));
        let email = find("mailto:?subject=");
        assert!(email.ends_with(&format!("\r\n\r\n{address}?ref=share-email")), "{email:?}");
        assert!(email.contains("Test campaign") || email.contains("Unlimited · Trial"), "{email}");
        // Percent-encoded once, with spaces as %20 (a mail program shows a + as it is).
        assert!(links.iter().any(|l| l.starts_with("mailto:?subject=") && l.contains("%20") && !l.contains('+')));
        assert!(page.contains(&format!("value=\"{address}?ref&#x3D;share-link\"")), "the address to select");
        // The buttons that need a script wait for it, and every script is the site's own.
        assert!(page.contains("data-copy=\"share-url\" hidden>"));
        assert!(page.contains("<li hidden><button class=\"button\" type=\"button\" data-share-sheet"));
        for script in page.split("<script src=\"").skip(1) {
            assert!(script.starts_with("/static/"), "{script}");
        }
        assert_nothing_inline(path, &page);
    }
    let script = app.get("/static/share.js").await;
    assert_eq!(script.status().as_u16(), 200);
    let script = script.text().await.unwrap();
    assert!(script.contains("navigator.clipboard") && script.contains("navigator.share"));
}

/// The site's public address as the page's share links give it.
fn app_public_url(page: &str) -> String {
    let start = page.find("value=\"").unwrap() + 7;
    let value = &page[start..];
    let value = &value[..value.find('"').unwrap()];
    let scheme_end = value.find("://").unwrap() + 3;
    let host_end = value[scheme_end..].find('/').unwrap() + scheme_end;
    value[..host_end].to_owned()
}

/// Reads the QR code of a poster page: its SVG's rows of dark modules drawn as a picture,
/// then decoded by a QR reader.
fn read_qr(page: &str) -> String {
    let svg = &page[page.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\"").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap() + 6];
    assert_eq!(parse_xml(svg), Ok("svg".to_owned()));
    let side: usize = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    let path = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let mut dark = vec![false; side * side];
    for run in path.split('M').skip(1) {
        let (position, rest) = run.split_once('h').unwrap();
        let (x, y) = position.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let length: usize = rest.split('v').next().unwrap().parse().unwrap();
        for cell in &mut dark[y * side + x..y * side + x + length] {
            *cell = true;
        }
    }
    const SCALE: usize = 4;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side * SCALE, side * SCALE, |x, y| {
        if dark[(y / SCALE) * side + x / SCALE] { 0 } else { 255 }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one code on the poster");
    grids[0].decode().unwrap().1
}

#[tokio::test]
async fn a_poster_leads_to_the_campaign_under_its_tag_and_its_pledges_count_there() {
    let mail = MailSettings { public_url: Some("http://soutenir.example.ch".to_owned()), ..MailSettings::default() };
    let app = spawn_mailing_app(mail).await;
    add_member(&app, "anne@example.ch").await;
    let anonymous = app.get("/team/posters?tag=flyer").await;
    assert_eq!(anonymous.status().as_u16(), 303, "team only");
    log_in(&app, "anne@example.ch", PASSWORD).await;

    let form = app.get("/team/posters?lang=en").await;
    assert_eq!(form.status().as_u16(), 200);
    let form = form.text().await.unwrap();
    assert!(form.contains("<form method=\"get\" action=\"/team/posters\">") && !form.contains("class=\"poster\""));
    assert!(form.contains("href=\"/team/posters\""), "in the team's navigation");
    assert!(!form.contains("BOBINE_PUBLIC_URL"), "a public address is set: no warning");

    let response = app.get("/team/posters?tag=Boutique%20Carouge&size=A5&lang=en").await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(header(&response, "cache-control").as_deref(), Some("no-store, private"));
    let poster = response.text().await.unwrap();
    assert_nothing_inline("/team/posters", &poster);
    assert!(poster.contains("href=\"/static/poster-a5.css?v=") && !poster.contains("poster-a4.css"));
    assert!(poster.contains("value=\"boutique-carouge\""), "the tag as kept");
    assert!(poster.contains("Test campaign") && poster.contains("For tests.") && poster.contains("0 %"));
    let address = read_qr(&poster);
    assert_eq!(address, "http://soutenir.example.ch/?ref=boutique-carouge");
    let printed = address.replace('=', "&#x3D;");
    assert!(poster.contains(&format!("<span class=\"poster-address\">{printed}</span>")), "printed under the code");
    let a4 = app.get("/team/posters?tag=flyer").await.text().await.unwrap();
    assert!(a4.contains("href=\"/static/poster-a4.css?v="));
    assert_eq!(read_qr(&a4), "http://soutenir.example.ch/?ref=flyer");
    for file in ["/static/poster.css", "/static/poster-a4.css", "/static/poster-a5.css"] {
        let css = app.get(file).await.text().await.unwrap();
        assert!(!css.is_empty(), "{file}");
    }
    assert!(app.get("/static/poster-a5.css").await.text().await.unwrap().contains("@page { size: A5"));

    // A backer scans it: the landing page carries the tag to the pledge.
    let landing_path = &address[address.find("/?ref=").unwrap()..];
    let landing = app.get(landing_path).await.text().await.unwrap();
    assert!(landing.contains("href=\"/pledge?ref=boutique-carouge\""), "{landing}");
    pledge_through(&app, "/pledge?ref=boutique-carouge", "zoe@example.ch").await;
    assert_eq!(
        tags(&app).await,
        json!([{ "name": "boutique-carouge", "pledges": 1, "raised": "40.00", "share": 100 }])
    );
    let figures = app.get("/team/posters?tag=boutique-carouge&size=a4&lang=en").await.text().await.unwrap();
    assert!(figures.contains("CHF 40.00</strong>") && figures.contains("4 %"), "live figures");
    let dashboard = app.get("/team").await.text().await.unwrap();
    assert!(dashboard.contains("boutique-carouge"));
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_poster_form_with_bad_input_says_what_is_wrong() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let cases = [
        ("/team/posters?tag=%25%25%25&lang=en", "Give a tag made of letters or digits"),
        ("/team/posters?tag=&size=a4&lang=en", "Give a tag made of letters or digits"),
        ("/team/posters?tag=flyer&size=letter&lang=en", "Choose the A4 or A5 size"),
        ("/team/posters?tag=flyer&size=letter&lang=fr", "Choisissez le format A4 ou A5"),
    ];
    for (path, message) in cases {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), 422, "{path}");
        let page = response.text().await.unwrap();
        assert!(page.contains(message), "{path}: {page}");
        assert!(!page.contains("class=\"poster\""), "{path}");
        assert_nothing_inline(path, &page);
    }
    let page = app.get("/team/posters?tag=%25%25%25").await.text().await.unwrap();
    assert!(page.contains("id=\"tag\" name=\"tag\"") && page.contains("aria-invalid=\"true\""));
    // Without BOBINE_PUBLIC_URL the codes would lead to this machine: the team is told.
    let page = app.get("/team/posters?lang=en").await.text().await.unwrap();
    assert!(page.contains("BOBINE_PUBLIC_URL before printing"), "{page}");
}

#[tokio::test]
async fn the_icons_are_real_images_linked_from_every_page() {
    let app = spawn_app().await;
    let ico = app.get("/favicon.ico").await;
    assert_eq!(header(&ico, "content-type").as_deref(), Some("image/x-icon"));
    assert_eq!(header(&ico, "cache-control").as_deref(), Some("public, max-age=86400"));
    let ico = ico.bytes().await.unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an icon file");
    let count = usize::from(u16::from_le_bytes([ico[4], ico[5]]));
    let mut sizes = Vec::new();
    for entry in ico[6..6 + 16 * count].chunks(16) {
        let length = u32::from_le_bytes(entry[8..12].try_into().unwrap()) as usize;
        let offset = u32::from_le_bytes(entry[12..16].try_into().unwrap()) as usize;
        let image =
            image::load_from_memory_with_format(&ico[offset..offset + length], image::ImageFormat::Png).unwrap();
        assert_eq!((image.width(), image.height()), (u32::from(entry[0]), u32::from(entry[1])));
        sizes.push(image.width());
    }
    assert_eq!(sizes, [16, 32, 48]);

    let touch = app.get("/apple-touch-icon.png").await;
    assert_eq!(header(&touch, "content-type").as_deref(), Some("image/png"));
    let touch = image::load_from_memory(&touch.bytes().await.unwrap()).unwrap().to_rgba8();
    assert_eq!(touch.dimensions(), (180, 180));
    assert!(touch.pixels().all(|p| p[3] == 255), "a home screen icon has no transparent pixel");
    assert_eq!(touch.get_pixel(2, 2).0, [0xfb, 0xf8, 0xf3, 255], "paper");
    assert_eq!(touch.get_pixel(90, 30).0, [0x2f, 0x6b, 0x4f, 255], "the spool's green");

    let svg = app.get("/icon.svg").await;
    assert_eq!(header(&svg, "content-type").as_deref(), Some("image/svg+xml"));
    assert_eq!(parse_xml(&svg.text().await.unwrap()), Ok("svg".to_owned()));

    for path in ["/", "/help", "/embed"] {
        let page = app.get(path).await.text().await.unwrap();
        for link in ["href=\"/favicon.ico\"", "href=\"/icon.svg\"", "href=\"/apple-touch-icon.png\""] {
            assert!(page.contains(link), "{path}: {link}");
        }
    }
}
