"""Asking git which commit a catalogue was read from, so a printed menu says what it shows.

Git is optional: outside a repository, or without git installed, the answer is None.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Commit:
    """A short commit id, and whether the catalogue has changes not yet committed."""

    short: str
    dirty: bool = False


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def commit_of(folder: Path) -> Commit | None:
    """The commit checked out where `folder` lives, or None outside a git repository."""
    folder = folder if folder.is_dir() else folder.parent
    short = _git(folder, "rev-parse", "--short=8", "HEAD")
    if not short:
        return None
    changes = _git(folder, "status", "--porcelain", "--untracked-files=normal", "--", ".")
    return Commit(short, dirty=bool(changes))
