"""Golden cases for `pmocat menu`: each folder here is a catalogue and the menu made from it.

A case is `<name>/catalogue/` (the input), an optional `args` file (more arguments, one a
line), and `expected.md`, `expected.json`, `expected.csv` (the price list) and
`expected.outline`: the HTML page's structure
(every element with its id, classes and text, the stylesheet left out), so that a change
of style does not churn the cases but a change of content or markup does. The catalogue
is copied out of the repository first, so the menu names no commit. `pytest
--update-golden` rewrites them; review the diff before committing it.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmocat.cli import app
from tests.conftest import TODAY

CASES = Path(__file__).resolve().parent
FORMATS = {"md": "md", "json": "json", "outline": "html", "csv": "csv"}
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "source", "wbr"}


class Outline(HTMLParser):
    """An indented tree of elements: `tag#id.class "text"`, one a line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.depth = 0
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        label = tag + (f"#{named['id']}" if named.get("id") else "") + "".join(
            f".{c}" for c in (named.get("class") or "").split())
        label += "".join(f" {k}={v!r}" for k, v in attrs if k not in ("id", "class"))
        self.lines.append("  " * self.depth + label)
        self.skip = tag == "style"
        if tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.depth -= 1
        self.skip = False

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self.skip:
            self.lines.append("  " * self.depth + repr(text))


def outline(html: str) -> str:
    parser = Outline()
    parser.feed(html)
    parser.close()
    assert parser.depth == 0, "the page's elements do not all close"
    return "\n".join(parser.lines) + "\n"


def cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "catalogue").is_dir())


@pytest.mark.parametrize("name", cases())
def test_golden(name: str, update_golden: bool, tmp_path: Path) -> None:
    case = CASES / name
    catalogue = tmp_path / "catalogue"
    shutil.copytree(case / "catalogue", catalogue)
    extra = (case / "args").read_text().splitlines() if (case / "args").exists() else []
    for suffix, fmt in FORMATS.items():
        result = CliRunner().invoke(
            app, ["menu", str(catalogue), "--today", TODAY, "--format", fmt, *extra],
            catch_exceptions=False)
        assert (result.exit_code, result.stderr) == (0, ""), result.stderr
        got = outline(result.stdout) if suffix == "outline" else result.stdout
        expected = case / f"expected.{suffix}"
        if update_golden:
            expected.write_text(got, encoding="utf-8")
        else:
            assert got == expected.read_text(encoding="utf-8"), f"{name}: {suffix} differs"
