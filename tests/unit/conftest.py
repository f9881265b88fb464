"""Fixtures shared by the unit tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pmocat.planning import flow as flow_module


@pytest.fixture(scope="module", params=["waves", "paths"])
def both_blocking_flows(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run a module's tests once with each of `BookFlow`'s two blocking flows: numpy's waves
    (what large layered graphs get) and path by path (small ones). The tests' instances
    are small, so the switch is forced both ways."""
    saved = flow_module._SMALL
    flow_module._SMALL = -1 if request.param == "waves" else 10**9
    yield request.param
    flow_module._SMALL = saved
