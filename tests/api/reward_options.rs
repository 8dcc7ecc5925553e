//! Sessions and choices in the campaign file: checked line by line, synced at start, shown
//! with what remains of them.

use std::collections::HashMap;
use std::path::Path;

use bobine::config::Campaign;
use bobine::config::reward_options::{ChooseSession, Place};

use crate::helpers::{TestApp, before_deadline, fixture, fixture_with, reward, spawn_app_with};

/// A workshop with two dated sessions, a scarf with a colour (one value limited) and a size.
pub const OPTIONS: &str = r#"
[[rewards]]
id = "atelier-reparation"
kind = "workshop"
minimum = "60.00"
delivery = "2030-03"
fulfilment = "pickup"
title.fr = "Atelier réparation"
title.en = "Repair workshop"
description.fr = "Trois heures à l'atelier."
description.en = "Three hours at the studio."

[[rewards.sessions]]
id = "2030-03-06-matin"
starts = 2030-03-06T09:30:00+01:00
ends = 2030-03-06T12:00:00+01:00
place = "Atelier, Rue de Carouge 50, 1205 Genève"
seats = 6

[[rewards.sessions]]
id = "2030-03-13-en-ligne"
starts = 2030-03-13T18:00:00+01:00
ends = 2030-03-13T19:30:00+01:00
place = "online"
seats = 20

[[rewards]]
id = "foulard-soie"
kind = "object"
minimum = "80.00"
delivery = "2030-04"
fulfilment = "shipped"
title.fr = "Foulard en soie"
title.en = "Silk scarf"
description.fr = "Teint à la main."
description.en = "Hand-dyed."

[[rewards.choices]]
name = "colour"
label = { fr = "Couleur", en = "Colour", de = "Farbe" }
values = [{ id = "indigo", label = { fr = "Indigo", en = "Indigo" }, limit = 3 }, { id = "garance", label = { fr = "Garance", en = "Madder", de = "Krapp" } }]

[[rewards.choices]]
name = "size"
values = [{ id = "s" }, { id = "m" }]
"#;

fn parse(extra: &str) -> Result<Campaign, String> {
    let source = std::fs::read_to_string(fixture()).unwrap() + extra;
    Campaign::parse(Path::new("bad.toml"), &source).map_err(|e| e.to_string())
}

/// The last line holding `text` in the fixture followed by `extra`.
fn line_of(extra: &str, text: &str) -> usize {
    let source = std::fs::read_to_string(fixture()).unwrap() + extra;
    let lines: Vec<&str> = source.lines().collect();
    lines.iter().rposition(|l| l.contains(text)).unwrap() + 1
}

#[test]
fn sessions_and_choices_are_read_from_the_campaign_file() {
    let campaign = parse(OPTIONS).unwrap();
    let workshop = campaign.reward("atelier-reparation").unwrap();
    assert_eq!(workshop.sessions.len(), 2);
    let morning = &workshop.sessions[0];
    assert_eq!(morning.id, "2030-03-06-matin");
    assert_eq!(morning.starts.to_rfc3339(), "2030-03-06T08:30:00+00:00");
    assert_eq!(morning.seats, 6);
    assert_eq!(morning.place, Place::At("Atelier, Rue de Carouge 50, 1205 Genève".into()));
    assert_eq!(workshop.sessions[1].place, Place::Online);
    assert_eq!(workshop.choose_session, ChooseSession::AtPledge);
    let scarf = campaign.reward("foulard-soie").unwrap();
    assert_eq!(scarf.choices.len(), 2);
    assert_eq!(scarf.choices[0].label.de, "Farbe");
    assert_eq!(scarf.choices[0].values[0].limit, Some(3));
    assert_eq!(scarf.choices[0].values[1].label.de, "Krapp");
    assert_eq!(scarf.choices[0].values[0].label.de, "Indigo", "a missing German label is the French one");
    assert_eq!(scarf.choices[1].label.en, "size", "a choice without label shows its name");
    assert_eq!(scarf.choices[1].values[1].label.fr, "m");
    assert!(campaign.reward("open").unwrap().sessions.is_empty());
}

