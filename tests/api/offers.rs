//! Offers of help without money: the public form, the campaign page's count, the team's
//! triage.

use entity::email::EmailKind;
use entity::offer;
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};

use crate::helpers::{TestApp, spawn_app};
use crate::team::{PASSWORD, add_member, log_in};

async fn offers(app: &TestApp) -> u64 {
    offer::Entity::find().count(&app.db.read).await.unwrap()
}

fn sewing_machine(email: &str) -> Vec<(&str, &str)> {
    vec![
        ("kind", "machines"),
        ("description", "Je prête ma machine à coudre Bernina, révisée l'an dernier."),
        ("availability", "les samedis"),
        ("name", "Léa Rochat"),
        ("email", email),
        ("phone", "+41 22 345 67 89"),
    ]
}

#[tokio::test]
async fn an_offer_of_a_sewing_machine_reaches_the_teams_list() {
    let app = spawn_app().await;
    let form = app.get("/help").await.text().await.unwrap();
    assert!(form.contains("Des machines") && form.contains("Un partenariat média") && form.contains("Un témoignage"));

    let sent = app.post_form("/help", &sewing_machine("lea@example.ch")).await;
    assert_eq!(sent.status().as_u16(), 303);
    assert_eq!(sent.headers()["location"], "/help/thanks");
    let campaign = app.get("/").await.text().await.unwrap();
    assert!(!campaign.contains("proposé son aide"), "an offer counts publicly once the team has triaged it");

    // The same person offering more is still one person; another is a second.
    app.post_form(
        "/help",
        &[("kind", "time"), ("description", "Et du temps."), ("name", "Léa"), ("email", "LEA@example.ch")],
    )
    .await;
    app.post_form(
        "/help",
        &[("kind", "space"), ("description", "Une vitrine à Carouge."), ("name", "Marc"), ("email", "marc@example.ch")],
    )
    .await;
    assert_eq!(offers(&app).await, 3);
    assert!(!app.get("/").await.text().await.unwrap().contains("proposé"), "an untriaged address tells nothing");

    assert_eq!(app.get("/team/offers").await.status().as_u16(), 303, "the team's list needs a session");
    add_member(&app, "anne@example.ch").await;
    log_in(&app, "anne@example.ch", PASSWORD).await;
    let summary: serde_json::Value = app.get("/api/team/summary").await.json().await.unwrap();
    assert_eq!(summary["work"]["offers_new"], 3, "the dashboard counts new offers");
    let list = app.get("/team/offers?kind=machines").await.text().await.unwrap();
    assert!(
        list.contains("machine à coudre Bernina")
            && list.contains("lea@example.ch")
            && list.contains("+41 22 345 67 89")
    );
    assert!(!list.contains("Une vitrine"), "filtered by kind");

    let id = offer::Entity::find().order_by_asc(offer::Column::Id).one(&app.db.read).await.unwrap().unwrap().id;
    let triaged = app
        .post_form(&format!("/team/offers/{id}"), &[("state", "contacted"), ("note", "Appelée le 3, passe lundi")])
        .await;
    assert_eq!(triaged.status().as_u16(), 303);
    let contacted = app.get("/team/offers?state=contacted").await.text().await.unwrap();
    assert!(contacted.contains("Appelée le 3, passe lundi") && contacted.contains("Bernina"));
    assert!(app.get("/").await.text().await.unwrap().contains("1 personne a proposé son aide"));
    // Each person once, whatever the team does with their other offers; a declined one is not counted.
    let all = offer::Entity::find().order_by_asc(offer::Column::Id).all(&app.db.read).await.unwrap();
    for (offer, state) in all.iter().skip(1).zip(["accepted", "declined"]) {
        app.post_form(&format!("/team/offers/{}", offer.id), &[("state", state), ("note", "")]).await;
    }
    assert!(app.get("/").await.text().await.unwrap().contains("1 personne a proposé son aide"));
    app.post_form(&format!("/team/offers/{}", all[2].id), &[("state", "accepted"), ("note", "")]).await;
    assert!(app.get("/").await.text().await.unwrap().contains("2 personnes ont proposé leur aide"));
    app.post_form(&format!("/team/offers/{id}"), &[("state", "declined"), ("note", "")]).await;
    assert!(app.get("/").await.text().await.unwrap().contains("2 personnes"), "Léa's other offer still counts");
    app.assert_counters_match_pledges().await;
    let bad_state = app.post_form(&format!("/team/offers/{id}"), &[("state", "lost"), ("note", "")]).await;
    assert_eq!(bad_state.status().as_u16(), 422);

    let thanks = entity::email::Entity::find().all(&app.db.read).await.unwrap();
    let letter = thanks.iter().find(|e| e.kind == EmailKind::OfferReceived && e.to_address == "lea@example.ch");
    let letter = letter.expect("the helper is thanked");
    // The address is not proven: the email carries nothing the sender wrote but the name.
    assert!(letter.body.contains("Léa") && !letter.body.contains("Bernina"), "{}", letter.body);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_bad_offer_is_refused_with_a_clear_message_and_nothing_is_stored() {
    let app = spawn_app().await;
    let long = "x".repeat(2001);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![("kind", ""), ("description", "Du temps"), ("name", "Léa"), ("email", "lea@example.ch")],
            "Choisissez ce que vous proposez",
        ),
        (
            vec![("kind", "money"), ("description", "Du temps"), ("name", "Léa"), ("email", "lea@example.ch")],
            "Choisissez ce que vous proposez",
        ),
        (
            vec![("kind", "time"), ("description", "  "), ("name", "Léa"), ("email", "lea@example.ch")],
            "Ce champ est obligatoire",
        ),
        (
            vec![("kind", "time"), ("description", &long), ("name", "Léa"), ("email", "lea@example.ch")],
            "2000 caractères au plus",
        ),
        (
            vec![("kind", "time"), ("description", "Du temps"), ("name", ""), ("email", "lea@example.ch")],
            "Indiquez votre nom",
        ),
        (
            vec![("kind", "time"), ("description", "Du temps"), ("name", "Léa"), ("email", "lea@")],
            "Cette adresse e-mail",
        ),
        (
            vec![
                ("kind", "time"),
                ("description", "Du temps"),
                ("name", "Léa"),
                ("email", "lea@example.ch"),
                ("phone", "call me"),
            ],
            "numéro de téléphone",
        ),
    ];
    for (fields, message) in cases {
        let response = app.post_form("/help", &fields).await;
        assert_eq!(response.status().as_u16(), 422, "{fields:?}");
        let page = response.text().await.unwrap();
        let error = page.split("class=\"error-box\"").nth(1).and_then(|box_| box_.split("</div>").next()).unwrap();
        assert!(error.contains(message), "{fields:?} should say {message}: {error}");
        assert!(page.contains("value=\"lea@") || fields.iter().all(|(k, _)| *k != "email"), "what was typed is kept");
    }
    let forged = app.client.post(app.url("/help")).form(&sewing_machine("lea@example.ch")).send().await.unwrap();
    assert_eq!(forged.status().as_u16(), 403);
    assert_eq!(offers(&app).await, 0);
    assert_eq!(entity::email::Entity::find().count(&app.db.read).await.unwrap(), 0);
}

