//! Where backers came from: a shared link's `?ref=` and the referring site, carried from the
//! landing page to the pledge without a cookie, and counted with the pledge.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};
use crate::team::{PASSWORD, add_member, log_in};

/// The value of a hidden field in a page, if the page has it.
fn hidden(page: &str, name: &str) -> Option<String> {
    let start = page.find(&format!("name=\"{name}\" value=\""))? + name.len() + 15;
    Some(page[start..].split('"').next()?.to_owned())
}

#[tokio::test]
async fn a_shared_link_is_counted_from_the_landing_page_to_the_pledge_without_a_cookie() {
    let app = spawn_app().await;
    let landing = app
        .client
        .get(app.url("/?ref=Newsletter%20Nov"))
        .header("Referer", "https://mail.example.com/inbox/42")
        .send()
        .await
        .unwrap();
    assert!(landing.headers().get_all("set-cookie").iter().all(|c| !c.to_str().unwrap().contains("newsletter")));
    let page = landing.text().await.unwrap();
    assert!(page.contains("href=\"/pledge?reward=open&amp;ref=newsletter-nov&amp;from=mail.example.com\""), "{page}");
    assert!(page.contains("href=\"/rewards/open?ref=newsletter-nov&amp;from=mail.example.com\""));

    // The reward page, reached from the landing page: the Referer is the site itself now.
    let reward = app
        .client
        .get(app.url("/rewards/open?ref=newsletter-nov&from=mail.example.com"))
        .header("Referer", app.url("/?ref=Newsletter%20Nov"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(reward.contains("href=\"/pledge?reward=open&amp;ref=newsletter-nov&amp;from=mail.example.com\""));

    let form = app.get("/pledge?reward=open&ref=newsletter-nov&from=mail.example.com").await.text().await.unwrap();
    let (tag, site) = (hidden(&form, "ref").unwrap(), hidden(&form, "from").unwrap());
    assert_eq!((tag.as_str(), site.as_str()), ("newsletter-nov", "mail.example.com"));
    let fields = [
        ("reward", "open"),
        ("amount", "40"),
        ("name", "Zoé Favre"),
        ("email", "zoe@example.ch"),
        ("ref", tag.as_str()),
        ("from", site.as_str()),
    ];
    assert_eq!(app.post_form("/pledge", &fields).await.status().as_u16(), 303);

    // Everybody else still gets the plain page, whoever came before them.
    let plain = app.get("/").await.text().await.unwrap();
    assert!(!plain.contains("ref=newsletter") && !plain.contains("from=mail"));
    assert!(plain.contains("href=\"/pledge?reward=open\""));

    // A visit straight to the form from another site.
    let direct = app
        .client
        .get(app.url("/pledge"))
        .header("Referer", "https://www.instagram.com/p/xyz")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(hidden(&direct, "from").as_deref(), Some("instagram.com"));
    assert_eq!(hidden(&direct, "ref"), None);

    use sea_orm::EntityTrait;
    let stored = entity::pledge::Entity::find().one(&app.db.read).await.unwrap().unwrap();
    assert_eq!(stored.source_tag.as_deref(), Some("newsletter-nov"));
    assert_eq!(stored.source_site.as_deref(), Some("mail.example.com"));
}

#[tokio::test]
async fn the_dashboard_counts_pledges_and_money_by_tag_and_by_site() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let pledge = async |amount: &str, email: &str, tag: Option<&str>, referrer: Option<&str>| {
        let mut body = TestApp::body(None, amount, email);
        body["ref"] = json!(tag);
        body["referrer"] = json!(referrer);
        let (status, created) = app.pledge(body).await;
        assert_eq!(status, 201, "{created}");
        created
    };
    pledge("100", "a@example.ch", Some("newsletter"), Some("https://mail.example.com/x")).await;
    pledge("50", "b@example.ch", Some("NEWSLETTER"), None).await;
    pledge("30", "c@example.ch", None, Some("facebook.com")).await;
    let cancelled = pledge("20", "d@example.ch", Some("poster"), Some("facebook.com")).await;
    pledge("25", "e@example.ch", None, None).await;
    let token = cancelled["token"].as_str().unwrap();
    assert_eq!(app.post_form(&format!("/pledges/{token}/cancel"), &[]).await.status().as_u16(), 303);

    log_in(&app, "anne@example.ch", PASSWORD).await;
    let summary: Value = app.get("/api/team/summary").await.json().await.unwrap();
    let tags = &summary["sources"]["tags"];
    assert_eq!(
        tags["top"],
        json!([
            { "name": "newsletter", "pledges": 2, "raised": "150.00", "share": 73 },
            { "name": null, "pledges": 2, "raised": "55.00", "share": 27 },
        ]),
        "the cancelled poster pledge is gone"
    );
    assert_eq!(tags["others"], Value::Null);
    let sites = &summary["sources"]["sites"]["top"];
    assert_eq!(sites[0], json!({ "name": "mail.example.com", "pledges": 1, "raised": "100.00", "share": 49 }));
    assert_eq!(sites[1], json!({ "name": null, "pledges": 2, "raised": "75.00", "share": 37 }));
    assert_eq!(sites[2], json!({ "name": "facebook.com", "pledges": 1, "raised": "30.00", "share": 15 }));

    let page = app.get("/team").await.text().await.unwrap();
    assert!(page.contains("newsletter") && page.contains("mail.example.com") && page.contains("direct ou inconnu"));
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_changed_pledge_moves_its_source_and_the_check_finds_a_tampered_one() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let mut body = TestApp::body(Some("open"), "40", "a@example.ch");
    body["ref"] = json!("flyer");
    let (_, created) = app.pledge(body).await;
    let token = created["token"].as_str().unwrap();
    let changed = app.post_form(&format!("/pledges/{token}"), &[("reward", "open"), ("amount", "65")]).await;
    assert_eq!(changed.status().as_u16(), 303);
    app.assert_counters_match_pledges().await;

    app.db
        .write
        .execute_unprepared("UPDATE source_totals SET cents = cents + 1 WHERE kind = 'tag' AND name = 'flyer'")
        .await
        .unwrap();
    let differences = bobine::services::consistency::check(&app.db).await.unwrap();
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert_eq!(differences[0].counter, "source tag flyer cents");
    assert_eq!((differences[0].stored, differences[0].computed), (6501, 6500));
}
