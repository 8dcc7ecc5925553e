//! A pledge's QR-bill: the reference that brings its payment back to it, and the bill itself.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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

/// The bill of `pledge`: what it still owes (or its amount and postage, before anything is
/// owed), its reference, and a message naming the pledge, the same in every language so that
/// the code on paper and the API's payload agree. The backer's address is not asked for, so the debtor
/// stays empty, as the standard allows.
pub fn bill_for(pledge: &PledgeRecord, campaign: &Campaign, payments: &Payments) -> Result<Bill, qrbill::QrBillError> {
    let outstanding = pledge.payment.outstanding.cents();
    let cents = if outstanding > 0 { outstanding } else { pledge.total().cents() };
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
        Lang::De => BillLang::De,
    }
}

/// Drawn slips kept in memory: at most this many, forgotten all at once when full.
const DRAWN: usize = 512;

/// Drawn slips by payload and language.
type Slips = Mutex<HashMap<(String, BillLang), Arc<str>>>;

/// The slip of `bill` in `lang` as SVG. A slip depends only on its payload and language, and
/// drawing its QR code (choosing the mask) costs milliseconds: a backer opening their bill
/// again, or the page and its image one after the other, is served what was drawn.
pub fn slip_svg(bill: &Bill, lang: BillLang) -> Arc<str> {
    static SLIPS: OnceLock<Slips> = OnceLock::new();
    let slips = SLIPS.get_or_init(Default::default);
    let key = (bill.payload(), lang);
    if let Some(svg) = slips.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return svg.clone();
    }
    let svg: Arc<str> = bill.document_svg(lang).into();
    let mut slips = slips.lock().unwrap_or_else(|e| e.into_inner());
    if slips.len() >= DRAWN {
        slips.clear();
    }
    slips.insert(key, svg.clone());
    svg
}
