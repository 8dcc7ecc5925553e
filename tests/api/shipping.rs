//! Postage: chosen on the pledge form or taken from the address, paid with the pledge (bill,
//! QR-bill, bank file) but never part of the pledged amount, the goal or the API's `amount`;
//! an address given later moves it, before or after the bill.

use std::sync::Arc;

use bobine::config::Campaign;
use bobine::domain::camt::{SampleCredit, write_camt054};
use bobine::domain::qrbill::Reference;
use bobine::services::letters::Letters;
use bobine::services::{bank_import, consistency};
use chrono::{Duration, NaiveDate};
use serde_json::{Value, json};

use crate::helpers::{TestApp, before_deadline, deadline, fixture, fixture_with, payments_section, spawn_app_with};
use crate::reward_options::OPTIONS;

/// Switzerland and Europe served, the rest of the world not.
pub const SHIPPING: &str = "\n[shipping]\nswitzerland = \"9.00\"\neurope = \"24.00\"\n";

async fn paying_app() -> TestApp {
    let file = fixture_with(&format!("{OPTIONS}{SHIPPING}{}", payments_section("on-success")));
    spawn_app_with(file.path(), before_deadline()).await
}

/// The scarf's fields on the pledge form, with `extra` ones.
fn scarf_form<'a>(email: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("reward", "foulard-soie"),
        ("amount", "1000.00"),
        ("name", "Zoé Müller"),
        ("email", email),
        ("choice.foulard-soie.colour", "garance"),
        ("choice.foulard-soie.size", "m"),
    ];
    fields.extend_from_slice(extra);
    fields
}

async fn placed_by_form(app: &TestApp, fields: &[(&str, &str)]) -> String {
    let posted = app.post_form("/pledge", fields).await;
    assert_eq!(posted.status().as_u16(), 303, "{:?}", posted.text().await);
    posted.headers()["location"].to_str().unwrap().trim_start_matches("/pledges/").to_owned()
}

async fn api_pledge(app: &TestApp, token: &str) -> Value {
    app.get(&format!("/api/pledges/{token}")).await.json().await.unwrap()
}

async fn assert_ledger_matches(app: &TestApp) {
    let differences = consistency::check(&app.db).await.unwrap();
    assert!(differences.is_empty(), "counters differ from the ledger: {differences:?}");
    app.assert_counters_match_pledges().await;
}

async fn close(app: &TestApp, bills: i64) {
    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_bill'", bills).await;
}

async fn pay(app: &TestApp, id: i64, cents: i64, bank_ref: &str) {
    let credit = SampleCredit {
        bank_ref: bank_ref.to_owned(),
        amount_cents: cents,
        reference: Some(Reference::qrr_for(u64::try_from(id).unwrap()).compact().to_owned()),
        debtor_name: Some("Zoé Müller".into()),
        debtor_iban: Some("CH5800791123000889012".into()),
        booked_on: NaiveDate::from_ymd_opt(2030, 1, 5).unwrap(),
        reversal: false,
    };
    let file = write_camt054(8, "CH4431999123000889012", bank_ref, &[credit], 1);
    let campaign = app.campaign_file().clone();
    let letters = Letters::new(Arc::new(campaign.clone()), "https://campagne.example.ch");
    let now = app.clock.now();
    let report =
        bank_import::import(&app.db, &campaign, app.campaign_id, &letters, file.as_bytes(), None, now).await.unwrap();
    assert_eq!(report.matched, 1);
}

