"""One model per thing a PMO writes down: the PMO, skills, ingredients, services, people, requests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator, model_validator

from pmocat.models.types import (
    NOT_NULL_LIST,
    NOT_NULL_MAPPING,
    WEEKDAYS,
    Hours,
    IsoDate,
    Level,
    Model,
    Money,
    RequestId,
    Slug,
    Text,
    TimeRange,
    Weekday,
    parse_time_range,
)

DEFAULT_LEVELS = {1: "Aware", 2: "Practitioner", 3: "Experienced", 4: "Expert", 5: "Authority"}


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _short_weekday_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {WEEKDAYS_BY_SHORT.get(k, k) if isinstance(k, str) else k: v for k, v in value.items()}
    return value


WEEKDAYS_BY_SHORT = {day[:3]: day for day in WEEKDAYS}

_RANGE_SCHEMA = {"type": "string", "pattern": r"^\d{2}:\d{2}\s*-\s*\d{2}:\d{2}$",
                 "examples": ["09:00-17:30"]}
#: what editors should accept for opening_hours: full or short weekday names, one range or several
OPENING_HOURS_SCHEMA = {
    "type": "object",
    "description": "When the PMO is open; a weekday left out is closed.",
    "properties": {
        day: {"anyOf": [_RANGE_SCHEMA, {"type": "array", "items": _RANGE_SCHEMA, "minItems": 1}]}
        for day in (*WEEKDAYS, *(d[:3] for d in WEEKDAYS))
    },
    "additionalProperties": False,
}
WEEKDAY_SCHEMA = {"type": "string", "enum": [*WEEKDAYS, *(d[:3] for d in WEEKDAYS)]}


class Period(Model):
    """An inclusive run of dates."""

    from_: IsoDate = Field(alias="from")
    to: IsoDate

    @model_validator(mode="after")
    def _forward(self) -> Period:
        if self.to < self.from_:
            raise ValueError(f"'to' ({self.to}) is before 'from' ({self.from_})")
        return self

    def __contains__(self, day: date) -> bool:
        return self.from_ <= day <= self.to


class ExtraHoliday(Model):
    date: IsoDate
    name: str | None = None


class Holidays(Model):
    country: str | None = Field(None, pattern=r"^[A-Z]{2,3}$", description="ISO 3166 country code, e.g. GB")
    subdivision: str | None = None
    extra: list[ExtraHoliday] = []


class Closure(Period):
    name: str | None = None


class MenuSettings(Model):
    """`pmo.yaml`'s optional `menu:` block: what the printed menu says besides the services."""

    note: Text | None = Field(None, description="A note shown on the menu: VAT, how long prices "
                             "hold, how to request a service")


class Pmo(Model):
    """`pmo.yaml`: the PMO itself."""

    schema_version: Literal[1]
    name: Text
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. GBP")
    day_hours: Hours = 7.5
    contact: str | None = None
    opening_hours: Annotated[
        dict[Weekday, Annotated[list[TimeRange], BeforeValidator(_one_or_many)]],
        BeforeValidator(_short_weekday_keys),
        WithJsonSchema(OPENING_HOURS_SCHEMA),
    ]
    holidays: Annotated[Holidays | None, NOT_NULL_MAPPING] = None
    closures: list[Closure] = []
    menu: Annotated[MenuSettings | None, NOT_NULL_MAPPING] = None

    def open_minutes(self, weekday: int) -> int:
        """Minutes open on a weekday (0 = Monday)."""
        ranges = self.opening_hours.get(WEEKDAYS[weekday], [])  # type: ignore[call-overload]
        minutes, reached = 0, 0  # the union of the ranges: an hour in two of them counts once
        for start, end in sorted(map(parse_time_range, ranges)):
            minutes += max(end - max(start, reached), 0)
            reached = max(reached, end)
        return minutes

    @property
    def open_weekdays(self) -> list[str]:
        return [day for day in WEEKDAYS if self.opening_hours.get(day)]  # type: ignore[call-overload]


class Skill(Model):
    id: Slug
    name: Text
    description: str | None = None
    sfia: str | None = None


class SkillsFile(Model):
    """`skills.yaml`: the skills taxonomy and level names."""

    levels: dict[Level, Text] = DEFAULT_LEVELS
    skills: list[Skill]


class IngredientCost(Model):
    amount: Money
    per: Literal["year", "month", "use"]


