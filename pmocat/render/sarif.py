"""Diagnostics as SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

Every code pmocat can report is described as a rule, from the checks' own documentation,
so a viewer can explain a result without the docs site.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from pmocat.diagnostics import Diagnostic, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/pmocat/pmocat"
CHECKS_URI = f"{INFORMATION_URI}/blob/main/docs/checks.md"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
#: GitHub code scanning keeps descriptions and messages to this many characters
_MAX_TEXT = 1024


def _short(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


def _first_paragraph(body: str) -> str:
    paragraph = body.split("\n\n", 1)[0].strip()
    if not paragraph or paragraph.startswith(("Failing", "Passing", "```")):
        return ""
    return " ".join(paragraph.split())


def _descriptor(code: str, severity: Severity, title: str, body: str) -> dict[str, Any]:
    title = title[:1].upper() + title[1:]
    about = _first_paragraph(body)
    return {
        "id": code,
        "name": "".join(word.capitalize() for word in code.split("-")),
        "shortDescription": {"text": _short(title)},
        "fullDescription": {"text": _short(f"{title} {about}" if about else title)},
        "help": {"text": f"{title}\n\n{body}".strip(), "markdown": f"**{title}**\n\n{body}".strip()},
        "helpUri": f"{CHECKS_URI}#{code}",
        "defaultConfiguration": {"level": _LEVEL[severity.value]},
    }


def _rules(diagnostics: list[Diagnostic]) -> list[dict[str, Any]]:
    """A descriptor for every documented code, and for any code reported but not documented."""
    from pmocat.checks import rules

    described = [_descriptor(rule.code, rule.severity, rule.title, rule.body) for rule in rules()]
    known = {rule["id"] for rule in described}
    for d in diagnostics:
        if d.code not in known:
            known.add(d.code)
            described.append(_descriptor(d.code, d.severity, d.code, ""))
    return described


def artifact_location(path: str) -> dict[str, str]:
    """A relative path stays relative to the checkout (%SRCROOT%); an absolute one is a file URI."""
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(PurePath(path).as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def render(diagnostics: list[Diagnostic], *, files: int) -> str:
    from pmocat import __version__

    rules = _rules(diagnostics)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for d in diagnostics:
        results.append({
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVEL[d.severity.value],
            "message": {"text": _short(d.message + (f" (help: {d.hint})" if d.hint else ""))},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": artifact_location(d.span.path),
                    "region": {"startLine": max(d.span.line, 1), "startColumn": max(d.span.column, 1)},
                }
            }],
        })
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pmocat",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
