"""unknown-country: public holidays asked for a country or region pmocat has no calendar for.

Public holidays come from the `holidays` library. A country it does not know (or a
subdivision the country does not have) would silently leave the holidays out.

Failing:
```yaml
holidays:
  country: UK
```
Passing:
```yaml
holidays:
  country: GB
  subdivision: ENG
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmocat.diagnostics import Diagnostic, Severity, error
from pmocat.sources.validation import did_you_mean

if TYPE_CHECKING:
    from pmocat.sources.catalogue import Catalogue

CODE = "unknown-country"
SEVERITY = Severity.ERROR


def run(cat: Catalogue) -> Iterator[Diagnostic]:
    if cat.pmo is None or cat.pmo.holidays is None or cat.pmo.holidays.country is None:
        return
    from pmocat.sources.holiday_calendars import countries, subdivisions

    codes = countries()
    country = cat.pmo.holidays.country
    if country not in codes:
        yield error(CODE, f"there is no public holiday calendar for the country '{country}'",
                    cat.where("pmo", "pmo", "holidays", "country"),
                    did_you_mean(country, sorted(codes)) or "use an ISO 3166 code such as GB or IE")
        return
    subdivision = cat.pmo.holidays.subdivision
    regions = subdivisions(country)
    if subdivision is not None and subdivision not in regions:
        yield error(CODE, f"{country} has no region '{subdivision}' for public holidays",
                    cat.where("pmo", "pmo", "holidays", "subdivision"),
                    "use one of: " + ", ".join(regions) if regions
                    else f"{country}'s calendar has no regions: leave subdivision out")
