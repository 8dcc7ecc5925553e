//! A pledge counts once its backer confirms it through the link emailed to them: fake pledges
//! in someone else's name, or to a mistyped address, hold a limited reward for half an hour
//! at most, count in no figure, and disappear after a week.

use std::time::Duration;

use bobine::config::{Confirmation, MailSettings, Smtp};
use bobine::domain::states::{CampaignState, EmailKind, PledgeState};
use chrono::TimeDelta;
use entity::{email, pledge};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::helpers::{TestApp, deadline, reward, spawn_app, spawn_confirming_app, spawn_mailing_app};
use crate::smtp::{FakeSmtp, quoted_printable};
use crate::team::{PASSWORD, add_member, log_in};

/// The emails the outbox holds, oldest first.
async fn emails(app: &TestApp) -> Vec<email::Model> {
    email::Entity::find().order_by_asc(email::Column::Id).all(&app.db.read).await.unwrap()
}

/// The confirmation link the outbox holds for `address`, as a path of the site.
async fn confirm_link(app: &TestApp, address: &str) -> String {
    let found = emails(app)
        .await
        .into_iter()
        .rev()
        .find(|e| e.kind == EmailKind::PledgeConfirm && e.to_address == address)
        .unwrap_or_else(|| panic!("no confirmation email to {address}"));
    let start = found.body.find("/pledges/confirm/").expect("the email holds the link");
    let path: String = found.body[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    path
}

async fn stored(app: &TestApp, token: &str) -> pledge::Model {
    pledge::Entity::find().filter(pledge::Column::Token.eq(token)).one(&app.db.read).await.unwrap().unwrap()
}

/// Places a pledge through the API, expecting it to wait for confirmation; returns its token.
async fn unconfirmed(app: &TestApp, reward: Option<&str>, amount: &str, address: &str) -> String {
    let (status, body) = app.pledge(TestApp::body(reward, amount, address)).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["state"], "unconfirmed", "{body}");
    body["token"].as_str().unwrap().to_owned()
}

/// Waits until the campaign's `id` reward has `left` units, as the sweeper releases holds.
async fn until_left(app: &TestApp, id: &str, left: i64) {
    for _ in 0..100 {
        if reward(&app.campaign().await, id)["remaining"] == json!(left) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{id} never had {left} left: {}", app.campaign().await);
}

#[tokio::test]
async fn a_pledge_counts_only_once_its_backer_opens_the_link_emailed_to_them() {
    let app = spawn_confirming_app().await;
    let (status, body) = app.pledge(TestApp::body(Some("limited-five"), "10", "anne@example.ch")).await;
    assert_eq!(status, 201);
    assert_eq!(body["state"], "unconfirmed");
    assert!(body["message"].as_str().unwrap().contains("anne@example.ch"), "the answer says what to do: {body}");
    let token = body["token"].as_str().unwrap();

    // Counted nowhere, but the unit is held.
    let campaign = app.campaign().await;
    assert_eq!((campaign["pledged"].as_str(), &campaign["backers"]), (Some("0.00"), &json!(0)));
    assert_eq!(reward(&campaign, "limited-five")["remaining"], 4);

    // The private link the API handed out shows the pledge but never confirms it.
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("anne@example.ch") && page.contains("réservée jusqu"), "the page says it waits: {page}");
    assert_eq!(stored(&app, token).await.state, PledgeState::Unconfirmed);

    // The email: the link, no private link, nothing of the visitor's but the name.
    let mail = emails(&app).await.pop().unwrap();
    assert_eq!((mail.kind, mail.to_address.as_str()), (EmailKind::PledgeConfirm, "anne@example.ch"));
    assert!(!mail.body.contains(token), "the confirmation email does not hand out the private link");
    let link = confirm_link(&app, "anne@example.ch").await;
    assert_ne!(link, format!("/pledges/confirm/{token}"), "a separate secret");

    let opened = app.get(&link).await;
    assert_eq!(opened.status().as_u16(), 303);
    assert_eq!(opened.headers()["location"], format!("/pledges/{token}").as_str());
    let campaign = app.campaign().await;
    assert_eq!((campaign["pledged"].as_str(), &campaign["backers"]), (Some("10.00"), &json!(1)));
    assert_eq!(reward(&campaign, "limited-five")["remaining"], 4, "the held unit became the pledge's");
    assert_eq!(stored(&app, token).await.state, PledgeState::Active);
    let receipt = emails(&app).await.pop().unwrap();
    assert_eq!(receipt.kind, EmailKind::PledgePlaced, "the receipt, with the private link, follows");
    assert!(receipt.body.contains(token));

    // Opened again: the private page, nothing counted twice, no second receipt.
    let again = app.get(&link).await;
    assert_eq!(again.status().as_u16(), 303);
    assert_eq!(again.headers()["location"], format!("/pledges/{token}").as_str());
    assert_eq!(app.campaign().await["pledged"], "10.00");
    assert_eq!(emails(&app).await.len(), 2);
    app.assert_counters_match_pledges().await;

    assert_eq!(app.get("/pledges/confirm/not-a-secret-at-all").await.status().as_u16(), 404);
}

