//! Swiss QR-bills (Swiss Payment Standards, Implementation Guidelines 2.3): the account, addresses
//! and references checked on construction, the QR payload, and SVGs of the QR code and of the
//! 210 x 105 mm payment strip. Amounts are integer cents; drawings use integer hundredths of a
//! millimetre as user units, so nothing here is floating point.

use std::fmt::Write as _;

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};
use thiserror::Error;

/// Why a QR-bill or one of its parts was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QrBillError {
    #[error("“{0}” is not an IBAN")]
    IbanFormat(String),
    #[error("the account must be a Swiss or Liechtenstein IBAN (CH or LI), not {0}")]
    IbanCountry(String),
    #[error("a Swiss IBAN has 21 characters, this one has {0}")]
    IbanLength(usize),
    #[error("the IBAN's check digits are wrong")]
    IbanChecksum,
    #[error("a QR-IBAN needs a QR reference (QRR)")]
    QrIbanNeedsQrr,
    #[error("a QR reference (QRR) needs a QR-IBAN; an ordinary IBAN takes an RF reference or none")]
    QrrNeedsQrIban,
    #[error("“{0}” is not a valid QR reference or RF creditor reference")]
    InvalidReference(String),
    #[error("“{0}” cannot be printed on a QR-bill")]
    NotPrintable(String),
    #[error("the name is missing")]
    MissingName,
    #[error("the postcode is missing")]
    MissingPostcode,
    #[error("the town is missing")]
    MissingTown,
    #[error("the {field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("“{0}” is not a country code of two capital letters, such as CH")]
    InvalidCountry(String),
    #[error("the amount must be between 0.01 and 999,999,999.99")]
    Amount,
    #[error("the QR-bill data has {0} characters, more than the 997 allowed")]
    PayloadTooLong(usize),
    #[error("the QR-bill data does not fit in a QR code of version 25")]
    QrTooLarge,
}

/// Checks that every character of `text` is in the QR-bill character set (2.3).
pub fn printable(text: &str) -> Result<(), QrBillError> {
    match text.chars().find(|c| !in_charset(*c)) {
        None => Ok(()),
        Some(c) if c.is_control() => Err(QrBillError::NotPrintable(format!("U+{:04X}", u32::from(c)))),
        Some(c) => Err(QrBillError::NotPrintable(c.to_string())),
    }
}

fn in_charset(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{17F}' | 'Ș' | 'ș' | 'Ț' | 'ț' | '€')
}

/// Removes all whitespace and uppercases, as people type IBANs and references.
fn compacted(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase()
}

/// Splits `text` into groups of `size` characters joined by spaces.
fn in_groups(text: &str, size: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars.chunks(size).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// A Swiss or Liechtenstein IBAN, compact and uppercase, with correct check digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Iban(String);

impl Iban {
    /// Parses an IBAN as typed: spaces and lowercase are accepted.
    pub fn parse(text: &str) -> Result<Iban, QrBillError> {
        let compact = compacted(text);
        if compact.len() < 2 || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(QrBillError::IbanFormat(text.trim().to_string()));
        }
        let country = &compact[..2];
        if !country.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(QrBillError::IbanFormat(compact));
        }
        if country != "CH" && country != "LI" {
            return Err(QrBillError::IbanCountry(country.to_string()));
        }
        if compact.len() != 21 {
            return Err(QrBillError::IbanLength(compact.len()));
        }
        use iban::{ParseBaseIbanError, ParseIbanError};
        match compact.parse::<iban::Iban>() {
            Ok(_) => Ok(Iban(compact)),
            Err(ParseIbanError::InvalidBaseIban { source: ParseBaseIbanError::InvalidChecksum }) => {
                Err(QrBillError::IbanChecksum)
            }
            Err(_) => Err(QrBillError::IbanFormat(compact)),
        }
    }

    /// A QR-IBAN has an institution id (characters 5 to 9) from 30000 to 31999.
    pub fn is_qr_iban(&self) -> bool {
        self.0.get(4..9).and_then(|iid| iid.parse::<u32>().ok()).is_some_and(|iid| (30000..=31999).contains(&iid))
    }

    /// The electronic form: "CH4431999123000889012".
    pub fn compact(&self) -> &str {
        &self.0
    }

    /// The printed form, in groups of four: "CH44 3199 9123 0008 8901 2".
    pub fn grouped(&self) -> String {
        in_groups(&self.0, 4)
    }

    /// The guidelines' example accounts are valid, so only this tells that a real one is missing.
    pub fn is_example(&self) -> bool {
        self.0 == "CH4431999123000889012" || self.0 == "CH5800791123000889012"
    }
}

/// A structured (S) postal address.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Address {
    pub name: String,
    pub street: String,
    pub building: String,
    pub postcode: String,
    pub town: String,
    pub country: String,
}

impl Address {
    /// Checks lengths, required fields, the country code and the character set, as
    /// [`Bill::new`] does (on the fields without their surrounding spaces).
    pub fn validate(&self) -> Result<(), QrBillError> {
        self.trimmed().check()
    }

    fn trimmed(&self) -> Address {
        Address {
            name: self.name.trim().to_string(),
            street: self.street.trim().to_string(),
            building: self.building.trim().to_string(),
            postcode: self.postcode.trim().to_string(),
            town: self.town.trim().to_string(),
            country: self.country.trim().to_string(),
        }
    }

    fn check(&self) -> Result<(), QrBillError> {
        required(&self.name, "name", 70, QrBillError::MissingName)?;
        limited(&self.street, "street", 70)?;
        limited(&self.building, "building number", 16)?;
        required(&self.postcode, "postcode", 16, QrBillError::MissingPostcode)?;
        required(&self.town, "town", 35, QrBillError::MissingTown)?;
        let country_ok = self.country.len() == 2 && self.country.chars().all(|c| c.is_ascii_uppercase());
        if !country_ok {
            printable(&self.country)?;
            return Err(QrBillError::InvalidCountry(self.country.clone()));
        }
        Ok(())
    }

