//! Designers: registration with a photo, moderation (nothing pending is ever public), the
//! public pages and API, and the designer's private edit link.

use entity::designer::DesignerState;
use entity::email::EmailKind;
use entity::{designer, designer_photo, email};
use reqwest::multipart::{Form, Part};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::helpers::{TestApp, spawn_app};
use crate::team::{PASSWORD, add_member, log_in};

/// A marker written into the photo's EXIF, to prove none of it survives.
const GPS_MARKER: &[u8] = b"PHONE-46.2044N-6.1432E";

/// An EXIF block as a phone writes it: the camera's make (with the marker), orientation 6
/// (turn 90° clockwise to view), and a GPS latitude of 46°12'15.84" N.
fn exif_segment() -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    // IFD0 at 8: three entries.
    let ifd0_entries = 3u16;
    let ifd0_size = 2 + 12 * u32::from(ifd0_entries) + 4;
    let make_offset = 8 + ifd0_size;
    let make_len = GPS_MARKER.len() as u32 + 1;
    let gps_ifd_offset = make_offset + make_len + (make_len % 2);
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value.to_le_bytes());
    };
    tiff.extend_from_slice(&ifd0_entries.to_le_bytes());
    entry(&mut tiff, 0x010F, 2, make_len, make_offset); // Make
    entry(&mut tiff, 0x0112, 3, 1, 6); // Orientation
    entry(&mut tiff, 0x8825, 4, 1, gps_ifd_offset); // GPS IFD
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(GPS_MARKER);
    tiff.push(0);
    if make_len % 2 == 1 {
        tiff.push(0);
    }
    // GPS IFD: latitude reference and latitude.
    let gps_size = 2 + 12 * 2 + 4;
    let rationals_offset = gps_ifd_offset + gps_size;
    tiff.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut tiff, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut tiff, 0x0002, 5, 3, rationals_offset);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for (numerator, denominator) in [(46u32, 1u32), (12, 1), (1584, 100)] {
        tiff.extend_from_slice(&numerator.to_le_bytes());
        tiff.extend_from_slice(&denominator.to_le_bytes());
    }
    let mut segment = vec![0xFF, 0xE1];
    let length = (2 + 6 + tiff.len()) as u16;
    segment.extend_from_slice(&length.to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(&tiff);
    segment
}

/// A 400×200 JPEG, as a phone held sideways would store it, with the EXIF above.
pub(crate) fn phone_photo() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(400, 200, |x, _| image::Rgb([(x % 256) as u8, 120, 80]));
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&picture).unwrap();
    let mut with_exif = jpeg[..2].to_vec();
    with_exif.extend(exif_segment());
    with_exif.extend_from_slice(&jpeg[2..]);
    with_exif
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The registration form as a browser sends it, with the visitor's form token.
pub(crate) async fn profile_form(app: &TestApp, fields: &[(&str, &str)], photo: Option<(&str, &str, Vec<u8>)>) -> Form {
    let mut form = Form::new().text("csrf", app.csrf_token().await);
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    if let Some((file_name, mime, bytes)) = photo {
        form = form.part("photo", Part::bytes(bytes).file_name(file_name.to_owned()).mime_str(mime).unwrap());
    }
    form
}

pub(crate) fn atelier_rose() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name", "Rose Favre"),
        ("brand", "Atelier Rose"),
        ("email", "rose@example.ch"),
        ("bio", "Je transforme les chutes de soie des ateliers genevois en foulards teints aux plantes."),
        ("website", "https://atelier-rose.ch"),
        ("links", "https://www.instagram.com/atelier.rose\nwww.facebook.com/atelierrose"),
        ("practices", "upcycling"),
        ("practices", "local-production"),
        ("practices_other", "teinture végétale"),
        ("area", "carouge"),
        ("consent", "true"),
    ]
}

