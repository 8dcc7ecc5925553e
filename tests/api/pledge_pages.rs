use crate::helpers::{TestApp, reward, spawn_app};

#[tokio::test]
async fn the_form_is_prefilled_with_the_rewards_minimum() {
    let app = spawn_app().await;
    let page = app.get("/pledge?reward=early").await.text().await.unwrap();
    assert!(page.contains("value=\"90.00\""), "the early-bird price while it lasts");
    assert!(page.contains("<option value=\"early\" data-minimum=\"90.00\" selected>"));
    let page = app.get("/pledge?reward=limited-five").await.text().await.unwrap();
    assert!(page.contains("value=\"10.00\""));
}

#[tokio::test]
async fn a_backer_pledges_with_the_form_then_changes_and_cancels() {
    let app = spawn_app().await;
    let fields = [("reward", "limited-five"), ("amount", "15,50"), ("name", "Zoé Martin"), ("email", "zoe@example.ch")];
    let response = app.post_form("/pledge", &fields).await;
    assert_eq!(response.status().as_u16(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/pledges/"), "{location}");
    let response = app.get(&location).await;
    assert_eq!(response.headers()["cache-control"], "no-store, private");
    assert_eq!(response.headers()["referrer-policy"], "same-origin");
    let page = response.text().await.unwrap();
    assert!(page.contains("Merci"), "the thank-you message");
    assert!(page.contains("15.50") && page.contains("Cinq seulement") && page.contains("Zoé Martin"));
    assert_eq!(app.campaign().await["pledged"], "15.50");

    let response = app.post_form(&location, &[("reward", "open"), ("amount", "40")]).await;
    assert_eq!(response.status().as_u16(), 303);
    let campaign = app.campaign().await;
    assert_eq!(campaign["pledged"], "40.00");
    assert_eq!(reward(&campaign, "limited-five")["claimed"], 0);
    assert_eq!(reward(&campaign, "open")["claimed"], 1);

    let response = app.post_form(&format!("{location}/cancel"), &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    let campaign = app.campaign().await;
    assert_eq!((campaign["pledged"].as_str(), campaign["backers"].as_i64()), (Some("0.00"), Some(0)));
    let page = app.get(&location).await.text().await.unwrap();
    assert!(page.contains("Cette promesse a été annulée"));
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_refused_pledge_shows_the_form_again_with_the_values_and_a_message() {
    let app = spawn_app().await;
    let fields =
        [("reward", "limited-five"), ("amount", "10.005"), ("name", "Zoé Martin"), ("email", "zoe@example.ch")];
    let response = app.post_form("/pledge", &fields).await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Le montant ne peut pas avoir plus de deux décimales."));
    assert!(page.contains("value=\"Zoé Martin\"") && page.contains("value=\"10.005\""));
    assert!(page.contains("<option value=\"limited-five\" data-minimum=\"10.00\" selected>"));
    assert_eq!(app.stored_pledges().await, 0);
}

#[tokio::test]
async fn a_form_without_its_token_is_refused() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/pledge"))
        .form(&[("amount", "50"), ("name", "Eve"), ("email", "eve@example.ch")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert!(response.text().await.unwrap().contains("Le formulaire a expiré"));
    assert_eq!(app.stored_pledges().await, 0);
}

#[tokio::test]
async fn a_double_submitted_form_pledges_once() {
    let app = spawn_app().await;
    let page = app.get("/pledge").await.text().await.unwrap();
    let marker = "name=\"form_key\" value=\"";
    let start = page.find(marker).unwrap() + marker.len();
    let key = &page[start..start + page[start..].find('"').unwrap()];
    let fields = [("form_key", key), ("amount", "30"), ("name", "Léa"), ("email", "lea@example.ch")];
    let first = app.post_form("/pledge", &fields).await;
    let second = app.post_form("/pledge", &fields).await;
    assert_eq!(first.headers()["location"], second.headers()["location"]);
    assert_eq!(app.stored_pledges().await, 1);
}

#[tokio::test]
async fn a_pledge_changed_to_a_sold_out_reward_is_refused_and_left_as_it_was() {
    let app = spawn_app().await;
    for i in 0..5 {
        app.pledge(TestApp::body(Some("limited-five"), "10", &format!("f{i}@example.ch"))).await;
    }
    let (_, mine) = app.pledge(TestApp::body(Some("open"), "20", "me@example.ch")).await;
    let path = format!("/pledges/{}", mine["token"].as_str().unwrap());
    let response = app.post_form(&path, &[("reward", "limited-five"), ("amount", "20")]).await;
    assert_eq!(response.status().as_u16(), 409);
    assert!(response.text().await.unwrap().contains("épuisée"));
    let campaign = app.campaign().await;
    assert_eq!(reward(&campaign, "limited-five")["claimed"], 5);
    assert_eq!(reward(&campaign, "open")["claimed"], 1);
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn an_unknown_pledge_token_is_not_found() {
    let app = spawn_app().await;
    assert_eq!(app.get("/pledges/not-a-token").await.status().as_u16(), 404);
}

#[tokio::test]
async fn a_nul_byte_in_an_address_is_not_found_rather_than_an_error() {
    let app = spawn_app().await;
    for path in
        ["/pledges/%00", "/pledges/abc%00def", "/designers/%00", "/designers/a%00b/photo", "/designers/edit/%00"]
    {
        let status = app.get(path).await.status().as_u16();
        assert_eq!(status, 404, "{path}");
    }
    crate::team::add_member(&app, "anne@example.ch").await;
    crate::team::log_in(&app, "anne@example.ch", crate::team::PASSWORD).await;
    for path in ["/team/pledges?q=%00", "/team/pledges?reward=%00", "/team/pledges.csv?q=a%00b"] {
        let status = app.get(path).await.status().as_u16();
        assert_eq!(status, 200, "{path}");
    }
}