    /// Elements 5-11 (or 21-27) of the payload.
    fn elements(&self) -> [&str; 7] {
        ["S", &self.name, &self.street, &self.building, &self.postcode, &self.town, &self.country]
    }

    /// The lines printed on the bill; the country shows only for a foreign address, as in
    /// "FR-74000 Annecy".
    fn printed_lines(&self) -> Vec<String> {
        let mut lines = vec![self.name.clone()];
        let street = format!("{} {}", self.street, self.building).trim().to_string();
        if !street.is_empty() {
            lines.push(street);
        }
        match self.country.as_str() {
            "CH" => lines.push(format!("{} {}", self.postcode, self.town)),
            country => lines.push(format!("{country}-{} {}", self.postcode, self.town)),
        }
        lines
    }
}

fn limited(value: &str, field: &'static str, max: usize) -> Result<(), QrBillError> {
    printable(value)?;
    if value.chars().count() > max {
        return Err(QrBillError::TooLong { field, max });
    }
    Ok(())
}

fn required(value: &str, field: &'static str, max: usize, missing: QrBillError) -> Result<(), QrBillError> {
    if value.is_empty() {
        return Err(missing);
    }
    limited(value, field, max)
}

/// A payment reference, in compact form and with correct check digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Reference {
    /// QR reference: 27 digits, the last a recursive modulo-10 check digit.
    Qrr(String),
    /// ISO 11649 creditor reference: "RF", two check digits, up to 21 letters or digits.
    Scor(String),
}

const QRR_TABLE: [u32; 10] = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];

/// The recursive modulo-10 check digit of ASCII digits.
fn qrr_check_digit(digits: &str) -> u32 {
    let carry = digits.bytes().fold(0, |carry, d| QRR_TABLE[((carry + u32::from(d - b'0')) % 10) as usize]);
    (10 - carry) % 10
}

/// ISO 11649 / IBAN remainder modulo 97 of ASCII letters and digits, letters as A=10 … Z=35.
fn mod97(chars: impl Iterator<Item = char>) -> u32 {
    chars.fold(0, |rest, c| match c.to_digit(36) {
        Some(d) if d < 10 => (rest * 10 + d) % 97,
        Some(d) => (rest * 100 + d) % 97,
        None => rest,
    })
}

/// The body `qrr_for(0)` uses, as all zeros is invalid; a `u64` fills at most 20 of the 26
/// digits, so no other number can give it.
fn qrr_body_for_zero() -> String {
    format!("1{:025}", 0)
}

fn is_valid_qrr(s: &str) -> bool {
    s.len() == 27
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.bytes().any(|b| b != b'0')
        && qrr_check_digit(&s[..26]) == u32::from(s.as_bytes()[26] - b'0')
}

fn is_valid_scor(s: &str) -> bool {
    s.starts_with("RF")
        && (5..=25).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric())
        && mod97(s[4..].chars().chain(s[..4].chars())) == 1
}

impl Reference {
    /// A QR reference: `number` zero-padded to 26 digits, then the check digit.
    pub fn qrr_for(number: u64) -> Reference {
        let body = if number == 0 { qrr_body_for_zero() } else { format!("{number:026}") };
        let check = qrr_check_digit(&body);
        Reference::Qrr(format!("{body}{check}"))
    }

    /// A creditor reference: "RF", the check digits, then `number` in decimal, so the team can
    /// read the number in a bank statement.
    pub fn scor_for(number: u64) -> Reference {
        // The letter keeps ours apart from the all-digit references of other invoicing on
        // the same account.
        let body = format!("B{number}");
        let check = 98 - mod97(body.chars().chain("RF00".chars()));
        Reference::Scor(format!("RF{check:02}{body}"))
    }

    /// The reference type the account takes: QRR with a QR-IBAN, SCOR otherwise.
    pub fn for_account(iban: &Iban, number: u64) -> Reference {
        if iban.is_qr_iban() { Reference::qrr_for(number) } else { Reference::scor_for(number) }
    }

    /// Parses a reference from a bank file or typed by a person; `None` unless the check digits
    /// are right.
    pub fn parse(text: &str) -> Option<Reference> {
        let compact = compacted(text);
        if compact.starts_with("RF") {
            is_valid_scor(&compact).then_some(Reference::Scor(compact))
        } else {
            is_valid_qrr(&compact).then_some(Reference::Qrr(compact))
        }
    }

    /// The number given to [`Reference::qrr_for`] or [`Reference::scor_for`]; `None` for a
    /// reference those would not have made.
    pub fn number(&self) -> Option<u64> {
        let number = match self {
            Reference::Qrr(s) if s.get(..26) == Some(qrr_body_for_zero().as_str()) => 0,
            Reference::Qrr(s) => s.get(..26)?.parse().ok()?,
            Reference::Scor(s) => s.get(4..)?.strip_prefix('B')?.parse().ok()?,
        };
        // Rebuilding tells a foreign shape (leading zeros, a sign, a bank's prefix) from ours.
        let rebuilt = match self {
            Reference::Qrr(_) => Reference::qrr_for(number),
            Reference::Scor(_) => Reference::scor_for(number),
        };
        (rebuilt == *self).then_some(number)
    }

    /// The form in the payload and in bank files, without spaces.
    pub fn compact(&self) -> &str {
        match self {
            Reference::Qrr(s) | Reference::Scor(s) => s,
        }
    }

    /// The printed form: QRR as "21 00000 00003 13947 14300 09017", SCOR in groups of four.
    pub fn grouped(&self) -> String {
        match self {
            Reference::Qrr(s) => match s.char_indices().nth(2) {
                Some((i, _)) => format!("{} {}", &s[..i], in_groups(&s[i..], 5)),
                None => s.clone(),
            },
            Reference::Scor(s) => in_groups(s, 4),
        }
    }

