//! What the application is configured with: the campaign file, the database, the data folder.
//!
//! Rocket's own settings (address, port, limits) come from `Rocket.toml` and `ROCKET_*`
//! variables as usual; these are bobine's.

pub mod campaign;
pub mod error;
pub mod limits;
pub mod media;
pub mod payments;
pub mod reward_options;
pub mod stripe;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use campaign::Campaign;
pub use error::ConfigError;
pub use limits::RateLimits;
pub use payments::{Collect, Payments};
pub use stripe::StripeSettings;

use crate::domain::Clock;
use crate::domain::proxies::TrustedProxies;

/// Where everything is, resolved from the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The validated campaign.
    pub campaign: Campaign,
    /// `sqlite://...` or `postgres://...`.
    pub database_url: String,
    /// Holds the SQLite database and the secret key.
    pub data_dir: PathBuf,
    /// Handlebars templates.
    pub templates_dir: PathBuf,
    /// CSS, images and scripts served under `/static`.
    pub public_dir: PathBuf,
    pub clock: Clock,
    /// PostgreSQL schema to use instead of `public`; tests give each run its own.
    pub database_schema: Option<String>,
    /// How long rendered copies of the campaign page are served.
    pub page_cache: CacheAges,
    /// How emails reach people.
    pub mail: MailSettings,
    /// How many requests of each kind one address or one email may make.
    pub rate_limits: RateLimits,
    /// The reverse proxies whose `X-Forwarded-For` tells the client's address.
    pub trusted_proxies: TrustedProxies,
    /// How to reach Stripe, when cards or TWINT are offered.
    pub stripe: Option<StripeSettings>,
}

/// How emails reach people: links in them start with `public_url`; with `smtp` they are
/// sent, without it they wait in the outbox for the team.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `BOBINE_PUBLIC_URL`, such as `https://soutenir.example.ch`: needed with `smtp`; without
    /// it, the address and port the server listens on. See [`MailSettings::check`].
    pub public_url: Option<String>,
    pub smtp: Option<Smtp>,
    /// How often the mailer looks for emails to send, and looks again after an error.
    pub poll: Duration,
    /// `BOBINE_PLEDGE_CONFIRMATION` (`email` or `at-once`); by default by email exactly when
    /// emails can leave.
    pub pledge_confirmation: Option<Confirmation>,
}

impl MailSettings {
    /// Refuses what emails cannot work with: a public address that is not an absolute
    /// `http://` or `https://` one, and SMTP without a public address, where links in the
    /// emails sent would point to wherever the server listens (often `127.0.0.1`).
    pub fn check(&self) -> Result<(), ConfigError> {
        const VARIABLE: &str = "BOBINE_PUBLIC_URL";
        match &self.public_url {
            Some(url) => check_public_url(url).map_err(|message| ConfigError::setting(VARIABLE, &message)),
            None if self.smtp.is_some() => Err(ConfigError::setting(
                VARIABLE,
                "set the address people reach the site at, such as https://campagne.example.ch: \
                 the emails sent through BOBINE_SMTP_URL link to it",
            )),
            None => Ok(()),
        }
    }

    /// Whether new pledges wait for their backer to confirm by email.
    pub fn confirmation(&self) -> Confirmation {
        self.pledge_confirmation.unwrap_or(if self.smtp.is_some() {
            Confirmation::ByEmail
        } else {
            Confirmation::AtOnce
        })
    }
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings { public_url: None, smtp: None, poll: Duration::from_secs(1), pledge_confirmation: None }
    }
}

/// Why `url` cannot be the site's public address, if it cannot: links in emails are this
/// address followed by a path, so it is an absolute `http://` or `https://` address with a
/// host, and nothing after its path.
fn check_public_url(url: &str) -> Result<(), String> {
    let example = "such as https://campagne.example.ch";
    let refuse = |why: &str| Err(format!("{url:?} {why}, {example}"));
    let Ok(parsed) = url::Url::parse(url) else {
        return refuse("is not an absolute http:// or https:// address");
    };
    if !matches!(parsed.scheme(), "http" | "https") || !parsed.has_host() {
        return refuse("is not an absolute http:// or https:// address");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return refuse("holds a user name or password: give the address people type");
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return refuse("has a ? or # part: links to pages are added after it");
    }
    Ok(())
}

/// Whether a new pledge waits for its backer to confirm it by email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// A new pledge is `unconfirmed` until its backer opens the link emailed to them: fake
    /// pledges in someone else's name, or with a mistyped address, never count.
    ByEmail,
    /// A new pledge counts at once: where no email can leave (no SMTP server), the link
    /// could never arrive.
    AtOnce,
}

/// An SMTP server to send through.
#[derive(Debug, Clone)]
pub struct Smtp {
    /// `BOBINE_SMTP_URL`: `smtps://user:password@host` (TLS), `smtp://user:password@host:587?tls=required`
    /// (STARTTLS), or `smtp://host:port` (no encryption, for a relay on the same machine).
    pub url: String,
    /// `BOBINE_MAIL_FROM`: the sender, such as `Bobine <bonjour@example.ch>`.
    pub from: String,
}

/// How long copies are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheAges {
    /// Served even though pledges came in since: bounds the rebuilds under load.
    pub min: Duration,
    /// Served at most this long when nothing changed here: the page shows the time left,
    /// and other instances may have taken pledges.
    pub max: Duration,
}

impl Default for CacheAges {
    fn default() -> Self {
        CacheAges { min: Duration::from_millis(200), max: Duration::from_secs(1) }
    }
}

impl CacheAges {
    /// No caching: every request renders (tests that move the clock use this).
    pub const NONE: CacheAges = CacheAges { min: Duration::ZERO, max: Duration::ZERO };
}

