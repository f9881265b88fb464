"""Asking git which commit a catalogue was read from, so a printed menu says what it shows,
and which files a branch changes, so a pull request's annotations stay on its own lines.

Git is optional for the commit: outside a repository, or without git installed, the
answer is None; the changed files were asked for, so there it is an error. The
catalogue's own `.git/config` is not trusted: git runs with every setting that would
start a program (a file-system monitor, hooks, a pager, content filters) switched off.
"""

from __future__ import annotations

import contextlib
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


#: settings that stop git from running a program the repository names; no transport at
#: all, so that a partial clone's missing object is never fetched through the remote the
#: repository's config names (an `ext::` command, an ssh command or upload-pack of its own)
_SAFE = ("-c", "core.fsmonitor=false", "-c", f"core.hooksPath={os.devnull}", "-c", "core.pager=cat",
         "-c", "diff.external=", "-c", "core.untrackedCache=false",
         "-c", "protocol.allow=never",
         *(part for name in ("ext", "file", "ssh", "git", "http", "https")
           for part in ("-c", f"protocol.{name}.allow=never")),
         "--no-pager")
#: git's own switches for the same, and no prompt and no lock on the index (so no hook)
_SAFE_ENV = {"GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0",
             "GIT_EXTERNAL_DIFF": "", "GIT_ASKPASS": "", "SSH_ASKPASS": "", "GIT_NO_LAZY_FETCH": "1"}


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


# Reading a revision: git's plumbing only (`rev-parse`, `ls-tree`, `cat-file`), with the
# same safe settings. Nothing is checked out and the work tree and index are never touched;
# `git archive` is not used because the repository's own .gitattributes could leave files
# out of it (export-ignore) or rewrite them (export-subst).

_MODES = {b"100644": "file", b"100755": "file", b"120000": "link"}
#: the longest link target a file system takes (Linux's PATH_MAX); a longer one is not read
_LONGEST_LINK = 4096
#: how long git may take to hand over one revision's catalogue
_READ_TIMEOUT = 120


def _run(folder: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes] | None:
    command = ["git", *_SAFE, "-C", str(folder), *args]
    environment = {**os.environ, **_SAFE_ENV}
    try:
        if data is None:
            return subprocess.run(command, capture_output=True, timeout=_READ_TIMEOUT, check=False,
                                  env=environment, stdin=subprocess.DEVNULL)
        return subprocess.run(command, input=data, capture_output=True, timeout=_READ_TIMEOUT,
                              check=False, env=environment)
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


def commit_id(folder: Path, revision: str) -> str | None:
    """The full id of the commit `revision` names in the repository at `folder`, or None."""
    if revision.startswith("-"):
        return None  # an option, not a revision
    return _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")


def is_shallow(folder: Path) -> bool:
    """Whether the repository holds only part of its history (a CI checkout's default)."""
    return _git(folder, "rev-parse", "--is-shallow-repository") == "true"


def default_branch(folder: Path) -> str | None:
    """The branch pull requests go into: the remote's HEAD when a remote says so, else
    `main` or `master`, whichever exists (a remote-tracking one first)."""
    remote = _git(folder, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    if remote:
        return remote
    for name in ("origin/main", "origin/master", "main", "master"):
        if commit_id(folder, name):
            return name
    return None


def merge_base(folder: Path, one: str, other: str) -> str | None:
    return _git(folder, "merge-base", one, other)


def export_folder(top: Path, commit: str, inside: str, dest: Path, limit: int) -> bool:
    """Write the files under `inside` (a path from the repository's top, '' for all of it)
    as they are in `commit` into `dest`. False when `commit` has no such folder; a
    PmocatError when git cannot hand its files over (a missing object, a timeout).

    A file larger than `limit` bytes is written as a file of its size holding nothing
    (sparse), so reading it refuses it as too large, as for a file on disk; links are
    written as links (reading them refuses one that leaves the catalogue); submodules
    are left out. A path that would land outside `dest` is left out too.
    """
    spec = ["--", inside] if inside else []
    listed = _run(top, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, *spec)
    if listed is None or listed.returncode != 0:
        raise _unreadable(commit, listed)
    entries: list[tuple[str, str, int, Path]] = []
    prefix = f"{inside}/" if inside else ""
    for record in listed.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, _, rest = meta.partition(b" ")
        kind = _MODES.get(mode)
        path = os.fsdecode(name)
        if kind is None or not path.startswith(prefix):
            continue
        parts = path[len(prefix):].split("/")
        if any(part in ("", ".", "..") for part in parts):
            continue
        fields = rest.split()
        if len(fields) < 3 or not fields[2].isdigit():  # git gives no size for a missing object
            raise _unreadable(commit, None)
        entries.append((kind, fields[1].decode(), int(fields[2]), dest.joinpath(*parts)))
    if not entries:
        return False
    wanted = [(kind, sha, size, path) for kind, sha, size, path in entries
              if size <= (_LONGEST_LINK if kind == "link" else limit)]
    blobs = _cat_blobs(top, [sha for _, sha, _, _ in wanted])
    if blobs is None:
        raise _unreadable(commit, None)
    # Links last, and nothing written through one: a crafted tree can hold a link and a
    # folder of the same name (or, on a file system that ignores case, 'Zzz' and 'zzz/'),
    # which would otherwise carry a file out of `dest`.
    for kind, blob, length, target in sorted(entries, key=lambda entry: entry[0] == "link"):
        if not _plain_folders(dest, target) or os.path.lexists(target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "link":
            if blob not in blobs:
                continue  # longer than any file system allows: never read
            with contextlib.suppress(OSError, ValueError):  # too long, or a NUL in it
                os.symlink(os.fsdecode(blobs[blob]), target)
        elif blob in blobs:
            target.write_bytes(blobs[blob])
        else:
            with target.open("wb") as handle:
                handle.truncate(length)
    return True


def _unreadable(commit: str, done: subprocess.CompletedProcess[bytes] | None) -> PmocatError:
    """A revision git could not hand over: never read as a catalogue that is not there."""
    said = done.stderr.decode(errors="replace").strip().splitlines()[:1] if done is not None else []
    return PmocatError(f"git could not read the files of commit {commit[:8]}"
                       + (f": {said[0]}" if said else " (an object is missing or git took too long)")
                       + "; in CI, fetch the full history (actions/checkout with fetch-depth: 0)")


def _plain_folders(dest: Path, target: Path) -> bool:
    """Whether every folder from `dest` down to `target` is absent or a real folder."""
    at = target.parent
    while at != dest:
        if at.is_symlink() or (at.exists() and not at.is_dir()):
            return False
        at = at.parent
    return True


def _cat_blobs(top: Path, shas: list[str]) -> dict[str, bytes] | None:
    """The contents of these blobs, read in one `git cat-file --batch`."""
    if not shas:
        return {}
    done = _run(top, "cat-file", "--batch", data="".join(f"{sha}\n" for sha in shas).encode())
    if done is None or done.returncode != 0:
        return None
    found: dict[str, bytes] = {}
    out, at = done.stdout, 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) < 3:  # "<sha> missing"
            return None
        size = int(header[2])
        found[header[0].decode()] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return found