    /// The reference type as written in the payload.
    pub fn kind(&self) -> &'static str {
        match self {
            Reference::Qrr(_) => "QRR",
            Reference::Scor(_) => "SCOR",
        }
    }

    /// The same reference normalised, if it is valid and of the same kind.
    fn validated(&self) -> Result<Reference, QrBillError> {
        match Reference::parse(self.compact()) {
            Some(parsed) if parsed.kind() == self.kind() => Ok(parsed),
            _ => Err(QrBillError::InvalidReference(self.compact().to_string())),
        }
    }
}

const MAX_CENTS: i64 = 99_999_999_999;
const MAX_MESSAGE: usize = 140;
const MAX_PAYLOAD: usize = 997;
const MAX_QR_VERSION: i16 = 25;

/// The language of the labels on the printed bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BillLang {
    Fr,
    En,
    De,
}

/// A valid QR-bill in CHF, with its payload and QR code already computed.
#[derive(Debug, Clone)]
pub struct Bill {
    account: Iban,
    creditor: Address,
    amount_cents: Option<i64>,
    debtor: Option<Address>,
    reference: Option<Reference>,
    message: Option<String>,
    payload: String,
    /// The smallest QR version that holds the payload; the code itself is drawn on demand,
    /// since choosing its mask costs milliseconds that reading the payload need not pay.
    version: i16,
}

#[derive(Debug, Clone, Default)]
struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

impl Bill {
    /// Checks every field and the pairing of account and reference (QR-IBAN with QRR only),
    /// then builds the payload and its QR code.
    pub fn new(
        account: Iban,
        creditor: Address,
        amount_cents: Option<i64>,
        debtor: Option<Address>,
        reference: Option<Reference>,
        message: Option<String>,
    ) -> Result<Bill, QrBillError> {
        let creditor = creditor.trimmed();
        creditor.check()?;
        let debtor = debtor.map(|d| d.trimmed());
        if let Some(debtor) = &debtor {
            debtor.check()?;
        }
        if amount_cents.is_some_and(|cents| !(1..=MAX_CENTS).contains(&cents)) {
            return Err(QrBillError::Amount);
        }
        let reference = reference.map(|r| r.validated()).transpose()?;
        check_pairing(&account, reference.as_ref())?;
        let message = message.map(|m| m.trim().to_string()).filter(|m| !m.is_empty());
        if let Some(message) = &message {
            limited(message, "message", MAX_MESSAGE)?;
        }
        let mut bill =
            Bill { account, creditor, amount_cents, debtor, reference, message, payload: String::new(), version: 0 };
        bill.payload = bill.build_payload();
        check_payload_length(&bill.payload)?;
        bill.version = fitting_version(&bill.payload)?;
        Ok(bill)
    }

    /// The text in the QR code: elements separated by LF, no LF after the last.
    pub fn payload(&self) -> String {
        self.payload.clone()
    }

    /// `None` when the payer writes the amount in.
    pub fn amount_cents(&self) -> Option<i64> {
        self.amount_cents
    }

    /// The reference as validated (compact); `None` for type NON.
    pub fn reference(&self) -> Option<&Reference> {
        self.reference.as_ref()
    }

    fn build_payload(&self) -> String {
        let amount = self.amount_cents.map(payload_amount).unwrap_or_default();
        let mut elements = vec!["SPC", "0200", "1", self.account.compact()];
        elements.extend(self.creditor.elements());
        elements.extend([""; 7]); // the ultimate creditor, reserved
        elements.extend([amount.as_str(), "CHF"]);
        elements.extend(self.debtor.as_ref().map_or([""; 7], Address::elements));
        elements.push(self.reference.as_ref().map_or("NON", Reference::kind));
        elements.push(self.reference.as_ref().map_or("", Reference::compact));
        elements.push(self.message.as_deref().unwrap_or(""));
        elements.push("EPD");
        elements.join("\n")
    }
}

fn check_pairing(account: &Iban, reference: Option<&Reference>) -> Result<(), QrBillError> {
    match (account.is_qr_iban(), reference) {
        (true, Some(Reference::Qrr(_))) | (false, None | Some(Reference::Scor(_))) => Ok(()),
        (true, _) => Err(QrBillError::QrIbanNeedsQrr),
        (false, Some(Reference::Qrr(_))) => Err(QrBillError::QrrNeedsQrIban),
    }
}

fn check_payload_length(payload: &str) -> Result<(), QrBillError> {
    match payload.chars().count() {
        n if n > MAX_PAYLOAD => Err(QrBillError::PayloadTooLong(n)),
        _ => Ok(()),
    }
}

