//! The outbox: pledge emails stored with the pledge, visible to the team without SMTP, and
//! sent over SMTP with retries when a server is configured.

use entity::email::{EmailKind, EmailState};
use std::time::Duration;

use bobine::config::{Confirmation, MailSettings, Smtp};
use bobine::services::outbox::{self, Mail};
use entity::email;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::Value;

use crate::helpers::{TestApp, before_deadline, spawn_app, spawn_mailing_app, start_error};
use crate::smtp::{FakeSmtp, quoted_printable};
use crate::team::{PASSWORD, add_member, log_in};

async fn emails(app: &TestApp) -> Vec<email::Model> {
    email::Entity::find().order_by_asc(email::Column::Id).all(&app.db.read).await.unwrap()
}

/// Waits up to five seconds for the outbox to satisfy `done`.
async fn until(app: &TestApp, what: &str, done: impl Fn(&[email::Model]) -> bool) -> Vec<email::Model> {
    for _ in 0..250 {
        let emails = emails(app).await;
        if done(&emails) {
            return emails;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("{what}: {:?}", emails(app).await);
}

fn mailing_to(server: &FakeSmtp) -> MailSettings {
    MailSettings {
        public_url: Some("https://soutenir.example.ch".into()),
        smtp: Some(Smtp { url: server.url(), from: "Bobine <bonjour@example.ch>".into() }),
        poll: Duration::from_millis(50),
        // These tests follow emails about pledges that count; confirming has its own tests.
        pledge_confirmation: Some(Confirmation::AtOnce),
    }
}

#[tokio::test]
async fn each_pledge_placed_changed_or_cancelled_is_told_by_an_email_kept_for_the_team() {
    let app = spawn_app().await;
    for n in 0..5 {
        let (status, _) = app.pledge(TestApp::body(Some("limited-five"), "10", &format!("b{n}@example.ch"))).await;
        assert_eq!(status, 201);
    }
    let (status, _) = app.pledge(TestApp::body(Some("limited-five"), "10", "late@example.ch")).await;
    assert_eq!(status, 409);
    assert_eq!(emails(&app).await.len(), 5, "a refused pledge leaves no email");

    let (_, created) = app.pledge(TestApp::body(Some("open"), "40", "zoe@example.ch")).await;
    let token = created["token"].as_str().unwrap();
    let changed = app.post_form(&format!("/pledges/{token}"), &[("reward", "open"), ("amount", "55")]).await;
    assert_eq!(changed.status().as_u16(), 303);
    assert_eq!(app.post_form(&format!("/pledges/{token}/cancel"), &[]).await.status().as_u16(), 303);

    let outbox = emails(&app).await;
    let zoe: Vec<&email::Model> = outbox.iter().filter(|e| e.to_address == "zoe@example.ch").collect();
    let kinds: Vec<EmailKind> = zoe.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EmailKind::PledgePlaced, EmailKind::PledgeChanged, EmailKind::PledgeCancelled]);
    let placed = zoe[0];
    assert_eq!(placed.state, EmailState::Waiting);
    assert!(placed.subject.contains("CHF 40.00"), "{}", placed.subject);
    assert!(placed.body.contains(&format!("/pledges/{token}")), "{}", placed.body);
    assert!(placed.body.contains(created["reference"].as_str().unwrap()));
    assert!(placed.body.starts_with("Bonjour Anne Dupont,"), "{}", placed.body);
    assert!(zoe[1].body.contains("CHF 55.00"));

    assert_eq!(app.get("/team/outbox").await.status().as_u16(), 303, "the outbox needs a session");
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let page = app.get("/team/outbox").await.text().await.unwrap();
    assert!(page.contains("Aucun serveur SMTP"), "the team is told why the emails wait");
    assert!(page.contains(&format!("/pledges/{token}")) && page.contains("zoe@example.ch"));
    let waiting = app.get("/team/outbox?state=sent").await.text().await.unwrap();
    assert!(waiting.contains("Aucun e-mail"));
}

#[tokio::test]
async fn the_mailer_retries_a_failing_smtp_server_later_and_then_sends() {
    let server = FakeSmtp::start(&["451 4.3.0 mailbox busy, try again later"]).await;
    let app = spawn_mailing_app(mailing_to(&server)).await;
    let started = app.clock.now();
    let (_, created) = app.pledge(TestApp::body(Some("open"), "40", "zoe@example.ch")).await;
    let token = created["token"].as_str().unwrap();

    let outbox = until(&app, "a first failed attempt", |e| e.len() == 1 && e[0].last_error.is_some()).await;
    assert_eq!((outbox[0].state, outbox[0].attempts), (EmailState::Waiting, 1));
    assert!(outbox[0].last_error.as_deref().unwrap().contains("451"), "{:?}", outbox[0].last_error);
    assert_eq!(outbox[0].next_attempt_ms, started.timestamp_millis() + 30_000, "half a minute later");

    // Not before its time, however often the mailer looks.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(*server.offered.lock().unwrap(), 1);

    app.clock.set(started + chrono::Duration::seconds(31));
    let outbox = until(&app, "sent on the second attempt", |e| e[0].state == EmailState::Sent).await;
    assert_eq!(outbox[0].attempts, 2);
    assert_eq!(outbox[0].last_error, None);
    let received = server.received();
    assert_eq!(received.len(), 1);
    let message = &received[0];
    assert!(message.contains("To: zoe@example.ch") && message.contains("From: Bobine <bonjour@example.ch>"));
    let text = quoted_printable(message);
    assert!(text.contains(&format!("https://soutenir.example.ch/pledges/{token}")), "{text}");
    assert!(text.contains("Référence"), "accents survive the trip: {text}");
}

