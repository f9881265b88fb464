"""`pmocat menu` as a user runs it: formats, files, filters, refusals."""

from __future__ import annotations

import builtins
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Result
from tests.conftest import TODAY

BASIC = Path(__file__).resolve().parent.parent / "cases" / "menu" / "basic" / "catalogue"

Run = Callable[..., Result]


@pytest.fixture
def basic(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(BASIC, target)
    return target


def test_html_to_a_file(run: Run, basic: Path, tmp_path: Path) -> None:
    out = tmp_path / "menu.html"
    result = run("menu", str(basic), "-o", str(out), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"pmocat: wrote {out}\n"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "£4,500 per review" in page and "Tarn Valley Council PMO" in page


@pytest.mark.parametrize(("name", "start"), [
    ("menu.md", "# Tarn Valley"), ("menu.markdown", "# Tarn Valley"), ("menu.json", "{"),
    ("menu.HTM", "<!DOCTYPE html>"), ("menu.txt", "<!DOCTYPE html>"),
])
def test_the_format_follows_the_file_name(run: Run, basic: Path, tmp_path: Path, name: str,
                                          start: str) -> None:
    out = tmp_path / name
    assert run("menu", str(basic), "-o", str(out), "--today", TODAY).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(start)


def test_format_wins_over_the_file_name(run: Run, basic: Path, tmp_path: Path) -> None:
    out = tmp_path / "menu.html"
    assert run("menu", str(basic), "-f", "md", "-o", str(out), "--today", TODAY).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_json_to_standard_output(run: Run, basic: Path) -> None:
    result = run("menu", str(basic), "--format", "json", "--today", TODAY)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [c["name"] for c in data["categories"]] == [
        "Assurance", "Centre of excellence", "Reporting", "Training and coaching"]
    assert data["pmo"]["closures"][0] == {"name": "Year-end freeze",
                                          "when": "21 Dec 2026 – 4 Jan 2027", "from": "2026-12-21"}


def test_all_category_and_tag(run: Run, basic: Path) -> None:
    result = run("menu", str(basic), "-f", "json", "--all", "--category", "ASSURANCE",
                 "--tag", "assurance", "--today", TODAY)
    assert result.exit_code == 0
    (category,) = json.loads(result.stdout)["categories"]
    assert [s["id"] for s in category["services"]] == ["health-check", "risk-review", "gateway"]


def test_an_unknown_category_is_a_usage_error(run: Run, basic: Path) -> None:
    result = run("menu", str(basic), "--category", "Assurence", "--today", TODAY)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("pmocat: error: no service on the menu has the category 'Assurence'; "
                             "did you mean 'Assurance'?\n")


def test_a_catalogue_with_errors_is_refused(run: Run, basic: Path) -> None:
    (basic / "services" / "coaching.yaml").write_text("id: coaching\nname: [\n", encoding="utf-8")
    result = run("menu", str(basic), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "the catalogue has 1 error;" in result.stderr


def test_a_missing_catalogue_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run("menu", str(tmp_path / "nowhere"), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("pmocat: error:")


def test_an_unwritable_output_is_one_line(run: Run, basic: Path, tmp_path: Path) -> None:
    result = run("menu", str(basic), "-o", str(tmp_path / "no" / "such" / "menu.html"),
                 "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith("pmocat: error: cannot write to ")
    assert result.stderr.count("\n") == 1


def test_a_bad_today_is_a_usage_error(run: Run, basic: Path) -> None:
    result = run("menu", str(basic), "--today", "1/12/2026")
    assert result.exit_code == 2
    assert "--today takes a date written YYYY-MM-DD" in result.stderr


def test_pdf_without_weasyprint_says_how_to_get_it(run: Run, basic: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_weasyprint(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise ImportError("No module named 'weasyprint'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    out = tmp_path / "menu.pdf"
    result = run("menu", str(basic), "-o", str(out), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr == ("pmocat: error: PDF output needs WeasyPrint: "
                             "pip install 'pmocat[pdf]'\n")
    assert not out.exists()


def test_pdf_is_not_written_to_a_terminal(run: Run, basic: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import pmocat.cli.output

    monkeypatch.setattr(pmocat.cli.output, "to_terminal", lambda: True)
    result = run("menu", str(basic), "-f", "pdf", "--today", TODAY)
    assert result.exit_code == 2
    assert "write it to a file, e.g. -o menu.pdf" in result.stderr


@pytest.mark.slow
@pytest.mark.slow
def test_pdf_with_weasyprint(run: Run, basic: Path, tmp_path: Path) -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        pytest.skip("WeasyPrint is not installed (pip install 'pmocat[pdf]')")
    out = tmp_path / "menu.pdf"
    result = run("menu", str(basic), "-o", str(out), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_help_has_examples(run: Run) -> None:
    result = run("menu", "--help")
    assert result.exit_code == 0
    assert "pmocat menu -o menu.html" in result.stdout


def test_markdown_menu_makes_no_unsafe_link_and_fetches_nothing(run: Run, basic: Path) -> None:
    service = basic / "services" / "health-check.yaml"
    text = service.read_text(encoding="utf-8")
    hostile = ("  [A](java&#115;cript:alert(1)) and [B](\n  javascript:alert(2)) and [C][r]\n"
               "  ![pixel](https://tracker.example/p.gif)\n\n  [r]: javascript:alert(3)\n\n")
    service.write_text(text.replace("description: |\n", "description: |\n" + hostile, 1),
                       encoding="utf-8")
    result = run("menu", str(basic), "--format", "md", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "javascript:" not in result.stdout.lower() and "![" not in result.stdout
    assert "A and B and C\n[pixel](https://tracker.example/p.gif)" in result.stdout
