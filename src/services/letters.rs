//! The emails the site writes, in the language of the person they go to. They link back to
//! the site through its public address, so they work from any mail program.

use std::sync::Arc;

use crate::domain::states::EmailKind;
use entity::{designer, offer, pledge};

use super::bills::pledge_number;
use super::outbox::Mail;
use super::stored::instant;
use crate::config::{Campaign, Payments};
use crate::domain::Lang;
use crate::domain::money::display_cents;
use crate::domain::qrbill::Reference;
use crate::i18n;

/// Writes emails about one campaign, with links under `public_url`.
#[derive(Debug, Clone)]
pub struct Letters {
    campaign: Arc<Campaign>,
    public_url: Arc<str>,
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
    pub fn new(campaign: Arc<Campaign>, public_url: &str) -> Letters {
        Letters { campaign, public_url: public_url.trim_end_matches('/').into() }
    }

    /// The absolute address of a path of the site.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }

    /// The email that tells a backer their pledge was placed, changed or cancelled, with the
    /// private link where they see it.
    pub fn pledge(&self, news: PledgeNews, pledge: &pledge::Model) -> Mail {
        let lang = Lang::from_tag(&pledge.lang).unwrap_or_default();
        let campaign = &self.campaign;
        let reward = match pledge.reward_id.as_deref() {
            Some(id) => campaign.reward(id).map_or_else(|| id.to_owned(), |r| r.title.get(lang).to_owned()),
            None => i18n::t(lang, "no-reward"),
        };
        let deadline = i18n::moment(campaign.deadline.with_timezone(&campaign.time_zone), lang);
        let args = [
            ("name", pledge.name.clone()),
            ("campaign", campaign.title.get(lang).to_owned()),
            ("amount", format!("{} {}", campaign.currency, display_cents(pledge.amount_cents, lang.thousands()))),
            ("reward", reward),
            ("reference", pledge.reference.clone()),
            ("link", self.link(&format!("/pledges/{}", pledge.token))),
            ("deadline", deadline),
            (
                "confirm_link",
                self.link(&format!("/pledges/confirm/{}", pledge.confirm_secret.as_deref().unwrap_or(""))),
            ),
            ("hold_minutes", super::pledges::HOLD.num_minutes().to_string()),
        ];
        let (kind, key) = match news {
            PledgeNews::ToConfirm => (EmailKind::PledgeConfirm, "mail-pledge-confirm"),
            PledgeNews::Placed => (EmailKind::PledgePlaced, "mail-pledge-placed"),
            PledgeNews::Changed => (EmailKind::PledgeChanged, "mail-pledge-changed"),
            PledgeNews::Cancelled => (EmailKind::PledgeCancelled, "mail-pledge-cancelled"),
        };
        Mail {
            kind,
            to: pledge.email.clone(),
            subject: i18n::t_args(lang, &format!("{key}-subject"), &args),
            body: i18n::t_args(lang, &format!("{key}-body"), &args),
            pledge_id: Some(pledge.id),
        }
    }

    /// The email about a pledge's money: its bill, a reminder, its drop, that nothing is
    /// owed, or its receipt. Each names what to pay or what was received, and links to the
    /// backer's page and bill.
    pub fn payment(&self, news: PaymentNews, pledge: &pledge::Model, payments: &Payments) -> Mail {
        let lang = Lang::from_tag(&pledge.lang).unwrap_or_default();
        let campaign = &self.campaign;
        let money = |cents: i64| format!("{} {}", campaign.currency, display_cents(cents, lang.thousands()));
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
            ("name", pledge.name.clone()),
            ("campaign", campaign.title.get(lang).to_owned()),
            ("amount", money(pledge.amount_cents)),
            ("outstanding", money(pledge.outstanding_cents)),
            ("paid", money(pledge.paid_cents - pledge.refunded_cents)),
            ("reference", pledge.reference.clone()),
            ("due_date", date(pledge.due_at_ms)),
            ("paid_date", date(pledge.paid_at_ms)),
            ("link", self.link(&format!("/pledges/{}", pledge.token))),
            ("bill_link", self.link(&format!("/pledges/{}/bill", pledge.token))),
            ("iban", payments.account.grouped()),
            ("creditor", payments.creditor.name.clone()),
            ("qr_reference", reference.grouped()),
            ("refund_note", refund_note),
        ];
        let (kind, key) = match news {
            PaymentNews::Bill => (EmailKind::PledgeBill, "mail-payment-bill"),
            PaymentNews::Reminder => (EmailKind::PledgeReminder, "mail-payment-reminder"),
            PaymentNews::Dropped => (EmailKind::PledgeDropped, "mail-payment-dropped"),
            PaymentNews::Void => (EmailKind::PledgeVoid, "mail-payment-void"),
            PaymentNews::Paid => (EmailKind::PledgePaid, "mail-payment-paid"),
        };
        Mail {
            kind,
            to: pledge.email.clone(),
            subject: i18n::t_args(lang, &format!("{key}-subject"), &args),
            body: i18n::t_args(lang, &format!("{key}-body"), &args),
            pledge_id: Some(pledge.id),
        }
    }

    /// The email that thanks a helper for an offer and tells them what comes next. The address
    /// is not proven, so nothing the sender wrote goes in it but their name: it cannot carry
    /// someone's text (or links) to a stranger's inbox.
    pub fn offer_received(&self, offer: &offer::Model) -> Mail {
        let lang = Lang::from_tag(&offer.lang).unwrap_or_default();
        let args = [
            ("name", offer.name.clone()),
            ("campaign", self.campaign.title.get(lang).to_owned()),
            ("kind", i18n::t(lang, &format!("offer-kind-{}", offer.kind))),
        ];
        Mail {
            kind: EmailKind::OfferReceived,
            to: offer.email.clone(),
            subject: i18n::t_args(lang, "mail-offer-received-subject", &args),
            body: i18n::t_args(lang, "mail-offer-received-body", &args),
            pledge_id: None,
        }
    }

    /// The email that tells a designer where their profile stands, with their private link
    /// to edit it.
    pub fn designer(&self, news: DesignerNews, designer: &designer::Model) -> Mail {
        let lang = Lang::from_tag(&designer.lang).unwrap_or_default();
        let args = [
            ("name", designer.name.clone()),
            ("brand", designer.brand.clone()),
            ("campaign", self.campaign.title.get(lang).to_owned()),
            ("edit_link", self.link(&format!("/designers/edit/{}", designer.edit_token))),
            ("public_link", self.link(&format!("/designers/{}", designer.slug))),
            ("reason", designer.reject_reason.clone().unwrap_or_default()),
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
        }
    }
}
