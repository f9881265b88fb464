"""README's command reference names every option each command's --help lists.

A new user learns pmocat from README: an option that --help offers and README never
mentions is one they cannot find.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import typer.main

from pmocat.cli import COMMANDS, GROUPS, app

README = Path(__file__).resolve().parents[2] / "README.md"
#: every command a README section is headed with: `check`, and `import roster` in a group
EVERY_COMMAND = [*COMMANDS, *(f"{group} {sub}" for group, module in GROUPS.items()
                              for sub in importlib.import_module(f"pmocat.cli.{module}").SUBCOMMANDS)]


def section(text: str, command: str) -> str:
    """The README section headed '### `pmocat COMMAND …`', up to the next heading."""
    found = re.search(rf"^### `pmocat {re.escape(command)}\b.*?$(.*?)(?=^##)", text, re.M | re.S)
    assert found, f"README has no section headed '### `pmocat {command} …`'"
    return found.group(1)


def options(command: str) -> list[str]:
    """Every option of the command, by its long name (the short ones are aliases)."""
    click_command = typer.main.get_command(app)
    for word in command.split():
        click_command = click_command.commands[word]  # type: ignore[attr-defined]
    names = []
    for param in click_command.params:
        long = [o for o in param.opts if o.startswith("--")]
        if long and long != ["--help"]:
            names.append(long[0])
    return names


def unnamed(readme: str, command: str, wanted: list[str]) -> list[str]:
    """The options in `wanted` that README's section on the command never names in code."""
    text = section(readme, command)
    return [o for o in wanted if not re.search(rf"`{re.escape(o)}\b", text)]


@pytest.mark.parametrize("command", EVERY_COMMAND)
def test_readme_names_every_option_of(command: str) -> None:
    missing = unnamed(README.read_text(encoding="utf-8"), command, options(command))
    assert missing == [], f"README's section on `pmocat {command}` does not name {missing}"


def test_an_option_left_out_or_named_only_elsewhere_is_caught() -> None:
    readme = ("### `pmocat check [CATALOGUE]`\n\n`--format text`, `--strictness`\n\n"
              "### `pmocat plan`\n\n`--strict`\n\n## Next\n")
    assert unnamed(readme, "check", ["--format", "--strict"]) == ["--strict"]
    assert unnamed(readme, "plan", ["--strict"]) == []
