"""`pmocat new`: a commented template for a service, person, skill, ingredient or request,
written into the catalogue, checked, with what is left to fill in."""

from __future__ import annotations

import os
import re
import shlex
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue


class Kind(str, Enum):
    service = "service"
    person = "person"
    skill = "skill"
    ingredient = "ingredient"
    request = "request"


#: a kind written as an item of a list -> (its file, the list's key)
LISTS = {"person": ("roster.yaml", "people"), "skill": ("skills.yaml", "skills"),
         "ingredient": ("ingredients.yaml", "ingredients")}
#: a kind written one to a file -> its folder
FOLDERS = {"service": "services", "request": "requests"}
#: what is left to fill in, by kind
FILL_IN = {
    "service": ["name, category and summary: what the menu shows",
                "recipe: the skills, levels and hours one unit takes",
                "price and unit, lead_time_days and duration_days",
                "status: live once it is ready for the menu"],
    "person": ["name, and role if you like", "skills: each skill id with a level from 1 to 5",
               "hours_per_week and cost_per_hour",
               "absences and commitments, when there are any"],
    "skill": ["name, and a description if you like"],
    "ingredient": ["name, kind and status", "owner: who on the roster looks after it",
                   "available_from, available_until and cost, when they apply"],
    "request": ["service and customer", "quantity, start and due",
                "budget, if the customer has one"],
}
_PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
_SCHEMA = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


def new(
    kind: Annotated[Kind, typer.Argument(
        metavar="KIND", help="What to add: service, person, skill, ingredient or request.",
        show_default=False)],
    ident: Annotated[str, typer.Argument(
        metavar="ID", help="Its id: lower case, digits and hyphens (a request's may have capitals).",
        show_default=False)],
    catalogue_option: Annotated[str | None, typer.Option(
        "--catalogue", "-c", show_default=False,
        help="The catalogue to add to; by default the folder holding pmo.yaml, here or "
             "above, else ./catalogue.")] = None,
    today: Annotated[str | None, typer.Option(
        "--today", metavar="YYYY-MM-DD",
        help="Date a new request's start and due from this day instead of today.")] = None,
) -> None:
    """Add a commented template for a new service, person, skill, ingredient or request.

    A service or a request gets a file of its own (services/ID.yaml, requests/ID.yaml); a
    person, skill or ingredient is added at the end of roster.yaml, skills.yaml or
    ingredients.yaml, every comment and the file's layout kept. It refuses an id that is
    taken (exit 2, saying where). It then checks what it wrote and lists what to fill in.

    Examples:

      pmocat new service portfolio-review

      pmocat new person ann-lee -c catalogue
    """
    from pmocat.cli import output as out
    from pmocat.cli.common import catalogue_from, today_or
    from pmocat.errors import PmocatError
    from pmocat.sources.catalogue import load_catalogue

    root = Path(catalogue_from(None, catalogue_option))
    _check_id(kind.value, ident)
    day = today_or(today)
    cat, _ = load_catalogue(str(root))
    _refuse_taken(cat, kind.value, ident, root)
    values = _values(cat, kind.value, ident, root, day)
    if kind.value in FOLDERS:
        path = root / FOLDERS[kind.value] / f"{ident}.yaml"
        if not Path(os.path.realpath(path.parent)).is_relative_to(os.path.realpath(root)):
            raise PmocatError(f"'{path.parent}' is a link that leads outside the catalogue; "
                              "pmocat writes only the catalogue's own files")
        if path.exists() or path.is_symlink():
            raise PmocatError(f"'{path}' exists already; choose another id")
        out.write_file(path, _fill(kind.value, values), parents=True)
        out.say(f"pmocat: wrote {path.as_posix()}\n")
        lines = None
    else:
        path, lines = _add_item(root, kind.value, values)
        out.say(f"pmocat: added {kind.value} '{ident}' to {path.as_posix()} "
                f"(lines {lines[0]} to {lines[1]})\n")
    _report(root, path, lines, kind.value, day)
    if kind is Kind.request:
        out.say(f"Then ask: {_can_take(root, ident)}\n")


def _check_id(kind: str, ident: str) -> None:
    from pydantic import TypeAdapter, ValidationError

    from pmocat.errors import PmocatError
    from pmocat.models.types import RequestId, Slug

    try:
        TypeAdapter(RequestId if kind == "request" else Slug).validate_python(ident)
    except ValidationError:
        rule = ("letters, digits and hyphens, starting with a letter, like REQ-001"
                if kind == "request" else
                "lower case letters, digits and hyphens, starting with a letter, like "
                "project-health-check")
        raise PmocatError(f"'{ident}' cannot be a {kind} id: use {rule}") from None


def _refuse_taken(cat: Catalogue, kind: str, ident: str, root: Path) -> None:
    from pmocat.errors import PmocatError

    if ident not in cat.named.get(kind, set()):
        return
    origin = cat.origins.get((kind, ident))
    if origin is not None:
        span = origin.span("id")
        where = f"{span.path}:{span.line}"
    else:
        where = (root / LISTS[kind][0]).as_posix() if kind in LISTS else \
            (root / FOLDERS[kind]).as_posix()
    raise PmocatError(f"there is a {kind} '{ident}' already, at {where}; choose another id")