#[test]
fn a_mistake_in_a_session_or_a_choice_names_its_line_and_field() {
    let cases = [
        ("id = \"2030-03-06-matin\"", "id = \"Mars 6\"", "rewards[4].sessions[0].id", "lower-case letters"),
        (
            "id = \"2030-03-13-en-ligne\"",
            "id = \"2030-03-06-matin\"",
            "rewards[4].sessions[1].id",
            "names another session",
        ),
        (
            "ends = 2030-03-06T12:00:00+01:00",
            "ends = 2030-03-06T09:00:00+01:00",
            "rewards[4].sessions[0].ends",
            "must come after `starts`",
        ),
        (
            "starts = 2030-03-06T09:30:00+01:00",
            "starts = 2030-03-06T09:30:00+02:00",
            "rewards[4].sessions[0].starts",
            "is not that of Europe/Zurich",
        ),
        ("seats = 6", "seats = 0", "rewards[4].sessions[0].seats", "a whole number from 1"),
        ("place = \"online\"", "place = \" \"", "rewards[4].sessions[1].place", "say where it takes place"),
        ("name = \"size\"", "name = \"colour\"", "rewards[5].choices[1].name", "names another choice"),
        (
            "values = [{ id = \"s\" }, { id = \"m\" }]",
            "values = [{ id = \"s\" }, { id = \"s\" }]",
            "rewards[5].choices[1].values[1].id",
            "names another value of this choice",
        ),
        (
            "values = [{ id = \"s\" }, { id = \"m\" }]",
            "values = []",
            "rewards[5].choices[1].values",
            "at least one value",
        ),
        ("limit = 3 }", "limit = -3 }", "rewards[5].choices[0].values[0].limit", "a whole number from 1"),
    ];
    for (replace, with, field, message) in cases {
        assert!(OPTIONS.contains(replace), "{replace}");
        let changed = OPTIONS.replacen(replace, with, 1);
        let error = parse(&changed).unwrap_err();
        assert!(error.contains(&format!("{field}:")) && error.contains(message), "{with}: {error}");
        let line = line_of(&changed, with.split(" }").next().unwrap());
        assert!(error.starts_with(&format!("bad.toml:{line}:")), "{with} on line {line}: {error}");
    }
    let choose = |how: &str| {
        OPTIONS.replacen(
            "fulfilment = \"pickup\"\ntitle.fr = \"Atelier réparation\"",
            &format!("fulfilment = \"pickup\"\nchoose_session = \"{how}\"\ntitle.fr = \"Atelier réparation\""),
            1,
        )
    };
    let error = parse(&choose("later")).unwrap_err();
    assert!(error.contains("rewards[4].choose_session") && error.contains("after-success"), "{error}");
    let after = parse(&choose("after-success")).unwrap();
    assert_eq!(after.reward("atelier-reparation").unwrap().choose_session, ChooseSession::AfterSuccess);
}

#[tokio::test]
async fn the_api_lists_each_rewards_sessions_and_choices_with_what_remains() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let campaign = app.campaign().await;
    let rewards = campaign["rewards"].as_array().unwrap();
    let workshop = rewards.iter().find(|r| r["id"] == "atelier-reparation").unwrap();
    assert_eq!(
        workshop["sessions"][0],
        serde_json::json!({
            "id": "2030-03-06-matin",
            "starts": "2030-03-06T08:30:00Z",
            "ends": "2030-03-06T11:00:00Z",
            "place": "Atelier, Rue de Carouge 50, 1205 Genève",
            "seats": 6,
            "remaining": 6,
        })
    );
    assert_eq!(workshop["sessions"][1]["place"], "online");
    assert_eq!(workshop["choices"], serde_json::json!([]));
    let scarf = rewards.iter().find(|r| r["id"] == "foulard-soie").unwrap();
    assert_eq!(scarf["sessions"], serde_json::json!([]));
    assert_eq!(scarf["choices"][0]["name"], "colour");
    assert_eq!(scarf["choices"][0]["values"][0]["id"], "indigo");
    assert_eq!(scarf["choices"][0]["values"][0]["limit"], 3);
    assert_eq!(scarf["choices"][0]["values"][0]["remaining"], 3);
    assert_eq!(scarf["choices"][0]["values"][1]["limit"], serde_json::Value::Null);
    assert_eq!(scarf["choices"][0]["values"][1]["remaining"], serde_json::Value::Null);
    assert_eq!(scarf["choices"][1]["values"].as_array().unwrap().len(), 2);
    let plain = rewards.iter().find(|r| r["id"] == "open").unwrap();
    assert_eq!((plain["sessions"].clone(), plain["choices"].clone()), (serde_json::json!([]), serde_json::json!([])));

    let german: serde_json::Value = app.get("/api/campaign?lang=de").await.json().await.unwrap();
    let scarf = german["rewards"].as_array().unwrap().iter().find(|r| r["id"] == "foulard-soie").unwrap().clone();
    assert_eq!(scarf["choices"][0]["label"], "Farbe");
    assert_eq!(scarf["choices"][0]["values"][1]["label"], "Krapp");
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_session_or_value_that_leaves_the_file_leaves_the_database_and_a_changed_one_follows_it() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let changed = OPTIONS
        .replacen("seats = 6", "seats = 8", 1)
        .replacen(
            "[[rewards.sessions]]\nid = \"2030-03-13-en-ligne\"\nstarts = 2030-03-13T18:00:00+01:00\nends = 2030-03-13T19:30:00+01:00\nplace = \"online\"\nseats = 20\n",
            "",
            1,
        )
        .replacen(", { id = \"m\" }", "", 1);
    let campaign =
        Campaign::parse(Path::new("changed.toml"), &(std::fs::read_to_string(fixture()).unwrap() + &changed)).unwrap();
    bobine::services::sync::sync(&app.db, &campaign, app.clock.now()).await.unwrap();
    let sessions = app.query("SELECT id, seats FROM reward_sessions ORDER BY position").await;
    assert_eq!(sessions, vec![serde_json::json!({ "id": "2030-03-06-matin", "seats": 8 })]);
    let values = app.query("SELECT choice, value FROM reward_choices ORDER BY position").await;
    let values: Vec<String> =
        values.iter().map(|v| format!("{}={}", v["choice"].as_str().unwrap(), v["value"].as_str().unwrap())).collect();
    assert_eq!(values, ["colour=indigo", "colour=garance", "size=s"]);
    app.assert_counters_match_pledges().await;
}

