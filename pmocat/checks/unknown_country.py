"""unknown-country: public holidays asked for a country or region pmocat has no calendar for.

Public holidays come from the `holidays` library, by ISO 3166 country code and, within
a country, by region (`subdivision`). A code it does not know would leave the PMO open
on every public holiday, so every availability figure would be wrong. A region given
without its country names no calendar at all (the library looks regions up within a
country), so it is reported too, rather than ignored. The position is the country or the
subdivision; the hint lists what the library knows, or which countries have the region.

Failing:
```yaml
# pmo.yaml
holidays:
  country: GB
  subdivision: EN
```
Failing:
```yaml
# pmo.yaml: a region, but of which country?
holidays:
  subdivision: ENG
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

import functools
import warnings
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from pydantic import TypeAdapter

from pmocat.diagnostics import Diagnostic, Severity, error
from pmocat.words import did_you_mean

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "unknown-country"
SEVERITY = Severity.ERROR
@functools.cache
def _regions_shape() -> TypeAdapter[dict[str, list[str]]]:
    """What the regions index's cache holds: region -> the countries that have it."""
    return TypeAdapter(dict[str, list[str]])


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


def _countries_with(subdivision: str) -> list[str]:
    """The countries whose calendar has this region, one code each (GB, not also UK).

    Reading every country's regions is slow (it imports every calendar), so the index is kept in the
    cache, keyed by the library's installed files.
    """
    from pmocat.sources import cache

    stamp = cache.library_stamp("holidays", "registry.py")
    index = cache.read("holiday-regions", stamp, _regions_shape()) if stamp else None
    if index is None:
        index = _regions()
        if stamp:
            cache.write("holiday-regions", stamp, index)
    return index.get(subdivision, [])


def _regions() -> dict[str, list[str]]:
    """Region code -> the countries that have it."""
    from pmocat.sources.holiday_calendars import countries, subdivisions

    by_module: dict[str, str] = {}
    for code, module in sorted(countries().items(), key=lambda item: (len(item[0]), item[0])):
        by_module.setdefault(module, code)
    index: dict[str, list[str]] = {}
    for code in sorted(by_module.values()):
        for region in subdivisions(code):
            index.setdefault(region, []).append(code)
    return index


def _without_country(subdivision: str) -> str:
    owners = _countries_with(subdivision) or _countries_with(subdivision.upper())
    if len(owners) == 1:
        return f"add 'country: {owners[0]}' beside it"
    if owners:
        return f"add its country beside it: {', '.join(owners)} have a region '{subdivision}'"
    return "add 'country:' with an ISO 3166 country code, such as GB, IE or US, or leave 'subdivision' out"


def run(cat: Catalogue, day: date) -> Iterator[Diagnostic]:
    settings = cat.pmo.holidays if cat.pmo is not None else None
    if settings is None:
        return
    if settings.country is None:
        # the library looks regions up within a country: alone, this one would be ignored
        if settings.subdivision is not None:
            yield error(CODE, f"the public holiday region '{settings.subdivision}' has no country, "
                        "so there is no calendar to take it from",
                        cat.where("pmo", "pmo", "holidays", "subdivision"),
                        _without_country(settings.subdivision))
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
