"""Why a request is refused, and what to warn about with an answer, as data.

Planning decides and fills these in; render/reasons.py says them in words (and JSON).
Each kind is a small frozen dataclass with a stable `code` (spec §4) and typed fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar


@dataclass(frozen=True)
class UnknownService:
    code: ClassVar[str] = "unknown-service"
    #: the service id asked for
    service: str
    #: the known service id it most likely meant, if one is close
    suggestion: str | None = None


@dataclass(frozen=True)
class NotOnMenu:
    code: ClassVar[str] = "not-on-menu"
    service: str
    name: str
    #: planned or retired
    status: str


@dataclass(frozen=True)
class IngredientNotReady:
    code: ClassVar[str] = "ingredient-not-ready"
    ingredient: str
    name: str
    status: str


@dataclass(frozen=True)
class IngredientUnavailable:
    """An ingredient's dates (available_from/until) leave the window too short."""

    code: ClassVar[str] = "ingredient-unavailable"
    ingredient: str
    name: str
    available_from: date | None
    available_until: date | None
    #: the last due date the ingredient's dates let a delivery meet (None: none)
    deliver_by: date | None
    #: the day the ingredient becomes available, when that is after the window opens
    ready_from: date | None


@dataclass(frozen=True)
class Season:
    from_: date
    to: date


@dataclass(frozen=True)
class OutOfSeason:
    """The service's seasons (`available`) leave the window too short."""

    code: ClassVar[str] = "out-of-season"
    service: str
    name: str
    seasons: tuple[Season, ...]
    #: the last due date the seasons let a delivery meet (None: none)
    deliver_by: date | None
    #: the day the next season opens, when that is after the window opens
    ready_from: date | None


@dataclass(frozen=True)
class NoticeTooShort:
    """The notice period pushes the earliest start so late that the window is too short."""

    code: ClassVar[str] = "notice-too-short"
    service: str
    name: str
    lead_time_days: int
    earliest_start: date


@dataclass(frozen=True)
class DueBeforeStart:
    """The request's own due date is before its own start (or before today)."""

    code: ClassVar[str] = "due-before-start"
    start: date
    due: date


@dataclass(frozen=True)
class Closure:
    name: str
    from_: date
    to: date


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str


@dataclass(frozen=True)
class WindowTooShort:
    code: ClassVar[str] = "window-too-short"
    service: str
    name: str
    #: the window that is too short (one month of a per_month request)
    start: date
    due: date
    open_days: int
    duration_days: int
    #: the closures that shut days of the window
    closures: tuple[Closure, ...] = ()
    #: the public holidays (and the PMO's own) that shut an open day of the window
    holidays: tuple[Holiday, ...] = ()


@dataclass(frozen=True)
class BeyondHorizon:
    """The window runs past the last day pmocat plans for (its calendar ends there), so
    its hours and open days after that day are unknown: not a short window."""

    code: ClassVar[str] = "beyond-horizon"
    #: the request's due date (the end of its last month, per month)
    due: date
    #: the last day pmocat plans for
    horizon_end: date


@dataclass(frozen=True)
class SkillShortfall:
    code: ClassVar[str] = "skill-shortfall"
    skill: str
    level: int
    short_hours: float
    #: the last day of the window (None: the end of a per_month request's last month)
    due: date | None
    #: the window's first day, when known
    start: date | None = None
    #: the hours of this skill and level the request needs, when known
    needed_hours: float | None = None
    #: each qualified person's id and hours free in the window, when asked (can-take)
    free: tuple[tuple[str, float], ...] | None = None


@dataclass(frozen=True)
class IndivisibleShortfall:
    """A line's units are short because at most `max_people` may share each (spec §3.1),
    where more people could have served it."""

    code: ClassVar[str] = "indivisible-shortfall"
    skill: str
    level: int
    max_people: int
    #: the hours one unit of the line needs
    needed_hours: float
    #: the most hours `max_people` people can give it, the book served first
    best_hours: float
    #: the last day of the window
    due: date | None
    #: the window's first day
    start: date | None = None


@dataclass(frozen=True)
class OverBudget:
    code: ClassVar[str] = "over-budget"
    price: Decimal
    budget: Decimal
    currency: str
    #: the most units (months) whose price is within the budget (0: not even one)
    max_quantity_within_budget: int = 0
    #: their price (None when not even one fits)
    price_within_budget: Decimal | None = None
    #: the units asked for
    quantity: int = 1


@dataclass(frozen=True)
class CrowdedOut:
    """plan --optimize: it would fit, but taking it adds nothing to the goal."""

    code: ClassVar[str] = "crowded-out"


Reason = (UnknownService | NotOnMenu | IngredientNotReady | IngredientUnavailable | OutOfSeason
          | NoticeTooShort | DueBeforeStart | WindowTooShort | BeyondHorizon | IndivisibleShortfall
          | SkillShortfall | OverBudget | CrowdedOut)

#: most fundamental first (spec §4.1): service, ingredient, season, notice, closures,
#: capacity, budget
ORDER = ("unknown-service", "not-on-menu", "ingredient-not-ready", "ingredient-unavailable",
         "out-of-season", "due-before-start", "notice-too-short", "window-too-short",
         "beyond-horizon", "indivisible-shortfall", "skill-shortfall", "over-budget", "crowded-out")


def in_order(reasons: list[Reason]) -> list[Reason]:
    """The reasons, most fundamental first (a stable sort: one code keeps its order)."""
    return sorted(reasons, key=lambda r: ORDER.index(r.code))


@dataclass(frozen=True)
class PilotService:
    code: ClassVar[str] = "pilot-service"
    service: str
    name: str


@dataclass(frozen=True)
class AcceptedAlready:
    """The request asked about is in the book: it is weighed against the rest of it."""

    code: ClassVar[str] = "accepted-already"
    request: str


@dataclass(frozen=True)
class BookDoesNotFit:
    code: ClassVar[str] = "book-does-not-fit"
    #: hours of the accepted book that the roster cannot serve
    unserved_hours: float


@dataclass(frozen=True)
class OwnerAway:
    """The service's owner is away on every open day of the window."""

    code: ClassVar[str] = "owner-away"
    owner: str
    owner_name: str
    service: str
    name: str


#: what an answer warns about without refusing
Notice = PilotService | AcceptedAlready | BookDoesNotFit | OwnerAway
