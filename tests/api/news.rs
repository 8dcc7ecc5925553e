//! News: the team writes an update, previews it, publishes it now or later, for everyone or
//! for backers; the public reads public ones on the site and in the Atom feed, a backer reads
//! the ones for them through their private link.

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::helpers::{TestApp, before_deadline, spawn_app};
use crate::team::{PASSWORD, add_member, log_in};

pub async fn team_app() -> TestApp {
    let app = spawn_app().await;
    add_member(&app, "ines@example.ch").await;
    log_in(&app, "ines@example.ch", PASSWORD).await;
    app
}

/// Writes an update and gives its id.
pub async fn write(app: &TestApp, fields: &[(&str, &str)]) -> i64 {
    let saved = app.post_form("/team/news", fields).await;
    assert_eq!(saved.status().as_u16(), 303, "{}", saved.text().await.unwrap());
    let location = saved.headers()["location"].to_str().unwrap().to_owned();
    location.trim_start_matches("/team/news/").parse().unwrap_or_else(|_| panic!("{location}"))
}

pub async fn publish(app: &TestApp, id: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    app.post_form(&format!("/team/news/{id}/publish"), fields).await
}

fn slug_of(app_rows: &[serde_json::Value]) -> String {
    app_rows[0]["slug"].as_str().unwrap().to_owned()
}

