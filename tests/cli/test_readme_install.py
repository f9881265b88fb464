"""README tells a developer and a PMO analyst each how to start, in as few commands as
it can, and names the options every command shares (those of `pmocat` itself)."""

from __future__ import annotations

import re

import typer.main

from pmocat.cli import app
from tests.cli.test_readme import README


def _section(text: str, heading: str) -> str:
    found = re.search(rf"^## {re.escape(heading)}$(.*?)(?=^## )", text, re.M | re.S)
    assert found, f"README has no section '## {heading}'"
    return found.group(1)


def _commands(section: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", section, re.M | re.S)


def test_the_quick_start_is_two_commands() -> None:
    blocks = _commands(_section(README.read_text(encoding="utf-8"), "Quick start"))
    assert len(blocks) == 2 and all(len(block.strip().splitlines()) == 1 for block in blocks)
    assert "pmocat check catalogue" in blocks[0] and "pytest" in blocks[1]


def test_an_analyst_installs_with_one_command_pdf_included() -> None:
    text = _section(README.read_text(encoding="utf-8"), "Use it in your own catalogue")
    install = _commands(text)[0].strip()
    assert re.fullmatch(r"pipx install 'pmocat\[pdf\] @ git\+https://\S+'", install), install
    assert "uv tool install 'pmocat[pdf] @ git+" in text
    assert "`examples/minimal`" in text


def test_readme_names_every_option_of_pmocat_itself() -> None:
    text = README.read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    names = [opt for param in root.params for opt in param.opts if opt.startswith("--")]
    assert {"--version", "--install-completion", "--show-completion"} <= set(names)
    assert [name for name in names if f"`pmocat {name}`" not in text and name != "--help"] == []
