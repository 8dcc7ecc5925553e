//! The emails the site writes, in the language of the person they go to. They link back to
//! the site through its public address, so they work from any mail program.
//!
//! Links are stored with [`SITE`] standing for that address, which is put in when the email
//! is sent or read (see [`PublicUrl::resolve`]): an email still waiting goes out with the
//! address configured when it leaves, not the one of the day it was written.

use std::sync::Arc;

use crate::domain::states::{EmailKind, PledgeState};
use entity::{designer, offer, pledge, question, reward_session};

use super::bills::pledge_number;
use super::outbox::{ListMail, Mail};
use super::stored::instant;
use crate::config::{Campaign, Payments};
use crate::domain::money::display_cents;
use crate::domain::qrbill::Reference;
use crate::domain::{Lang, markdown};
use crate::i18n;

/// Stands for the site's public address in emails as they are stored: [`Letters::link`]
/// writes it, [`PublicUrl::resolve`] replaces it.
///
/// It is enclosed in U+001A, a control character. No text people type can hold one (the
/// validators of names and texts refuse control characters), and [`plain`] takes it out of
/// every value a letter is given besides its own links, so no text can pass for a link.
pub const SITE: &str = "\u{1A}site\u{1A}";

/// The character that encloses [`SITE`].
const MARK: char = '\u{1A}';

/// Stands, in an update's email as stored, for the update's text in one language: the text
/// is put in when the email is sent or read (see [`expand_news`]), so that 100,000 emails of
/// one update do not each store it, and a correction made before an email leaves goes with it.
fn news_marker(id: i64, lang: Lang) -> String {
    format!("{MARK}news:{id}:{}{MARK}", lang.code())
}

/// An update's text as a plain-text email shows it, with its links to the site as emails
/// store them (see [`SITE`]).
pub fn news_email_text(body: &str) -> String {
    markdown::to_email_text(&plain(body), |path| format!("{SITE}{}", plain(path)))
}

/// `stored` with each update marker put back as the update's text, from `texts`: (update id,
/// language, text as [`news_email_text`] wrote it). A language whose text is gone reads French.
pub fn expand_news(stored: &str, texts: &[(i64, Lang, String)]) -> String {
    let mut expanded = stored.to_owned();
    while let Some(start) = expanded.find(&format!("{MARK}news:")) {
        let rest = &expanded[start + MARK.len_utf8()..];
        let Some(end) = rest.find(MARK) else { break };
        let marker = &rest[..end];
        let mut parts = marker.trim_start_matches("news:").splitn(2, ':');
        let id = parts.next().and_then(|id| id.parse::<i64>().ok()).unwrap_or_default();
        let lang = parts.next().and_then(Lang::from_tag).unwrap_or_default();
        let text = texts
            .iter()
            .find(|(i, l, _)| *i == id && *l == lang)
            .or_else(|| texts.iter().find(|(i, l, _)| *i == id && *l == Lang::Fr))
            .map_or("", |(.., text)| text.as_str());
        let whole = start..start + MARK.len_utf8() + end + MARK.len_utf8();
        expanded.replace_range(whole, text);
    }
    expanded
}

