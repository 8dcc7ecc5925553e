//! The team cancels a flood of fake pledges at once: the ticked ones, or every one matching a
//! filter such as one address or one minute, without emailing addresses nobody proved.

use bobine::domain::states::{EmailKind, PledgeState};
use chrono::TimeDelta;
use entity::{email, pledge};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::helpers::{TestApp, spawn_app};
use crate::team::{PASSWORD, add_member, log_in};

async fn states(app: &TestApp) -> Vec<(String, PledgeState)> {
    let all = pledge::Entity::find().order_by_asc(pledge::Column::Id).all(&app.db.read).await.unwrap();
    all.into_iter().map(|p| (p.email, p.state)).collect()
}

async fn cancellation_emails(app: &TestApp) -> usize {
    let found = email::Entity::find().filter(email::Column::Kind.eq(EmailKind::PledgeCancelled)).all(&app.db.read);
    found.await.unwrap().len()
}

#[tokio::test]
async fn the_team_cancels_every_pledge_from_one_address_and_emails_nobody() {
    let app = spawn_app().await;
    let flood = app.browser_from("127.0.0.2");
    for n in 0..6 {
        let answer = flood.pledge(&TestApp::body(Some("limited-five"), "10", &format!("fake{n}@example.ch"))).await;
        assert!([201, 409].contains(&answer.status().as_u16()));
    }
    let (status, _) = app.pledge(TestApp::body(None, "50", "real@example.ch")).await;
    assert_eq!(status, 201);

    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let list = app.get("/team/pledges?address=127.0.0.2").await.text().await.unwrap();
    assert!(list.contains("fake0@example.ch") && !list.contains("real@example.ch"), "{list}");

    let forged = app
        .client
        .post(app.url("/team/pledges/cancel"))
        .form(&[("csrf", "forged"), ("all", "true"), ("filter.address", "127.0.0.2")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);

    let done = app.post_form("/team/pledges/cancel", &[("all", "true"), ("filter.address", "127.0.0.2")]).await;
    assert_eq!(done.status().as_u16(), 303);
    assert_eq!(done.headers()["location"], "/team/pledges?address=127.0.0.2");
    let page = app.get("/team/pledges?address=127.0.0.2").await.text().await.unwrap();
    assert!(page.contains("5 promesses annulées"), "{page}");
    let states = states(&app).await;
    assert!(states.iter().filter(|(e, _)| e.starts_with("fake")).all(|(_, s)| *s == PledgeState::Cancelled));
    assert!(states.iter().any(|(e, s)| e == "real@example.ch" && *s == PledgeState::Active));
    assert_eq!(cancellation_emails(&app).await, 0, "no email to addresses that never asked");
    let campaign = app.campaign().await;
    assert_eq!(campaign["pledged"], "50.00");
    assert_eq!(crate::helpers::reward(&campaign, "limited-five")["remaining"], 5);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn the_team_cancels_ticked_pledges_or_those_of_one_minute() {
    let app = spawn_app().await;
    // The fixture's clock is a month before the deadline; Zurich is an hour ahead of UTC then.
    let start = app.clock.now();
    for n in 0..3 {
        app.pledge(TestApp::body(None, "20", &format!("early{n}@example.ch"))).await;
    }
    app.clock.set(start + TimeDelta::minutes(2));
    for n in 0..2 {
        app.pledge(TestApp::body(None, "20", &format!("late{n}@example.ch"))).await;
    }
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;

    let local = start.with_timezone(&chrono_tz::Europe::Zurich);
    let from = local.format("%Y-%m-%dT%H:%M").to_string();
    let until = (local + TimeDelta::minutes(1)).format("%Y-%m-%dT%H:%M").to_string();
    let minute = app.get(&format!("/team/pledges?from={from}&until={until}")).await.text().await.unwrap();
    assert!(minute.contains("early0@") && !minute.contains("late0@"), "{minute}");
    app.post_form("/team/pledges/cancel", &[("all", "true"), ("filter.from", &from), ("filter.until", &until)]).await;
    let cancelled: Vec<_> =
        states(&app).await.into_iter().filter(|(_, s)| *s == PledgeState::Cancelled).map(|(e, _)| e).collect();
    assert_eq!(cancelled, ["early0@example.ch", "early1@example.ch", "early2@example.ch"]);

    // One ticked, and its backer told on request.
    let late = pledge::Entity::find().filter(pledge::Column::Email.eq("late1@example.ch")).one(&app.db.read).await;
    let id = late.unwrap().unwrap().id.to_string();
    app.post_form("/team/pledges/cancel", &[("ids", &id), ("tell", "true")]).await;
    let left: Vec<_> =
        states(&app).await.into_iter().filter(|(_, s)| *s == PledgeState::Active).map(|(e, _)| e).collect();
    assert_eq!(left, ["late0@example.ch"]);
    assert_eq!(cancellation_emails(&app).await, 1);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn unconfirmed_pledges_are_listed_as_such_and_can_be_cancelled_in_bulk() {
    let app = crate::helpers::spawn_confirming_app().await;
    let flood = app.browser_from("127.0.0.2");
    for n in 0..3 {
        let answer = flood.pledge(&TestApp::body(Some("limited-five"), "10", &format!("fake{n}@example.ch"))).await;
        assert_eq!(answer.status().as_u16(), 201);
    }
    assert_eq!(crate::helpers::reward(&app.campaign().await, "limited-five")["remaining"], 2, "held");
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let list = app.get("/team/pledges?state=unconfirmed").await.text().await.unwrap();
    assert!(list.contains("(non confirmée)") && list.contains("name=\"ids\""), "{list}");
    assert!(list.contains(">non confirmée</option>"), "the state filter names it");
    let dashboard = app.get("/team").await.text().await.unwrap();
    assert!(dashboard.contains("(non confirmée)") && !dashboard.contains("(annulée)"), "{dashboard}");

    app.post_form("/team/pledges/cancel", &[("all", "true"), ("filter.address", "127.0.0.2")]).await;
    assert!(states(&app).await.iter().all(|(_, s)| *s == PledgeState::Cancelled));
    assert_eq!(crate::helpers::reward(&app.campaign().await, "limited-five")["remaining"], 5, "units released");
    assert_eq!(cancellation_emails(&app).await, 0);
    app.assert_counters_match_pledges().await;
}