/// The entries of an Atom feed as (id, title) pairs, after checking what RFC 4287 requires
/// of the feed and of each entry.
fn atom_entries(xml: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut seen_feed: Vec<String> = Vec::new();
    let mut entries: Vec<(String, String)> = Vec::new();
    let mut entry_fields: Vec<String> = Vec::new();
    let mut text = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(start) => {
                let name: String = start.name().as_ref().to_owned();
                if path.is_empty() {
                    assert_eq!(name, "feed");
                    let ns = start.try_get_attribute("xmlns").unwrap().unwrap();
                    assert_eq!(&*ns.value, "http://www.w3.org/2005/Atom");
                }
                if name == "entry" {
                    entry_fields.clear();
                    entries.push((String::new(), String::new()));
                }
                path.push(name);
                text.clear();
            }
            Event::Empty(empty) => {
                let name: String = empty.name().as_ref().to_owned();
                if path.last().map(String::as_str) == Some("entry") {
                    entry_fields.push(name);
                } else if path.len() == 1 {
                    seen_feed.push(name);
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let name: String = r.as_ref().to_owned();
                text.push_str(match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unknown entity {other}"),
                });
            }
            Event::End(_) => {
                let name = path.pop().unwrap();
                match path.last().map(String::as_str) {
                    Some("feed") => seen_feed.push(name.clone()),
                    Some("entry") => {
                        let entry = entries.last_mut().unwrap();
                        match name.as_str() {
                            "id" => entry.0 = text.clone(),
                            "title" => entry.1 = text.clone(),
                            _ => {}
                        }
                        entry_fields.push(name.clone());
                    }
                    _ => {}
                }
                if name == "entry" {
                    for required in ["id", "title", "updated", "link"] {
                        assert!(entry_fields.iter().any(|f| f == required), "an entry without {required}: {xml}");
                    }
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for required in ["id", "title", "updated", "link", "author"] {
        assert!(seen_feed.iter().any(|f| f == required), "a feed without {required}: {xml}");
    }
    entries
}

#[tokio::test]
async fn the_team_writes_previews_and_publishes_an_update_that_everyone_reads() {
    let app = team_app().await;
    let id = write(
        &app,
        &[
            ("title_fr", "Premiers prototypes : l'été à Carouge"),
            (
                "body_fr",
                "# L'atelier\n\nÇa avance : **bientôt** fini. <script>alert(1)</script> [voir](javascript:alert(1))",
            ),
            ("title_de", "Erste Prototypen"),
            ("body_de", "Es geht *voran*."),
            ("audience", "public"),
        ],
    )
    .await;
    let page = app.get(&format!("/team/news/{id}")).await.text().await.unwrap();
    // The preview, not the form below it, which holds the Markdown as written.
    let preview =
        page.split("news-preview").skip(1).collect::<Vec<_>>().join("").split("<form").next().unwrap().to_owned();
    assert!(preview.contains("<h2>L&#39;atelier</h2>") || preview.contains("<h2>L'atelier</h2>"), "{preview}");
    assert!(preview.contains("<strong>bientôt</strong>") && preview.contains("Es geht <em>voran</em>."), "{preview}");
    assert!(!preview.contains("<script>alert") && !preview.contains("javascript:"), "{preview}");
    // A draft is nowhere public.
    let slug = slug_of(&app.query("SELECT slug FROM news").await);
    assert_eq!(slug, "premiers-prototypes-l-ete-a-carouge");
    assert_eq!(app.get(&format!("/news/{slug}")).await.status().as_u16(), 404);
    assert!(!app.get("/news.atom").await.text().await.unwrap().contains("<entry>"));

    let published = publish(&app, id, &[("when", "now")]).await;
    assert_eq!(published.status().as_u16(), 303);
    let page = app.get(&format!("/news/{slug}")).await;
    assert_eq!(page.status().as_u16(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("Premiers prototypes") && page.contains("property=\"og:title\""), "{page}");
    let german = app.get(&format!("/news/{slug}?lang=de")).await.text().await.unwrap();
    assert!(german.contains("<html lang=\"de\"") && german.contains("Erste Prototypen"), "{german}");
    let english = app.get(&format!("/news/{slug}?lang=en")).await.text().await.unwrap();
    assert!(english.contains("Premiers prototypes"), "English falls back to French: {english}");
    assert!(app.get("/news").await.text().await.unwrap().contains(&format!("/news/{slug}")));
    assert!(app.get("/").await.text().await.unwrap().contains(&format!("/news/{slug}")), "on the campaign page");

    let feed = app.get("/news.atom").await;
    assert_eq!(feed.headers()["content-type"], "application/atom+xml");
    let entries = atom_entries(&feed.text().await.unwrap());
    assert_eq!(entries.len(), 1);
    assert!(entries[0].0.ends_with(&format!("/news/{slug}")), "{entries:?}");
    assert_eq!(entries[0].1, "Premiers prototypes : l'été à Carouge");

    let again = publish(&app, id, &[("when", "now")]).await;
    assert_eq!(again.status().as_u16(), 422, "published once");
}

#[tokio::test]
async fn an_update_with_three_mistakes_shows_three_and_stores_nothing() {
    let app = team_app().await;
    let refused = app.post_form("/team/news", &[("title_en", "Only English"), ("audience", "rewards")]).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    for field in ["title_fr", "body_fr", "body_en", "rewards"] {
        assert!(page.contains(&format!("href=\"#{field}\"")), "{field}: {page}");
    }
    assert!(app.query("SELECT id FROM news").await.is_empty());
    let unknown = app
        .post_form(
            "/team/news",
            &[("title_fr", "T"), ("body_fr", "B"), ("audience", "rewards"), ("rewards", "no-such")],
        )
        .await;
    assert_eq!(unknown.status().as_u16(), 422);
    let outsider = crate::helpers::spawn_app().await;
    let refused =
        outsider.post_form("/team/news", &[("title_fr", "T"), ("body_fr", "B"), ("audience", "public")]).await;
    let location = refused.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default();
    assert!(location.starts_with("/team/login"), "only the team writes news: {location}");
    assert!(outsider.query("SELECT id FROM news").await.is_empty());
}

#[tokio::test]
async fn a_scheduled_update_shows_from_its_time_on() {
    let app = team_app().await;
    let id = write(&app, &[("title_fr", "Le défilé"), ("body_fr", "Samedi."), ("audience", "public")]).await;
    // 2027-03-01 09:00 in Geneva is 08:00 UTC, in winter.
    let at = before_deadline().with_timezone(&chrono_tz::Europe::Zurich) + chrono::Duration::days(2);
    let local = at.format("%Y-%m-%dT%H:%M").to_string();
    assert_eq!(publish(&app, id, &[("when", "later"), ("at", &local)]).await.status().as_u16(), 303);
    let listed = app.get("/team/news").await.text().await.unwrap();
    assert!(listed.contains("Programmée pour le"), "{listed}");
    assert_eq!(app.get("/news/le-defile").await.status().as_u16(), 404);
    app.clock.set(at.with_timezone(&chrono::Utc) + chrono::Duration::minutes(1));
    assert_eq!(app.get("/news/le-defile").await.status().as_u16(), 200);
    // Two days on, the team's session has ended.
    log_in(&app, "ines@example.ch", PASSWORD).await;
    let bad = write(&app, &[("title_fr", "Autre"), ("body_fr", "Texte."), ("audience", "public")]).await;
    assert_eq!(publish(&app, bad, &[("when", "later"), ("at", "demain")]).await.status().as_u16(), 422);
}

#[tokio::test]
async fn an_update_for_backers_is_read_only_through_a_backers_link_and_one_for_a_reward_only_by_its_backers() {
    let app = team_app().await;
    let (_, open) = app.pledge(TestApp::body(Some("open"), "50.00", "anne@example.ch")).await;
    let (_, none) = app.pledge(TestApp::body(None, "20.00", "marc@example.ch")).await;
    let for_backers =
        write(&app, &[("title_fr", "Merci à vous"), ("body_fr", "Entre nous."), ("audience", "backers")]).await;
    let for_open = write(
        &app,
        &[("title_fr", "Votre atelier"), ("body_fr", "Les dates."), ("audience", "rewards"), ("rewards", "open")],
    )
    .await;
    for id in [for_backers, for_open] {
        assert_eq!(publish(&app, id, &[("when", "now")]).await.status().as_u16(), 303);
    }
    assert_eq!(app.get("/news/merci-a-vous").await.status().as_u16(), 404, "not public");
    assert!(!app.get("/news").await.text().await.unwrap().contains("Merci à vous"));
    assert!(!app.get("/news.atom").await.text().await.unwrap().contains("Merci"));

    let token = |pledge: &serde_json::Value| pledge["token"].as_str().unwrap().to_owned();
    let (anne, marc) = (token(&open), token(&none));
    let anne_page = app.get(&format!("/pledges/{anne}")).await.text().await.unwrap();
    assert!(anne_page.contains("Merci à vous") && anne_page.contains("Votre atelier"), "{anne_page}");
    let marc_page = app.get(&format!("/pledges/{marc}")).await.text().await.unwrap();
    assert!(marc_page.contains("Merci à vous") && !marc_page.contains("Votre atelier"), "{marc_page}");
    assert_eq!(app.get(&format!("/pledges/{anne}/news/votre-atelier")).await.status().as_u16(), 200);
    assert_eq!(app.get(&format!("/pledges/{marc}/news/votre-atelier")).await.status().as_u16(), 404);
    let read = app.get(&format!("/pledges/{marc}/news/merci-a-vous")).await.text().await.unwrap();
    assert!(read.contains("Entre nous.") && read.contains("name=\"robots\""), "private: {read}");
}