/// A value written into a letter as text, never as a link: without [`MARK`], so that no part
/// of it can become [`SITE`].
/// An email to the backer of `pledge` in `lang`: the subject and body of the messages `key`
/// with `-subject` and `-body`, written with `args`.
fn to_backer(kind: EmailKind, key: &str, pledge: &pledge::Model, lang: Lang, args: &[(&'static str, String)]) -> Mail {
    Mail {
        kind,
        to: pledge.email.clone(),
        subject: i18n::t_args(lang, &format!("{key}-subject"), args),
        body: i18n::t_args(lang, &format!("{key}-body"), args),
        pledge_id: Some(pledge.id),
        list: None,
    }
}

fn plain(value: &str) -> String {
    value.replace(MARK, "")
}

/// The address people reach the site at, such as `https://soutenir.example.ch`, without a
/// trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(Arc<str>);

impl PublicUrl {
    pub fn new(url: &str) -> PublicUrl {
        PublicUrl(url.trim_end_matches('/').into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A stored email's subject or body with its links to the site made absolute. Emails
    /// stored before links were resolved this way hold absolute links and no [`SITE`]: they
    /// come back as they are.
    pub fn resolve(&self, stored: &str) -> String {
        stored.replace(SITE, &self.0)
    }
}

/// Writes emails about one campaign, with links to the site (see [`SITE`]).
#[derive(Debug, Clone)]
pub struct Letters {
    campaign: Arc<Campaign>,
    public_url: PublicUrl,
}

/// What happened to a pledge, for the email that tells its backer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PledgeNews {
    /// Placed, to confirm through the link in this email.
    ToConfirm,
    /// Placed and counted (confirmed, or needing no confirmation).
    Placed,
    Changed,
    Cancelled,
}

impl PledgeNews {
    /// What a new pledge's email tells: how to confirm it, or that it counts.
    pub fn news_of_new(pledge: &pledge::Model) -> PledgeNews {
        if pledge.confirm_secret.is_some() && pledge.confirmed_at_ms.is_none() {
            PledgeNews::ToConfirm
        } else {
            PledgeNews::Placed
        }
    }
}

/// Where a pledge's money stands, for the email that tells its backer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentNews {
    /// The bill: what to pay, to whom, by when.
    Bill,
    Reminder,
    Dropped,
    /// Nothing is owed: the campaign did not reach its goal.
    Void,
    /// The receipt.
    Paid,
    /// Charging the saved card or TWINT failed (or none was saved at the close): a link to pay.
    Errored,
    /// A reminder of an errored charge.
    ErroredReminder,
    /// The saved card or TWINT was removed: a link to save another, or to pay by bank.
    MethodLost,
    /// Money paid by card or TWINT went back.
    Refunded,
}

/// An update, ready to be written to each backer it goes to (see [`Letters::news_letter`]).
#[derive(Debug, Clone)]
pub struct NewsLetter {
    id: i64,
    slug: String,
    /// Read at `/news/<slug>`; otherwise through the backer's private link.
    public: bool,
    /// Title per language written, French first; the text goes in when each email leaves.
    titles: Vec<(Lang, String)>,
}

/// What a backer's session is about to do or did, for the email that tells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionNews {
    /// The team moved its date or place.
    Moved,
    /// The team cancelled it.
    Cancelled,
    /// It is the day before.
    Reminder,
}

/// What happened to a designer's profile, for the email that tells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DesignerNews {
    Registered,
    Approved,
    Rejected,
    Unpublished,
}

impl Letters {
    /// Letters about `campaign`, whose links are resolved against `public_url` when they are
    /// sent or read.
    pub fn new(campaign: Arc<Campaign>, public_url: &str) -> Letters {
        Letters { campaign, public_url: PublicUrl::new(public_url) }
    }

    /// The address links are resolved against.
    pub fn public_url(&self) -> &PublicUrl {
        &self.public_url
    }

    /// A link to a path of the site, such as `/pledges/<token>`, as an email stores it: the
    /// site's address is put in front when the email is sent or read.
    pub fn link(&self, path: &str) -> String {
        format!("{SITE}{}", plain(path))
    }

    /// An amount in the campaign's currency as `lang` writes it: "CHF 1’200.00".
    fn money(&self, cents: i64, lang: Lang) -> String {
        plain(&format!("{} {}", self.campaign.currency, display_cents(cents, lang.thousands())))
    }

    /// The title of a pledge's reward in `lang` (its id, should it have left the campaign
    /// file), or "no reward".
    fn reward_title(&self, pledge: &pledge::Model, lang: Lang) -> String {
        match pledge.reward_id.as_deref() {
            Some(id) => self.campaign.reward(id).map_or_else(|| plain(id), |r| plain(r.title.get(lang))),
            None => i18n::t(lang, "no-reward"),
        }
    }

