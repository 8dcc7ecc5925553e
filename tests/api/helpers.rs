//! Spawning the real application on a private database and a free loopback port.

use std::path::{Path, PathBuf};

use std::sync::Arc;

use bobine::app::{self, AppState};
use bobine::config::{CacheAges, Campaign, Confirmation, MailSettings, RateLimits, Settings, crate_dir, sqlite_url};
use bobine::db::Db;
use bobine::domain::Clock;
use bobine::domain::proxies::TrustedProxies;
use bobine::routes::team::TeamState;
use bobine::services::writer::PledgeWriter;
use chrono::{DateTime, Utc};
use rocket::fairing::AdHoc;
use sea_orm::{ConnectionTrait, Database, FromQueryResult, Statement};
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// The fixture campaign's deadline.
pub fn deadline() -> DateTime<Utc> {
    "2030-01-01T00:00:00+01:00".parse::<DateTime<chrono::FixedOffset>>().unwrap().with_timezone(&Utc)
}

/// A month before the fixture's deadline, when its dated early-bird price still holds.
pub fn before_deadline() -> DateTime<Utc> {
    deadline() - chrono::Duration::days(30)
}

/// A reward of `/api/campaign`'s answer, by id.
pub fn reward<'a>(campaign: &'a Value, id: &str) -> &'a Value {
    let rewards = campaign["rewards"].as_array().expect("the campaign lists its rewards");
    rewards.iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no reward {id} in {campaign}"))
}

pub fn fixture() -> PathBuf {
    crate_dir().join("tests/fixtures/campaign.toml")
}

/// A running application, the clock it reads, and a connection to its database.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// The client's cookies, as a browser would hold them.
    pub cookies: std::sync::Arc<reqwest::cookie::Jar>,
    /// The team's login throttle and setup link, as the server holds them.
    pub team: Arc<TeamState>,
    /// The server's own pledge writer, for builders that place pledges the way requests do.
    pub writer: PledgeWriter,
    pub clock: Clock,
    pub db: Db,
    pub campaign_id: i32,
    settings: Settings,
    shutdown: rocket::Shutdown,
    server: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

/// Where the tests' databases live: PostgreSQL when `TEST_DATABASE_URL` says so (each test
/// in a schema of its own), else a SQLite file in a temporary folder.
async fn database(dir: &Path) -> (String, Option<String>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let schema = format!(
                "t_{}",
                bobine::domain::ids::new_secret().to_lowercase().replace(['-', '_'], "")[..16].to_owned()
            );
            let admin = Database::connect(&url).await.expect("TEST_DATABASE_URL is reachable");
            admin.execute_unprepared(&format!("CREATE SCHEMA {schema}")).await.unwrap();
            admin.close().await.unwrap();
            (url, Some(schema))
        }
        _ => (sqlite_url(&dir.join("bobine.db")), None),
    }
}

/// The fixture campaign, a month before its deadline.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(&fixture(), before_deadline()).await
}

/// A campaign file, with the clock set at `now`.
pub async fn spawn_app_with(campaign: &Path, now: DateTime<Utc>) -> TestApp {
    // Tests move the clock and read the figures at once; the cache has its own tests.
    spawn(campaign, now, CacheAges::NONE, MailSettings::default()).await
}

/// The fixture campaign with the page cache as in production.
pub async fn spawn_cached_app() -> TestApp {
    spawn(&fixture(), before_deadline(), CacheAges::default(), MailSettings::default()).await
}

/// The fixture campaign, where pledges count once confirmed by email; the emails wait in the
/// outbox, where tests read the links.
pub async fn spawn_confirming_app() -> TestApp {
    let mail = MailSettings { pledge_confirmation: Some(Confirmation::ByEmail), ..MailSettings::default() };
    spawn(&fixture(), before_deadline(), CacheAges::NONE, mail).await
}

/// As [`spawn_confirming_app`], with another campaign file.
pub async fn spawn_confirming_app_with(campaign: &Path) -> TestApp {
    let mail = MailSettings { pledge_confirmation: Some(Confirmation::ByEmail), ..MailSettings::default() };
    spawn(campaign, before_deadline(), CacheAges::NONE, mail).await
}

