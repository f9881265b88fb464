"""A clean check means can-take can trust what it reads, whatever sections are left out.

Hypothesis draws catalogues from the minimal example with sections (top-level and
nested, lists and mappings) left null, emptied, or given a value of the wrong type. A
null or a wrong type where a list or mapping belongs is always an error; an empty one
may be clean, but then can-take must answer from it without failing.
"""

from __future__ import annotations

import shutil
from datetime import date
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.checks import run_checks
from pmocat.diagnostics import has_errors
from pmocat.planning.book import Planner
from pmocat.planning.can_take import answer
from pmocat.sources.catalogue import load_catalogue
from tests.conftest import MINIMAL

TODAY = date(2026, 12, 1)

#: (file, path to a list or mapping in it, "list" or "mapping"); a path that is not in the
#: file is added (every one of these keys is optional or required, never unknown)
SLOTS: list[tuple[str, tuple[str | int, ...], str]] = [
    ("roster.yaml", ("people",), "list"),
    ("roster.yaml", ("people", 0, "skills"), "mapping"),
    ("roster.yaml", ("people", 2, "working_days"), "list"),
    ("roster.yaml", ("people", 0, "absences"), "list"),
    ("roster.yaml", ("people", 1, "commitments"), "list"),
    ("skills.yaml", ("skills",), "list"),
    ("skills.yaml", ("levels",), "mapping"),
    ("ingredients.yaml", ("ingredients",), "list"),
    ("ingredients.yaml", ("ingredients", 0, "cost"), "mapping"),
    ("pmo.yaml", ("opening_hours",), "mapping"),
    ("pmo.yaml", ("opening_hours", "mon"), "list"),
    ("pmo.yaml", ("holidays",), "mapping"),
    ("pmo.yaml", ("closures",), "list"),
    ("services/project-health-check.yaml", ("recipe",), "list"),
    ("services/project-health-check.yaml", ("recipe", 0), "mapping"),
    ("services/project-health-check.yaml", ("ingredients",), "list"),
    ("services/project-health-check.yaml", ("price",), "mapping"),
    ("services/project-health-check.yaml", ("available",), "list"),
    ("services/project-health-check.yaml", ("tags",), "list"),
    ("services/monthly-report.yaml", ("recipe",), "list"),
]
#: a value of the wrong type for a list, and for a mapping
WRONG = {"list": ["some text", 3, {"a": 1}], "mapping": ["some text", 3, ["a", "b"]]}


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> bool:
    """Put `value` at `path`; False when an earlier mutation took its parent away."""
    try:
        for part in path[:-1]:
            data = data[part]
        data[path[-1]] = value
    except (KeyError, IndexError, TypeError):
        return False
    return True


mutations = st.lists(
    st.tuples(st.sampled_from(range(len(SLOTS))), st.sampled_from(["null", "empty", "wrong"]),
              st.integers(0, 2)),
    min_size=1, max_size=3, unique_by=lambda m: m[0])


@pytest.mark.slow
@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations)
def test_check_is_never_clean_when_can_take_could_not_trust_it(
    tmp_path_factory: pytest.TempPathFactory, chosen: list[tuple[int, str, int]]
) -> None:
    root = tmp_path_factory.mktemp("cat")
    shutil.copytree(MINIMAL, root, dirs_exist_ok=True)
    files: dict[str, Any] = {}
    must_fail = False
    for slot, kind, pick in sorted(chosen, key=lambda m: len(SLOTS[m[0]][1])):  # parents first
        file, path, shape = SLOTS[slot]
        data = files.setdefault(file, yaml.safe_load((root / file).read_text(encoding="utf-8")))
        if kind == "null":
            value: Any = None
        elif kind == "empty":
            value = [] if shape == "list" else {}
        else:
            value = WRONG[shape][pick]
        if _set(data, path, value):
            must_fail = must_fail or kind != "empty"
    for file, data in files.items():
        (root / file).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    cat, loaded = load_catalogue(str(root))
    found = loaded + run_checks(cat, loaded, day=TODAY)
    if must_fail:
        assert has_errors(found), f"clean check after {chosen}"
    if has_errors(found):
        return
    # a clean check: can-take answers from it, and about every request it holds
    planner = Planner(cat, TODAY)
    for request in cat.requests.values():
        assert answer(planner, request).verdict in ("yes", "no")