    /// The lines that give a pledge's session (its date in the campaign's time zone, its place
    /// and a link to its calendar invitation), each after a line break; nothing without one.
    fn session(&self, pledge: &pledge::Model, lang: Lang) -> String {
        let campaign = &self.campaign;
        let reward = pledge.reward_id.as_deref().and_then(|id| campaign.reward(id));
        let session = reward.and_then(|r| r.sessions.iter().find(|s| Some(&s.id) == pledge.session_id.as_ref()));
        let Some(session) = session else { return String::new() };
        let place = plain(&i18n::place(session.place.as_str(), lang));
        let args = [
            ("when", i18n::span(session.starts, session.ends, campaign.time_zone, lang)),
            ("place", place),
            ("calendar", self.link(&format!("/pledges/{}/invitation.ics", pledge.token))),
        ];
        format!("\n{}", i18n::t_args(lang, "mail-session", &args))
    }

    /// The line that names a pledge's postage, under its amount (`key` says whether the amount
    /// above includes it); empty when it has none.
    fn postage(&self, pledge: &pledge::Model, lang: Lang, key: &str) -> String {
        let Some(zone) = pledge.shipping_zone.filter(|_| pledge.shipping_cents > 0) else { return String::new() };
        let args =
            [("zone", i18n::t(lang, &format!("zone-{zone}"))), ("cost", self.money(pledge.shipping_cents, lang))];
        format!("\n{}", i18n::t_args(lang, key, &args))
    }

    /// The email that tells a backer their pledge was placed, changed or cancelled, with the
    /// private link where they see it.
    pub fn pledge(&self, news: PledgeNews, pledge: &pledge::Model) -> Mail {
        let lang = Lang::from_tag(&pledge.lang).unwrap_or_default();
        let campaign = &self.campaign;
        let reward = self.reward_title(pledge, lang);
        let deadline = i18n::moment(campaign.deadline.with_timezone(&campaign.time_zone), lang);
        let args = [
            ("name", plain(&pledge.name)),
            ("campaign", plain(campaign.title.get(lang))),
            ("amount", self.money(pledge.amount_cents, lang)),
            ("reward", reward),
            ("reference", plain(&pledge.reference)),
            ("link", self.link(&format!("/pledges/{}", pledge.token))),
            ("deadline", deadline),
            (
                "confirm_link",
                self.link(&format!("/pledges/confirm/{}", pledge.confirm_secret.as_deref().unwrap_or(""))),
            ),
            ("hold_minutes", super::pledges::HOLD.num_minutes().to_string()),
            ("session", if news == PledgeNews::Cancelled { String::new() } else { self.session(pledge, lang) }),
            ("postage", self.postage(pledge, lang, "mail-postage")),
        ];
        let (kind, key) = match news {
            PledgeNews::ToConfirm => (EmailKind::PledgeConfirm, "mail-pledge-confirm"),
            PledgeNews::Placed => (EmailKind::PledgePlaced, "mail-pledge-placed"),
            PledgeNews::Changed => (EmailKind::PledgeChanged, "mail-pledge-changed"),
            PledgeNews::Cancelled => (EmailKind::PledgeCancelled, "mail-pledge-cancelled"),
        };
        to_backer(kind, key, pledge, lang, &args)
    }

    /// The email that tells the holder of a seat at `session` that the team moved or cancelled
    /// it, or reminds them of it the day before: its date and place as they stand, the calendar
    /// invitation, and the private page where they choose another date.
    pub fn session_news(&self, news: SessionNews, pledge: &pledge::Model, session: &reward_session::Model) -> Mail {
        let lang = Lang::from_tag(&pledge.lang).unwrap_or_default();
        let campaign = &self.campaign;
        let place = plain(&i18n::place(&session.place, lang));
        let args = [
            ("name", plain(&pledge.name)),
            ("campaign", plain(campaign.title.get(lang))),
            ("reward", self.reward_title(pledge, lang)),
            ("reference", plain(&pledge.reference)),
            ("when", i18n::span(instant(session.starts_ms), instant(session.ends_ms), campaign.time_zone, lang)),
            ("place", place),
            ("calendar", self.link(&format!("/pledges/{}/invitation.ics", pledge.token))),
            ("link", self.link(&format!("/pledges/{}", pledge.token))),
        ];
        let (kind, key) = match news {
            SessionNews::Moved => (EmailKind::SessionMoved, "mail-session-moved"),
            SessionNews::Cancelled => (EmailKind::SessionCancelled, "mail-session-cancelled"),
            SessionNews::Reminder => (EmailKind::SessionReminder, "mail-session-reminder"),
        };
        to_backer(kind, key, pledge, lang, &args)
    }

