//! Rewards on their way: the team moves each owed reward from to-prepare to delivered (one by
//! one, in bulk, from the post office's file, at the door), and the backer sees each step.

use bobine::jobs::closer;
use chrono::Duration;
use serde_json::{Value, json};

use crate::helpers::{TestApp, before_deadline, deadline, fixture_with, spawn_app_with};
use crate::reward_options::OPTIONS;
use crate::team::{PASSWORD, add_member, log_in};

/// A campaign with the scarf and the workshop, three scarves and two seats pledged, closed as
/// a success, and a team member logged in. Returns the scarves' and the seats' pledges.
async fn closed_with_rewards() -> (TestApp, Vec<Value>, Vec<Value>) {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let mut scarves = Vec::new();
    for (name, amount) in [("anne", "1000.00"), ("bob", "80.00"), ("carla", "80.00")] {
        let mut body = TestApp::body(Some("foulard-soie"), amount, &format!("{name}@example.ch"));
        body["choices"] = json!({ "colour": "garance", "size": "m" });
        let (status, placed) = app.pledge(body).await;
        assert_eq!(status, 201, "{placed}");
        scarves.push(placed);
    }
    let mut seats = Vec::new();
    for name in ["dora", "emil"] {
        let mut body = TestApp::body(Some("atelier-reparation"), "60.00", &format!("{name}@example.ch"));
        body["session"] = "2030-03-06-matin".into();
        seats.push(app.pledge(body).await.1);
    }
    app.clock.set(deadline() + Duration::minutes(1));
    // The app's own closer may get there first: either way, the campaign succeeded.
    closer::run_once(&app.db, app.campaign_id, app.clock.now()).await.unwrap();
    app.wait_for("SELECT COUNT(*) AS n FROM campaigns WHERE state = 'succeeded'", 1).await;
    add_member(&app, "team@example.ch").await;
    log_in(&app, "team@example.ch", PASSWORD).await;
    (app, scarves, seats)
}

async fn fulfilment(app: &TestApp, placed: &Value) -> Value {
    let token = placed["token"].as_str().unwrap();
    let pledge: Value = app.get(&format!("/api/pledges/{token}")).await.json().await.unwrap();
    pledge["fulfilment"].clone()
}

async fn emails_to(app: &TestApp, address: &str) -> Vec<Value> {
    app.query(&format!(
        "SELECT subject, body FROM emails WHERE kind = 'fulfilment_changed' AND to_address = '{address}' ORDER BY id"
    ))
    .await
}

