//! Building the Rocket application from settings: database, state, fairings, routes.

use std::path::Path;
use std::sync::Arc;

use base64::Engine;
use rand::RngCore;
use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use rocket::fs::FileServer;
use rocket::{Build, Rocket};
use rocket_dyn_templates::Template;

use crate::config::{Campaign, ConfigError, Confirmation, Settings};
use crate::db::Db;
use crate::domain::Clock;
use crate::domain::proxies::TrustedProxies;
use crate::jobs::mailer::Mailer;
use crate::routes::cache::PageCache;
use crate::routes::limits::RateLimiter;
use crate::routes::team::{SetupLink, TeamState};
use crate::services::letters::Letters;
use crate::services::sync::{SyncError, sync};
use crate::services::writer::PledgeWriter;
use crate::{i18n, jobs, routes, services};

/// What every request can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub campaign: Arc<Campaign>,
    pub campaign_id: i32,
    pub clock: Clock,
    /// The only way pledges change.
    pub writer: PledgeWriter,
    /// Rendered copies of the most requested pages.
    pub pages: Arc<PageCache>,
    /// Login throttling and the first-run setup link.
    pub team: Arc<TeamState>,
    /// Writes the emails the site sends.
    pub letters: Letters,
    /// Whether emails leave through SMTP, or wait in the outbox for the team.
    pub sends_mail: bool,
    /// Whether new pledges wait for their backer to confirm by email.
    pub confirmation: Confirmation,
    /// Logins' password checks, a few at a time (see [`services::team::password_checks`]).
    pub password_checks: Arc<services::bounded::Bounded>,
    /// The rate limits' buckets.
    pub limits: Arc<RateLimiter>,
    /// The reverse proxies whose forwarding headers tell the client's address.
    pub proxies: Arc<TrustedProxies>,
    /// Cards and TWINT through Stripe, when the campaign offers them.
    pub cards: Option<services::cards::Cards>,
    /// The link previews drawn so far.
    pub previews: Arc<services::preview::Previews>,
    /// The version of the site's CSS and scripts, which their addresses carry.
    pub assets: Arc<str>,
}

/// Why the application could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot create the data folder {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error("cannot read or write the secret key {path}: {source}")]
    SecretKey { path: String, source: std::io::Error },
    #[error("cannot open the database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Sync(#[from] SyncError),
    #[error("{0}")]
    Mail(String),
    #[error("{0}")]
    Stripe(String),
    #[error("{0}")]
    Settings(#[from] ConfigError),
}

/// Rocket's configuration (Rocket.toml, ROCKET_* variables) with bobine's defaults under it:
/// templates found wherever the crate is, limits that take a phone's photo, no client address
/// read from `X-Real-IP`, and a secret key made on first run.
pub fn figment(settings: &Settings) -> Result<Figment, StartError> {
    use rocket::figment::Profile;
    use rocket::figment::providers::{Env, Format, Toml};
    // Rocket's own figment already holds every default limit, so bobine's defaults go between
    // Rocket's defaults and what the operator writes, exactly as Rocket layers its sources.
    let mut figment = Figment::from(rocket::Config::default())
        .merge(("template_dir", settings.templates_dir.clone()))
        // Designers upload photos: a whole form may carry one, and the photo's own limit is
        // the one people are told about. Either may be raised in Rocket.toml.
        .merge(("limits.data-form", "64 MiB"))
        .merge(("limits.file", crate::domain::photo::MAX_UPLOAD))
        // The bank's files, sent as XML to the team's payment page, may be as large as the
        // command line takes them.
        .merge(("limits.file/xml", crate::domain::camt::MAX_FILE_BYTES))
        // Rocket would take the client's address from `X-Real-IP`, which anyone can send;
        // the address comes from the socket, or from a trusted proxy (`routes::client`).
        .merge(("ip_header", false))
        .merge(Toml::file(Env::var_or("ROCKET_CONFIG", "Rocket.toml")).nested())
        .merge(Env::prefixed("ROCKET_").ignore(&["PROFILE"]).global())
        .select(Profile::from_env_or("ROCKET_PROFILE", rocket::Config::DEFAULT_PROFILE));
    let has_key = figment.extract::<rocket::Config>().is_ok_and(|config| !config.secret_key.is_zero());
    if !has_key {
        figment = figment.merge(("secret_key", secret_key(&settings.data_dir)?));
    }
    Ok(figment)
}