/// The fixture campaign, sending its emails as `mail` says.
pub async fn spawn_mailing_app(mail: MailSettings) -> TestApp {
    spawn(&fixture(), before_deadline(), CacheAges::NONE, mail).await
}

/// The fixture campaign's payments section, collecting as `collect` says, to the QR-IBAN of
/// the QR-bill guidelines.
pub fn payments_section(collect: &str) -> String {
    format!(
        "\n[payments]\ncollect = \"{collect}\"\ndue_days = 14\ngrace_days = 7\n\n[payments.creditor]\n\
         iban = \"CH44 3199 9123 0008 8901 2\"\nname = \"Association Mode durable Genève\"\n\
         street = \"Rue de l'Exemple\"\nbuilding = \"1\"\npostcode = \"1204\"\ntown = \"Genève\"\ncountry = \"CH\"\n"
    )
}

/// The fixture campaign with `extra` added to its file.
pub fn fixture_with(extra: &str) -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().unwrap();
    let text = std::fs::read_to_string(fixture()).unwrap() + extra;
    std::fs::write(file.path(), text).unwrap();
    file
}

/// The fixture campaign taking payments by QR-bill, collecting as `collect` says.
pub async fn spawn_paying_app(collect: &str) -> TestApp {
    let file = fixture_with(&payments_section(collect));
    spawn_app_with(file.path(), before_deadline()).await
}

/// The secret key and webhook secret the card tests give both the stand-in and the server.
pub const STRIPE_KEY: &str = "sk_test_bobine_cards";
pub const STRIPE_WEBHOOK_SECRET: &str = "whsec_bobine_cards";

/// The fixture campaign offering card, TWINT and bank, collecting as `collect` says, with a
/// loopback stand-in of Stripe that sends its webhooks to the server.
pub async fn spawn_card_app(collect: &str) -> (TestApp, crate::stripe_standin::StandIn) {
    spawn_card_app_mailing(collect, MailSettings::default()).await
}

/// As [`spawn_card_app`], sending emails (and confirming pledges) as `mail` says.
pub async fn spawn_card_app_mailing(collect: &str, mail: MailSettings) -> (TestApp, crate::stripe_standin::StandIn) {
    let standin = crate::stripe_standin::StandIn::start(STRIPE_KEY, STRIPE_WEBHOOK_SECRET).await;
    let section =
        payments_section(collect).replace("due_days = 14", "due_days = 14\nmethods = [\"card\", \"twint\", \"bank\"]");
    let file = fixture_with(&section);
    let stripe = stripe_settings(&standin);
    let app = spawn_adjusted(file.path(), before_deadline(), CacheAges::NONE, mail, |settings| {
        settings.stripe = Some(stripe);
    })
    .await;
    standin.send_webhooks_to(&format!("{}/webhooks/stripe", app.address));
    (app, standin)
}

/// Settings that reach `standin`, quick to give up on a request that does not answer.
pub fn stripe_settings(standin: &crate::stripe_standin::StandIn) -> bobine::config::StripeSettings {
    bobine::config::StripeSettings {
        api_url: standin.url(),
        rate: 100,
        timeout: std::time::Duration::from_millis(500),
        ..bobine::config::StripeSettings::new(STRIPE_KEY, STRIPE_WEBHOOK_SECRET)
    }
}

/// The fixture campaign with rate limits as `rate_limits` says, behind `trusted_proxies`.
/// Other tests run without rate limits: they send many requests from one address and one
/// email on a clock that does not move.
pub async fn spawn_limited_app(rate_limits: RateLimits, trusted_proxies: TrustedProxies) -> TestApp {
    spawn_adjusted(&fixture(), before_deadline(), CacheAges::NONE, MailSettings::default(), |settings| {
        settings.rate_limits = rate_limits;
        settings.trusted_proxies = trusted_proxies;
    })
    .await
}

async fn spawn(campaign: &Path, now: DateTime<Utc>, page_cache: CacheAges, mail: MailSettings) -> TestApp {
    spawn_adjusted(campaign, now, page_cache, mail, |_| {}).await
}

