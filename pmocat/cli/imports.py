"""`pmocat import roster|absences`: people from an HR export, leave from a leave system's
export or a calendar, merged into the catalogue's roster.yaml."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pmocat.cli.common import DEFAULT_CATALOGUE_HELP, RosterOpt, TodayOpt

if TYPE_CHECKING:
    from pmocat.sources.mapping import Entry
    from pmocat.sources.roster_edit import Roster
    from pmocat.sources.sheets import Located

HELP = "Merge people or leave from a spreadsheet or a calendar into the roster."
#: subcommand -> the function of this module that runs it
SUBCOMMANDS = {"roster": "roster", "absences": "absences"}

CatalogueOpt = Annotated[str | None, typer.Option(
    "--catalogue", "-c", metavar="DIR", show_default=False,
    help=f"The catalogue whose roster.yaml to merge into. {DEFAULT_CATALOGUE_HELP}")]
FileArg = Annotated[Path, typer.Argument(metavar="FILE", show_default=False)]
MapOpt = Annotated[list[str] | None, typer.Option(
    "--map", metavar="FIELD=COLUMN,…",
    help="Which column fills which field: a column's header, optionally *NUMBER or /NUMBER "
         "(repeat or comma-separate). Default: columns headed with a field's name.")]
MapFileOpt = Annotated[Path | None, typer.Option(
    "--map-file", metavar="FILE", help="The mapping as 'field: COLUMN' lines of YAML.")]
SheetOpt = Annotated[str | None, typer.Option(
    "--sheet", metavar="NAME", help="The XLSX worksheet to read. Default: the first visible one.")]
DryRunOpt = Annotated[bool, typer.Option(
    "--dry-run", help="Show what would change; write nothing.")]


def roster(
    file: FileArg,
    catalogue_option: CatalogueOpt = None,
    roster: RosterOpt = None,
    map: MapOpt = None,
    map_file: MapFileOpt = None,
    sheet: SheetOpt = None,
    dry_run: DryRunOpt = False,
    today: TodayOpt = None,
) -> None:
    """Merge people from an HR export (CSV or XLSX, one row a person) into roster.yaml.

    People are matched by id: a new id is added, and for a known one the fields the sheet
    fills are updated. Every comment, and every field the sheet does not carry, is kept.
    Fields: id, name, role, hours_per_week, cost_per_hour, working_days, and skills.ID
    for a level in the skill ID. If any cell is invalid, each is reported as
    FILE:row:column and nothing is written. The checks run on the roster afterwards.

    Examples:

      pmocat import roster hr.xlsx --map "id=Login,name=Full name,hours_per_week=FTE*37.5"

      pmocat import roster people.csv -c catalogue --map-file hr-mapping.yaml --dry-run
    """
    from pmocat.cli import output as out
    from pmocat.render.imports import people_report
    from pmocat.sources.mapping import ROSTER_FIELDS, headers_words, read_rows, resolve
    from pmocat.sources.roster_edit import incoming_people, merge_people
    from pmocat.sources.sheets import Located, read_sheet

    root, target = _target(catalogue_option, roster)
    book = _roster(target, None if roster else root)
    table = read_sheet(file, str(file), sheet)
    skills = _skills(root)
    columns, problems = resolve(_mapping(map, map_file), table, ROSTER_FIELDS, skills=skills)
    if not problems and "id" not in columns:
        problems.append(Located(table.path, "no column is mapped to 'id', so nobody can be "
                                "matched", f"name it with --map id=COLUMN; {headers_words(table)}"))
    _stop(problems, file)
    rows, problems = read_rows(table, columns)
    people, more = incoming_people(rows)
    merge = merge_people(book, people)
    _stop(problems + more + merge.problems, file, notes=table.notes)
    _say_notes(table.notes)
    source = f"{file} (sheet '{table.name}')" if table.name else str(file)
    out.write_out(people_report(merge, source, book.display))
    _write(book, merge.text, dry_run, root, target, today)


def absences(
    file: FileArg,
    catalogue_option: CatalogueOpt = None,
    roster: RosterOpt = None,
    map: MapOpt = None,
    map_file: MapFileOpt = None,
    sheet: SheetOpt = None,
    person: Annotated[str | None, typer.Option(
        "--person", metavar="ID", help="A calendar's events are all this person's.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="YYYY-MM-DD",
        help="A calendar's events from this day. Default: today.")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="YYYY-MM-DD",
        help="A calendar's events up to this day. Default: a year after --since.")] = None,
    dry_run: DryRunOpt = False,
    today: TodayOpt = None,
) -> None:
    """Add leave to people in roster.yaml from a leave export (CSV, XLSX) or a calendar (ICS).

    A sheet gives one absence a row (person, from, to and maybe reason), a calendar one
    an event. An absence already in the roster (the same person, first and last day) is
    not added again. A calendar's repeating events are expanded from --since to --until.
    Whose each event is: --person, else its first attendee or organiser who is in the
    roster (by name, id or e-mail address), else the person the summary starts with
    ("Asha Patel - Annual leave"; the rest is the reason).

    Examples:

      pmocat import absences leave.xlsx --map "person=Employee,from=Start,to=End,reason=Type"

      pmocat import absences asha.ics --person asha --dry-run
    """
    from pmocat.cli import output as out
    from pmocat.cli.common import parse_day, today_or
    from pmocat.errors import PmocatError
    from pmocat.render.imports import absences_report
    from pmocat.sources.ics import read_events
    from pmocat.sources.mapping import ABSENCE_FIELDS, headers_words, read_rows, resolve
    from pmocat.sources.roster_edit import absences_from_events, absences_from_rows, merge_absences
    from pmocat.sources.sheets import Located, read_sheet

    root, target = _target(catalogue_option, roster)
    book = _roster(target, None if roster else root)
    notes: list[Located] = []
    if file.suffix.lower() in (".ics", ".ical", ".ifb", ".icalendar"):
        if map or map_file or sheet:
            raise PmocatError("--map, --map-file and --sheet are for spreadsheets; a calendar's "
                              "events are read as they are")
        if person is not None and person not in book.by_id:
            hint = book.hint_for(person)
            raise PmocatError(f"--person: nobody in the roster has the id '{person}'"
                              + (f"; {hint}" if hint else ""))
        first = parse_day(since, "--since") or today_or(today)
        last = parse_day(until, "--until") or first + timedelta(days=365)
        if last < first:
            raise PmocatError(f"--until ({last}) is before --since ({first})")
        events = read_events(file, str(file), first, last)
        found, problems = absences_from_events(book, events, str(file), person)
    else:
        if person or since or until:
            raise PmocatError("--person, --since and --until are for calendars (.ics); map a "
                              "sheet's person column with --map person=COLUMN")
        table = read_sheet(file, str(file), sheet)
        notes = table.notes
        columns, problems = resolve(_mapping(map, map_file), table, ABSENCE_FIELDS)
        missing = [f for f in ("person", "from", "to") if f not in columns]
        if not problems and missing:
            problems.append(Located(table.path, f"no column is mapped to {', '.join(missing)}",
                                    "name each with --map, like --map person=Employee,from=Start,"
                                    f"to=End; {headers_words(table)}"))
        _stop(problems, file)
        rows, problems = read_rows(table, columns)
        found, more = absences_from_rows(book, rows)
        problems += more
    _stop(problems, file, notes=notes)
    merge = merge_absences(book, found)
    _stop(merge.problems, file, notes=notes)
    _say_notes(notes)
    out.write_out(absences_report(merge, str(file), book.display))
    _write(book, merge.text, dry_run, root, target, today)


def _target(catalogue_option: str | None, roster: str | None) -> tuple[Path, Path]:
    from pmocat.cli.common import catalogue_from
    from pmocat.errors import PmocatError

    root = Path(catalogue_from(None, catalogue_option))
    if not root.is_dir():
        raise PmocatError(f"there is no catalogue directory '{root}'; name it with -c DIR")
    return root, Path(roster) if roster else root / "roster.yaml"


def _roster(target: Path, within: Path | None) -> Roster:
    """The roster to merge into; the catalogue's own is read only inside the catalogue."""
    from pmocat.sources.roster_edit import Roster

    return Roster(target, str(target), within=within)


