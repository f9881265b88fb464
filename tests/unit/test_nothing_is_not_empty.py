"""Nothing is not empty: a section left null, or a folder that cannot be listed, is an error.

Read as empty, `people:` with nothing under it gave a clean check and then a wrong answer,
and an unreadable requests/ folder turned the accepted book into no book at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pmocat.errors import PmocatError
from pmocat.sources.catalogue import load_catalogue


def _problems(root: Path, **options: str) -> list[tuple[str, int, int, str, str]]:
    _, diagnostics = load_catalogue(str(root), **options)  # type: ignore[arg-type]
    return [(Path(d.span.path).name, d.span.line, d.span.column, d.code, d.message)
            for d in diagnostics]


@pytest.mark.parametrize(("file", "key"), [
    ("roster.yaml", "people"), ("skills.yaml", "skills"), ("ingredients.yaml", "ingredients"),
])
def test_a_section_with_nothing_under_it_is_an_invalid_type(minimal_copy: Path, file: str, key: str) -> None:
    path = minimal_copy / file
    kept = [line for line in path.read_text().splitlines() if not line.startswith(("  ", "-"))]
    path.write_text("\n".join(line if not line.startswith(f"{key}:") else f"{key}:"
                              for line in kept) + "\n")
    found = [p for p in _problems(minimal_copy) if p[0] == file]
    line = kept.index(f"{key}:") + 1 if f"{key}:" in kept else None
    assert found == [(file, line, 1, "invalid-type", f"expected a list of {key}, got nothing")]


def test_an_empty_list_written_as_such_is_allowed(minimal_copy: Path) -> None:
    (minimal_copy / "ingredients.yaml").write_text("ingredients: []\n")
    (minimal_copy / "services" / "project-health-check.yaml").write_text(
        (minimal_copy / "services" / "project-health-check.yaml").read_text()
        .replace("ingredients: [health-check-template]\n", ""))
    assert _problems(minimal_copy) == []


@pytest.mark.parametrize(("file", "append", "message"), [
    ("pmo.yaml", "holidays:\n", "expected a mapping of keys to values, got nothing"),
    ("services/project-health-check.yaml", "available:\n", "expected a list, got nothing"),
    ("ingredients.yaml", None, "expected a mapping of keys to values, got nothing"),
])
def test_an_optional_list_or_mapping_written_with_nothing_is_an_error(
    minimal_copy: Path, file: str, append: str | None, message: str
) -> None:
    path = minimal_copy / file
    if append is None:  # an ingredient's cost: a key inside a flow mapping
        text = path.read_text()
        assert "status: ready}" in text
        path.write_text(text.replace("status: ready}", "status: ready, cost: null}", 1))
    else:
        path.write_text(path.read_text() + append)
    found = [p for p in _problems(minimal_copy) if p[0] == Path(file).name]
    assert [(code, text) for *_, code, text in found] == [("invalid-type", message)]


def test_a_requests_folder_that_is_not_a_folder_is_an_error(minimal_copy: Path) -> None:
    shutil.rmtree(minimal_copy / "requests")
    (minimal_copy / "requests").write_text("not a folder\n")
    found = _problems(minimal_copy)
    assert [(name, code) for name, _, _, code, _ in found] == [("requests", "unreadable-file")]
    assert "is not a folder" in found[0][4]


def test_requests_named_as_a_file_is_a_usage_error(minimal_copy: Path) -> None:
    with pytest.raises(PmocatError, match="--requests takes a folder"):
        load_catalogue(str(minimal_copy), requests=str(minimal_copy / "roster.yaml"))


def test_no_requests_folder_at_all_is_an_empty_book(minimal_copy: Path) -> None:
    shutil.rmtree(minimal_copy / "requests")
    assert _problems(minimal_copy) == []
