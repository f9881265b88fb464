"""Finding and loading a whole catalogue directory into models, with every problem located.

One broken file never hides the others: each file and each list item is validated on its
own, and the ids written in broken items are still remembered so that references to them
do not cascade into more errors.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from pmocat.diagnostics import Diagnostic, Span, error, subject, warning
from pmocat.errors import PmocatError
from pmocat.models import (
    Ingredient,
    IngredientsFile,
    Person,
    Pmo,
    Request,
    RosterFile,
    Service,
    Skill,
    SkillsFile,
)
from pmocat.models.entities import DEFAULT_LEVELS
from pmocat.sources.validation import Loc, validate
from pmocat.sources.yamlfile import Document, check_path, load_yaml
from pmocat.words import plural, words_list

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a model was written: its document and its path inside it."""

    doc: Document
    loc: Loc = ()

    def span(self, *more: str | int, key: bool = False) -> Span:
        return self.doc.span(self.loc + more, key=key)


@dataclass
class Catalogue:
    """Everything that loaded cleanly, with where each piece was written."""

    root: Path
    pmo: Pmo | None = None
    levels: dict[int, str] = field(default_factory=lambda: dict(DEFAULT_LEVELS))
    skills: dict[str, Skill] = field(default_factory=dict)
    ingredients: dict[str, Ingredient] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    requests: dict[str, Request] = field(default_factory=dict)
    #: (kind, id) -> where it is written
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    #: every id written per kind, valid or not: a reference to a broken item is not dangling
    named: dict[str, set[str]] = field(default_factory=dict)
    #: the documents read, by path
    documents: dict[str, Document] = field(default_factory=dict)

    _skilled: dict[str, list[tuple[int, str]]] | None = field(default=None, repr=False)

    def qualified(self, skill: str, level: int) -> list[Person]:
        """The people qualified for a skill at a level, in id order."""
        if self._skilled is None:
            self._skilled = {}
            for person in self.people.values():
                for name, held in person.skills.items():
                    self._skilled.setdefault(name, []).append((held, person.id))
        return sorted((self.people[pid] for held, pid in self._skilled.get(skill, ()) if held >= level),
                      key=lambda p: p.id)

    def where(self, kind: str, ident: str, *loc: str | int, key: bool = False) -> Span:
        return self.origins[(kind, ident)].span(*loc, key=key)


#: the other places a duplicate-id names, at most
_PLACES_NAMED = 5


def _others(places: list[str], index: int) -> str:
    """'a.yaml:1 and b.yaml:4': every place but `index`, the first few when there are many
    (an id copied a thousand times must not make a thousand-name message a thousand times)."""
    count = len(places) - 1
    near = [place for n, place in enumerate(places[:_PLACES_NAMED + 1]) if n != index]
    if count <= _PLACES_NAMED:
        return words_list(near)
    shown = near[:_PLACES_NAMED - 1]
    return words_list([*shown, plural(count - len(shown), "other place")])


