//! A backer in a real browser: headless Chromium driven through ChromeDriver.
//!
//! Skipped with a notice when `chromedriver` is not installed, unless
//! `BOBINE_REQUIRE_BROWSER=1` (as in CI), where its absence fails the run.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::helpers::spawn_app;

/// A ChromeDriver process, stopped when dropped.
pub(crate) struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub(crate) async fn browser() -> Option<(Driver, Client, tempfile::TempDir)> {
    let required = std::env::var("BOBINE_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    let port = free_port();
    let child = match Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if !required => {
            eprintln!("browser test skipped: chromedriver not found ({e}); install chromium and chromium-driver");
            return None;
        }
        Err(e) => panic!("chromedriver is required: {e}"),
    };
    let driver = Driver(child, port);
    let profile = tempfile::tempdir().unwrap();
    let capabilities = json!({
        "goog:chromeOptions": {
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--lang=fr-CH", "--window-size=390,900",
                format!("--user-data-dir={}", profile.path().display()),
            ],
            "prefs": { "intl.accept_languages": "fr-CH,fr" }
        }
    });
    let url = format!("http://127.0.0.1:{}", driver.1);
    for _ in 0..100 {
        let connected = ClientBuilder::rustls()
            .unwrap()
            .capabilities(capabilities.as_object().unwrap().clone())
            .connect(&url)
            .await;
        if let Ok(client) = connected {
            return Some((driver, client, profile));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start");
}

pub(crate) async fn click(client: &Client, css: &str) {
    client.find(Locator::Css(css)).await.unwrap().click().await.unwrap();
}

/// Waits for an element that only the next page has.
pub(crate) async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client.wait().for_element(Locator::Css(css)).await.unwrap()
}

pub(crate) async fn fill(client: &Client, css: &str, text: &str) {
    let field = client.find(Locator::Css(css)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

#[tokio::test]
async fn a_backer_pledges_in_a_real_browser_and_sees_the_total_move() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some((_driver, client, _profile)) = browser().await else {
        return;
    };
    let app = spawn_app().await;

    client.goto(&app.url("/pledge?reward=limited-five")).await.unwrap();
    let amount = client.find(Locator::Css("#amount")).await.unwrap();
    assert_eq!(amount.prop("value").await.unwrap().as_deref(), Some("10.00"));
    // Choosing another reward suggests its price.
    click(&client, "#reward option[value='open']").await;
    assert_eq!(amount.prop("value").await.unwrap().as_deref(), Some("20.00"));
    // Typing into the suggested amount replaces it.
    amount.click().await.unwrap();
    amount.send_keys("25").await.unwrap();
    assert_eq!(amount.prop("value").await.unwrap().as_deref(), Some("25"));

    // A mistake first: shown again with the message, nothing lost.
    fill(&client, "#amount", "20.005").await;
    fill(&client, "#name", "Zoé Martin").await;
    fill(&client, "#email", "zoe@example.ch").await;
    click(&client, "button[type=submit]").await;
    let error = wait_for(&client, ".error-box").await;
    assert!(error.text().await.unwrap().contains("deux décimales"));
    let name = client.find(Locator::Css("#name")).await.unwrap();
    assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("Zoé Martin"));

    fill(&client, "#amount", "25").await;
    click(&client, "button[type=submit]").await;
    wait_for(&client, ".pledge-details").await;
    let url = client.current_url().await.unwrap();
    assert!(url.path().starts_with("/pledges/"), "{url}");
    let page = client.source().await.unwrap();
    assert!(page.contains("Merci") && page.contains("25.00"), "{page}");

    client.goto(&app.url("/")).await.unwrap();
    let raised = client.find(Locator::Css(".raised strong")).await.unwrap().text().await.unwrap();
    assert_eq!(raised, "CHF 25.00");
    client.close().await.unwrap();
}

