"""Merging imported people and absences into `roster.yaml`: the merged roster is validated
with the models first, and written back through ruamel.yaml's round trip, so every
comment, every field the import does not carry and the file's layout stay as they were.

Nothing here writes a file: `merge_people` and `merge_absences` return the new text (or
the problems that stop it) and what changed; the command writes it.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pmocat.diagnostics import Diagnostic
from pmocat.errors import PmocatError
from pmocat.models import Person, RosterFile
from pmocat.sources.ics import Event
from pmocat.sources.mapping import RowValues
from pmocat.sources.sheets import Located
from pmocat.sources.validation import translate, validate
from pmocat.sources.yamlfile import Document, parse_yaml, read_regular
from pmocat.words import did_you_mean, words_list

#: directives, comments and blank lines up to an explicit '---' line that starts the document
_START = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n|%[^\n]*\n)*---[ \t]*(?:#[^\n]*)?\n")
#: an explicit '...' line that ends the document, and the comments or blank lines after it
_END = re.compile(r"\n\.\.\.[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*\Z")
#: a new person's keys in the order the reference and the bundled roster write them
PERSON_ORDER = ("id", "name", "role", "skills", "hours_per_week", "working_days",
                "cost_per_hour", "absences", "commitments")


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class Incoming:
    """One person as a sheet's row gives them: the fields it fills, and where each is."""

    id: str
    row: int
    values: dict[str, Any]
    #: field (or 'skills.<id>') -> the cell it came from, 'FILE:row:column'
    cells: dict[str, str]
    #: the fields whose cells could not be read (reported already): the person is checked
    #: for other problems, but not merged
    failed: frozenset[str] = frozenset()


@dataclass
class PeopleMerge:
    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, list[Change]]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_in_sheet: list[str] = field(default_factory=list)
    problems: list[Located] = field(default_factory=list)
    text: str | None = None


@dataclass(frozen=True)
class AbsenceIn:
    person: str
    start: date
    end: date
    reason: str | None
    where: str


@dataclass
class AbsencesMerge:
    added: list[AbsenceIn] = field(default_factory=list)
    already: list[AbsenceIn] = field(default_factory=list)
    problems: list[Located] = field(default_factory=list)
    text: str | None = None


