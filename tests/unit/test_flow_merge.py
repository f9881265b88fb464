"""BookFlow merges alike pools and classes: rows told apart by hashes, compared exactly."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pmocat.planning.flow import _alike_rows


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    """Two labellings that group the same rows together."""
    pairs = set(zip(a.tolist(), b.tolist(), strict=True))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 6), st.lists(st.integers(0, 5), min_size=0, max_size=60), st.integers(0, 2**31))
def test_rows_are_grouped_as_numpys_unique_groups_them(width: int, picks: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    distinct = np.sort(rng.integers(0, 40, size=(6, width)), axis=1)  # a few rows, repeated
    rows = distinct[picks] if picks else np.zeros((0, width), dtype=np.int64)
    mine = _alike_rows(rows)
    assert len(mine) == len(rows)
    if len(rows):
        _, theirs = np.unique(rows, axis=0, return_inverse=True)
        assert same_partition(mine, theirs.reshape(-1))
        assert set(mine.tolist()) == set(range(int(mine.max()) + 1))


def test_rows_that_share_both_hashes_are_still_told_apart(monkeypatch: object) -> None:
    """Should two different rows hash alike, the exact comparison catches it."""
    import pmocat.planning.flow as flow

    class Same:
        def integers(self, *args: object, **kwargs: object) -> np.ndarray:
            return np.zeros((2, 2), dtype=np.uint64)  # each hash is then the row's sum

    monkeypatch.setattr(flow.np.random, "default_rng", lambda seed: Same())  # type: ignore[attr-defined]
    rows = np.array([[1, 4], [2, 3], [1, 4]])  # all three sum to 5
    assert same_partition(_alike_rows(rows), np.array([0, 1, 0]))