/// The key that signs private cookies, kept in the data folder so sessions survive restarts.
fn secret_key(data_dir: &Path) -> Result<String, StartError> {
    let path = data_dir.join("secret.key");
    let failed = |source| StartError::SecretKey { path: path.display().to_string(), source };
    match std::fs::read_to_string(&path) {
        Ok(key) => Ok(key.trim().to_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(data_dir)
                .map_err(|source| StartError::DataDir { path: data_dir.display().to_string(), source })?;
            let mut bytes = [0u8; 64];
            rand::rng().fill_bytes(&mut bytes);
            let key = base64::engine::general_purpose::STANDARD.encode(bytes);
            write_private(&path, &key).map_err(failed)?;
            tracing::info!(path = %path.display(), "created a new secret key");
            Ok(key)
        }
        Err(e) => Err(failed(e)),
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

/// Connects, migrates, syncs the campaign file, and assembles the application.
pub async fn build(settings: Settings) -> Result<Rocket<Build>, StartError> {
    let figment = figment(&settings)?;
    build_with(settings, figment).await
}

/// As [`build`], with a given Rocket configuration (tests choose their port this way).
pub async fn build_with(settings: Settings, figment: Figment) -> Result<Rocket<Build>, StartError> {
    settings.mail.check()?;
    crate::config::stripe::check_methods(settings.campaign.payments.as_ref(), settings.stripe.as_ref())?;
    settings
        .ensure_data_dir()
        .map_err(|source| StartError::DataDir { path: settings.data_dir.display().to_string(), source })?;
    let public_url = public_url(&settings.mail, &figment);
    let campaign = Arc::new(settings.campaign);
    let letters = Letters::new(campaign.clone(), &public_url);
    let mailer = match &settings.mail.smtp {
        Some(smtp) => Some(Mailer::new(smtp, letters.public_url().clone()).map_err(StartError::Mail)?),
        None => None,
    };
    let db = Db::connect(&settings.database_url, settings.database_schema.as_deref()).await?;
    let campaign_id = sync(&db, &campaign, settings.clock.now()).await?;
    let confirmation = settings.mail.confirmation();
    let writer = PledgeWriter::start(
        db.clone(),
        campaign.clone(),
        campaign_id,
        settings.clock.clone(),
        letters.clone(),
        confirmation,
    );
    let pages = Arc::new(PageCache::new(settings.page_cache));
    let team = Arc::new(TeamState::default());
    let sends_mail = mailer.is_some();
    if !settings.rate_limits.enabled {
        tracing::warn!("rate limits are off (BOBINE_RATE_LIMITS=off): only the login throttle applies");
    }
    let limits = Arc::new(RateLimiter::new(&settings.rate_limits));
    let proxies = Arc::new(settings.trusted_proxies);
    let cards = match (&settings.stripe, &campaign.payments) {
        (Some(stripe), Some(payments)) if payments.uses_stripe() => Some(services::cards::Cards {
            db: db.clone(),
            stripe: services::stripe::Stripe::new(stripe.clone()).map_err(StartError::Stripe)?,
            campaign: campaign.clone(),
            campaign_id,
            letters: letters.clone(),
            writer: writer.clone(),
            trouble: Arc::default(),
            in_flight: Default::default(),
        }),
        _ => None,
    };
    let cover = campaign.cover.as_ref().map(|cover| cover.picture.clone());
    let state = AppState {
        db,
        campaign,
        campaign_id,
        clock: settings.clock,
        writer,
        pages,
        team,
        letters,
        sends_mail,
        confirmation,
        password_checks: Arc::new(services::team::password_checks()),
        limits,
        proxies,
        cards,
        previews: Arc::new(services::preview::Previews::with_cover(cover)),
        assets: routes::assets::version(&settings.public_dir).into(),
    };
    let checkout_origin = state.cards.as_ref().map(|cards| cards.stripe.settings().checkout_origin());
    let video_origin = state.campaign.video.as_ref().and_then(|video| video.source.frame_origin());
    let closer = state.clone();
    let holds = state.clone();
    let settling = state.clone();
    let news_mailing = state.clone();
    let session_telling = state.clone();
    let detail_asking = state.clone();
    let retaining = state.clone();
    let charging = state.clone();
    let outbox = (state.clone(), mailer, settings.mail.poll);
    Ok(rocket::custom(figment)
        .manage(state)
        .manage(routes::designers::SmallPhotos::default())
        .attach(Template::custom(|engines| {
            engines.handlebars.register_helper("t", Box::new(i18n::helper));
            engines.handlebars.register_helper("field_error", Box::new(routes::fields::field_error));
            engines.handlebars.register_helper("invalid", Box::new(routes::fields::invalid));
            // A field a template names but its page does not give fails the render in debug
            // builds (and so in tests) instead of showing blank; release builds stay lenient.
            engines.handlebars.set_strict_mode(cfg!(debug_assertions));
        }))
        .attach(AdHoc::on_liftoff("first-run setup link", |rocket| Box::pin(offer_setup_link(rocket))))
        .attach(routes::logging::RequestLog)
        .attach(routes::assets::AssetCaching)
        .attach(routes::compression::Compression)
        .attach(routes::headers::shield())
        .attach(routes::headers::PrivatePages)
        .attach(routes::limits::RetryAfter)
        .attach(
            routes::headers::SecurityHeaders::for_public_url(&public_url, checkout_origin.as_deref())
                .framing(video_origin),
        )
        .attach(AdHoc::on_liftoff("deadline closer", move |rocket| {
            let shutdown = rocket.shutdown();
            Box::pin(async move {
                let AppState { db, campaign, campaign_id, clock, writer, .. } = closer;
                tokio::spawn(async move {
                    tokio::select! {
                        () = jobs::closer::run(db, campaign_id, campaign.deadline, clock, writer) => {}
                        () = shutdown => {}
                    }
                });
            })
        }))
        .attach(AdHoc::on_liftoff("held rewards", move |rocket| {
            let shutdown = rocket.shutdown();
            Box::pin(async move {
                let AppState { db, clock, writer, .. } = holds;
                tokio::spawn(async move {
                    tokio::select! {
                        () = jobs::holds::run(db, clock, writer) => {}
                        () = shutdown => {}
                    }
                });
            })
        }))
        .attach(AdHoc::on_liftoff("payments", move |rocket| {
            let shutdown = rocket.shutdown();
            Box::pin(async move {
                let AppState { db, campaign, campaign_id, letters, clock, writer, .. } = settling;
                tokio::spawn(async move {
                    tokio::select! {
                        () = jobs::payments::run(db, campaign, campaign_id, letters, clock, writer) => {}
                        () = shutdown => {}
                    }
                });
            })
        }))
        .attach(AdHoc::on_liftoff("news by email", move |rocket| {
            let shutdown = rocket.shutdown();
            Box::pin(async move {
                let AppState { db, campaign_id, letters, clock, .. } = news_mailing;
                tokio::spawn(async move {
                    tokio::select! {
                        () = jobs::news_mail::run(db, campaign_id, letters, clock) => {}
                        () = shutdown => {}
                    }
                });
            })
        }))
        .attach(AdHoc::on_liftoff("session news", move |rocket| {
            let shutdown = rocket.shutdown();
            Box::pin(async move {
                let AppState { db, campaign_id, letters, clock, .. } = session_telling;
                tokio::spawn(async move {
                    tokio::select! {
                        () = jobs::session_news::run(db, campaign_id, letters, clock) => {}
                        () = shutdown => {}
                    }
                });
            })
        }))
        .attach(AdHoc::on_liftoff("detail requests", move |rocket| {
            let shutdown = rocket.shutdown();
            Box::pin(async move {
                let AppState { db, campaign, campaign_id, letters, clock, .. } = detail_asking;
                tokio::spawn(async move {
                    tokio::select! {
                        () = jobs::detail_requests::run(db, campaign, campaign_id, letters, clock) => {}
                        () = shutdown => {}
                    }
                });
            })
        }))
        .attach(AdHoc::on_liftoff("retention", move |rocket| {
            let shutdown = rocket.shutdown();
            Box::pin(async move {
                let AppState { db, campaign, campaign_id, clock, .. } = retaining;
                let Some(days) = campaign.retention_days else {
                    return;
                };
                tokio::spawn(async move {
                    tokio::select! {
                        () = jobs::retention::run(db, campaign_id, campaign.deadline, days, clock) => {}
                        () = shutdown => {}
                    }
                });
            })
        }))
        .attach(AdHoc::on_liftoff("card charges", move |rocket| {
            let shutdown = rocket.shutdown();
            Box::pin(async move {
                let Some(cards) = charging.cards else {
                    return;
                };
                let clock = charging.clock;
                tokio::spawn(async move {
                    tokio::select! {
                        () = jobs::cards::run(cards, clock) => {}
                        () = shutdown => {}
                    }
                });
            })
        }))
        .attach(AdHoc::on_liftoff("mailer", move |rocket| {
            let shutdown = rocket.shutdown();
            Box::pin(async move {
                let (state, mailer, poll) = outbox;
                let Some(mailer) = mailer else {
                    tracing::info!("no SMTP server configured: emails wait in the outbox at /team/outbox");
                    return;
                };
                tokio::spawn(async move {
                    tokio::select! {
                        () = jobs::mailer::run(state.db, mailer, state.clock, poll) => {}
                        () = shutdown => {}
                    }
                });
            })
        }))
        .mount("/static", FileServer::from(settings.public_dir))
        .mount("/", routes::routes())
        .register("/", routes::errors::catchers()))
}

/// The address links in emails start with: the configured one, or, without SMTP (the team
/// reads the emails in the outbox), where the server listens.
fn public_url(mail: &crate::config::MailSettings, figment: &Figment) -> String {
    if let Some(url) = &mail.public_url {
        return url.clone();
    }
    let config = figment.extract::<rocket::Config>().unwrap_or_default();
    match config.address {
        std::net::IpAddr::V6(address) => format!("http://[{address}]:{}", config.port),
        address => format!("http://{address}:{}", config.port),
    }
}

/// On a start with no team account, logs a one-time link, valid for an hour, that lets the
/// first member choose a password: `cargo run --release` is all it takes to get in.
async fn offer_setup_link(rocket: &Rocket<rocket::Orbit>) {
    let Some(state) = rocket.state::<AppState>() else {
        return;
    };
    match services::team::count(&state.db).await {
        Ok(0) => {
            let link = SetupLink {
                token: crate::domain::ids::new_secret(),
                expires: state.clock.now() + chrono::Duration::hours(1),
            };
            let config = rocket.config();
            tracing::warn!(
                "no team account yet: open http://{}:{}/team/setup/{} within the hour to choose the first password",
                config.address,
                config.port,
                link.token
            );
            *state.team.setup_link() = Some(link);
        }
        Ok(_) => {}
        Err(error) => tracing::error!(%error, "cannot count the team's accounts"),
    }
}
