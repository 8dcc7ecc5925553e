//! Updates by email: publishing one stores one email per concerned address that wants news,
//! in its backer's language, once, also across a restart in the middle of the mailing; each
//! carries a one-click way out that holds for the next update and never for a bill.

use std::sync::Arc;

use chrono::Duration;
use serde_json::{Value, json};

use bobine::services::letters::Letters;
use bobine::services::news_mail;

use crate::helpers::{TestApp, before_deadline, spawn_paying_app};
use crate::news::{publish, team_app, write};
use crate::team::{PASSWORD, add_member, log_in};

/// The emails of the update `id`, as (address, subject, body) as they would leave now, by
/// address.
async fn emails_of(app: &TestApp, id: i64) -> Vec<(String, String, String)> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let mut rows = entity::email::Entity::find()
        .filter(entity::email::Column::NewsId.eq(id))
        .order_by_asc(entity::email::Column::ToAddress)
        .all(&app.db.read)
        .await
        .unwrap();
    bobine::services::outbox::with_news_texts(&app.db.read, &mut rows).await.unwrap();
    rows.into_iter().map(|r| (r.to_address, r.subject, r.body)).collect()
}

async fn mailing_of(app: &TestApp, id: i64) -> String {
    app.query(&format!("SELECT mailing FROM news WHERE id = {id}")).await[0]["mailing"].as_str().unwrap().to_owned()
}

async fn wait_until_sent(app: &TestApp, id: i64) {
    app.wait_for(&format!("SELECT COUNT(*) AS n FROM news WHERE id = {id} AND mailing = 'done'"), 1).await;
}