class Ingredient(Model):
    id: Slug
    name: Text
    kind: Literal["tool", "template", "process", "data", "other"]
    status: Literal["ready", "in-progress", "retired"]
    owner: Slug | None = None
    available_from: IsoDate | None = None
    available_until: IsoDate | None = None
    cost: Annotated[IngredientCost | None, NOT_NULL_MAPPING] = None


class IngredientsFile(Model):
    """`ingredients.yaml`: tools, templates, processes and data the services need."""

    ingredients: list[Ingredient]


class RecipeLine(Model):
    skill: Slug
    level: Level = 1
    hours: Hours


class Price(Model):
    model: Literal["fixed", "hourly", "day_rate", "per_month", "free"]
    amount: Money | None = None

    @model_validator(mode="after")
    def _amount_given(self) -> Price:
        if self.model != "free" and self.amount is None:
            article = "an" if self.model[0] in "aeiouh" else "a"
            raise ValueError(f"{article} {self.model} price needs an amount")
        return self


class Season(Period):
    pass


#: the statuses of a service on the menu, taking requests (the menu shows these unless --all)
ON_MENU = ("live", "pilot")


class Service(Model):
    """`services/<id>.yaml`: one dish on the menu."""

    id: Slug
    name: Text
    category: Text
    status: Literal["live", "pilot", "planned", "retired"]
    summary: Text
    description: str | None = None
    customers: list[str] = []
    owner: Slug
    ingredients: list[Slug] = []
    recipe: list[RecipeLine] = Field(min_length=1)
    lead_time_days: int = Field(0, ge=0, le=3650)
    duration_days: int = Field(1, ge=1, le=3650)
    price: Price
    unit: str | None = Field(
        None, min_length=1, max_length=40, pattern=r"^[^\n]*$",
        description="What one unit of a fixed price buys, in the singular, e.g. review: "
        "the menu says '£4,500 per review'",
    )
    available: Annotated[list[Season] | None, NOT_NULL_LIST] = None
    sla: str | None = None
    tags: list[str] = []

    @property
    def hours_per_unit(self) -> float:
        return sum(line.hours for line in self.recipe)

    def price_of(self, quantity: int, day_hours: float) -> Decimal:
        """The price of `quantity` units (months for per_month), by the price model."""
        amount = self.price.amount or Decimal(0)
        hours = Decimal(str(round(self.hours_per_unit, 6)))
        if self.price.model in ("fixed", "per_month"):
            total = amount * quantity
        elif self.price.model == "hourly":
            total = amount * hours * quantity
        elif self.price.model == "day_rate":
            total = amount * hours * quantity / Decimal(str(day_hours))
        else:
            total = Decimal(0)
        return total.quantize(Decimal("0.01"))


class Absence(Period):
    reason: str | None = None


class Commitment(Period):
    hours_per_week: Hours
    for_: str | None = Field(None, alias="for")


class Person(Model):
    id: Slug
    name: Text
    role: str | None = None
    skills: dict[Slug, Level]
    hours_per_week: float = Field(gt=0, le=168, allow_inf_nan=False)
    working_days: Annotated[
        list[Weekday] | None,
        NOT_NULL_LIST,
        WithJsonSchema({"type": "array", "items": WEEKDAY_SCHEMA, "minItems": 1}),
    ] = Field(None, min_length=1)
    cost_per_hour: Money = Decimal(0)
    absences: list[Absence] = []
    commitments: list[Commitment] = []

    @field_validator("working_days")
    @classmethod
    def _no_repeats(cls, days: list[str] | None) -> list[str] | None:
        if days is not None and len(set(days)) != len(days):
            raise ValueError("a working day is listed twice")
        return days

    def qualified(self, skill: str, level: int) -> bool:
        return self.skills.get(skill, 0) >= level


class RosterFile(Model):
    """`roster.yaml`: the people who deliver the services."""

    people: list[Person]


class Request(Model):
    """`requests/<id>.yaml`: one request in the book of work."""

    id: RequestId
    service: Slug
    customer: Text
    quantity: int = Field(1, ge=1, le=10_000)
    start: IsoDate | None = None
    due: IsoDate | None = None
    budget: Money | None = None
    priority: int = Field(3, ge=1, le=5)
    status: Literal["new", "accepted", "declined", "done"] = "new"


#: the JSON Schema and the loader for each kind of file, by kind name
FILE_MODELS: dict[str, type[Model]] = {
    "pmo": Pmo,
    "skills": SkillsFile,
    "ingredients": IngredientsFile,
    "service": Service,
    "roster": RosterFile,
    "request": Request,
}
