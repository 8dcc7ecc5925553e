//! A pledge's QR-bill: the reference that brings its payment back to it, and the bill itself.

use super::pledges::PledgeRecord;
use crate::config::{Campaign, Payments};
use crate::domain::Lang;
use crate::domain::qrbill::{self, Bill, BillLang, Reference};

/// The number a pledge's payment reference carries: its id, which never changes and is never
/// reused, so a reference found in a bank file leads back to one pledge.
pub fn pledge_number(id: i64) -> u64 {
    u64::try_from(id).unwrap_or_default()
}

/// The pledge a reference from a bank file (or typed by the team) names, if it is one of
/// ours in either form (QRR or creditor reference): an account may change from a QR-IBAN to
/// an ordinary IBAN without orphaning the bills already sent.
pub fn pledge_of_reference(text: &str) -> Option<i64> {
    let number = Reference::parse(text)?.number()?;
    i64::try_from(number).ok().filter(|id| *id > 0)
}

/// The bill of `pledge`: what it still owes (or its amount, before anything is owed), its
/// reference, and a message naming the pledge, the same in every language so that the code
/// on paper and the API's payload agree. The backer's address is not asked for, so the debtor
/// stays empty, as the standard allows.
pub fn bill_for(pledge: &PledgeRecord, campaign: &Campaign, payments: &Payments) -> Result<Bill, qrbill::QrBillError> {
    let outstanding = pledge.payment.outstanding.cents();
    let cents = if outstanding > 0 { outstanding } else { pledge.amount.cents() };
    let reference = Reference::for_account(&payments.account, pledge_number(pledge.id));
    let message: String = format!("{} {}", pledge.reference, campaign.title.fr)
        .chars()
        .filter(|c| qrbill::printable(c.encode_utf8(&mut [0; 4])).is_ok())
        .take(120)
        .collect();
    Bill::new(
        payments.account.clone(),
        payments.creditor.clone(),
        Some(cents),
        None,
        Some(reference),
        Some(message.trim().to_owned()),
    )
}

/// The bill's labels in the backer's language.
pub fn bill_lang(lang: Lang) -> BillLang {
    match lang {
        Lang::Fr => BillLang::Fr,
        Lang::En => BillLang::En,
    }
}
