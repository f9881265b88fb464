"""How every command's --help names what it takes: a flag takes nothing, so no `<bool>`;
an argument or an option shows its metavar (FILE, DIR, ID), never a Python type (`<str>`).

Applied to every command registered in pmocat/cli/__init__.py, so a new one follows suit.
"""

from __future__ import annotations

import inspect
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


def _choice(param: TyperArgument | TyperOption) -> bool:
    """A parameter with a few allowed values, which help lists (`<text|json>`)."""
    return bool(getattr(getattr(param, "type_descriptor", None), "is_choice", False))


class _Argument(TyperArgument):
    @property
    def display_name_raw(self) -> str:
        return self.metavar or (self.name or "value").upper()

    def display_type_rich(self, ctx: Any) -> str | None:
        return super().display_type_rich(ctx) if _choice(self) else None


class _Option(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        if self.is_flag:
            return None
        if self.metavar is None and not _choice(self):  # --roster takes ROSTER
            long = [opt for opt in self.opts if opt.startswith("--")]
            return (long[0][2:] if long else self.name or "value").upper()
        return super().display_type_rich(ctx)


def _plain(params: list[Any]) -> list[Any]:
    # typer builds its own parameter objects; these subclasses only change how help shows them
    for param in params:
        if type(param) is TyperOption:
            param.__class__ = _Option
        elif type(param) is TyperArgument:
            param.__class__ = _Argument
    return params


def unwrapped(text: str | None) -> str | None:
    """A docstring's paragraphs each on one line, for the terminal to wrap: typer's rich
    help keeps the docstring's own line breaks, so at 80 columns every line broke twice.
    A paragraph with an indented line (an example) keeps its lines."""
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(
        paragraph if paragraph.startswith("\b") or any(
            line.startswith((" ", "\t")) for line in paragraph.split("\n"))
        else " ".join(line.strip() for line in paragraph.split("\n"))
        for paragraph in paragraphs)


class Command(TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = unwrapped(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))


class Group(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = unwrapped(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # `pmocat` alone asks for help rather than making a mistake: help, and exit 0
        if not args and not ctx.resilient_parsing:
            args = ["--help"]
        return super().parse_args(ctx, args)
