"""When a service is on offer: its status (live or pilot) and its seasons.

Shared by the checks that judge a service by what it needs while it is on the menu.
"""

from __future__ import annotations

from datetime import date

from pmocat.models import Service

#: the statuses of a service on the menu, taking requests
ON_MENU = ("live", "pilot")


def on_offer_between(service: Service, first: date, last: date | None) -> bool:
    """Whether the service takes work on some day from `first` to `last` (None: for good)."""
    if service.status not in ON_MENU:
        return False
    if service.available is None:
        return True
    return any(season.to >= first and (last is None or season.from_ <= last)
               for season in service.available)
