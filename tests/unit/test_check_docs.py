"""docs/checks.md is generated from the checks' docstrings, is current, and tells the truth.

Each code's failing example is written into a copy of the bundled catalogue and must
produce that code; its passing example must not.
"""

from __future__ import annotations

import ast
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from pmocat.checks import LOADING, MODULES, Rule, rules, run_checks
from pmocat.checks.docs import DOCS, examples, render
from pmocat.sources.catalogue import load_catalogue
from tests.conftest import CATALOGUE, ROOT

#: failing examples that cannot be written as plain YAML text (tested in test_checks.py)
NOT_YAML = {"encoding": "needs bytes that are not UTF-8",
            "unreadable-file": "needs a folder where a file belongs",
            "missing-file": "needs a file taken away",
            "unsafe-path": "needs a symbolic link"}

_HEADER = re.compile(r"# ([\w./-]+\.ya?ml)\b")
_TOP_KEY = re.compile(r"([^\s#?:{\[-][^:]*):(?:\s|$)")


def test_docs_page_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/checks.md is stale: run `python -m pmocat.checks.docs`")


def test_codes_are_unique_and_kebab_case() -> None:
    codes = [rule.code for rule in rules()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", code) for code in codes)


def test_every_check_module_is_registered_once() -> None:
    names = [*LOADING, *MODULES]
    assert len(names) == len(set(names))
    assert all(rule.run is None for rule in rules()[: len(LOADING)])
    assert all(rule.run is not None for rule in rules()[-len(MODULES):])
    on_disk = {p.stem for p in (ROOT / "pmocat" / "checks").glob("*.py")}
    helpers = {"__init__", "docs", "offering", "staffing"}
    assert on_disk - helpers == set(names)


def _codes_in_source(path: Path) -> set[str]:
    """The codes a module passes to error(), warning(), info() or Diagnostic()."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {t.id: node.value.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                 for t in node.targets if isinstance(t, ast.Name)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Name)
                and node.func.id in ("error", "warning", "info", "Diagnostic")):
            continue
        for part in ast.walk(node.args[0]):
            if isinstance(part, ast.Constant) and isinstance(part.value, str) \
                    and re.fullmatch(r"[a-z]+(-[a-z]+)*", part.value):
                found.add(part.value)
            elif isinstance(part, ast.Name) and part.id in constants:
                found.add(constants[part.id])
    return found


def test_every_code_that_can_be_reported_is_documented() -> None:
    documented = {rule.code for rule in rules()}
    emitted: dict[str, set[str]] = {}
    for folder in ("sources", "checks"):
        for path in (ROOT / "pmocat" / folder).glob("*.py"):
            for code in _codes_in_source(path):
                emitted.setdefault(code, set()).add(path.name)
    assert {"yaml-syntax", "invalid-type", "invalid-value", "unknown-reference"} <= set(emitted)
    undocumented = {code: files for code, files in emitted.items() if code not in documented}
    assert undocumented == {}


@pytest.mark.parametrize("rule", rules(), ids=lambda rule: rule.code)
def test_documentation_has_a_title_and_a_failing_and_a_passing_example(rule: Rule) -> None:
    assert rule.doc.startswith(f"{rule.code}: "), "the first line is 'code: what it finds'"
    assert rule.title and rule.body
    found = examples(rule)
    assert found["Failing"] and found["Passing"], "a ```yaml block after 'Failing:' and 'Passing:'"


def _sections(block: str, default: str | None) -> list[tuple[str, str]]:
    """An example's files: each starts at a comment line naming it."""
    out: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        header = _HEADER.match(line)
        if header:
            out.append((header.group(1), ""))
            continue
        assert out or default, "the example names no file"
        if not out:
            out.append((str(default), ""))
        out[-1] = (out[-1][0], out[-1][1] + line)
    return out


def _top_keys(text: str) -> set[str]:
    return {m.group(1).strip() for line in text.splitlines() if (m := _TOP_KEY.match(line))}


def _apply(root: Path, path: str, snippet: str) -> None:
    """Write a snippet into a catalogue file: it replaces the top-level keys it names (the
    whole file when it gives an `id`, or when the file is new)."""
    target = root / path
    keys = _top_keys(snippet)
    if not target.exists() or "id" in keys:
        target.write_text(snippet, encoding="utf-8")
        return
    kept, skipping = [], False
    for line in target.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.strip() and not line[0].isspace() and not line.startswith("#"):
            key = _TOP_KEY.match(line)
            skipping = key is not None and key.group(1).strip() in keys
        if not skipping:
            kept.append(line)
    text = "".join(kept)
    target.write_text(text + ("" if text.endswith("\n") else "\n") + snippet, encoding="utf-8")


def _codes_after(tmp: Path, block: str, default: str | None) -> set[str]:
    root = tmp / "catalogue"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(CATALOGUE, root)
    for path, snippet in _sections(block, default):
        _apply(root, path, snippet)
    cat, loaded = load_catalogue(str(root))
    return {d.code for d in loaded + run_checks(cat, loaded, day=date(2026, 12, 1))}


@pytest.mark.parametrize("rule", [r for r in rules() if r.code not in NOT_YAML],
                         ids=lambda rule: rule.code)
def test_failing_example_fails_and_passing_example_passes(rule: Rule, tmp_path: Path) -> None:
    found = examples(rule)
    first = _sections(found["Failing"][0], None)[0][0]
    for block in found["Failing"]:
        assert rule.code in _codes_after(tmp_path, block, first), "the failing example passes"
    for block in found["Passing"]:
        assert rule.code not in _codes_after(tmp_path, block, first), "the passing example fails"


def test_the_bundled_catalogue_itself_is_the_base_of_the_examples() -> None:
    """The passing examples only mean something if the base catalogue loads."""
    cat, loaded = load_catalogue(str(CATALOGUE))
    assert loaded == [] and cat.services and cat.people