    /// The email that tells a backer their reward moved on its way: ready to pick up (where
    /// and when, as the team wrote it), shipped (with the link to follow it), delivered, or a
    /// problem (the team's words).
    pub fn fulfilment(&self, pledge: &pledge::Model, change: &super::fulfilment::Change) -> Mail {
        use crate::domain::states::FulfilmentState;
        let lang = Lang::from_tag(&pledge.lang).unwrap_or_default();
        let tracking = change.tracking.as_deref().map(|t| {
            let url = super::fulfilment::tracking_url(t);
            i18n::t_args(lang, "mail-fulfilment-tracking", &[("tracking", plain(t)), ("url", plain(&url))])
        });
        let args = [
            ("name", plain(&pledge.name)),
            ("campaign", plain(self.campaign.title.get(lang))),
            ("reward", self.reward_title(pledge, lang)),
            ("reference", plain(&pledge.reference)),
            ("note", change.note.as_deref().map(|n| format!("\n{}\n", plain(n))).unwrap_or_default()),
            ("tracking", tracking.map(|t| format!("\n{t}\n")).unwrap_or_default()),
            ("link", self.link(&format!("/pledges/{}", pledge.token))),
        ];
        let key = match change.state {
            FulfilmentState::Ready => "mail-fulfilment-ready",
            FulfilmentState::Shipped => "mail-fulfilment-shipped",
            FulfilmentState::Problem => "mail-fulfilment-problem",
            _ => "mail-fulfilment-delivered",
        };
        to_backer(EmailKind::FulfilmentChanged, key, pledge, lang, &args)
    }

    /// The email that asks a backer, after a success, for what their reward still `needs`: the
    /// address of a reward sent by post, the answers to its survey; `reminder` for the asks
    /// after the first.
    pub fn details_request(
        &self,
        pledge: &pledge::Model,
        needs: super::detail_requests::Needs,
        reminder: bool,
    ) -> Mail {
        let lang = Lang::from_tag(&pledge.lang).unwrap_or_default();
        let items: Vec<String> = [(needs.address, "mail-details-address"), (needs.answers, "mail-details-answers")]
            .into_iter()
            .filter(|(needed, _)| *needed)
            .map(|(_, key)| format!("- {}", i18n::t(lang, key)))
            .collect();
        let anchor = if needs.address { "address" } else { "survey" };
        let args = [
            ("name", plain(&pledge.name)),
            ("campaign", plain(self.campaign.title.get(lang))),
            ("reward", self.reward_title(pledge, lang)),
            ("reference", plain(&pledge.reference)),
            ("needed", items.join("\n")),
            ("link", self.link(&format!("/pledges/{}#{anchor}", pledge.token))),
        ];
        let key = if reminder { "mail-details-reminder" } else { "mail-details-request" };
        to_backer(EmailKind::DetailsRequest, key, pledge, lang, &args)
    }