#[tokio::test]
async fn a_shipped_scarf_goes_from_to_prepare_to_delivered_and_its_backer_sees_each_step() {
    let (app, scarves, _) = closed_with_rewards().await;
    let anne = &scarves[0];
    let id = anne["id"].to_string();
    assert_eq!(fulfilment(&app, anne).await, json!({ "state": "to_prepare", "tracking_url": null }));
    let overview = app.get("/team/delivery").await.text().await.unwrap();
    assert!(
        overview.contains(r#"<a href="/team/delivery/foulard-soie">Foulard en soie</a></th><td>3</td><td>3</td>"#),
        "{overview}"
    );
    let dashboard = app.get("/team").await.text().await.unwrap();
    assert!(
        dashboard.contains(
            r#"<a href="/team/delivery/foulard-soie">Foulard en soie</a></th><td>3</td><td>3</td><td>0</td><td>0</td>"#
        ),
        "{dashboard}"
    );
    let list = app.get("/team/delivery/foulard-soie").await.text().await.unwrap();
    assert!(list.contains("Couleur : Garance") && list.contains("anne@example.ch"), "{list}");

    let steps = "/team/delivery/foulard-soie/steps";
    let shipped =
        app.post_form(steps, &[("ids", &id), ("state", "shipped"), ("tracking", "99.00.123456.12345678")]).await;
    assert_eq!(shipped.status().as_u16(), 303);
    assert_eq!(
        fulfilment(&app, anne).await,
        json!({ "state": "shipped", "tracking_url": "https://service.post.ch/ekp-web/ui/entry/search/99.00.123456.12345678" })
    );
    let told = emails_to(&app, "anne@example.ch").await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["subject"], "Votre contrepartie est en route : Foulard en soie");
    let body = told[0]["body"].as_str().unwrap();
    assert!(body.contains("Numéro de suivi : 99.00.123456.12345678"), "{body}");
    assert!(body.contains("https://service.post.ch/ekp-web/ui/entry/search/99.00.123456.12345678"), "{body}");
    let page = app.get(&format!("/pledges/{}", anne["token"].as_str().unwrap())).await.text().await.unwrap();
    assert!(page.contains("Expédiée") && page.contains("Suivre le colis (99.00.123456.12345678)"), "{page}");

    let export: Value =
        app.get(&format!("/pledges/{}/data", anne["token"].as_str().unwrap())).await.json().await.unwrap();
    assert_eq!(export["pledges"][0]["fulfilment"]["tracking"], "99.00.123456.12345678", "{export}");

    // A problem needs its note: refused, nothing moves.
    let refused = app.post_form(steps, &[("ids", &id), ("state", "problem"), ("note", " ")]).await;
    assert_eq!(refused.status().as_u16(), 303);
    let list = app.get("/team/delivery/foulard-soie").await.text().await.unwrap();
    assert!(list.contains("Dites en quelques mots quel est le problème"), "{list}");
    assert_eq!(fulfilment(&app, anne).await["state"], "shipped");

    let delivered = app.post_form(steps, &[("ids", &id), ("state", "delivered")]).await;
    assert_eq!(delivered.status().as_u16(), 303);
    assert_eq!(fulfilment(&app, anne).await, json!({ "state": "delivered", "tracking_url": null }));
    assert_eq!(emails_to(&app, "anne@example.ch").await.len(), 2);
    let page = app.get(&format!("/pledges/{}", anne["token"].as_str().unwrap())).await.text().await.unwrap();
    assert!(page.contains("Livrée"), "{page}");

    // The two others in bulk: ready to pick up, with where and when.
    let (bob, carla) = (scarves[1]["id"].to_string(), scarves[2]["id"].to_string());
    let note = "Atelier, Rue de Carouge 50 : samedi 10 h – 12 h";
    let ready = app.post_form(steps, &[("ids", &bob), ("ids", &carla), ("state", "ready"), ("note", note)]).await;
    assert_eq!(ready.status().as_u16(), 303);
    for address in ["bob@example.ch", "carla@example.ch"] {
        let told = emails_to(&app, address).await;
        assert_eq!(told.len(), 1, "{address}");
        assert!(told[0]["body"].as_str().unwrap().contains(note));
    }
    let dashboard = app.get("/team").await.text().await.unwrap();
    assert!(
        dashboard.contains(r#"Foulard en soie</a></th><td>3</td><td>0</td><td>2</td><td>1</td><td>0</td>"#),
        "{dashboard}"
    );
    // The same step again tells nobody twice.
    app.post_form(steps, &[("ids", &bob), ("state", "ready"), ("note", note)]).await;
    assert_eq!(emails_to(&app, "bob@example.ch").await.len(), 1);
}

#[tokio::test]
async fn the_post_office_file_ships_every_line_or_nothing_and_names_the_wrong_line() {
    let (app, scarves, seats) = closed_with_rewards().await;
    let reference = |placed: &Value| placed["reference"].as_str().unwrap().to_owned();
    let upload = |text: String| {
        let app = &app;
        async move {
            let csrf = app.csrf_token().await;
            let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
                "file",
                reqwest::multipart::Part::text(text).file_name("envois.csv").mime_str("text/csv").unwrap(),
            );
            let sent = app.client.post(app.url("/team/delivery/import")).multipart(form).send().await.unwrap();
            assert_eq!(sent.status().as_u16(), 303);
            app.get("/team/delivery").await.text().await.unwrap()
        }
    };
    let wrong = format!(
        "Référence;Numéro d'envoi\n{};99.00.1\n{};99.00.2\nZZZZ-9999;99.00.3\n",
        reference(&scarves[0]),
        reference(&scarves[1])
    );
    let page = upload(wrong).await;
    assert!(
        page.contains(
            "Ligne 4 : aucune promesse à expédier ne porte la référence « ZZZZ-9999 ». Rien n&#x27;a été changé."
        ),
        "{page}"
    );
    assert_eq!(app.query("SELECT pledge_id FROM fulfilments").await.len(), 0, "nothing changed");

    let right = format!("{};99.00.1\n{},99.00.2,Genève\n", reference(&scarves[0]).to_lowercase(), reference(&seats[0]));
    let page = upload(right.clone()).await;
    assert!(page.contains("2 contreparties marquées expédiées"), "{page}");
    assert_eq!(fulfilment(&app, &scarves[0]).await["state"], "shipped");
    assert_eq!(
        fulfilment(&app, &seats[0]).await["tracking_url"],
        "https://service.post.ch/ekp-web/ui/entry/search/99.00.2",
        "a further column is not part of the number"
    );
    assert_eq!(emails_to(&app, "anne@example.ch").await.len(), 1);

    // Next week's file holds the same lines: a parcel delivered meanwhile stays delivered, and
    // nobody is told twice.
    let anne = scarves[0]["id"].to_string();
    let delivered =
        app.post_form("/team/delivery/foulard-soie/steps", &[("ids", anne.as_str()), ("state", "delivered")]).await;
    assert_eq!(delivered.status().as_u16(), 303);
    let page = upload(right).await;
    assert!(page.contains("Aucune contrepartie n&#x27;a changé"), "{page}");
    assert_eq!(fulfilment(&app, &scarves[0]).await["state"], "delivered");
    assert_eq!(emails_to(&app, "anne@example.ch").await.len(), 2, "shipped, then delivered; no more");
}

