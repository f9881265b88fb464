"""docs/reference.md is generated from the models, is current, covers every key, and its
examples are a catalogue that `pmocat check --strict` passes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from pmocat.cli import app
from pmocat.models import FILE_MODELS
from pmocat.models.types import WEEKDAYS
from pmocat.render.reference import DOCS, FILES, describe, models_in, render
from pmocat.sources.yamlfile import parse_yaml
from tests.conftest import ROOT, TODAY

_EXAMPLE = re.compile(r"^### A complete `[^`]+`\n\n```yaml\n# (\S+)\n(.*?)^```", re.M | re.S)


def page() -> str:
    return DOCS.read_text(encoding="utf-8")


def examples(text: str) -> dict[str, str]:
    """The page's complete examples, by the path each names in its first line."""
    return dict(_EXAMPLE.findall(text))


def kind_of(path: str) -> str:
    return FILES[re.sub(r"^(services|requests)/[^/]+$", r"\1/<id>.yaml", path)]


def test_the_reference_is_current() -> None:
    assert page() == render(), (
        "docs/reference.md is stale: run `python -m pmocat.render.reference` and commit it")


def test_the_catalogue_guide_and_readme_link_to_it() -> None:
    assert "(reference.md)" in (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert "(docs/reference.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_there_is_one_complete_example_of_each_kind_of_file() -> None:
    found = examples(page())
    assert sorted(kind_of(path) for path in found) == sorted(FILE_MODELS)


def test_the_examples_check_clean_together(tmp_path: Path) -> None:
    for path, text in examples(page()).items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--strict", "--today", TODAY])
    assert (result.exit_code, result.stdout) == (
        0, f"All clear: {len(FILE_MODELS)} files checked, no problems.\n")


def _keys(model: type[BaseModel], data: Any, at: str = "") -> set[str]:
    """Every key path (`people[].absences[].from`) the data writes, within the model."""
    found: set[str] = set()
    if not isinstance(data, dict):
        return found
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key not in data:
            continue
        found.add(at + key)
        inner = [t for t in _types(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
        for sub in inner[:1]:
            values = data[key] if isinstance(data[key], list) else [data[key]]
            suffix = "[]" if isinstance(data[key], list) else ""
            for value in values:
                found |= _keys(sub, value, f"{at}{key}{suffix}.")
    return found


def _all_keys(model: type[BaseModel], at: str = "") -> set[str]:
    found: set[str] = set()
    for name, field in model.model_fields.items():
        key = field.alias or name
        found.add(at + key)
        inner = [t for t in _types(field.annotation) if isinstance(t, type) and issubclass(t, BaseModel)]
        for sub in inner[:1]:
            listed = any(get_origin(t) is list for t in _types(field.annotation))
            found |= _all_keys(sub, f"{at}{key}{'[]' if listed else ''}.")
    return found


def _types(annotation: Any) -> list[Any]:
    return [annotation, *(inner for arg in get_args(annotation) for inner in _types(arg))]


@pytest.mark.parametrize("kind", sorted(FILE_MODELS))
def test_each_example_writes_every_key_its_file_may_hold(kind: str) -> None:
    model = FILE_MODELS[kind]
    written: set[str] = set()
    for path, text in examples(page()).items():
        if kind_of(path) == kind:
            written |= _keys(model, parse_yaml(text.encode(), path).data)
    assert sorted(_all_keys(model) - written) == []


def test_the_key_walk_notices_a_key_left_out() -> None:
    roster = {"people": [{"id": "a", "name": "A", "skills": {}, "hours_per_week": 1,
                          "absences": [{"from": "2027-01-01", "to": "2027-01-02"}]}]}
    missing = _all_keys(FILE_MODELS["roster"]) - _keys(FILE_MODELS["roster"], roster)
    assert {"people[].absences[].reason", "people[].commitments[].for", "people[].role"} <= missing
    assert "people[].absences[].from" not in missing


@pytest.mark.parametrize("kind", sorted(FILE_MODELS))
def test_every_field_is_described(kind: str) -> None:
    for model in models_in(FILE_MODELS[kind]).values():
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"


def _literals(annotation: Any) -> list[Any]:
    return [value for t in _types(annotation) if get_origin(t) is Literal for value in get_args(t)]


@pytest.mark.parametrize("kind", sorted(FILE_MODELS))
def test_every_allowed_value_is_listed_in_its_files_section(kind: str) -> None:
    file = next(f for f, k in FILES.items() if k == kind)
    section = page().split(f"\n## `{file}`\n", 1)[1].split("\n## ", 1)[0]
    for model in models_in(FILE_MODELS[kind]).values():
        for name, field in model.model_fields.items():
            row = next(line for line in section.splitlines()
                       if line.startswith(f"| `{field.alias or name}` |"))
            for value in _literals(field.annotation):
                if value in WEEKDAYS:  # the Types table lists them once, as `weekday`
                    assert "weekday" in row, (model.__name__, name)
                else:
                    assert f"`{value}`" in row, (model.__name__, name, value)


def test_a_type_without_words_is_refused_rather_than_guessed() -> None:
    with pytest.raises(ValueError, match="no words for the type"):
        describe({"type": "boolean"})


def test_the_examples_are_laid_out_as_fmt_lays_them_out() -> None:
    """A new PMO copies these: a copy must pass `pmocat fmt --check` (the pre-commit hook)."""
    from pmocat.models.layout import file_shape
    from pmocat.sources.layout import layout

    for path, text in examples(page()).items():
        assert layout(text, file_shape(kind_of(path))) == text, path
