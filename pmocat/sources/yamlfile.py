"""YAML 1.2 with positions: libyaml composes the nodes, we build the values.

libyaml (through PyYAML's C parser) is the fast path; it keeps every node's mark, so a
diagnostic can point at `line:column` without a slow round-trip load. libyaml only knows
YAML 1.1 typing, so tags are resolved here with the YAML 1.2 core schema (`17:30` and
`no` stay strings). Loading is safe: only the core tags are understood.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import warnings
from decimal import Decimal, InvalidOperation
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.error import Mark, MarkedYAMLError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pmocat.diagnostics import Diagnostic, Span, error
from pmocat.errors import PmocatError

#: how many values one file may expand to through aliases ("billion laughs" guard)
MAX_VALUES = 500_000
#: deeper than this is never a catalogue (libyaml itself stops at 1000)
MAX_DEPTH = 100
#: the most bytes read from one file unless PMOCAT_MAX_FILE_BYTES says otherwise
MAX_FILE_BYTES = 10 * 1024 * 1024
#: the codes that mean a file was never read: nothing of it may be shown
NOT_READ = frozenset({"unsafe-path", "unreadable-file"})
#: longer numbers are never a catalogue's (Python refuses to print ints past 4,300 digits)
_MAX_DIGITS = 4000

_CORE = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}
_NEG_INF = {"-.inf", "-.Inf", "-.INF"}
_NAN = {".nan", ".NaN", ".NAN"}
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")
_WORDY = frozenset("~nNtTfF")
_BRACKETS = re.compile(r"[\[\]{}]")
#: larger files than this keep libyaml's verdict (ruamel.yaml, in pure Python, is slow on them)
_SECOND_OPINION_SIZE = 1_000_000


class _TooBig(Exception):
    pass


class Document:
    """One parsed YAML file: the plain value, its problems, and the nodes that remember
    positions.

    The nodes are composed again from the text only when a position is asked for. Holding
    every file's nodes would keep hundreds of thousands of objects alive, and Python's
    cyclic garbage collector would walk them over and over while the catalogue loads, for
    nothing (docs/performance.md, "What makes loading fast"). Composing one file again for
    a diagnostic is cheap.
    """

    __slots__ = ("_root", "_source", "data", "diagnostics", "path")

    def __init__(self, path: str, root: Node | None = None, data: Any = None,
                 diagnostics: list[Diagnostic] | None = None, *,
                 source: str | bytes | None = None) -> None:
        self.path = path
        self.data = data
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self._root = root
        self._source = source if root is None else None

    def __repr__(self) -> str:
        return f"Document({self.path!r}, data={self.data!r}, diagnostics={self.diagnostics!r})"

    @property
    def root(self) -> Node | None:
        """The document's root node (composed on first use), or None when nothing parsed."""
        if self._source is not None:
            self._root = NodeParser(self._source).get_single_node()
            self._source = None
        return self._root

    def span(self, loc: tuple[str | int, ...] = (), *, key: bool = False) -> Span:
        """Where `loc` (a pydantic-style path of keys and indexes) is in the file.

        Parts that are not in the data (pydantic's union tags, a missing key) are passed
        over, so a missing key points at the mapping that lacks it.
        """
        root = self.root
        if root is None:
            return Span(self.path)
        node: Node = root
        key_node: Node | None = None
        for part in loc:
            found = _child(node, part)
            if found is None and part == "[key]":
                # pydantic's marker for "the key itself" (unless the data has such a key)
                if key_node is not None:
                    node = key_node
                continue
            if found is None:
                key_node = None
                continue
            key_node, node = found
        mark = (key_node if key and key_node is not None else node).start_mark
        return Span(self.path, mark.line + 1, mark.column + 1)


def _child(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode):
        wanted = str(part)
        merges: list[Node] = []
        for k, v in node.value:
            if isinstance(k, ScalarNode):
                if k.value == wanted:
                    return k, v
                if k.value == "<<" and not k.style:
                    merges.extend(v.value if isinstance(v, SequenceNode) else [v])
        for merged in merges:
            found = _child(merged, part)
            if found is not None:
                return found
        return None
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def _span_of(path: str, mark: Mark | None) -> Span:
    if mark is None:
        return Span(path)
    return Span(path, mark.line + 1, mark.column + 1)


