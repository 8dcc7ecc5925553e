//! A calendar invitation for a reward's session: one iCalendar event (RFC 5545) per seat.
//!
//! The event's UID belongs to the seat, not to the session, so that a backer who moves to
//! another date, or whose date the team moves, imports the same entry again and their
//! calendar updates it (a higher SEQUENCE) instead of adding a second one.

use chrono::{DateTime, Utc};

/// The longest line iCalendar allows, in octets, without its line break.
const LINE: usize = 75;

/// What the event says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// Stable for the seat: see [`seat_uid`].
    pub uid: String,
    /// Grows with each change, so that calendars take the newest copy.
    pub sequence: u32,
    /// When this copy was made.
    pub stamp: DateTime<Utc>,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub summary: String,
    /// An address, or "online" in the backer's words.
    pub location: String,
    pub description: String,
    /// The backer's private page.
    pub url: String,
    /// The seat is gone: the pledge was cancelled or the team cancelled the session.
    pub cancelled: bool,
}

/// The UID of the seat held by pledge `pledge_id` of campaign `slug` on the site at `host`.
pub fn seat_uid(pledge_id: i64, slug: &str, host: &str) -> String {
    let host = if host.is_empty() { "bobine.invalid" } else { host };
    format!("seat-{pledge_id}-{slug}@{host}")
}

/// A SEQUENCE that grows with `changed`, the moment of the newest change that the event
/// shows: seconds since 2026, which an `i32` holds until 2094.
pub fn sequence_of(changed: DateTime<Utc>) -> u32 {
    const START: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
    u32::try_from((changed.timestamp() - START).clamp(0, i64::from(i32::MAX))).unwrap_or(0)
}

impl Invitation {
    /// The `.ics` file: lines ended by CRLF, folded at 75 octets, texts escaped.
    pub fn to_ics(&self) -> String {
        let status = if self.cancelled { "CANCELLED" } else { "CONFIRMED" };
        let lines = [
            "BEGIN:VCALENDAR".to_owned(),
            "VERSION:2.0".to_owned(),
            "PRODID:-//bobine//crowdfunding//EN".to_owned(),
            "CALSCALE:GREGORIAN".to_owned(),
            "METHOD:PUBLISH".to_owned(),
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", text(&self.uid)),
            format!("SEQUENCE:{}", self.sequence),
            format!("DTSTAMP:{}", utc(self.stamp)),
            format!("DTSTART:{}", utc(self.starts)),
            format!("DTEND:{}", utc(self.ends)),
            format!("SUMMARY:{}", text(&self.summary)),
            format!("LOCATION:{}", text(&self.location)),
            format!("DESCRIPTION:{}", text(&self.description)),
            format!("URL:{}", self.url),
            format!("STATUS:{status}"),
            "TRANSP:OPAQUE".to_owned(),
            "END:VEVENT".to_owned(),
            "END:VCALENDAR".to_owned(),
        ];
        let mut out = String::new();
        for line in lines {
            fold(&line, &mut out);
        }
        out
    }
}

/// A moment as iCalendar writes it in UTC: `20270306T083000Z`.
fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: backslash, semicolon and comma escaped, line breaks as `\n`, other control
/// characters left out.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `line` folded into lines of at most 75 octets, each continued with a space, never
/// splitting a character.
fn fold(line: &str, out: &mut String) {
    let mut room = LINE;
    for c in line.chars() {
        if c.len_utf8() > room {
            out.push_str("\r\n ");
            room = LINE - 1;
        }
        out.push(c);
        room -= c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation() -> Invitation {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        Invitation {
            uid: seat_uid(42, "mode-durable-geneve", "bobine.example.ch"),
            sequence: sequence_of(at("2027-01-01T00:00:00Z")),
            stamp: at("2027-01-02T10:00:00Z"),
            starts: at("2028-02-05T09:30:00+01:00"),
            ends: at("2028-02-05T11:30:00+01:00"),
            summary: "Atelier réparation de vêtements".into(),
            location: "Atelier, Rue de Carouge 50, 1205 Genève".into(),
            description: "Référence : RF18 5390 0754 7034; apportez une pièce à sauver.\nÀ bientôt !".into(),
            url: "https://bobine.example.ch/pledges/abc".into(),
            cancelled: false,
        }
    }

    #[test]
    fn an_event_in_utc_with_its_texts_escaped() {
        let ics = invitation().to_ics();
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{ics}");
        assert!(ics.contains("\r\nUID:seat-42-mode-durable-geneve@bobine.example.ch\r\n"), "{ics}");
        assert!(ics.contains("\r\nDTSTART:20280205T083000Z\r\nDTEND:20280205T103000Z\r\n"), "{ics}");
        assert!(ics.contains("\r\nLOCATION:Atelier\\, Rue de Carouge 50\\, 1205 Genève\r\n"), "{ics}");
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("RF18 5390 0754 7034\\; apportez"), "{ics}");
        assert!(unfolded.contains("sauver.\\nÀ bientôt"), "{ics}");
        assert!(ics.contains("\r\nSTATUS:CONFIRMED\r\n"), "{ics}");
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{ics}");
        // No bare line feed anywhere.
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut long = invitation();
        long.description = "é".repeat(100) + &"x".repeat(100);
        let ics = long.to_ics();
        for line in ics.split("\r\n") {
            assert!(line.len() <= LINE, "{} octets: {line}", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}{}\r\n", "é".repeat(100), "x".repeat(100))));
    }

    #[test]
    fn a_cancelled_seat_and_a_later_change_keep_the_uid_with_a_higher_sequence() {
        let first = invitation();
        let mut later = invitation();
        later.sequence = sequence_of(first.stamp + chrono::Duration::seconds(1));
        later.cancelled = true;
        assert_eq!(first.uid, later.uid);
        assert!(later.sequence > first.sequence);
        assert!(later.to_ics().contains("\r\nSTATUS:CANCELLED\r\n"));
        assert_eq!(sequence_of(DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z").unwrap().into()), 0);
    }
}