async fn spawn_adjusted(
    campaign: &Path,
    now: DateTime<Utc>,
    page_cache: CacheAges,
    mail: MailSettings,
    adjust: impl FnOnce(&mut Settings),
) -> TestApp {
    let (mut settings, dir) = settings(campaign, now, page_cache, mail).await;
    adjust(&mut settings);
    launch(settings, dir).await
}

/// The settings of a test application on a private database, in a temporary folder.
async fn settings(
    campaign: &Path,
    now: DateTime<Utc>,
    page_cache: CacheAges,
    mail: MailSettings,
) -> (Settings, tempfile::TempDir) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    if std::env::var_os("RUST_LOG").is_some() {
        bobine::telemetry::init();
    }
    let dir = tempfile::tempdir().unwrap();
    let (database_url, database_schema) = database(dir.path()).await;
    let settings = Settings {
        campaign: Campaign::load(campaign).unwrap(),
        database_url,
        data_dir: dir.path().to_owned(),
        templates_dir: crate_dir().join("templates"),
        public_dir: crate_dir().join("public"),
        clock: Clock::manual(now),
        database_schema,
        page_cache,
        mail,
        rate_limits: RateLimits::off(),
        trusted_proxies: TrustedProxies::NONE,
        stripe: None,
    };
    (settings, dir)
}

/// Why the fixture campaign refuses to start with `mail`; panics if it starts.
pub async fn start_error(mail: MailSettings) -> String {
    let (settings, _dir) = settings(&fixture(), before_deadline(), CacheAges::NONE, mail).await;
    let figment = app::figment(&settings).unwrap();
    match app::build_with(settings, figment).await {
        Ok(_) => panic!("started"),
        Err(error) => error.to_string(),
    }
}

async fn launch(settings: Settings, dir: tempfile::TempDir) -> TestApp {
    let figment = app::figment(&settings)
        .unwrap()
        .merge(("address", "127.0.0.1"))
        .merge(("port", 0))
        .merge(("log_level", "off"))
        .merge(("shutdown.grace", 1))
        .merge(("shutdown.mercy", 1));
    let (port_tx, port_rx) = oneshot::channel::<(u16, Arc<TeamState>, PledgeWriter)>();
    let rocket = app::build_with(settings.clone(), figment).await.unwrap().attach(AdHoc::on_liftoff(
        "test port",
        move |rocket| {
            let port = rocket.config().port;
            let state = rocket.state::<AppState>().map(|state| (state.team.clone(), state.writer.clone()));
            Box::pin(async move {
                if let Some((team, writer)) = state {
                    let _ = port_tx.send((port, team, writer));
                }
            })
        },
    ));
    let rocket = rocket.ignite().await.unwrap();
    let shutdown = rocket.shutdown();
    let server = tokio::spawn(async move {
        let _ = rocket.launch().await;
    });
    let (port, team, writer) = port_rx.await.unwrap();
    let db = Db::connect(&settings.database_url, settings.database_schema.as_deref()).await.unwrap();
    let campaign_id = campaign_id(&db).await;
    let cookies = std::sync::Arc::new(reqwest::cookie::Jar::default());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        client: reqwest::Client::builder()
            .cookie_provider(cookies.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        cookies,
        team,
        writer,
        clock: settings.clock.clone(),
        db,
        campaign_id,
        settings,
        shutdown,
        server,
        _dir: dir,
    }
}

async fn campaign_id(db: &Db) -> i32 {
    use sea_orm::EntityTrait;
    entity::campaign::Entity::find().one(&db.read).await.unwrap().unwrap().id
}

impl TestApp {
    /// Stops the server, moves the clock to `now` while it is down, and starts it again on
    /// the same database, as after a restart of the process.
    pub async fn restart_at(self, now: DateTime<Utc>) -> TestApp {
        let campaign = self.settings.campaign.clone();
        self.restart_with(campaign, now).await
    }

    /// As [`TestApp::restart_at`], with an edited campaign file.
    pub async fn restart_with(mut self, campaign: Campaign, now: DateTime<Utc>) -> TestApp {
        self.settings.campaign = campaign;
        self.shutdown.notify();
        let _ = self.server.await;
        self.clock.set(now);
        self.db.read.close_by_ref().await.ok();
        self.db.write.close_by_ref().await.ok();
        launch(self.settings, self._dir).await
    }

