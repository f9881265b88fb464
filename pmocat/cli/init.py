"""`pmocat init`: a new catalogue that checks clean at once, from the templates in
pmocat/templates/init/, and the CI files beside it when it is in a git repository."""

from __future__ import annotations

import json
import os
import re
import shlex
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

#: template (under pmocat/templates/init/) -> where it goes in the new catalogue
CATALOGUE_FILES = {
    "pmo.yaml": "pmo.yaml",
    "skills.yaml": "skills.yaml",
    "ingredients.yaml": "ingredients.yaml",
    "roster.yaml": "roster.yaml",
    "services/project-health-check.yaml": "services/project-health-check.yaml",
    "requests/REQ-001.yaml": "requests/REQ-001.yaml",
}
#: template -> where it goes at the top of the git repository
REPOSITORY_FILES = {
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "github-workflow.yml": ".github/workflows/catalogue.yml",
}
#: the schemas' folder inside the catalogue, which every file's `$schema` line points at
SCHEMAS = ".schemas"
REQUEST = "requests/REQ-001.yaml"
_PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
#: a command YAML reads back as the same text when written plain (it starts with `pmocat`)
_PLAIN = re.compile(r"pmocat [A-Za-z0-9_./ |-]*[A-Za-z0-9_./|-]\Z")


def init(
    directory: Annotated[Path, typer.Argument(
        metavar="DIR", help="Where to start the catalogue; created if missing. Default: ./catalogue.",
        show_default=False)] = Path("catalogue"),
    today: Annotated[str | None, typer.Option(
        "--today", metavar="YYYY-MM-DD",
        help="Date the example request from this day instead of today.")] = None,
    no_ci: Annotated[bool, typer.Option(
        "--no-ci", help="Leave out .pre-commit-config.yaml and the GitHub workflow at the "
                        "repository's top.")] = False,
) -> None:
    """Start a new catalogue in DIR that checks clean at once.

    It holds the PMO's settings, one skill, one ingredient, one service, two people and
    one request, each setting commented, for you to edit into your own.

    Inside a git repository it also writes .pre-commit-config.yaml and
    .github/workflows/catalogue.yml at the repository's top, checking DIR. It never
    overwrites a file: if one it would write is there already, it writes nothing.

    Examples:

      pmocat init

      pmocat init pmo-catalogue --no-ci
    """
    from pmocat import __version__
    from pmocat.cli import output as out
    from pmocat.cli.common import today_or
    from pmocat.errors import PmocatError
    from pmocat.schema import schema_files
    from pmocat.sources.git import toplevel

    if any(ord(char) < 32 or ord(char) == 127 for char in str(directory)):
        raise PmocatError("the directory's name holds a control character; choose another")
    day = today_or(today)
    start = day + timedelta(days=14 + (7 - day.weekday()) % 7)  # a Monday two weeks or more away
    top = None if no_ci else toplevel(directory.resolve())
    where = _relative(directory.resolve(), top) if top is not None else directory.as_posix()
    values = {
        "schemas": SCHEMAS, "version": __version__, "start": start.isoformat(),
        "due": (start + timedelta(days=25)).isoformat(),  # the Friday of the fourth week
        "can_take": _command("can-take", f"{where}/{REQUEST}", "-c", where),
    }

    files = {directory / target: _fill(source, values)
             for source, target in CATALOGUE_FILES.items()}
    files.update({directory / SCHEMAS / name: text for name, text in schema_files().items()})
    if top is not None:
        values |= _ci_values(where)
        files.update({top / target: _fill(source, values)
                      for source, target in REPOSITORY_FILES.items()})

    _refuse_existing(list(files), directory, top)
    for path, text in files.items():
        out.write_file(path, text, parents=True)
        out.say(f"pmocat: wrote {path if path.is_relative_to(directory) else _from_here(path)}\n")
    shown = directory.as_posix()
    out.say(
        "\nNext steps:\n"
        f"  1. Edit {shown}/pmo.yaml: your PMO's name, currency and opening hours.\n"
        f"  2. Replace the example skill, ingredient, service and people with yours; add\n"
        f"     each with {_command('new', 'KIND', 'ID', '-c', shown)} (KIND: service, "
        "person, skill,\n"
        "     ingredient or request), and your people from HR's spreadsheet with\n"
        f"     {_command('import', 'roster', 'hr.xlsx', '--map', 'id=COLUMN,...', '-c', shown)}"
        "\n"
        f"  3. {_command('fmt', shown)}   (lays the files out)  then  "
        f"{_command('check', shown)}\n"
        f"  4. {_command('can-take', f'{shown}/{REQUEST}', '-c', shown)}\n"
        + (f"  5. pre-commit install   (so each commit lays out and checks {shown} first)\n"
           if top is not None else ""))


def _fill(template: str, values: dict[str, str]) -> str:
    """The template's text with each `{{ name }}` replaced by its value."""
    from importlib.resources import files

    text = (files("pmocat") / "templates" / "init" / template).read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(lambda found: values[found[1]], text)


def _ci_values(where: str) -> dict[str, str]:
    """The catalogue's place in the CI files, quoted for YAML (and for the shell in `run`)."""
    return {
        "catalogue": json.dumps(where),
        "paths": json.dumps("**" if where == "." else f"{where}/**"),
        "check_github": _yaml_text(_command("check", where, "--format", "github")),
        "check_sarif": _yaml_text(
            _command("check", where, "--format", "sarif", "--output", "pmocat.sarif") + " || true"),
        # the base branch is the shell's to expand, so it is outside shlex's quotes
        "diff_md": _yaml_text(f'pmocat diff "origin/$GITHUB_BASE_REF" --catalogue {shlex.quote(where)} '
                              '--format md > "$RUNNER_TEMP/pmocat-diff.md"'),
    }


def _refuse_existing(paths: list[Path], directory: Path, top: Path | None) -> None:
    """Every path checked before anything is written: nothing is overwritten, and a
    refusal leaves no file behind."""
    from pmocat.errors import PmocatError

    for path in paths:
        if path.exists() or path.is_symlink():
            hint = (" (or use --no-ci to leave out the repository's CI files)"
                    if top is not None and not path.is_relative_to(directory) else "")
            raise PmocatError(f"'{path}' exists already; pmocat init never overwrites a file, "
                              f"so it wrote nothing{hint}")
        for folder in path.parents:
            if folder.exists() and not folder.is_dir():
                raise PmocatError(f"'{folder}' is a file, not a directory; pmocat init wrote nothing")


def _relative(directory: Path, top: Path) -> str:
    """DIR from the repository's top, as git and CI name it ('.' for the top itself)."""
    try:
        return directory.relative_to(top.resolve()).as_posix()
    except ValueError:
        return directory.as_posix()


def _from_here(path: Path) -> str:
    """A repository file's path from the working directory, as a person would type it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return str(path)


def _command(*args: str) -> str:
    return shlex.join(["pmocat", *args])


def _yaml_text(text: str) -> str:
    """A command as a YAML scalar: plain when that reads back the same, else double-quoted."""
    return text if _PLAIN.match(text) else json.dumps(text)