pub(crate) async fn register(
    app: &TestApp,
    fields: &[(&str, &str)],
    photo: Option<(&str, &str, Vec<u8>)>,
) -> reqwest::Response {
    let form = profile_form(app, fields, photo).await;
    app.client.post(app.url("/designers/register")).multipart(form).send().await.unwrap()
}

async fn emails(app: &TestApp) -> Vec<email::Model> {
    email::Entity::find().all(&app.db.read).await.unwrap()
}

#[tokio::test]
async fn a_designer_registers_with_a_phone_photo_and_is_public_only_once_approved() {
    let app = spawn_app().await;
    let form = app.get("/designers/register").await.text().await.unwrap();
    assert!(form.contains("enctype=\"multipart/form-data\"") && form.contains("Upcycling"));

    let original = phone_photo();
    assert!(contains(&original, GPS_MARKER) && image::load_from_memory(&original).is_ok(), "a readable photo with GPS");
    let sent = register(&app, &atelier_rose(), Some(("IMG_2041.JPG", "image/jpeg", original))).await;
    assert_eq!(sent.status().as_u16(), 303, "{}", sent.text().await.unwrap());
    assert_eq!(sent.headers()["location"], "/designers/registered");

    let stored = designer::Entity::find().one(&app.db.read).await.unwrap().unwrap();
    // The campaign names "atelier-rose": only the team gives that slug away.
    assert_eq!((stored.slug.as_str(), stored.state), ("atelier-rose-2", DesignerState::Pending));
    assert_eq!(stored.links, "https://www.instagram.com/atelier.rose\nhttps://www.facebook.com/atelierrose");
    let photo = designer_photo::Entity::find_by_id(stored.id).one(&app.db.read).await.unwrap().unwrap();
    assert!(photo.jpeg.starts_with(&[0xFF, 0xD8]), "a JPEG");
    assert!(!contains(&photo.jpeg, b"Exif") && !contains(&photo.jpeg, GPS_MARKER), "no metadata left");
    assert_eq!((photo.width, photo.height), (200, 400), "turned upright as the phone said");

    let link =
        emails(&app).await.into_iter().find(|e| e.kind == EmailKind::DesignerLink).expect("the private link is sent");
    assert_eq!(link.to_address, "rose@example.ch");
    assert!(link.body.contains(&format!("/designers/edit/{}", stored.edit_token)));

    // Pending: nowhere in public.
    assert!(!app.get("/designers").await.text().await.unwrap().contains("Atelier Rose"));
    assert_eq!(app.get("/designers/atelier-rose").await.status().as_u16(), 404);
    assert_eq!(app.get("/designers/atelier-rose/photo").await.status().as_u16(), 404);
    let api: serde_json::Value = app.get("/api/designers").await.json().await.unwrap();
    assert_eq!(api["designers"], serde_json::json!([]));
    assert!(!app.get("/rewards/open").await.text().await.unwrap().contains("Atelier Rose"));

    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let summary: serde_json::Value = app.get("/api/team/summary").await.json().await.unwrap();
    assert_eq!(summary["work"]["designers_pending"], 1, "the dashboard counts profiles to review");
    let queue = app.get("/team/designers?state=pending").await.text().await.unwrap();
    assert!(queue.contains("Atelier Rose") && queue.contains("rose@example.ch"));
    assert_eq!(app.get(&format!("/team/designers/{}/photo", stored.id)).await.status().as_u16(), 200);
    let approved = app.post_form(&format!("/team/designers/{}", stored.id), &[("decision", "approve")]).await;
    assert_eq!(approved.status().as_u16(), 303);
    assert_eq!(rename(&app, stored.id, "atelier-rose").await.status().as_u16(), 303);

    let list = app.get("/designers?practice=upcycling").await.text().await.unwrap();
    assert!(list.contains("Atelier Rose") && list.contains("Carouge"));
    assert!(!app.get("/designers?practice=rental").await.text().await.unwrap().contains("Atelier Rose"));
    let profile = app.get("/designers/atelier-rose").await.text().await.unwrap();
    assert!(profile.contains("chutes de soie") && profile.contains("instagram.com") && profile.contains("Sans limite"));
    assert!(!profile.contains("rose@example.ch"), "the email stays private");
    let served = app.get("/designers/atelier-rose/photo").await;
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert_eq!(served.bytes().await.unwrap().as_ref(), photo.jpeg.as_slice());
    let api: serde_json::Value = app.get("/api/designers").await.json().await.unwrap();
    assert_eq!(api["designers"][0]["slug"], "atelier-rose");
    assert_eq!(api["designers"][0]["practices"], serde_json::json!(["upcycling", "local-production"]));
    assert!(!api.to_string().contains("rose@example.ch"));
    let reward = app.get("/rewards/open").await.text().await.unwrap();
    assert!(reward.contains("href=\"/designers/atelier-rose\">Atelier Rose</a>"), "the reward names its designer");
    assert!(app.get("/").await.text().await.unwrap().contains("href=\"/designers/atelier-rose\""));
    assert!(emails(&app).await.iter().any(|e| e.kind == EmailKind::DesignerApproved));

    // The designer edits the approved profile: it stays public, with the new text.
    let mut edited = atelier_rose();
    edited[3] = ("bio", "Foulards en soie de récupération, teints aux plantes du Salève.");
    let form = profile_form(&app, &edited, None).await;
    let path = format!("/designers/edit/{}", stored.edit_token);
    let saved = app.client.post(app.url(&path)).multipart(form).send().await.unwrap();
    assert_eq!(saved.status().as_u16(), 303);
    // Where the save leads says it was saved.
    let back = app.get(saved.headers()["location"].to_str().unwrap()).await;
    assert_eq!(back.status().as_u16(), 200);
    assert!(back.text().await.unwrap().contains(&bobine::i18n::t(bobine::domain::Lang::Fr, "designer-saved")));
    assert!(app.get("/designers/atelier-rose").await.text().await.unwrap().contains("plantes du Salève"));
    assert_eq!(app.get("/designers/atelier-rose/photo").await.status().as_u16(), 200, "the photo is kept");

    let off = app.post_form(&format!("/team/designers/{}", stored.id), &[("decision", "unpublish")]).await;
    assert_eq!(off.status().as_u16(), 303);
    assert_eq!(app.get("/designers/atelier-rose").await.status().as_u16(), 404);
    assert!(!app.get("/rewards/open").await.text().await.unwrap().contains("Atelier Rose"));
}

