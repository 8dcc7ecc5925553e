//! Headers that protect visitors: a Content-Security-Policy on every page, with nothing inline
//! for it to allow; and, when the site is reached over https, `Secure` cookies and HSTS.

use bobine::config::MailSettings;

use crate::helpers::{TestApp, spawn_app, spawn_mailing_app};
use crate::team::{PASSWORD, add_member};

const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The public pages, and one backer's private page.
async fn public_pages(app: &TestApp) -> Vec<String> {
    let (status, pledge) = app.pledge(TestApp::body(Some("open"), "20", "zoe@example.ch")).await;
    assert_eq!(status, 201);
    let private = format!("/pledges/{}", pledge["token"].as_str().unwrap());
    ["/", "/rewards/open", "/pledge?reward=open", "/designers", "/designers/register", "/help", "/team/login", "/nope"]
        .into_iter()
        .map(str::to_owned)
        .chain([private])
        .collect()
}

const TEAM_PAGES: [&str; 5] = ["/team", "/team/pledges", "/team/offers", "/team/designers", "/team/outbox"];

fn assert_protected(path: &str, response: &reqwest::Response) {
    let policy = response.headers().get("content-security-policy").map(|v| v.to_str().unwrap().to_owned());
    let policy = policy.unwrap_or_else(|| panic!("no Content-Security-Policy on {path}"));
    for part in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"] {
        assert!(policy.contains(part), "{path}: {policy}");
    }
    assert!(!policy.contains("unsafe"), "{path}: {policy}");
}

pub(crate) fn assert_nothing_inline(path: &str, page: &str) {
    assert!(!page.contains("style="), "{path} has an inline style");
    assert!(!page.contains("<style"), "{path} has a style element");
    for script in page.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap_or_default();
        assert!(tag.contains(" src=") && script.contains("</script>"), "{path} has an inline script: <script{tag}>");
    }
    assert!(!page.contains(" onclick=") && !page.contains(" onload=") && !page.contains(" onchange="), "{path}");
}

/// Checks each page in every language.
async fn assert_pages_protected<'a>(app: &TestApp, paths: impl IntoIterator<Item = &'a str>) {
    for path in paths {
        for lang in ["fr", "en", "de"] {
            let separator = if path.contains('?') { '&' } else { '?' };
            let path = format!("{path}{separator}lang={lang}");
            let response = app.get(&path).await;
            assert!([200, 404].contains(&response.status().as_u16()), "{path}: {}", response.status());
            assert_protected(&path, &response);
            assert!(response.headers().get("strict-transport-security").is_none(), "no HSTS over http: {path}");
            let page = response.text().await.unwrap();
            assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{path}");
            assert_nothing_inline(&path, &page);
        }
    }
}

#[tokio::test]
async fn every_page_sends_a_content_security_policy_and_has_nothing_inline_for_it() {
    let app = spawn_app().await;
    add_member(&app, "anne@example.ch").await;
    let public = public_pages(&app).await;
    assert_pages_protected(&app, public.iter().map(String::as_str)).await;
    assert_eq!(crate::team::log_in(&app, "anne@example.ch", PASSWORD).await.status().as_u16(), 303);
    assert_pages_protected(&app, TEAM_PAGES).await;
    // The progress bar still says how far the campaign is, without a style attribute.
    let page = app.get("/").await.text().await.unwrap();
    assert!(page.contains("role=\"progressbar\"") && page.contains("aria-valuenow=\"2.00\""), "{page}");
    assert!(page.contains("<rect data-live-width=\"campaign.bar_percent\" width=\"2.00\""), "{page}");
}

#[tokio::test]
async fn over_http_cookies_are_not_marked_secure() {
    let app = spawn_app().await;
    let response = app.get("/pledge?lang=en").await;
    let cookies: Vec<String> =
        response.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    assert!(cookies.iter().all(|c| !c.contains("Secure")), "{cookies:?}");
}

/// Every cookie in a response's `Set-Cookie` headers.
fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn behind_https_every_cookie_is_secure_and_hsts_is_sent() {
    let app = spawn_mailing_app(MailSettings {
        public_url: Some("https://soutenir.example.ch".to_owned()),
        ..MailSettings::default()
    })
    .await;
    add_member(&app, "anne@example.ch").await;
    // A plain client: a cookie marked Secure would not be sent back over http by a browser.
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let form = client.get(app.url("/pledge?lang=en")).send().await.unwrap();
    assert_eq!(form.headers()["strict-transport-security"], HSTS);
    assert_protected("/pledge", &form);
    let mut cookies = set_cookies(&form);
    let csrf = cookies.iter().find_map(|c| c.strip_prefix("csrf=")).unwrap().split(';').next().unwrap().to_owned();
    let login = client
        .post(app.url("/team/login"))
        .header("Cookie", format!("csrf={csrf}"))
        .form(&[("csrf", csrf.as_str()), ("email", "anne@example.ch"), ("password", PASSWORD), ("next", "/team")])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status().as_u16(), 303);
    assert_eq!(login.headers()["strict-transport-security"], HSTS);
    cookies.extend(set_cookies(&login));
    let names: Vec<&str> = cookies.iter().filter_map(|c| c.split('=').next()).collect();
    for name in ["lang", "csrf", "team", "device"] {
        assert!(names.contains(&name), "{name} in {cookies:?}");
    }
    for cookie in &cookies {
        assert!(cookie.split("; ").any(|part| part == "Secure"), "not Secure: {cookie}");
    }
    let health = client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.headers()["strict-transport-security"], HSTS);
}

/// The site's CSS and scripts are addressed by their version and kept a year; asked without
/// it, an hour.
#[tokio::test]
async fn the_sites_files_are_kept_a_year_under_their_version() {
    let app = crate::helpers::spawn_app().await;
    let page = app.get("/").await.text().await.unwrap();
    let css = page.split("href=\"/static/style.css?v=").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    assert_eq!(css.len(), 12, "{css}");
    let versioned = app.get(&format!("/static/style.css?v={css}")).await;
    assert_eq!(versioned.status().as_u16(), 200);
    assert_eq!(versioned.headers()["cache-control"], "public, max-age=31536000, immutable");
    let plain = app.get("/static/style.css").await;
    assert_eq!(plain.headers()["cache-control"], "public, max-age=3600");
    assert!(app.get("/").await.headers().get("cache-control").is_none_or(|c| c != "public, max-age=3600"));
}