#[tokio::test]
async fn the_pledge_form_says_to_confirm_by_email() {
    let app = spawn_confirming_app().await;
    let form = app.get("/pledge").await.text().await.unwrap();
    assert!(form.contains("Nous vous envoyons un lien pour confirmer votre promesse"), "the form says it first");
    let posted = app
        .post_form("/pledge", &[("reward", ""), ("amount", "25"), ("name", "Zoé Müller"), ("email", "zoe@example.ch")])
        .await;
    assert_eq!(posted.status().as_u16(), 303);
    let private = posted.headers()["location"].to_str().unwrap().to_owned();
    let page = app.get(&private).await.text().await.unwrap();
    assert!(page.contains("nous vous avons envoyé un email"), "the flash says to confirm: {page}");
    assert!(page.contains("zoe@example.ch"));
    assert_eq!(app.campaign().await["pledged"], "0.00");

    // Only the link confirms: changing before confirming is refused with a message.
    let token = private.trim_start_matches("/pledges/");
    let change = app.post_form(&private, &[("reward", ""), ("amount", "30")]).await;
    assert_eq!(change.status().as_u16(), 422);
    assert!(change.text().await.unwrap().contains("Confirmez d"), "the page says why");
    assert_eq!(stored(&app, token).await.amount_cents, 2500);
}

