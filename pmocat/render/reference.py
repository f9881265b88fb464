"""docs/reference.md, written from the models: `python -m pmocat.render.reference`.

Every kind of file, every key with its type, whether it is required, its default, its
allowed values and what it is (the fields' descriptions), and a complete example of each
file. A test fails when the page is stale, and another checks its examples clean.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, TypeAdapter

from pmocat.models import FILE_MODELS
from pmocat.models.entities import OPENING_HOURS_SCHEMA, WEEKDAY_SCHEMA

DOCS = Path(__file__).resolve().parents[2] / "docs" / "reference.md"

#: each kind of file: where it lives in a catalogue, and the model it is read with
FILES = {
    "pmo.yaml": "pmo",
    "skills.yaml": "skills",
    "ingredients.yaml": "ingredients",
    "roster.yaml": "roster",
    "services/<id>.yaml": "service",
    "requests/<id>.yaml": "request",
}

_SLUG = r"^[a-z][a-z0-9-]*$"
_REQUEST_ID = r"^[A-Za-z][A-Za-z0-9-]*$"
_MONEY = {"type": "number", "minimum": 0}
_HOURS = {"type": "number", "exclusiveMinimum": 0, "maximum": 10000}

#: patterns said in words
_PATTERNS = {r"^[A-Z]{3}$": "three capital letters", r"^[A-Z]{2,3}$": "two or three capital letters"}
_PLURALS = {"id": "ids", "request id": "request ids", "date": "dates", "weekday": "weekdays",
            "time range": "time ranges"}

#: the words the type column uses for the catalogue's own kinds of value
TYPES = [
    ("id", "a short name in lowercase letters, digits and `-`, starting with a letter, at "
     "most 80 characters: `project-health-check`"),
    ("request id", "letters (either case), digits and `-`, starting with a letter: `REQ-042`"),
    ("date", "a day written `YYYY-MM-DD`: `2027-03-12`; a day that does not exist "
     "(`2027-02-30`) is an error"),
    ("time range", "opening hours within one day, `HH:MM-HH:MM`, quoted: `\"09:00-17:30\"`"),
    ("weekday", "`monday` … `sunday`, or `mon` … `sun`"),
    ("money", "an amount in the PMO's currency, written as a number (`4500`, `12.50`), at "
     "most two decimal places, never negative"),
    ("hours", "a number of hours, more than 0 and at most 10,000: `7.5`"),
    ("text", "any text; quote it when it starts with a character YAML treats specially"),
]

#: a complete example of each kind of file; together they make a catalogue that checks clean
EXAMPLES = {
    "pmo.yaml": """\
schema_version: 1
name: Acme Group PMO
currency: GBP
day_hours: 7.5
contact: pmo@acme.example
opening_hours:
  monday: "09:00-17:30"
  tuesday: "09:00-17:30"
  wednesday: "09:00-17:30"
  thursday: "09:00-17:30"
  fri: ["09:00-12:30", "13:30-16:00"]   # short names and several ranges work too
holidays:
  country: GB
  subdivision: ENG
  extra:
    - date: 2027-12-24
      name: Christmas Eve
closures:
  - from: 2027-12-20
    to: 2028-01-03
    name: Year-end freeze
menu:
  note: Prices exclude VAT. To ask for a service, email the PMO.
""",
    "skills.yaml": """\
levels:
  1: Aware
  2: Practitioner
  3: Experienced
  4: Expert
  5: Authority
skills:
  - id: assurance
    name: Project assurance
    description: Independent review of a project's health and controls.
    sfia: QUAS
  - id: stakeholder-engagement
    name: Stakeholder engagement
""",
    "ingredients.yaml": """\
ingredients:
  - id: health-check-template
    name: Health check report template
    kind: template
    status: ready
    owner: asha
    available_from: 2026-01-01
    available_until: 2030-12-31
    cost:
      amount: 1200
      per: year
""",
    "roster.yaml": """\
people:
  - id: asha
    name: Asha Patel
    role: Senior assurance analyst
    skills:
      assurance: 4
      stakeholder-engagement: 3
    hours_per_week: 37.5
    working_days: [monday, tuesday, wednesday, thursday]
    cost_per_hour: 52
    absences:
      - from: 2027-02-08
        to: 2027-02-12
        reason: Annual leave
    commitments:
      - from: 2027-01-04
        to: 2027-03-26
        hours_per_week: 10
        for: Finance gate reviews
  - id: ben
    name: Ben Walsh
    skills:
      assurance: 3
      stakeholder-engagement: 2
    hours_per_week: 37.5
    cost_per_hour: 41
""",
    "services/project-health-check.yaml": """\
id: project-health-check
name: Project health check
category: Assurance
status: live
summary: An independent two-week review of a project's health, with a RAG report.
description: |
  An assurance analyst interviews the project team and sponsor, reviews the plan,
  RAID log and finances, and reports an overall **RAG rating** with the evidence.
