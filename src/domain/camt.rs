//! Swiss bank files: reads camt.054 notifications and camt.053 statements (ISO 20022, versions
//! .001.04 to .001.08, Swiss Payment Standards) into the movements of money in that the
//! reconciliation matches against QR-bill references, and writes such files for tests,
//! benchmarks and demos. Bytes in, values out: no database, no web.
//!
//! A streaming reader rather than serde structs: one loop that matches element paths reads both
//! schema generations (`Sts` as text or `Sts/Cd`, `Dbtr/Nm` or `Dbtr/Pty/Nm`), ignores namespace
//! prefixes, bounds the nesting and knows the line of each entry for the error messages.

use std::fmt;

use chrono::NaiveDate;
use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use sha2::{Digest, Sha256};

/// Larger files are refused before parsing: a busy day of notifications is a few megabytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// camt nests about 15 levels; far deeper nesting is an attack on the parser, not a bank file.
const MAX_DEPTH: usize = 64;
/// The largest amount a QR-bill can carry, 999,999,999.99, in cents.
#[expect(clippy::inconsistent_digit_grouping, reason = "francs, then cents")]
const MAX_CENTS: i64 = 999_999_999_99;
const ISO_NAMESPACE: &str = "urn:iso:std:iso:20022:tech:xsd:";

/// Why a bank file was refused; each message says what a person can look for in the file.
#[derive(Debug, thiserror::Error)]
pub enum CamtError {
    #[error("the file is larger than 64 MiB ({bytes} bytes)")]
    TooLarge { bytes: usize },
    #[error("the file is not UTF-8 text (line {line}), as bank files are")]
    NotUtf8 { line: usize },
    #[error("the file is not XML")]
    NotXml,
    #[error("the XML is broken at line {line}: {reason}")]
    Malformed { line: usize, reason: String },
    #[error("the file declares a DOCTYPE or entities, which bank files never do (line {line})")]
    DocType { line: usize },
    #[error("the XML nests deeper than {MAX_DEPTH} levels (line {line})")]
    TooDeep { line: usize },
    #[error("the file is not a camt.053 or camt.054 bank file (namespace “{namespace}”)")]
    NotCamt { namespace: String },
    #[error("camt version {message}.001.{version} is not supported (053/054 .001.04 to .001.08 are)")]
    UnsupportedVersion { message: String, version: String },
    #[error("line {line}: a {kind} file has <{expected}> here, not <{found}>")]
    UnexpectedElement { line: usize, kind: FileKind, expected: &'static str, found: String },
    #[error("the file has no message id (GrpHdr/MsgId) before its entries")]
    NoMessageId,
    #[error("the file covers two accounts, {first} and {second}: import one file per account")]
    SeveralAccounts { first: String, second: String },
    #[error("entry {entry}, line {line}: the amount “{text}” {problem}")]
    Amount { entry: usize, line: usize, text: String, problem: AmountProblem },
    #[error("entry {entry}, line {line}: payment {payment} has no amount")]
    NoAmount { entry: usize, line: usize, payment: usize },
    #[error("entry {entry}, line {line}: the amount has no currency (Ccy)")]
    NoCurrency { entry: usize, line: usize },
    #[error("entry {entry}, line {line}: no booking date (BookgDt) nor value date (ValDt)")]
    NoDate { entry: usize, line: usize },
    #[error("entry {entry}, line {line}: “{text}” is not a date")]
    BadDate { entry: usize, line: usize, text: String },
}

/// What is wrong with an amount's text, to complete "the amount “…” …".
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AmountProblem {
    #[error("is not a number")]
    NotANumber,
    #[error("is negative")]
    Negative,
    #[error("is zero")]
    Zero,
    #[error("has more than two decimals")]
    TooManyDecimals,
    #[error("is larger than 999,999,999.99")]
    TooLarge,
}

/// Which message a bank file is; both carry the same entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Bank-to-customer statement (`BkToCstmrStmt/Stmt/Ntry`), usually once a day.
    Camt053,
    /// Debit/credit notification (`BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry`), the QR-bill credit advice.
    Camt054,
}

impl FileKind {
    /// The name, the message element and the element of each block of entries.
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            FileKind::Camt053 => ("camt.053", "BkToCstmrStmt", "Stmt"),
            FileKind::Camt054 => ("camt.054", "BkToCstmrDbtCdtNtfctn", "Ntfctn"),
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.names().0)
    }
}

/// A parsed bank file: what it is and the money-in movements it reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankFile {
    pub kind: FileKind,
    /// The schema version, 4 to 8 (`.001.04` to `.001.08`).
    pub version: u8,
    /// `GrpHdr/MsgId`: the bank's id of this file.
    pub message_id: String,
    /// `Acct/Id/IBAN` of the notifications or statements (often the ordinary IBAN, not the QR-IBAN).
    pub account_iban: Option<String>,
    /// Hex SHA-256 of the raw bytes, to recognise a file imported twice.
    pub digest: String,
    pub movements: Vec<Movement>,
}

/// Whether a movement brings money in or takes back money that came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A booked credit (`CRDT`, not a reversal).
    Credit,
    /// A booked reversal of an earlier credit (`DBIT` with `RvslInd` true).
    Reversal,
}

/// One payment in or its reversal, as the bank booked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub direction: Direction,
    /// The bank's id of this payment, the idempotency key: `TxDtls/Refs/AcctSvcrRef`, else
    /// `<entry AcctSvcrRef>/<payment index>`, else `<message id>/<entry index>/<payment index>`
    /// (indexes from 1). An entry without details is one payment under its own `AcctSvcrRef`.
    pub bank_ref: String,
    /// Positive, in cents.
    pub amount_cents: i64,
    /// As the file says; the app refuses what is not CHF.
    pub currency: String,
    /// `BookgDt`, or `ValDt` when the booking date is missing.
    pub booked_on: NaiveDate,
    /// `RmtInf/Strd/CdtrRefInf/Ref` without spaces.
    pub reference: Option<String>,
    /// `QRR`, `SCOR` or whatever code the file gives the reference.
    pub reference_kind: Option<String>,
    pub debtor_name: Option<String>,
    /// Needed to refund the payer.
    pub debtor_iban: Option<String>,
    /// The payer's free text (`Ustrd`, QR-bill messages in `AddtlRmtInf`; `AddtlNtryInf` for an
    /// entry without details), lines joined by a space, to match by hand.
    pub message: Option<String>,
}

