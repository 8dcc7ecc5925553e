use bobine::config::{Campaign, crate_dir};
use serde_json::json;

use crate::helpers::{TestApp, reward, spawn_app, spawn_app_with};

#[tokio::test]
async fn the_shipped_campaign_shows_its_twenty_rewards_in_french() {
    // A month before its deadline, rather than today: the test must not depend on the calendar.
    let shipped = crate_dir().join("campaign.toml");
    let a_month_before = Campaign::load(&shipped).unwrap().deadline - chrono::Duration::days(30);
    let app = spawn_app_with(&shipped, a_month_before).await;
    let response = app.get("/").await;
    assert_eq!(response.status().as_u16(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("<html lang=\"fr\">"));
    assert_eq!(page.matches("<article class=\"reward").count(), 21, "20 rewards and the pledge without reward");
    assert!(page.contains("Atelier teinture végétale"));
    assert!(page.contains("Prix lève-tôt"));
    let campaign = app.campaign().await;
    assert_eq!(campaign["rewards"].as_array().unwrap().len(), 20);
    assert_eq!(campaign["state"], "open");
    assert_eq!(campaign["goal"], "20000.00");
    assert_eq!(campaign["currency"], "CHF");
}

#[tokio::test]
async fn english_comes_from_the_query_then_the_cookie_or_the_browser() {
    let app = spawn_app().await;
    let page = app.get("/?lang=en").await.text().await.unwrap();
    assert!(page.contains("<html lang=\"en\">") && page.contains("Test campaign"));
    // The choice is remembered by cookie.
    let page = app.get("/").await.text().await.unwrap();
    assert!(page.contains("<html lang=\"en\">"));
    // A new visitor whose browser prefers English.
    let page = reqwest::Client::new()
        .get(app.url("/"))
        .header("Accept-Language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Only five"));
    let page = reqwest::get(app.url("/")).await.unwrap().text().await.unwrap();
    assert!(page.contains("Cinq seulement"), "French by default");
}

#[tokio::test]
async fn the_api_describes_the_campaign_with_exact_amounts() {
    let app = spawn_app().await;
    let campaign = app.campaign().await;
    assert_eq!(campaign["slug"], "test-campaign");
    assert_eq!(campaign["pledged"], "0.00");
    assert_eq!(campaign["deadline"], "2029-12-31T23:00:00Z");
    let rewards = campaign["rewards"].as_array().unwrap();
    assert_eq!(
        rewards[0],
        json!({"id": "limited-five", "title": "Cinq seulement", "kind": "object", "minimum": "10.00", "limit": 5, "claimed": 0, "remaining": 5, "available": true, "sessions": [], "choices": [], "shipping": []})
    );
    assert_eq!(reward(&campaign, "open")["limit"], json!(null));
    assert_eq!(reward(&campaign, "open")["remaining"], json!(null));
}

#[tokio::test]
async fn a_sold_out_reward_shows_as_such() {
    let app = spawn_app().await;
    for i in 0..5 {
        let (status, _) = app.pledge(TestApp::body(Some("limited-five"), "10", &format!("b{i}@example.ch"))).await;
        assert_eq!(status, 201);
    }
    let page = app.get("/").await.text().await.unwrap();
    assert!(page.contains("reward sold-out\" id=\"reward-limited-five\""));
    let reward_page = app.get("/rewards/limited-five").await.text().await.unwrap();
    assert!(reward_page.contains("Épuisé"));
    let campaign = app.campaign().await;
    assert_eq!(reward(&campaign, "limited-five")["available"], false);
    assert_eq!(reward(&campaign, "limited-five")["remaining"], 0);
}

#[tokio::test]
async fn unknown_pages_get_a_page_and_the_api_gets_json() {
    let app = spawn_app().await;
    let response = app.get("/rewards/nope").await;
    assert_eq!(response.status().as_u16(), 404);
    assert!(response.text().await.unwrap().contains("Cette page n&#x27;existe pas"));
    let response = app.get("/api/nope").await;
    assert_eq!(response.status().as_u16(), 404);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status().as_u16(), 200);
    assert_eq!(ready.text().await.unwrap(), "ready");
}