#[tokio::test]
async fn a_form_sent_twice_is_one_offer() {
    let app = spawn_app().await;
    let mut fields = sewing_machine("lea@example.ch");
    let key = "k".repeat(40);
    fields.push(("form_key", &key));
    assert_eq!(app.post_form("/help", &fields).await.status().as_u16(), 303);
    assert_eq!(app.post_form("/help", &fields).await.status().as_u16(), 303);
    assert_eq!(offers(&app).await, 1);
    app.assert_counters_match_pledges().await;
}

/// A text of several lines keeps its lines as typed, with nothing added before them.
#[tokio::test]
async fn a_text_of_several_lines_is_shown_as_typed() {
    let app = spawn_app().await;
    let mut offer = sewing_machine("lea@example.ch");
    offer[1].1 = "Une Bernina révisée.\nAussi une surjeteuse.\n\nLes deux à Carouge.";
    assert_eq!(app.post_form("/help", &offer).await.status().as_u16(), 303);
    crate::team::add_member(&app, "anne@example.ch").await;
    crate::team::log_in(&app, "anne@example.ch", crate::team::PASSWORD).await;
    let page = app.get("/team/offers").await.text().await.unwrap();
    assert!(page.contains("Une Bernina révisée.\nAussi une surjeteuse.\n\nLes deux à Carouge."), "{page}");
}