class Roster:
    """The roster file as pmocat reads it (to validate and compare) and its text (to edit)."""

    def __init__(self, path: Path, display: str, *, within: Path | None = None) -> None:
        if not os.path.lexists(path):
            raise PmocatError(f"there is no roster at '{display}'; start one with 'pmocat init', "
                              "or name it with --roster")
        self.path, self.display = path, display
        # read once, and only inside the catalogue (`within`) when it is the catalogue's
        # own: the text edited is the text validated
        raw = read_regular(path, display, within=within)
        if isinstance(raw, Diagnostic):
            raise PmocatError(f"cannot import into '{display}': {raw.message}")
        self.raw = raw
        self.doc: Document = parse_yaml(raw, display)
        if self.doc.diagnostics:
            first = self.doc.diagnostics[0]
            raise PmocatError(f"{first.span}: {first.message}; fix the roster before importing "
                              f"into it (pmocat check shows every problem)")
        data = self.doc.data
        people = data.get("people") if isinstance(data, dict) else None
        if not isinstance(people, list) or not all(isinstance(p, dict) for p in people):
            raise PmocatError(f"'{display}' has no list of people to import into; "
                              "it starts 'people:' with one '- id: …' entry a person")
        self.people: list[dict[str, Any]] = people
        self.by_id: dict[str, dict[str, Any]] = {
            p["id"]: p for p in people if isinstance(p.get("id"), str)}
        #: the file's own byte-order mark and line ends, written back as they were
        self.bom, self.crlf = raw.startswith(b"\xef\xbb\xbf"), b"\r\n" in raw
        self.text = raw.decode("utf-8-sig").replace("\r\n", "\n")

    def person_of(self, text: str) -> str | None:
        """The id of the person `text` names: their id, their name, or an e-mail address
        whose part before '@' is their id or their name with '.', '_' or '-' for spaces."""
        wanted = _folded(text)
        if "@" in wanted:
            wanted = wanted.split("@", 1)[0]
        for candidate in (wanted, wanted.replace(".", " ").replace("_", " ")):
            for pid, person in self.by_id.items():
                if candidate in (pid, _folded(str(person.get("name", "")))):
                    return pid
        return None

    def hint_for(self, text: str) -> str | None:
        names = [*self.by_id, *(str(p.get("name")) for p in self.by_id.values())]
        return did_you_mean(text, names)

    def validated(self, people: list[dict[str, Any]], problems: list[Located]) -> bool:
        """The whole merged roster against its model; its problems located in the file."""
        data = {**self.doc.data, "people": people}
        _, found = validate(RosterFile, data, self.doc)
        problems += [Located(str(d.span), d.message, d.hint) for d in found]
        return not found

    def edited(self, edit: Any) -> str:
        """The file's text after `edit(people_sequence)` changes ruamel's round-trip tree."""
        from ruamel.yaml import YAML
        from ruamel.yaml.util import load_yaml_guess_indent

        # ruamel.yaml drops what comes before '---' (comments, a %YAML directive) and a
        # closing '...': those are kept as written, around the part it round-trips
        start = _START.match(self.text)
        head = start.group() if start else ""
        end = _END.search(self.text, len(head))
        tail = end.group()[1:] if end else ""
        body = self.text[len(head):len(self.text) - len(tail)]
        _, indent, dash = load_yaml_guess_indent(body)
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=2, sequence=indent or 4, offset=dash if dash is not None else 2)
        tree = yaml.load(body)
        edit(tree["people"])
        out = io.StringIO()
        yaml.dump(tree, out)
        text = head + out.getvalue() + tail
        return ("\ufeff" if self.bom else "") + (text.replace("\n", "\r\n") if self.crlf else text)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def merge_people(roster: Roster, incoming: list[Incoming]) -> PeopleMerge:
    """People from a sheet merged by id: new ids added, fields the sheet fills changed,
    everything else left as it was. Each person is validated, and the problems located at
    the cells that caused them; then the whole roster is."""
    result = PeopleMerge()
    merged = {pid: dict(person) for pid, person in roster.by_id.items()}
    updates: dict[str, dict[str, Any]] = {}
    for person in incoming:
        old = roster.by_id.get(person.id)
        new: dict[str, Any] = dict(old) if old is not None else {"id": person.id}
        changes = []
        for name, value in person.values.items():
            if name.startswith("skills."):
                skills = dict(new.get("skills") or {})
                skill = name.removeprefix("skills.")
                before = skills.get(skill)
                skills[skill] = value
                new["skills"] = skills
            else:
                before = new.get(name)
                new[name] = value
            if before != value:
                changes.append(Change(name, before, value))
        if old is None:
            new.setdefault("skills", {})
        problems = _person_problems(new, person, roster, added=old is None)
        if problems or person.failed:
            result.problems += problems
            continue
        merged[person.id] = new
        if old is None:
            result.added.append((person.id, str(new.get("name", ""))))
            updates[person.id] = new
        elif changes:
            result.changed.append((person.id, changes))
            updates[person.id] = {c.field: c.new for c in changes}
        else:
            result.unchanged.append(person.id)
    seen = {p.id for p in incoming}
    result.not_in_sheet = [pid for pid in roster.by_id if pid not in seen]
    if result.problems:
        return result
    order = [*roster.by_id, *(pid for pid, _ in result.added)]
    if not roster.validated([merged[pid] for pid in order], result.problems) or not updates:
        return result
    added = {pid for pid, _ in result.added}

    def edit(people: Any) -> None:
        from ruamel.yaml.comments import CommentedMap

        by_id = {item.get("id"): item for item in people if isinstance(item, CommentedMap)}
        # a roster written one person a line gets its new people written so too
        flow = bool(by_id) and all(item.fa.flow_style() for item in by_id.values())
        for pid, fields in updates.items():
            if pid in added:
                person = _new_person(fields)
                if flow:
                    person.fa.set_flow_style()
                people.append(person)
                continue
            item = by_id[pid]
            for name, value in fields.items():
                if name.startswith("skills."):
                    item["skills"][name.removeprefix("skills.")] = value
                else:
                    _put(item, name, _yaml_value(name, value))

    result.text = roster.edited(edit)
    return result


