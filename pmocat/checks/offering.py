"""When a service is on offer: its status (live or pilot) and its seasons.

Shared by the checks that judge a service by what it needs while it is on the menu.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from pmocat.models import ON_MENU, Ingredient, Service

if TYPE_CHECKING:
    from pmocat.diagnostics import Span
    from pmocat.sources.catalogue import Catalogue


def on_offer_between(service: Service, first: date, last: date | None) -> bool:
    """Whether the service takes work on some day from `first` to `last` (None: for good)."""
    if service.status not in ON_MENU:
        return False
    if service.available is None:
        return True
    return any(season.to >= first and (last is None or season.from_ <= last)
               for season in service.available)


def needed_ingredients(cat: Catalogue, day: date
                       ) -> Iterator[tuple[Service, Ingredient, Callable[[], Span]]]:
    """Each known ingredient a service on offer from `day` needs, and where the service
    names it (asked for only when there is something to say: finding it reads the file
    again)."""
    for sid, service in cat.services.items():
        if not service.ingredients or not on_offer_between(service, day, None):
            continue
        for i, iid in enumerate(service.ingredients):
            ingredient = cat.ingredients.get(iid)
            if ingredient is not None:
                yield service, ingredient, partial(cat.where, "service", sid, "ingredients", i)
