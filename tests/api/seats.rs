//! A backer's seat at a session from their private page: seeing it, choosing or moving it,
//! and its calendar invitation.

use bobine::jobs::closer;
use chrono::Duration;

use crate::helpers::{TestApp, before_deadline, deadline, fixture_with, reward, spawn_app_with};
use crate::reward_options::OPTIONS;

/// An online class whose date is chosen once the campaign succeeded, with two seats.
const AFTER_SUCCESS: &str = r#"
[[rewards]]
id = "cours-en-ligne"
kind = "coaching"
minimum = "40.00"
delivery = "2030-02"
fulfilment = "online"
choose_session = "after-success"
title.fr = "Cours en ligne"
title.en = "Online class"
description.fr = "En direct."
description.en = "Live."

[[rewards.sessions]]
id = "2030-02-10-soir"
starts = 2030-02-10T19:00:00+01:00
ends = 2030-02-10T20:30:00+01:00
place = "online"
seats = 2
"#;

const MORNING: &str = "2030-03-06-matin";
const ONLINE: &str = "2030-03-13-en-ligne";

fn workshop(session: &str, amount: &str, email: &str) -> serde_json::Value {
    let mut body = TestApp::body(Some("atelier-reparation"), amount, email);
    body["session"] = session.into();
    body
}

/// The value of the iCalendar property `name` in `ics`, its folded lines joined.
fn property(ics: &str, name: &str) -> String {
    let unfolded = ics.replace("\r\n ", "");
    let prefix = format!("{name}:");
    let line = unfolded.split("\r\n").find(|line| line.starts_with(&prefix));
    line.unwrap_or_else(|| panic!("no {name} in {ics}"))[prefix.len()..].to_owned()
}