/// The folder of the crate, where `templates/`, `public/`, `locales/` and `campaign.toml`
/// live; used when the working directory does not have them.
pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The campaign file: `BOBINE_CAMPAIGN`, else `campaign.toml` in the working directory,
/// else the one beside the crate's sources. The server and `bobine check-config` both read
/// the file named here, so they can never disagree about which file is meant.
pub fn campaign_path() -> PathBuf {
    resolve("BOBINE_CAMPAIGN", "campaign.toml")
}

/// A path as configured, or else `name` in the working directory if it exists there, or
/// else beside the crate's sources.
fn resolve(variable: &str, name: &str) -> PathBuf {
    if let Ok(value) = std::env::var(variable) {
        return PathBuf::from(value);
    }
    let here = PathBuf::from(name);
    if here.exists() { here } else { crate_dir().join(name) }
}

impl Settings {
    /// Reads `BOBINE_CAMPAIGN`, `BOBINE_DATA_DIR`, `DATABASE_URL`, `BOBINE_TEMPLATES`,
    /// `BOBINE_PUBLIC`, the mail settings, the rate limits and the trusted proxies, with
    /// defaults that need no configuration at all.
    pub fn from_env() -> Result<Settings, ConfigError> {
        let campaign = Campaign::load(&campaign_path())?;
        let data_dir = std::env::var("BOBINE_DATA_DIR").map_or_else(|_| PathBuf::from("data"), PathBuf::from);
        let database_url = std::env::var("DATABASE_URL")
            .ok()
            .filter(|url| !url.trim().is_empty())
            .unwrap_or_else(|| sqlite_url(&data_dir.join("bobine.db")));
        Ok(Settings {
            campaign,
            database_url,
            data_dir,
            templates_dir: resolve("BOBINE_TEMPLATES", "templates"),
            public_dir: resolve("BOBINE_PUBLIC", "public"),
            clock: Clock::System,
            database_schema: None,
            page_cache: CacheAges::default(),
            mail: MailSettings::from_env()?,
            rate_limits: RateLimits::from_env()?,
            trusted_proxies: limits::trusted_proxies_from_env()?,
            stripe: StripeSettings::from_env()?,
        })
    }
}

impl MailSettings {
    fn from_env() -> Result<MailSettings, ConfigError> {
        let var = |name: &str| std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let smtp = match (var("BOBINE_SMTP_URL"), var("BOBINE_MAIL_FROM")) {
            (Some(url), Some(from)) => Some(Smtp { url, from }),
            (None, _) => None,
            (Some(_), None) => {
                return Err(ConfigError::setting(
                    "BOBINE_MAIL_FROM",
                    "is needed with BOBINE_SMTP_URL: the sender of the emails, such as Bobine <bonjour@example.ch>",
                ));
            }
        };
        let pledge_confirmation = match var("BOBINE_PLEDGE_CONFIRMATION").as_deref() {
            None => None,
            Some("email") => Some(Confirmation::ByEmail),
            Some("at-once") => Some(Confirmation::AtOnce),
            Some(_) => {
                return Err(ConfigError::setting(
                    "BOBINE_PLEDGE_CONFIRMATION",
                    "is `email` (pledges count once confirmed by email) or `at-once`",
                ));
            }
        };
        let mail =
            MailSettings { public_url: var("BOBINE_PUBLIC_URL"), smtp, pledge_confirmation, ..MailSettings::default() };
        mail.check()?;
        Ok(mail)
    }
}

impl Settings {
    /// Creates the data folder when the database is a SQLite file in it.
    pub fn ensure_data_dir(&self) -> std::io::Result<()> {
        if self.database_url.starts_with("sqlite:") {
            std::fs::create_dir_all(&self.data_dir)?;
        }
        Ok(())
    }
}

/// The URL of a SQLite file, created if missing.
pub fn sqlite_url(file: &Path) -> String {
    format!("sqlite://{}?mode=rwc", file.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(public_url: Option<&str>, smtp: bool) -> MailSettings {
        MailSettings {
            public_url: public_url.map(str::to_owned),
            smtp: smtp.then(|| Smtp { url: "smtp://127.0.0.1:25".into(), from: "bonjour@example.ch".into() }),
            ..MailSettings::default()
        }
    }

    #[test]
    fn emails_sent_over_smtp_need_the_public_address() {
        let refused = mail(None, true).check().unwrap_err();
        assert_eq!(refused.field, "BOBINE_PUBLIC_URL");
        assert!(refused.message.starts_with("set the address people reach the site at"), "{refused}");
        assert!(mail(None, false).check().is_ok(), "without SMTP the listening address will do");
        assert!(mail(Some("https://campagne.example.ch/"), true).check().is_ok());
    }

    #[test]
    fn the_public_address_is_an_absolute_web_address_with_nothing_after_its_path() {
        for good in ["https://campagne.example.ch", "http://127.0.0.1:8000", "https://example.ch/campagne/"] {
            assert!(mail(Some(good), true).check().is_ok(), "{good}");
        }
        for bad in [
            "campagne.example.ch",
            "/campagne",
            "ftp://campagne.example.ch",
            "mailto:bonjour@example.ch",
            "https://",
            "https://anne:secret@campagne.example.ch",
            "https://campagne.example.ch/?ref=mail",
            "https://campagne.example.ch/#top",
        ] {
            let refused = mail(Some(bad), false).check().unwrap_err();
            assert_eq!(refused.field, "BOBINE_PUBLIC_URL", "{bad}");
            assert!(refused.message.contains(bad), "{refused}");
        }
    }
}
