"""The book of work when some line says `max_people` (spec §3.1): plan's greedy choice and
check's book-does-not-fit, on the mixed-integer model (indivisible.py).

Beside plan.py's `take_in_turn` and `serve_in_turn`, which answer the same questions on
the max flow; plan.py and checks/book_fits.py ask here only when a line in play has
max_people, so the divisible book runs exactly as it did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmocat.planning.indivisible import Indivisible

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from pmocat.planning.book import Planner
    from pmocat.planning.network import Item


def serve_whole_in_turn(planner: Planner, items: Sequence[Item],
                        groups: Sequence[Sequence[int]]) -> list[float]:
    """Each group served as fully as it can be, keeping what the groups before it got: the
    lexicographically largest hours, group by group, exactly."""
    model = Indivisible(items, planner.cat.people.values(), planner.hours)
    found = []
    for group in groups:
        got = model.maximise(group)
        model.keep(group, got)
        found.append(got)
    return found


def take_whole_in_turn(planner: Planner, items: Sequence[Item], book: int,
                       groups: Sequence[Sequence[int]],
                       parts: Callable[[Sequence[int]], Sequence[Sequence[int]]],
                       progress: Callable[[int], None] | None = None
                       ) -> list[list[float] | None]:
    """The greedy plan, exactly: the first `book` items (the accepted book) served their
    most; then each group taken when it fits in full with the book and the groups taken
    before it. Per group, None when taken, else the hours each item got with its parts
    served in turn (the shortfall split, decision 0006)."""
    model = Indivisible(items, planner.cat.people.values(), planner.hours)
    undecided = [i for group in groups for i in group]
    model.switch(undecided, on=False)
    if book:
        model.keep(range(book), model.maximise(range(book)))
    found: list[list[float] | None] = []
    for n, group in enumerate(groups):
        if progress and n % 10 == 0:
            progress(n)  # how many are decided
        model.switch(group, on=True)
        demand = sum(items[i].hours for i in group)
        got = model.maximise(group)
        if got >= demand - 1e-6 * max(1.0, demand):
            model.keep(group, got)
            found.append(None)
            continue
        rows = [model.keep(group, got)]  # the total first: the split never lowers it
        for part in parts(group):
            rows.append(model.keep(part, model.maximise(part)))
        model.maximise(group)
        found.append([model.served(i) for i in group])
        for row in rows:
            model.release(row)
        model.switch(group, on=False)
    return found
