//! Every page judged by outside rules in a real browser: axe-core (from the npm registry,
//! `tests/browser/package.json`, injected into each page), no sideways scrolling from 320 px,
//! and every link of every navigation inside a phone's screen.
//!
//! Skipped with a notice when ChromeDriver or axe-core is missing, unless
//! `BOBINE_REQUIRE_BROWSER=1` (as in CI), where their absence fails the run.

use std::path::PathBuf;

use fantoccini::Client;
use serde_json::json;

use crate::browser::{browser, click, fill, wait_for};
use crate::helpers::TestApp;

/// axe-core's script, installed by `npm ci` in `tests/browser`.
fn axe_source() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) if std::env::var("BOBINE_REQUIRE_BROWSER").is_ok_and(|v| v == "1") => {
            panic!("axe-core is required: {} ({e}); run `npm ci` in tests/browser", path.display())
        }
        Err(e) => {
            eprintln!("accessibility test skipped: {} ({e}); run `npm ci` in tests/browser", path.display());
            None
        }
    }
}

/// Sets the viewport (not the window) to `width` × 900 CSS pixels.
async fn viewport(client: &Client, width: u32) {
    let mut outer = width;
    for _ in 0..3 {
        client.set_window_size(outer, 900).await.unwrap();
        let inner = client.execute("return window.innerWidth;", vec![]).await.unwrap().as_u64().unwrap() as u32;
        if inner == width {
            return;
        }
        outer = outer + width - inner;
    }
    panic!("the viewport could not be made {width} px wide");
}

/// What axe-core finds wrong on the current page, one line each.
async fn axe(client: &Client, source: &str) -> Vec<String> {
    let loaded = client.execute("return typeof axe !== 'undefined';", vec![]).await.unwrap();
    if loaded != json!(true) {
        client.execute(&format!("{source}\nreturn true;"), vec![]).await.unwrap();
    }
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document, { resultTypes: ['violations'] }).then(function (r) {\
               done(r.violations.map(function (v) {\
                 return v.id + ' (' + v.impact + '): ' + v.help + ' at ' +\
                   v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', ');\
               }));\
             }, function (e) { done(['axe failed: ' + e]); });",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// What overflows the screen's width: the page itself, and any navigation link.