def _person_problems(data: dict[str, Any], person: Incoming, roster: Roster, *,
                     added: bool) -> list[Located]:
    """The person's problems, each at the cell that caused it (the id's cell for what the
    sheet did not give)."""
    try:
        Person.model_validate(data)
        return []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    found = []
    errors = [e for e in errors if _key(e["loc"]) not in person.failed]
    missing = [str(e["loc"][0]) for e in errors if e["type"] == "missing"]
    what = "a new person" if added else f"'{person.id}'"
    for name in [m for m in missing if m in person.cells]:
        found.append(Located(person.cells[name], f"{what} needs {name}; this cell is empty"))
    missing = [m for m in missing if m not in person.cells]
    if missing:
        found.append(Located(person.cells["id"], f"{what} needs {words_list(missing)}, and the "
                             "sheet gives no value", "map a column to each with --map, or add "
                             "the person to the roster first"))
    for err in errors:
        if err["type"] == "missing":
            continue
        key = _key(err["loc"])
        said = translate(err, Person, Document(roster.display), ())
        found.append(Located(person.cells.get(key, person.cells["id"]), f"{key}: {said.message}",
                             said.hint))
    return found


def _key(loc: tuple[str | int, ...]) -> str:
    """The imported field a pydantic error's location is in: 'hours_per_week', 'skills.x'."""
    return f"skills.{loc[1]}" if loc[0] == "skills" and len(loc) > 1 else str(loc[0])


def _yaml_value(name: str, value: Any) -> Any:
    """A value as ruamel.yaml writes it the way `pmocat fmt` would: 30 not 30.0, amounts as
    numbers, a short list in flow style, a mapping (skills) as a block."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list) and name == "working_days":
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return CommentedMap(value)
    return value


def _new_person(fields: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    person = CommentedMap()
    for name in PERSON_ORDER:
        if name in fields:
            person[name] = _yaml_value(name, fields[name])
    return person


def merge_absences(roster: Roster, incoming: list[AbsenceIn]) -> AbsencesMerge:
    """Absences added to their people, each once: one already in the roster (the same
    person, first and last day) or twice in the input is not added again."""
    result = AbsencesMerge()
    taken = {(pid, str(a.get("from")), str(a.get("to")))
             for pid, person in roster.by_id.items()
             for a in person.get("absences") or [] if isinstance(a, dict)}
    for absence in incoming:
        key = (absence.person, absence.start.isoformat(), absence.end.isoformat())
        if absence.end < absence.start:
            result.problems.append(Located(absence.where, f"it ends ({absence.end}) before it "
                                           f"starts ({absence.start})"))
            continue
        if key in taken:
            result.already.append(absence)
            continue
        taken.add(key)
        result.added.append(absence)
    if result.problems or not result.added:
        return result
    merged = []
    for pid, person in roster.by_id.items():
        extra = [_absence(a) for a in result.added if a.person == pid]
        merged.append({**person, "absences": [*(person.get("absences") or []), *extra]}
                      if extra else person)
    if not roster.validated(merged, result.problems):
        return result

    def edit(people: Any) -> None:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        by_id = {item.get("id"): item for item in people if isinstance(item, CommentedMap)}
        for absence in result.added:
            item = by_id[absence.person]
            if item.get("absences") is None:
                _put(item, "absences", CommentedSeq())
            entry = CommentedMap(_absence(absence))
            if item.fa.flow_style() or item["absences"].fa.flow_style():
                entry.fa.set_flow_style()  # a person or list written on one line stays so
            item["absences"].append(entry)

    result.text = roster.edited(edit)
    return result


def _absence(absence: AbsenceIn) -> dict[str, Any]:
    found: dict[str, Any] = {"from": absence.start, "to": absence.end}
    if absence.reason:
        found["reason"] = absence.reason
    return found


def _put(mapping: Any, key: str, value: Any) -> None:
    """Set `key`; a new key goes where PERSON_ORDER puts it (before the first key that
    comes after it), not at the end, where it would land after the blank line or
    comment that closes the person."""
    if key in mapping or key not in PERSON_ORDER:
        mapping[key] = value
        return
    later = PERSON_ORDER[PERSON_ORDER.index(key) + 1:]
    keys = list(mapping)
    position = next((keys.index(k) for k in keys if k in later), None)
    if position is None:
        mapping[key] = value
    else:
        mapping.insert(position, key, value)


def incoming_people(rows: list[RowValues]) -> tuple[list[Incoming], list[Located]]:
    """The people a sheet's rows give, one a row: each needs an id, and each id once."""
    people, problems = [], []
    first_row: dict[str, int] = {}
    for row in rows:
        pid = row.values.get("id")
        if pid is None:
            if "id" in row.cells and "id" not in row.failed:
                problems.append(Located(row.cells["id"], "this row has no id, so it cannot be "
                                        "merged into the roster"))
            continue
        if pid in first_row:
            problems.append(Located(row.cells["id"], f"the id '{pid}' is on row "
                                    f"{first_row[pid]} already", "each person once a sheet"))
            continue
        first_row[pid] = row.row
        people.append(Incoming(pid, row.row, {k: v for k, v in row.values.items() if k != "id"},
                               row.cells, row.failed))
    return people, problems


