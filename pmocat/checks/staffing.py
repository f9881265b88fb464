"""Who on the roster can cook what: an index by skill, built once per catalogue.

Several checks ask "who is qualified for this recipe line?" for every line of every
service; the index answers from a table instead of walking the roster each time.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue


@dataclass(frozen=True, slots=True)
class Chefs:
    """The people qualified for one skill at one level."""

    people: tuple[str, ...]  #: their ids, in id order
    cheapest: Decimal | None  #: the lowest cost_per_hour among them


class Staffing:
    def __init__(self, cat: Catalogue) -> None:
        holders: dict[str, list[tuple[int, str, Decimal]]] = {}
        for pid, person in cat.people.items():
            for skill, level in person.skills.items():
                holders.setdefault(skill, []).append((level, pid, person.cost_per_hour))
        self._holders = holders
        #: whether a roster was read at all (if not, its own problem is reported instead)
        self.known = bool(cat.people) or any(
            isinstance(doc.data, dict) and isinstance(doc.data.get("people"), list)
            for doc in cat.documents.values())
        self._chefs: dict[tuple[str, int], Chefs] = {}

    def chefs(self, skill: str, level: int) -> Chefs:
        """Everyone whose level in `skill` is at least `level`."""
        found = self._chefs.get((skill, level))
        if found is None:
            able = [(pid, cost) for held, pid, cost in self._holders.get(skill, ()) if held >= level]
            found = Chefs(tuple(sorted(pid for pid, _ in able)),
                          min((cost for _, cost in able), default=None))
            self._chefs[(skill, level)] = found
        return found

    def best_level(self, skill: str) -> int:
        """The highest level anyone holds in `skill` (0: nobody has it)."""
        return max((held for held, _, _ in self._holders.get(skill, ())), default=0)


_last: tuple[weakref.ref[Catalogue], Staffing] | None = None


def staffing(cat: Catalogue) -> Staffing:
    """The index for `cat`, shared by the checks that run over it."""
    global _last
    if _last is None or _last[0]() is not cat:
        _last = (weakref.ref(cat), Staffing(cat))
    return _last[1]