#[tokio::test]
async fn the_cached_figures_follow_pledges_within_a_fraction_of_a_second() {
    use sea_orm::ConnectionTrait;
    let app = crate::helpers::spawn_cached_app().await;
    assert_eq!(app.campaign().await["pledged"], "0.00");
    assert!(app.get("/").await.text().await.unwrap().contains("data-live=\"campaign.pledged\">0.00<"));
    let (status, _) = app.pledge(TestApp::body(None, "20", "a@example.ch")).await;
    assert_eq!(status, 201);
    let started = std::time::Instant::now();
    while app.campaign().await["pledged"] != "20.00" {
        assert!(started.elapsed() < std::time::Duration::from_millis(1500), "the pledge did not show");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    while !app.get("/").await.text().await.unwrap().contains("data-live=\"campaign.pledged\">20.00<") {
        assert!(started.elapsed() < std::time::Duration::from_millis(1500), "the page did not follow");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // Served from the copy, not from the database: a change that bypasses the pledge writer
    // shows only once the copy expires.
    app.db.write.execute_unprepared("UPDATE campaigns SET pledged_cents = pledged_cents + 100").await.unwrap();
    assert_eq!(app.campaign().await["pledged"], "20.00");
    tokio::time::sleep(bobine::config::CacheAges::default().max).await;
    assert_eq!(app.campaign().await["pledged"], "21.00");
}

#[tokio::test]
async fn a_page_for_a_path_that_names_another_host_links_only_to_this_site() {
    let app = spawn_app().await;
    for path in ["//evil.example/x", "/\\evil.example/x", "///evil.example"] {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), 404, "{path}");
        let page = response.text().await.unwrap();
        assert!(!page.contains("href=\"//") && !page.contains("href=\"/\\"), "{path}: {page}");
        assert!(page.contains("href=\"/evil.example"), "the language link stays here: {path}: {page}");
    }
}

/// The link to the other language is the same page, query and all.
#[tokio::test]
async fn every_language_link_keeps_the_pages_query() {
    let app = spawn_app().await;
    for (page, kept) in [
        ("/pledge?reward=early", "/pledge?reward=early&lang=en"),
        ("/designers?practice=repair", "/designers?practice=repair&lang=en"),
        ("/rewards/open", "/rewards/open?lang=en"),
        ("/help?kind=machines", "/help?kind=machines&lang=en"),
    ] {
        let html = app.get(page).await.text().await.unwrap();
        let link = html.split("class=\"lang-switch\" href=\"").nth(1).and_then(|l| l.split('"').next()).unwrap();
        assert_eq!(link.replace("&#x3D;", "=").replace("&amp;", "&"), kept, "{page}");
    }
}

/// Handlebars indents every line a partial writes, multi-line texts included, by the spaces
/// before the partial's tag: partials stand at the start of their line.
#[test]
fn no_template_indents_a_partial() {
    for entry in std::fs::read_dir(crate_dir().join("templates")).unwrap() {
        let path = entry.unwrap().path();
        for (number, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
            let indented = line.trim_start().starts_with("{{>") && line.starts_with(char::is_whitespace);
            assert!(!indented, "{}:{}: {line}", path.display(), number + 1);
        }
    }
}

/// Every page names who runs the campaign and links to the legal notice and the privacy page,
/// which says what the site keeps unless the campaign file gives its own text.
#[tokio::test]
async fn the_footer_names_the_organiser_and_leads_to_the_legal_notice_and_privacy() {
    let app = spawn_app().await;
    let home = app.get("/").await.text().await.unwrap();
    assert!(home.contains("Association d&#x27;essai") && home.contains("mailto:contact@example.ch"), "{home}");
    assert!(home.contains("href=\"/legal\"") && home.contains("href=\"/privacy\""));
    let legal = app.get("/legal").await.text().await.unwrap();
    assert!(legal.contains("Rue du Test 2, 1205 Genève") && legal.contains("registre du commerce"), "{legal}");
    let privacy = app.get("/privacy?lang=en").await.text().await.unwrap();
    assert!(privacy.contains("No analytics or advertising cookies") && privacy.contains("contact@example.ch"));
    let bad = std::fs::read_to_string(crate::helpers::fixture()).unwrap().replace("contact@example.ch", "contact");
    let error = Campaign::parse(std::path::Path::new("bad.toml"), &bad).unwrap_err().to_string();
    assert!(error.contains("organiser.email: not an email address"), "{error}");
}