#[tokio::test]
async fn bad_photos_and_links_are_refused_with_clear_messages_and_nothing_is_stored() {
    let app = spawn_app().await;
    let error_of = |page: String| {
        page.split("class=\"error-box\"").nth(1).and_then(|b| b.split("</div>").next()).unwrap_or_default().to_owned()
    };

    let text_as_jpeg = b"Ceci n'est pas une photo, juste du texte.".to_vec();
    let refused = register(&app, &atelier_rose(), Some(("photo.jpg", "image/jpeg", text_as_jpeg))).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    assert!(error_of(page.clone()).contains("pas une image JPEG, PNG ou WebP"), "{}", error_of(page.clone()));
    assert!(page.contains("value=\"Atelier Rose\""), "what was typed is kept");

    let mut huge = phone_photo();
    huge.resize(50 * 1024 * 1024, 0);
    let refused = register(&app, &atelier_rose(), Some(("big.jpg", "image/jpeg", huge))).await;
    assert_eq!(refused.status().as_u16(), 422);
    assert!(error_of(refused.text().await.unwrap()).contains("10 Mo au plus"));

    let mut bad_link = atelier_rose();
    bad_link[4] = ("website", "javascript:alert(document.cookie)");
    let refused = register(&app, &bad_link, None).await;
    assert_eq!(refused.status().as_u16(), 422);
    assert!(error_of(refused.text().await.unwrap()).contains("seuls les liens http et https"));

    let mut bad_social = atelier_rose();
    bad_social[5] = ("links", "https://instagram.com/rose\ndata:text/html,<script>alert(1)</script>");
    let refused = register(&app, &bad_social, None).await;
    assert_eq!(refused.status().as_u16(), 422);

    let no_consent: Vec<_> = atelier_rose().into_iter().filter(|(k, _)| *k != "consent").collect();
    let refused = register(&app, &no_consent, None).await;
    assert!(error_of(refused.text().await.unwrap()).contains("accepter la publication"));

    assert_eq!(designer::Entity::find().count(&app.db.read).await.unwrap(), 0);
    assert_eq!(designer_photo::Entity::find().count(&app.db.read).await.unwrap(), 0);
    assert!(emails(&app).await.is_empty());
}

