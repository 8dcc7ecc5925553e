use std::path::Path;

use bobine::config::Campaign;
use sea_orm::EntityTrait;

use crate::helpers::{TestApp, before_deadline, fixture, reward, spawn_app};

fn edited(edit: impl Fn(String) -> String) -> Campaign {
    let source = edit(std::fs::read_to_string(fixture()).unwrap());
    Campaign::parse(Path::new("campaign.toml"), &source).unwrap()
}

/// Removes the reward whose block starts with `[[rewards]]\nid = "<id>"`.
fn without_reward(source: String, id: &str) -> String {
    let start = source.find(&format!("[[rewards]]\nid = \"{id}\"")).unwrap();
    let end = source[start + 1..].find("[[rewards]]").map_or(source.len(), |i| start + 1 + i);
    format!("{}{}", &source[..start], &source[end..])
}

#[tokio::test]
async fn the_campaign_file_is_synced_at_start_up_without_losing_pledges() {
    let app = spawn_app().await;
    let (_, held) = app.pledge(TestApp::body(Some("open"), "20", "a@example.ch")).await;
    let campaign = edited(|source| {
        let source = source.replace("title.fr = \"Cinq seulement\"", "title.fr = \"Cinq, pas une de plus\"");
        let source = source.replace("goal = \"1000.00\"", "goal = \"1500.00\"");
        without_reward(without_reward(source, "open"), "dated")
    });
    let app = app.restart_with(campaign, before_deadline()).await;

    let api = app.campaign().await;
    assert_eq!(api["goal"], "1500.00");
    let ids: Vec<&str> = api["rewards"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["limited-five", "early"]);
    assert_eq!(reward(&api, "limited-five")["title"], "Cinq, pas une de plus");
    // The reward with a pledge is hidden, not deleted; the one without is gone.
    let open = entity::reward::Entity::find_by_id("open").one(&app.db.read).await.unwrap().unwrap();
    assert!(!open.active);
    assert_eq!(open.claimed, 1);
    assert!(entity::reward::Entity::find_by_id("dated").one(&app.db.read).await.unwrap().is_none());
    // The pledge is intact and still shown to its backer.
    let page = app.get(&format!("/pledges/{}", held["token"].as_str().unwrap())).await.text().await.unwrap();
    assert!(page.contains(held["reference"].as_str().unwrap()));
    assert_eq!(api["pledged"], "20.00");
    // A pledge for a reward no longer offered is refused.
    let (status, body) = app.pledge(TestApp::body(Some("open"), "20", "b@example.ch")).await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("unknown_reward")));
    app.assert_counters_match_pledges().await;
}

#[tokio::test]
async fn a_database_of_another_campaign_is_not_taken_over() {
    let app = spawn_app().await;
    let other = edited(|source| source.replace("slug = \"test-campaign\"", "slug = \"another\""));
    let data_dir = tempfile::tempdir().unwrap();
    let settings = bobine::config::Settings {
        campaign: other,
        database_url: app.database_url(),
        data_dir: data_dir.path().to_owned(),
        templates_dir: bobine::config::crate_dir().join("templates"),
        public_dir: bobine::config::crate_dir().join("public"),
        clock: app.clock.clone(),
        database_schema: app.database_schema(),
        page_cache: bobine::config::CacheAges::NONE,
        mail: Default::default(),
        rate_limits: bobine::config::RateLimits::off(),
        trusted_proxies: Default::default(),
        stripe: None,
    };
    let error = bobine::app::build(settings).await.unwrap_err().to_string();
    assert!(error.contains("holds the campaign \"test-campaign\""), "{error}");
}