def absences_from_rows(roster: Roster, rows: list[RowValues]) -> tuple[list[AbsenceIn],
                                                                         list[Located]]:
    """An absence a row: the person (by id, name or e-mail address), its first and last day."""
    absences, problems = [], []
    for row in rows:
        missing = [f for f in ("person", "from", "to") if f not in row.values]
        if row.failed:
            continue  # its cells are reported already
        if missing:
            where = row.cells.get(missing[0], next(iter(row.cells.values())))
            problems.append(Located(where, f"this row has no {words_list(missing)}"))
            continue
        named = str(row.values["person"])
        pid = roster.person_of(named)
        if pid is None:
            problems.append(Located(row.cells["person"], f"nobody in the roster is '{named}'",
                                    roster.hint_for(named) or "a person is named by their id, "
                                    "their name or their e-mail address"))
            continue
        if row.values["to"] < row.values["from"]:
            problems.append(Located(row.cells["to"], f"it ends ({row.values['to']}) before it "
                                    f"starts ({row.values['from']})"))
            continue
        absences.append(AbsenceIn(pid, row.values["from"], row.values["to"],
                                  row.values.get("reason"), row.cells["from"]))
    return absences, problems


def absences_from_events(roster: Roster, events: list[Event], display: str,
                         person: str | None = None) -> tuple[list[AbsenceIn], list[Located]]:
    """An absence an event. Whose: `person` for every event when given (a personal
    calendar); else the first attendee, then the organiser, whose name or address is a
    person's; else the person whose id or name the summary starts with (`Asha Patel -
    Annual leave`), the rest of the summary being the reason."""
    absences, problems = [], []
    for event in events:
        pid = person
        reason: str | None = event.summary or None
        if pid is None:
            pid = next((found for who in event.people if (found := roster.person_of(who))), None)
        named, rest = _named_first(roster, event.summary)
        if pid is None:
            pid = named
        if named is not None and named == pid:
            reason = rest or None
        if pid is None:
            problems.append(Located(f"{display}: {event.where}", "no attendee, organiser or "
                                    "summary names a person in the roster",
                                    "start the summary with their name, or give --person"))
            continue
        absences.append(AbsenceIn(pid, event.start, event.end, reason,
                                  f"{display}: {event.where}"))
    return absences, problems


def _named_first(roster: Roster, summary: str) -> tuple[str | None, str]:
    """The person whose id or name `summary` starts with (the longest that fits), and the
    rest of it without the separator ('Asha Patel - Annual leave' -> 'Annual leave')."""
    folded = summary.casefold()
    best: tuple[int, str] | None = None
    for pid, data in roster.by_id.items():
        for name in (pid, " ".join(str(data.get("name", "")).split())):
            size = len(name)
            if (name and folded.startswith(name.casefold())
                    and (size == len(folded) or not folded[size].isalnum())
                    and (best is None or size > best[0])):
                best = (size, pid)
    if best is None:
        return None, ""
    return best[1], summary[best[0]:].strip(" -–—:|,/()[]").strip()
