"""Shared fixtures: the bundled catalogue, a scratch copy, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "catalogue"
EXAMPLES = ROOT / "examples"
TODAY = "2026-12-01"


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
    shutil.copytree(EXAMPLES / "minimal", target)
    return target