async fn invitation(app: &TestApp, token: &str) -> String {
    let answer = app.get(&format!("/pledges/{token}/invitation.ics")).await;
    assert_eq!(answer.status().as_u16(), 200);
    let headers = answer.headers();
    assert_eq!(headers["content-type"], "text/calendar; charset=utf-8");
    assert!(headers["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"atelier-reparation-"));
    assert!(headers["cache-control"].to_str().unwrap().contains("no-store"), "a private link's file");
    answer.text().await.unwrap()
}

/// Keeps an invitation for the outside check of `.ci/run` (Python's `icalendar`), when it asks.
fn keep_for_outside_check(name: &str, ics: &str) {
    if let Ok(folder) = std::env::var("BOBINE_INVITATIONS_DIR") {
        std::fs::write(std::path::Path::new(&folder).join(name), ics).unwrap();
    }
}

#[tokio::test]
async fn a_backer_moves_to_another_date_and_the_seats_and_the_calendar_entry_follow() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let (_, placed) = app.pledge(workshop(MORNING, "60.00", "anne@example.ch")).await;
    let token = placed["token"].as_str().unwrap();
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("6 mars 2030, 09:30–12:00 CET"), "in Geneva time: {page}");
    assert!(page.contains("Atelier, Rue de Carouge 50, 1205 Genève"));
    assert!(page.contains(&format!(r#"href="/pledges/{token}/invitation.ics""#)));
    assert!(page.contains(&format!(r#"name="session" value="{MORNING}" checked"#)), "{page}");
    assert!(page.contains(&format!(r#"name="session" value="{ONLINE}""#)));

    let first = invitation(&app, token).await;
    keep_for_outside_check("first.ics", &first);
    assert_eq!(property(&first, "DTSTART"), "20300306T083000Z");
    assert_eq!(property(&first, "DTEND"), "20300306T110000Z");
    assert_eq!(property(&first, "LOCATION"), "Atelier\\, Rue de Carouge 50\\, 1205 Genève");
    assert_eq!(property(&first, "SUMMARY"), "Atelier réparation");
    assert_eq!(property(&first, "STATUS"), "CONFIRMED");
    assert!(!first.contains(token), "a calendar entry travels further than an email: no private link");
    assert!(property(&first, "DESCRIPTION").contains(placed["reference"].as_str().unwrap()));

    app.clock.set(app.clock.now() + Duration::minutes(5));
    app.csrf_token().await;
    let moved = app.post_form(&format!("/pledges/{token}/session"), &[("session", ONLINE)]).await;
    assert_eq!(moved.status().as_u16(), 303);
    let campaign = app.campaign().await;
    let sessions = &reward(&campaign, "atelier-reparation")["sessions"];
    assert_eq!((sessions[0]["remaining"].clone(), sessions[1]["remaining"].clone()), (6.into(), 19.into()));
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Votre date est réservée."), "{page}");
    assert!(page.contains("13 mars 2030, 18:00–19:30 CET") && page.contains("En ligne"));

    let second = invitation(&app, token).await;
    keep_for_outside_check("moved.ics", &second);
    assert_eq!(property(&second, "UID"), property(&first, "UID"), "the same calendar entry");
    let sequence = |ics: &str| property(ics, "SEQUENCE").parse::<u32>().unwrap();
    assert!(sequence(&second) > sequence(&first), "{second}");
    assert_eq!(property(&second, "DTSTART"), "20300313T170000Z");
    assert_eq!(property(&second, "LOCATION"), "En ligne");

    let told = app.query("SELECT body FROM emails WHERE kind = 'pledge_changed'").await;
    assert_eq!(told.len(), 1, "the backer is told once");
    let body = told[0]["body"].as_str().unwrap();
    assert!(body.contains("Date : 13 mars 2030, 18:00–19:30 CET") && body.contains("invitation.ics"), "{body}");
    let placed = app.query("SELECT body FROM emails WHERE kind = 'pledge_placed'").await;
    assert!(placed[0]["body"].as_str().unwrap().contains("Lieu : Atelier, Rue de Carouge 50"), "{placed:?}");

    // Moving to the date held changes nothing and tells nobody.
    let again = app.post_form(&format!("/pledges/{token}/session"), &[("session", ONLINE)]).await;
    assert_eq!(again.status().as_u16(), 303);
    assert_eq!(app.query("SELECT body FROM emails WHERE kind = 'pledge_changed'").await.len(), 1);

    // Cancelled, the entry says so, still under its UID.
    app.clock.set(app.clock.now() + Duration::minutes(5));
    let cancelled = app.post_form(&format!("/pledges/{token}/cancel"), &[]).await;
    assert_eq!(cancelled.status().as_u16(), 303);
    let gone = invitation(&app, token).await;
    keep_for_outside_check("cancelled.ics", &gone);
    assert_eq!(property(&gone, "STATUS"), "CANCELLED");
    assert_eq!(property(&gone, "UID"), property(&first, "UID"));
    assert!(sequence(&gone) > sequence(&second));
    let campaign = app.campaign().await;
    assert_eq!(reward(&campaign, "atelier-reparation")["sessions"][1]["remaining"], 20);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_full_unknown_or_begun_date_is_refused_with_a_clear_message_and_nothing_moves() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    // The first pledge alone reaches the goal, so the campaign succeeds at the deadline.
    for i in 0..6 {
        let amount = if i == 0 { "1000.00" } else { "60.00" };
        let (status, _) = app.pledge(workshop(MORNING, amount, &format!("m{i}@example.ch"))).await;
        assert_eq!(status, 201);
    }
    let (_, bob) = app.pledge(workshop(ONLINE, "60.00", "bob@example.ch")).await;
    let bob = bob["token"].as_str().unwrap();
    app.csrf_token().await;
    let page = app.get(&format!("/pledges/{bob}")).await.text().await.unwrap();
    assert!(page.contains(&format!(r#"name="session" value="{MORNING}" disabled"#)), "a full date: {page}");

    let full = app.post_form(&format!("/pledges/{bob}/session"), &[("session", MORNING)]).await;
    assert_eq!(full.status().as_u16(), 409);
    let page = full.text().await.unwrap();
    assert!(page.contains("Cette date est complète. Choisissez-en une autre."), "{page}");
    assert!(page.contains(r#"id="session" aria-invalid="true""#), "{page}");
    let unknown = app.post_form(&format!("/pledges/{bob}/session"), &[("session", "2031-01-01")]).await;
    assert_eq!(unknown.status().as_u16(), 422);
    let empty = app.post_form(&format!("/pledges/{bob}/session"), &[]).await;
    assert_eq!(empty.status().as_u16(), 422);
    let forged = app
        .client
        .post(app.url(&format!("/pledges/{bob}/session")))
        .form(&[("session", ONLINE), ("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status().as_u16(), 403);
    let held = app.query("SELECT session_id FROM pledges WHERE email = 'bob@example.ch'").await;
    assert_eq!(held[0]["session_id"], ONLINE, "nothing moved");

    // The morning has begun (after the campaign succeeded): its holders can no longer move,
    // and nobody can move to it.
    app.clock.set(deadline() + Duration::days(64) + Duration::hours(10));
    // The app's own closer may get there first: either way, the campaign succeeded.
    closer::run_once(&app.db, app.campaign_id, app.clock.now()).await.unwrap();
    app.wait_for("SELECT COUNT(*) AS n FROM campaigns WHERE state = 'succeeded'", 1).await;
    let morning = app.query("SELECT token FROM pledges WHERE email = 'm1@example.ch'").await;
    let morning = morning[0]["token"].as_str().unwrap();
    let locked = app.post_form(&format!("/pledges/{morning}/session"), &[("session", ONLINE)]).await;
    assert_eq!(locked.status().as_u16(), 422);
    assert!(locked.text().await.unwrap().contains("Cette date ne peut plus être choisie ni changée."));
    let page = app.get(&format!("/pledges/{bob}")).await.text().await.unwrap();
    assert!(!page.contains(&format!(r#"value="{MORNING}""#)), "a begun date is not offered: {page}");
    let begun = app.post_form(&format!("/pledges/{bob}/session"), &[("session", MORNING)]).await;
    assert_eq!(begun.status().as_u16(), 422);
    assert!(begun.text().await.unwrap().contains("Cette date a déjà commencé."));
    app.assert_counters_match_pledges().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ten_backers_moving_at_once_to_the_last_seat_get_it_once() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    for i in 0..5 {
        app.pledge(workshop(MORNING, "60.00", &format!("m{i}@example.ch"))).await;
    }
    let mut tokens = Vec::new();
    for i in 0..10 {
        let (_, placed) = app.pledge(workshop(ONLINE, "60.00", &format!("o{i}@example.ch"))).await;
        tokens.push(placed["token"].as_str().unwrap().to_owned());
    }
    app.csrf_token().await;
    let moves =
        tokens.iter().map(|token| {
            let app = &app;
            async move {
                app.post_form(&format!("/pledges/{token}/session"), &[("session", MORNING)]).await.status().as_u16()
            }
        });
    let mut statuses = futures::future::join_all(moves).await;
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    let campaign = app.campaign().await;
    let sessions = &reward(&campaign, "atelier-reparation")["sessions"];
    assert_eq!((sessions[0]["remaining"].clone(), sessions[1]["remaining"].clone()), (0.into(), 11.into()));
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_date_chosen_after_success_is_chosen_from_the_private_page_while_seats_last() {
    let file = fixture_with(AFTER_SUCCESS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let mut tokens = Vec::new();
    for (i, amount) in ["1000.00", "40.00", "40.00"].into_iter().enumerate() {
        let body = TestApp::body(Some("cours-en-ligne"), amount, &format!("c{i}@example.ch"));
        let (status, placed) = app.pledge(body).await;
        assert_eq!(status, 201, "no date asked when pledging: {placed}");
        tokens.push(placed["token"].as_str().unwrap().to_owned());
    }
    let page = app.get(&format!("/pledges/{}", tokens[0])).await.text().await.unwrap();
    assert!(page.contains("Choisir votre date") && page.contains(r##"<a href="#session">"##), "{page}");
    assert_eq!(app.get(&format!("/pledges/{}/invitation.ics", tokens[0])).await.status().as_u16(), 404);

    app.clock.set(deadline() + Duration::minutes(1));
    closer::run_once(&app.db, app.campaign_id, app.clock.now()).await.unwrap();
    app.csrf_token().await;
    let mut statuses = Vec::new();
    for token in &tokens {
        let chosen = app.post_form(&format!("/pledges/{token}/session"), &[("session", "2030-02-10-soir")]).await;
        statuses.push(chosen.status().as_u16());
    }
    assert_eq!(statuses, [303, 303, 409], "two seats");
    let ics = app.get(&format!("/pledges/{}/invitation.ics", tokens[0])).await.text().await.unwrap();
    assert_eq!(property(&ics, "DTSTART"), "20300210T180000Z");
    assert_eq!(property(&ics, "SUMMARY"), "Cours en ligne");
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn no_date_is_chosen_once_the_campaign_failed() {
    let file = fixture_with(AFTER_SUCCESS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let (_, placed) = app.pledge(TestApp::body(Some("cours-en-ligne"), "40.00", "c@example.ch")).await;
    let token = placed["token"].as_str().unwrap();
    app.clock.set(deadline() + Duration::minutes(1));
    closer::run_once(&app.db, app.campaign_id, app.clock.now()).await.unwrap();
    app.csrf_token().await;
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(!page.contains("Choisir votre date"), "{page}");
    let refused = app.post_form(&format!("/pledges/{token}/session"), &[("session", "2030-02-10-soir")]).await;
    assert_eq!(refused.status().as_u16(), 422);
    app.assert_counters_match_pledges().await;
}

/// The fixture with `OPTIONS` edited by `edit`, as the team would change the campaign file.
fn edited(edit: impl Fn(&str) -> String) -> bobine::config::Campaign {
    let source = std::fs::read_to_string(crate::helpers::fixture()).unwrap() + &edit(OPTIONS);
    bobine::config::Campaign::parse(std::path::Path::new("edited.toml"), &source).unwrap()
}

/// How many emails of `kind` are stored, as a query for [`TestApp::wait_for`].
fn count_of(kind: &str) -> String {
    format!("SELECT COUNT(*) AS n FROM emails WHERE kind = '{kind}'")
}

#[tokio::test]
async fn a_session_the_team_moves_or_cancels_tells_each_holder_once() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let (_, anne) = app.pledge(workshop(MORNING, "60.00", "anne@example.ch")).await;
    let english = app.client.post(app.url("/api/pledges?lang=en")).json(&workshop(MORNING, "60.00", "bob@example.ch"));
    let bob: serde_json::Value = english.send().await.unwrap().json().await.unwrap();
    let (_, carla) = app.pledge(workshop(ONLINE, "60.00", "carla@example.ch")).await;
    let (_, gone) = app.pledge(workshop(MORNING, "60.00", "dan@example.ch")).await;
    app.csrf_token().await;
    let cancelled = app.post_form(&format!("/pledges/{}/cancel", gone["token"].as_str().unwrap()), &[]).await;
    assert_eq!(cancelled.status().as_u16(), 303);
    let anne = anne["token"].as_str().unwrap().to_owned();
    let before = invitation(&app, &anne).await;

    // The team moves the morning half an hour later, to another address.
    let moved = edited(|options| {
        options
            .replace("starts = 2030-03-06T09:30:00+01:00", "starts = 2030-03-06T10:00:00+01:00")
            .replace("ends = 2030-03-06T12:00:00+01:00", "ends = 2030-03-06T12:30:00+01:00")
            .replace("Rue de Carouge 50", "Rue de Carouge 52")
    });
    let at = app.clock.now() + Duration::minutes(1);
    let app = app.restart_with(moved.clone(), at).await;
    app.wait_for(&count_of("session_moved"), 2).await;
    let told = app
        .query("SELECT to_address, subject, body FROM emails WHERE kind = 'session_moved' ORDER BY to_address")
        .await;
    assert_eq!(told[0]["to_address"], "anne@example.ch");
    assert_eq!(told[0]["subject"], "Nouvelle date : Atelier réparation");
    let body = told[0]["body"].as_str().unwrap();
    assert!(body.contains("Date : 6 mars 2030, 10:00–12:30 CET") && body.contains("Rue de Carouge 52"), "{body}");
    assert!(body.contains(&format!("/pledges/{anne}/invitation.ics")), "{body}");
    assert!(told[1]["body"].as_str().unwrap().contains("March 6, 2030, 10:00–12:30 CET"), "in Bob's language");
    let after = invitation(&app, &anne).await;
    assert_eq!(property(&after, "UID"), property(&before, "UID"));
    assert!(
        property(&after, "SEQUENCE").parse::<u32>().unwrap() > property(&before, "SEQUENCE").parse::<u32>().unwrap()
    );
    assert_eq!(property(&after, "DTSTART"), "20300306T090000Z");

    // Started again with the same file, nobody is told twice.
    let app = app.restart_with(moved, at + Duration::minutes(1)).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.wait_for(&count_of("session_moved"), 2).await;

    // The online session leaves the file while Carla holds it: she is told, and chooses again.
    let without_online = edited(|options| {
        options.replace(
            "[[rewards.sessions]]\nid = \"2030-03-13-en-ligne\"\nstarts = 2030-03-13T18:00:00+01:00\nends = 2030-03-13T19:30:00+01:00\nplace = \"online\"\nseats = 20\n",
            "",
        )
    });
    let app = app.restart_with(without_online, at + Duration::minutes(2)).await;
    app.wait_for(&count_of("session_cancelled"), 1).await;
    let carla = carla["token"].as_str().unwrap();
    let page = app.get(&format!("/pledges/{carla}")).await.text().await.unwrap();
    assert!(page.contains("Cette date a été annulée par l&#x27;équipe."), "{page}");
    assert!(page.contains("Choisir votre date") || page.contains(&format!(r#"value="{MORNING}""#)), "{page}");
    assert_eq!(property(&invitation(&app, carla).await, "STATUS"), "CANCELLED");
    app.csrf_token().await;
    let chosen = app.post_form(&format!("/pledges/{carla}/session"), &[("session", MORNING)]).await;
    assert_eq!(chosen.status().as_u16(), 303);
    let left = app.query("SELECT claimed FROM reward_sessions WHERE id = '2030-03-13-en-ligne'").await;
    assert_eq!(left[0]["claimed"], 0, "the cancelled session's seat is given back");
    assert!(bob["token"].is_string());
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn holders_are_reminded_the_day_before_once_and_a_cancelled_pledge_is_not() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    // Enough for the campaign to succeed: a failed campaign's sessions do not take place.
    app.pledge(workshop(MORNING, "1000.00", "anne@example.ch")).await;
    app.pledge(workshop(MORNING, "60.00", "bob@example.ch")).await;
    let (_, gone) = app.pledge(workshop(MORNING, "60.00", "dan@example.ch")).await;
    app.pledge(workshop(ONLINE, "60.00", "carla@example.ch")).await;
    app.csrf_token().await;
    app.post_form(&format!("/pledges/{}/cancel", gone["token"].as_str().unwrap()), &[]).await;
    let starts = chrono::DateTime::parse_from_rfc3339("2030-03-06T09:30:00+01:00").unwrap().to_utc();
    app.clock.set(starts - Duration::hours(25));
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.wait_for(&count_of("session_reminder"), 0).await;
    app.clock.set(starts - Duration::hours(23));
    app.wait_for(&count_of("session_reminder"), 2).await;
    app.clock.set(starts - Duration::hours(22));
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.wait_for(&count_of("session_reminder"), 2).await;
    let reminded = app
        .query("SELECT to_address, subject, body FROM emails WHERE kind = 'session_reminder' ORDER BY to_address")
        .await;
    assert_eq!(reminded[0]["to_address"], "anne@example.ch");
    assert_eq!(reminded[1]["to_address"], "bob@example.ch");
    assert_eq!(reminded[0]["subject"], "Rappel : Atelier réparation");
    assert!(reminded[0]["body"].as_str().unwrap().contains("Lieu : Atelier, Rue de Carouge 50, 1205 Genève"));
}

#[tokio::test]
async fn a_pledge_whose_date_filled_up_while_it_waited_is_confirmed_and_its_backer_chooses_another() {
    let file = fixture_with(OPTIONS);
    let app = crate::helpers::spawn_confirming_app_with(file.path()).await;
    let (status, waiting) = app.pledge(workshop(MORNING, "60.00", "late@example.ch")).await;
    assert_eq!((status, waiting["state"].as_str()), (201, Some("unconfirmed")));
    // The hold ends; six others take every seat of the morning.
    app.clock.set(app.clock.now() + Duration::minutes(31));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE hold_until_ms IS NOT NULL", 0).await;
    for i in 0..6 {
        app.pledge(workshop(MORNING, "60.00", &format!("m{i}@example.ch"))).await;
    }
    let links = app.query("SELECT to_address, body FROM emails WHERE kind = 'pledge_confirm'").await;
    for email in &links {
        let body = email["body"].as_str().unwrap();
        let start = body.find("/pledges/confirm/").unwrap();
        let link: String = body[start..].chars().take_while(|c| !c.is_whitespace()).collect();
        if email["to_address"] != "late@example.ch" {
            assert_eq!(app.get(&link).await.status().as_u16(), 303, "the others confirm");
        }
    }
    let late =
        links.iter().find(|e| e["to_address"] == "late@example.ch").unwrap()["body"].as_str().unwrap().to_owned();
    let start = late.find("/pledges/confirm/").unwrap();
    let link: String = late[start..].chars().take_while(|c| !c.is_whitespace()).collect();
    let token = waiting["token"].as_str().unwrap();
    let confirmed = app.get(&link).await;
    assert_eq!(confirmed.status().as_u16(), 303);
    assert_eq!(confirmed.headers()["location"], format!("/pledges/{token}"));
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("La date choisie s&#x27;est remplie pendant qu&#x27;elle attendait"), "{page}");
    assert!(page.contains("Choisir votre date") && page.contains(&format!(r#"value="{ONLINE}""#)), "{page}");
    let stored = app.query("SELECT state, session_id FROM pledges WHERE email = 'late@example.ch'").await;
    assert_eq!(stored[0], serde_json::json!({ "state": "active", "session_id": null }), "it counts, without a seat");
    app.csrf_token().await;
    let chosen = app.post_form(&format!("/pledges/{token}/session"), &[("session", ONLINE)]).await;
    assert_eq!(chosen.status().as_u16(), 303);
    app.assert_counters_match_pledges().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn backers_swapping_dates_at_once_all_move() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let mut moves = Vec::new();
    // Three each way: the morning's six seats hold everyone whatever the order.
    for i in 0..3 {
        let (_, morning) = app.pledge(workshop(MORNING, "60.00", &format!("m{i}@example.ch"))).await;
        moves.push((morning["token"].as_str().unwrap().to_owned(), ONLINE));
        let (_, online) = app.pledge(workshop(ONLINE, "60.00", &format!("o{i}@example.ch"))).await;
        moves.push((online["token"].as_str().unwrap().to_owned(), MORNING));
    }
    app.csrf_token().await;
    let sent = moves.iter().map(|(token, to)| {
        let app = &app;
        async move { app.post_form(&format!("/pledges/{token}/session"), &[("session", to)]).await.status().as_u16() }
    });
    let statuses = futures::future::join_all(sent).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let campaign = app.campaign().await;
    let sessions = &reward(&campaign, "atelier-reparation")["sessions"];
    assert_eq!((sessions[0]["remaining"].clone(), sessions[1]["remaining"].clone()), (3.into(), 17.into()));
    app.assert_counters_match_pledges().await;
}
