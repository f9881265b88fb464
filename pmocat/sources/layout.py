"""A catalogue file's text in the one canonical layout, every comment and paragraph kept:
what `pmocat fmt` writes.

libyaml parses (every node with its place in the text); the comments and blank lines are
the text between the nodes, and each hangs on the entry it precedes or ends the line of,
so it moves with that entry when keys are put in the models' order. Scalars are written
as they were typed (quotes, block scalars and all), re-indented; only times and time
ranges are quoted, so that no reader takes `09:00` for a number. The caller compares the
values before and after (`same_values`): layout never changes meaning.
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, ScalarNode

from pmocat.diagnostics import Diagnostic, Severity
from pmocat.models.layout import ANY, Shape
from pmocat.sources.yamlfile import NodeParser, parse_yaml, read_regular

#: the longest line a flow list (`tags: [a, b]`) may make; longer lists are written as blocks
WIDTH = 100
INDENT = 2
SCHEMA_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=")
_TIME = re.compile(r"\d{1,2}:\d{2}(\s*-\s*\d{1,2}:\d{2})?\Z")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
_COMMENT = re.compile(r"(?:^|[ \t])(#[^\n]*)", re.M)
#: what composed nodes do not say where it was written: the text takes the events' way
_NEEDS_EVENTS = re.compile(r"[&*!]|^%", re.M)
_BLANK = re.compile(r"^[ \t]*$", re.M)


_PROPS_COMMENT = re.compile(r"[ \t]#")


def _named(anchor: str | None) -> frozenset[str]:
    return frozenset((anchor,)) if anchor else frozenset()


def _anchors_first(entries: list[Entry]) -> bool:
    """Whether every alias in `entries` still comes after the anchor it names, when one of
    them defines it."""
    later: set[str] = set()
    for entry in reversed(entries):
        key = entry.key
        uses = entry.value.uses | (key.uses if key else frozenset())
        if uses & later:
            return False
        later |= entry.value.defines | (key.defines if key else frozenset())
    return True


class LayoutError(Exception):
    """A file fmt does not lay out (a directive, a complex key): it is left as it is."""


@dataclass(eq=False, slots=True)
class Node:
    kind: str  # "scalar", "alias", "map" or "seq"
    start: int
    end: int
    line: int
    column: int
    src: str = ""  # a scalar's or alias's text as written, with its anchor and tag
    value: str = ""
    style: str | None = None
    props: str = ""  # a collection's anchor and tag, as written
    flow: bool = False
    was_flow: bool = False  # as written, before fmt decided
    items: list[Entry] = field(default_factory=list)
    #: the anchors defined and the aliases used in it, all the way down (events only)
    defines: frozenset[str] = frozenset()
    uses: frozenset[str] = frozenset()


@dataclass(eq=False, slots=True)
class Entry:
    """A mapping's key and value, or a list's item: what comments hang on."""

    value: Node
    key: Node | None
    start: int
    line: int
    column: int
    parent: Entry | None
    before: list[Comment] = field(default_factory=list)  # text "": a blank line
    eol: list[Comment] = field(default_factory=list)
    new_column: int = -1


@dataclass(eq=False, slots=True)
class Comment:
    text: str
    index: int
    line: int
    column: int
    own_line: bool
    #: for a comment on a line of its own: the entries whose indentation it may have had
    near: list[Entry] = field(default_factory=list)


DUMMY = Node("scalar", 0, 0, 0, 0)


def normalise(text: str) -> str:
    """LF line endings and no byte order mark: what fmt writes and lays out."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def layout(text: str, shape: Shape = ANY) -> str:
    """`text` (normalised) in the canonical layout, keys ordered by `shape`.

    Raises yaml.YAMLError for text libyaml cannot read, LayoutError for YAML fmt leaves
    alone.
    """
    if not text.strip():
        return text
    was_enabled = gc.isenabled()
    work = None
    gc.disable()  # many small objects, freed by untangle(): a collection meanwhile is waste
    try:
        work = _Layout(text)
        return work.run(shape)
    finally:
        if work is not None:
            work.untangle()
        if was_enabled:
            gc.enable()


def _comments_only(text: str) -> str:
    """A file of comments alone: its lines without trailing spaces, one newline at the end."""
    return "\n".join(line.rstrip() for line in text.rstrip().split("\n")) + "\n"


class _Parser(CParser):
    """libyaml's parser, events only: no tag resolution is needed for layout."""


#: libyaml's composer with tag resolution switched off: layout needs none (the loader's own)
_Composer = NodeParser


