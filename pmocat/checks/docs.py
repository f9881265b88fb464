"""Writes docs/checks.md from the checks' own documentation: `python -m pmocat.checks.docs`."""

from __future__ import annotations

import sys
from pathlib import Path

from pmocat.checks import rules

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def render() -> str:
    found = rules()
    lines = [
        "# What `pmocat check` reports",
        "",
        "Generated from the checks' documentation by `python -m pmocat.checks.docs`;",
        "a test fails when this page is stale. Errors mean data that cannot be trusted;",
        "warnings are about the catalogue's sense. `--select` and `--ignore` take these codes.",
        "",
        "| code | severity | what it finds |",
        "|---|---|---|",
    ]
    for rule in found:
        lines.append(f"| [`{rule.code}`](#{rule.code}) | {rule.severity.value} | {rule.title} |")
    for rule in found:
        lines += ["", f"## {rule.code}", "", f"*{rule.severity.value}*: {rule.title}", "", rule.body]
    return "\n".join(lines) + "\n"


def main() -> None:
    DOCS.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOCS}\n")


if __name__ == "__main__":
    main()
