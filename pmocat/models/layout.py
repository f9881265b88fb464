"""The canonical order of keys, read from the models' field order: what `pmocat fmt` writes
and what the reference lists. Pure: no I/O."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from pmocat.models.entities import FILE_MODELS


@dataclass(frozen=True)
class Shape:
    """What a mapping holds, for laying it out: its keys in order (None for a mapping whose
    keys are data, like a person's skills), the shape under each key, and the shape of each
    item of a list or value of a data mapping."""

    keys: tuple[str, ...] | None = None
    children: dict[str, Shape] = field(default_factory=dict)
    items: Shape | None = None
    #: each key's place in `keys`
    rank: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rank.update((key, place) for place, key in enumerate(self.keys or ()))


ANY = Shape()


def key_order(model: type[BaseModel]) -> list[str]:
    """The keys of a model as a file writes them (aliases: `from`, `for`), in field order."""
    return [info.alias or name for name, info in model.model_fields.items()]


@cache
def shape_of(model: type[BaseModel]) -> Shape:
    """The layout shape of a model and, through its fields, of everything inside it."""
    return Shape(tuple(key_order(model)),
                 {info.alias or name: _shape_of_annotation(info.annotation)
                  for name, info in model.model_fields.items()})


def file_shape(kind: str) -> Shape:
    """The shape of a kind of catalogue file, by FILE_MODELS' names ('service', 'roster')."""
    return shape_of(FILE_MODELS[kind])


def _shape_of_annotation(annotation: Any) -> Shape:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return shape_of(annotation)
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is typing.Annotated:
        return _shape_of_annotation(args[0])
    if origin in (Union, types.UnionType):
        shapes = [s for s in (_shape_of_annotation(a) for a in args) if s is not ANY]
        return shapes[0] if shapes else ANY
    if origin is list:
        return Shape(items=_shape_of_annotation(args[0]))
    if origin is dict:
        return Shape(items=_shape_of_annotation(args[1]))
    return ANY