/// Reads a camt.053 or camt.054 file. Only booked credits and booked reversals of credits are
/// returned; pending entries, ordinary debits and reversals of debits are skipped.
pub fn parse(bytes: &[u8]) -> Result<BankFile, CamtError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CamtError::TooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| CamtError::NotUtf8 { line: line_at(bytes, e.valid_up_to()) })?;
    let mut reader = Reader::from_str(text);
    let (kind, version) = read_root(&mut reader, bytes)?;
    let mut parser = Parser::new(bytes, kind);
    parser.run(&mut reader)?;
    let doc = parser.doc;
    Ok(BankFile {
        kind,
        version,
        message_id: doc.message_id.ok_or(CamtError::NoMessageId)?,
        account_iban: doc.account_iban,
        digest: hex_sha256(bytes),
        movements: doc.movements,
    })
}

/// Reads the prolog up to the root element, which names the message and version.
fn read_root(reader: &mut Reader<&[u8]>, bytes: &[u8]) -> Result<(FileKind, u8), CamtError> {
    loop {
        match reader.read_event() {
            Ok(Event::DocType(_)) => {
                return Err(CamtError::DocType { line: line_at(bytes, position(reader.buffer_position())) });
            }
            Ok(Event::Start(root)) => return kind_of_root(&root, line_at(bytes, position(reader.buffer_position()))),
            Ok(Event::Decl(_) | Event::Comment(_) | Event::PI(_)) => {}
            Ok(Event::Text(text)) if text.chars().all(|c| c.is_ascii_whitespace()) => {}
            Ok(_) | Err(_) => return Err(CamtError::NotXml),
        }
    }
}

fn kind_of_root(root: &BytesStart, line: usize) -> Result<(FileKind, u8), CamtError> {
    let name = root.name();
    let xmlns = match name.prefix() {
        Some(prefix) => format!("xmlns:{}", prefix.as_ref()),
        None => "xmlns".to_owned(),
    };
    let namespace = attribute(root, &xmlns).unwrap_or_else(|| "none".to_owned());
    let (kind, version) = kind_of_namespace(&namespace)?;
    let found = name.local_name().as_ref().to_owned();
    if found != "Document" {
        return Err(CamtError::UnexpectedElement { line, kind, expected: "Document", found });
    }
    Ok((kind, version))
}

/// `urn:iso:std:iso:20022:tech:xsd:camt.054.001.08` → (camt.054, 8).
fn kind_of_namespace(namespace: &str) -> Result<(FileKind, u8), CamtError> {
    let not_camt = || CamtError::NotCamt { namespace: namespace.to_owned() };
    let (message, version) =
        namespace.strip_prefix(ISO_NAMESPACE).and_then(|id| id.split_once(".001.")).ok_or_else(not_camt)?;
    let kind = match message {
        "camt.053" => FileKind::Camt053,
        "camt.054" => FileKind::Camt054,
        _ => return Err(not_camt()),
    };
    match version.parse::<u8>() {
        Ok(number @ 4..=8) if version.len() == 2 => Ok((kind, number)),
        _ => Err(CamtError::UnsupportedVersion {
            message: message.trim_start_matches("camt.").to_owned(),
            version: version.to_owned(),
        }),
    }
}

/// Walks the elements below the root, keeping the path of element names that says what a text is.
struct Parser<'a> {
    kind: FileKind,
    lines: Lines<'a>,
    /// Local names, interned: an element the parser does not care about is "".
    path: Vec<&'static str>,
    /// The text of the element being read; only leaves' text is used.
    text: String,
    doc: Doc,
}

/// What has been read so far; kept apart from `path` so both can be borrowed at once.
#[derive(Default)]
struct Doc {
    message_id: Option<String>,
    account_iban: Option<String>,
    entries_seen: usize,
    entry: RawEntry,
    payment: RawPayment,
    /// The `Amt` being read: its currency and line come with its start tag, its text at its end.
    amount: RawAmount,
    movements: Vec<Movement>,
}

#[derive(Debug, Clone, Default)]
struct RawAmount {
    text: String,
    currency: Option<String>,
    line: usize,
}

#[derive(Default)]
struct RawEntry {
    line: usize,
    amount: Option<RawAmount>,
    credit_debit: String,
    reversal: bool,
    status: String,
    booked: Option<String>,
    valued: Option<String>,
    bank_ref: Option<String>,
    info: Vec<String>,
    payments: Vec<RawPayment>,
}

#[derive(Default)]
struct RawPayment {
    bank_ref: Option<String>,
    amount: Option<RawAmount>,
    detailed_amount: Option<RawAmount>,
    reference: Option<String>,
    reference_kind: Option<String>,
    debtor_name: Option<String>,
    debtor_iban: Option<String>,
    message: Vec<String>,
}

impl<'a> Parser<'a> {
    fn new(bytes: &'a [u8], kind: FileKind) -> Self {
        let lines = Lines { bytes, counted_to: 0, line: 1 };
        Parser { kind, lines, path: vec!["Document"], text: String::new(), doc: Doc::default() }
    }

    fn run(&mut self, reader: &mut Reader<&[u8]>) -> Result<(), CamtError> {
        while !self.path.is_empty() {
            let event = reader.read_event().map_err(|e| self.malformed(reader.error_position(), e.to_string()))?;
            let at = reader.buffer_position();
            match event {
                Event::Start(start) => self.open(&start, at)?,
                Event::End(_) => self.close()?,
                Event::Empty(start) => {
                    self.open(&start, at)?;
                    self.close()?;
                }
                Event::Text(text) => self.text.push_str(&text.xml10_content()),
                Event::CData(data) => self.text.push_str(&data.xml10_content()),
                Event::GeneralRef(reference) => self.push_reference(&reference, at)?,
                Event::DocType(_) => return Err(CamtError::DocType { line: self.lines.at(at) }),
                Event::Eof => return Err(self.malformed(at, "the file ends inside the XML (cut short?)".into())),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            }
        }
        Ok(())
    }

    fn malformed(&self, at: u64, reason: String) -> CamtError {
        CamtError::Malformed { line: line_at(self.lines.bytes, position(at)), reason }
    }

