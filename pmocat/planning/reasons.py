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
class DueBeforeStart:
    code: ClassVar[str] = "due-before-start"
    due: date
    earliest_start: date


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
class FreeHours:
    """Who could have worked a skill that is short, in the window the book leaves free."""

    #: the qualified people with free hours, as a PMO names them (first names unless
    #: two are alike), in id order
    people: tuple[str, ...]
    hours: float
    #: of those hours, what the staffing gives to the request's other skills
    for_other_skills: float


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
    #: who has hours free, when asked (can-take; plan does not)
    free: FreeHours | None = None


@dataclass(frozen=True)
class OverBudget:
    code: ClassVar[str] = "over-budget"
    price: Decimal
    budget: Decimal
    currency: str


@dataclass(frozen=True)
class CrowdedOut:
    """plan --optimize: it would fit, but taking it adds nothing to the goal."""

    code: ClassVar[str] = "crowded-out"


Reason = (UnknownService | NotOnMenu | IngredientNotReady | DueBeforeStart | WindowTooShort
          | BeyondHorizon | SkillShortfall | OverBudget | CrowdedOut)


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