def _skills(root: Path) -> set[str]:
    """Every skill id skills.yaml writes (valid or not): a skills.ID field must name one."""
    from pmocat.sources.catalogue import load_catalogue

    cat, _ = load_catalogue(str(root))
    return set(cat.named.get("skill", set())) | set(cat.skills)


def _mapping(texts: list[str] | None, path: Path | None) -> list[Entry]:
    from pmocat.sources.mapping import parse_map_option, read_map_file

    entries = parse_map_option(texts or [])
    if path is not None:
        entries += read_map_file(path, str(path))
    return entries


def _say_notes(notes: list[Located]) -> None:
    from pmocat.cli.output import say
    from pmocat.render.imports import notes_text

    if notes:
        say(notes_text(notes))


def _stop(problems: list[Located], file: Path, *, notes: list[Located] | None = None) -> None:
    """Every problem said, then nothing written."""
    from pmocat.cli.output import say
    from pmocat.errors import PmocatError
    from pmocat.render.imports import problems_text
    from pmocat.sources.sheets import Located
    from pmocat.words import plural

    if not problems:
        return
    _say_notes(notes or [])
    say(problems_text(sorted(problems, key=Located.sort_key)))
    raise PmocatError(f"{plural(len(problems), 'problem')} importing '{file}'; nothing was written")


def _write(book: Roster, text: str | None, dry_run: bool, root: Path, target: Path,
           today: str | None) -> None:
    """The merged roster written atomically, then checked with the rest of the catalogue;
    the roster's problems shown, exit 1 if any is an error."""
    from pmocat.cli import output as out
    from pmocat.cli.common import load, today_or
    from pmocat.diagnostics import Severity
    from pmocat.render import render_diagnostics

    if text is None:
        out.say("pmocat: nothing to change\n")
        return
    if dry_run:
        out.say(f"pmocat: nothing written (--dry-run); {book.display} is as it was\n")
        return
    out.rewrite_file(target, text, expected=book.raw)
    out.say(f"pmocat: wrote {book.display}\n")
    _, diagnostics = load(str(root), str(target), skip={"book-does-not-fit"}, day=today_or(today))
    mine = [d for d in diagnostics if Path(d.span.path).resolve() == target.resolve()]
    if mine:
        out.say(render_diagnostics("concise", mine, files=1))
    if any(d.severity is Severity.ERROR for d in mine):
        raise typer.Exit(1)
