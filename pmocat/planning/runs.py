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
    ends = np.cumsum(lengths)
    return np.repeat(starts, lengths) + np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - lengths, lengths)


class Runs:
    """Entries in runs of given lengths (an entry's run: the one it falls in, in order)."""

    def __init__(self, lengths: NDArray[np.int64]) -> None:
        self.lengths = lengths
        self.starts = np.cumsum(lengths) - lengths

    @classmethod
    def of(cls, keys: NDArray[np.int64]) -> Runs:
        """The runs of equal keys (keys sorted); `keys` of the result: one per run."""
        starts = np.concatenate(([0], np.nonzero(np.diff(keys))[0] + 1)).astype(np.int64)
        runs = cls(np.diff(np.concatenate((starts, [len(keys)]))))
        runs.keys = keys[starts] if len(keys) else keys
        return runs

    keys: NDArray[np.int64]

    def fill(self, available: NDArray[np.float64], room: NDArray[np.float64]) -> NDArray[np.float64]:
        """Each run's `available` (one per run) over its entries' `room`, in turn."""
        if not len(room):
            return room
        before = np.cumsum(room) - room
        before -= np.repeat(before[self.starts], self.lengths)
        return np.clip(np.repeat(available, self.lengths) - before, 0.0, room)

    def total(self, values: NDArray[np.float64]) -> NDArray[np.float64]:
        """Each run's entries added up."""
        return np.add.reduceat(values, self.starts) if len(values) else values