fn pledge_body(reward: Option<&str>, email: &str, extra: Value) -> Value {
    let mut body = TestApp::body(reward, "40.00", email);
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

/// The unsubscribe key in an update's email.
fn key_in(body: &str) -> String {
    let start = body.find("/unsubscribe/").expect("an unsubscribe link") + "/unsubscribe/".len();
    body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

#[tokio::test]
async fn an_update_reaches_once_each_backer_it_concerns_who_wants_news_in_their_language() {
    let app = team_app().await;
    // Anne backs twice (one email), Bea in German without reward, Carl said no to news,
    // Dora cancelled, Emma backs another reward, Fritz in English.
    for (reward, email, extra) in [
        (Some("open"), "anne@example.ch", json!({})),
        (Some("limited-five"), "Anne@Example.ch", json!({})),
        (None, "bea@example.ch", json!({})),
        (Some("open"), "carl@example.ch", json!({"news": false})),
        (Some("open"), "dora@example.ch", json!({})),
        (Some("dated"), "emma@example.ch", json!({"amount": "60.00"})),
        (Some("open"), "fritz@example.ch", json!({})),
    ] {
        let (status, _) = app.pledge(pledge_body(reward, email, extra)).await;
        assert_eq!(status, 201, "{email}");
    }
    let bea = app.query("SELECT token FROM pledges WHERE email = 'bea@example.ch'").await;
    let sql = |lang: &str, who: &str| format!("UPDATE pledges SET lang = '{lang}' WHERE email = '{who}'");
    for statement in [sql("de", "bea@example.ch"), sql("en", "fritz@example.ch")] {
        sea_orm::ConnectionTrait::execute_unprepared(&app.db.write, &statement).await.unwrap();
    }
    let dora = app.query("SELECT token FROM pledges WHERE email = 'dora@example.ch'").await;
    assert_eq!(
        app.post_form(&format!("/pledges/{}/cancel", dora[0]["token"].as_str().unwrap()), &[]).await.status().as_u16(),
        303
    );
    assert_eq!(app.query("SELECT id FROM pledges WHERE news = false").await.len(), 1, "Carl said no");

    let public = write(
        &app,
        &[
            ("title_fr", "L'atelier ouvre"),
            ("body_fr", "Venez **samedi** : [le plan](https://atelier.example.ch/plan)."),
            ("title_de", "Das Atelier öffnet"),
            ("body_de", "Kommen Sie am **Samstag**."),
            ("audience", "public"),
        ],
    )
    .await;
    assert_eq!(publish(&app, public, &[("when", "now"), ("email", "true")]).await.status().as_u16(), 303);
    wait_until_sent(&app, public).await;
    let sent = emails_of(&app, public).await;
    let to: Vec<&str> = sent.iter().map(|(to, ..)| to.as_str()).collect();
    assert_eq!(to.len(), 4, "{to:?}");
    assert!(to.iter().any(|t| t.eq_ignore_ascii_case("anne@example.ch")), "{to:?}");
    for who in ["bea@example.ch", "emma@example.ch", "fritz@example.ch"] {
        assert!(to.contains(&who), "{who}: {to:?}");
    }
    let (_, subject, body) = sent.iter().find(|(to, ..)| to == "bea@example.ch").unwrap();
    assert!(subject.contains("Das Atelier öffnet"), "in German: {subject}");
    assert!(body.contains("Kommen Sie am Samstag.") && body.contains("Guten Tag"), "{body}");
    assert!(body.contains("/news/l-atelier-ouvre?lang=de"), "read online: {body}");
    let (_, subject, body) = sent.iter().find(|(to, ..)| to == "fritz@example.ch").unwrap();
    assert!(subject.contains("L'atelier ouvre") && body.starts_with("Hello"), "French text, English around: {body}");
    assert!(body.contains("le plan <https://atelier.example.ch/plan>"), "links written out: {body}");
    assert_eq!(app.query(&format!("SELECT mailed FROM news WHERE id = {public}")).await[0]["mailed"], 4);

    // For the backers of one reward: only theirs, and through their private link.
    let for_open = write(
        &app,
        &[("title_fr", "Votre atelier"), ("body_fr", "Les dates."), ("audience", "rewards"), ("rewards", "open")],
    )
    .await;
    assert_eq!(publish(&app, for_open, &[("when", "now"), ("email", "true")]).await.status().as_u16(), 303);
    wait_until_sent(&app, for_open).await;
    let sent = emails_of(&app, for_open).await;
    let to: Vec<String> = sent.iter().map(|(to, ..)| to.to_lowercase()).collect();
    assert_eq!(to, ["anne@example.ch", "fritz@example.ch"]);
    let anne_open = app.query("SELECT token FROM pledges WHERE email = 'anne@example.ch'").await;
    assert!(
        sent[0].2.contains(&format!("/pledges/{}/news/votre-atelier", anne_open[0]["token"].as_str().unwrap())),
        "through the pledge of that reward: {}",
        sent[0].2
    );

    // Published without email: none.
    let quiet = write(&app, &[("title_fr", "Sans email"), ("body_fr", "Rien."), ("audience", "backers")]).await;
    assert_eq!(publish(&app, quiet, &[("when", "now")]).await.status().as_u16(), 303);
    assert_eq!(mailing_of(&app, quiet).await, "off");
    let listed = app.get("/team/news").await.text().await.unwrap();
    assert!(
        listed.contains("Par email · envoyés : 0 · en attente : 4") && listed.contains("Pas envoyée par email"),
        "{listed}"
    );
    assert!(emails_of(&app, quiet).await.is_empty());
    assert!(!bea.is_empty());
}

#[tokio::test]
async fn a_mailing_stopped_half_way_goes_on_after_a_restart_and_sends_nobody_twice() {
    let app = team_app().await;
    for n in 0..7 {
        assert_eq!(app.pledge(TestApp::body(None, "20.00", &format!("b{n}@example.ch"))).await.0, 201);
    }
    let id = write(&app, &[("title_fr", "Le défilé"), ("body_fr", "Samedi."), ("audience", "backers")]).await;
    let at = before_deadline() + Duration::hours(2);
    let local = at.with_timezone(&chrono_tz::Europe::Zurich).format("%Y-%m-%dT%H:%M").to_string();
    assert_eq!(publish(&app, id, &[("when", "later"), ("at", &local), ("email", "true")]).await.status().as_u16(), 303);
    assert_eq!(mailing_of(&app, id).await, "pending");

    // At its time, two batches of three are stored, then the process stops.
    let letters = Letters::new(Arc::new(app.campaign_file().clone()), "https://soutenir.example.ch");
    for _ in 0..2 {
        let stored = news_mail::run_once(&app.db, &letters, app.campaign_id, at, 3).await.unwrap();
        assert_eq!(stored, Some(3));
    }
    assert_eq!(mailing_of(&app, id).await, "sending");
    assert_eq!(emails_of(&app, id).await.len(), 6);

    let app = app.restart_at(at + Duration::minutes(1)).await;
    wait_until_sent(&app, id).await;
    let to: Vec<String> = emails_of(&app, id).await.into_iter().map(|(to, ..)| to).collect();
    assert_eq!(to, (0..7).map(|n| format!("b{n}@example.ch")).collect::<Vec<_>>(), "each once");
    // Nothing more comes of it.
    assert_eq!(news_mail::run_once(&app.db, &letters, app.campaign_id, at, 3).await.unwrap(), None);
    assert_eq!(emails_of(&app, id).await.len(), 7);
}

#[tokio::test]
async fn one_click_leaves_the_news_for_the_next_update_and_not_for_a_bill() {
    let app = spawn_paying_app("at-pledge").await;
    add_member(&app, "ines@example.ch").await;
    log_in(&app, "ines@example.ch", PASSWORD).await;
    assert_eq!(app.pledge(TestApp::body(Some("open"), "50.00", "anne@example.ch")).await.0, 201);
    assert_eq!(app.pledge(TestApp::body(None, "20.00", "marc@example.ch")).await.0, 201);
    let first =
        write(&app, &[("title_fr", "Premières nouvelles"), ("body_fr", "Bonjour."), ("audience", "backers")]).await;
    publish(&app, first, &[("when", "now"), ("email", "true")]).await;
    wait_until_sent(&app, first).await;
    let sent = emails_of(&app, first).await;
    let (_, _, body) = sent.iter().find(|(to, ..)| to == "anne@example.ch").unwrap();
    let key = key_in(body);

    // A mail program's button: a POST with no cookie, no form token, no session.
    let stranger = reqwest::Client::new();
    let page = app.get(&format!("/unsubscribe/{key}")).await;
    assert_eq!(page.status().as_u16(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("an•••@example.ch") && !page.contains("anne@example.ch"), "{page}");
    let left = stranger
        .post(app.url(&format!("/unsubscribe/{key}")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(left.status().as_u16(), 200);
    assert!(left.text().await.unwrap().contains("vous ne recevrez plus de nouvelles"));
    assert!(app.query("SELECT id FROM pledges WHERE email = 'anne@example.ch' AND news = true").await.is_empty());
    let unknown =
        stranger.post(app.url("/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).send().await.unwrap();
    assert_eq!(unknown.status().as_u16(), 404);

    // The next update goes to Marc only; a new pledge of Anne's, without news, is still billed.
    let second = write(&app, &[("title_fr", "Suite"), ("body_fr", "Encore."), ("audience", "backers")]).await;
    publish(&app, second, &[("when", "now"), ("email", "true")]).await;
    wait_until_sent(&app, second).await;
    let to: Vec<String> = emails_of(&app, second).await.into_iter().map(|(to, ..)| to).collect();
    assert_eq!(to, ["marc@example.ch"]);
    let (status, again) = app.pledge(pledge_body(None, "anne@example.ch", json!({"news": false}))).await;
    assert_eq!(status, 201);
    app.wait_for(
        &format!("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_bill' AND pledge_id = {}", again["id"]),
        1,
    )
    .await;

    // From her private page, Anne takes the news again.
    let token = again["token"].as_str().unwrap();
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Vous ne recevez pas les nouvelles"), "{page}");
    let back = app.post_form(&format!("/pledges/{token}/news"), &[("wanted", "true")]).await;
    assert_eq!(back.status().as_u16(), 303);
    assert_eq!(app.query("SELECT id FROM pledges WHERE email = 'anne@example.ch' AND news = false").await.len(), 0);
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Vous recevez les nouvelles de la campagne par email"), "{page}");
}

#[tokio::test]
async fn the_pledge_form_asks_for_news_ticked_and_an_unticked_box_is_kept() {
    let app = spawn_paying_app("on-success").await;
    let form = app.get("/pledge").await.text().await.unwrap();
    assert!(form.contains(r#"name="news" value="true" checked"#), "{form}");
    let fields = [("amount", "25"), ("name", "Léa Müller"), ("email", "lea@example.ch"), ("method", "bank")];
    let placed = app.post_form("/pledge", &fields).await;
    assert_eq!(placed.status().as_u16(), 303, "{}", placed.text().await.unwrap());
    assert_eq!(app.query("SELECT id FROM pledges WHERE news = false").await.len(), 1, "no box, no news");
    let mut with_news = fields.to_vec();
    with_news[2] = ("email", "noe@example.ch");
    with_news.push(("news", "true"));
    assert_eq!(app.post_form("/pledge", &with_news).await.status().as_u16(), 303);
    assert_eq!(app.query("SELECT email FROM pledges WHERE news = true").await[0]["email"], "noe@example.ch");
    let mut wrong = fields.to_vec();
    wrong[0] = ("amount", "abc");
    let refused = app.post_form("/pledge", &wrong).await.text().await.unwrap();
    assert!(!refused.contains(r#"name="news" value="true" checked"#), "kept unticked: {refused}");
}

#[tokio::test]
async fn an_update_leaves_with_the_one_click_headers_and_an_email_about_money_without() {
    use bobine::config::{Confirmation, MailSettings, Smtp};
    let server = crate::smtp::FakeSmtp::start(&[]).await;
    let app = crate::helpers::spawn_mailing_app(MailSettings {
        public_url: Some("https://soutenir.example.ch".into()),
        smtp: Some(Smtp { url: server.url(), from: "Bobine <bonjour@example.ch>".into() }),
        poll: std::time::Duration::from_millis(50),
        pledge_confirmation: Some(Confirmation::AtOnce),
    })
    .await;
    add_member(&app, "ines@example.ch").await;
    log_in(&app, "ines@example.ch", PASSWORD).await;
    assert_eq!(app.pledge(TestApp::body(None, "20.00", "anne@example.ch")).await.0, 201);
    let id = write(&app, &[("title_fr", "Nouvelles"), ("body_fr", "Texte."), ("audience", "public")]).await;
    publish(&app, id, &[("when", "now"), ("email", "true")]).await;
    app.wait_for(&format!("SELECT COUNT(*) AS n FROM emails WHERE news_id = {id} AND state = 'sent'"), 1).await;
    let received = server.received();
    assert_eq!(received.len(), 2, "{received:?}");
    let update = received.iter().find(|m| m.contains("Nouvelles")).unwrap();
    assert!(update.contains("Texte."), "the update's text goes in as the email leaves: {update}");
    let key = app.query(&format!("SELECT unsubscribe FROM emails WHERE news_id = {id}")).await;
    let key = key[0]["unsubscribe"].as_str().unwrap();
    assert!(update.contains(&format!("List-Unsubscribe: <https://soutenir.example.ch/unsubscribe/{key}>")), "{update}");
    assert!(update.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{update}");
    let placed = received.iter().find(|m| !m.contains("Nouvelles")).unwrap();
    assert!(!placed.contains("List-Unsubscribe"), "{placed}");
    let listed = app.get(&format!("/team/news/{id}")).await.text().await.unwrap();
    assert!(listed.contains("Par email · envoyés : 1 · en attente : 0 · en échec : 0"), "{listed}");
    let dashboard = app.get("/team").await.text().await.unwrap();
    assert!(dashboard.contains(&format!("/team/news/{id}")) && dashboard.contains("envoyés : 1"), "{dashboard}");
}