customers: [Project managers, Programme boards]
owner: asha
ingredients: [health-check-template]
recipe:
  - skill: assurance
    level: 3
    hours: 24
    max_people: 1   # one reviewer does it
  - skill: stakeholder-engagement
    level: 2
    hours: 8
lead_time_days: 5
duration_days: 10
price:
  model: fixed
  amount: 4500
unit: review                           # the menu says "£4,500 per review"
available:                             # runs in these seasons only
  - from: 2027-01-04
    to: 2027-07-30
  - from: 2027-09-06
    to: 2027-12-17
sla: Report within 10 open days of kick-off
tags: [assurance, governance]
""",
    "requests/REQ-042.yaml": """\
id: REQ-042
service: project-health-check
customer: Website Rebuild Project
quantity: 1
start: 2027-02-01
due: 2027-03-12
budget: 5000
priority: 2
status: new
""",
}


def _kind_of_example(path: str) -> str:
    return FILES[re.sub(r"^(services|requests)/[^/]+$", r"\1/<id>.yaml", path)]


def _code(value: Any) -> str:
    """A value as it is written in YAML, in backticks."""
    if isinstance(value, dict):
        inner = ", ".join(f"{k}: {_plain(v)}" for k, v in value.items())
        return f"`{{{inner}}}`"
    if isinstance(value, list):
        return f"`[{', '.join(_plain(v) for v in value)}]`"
    return f"`{_plain(value)}`"


def _plain(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _number_range(node: dict[str, Any]) -> str:
    parts = []
    if "minimum" in node and "maximum" in node:
        return f"{node['minimum']:,} to {node['maximum']:,}"
    if "minimum" in node:
        parts.append(f"at least {node['minimum']:,}")
    if "exclusiveMinimum" in node:
        parts.append(f"more than {node['exclusiveMinimum']:,}")
    if "maximum" in node:
        parts.append(f"at most {node['maximum']:,}")
    return ", ".join(parts)


def _without_null(node: dict[str, Any]) -> dict[str, Any]:
    """An optional value's own type: pydantic writes `X | None` as anyOf [X, null]."""
    options = [n for n in node.get("anyOf", []) if n.get("type") != "null"]
    if len(options) == 1:
        return {**{k: v for k, v in node.items() if k != "anyOf"}, **options[0]}
    return node


def _shape(node: dict[str, Any]) -> dict[str, Any]:
    """A schema without its words: what it accepts, not how it is named or explained."""
    return {k: v for k, v in node.items() if k not in ("description", "title", "default")}


def describe(node: dict[str, Any], keys: str = "key") -> str:
    """A value's type in the words of the page's Types table; `keys` names a mapping's keys
    where the schema cannot (JSON's keys are always text)."""
    node = _without_null(node)
    if "$ref" in node:
        return "mapping (below)"
    if "const" in node:
        return f"always {_code(node['const'])}"
    if node.get("enum") == WEEKDAY_SCHEMA["enum"]:
        return "weekday"
    if "enum" in node:
        return "one of " + ", ".join(_code(v) for v in node["enum"])
    if _shape(node) == _shape(OPENING_HOURS_SCHEMA):
        return "mapping of weekday → time range, or a list of time ranges"
    kind = node.get("type")
    if kind == "string":
        return _describe_text(node)
    if kind == "number":
        core = {k: node[k] for k in ("type", "minimum", "exclusiveMinimum", "maximum") if k in node}
        if core == _MONEY:
            return "money"
        if core == _HOURS:
            return "hours"
        return "number, " + _number_range(node)
    if kind == "integer":
        words = _number_range(node)
        return f"whole number, {words}" if words else "whole number"
    if kind == "array":
        items = node.get("items", {})
        each = "mappings (below)" if "$ref" in items else describe(items)
        each = _PLURALS.get(each, each)
        least = f", at least {node['minItems']}" if node.get("minItems") else ""
        return f"list of {each}{least}"
    if kind == "object":
        if node.get("patternProperties"):
            ((pattern, value),) = node["patternProperties"].items()
            key = "id" if pattern == _SLUG else "text"
            return f"mapping of {key} → {describe(value)}"
        if isinstance(node.get("additionalProperties"), dict):
            return f"mapping of {keys} → {describe(node['additionalProperties'])}"
    raise ValueError(f"no words for the type {node}")  # a new kind of field: give it words


