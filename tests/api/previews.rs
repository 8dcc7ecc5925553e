//! Link previews: every public page describes itself where it is shared, with a picture of
//! the live progress drawn by the server; private pages ask not to be indexed and show none.

use serde_json::json;

use crate::helpers::{TestApp, spawn_app};

/// The `content` of the meta tag named `name` (or with that property), unescaped.
fn meta(html: &str, name: &str) -> Option<String> {
    let tag = html.split('<').find(|tag| {
        tag.starts_with("meta ")
            && (tag.contains(&format!("name=\"{name}\"")) || tag.contains(&format!("property=\"{name}\"")))
    })?;
    let content = tag.split("content=\"").nth(1)?.split('"').next()?;
    Some(content.replace("&#x3D;", "=").replace("&amp;", "&").replace("&#x27;", "'"))
}

/// A published designer, a pledge and its private page, a team member logged in.
async fn private_and_public(app: &TestApp) -> (Vec<String>, Vec<String>) {
    let (status, pledge) = app.pledge(TestApp::body(Some("open"), "20", "zoe@example.ch")).await;
    assert_eq!(status, 201);
    let photo = Some(("IMG_2041.jpg", "image/jpeg", crate::designers::phone_photo()));
    crate::designers::register(app, &crate::designers::atelier_rose(), photo).await;
    let designer = app.query("SELECT id, edit_token FROM designers").await.remove(0);
    let login = app.get("/team/login").await.text().await.unwrap();
    assert_eq!(meta(&login, "robots").as_deref(), Some("noindex, nofollow"));
    crate::team::add_member(app, "anne@example.ch").await;
    crate::team::log_in(app, "anne@example.ch", crate::team::PASSWORD).await;
    app.post_form(&format!("/team/designers/{}", designer["id"]), &[("decision", "approve")]).await;
    let slug = app.query("SELECT slug FROM designers").await.remove(0)["slug"].as_str().unwrap().to_owned();
    let public = [
        "/",
        "/rewards/open",
        "/pledge",
        "/pledge?reward=early",
        "/designers",
        "/designers/register",
        "/help",
        "/legal",
        "/privacy",
        "/supporters",
    ]
    .map(String::from)
    .into_iter()
    .chain([format!("/designers/{slug}")])
    .collect();
    let token = pledge["token"].as_str().unwrap();
    let private = vec![
        format!("/pledges/{token}"),
        format!("/designers/edit/{}", designer["edit_token"].as_str().unwrap()),
        "/team".into(),
        "/team/pledges".into(),
        "/rewards/no-such-reward".into(),
    ];
    (public, private)
}

#[tokio::test]
async fn every_public_page_has_preview_tags_and_no_private_page_has_any() {
    let app = spawn_app().await;
    let (public, private) = private_and_public(&app).await;
    for page in &public {
        let html = app.get(page).await.text().await.unwrap();
        for name in ["description", "og:title", "og:description", "og:url", "og:image", "twitter:card"] {
            assert!(meta(&html, name).is_some_and(|c| !c.is_empty()), "{page} has no {name}");
        }
        let url = meta(&html, "og:url").unwrap();
        assert!(url.starts_with("http") && url.ends_with(page.as_str()), "{page}: {url}");
        assert!(html.contains("<link rel=\"canonical\" href=\""), "{page}");
        assert!(meta(&html, "robots").is_none(), "{page} is public");
        // The picture it names is served, as a PNG.
        let image = url::Url::parse(&meta(&html, "og:image").unwrap()).unwrap();
        let picture = app.get(&format!("{}?{}", image.path(), image.query().unwrap_or_default())).await;
        assert_eq!(picture.status().as_u16(), 200, "{page}: {image}");
        assert_eq!(picture.headers()["content-type"], "image/png");
    }
    for page in &private {
        let html = app.get(page).await.text().await.unwrap();
        assert_eq!(meta(&html, "robots").as_deref(), Some("noindex, nofollow"), "{page}");
        assert!(meta(&html, "og:image").is_none() && meta(&html, "description").is_none(), "{page}");
    }
}

#[tokio::test]
async fn the_preview_picture_follows_the_figures() {
    let app = spawn_app().await;
    let html = app.get("/").await.text().await.unwrap();
    let before = meta(&html, "og:image").unwrap();
    let image = url::Url::parse(&before).unwrap();
    let first = app.get(&format!("{}?{}", image.path(), image.query().unwrap())).await.bytes().await.unwrap();
    let decoded = image::load_from_memory(&first).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1200, 630));

    let (status, _) = app.pledge(json!({"amount": "250", "name": "Zoé", "email": "zoe@example.ch"})).await;
    assert_eq!(status, 201);
    let html = app.get("/").await.text().await.unwrap();
    let after = meta(&html, "og:image").unwrap();
    assert_ne!(before, after, "the address changes with the figures");
    let image = url::Url::parse(&after).unwrap();
    let second = app.get(&format!("{}?{}", image.path(), image.query().unwrap())).await.bytes().await.unwrap();
    assert_ne!(first, second, "the picture shows the new figures");
    // A reward's and a designer-less page's pictures are served in English too.
    let reward = app.get("/rewards/open/preview.png?lang=en").await;
    assert_eq!(reward.status().as_u16(), 200);
    assert_eq!(app.get("/rewards/nothing/preview.png").await.status().as_u16(), 404);
}

#[tokio::test]
async fn a_reward_s_preview_shows_its_picture_and_the_campaign_s_its_cover() {
    let app = spawn_app().await;
    let band = |png: &[u8]| {
        let picture = image::load_from_memory(png).unwrap().to_rgb8();
        assert_eq!(picture.dimensions(), (1200, 630));
        // The middle of the band at the right: a crop of the picture, not woven cloth.
        (0..630).step_by(30).map(|y| picture.get_pixel(1030, y).0).collect::<Vec<_>>()
    };
    let campaign = app.get("/preview.png?lang=fr").await.bytes().await.unwrap();
    let pictured = app.get("/rewards/limited-five/preview.png?lang=fr").await.bytes().await.unwrap();
    let plain = app.get("/rewards/early/preview.png?lang=fr").await.bytes().await.unwrap();
    assert_ne!(band(&campaign), band(&pictured), "the reward's own picture");
    assert_eq!(band(&campaign), band(&plain), "a reward without a picture shows the cover");
}