    fn open(&mut self, start: &BytesStart, at: u64) -> Result<(), CamtError> {
        if self.path.len() >= MAX_DEPTH {
            return Err(CamtError::TooDeep { line: self.lines.at(at) });
        }
        let local_name = start.local_name();
        self.path.push(intern(local_name.as_ref()));
        self.text.clear();
        let (_, message, block) = self.kind.names();
        match self.path.as_slice() {
            [_, found] if *found != message => {
                let (line, found) = (self.lines.at(at), local_name.as_ref().to_owned());
                return Err(CamtError::UnexpectedElement { line, kind: self.kind, expected: message, found });
            }
            [_, _, b, "Ntry"] if *b == block => {
                self.doc.entries_seen += 1;
                self.doc.entry = RawEntry { line: self.lines.at(at), ..RawEntry::default() };
            }
            [_, _, b, "Ntry", "NtryDtls", "TxDtls"] if *b == block => self.doc.payment = RawPayment::default(),
            [.., "Amt"] => {
                self.doc.amount =
                    RawAmount { text: String::new(), currency: attribute(start, "Ccy"), line: self.lines.at(at) };
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), CamtError> {
        let text = std::mem::take(&mut self.text);
        let value = text.trim();
        let (_, _, block) = self.kind.names();
        let doc = &mut self.doc;
        match self.path.as_slice() {
            [_, _, "GrpHdr", "MsgId"] => doc.message_id = non_empty(value),
            [_, _, b, "Acct", "Id", "IBAN"] if *b == block => doc.set_account(value)?,
            [_, _, b, "Ntry"] if *b == block => doc.finish_entry()?,
            [_, _, b, "Ntry", "NtryDtls", "TxDtls"] if *b == block => {
                let payment = std::mem::take(&mut doc.payment);
                doc.entry.payments.push(payment);
            }
            [_, _, b, "Ntry", "NtryDtls", "TxDtls", field @ ..] if *b == block => doc.payment_field(field, value),
            [_, _, b, "Ntry", field @ ..] if *b == block => doc.entry_field(field, value),
            _ => {}
        }
        self.path.pop();
        Ok(())
    }

    /// `&amp;` and `&#233;` arrive as their own events; any other entity would need a DTD.
    fn push_reference(&mut self, reference: &BytesRef, at: u64) -> Result<(), CamtError> {
        let character = reference.resolve_char_ref().map_err(|e| self.malformed(at, e.to_string()))?;
        match (character, resolve_predefined_entity(reference)) {
            (Some(character), _) => self.text.push(character),
            (None, Some(text)) => self.text.push_str(text),
            (None, None) => {
                return Err(self.malformed(at, format!("“&{};” is not an entity XML defines", &**reference)));
            }
        }
        Ok(())
    }
}

impl Doc {
    fn set_account(&mut self, iban: &str) -> Result<(), CamtError> {
        match &self.account_iban {
            Some(first) if first != iban => {
                Err(CamtError::SeveralAccounts { first: first.clone(), second: iban.to_owned() })
            }
            _ => {
                self.account_iban = Some(iban.to_owned());
                Ok(())
            }
        }
    }

    fn entry_field(&mut self, field: &[&str], value: &str) {
        let entry = &mut self.entry;
        match field {
            ["Amt"] => entry.amount = Some(RawAmount { text: value.to_owned(), ..self.amount.clone() }),
            ["CdtDbtInd"] => entry.credit_debit = value.to_owned(),
            ["RvslInd"] => entry.reversal = value == "true" || value == "1",
            // .04 writes the status as text, .08 in Sts/Cd; the outer Sts of .08 has no text.
            ["Sts"] | ["Sts", "Cd"] if !value.is_empty() => entry.status = value.to_owned(),
            ["BookgDt", "Dt" | "DtTm"] => entry.booked = Some(value.to_owned()),
            ["ValDt", "Dt" | "DtTm"] => entry.valued = Some(value.to_owned()),
            ["AcctSvcrRef"] => entry.bank_ref = non_empty(value),
            ["AddtlNtryInf"] => entry.info.extend(non_empty(value)),
            _ => {}
        }
    }

    fn payment_field(&mut self, field: &[&str], value: &str) {
        let payment = &mut self.payment;
        let amount = || Some(RawAmount { text: value.to_owned(), ..self.amount.clone() });
        match field {
            ["Refs", "AcctSvcrRef"] => payment.bank_ref = non_empty(value),
            ["Amt"] => payment.amount = amount(),
            ["AmtDtls", "TxAmt", "Amt"] => payment.detailed_amount = amount(),
            // .08 wraps the party in Pty; .04 does not.
            ["RltdPties", "Dbtr", "Pty", "Nm"] | ["RltdPties", "Dbtr", "Nm"] => payment.debtor_name = non_empty(value),
            ["RltdPties", "DbtrAcct", "Id", "IBAN"] => payment.debtor_iban = non_empty(value),
            ["RmtInf", "Strd", "CdtrRefInf", "Ref"] if payment.reference.is_none() => {
                payment.reference = non_empty(&value.split_whitespace().collect::<String>());
            }
            ["RmtInf", "Strd", "CdtrRefInf", "Tp", "CdOrPrtry", "Cd" | "Prtry"] if payment.reference_kind.is_none() => {
                payment.reference_kind = non_empty(value);
            }
            ["RmtInf", "Ustrd"] => payment.message.extend(non_empty(value)),
            // PostFinance puts processing codes such as "?REJECT?0" there too; they mean nothing to a person.
            ["RmtInf", "Strd", "AddtlRmtInf"] if !value.starts_with('?') => payment.message.extend(non_empty(value)),
            _ => {}
        }
    }

    /// Turns a finished entry into movements, if it is a booked credit or a booked credit's reversal.
    fn finish_entry(&mut self) -> Result<(), CamtError> {
        let mut entry = std::mem::take(&mut self.entry);
        let Some(direction) = entry.direction() else { return Ok(()) };
        let message_id = self.message_id.as_deref().ok_or(CamtError::NoMessageId)?;
        let (number, line) = (self.entries_seen, entry.line);
        let booked_on = entry.booked_on(number)?;
        if entry.payments.is_empty() {
            // Without details, the entry is the payment, under the entry's own reference.
            let (bank_ref, message) = (entry.bank_ref.take(), std::mem::take(&mut entry.info));
            entry.payments.push(RawPayment { bank_ref, message, ..RawPayment::default() });
        }
        let alone = entry.payments.len() == 1;
        for (index, payment) in entry.payments.into_iter().enumerate() {
            let n = index + 1;
            // A collective entry's amount is the sum of its payments: it stands for one only when alone.
            let amount = (payment.amount.as_ref().or(payment.detailed_amount.as_ref()))
                .or(entry.amount.as_ref().filter(|_| alone))
                .ok_or(CamtError::NoAmount { entry: number, line, payment: n })?;
            let (amount_cents, currency) = (cents(amount, number)?, currency(amount, entry.amount.as_ref(), number)?);
            let bank_ref = payment.bank_ref.unwrap_or_else(|| match &entry.bank_ref {
                Some(entry_ref) => format!("{entry_ref}/{n}"),
                None => format!("{message_id}/{number}/{n}"),
            });
            self.movements.push(Movement {
                direction,
                bank_ref,
                amount_cents,
                currency,
                booked_on,
                reference: payment.reference,
                reference_kind: payment.reference_kind,
                debtor_name: payment.debtor_name,
                debtor_iban: payment.debtor_iban,
                message: joined(&payment.message),
            });
        }
        Ok(())
    }
}

impl RawEntry {
    /// Only money in matters: booked credits, and booked reversals of credits (which camt writes as debits).
    fn direction(&self) -> Option<Direction> {
        if self.status != "BOOK" {
            return None;
        }
        match (self.credit_debit.as_str(), self.reversal) {
            ("CRDT", false) => Some(Direction::Credit),
            ("DBIT", true) => Some(Direction::Reversal),
            _ => None,
        }
    }

    fn booked_on(&self, entry: usize) -> Result<NaiveDate, CamtError> {
        let line = self.line;
        let text = self.booked.as_deref().or(self.valued.as_deref()).ok_or(CamtError::NoDate { entry, line })?;
        // A DtTm's date as written is the bank's booking day, whatever its time zone.
        let day = text.get(..10).unwrap_or(text);
        NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| CamtError::BadDate { entry, line, text: text.into() })
    }
}

fn cents(amount: &RawAmount, entry: usize) -> Result<i64, CamtError> {
    parse_cents(&amount.text).map_err(|problem| CamtError::Amount {
        entry,
        line: amount.line,
        text: amount.text.clone(),
        problem,
    })
}

/// Decimal text ("184", "100.5", "1949.75") to cents, refusing what a bank never writes.
fn parse_cents(text: &str) -> Result<i64, AmountProblem> {
    if text.starts_with('-') {
        return Err(AmountProblem::Negative);
    }
    // rust_decimal alone would also read "1_000" and "+5" (and `parse` even "1e3").
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    let points = text.bytes().filter(|byte| *byte == b'.').count();
    if digits == 0 || points > 1 || digits + points != text.len() {
        return Err(AmountProblem::NotANumber);
    }
    let value = Decimal::from_str_exact(text).map_err(|error| match error {
        rust_decimal::Error::Underflow => AmountProblem::TooManyDecimals,
        _ => AmountProblem::TooLarge,
    })?;
    // "150.000" is 150.00 exactly; "1.001" is not a price in cents.
    if value.normalize().scale() > 2 {
        return Err(AmountProblem::TooManyDecimals);
    }
    match value.checked_mul(Decimal::ONE_HUNDRED).and_then(|cents| cents.to_i64()) {
        Some(0) => Err(AmountProblem::Zero),
        Some(cents) if cents <= MAX_CENTS => Ok(cents),
        _ => Err(AmountProblem::TooLarge),
    }
}

fn currency(amount: &RawAmount, entry_amount: Option<&RawAmount>, entry: usize) -> Result<String, CamtError> {
    (amount.currency.clone())
        .or_else(|| entry_amount.and_then(|a| a.currency.clone()))
        .ok_or(CamtError::NoCurrency { entry, line: amount.line })
}

/// The element names the parser matches on; any other is "" in the path. Interned, paths are
/// slices of `&'static str` that `match` can take apart.
fn intern(name: &str) -> &'static str {
    #[rustfmt::skip]
    const KNOWN: &[&str] = &[
        "Document", "BkToCstmrDbtCdtNtfctn", "BkToCstmrStmt", "GrpHdr", "MsgId", "Ntfctn", "Stmt", "Acct", "Id",
        "IBAN", "Ntry", "Amt", "CdtDbtInd", "RvslInd", "Sts", "Cd", "Prtry", "BookgDt", "ValDt", "Dt", "DtTm",
        "AcctSvcrRef", "AddtlNtryInf", "NtryDtls", "TxDtls", "Refs", "AmtDtls", "TxAmt", "RltdPties", "Dbtr",
        "Pty", "Nm", "DbtrAcct", "RmtInf", "Ustrd", "Strd", "CdtrRefInf", "Ref", "Tp", "CdOrPrtry", "AddtlRmtInf",
    ];
    KNOWN.iter().find(|known| **known == name).copied().unwrap_or("")
}