async fn overflow(client: &Client) -> Vec<String> {
    let found = client
        .execute(
            "const out = []; const w = document.documentElement.clientWidth;\
             if (document.documentElement.scrollWidth > w) {\
               const wide = Array.from(document.querySelectorAll('body *')).filter(function (e) {\
                 return e.getBoundingClientRect().right > w + 0.5 && e.children.length === 0;\
               }).slice(0, 3).map(function (e) {\
                 return e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' to ' + Math.round(e.getBoundingClientRect().right);\
               });\
               out.push('the page is ' + document.documentElement.scrollWidth + ' px wide in ' + w + ': ' + wide.join(', '));\
             }\
             document.querySelectorAll('nav a').forEach(function (a) {\
               const r = a.getBoundingClientRect();\
               if (r.left < 0 || r.right > w || r.width === 0) {\
                 out.push('nav link \"' + a.textContent.trim() + '\" lies at ' + Math.round(r.left) + '..' + Math.round(r.right));\
               }\
             });\
             return out;",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// The pages each user meets, with what they need: a pledge paid by bill, a published
/// designer with an edit link, an offer of help, a team member, an email in the outbox.
async fn pages(app: &TestApp) -> Vec<String> {
    let (status, pledge) =
        app.pledge(json!({"reward": "limited-five", "amount": "25", "name": "Zoé Martin", "email": "zoe@example.ch", "method": "bank", "public_name": "Zoé M."})).await;
    assert_eq!(status, 201, "{pledge}");
    let token = pledge["token"].as_str().unwrap().to_owned();

    let photo = Some(("IMG_2041.jpg", "image/jpeg", crate::designers::phone_photo()));
    let registered = crate::designers::register(app, &crate::designers::atelier_rose(), photo).await;
    assert_eq!(registered.status().as_u16(), 303);
    let designer = app.query("SELECT id, edit_token FROM designers").await.remove(0);
    crate::team::add_member(app, "anne@example.ch").await;
    crate::team::log_in(app, "anne@example.ch", crate::team::PASSWORD).await;
    let approved = app.post_form(&format!("/team/designers/{}", designer["id"]), &[("decision", "approve")]).await;
    assert_eq!(approved.status().as_u16(), 303);
    let slug = app.query("SELECT slug FROM designers").await.remove(0)["slug"].as_str().unwrap().to_owned();
    let news = [
        ("Premiers prototypes", "Les **vestes** avancent : [voir l'atelier](https://atelier-rose.ch).", "public"),
        (
            "Merci à vous",
            "Une longue adresse https://example.ch/un/chemin/tres/long/qui/ne/doit/pas/deborder/de/l/ecran ne déborde pas.",
            "backers",
        ),
    ];
    for (title, body, audience) in news {
        let written =
            app.post_form("/team/news", &[("title_fr", title), ("body_fr", body), ("audience", audience)]).await;
        let location = written.headers()["location"].to_str().unwrap().to_owned();
        let published = app.post_form(&format!("{location}/publish"), &[("when", "now"), ("email", "true")]).await;
        assert_eq!(published.status().as_u16(), 303);
    }
    let news_id = app.query("SELECT id FROM news ORDER BY id").await.remove(0)["id"].to_string();
    app.wait_for("SELECT COUNT(*) AS n FROM news WHERE mailing = 'done'", 2).await;
    let unsubscribe = app.query("SELECT unsubscribe FROM emails WHERE news_id IS NOT NULL").await.remove(0);
    let unsubscribe = unsubscribe["unsubscribe"].as_str().unwrap().to_owned();
    let asked = app
        .post_form(
            "/questions",
            &[
                ("name", "Léa Favre"),
                ("email", "lea@example.ch"),
                ("message", "Peut-on venir à l'atelier avec des enfants ?"),
                ("may_publish", "true"),
            ],
        )
        .await;
    assert_eq!(asked.status().as_u16(), 303);
    let question = app.query("SELECT id FROM questions").await.remove(0)["id"].to_string();
    let answered = app.post_form(&format!("/team/questions/{question}/answer"), &[("answer", "Oui, dès 8 ans.")]).await;
    assert_eq!(answered.status().as_u16(), 303);
    let faq = [("faq_question", "Les enfants sont-ils les bienvenus ?"), ("faq_answer", "Oui, dès **8 ans**.")];
    assert_eq!(app.post_form(&format!("/team/questions/{question}/publish"), &faq).await.status().as_u16(), 303);

    vec![
        "/".into(),
        "/rewards/limited-five".into(),
        "/pledge".into(),
        "/pledge?reward=early".into(),
        "/designers".into(),
        format!("/designers/{slug}"),
        "/designers/register".into(),
        "/designers/registered".into(),
        format!("/designers/edit/{}", designer["edit_token"].as_str().unwrap()),
        "/help".into(),
        "/help/thanks".into(),
        "/pledges/find".into(),
        "/pledges/find/sent".into(),
        "/news".into(),
        "/news/premiers-prototypes".into(),
        format!("/pledges/{token}/news/merci-a-vous"),
        format!("/unsubscribe/{unsubscribe}"),
        "/questions".into(),
        "/questions/thanks".into(),
        "/erased".into(),
        "/legal".into(),
        "/supporters".into(),
        "/privacy".into(),
        "/embed".into(),
        "/rewards/no-such-reward".into(),
        format!("/pledges/{token}"),
        format!("/pledges/{token}/bill"),
        "/team/login".into(),
        "/team".into(),
        "/team/pledges".into(),
        "/team/delivery".into(),
        "/team/delivery/limited-five".into(),
        "/team/payments".into(),
        "/team/designers".into(),
        "/team/offers".into(),
        "/team/outbox".into(),
        "/team/posters".into(),
        "/team/news".into(),
        format!("/team/news/{news_id}"),
        "/team/questions".into(),
        "/team/people?email=zoe@example.ch".into(),
        format!("/team/questions/{question}"),
        "/team/posters?tag=boutique-carouge&size=a5".into(),
        "/team/posters?tag=%25%25%25&size=a4".into(),
    ]
}

/// Every page, in French, English and German, at a phone's 390 px and a laptop's 1366 px, has no
/// axe-core violation; from 320 px up nothing scrolls sideways and every navigation link
/// lies on the screen.
#[tokio::test]
async fn every_page_passes_axe_core_and_fits_a_phone_in_every_language() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some((_driver, client, _profile)) = browser().await else { return };
    let Some(axe_source) = axe_source() else { return };
    let (app, _standin) = crate::helpers::spawn_card_app("at-pledge").await;
    let pages = pages(&app).await;

    // The team member logs in in the browser too.
    client.goto(&app.url("/team/login")).await.unwrap();
    fill(&client, "#email", "anne@example.ch").await;
    fill(&client, "#password", crate::team::PASSWORD).await;
    click(&client, "button[type=submit]").await;
    wait_for(&client, ".team-bar").await;

    let mut findings: Vec<String> = Vec::new();
    for lang in ["fr", "en", "de"] {
        client.goto(&app.url(&format!("/?lang={lang}"))).await.unwrap();
        for width in [390, 1366, 320] {
            viewport(&client, width).await;
            for page in &pages {
                client.goto(&app.url(page)).await.unwrap();
                let mut found = overflow(&client).await;
                if width != 320 {
                    found.extend(axe(&client, &axe_source).await);
                }
                findings.extend(found.into_iter().map(|f| format!("{page} [{lang}, {width} px] {f}")));
            }
        }
    }
    // The forms sent empty: their summaries of mistakes and marked fields are judged too.
    for lang in ["fr", "en", "de"] {
        client.goto(&app.url(&format!("/?lang={lang}"))).await.unwrap();
        viewport(&client, 390).await;
        for form in ["/pledge", "/help", "/designers/register", "/pledges/find"] {
            client.goto(&app.url(form)).await.unwrap();
            click(&client, "main form button[type=submit]").await;
            wait_for(&client, "#form-errors").await;
            let mut found = overflow(&client).await;
            found.extend(axe(&client, &axe_source).await);
            findings.extend(found.into_iter().map(|f| format!("{form} sent empty [{lang}, 390 px] {f}")));
        }
    }
    client.close().await.unwrap();
    assert!(findings.is_empty(), "{} findings:\n{}", findings.len(), findings.join("\n"));
}

/// The pledge form of a reward with dates and of one with choices, shown and sent without its
/// date, passes axe-core and fits a phone in every language; choosing another reward shows
/// its own options only.
#[tokio::test]
async fn the_pledge_form_with_dates_and_choices_passes_axe_core_in_every_language() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some((_driver, client, _profile)) = browser().await else { return };
    let Some(axe_source) = axe_source() else { return };
    let file =
        crate::helpers::fixture_with(&format!("{}{}", crate::reward_options::OPTIONS, crate::shipping::SHIPPING));
    let app = crate::helpers::spawn_app_with(file.path(), crate::helpers::before_deadline()).await;
    // The private pages of a pledge with a date (its calendar link, the dates to move to) and
    // of one with choices.
    let mut body = crate::helpers::TestApp::body(Some("atelier-reparation"), "60.00", "anne@example.ch");
    body["session"] = "2030-03-06-matin".into();
    let (_, seat) = app.pledge(body).await;
    let mut body = crate::helpers::TestApp::body(Some("foulard-soie"), "80.00", "anne@example.ch");
    body["choices"] = json!({ "colour": "garance", "size": "m" });
    let (_, scarf) = app.pledge(body).await;
    let mut private: Vec<String> =
        [&seat, &scarf].iter().map(|placed| format!("/pledges/{}", placed["token"].as_str().unwrap())).collect();
    // The team's delivery pages of these rewards, the attendance list with one person in.
    crate::team::add_member(&app, "anne@example.ch").await;
    crate::team::log_in(&app, "anne@example.ch", crate::team::PASSWORD).await;
    let checked = app
        .post_form(
            "/team/delivery/atelier-reparation/steps",
            &[("check_in", seat["id"].to_string().as_str()), ("session", "2030-03-06-matin")],
        )
        .await;
    assert_eq!(checked.status().as_u16(), 303);
    private.extend([
        "/team/delivery/atelier-reparation?session=2030-03-06-matin".to_owned(),
        "/team/delivery/foulard-soie".to_owned(),
        "/team/delivery/foulard-soie?missing=address".to_owned(),
    ]);
    client.goto(&app.url("/team/login")).await.unwrap();
    fill(&client, "#email", "anne@example.ch").await;
    fill(&client, "#password", crate::team::PASSWORD).await;
    click(&client, "button[type=submit]").await;
    wait_for(&client, ".team-bar").await;
    let mut findings: Vec<String> = Vec::new();
    for lang in ["fr", "en", "de"] {
        client.goto(&app.url(&format!("/?lang={lang}"))).await.unwrap();
        for width in [390, 1366, 320] {
            viewport(&client, width).await;
            let forms = ["/pledge?reward=atelier-reparation", "/pledge?reward=foulard-soie"];
            for page in forms.iter().copied().chain(private.iter().map(String::as_str)) {
                client.goto(&app.url(page)).await.unwrap();
                let mut found = overflow(&client).await;
                if width != 320 {
                    found.extend(axe(&client, &axe_source).await);
                }
                findings.extend(found.into_iter().map(|f| format!("{page} [{lang}, {width} px] {f}")));
            }
        }
        viewport(&client, 390).await;
        client.goto(&app.url("/pledge?reward=atelier-reparation")).await.unwrap();
        fill(&client, "#name", "Anne Dupont").await;
        fill(&client, "#email", "anne@example.ch").await;
        click(&client, "main form button[type=submit]").await;
        wait_for(&client, "#form-errors").await;
        let mut found = overflow(&client).await;
        found.extend(axe(&client, &axe_source).await);
        findings.extend(found.into_iter().map(|f| format!("sent without a date [{lang}, 390 px] {f}")));
        // The scarf sent with an address abroad whose postcode is wrong: the script moved the
        // postage to the address's zone and added it up; the address comes back open.
        client.goto(&app.url("/pledge?reward=foulard-soie")).await.unwrap();
        fill(&client, "#name", "Zoé Müller").await;
        fill(&client, "#email", "zoe@example.ch").await;
        click(&client, ".pledge-address summary").await;
        fill(&client, "#address-street", "Rue Oberkampf 12").await;
        fill(&client, "#address-postcode", "7501").await;
        fill(&client, "#address-town", "Paris").await;
        let abroad = "const c = document.querySelector('#address-country'); c.value = 'FR'; \
                      c.dispatchEvent(new Event('change', { bubbles: true })); \
                      return [document.querySelector('input[name=\"zone.foulard-soie\"]:checked').value, \
                              document.querySelector('#pledge-total').hidden, \
                              document.querySelector('#pledge-total').textContent];";
        let moved = client.execute(abroad, vec![]).await.unwrap();
        assert_eq!(moved[0], "europe", "{moved}");
        assert_eq!(moved[1], false, "{moved}");
        assert!(moved[2].as_str().unwrap().contains("CHF 104.00"), "{moved}");
        click(&client, "main form button[type=submit]").await;
        wait_for(&client, "#form-errors").await;
        let open = client.execute("return document.querySelector('.pledge-address').open;", vec![]).await.unwrap();
        assert_eq!(open, true, "the address with its mistake shows open [{lang}]");
        let mut found = overflow(&client).await;
        found.extend(axe(&client, &axe_source).await);
        findings.extend(found.into_iter().map(|f| format!("sent with a wrong postcode [{lang}, 390 px] {f}")));
    }
    // With the script, another reward shows its own options and hides the others'.
    client.goto(&app.url("/pledge?reward=atelier-reparation")).await.unwrap();
    let shown = r#"return Array.from(document.querySelectorAll('[data-reward]')).filter(b => !b.hidden).map(b => b.dataset.reward);"#;
    assert_eq!(client.execute(shown, vec![]).await.unwrap(), json!(["atelier-reparation"]));
    client
        .execute(
            "const s = document.querySelector('#reward'); s.value = 'foulard-soie'; s.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(client.execute(shown, vec![]).await.unwrap(), json!(["foulard-soie"]));
    client.close().await.unwrap();
    assert!(findings.is_empty(), "{} findings:\n{}", findings.len(), findings.join("\n"));
}

/// After a success: the private page of a scarf with its postage, its address form and its
/// survey (also sent with an answer missing), and the team's list with the answers, pass
/// axe-core and fit a phone in every language.
#[tokio::test]
async fn the_survey_and_the_postage_after_a_success_pass_axe_core_in_every_language() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let Some((_driver, client, _profile)) = browser().await else { return };
    let Some(axe_source) = axe_source() else { return };
    let extra = format!(
        "{}{}{}{}",
        crate::reward_options::OPTIONS,
        crate::survey::SURVEY,
        crate::shipping::SHIPPING,
        crate::helpers::payments_section("on-success")
    );
    let file = crate::helpers::fixture_with(&extra);
    let app = crate::helpers::spawn_app_with(file.path(), crate::helpers::before_deadline()).await;
    let mut body = crate::helpers::TestApp::body(Some("foulard-soie"), "1000.00", "anne@example.ch");
    body["choices"] = json!({ "colour": "garance", "size": "m" });
    body["address"] =
        json!({ "name": "Anne Dupont", "street": "Via Roma 1", "postcode": "00184", "town": "Roma", "country": "IT" });
    let (status, scarf) = app.pledge(body).await;
    assert_eq!(status, 201, "{scarf}");
    app.clock.set(crate::helpers::deadline() + chrono::Duration::minutes(1));
    app.wait_for("SELECT COUNT(*) AS n FROM emails WHERE kind = 'pledge_bill'", 1).await;
    let private = format!("/pledges/{}", scarf["token"].as_str().unwrap());
    crate::team::add_member(&app, "anne@example.ch").await;
    client.goto(&app.url("/team/login")).await.unwrap();
    fill(&client, "#email", "anne@example.ch").await;
    fill(&client, "#password", crate::team::PASSWORD).await;
    click(&client, "button[type=submit]").await;
    wait_for(&client, ".team-bar").await;
    let pages = [private.as_str(), "/team/delivery/foulard-soie", "/team/delivery/foulard-soie?missing=address"];
    let mut findings: Vec<String> = Vec::new();
    for lang in ["fr", "en", "de"] {
        client.goto(&app.url(&format!("/?lang={lang}"))).await.unwrap();
        for width in [390, 1366, 320] {
            viewport(&client, width).await;
            for page in pages {
                client.goto(&app.url(page)).await.unwrap();
                let mut found = overflow(&client).await;
                if width != 320 {
                    found.extend(axe(&client, &axe_source).await);
                }
                findings.extend(found.into_iter().map(|f| format!("{page} [{lang}, {width} px] {f}")));
            }
        }
        viewport(&client, 390).await;
        client.goto(&app.url(&private)).await.unwrap();
        click(&client, "#survey button[type=submit]").await;
        wait_for(&client, "#form-errors").await;
        let mut found = overflow(&client).await;
        found.extend(axe(&client, &axe_source).await);
        findings.extend(found.into_iter().map(|f| format!("survey sent empty [{lang}, 390 px] {f}")));
    }
    client.close().await.unwrap();
    assert!(findings.is_empty(), "{} findings:\n{}", findings.len(), findings.join("\n"));
}
