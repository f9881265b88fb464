"""docs/checks.md is generated from the checks' docstrings and must be current."""

from __future__ import annotations

import re

from pmocat.checks import MODULES, rules
from pmocat.checks.docs import DOCS, render


def test_docs_page_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/checks.md is stale: run `python -m pmocat.checks.docs`")


def test_codes_are_unique_and_kebab_case() -> None:
    codes = [rule.code for rule in rules()]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", code) for code in codes)


def test_every_check_module_is_registered_once() -> None:
    assert len(MODULES) == len(set(MODULES))
    assert all(rule.run is not None for rule in rules()[-len(MODULES):])
