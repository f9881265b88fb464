"""What `pmocat import` did, in words: people added, changed and left alone; absences
added and already there; and the located problems that stopped it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pmocat.render.safe import one_line
from pmocat.sources.roster_edit import AbsencesMerge, Change, PeopleMerge
from pmocat.sources.sheets import Located
from pmocat.words import period_words, plural, words_list


def problems_text(problems: list[Located]) -> str:
    """One line a problem: `FILE:row:column: message (hint)`."""
    return "".join(f"{one_line(str(p))}\n" for p in problems)


def notes_text(notes: list[Located]) -> str:
    return "".join(f"{one_line(p.where)}: note: {one_line(p.message)}"
                   + (f" ({one_line(p.hint)})" if p.hint else "") + "\n" for p in notes)


def value_words(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, float):
        return f"{value:g}"
    return one_line(str(value))


def _change_words(change: Change) -> str:
    return f"{change.field} {value_words(change.old)} → {value_words(change.new)}"


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def people_report(merge: PeopleMerge, source: str, roster: str) -> str:
    """The people added, changed and the same, a line each, and a summary."""
    lines = [f"From {one_line(source)} into {one_line(roster)}:"]
    width = max((len(pid) for pid, *_ in [*merge.added, *merge.changed]), default=0)
    lines += [f"  added    {pid.ljust(width)}  {one_line(name)}" for pid, name in merge.added]
    lines += [f"  changed  {pid.ljust(width)}  {'; '.join(map(_change_words, changes))}"
              for pid, changes in merge.changed]
    if merge.unchanged:
        lines.append(f"  same     {words_list(merge.unchanged, most=10)}")
    counts = [(len(merge.added), "added"), (len(merge.changed), "changed"),
              (len(merge.unchanged), "as they were")]
    said = [(n, what) for n, what in counts if n]  # "0 the same" says nothing
    summary = ", ".join(f"{_people(n) if i == 0 else n} {what}"
                        for i, (n, what) in enumerate(said)) or "nobody in the sheet"
    if merge.not_in_sheet:
        summary += f"; {_people(len(merge.not_in_sheet))} not in the sheet left alone"
    return "\n".join([*lines, summary + "."]) + "\n"


def absences_report(merge: AbsencesMerge, source: str, roster: str) -> str:
    lines = [f"From {one_line(source)} into {one_line(roster)}:"]
    width = max((len(a.person) for a in [*merge.added, *merge.already]), default=0)
    for label, absences in (("added        ", merge.added), ("already there", merge.already)):
        for a in absences:
            reason = f"  {one_line(a.reason)}" if a.reason else ""
            lines.append(f"  {label}  {a.person.ljust(width)}  "
                         f"{period_words(a.start, a.end)}{reason}")
    lines.append(f"{plural(len(merge.added), 'absence')} added, "
                 f"{len(merge.already)} already there.")
    return "\n".join(lines) + "\n"