#[tokio::test]
async fn postage_chosen_on_the_form_is_billed_and_paid_with_the_pledge_but_never_counts_toward_the_goal() {
    let app = paying_app().await;
    let form = app.get("/pledge?reward=foulard-soie").await.text().await.unwrap();
    assert!(form.contains(r#"name="zone.foulard-soie" value="switzerland" data-cents="900" checked"#), "{form}");
    assert!(form.contains("Europe</strong> · CHF 24.00"), "{form}");
    assert!(!form.contains("Reste du monde</strong>"), "a zone the file leaves out is not offered");
    let campaign = app.campaign().await;
    let scarf = crate::helpers::reward(&campaign, "foulard-soie");
    assert_eq!(
        scarf["shipping"],
        json!([{ "zone": "switzerland", "amount": "9.00" }, { "zone": "europe", "amount": "24.00" }])
    );
    assert_eq!(crate::helpers::reward(&campaign, "atelier-reparation")["shipping"], json!([]));

    let token = placed_by_form(&app, &scarf_form("zoe@example.ch", &[("zone.foulard-soie", "europe")])).await;
    let pledge = api_pledge(&app, &token).await;
    assert_eq!(pledge["amount"], "1000.00");
    assert_eq!(pledge["shipping"], json!({ "zone": "europe", "amount": "24.00" }));
    assert_eq!(app.campaign().await["pledged"], "1000.00", "postage is not pledged");
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Frais de port</dt><dd>CHF 24.00 (Europe)</dd>"), "{page}");
    assert!(page.contains("Total à payer</dt><dd><strong>CHF 1’024.00</strong>"), "{page}");
    assert!(page.contains("vous recevrez une facture QR de CHF 1’024.00"), "the bill to come says the total: {page}");
    let placed = app.query("SELECT body FROM emails WHERE kind = 'pledge_placed'").await;
    let body = placed[0]["body"].as_str().unwrap();
    assert!(
        body.contains("Montant : CHF 1’000.00\nFrais de port (Europe) : CHF 24.00, en plus de votre promesse"),
        "{body}"
    );

    // A pledge with no reward sent by post has none, whatever the form says.
    let (_, workshop) = app.pledge(TestApp::body(None, "50.00", "bob@example.ch")).await;
    assert_eq!(workshop["shipping"], Value::Null);

    close(&app, 2).await;
    let billed = api_pledge(&app, &token).await;
    assert_eq!(billed["payment"]["due"], "1024.00");
    assert!(billed["payment"]["qr_payload"].as_str().unwrap().contains("\n1024.00\nCHF\n"), "{billed}");
    let bill = app
        .query("SELECT subject, body FROM emails WHERE kind = 'pledge_bill' AND to_address = 'zoe@example.ch'")
        .await;
    assert!(bill[0]["subject"].as_str().unwrap().contains("CHF 1’024.00"), "{bill:?}");
    assert!(bill[0]["body"].as_str().unwrap().contains("Dont frais de port (Europe) : CHF 24.00"), "{bill:?}");
    app.wait_for("SELECT CAST(outstanding_cents AS BIGINT) AS n FROM campaigns", 102_400 + 5_000).await;
    assert_eq!(app.campaign().await["pledged"], "1050.00");

    // The amount alone leaves the postage owed; the rest pays it.
    let id = pledge["id"].as_i64().unwrap();
    pay(&app, id, 100_000, "B-1").await;
    let partly = api_pledge(&app, &token).await;
    assert_eq!(
        (partly["payment"]["state"].as_str(), partly["payment"]["due"].as_str()),
        (Some("partly_paid"), Some("24.00"))
    );
    pay(&app, id, 2_400, "B-2").await;
    assert_eq!(api_pledge(&app, &token).await["payment"]["state"], "paid");
    app.wait_for("SELECT CAST(collected_cents AS BIGINT) AS n FROM campaigns", 102_400).await;
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn an_address_given_later_sets_the_postage_and_moves_it_even_after_the_bill() {
    let app = paying_app().await;
    let mut body = TestApp::body(Some("foulard-soie"), "1000.00", "anne@example.ch");
    body["choices"] = json!({ "colour": "garance", "size": "m" });
    let (status, placed) = app.pledge(body).await;
    assert_eq!(status, 201, "{placed}");
    assert_eq!(placed["shipping"], Value::Null, "an API pledge without an address has no postage yet");
    let token = placed["token"].as_str().unwrap().to_owned();
    close(&app, 1).await;
    assert_eq!(api_pledge(&app, &token).await["payment"]["due"], "1000.00");

    let address = |postcode: &'static str, town: &'static str, country: &'static str| {
        [
            ("name", "Anne Dupont"),
            ("street", "Rue Oberkampf 12"),
            ("postcode", postcode),
            ("town", town),
            ("country", country),
        ]
    };
    let path = format!("/pledges/{token}/address");
    let given = app.post_form(&path, &address("75011", "Paris", "FR")).await;
    assert_eq!(given.status().as_u16(), 303);
    let abroad = api_pledge(&app, &token).await;
    assert_eq!(abroad["shipping"], json!({ "zone": "europe", "amount": "24.00" }));
    assert_eq!(abroad["payment"]["due"], "1024.00");
    assert!(abroad["payment"]["qr_payload"].as_str().unwrap().contains("\n1024.00\nCHF\n"));
    app.wait_for("SELECT CAST(outstanding_cents AS BIGINT) AS n FROM campaigns", 102_400).await;

    let home = app.post_form(&path, &address("1205", "Genève", "CH")).await;
    assert_eq!(home.status().as_u16(), 303);
    assert_eq!(api_pledge(&app, &token).await["payment"]["due"], "1009.00");
    pay(&app, placed["id"].as_i64().unwrap(), 100_900, "B-1").await;
    assert_eq!(api_pledge(&app, &token).await["payment"]["state"], "paid");

    // Moving abroad once paid owes the difference; a country not served is refused and
    // changes nothing.
    let moved = app.post_form(&path, &address("10115", "Berlin", "DE")).await;
    assert_eq!(moved.status().as_u16(), 303);
    let owing = api_pledge(&app, &token).await;
    assert_eq!(
        (owing["payment"]["state"].as_str(), owing["payment"]["due"].as_str()),
        (Some("partly_paid"), Some("15.00"))
    );
    let refused = app.post_form(&path, &address("10001", "New York", "US")).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("n&#x27;est pas envoyée dans ce pays"), "{page}");
    assert!(page.contains(r#"value="New York""#), "what was typed comes back");
    assert_eq!(api_pledge(&app, &token).await["shipping"]["zone"], "europe");
    assert_eq!(app.campaign().await["pledged"], "1000.00");
    assert_ledger_matches(&app).await;
}

#[tokio::test]
async fn the_form_and_the_api_refuse_an_address_that_contradicts_the_zone_or_is_not_served() {
    let app = paying_app().await;
    let french = [
        ("zone.foulard-soie", "switzerland"),
        ("address.street", "Rue Oberkampf 12"),
        ("address.postcode", "75011"),
        ("address.town", "Paris"),
        ("address.country", "FR"),
    ];
    let refused = app.post_form("/pledge", &scarf_form("zoe@example.ch", &french)).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap().replace("&#x27;", "'");
    assert!(page.contains("L'adresse donnée est dans une autre zone que l'envoi choisi"), "{page}");
    assert!(page.contains(r#"<details class="pledge-address""#) && page.contains(" open>"), "the address shows open");
    assert!(page.contains(r#"value="Rue Oberkampf 12""#), "what was typed comes back");
    app.wait_for("SELECT COUNT(*) AS n FROM pledges", 0).await;

    // The zone of the address, chosen: placed, with the address and its name taken from the
    // form's own.
    let mut agreeing = french.to_vec();
    agreeing[0] = ("zone.foulard-soie", "europe");
    let token = placed_by_form(&app, &scarf_form("zoe@example.ch", &agreeing)).await;
    assert_eq!(api_pledge(&app, &token).await["shipping"]["zone"], "europe");
    let stored = app.query("SELECT name, town, country FROM addresses").await;
    assert_eq!(stored, vec![json!({ "name": "Zoé Müller", "town": "Paris", "country": "FR" })]);

    // Address fields typed for a reward not sent by post are not kept.
    let workshop = [
        ("reward", "atelier-reparation"),
        ("amount", "60.00"),
        ("name", "Bruno Keller"),
        ("email", "bruno@example.ch"),
        ("session.atelier-reparation", "2030-03-06-matin"),
        ("address.street", "Bahnhofstrasse 1"),
        ("address.postcode", "8001"),
        ("address.town", "Zürich"),
    ];
    placed_by_form(&app, &workshop).await;
    app.wait_for("SELECT COUNT(*) AS n FROM addresses", 1).await;

    let mut body = TestApp::body(Some("foulard-soie"), "80.00", "carla@example.ch");
    body["choices"] = json!({ "colour": "garance", "size": "m" });
    body["address"] = json!({ "name": "Carla Rossi", "street": "5th Avenue 1", "postcode": "10001", "town": "New York", "country": "US" });
    let (status, answer) = app.pledge(body.clone()).await;
    assert_eq!(status, 422, "{answer}");
    assert!(answer["error"]["message"].as_str().unwrap().contains("n'est pas envoyée dans ce pays"), "{answer}");
    body["address"] =
        json!({ "name": "Carla Rossi", "street": "Via Roma 1", "postcode": "00184", "town": "Roma", "country": "IT" });
    let (status, placed) = app.pledge(body).await;
    assert_eq!(status, 201, "{placed}");
    assert_eq!(placed["amount"], "80.00");
    assert_eq!(placed["shipping"], json!({ "zone": "europe", "amount": "24.00" }));
}

#[test]
fn the_campaign_file_sets_postage_per_zone_and_a_reward_may_set_its_own() {
    let parse = |extra: &str| {
        let source = std::fs::read_to_string(fixture()).unwrap() + OPTIONS + extra;
        Campaign::parse(std::path::Path::new("campaign.toml"), &source)
    };
    let campaign = parse(SHIPPING).unwrap();
    let scarf = campaign.reward("foulard-soie").unwrap();
    let postage = campaign.postage(scarf).unwrap();
    assert_eq!(postage.europe.map(|a| a.cents()), Some(2400));
    assert_eq!(postage.world, None);
    assert!(campaign.postage(campaign.reward("atelier-reparation").unwrap()).is_none(), "not sent by post");

    let own = parse(&format!("\n[rewards.shipping]\neurope = \"12.00\"\n{SHIPPING}")).unwrap();
    let postage = own.postage(own.reward("foulard-soie").unwrap()).unwrap();
    assert_eq!((postage.switzerland, postage.europe.map(|a| a.cents())), (None, Some(1200)), "its own, whole");

    let refused = parse("\n[shipping]\nworld = \"-3\"\n").unwrap_err().to_string();
    assert!(refused.contains("shipping.world"), "{refused}");
    let empty = parse("\n[shipping]\n").unwrap_err().to_string();
    assert!(empty.contains("at least one zone"), "{empty}");
    let free = parse("\n[shipping]\nswitzerland = \"0\"\n").unwrap();
    assert_eq!(free.postage.unwrap().switzerland.map(|a| a.cents()), Some(0));
}

async fn asked(app: &TestApp, email: &str) -> Vec<Value> {
    app.query(&format!(
        "SELECT subject, body FROM emails WHERE kind = 'details_request' AND to_address = '{email}' ORDER BY id"
    ))
    .await
}

#[tokio::test]
async fn after_a_success_each_backer_without_an_address_is_asked_then_reminded_and_the_team_sees_who_is_missing() {
    let app = paying_app().await;
    let mut placed = Vec::new();
    for email in ["anne@example.ch", "emil@example.ch"] {
        let mut body = TestApp::body(Some("foulard-soie"), "1000.00", email);
        body["choices"] = json!({ "colour": "garance", "size": "m" });
        placed.push(app.pledge(body).await.1);
    }
    let home = [
        ("zone.foulard-soie", "switzerland"),
        ("address.street", "Rue de Carouge 50"),
        ("address.postcode", "1205"),
        ("address.town", "Genève"),
        ("address.country", "CH"),
    ];
    placed_by_form(&app, &scarf_form("bob@example.ch", &home)).await;
    let mut workshop = TestApp::body(Some("atelier-reparation"), "60.00", "carla@example.ch");
    workshop["session"] = "2030-03-06-matin".into();
    app.pledge(workshop).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'details_request'", 0).await;

    close(&app, 4).await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'details_request'", 2).await;
    let anne = asked(&app, "anne@example.ch").await;
    assert_eq!(anne[0]["subject"], "Ce qu'il nous faut pour votre contrepartie : Foulard en soie");
    assert!(anne[0]["body"].as_str().unwrap().contains("- votre adresse de livraison"), "{anne:?}");
    let token = placed[0]["token"].as_str().unwrap();
    assert!(anne[0]["body"].as_str().unwrap().contains(&format!("/pledges/{token}#address")), "{anne:?}");
    let emil = &placed[1];
    pay(&app, emil["id"].as_i64().unwrap(), 100_000, "B-1").await;

    crate::team::add_member(&app, "team@example.ch").await;
    crate::team::log_in(&app, "team@example.ch", crate::team::PASSWORD).await;
    let list = app.get("/team/delivery/foulard-soie").await.text().await.unwrap().replace("&#x27;", "'");
    assert!(list.contains("2 personnes n'ont pas encore donné leur adresse"), "{list}");

    let closed = deadline() + Duration::minutes(1);
    app.clock.set(closed + Duration::days(7) + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'details_request'", 4).await;
    assert!(asked(&app, "anne@example.ch").await[1]["subject"].as_str().unwrap().starts_with("Rappel"));
    let given = [
        ("name", "Anne Dupont"),
        ("street", "Rue du Rhône 1"),
        ("postcode", "1204"),
        ("town", "Genève"),
        ("country", "CH"),
    ];
    assert_eq!(app.post_form(&format!("/pledges/{token}/address"), &given).await.status().as_u16(), 303);
    // A week later, the team's session has ended.
    crate::team::log_in(&app, "team@example.ch", crate::team::PASSWORD).await;
    let list =
        app.get("/team/delivery/foulard-soie?missing=address").await.text().await.unwrap().replace("&#x27;", "'");
    assert!(list.contains("1 personne n'a pas encore donné son adresse"), "{list}");
    assert!(
        list.contains("emil@example.ch") && !list.contains("anne@example.ch") && !list.contains("bob@example.ch"),
        "{list}"
    );

    app.clock.set(closed + Duration::days(14) + Duration::minutes(2));
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'details_request'", 5).await;
    app.clock.set(closed + Duration::days(21) + Duration::minutes(3));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(asked(&app, "emil@example.ch").await.len(), 3, "three asks at most");
    assert_eq!(asked(&app, "anne@example.ch").await.len(), 2, "none once the address is given");
    assert!(asked(&app, "bob@example.ch").await.is_empty() && asked(&app, "carla@example.ch").await.is_empty());
}

#[tokio::test]
async fn passes_running_at_once_ask_each_backer_once_and_remind_once() {
    let app = paying_app().await;
    for email in ["anne@example.ch", "bob@example.ch", "carla@example.ch"] {
        let mut body = TestApp::body(Some("foulard-soie"), "1000.00", email);
        body["choices"] = json!({ "colour": "garance", "size": "m" });
        assert_eq!(app.pledge(body).await.0, 201);
    }
    close(&app, 3).await;
    let campaign = app.campaign_file().clone();
    let letters = Letters::new(Arc::new(campaign.clone()), "https://campagne.example.ch");
    let pass = |now| {
        let (db, campaign, letters, id) = (app.db.clone(), campaign.clone(), letters.clone(), app.campaign_id);
        async move { bobine::services::detail_requests::run_once(&db, &campaign, &letters, id, now).await.unwrap() }
    };
    let now = app.clock.now();
    let (a, b, c) = tokio::join!(pass(now), pass(now), pass(now));
    let asked = "SELECT COUNT(*) AS n FROM emails WHERE kind = 'details_request'";
    app.wait_for(asked, 3).await;
    assert!(a + b + c <= 3, "{a} {b} {c}");
    let later = now + Duration::days(7) + Duration::minutes(1);
    app.clock.set(later);
    let (a, b, c) = tokio::join!(pass(later), pass(later), pass(later));
    app.wait_for(asked, 6).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.wait_for(asked, 6).await;
    assert!(a + b + c <= 3, "{a} {b} {c}");
    for email in ["anne@example.ch", "bob@example.ch", "carla@example.ch"] {
        let n = app
            .query(&format!("SELECT id FROM emails WHERE kind = 'details_request' AND to_address = '{email}'"))
            .await;
        assert_eq!(n.len(), 2, "{email}");
    }
}