    /// The email about a pledge's money: its bill, a reminder, its drop, that nothing is
    /// owed, or its receipt. Each names what to pay or what was received, and links to the
    /// backer's page and bill.
    pub fn payment(&self, news: PaymentNews, pledge: &pledge::Model, payments: &Payments) -> Mail {
        let lang = Lang::from_tag(&pledge.lang).unwrap_or_default();
        let campaign = &self.campaign;
        let money = |cents: i64| self.money(cents, lang);
        let date = |ms: Option<i64>| {
            ms.map(|ms| i18n::day(instant(ms).with_timezone(&campaign.time_zone).date_naive(), lang))
                .unwrap_or_default()
        };
        let reference = Reference::for_account(&payments.account, pledge_number(pledge.id));
        let refund_note = if pledge.refund_due_cents > 0 {
            let key = if news == PaymentNews::Void { "mail-payment-void-refund" } else { "mail-payment-refund-note" };
            i18n::t_args(lang, key, &[("refund", money(pledge.refund_due_cents))])
        } else {
            String::new()
        };
        let args = [
            ("name", plain(&pledge.name)),
            ("campaign", plain(campaign.title.get(lang))),
            ("amount", money(pledge.amount_cents)),
            ("total", money(pledge.amount_cents + pledge.shipping_cents)),
            ("postage", self.postage(pledge, lang, "mail-postage-included")),
            ("outstanding", money(pledge.outstanding_cents)),
            ("paid", money(pledge.paid_cents - pledge.refunded_cents)),
            ("reference", pledge.reference.clone()),
            ("due_date", date(pledge.due_at_ms)),
            ("paid_date", date(pledge.paid_at_ms)),
            ("link", self.link(&format!("/pledges/{}", pledge.token))),
            ("bill_link", self.link(&format!("/pledges/{}/bill", pledge.token))),
            ("iban", payments.account.grouped()),
            ("creditor", plain(&payments.creditor.name)),
            ("qr_reference", reference.grouped()),
            ("refund_note", refund_note),
            ("pay_link", self.link(&format!("/pledges/{}/pay", pledge.token))),
            ("method", i18n::t(lang, &format!("method-name-{}", pledge.pay_by))),
            ("kind", pledge.pay_by.to_string()),
            ("refunded", money(pledge.refunded_cents)),
        ];
        let errored = if pledge.needs_authentication { "mail-payment-authenticate" } else { "mail-payment-errored" };
        let (kind, key) = match news {
            PaymentNews::Bill => (EmailKind::PledgeBill, "mail-payment-bill"),
            PaymentNews::Reminder => (EmailKind::PledgeReminder, "mail-payment-reminder"),
            // A card or TWINT pledge has no due date to recall, and no reference was asked of it.
            PaymentNews::Dropped if pledge.pay_by.is_stripe() => {
                (EmailKind::PledgeDropped, "mail-payment-dropped-card")
            }
            PaymentNews::Dropped => (EmailKind::PledgeDropped, "mail-payment-dropped"),
            PaymentNews::Void => (EmailKind::PledgeVoid, "mail-payment-void"),
            PaymentNews::Paid => (EmailKind::PledgePaid, "mail-payment-paid"),
            PaymentNews::Errored => (EmailKind::PaymentErrored, errored),
            PaymentNews::ErroredReminder => (EmailKind::PaymentErrored, "mail-payment-errored-reminder"),
            PaymentNews::MethodLost => (EmailKind::PaymentMethodLost, "mail-payment-method-lost"),
            PaymentNews::Refunded => (EmailKind::PledgeRefunded, "mail-payment-refunded"),
        };
        to_backer(kind, key, pledge, lang, &args)
    }

    /// The email that sends `to` the private link of each of `pledges` (theirs, newest
    /// first), in the language they asked in.
    pub fn pledge_links(&self, to: &str, lang: Lang, pledges: &[pledge::Model]) -> Mail {
        let campaign = &self.campaign;
        let lines: Vec<String> = pledges
            .iter()
            .map(|pledge| {
                let state = match pledge.state {
                    PledgeState::Unconfirmed => i18n::t(lang, "mail-pledge-links-unconfirmed"),
                    PledgeState::Cancelled => i18n::t(lang, "mail-pledge-links-cancelled"),
                    PledgeState::Active => String::new(),
                };
                let args = [
                    ("reference", plain(&pledge.reference)),
                    ("amount", self.money(pledge.amount_cents, lang)),
                    ("reward", self.reward_title(pledge, lang)),
                    ("state", state),
                    ("link", self.link(&format!("/pledges/{}", pledge.token))),
                ];
                i18n::t_args(lang, "mail-pledge-links-line", &args)
            })
            .collect();
        let args = [
            ("name", plain(pledges.first().map_or("", |p| p.name.as_str()))),
            ("campaign", plain(campaign.title.get(lang))),
            ("pledges", lines.join("\n\n")),
        ];
        Mail {
            kind: EmailKind::PledgeLinks,
            to: to.to_owned(),
            subject: i18n::t_args(lang, "mail-pledge-links-subject", &args),
            body: i18n::t_args(lang, "mail-pledge-links-body", &args),
            pledge_id: None,
            list: None,
        }
    }

