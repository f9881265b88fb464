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

    from_: IsoDate = Field(alias="from", description="The first day.")
    to: IsoDate = Field(description="The last day, included; on or after `from`.")

    @model_validator(mode="after")
    def _forward(self) -> Period:
        if self.to < self.from_:
            raise ValueError(f"'to' ({self.to}) is before 'from' ({self.from_})")
        return self

    def __contains__(self, day: date) -> bool:
        return self.from_ <= day <= self.to


class ExtraHoliday(Model):
    date: IsoDate = Field(description="The day the PMO is closed.")
    name: str | None = Field(None, description="What the day is, e.g. Christmas Eve.")


class Holidays(Model):
    country: str | None = Field(
        None, pattern=r"^[A-Z]{2,3}$",
        description="ISO 3166 country code, e.g. GB: its public holidays are closed days.")
    subdivision: str | None = Field(
        None, description="The region within the country whose holidays apply, e.g. ENG.")
    extra: list[ExtraHoliday] = Field(
        [], description="More days the PMO is closed, each with a date and an optional name.")


class Closure(Period):
    name: str | None = Field(None, description="Why the PMO is closed, e.g. Year-end freeze.")


class MenuSettings(Model):
    """`pmo.yaml`'s optional `menu:` block: what the printed menu says besides the services."""

    note: Text | None = Field(None, description="A note shown on the menu: VAT, how long prices "
                             "hold, how to request a service")


class Pmo(Model):
    """`pmo.yaml`: the PMO itself."""

    schema_version: Literal[1] = Field(description="The version of this file's layout: 1.")
    name: Text = Field(description="The PMO's name, as the menu shows it.")
    currency: str = Field(pattern=r"^[A-Z]{3}$",
                          description="ISO 4217 code, e.g. GBP: every amount is in it.")
    day_hours: Hours = Field(7.5, description="Hours in one charged day, for day_rate prices.")
    contact: str | None = Field(None, description="How customers reach the PMO (the menu shows it).")
    opening_hours: Annotated[
        dict[Weekday, Annotated[list[TimeRange], BeforeValidator(_one_or_many)]],
        BeforeValidator(_short_weekday_keys),
        WithJsonSchema(OPENING_HOURS_SCHEMA),
    ] = Field(description="When the PMO is open; a weekday left out is closed.")
    holidays: Annotated[Holidays | None, NOT_NULL_MAPPING] = Field(
        None, description="Public and extra holidays, on which the PMO is closed.")
    closures: list[Closure] = Field(
        [], description="Runs of days the PMO is closed, such as a year-end freeze.")
    menu: Annotated[MenuSettings | None, NOT_NULL_MAPPING] = Field(
        None, description="What the printed menu says besides the services.")

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
    id: Slug = Field(description="The skill's id, which recipes and people's skills use.")
    name: Text = Field(description="The skill's name, in words.")
    description: str | None = Field(None, description="What the skill covers.")
    sfia: str | None = Field(None, description="The matching SFIA skill code, e.g. PRMG.")


class SkillsFile(Model):
    """`skills.yaml`: the skills taxonomy and level names."""

    levels: dict[Level, Text] = Field(
        DEFAULT_LEVELS, description="A name for each level 1 to 5, by its number.")
    skills: list[Skill] = Field(description="Every skill a service or a person names.")


class IngredientCost(Model):
    amount: Money = Field(description="What it costs, in the PMO's currency.")
    per: Literal["year", "month", "use"] = Field(description="What the amount is paid for.")


class Ingredient(Model):
    id: Slug = Field(description="The ingredient's id, which services' `ingredients` use.")
    name: Text = Field(description="The ingredient's name, in words.")
    kind: Literal["tool", "template", "process", "data", "other"] = Field(
        description="What sort of thing it is.")
    status: Literal["ready", "in-progress", "retired"] = Field(
        description="Only a ready ingredient can be used: a service needing another is refused.")
    owner: Slug | None = Field(None, description="The person on the roster who looks after it.")
    available_from: IsoDate | None = Field(
        None, description="The first day it can be used, e.g. when a licence starts.")
    available_until: IsoDate | None = Field(
        None, description="The last day it can be used, e.g. when a licence runs out.")
    cost: Annotated[IngredientCost | None, NOT_NULL_MAPPING] = Field(
        None, description="What it costs the PMO.")


class IngredientsFile(Model):
    """`ingredients.yaml`: tools, templates, processes and data the services need."""

    ingredients: list[Ingredient] = Field(description="Every ingredient a service names.")


class RecipeLine(Model):
    skill: Slug = Field(description="The skill the work needs, by its id in skills.yaml.")
    level: Level = Field(1, description="The least level of the skill, 1 to 5.")
    hours: Hours = Field(description="Hours of this work for one unit of the service.")
    max_people: int | None = Field(
        None, ge=1, le=1000,
        description="The most people who may share this work for one unit (one month, for a "
        "monthly service); without it, any number may.")


