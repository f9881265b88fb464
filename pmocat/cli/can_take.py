"""Placeholder: being written."""

from __future__ import annotations


def can_take() -> None:
    """Not built yet."""
    raise NotImplementedError
