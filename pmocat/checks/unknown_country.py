"""unknown-country: public holidays asked for a country or region pmocat has no calendar for.

Public holidays come from the `holidays` library, by ISO 3166 country code and, within
a country, by region (`subdivision`). A code it does not know would leave the PMO open
on every public holiday, so every availability figure would be wrong. The position is
the country or the subdivision; the hint lists what the library knows.

Failing:
```yaml
# pmo.yaml
holidays:
  country: GB
  subdivision: EN
```
Passing:
```yaml
# pmo.yaml
holidays:
  country: GB
  subdivision: ENG
```
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, error
from pmocat.words import did_you_mean

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "unknown-country"
SEVERITY = Severity.ERROR


def _library_accepts(country: str, subdivision: str | None) -> bool:
    """The library's own answer, for names the quick lookup does not list (aliases)."""
    try:
        from holidays import country_holidays

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            country_holidays(country, subdiv=subdivision)
    except Exception:
        return False
    return True


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    settings = cat.pmo.holidays if cat.pmo is not None else None
    if settings is None or settings.country is None:
        return
    # importing the library is slow: the quick lookup answers for the names it lists
    from pmocat.sources.holiday_calendars import countries, subdivisions

    country, subdivision = settings.country, settings.subdivision
    if country not in countries() and not _library_accepts(country, None):
        yield error(CODE, f"there is no public holiday calendar for the country '{country}'",
                    cat.where("pmo", "pmo", "holidays", "country"),
                    did_you_mean(country, sorted(countries()))
                    or "use an ISO 3166 country code, such as GB, IE or US")
        return
    regions = subdivisions(country)
    if subdivision is None or subdivision in regions or _library_accepts(country, subdivision):
        return
    if subdivision.upper() in regions:
        hint = f"did you mean '{subdivision.upper()}'?"
    elif not regions:
        hint = f"{country}'s calendar has no regions: leave 'subdivision' out"
    else:
        hint = did_you_mean(subdivision, regions) or (
            f"{country}'s regions are {', '.join(regions)}" if len(regions) <= 20
            else f"{country} has {len(regions)} regions, such as {', '.join(regions[:8])}")
    yield error(CODE, f"{country} has no region '{subdivision}' in its public holiday calendar",
                cat.where("pmo", "pmo", "holidays", "subdivision"), hint)