#[tokio::test]
async fn the_open_dashboard_shows_a_new_pledge_without_reload() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some((_driver, client, _profile)) = browser().await else { return };
    let app = spawn_app().await;
    let email = bobine::domain::Email::parse("anne@example.ch").unwrap();
    let password = bobine::domain::password::Password::parse("linen-and-wool-2027").unwrap();
    bobine::services::team::add(&app.db, &email, &password, app.clock.now()).await.unwrap();

    client.goto(&app.url("/team")).await.unwrap();
    wait_for(&client, "#password").await;
    fill(&client, "#email", "anne@example.ch").await;
    fill(&client, "#password", "linen-and-wool-2027").await;
    click(&client, "button[type=submit]").await;
    let raised = wait_for(&client, "[data-live='campaign.pledged']").await;
    assert_eq!(raised.text().await.unwrap(), "0.00");
    // Whatever the live updates do from now on must pass the Content-Security-Policy.
    client
        .execute(
            "window.violations = []; document.addEventListener('securitypolicyviolation', \
             function (e) { window.violations.push(e.violatedDirective + ' ' + e.blockedURI); });",
            vec![],
        )
        .await
        .unwrap();
    let bar = client.find(Locator::Css(".bar rect")).await.unwrap();
    assert_eq!(bar.attr("width").await.unwrap().as_deref(), Some("0.00"));

    // Another backer pledges while the dashboard is open.
    let (status, _) = app.pledge(crate::helpers::TestApp::body(Some("open"), "20", "other@example.ch")).await;
    assert_eq!(status, 201);
    let started = std::time::Instant::now();
    while raised.text().await.unwrap() != "20.00" {
        assert!(started.elapsed() < Duration::from_secs(2), "the dashboard did not follow");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let row = client.find(Locator::Css("tr[data-reward='open'] [data-field='claimed']")).await.unwrap();
    assert_eq!(row.text().await.unwrap(), "1");
    let recent = client.find(Locator::Css("#recent tr td:nth-child(4)")).await.unwrap();
    assert_eq!(recent.text().await.unwrap(), "CHF 20.00");
    // The progress bar follows too: 20 of a goal of 1,000, drawn and told.
    assert_eq!(bar.attr("width").await.unwrap().as_deref(), Some("2.00"));
    let progress = client.find(Locator::Css(".bar[role='progressbar']")).await.unwrap();
    assert_eq!(progress.attr("aria-valuenow").await.unwrap().as_deref(), Some("2.00"));
    let drawn = client.execute("return document.querySelector('.bar rect').getBoundingClientRect().width / document.querySelector('.bar').getBoundingClientRect().width;", vec![]).await.unwrap();
    assert!((drawn.as_f64().unwrap() - 0.02).abs() < 0.005, "the bar is drawn at 2 %: {drawn}");
    let violations = client.execute("return window.violations;", vec![]).await.unwrap();
    assert_eq!(violations, json!([]), "nothing the page did was refused by its policy");
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_designer_registers_with_a_photo_in_a_real_browser() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some((_driver, client, profile)) = browser().await else { return };
    let app = spawn_app().await;
    let photo = profile.path().join("IMG_2041.jpg");
    std::fs::write(&photo, crate::designers::phone_photo()).unwrap();

    client.goto(&app.url("/designers/register")).await.unwrap();
    fill(&client, "#name", "Rose Favre").await;
    fill(&client, "#brand", "Atelier Rose").await;
    fill(&client, "#email", "rose@example.ch").await;
    fill(&client, "#bio", "Foulards en soie de récupération, teints aux plantes.").await;
    client.find(Locator::Css("#photo")).await.unwrap().send_keys(&photo.display().to_string()).await.unwrap();
    fill(&client, "#website", "https://atelier-rose.ch").await;
    click(&client, "input[name=practices][value=upcycling]").await;
    click(&client, "#area option[value=carouge]").await;
    click(&client, "input[name=consent]").await;
    click(&client, "button[type=submit]").await;
    wait_for(&client, ".lead").await;
    assert_eq!(client.current_url().await.unwrap().path(), "/designers/registered");

    // Approved by the team, the profile and its photo appear on the designers' page.
    let id = {
        use sea_orm::EntityTrait;
        entity::designer::Entity::find().one(&app.db.read).await.unwrap().unwrap().id
    };
    crate::team::add_member(&app, "anne@example.ch").await;
    crate::team::log_in(&app, "anne@example.ch", crate::team::PASSWORD).await;
    app.post_form(&format!("/team/designers/{id}"), &[("decision", "approve")]).await;
    client.goto(&app.url("/designers")).await.unwrap();
    let image = wait_for(&client, ".designer-card img").await;
    // The element is there before its photo has arrived: wait for the image to load.
    let mut width = json!(0);
    for _ in 0..100 {
        let args = vec![serde_json::to_value(&image).unwrap()];
        width = client.execute("return arguments[0].complete ? arguments[0].naturalWidth : 0", args).await.unwrap();
        if width != json!(0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(width, json!(200), "the photo loads, upright");
    client.close().await.unwrap();
}

/// The pledge form's redirect to Stripe's Checkout is a form's navigation: a browser holds it
/// to the page's `form-action`, which must name Checkout.
#[tokio::test]
async fn a_backer_pledging_by_card_reaches_checkout_in_a_real_browser_and_comes_back_saved() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some((_driver, client, _profile)) = browser().await else {
        return;
    };
    let (app, standin) = crate::helpers::spawn_card_app("on-success").await;
    client.goto(&app.url("/pledge")).await.unwrap();
    fill(&client, "#amount", "60").await;
    fill(&client, "#name", "Zoé Martin").await;
    fill(&client, "#email", "zoe@example.ch").await;
    click(&client, "input[name=method][value=card]").await;
    click(&client, "button[type=submit]").await;
    let heading = wait_for(&client, "h1").await;
    for _ in 0..50 {
        if client.current_url().await.unwrap().as_str().starts_with(&standin.url()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let url = client.current_url().await.unwrap();
    assert!(url.as_str().starts_with(&standin.url()), "the browser stayed at {url}");
    assert!(
        heading.text().await.unwrap_or_default().contains("Checkout")
            || client.source().await.unwrap().contains("Checkout")
    );

    let session = url.path().rsplit('/').next().unwrap().to_owned();
    let back = standin.complete_checkout(&session, crate::stripe_standin::Behaviour::Succeeds).await.unwrap();
    let back = url::Url::parse(&back).unwrap();
    client.goto(&app.url(&format!("{}?{}", back.path(), back.query().unwrap_or_default()))).await.unwrap();
    wait_for(&client, ".pledge-details").await;
    let page = client.source().await.unwrap();
    assert!(page.contains("Merci : votre carte est enregistrée."), "{page}");
    client.close().await.unwrap();
}

#[tokio::test]
async fn the_language_switch_keeps_the_chosen_reward_in_a_real_browser() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some((_driver, client, _profile)) = browser().await else { return };
    let app = spawn_app().await;
    client.goto(&app.url("/pledge?reward=early")).await.unwrap();
    click(&client, "a.lang-switch").await;
    wait_for(&client, "html[lang='en']").await;
    let chosen = client.find(Locator::Css("#reward")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(chosen.as_deref(), Some("early"));
    client.close().await.unwrap();
}

/// Three mistakes are shown at once, each in the summary with a link to its field, and on
/// the field itself, which says it is invalid and is described by its message.
#[tokio::test]
async fn a_pledge_form_with_three_mistakes_shows_three_in_a_real_browser() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some((_driver, client, _profile)) = browser().await else { return };
    let app = spawn_app().await;
    client.goto(&app.url("/pledge")).await.unwrap();
    fill(&client, "#amount", "douze").await;
    fill(&client, "#name", "   ").await;
    fill(&client, "#email", "zoe.example.ch").await;
    click(&client, "button[type=submit]").await;
    wait_for(&client, "#form-errors").await;
    let items = client.find_all(Locator::Css("#form-errors li a")).await.unwrap();
    let mut targets = Vec::new();
    for item in &items {
        targets.push(item.attr("href").await.unwrap().unwrap_or_default());
    }
    assert_eq!(targets, ["#amount", "#name", "#email"]);
    for field in ["amount", "name", "email"] {
        let input = client.find(Locator::Css(&format!("#{field}"))).await.unwrap();
        assert_eq!(input.attr("aria-invalid").await.unwrap().as_deref(), Some("true"), "{field}");
        let described = input.attr("aria-describedby").await.unwrap().unwrap_or_default();
        assert!(described.split(' ').any(|id| id == format!("{field}-error")), "{field}: {described}");
        let message = client.find(Locator::Css(&format!("#{field}-error"))).await.unwrap().text().await.unwrap();
        assert!(!message.is_empty(), "{field}");
    }
    // The summary's link leads to its field.
    click(&client, "#form-errors a[href='#email']").await;
    let focused = client.execute("return document.activeElement.id;", vec![]).await.unwrap();
    assert_eq!(focused, json!("email"));
    client.close().await.unwrap();
}

/// Presses Tab until the element with `id` has the focus: every field is reachable by
/// keyboard, in an order that reaches it within `limit` presses.
async fn tab_to(client: &Client, id: &str, limit: usize) {
    for _ in 0..limit {
        let focused =
            client.execute("return document.activeElement && document.activeElement.id;", vec![]).await.unwrap();
        if focused == json!(id) {
            return;
        }
        client.active_element().await.unwrap().send_keys(&fantoccini::key::Key::Tab.to_string()).await.unwrap();
    }
    panic!("#{id} is not reached by {limit} presses of Tab");
}

/// The whole pledge with the keyboard alone: skip link, reward, amount, name, email, submit.
#[tokio::test]
async fn a_backer_pledges_with_the_keyboard_alone_in_a_real_browser() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some((_driver, client, _profile)) = browser().await else { return };
    let app = spawn_app().await;
    client.goto(&app.url("/pledge")).await.unwrap();
    // The first Tab reaches the skip link, whose Enter leads into the page's content.
    let body = client.find(Locator::Css("body")).await.unwrap();
    body.send_keys(&fantoccini::key::Key::Tab.to_string()).await.unwrap();
    let first = client.execute("return document.activeElement.className;", vec![]).await.unwrap();
    assert_eq!(first, json!("skip-link"));
    client.active_element().await.unwrap().send_keys(&fantoccini::key::Key::Enter.to_string()).await.unwrap();
    tab_to(&client, "reward", 10).await;
    // The arrow keys choose a reward: the first one after "no reward".
    client.active_element().await.unwrap().send_keys(&fantoccini::key::Key::Down.to_string()).await.unwrap();
    tab_to(&client, "amount", 5).await;
    client.active_element().await.unwrap().send_keys("30").await.unwrap();
    tab_to(&client, "name", 5).await;
    client.active_element().await.unwrap().send_keys("Zoé Martin").await.unwrap();
    tab_to(&client, "email", 5).await;
    client.active_element().await.unwrap().send_keys("zoe@example.ch").await.unwrap();
    client.active_element().await.unwrap().send_keys(&fantoccini::key::Key::Enter.to_string()).await.unwrap();
    wait_for(&client, ".pledge-details").await;
    let page = client.source().await.unwrap();
    assert!(page.contains("30.00"), "{page}");
    let stored = app.query("SELECT reward_id, amount_cents FROM pledges").await;
    assert_eq!(stored, [json!({"reward_id": "limited-five", "amount_cents": 3000})]);
    client.close().await.unwrap();
}