class Price(Model):
    model: Literal["fixed", "hourly", "day_rate", "per_month", "free"] = Field(
        description="How the price is worked out: per unit, per recipe hour, per day of "
        "recipe hours, per month, or nothing.")
    amount: Money | None = Field(
        None, description="The price per unit, hour, day or month; every model but free needs it.")

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

    id: Slug = Field(description="The service's id; the file is named after it.")
    name: Text = Field(description="The service's name, as the menu shows it.")
    category: Text = Field(description="The heading the menu lists it under.")
    status: Literal["live", "pilot", "planned", "retired"] = Field(
        description="live and pilot services are on the menu and take requests; planned "
        "and retired ones do not.")
    summary: Text = Field(description="One line saying what the customer gets.")
    description: str | None = Field(
        None, description="More about the service, in Markdown, for the menu.")
    customers: list[str] = Field([], description="Who the service is for, in words.")
    owner: Slug = Field(description="The person on the roster who answers for the service.")
    ingredients: list[Slug] = Field(
        [], description="The ingredients it needs, by their ids in ingredients.yaml.")
    recipe: list[RecipeLine] = Field(
        min_length=1, description="The work one unit takes: skill, level and hours a line.")
    lead_time_days: int = Field(
        0, ge=0, le=3650, description="The notice the PMO needs, in open days.")
    duration_days: int = Field(
        1, ge=1, le=3650, description="The fewest open days one delivery spans.")
    price: Price = Field(description="What the customer pays.")
    unit: str | None = Field(
        None, min_length=1, max_length=40, pattern=r"^[^\n]*$",
        description="What one unit of a fixed price buys, in the singular, e.g. review: "
        "the menu says '£4,500 per review'.",
    )
    available: Annotated[list[Season] | None, NOT_NULL_LIST] = Field(
        None, description="The seasons it runs in, such as training terms; left out, it "
        "always runs.")
    sla: str | None = Field(None, description="The service level promised, in words.")
    tags: list[str] = Field([], description="Words to filter the menu by (menu --tag).")

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
    reason: str | None = Field(None, description="Why, e.g. Annual leave.")


class Commitment(Period):
    hours_per_week: Hours = Field(description="Hours a week promised to this work.")
    for_: str | None = Field(None, alias="for", description="What the hours are for.")


class Person(Model):
    id: Slug = Field(description="The person's id, which services' `owner` uses.")
    name: Text = Field(description="The person's name.")
    role: str | None = Field(None, description="Their job title.")
    skills: dict[Slug, Level] = Field(
        description="Their level, 1 to 5, in each skill they hold, by the skill's id.")
    hours_per_week: float = Field(gt=0, le=168, allow_inf_nan=False,
                                  description="Contracted hours a week.")
    working_days: Annotated[
        list[Weekday] | None,
        NOT_NULL_LIST,
        WithJsonSchema({"type": "array", "items": WEEKDAY_SCHEMA, "minItems": 1}),
    ] = Field(None, min_length=1, description="The weekdays they work; left out, every "
              "day the PMO is open.")
    cost_per_hour: Money = Field(Decimal(0), description="What an hour of their time costs.")
    absences: list[Absence] = Field([], description="Leave: runs of days they do not work.")
    commitments: list[Commitment] = Field(
        [], description="Hours a week already promised to work outside the book of work.")

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

    people: list[Person] = Field(description="Everyone who delivers the services.")


class Request(Model):
    """`requests/<id>.yaml`: one request in the book of work."""

    id: RequestId = Field(description="The request's id, e.g. REQ-042; the file is named after it.")
    service: Slug = Field(description="The service asked for, by its id.")
    customer: Text = Field(description="Who is asking.")
    quantity: int = Field(1, ge=1, le=10_000,
                          description="Units wanted (months, for a per_month service).")
    start: IsoDate | None = Field(None, description="The earliest day work may start; "
                                  "left out, today.")
    due: IsoDate | None = Field(None, description="The day it is due; every service but a "
                                "per_month one needs it.")
    budget: Money | None = Field(None, description="What the customer will pay at most.")
    priority: int = Field(3, ge=1, le=5, description="1 (highest) to 5.")
    status: Literal["new", "accepted", "declined", "done"] = Field(
        "new", description="accepted requests are the book of work; new ones are asked about.")


#: the JSON Schema and the loader for each kind of file, by kind name
FILE_MODELS: dict[str, type[Model]] = {
    "pmo": Pmo,
    "skills": SkillsFile,
    "ingredients": IngredientsFile,
    "service": Service,
    "roster": RosterFile,
    "request": Request,
}