#[tokio::test]
async fn fake_pledges_hold_a_limited_reward_for_thirty_minutes_at_most() {
    let app = spawn_confirming_app().await;
    let mut fakes = Vec::new();
    for n in 0..5 {
        fakes.push(unconfirmed(&app, Some("limited-five"), "10", &format!("fake{n}@example.ch")).await);
    }
    let (status, body) = app.pledge(TestApp::body(Some("limited-five"), "10", "real@example.ch")).await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("sold_out")), "held while they may confirm");
    assert_eq!(app.campaign().await["pledged"], "0.00", "yet nothing counts");

    app.clock.set(app.clock.now() + TimeDelta::minutes(31));
    until_left(&app, "limited-five", 5).await;
    let real = unconfirmed(&app, Some("limited-five"), "10", "real@example.ch").await;
    assert_eq!(
        stored(&app, &real).await.hold_until_ms,
        Some((app.clock.now() + TimeDelta::minutes(30)).timestamp_millis())
    );
    app.assert_counters_match_pledges().await;

    // A late confirmation takes a unit again while one remains…
    let late = confirm_link(&app, "fake0@example.ch").await;
    assert_eq!(app.get(&late).await.status().as_u16(), 303);
    assert_eq!(stored(&app, &fakes[0]).await.state, PledgeState::Active);
    for n in 0..3 {
        unconfirmed(&app, Some("limited-five"), "10", &format!("other{n}@example.ch")).await;
    }
    until_left(&app, "limited-five", 0).await;

    // …and once none remains, the backer is told and chooses another reward or none.
    let too_late = confirm_link(&app, "fake1@example.ch").await;
    let refused = app.get(&too_late).await;
    assert_eq!(refused.status().as_u16(), 409);
    let page = refused.text().await.unwrap();
    assert!(page.contains("épuisée pendant que votre promesse attendait"), "{page}");
    assert!(page.contains(&format!("action=\"{too_late}\"")), "a form to choose again: {page}");
    assert_eq!(stored(&app, &fakes[1]).await.state, PledgeState::Unconfirmed);

    let csrf = app.csrf_token().await;
    let chosen = app
        .client
        .post(app.url(&too_late))
        .form(&[("csrf", csrf.as_str()), ("reward", ""), ("amount", "10")])
        .send()
        .await
        .unwrap();
    assert_eq!(chosen.status().as_u16(), 303);
    let confirmed = stored(&app, &fakes[1]).await;
    assert_eq!((confirmed.state, confirmed.reward_id), (PledgeState::Active, None));
    assert_eq!(app.campaign().await["pledged"], "20.00");
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_counted_early_bird_place_is_held_and_released_like_a_unit() {
    let app = spawn_confirming_app().await;
    unconfirmed(&app, Some("early"), "90", "a@example.ch").await;
    unconfirmed(&app, Some("early"), "90", "b@example.ch").await;
    let (status, body) = app.pledge(TestApp::body(Some("early"), "90", "c@example.ch")).await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("amount_below_minimum")), "{body}");
    app.clock.set(app.clock.now() + TimeDelta::minutes(31));
    until_left(&app, "early", 10).await;
    unconfirmed(&app, Some("early"), "90", "c@example.ch").await;
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn cancelling_an_unconfirmed_pledge_frees_its_unit_and_emails_nobody() {
    let app = spawn_confirming_app().await;
    let token = unconfirmed(&app, Some("limited-five"), "10", "someone-else@example.ch").await;
    let cancelled = app.post_form(&format!("/pledges/{token}/cancel"), &[]).await;
    assert_eq!(cancelled.status().as_u16(), 303);
    assert_eq!(reward(&app.campaign().await, "limited-five")["remaining"], 5);
    assert_eq!(emails(&app).await.len(), 1, "only the confirmation email, never one more to an unproven address");
    // Its link no longer confirms anything.
    let link = confirm_link(&app, "someone-else@example.ch").await;
    assert_eq!(app.get(&link).await.status().as_u16(), 303);
    assert_eq!(stored(&app, &token).await.state, PledgeState::Cancelled);
    assert_eq!(app.campaign().await["pledged"], "0.00");
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn from_the_deadline_on_a_pledge_can_no_longer_be_confirmed_and_the_result_stands() {
    let app = spawn_confirming_app().await;
    // Within the week an unconfirmed pledge is kept.
    app.clock.set(deadline() - TimeDelta::hours(1));
    // Two fake pledges of CHF 10,000 would make this all-or-nothing campaign succeed.
    unconfirmed(&app, None, "10000", "fake1@example.ch").await;
    unconfirmed(&app, None, "10000", "fake2@example.ch").await;
    let real = unconfirmed(&app, None, "100", "real@example.ch").await;
    let link = confirm_link(&app, "real@example.ch").await;
    assert_eq!(app.get(&link).await.status().as_u16(), 303);

    app.clock.set(deadline());
    let late = confirm_link(&app, "fake1@example.ch").await;
    let refused = app.get(&late).await;
    let status = refused.status().as_u16();
    let page = refused.text().await.unwrap();
    assert_eq!(status, 409, "{late}: {page}");
    assert!(page.contains("ne peut plus être confirmée"));

    let mut campaign = app.campaign().await;
    for _ in 0..50 {
        if campaign["state"] != "open" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        campaign = app.campaign().await;
    }
    assert_eq!(campaign["state"], CampaignState::Failed.to_string(), "{campaign}");
    assert_eq!(campaign["pledged"], "100.00");
    assert_eq!(stored(&app, &real).await.state, PledgeState::Active);
    // A link confirmed before the close still leads to its pledge.
    let again = app.get(&link).await;
    assert_eq!(again.status().as_u16(), 303);
    assert_eq!(again.headers()["location"], format!("/pledges/{real}").as_str());
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn unconfirmed_pledges_are_deleted_after_a_week_with_their_emails() {
    let app = spawn_confirming_app().await;
    let gone = unconfirmed(&app, Some("open"), "40", "typo@exampel.ch").await;
    let kept = unconfirmed(&app, None, "20", "anne@example.ch").await;
    let link = confirm_link(&app, "anne@example.ch").await;
    app.get(&link).await;

    app.clock.set(app.clock.now() + TimeDelta::days(7) + TimeDelta::minutes(1));
    for _ in 0..100 {
        if app.stored_pledges().await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(app.stored_pledges().await, 1);
    assert_eq!(app.get(&format!("/pledges/{gone}")).await.status().as_u16(), 404);
    assert_eq!(stored(&app, &kept).await.state, PledgeState::Active);
    let left: Vec<String> = emails(&app).await.into_iter().map(|e| e.to_address).collect();
    assert!(!left.contains(&"typo@exampel.ch".to_owned()), "nothing kept of the address: {left:?}");
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn with_smtp_the_confirmation_link_is_sent_by_default() {
    let server = FakeSmtp::start(&[]).await;
    let mail = MailSettings {
        public_url: Some("https://soutenir.example.ch".into()),
        smtp: Some(Smtp { url: server.url(), from: "Bobine <bonjour@example.ch>".into() }),
        poll: Duration::from_millis(50),
        ..MailSettings::default()
    };
    assert_eq!(mail.confirmation(), Confirmation::ByEmail);
    let app = spawn_mailing_app(mail).await;
    let token = unconfirmed(&app, None, "25", "lea@example.ch").await;
    let mut received = Vec::new();
    for _ in 0..100 {
        received = server.received();
        if !received.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let sent = quoted_printable(&received.join("\n"));
    assert!(sent.contains("https://soutenir.example.ch/pledges/confirm/"), "{sent}");
    assert!(!sent.contains(&token));
}

#[tokio::test]
async fn without_smtp_pledges_count_at_once_and_the_dashboard_says_so() {
    let app = spawn_app().await;
    let (status, body) = app.pledge(TestApp::body(None, "25", "lea@example.ch")).await;
    assert_eq!((status, &body["state"]), (201, &Value::from("active")));
    assert_eq!(app.campaign().await["pledged"], "25.00");
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let dashboard = app.get("/team").await.text().await.unwrap();
    assert!(dashboard.contains("BOBINE_SMTP_URL"), "the team is warned: {dashboard}");

    let confirming = spawn_confirming_app().await;
    add_member(&confirming, "anne@example.ch").await;
    log_in(&confirming, "anne@example.ch", PASSWORD).await;
    unconfirmed(&confirming, None, "25", "lea@example.ch").await;
    let dashboard = confirming.get("/team").await.text().await.unwrap();
    assert!(!dashboard.contains("BOBINE_SMTP_URL"), "no warning when pledges are confirmed");
    assert!(dashboard.contains("promesses en attente de confirmation"));
}

#[tokio::test]
async fn many_links_opened_at_once_confirm_each_pledge_once() {
    let app = spawn_confirming_app().await;
    // One whose hold ends before it is confirmed, among others that still hold theirs.
    unconfirmed(&app, Some("early"), "90", "late@example.ch").await;
    app.clock.set(app.clock.now() + TimeDelta::minutes(31));
    until_left(&app, "early", 10).await;
    let mut addresses = vec!["late@example.ch".to_owned()];
    for n in 0..30 {
        let address = format!("b{n}@example.ch");
        let reward = if n < 5 { Some("limited-five") } else { None };
        unconfirmed(&app, reward, "10", &address).await;
        addresses.push(address);
    }
    let mut links = Vec::new();
    for address in &addresses {
        links.push(confirm_link(&app, address).await);
    }
    // Every link twice, all at once: the writer takes them in a few batches.
    let opened = links.iter().chain(links.iter()).map(|link| app.client.get(app.url(link)).send());
    let answers = futures::future::join_all(opened).await;
    assert!(answers.iter().all(|a| a.as_ref().unwrap().status().as_u16() == 303));

    let campaign = app.campaign().await;
    assert_eq!((campaign["pledged"].as_str(), &campaign["backers"]), (Some("390.00"), &json!(31)));
    assert_eq!(reward(&campaign, "limited-five")["remaining"], 0);
    assert_eq!(reward(&campaign, "early")["remaining"], 9, "the released one claimed its unit again");
    let receipts = emails(&app).await.into_iter().filter(|e| e.kind == EmailKind::PledgePlaced).count();
    assert_eq!(receipts, 31, "one receipt each");
    app.assert_counters_match_pledges().await;
}