/// "1949.75": point, two decimals, no separators.
fn payload_amount(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// "1 949.75": a space between thousands, as printed on the bill.
fn printed_amount(cents: i64) -> String {
    let units = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    format!("{grouped}.{:02}", cents % 100)
}

/// The payload's bits at error correction M in `version`, if they fit.
fn bits_in(payload: &str, version: i16) -> Option<Bits> {
    // All of it in byte mode: the crate's automatic segmentation takes runs of UTF-8 bytes such
    // as those of "őőőő" (C5 91 C5 91 …) for Shift JIS and writes them as Kanji, which readers
    // then show as Japanese characters.
    let mut bits = Bits::new(Version::Normal(version));
    let fits = bits.push_byte_data(payload.as_bytes()).is_ok() && bits.push_terminator(EcLevel::M).is_ok();
    fits.then_some(bits)
}

/// The smallest version that holds the payload at error correction M.
fn fitting_version(payload: &str) -> Result<i16, QrBillError> {
    (1..=MAX_QR_VERSION).find(|v| bits_in(payload, *v).is_some()).ok_or(QrBillError::QrTooLarge)
}

/// Encodes the payload in `version`, which [`fitting_version`] found to hold it.
fn encode_qr(payload: &str, version: i16) -> QrMatrix {
    let Some(bits) = bits_in(payload, version) else {
        return QrMatrix::default();
    };
    match QrCode::with_bits(bits, EcLevel::M) {
        Ok(code) => {
            QrMatrix { width: code.width(), dark: code.to_colors().into_iter().map(|c| c == Color::Dark).collect() }
        }
        Err(_) => QrMatrix::default(),
    }
}

// ---- Drawing. User units are hundredths of a millimetre; 1 pt = 0.3528 mm.

const fn pt(points: i32) -> i32 {
    points * 3528 / 100
}

const QR_SIDE: i32 = 4600;
const FONTS: &str = "Helvetica, Arial, 'Liberation Sans', sans-serif";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// The QR code in a 46 x 46 mm square of user units, the Swiss cross on top.
fn qr_content(qr: &QrMatrix) -> String {
    let n = qr.width;
    let mut d = String::new();
    for y in 0..n {
        let row = &qr.dark[y * n..(y + 1) * n];
        let mut x = 0;
        while x < n {
            let run = row[x..].iter().take_while(|dark| **dark).count();
            if run > 0 {
                let _ = write!(d, "M{x} {y}h{run}v1h-{run}z");
            }
            x += run.max(1);
        }
    }
    // The cross's proportions follow the SIX graphic: a 7 mm square, a 0.5 mm white border,
    // arms 3.9 mm long and 1.16 mm wide, on a black square.
    format!(
        concat!(
            r#"<svg width="{side}" height="{side}" viewBox="0 0 {n} {n}" shape-rendering="crispEdges">"#,
            r##"<path fill="#000" d="{d}"/></svg>"##,
            r##"<g class="swiss-cross" transform="translate(1950 1950)"><rect width="700" height="700" fill="#fff"/>"##,
            r##"<rect x="50" y="50" width="600" height="600" fill="#000"/>"##,
            r##"<rect x="292" y="155" width="116" height="390" fill="#fff"/>"##,
            r##"<rect x="155" y="292" width="390" height="116" fill="#fff"/></g>"##
        ),
        side = QR_SIDE,
        n = n,
        d = d
    )
}

impl Bill {
    /// The QR code alone, 46 x 46 mm, without quiet zone: the page must leave 5 mm around it.
    pub fn qr_svg(&self) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="46mm" height="46mm" viewBox="0 0 {QR_SIDE} {QR_SIDE}">{}</svg>"#,
            qr_content(&self.qr())
        )
    }

    fn qr(&self) -> QrMatrix {
        encode_qr(&self.payload, self.version)
    }

    /// The 210 x 105 mm strip: receipt on the left, payment part on the right.
    pub fn document_svg(&self, lang: BillLang) -> String {
        let mut svg = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="105mm" viewBox="0 0 21000 10500" font-family="{FONTS}"><rect width="21000" height="10500" fill="#fff"/>"##
        );
        draw_separations(&mut svg);
        self.draw_receipt(&mut svg, lang);
        self.draw_payment_part(&mut svg, lang);
        svg.push_str("</svg>");
        svg
    }

    // Sections as the guidelines lay them out, 5 mm from the edges: titles 7 mm high, the QR
    // code section 56 mm, the amount 14 mm (receipt) or 22 mm (payment part).
    fn draw_receipt(&self, svg: &mut String, lang: BillLang) {
        text(svg, (500, 800), pt(11), true, label(lang, "Receipt"));
        let column =
            Column { x: 500, top: 1200, width: 5200, height: 5600, heading: pt(6), value: pt(8), pitch: pt(9) };
        column.draw(svg, &self.groups(lang, false, Blank { width: 5200, height: 2000 }));
        self.draw_amount(svg, lang, (500, 6800), (pt(6), pt(8)), 1200);
        if self.amount_cents.is_none() {
            draw_blank(svg, 2700, 7250, Blank { width: 3000, height: 1000 });
        }
        let _ = write!(
            svg,
            r#"<text x="5700" y="8500" font-size="{}" font-weight="bold" text-anchor="end">{}</text>"#,
            pt(6),
            escape(label(lang, "Acceptance point"))
        );
    }

    fn draw_payment_part(&self, svg: &mut String, lang: BillLang) {
        text(svg, (6700, 800), pt(11), true, label(lang, "Payment part"));
        let _ = write!(
            svg,
            r#"<svg x="6700" y="1700" width="{QR_SIDE}" height="{QR_SIDE}" viewBox="0 0 {QR_SIDE} {QR_SIDE}">{}</svg>"#,
            qr_content(&self.qr())
        );
        self.draw_amount(svg, lang, (6700, 6800), (pt(8), pt(10)), 1500);
        if self.amount_cents.is_none() {
            draw_blank(svg, 7700, 7250, Blank { width: 4000, height: 1500 });
        }
        let column =
            Column { x: 11800, top: 500, width: 8700, height: 8500, heading: pt(8), value: pt(10), pitch: pt(11) };
        column.draw(svg, &self.groups(lang, true, Blank { width: 6500, height: 2500 }));
    }

    /// Currency and amount side by side, the amount `amount_dx` to the right.
    fn draw_amount(&self, svg: &mut String, lang: BillLang, (x, top): (i32, i32), sizes: (i32, i32), amount_dx: i32) {
        let (heading, value) = sizes;
        let (headings_y, values_y) = (top + 300, top + 400 + value);
        text(svg, (x, headings_y), heading, true, label(lang, "Currency"));
        text(svg, (x + amount_dx, headings_y), heading, true, label(lang, "Amount"));
        text(svg, (x, values_y), value, false, "CHF");
        if let Some(cents) = self.amount_cents {
            text(svg, (x + amount_dx, values_y), value, false, &printed_amount(cents));
        }
    }

    /// The information groups; the payment part alone shows the message.
    fn groups(&self, lang: BillLang, with_message: bool, blank: Blank) -> Vec<Group> {
        let group = |heading, lines| Group { heading: label(lang, heading), lines, blank: None };
        let mut account = vec![self.account.grouped()];
        account.extend(self.creditor.printed_lines());
        let mut groups = vec![group("Account / Payable to", account)];
        if let Some(reference) = &self.reference {
            groups.push(group("Reference", vec![reference.grouped()]));
        }
        if let (true, Some(message)) = (with_message, &self.message) {
            groups.push(group("Additional information", vec![message.clone()]));
        }
        groups.push(match &self.debtor {
            Some(debtor) => group("Payable by", debtor.printed_lines()),
            None => Group { blank: Some(blank), ..group("Payable by (name/address)", Vec::new()) },
        });
        groups
    }
}

