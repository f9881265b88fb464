"""Comparing a golden case's output with what it expects, or rewriting it (--update-golden)."""

from __future__ import annotations

from pathlib import Path


def compare(expected: Path, actual: str, *, update: bool, what: str) -> None:
    if update:
        expected.write_text(actual, encoding="utf-8")
    else:
        assert actual == expected.read_text(encoding="utf-8"), f"{what} differs"


def compare_exit(case: Path, exits: set[int], *, update: bool, name: str) -> None:
    """Every format of a case exits the same way, and as expected."""
    assert len(exits) == 1, f"{name}: the exit status depends on the format: {exits}"
    status = case / "expected.exit"
    if update:
        status.write_text(f"{exits.pop()}\n")
    else:
        assert exits == {int(status.read_text())}