def _values(cat: Catalogue, kind: str, ident: str, root: Path, day: object) -> dict[str, str]:
    from datetime import date

    assert isinstance(day, date)
    words = ident.replace("-", " ")
    start = day + timedelta(days=14 + (7 - day.weekday()) % 7)  # a Monday two weeks or more away
    live = [s.id for s in cat.services.values() if s.status in ("live", "pilot")]
    services = live or list(cat.services) or sorted(cat.named.get("service", ())) or ["a-service"]
    categories = sorted({s.category for s in cat.services.values()})
    return {
        "id": ident,
        "name": words.title() if kind == "person" else words.capitalize(),
        "skill": next(iter(cat.skills), "a-skill"),
        "owner": next(iter(cat.people), "someone"),
        "category": categories[0] if categories else "General",
        "service": services[0],
        "customer": "Who is asking",
        "start": start.isoformat(),
        "due": (start + timedelta(days=25)).isoformat(),
        "schema": _schema_line(root, kind),
        "can_take": _can_take(root, ident),
    }


def _can_take(root: Path, ident: str) -> str:
    """How to ask about the new request: inside the catalogue it needs no -c (and no ./)."""
    if root == Path("."):
        return shlex.join(["pmocat", "can-take", f"requests/{ident}.yaml"])
    return shlex.join(["pmocat", "can-take", f"{root.as_posix()}/requests/{ident}.yaml",
                       "-c", root.as_posix()])


def _schema_line(root: Path, kind: str) -> str:
    """The `$schema` line a new file in a folder gets: its neighbours', else one made from
    pmo.yaml's (one folder further away); none when neither has one."""
    folder = root / FOLDERS.get(kind, "")
    neighbours = sorted(folder.glob("*.yaml"))[:1] if kind in FOLDERS else []
    for path, prefix in [*((n, "") for n in neighbours), (root / "pmo.yaml", "../")]:
        try:
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        except (OSError, UnicodeDecodeError):
            continue
        found = _SCHEMA.match(first)
        if found is None:
            continue
        target = found[1]
        name = target.rsplit("/", 1)[-1]
        other = target[: len(target) - len(name)] + f"{kind}.schema.json"
        if prefix and "://" not in target and not target.startswith("/"):
            other = prefix + other
        return f"# yaml-language-server: $schema={other}\n"
    return ""


def _fill(kind: str, values: dict[str, str]) -> str:
    from importlib.resources import files

    text = (files("pmocat") / "templates" / "new" / f"{kind}.yaml").read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(lambda found: values[found[1]], text)


def _add_item(root: Path, kind: str, values: dict[str, str]) -> tuple[Path, tuple[int, int]]:
    """The item added at the end of its list file; the file and the item's lines."""
    from pmocat.cli import output as out
    from pmocat.diagnostics import Diagnostic
    from pmocat.errors import PmocatError
    from pmocat.sources.entries import append_item
    from pmocat.sources.yamlfile import read_regular

    name, key = LISTS[kind]
    path = root / name
    item = _fill(kind, values)
    expected: bytes | None = None  # the file as read: rewritten only if it still holds it
    if path.exists() or path.is_symlink():
        raw = read_regular(path, path.as_posix(), within=root)
        if isinstance(raw, Diagnostic):
            raise PmocatError(f"cannot add to {path.as_posix()}: {raw.message}")
        expected = raw
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise PmocatError(f"{path.as_posix()} is not UTF-8 text; save it as UTF-8 first")\
                from None
        if "\r" in text:
            raise PmocatError(f"{path.as_posix()} has Windows line endings; run "
                              f"'pmocat fmt {path.as_posix()}' first")
    else:
        text = _schema_line(root, "roster").replace("roster.schema", f"{name[:-5]}.schema")
    result = append_item(text, key, item, path.as_posix())
    if expected is not None:
        out.rewrite_file(path, result, expected=expected)
    else:
        out.write_file(path, result)
    first = _first_changed_line(text, result)
    return path, (first, first + len(item.splitlines()) - 1)


def _first_changed_line(old: str, new: str) -> int:
    for number, (a, b) in enumerate(zip(old.splitlines(), new.splitlines(), strict=False), 1):
        if a != b:
            return number
    return len(old.splitlines()) + 1


def _report(root: Path, path: Path, lines: tuple[int, int] | None, kind: str,
            day: object) -> None:
    """The checks' findings in what was written, then what is left to fill in."""
    from datetime import date

    from pmocat.cli import output as out
    from pmocat.cli.common import load
    from pmocat.render import render_diagnostics

    assert isinstance(day, date)
    _, diagnostics = load(str(root), skip={"book-does-not-fit"}, day=day)
    written = os.path.abspath(path)  # not resolved: a link that loops has no real path
    mine = [d for d in diagnostics if os.path.abspath(d.span.path) == written
            and (lines is None or (d.span.line is not None and lines[0] <= d.span.line <= lines[1]))]
    if mine:
        out.say("pmocat check says, about what was written:\n"
                + render_diagnostics("concise", mine, files=1))
    else:
        out.say("pmocat check finds nothing wrong with it.\n")
    out.say("Fill in:\n" + "".join(f"  - {line}\n" for line in FILL_IN[kind]))