/// Headings in English, French and German, worded as the Python `qrbill` package has them
/// (the guidelines' Annex D).
const LABELS: [[&str; 3]; 10] = [
    ["Receipt", "Récépissé", "Empfangsschein"],
    ["Payment part", "Section paiement", "Zahlteil"],
    ["Account / Payable to", "Compte / Payable à", "Konto / Zahlbar an"],
    ["Reference", "Référence", "Referenz"],
    ["Additional information", "Informations supplémentaires", "Zusätzliche Informationen"],
    ["Payable by", "Payable par", "Zahlbar durch"],
    ["Payable by (name/address)", "Payable par (nom/adresse)", "Zahlbar durch (Name/Adresse)"],
    ["Currency", "Monnaie", "Währung"],
    ["Amount", "Montant", "Betrag"],
    ["Acceptance point", "Point de dépôt", "Annahmestelle"],
];

fn label(lang: BillLang, english: &'static str) -> &'static str {
    let column = match lang {
        BillLang::En => 0,
        BillLang::Fr => 1,
        BillLang::De => 2,
    };
    LABELS.iter().find(|row| row[0] == english).map_or(english, |row| row[column])
}

fn text(svg: &mut String, (x, y): (i32, i32), size: i32, bold: bool, content: &str) {
    let weight = if bold { r#" font-weight="bold""# } else { "" };
    let _ = write!(svg, r#"<text x="{x}" y="{y}" font-size="{size}"{weight}>{}</text>"#, escape(content));
}

#[derive(Clone, Copy)]
struct Blank {
    width: i32,
    height: i32,
}

struct Group {
    heading: &'static str,
    lines: Vec<String>,
    blank: Option<Blank>,
}

/// A column of headed groups, one line per `pitch`, a blank line between groups.
struct Column {
    x: i32,
    top: i32,
    width: i32,
    height: i32,
    heading: i32,
    value: i32,
    pitch: i32,
}

impl Column {
    fn draw(&self, svg: &mut String, groups: &[Group]) {
        let (value, pitch, wrapped) = self.fit(groups);
        let baseline = |y: i32| y + pitch * 3 / 4;
        let mut y = self.top;
        for (group, lines) in groups.iter().zip(&wrapped) {
            text(svg, (self.x, baseline(y)), self.heading, true, group.heading);
            y += pitch;
            for line in lines {
                text(svg, (self.x, baseline(y)), value, false, line);
                y += pitch;
            }
            if let Some(blank) = group.blank {
                draw_blank(svg, self.x, y, blank);
                y += blank.height;
            }
            y += pitch;
        }
    }

    /// The value size, line pitch and wrapped lines: the standard ones unless long addresses
    /// would overflow the section, then tighter lines, then smaller values, never smaller than
    /// the headings.
    fn fit(&self, groups: &[Group]) -> (i32, i32, Vec<Vec<String>>) {
        let blanks: i32 = groups.iter().filter_map(|g| g.blank).map(|b| b.height).sum();
        let mut value = self.value;
        loop {
            let wrapped: Vec<Vec<String>> =
                groups.iter().map(|g| g.lines.iter().flat_map(|l| wrap(l, value, self.width)).collect()).collect();
            // Each group has a heading row and a blank row after it, but the last.
            let rows = wrapped.iter().map(|lines| lines.len() as i32 + 2).sum::<i32>() - 1;
            let room = (self.height - blanks) / rows.max(1);
            if room >= value || value <= self.heading {
                return (value, (self.pitch * value / self.value).min(room).max(value), wrapped);
            }
            value -= pt(1) / 2;
        }
    }
}

/// Corner marks of a box left blank for the payer to fill in (0.75 pt lines).
fn draw_blank(svg: &mut String, x: i32, y: i32, blank: Blank) {
    let (right, bottom) = (x + blank.width, y + blank.height);
    let _ = write!(
        svg,
        concat!(
            r##"<path fill="none" stroke="#000" stroke-width="{w}" d="M{x} {y2}V{y}H{x3}M{r3} {y}H{r}V{y2}"##,
            r##"M{r} {b2}V{b}H{r3}M{x3} {b}H{x}V{b2}"/>"##
        ),
        w = pt(3) / 4,
        x = x,
        y = y,
        r = right,
        b = bottom,
        x3 = x + 300,
        r3 = right - 300,
        y2 = y + 200,
        b2 = bottom - 200,
    );
}

/// The cutting lines along the top and between receipt and payment part, with scissors.
fn draw_separations(svg: &mut String) {
    svg.push_str(r##"<path stroke="#000" stroke-width="20" d="M0 10H21000M6200 0V10500"/>"##);
    let scissors = concat!(
        r##"<g fill="none" stroke="#000" stroke-width="2"><circle cx="6" cy="6" r="4"/>"##,
        r##"<circle cx="6" cy="18" r="4"/><path d="M9 9L24 20M9 15L24 4"/></g>"##
    );
    let _ = write!(svg, r##"<svg x="1000" y="40" width="300" height="300" viewBox="0 0 24 24">{scissors}</svg>"##);
    let _ = write!(
        svg,
        r##"<rect x="6000" y="400" width="400" height="400" fill="#fff"/><svg x="6050" y="450" width="300" height="300" viewBox="0 0 24 24"><g transform="rotate(90 12 12)">{scissors}</g></svg>"##
    );
}

/// Breaks `line` at spaces (or anywhere in a word too long) to fit `width` at font `size`.
fn wrap(line: &str, size: i32, width: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if text_width(&candidate, size) <= width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        for c in word.chars() {
            if !current.is_empty() && text_width(&format!("{current}{c}"), size) > width {
                lines.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// An estimate of the width in user units, from Helvetica's widths (thousandths of an em),
/// erring wide.
fn text_width(text: &str, size: i32) -> i32 {
    let ems: i32 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '\'' | '|' => 222,
            ' ' | '.' | ',' | ':' | ';' | '!' | 'I' | 'f' | 't' | '/' | '(' | ')' => 278,
            'r' | '-' => 333,
            'm' | 'M' => 833,
            'W' => 944,
            'w' => 722,
            c if c.is_uppercase() => 722,
            c if c.is_alphanumeric() => 556,
            _ => 600,
        })
        .sum();
    ems * size / 1000
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const QR_IBAN: &str = "CH44 3199 9123 0008 8901 2";
    const IBAN: &str = "CH58 0079 1123 0008 8901 2";
    const QRR: &str = "210000000003139471430009017";

    fn address(name: &str, street: &str, building: &str, postcode: &str, town: &str) -> Address {
        Address {
            name: name.into(),
            street: street.into(),
            building: building.into(),
            postcode: postcode.into(),
            town: town.into(),
            country: "CH".into(),
        }
    }

    fn creditor() -> Address {
        address("Robert Schneider AG", "Rue du Lac", "1268", "2501", "Biel")
    }

    fn debtor() -> Address {
        address("Pia-Maria Rutschmann-Schnyder", "Grosse Marktgasse", "28", "9400", "Rorschach")
    }

    fn iban(text: &str) -> Iban {
        Iban::parse(text).unwrap()
    }

    fn reference(text: &str) -> Option<Reference> {
        Some(Reference::parse(text).unwrap())
    }

    fn guidelines_bill() -> Bill {
        let message = Some("Order of 15.09.2019".to_string());
        Bill::new(iban(QR_IBAN), creditor(), Some(194_975), Some(debtor()), reference(QRR), message).unwrap()
    }

    fn ordinary_bill(creditor: Address) -> Result<Bill, QrBillError> {
        Bill::new(iban(IBAN), creditor, None, None, None, None)
    }

    #[test]
    fn the_guidelines_accounts_are_valid_and_only_the_first_is_a_qr_iban() {
        let qr = iban(QR_IBAN);
        assert_eq!(qr.compact(), "CH4431999123000889012");
        assert!(qr.is_qr_iban() && qr.is_example());
        assert_eq!(qr.grouped(), QR_IBAN);
        let ordinary = iban("ch5800791123000889012");
        assert!(!ordinary.is_qr_iban() && ordinary.is_example());
        assert_eq!(ordinary.grouped(), IBAN);
        assert!(!iban("CH93 0076 2011 6238 5295 7").is_example());
    }

    #[test]
    fn wrong_or_foreign_ibans_are_refused_with_the_reason() {
        assert_eq!(Iban::parse("CH44 3199 9123 0008 8901 3"), Err(QrBillError::IbanChecksum));
        assert_eq!(Iban::parse("DE89 3704 0044 0532 0130 00"), Err(QrBillError::IbanCountry("DE".into())));
        assert_eq!(Iban::parse("CH44 3199 9123 0008 8901"), Err(QrBillError::IbanLength(20)));
        assert!(matches!(Iban::parse("CH44-3199"), Err(QrBillError::IbanFormat(_))));
        assert!(matches!(Iban::parse(""), Err(QrBillError::IbanFormat(_))));
        assert_eq!(QrBillError::IbanChecksum.to_string(), "the IBAN's check digits are wrong");
    }

    #[test]
    fn the_guidelines_qr_reference_has_check_digit_7_and_a_wrong_one_is_refused() {
        assert_eq!(qrr_check_digit(&QRR[..26]), 7);
        let parsed = Reference::parse("21 00000 00003 13947 14300 09017").unwrap();
        assert_eq!(parsed, Reference::Qrr(QRR.into()));
        assert_eq!(parsed.grouped(), "21 00000 00003 13947 14300 09017");
        assert_eq!(parsed.kind(), "QRR");
        assert_eq!(parsed.number(), None, "a bank's prefix is not one of our numbers");
        assert_eq!(Reference::parse("210000000003139471430009018"), None);
        assert_eq!(Reference::parse(&"0".repeat(27)), None);
        assert_eq!(Reference::parse("21000000000313947143000901"), None);
    }

    #[test]
    fn the_creditor_reference_rf18539007547034_is_valid() {
        let parsed = Reference::parse("rf18 5390 0754 7034").unwrap();
        assert_eq!(parsed, Reference::Scor("RF18539007547034".into()));
        assert_eq!(parsed.grouped(), "RF18 5390 0754 7034");
        assert_eq!(parsed.kind(), "SCOR");
        assert_eq!(Reference::parse("RF19539007547034"), None);
        assert_eq!(Reference::parse("RF18"), None);
    }

    #[test]
    fn references_made_from_numbers_are_valid_and_give_the_number_back() {
        assert_eq!(Reference::qrr_for(42).compact(), "000000000000000000000000420");
        assert_eq!(Reference::parse("RF18539007547034").unwrap().number(), None, "a foreign reference is not ours");
        for number in [0, 1, 42, 99_999, u64::MAX] {
            for made in [Reference::qrr_for(number), Reference::scor_for(number)] {
                assert_eq!(Reference::parse(&made.grouped()), Some(made.clone()));
                assert_eq!(made.number(), Some(number));
            }
        }
        assert_eq!(Reference::Qrr("éé".into()).grouped(), "éé", "a forged reference prints without panic");
        assert_eq!(Reference::for_account(&iban(QR_IBAN), 7).kind(), "QRR");
        assert_eq!(Reference::for_account(&iban(IBAN), 7).kind(), "SCOR");
        let ours = Reference::scor_for(42).compact().to_string();
        let padded = Reference::parse(&format!("{}00{}", &ours[..4], &ours[4..])).unwrap();
        assert_eq!(padded.number(), None, "leading zeros are not ours");
    }

    /// The guidelines' example, as PAYMENTS.md gives it.
    const GUIDELINES_PAYLOAD: &str = "SPC\n0200\n1\nCH4431999123000889012\n\
        S\nRobert Schneider AG\nRue du Lac\n1268\n2501\nBiel\nCH\n\
        \n\n\n\n\n\n\n\
        1949.75\nCHF\n\
        S\nPia-Maria Rutschmann-Schnyder\nGrosse Marktgasse\n28\n9400\nRorschach\nCH\n\
        QRR\n210000000003139471430009017\nOrder of 15.09.2019\nEPD";

    #[test]
    fn the_guidelines_example_payload_comes_out_byte_for_byte() {
        let bill = guidelines_bill();
        assert_eq!(bill.payload(), GUIDELINES_PAYLOAD);
        assert_eq!(bill.payload().lines().count(), 31);
        assert_eq!(bill.amount_cents(), Some(194_975));
        assert_eq!(bill.reference().map(Reference::kind), Some("QRR"));
    }

    #[test]
    fn account_and_reference_must_pair() {
        let scor = reference("RF18539007547034");
        let refuse = |account: &str, reference: Option<Reference>| {
            Bill::new(iban(account), creditor(), None, None, reference, None).unwrap_err()
        };
        assert_eq!(refuse(QR_IBAN, scor.clone()), QrBillError::QrIbanNeedsQrr);
        assert_eq!(refuse(QR_IBAN, None), QrBillError::QrIbanNeedsQrr);
        assert_eq!(refuse(IBAN, reference(QRR)), QrBillError::QrrNeedsQrIban);
        assert!(Bill::new(iban(IBAN), creditor(), None, None, scor, None).is_ok());
        assert!(ordinary_bill(creditor()).is_ok());
        let forged = Some(Reference::Qrr("123".into()));
        assert_eq!(refuse(QR_IBAN, forged), QrBillError::InvalidReference("123".into()));
    }

    #[test]
    fn amounts_outside_one_cent_to_a_billion_are_refused() {
        let with = |cents| Bill::new(iban(IBAN), creditor(), Some(cents), None, None, None);
        assert_eq!(with(100_000_000_000).unwrap_err(), QrBillError::Amount);
        assert_eq!(with(0).unwrap_err(), QrBillError::Amount);
        assert_eq!(with(-5).unwrap_err(), QrBillError::Amount);
        assert!(with(1).unwrap().payload().contains("\n0.01\nCHF\n"));
        assert!(with(99_999_999_999).unwrap().payload().contains("\n999999999.99\nCHF\n"));
        assert_eq!(QrBillError::Amount.to_string(), "the amount must be between 0.01 and 999,999,999.99");
    }

    #[test]
    fn amounts_print_with_a_space_between_thousands() {
        assert_eq!(printed_amount(194_975), "1 949.75");
        assert_eq!(printed_amount(5), "0.05");
        assert_eq!(printed_amount(100_000), "1 000.00");
        assert_eq!(printed_amount(99_999_999_999), "999 999 999.99");
    }

    #[test]
    fn accented_addresses_go_through() {
        let genève = address("Théâtre de l'Œuvre", "Rue de Lausanne", "12", "1201", "Genève");
        let zürich = address("Straße & Söhne", "Bahnhofstrasse", "1", "8001", "Zürich");
        let bill = Bill::new(iban(IBAN), genève, None, Some(zürich), None, Some("Cœur 5 €".into())).unwrap();
        assert!(bill.payload().contains("\nGenève\nCH\n") && bill.payload().contains("\nZürich\nCH\n"));
        assert!(bill.document_svg(BillLang::Fr).contains("Straße &amp; Söhne"));
    }

    #[test]
    fn characters_outside_the_set_are_refused_with_their_name() {
        let emoji = address("Fan club 😀", "", "", "1000", "Lausanne");
        let error = ordinary_bill(emoji).unwrap_err();
        assert_eq!(error.to_string(), "“😀” cannot be printed on a QR-bill");
        assert_eq!(printable("Ω"), Err(QrBillError::NotPrintable("Ω".into())));
        assert_eq!(printable("a\nb"), Err(QrBillError::NotPrintable("U+000A".into())));
        assert!(printable("Ș ș Ț ț € ſ ÿ ~").is_ok());
        let message = Bill::new(iban(IBAN), creditor(), None, None, None, Some("line\nbreak".into()));
        assert!(matches!(message, Err(QrBillError::NotPrintable(_))));
    }

    #[test]
    fn addresses_need_a_name_a_postcode_a_town_and_a_country_code() {
        let mut a = creditor();
        a.postcode = "  ".into();
        assert_eq!(a.validate(), Err(QrBillError::MissingPostcode));
        assert_eq!(QrBillError::MissingPostcode.to_string(), "the postcode is missing");
        a = creditor();
        a.town.clear();
        assert_eq!(a.validate(), Err(QrBillError::MissingTown));
        a = creditor();
        a.name.clear();
        assert_eq!(a.validate(), Err(QrBillError::MissingName));
        a = creditor();
        a.name = "x".repeat(71);
        assert_eq!(a.validate(), Err(QrBillError::TooLong { field: "name", max: 70 }));
        a = creditor();
        a.building = "1".repeat(17);
        assert_eq!(a.validate(), Err(QrBillError::TooLong { field: "building number", max: 16 }));
        a = creditor();
        a.country = "ch".into();
        assert_eq!(a.validate(), Err(QrBillError::InvalidCountry("ch".into())));
        assert!(creditor().validate().is_ok());
    }

    #[test]
    fn a_message_over_140_characters_is_refused() {
        let with = |m: String| Bill::new(iban(IBAN), creditor(), None, None, None, Some(m));
        assert!(with("é".repeat(140)).is_ok());
        assert_eq!(with("é".repeat(141)).unwrap_err(), QrBillError::TooLong { field: "message", max: 140 });
    }

    fn longest(c: char, country: &str) -> Address {
        let s = |n| c.to_string().repeat(n);
        Address { name: s(70), street: s(70), building: s(16), postcode: s(16), town: s(35), country: country.into() }
    }

    #[test]
    fn a_payload_over_997_characters_is_refused() {
        // The fields of Bill::new reach about 670 characters at most, so the limit is checked on
        // its own.
        assert_eq!(check_payload_length(&"x".repeat(998)), Err(QrBillError::PayloadTooLong(998)));
        assert!(check_payload_length(&"é".repeat(997)).is_ok());
    }

    #[test]
    fn the_longest_bill_fits_a_qr_code_of_version_25_or_is_refused() {
        let (qrr, message) = (reference(QRR), Some("W".repeat(140)));
        let bill = Bill::new(
            iban(QR_IBAN),
            longest('W', "CH"),
            Some(99_999_999_999),
            Some(longest('W', "LI")),
            qrr.clone(),
            message.clone(),
        )
        .unwrap();
        assert!(bill.payload().chars().count() <= MAX_PAYLOAD);
        assert!(bill.qr().width <= 17 + 4 * 25, "{} modules", bill.qr().width);
        // Three bytes a character in UTF-8 is more than version 25 holds.
        let euros = Bill::new(iban(QR_IBAN), longest('€', "CH"), None, Some(longest('€', "CH")), qrr, message);
        assert_eq!(euros.unwrap_err(), QrBillError::QrTooLarge);
    }

    #[test]
    fn the_qr_svg_is_46_mm_square_with_the_cross_on_top() {
        let svg = guidelines_bill().qr_svg();
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"width="46mm" height="46mm" viewBox="0 0 4600 4600""#));
        assert!(svg.find("<path").unwrap() < svg.find("translate(1950 1950)").unwrap());
    }

    #[test]
    fn the_document_has_the_labels_of_its_language_and_escapes_text() {
        let mut name = creditor();
        name.name = r#"Café "<Zoé>" & 'Cie'"#.into();
        let bill = ordinary_bill(name).unwrap();
        let fr = bill.document_svg(BillLang::Fr);
        assert!(fr.contains("Récépissé") && fr.contains("Payable par (nom/adresse)") && fr.contains("Point de dépôt"));
        assert!(fr.contains("Café &quot;&lt;Zoé&gt;&quot; &amp; &apos;Cie&apos;"));
        assert!(!fr.contains("<Zoé>"));
        let de = guidelines_bill().document_svg(BillLang::De);
        assert!(de.contains("Zahlteil") && de.contains("Zahlbar durch<") && de.contains(">1 949.75<"));
        assert!(de.contains("Zusätzliche Informationen") && de.contains("21 00000 00003 13947 14300 09017"));
        let en = guidelines_bill().document_svg(BillLang::En);
        assert!(en.contains("Acceptance point") && en.contains(r#"width="210mm" height="105mm""#));
    }

    #[test]
    fn wrapping_keeps_every_word_and_fits_the_width() {
        let line = "Pia-Maria Rutschmann-Schnyder Grosse Marktgasse Supercalifragilisticexpialidocious";
        let lines = wrap(line, pt(8), 2000);
        assert!(lines.iter().all(|l| text_width(l, pt(8)) <= 2000), "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), line.replace(' ', ""));
    }

    proptest! {
        #[test]
        fn parsing_any_text_never_panics(text in "\\PC{0,40}", digits in "[0-9 ]{20,35}", rf in "[rR][fF][0-9A-Za-z ]{0,26}") {
            for input in [&text, &digits, &rf] {
                let _ = Iban::parse(input);
                let forged = [Reference::Qrr(input.clone()), Reference::Scor(input.clone())];
                for reference in forged {
                    let _ = (reference.grouped(), reference.number());
                    let _ = Bill::new(iban(IBAN), creditor(), None, None, Some(reference), None);
                }
                if let Some(parsed) = Reference::parse(input) {
                    prop_assert_eq!(Reference::parse(&parsed.grouped()), Some(parsed.clone()));
                    let _ = parsed.number();
                }
            }
        }

        #[test]
        fn made_references_parse_back_to_their_number(number in any::<u64>()) {
            for made in [Reference::qrr_for(number), Reference::scor_for(number)] {
                prop_assert_eq!(Reference::parse(made.compact()), Some(made.clone()));
                prop_assert_eq!(made.number(), Some(number));
            }
        }

        #[test]
        fn any_address_is_accepted_or_refused_without_panic(name in "\\PC{0,80}", town in "\\PC{0,40}") {
            let address = Address { name, town, postcode: "1000".into(), country: "CH".into(), ..Address::default() };
            if let Ok(bill) = Bill::new(iban(IBAN), address, Some(1), None, None, None) {
                prop_assert!(bill.document_svg(BillLang::En).ends_with("</svg>"));
            }
        }
    }
}