#[tokio::test]
async fn the_attendance_list_checks_people_in_at_the_door_without_an_email() {
    let (app, scarves, seats) = closed_with_rewards().await;
    let path = "/team/delivery/atelier-reparation?session=2030-03-06-matin";
    let list = app.get(path).await.text().await.unwrap();
    assert!(list.contains("Liste de présence") && list.contains("6 mars 2030, 09:30–12:00 CET"), "{list}");
    assert!(list.contains("0 présent·e(s) sur 2"), "{list}");
    let dora = seats[0]["id"].to_string();
    let checked = app
        .post_form(
            "/team/delivery/atelier-reparation/steps",
            &[("check_in", dora.as_str()), ("session", "2030-03-06-matin")],
        )
        .await;
    assert_eq!(checked.status().as_u16(), 303);
    assert_eq!(checked.headers()["location"], path);
    let list = app.get(path).await.text().await.unwrap();
    assert!(list.contains("Présence notée.") && list.contains("1 présent·e(s) sur 2"), "{list}");
    assert_eq!(fulfilment(&app, &seats[0]).await["state"], "attended");
    assert!(emails_to(&app, "dora@example.ch").await.is_empty(), "nobody is emailed at the door");
    // A scarf's pledge sent to the workshop's form moves nothing.
    let anne = scarves[0]["id"].to_string();
    app.post_form("/team/delivery/atelier-reparation/steps", &[("ids", anne.as_str()), ("state", "delivered")]).await;
    assert_eq!(fulfilment(&app, &scarves[0]).await["state"], "to_prepare");
    // Without the team's session, nothing.
    let stranger = reqwest::Client::new().get(app.url(path)).send().await.unwrap();
    assert_eq!(stranger.url().path(), "/team/login", "sent to log in");
    assert!(!stranger.text().await.unwrap().contains("dora@example.ch"));
}