class _Layout:
    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.entries: list[Entry] = []
        self.seqs: list[Node] = []  # every list, for _decide
        self.spans: list[tuple[int, int]] = []  # scalars and aliases: no comment is inside
        self.out: list[str] = []

    def untangle(self) -> None:
        """Break the links between entries and comments, so the objects are freed as soon
        as the layout is done rather than by a garbage collection (slow over many files)."""
        for entry in self.entries:
            entry.parent = None
            for comment in entry.before:
                comment.near = []
            entry.before = []

    # reading -------------------------------------------------------------------------

    def run(self, shape: Shape) -> str:
        if _NEEDS_EVENTS.search(self.text):
            events = self._events()
            if not events:
                return _comments_only(self.text)
            root, rest = self._node(events, 0, None)
            if rest != len(events):
                raise LayoutError("more than one document")
        else:
            composed = self._compose()
            if composed is None:
                return _comments_only(self.text)
            root = self._from_node(composed, None)
        head, tail = self._attach(root)
        self._decide()
        schema = [c for c in [*head, *(x for e in self.entries for x in e.before), *tail]
                  if c.own_line and SCHEMA_LINE.match(c.text)][:1]
        for holder in (head, tail, *(e.before for e in self.entries)):
            if schema and schema[0] in holder:
                holder.remove(schema[0])
        if schema:
            self.out.append(schema[0].text)
        self._comments(head, 0)
        # a scalar on its own is indented like a value (a block scalar's text must be)
        self._write(root, 0 if root.items else INDENT, shape, "",
                    Entry(root, None, root.start, 0, 0, None, new_column=0))
        written = len(self.out)  # a block scalar that keeps its last blank lines (|+) ends here
        self._comments(tail, 0)
        while len(self.out) > written and self.out[-1] == "":
            self.out.pop()
        return "\n".join(self.out) + "\n"

    def _events(self) -> list[Any]:
        parser = _Parser(self.text)
        events = []
        try:
            while parser.check_event():
                event = parser.get_event()
                if isinstance(event, yaml.DocumentStartEvent) and (event.version or event.tags):
                    raise LayoutError("a %YAML or %TAG directive")
                if not isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent,
                                          yaml.DocumentStartEvent, yaml.DocumentEndEvent)):
                    events.append(event)
        finally:
            parser.dispose()
        return events

    def _compose(self) -> Any:
        parser = _Composer(self.text)
        try:
            return parser.get_single_node()
        finally:
            parser.dispose()

    def _from_node(self, node: Any, parent: Entry | None) -> Node:
        """The tree from libyaml's composed nodes: the fast way, for text without anchors,
        aliases, tags or directives (whose places the nodes do not keep)."""
        mark = node.start_mark
        start, end = mark.index, node.end_mark.index
        if node.__class__ is ScalarNode:
            style = node.style
            src = self.text[start:end]
            if style == "|" or style == ">":
                end = self._block_end(start, end, src)
                src = self.text[start:end]
            self.spans.append((start, end))
            return Node("scalar", start, end, mark.line, mark.column, src, node.value,
                        style or None)
        flow = bool(node.flow_style)
        items: list[Entry] = []
        column = 0 if parent is None else parent.new_column + INDENT  # its entries', laid out
        if node.__class__ is MappingNode:
            result = Node("map", start, end, mark.line, mark.column, flow=not node.value,
                          was_flow=flow, items=items)
            for key_node, value_node in node.value:
                if key_node.__class__ is not ScalarNode or key_node.end_mark.index == (
                        key_node.start_mark.index):
                    raise LayoutError("a key that is empty, a list or a mapping")
                key = self._key(self._from_node(key_node, parent))
                entry = Entry(key, key, key.start, key.line, key.column, parent,
                              new_column=column)
                self.entries.append(entry)
                entry.value = self._from_node(value_node, entry)
                items.append(entry)
            return result
        result = Node("seq", start, end, mark.line, mark.column, flow=flow, was_flow=flow,
                      items=items)
        self.seqs.append(result)
        previous = start
        for item in node.value:
            item_mark = item.start_mark
            at, line, item_column = item_mark.index, item_mark.line, item_mark.column
            if not flow:
                dash = self.text.rfind("-", previous, at + 1)
                if dash >= 0 and dash != at:
                    line, item_column = self._where(dash)
                    at = dash
            entry = Entry(DUMMY, None, at, line, item_column, parent, new_column=column)
            self.entries.append(entry)
            entry.value = self._from_node(item, entry)
            previous = entry.value.end
            items.append(entry)
        return result

    def _key(self, key: Node) -> Node:
        if "\n" in key.src or key.style in ("|", ">"):
            raise LayoutError("a key written over several lines")
        if key.kind == "scalar" and not key.value and not key.style:
            raise LayoutError("an empty key")
        return key

    def _where(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, index) - 1
        return line, index - self.line_starts[line]

    def _node(self, events: list[Any], i: int, parent: Entry | None) -> tuple[Node, int]:
        event = events[i]
        kind = type(event)
        mark = event.start_mark
        start, end = mark.index, event.end_mark.index
        if kind is yaml.ScalarEvent:
            style = event.style
            src = self.text[start:end]
            if style == "|" or style == ">":
                end = self._block_end(start, end, src)
                src = self.text[start:end]
            self.spans.append((start, end))
            return Node("scalar", start, end, mark.line, mark.column, src, event.value,
                        style or None, defines=_named(event.anchor)), i + 1
        if kind is yaml.AliasEvent:
            self.spans.append((start, end))
            return Node("alias", start, end, mark.line, mark.column, self.text[start:end],
                        uses=_named(event.anchor)), i + 1
        flow = bool(event.flow_style)
        props = self.text[start:end].rstrip("[{ \n").strip() if event.anchor or event.tag else ""
        comment = _PROPS_COMMENT.search(props)
        if comment and "\n" not in props[comment.start():]:  # `- &step  # first`: the line's
            props = props[:comment.start()].rstrip()          # comment, found as any other
        if "#" in props or "\n" in props:
            raise LayoutError("a comment among an anchor and a tag")
        items: list[Entry] = []
        column = 0 if parent is None else parent.new_column + INDENT  # its entries', laid out
        if kind is yaml.MappingStartEvent:
            node = Node("map", start, end, mark.line, mark.column, props=props, flow=False,
                        was_flow=flow, items=items)
            i += 1
            while type(events[i]) is not yaml.MappingEndEvent:
                key_event = events[i]
                if type(key_event) not in (yaml.ScalarEvent, yaml.AliasEvent) or (
                        key_event.end_mark.index == key_event.start_mark.index):
                    raise LayoutError("a key that is empty, a list or a mapping")
                key, i = self._node(events, i, parent)
                key = self._key(key)
                entry = Entry(key, key, key.start, key.line, key.column, parent,
                              new_column=column)
                self.entries.append(entry)
                entry.value, i = self._node(events, i, entry)
                items.append(entry)
            node.flow = not items  # `{}`
        elif kind is yaml.SequenceStartEvent:
            node = Node("seq", start, end, mark.line, mark.column, props=props, flow=flow,
                        was_flow=flow, items=items)
            self.seqs.append(node)
            i += 1
            previous = end if flow else start
            while type(events[i]) is not yaml.SequenceEndEvent:
                item_mark = events[i].start_mark
                at = item_mark.index
                line, item_column = item_mark.line, item_mark.column
                if not flow:
                    dash = self.text.rfind("-", previous, at + 1)
                    if dash >= 0 and dash != at:
                        line, item_column = self._where(dash)
                        at = dash
                entry = Entry(DUMMY, None, at, line, item_column, parent, new_column=column)
                self.entries.append(entry)
                entry.value, i = self._node(events, i, entry)
                previous = entry.value.end
                items.append(entry)
        else:
            raise LayoutError(f"an unexpected {kind.__name__}")
        node.end = events[i].end_mark.index
        node.defines = _named(event.anchor).union(
            *(e.value.defines for e in items), *(e.key.defines for e in items if e.key))
        node.uses = frozenset().union(
            *(e.value.uses for e in items), *(e.key.uses for e in items if e.key))
        return node, i + 1

    def _block_end(self, start: int, end: int, src: str) -> int:
        """A block scalar's end without the blank lines after it (they are not its text,
        unless it keeps them with `+`). A line of spaces deeper than the text's indent
        is text."""
        lines = src.split("\n")
        if "+" in lines[0].split("#", 1)[0]:
            return end
        filled = [n for n, text in enumerate(lines) if n and text.strip()]
        if not filled:
            return end
        indent = len(lines[filled[0]]) - len(lines[filled[0]].lstrip(" "))
        last = max(n for n, text in enumerate(lines) if n and len(text) > indent)
        return min(start + len("\n".join(lines[:last + 1])) + 1, end)

    def _attach(self, root: Node) -> tuple[list[Comment], list[Comment]]:
        """Each comment and blank line on the entry it belongs to; those before the first
        entry are the head, those after the last the tail."""
        entries = sorted(self.entries, key=lambda e: e.start)
        starts = [e.start for e in entries]
        head: list[Comment] = []
        tail: list[Comment] = []
        for comment in self._found():
            if not comment.own_line:
                owner = self._line_owner(entries, starts, comment)
                if owner is None:
                    raise LayoutError("a comment before the document")
                owner.eol.append(comment)
                continue
            after = bisect.bisect_right(starts, comment.index)
            target = entries[after] if after < len(entries) else None
            comment.near = [*([target] if target else []),
                            *self._chain(entries[after - 1] if after else None)]
            if comment.index < root.start or after == 0:
                head.append(comment)
            elif target is None:
                tail.append(comment)
            else:
                target.before.append(comment)
        return head, tail

    def _found(self) -> list[Comment]:
        """Every comment, and an empty one for every run of blank lines, in order.

        A `#` after a space or at a line's start, outside every scalar, starts a comment.
        """
        spans = sorted(self.spans)
        starts = [a for a, _ in spans]
        text = self.text

        def inside(index: int) -> bool:
            span = bisect.bisect_right(starts, index) - 1
            return span >= 0 and spans[span][0] < index < spans[span][1]

        found: list[Comment] = []
        for match in _COMMENT.finditer(text):
            hit = match.start(1)
            if inside(hit):
                continue
            line, column = self._where(hit)
            own = not text[self.line_starts[line]:hit].strip()
            found.append(Comment(match.group(1).rstrip(), hit, line, column, own))
        previous = -2
        for match in _BLANK.finditer(text):
            at = match.start()
            if at >= len(text) or inside(at):
                continue
            line, column = self._where(at)
            if line != previous + 1:
                found.append(Comment("", at, line, column, True))
            previous = line
        found.sort(key=lambda c: c.index)
        return found

    def _line_owner(self, entries: list[Entry], starts: list[int], comment: Comment) -> Entry | None:
        same = [e for e in entries if e.line == comment.line and e.start < comment.index]
        if same:  # the outermost, or inside a list item's mapping the key it ends the line of
            owner = same[0]
            while owner.value.kind in ("map", "seq") and not owner.value.was_flow:
                inner = [e for e in owner.value.items if e in same]
                if not inner:
                    break
                owner = inner[-1]
            return owner
        before = bisect.bisect_left(starts, comment.index) - 1
        return entries[before] if before >= 0 else None

    def _chain(self, entry: Entry | None) -> list[Entry]:
        chain = []
        while entry is not None:
            chain.append(entry)
            entry = entry.parent
        return chain

    # deciding ------------------------------------------------------------------------

    def _decide(self) -> None:
        """Flow style only for a short list of scalars with no comment among them (and
        `{}` for an empty mapping); everything else is written as a block."""
        for node in self.seqs:
            node.flow = not node.items or (
                not node.props and all(self._flowable(e) for e in node.items))

    def _flowable(self, entry: Entry) -> bool:
        value = entry.value
        return (value.kind == "scalar" and value.src != "" and "\n" not in value.src
                and value.style not in ("|", ">")
                and not (value.style is None and _FLOW_UNSAFE.search(value.src))
                and not any(c.text for c in entry.before) and not entry.eol)

    # writing -------------------------------------------------------------------------

    def _comments(self, comments: list[Comment], column: int) -> None:
        for comment in comments:
            if not comment.text:
                if self.out and self.out[-1] != "":
                    self.out.append("")
                continue
            self.out.append(" " * self._column_of(comment, column) + comment.text)

    def _column_of(self, comment: Comment, default: int) -> int:
        """A comment on its own line keeps the indentation of the entry it was level with
        (now re-indented); else where it was."""
        for entry in comment.near:
            if entry.column == comment.column and entry.new_column >= 0:
                return entry.new_column
        return comment.column if comment.near else default

    def _eol(self, at: int, entry: Entry) -> None:
        """The comments ending an entry's line, in their old column when there is room
        (aligned comments stay aligned), else two spaces after it, as after a flow
        mapping that is now a block."""
        if not entry.eol:
            return
        line = self.out[at]
        gap = entry.eol[0].column - len(line)
        if gap < 1 or (entry.value.was_flow and not entry.value.flow):
            gap = 2
        self.out[at] = line + " " * gap + "  ".join(c.text for c in entry.eol)

    def _scalar(self, node: Node) -> str:
        if ":" in node.src and node.style in (None, "'") and _TIME.match(node.value) and node.src in (
                node.value, f"'{node.value}'"):
            return f'"{node.value}"'
        return node.src

    def _flow_seq(self, node: Node) -> str:
        return "[" + ", ".join(self._scalar(e.value) for e in node.items) + "]"

    def _fits(self, prefix: str, node: Node) -> bool:
        return len(prefix) + len(node.props) + 1 + len(self._flow_seq(node)) <= WIDTH

    def _write(self, node: Node, column: int, shape: Shape, prefix: str, entry: Entry) -> None:
        """Write `node` on lines at `column`; its first line starts with `prefix` (a key
        and colon, or a dash)."""
        if node.kind == "map":
            self._write_map(node, column, shape, prefix)
        elif node.kind == "seq":
            self._write_seq(node, column, shape, prefix)
        else:
            self._write_scalar(node, column, prefix, entry)

    def _write_scalar(self, node: Node, column: int, prefix: str, entry: Entry) -> None:
        first, *rest = self._scalar(node).split("\n")
        self.out.append(prefix + first)
        if node.style not in ("|", ">"):
            pad = " " * column
            self.out.extend(pad + text.strip() if text.strip() else "" for text in rest)
            return
        if rest and rest[-1] == "":
            rest = rest[:-1]
        header = first.split("#", 1)[0]
        digits = [int(ch) for ch in header if ch.isdigit()]
        if digits:  # an indentation indicator counts from the mapping's indentation
            if entry.key is None:
                raise LayoutError("a block scalar with an indentation indicator in a list")
            old, new = entry.column + digits[0], entry.new_column + digits[0]
        else:
            filled = [text for text in rest if text.strip()]
            old, new = min((len(t) - len(t.lstrip(" ")) for t in filled), default=0), column
        self.out.extend(" " * new + text[old:] if len(text) > old else "" for text in rest)

    def _sorted(self, node: Node, shape: Shape) -> list[Entry]:
        """A mapping's entries in the shape's key order (`<<` first, keys it does not know
        last, each group as written); sorted once, kept in the node."""
        if shape.keys is None:
            return node.items
        order = shape.rank
        last = len(order)

        def rank(entry: Entry) -> int:
            key = entry.key
            if key is None or key.kind != "scalar":
                return last
            if key.value == "<<" and key.style is None:
                return -1
            return order.get(key.value, last)

        ranks = [rank(entry) for entry in node.items]
        if ranks == sorted(ranks):
            return node.items
        ordered = [entry for _, _, entry in sorted(
            zip(ranks, range(len(ranks)), node.items, strict=True))]
        if node.defines and node.uses and not _anchors_first(ordered):
            return node.items  # an alias must follow its anchor: the keys stay as written
        node.items = ordered
        return node.items

    def _child_shape(self, shape: Shape, entry: Entry) -> Shape:
        if entry.key is None or shape.keys is None:
            return shape.items or ANY
        return shape.children.get(entry.key.value, ANY) if entry.key.kind == "scalar" else ANY

    def _write_map(self, node: Node, column: int, shape: Shape, prefix: str) -> None:
        if not node.items:
            self.out.append(prefix + f"{node.props} {{}}".strip())
            return
        if node.props:
            self.out.append(prefix + node.props)
            prefix = " " * column
        for number, entry in enumerate(self._sorted(node, shape)):
            if number or not prefix.strip():
                self._comments(entry.before, column)
            lead = prefix if number == 0 else " " * column
            assert entry.key is not None
            self._write_entry(entry, column, self._child_shape(shape, entry),
                              lead + self._scalar(entry.key) + ":")

    def _write_seq(self, node: Node, column: int, shape: Shape, prefix: str) -> None:
        props = f"{node.props} " if node.props else ""
        if not node.items:
            self.out.append(prefix + props + "[]")
            return
        if node.flow and self._fits(prefix, node):
            self.out.append(prefix + props + self._flow_seq(node))
            return
        if node.props:
            self.out.append(prefix + node.props)
            prefix = " " * column
        for number, entry in enumerate(node.items):
            if number or not prefix.strip():
                self._comments(entry.before, column)
            lead = (prefix if number == 0 else " " * column) + "-"
            self._write_entry(entry, column, self._child_shape(shape, entry), lead)

    def _write_entry(self, entry: Entry, column: int, shape: Shape, lead: str) -> None:
        """An entry: `lead` is its key and colon, or its dash. A scalar or a flow list
        follows on the same line, and so does the first key of a list item's mapping;
        other collections start on the lines below."""
        value = entry.value
        inner = column + INDENT
        if value.flow and value.items and not self._fits(lead + " ", value):
            value.flow = False
        block = value.kind in ("map", "seq") and bool(value.items) and not value.flow
        if block and entry.key is None and not value.props:
            first = self._sorted(value, shape)[0] if value.kind == "map" else value.items[0]
            self._comments(first.before, column)
            first.before = []
            start = len(self.out)
            self._write(value, inner, shape, lead + " ", entry)
        elif block and not value.props:
            start = len(self.out)
            self.out.append(lead)
            self._write(value, inner, shape, " " * inner, entry)
        elif value.kind == "scalar" and not value.src:
            start = len(self.out)
            self.out.append(lead)
        else:
            start = len(self.out)
            self._write(value, inner, shape, lead + " ", entry)
            if value.kind == "scalar" and value.style not in ("|", ">"):
                start = len(self.out) - 1  # after a scalar over several lines: its last
        self._eol(start, entry)