#[tokio::test]
async fn a_refused_address_fails_at_once_and_the_team_can_send_it_again() {
    let server = FakeSmtp::start(&["550 5.1.1 no such user"]).await;
    let app = spawn_mailing_app(mailing_to(&server)).await;
    app.pledge(TestApp::body(None, "25", "typo@example.ch")).await;
    let outbox = until(&app, "failed for good", |e| e.len() == 1 && e[0].state == EmailState::Failed).await;
    assert_eq!(outbox[0].attempts, 1, "a permanent refusal is not retried");

    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let page = app.get("/team/outbox?state=failed").await.text().await.unwrap();
    assert!(page.contains("(550): 5.1.1 no such user"), "the team sees why: {page}");
    let send_again = app.url(&format!("/team/outbox/{}/send-again", outbox[0].id));
    let forged = app.client.post(&send_again).form(&[("csrf", "forged")]).send().await.unwrap();
    assert_eq!(forged.status().as_u16(), 403);
    let again = app.post_form(&format!("/team/outbox/{}/send-again", outbox[0].id), &[]).await;
    assert_eq!(again.status().as_u16(), 303);
    until(&app, "sent once asked again", |e| e[0].state == EmailState::Sent).await;
    assert_eq!(server.received().len(), 1);
}

/// The value of a header of a message as the SMTP server received it, unfolded.
fn header(message: &str, name: &str) -> Option<String> {
    let head = message.split("\n\n").next().unwrap_or_default();
    let unfolded = head.replace("\n ", " ").replace("\n\t", " ");
    let prefix = format!("{}:", name.to_ascii_lowercase());
    unfolded.lines().find_map(|line| {
        let lower = line.to_ascii_lowercase();
        lower.starts_with(&prefix).then(|| line[prefix.len()..].trim().to_owned())
    })
}

#[tokio::test]
async fn every_email_sent_has_a_message_id_of_the_senders_domain_and_a_date() {
    let server = FakeSmtp::start(&[]).await;
    let app = spawn_mailing_app(mailing_to(&server)).await;
    for address in ["lea@example.ch", "zoe@example.ch"] {
        assert_eq!(app.pledge(TestApp::body(None, "25", address)).await.0, 201);
    }
    until(&app, "both sent", |e| e.len() == 2 && e.iter().all(|m| m.state == EmailState::Sent)).await;

    let received = server.received();
    assert_eq!(received.len(), 2);
    let ids: Vec<String> = received.iter().map(|m| header(m, "Message-ID").expect("a Message-ID")).collect();
    for id in &ids {
        let inside = id.strip_prefix('<').and_then(|id| id.strip_suffix("@example.ch>"));
        assert!(inside.is_some_and(|local| local.len() >= 16 && !local.contains(['<', '>', '@', ' '])), "{id}");
    }
    assert_ne!(ids[0], ids[1], "each email has its own");
    for message in &received {
        let date = header(message, "Date").expect("a Date");
        let date = chrono::DateTime::parse_from_rfc2822(&date).unwrap_or_else(|e| panic!("{date}: {e}"));
        assert_eq!(date, app.clock.now(), "the time it was sent");
    }
}

#[tokio::test]
async fn links_in_emails_follow_the_public_address_set_before_they_leave() {
    // Written while the site had another address and no SMTP server.
    let earlier = MailSettings { public_url: Some("https://ancienne.example.ch".into()), ..MailSettings::default() };
    let app = spawn_mailing_app(earlier).await;
    let (_, created) = app.pledge(TestApp::body(Some("open"), "40", "zoe@example.ch")).await;
    let token = created["token"].as_str().unwrap().to_owned();
    let stored = &emails(&app).await[0];
    assert!(stored.body.contains(&format!("/pledges/{token}")), "{}", stored.body);
    assert!(!stored.body.contains("://"), "no address of the site is stored: {}", stored.body);
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let page = app.get("/team/outbox").await.text().await.unwrap();
    assert!(page.contains(&format!("https://ancienne.example.ch/pledges/{token}")), "read with today's address");
    // An email stored with its links already absolute, as emails were before.
    let old = Mail {
        kind: EmailKind::PledgePlaced,
        to: "old@example.ch".into(),
        subject: "Votre promesse".into(),
        body: "Bonjour,\nhttps://ancienne.example.ch/pledges/old-token\n".into(),
        pledge_id: None,
        list: None,
    };
    outbox::queue(&app.db.write, &[old], app.clock.now()).await.unwrap();

    let server = FakeSmtp::start(&[]).await;
    let app = app.restart_with_mail(mailing_to(&server)).await;
    until(&app, "both sent", |e| e.len() == 2 && e.iter().all(|m| m.state == EmailState::Sent)).await;
    let sent = quoted_printable(&server.received().join("\n"));
    assert!(sent.contains(&format!("https://soutenir.example.ch/pledges/{token}")), "{sent}");
    assert!(!sent.contains(&format!("https://ancienne.example.ch/pledges/{token}")));
    assert!(sent.contains("https://ancienne.example.ch/pledges/old-token"), "old emails leave unchanged: {sent}");
    assert!(!sent.contains('\u{1A}'), "{sent}");
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let page = app.get("/team/outbox").await.text().await.unwrap();
    assert!(page.contains(&format!("https://soutenir.example.ch/pledges/{token}")), "{page}");
}

