"""Reading leave from a calendar file (ICS): the icalendar package parses it, and
recurring-ical-events expands repeating events (RRULE, RDATE, EXDATE, moved occurrences)
within a window of dates, so a weekly event that never ends gives a bounded list.

Each event becomes whole days: an all-day event from its first day to the day before its
DTEND (DTEND is exclusive), a timed event every date it touches in its own time zone (one
that ends at midnight does not touch the next day). Cancelled events are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pmocat.errors import PmocatError
from pmocat.sources.sheets import MAX_CSV_BYTES, read_bytes


@dataclass(frozen=True)
class Event:
    """One occurrence of an event, in whole days."""

    summary: str
    start: date
    end: date
    #: the attendees' names (CN) and addresses, then the organiser's
    people: tuple[str, ...]
    uid: str

    @property
    def where(self) -> str:
        named = f"'{self.summary}'" if self.summary else f"UID {self.uid}"
        return f"event {named} on {self.start.isoformat()}"


def read_events(path: Path, display: str, first: date, last: date) -> list[Event]:
    """Every event (each occurrence of a repeating one) that touches `first`..`last`,
    in date order. A file that is not a calendar is a PmocatError."""
    import icalendar
    import recurring_ical_events

    if not path.is_file():
        raise PmocatError(f"'{display}' does not exist" if not path.exists()
                          else f"'{display}' is not a file")
    raw = read_bytes(path, display, MAX_CSV_BYTES)
    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except Exception:  # icalendar raises ValueError and others on text that is not a calendar
        raise PmocatError(f"cannot read '{display}' as a calendar (ICS) file") from None
    try:
        occurrences = list(recurring_ical_events.of(calendar).between(
            first, last + timedelta(days=1)))
    except Exception as exc:  # a broken rule or date in one event: name it, plainly
        raise PmocatError(f"cannot read the events of '{display}': "
                          f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    events = []
    for event in occurrences:
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        try:
            found = _days(event)
        except (TypeError, ValueError, AttributeError):  # a start with a zone, an end without
            found = None
        if found is None:
            continue
        start, end = found
        events.append(Event(" ".join(str(event.get("SUMMARY", "")).split()), start, end,
                            _people(event), str(event.get("UID", ""))))
    return sorted(events, key=lambda e: (e.start, e.end, e.summary, e.uid))


def _days(event: Any) -> tuple[date, date] | None:
    begins = event.get("DTSTART")
    if begins is None:
        return None
    start = begins.dt
    ends = event.get("DTEND")
    if ends is not None:
        end = ends.dt
    elif event.get("DURATION") is not None:
        end = start + event["DURATION"].dt
    else:
        end = None
    if not isinstance(start, datetime):  # an all-day event: DTEND is the day after
        last = (end - timedelta(days=1)) if isinstance(end, date) and end > start else start
        return start, last if not isinstance(last, datetime) else last.date()
    if end is None or end <= start:
        return start.date(), start.date()
    if isinstance(end, datetime):
        end = end.astimezone(start.tzinfo) if start.tzinfo and end.tzinfo else end
        last = end.date() - timedelta(days=1) if end.time() == datetime.min.time() else end.date()
    else:
        last = end
    return start.date(), max(last, start.date())


def _people(event: Any) -> tuple[str, ...]:
    found: list[str] = []
    attendees = event.get("ATTENDEE")
    if attendees is not None and not isinstance(attendees, list):
        attendees = [attendees]
    for who in [*(attendees or []), *([event["ORGANIZER"]] if "ORGANIZER" in event else [])]:
        name = getattr(who, "params", {}).get("CN")
        if name:
            found.append(str(name))
        address = str(who)
        if address.lower().startswith("mailto:"):
            found.append(address[7:])
    return tuple(found)