class NodeParser(CParser):
    """libyaml's composer with tag resolution switched off: we resolve YAML 1.2 ourselves."""

    def resolve(self, kind: object, value: object, implicit: object) -> str:
        return ""

    def descend_resolver(self, *args: object) -> None:
        return None

    def ascend_resolver(self, *args: object) -> None:
        return None


class _Builder:
    """Turns nodes into plain values (dict, list, str, int, Decimal, bool, None)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.budget = MAX_VALUES

    def build(self, node: Node, depth: int = 0) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooBig
        if depth > MAX_DEPTH:
            self.diagnostics.append(
                error("yaml-too-deep", f"the data is nested more than {MAX_DEPTH} levels deep",
                      _span_of(self.path, node.start_mark),
                      "a catalogue file needs only a few levels; check the indentation")
            )
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode):
            self.expect_tag(node, "seq")
            return [self.child(item, depth) for item in node.value]
        if isinstance(node, MappingNode):
            self.expect_tag(node, "map")
            return self.mapping(node, depth)
        return None

    def child(self, node: Node, depth: int) -> Any:
        """The value of a node one level below `depth`; the common scalars without detours."""
        if node.__class__ is ScalarNode and depth < MAX_DEPTH and node.tag == "":
            self.budget -= 1
            if self.budget < 0:
                raise _TooBig
            text: str = node.value
            if node.style or (text and text[0] not in _MAYBE_TYPED):
                return text
            return self.scalar(node)
        return self.build(node, depth + 1)

    def expect_tag(self, node: Node, kind: str) -> None:
        if node.tag not in ("", "!", _CORE + kind):
            self.unsupported_tag(node)

    def unsupported_tag(self, node: Node) -> None:
        self.diagnostics.append(
            error("yaml-tag", f"the YAML tag {node.tag!r} is not supported",
                  _span_of(self.path, node.start_mark),
                  "remove the tag: pmocat reads plain YAML 1.2 values only")
        )

    def mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merged: list[dict[Any, Any]] = []
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self.diagnostics.append(
                    error("yaml-key", "a key must be plain text, not a list or mapping",
                          _span_of(self.path, key_node.start_mark))
                )
                continue
            text: str = key_node.value
            if text == "<<" and not key_node.style:
                merged.extend(self.merge_sources(value_node, depth))
                continue
            if key_node.tag == "" and (key_node.style or (text and text[0] not in _MAYBE_TYPED)):
                key: Any = text
            else:
                key = self.scalar(key_node)
            if key in result:
                self.duplicate(node, key, key_node)
                continue
            result[key] = self.child(value_node, depth)
        for source in merged:
            for key, value in source.items():
                result.setdefault(key, value)
        return result

    def duplicate(self, node: MappingNode, key: Any, again: ScalarNode) -> None:
        quiet = _Builder(self.path)  # typing the keys again must not report anything twice
        first = next((k for k, _ in node.value if k.__class__ is ScalarNode
                      and not (k.value == "<<" and not k.style) and quiet.scalar(k) == key), again)
        self.diagnostics.append(
            error("duplicate-key", f"the key '{again.value}' appears twice in this mapping",
                  _span_of(self.path, again.start_mark),
                  f"it was first given on line {first.start_mark.line + 1}; keep one of them")
        )

    def merge_sources(self, node: Node, depth: int) -> list[dict[Any, Any]]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        values = [self.build(source, depth + 1) for source in sources]
        if not all(isinstance(value, dict) for value in values):
            self.diagnostics.append(
                error("yaml-merge", "a merge key (<<) takes a mapping or a list of mappings",
                      _span_of(self.path, node.start_mark))
            )
        return [value for value in values if isinstance(value, dict)]

    def scalar(self, node: ScalarNode) -> Any:
        value: str = node.value
        tag = node.tag
        if tag in ("", "!"):
            if node.style or tag == "!":
                return value
            if not value:
                return None
            if value[0] not in _MAYBE_TYPED:
                return value
            return self.plain(node, value)
        if not tag.startswith(_CORE):
            self.unsupported_tag(node)
            return None
        kind = tag[len(_CORE):]
        if kind == "str":
            return value
        typed = self.plain(node, value)
        expected = {"int": int, "float": Decimal, "bool": bool, "null": type(None)}.get(kind)
        if expected is None:
            self.unsupported_tag(node)
            return None
        if kind == "float" and isinstance(typed, int) and not isinstance(typed, bool):
            return Decimal(typed)
        if not isinstance(typed, expected) or (kind == "int" and isinstance(typed, bool)):
            self.diagnostics.append(
                error("yaml-tag", f"{value!r} is not a valid !!{kind}",
                      _span_of(self.path, node.start_mark))
            )
            return None
        return typed

    def too_large(self, node: ScalarNode) -> None:
        self.diagnostics.append(
            error("invalid-value", "this number is too large", _span_of(self.path, node.start_mark))
        )

    def plain(self, node: ScalarNode, value: str) -> Any:
        """The YAML 1.2 core schema for a plain scalar."""
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if value[0] in _WORDY:  # 'name', 'to', 'for': no number starts like a word
            return value
        if len(value) > _MAX_DIGITS and (_INT.match(value) or _OCT.match(value) or _HEX.match(value)
                                         or _FLOAT.match(value)):
            return self.too_large(node)
        try:
            if _INT.match(value):
                return int(value)
            if _OCT.match(value):
                return int(value[2:], 8)
            if _HEX.match(value):
                return int(value[2:], 16)
        except ValueError:
            return self.too_large(node)
        if _FLOAT.match(value):
            try:
                number = Decimal(value)
                if abs(number.adjusted()) > 999_999:
                    raise InvalidOperation
            except InvalidOperation:  # an exponent beyond what any amount needs
                return self.too_large(node)
            return number
        if value in _INF:
            return Decimal("Infinity")
        if value in _NEG_INF:
            return Decimal("-Infinity")
        if value in _NAN:
            return Decimal("NaN")
        return value


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _decode(raw: bytes, path: str) -> tuple[str | bytes | None, list[Diagnostic]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw, []  # UTF-16 with a byte order mark: libyaml reads it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, column = _line_col(good, len(good))
        return None, [
            error("encoding", "this file is not valid UTF-8 text",
                  Span(path, line, column),
                  "save the file as UTF-8 (most editors: 'Save with encoding')")
        ]
    return text.removeprefix("\ufeff"), []


def _syntax_diagnostic(exc: Exception, text: str | bytes, path: str) -> Diagnostic:
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "this is not valid YAML"
        hint = None
        if isinstance(text, str) and mark is not None:
            lines = text.splitlines()
            if mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
                hint = "YAML indentation must use spaces, not tabs"
        if "nesting depth" in problem:
            hint = "a catalogue file needs only a few levels; check the brackets"
        if exc.context == "expected a single document in the stream":
            problem = "a second YAML document starts here"
            hint = "a catalogue file holds one document: remove this '---' and what follows it"
        elif exc.context and exc.context.startswith("found duplicate anchor"):
            problem = exc.context.split(";")[0].replace("found duplicate", "the same")
            problem += " is defined twice"
            hint = "give the second anchor (&) a name of its own"
        return error("yaml-syntax", f"invalid YAML: {problem}", _span_of(path, mark), hint)
    if isinstance(exc, yaml.reader.ReaderError):
        line, column = (1, 1)
        if isinstance(text, str):
            line, column = _line_col(text, exc.position)
        return error("yaml-syntax", f"invalid YAML: {exc.reason}", Span(path, line, column),
                     "the file holds characters that are not text; is it binary?")
    return error("yaml-syntax", f"invalid YAML: {exc}", Span(path))


def _worth_a_second_opinion(text: str, first: Diagnostic) -> bool:
    """Whether ruamel.yaml may read what libyaml refused, in reasonable time.

    ruamel.yaml is pure Python and slows down with the square of the bracket nesting, so
    files no catalogue would write (huge, or nested deeper than pmocat reads anyway) keep
    libyaml's answer.
    """
    if "nesting depth" in first.message or len(text) > _SECOND_OPINION_SIZE:
        return False
    steps = (1 if b in "[{" else -1 for b in _BRACKETS.findall(text))
    return max(accumulate(steps), default=0) <= MAX_DEPTH


def _compose_ruamel(text: str) -> Node | None:
    """A second opinion from ruamel.yaml's YAML 1.2 parser, for what libyaml (1.1) rejects."""
    from ruamel.yaml import YAML

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        root = YAML(typ="rt", pure=True).compose(text)
    return None if root is None else _from_ruamel(root, text, {})