#[tokio::test]
async fn a_rejected_designer_reads_the_reason_and_can_submit_again() {
    let app = spawn_app().await;
    register(&app, &atelier_rose(), None).await;
    let stored = designer::Entity::find().one(&app.db.read).await.unwrap().unwrap();
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;

    let no_reason =
        app.post_form(&format!("/team/designers/{}", stored.id), &[("decision", "reject"), ("reason", " ")]).await;
    assert_eq!(no_reason.status().as_u16(), 422);
    let reason = "Ajoutez une photo de vos créations, s'il vous plaît.";
    let rejected =
        app.post_form(&format!("/team/designers/{}", stored.id), &[("decision", "reject"), ("reason", reason)]).await;
    assert_eq!(rejected.status().as_u16(), 303);
    let letter = emails(&app).await.into_iter().find(|e| e.kind == EmailKind::DesignerRejected).unwrap();
    assert!(letter.body.contains(reason) && letter.body.contains(&stored.edit_token));

    let own = app.get(&format!("/designers/edit/{}", stored.edit_token)).await;
    assert_eq!(own.headers()["cache-control"], "no-store, private", "a page behind a secret link");
    let own = own.text().await.unwrap();
    assert!(own.contains("Ajoutez une photo de vos créations"));
    assert_eq!(app.get("/designers/edit/not-a-token").await.status().as_u16(), 404);

    let form = profile_form(&app, &atelier_rose(), Some(("rose.jpg", "image/jpeg", phone_photo()))).await;
    let path = format!("/designers/edit/{}", stored.edit_token);
    assert_eq!(app.client.post(app.url(&path)).multipart(form).send().await.unwrap().status().as_u16(), 303);
    let again = designer::Entity::find_by_id(stored.id).one(&app.db.read).await.unwrap().unwrap();
    assert_eq!(again.state, DesignerState::Pending, "back to the team for review");
    assert!(again.has_photo);
    assert_eq!(app.get("/designers/atelier-rose").await.status().as_u16(), 404);
}

/// A photo as a phone takes it: megabytes of detail that JPEG cannot squeeze.
fn detailed_photo(width: u32, height: u32) -> Vec<u8> {
    let mut seed: u32 = 0x2545_f491;
    let picture = image::RgbImage::from_fn(width, height, |_, _| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let [r, g, b, _] = seed.to_le_bytes();
        image::Rgb([r, g, b])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92).encode_image(&picture).unwrap();
    jpeg
}

#[tokio::test]
async fn an_ordinary_five_megabyte_phone_photo_is_accepted() {
    let app = spawn_app().await;
    let photo = detailed_photo(1800, 1400);
    assert!((4_500_000..9_500_000).contains(&photo.len()), "{} bytes", photo.len());
    let sent = register(&app, &atelier_rose(), Some(("IMG_3001.JPG", "image/jpeg", photo))).await;
    assert_eq!(sent.status().as_u16(), 303, "{}", sent.text().await.unwrap());
    let stored = designer::Entity::find().one(&app.db.read).await.unwrap().unwrap();
    assert!(stored.has_photo);
}