#[tokio::test]
async fn a_backer_gives_their_address_until_the_parcel_leaves_and_the_post_gets_it() {
    let (app, scarves, seats) = closed_with_rewards().await;
    let token = scarves[0]["token"].as_str().unwrap();
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Donner l&#x27;adresse de livraison") && page.contains(r#"value="CH" selected"#), "{page}");
    let seat = seats[0]["token"].as_str().unwrap();
    let workshop = app.get(&format!("/pledges/{seat}")).await.text().await.unwrap();
    assert!(!workshop.contains("adresse de livraison"), "a workshop needs no address");

    let address = |postcode: &'static str| {
        [
            ("name", "Zoé Müller"),
            ("street", "Rue de Carouge 50"),
            ("building", "c/o Atelier Rose"),
            ("postcode", postcode),
            ("town", "Genève"),
            ("country", "CH"),
        ]
    };
    let refused = app.post_form(&format!("/pledges/{token}/address"), &address("120")).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("ce NPA ne correspond pas à un numéro postal de Suisse (par exemple 1234)"), "{page}");
    assert!(page.contains(r#"value="Rue de Carouge 50""#), "what was typed comes back: {page}");
    assert!(page.contains(r#"id="address-postcode" name="postcode""#) && page.contains(r#"aria-invalid="true""#));
    let german = app
        .client
        .post(app.url(&format!("/pledges/{token}/address?lang=de")))
        .form(&[address("1").as_slice(), &[("csrf", app.csrf_token().await.as_str())]].concat())
        .send()
        .await
        .unwrap();
    assert!(german.text().await.unwrap().contains("Das ist keine Postleitzahl von Schweiz"));
    assert_eq!(app.query("SELECT pledge_id FROM addresses").await.len(), 0, "nothing half-written");

    let saved = app.post_form(&format!("/pledges/{token}/address?lang=fr"), &address("1205")).await;
    assert_eq!(saved.status().as_u16(), 303);
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Adresse enregistrée.") && page.contains("1205 Genève<br>Suisse"), "{page}");
    let refused = app.post_form(&format!("/pledges/{seat}/address"), &address("1205")).await;
    assert_eq!(refused.status().as_u16(), 422, "a workshop takes no address");

    let csv = app.get("/team/delivery/foulard-soie/addresses.csv").await.bytes().await.unwrap();
    assert!(csv.starts_with("\u{feff}".as_bytes()), "a byte-order mark for spreadsheets");
    let csv = String::from_utf8(csv[3..].to_vec()).unwrap();
    let reference = scarves[0]["reference"].as_str().unwrap();
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "\"reference\";\"name\";\"street\";\"building\";\"postcode\";\"town\";\"country\"",
            &format!(
                "\"{reference}\";\"Zoé Müller\";\"Rue de Carouge 50\";\"c/o Atelier Rose\";\"1205\";\"Genève\";\"CH\""
            ),
        ]
    );
    let export: Value = app.get(&format!("/pledges/{token}/data")).await.json().await.unwrap();
    assert_eq!(export["pledges"][0]["address"]["postcode"], "1205");

    // Once the parcel left, the address stays as it went.
    let id = scarves[0]["id"].to_string();
    app.post_form("/team/delivery/foulard-soie/steps", &[("ids", id.as_str()), ("state", "shipped")]).await;
    let late = app.post_form(&format!("/pledges/{token}/address"), &address("1204")).await;
    assert_eq!(late.status().as_u16(), 422);
    assert!(late.text().await.unwrap().contains("Votre contrepartie est déjà partie"));
    assert_eq!(app.query("SELECT postcode FROM addresses").await[0]["postcode"], "1205");
    let csv = app.get("/team/delivery/foulard-soie/addresses.csv").await.text().await.unwrap();
    assert_eq!(csv.lines().count(), 1, "a shipped parcel is not on the next labels");
}

#[tokio::test]
async fn the_api_takes_an_address_with_a_pledge_and_names_the_field_it_refuses() {
    let file = fixture_with(OPTIONS);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let scarf = |address: Value, email: &str| {
        let mut body = TestApp::body(Some("foulard-soie"), "80.00", email);
        body["choices"] = json!({ "colour": "garance", "size": "m" });
        body["address"] = address;
        body
    };
    let good = json!({ "name": "Jan de Vries", "street": "Prinsengracht 263", "postcode": "1016gv", "town": "Amsterdam", "country": "nl" });
    let (status, placed) = app.pledge(scarf(good.clone(), "jan@example.nl")).await;
    assert_eq!(status, 201, "{placed}");
    let stored = app.query("SELECT postcode, country FROM addresses").await;
    assert_eq!(stored, vec![json!({ "postcode": "1016 GV", "country": "NL" })]);

    let mut wrong = good.clone();
    wrong["postcode"] = "1016".into();
    let (status, refused) = app.pledge(scarf(wrong, "piet@example.nl")).await;
    assert_eq!((status, refused["error"]["code"].as_str()), (422, Some("invalid_address")), "{refused}");
    assert!(refused["error"]["message"].as_str().unwrap().contains("Pays-Bas (par exemple 1234 AB)"), "{refused}");
    let mut far = good.clone();
    far["country"] = "US".into();
    let (status, refused) = app.pledge(scarf(far, "piet@example.nl")).await;
    assert_eq!((status, refused["error"]["code"].as_str()), (422, Some("invalid_address")));
    let mut workshop = TestApp::body(Some("atelier-reparation"), "60.00", "piet@example.nl");
    workshop["session"] = "2030-03-06-matin".into();
    workshop["address"] = good;
    let (status, refused) = app.pledge(workshop).await;
    assert_eq!(status, 422, "a workshop takes no address: {refused}");
    assert_eq!(app.stored_pledges().await, 1, "nothing half-written");
    app.assert_counters_match_pledges().await;
}