def _from_ruamel(node: Any, text: str, seen: dict[int, Node]) -> Node:
    """ruamel's node as PyYAML's, keeping only the tags the file itself wrote."""
    if id(node) in seen:
        return seen[id(node)]
    start = node.start_mark
    mark = Mark("", start.index, start.line, start.column, None, 0)
    tag = str(getattr(node.tag, "value", node.tag) or "")
    if tag.startswith(_CORE) and not text.startswith("!", start.index):
        tag = ""  # ruamel's own resolution: pmocat types plain scalars itself, as YAML 1.2
    kind = type(node).__name__
    out: Node
    if kind == "MappingNode":
        out = MappingNode(tag, [], mark, mark)
        seen[id(node)] = out
        out.value = [(_from_ruamel(k, text, seen), _from_ruamel(v, text, seen))
                     for k, v in node.value]
    elif kind == "SequenceNode":
        out = SequenceNode(tag, [], mark, mark)
        seen[id(node)] = out
        out.value = [_from_ruamel(v, text, seen) for v in node.value]
    else:
        style = node.style if isinstance(node.style, str) else None
        # ruamel marks where a folded (>) scalar was folded with BEL; YAML text has none
        value = node.value.replace("\a", "") if style == ">" else node.value
        out = ScalarNode(tag, value, mark, mark, style)
        seen[id(node)] = out
    return out


