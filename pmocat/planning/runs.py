"""Array helpers for entries that come in runs (contiguous groups), used by the engines.

`ranges` spells out many integer ranges at once; `Runs` hands an amount per run out over
its entries in turn (the first filled first) and adds up each run, all in numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray


def ranges(starts: NDArray[np.int64], lengths: NDArray[np.int64]) -> NDArray[np.int64]:
    """start, start + 1, …, start + length − 1 for each (start, length), all in one array."""
    ends: NDArray[np.int64] = np.cumsum(lengths)
    if not len(ends):
        return ends
    spelled: NDArray[np.int64] = np.arange(int(ends[-1])) + np.repeat(starts - (ends - lengths), lengths)
    return spelled


class Runs:
    """Entries in runs of given lengths (an entry's run: the one it falls in, in order).

    Runs of one entry each are common in the small layers of a flow; they skip the work.
    """

    keys: NDArray[np.int64]

    def __init__(self, lengths: NDArray[np.int64], starts: NDArray[np.int64] | None = None) -> None:
        self.lengths = lengths
        self.starts = np.cumsum(lengths) - lengths if starts is None else starts
        self.single = bool(len(lengths)) and int(self.starts[-1] + lengths[-1]) == len(lengths)

    @classmethod
    def of(cls, keys: NDArray[np.int64]) -> Runs:
        """The runs of equal keys (keys sorted); `keys` of the result: one per run."""
        bounds = np.ones(len(keys) + 1, dtype=bool)
        np.not_equal(keys[1:], keys[:-1], out=bounds[1:-1])
        ends = np.flatnonzero(bounds)
        starts = ends[:-1]
        runs = cls(ends[1:] - starts, starts)
        runs.keys = keys[starts]
        return runs

    def fill(self, available: NDArray[np.float64], room: NDArray[np.float64]) -> NDArray[np.float64]:
        """Each run's `available` (one per run) over its entries' `room`, in turn."""
        if self.single:
            return np.minimum(np.maximum(available, 0.0), room)
        if not len(room):
            return room
        before = np.cumsum(room)
        before -= room
        given = np.repeat(available + before[self.starts], self.lengths)
        given -= before
        np.maximum(given, 0.0, out=given)
        np.minimum(given, room, out=given)
        return given

    def total(self, values: NDArray[np.float64]) -> NDArray[np.float64]:
        """Each run's entries added up."""
        if self.single:
            return np.array(values)
        return np.add.reduceat(values, self.starts) if len(values) else values
