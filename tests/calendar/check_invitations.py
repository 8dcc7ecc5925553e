"""Reads the calendar invitations the api tests kept (first.ics, moved.ics, cancelled.ics)
with Python's icalendar, an implementation of RFC 5545 independent of bobine's, and checks
what a calendar would take from them: one event each, the same UID throughout, a SEQUENCE
that grows with each change, the dates in UTC, the place unescaped, the cancellation."""

import sys
from datetime import datetime, timezone
from pathlib import Path

import icalendar


def event(path):
    data = path.read_bytes()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"", f"{path.name}: every line ends with CRLF"
    assert all(len(line) <= 75 for line in lines), f"{path.name}: a line is longer than 75 octets"
    calendar = icalendar.Calendar.from_ical(data)
    assert not calendar.errors, f"{path.name}: {calendar.errors}"
    assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID"), path.name
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 1, f"{path.name}: {len(events)} events"
    found = events[0]
    assert not found.errors, f"{path.name}: {found.errors}"
    for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "SEQUENCE", "STATUS"):
        assert required in found, f"{path.name}: no {required}"
    return found


def utc(*parts):
    return datetime(*parts, tzinfo=timezone.utc)


def main(folder):
    folder = Path(folder)
    first, moved, cancelled = (event(folder / name) for name in ("first.ics", "moved.ics", "cancelled.ics"))
    assert first["UID"] == moved["UID"] == cancelled["UID"], "one calendar entry for the seat"
    assert int(first["SEQUENCE"]) < int(moved["SEQUENCE"]) < int(cancelled["SEQUENCE"]), "each change is newer"
    assert first.decoded("DTSTART") == utc(2030, 3, 6, 8, 30), first.decoded("DTSTART")
    assert first.decoded("DTEND") == utc(2030, 3, 6, 11, 0)
    assert str(first["LOCATION"]) == "Atelier, Rue de Carouge 50, 1205 Genève", first["LOCATION"]
    assert str(first["SUMMARY"]) == "Atelier réparation"
    assert str(first["STATUS"]) == "CONFIRMED"
    assert moved.decoded("DTSTART") == utc(2030, 3, 13, 17, 0)
    assert str(moved["LOCATION"]) == "En ligne"
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert "/pledges/" not in (folder / "first.ics").read_text(encoding="utf-8"), "no private link in a calendar"
    assert str(first["URL"]).startswith("http"), first["URL"]
    print(f"invitations: 3 read by icalendar {icalendar.__version__}, UID {first['UID']} kept")


if __name__ == "__main__":
    main(sys.argv[1])
