"""Every column of the LP at once, for the solver comparison and the tests that check the lazy one.

The engine generates its y-columns by pricing (pmocat/planning/lp.py): exact for an LP,
but a MILP built on it directly would not be. This adds the ones it left out.
"""

from __future__ import annotations

import numpy as np

from pmocat.planning.lp import LP
from pmocat.planning.network import TOLERANCE


def complete(lp: LP) -> None:
    """Add every y-column the lazy generation left out: each book pool to each class with
    hours qualified for it, each focus pool to each person with hours that day."""
    net = lp.network
    book = np.flatnonzero(~net.pool_focus)
    for k in book[np.argsort(net.pool_time[book], kind="stable")].tolist():  # segment by segment
        classes = net.classes_of_pool(k)
        useful = classes[net.class_capacity[classes] > TOLERANCE]
        lp.add_columns(np.full(len(useful), k), useful)
    for pool in np.nonzero(net.pool_focus)[0]:
        k = int(pool)
        people = net.qualified[net.pool_pair[k]]
        people = people[net.H[people, net.pool_time[k]] > TOLERANCE]
        lp.add_columns(np.full(len(people), k), people)
