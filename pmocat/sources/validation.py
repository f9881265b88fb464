"""Pydantic validation with its errors turned into located, plain-language diagnostics."""

from __future__ import annotations

import types
import typing
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from pmocat.diagnostics import Diagnostic, error
from pmocat.models.types import MONEY_DIGITS, MONEY_PLACES
from pmocat.sources.yamlfile import Document
from pmocat.words import closest, did_you_mean, plural, words_list

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


def describe(value: Any) -> str:
    """A value as a PMO analyst would name it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the number {value}"


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation can hold (through Optional, list, dict, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(get_args(annotation)[0])
    if origin in (Union, types.UnionType, list, dict):
        args = get_args(annotation)
        if origin is dict:
            args = args[1:]
        return [m for a in args for m in _models_in(a)]
    return []


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model whose mapping holds the last key of `loc`."""
    current: type[BaseModel] | None = root
    for part in loc[:-1]:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = next(
            (f for name, f in current.model_fields.items() if (f.alias or name) == part), None
        )
        if field is None:
            continue
        found = _models_in(field.annotation)
        current = found[0] if found else None
    return current


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


_PLAIN = {
    "int_type": "expected a whole number, got {got}",
    "int_parsing": "expected a whole number, got {got}",
    "int_from_float": "expected a whole number, got {got}",
    "float_type": "expected a number, got {got}",
    "float_parsing": "expected a number, got {got}",
    "decimal_type": "expected an amount like 4500 or 12.50, got {got}",
    "decimal_parsing": "expected an amount like 4500 or 12.50, got {got}",
    "decimal_max_places": f"an amount has at most {MONEY_PLACES} decimal places",
    "finite_number": "expected a finite number, got {got}",
    "string_type": "expected text, got {got}",
    "list_type": "expected a list, got {got}",
    "dict_type": "expected a mapping of keys to values, got {got}",
    "model_type": "expected a mapping of keys to values, got {got}",
    "model_attributes_type": "expected a mapping of keys to values, got {got}",
    "bool_type": "expected true or false, got {got}",
    "string_too_short": "this text must not be empty",
}


def _too_many_digits(value: Any) -> str:
    """Why an amount has more digits than Money holds: its size, or its decimals.

    pydantic counts all the digits before it counts the decimals, so 12.345…789 (30
    decimals) fails as too many digits; the cause a person can fix is the decimals.
    """
    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return "this amount is too large"
    _, digits, exponent = number.as_tuple()
    whole = len(digits) + exponent if isinstance(exponent, int) else 0
    if whole > MONEY_DIGITS - MONEY_PLACES:
        return (f"this amount is too large: at most {MONEY_DIGITS - MONEY_PLACES} digits "
                "before the decimal point")
    return f"an amount has at most {MONEY_PLACES} decimal places"