#[tokio::test]
async fn a_practice_sent_many_times_is_kept_once() {
    let app = spawn_app().await;
    let mut fields = atelier_rose();
    fields.retain(|(name, _)| *name != "practices");
    for _ in 0..2_000 {
        fields.push(("practices", "repair"));
    }
    fields.push(("practices", "upcycling"));
    let sent = register(&app, &fields, None).await;
    assert_eq!(sent.status().as_u16(), 303, "{}", sent.text().await.unwrap());
    let stored = designer::Entity::find().one(&app.db.read).await.unwrap().unwrap();
    assert_eq!(stored.practices, "upcycling,repair");
}

/// The team's rename of a profile's slug, with the form token.
async fn rename(app: &TestApp, id: i64, slug: &str) -> reqwest::Response {
    app.post_form(&format!("/team/designers/{id}/slug"), &[("slug", slug)]).await
}

async fn slugs(app: &TestApp) -> Vec<String> {
    let mut all: Vec<String> =
        designer::Entity::find().all(&app.db.read).await.unwrap().into_iter().map(|d| d.slug).collect();
    all.sort();
    all
}

/// Registers a profile under `brand` and has the team approve it; returns its id.
async fn approved_profile(app: &TestApp, brand: &str, email: &str) -> i64 {
    let mut fields = atelier_rose();
    fields[1] = ("brand", brand);
    fields[2] = ("email", email);
    assert_eq!(register(app, &fields, None).await.status().as_u16(), 303);
    let stored = designer::Entity::find().all(&app.db.read).await.unwrap();
    let id = stored.iter().find(|d| d.email == email).unwrap().id;
    let approved = app.post_form(&format!("/team/designers/{id}"), &[("decision", "approve")]).await;
    assert_eq!(approved.status().as_u16(), 303);
    id
}

#[tokio::test]
async fn a_stranger_registering_the_brand_the_campaign_names_does_not_get_its_slug() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    // "Atélier  ROSE!" slugifies to the "atelier-rose" that the reward "open" names.
    approved_profile(&app, "Atélier  ROSE!", "stranger@example.ch").await;

    assert_eq!(slugs(&app).await, ["atelier-rose-2"]);
    assert_eq!(app.get("/designers/atelier-rose").await.status().as_u16(), 404);
    assert_eq!(app.get("/designers/atelier-rose-2").await.status().as_u16(), 200);
    let reward = app.get("/rewards/open").await.text().await.unwrap();
    assert!(
        !reward.contains("ROSE") && !reward.contains("/designers/atelier-rose"),
        "the stranger is not on the reward"
    );
    let api: serde_json::Value = app.get("/api/campaign").await.json().await.unwrap();
    assert!(!api.to_string().contains("ROSE"), "nor in the API");
}

#[tokio::test]
async fn the_team_gives_the_reserved_slug_to_the_right_designer() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let stranger = approved_profile(&app, "Atelier Rose", "stranger@example.ch").await;
    let rose = approved_profile(&app, "Atelier Rose", "rose@example.ch").await;
    assert_eq!(slugs(&app).await, ["atelier-rose-2", "atelier-rose-3"]);

    let page = app.get("/team/designers").await.text().await.unwrap();
    assert!(page.contains(&format!("action=\"/team/designers/{rose}/slug\"")), "a rename form per profile");
    let renamed = rename(&app, rose, "atelier-rose").await;
    assert_eq!(renamed.status().as_u16(), 303);
    assert_eq!(renamed.headers()["location"], format!("/team/designers#designer-{rose}"));

    let profile = app.get("/designers/atelier-rose").await.text().await.unwrap();
    assert!(profile.contains("Sans limite"), "the profile lists the reward that names it");
    let reward = app.get("/rewards/open").await.text().await.unwrap();
    assert!(reward.contains("href=\"/designers/atelier-rose\">Atelier Rose</a>"), "the reward names its designer");
    // The old address is gone, not redirected: it may be given to another profile.
    assert_eq!(app.get("/designers/atelier-rose-3").await.status().as_u16(), 404);
    assert_eq!(app.get("/designers/atelier-rose-2").await.status().as_u16(), 200);

    // The freed slug may be given again; a profile may keep its own.
    assert_eq!(rename(&app, stranger, "atelier-rose-3").await.status().as_u16(), 303);
    assert_eq!(rename(&app, rose, "atelier-rose").await.status().as_u16(), 303);
    assert_eq!(slugs(&app).await, ["atelier-rose", "atelier-rose-3"]);
}

