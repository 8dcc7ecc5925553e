//! Questions and the FAQ: the campaign file's FAQ on the campaign page with anchors; anyone
//! asks at `/questions` (every mistake at once, throttled); the team answers by email in the
//! asker's language, the answer kept with the question, and publishes it in the FAQ only when
//! the asker agreed.

use bobine::config::RateLimits;
use bobine::domain::proxies::TrustedProxies;

use crate::helpers::{before_deadline, fixture_with, spawn_app, spawn_app_with, spawn_limited_app};
use crate::team::{PASSWORD, add_member, log_in};

const FAQ: &str = r#"
[[faq]]
id = "livraison"
question.fr = "Quand recevrai-je ma contrepartie ?"
question.de = "Wann erhalte ich meine Gegenleistung?"
answer.fr = "Au printemps 2028, **à l'atelier** ou par la poste."
answer.de = "Im Frühling 2028."

[[faq]]
question.fr = "Puis-je payer par TWINT ?"
answer.fr = "Oui, si la campagne le propose."
"#;

#[tokio::test]
async fn the_faq_of_the_campaign_file_shows_on_the_campaign_page_with_anchors_in_each_language() {
    let file = fixture_with(FAQ);
    let app = spawn_app_with(file.path(), before_deadline()).await;
    let page = app.get("/").await.text().await.unwrap();
    assert!(page.contains(r#"id="faq-livraison""#) && page.contains(r##"href="#faq-livraison""##), "{page}");
    assert!(
        page.contains("<strong>à l&#39;atelier</strong>") || page.contains("<strong>à l'atelier</strong>"),
        "{page}"
    );
    assert!(page.contains(r#"id="faq-puis-je-payer-par-twint""#), "an anchor from the question: {page}");
    let german = app.get("/?lang=de").await.text().await.unwrap();
    assert!(german.contains("Wann erhalte ich meine Gegenleistung?") && german.contains("Im Frühling 2028."));
    assert!(german.contains("Puis-je payer par TWINT ?"), "a question without German reads French");
    let questions = app.get("/questions").await.text().await.unwrap();
    assert!(questions.contains(r#"id="faq-livraison""#), "{questions}");
}

#[test]
fn a_faq_without_french_or_with_a_bad_or_repeated_anchor_is_refused_with_its_line() {
    let cases = [
        ("[[faq]]\nquestion.en = \"When?\"\nanswer.fr = \"Soon.\"\n", "faq[0].question.fr"),
        ("[[faq]]\nid = \"Livraison !\"\nquestion.fr = \"Quand ?\"\nanswer.fr = \"Bientôt.\"\n", "faq[0].id"),
        (
            "[[faq]]\nquestion.fr = \"Quand ?\"\nanswer.fr = \"A.\"\n[[faq]]\nquestion.fr = \"Quand ?\"\nanswer.fr = \"B.\"\n",
            "faq[1].id",
        ),
    ];
    for (extra, field) in cases {
        let file = fixture_with(&format!("\n{extra}"));
        let error = bobine::config::Campaign::load(file.path()).unwrap_err();
        assert_eq!(error.field, field, "{error}");
        assert!(error.line.is_some(), "{error}");
    }
}

#[tokio::test]
async fn a_question_is_asked_answered_by_email_and_published_only_with_consent() {
    let app = spawn_app().await;
    // Three mistakes at once, nothing stored.
    let refused = app.post_form("/questions", &[("name", ""), ("email", "pas-une-adresse"), ("message", " ")]).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    for field in ["name", "email", "message"] {
        assert!(page.contains(&format!("href=\"#{field}\"")), "{field}: {page}");
    }
    assert!(app.query("SELECT id FROM questions").await.is_empty());

    let asked = app
        .post_form(
            "/questions?lang=de",
            &[
                ("name", "Jürg Müller"),
                ("email", "juerg@example.ch"),
                ("message", "Kann ich die Jacke in Grösse 58 bestellen?\nDanke!"),
                ("may_publish", "true"),
            ],
        )
        .await;
    assert_eq!(asked.status().as_u16(), 303);
    assert_eq!(asked.headers()["location"], "/questions/thanks");
    let private = app
        .post_form("/questions", &[("name", "Anne"), ("email", "anne@example.ch"), ("message", "Une question privée.")])
        .await;
    assert_eq!(private.status().as_u16(), 303);
    let rows = app.query("SELECT id, lang, state FROM questions ORDER BY id").await;
    assert_eq!((rows[0]["lang"].as_str(), rows[0]["state"].as_str()), (Some("de"), Some("new")));
    let (juerg, anne) = (rows[0]["id"].as_i64().unwrap(), rows[1]["id"].as_i64().unwrap());

    add_member(&app, "ines@example.ch").await;
    log_in(&app, "ines@example.ch", PASSWORD).await;
    let dashboard = app.get("/team").await.text().await.unwrap();
    assert!(dashboard.contains("/team/questions?state&#x3D;new"), "{dashboard}");
    let listed = app.get("/team/questions").await.text().await.unwrap();
    assert!(listed.contains("Grösse 58") && listed.contains("Une question privée."), "{listed}");

    let empty = app.post_form(&format!("/team/questions/{juerg}/answer"), &[("answer", "")]).await;
    assert_eq!(empty.status().as_u16(), 422);
    let answered = app
        .post_form(
            &format!("/team/questions/{juerg}/answer"),
            &[("answer", "Ja, auf Mass: schreiben Sie uns Ihre Masse.")],
        )
        .await;
    assert_eq!(answered.status().as_u16(), 303);
    let mail = app.query("SELECT to_address, subject, body FROM emails WHERE kind = 'question_answered'").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["to_address"], "juerg@example.ch");
    let body = mail[0]["body"].as_str().unwrap();
    assert!(body.starts_with("Guten Tag Jürg Müller"), "in the asker's language: {body}");
    assert!(
        body.contains("> Kann ich die Jacke in Grösse 58 bestellen?\n> Danke!") && body.contains("Ja, auf Mass"),
        "{body}"
    );
    let kept = app.query(&format!("SELECT state, answer FROM questions WHERE id = {juerg}")).await;
    assert_eq!(kept[0]["state"], "answered");

    // Published as the team words it; the asker's name and address appear nowhere public.
    let published = app
        .post_form(
            &format!("/team/questions/{juerg}/publish"),
            &[("faq_question", "Gibt es die Jacke in grossen Grössen?"), ("faq_answer", "Ja, **auf Mass**.")],
        )
        .await;
    assert_eq!(published.status().as_u16(), 303);
    let campaign = app.get("/?lang=de").await.text().await.unwrap();
    assert!(
        campaign.contains("Gibt es die Jacke in grossen Grössen?") && campaign.contains("<strong>auf Mass</strong>")
    );
    let french = app.get("/questions?lang=fr").await.text().await.unwrap();
    assert!(french.contains(r#"lang="de""#) && french.contains("Gibt es die Jacke"), "marked as German: {french}");
    assert!(!french.contains("Jürg") && !french.contains("juerg@example.ch"));

    // Without consent: not publishable, even by a forged form.
    app.post_form(&format!("/team/questions/{anne}/answer"), &[("answer", "Réponse.")]).await;
    let forged =
        app.post_form(&format!("/team/questions/{anne}/publish"), &[("faq_question", "Q"), ("faq_answer", "R")]).await;
    assert_eq!(forged.status().as_u16(), 422);
    assert!(!app.get("/").await.text().await.unwrap().contains("Une question privée"));

    // Taken out again.
    let removed = app.post_form(&format!("/team/questions/{juerg}/unpublish"), &[]).await;
    assert_eq!(removed.status().as_u16(), 303);
    assert!(!app.get("/?lang=de").await.text().await.unwrap().contains("Gibt es die Jacke"));
}

#[tokio::test]
async fn a_flood_of_questions_from_one_address_is_refused_with_retry_after() {
    let app = spawn_limited_app(RateLimits::default(), TrustedProxies::NONE).await;
    let mut last = 0;
    for n in 0..25 {
        let email = format!("q{n}@example.ch");
        let answer = app
            .post_form("/questions", &[("name", "Anne"), ("email", email.as_str()), ("message", "Encore une ?")])
            .await;
        last = answer.status().as_u16();
        if last == 429 {
            assert!(answer.headers().get("retry-after").is_some());
            break;
        }
    }
    assert_eq!(last, 429);
    assert!(app.query("SELECT id FROM questions").await.len() <= 20);
}