def _display(root_arg: str, path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        return str(path)
    return str(Path(root_arg) / rel) if root_arg not in ("", ".") else str(rel)


def _yaml_names(folder: Path) -> list[str] | None:
    """The names of a folder's YAML files, in order: none when there is no such folder,
    None when it is there but cannot be listed (no permission, or not a folder)."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except OSError:
        return None
    return sorted(n for n in names if n.endswith((".yaml", ".yml")) and not n.startswith("."))


class _Loader:
    def __init__(self, root_arg: str, root: Path) -> None:
        self.root_arg = root_arg
        self.cat = Catalogue(root=root)
        self.diagnostics: list[Diagnostic] = []
        #: (kind, id) -> every item that gives it, in the order read
        self.seen: dict[tuple[str, str], list[Origin]] = {}

    def read(self, path: Path, shown: str | None = None, within: Path | None = None, *,
             named: bool = False) -> Document:
        """One file, read only if it is a regular file inside `within` (the catalogue's root
        unless said otherwise); a file the user `named` may be anywhere."""
        doc = load_yaml(path, shown or _display(self.root_arg, path, self.cat.root),
                        within=None if named else within or self.cat.root)
        self.cat.documents[doc.path] = doc
        self.diagnostics.extend(doc.diagnostics)
        return doc

    def mapping(self, doc: Document, what: str) -> dict[Any, Any] | None:
        if doc.data is None and (doc.root is None or doc.diagnostics):
            return None  # already reported: a syntax error, an empty file, an alias bomb
        if not isinstance(doc.data, dict):
            self.diagnostics.append(error(
                "invalid-type", f"{what} must be a mapping of keys to values", doc.span(),
                "start the file with 'key: value' lines, not a list or a single value"))
            return None
        return doc.data

    def remember(self, kind: str, item: Any, origin: Origin) -> str | None:
        """Note an item's id, valid or not; a second item with the same id is not kept
        (`duplicates` reports them all once everything is read)."""
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            return None
        origins = self.seen.setdefault((kind, ident), [])
        origins.append(origin)
        self.cat.named.setdefault(kind, set()).add(ident)
        return ident if len(origins) == 1 else None

    def duplicates(self) -> None:
        """duplicate-id at every item that gives a shared id, each naming the others, so
        the one a pull request adds is marked as well as the one it collides with."""
        for (kind, ident), origins in self.seen.items():
            if len(origins) < 2:
                continue
            spans = [origin.span("id") for origin in origins]
            places = [f"{at.path}:{at.line}" for at in spans]
            for index, span in enumerate(spans):
                kept = ("this one" if index == 0
                        else f"the one at {places[0]} and leaves this one out")
                self.diagnostics.append(error(
                    "duplicate-id", f"the {kind} id '{ident}' is also used at {_others(places, index)}", span,
                    f"ids must be unique: rename or remove all but one (until then pmocat "
                    f"reads {kept})"))

    def add(self, kind: str, ident: str, model: Any, origin: Origin, into: dict[str, Any]) -> None:
        into[ident] = model
        self.cat.origins[(kind, ident)] = origin

    def list_file(self, path: Path, kind: str, key: str, wrapper: type[BaseModel],
                  item_model: type[M], into: dict[str, M], *, named: bool = False,
                  ) -> dict[Any, Any] | None:
        """A file holding `key:` a list of items: each item is validated on its own.

        A file the user `named` on the command line may live outside the catalogue.
        """
        doc = self.read(path, named=named)
        data = self.mapping(doc, path.name)
        if data is None:
            return None
        shell = {k: ([] if k == key else v) for k, v in data.items()}
        _, problems = validate(wrapper, shell, doc)
        self.diagnostics.extend(p for p in problems if p.code != "invalid-type" or key not in p.message)
        if key not in data:
            return data  # reported by the wrapper's validation as a missing key
        items = data[key]
        if items is None:  # `people:` with nothing under it is not an empty roster
            self.diagnostics.append(error(
                "invalid-type", f"expected a list of {key}, got nothing", doc.span((key,), key=True),
                f"list them under '{key}:', or write '{key}: []' if there are none yet"))
            return data
        if not isinstance(items, list):
            self.diagnostics.append(error("invalid-type", f"'{key}' must be a list", doc.span((key,))))
            return data
        for index, item in enumerate(items):
            origin = Origin(doc, (key, index))
            ident = self.remember(kind, item, origin)
            model, problems = validate(item_model, item, doc, (key, index))
            self.diagnostics.extend(problems)
            if model is not None and ident is not None:
                self.add(kind, ident, model, origin, into)
        return data

    def one_per_file(self, folder: Path, kind: str, model_cls: type[M], into: dict[str, M], *,
                     named: bool = False) -> None:
        """A folder of one item per file. Its files stay inside the catalogue, or inside the
        folder when the user `named` it on the command line."""
        shown = _display(self.root_arg, folder, self.cat.root)
        if not named and os.path.lexists(folder):
            refused = check_path(folder, shown, self.cat.root)
            if refused is not None:
                self.diagnostics.append(refused)
                return
        within = folder if named else self.cat.root
        names = _yaml_names(folder)
        if names is None:  # an unreadable folder is not an empty one: it may hold the book
            why = "cannot be listed" if folder.is_dir() else "is not a folder"
            self.diagnostics.append(error(
                "unreadable-file", f"'{folder.name}', where the {kind} files belong, {why}",
                Span(shown), "make it a folder that pmocat may list, or remove it"))
            return
        for name in names:
            path = folder / name
            doc = self.read(path, os.path.join(shown, name), within)
            data = self.mapping(doc, f"a {kind} file")
            if data is None:
                continue
            origin = Origin(doc)
            ident = self.remember(kind, data, origin)
            model, problems = validate(model_cls, data, doc)
            self.diagnostics.extend(problems)
            written = data.get("id")
            if isinstance(written, str) and written != path.stem:
                self.diagnostics.append(warning(
                    "filename-mismatch", f"the file is named '{path.name}' but its id is '{written}'",
                    doc.span(("id",)), f"rename the file to '{written}.yaml', or change the id",
                    (subject(kind, written),)))
            if model is not None and ident is not None:
                self.add(kind, ident, model, origin, into)

    def required(self, path: Path, what: str) -> bool:
        """Whether the file is there to read (a link that leads nowhere is there, and is
        reported when it is read); a file that is not there is missing."""
        if os.path.lexists(path):
            return True
        self.diagnostics.append(error(
            "missing-file", f"the catalogue has no {path.name}",
            Span(_display(self.root_arg, path, self.cat.root)), f"create {path.name}: {what}"))
        return False


def load_catalogue(
    root_arg: str, roster: str | None = None, requests: str | None = None
) -> tuple[Catalogue, list[Diagnostic]]:
    """Load every file of a catalogue.

    Raises PmocatError only for a path the user named that is not there: a usage error,
    not a diagnostic.
    """
    root = Path(root_arg)
    if not root.is_dir():
        raise PmocatError(f"no catalogue directory at '{root_arg}'" if not root.exists()
                          else f"'{root_arg}' is not a directory")
    for named, what in ((roster, "roster file"), (requests, "requests directory")):
        if named is not None and not Path(named).exists():
            raise PmocatError(f"no {what} at '{named}'")
    if requests is not None and not Path(requests).is_dir():
        raise PmocatError(f"--requests takes a folder of request files; '{requests}' is not one")
    with _collector_paused():
        return _load(root_arg, root, roster, requests)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector, off while the files are read.

    Loading builds hundreds of thousands of small objects that all stay alive, and none of
    them form cycles, so every collection triggered meanwhile walks them for nothing
    (docs/performance.md). The previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(root_arg: str, root: Path, roster: str | None, requests: str | None,
          ) -> tuple[Catalogue, list[Diagnostic]]:
    loader = _Loader(root_arg, root)
    cat = loader.cat

    pmo_path = root / "pmo.yaml"
    if loader.required(pmo_path, "the PMO's name, currency and opening hours"):
        doc = loader.read(pmo_path)
        data = loader.mapping(doc, "pmo.yaml")
        if data is not None:
            cat.pmo, problems = validate(Pmo, data, doc)
            loader.diagnostics.extend(problems)
            if cat.pmo is not None:
                cat.origins[("pmo", "pmo")] = Origin(doc)

    skills_path = root / "skills.yaml"
    if loader.required(skills_path, "the skills the services need"):
        data = loader.list_file(skills_path, "skill", "skills", SkillsFile, Skill, cat.skills)
        if data is not None and isinstance(data.get("levels"), dict):
            levels, _ = validate(SkillsFile, {"levels": data["levels"], "skills": []},
                                 cat.documents[_display(root_arg, skills_path, root)])
            if levels is not None:
                cat.levels = dict(levels.levels)

    ingredients_path = root / "ingredients.yaml"
    if os.path.lexists(ingredients_path):
        loader.list_file(ingredients_path, "ingredient", "ingredients", IngredientsFile,
                         Ingredient, cat.ingredients)

    loader.one_per_file(root / "services", "service", Service, cat.services)

    roster_path = Path(roster) if roster else root / "roster.yaml"
    if loader.required(roster_path, "the people who deliver the services"):
        loader.list_file(roster_path, "person", "people", RosterFile, Person, cat.people,
                         named=roster is not None)

    loader.one_per_file(Path(requests) if requests else root / "requests", "request", Request,
                        cat.requests, named=requests is not None)
    loader.duplicates()
    return cat, loader.diagnostics
