"""The catalogue's data, as pydantic models: no I/O, no printing."""

from pmocat.models.entities import (
    FILE_MODELS,
    Absence,
    Closure,
    Commitment,
    Ingredient,
    IngredientsFile,
    Person,
    Pmo,
    Price,
    RecipeLine,
    Request,
    RosterFile,
    Season,
    Service,
    Skill,
    SkillsFile,
)

__all__ = [
    "FILE_MODELS",
    "Absence",
    "Closure",
    "Commitment",
    "Ingredient",
    "IngredientsFile",
    "Person",
    "Pmo",
    "Price",
    "RecipeLine",
    "Request",
    "RosterFile",
    "Season",
    "Service",
    "Skill",
    "SkillsFile",
]