def _distinct_values(root: Node) -> int:
    """How many values the file writes, each alias counted once (up to just past MAX_VALUES),
    counted as the builder counts them: mapping keys are not values."""
    seen: set[int] = set()
    todo = [root]
    while todo and len(seen) <= MAX_VALUES:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, MappingNode):
            todo.extend(value for _, value in node.value)
    return len(seen)


def parse_yaml(raw: bytes, path: str) -> Document:
    """Parse one file's bytes. Never raises: problems come back as diagnostics."""
    text, diagnostics = _decode(raw, path)
    if text is None:
        return Document(path, None, None, diagnostics)
    from_libyaml = True
    try:
        root = NodeParser(text).get_single_node()
    except Exception as exc:  # libyaml's errors, and anything it trips on
        first = _syntax_diagnostic(exc, text, path)
        root = None
        from_libyaml = False
        if isinstance(text, str) and _worth_a_second_opinion(text, first):
            try:
                root = _compose_ruamel(text)
            except Exception:
                root = None
        if root is None:
            return Document(path, None, None, [*diagnostics, first])
    if root is None:
        diagnostics.append(
            error("empty-file", "this file is empty", Span(path),
                  "write the file's content, or delete the file")
        )
        return Document(path, None, None, diagnostics)
    builder = _Builder(path)
    try:
        data = builder.build(root)
    except _TooBig:
        if _distinct_values(root) > MAX_VALUES:
            diagnostics.append(
                error("yaml-too-large", f"this file holds more than {MAX_VALUES:,} values",
                      Span(path), "no catalogue file needs that many; split it")
            )
        else:
            diagnostics.append(
                error("yaml-too-large", f"aliases expand this file to more than {MAX_VALUES:,} values",
                      Span(path), "this looks like an alias bomb; write the values out plainly")
            )
        return Document(path, root, None, diagnostics)
    except RecursionError:
        diagnostics.append(error("yaml-too-deep", "the data is nested too deeply", Span(path)))
        return Document(path, root, None, diagnostics)
    diagnostics.extend(builder.diagnostics)
    if from_libyaml:
        return Document(path, None, data, diagnostics, source=text)
    return Document(path, root, data, diagnostics)