    /// As [`TestApp::restart_at`] at the same time, sending emails as `mail` says from then on.
    pub async fn restart_with_mail(mut self, mail: MailSettings) -> TestApp {
        self.settings.mail = mail;
        let (campaign, now) = (self.settings.campaign.clone(), self.clock.now());
        self.restart_with(campaign, now).await
    }

    /// A second instance of the application on the same database, as behind a load balancer.
    pub async fn twin(&self) -> TestApp {
        launch(self.settings.clone(), tempfile::tempdir().unwrap()).await
    }

    /// Opens the pledge form, so the client holds the form cookie, and returns its token as
    /// a form would carry it (read from the cookie, since a closed campaign shows no form).
    pub async fn csrf_token(&self) -> String {
        self.get("/pledge").await;
        let cookies = reqwest::cookie::CookieStore::cookies(&*self.cookies, &self.url("/").parse().unwrap()).unwrap();
        let cookies = cookies.to_str().unwrap();
        cookies.split("; ").find_map(|c| c.strip_prefix("csrf=")).unwrap().to_owned()
    }

    /// Posts a form as a browser would, with the visitor's form token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let csrf = self.csrf_token().await;
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        self.client.post(self.url(path)).form(&form).send().await.unwrap()
    }

    /// The campaign as its file describes it (the fixture, unless the test chose another).
    pub fn campaign_file(&self) -> &Campaign {
        &self.settings.campaign
    }

    pub fn database_url(&self) -> String {
        self.settings.database_url.clone()
    }

    pub fn database_schema(&self) -> Option<String> {
        self.settings.database_schema.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn campaign(&self) -> Value {
        self.get("/api/campaign").await.json().await.unwrap()
    }

    /// `POST /api/pledges`; returns the status and the body.
    pub async fn pledge(&self, body: Value) -> (u16, Value) {
        let response = self.client.post(self.url("/api/pledges")).json(&body).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// A valid pledge body for a reward (or none) and an amount.
    pub fn body(reward: Option<&str>, amount: &str, email: &str) -> Value {
        json!({ "reward": reward, "amount": amount, "name": "Anne Dupont", "email": email, "anonymous": false })
    }

    /// Checks invariant 6: every counter equals what the active pledges add up to (a reward's
    /// units also count those unconfirmed pledges hold).
    pub async fn assert_counters_match_pledges(&self) {
        #[derive(Debug, FromQueryResult, PartialEq)]
        struct Sums {
            cents: Option<i64>,
            pledges: i64,
            backers: i64,
        }
        let backend = self.db.backend();
        let sums = Sums::find_by_statement(Statement::from_string(
            backend,
            "SELECT CAST(SUM(amount_cents) AS BIGINT) AS cents, COUNT(*) AS pledges, COUNT(DISTINCT LOWER(email)) AS backers FROM pledges WHERE state = 'active'",
        ))
        .one(&self.db.read)
        .await
        .unwrap()
        .unwrap();
        let campaign = self.campaign().await;
        let pledged: rust_decimal::Decimal = campaign["pledged"].as_str().unwrap().parse().unwrap();
        assert_eq!(pledged, rust_decimal::Decimal::new(sums.cents.unwrap_or(0), 2), "pledged total");
        assert_eq!(campaign["pledge_count"], json!(sums.pledges), "pledge count");
        assert_eq!(campaign["backers"], json!(sums.backers), "backers");

        #[derive(Debug, FromQueryResult)]
        struct RewardSums {
            id: String,
            claimed: i64,
            pledged_cents: i64,
            counted: i64,
            cents: Option<i64>,
        }
        let rewards = RewardSums::find_by_statement(Statement::from_string(
            backend,
            "SELECT r.id, r.claimed, r.pledged_cents, COUNT(p.id) AS counted, \
                    CAST(SUM(CASE WHEN p.state = 'active' THEN p.amount_cents ELSE 0 END) AS BIGINT) AS cents \
             FROM rewards r LEFT JOIN pledges p ON p.reward_id = r.id \
                  AND (p.state = 'active' OR (p.state = 'unconfirmed' AND p.hold_until_ms IS NOT NULL)) \
             GROUP BY r.id, r.claimed, r.pledged_cents",
        ))
        .all(&self.db.read)
        .await
        .unwrap();
        for reward in rewards {
            assert_eq!(reward.claimed, reward.counted, "claimed of {}", reward.id);
            assert_eq!(reward.pledged_cents, reward.cents.unwrap_or(0), "pledged of {}", reward.id);
        }
        let differences = bobine::services::consistency::check(&self.db).await.unwrap();
        assert!(differences.is_empty(), "bobine check: {differences:?}");
    }

    /// The rows `sql` selects, each column as a JSON number, text or null (whatever the
    /// database's types, so the same test reads SQLite and PostgreSQL alike).
    pub async fn query(&self, sql: &str) -> Vec<Value> {
        let rows = self.db.read.query_all_raw(Statement::from_string(self.db.backend(), sql.to_owned())).await.unwrap();
        rows.iter()
            .map(|row| {
                let mut object = serde_json::Map::new();
                for (i, name) in row.column_names().into_iter().enumerate() {
                    let value = if let Ok(Some(n)) = row.try_get_by_index::<Option<i64>>(i) {
                        json!(n)
                    } else if let Ok(Some(n)) = row.try_get_by_index::<Option<i32>>(i) {
                        json!(n)
                    } else if let Ok(Some(b)) = row.try_get_by_index::<Option<bool>>(i) {
                        json!(b)
                    } else if let Ok(Some(text)) = row.try_get_by_index::<Option<String>>(i) {
                        json!(text)
                    } else {
                        Value::Null
                    };
                    object.insert(name, value);
                }
                Value::Object(object)
            })
            .collect()
    }

    /// Waits until `sql` (a query of one number) answers `expected`, as background work
    /// (settlement, reminders) gets there; fails after ten seconds with what it last read.
    pub async fn wait_for(&self, sql: &str, expected: i64) {
        #[derive(FromQueryResult)]
        struct Number {
            n: i64,
        }
        let mut last = None;
        for _ in 0..200 {
            let found = Number::find_by_statement(Statement::from_string(self.db.backend(), sql.to_owned()))
                .one(&self.db.read)
                .await
                .unwrap()
                .map(|row| row.n);
            if found == Some(expected) {
                return;
            }
            last = found;
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("{sql} gave {last:?}, not {expected}");
    }

    pub async fn stored_pledges(&self) -> u64 {
        use sea_orm::{EntityTrait, PaginatorTrait};
        entity::pledge::Entity::find().count(&self.db.read).await.unwrap()
    }
}

/// Another browser, with cookies of its own, connecting from its own loopback address (every
/// 127.x.y.z is this machine), so that per-address limits see it as another place.
pub struct Browser {
    pub client: reqwest::Client,
    pub cookies: Arc<reqwest::cookie::Jar>,
    address: String,
}

impl TestApp {
    /// A new browser connecting from `local`, such as `"127.0.0.2"`.
    pub fn browser_from(&self, local: &str) -> Browser {
        let cookies = Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(cookies.clone())
            .redirect(reqwest::redirect::Policy::none())
            .local_address(local.parse::<std::net::IpAddr>().unwrap())
            .build()
            .unwrap();
        Browser { client, cookies, address: self.address.clone() }
    }
}

impl Browser {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// The value of the cookie `name` this browser would send to `path`, if it holds one.
    pub fn cookie(&self, path: &str, name: &str) -> Option<String> {
        let url = self.url(path).parse().unwrap();
        let header = reqwest::cookie::CookieStore::cookies(&*self.cookies, &url)?;
        let prefix = format!("{name}=");
        header.to_str().unwrap().split("; ").find_map(|c| c.strip_prefix(&prefix)).map(str::to_owned)
    }

    /// Posts a form as this browser would, with its own form token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.get("/pledge").await;
        let csrf = self.cookie("/", "csrf").expect("the form page gives a form token");
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        self.client.post(self.url(path)).form(&form).send().await.unwrap()
    }

    /// Logs in at the team's login form.
    pub async fn log_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form("/team/login", &[("email", email), ("password", password), ("next", "/team")]).await
    }

    /// `POST /api/pledges`.
    pub async fn pledge(&self, body: &Value) -> reqwest::Response {
        self.client.post(self.url("/api/pledges")).json(body).send().await.unwrap()
    }
}