fn attribute(start: &BytesStart, name: &str) -> Option<String> {
    let attribute = start.try_get_attribute(name).ok()??;
    let value = attribute.normalized_value(XmlVersion::Implicit1_0).ok()?;
    non_empty(value.trim())
}

fn hex_sha256(bytes: &[u8]) -> String {
    super::digest::hex(&Sha256::digest(bytes))
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

fn joined(lines: &[String]) -> Option<String> {
    non_empty(&lines.join(" "))
}

/// Counts lines forward as the reader advances, so numbering entries costs one pass over the file.
struct Lines<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, at: u64) -> usize {
        let to = position(at).min(self.bytes.len());
        if to < self.counted_to {
            return line_at(self.bytes, to);
        }
        self.line += self.bytes[self.counted_to..to].iter().filter(|byte| **byte == b'\n').count();
        self.counted_to = to;
        self.line
    }
}

fn line_at(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at.min(bytes.len())].iter().filter(|byte| **byte == b'\n').count()
}

fn position(at: u64) -> usize {
    usize::try_from(at).unwrap_or(usize::MAX)
}

/// One credit (or its reversal) for [`write_camt054`] and [`write_camt053`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleCredit {
    pub bank_ref: String,
    pub amount_cents: i64,
    /// Written as QRR if 27 digits, SCOR if it starts with RF, else without a type.
    pub reference: Option<String>,
    pub debtor_name: Option<String>,
    pub debtor_iban: Option<String>,
    pub booked_on: NaiveDate,
    /// Written as a booked DBIT entry with `RvslInd` true.
    pub reversal: bool,
}

/// Writes a camt.054 file (`.001.08` layout for versions 7 and 8, `.001.04` layout below), for
/// tests, benchmarks and demos: one collective entry per `per_entry` consecutive credits that
/// share a booking date and direction.
pub fn write_camt054(
    version: u8,
    account_iban: &str,
    message_id: &str,
    credits: &[SampleCredit],
    per_entry: usize,
) -> String {
    write_file(FileKind::Camt054, version, account_iban, message_id, credits, per_entry)
}

/// Writes the same entries as [`write_camt054`] in a camt.053 statement, with its balances.
pub fn write_camt053(
    version: u8,
    account_iban: &str,
    message_id: &str,
    credits: &[SampleCredit],
    per_entry: usize,
) -> String {
    write_file(FileKind::Camt053, version, account_iban, message_id, credits, per_entry)
}

