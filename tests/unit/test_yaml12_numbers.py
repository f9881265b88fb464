"""Numbers are numbers only as YAML 1.2 reads them: text that looks like one is refused.

pmocat promises YAML 1.2, whose core schema reads `1_000` and `"3"` as text. Taking them as
numbers would answer from something the file does not say (issue: refuse what cannot be
trusted).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pmocat.sources.catalogue import load_catalogue


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(("file", "old", "new", "line", "column", "message"), [
    ("services/project-health-check.yaml", "hours: 24}", "hours: 1_000}", 9, 41,
     "expected a number, got the text '1_000'"),
    ("requests/REQ-001.yaml", "quantity: 1", 'quantity: "2"', 4, 11,
     "expected a whole number, got the text '2'"),
    ("roster.yaml", "hours_per_week: 20,", 'hours_per_week: "20",', 4, None,
     "expected a number, got the text '20'"),
    ("services/project-health-check.yaml", "amount: 4500}", 'amount: "4500"}', 12, None,
     "expected an amount like 4500 or 12.50"),
    ("services/monthly-report.yaml", "amount: 500}", "amount: 5_00}", 9, None,
     "expected an amount like 4500 or 12.50"),
    ("services/monthly-report.yaml", "amount: 500}", "amount: true}", 9, None,
     "expected an amount like 4500 or 12.50"),
    ("services/project-health-check.yaml", "level: 3,", "level: '3',", 9, None,
     "expected a whole number, got the text '3'"),
])
def test_text_that_looks_like_a_number_is_an_invalid_type(
    minimal_copy: Path, file: str, old: str, new: str, line: int | None, column: int | None,
    message: str,
) -> None:
    _edit(minimal_copy / file, old, new)
    _, diagnostics = load_catalogue(str(minimal_copy))
    found = [d for d in diagnostics if d.span.path.endswith(file)]
    assert [d.code for d in found] == ["invalid-type"]
    assert message in found[0].message
    if line is not None:
        assert found[0].span.line == line
    if column is not None:
        assert found[0].span.column == column


def test_real_numbers_still_load(minimal_copy: Path) -> None:
    _edit(minimal_copy / "services/project-health-check.yaml", "amount: 4500}", "amount: 4500.50}")
    _edit(minimal_copy / "roster.yaml", "hours_per_week: 20,", "hours_per_week: 20.5,")
    cat, diagnostics = load_catalogue(str(minimal_copy))
    assert diagnostics == []
    assert cat.services["project-health-check"].price.amount == Decimal("4500.50")
    assert cat.people["cat"].hours_per_week == 20.5