def _describe_text(node: dict[str, Any]) -> str:
    pattern = node.get("pattern")
    if pattern == _SLUG:
        return "id"
    if pattern == _REQUEST_ID:
        return "request id"
    if node.get("format") == "date":
        return "date"
    if pattern in _PATTERNS:
        return _PATTERNS[pattern]
    if pattern is not None and pattern != r"^[^\n]*$":
        return f"text matching `{pattern}`"
    words = ["text"]
    if node.get("minLength") == 1:
        words.append("not empty")
    if pattern is not None:
        words.append("one line")
    if "maxLength" in node:
        words.append(f"at most {node['maxLength']} characters")
    return ", ".join(words)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def models_in(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """The model and every model its fields hold, by class name (the schema's $defs names)."""
    found = {model.__name__: model}
    for field in model.model_fields.values():
        for inner in _types_in(field.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel) and inner.__name__ not in found:
                found.update(models_in(inner))
    return found


def _types_in(annotation: Any) -> list[Any]:
    return [annotation, *(inner for arg in get_args(annotation) for inner in _types_in(arg))]


def _key_words(model: type[BaseModel], key: str) -> str:
    """What a mapping field's keys are, from the model (skills' levels are numbers 1 to 5)."""
    field = next(f for name, f in model.model_fields.items() if (f.alias or name) == key)
    annotation = field.annotation
    if get_origin(annotation) is dict:
        return describe(TypeAdapter(get_args(annotation)[0]).json_schema())
    return "key"


def _table(schema: dict[str, Any], model: type[BaseModel]) -> list[str]:
    required = set(schema.get("required", []))
    lines = ["| key | type | required | default | what it is |", "|---|---|---|---|---|"]
    for key, node in schema["properties"].items():
        if key in required:
            default = ""
        else:
            default = "—" if node.get("default") is None else _code(node["default"])
        description = node.get("description") or _without_null(node).get("description", "")
        if not description:
            raise ValueError(f"{model.__name__}.{key} has no description")
        kind = describe(node, keys=_key_words(model, key))
        lines.append(f"| `{key}` | {_cell(kind)} | {'yes' if key in required else 'no'} "
                     f"| {_cell(default)} | {_cell(description)} |")
    return lines


def _refs(node: Any) -> list[tuple[str, bool]]:
    """The definitions a property's value refers to, each with whether it is a list's item."""
    node = _without_null(node)
    if "$ref" in node:
        return [(node["$ref"].rsplit("/", 1)[1], False)]
    items = node.get("items", {})
    if "$ref" in items:
        return [(items["$ref"].rsplit("/", 1)[1], True)]
    return []


def _nested(schema: dict[str, Any], prefix: str) -> list[tuple[str, str]]:
    """(path, definition) of every mapping inside a file, in the order its keys come."""
    found: list[tuple[str, str]] = []
    defs = schema.get("$defs", {})

    def walk(properties: dict[str, Any], at: str) -> None:
        for key, node in properties.items():
            for name, listed in _refs(node):
                path = f"{at}{key}{'[]' if listed else ''}"
                found.append((path, name))
                walk(defs[name]["properties"], path + ".")

    walk(schema["properties"], prefix)
    return found


def _section(file: str, kind: str) -> list[str]:
    model = FILE_MODELS[kind]
    schema = model.model_json_schema(by_alias=True)
    doc = (model.__doc__ or "").split(":", 1)[-1].strip()
    lines = ["", f"## `{file}`", "", doc[:1].upper() + doc[1:], ""]
    lines += _table(schema, model)
    classes = models_in(model)
    for path, name in _nested(schema, ""):
        definition = schema["$defs"][name]
        what = definition.get("description", "")
        lines += ["", f"### `{path}`", ""]
        if what:
            lines += [what, ""]
        lines += _table(definition, classes[name])
    example = next(path for path in EXAMPLES if _kind_of_example(path) == kind)
    lines += ["", f"### A complete `{file}`", "", "```yaml", f"# {example}",
              EXAMPLES[example].rstrip("\n"), "```"]
    return lines


def render() -> str:
    """The whole page."""
    lines = [
        "# Catalogue reference",
        "",
        "<!-- Generated by `python -m pmocat.render.reference` from the models in",
        "     pmocat/models/ (their fields' descriptions); edit those, not this page.",
        "     A test fails when this page is stale. -->",
        "",
        "Every kind of file in a catalogue, every key each may hold, and a complete example of",
        "each. What the files mean, and how pmocat works out whether a request fits, is",
        "explained in [catalogue.md](catalogue.md); every problem `pmocat check` reports is in",
        "[checks.md](checks.md). `pmocat schema` writes the same contract as JSON Schemas, for",
        "editors.",
        "",
        "A key not listed is an error (`unknown-key`), and so is a value of the wrong type:",
        "pmocat reads YAML 1.2 and converts nothing, so `\"4500\"` is text, not an amount. A key",
        "that is not required may be left out, and then has its default (— means none).",
        "The examples together make a catalogue that `pmocat check --strict` passes.",
        "",
        "| file | holds |",
        "|---|---|",
    ]
    for file, kind in FILES.items():
        doc = (FILE_MODELS[kind].__doc__ or "").split(":", 1)[-1].strip()
        lines.append(f"| [`{file}`](#{_anchor(file)}) | {doc.rstrip('.')} |")
    lines += ["", "## Types", "", "| type | what it is |", "|---|---|"]
    lines += [f"| {name} | {what} |" for name, what in TYPES]
    for file, kind in FILES.items():
        lines += _section(file, kind)
    return "\n".join(lines) + "\n"


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading that is the file's name in backticks."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def main() -> None:
    DOCS.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOCS}\n")


if __name__ == "__main__":
    main()