def _read_up_to(handle: int, size: int) -> bytes:
    """At most `size` bytes from an open file, fewer only at its end."""
    chunks, got = [], 0
    while got < size:
        chunk = os.read(handle, size - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def file_limit() -> int:
    """The most bytes pmocat reads from one file: PMOCAT_MAX_FILE_BYTES, or 10 MB."""
    setting = os.environ.get("PMOCAT_MAX_FILE_BYTES", "").strip()
    if not setting:
        return MAX_FILE_BYTES
    if not setting.isdigit() or int(setting) < 1:
        raise PmocatError(f"PMOCAT_MAX_FILE_BYTES takes a number of bytes, like 10485760; "
                          f"got {setting!r}")
    return int(setting)


def _too_large(display: str, limit: int) -> Diagnostic:
    return error("yaml-too-large", f"this file is larger than {limit:,} bytes", Span(display),
                 "no catalogue file needs that much; split it, or raise PMOCAT_MAX_FILE_BYTES")


def _unreadable(display: str, why: str, hint: str = "check the file's permissions") -> Diagnostic:
    return error("unreadable-file", why, Span(display), hint)


def _unsafe(display: str, why: str) -> Diagnostic:
    return error("unsafe-path", why, Span(display),
                 "pmocat reads only the catalogue's own files: replace the link with the file")


def check_path(path: Path, display: str, within: Path | None = None) -> Diagnostic | None:
    """What forbids reading `path` without opening it, or None: a link that leaves `within`
    (the folder it must stay in, when there is one), loops or leads nowhere.

    The link's target is never part of the message: it may name a secret.
    """
    try:
        os.lstat(path)
    except FileNotFoundError:
        return _unreadable(display, "this file is not there")
    except OSError as exc:
        return _unreadable(display, f"cannot read this path: {exc.strerror or type(exc).__name__}")
    real = Path(os.path.realpath(path))
    if within is not None and not real.is_relative_to(os.path.realpath(within)):
        return _unsafe(display, "this is a link that leads outside the catalogue")
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _unsafe(display, "this is a link that loops back on itself")
        if isinstance(exc, FileNotFoundError):
            return _unreadable(display, "this is a link that leads nowhere",
                               "point the link at a file, or replace it with the file")
        return _unreadable(display, f"cannot read this path: {exc.strerror or type(exc).__name__}")
    return None


def _kind(mode: int) -> str:
    return "a folder" if stat.S_ISDIR(mode) else "a pipe, a device or a socket"


def read_regular(path: Path, display: str, *, within: Path | None = None,
                 limit: int | None = None) -> bytes | Diagnostic:
    """A regular file's bytes, or why they were not read.

    Nothing but a regular file is ever opened: a FIFO would hang and a device would never
    end. The type is checked before opening and again on the open file (so a file swapped
    meanwhile is caught), and no more than `limit` bytes are read.
    """
    limit = file_limit() if limit is None else limit
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        mode = stat.S_IFLNK  # not there, or not readable: check_path says which
    linked = stat.S_ISLNK(mode)
    if linked:
        # only a link needs resolving: a plain entry of a folder the loader has checked
        # is inside it already, and the open below refuses a link swapped in meanwhile
        refused = check_path(path, display, within)
        if refused is not None:
            return refused
    try:
        real = os.path.realpath(path) if linked else os.fspath(path)
        if linked:
            mode = os.stat(real).st_mode
        if not stat.S_ISREG(mode):
            return _unreadable(display, f"this is {_kind(mode)}, not a file",
                               "pmocat reads regular files only")
        flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
        handle = os.open(real, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the last step became a link after it was resolved
            return _unsafe(display, "this is a link that changed while pmocat read it")
        return _unreadable(display, f"cannot read this file: {exc.strerror or type(exc).__name__}")
    try:
        opened = os.fstat(handle)
        if not stat.S_ISREG(opened.st_mode):
            return _unreadable(display, f"this is {_kind(opened.st_mode)}, not a file",
                               "pmocat reads regular files only")
        if opened.st_size > limit:
            return _too_large(display, limit)
        # one byte past the size it says, to see it grow; a file that says 0 (some of
        # /proc) is read up to the limit
        raw = _read_up_to(handle, (opened.st_size or limit) + 1)
        if opened.st_size and len(raw) > opened.st_size:
            raw += _read_up_to(handle, limit + 1 - len(raw))
    except OSError as exc:
        return _unreadable(display, f"cannot read this file: {exc.strerror or type(exc).__name__}")
    finally:
        os.close(handle)
    if len(raw) > limit:  # grew since fstat, or a file that does not know its size
        return _too_large(display, limit)
    return raw


def load_yaml(path: Path, display: str, *, within: Path | None = None) -> Document:
    """Read and parse a regular file (inside `within`, when given); a file that cannot or
    must not be read is a diagnostic, not an exception."""
    raw = read_regular(path, display, within=within)
    if isinstance(raw, Diagnostic):
        return Document(display, None, None, [raw])
    return parse_yaml(raw, display)
