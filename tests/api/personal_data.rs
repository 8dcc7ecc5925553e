//! A person's data: the export holds everything stored about them and nothing about anyone
//! else; after an erasure no text column of any table holds their email or name, the counters
//! still match the pledges, and the campaign's figures do not move; the team erases a
//! designer's or a helper's data; the retention setting erases everything in time.

use serde_json::Value;

use crate::helpers::{TestApp, before_deadline, deadline, fixture, spawn_app, spawn_app_with};
use crate::team::{PASSWORD, add_member, log_in};

/// Every (table, column) of text in the database.
async fn text_columns(app: &TestApp) -> Vec<(String, String)> {
    let rows = if app.database_url().starts_with("postgres") {
        app.query(
            "SELECT table_name AS t, column_name AS c FROM information_schema.columns \
             WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')",
        )
        .await
    } else {
        app.query(
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND (upper(p.type) LIKE '%TEXT%' OR upper(p.type) LIKE '%CHAR%')",
        )
        .await
    };
    rows.iter().map(|r| (r["t"].as_str().unwrap().to_owned(), r["c"].as_str().unwrap().to_owned())).collect()
}

/// Where `needle` appears (whatever its case) in any text of the database, as `table.column`.
async fn found_anywhere(app: &TestApp, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in text_columns(app).await {
        let sql = format!(
            "SELECT COUNT(*) AS n FROM {table} WHERE lower({column}) LIKE '%{}%'",
            needle.to_lowercase().replace('\'', "''")
        );
        if app.query(&sql).await[0]["n"].as_i64().unwrap() > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

async fn figures(app: &TestApp) -> (Value, Value, Value) {
    let campaign = app.campaign().await;
    (campaign["pledged"].clone(), campaign["backers"].clone(), campaign["pledge_count"].clone())
}

#[tokio::test]
async fn a_backer_downloads_their_data_and_erases_it_once_nothing_is_pending() {
    let app = spawn_app().await;
    let body = |reward: Option<&str>, amount: &str, email: &str, name: &str| {
        let mut body = TestApp::body(reward, amount, email);
        body["name"] = name.into();
        body["display_name"] = format!("{}.", &name[..6]).into();
        body
    };
    let (_, first) = app.pledge(body(Some("open"), "50.00", "anne.dupont@example.ch", "Anne Dupont")).await;
    let (_, second) = app.pledge(body(None, "20.00", "Anne.Dupont@Example.ch", "Anne Dupont")).await;
    let (_, marc) = app.pledge(body(None, "30.00", "marc@example.ch", "Marc Rochat")).await;
    let asked = app
        .post_form(
            "/questions",
            &[("name", "Anne Dupont"), ("email", "anne.dupont@example.ch"), ("message", "Où est l'atelier ?")],
        )
        .await;
    assert_eq!(asked.status().as_u16(), 303);
    let token = first["token"].as_str().unwrap();

    let download = app.get(&format!("/pledges/{token}/data")).await;
    assert_eq!(download.status().as_u16(), 200);
    assert!(download.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let text = download.text().await.unwrap();
    let export: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(export["pledges"].as_array().unwrap().len(), 2, "both spellings of the address");
    assert_eq!(export["questions"].as_array().unwrap().len(), 1);
    assert!(!export["emails"].as_array().unwrap().is_empty(), "the emails sent to her");
    assert!(text.contains(second["reference"].as_str().unwrap()));
    for other in ["marc", "Rochat", marc["reference"].as_str().unwrap()] {
        assert!(!text.to_lowercase().contains(&other.to_lowercase()), "{other} in {text}");
    }

    // While her pledges count in the open campaign, she is asked to cancel them first.
    let refused = app.post_form(&format!("/pledges/{token}/erase"), &[("confirm", "true")]).await;
    assert_eq!(refused.status().as_u16(), 422);
    assert!(refused.text().await.unwrap().contains("annulez-la d"));
    let unconfirmed = app.post_form(&format!("/pledges/{token}/erase"), &[]).await;
    assert_eq!(unconfirmed.status().as_u16(), 422);

    // The campaign ends short of its goal: nothing is owed, nothing pending.
    let app = app.restart_at(deadline() + chrono::Duration::minutes(5)).await;
    app.wait_for("SELECT COUNT(*) AS n FROM campaigns WHERE state = 'failed'", 1).await;
    let before = figures(&app).await;
    let erased = app.post_form(&format!("/pledges/{token}/erase"), &[("confirm", "true")]).await;
    assert_eq!(erased.status().as_u16(), 303, "{}", erased.text().await.unwrap());
    assert_eq!(erased.headers()["location"], "/erased");
    for needle in ["anne.dupont", "Anne Dupont", "Anne D."] {
        assert_eq!(found_anywhere(&app, needle).await, Vec::<String>::new(), "{needle} is still stored");
    }
    assert!(!found_anywhere(&app, "marc@example.ch").await.is_empty(), "nobody else is touched");
    assert_eq!(figures(&app).await, before, "the campaign's figures do not move");
    app.assert_counters_match_pledges().await;
    let page = app.get(&format!("/pledges/{token}")).await.text().await.unwrap();
    assert!(!page.contains("Anne"), "{page}");
}

#[tokio::test]
async fn the_team_erases_a_designer_and_a_helper_who_ask_by_mail() {
    let app = spawn_app().await;
    let photo = Some(("IMG_2041.jpg", "image/jpeg", crate::designers::phone_photo()));
    let registered = crate::designers::register(&app, &crate::designers::atelier_rose(), photo).await;
    assert_eq!(registered.status().as_u16(), 303);
    let offer = [
        ("kind", "machines"),
        ("description", "Je prête ma machine à coudre Bernina."),
        ("name", "Léa Rochat"),
        ("email", "lea@example.ch"),
        ("phone", "+41 22 345 67 89"),
    ];
    assert_eq!(app.post_form("/help", &offer).await.status().as_u16(), 303);
    add_member(&app, "ines@example.ch").await;
    log_in(&app, "ines@example.ch", PASSWORD).await;

    let page = app.get("/team/people?email=ROSE@example.ch").await.text().await.unwrap();
    assert!(page.contains("1 profil(s)"), "{page}");
    let export = app.get("/team/people/export?email=rose@example.ch").await;
    let export: Value = serde_json::from_str(&export.text().await.unwrap()).unwrap();
    assert_eq!(export["designer_profiles"][0]["brand"], "Atelier Rose");
    let not_confirmed = app.post_form("/team/people/erase", &[("email", "rose@example.ch")]).await;
    assert_eq!(not_confirmed.status().as_u16(), 422);
    for email in ["rose@example.ch", "lea@example.ch"] {
        let erased = app.post_form("/team/people/erase", &[("email", email), ("confirm", "true")]).await;
        assert_eq!(erased.status().as_u16(), 303);
    }
    for needle in ["rose@example.ch", "Rose Favre", "Atelier Rose", "lea@example.ch", "Léa Rochat", "345 67 89"] {
        assert_eq!(found_anywhere(&app, needle).await, Vec::<String>::new(), "{needle} is still stored");
    }
    assert!(app.query("SELECT designer_id FROM designer_photos").await.is_empty(), "the photo is gone");
    assert_eq!(app.get("/designers/atelier-rose").await.status().as_u16(), 404);
}

#[tokio::test]
async fn personal_data_is_erased_once_the_retention_after_the_close_is_over() {
    let file = tempfile::NamedTempFile::new().unwrap();
    let text = std::fs::read_to_string(fixture()).unwrap();
    std::fs::write(file.path(), format!("retention_days = 30\n{text}")).unwrap();
    let app = spawn_app_with(file.path(), before_deadline()).await;
    app.pledge(TestApp::body(None, "25.00", "zoe@example.ch")).await;
    let app = app.restart_at(deadline() + chrono::Duration::days(29)).await;
    app.wait_for("SELECT COUNT(*) AS n FROM campaigns WHERE closed_at_ms IS NOT NULL", 1).await;
    assert!(!found_anywhere(&app, "zoe@example.ch").await.is_empty(), "kept during the retention");
    app.clock.set(deadline() + chrono::Duration::days(31));
    app.wait_for("SELECT COUNT(*) AS n FROM pledges WHERE email LIKE 'erased-%'", 1).await;
    assert_eq!(found_anywhere(&app, "zoe@example.ch").await, Vec::<String>::new());
    app.assert_counters_match_pledges().await;
}
