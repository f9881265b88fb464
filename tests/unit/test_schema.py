"""`pmocat schema`: one JSON Schema per kind of file, that the bundled catalogue satisfies.

The schemas are what editors (yaml-language-server) check files against while they are
typed, so they must accept every valid file, reject what the loader rejects, and the
copies committed in schemas/ must be what the models generate today.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from pmocat.cli import app
from pmocat.models import FILE_MODELS
from pmocat.schema import schema_for, write_schemas
from pmocat.sources.yamlfile import parse_yaml
from tests.conftest import CATALOGUE, EXAMPLES, ROOT

COMMITTED = ROOT / "schemas"
KINDS = sorted(FILE_MODELS)


def kind_of(path: Path, catalogue: Path) -> str:
    rel = path.relative_to(catalogue)
    if rel.parts[0] == "services":
        return "service"
    if rel.parts[0] == "requests":
        return "request"
    return {"pmo.yaml": "pmo", "skills.yaml": "skills", "ingredients.yaml": "ingredients",
            "roster.yaml": "roster"}[rel.name]


def catalogue_files(catalogue: Path) -> list[Path]:
    return sorted(catalogue.rglob("*.yaml"))


def data_of(path: Path) -> Any:
    """A file's values as pmocat reads them (YAML 1.2: dates and times stay text)."""
    doc = parse_yaml(path.read_bytes(), str(path))
    assert doc.diagnostics == [], doc.diagnostics
    return doc.data


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft202012Validator]:
    found = {}
    for kind in KINDS:
        schema = schema_for(kind)
        Draft202012Validator.check_schema(schema)
        found[kind] = Draft202012Validator(schema)
    return found


def test_pmocat_schema_writes_one_schema_per_kind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["schema", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [f"{kind}.schema.json" for kind in KINDS]
    for kind in KINDS:
        schema = json.loads((out / f"{kind}.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$id"].endswith(f"/{kind}.schema.json")
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert f"wrote {out / f'{kind}.schema.json'}" in result.output


def test_pmocat_schema_into_a_file_path_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "schemas"
    blocker.write_text("not a folder\n")
    result = CliRunner().invoke(app, ["schema", "-o", str(blocker)])
    assert result.exit_code == 2
    assert "cannot write schemas" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("kind", KINDS)
def test_the_committed_schemas_are_current(kind: str, tmp_path: Path) -> None:
    write_schemas(tmp_path)
    fresh = (tmp_path / f"{kind}.schema.json").read_text(encoding="utf-8")
    committed = COMMITTED / f"{kind}.schema.json"
    assert committed.exists(), f"schemas/{kind}.schema.json is missing: run 'pmocat schema'"
    assert committed.read_text(encoding="utf-8") == fresh, (
        f"schemas/{kind}.schema.json is stale: run 'pmocat schema' and commit the result")


def test_the_committed_schemas_are_all_there_is() -> None:
    assert sorted(p.name for p in COMMITTED.glob("*.json")) == [f"{k}.schema.json" for k in KINDS]


@pytest.mark.parametrize("catalogue", [CATALOGUE, EXAMPLES / "minimal"], ids=["bundled", "minimal"])
def test_every_catalogue_file_satisfies_its_schema(
    catalogue: Path, validators: dict[str, Draft202012Validator]
) -> None:
    files = catalogue_files(catalogue)
    assert files
    kinds = set()
    for path in files:
        kind = kind_of(path, catalogue)
        kinds.add(kind)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validators[kind].iter_errors(data_of(path))]
        assert errors == [], f"{path.relative_to(catalogue)}: {errors}"
    assert {"pmo", "skills", "service", "roster"} <= kinds


def test_the_schema_points_each_bundled_file_at_its_schema() -> None:
    # the bundled files name their schema for editors; the name must be the right one
    for path in catalogue_files(CATALOGUE):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if "$schema=" in first:
            named = first.split("$schema=", 1)[1].strip()
            assert (path.parent / named).resolve() == (
                COMMITTED / f"{kind_of(path, CATALOGUE)}.schema.json").resolve(), path


SERVICE = CATALOGUE / "services" / "project-health-check.yaml"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(colour="blue"), ""),  # an unknown key
        (lambda d: d.pop("owner"), ""),  # a required key left out
        (lambda d: d.update(status="liv"), "status"),  # not one of the choices
        (lambda d: d.update(lead_time_days=-1), "lead_time_days"),
        (lambda d: d.update(recipe=[]), "recipe"),  # at least one line
        (lambda d: d["recipe"][0].update(level=7), "recipe/0/level"),
        (lambda d: d.update(id="Project Health"), "id"),  # not a slug
        (lambda d: d.update(price={"model": "fixed", "amount": "lots"}), "price/amount"),
    ],
    ids=["unknown-key", "missing-key", "bad-choice", "negative", "empty-recipe", "level",
         "bad-id", "bad-amount"],
)
def test_the_service_schema_rejects_what_the_loader_rejects(
    change: Any, where: str, validators: dict[str, Draft202012Validator]
) -> None:
    data = data_of(SERVICE)
    assert list(validators["service"].iter_errors(data)) == []
    change(data)
    errors = list(validators["service"].iter_errors(data))
    assert errors
    assert any("/".join(map(str, e.absolute_path)) == where for e in errors), [
        ("/".join(map(str, e.absolute_path)), e.message) for e in errors]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("pmo", "schema_version: 1\nname: P\ncurrency: GBP\nopening_hours: {mon: '09:00-17:00'}\n"),
        ("pmo", "schema_version: 1\nname: P\ncurrency: GBP\n"
                "opening_hours: {friday: ['09:00-12:00', '13:00-16:00']}\n"),
        ("roster", "people:\n  - {id: ann, name: Ann, skills: {assurance: 3}, hours_per_week: 30,"
                   " working_days: [mon, tue]}\n"),
        ("request", "id: REQ-1\nservice: pmo-setup\ncustomer: Finance\ndue: 2027-03-01\n"),
        ("skills", "skills:\n  - {id: assurance, name: Assurance}\n"),
    ],
)
def test_short_forms_the_loader_accepts_the_schema_accepts(
    kind: str, text: str, validators: dict[str, Draft202012Validator]
) -> None:
    doc = parse_yaml(text.encode(), f"{kind}.yaml")
    FILE_MODELS[kind].model_validate(doc.data)
    assert [e.message for e in validators[kind].iter_errors(doc.data)] == []