#[tokio::test]
async fn renaming_to_a_taken_or_invalid_slug_is_refused_with_a_message_and_changes_nothing() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let rose = approved_profile(&app, "Atelier Rose", "rose@example.ch").await;
    let fil = approved_profile(&app, "Fil Vert", "fil@example.ch").await;
    let before = slugs(&app).await;
    assert_eq!(before, ["atelier-rose-2", "fil-vert"]);

    let taken = rename(&app, fil, "atelier-rose-2").await;
    assert_eq!(taken.status().as_u16(), 422);
    assert!(taken.text().await.unwrap().contains("déjà"), "a clear message");
    let english = app
        .client
        .post(app.url(&format!("/team/designers/{fil}/slug")))
        .header("Accept-Language", "en")
        .form(&[("csrf", app.csrf_token().await.as_str()), ("slug", "atelier-rose-2")])
        .send()
        .await
        .unwrap();
    assert_eq!(english.status().as_u16(), 422);
    assert!(english.text().await.unwrap().contains("already"), "in English too");

    let long = "a".repeat(200);
    for invalid in
        ["", " ", "Atelier Rose", "atelier--rose", "-rose", "rose-", "rosé", "register", "edit", &long, "a\0b"]
    {
        let refused = rename(&app, rose, invalid).await;
        assert_eq!(refused.status().as_u16(), 422, "{invalid:?}");
        assert!(refused.text().await.unwrap().contains("lettres minuscules"), "{invalid:?}: a clear message");
    }
    let no_token = app
        .client
        .post(app.url(&format!("/team/designers/{rose}/slug")))
        .form(&[("slug", "atelier-rose")])
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status().as_u16(), 403);
    assert_eq!(rename(&app, 999_999, "atelier-rose").await.status().as_u16(), 404);
    assert_eq!(slugs(&app).await, before, "nothing changed");
    assert_eq!(app.get("/designers/atelier-rose-2").await.status().as_u16(), 200);
}

#[tokio::test]
async fn lists_show_a_designer_s_photo_made_small_and_the_profile_the_whole_photo() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let picture =
        image::RgbImage::from_fn(1600, 1200, |x, y| image::Rgb([(x / 7 % 256) as u8, (y / 5 % 256) as u8, 90]));
    let mut photo = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut photo, 90).encode_image(&picture).unwrap();
    let mut fields = atelier_rose();
    fields[1] = ("brand", "Atelier Lin");
    assert_eq!(register(&app, &fields, Some(("lin.jpg", "image/jpeg", photo))).await.status().as_u16(), 303);
    let id = designer::Entity::find().one(&app.db.read).await.unwrap().unwrap().id;
    app.post_form(&format!("/team/designers/{id}"), &[("decision", "approve")]).await;

    let list = app.get("/designers").await.text().await.unwrap().replace("&#x3D;", "=").replace("&amp;", "&");
    let start = list.find("src=\"/designers/atelier-lin/photo").unwrap() + 5;
    let small = &list[start..start + list[start..].find('"').unwrap()];
    assert!(small.ends_with("&size=small"), "{small}");
    let full_size = image::load_from_memory(&app.get(&small.replace("&size=small", "")).await.bytes().await.unwrap())
        .unwrap()
        .width();
    assert_eq!(full_size, 1200, "the stored photo");
    for _ in 0..2 {
        let response = app.get(small).await;
        assert_eq!(response.headers()["content-type"], "image/jpeg");
        let reduced = image::load_from_memory(&response.bytes().await.unwrap()).unwrap();
        assert_eq!((reduced.width(), reduced.height()), (480, 360));
    }
}
