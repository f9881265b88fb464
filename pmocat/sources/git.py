"""Asking git which commit a catalogue was read from, so a printed menu says what it shows.

Git is optional: outside a repository, or without git installed, the answer is None. The
catalogue's own `.git/config` is not trusted: git runs with every setting that would
start a program (a file-system monitor, hooks, a pager, content filters) switched off.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Commit:
    """A short commit id, and whether the catalogue has changes not yet committed."""

    short: str
    dirty: bool = False


#: settings that stop git from running a program the repository names
_SAFE = ("-c", "core.fsmonitor=false", "-c", f"core.hooksPath={os.devnull}", "-c", "core.pager=cat",
         "-c", "diff.external=", "-c", "core.untrackedCache=false", "--no-pager")
#: git's own switches for the same, and no prompt and no lock on the index (so no hook)
_SAFE_ENV = {"GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0",
             "GIT_EXTERNAL_DIFF": "", "GIT_ASKPASS": "", "SSH_ASKPASS": ""}


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *_SAFE, "-C", str(folder), *args], capture_output=True, text=True,
            timeout=10, check=False, stdin=subprocess.DEVNULL, env={**os.environ, **_SAFE_ENV},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _no_filters(folder: Path) -> list[str]:
    """Settings that switch off every content filter the repository's config declares:
    `git status` would run a filter's command on any file whose timestamps changed."""
    declared = _git(folder, "config", "--name-only", "--get-regexp", r"^filter\.") or ""
    names = {key[len("filter."):key.rindex(".")] for key in declared.splitlines() if key.count(".") >= 2}
    return [setting for name in sorted(names)
            for part in ("clean", "smudge", "process", "required")
            for setting in ("-c", f"filter.{name}.{part}=" if part != "required"
                            else f"filter.{name}.required=false")]


def commit_of(folder: Path) -> Commit | None:
    """The commit checked out where `folder` lives, or None outside a git repository."""
    folder = folder if folder.is_dir() else folder.parent
    short = _git(folder, "rev-parse", "--short=8", "HEAD")
    if not short:
        return None
    changes = _git(folder, *_no_filters(folder), "status", "--porcelain", "--ignore-submodules=all",
                   "--untracked-files=normal", "--", ".")
    return Commit(short, dirty=bool(changes))


def toplevel(folder: Path) -> Path | None:
    """The top of the git repository `folder` is in (or would be in, once created), or
    None outside one or without git."""
    while not folder.is_dir():
        if folder.parent == folder:
            return None
        folder = folder.parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    return Path(top) if top else None
