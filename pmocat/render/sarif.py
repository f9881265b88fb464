"""Diagnostics as SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from pmocat.diagnostics import Diagnostic

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rules() -> list[dict[str, Any]]:
    from pmocat.checks import rules

    described = []
    for rule in rules():
        described.append({
            "id": rule.code,
            "name": "".join(word.capitalize() for word in rule.code.split("-")),
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.body or rule.title},
            "help": {"text": rule.doc.strip(), "markdown": rule.doc.strip()},
            "helpUri": f"https://github.com/pmocat/pmocat/blob/main/docs/checks.md#{rule.code}",
            "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
        })
    return described


def render(diagnostics: list[Diagnostic], *, files: int) -> str:
    from pmocat import __version__

    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for d in diagnostics:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": _LEVEL[d.severity.value],
            "message": {"text": d.message + (f" (help: {d.hint})" if d.hint else "")},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": PurePath(d.span.path).as_posix(),
                                         "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": d.span.line, "startColumn": d.span.column},
                }
            }],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pmocat",
                "version": __version__,
                "informationUri": "https://github.com/pmocat/pmocat",
                "rules": rules,
            }},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