fn write_file(kind: FileKind, version: u8, iban: &str, id: &str, credits: &[SampleCredit], per_entry: usize) -> String {
    let (iban, id) = (escape(iban), escape(id));
    let day = credits.iter().map(|credit| credit.booked_on).max().map_or("2026-01-01".into(), |day| day.to_string());
    let standard = if version >= 7 { "SPS/2.2/PROD" } else { "SPS/1.7/PROD" };
    let (_, message, block) = kind.names();
    let mut out = String::with_capacity(1024 + credits.len() * 900);
    out.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"{ISO_NAMESPACE}{kind}.001.{version:02}\">\n\
         <{message}>\n <GrpHdr><MsgId>{id}</MsgId><CreDtTm>{day}T23:00:00</CreDtTm><AddtlInf>{standard}</AddtlInf></GrpHdr>\n\
         <{block}><Id>{id}-1</Id><CreDtTm>{day}T23:00:00</CreDtTm>\n  <Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>CHF</Ccy></Acct>\n"
    ));
    if kind == FileKind::Camt053 {
        let net = credits
            .iter()
            .fold(0i64, |sum, c| sum.saturating_add(if c.reversal { -c.amount_cents } else { c.amount_cents }));
        out.push_str(&balance("OPBD", 0, &day));
        out.push_str(&balance("CLBD", net, &day));
    }
    let entries = credits.chunk_by(|a, b| a.reversal == b.reversal && a.booked_on == b.booked_on);
    for (index, group) in entries.flat_map(|run| run.chunks(per_entry.max(1))).enumerate() {
        write_entry(&mut out, version, &format!("{id}-{}", index + 1), group);
    }
    out.push_str(&format!(" </{block}>\n</{message}>\n</Document>\n"));
    out
}

fn balance(code: &str, cents: i64, day: &str) -> String {
    let indicator = if cents < 0 { "DBIT" } else { "CRDT" };
    format!(
        "  <Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy=\"CHF\">{}</Amt>\
         <CdtDbtInd>{indicator}</CdtDbtInd><Dt><Dt>{day}</Dt></Dt></Bal>\n",
        amount_text(cents.saturating_abs())
    )
}

fn write_entry(out: &mut String, version: u8, entry_ref: &str, credits: &[SampleCredit]) {
    let Some(first) = credits.first() else { return };
    let total = credits.iter().fold(0i64, |sum, credit| sum.saturating_add(credit.amount_cents));
    let (indicator, family) = if first.reversal { ("DBIT", "RRTN") } else { ("CRDT", "VCOM") };
    let status = if version >= 7 { "<Sts><Cd>BOOK</Cd></Sts>" } else { "<Sts>BOOK</Sts>" };
    out.push_str(&format!(
        "  <Ntry><Amt Ccy=\"CHF\">{}</Amt><CdtDbtInd>{indicator}</CdtDbtInd><RvslInd>{}</RvslInd>{status}\n   \
         <BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt><AcctSvcrRef>{entry_ref}</AcctSvcrRef>\n   \
         <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>{family}</SubFmlyCd></Fmly></Domn></BkTxCd>\n   \
         <NtryDtls><Btch><NbOfTxs>{}</NbOfTxs></Btch>\n",
        amount_text(total),
        first.reversal,
        credits.len(),
        day = first.booked_on,
    ));
    for credit in credits {
        out.push_str(&payment_xml(version, indicator, credit));
    }
    out.push_str("   </NtryDtls></Ntry>\n");
}

fn payment_xml(version: u8, indicator: &str, credit: &SampleCredit) -> String {
    let name = credit.debtor_name.as_deref().map(escape);
    let party = match name {
        Some(name) if version >= 7 => format!("<Dbtr><Pty><Nm>{name}</Nm></Pty></Dbtr>"),
        Some(name) => format!("<Dbtr><Nm>{name}</Nm></Dbtr>"),
        None => String::new(),
    };
    let account = (credit.debtor_iban.as_deref())
        .map(|iban| format!("<DbtrAcct><Id><IBAN>{}</IBAN></Id></DbtrAcct>", escape(iban)))
        .unwrap_or_default();
    let parties = if party.is_empty() && account.is_empty() {
        String::new()
    } else {
        format!("<RltdPties>{party}{account}</RltdPties>")
    };
    let remittance = credit.reference.as_deref().map_or(String::new(), |reference| {
        let kind = if reference.len() == 27 && reference.bytes().all(|b| b.is_ascii_digit()) {
            "<Tp><CdOrPrtry><Prtry>QRR</Prtry></CdOrPrtry></Tp>"
        } else if reference.starts_with("RF") {
            "<Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
        } else {
            ""
        };
        format!("<RmtInf><Strd><CdtrRefInf>{kind}<Ref>{}</Ref></CdtrRefInf></Strd></RmtInf>", escape(reference))
    });
    format!(
        "    <TxDtls><Refs><AcctSvcrRef>{}</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>\
         <Amt Ccy=\"CHF\">{}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>\n     {parties}{remittance}</TxDtls>\n",
        escape(&credit.bank_ref),
        amount_text(credit.amount_cents),
    )
}