/// The supporters' wall shows the names backers chose to show, newest first: never an
/// anonymous backer's, never an email, never a cancelled pledge's; the whole wall is paged.
#[tokio::test]
async fn the_supporters_wall_shows_chosen_names_newest_first_and_nobody_else() {
    let app = spawn_app().await;
    let pledge = |name: &str, shown: Option<&str>, anonymous: bool, email: &str| json!({"amount": "10", "name": name, "email": email, "display_name": shown, "anonymous": anonymous});
    app.pledge(pledge("Léa Rochat", None, false, "lea@example.ch")).await;
    app.pledge(pledge("Secret Person", None, true, "secret@example.ch")).await;
    app.pledge(pledge("Marc Favre", Some("Atelier Marc"), false, "marc@example.ch")).await;
    let (_, cancelled) = app.pledge(pledge("Gone Away", None, false, "gone@example.ch")).await;
    let token = cancelled["token"].as_str().unwrap();
    let cancel = app.post_form(&format!("/pledges/{token}/cancel"), &[]).await;
    assert_eq!(cancel.status().as_u16(), 303);

    let home = app.get("/").await.text().await.unwrap();
    let wall = home.split("class=\"wall\"").nth(1).unwrap().split("</ul>").next().unwrap();
    let names: Vec<&str> = wall.split("<li>").skip(1).map(|li| li.split("</li>").next().unwrap()).collect();
    assert_eq!(names, ["Atelier Marc", "Léa Rochat"]);
    assert!(!home.contains("Secret Person") && !home.contains("Gone Away") && !home.contains("lea@example.ch"));

    for n in 0..125 {
        app.pledge(pledge(&format!("Backer {n}"), None, false, &format!("b{n}@example.ch"))).await;
    }
    let first = app.get("/supporters").await.text().await.unwrap();
    assert!(first.contains("<li>Backer 124</li>") && !first.contains("<li>Backer 4</li>"));
    assert!(first.contains("href=\"/supporters?page&#x3D;2\""), "a next page");
    let second = app.get("/supporters?page=2").await.text().await.unwrap();
    assert!(second.contains("<li>Backer 4</li>") && second.contains("<li>Léa Rochat</li>"));
    assert!(!second.contains("page&#x3D;3"), "no page after the last");
}

#[tokio::test]
async fn text_goes_compressed_to_browsers_that_take_it_and_pictures_as_they_are() {
    use std::io::Read;
    let app = spawn_app().await;
    let get = |path: &'static str, encoding: &'static str| {
        app.client.get(app.url(path)).header("Accept-Encoding", encoding).send()
    };
    let plain = app.get("/").await.text().await.unwrap();
    for path in ["/", "/static/style.css", "/api/openapi.json", "/rewards/limited-five"] {
        let response = get(path, "br;q=1.0, gzip;q=0.8").await.unwrap();
        assert_eq!(response.headers().get("content-encoding").map(|v| v.to_str().unwrap()), Some("gzip"), "{path}");
        assert!(response.headers().get_all("vary").iter().any(|v| v == "Accept-Encoding"), "{path}");
        let gzip = response.bytes().await.unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(gzip.as_ref()).read_to_string(&mut text).unwrap();
        if path == "/" {
            assert_eq!(text, plain);
            assert!(gzip.len() * 2 < plain.len(), "{} of {}", gzip.len(), plain.len());
        }
    }
    // A visit from a poster gets its own copy, whose links carry the poster's tag.
    let tagged = get("/?ref=boutique-carouge", "gzip").await.unwrap();
    assert_eq!(tagged.headers()["content-encoding"], "gzip");
    let mut text = String::new();
    flate2::read::GzDecoder::new(tagged.bytes().await.unwrap().as_ref()).read_to_string(&mut text).unwrap();
    assert!(text.contains("boutique-carouge"), "the links carry the tag");
    for (path, encoding) in [("/", "gzip;q=0"), ("/", "GZIP;Q=0"), ("/", "identity"), ("/healthz", "gzip")] {
        let response = get(path, encoding).await.unwrap();
        assert!(response.headers().get("content-encoding").is_none(), "{path} with {encoding}");
    }
    let html = plain;
    let start = html.find("/media/").unwrap();
    let picture = &html[start..start + html[start..].find(['"', ' ']).unwrap()];
    let response = app.client.get(app.url(picture)).header("Accept-Encoding", "gzip").send().await.unwrap();
    assert!(response.headers().get("content-encoding").is_none(), "a JPEG is compressed already");
}
