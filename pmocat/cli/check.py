"""Placeholder: being written."""

from __future__ import annotations


def check() -> None:
    """Not built yet."""
    raise NotImplementedError