fn amount_text(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{}.{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// From the crate root, so the module can move without its fixtures.
    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/camt/", $name))
        };
    }

    const PAYMENTS_MD: &str = fixture!("camt054_v08_payments_md.xml");
    const SAME_AS_V04: &str = fixture!("camt054_v04_same_payments.xml");
    const SAME_IN_STATEMENT: &str = fixture!("camt053_v08_same_payments.xml");
    const SPS_REALISTIC: &str = fixture!("camt054_v08_sps_realistic.xml");

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// A camt.054 .08 file around hand-written blocks, which start on line 2.
    fn document(blocks: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\">\
             <BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>MSG-1</MsgId></GrpHdr>\n{blocks}\n</BkToCstmrDbtCdtNtfctn></Document>"
        )
    }

    fn block(iban: &str, entries: &str) -> String {
        format!("<Ntfctn><Id>N</Id><Acct><Id><IBAN>{iban}</IBAN></Id></Acct>{entries}</Ntfctn>")
    }

    fn notification(entries: &str) -> String {
        document(&block("CH4431999123000889012", entries))
    }

    fn entry(amount: &str, indicator: &str, reversal: bool, status: &str, inner: &str) -> String {
        format!(
            "<Ntry><Amt Ccy=\"CHF\">{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd><RvslInd>{reversal}</RvslInd>\
             <Sts><Cd>{status}</Cd></Sts><BookgDt><Dt>2026-12-02</Dt></BookgDt><AcctSvcrRef>E-1</AcctSvcrRef>{inner}</Ntry>"
        )
    }

    fn movements(xml: &str) -> Vec<Movement> {
        parse(xml.as_bytes()).unwrap().movements
    }

    /// The two payments of PAYMENTS.md's sample, which several fixtures hold in other shapes.
    fn assert_sample_payments(file: &BankFile) {
        assert_eq!(file.message_id.len(), 23);
        assert_eq!(file.account_iban.as_deref(), Some("CH4431999123000889012"));
        let [first, second] = file.movements.as_slice() else { panic!("{:?}", file.movements) };
        assert_eq!(first.direction, Direction::Credit);
        assert_eq!(first.bank_ref, "2000000000000001");
        assert_eq!(first.amount_cents, 10000);
        assert_eq!(first.currency, "CHF");
        assert_eq!(first.booked_on, day("2026-12-02"));
        assert_eq!(first.reference.as_deref(), Some("000000000042000000001234019"));
        assert_eq!(first.reference_kind.as_deref(), Some("QRR"));
        assert_eq!(first.debtor_name.as_deref(), Some("Jeanne Exemple"));
        assert_eq!(first.debtor_iban.as_deref(), Some("CH5800791123000889012"));
        assert_eq!((second.bank_ref.as_str(), second.amount_cents), ("2000000000000002", 5000));
        assert_eq!(second.reference.as_deref(), Some("RF73CF42P1234A01"));
        assert_eq!(second.reference_kind.as_deref(), Some("SCOR"));
        assert_eq!((&second.debtor_name, &second.debtor_iban, &second.message), (&None, &None, &None));
    }

    #[test]
    fn the_payments_md_sample_gives_its_two_credits() {
        let file = parse(PAYMENTS_MD.as_bytes()).unwrap();
        assert_eq!((file.kind, file.version), (FileKind::Camt054, 8));
        assert_eq!(file.message_id, "20261202375204295372463");
        assert_sample_payments(&file);
    }

    #[test]
    fn the_same_payments_in_a_version_04_file_give_the_same_movements() {
        let file = parse(SAME_AS_V04.as_bytes()).unwrap();
        assert_eq!((file.kind, file.version), (FileKind::Camt054, 4));
        assert_sample_payments(&file);
        assert_eq!(file.movements, parse(PAYMENTS_MD.as_bytes()).unwrap().movements);
    }

    #[test]
    fn a_statement_with_the_same_entry_gives_the_same_movements_and_skips_debits_and_pending() {
        let file = parse(SAME_IN_STATEMENT.as_bytes()).unwrap();
        assert_eq!((file.kind, file.version), (FileKind::Camt053, 8));
        assert_sample_payments(&file);
        assert_eq!(file.movements, parse(PAYMENTS_MD.as_bytes()).unwrap().movements);
    }

    #[test]
    fn a_realistic_swiss_notification_with_charges_and_amount_details_parses() {
        let file = parse(SPS_REALISTIC.as_bytes()).unwrap();
        assert_eq!(file.account_iban.as_deref(), Some("CH5800791123000889012"));
        let refs: Vec<_> = file.movements.iter().map(|m| (m.bank_ref.as_str(), m.amount_cents, m.direction)).collect();
        assert_eq!(
            refs,
            [
                ("2000000000000201", 194975, Direction::Credit),
                ("2000000000000202", 6000, Direction::Credit),
                ("1000000000000102", 30000, Direction::Credit),
                ("2000000000000301", 2500, Direction::Reversal),
            ]
        );
        let [qr, scor, plain, reversal] = file.movements.as_slice() else { unreachable!() };
        assert_eq!(qr.reference.as_deref(), Some("210000000003139471430009017"));
        assert_eq!(qr.debtor_name.as_deref(), Some("Pia-Maria Rutschmann-Schnyder"));
        assert_eq!(qr.debtor_iban.as_deref(), Some("CH9300762011623852957"));
        assert_eq!(qr.message.as_deref(), Some("Order of 15.09.2019"));
        assert_eq!(
            (scor.reference.as_deref(), scor.reference_kind.as_deref()),
            (Some("RF18539007547034"), Some("SCOR"))
        );
        assert_eq!(scor.debtor_name.as_deref(), Some("Müller & Söhne GmbH"));
        assert_eq!(scor.message.as_deref(), Some("Pledge 1234, reward \"Poster A2\""));
        assert_eq!(plain.booked_on, day("2026-12-03"));
        assert_eq!(plain.message.as_deref(), Some("GUTSCHRIFT VON LUCA BERNASCONI"));
        assert_eq!(reversal.reference.as_deref(), Some("000000000042000000001234019"));
    }

    #[test]
    fn only_booked_credits_and_reversals_of_credits_count() {
        let skipped =
            [("CRDT", false, "PDNG"), ("CRDT", false, "INFO"), ("DBIT", false, "BOOK"), ("CRDT", true, "BOOK")];
        let xml = skipped.map(|(indicator, reversal, status)| entry("10", indicator, reversal, status, "")).concat();
        assert_eq!(movements(&notification(&xml)), []);
        let found = movements(&notification(&(xml + &entry("10", "DBIT", true, "BOOK", ""))));
        assert_eq!((found.len(), found[0].direction, found[0].amount_cents), (1, Direction::Reversal, 1000));
    }

    #[test]
    fn an_entry_without_details_is_one_movement_with_the_entrys_amount_and_reference() {
        let found =
            movements(&notification(&entry("184", "CRDT", false, "BOOK", "<AddtlNtryInf>GUTSCHRIFT</AddtlNtryInf>")));
        assert_eq!((found[0].bank_ref.as_str(), found[0].amount_cents), ("E-1", 18400));
        assert_eq!(found[0].message.as_deref(), Some("GUTSCHRIFT"));
    }

    #[test]
    fn bank_refs_fall_back_to_the_entry_then_to_the_message() {
        let details =
            "<NtryDtls><TxDtls><Amt Ccy=\"CHF\">1</Amt></TxDtls><TxDtls><Amt Ccy=\"CHF\">2</Amt></TxDtls></NtryDtls>";
        let refs = |xml: String| movements(&xml).into_iter().map(|m| m.bank_ref).collect::<Vec<_>>();
        assert_eq!(refs(notification(&entry("3", "CRDT", false, "BOOK", details))), ["E-1/1", "E-1/2"]);
        let entries = entry("3", "CRDT", false, "BOOK", details) + &entry("1", "CRDT", false, "BOOK", "");
        let without = notification(&entries).replace("<AcctSvcrRef>E-1</AcctSvcrRef>", "");
        assert_eq!(refs(without), ["MSG-1/1/1", "MSG-1/1/2", "MSG-1/2/1"]);
    }

    #[test]
    fn amounts_are_decimal_text() {
        for (text, cents) in [("184", 18400), ("100.5", 10050), ("1949.75", 194975), ("150.000", 15000), ("0.01", 1)] {
            assert_eq!(
                movements(&notification(&entry(text, "CRDT", false, "BOOK", "")))[0].amount_cents,
                cents,
                "{text}"
            );
        }
    }

    #[test]
    fn amounts_a_bank_never_writes_are_refused_naming_the_entry() {
        use AmountProblem::*;
        let cases = [
            ("1e3", NotANumber),
            ("-5", Negative),
            ("1.001", TooManyDecimals),
            ("1_000", NotANumber),
            ("+5", NotANumber),
            ("", NotANumber),
            ("0.00", Zero),
            ("1000000000.00", TooLarge),
            ("99999999999999999999999999999999", TooLarge),
        ];
        for (text, expected) in cases {
            let xml = notification(&(entry("1", "CRDT", false, "BOOK", "") + &entry(text, "CRDT", false, "BOOK", "")));
            let error = parse(xml.as_bytes()).unwrap_err();
            assert!(
                matches!(error, CamtError::Amount { entry: 2, line: 2, problem, .. } if problem == expected),
                "{text}: {error}"
            );
            assert!(error.to_string().starts_with(&format!("entry 2, line 2: the amount “{text}” ")), "{error}");
        }
        let error = parse(notification(&entry("1e3", "CRDT", false, "BOOK", "")).as_bytes()).unwrap_err();
        assert_eq!(error.to_string(), "entry 1, line 2: the amount “1e3” is not a number");
    }

    #[test]
    fn a_bad_amount_in_a_skipped_entry_does_not_block_the_file() {
        assert_eq!(movements(&notification(&entry("1e3", "DBIT", false, "BOOK", ""))), []);
    }

    #[test]
    fn doctype_and_billion_laughs_are_refused_unexpanded() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">\
                      <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\
                      <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n<lolz>&lol3;</lolz>";
        assert!(matches!(parse(laughs.as_bytes()), Err(CamtError::DocType { line: 2 })));
        let plain = PAYMENTS_MD.replace("<Document", "<!DOCTYPE Document SYSTEM \"file:///etc/passwd\"><Document");
        let error = parse(plain.as_bytes()).unwrap_err();
        assert!(error.to_string().starts_with("the file declares a DOCTYPE or entities, which bank files never do"));
        let undeclared = PAYMENTS_MD.replace("Jeanne Exemple", "&lol3;");
        assert!(matches!(parse(undeclared.as_bytes()), Err(CamtError::Malformed { line: 15, .. })));
    }

    #[test]
    fn other_messages_and_versions_are_refused() {
        let with = |namespace: &str| PAYMENTS_MD.replace("camt.054.001.08", namespace);
        for namespace in ["pain.001.001.09", "camt.052.001.08", "camt.054.001", "camt.054.01.08"] {
            let error = parse(with(namespace).as_bytes()).unwrap_err();
            assert!(matches!(error, CamtError::NotCamt { .. }), "{namespace}: {error}");
        }
        assert_eq!(
            parse(with("pain.001.001.09").as_bytes()).unwrap_err().to_string(),
            "the file is not a camt.053 or camt.054 bank file (namespace “urn:iso:std:iso:20022:tech:xsd:pain.001.001.09”)"
        );
        for namespace in ["camt.054.001.02", "camt.054.001.10", "camt.053.001.8"] {
            let error = parse(with(namespace).as_bytes()).unwrap_err();
            assert!(matches!(error, CamtError::UnsupportedVersion { .. }), "{namespace}: {error}");
        }
        assert_eq!(
            parse(with("camt.054.001.02").as_bytes()).unwrap_err().to_string(),
            "camt version 054.001.02 is not supported (053/054 .001.04 to .001.08 are)"
        );
        let no_namespace = PAYMENTS_MD.replace(" xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"", "");
        assert!(parse(no_namespace.as_bytes()).unwrap_err().to_string().ends_with("(namespace “none”)"));
        let statement_inside = with("camt.053.001.08");
        assert!(matches!(parse(statement_inside.as_bytes()), Err(CamtError::UnexpectedElement { line: 3, .. })));
    }

    #[test]
    fn what_is_not_xml_is_refused() {
        for text in ["", "hello", "{\"MsgId\": 1}", "   ", "<<<", "%PDF-1.7"] {
            assert!(matches!(parse(text.as_bytes()), Err(CamtError::NotXml)), "{text}");
        }
        assert_eq!(parse(b"hello").unwrap_err().to_string(), "the file is not XML");
        assert!(matches!(parse(b"<?xml version=\"1.0\"?>\n\xff\xfe<"), Err(CamtError::NotUtf8 { line: 2 })));
        let utf16: Vec<u8> = "\u{feff}<Document/>".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(matches!(parse(&utf16), Err(CamtError::NotUtf8 { line: 1 })));
        let cut = &PAYMENTS_MD[..PAYMENTS_MD.len() / 2];
        assert!(matches!(parse(cut.as_bytes()), Err(CamtError::Malformed { .. })));
    }

    #[test]
    fn a_byte_order_mark_and_an_encoding_declaration_are_fine() {
        let with_bom = format!("\u{feff}{}", PAYMENTS_MD.replace("UTF-8", "utf-8"));
        assert_eq!(movements(&with_bom), movements(PAYMENTS_MD));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_parsing() {
        let huge = vec![b' '; MAX_FILE_BYTES + 1];
        assert_eq!(parse(&huge).unwrap_err().to_string(), "the file is larger than 64 MiB (67108865 bytes)");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = notification(&format!("{}{}", "<X>".repeat(100), "</X>".repeat(100)));
        assert!(matches!(parse(deep.as_bytes()), Err(CamtError::TooDeep { line: 2 })));
    }

    #[test]
    fn namespace_prefixes_read_like_the_default_namespace() {
        let prefixed = (PAYMENTS_MD.replace("</", "\u{1}").replace('<', "<c:").replace('\u{1}', "</c:"))
            .replace("<c:?xml", "<?xml")
            .replace("xmlns=", "xmlns:c=");
        assert_eq!(movements(&prefixed), movements(PAYMENTS_MD));
    }

    #[test]
    fn several_blocks_are_all_read_but_only_for_one_account() {
        let blocks = |second_iban: &str| {
            let credit = entry("1", "CRDT", false, "BOOK", "");
            document(&(block("CH4431999123000889012", &credit) + &block(second_iban, &credit.replace("E-1", "E-2"))))
        };
        let found = movements(&blocks("CH4431999123000889012"));
        assert_eq!(found.iter().map(|m| m.bank_ref.as_str()).collect::<Vec<_>>(), ["E-1", "E-2"]);
        let error = parse(blocks("CH5800791123000889012").as_bytes()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the file covers two accounts, CH4431999123000889012 and CH5800791123000889012: import one file per account"
        );
    }

    #[test]
    fn the_digest_is_the_sha256_of_the_raw_bytes() {
        assert_eq!(hex_sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let xml = notification("");
        assert_eq!(parse(xml.as_bytes()).unwrap().digest, hex_sha256(xml.as_bytes()));
        assert_ne!(parse((xml + " ").as_bytes()).unwrap().digest, hex_sha256(notification("").as_bytes()));
    }

    fn sample(index: usize) -> SampleCredit {
        SampleCredit {
            bank_ref: format!("TX-{index:06}"),
            amount_cents: 100 + i64::try_from(index).unwrap(),
            reference: Some(format!("{:027}", index * 10)),
            debtor_name: Some(format!("Backer {index}")),
            debtor_iban: Some("CH9300762011623852957".into()),
            booked_on: day("2026-12-02"),
            reversal: false,
        }
    }

    #[test]
    fn ten_thousand_written_credits_read_back() {
        let credits: Vec<_> = (0..10_000).map(sample).collect();
        let file = parse(write_camt054(8, "CH4431999123000889012", "BENCH-1", &credits, 100).as_bytes()).unwrap();
        assert_eq!(file.movements.len(), 10_000);
        assert_eq!(file.movements[9_999].bank_ref, "TX-009999");
        let statement = parse(write_camt053(8, "CH4431999123000889012", "BENCH-2", &credits, 100).as_bytes()).unwrap();
        assert_eq!(statement.movements, file.movements);
    }

    fn expected(credit: &SampleCredit) -> Movement {
        let reference_kind = match credit.reference.as_deref() {
            Some(r) if r.len() == 27 && r.bytes().all(|b| b.is_ascii_digit()) => Some("QRR".to_owned()),
            Some(r) if r.starts_with("RF") => Some("SCOR".to_owned()),
            _ => None,
        };
        Movement {
            direction: if credit.reversal { Direction::Reversal } else { Direction::Credit },
            bank_ref: credit.bank_ref.clone(),
            amount_cents: credit.amount_cents,
            currency: "CHF".into(),
            booked_on: credit.booked_on,
            reference: credit.reference.clone(),
            reference_kind,
            debtor_name: credit.debtor_name.clone(),
            debtor_iban: credit.debtor_iban.clone(),
            message: None,
        }
    }

    fn credit_strategy() -> impl Strategy<Value = SampleCredit> {
        let reference = prop_oneof![
            Just(None),
            "[0-9]{27}".prop_map(Some),
            "RF[0-9]{2}[A-Z0-9]{1,21}".prop_map(Some),
            "[A-Za-z0-9]{1,20}".prop_map(Some)
        ];
        let name = proptest::option::of("[A-Za-zÀ-ÿ&<>'\"][A-Za-zÀ-ÿ&<>'\" .-]{0,30}[A-Za-z&<>]");
        (
            ("[A-Z0-9&<-]{1,35}", 1..=MAX_CENTS, reference, name),
            (proptest::option::of("CH[0-9]{19}"), 0..3000i64, any::<bool>()),
        )
            .prop_map(|((bank_ref, amount_cents, reference, debtor_name), (debtor_iban, days, reversal))| {
                SampleCredit {
                    bank_ref,
                    amount_cents,
                    reference,
                    debtor_name,
                    debtor_iban,
                    booked_on: day("2024-01-01") + chrono::Duration::days(days),
                    reversal,
                }
            })
    }

    /// Cuts, duplicates or overwrites a stretch of a valid file.
    fn mutated(base: &'static str) -> impl Strategy<Value = Vec<u8>> {
        (0..base.len(), 0..64usize, proptest::collection::vec(any::<u8>(), 0..16), 0..3u8).prop_map(
            move |(at, length, noise, how)| {
                let mut bytes = base.as_bytes().to_vec();
                let end = (at + length).min(bytes.len());
                let (range, insert) = match how {
                    0 => (at..end, Vec::new()),
                    1 => (at..at, bytes[at..end].to_vec()),
                    _ => (at..end, noise),
                };
                let _removed: Vec<u8> = bytes.splice(range, insert).collect();
                bytes
            },
        )
    }

    /// Well-formed trees of the elements the parser looks at, in any order, to reach its odd states.
    fn tree() -> impl Strategy<Value = String> {
        let names = "Ntry NtryDtls TxDtls Amt AmtDtls TxAmt Sts Cd Prtry CdtDbtInd RvslInd BookgDt ValDt Dt DtTm Refs \
                     AcctSvcrRef RmtInf Strd CdtrRefInf Tp CdOrPrtry Ref Ustrd RltdPties Dbtr Pty Nm Acct Id IBAN";
        let texts = ["CRDT", "DBIT", "true", "BOOK", "1.5", "-2", "2026-12-02", "2026-13-45", "a &amp; b", " "];
        let leaf = proptest::sample::select(texts.to_vec()).prop_map(String::from);
        leaf.prop_recursive(7, 96, 4, move |inner| {
            let name = proptest::sample::select(names.split_whitespace().collect::<Vec<_>>());
            let attributes = prop_oneof![Just(""), Just(" Ccy=\"CHF\"")];
            (name, attributes, proptest::collection::vec(inner, 0..4))
                .prop_map(|(name, ccy, children)| format!("<{name}{ccy}>{}</{name}>", children.concat()))
        })
    }

    proptest! {
        #[test]
        fn written_files_read_back_to_the_same_movements(
            credits in proptest::collection::vec(credit_strategy(), 0..20),
            per_entry in 0..5usize,
            version in prop_oneof![Just(4u8), Just(8u8)],
        ) {
            let expected: Vec<_> = credits.iter().map(expected).collect();
            let notification = parse(write_camt054(version, "CH4431999123000889012", "M&1", &credits, per_entry).as_bytes()).unwrap();
            prop_assert_eq!(&notification.movements, &expected);
            let statement = parse(write_camt053(version, "CH4431999123000889012", "M&2", &credits, per_entry).as_bytes()).unwrap();
            prop_assert_eq!(&statement.movements, &expected);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), text in ".{0,300}") {
            let _ = parse(&bytes);
            let _ = parse(text.as_bytes());
        }

        #[test]
        fn mutated_valid_files_never_panic(
            a in mutated(PAYMENTS_MD), b in mutated(SAME_AS_V04), c in mutated(SAME_IN_STATEMENT), d in mutated(SPS_REALISTIC),
        ) {
            for bytes in [a, b, c, d] {
                let _ = parse(&bytes);
            }
        }

        #[test]
        fn odd_entries_never_panic(inside_entry in tree(), inside_payment in tree(), beside in tree()) {
            let payment = format!("<NtryDtls><TxDtls>{inside_payment}</TxDtls></NtryDtls>");
            let _ = parse(notification(&(entry("1", "CRDT", false, "BOOK", &inside_entry) + &beside)).as_bytes());
            let _ = parse(notification(&entry("1", "DBIT", true, "BOOK", &payment)).as_bytes());
        }
    }
}
