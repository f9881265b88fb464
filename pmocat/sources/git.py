"""Asking git which commit a catalogue was read from, so a printed menu says what it shows,
and which files a branch changes, so a pull request's annotations stay on its own lines.

Git is optional for the commit: outside a repository, or without git installed, the
answer is None; the changed files were asked for, so there it is an error. The
catalogue's own `.git/config` is not trusted: git runs with every setting that would
start a program (a file-system monitor, hooks, a pager, content filters) switched off.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pmocat.errors import PmocatError


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


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    """git with the safe settings, its output as bytes (file names need not be text);
    None when git cannot be started."""
    try:
        return subprocess.run(
            ["git", *_SAFE, "-C", str(folder), *args], capture_output=True, timeout=30,
            check=False, stdin=subprocess.DEVNULL, env={**os.environ, **_SAFE_ENV},
        )
    except (OSError, subprocess.SubprocessError):
        return None


def _paths(listing: bytes, top: Path) -> set[Path]:
    return {top / os.fsdecode(name) for name in listing.split(b"\0") if name}


def changed_since(folder: Path, revision: str) -> set[Path]:
    """The files under `folder` that differ from where this branch left `revision`, as a
    pull request shows them: committed since the merge-base, edited and not yet
    committed, or new and not ignored. Paths are absolute (under the repository's top).

    Only plumbing runs (rev-parse, merge-base, diff-index, ls-files), with every filter
    the repository declares switched off. Raises PmocatError when there is
    no repository, no such revision or no common history (a shallow clone).
    """
    option = "--changed-since"
    top = toplevel(folder)
    if top is None:
        reason = ("git is not installed" if _run(Path.cwd(), "--version") is None
                  else f"'{folder}' is not in a git repository")
        raise PmocatError(f"{option} compares with a git revision, but {reason}")
    if revision.startswith("-"):
        raise PmocatError(f"{option} takes a revision, like origin/main; got '{revision}'")
    found = _run(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if found is None or found.returncode != 0:
        raise PmocatError(f"{option}: there is no revision '{revision}' in this repository; "
                          "in CI, fetch it with full history (actions/checkout with fetch-depth: 0)")
    base = _run(folder, "merge-base", found.stdout.decode().strip(), "HEAD")
    if base is None or base.returncode != 0:
        raise PmocatError(f"{option}: this branch and '{revision}' share no history here; "
                          "in CI, check out with full history (actions/checkout with fetch-depth: 0)")
    unfiltered = _no_filters(folder)  # git re-reads a file whose timestamps changed
    edited = _run(folder, *unfiltered, "diff-index", "--name-only", "-z", "--no-renames", "--ignore-submodules=all",
                  base.stdout.decode().strip(), "--", ".")
    new = _run(folder, *unfiltered, "ls-files", "-z", "--full-name", "--others", "--exclude-standard", "--", ".")
    if edited is None or new is None or edited.returncode or new.returncode:
        failed = next((done for done in (edited, new) if done is not None and done.returncode), None)
        said = failed.stderr.decode(errors="replace").strip().splitlines()[:1] if failed else []
        raise PmocatError(f"{option}: git could not list the changed files"
                          + (f": {said[0]}" if said else ""))
    return _paths(edited.stdout, top) | _paths(new.stdout, top)