#[tokio::test]
async fn smtp_without_a_public_address_or_with_a_wrong_one_does_not_start() {
    let server = FakeSmtp::start(&[]).await;
    let without = MailSettings { public_url: None, ..mailing_to(&server) };
    let error = start_error(without).await;
    assert!(error.contains("BOBINE_PUBLIC_URL: set the address people reach the site at"), "{error}");
    let relative = MailSettings { public_url: Some("soutenir.example.ch".into()), ..mailing_to(&server) };
    let error = start_error(relative).await;
    assert!(error.contains("BOBINE_PUBLIC_URL: \"soutenir.example.ch\" is not an absolute"), "{error}");
    assert_eq!(*server.offered.lock().unwrap(), 0);
}

async fn work(app: &TestApp) -> Value {
    let summary: Value = app.get("/api/team/summary").await.json().await.unwrap();
    summary["work"].clone()
}

#[tokio::test]
async fn without_smtp_the_team_marks_an_email_handled_by_hand_and_it_is_no_longer_work() {
    let app = spawn_app().await;
    app.pledge(TestApp::body(None, "25", "lea@example.ch")).await;
    let id = emails(&app).await[0].id;
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    assert_eq!(work(&app).await["emails_waiting"], 1);
    let handled = format!("/team/outbox/{id}/handled");
    assert!(app.get("/team/outbox").await.text().await.unwrap().contains(&handled), "a button for it");

    let forged = app.client.post(app.url(&handled)).form(&[("csrf", "forged")]).send().await.unwrap();
    assert_eq!(forged.status().as_u16(), 403);
    let outsider = app.browser_from("127.0.0.2");
    outsider.post_form(&handled, &[]).await;
    assert_eq!(emails(&app).await[0].state, EmailState::Waiting, "the team's only, with its form token");
    assert_eq!(app.post_form(&handled, &[]).await.status().as_u16(), 303);
    let stored = &emails(&app).await[0];
    assert_eq!((stored.state, stored.sent_at_ms), (EmailState::Handled, Some(before_deadline().timestamp_millis())));
    let left = work(&app).await;
    assert_eq!((left["emails_waiting"].as_i64(), left["emails_failed"].as_i64()), (Some(0), Some(0)));

    let page = app.get("/team/outbox?state=handled").await.text().await.unwrap();
    assert!(page.contains("lea@example.ch") && page.contains("transmis à la main le"), "{page}");
    assert!(!page.contains(&handled), "once is enough");
    assert!(app.get("/team/outbox?state=waiting").await.text().await.unwrap().contains("Aucun e-mail"));
    assert_eq!(app.post_form(&handled, &[]).await.status().as_u16(), 404, "only a waiting or failed email");
}

#[tokio::test]
async fn a_failed_email_handled_by_hand_is_left_alone_until_sent_again() {
    let server = FakeSmtp::start(&["550 5.1.1 no such user"]).await;
    let app = spawn_mailing_app(mailing_to(&server)).await;
    app.pledge(TestApp::body(None, "25", "typo@example.ch")).await;
    let outbox = until(&app, "failed for good", |e| e.len() == 1 && e[0].state == EmailState::Failed).await;
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    assert_eq!(work(&app).await["emails_failed"], 1);
    let id = outbox[0].id;
    assert_eq!(app.post_form(&format!("/team/outbox/{id}/handled"), &[]).await.status().as_u16(), 303);
    assert_eq!(work(&app).await["emails_failed"], 0);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!((emails(&app).await[0].state, *server.offered.lock().unwrap()), (EmailState::Handled, 1));

    // A mistaken mark is undone by sending it again.
    assert_eq!(app.post_form(&format!("/team/outbox/{id}/send-again"), &[]).await.status().as_u16(), 303);
    let outbox = until(&app, "sent once asked again", |e| e[0].state == EmailState::Sent).await;
    assert_eq!(outbox[0].sent_at_ms, Some(app.clock.now().timestamp_millis()));
}