@dataclass
class Formatted:
    """One file through fmt: its text before (normalised) and after, and why it was left
    alone when it was (`problems`, or `refused` when the layout would change its values)."""

    display: str
    before: str = ""
    after: str | None = None
    changed: bool = False
    refused: bool = False
    problems: list[Diagnostic] = field(default_factory=list)
    #: why a file that reads fine is not laid out (a %YAML directive, an empty key)
    unsupported: str | None = None
    #: what the text's encoding had that fmt drops, and a diff does not show
    dropped: list[str] = field(default_factory=list)
    #: the file's bytes as read: it is rewritten only if it still holds them
    raw: bytes = b""


def format_file(path: Path, display: str, shape: Shape, within: Path) -> Formatted:
    """Lay out one catalogue file (read only if it is a regular file inside `within`).

    A file that is not valid YAML is reported, not laid out. What would be written is
    read back and compared with what was read: a difference in any value refuses.
    """
    raw = read_regular(path, display, within=within)
    if isinstance(raw, Diagnostic):
        return Formatted(display, problems=[raw])
    try:
        text = raw.decode("utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8")
    except UnicodeDecodeError:
        return _left_alone(raw, display, "it is not UTF-8 text")
    before = normalise(text)
    try:
        after = layout(before, shape)
    except LayoutError as exc:
        return _left_alone(raw, display, f"fmt does not lay out a file with {exc}")
    except (yaml.YAMLError, RecursionError):
        return _left_alone(raw, display, "libyaml, which fmt reads with, cannot read it "
                                         "(pmocat check reads it another way)")
    payload = after.encode("utf-8")
    if payload == raw:
        return Formatted(display, before, after)
    dropped = [what for what, present in (
        ("UTF-16 encoding", raw.startswith((b"\xff\xfe", b"\xfe\xff"))),
        ("byte order mark", text.startswith("\ufeff")),
        ("CRLF line endings", "\r" in text)) if present]
    first = parse_yaml(raw, display)
    problems = [d for d in first.diagnostics if d.severity is Severity.ERROR
                and d.code != "empty-file"]
    if problems:
        return Formatted(display, before, problems=problems)
    again = parse_yaml(payload, display)
    refused = any(d.code != "empty-file" for d in again.diagnostics) or not same_values(
        first.data, again.data) or not (
        _settled(after, shape))
    return Formatted(display, before, None if refused else after, changed=not refused,
                     refused=refused, dropped=dropped, raw=raw)


def _settled(text: str, shape: Shape) -> bool:
    """Whether fmt would leave `text` as it is: what it writes must read back as it is."""
    try:
        return layout(text, shape) == text
    except (LayoutError, yaml.YAMLError, RecursionError):
        return False


def _left_alone(raw: bytes, display: str, why: str) -> Formatted:
    """A file fmt does not lay out: what the reader finds wrong with it, or, when it reads
    it fine, `why` fmt does not."""
    found = [d for d in parse_yaml(raw, display).diagnostics if d.severity is Severity.ERROR]
    return Formatted(display, problems=found, unsupported=None if found else why)


def same_values(a: Any, b: Any) -> bool:
    """Equal values of equal types all the way down (`1`, `1.0` and `true` differ)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(
            any(type(k) is type(j) and k == j for j in b) and same_values(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_values(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Decimal):
        return (a.is_nan() and b.is_nan()) or (a == b and str(a) == str(b))
    return bool(a == b)
