"""Shared fixtures: the bundled catalogue, a scratch copy, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "catalogue"
EXAMPLES = ROOT / "examples"
#: examples/minimal's values, written compactly (flow mappings): tests edit it by its text,
#: so its layout stays put while fmt lays out the example (test_layout.py checks they agree)
MINIMAL = ROOT / "tests" / "fixtures" / "minimal-compact"
TODAY = "2026-12-01"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep pmocat's on-disk caches (public holidays) out of the home directory."""
    previous = os.environ.get("PMOCAT_CACHE_DIR")
    os.environ["PMOCAT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("PMOCAT_CACHE_DIR", None)
    else:
        os.environ["PMOCAT_CACHE_DIR"] = previous


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the expected output of golden cases")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    """A scratch copy of the bundled catalogue, safe to break."""
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, target)
    return target


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    target = tmp_path / "minimal"
    shutil.copytree(MINIMAL, target)
    return target
