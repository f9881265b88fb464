"""Which of a catalogue's files a command that rewrites them (fmt) may touch: those the
user named, each inside a catalogue, with the kind its place gives it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pmocat.errors import PmocatError
from pmocat.models.layout import ANY, Shape, file_shape

#: a file at the catalogue's top -> its kind (FILE_MODELS' names)
TOP_FILES = {"pmo.yaml": "pmo", "skills.yaml": "skills", "ingredients.yaml": "ingredients",
             "roster.yaml": "roster"}
#: a folder of one item per file -> the kind of its files
FOLDERS = {"services": "service", "requests": "request"}


@dataclass(frozen=True)
class CatalogueFile:
    path: Path
    display: str  # as the user would type it
    root: Path  # the catalogue it is in: nothing outside it is read
    shape: Shape


def default_catalogue() -> str:
    """The catalogue a command reads when none is named: the nearest directory holding
    pmo.yaml, here or above (pmocat run inside a catalogue), else ./catalogue."""
    above = _catalogue_above(Path("."))
    if above is not None:
        return os.path.relpath(above)
    if not Path("catalogue").exists():
        raise PmocatError("no catalogue here: neither this directory nor one above it holds "
                          "pmo.yaml, and there is no ./catalogue; run pmocat inside a "
                          "catalogue, or name one with -c DIR")
    return "catalogue"


def catalogue_files(paths: list[Path], catalogue: str | None) -> list[CatalogueFile]:
    """The catalogue files named by `paths` (files, or folders meaning their catalogue
    files), or every file of the catalogue when there are none. Each must be inside
    `catalogue`, or without it inside a folder holding pmo.yaml."""
    named = paths or [Path(catalogue or default_catalogue())]
    found: dict[Path, CatalogueFile] = {}
    for path in named:
        if not os.path.lexists(path):
            raise PmocatError(f"there is no file or folder '{path}'")
        root = Path(catalogue) if catalogue is not None else _catalogue_above(path)
        if root is None:
            raise PmocatError(f"'{path}' is not in a catalogue (no folder above it holds "
                              "pmo.yaml); name the catalogue with --catalogue")
        real_root = _real(root)
        if not root.is_dir():
            raise PmocatError(f"no catalogue directory at '{root}'")
        inside = _real(path) if not path.is_symlink() else _real(path.parent) / path.name
        if not inside.is_relative_to(real_root):
            raise PmocatError(f"'{path}' is outside the catalogue '{root}'; fmt lays out only "
                              "the catalogue's own files")
        shown_root = _shown(real_root)
        for rel in (_files_in(inside, real_root) if path.is_dir()
                    else [inside.relative_to(real_root).as_posix()]):
            file = real_root / rel
            shown = rel if shown_root == "." else f"{shown_root}/{rel}"
            found.setdefault(file, CatalogueFile(file, shown, real_root, _shape(rel)))
    return sorted(found.values(), key=lambda f: f.display)


def _real(path: Path) -> Path:
    """The path with its links followed; one that loops is a usage error, not a crash."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        raise PmocatError(f"'{path}' is a link that loops back on itself, or cannot be "
                          "followed") from None


def _shown(path: Path) -> str:
    """A path as a person would type it: from here."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive, on Windows
        return path.as_posix()


def _catalogue_above(path: Path) -> Path | None:
    start = path if path.is_dir() else path.parent
    for folder in [start, *_real(start).parents]:
        found = folder / "pmo.yaml"
        if found.is_file() or found.is_symlink():  # a link is checked (and refused) as read
            return folder
    return None


def nearest_catalogue() -> str | None:
    """The nearest directory holding pmo.yaml, here or above, or None."""
    above = _catalogue_above(Path("."))
    return None if above is None else os.path.relpath(above)


def _files_in(folder: Path, root: Path) -> list[str]:
    """The catalogue files at or under `folder`, as paths from the catalogue's root."""
    every = [name for name in TOP_FILES if os.path.lexists(root / name)]
    for sub in FOLDERS:
        if not Path(os.path.realpath(root / sub)).is_relative_to(root):
            every.append(sub)  # a link out of the catalogue: read as a file, it is refused
            continue
        try:
            names = sorted(os.listdir(root / sub))
        except OSError:
            continue
        every += [f"{sub}/{n}" for n in names if n.endswith((".yaml", ".yml"))
                  and not n.startswith(".")]
    if folder == root:
        return every
    below = folder.relative_to(root).as_posix()
    return [rel for rel in every if rel == below or rel.startswith(below + "/")]


def _shape(rel: str) -> Shape:
    parts = rel.split("/")
    if len(parts) == 1 and parts[0] in TOP_FILES:
        return file_shape(TOP_FILES[parts[0]])
    if len(parts) == 2 and parts[0] in FOLDERS:
        return file_shape(FOLDERS[parts[0]])
    return ANY