    /// An update made ready to be written to each of its backers: its title in each language
    /// it was written in (French first).
    pub fn news_letter(&self, id: i64, slug: &str, public: bool, titles: &[(Lang, String)]) -> NewsLetter {
        let titles = titles.iter().map(|(lang, title)| (*lang, plain(title))).collect();
        NewsLetter { id, slug: plain(slug), public, titles }
    }

    /// An update to the backer of `pledge`, in their language (French when it was not written
    /// in theirs), with the link to read it online and the one to leave the news, whose key
    /// is `unsubscribe`.
    pub fn news(&self, letter: &NewsLetter, pledge: &pledge::Model, unsubscribe: String) -> Mail {
        let wanted = Lang::from_tag(&pledge.lang).unwrap_or_default();
        let (written, title) = letter
            .titles
            .iter()
            .find(|(lang, _)| *lang == wanted)
            .or_else(|| letter.titles.first())
            .map_or((Lang::Fr, ""), |(lang, title)| (*lang, title.as_str()));
        // Read in the backer's language: the interface around it is theirs even when the
        // update is in French.
        let link = if letter.public {
            self.link(&format!("/news/{}?lang={}", letter.slug, wanted.code()))
        } else {
            self.link(&format!("/pledges/{}/news/{}", pledge.token, letter.slug))
        };
        let args = [
            ("name", plain(&pledge.name)),
            ("campaign", plain(self.campaign.title.get(wanted))),
            ("title", title.to_owned()),
            ("text", news_marker(letter.id, written)),
            ("link", link),
            ("unsubscribe", self.link(&format!("/unsubscribe/{}", plain(&unsubscribe)))),
        ];
        Mail {
            kind: EmailKind::News,
            to: pledge.email.clone(),
            subject: i18n::t_args(wanted, "mail-news-subject", &args),
            body: i18n::t_args(wanted, "mail-news-body", &args),
            pledge_id: None,
            list: Some(ListMail { news_id: letter.id, unsubscribe }),
        }
    }

    /// The team's answer to a question, in the language it was asked in, quoting it.
    pub fn question_answered(&self, question: &question::Model) -> Mail {
        let lang = Lang::from_tag(&question.lang).unwrap_or_default();
        let quoted: Vec<String> = question.message.lines().map(|line| format!("> {line}")).collect();
        let args = [
            ("name", plain(&question.name)),
            ("campaign", plain(self.campaign.title.get(lang))),
            ("question", plain(&quoted.join("\n"))),
            ("answer", plain(question.answer.as_deref().unwrap_or_default())),
            ("link", self.link("/questions")),
        ];
        Mail {
            kind: EmailKind::QuestionAnswered,
            to: question.email.clone(),
            subject: i18n::t_args(lang, "mail-question-answered-subject", &args),
            body: i18n::t_args(lang, "mail-question-answered-body", &args),
            pledge_id: None,
            list: None,
        }
    }

    /// The email that thanks a helper for an offer and tells them what comes next. The address
    /// is not proven, so nothing the sender wrote goes in it but their name: it cannot carry
    /// someone's text (or links) to a stranger's inbox.
    pub fn offer_received(&self, offer: &offer::Model) -> Mail {
        let lang = Lang::from_tag(&offer.lang).unwrap_or_default();
        let args = [
            ("name", plain(&offer.name)),
            ("campaign", plain(self.campaign.title.get(lang))),
            ("kind", i18n::t(lang, &format!("offer-kind-{}", offer.kind))),
        ];
        Mail {
            kind: EmailKind::OfferReceived,
            to: offer.email.clone(),
            subject: i18n::t_args(lang, "mail-offer-received-subject", &args),
            body: i18n::t_args(lang, "mail-offer-received-body", &args),
            pledge_id: None,
            list: None,
        }
    }

