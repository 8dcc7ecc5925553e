//! The survey after success: questions per reward in the campaign file, answered on the
//! private page (and refused with the question named), asked for by email with the address,
//! shown to the team and exported, in the backer's data export and gone with their erasure.

use chrono::Duration;
use serde_json::{Value, json};

use crate::helpers::{TestApp, before_deadline, deadline, fixture_with, spawn_app_with};
use crate::reward_options::OPTIONS;
use crate::team::{PASSWORD, add_member, log_in};

/// The scarf (sent by post) asks a name to embroider, a wrapping, and an optional remark.
pub const SURVEY: &str = r#"
[[rewards.survey]]
id = "prenom-brode"
question = { fr = "Prénom à broder", en = "Name to embroider", de = "Name zum Sticken" }

[[rewards.survey]]
id = "emballage"
question = { fr = "Emballage", en = "Wrapping", de = "Verpackung" }
values = [{ id = "cadeau", label = { fr = "Cadeau", en = "Gift", de = "Geschenk" } }, { id = "simple" }]

[[rewards.survey]]
id = "remarque"
question = { fr = "Une remarque ?", en = "Anything else?", de = "Noch etwas?" }
optional = true
"#;

async fn scarf(app: &TestApp, email: &str, amount: &str) -> Value {
    let mut body = TestApp::body(Some("foulard-soie"), amount, email);
    body["choices"] = json!({ "colour": "garance", "size": "m" });
    let (status, placed) = app.pledge(body).await;
    assert_eq!(status, 201, "{placed}");
    placed
}

