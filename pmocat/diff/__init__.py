"""`pmocat diff` as data: what changed between two catalogues, and what the change does.

Above checks and planning, beside render: `changes` compares the models, `consequences`
checks and plans both sides. Reading the sides (revisions, folders) is the CLI's, through
sources/git.py; saying it in words is render/diff.py's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pmocat.diff.changes import Change, Move, compare
from pmocat.diff.consequences import PLANNED, Consequence, Side, work_out

#: --fail-on codes besides the check codes
FAIL_ON = (*PLANNED, "errors")


@dataclass
class Report:
    base: Side
    head: Side
    today: date
    weeks: int
    changes: list[Change]
    moves: list[Move]
    consequences: list[Consequence]
    #: consequence codes that could not be worked out, and why
    unknown: list[str]
    unknown_why: str | None


def diff(base: Side, head: Side, *, today: date, weeks: int = 13) -> Report:
    """Compare two sides: their changes, then what the changes do."""
    from pmocat.sources.catalogue import Catalogue

    empty = Catalogue(root=base.cat.root if base.cat else head.cat.root if head.cat else None)  # type: ignore[arg-type]
    changes, moves = compare(base.cat or empty, head.cat or empty)
    outcome = work_out(base, head, changes, today=today, weeks=weeks)
    return Report(base, head, today, weeks, changes, moves, outcome.found, outcome.unknown,
                  outcome.unknown_why)


def failing(report: Report, codes: set[str]) -> list[str]:
    """The --fail-on codes that this report sets off: a consequence for the worse (a
    verdict turned no, a request the plan no longer takes, a check code introduced, the
    book no longer fitting, capacity or a margin falling), or errors on either side; and a
    planned code that could not be worked out because HEAD cannot be planned."""
    hit = {c.code for c in report.consequences if c.code in codes and c.worse}
    if "errors" in codes and (report.base.errors or report.head.errors):
        hit.add("errors")
    head = report.head
    if head.cat is None or head.errors or head.cat.pmo is None:
        # a guard fails closed: breaking HEAD must not be a way past it (a broken BASE
        # alone does not count, or no pull request could fix it)
        hit.update(codes.intersection(report.unknown))
    return sorted(hit)