fn workshop(session: Option<&str>, email: &str) -> serde_json::Value {
    let mut body = TestApp::body(Some("atelier-reparation"), "60.00", email);
    if let Some(session) = session {
        body["session"] = session.into();
    }
    body
}

fn scarf(choices: serde_json::Value, email: &str) -> serde_json::Value {
    let mut body = TestApp::body(Some("foulard-soie"), "80.00", email);
    body["choices"] = choices;
    body
}

/// How many answers had each (status, code), `created` for a pledge placed.
fn tally(answers: &[(u16, serde_json::Value)]) -> HashMap<(u16, String), usize> {
    let mut outcomes = HashMap::new();
    for (status, body) in answers {
        let code = body["error"]["code"].as_str().unwrap_or("created").to_owned();
        *outcomes.entry((*status, code)).or_default() += 1;
    }
    outcomes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_pledges_at_once_for_a_session_of_six_seats_get_six_seats() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let pledges = (0..50).map(|i| {
        let app = &app;
        async move { app.pledge(workshop(Some("2030-03-06-matin"), &format!("seat{i}@example.ch"))).await }
    });
    let outcomes = tally(&futures::future::join_all(pledges).await);
    assert_eq!(outcomes.get(&(201, "created".into())), Some(&6), "{outcomes:?}");
    assert_eq!(outcomes.get(&(409, "session_full".into())), Some(&44), "{outcomes:?}");
    let campaign = app.campaign().await;
    let session = &reward(&campaign, "atelier-reparation")["sessions"][0];
    assert_eq!((session["remaining"].clone(), session["seats"].clone()), (0.into(), 6.into()));
    assert_eq!(reward(&campaign, "atelier-reparation")["claimed"], 6, "a refused seat gives its unit back");
    assert_eq!(campaign["pledge_count"], 6);
    // The other session still takes pledges.
    let (status, _) = app.pledge(workshop(Some("2030-03-13-en-ligne"), "online@example.ch")).await;
    assert_eq!(status, 201);
    app.assert_counters_match_pledges().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_colour_with_three_left_sells_three_and_the_others_stay_open() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let pledges = (0..8).map(|i| {
        let app = &app;
        let choices = serde_json::json!({ "colour": "indigo", "size": "m" });
        async move { app.pledge(scarf(choices, &format!("indigo{i}@example.ch"))).await }
    });
    let outcomes = tally(&futures::future::join_all(pledges).await);
    assert_eq!(outcomes.get(&(201, "created".into())), Some(&3), "{outcomes:?}");
    assert_eq!(outcomes.get(&(409, "choice_sold_out".into())), Some(&5), "{outcomes:?}");
    let (status, body) =
        app.pledge(scarf(serde_json::json!({ "colour": "garance", "size": "s" }), "g@example.ch")).await;
    assert_eq!(status, 201, "{body}");
    let placed: serde_json::Value =
        app.get(&format!("/api/pledges/{}", body["token"].as_str().unwrap())).await.json().await.unwrap();
    assert_eq!(placed["choices"], serde_json::json!({ "colour": "garance", "size": "s" }));
    assert_eq!(placed["session"], serde_json::Value::Null);
    let campaign = app.campaign().await;
    let values = &reward(&campaign, "foulard-soie")["choices"][0]["values"];
    assert_eq!((values[0]["remaining"].clone(), values[1]["remaining"].clone()), (0.into(), serde_json::Value::Null));
    assert_eq!(reward(&campaign, "foulard-soie")["available"], true, "another colour is left");
    assert_eq!(reward(&campaign, "foulard-soie")["claimed"], 4);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_missing_or_unknown_session_or_choice_is_refused_with_its_own_code() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let cases = [
        (workshop(None, "a@example.ch"), 422, "session_required"),
        (workshop(Some("2030-12-25"), "b@example.ch"), 422, "unknown_session"),
        (scarf(serde_json::json!({ "colour": "indigo" }), "c@example.ch"), 422, "invalid_choice"),
        (scarf(serde_json::json!({ "colour": "vert", "size": "s" }), "d@example.ch"), 422, "invalid_choice"),
        (
            scarf(serde_json::json!({ "colour": "indigo", "size": "s", "fit": "slim" }), "e@example.ch"),
            422,
            "invalid_choice",
        ),
        (
            {
                let mut plain = TestApp::body(Some("open"), "20.00", "f@example.ch");
                plain["session"] = "2030-03-06-matin".into();
                plain
            },
            422,
            "unknown_session",
        ),
    ];
    for (body, status, code) in cases {
        let (got, answer) = app.pledge(body.clone()).await;
        assert_eq!((got, answer["error"]["code"].as_str().unwrap()), (status, code), "{body}: {answer}");
    }
    let german =
        app.client.post(app.url("/api/pledges?lang=de")).json(&workshop(None, "g@example.ch")).send().await.unwrap();
    let german: serde_json::Value = german.json().await.unwrap();
    assert_eq!(german["error"]["message"], "Wählen Sie einen Termin für dieses Dankeschön.");
    assert_eq!(app.stored_pledges().await, 0, "nothing half-written");
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_cancelled_pledge_gives_its_seat_and_its_colour_back() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let (_, seat) = app.pledge(workshop(Some("2030-03-06-matin"), "anne@example.ch")).await;
    let (_, colour) =
        app.pledge(scarf(serde_json::json!({ "colour": "indigo", "size": "s" }), "anne@example.ch")).await;
    app.csrf_token().await;
    for placed in [&seat, &colour] {
        let done = app.post_form(&format!("/pledges/{}/cancel", placed["token"].as_str().unwrap()), &[]).await;
        assert_eq!(done.status().as_u16(), 303);
    }
    let campaign = app.campaign().await;
    assert_eq!(reward(&campaign, "atelier-reparation")["sessions"][0]["remaining"], 6);
    assert_eq!(reward(&campaign, "foulard-soie")["choices"][0]["values"][0]["remaining"], 3);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_change_to_a_reward_that_asks_for_a_session_is_refused_and_keeping_the_reward_keeps_the_seat() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let (_, plain) = app.pledge(TestApp::body(Some("open"), "60.00", "anne@example.ch")).await;
    let (_, seat) = app.pledge(workshop(Some("2030-03-06-matin"), "bea@example.ch")).await;
    app.csrf_token().await;
    let refused = app
        .post_form(
            &format!("/pledges/{}", plain["token"].as_str().unwrap()),
            &[("reward", "atelier-reparation"), ("amount", "60.00")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let raised = app
        .post_form(
            &format!("/pledges/{}", seat["token"].as_str().unwrap()),
            &[("reward", "atelier-reparation"), ("amount", "75.00")],
        )
        .await;
    assert_eq!(raised.status().as_u16(), 303);
    let moved = app
        .post_form(&format!("/pledges/{}", seat["token"].as_str().unwrap()), &[("reward", "open"), ("amount", "75.00")])
        .await;
    assert_eq!(moved.status().as_u16(), 303);
    let campaign = app.campaign().await;
    assert_eq!(
        reward(&campaign, "atelier-reparation")["sessions"][0]["remaining"],
        6,
        "a pledge moved away gives its seat back"
    );
    let stored: serde_json::Value =
        app.get(&format!("/api/pledges/{}", seat["token"].as_str().unwrap())).await.json().await.unwrap();
    assert_eq!((stored["reward"].clone(), stored["session"].clone()), ("open".into(), serde_json::Value::Null));
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_backers_data_export_holds_their_session_and_choices() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let (_, seat) = app.pledge(workshop(Some("2030-03-13-en-ligne"), "anne@example.ch")).await;
    app.pledge(scarf(serde_json::json!({ "colour": "garance", "size": "m" }), "anne@example.ch")).await;
    let export: serde_json::Value =
        app.get(&format!("/pledges/{}/data", seat["token"].as_str().unwrap())).await.json().await.unwrap();
    let pledges = export["pledges"].as_array().unwrap();
    assert_eq!(pledges[0]["session"], "2030-03-13-en-ligne");
    assert_eq!(pledges[0]["choices"], serde_json::json!({}));
    assert_eq!(pledges[1]["choices"], serde_json::json!({ "colour": "garance", "size": "m" }));
}

#[tokio::test]
async fn a_retried_request_with_other_choices_is_not_taken_for_the_first() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let send = |choices: serde_json::Value| {
        let request = app
            .client
            .post(app.url("/api/pledges"))
            .header("Idempotency-Key", "retry-scarf")
            .json(&scarf(choices, "anne@example.ch"));
        async move {
            let answer = request.send().await.unwrap();
            let status = answer.status().as_u16();
            (status, answer.json::<serde_json::Value>().await.unwrap())
        }
    };
    let (first, _) = send(serde_json::json!({ "colour": "indigo", "size": "s" })).await;
    let (again, _) = send(serde_json::json!({ "size": "s", "colour": "indigo" })).await;
    let (other, answer) = send(serde_json::json!({ "colour": "garance", "size": "s" })).await;
    assert_eq!((first, again, other), (201, 200, 422));
    assert_eq!(answer["error"]["code"], "idempotency_key_reused");
    let (twice, answer) = app
        .pledge(scarf(serde_json::json!({ "colour": "indigo", " colour": "garance", "size": "s" }), "bea@example.ch"))
        .await;
    assert_eq!((twice, answer["error"]["code"].as_str()), (422, Some("invalid_choice")), "a choice given twice");
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn the_pledge_form_offers_the_rewards_dates_and_choices_and_asks_again_for_what_is_missing() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let form = app.get("/pledge?reward=atelier-reparation").await.text().await.unwrap();
    assert!(form.contains(r#"name="session.atelier-reparation" value="2030-03-06-matin""#), "{form}");
    assert!(form.contains("6 mars 2030, 09:30–12:00 CET"), "in Geneva time");
    assert!(form.contains("6 places restantes"));
    assert!(form.contains("En ligne"));

    let fields = |session: &'static str| {
        [
            ("reward", "atelier-reparation"),
            ("amount", "60.00"),
            ("name", "Anne Dupont"),
            ("email", "anne@example.ch"),
            ("session.atelier-reparation", session),
            ("session.open", "2030-03-13-en-ligne"),
        ]
    };
    let missing = app.post_form("/pledge", &fields("")).await;
    assert_eq!(missing.status().as_u16(), 422);
    let page = missing.text().await.unwrap();
    assert!(page.contains("Choisissez une date pour cette contrepartie."), "{page}");
    assert!(page.contains(r#"id="session" aria-invalid="true""#), "the error points at the dates: {page}");
    assert!(page.contains(r#"<p class="field-error" id="session-error">"#), "{page}");
    let placed = app.post_form("/pledge", &fields("2030-03-13-en-ligne")).await;
    assert_eq!(placed.status().as_u16(), 303, "{}", placed.text().await.unwrap());
    let stored = app.query("SELECT session_id FROM pledges").await;
    assert_eq!(stored, vec![serde_json::json!({ "session_id": "2030-03-13-en-ligne" })]);

    let scarf = [
        ("reward", "foulard-soie"),
        ("amount", "80.00"),
        ("name", "Bea Rossi"),
        ("email", "bea@example.ch"),
        ("choice.foulard-soie.colour", "garance"),
        ("choice.foulard-soie.size", "m"),
    ];
    assert_eq!(app.post_form("/pledge", &scarf).await.status().as_u16(), 303);
    let chosen = app.query("SELECT choice, value FROM pledge_choices ORDER BY choice").await;
    assert_eq!(
        chosen,
        vec![
            serde_json::json!({ "choice": "colour", "value": "garance" }),
            serde_json::json!({ "choice": "size", "value": "m" })
        ]
    );
    let english = app.get("/pledge?reward=foulard-soie&lang=en").await.text().await.unwrap();
    assert!(english.contains(r#"name="choice.foulard-soie.colour""#) && english.contains("Madder"), "{english}");
    app.assert_counters_match_pledges().await;
}
