"""Placeholder: being written."""

from __future__ import annotations


def menu() -> None:
    """Not built yet."""
    raise NotImplementedError