def translate(err: ErrorDetails, model: type[BaseModel], doc: Document, base: Loc) -> Diagnostic:
    """One pydantic error as a located diagnostic."""
    loc: Loc = tuple(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx") or {}
    got = describe(err.get("input"))
    where = base + loc
    named = [p for p in loc if isinstance(p, str)]
    field = named[-1] if named else ""
    hint = None
    if kind == "missing":
        message = f"'{field}' is required here"
        return error("missing-key", message, doc.span(where), f"add '{field}: …'")
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        allowed = _keys_of(owner) if owner else []
        hint = did_you_mean(str(field), allowed)
        if hint is None and allowed:
            hint = "the keys allowed here are: " + words_list(allowed)
        return error("unknown-key", f"unknown key '{field}'", doc.span(where, key=True), hint)
    if kind in ("literal_error", "enum"):
        choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
        value = err.get("input")
        message = f"expected one of {', '.join(choices)}; got {got}"
        if isinstance(value, str):
            hint = did_you_mean(value, choices)
        return error("invalid-value", message, doc.span(where), hint)
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "a-z0-9-" in pattern:
            message = f"{got} is not a valid id"
            hint = "ids use lowercase letters, digits and '-', and start with a letter"
            if "A-Z" in pattern:
                hint = "request ids use letters, digits and '-', and start with a letter, e.g. REQ-042"
        else:
            message = f"{got} is not in the expected form"
            if field == "currency":
                hint = "use a three-letter ISO 4217 code such as GBP, EUR or USD"
            if field == "country":
                hint = "use a two-letter ISO 3166 country code such as GB or IE"
        return error("invalid-value", message, doc.span(where), hint)
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {"greater_than": "more than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        limit = next(iter(ctx.values()), "")
        return error("invalid-value", f"must be {words} {limit}, got {got}", doc.span(where))
    if kind == "too_short":
        return error("invalid-value", f"needs at least {plural(ctx.get('min_length', 1), 'item')}",
                     doc.span(where))
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return error("invalid-value", _too_many_digits(err.get("input")), doc.span(where))
    if kind in _PLAIN:
        return error("invalid-type" if kind.endswith(("_type", "_parsing")) else "invalid-value",
                     _PLAIN[kind].format(got=got), doc.span(where))
    message = err["msg"].removeprefix("Value error, ")
    return error("invalid-value", message, doc.span(where))


def _typos_once(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """A misspelt key is one problem: `ownr:` is reported as unknown (did you mean 'owner'?),
    not also as 'owner' missing."""
    unknown: dict[Loc, list[str]] = {}
    for e in errors:
        if e["type"] == "extra_forbidden" and e["loc"]:
            unknown.setdefault(tuple(e["loc"][:-1]), []).append(str(e["loc"][-1]))
    kept = []
    for e in errors:
        if e["type"] == "missing" and e["loc"]:
            parent, name = tuple(e["loc"][:-1]), str(e["loc"][-1])
            if closest(name, unknown.get(parent, [])):
                continue
        kept.append(e)
    return kept


def _merge_missing(found: list[Diagnostic]) -> list[Diagnostic]:
    """Several keys missing from one mapping make one diagnostic, not one each."""
    missing: dict[Any, list[Diagnostic]] = {}
    for d in found:
        if d.code == "missing-key":
            missing.setdefault(d.span, []).append(d)
    merged = [d for d in found if d.code != "missing-key"]
    for span, group in missing.items():
        if len(group) == 1:
            merged.append(group[0])
            continue
        keys = [d.message.split("'")[1] for d in group]
        merged.append(error("missing-key", "these keys are required here: " + words_list(keys), span,
                            "add them; see docs/catalogue.md for what each one means"))
    return merged


def _without(data: Any, loc: Loc) -> Any:
    """A copy of `data` without the key at `loc`."""
    if not loc:
        return data
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict) and head in data:
        if not rest:
            return {k: v for k, v in data.items() if k != head}
        return {**data, head: _without(data[head], rest)}
    if isinstance(data, list) and isinstance(head, int) and head < len(data):
        return [*data[:head], _without(data[head], rest), *data[head + 1:]]
    return data


def validate(model: type[M], data: Any, doc: Document, base: Loc = ()) -> tuple[M | None, list[Diagnostic]]:
    """Validate `data` found at `base` in `doc`: the model, or None and the reasons why not.

    When the only problems are unknown keys (usually typos), the model is still built
    without them, so the rest of the catalogue's checks can see it. A value the YAML
    loader already reported (a rejected tag, a number too large) is not reported again.
    """
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    said = {(d.span.line, d.span.column) for d in doc.diagnostics}
    found = _merge_missing([translate(e, model, doc, base) for e in _typos_once(errors)])
    found = [d for d in found if (d.span.line, d.span.column) not in said]
    if all(e["type"] == "extra_forbidden" for e in errors):
        for e in errors:
            data = _without(data, tuple(e["loc"]))
        try:
            return model.model_validate(data), found
        except ValidationError:
            pass
    return None, found
