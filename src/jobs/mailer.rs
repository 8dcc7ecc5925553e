//! Sends the outbox's emails over SMTP, retrying with a growing wait when the server fails.
//! Runs only when SMTP is configured; every instance may run one, since each email is
//! claimed before it is sent.
//!
//! Each message leaves with its links made absolute under the site's public address as
//! configured now, a `Date` and a `Message-ID` of the sender's domain: spam filters weigh
//! a message without one against it, and some servers refuse it.

use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::email;
use lettre::message::Mailbox;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Smtp;
use crate::db::Db;
use crate::domain::Clock;
use crate::error::AppError;
use crate::services::letters::PublicUrl;
use crate::services::outbox;

/// How many emails one pass sends at most.
const BATCH: u64 = 20;

/// An SMTP connection, the sender's address, and the site's address for the links.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: PublicUrl,
}

/// `List-Unsubscribe` (RFC 2369): where a mail program's own button unsubscribes.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post` (RFC 8058): that button may unsubscribe with one POST, no page.
#[derive(Clone)]
struct OneClick;

impl Header for OneClick {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(OneClick)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// Why an email was not sent, and whether trying again could help.
struct Failure {
    message: String,
    permanent: bool,
}

impl Mailer {
    /// Checks the settings at start-up, so a typo is reported at once rather than at the
    /// first email. Links in the emails are made absolute under `public_url`.
    pub fn new(smtp: &Smtp, public_url: PublicUrl) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url)
            .map_err(|e| format!("BOBINE_SMTP_URL is not a usable SMTP address: {e}"))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = smtp.from.parse().map_err(|e| format!("BOBINE_MAIL_FROM is not an email address: {e}"))?;
        Ok(Mailer { transport, from, public_url })
    }

    /// A new `Message-ID` under the sender's domain: 128 random bits, so that no two
    /// messages (nor two attempts at one) share it.
    fn message_id(&self) -> String {
        let random: u128 = rand::random();
        format!("<{random:032x}@{}>", self.from.email.domain())
    }

    async fn send(&self, mail: &email::Model, now: DateTime<Utc>) -> Result<(), Failure> {
        let permanent = |message: String| Failure { message, permanent: true };
        let to: Mailbox = mail.to_address.parse().map_err(|e| permanent(format!("bad recipient: {e}")))?;
        let mut builder = Message::builder();
        if let Some(key) = &mail.unsubscribe {
            let link = format!("<{}/unsubscribe/{key}>", self.public_url.as_str());
            builder = builder.header(ListUnsubscribe(link)).header(OneClick);
        }
        let message = builder
            .from(self.from.clone())
            .to(to)
            .subject(self.public_url.resolve(&mail.subject))
            .date(now.into())
            .message_id(Some(self.message_id()))
            .header(ContentType::TEXT_PLAIN)
            .body(self.public_url.resolve(&mail.body))
            .map_err(|e| permanent(format!("cannot build the message: {e}")))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| Failure { message: e.to_string(), permanent: e.is_permanent() })
    }
}

/// One pass: sends the emails due at `now`; returns how many were attempted.
pub async fn run_once(db: &Db, mailer: &Mailer, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut due = outbox::claim_due(db, now, BATCH).await?;
    outbox::with_news_texts(&db.read, &mut due).await?;
    for mail in &due {
        match mailer.send(mail, now).await {
            Ok(()) => outbox::mark_sent(db, mail, now).await?,
            Err(failure) => {
                tracing::warn!(id = mail.id, attempts = mail.attempts, error = %failure.message, "email not sent");
                outbox::mark_failed(db, mail, &failure.message, failure.permanent, now).await?;
            }
        }
    }
    Ok(due.len())
}

/// Sends due emails until the server stops, looking every `poll`.
pub async fn run(db: Db, mailer: Mailer, clock: Clock, poll: Duration) {
    loop {
        match run_once(&db, &mailer, clock.now()).await {
            Ok(n) if n as u64 == BATCH => continue,
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "the mailer could not read the outbox"),
        }
        tokio::time::sleep(poll).await;
    }
}