#[tokio::test]
async fn after_a_success_backers_answer_their_reward_s_questions_and_the_team_reads_and_exports_them() {
    let file = fixture_with(&format!("{OPTIONS}{SURVEY}"));
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let anne = scarf(&app, "anne@example.ch", "1000.00").await;
    let bob = scarf(&app, "bob@example.ch", "80.00").await;
    let token = anne["token"].as_str().unwrap().to_owned();
    let path = format!("/pledges/{token}/survey");
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(!page.contains("id=\"survey\""), "no questions before the success");
    let early = app.post_form(&path, &[("answer.prenom-brode", "Zoé"), ("answer.emballage", "cadeau")]).await;
    assert_eq!(early.status().as_u16(), 422);

    app.clock.set(deadline() + Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM campaigns WHERE state = 'succeeded'", 1).await;
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'details_request'", 2).await;
    let asked =
        app.query("SELECT body FROM emails WHERE kind = 'details_request' AND to_address = 'anne@example.ch'").await;
    let body = asked[0]["body"].as_str().unwrap();
    assert!(
        body.contains("- votre adresse de livraison") && body.contains("- vos réponses à quelques questions"),
        "{body}"
    );

    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains(r#"<label for="survey-prenom-brode">Prénom à broder</label>"#), "{page}");
    assert!(page.contains("Une remarque ? (facultatif)"), "{page}");

    // A required answer left out: refused with the question named, what was chosen kept.
    let missing = app.post_form(&path, &[("answer.prenom-brode", "  "), ("answer.emballage", "cadeau")]).await;
    assert_eq!(missing.status().as_u16(), 422);
    let page = missing.text().await.unwrap();
    assert!(page.contains("Répondez à la question « Prénom à broder »."), "{page}");
    assert!(page.contains(r#"<option value="cadeau" selected>Cadeau</option>"#), "{page}");
    let forged = app.post_form(&path, &[("answer.prenom-brode", "Zoé"), ("answer.emballage", "soie")]).await;
    assert!(forged.text().await.unwrap().contains("Choisissez une réponse de la liste pour « Emballage »."));
    let long = "é".repeat(1001);
    let too_long = app.post_form(&path, &[("answer.prenom-brode", &long), ("answer.emballage", "simple")]).await;
    assert!(too_long.text().await.unwrap().contains("1000 caractères au plus"));
    assert!(app.query("SELECT pledge_id FROM survey_answers").await.is_empty(), "nothing half-written");

    let answered = app
        .post_form(&path, &[("answer.prenom-brode", " Zoé "), ("answer.emballage", "cadeau"), ("answer.remarque", "")])
        .await;
    assert_eq!(answered.status().as_u16(), 303);
    let pledge: Value = app.get(&format!("/api/pledges/{token}")).await.json().await.unwrap();
    assert_eq!(pledge["survey_answers"], json!({ "prenom-brode": "Zoé", "emballage": "cadeau" }));
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(page.contains("Merci, vos réponses sont enregistrées"), "{page}");
    assert!(page.contains(">Zoé</textarea>"), "{page}");

    // The team reads them with the pledges and exports them; a reminder a week later goes to
    // the one who did not answer, and to Anne only for her address.
    add_member(&app, "team@example.ch").await;
    log_in(&app, "team@example.ch", PASSWORD).await;
    let list = app.get("/team/delivery/foulard-soie").await.text().await.unwrap();
    assert!(list.contains("Prénom à broder : Zoé") && list.contains("Emballage : Cadeau"), "{list}");
    assert!(list.contains("Réponses manquantes"), "{list}");
    let english = app.get("/team/delivery/foulard-soie?lang=en").await.text().await.unwrap();
    assert!(english.contains("Name to embroider: Zoé") && english.contains("Colour: Madder"), "{english}");
    app.get("/team/delivery/foulard-soie?lang=fr").await;
    let csv = app.get("/team/delivery/foulard-soie/answers.csv").await.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], r#""reference";"name";"email";"Prénom à broder";"Emballage";"Une remarque ?""#);
    assert!(lines.iter().any(|l| l.ends_with(r#";"anne@example.ch";"Zoé";"Cadeau";"""#)), "{csv}");
    assert!(lines.iter().any(|l| l.ends_with(r#";"bob@example.ch";"";"";"""#)), "{csv}");

    app.clock.set(deadline() + Duration::days(7) + Duration::minutes(2));
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'details_request'", 4).await;
    let reminded = app
        .query("SELECT body FROM emails WHERE kind = 'details_request' AND to_address = 'anne@example.ch' ORDER BY id")
        .await;
    let body = reminded[1]["body"].as_str().unwrap();
    assert!(body.contains("- votre adresse") && !body.contains("- vos réponses"), "{body}");
    assert!(body.contains(&format!("/pledges/{token}#address")), "{body}");
    let reminded = app
        .query("SELECT body FROM emails WHERE kind = 'details_request' AND to_address = 'bob@example.ch' ORDER BY id")
        .await;
    assert!(reminded[1]["body"].as_str().unwrap().contains("- vos réponses"), "{reminded:?}");

    // Her data export holds them; her erasure takes them away.
    let export: Value = app.get(&format!("/pledges/{token}/data")).await.json().await.unwrap();
    assert_eq!(export["pledges"][0]["survey_answers"], json!({ "prenom-brode": "Zoé", "emballage": "cadeau" }));
    let erased = app.post_form(&format!("/pledges/{token}/erase"), &[("confirm", "true")]).await;
    assert_eq!(erased.status().as_u16(), 303, "{}", erased.text().await.unwrap());
    let left = app.query(&format!("SELECT answer FROM survey_answers WHERE pledge_id = {}", anne["id"])).await;
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(bob["state"], "active");
}

#[test]
fn a_survey_question_names_its_mistakes_in_the_campaign_file() {
    let parse = |extra: &str| {
        let source = std::fs::read_to_string(crate::helpers::fixture()).unwrap() + OPTIONS + extra;
        bobine::config::Campaign::parse(std::path::Path::new("campaign.toml"), &source)
    };
    let campaign = parse(SURVEY).unwrap();
    let survey = &campaign.reward("foulard-soie").unwrap().survey;
    assert_eq!(
        survey.iter().map(|q| (q.id.as_str(), q.optional)).collect::<Vec<_>>(),
        [("prenom-brode", false), ("emballage", false), ("remarque", true)]
    );
    let twice = parse(&format!("{SURVEY}\n[[rewards.survey]]\nid = \"emballage\"\nquestion = {{ fr = \"Encore\" }}\n"));
    assert!(twice.unwrap_err().to_string().contains("\"emballage\" names another question"));
    let stock =
        "\n[[rewards.survey]]\nid = \"taille\"\nquestion = { fr = \"Taille\" }\nvalues = [{ id = \"s\", limit = 3 }]\n";
    assert!(parse(stock).unwrap_err().to_string().contains("an answer has no stock"));
}
