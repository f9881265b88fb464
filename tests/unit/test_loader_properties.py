"""A catalogue with one file broken at random still loads and checks, every problem located."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.checks import run_checks
from pmocat.sources.catalogue import load_catalogue
from tests.conftest import CATALOGUE, MINIMAL
from tests.unit.test_yamlfile_properties import YAML_BITS, line_count, mutate, mutations

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
TARGETS = {
    "services/project-health-check.yaml": CATALOGUE / "services" / "project-health-check.yaml",
    "roster.yaml": MINIMAL / "roster.yaml",
    "pmo.yaml": CATALOGUE / "pmo.yaml",
    "requests/REQ-001.yaml": MINIMAL / "requests" / "REQ-001.yaml",
}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mutants") / "cat"
    shutil.copytree(MINIMAL, root)
    return root


@SETTINGS
@given(st.sampled_from(sorted(TARGETS)), mutations,
       st.lists(st.sampled_from(YAML_BITS), max_size=3))
@pytest.mark.slow
def test_a_randomly_broken_file_never_stops_the_load_or_the_checks(
    scratch: Path, target: str, changes: list[tuple[float, str, str]], tail: list[str]
) -> None:
    original = TARGETS[target].read_text(encoding="utf-8")
    text = mutate(original, changes) + "".join(tail)
    path = scratch / target
    path.write_text(text, encoding="utf-8")
    try:
        cat, diagnostics = load_catalogue(str(scratch))
        diagnostics += run_checks(cat, diagnostics, day=date(2026, 12, 1))
    finally:
        shutil.copyfile(MINIMAL / target, path)
    for diag in diagnostics:
        assert diag.message and diag.code
        file = Path(diag.span.path)
        assert file.is_relative_to(scratch), diag
        if file.is_file():
            lines = line_count(text.encode("utf-8")) if file == path else \
                line_count(file.read_bytes())
            assert 1 <= diag.span.line <= lines + 1, (diag, lines)
        assert diag.span.column >= 1, diag
    # the files nobody broke are still read in full
    if target != "roster.yaml":
        assert {"ann", "bob", "cat"} <= set(cat.people)
    if target != "pmo.yaml":
        assert cat.pmo is not None