    /// The email that tells a designer where their profile stands, with their private link
    /// to edit it.
    pub fn designer(&self, news: DesignerNews, designer: &designer::Model) -> Mail {
        let lang = Lang::from_tag(&designer.lang).unwrap_or_default();
        let args = [
            ("name", plain(&designer.name)),
            ("brand", plain(&designer.brand)),
            ("campaign", plain(self.campaign.title.get(lang))),
            ("edit_link", self.link(&format!("/designers/edit/{}", designer.edit_token))),
            ("public_link", self.link(&format!("/designers/{}", designer.slug))),
            ("reason", plain(designer.reject_reason.as_deref().unwrap_or_default())),
        ];
        let (kind, key) = match news {
            DesignerNews::Registered => (EmailKind::DesignerLink, "mail-designer-registered"),
            DesignerNews::Approved => (EmailKind::DesignerApproved, "mail-designer-approved"),
            DesignerNews::Rejected => (EmailKind::DesignerRejected, "mail-designer-rejected"),
            DesignerNews::Unpublished => (EmailKind::DesignerUnpublished, "mail-designer-unpublished"),
        };
        Mail {
            kind,
            to: designer.email.clone(),
            subject: i18n::t_args(lang, &format!("{key}-subject"), &args),
            body: i18n::t_args(lang, &format!("{key}-body"), &args),
            pledge_id: None,
            list: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::crate_dir;

    fn letters(public_url: &str) -> Letters {
        let campaign = Campaign::load(&crate_dir().join("tests/fixtures/campaign.toml")).unwrap();
        Letters::new(Arc::new(campaign), public_url)
    }

    fn pledge(name: &str) -> pledge::Model {
        pledge::Model {
            id: 7,
            campaign_id: 1,
            token: "tok".into(),
            reference: "B-7".into(),
            reward_id: None,
            amount_cents: 2500,
            early_bird: false,
            name: name.into(),
            email: "anne@example.ch".into(),
            public_name: None,
            state: PledgeState::Active,
            lang: "en".into(),
            idempotency_key: None,
            source_tag: None,
            source_site: None,
            created_at_ms: 0,
            updated_at_ms: 0,
            confirm_secret: None,
            confirmed_at_ms: Some(0),
            hold_until_ms: None,
            client_address: None,
            payment_state: crate::domain::states::PaymentState::Promised,
            paid_cents: 0,
            refunded_cents: 0,
            outstanding_cents: 0,
            refund_due_cents: 0,
            billed_at_ms: None,
            due_at_ms: None,
            paid_at_ms: None,
            dropped_at_ms: None,
            voided_at_ms: None,
            reminders_sent: 0,
            next_step_ms: None,
            pay_by: crate::domain::states::PayBy::Bank,
            method_state: crate::domain::states::MethodState::NotNeeded,
            stripe_customer: None,
            stripe_method: None,
            stripe_mandate: None,
            checkout_session: None,
            checkout_return: None,
            checkout_started_ms: None,
            errored_at_ms: None,
            charge_error: None,
            needs_authentication: false,
            charge_attempts: 0,
            next_charge_ms: None,
            news: true,
            session_id: None,
            shipping_zone: None,
            shipping_cents: 0,
        }
    }

    #[test]
    fn an_update_is_written_in_the_backers_language_or_french_with_its_way_out() {
        let letters = letters("https://soutenir.example.ch");
        let titles = vec![(Lang::Fr, "Le défilé".to_owned()), (Lang::De, "Die Modeschau".to_owned())];
        let letter = letters.news_letter(3, "le-defile", false, &titles);
        let mail = letters.news(&letter, &pledge("Anne"), "key123".into());
        assert!(mail.body.len() < 1_000, "the update's text is not stored with each email: {}", mail.body);
        let texts = vec![
            (3, Lang::Fr, news_email_text("Voir [le plan](/media/plan.pdf) \u{1A}site\u{1A}/x")),
            (3, Lang::De, news_email_text("Am Samstag.")),
        ];
        let url = letters.public_url();
        let (subject, body) = (url.resolve(&mail.subject), url.resolve(&expand_news(&mail.body, &texts)));
        assert!(subject.ends_with(": Le défilé"), "English falls back to the French text: {subject}");
        assert!(body.starts_with("Hello Anne,"), "{body}");
        assert!(body.contains("le plan <https://soutenir.example.ch/media/plan.pdf>"), "{body}");
        assert!(!body.contains("https://soutenir.example.ch/x"), "no text of the team becomes a link: {body}");
        assert!(body.contains("https://soutenir.example.ch/pledges/tok/news/le-defile"), "{body}");
        assert!(body.contains("https://soutenir.example.ch/unsubscribe/key123"), "{body}");
        assert_eq!(mail.list, Some(ListMail { news_id: 3, unsubscribe: "key123".into() }));
        assert_eq!(mail.pledge_id, None);
    }

    #[test]
    fn links_are_stored_without_the_address_and_resolved_against_the_one_given_then() {
        let mail = letters("http://127.0.0.1:8000/").pledge(PledgeNews::Placed, &pledge("Anne"));
        assert!(mail.body.contains(&format!("{SITE}/pledges/tok")), "{}", mail.body);
        assert!(!mail.body.contains("127.0.0.1"), "{}", mail.body);
        let later = PublicUrl::new("https://campagne.example.ch/");
        assert!(later.resolve(&mail.body).contains("\nhttps://campagne.example.ch/pledges/tok\n"));
        assert!(!later.resolve(&mail.body).contains(MARK));
    }

    #[test]
    fn a_dropped_card_pledge_is_told_without_a_due_date_or_a_reference_in_each_language() {
        let path = crate_dir().join("tests/fixtures/campaign.toml");
        let source = std::fs::read_to_string(&path).unwrap()
            + "\n[payments]\nmethods = [\"card\", \"bank\"]\n[payments.creditor]\n\
               iban = \"CH44 3199 9123 0008 8901 2\"\nname = \"Mode durable\"\ntown = \"Genève\"\n\
               postcode = \"1204\"\ncountry = \"CH\"\n";
        let payments = Campaign::parse(&path, &source).unwrap().payments.unwrap();
        for (lang, card, due) in [("en", "The card payment", "due on"), ("fr", "Le paiement par carte", "due le")] {
            let mut dropped = pledge("Anne");
            dropped.lang = lang.into();
            dropped.due_at_ms = Some(1_800_000_000_000);
            let bank = letters(SITE).payment(PaymentNews::Dropped, &dropped, &payments);
            assert!(bank.body.contains(due), "{}", bank.body);
            dropped.pay_by = crate::domain::states::PayBy::Card;
            let mail = letters(SITE).payment(PaymentNews::Dropped, &dropped, &payments);
            assert_eq!(mail.kind, EmailKind::PledgeDropped);
            assert!(mail.body.contains(card), "{}", mail.body);
            assert!(!mail.body.contains(due), "{}", mail.body);
            let reference = Reference::for_account(&payments.account, pledge_number(dropped.id));
            assert!(!mail.body.contains(reference.grouped().as_str()), "{}", mail.body);
            assert!(mail.body.contains("/pledges/tok"), "{}", mail.body);
        }
    }

    #[test]
    fn text_stored_with_absolute_links_is_read_as_it_is() {
        let old = "Bonjour,\nhttps://soutenir.example.ch/pledges/tok\n";
        assert_eq!(PublicUrl::new("https://campagne.example.ch").resolve(old), old);
    }

    #[test]
    fn no_text_given_to_a_letter_can_pass_for_a_link() {
        for name in [format!("{SITE}/evil"), format!("\u{1A}si{SITE}te\u{1A}/evil"), "\u{1A}site\u{1A}".repeat(2)] {
            let mail = letters("https://soutenir.example.ch").pledge(PledgeNews::Placed, &pledge(&name));
            let read = PublicUrl::new("https://soutenir.example.ch").resolve(&mail.body);
            assert_eq!(read.matches("https://").count(), 1, "only the pledge's own link: {read}");
            assert!(!read.contains(MARK), "{read}");
        }
    }
}
