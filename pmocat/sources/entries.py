"""Adding an item to a list in a catalogue file (a person to roster.yaml, a skill to
skills.yaml) as text, so that every comment and the file's layout stay as they were."""

from __future__ import annotations

from typing import Any

import yaml
from yaml._yaml import CParser

from pmocat.errors import PmocatError
from pmocat.sources.layout import same_values
from pmocat.sources.yamlfile import parse_yaml


def append_item(text: str, key: str, item: str, shown: str) -> str:
    """`text` with `item` (a block list item written at column 0, `- id: …`) added at the
    end of the list under the top-level `key`, indented as that list's items are.

    The result is read back: unless it holds exactly the old values plus the new item,
    nothing is returned but a PmocatError naming `shown`.
    """
    before = _values(text, shown)
    if not isinstance(before, dict):
        raise PmocatError(f"{shown} is not a mapping of keys to values; fix it first "
                          "(pmocat check says where)")
    events = _top_level(text, shown)
    found = events.get(key)
    if found is None:
        sep = "" if not text or text.endswith("\n") else "\n"
        result = f"{text}{sep}{key}:\n{_indent(item, 2)}"
    elif isinstance(found[0], yaml.SequenceStartEvent) and not found[0].flow_style:
        first: Any = found[0]
        dash, last_end = first.start_mark.column, found[1]
        if text[last_end - 1] == "\n":
            at = last_end
        else:
            line_end = text.find("\n", last_end)
            at = len(text) if line_end < 0 else line_end + 1
        at = _after_own_comments(text, at, dash)
        head = text[:at] if text[:at].endswith("\n") else text[:at] + "\n"
        result = head + _indent(item, dash) + text[at:]
    elif (isinstance(found[0], yaml.SequenceStartEvent) and not before.get(key)) or (
            isinstance(found[0], yaml.ScalarEvent) and before.get(key) is None):
        # `people: []` or `people:` with nothing: the list starts on the next line
        first = found[0]
        start, end = first.start_mark.index, found[1]
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        result = (text[:start].rstrip(" ") + text[end:line_end] + "\n" + _indent(item, 2)
                  + text[line_end + 1:])
    else:
        raise PmocatError(f"'{key}' in {shown} is not a list written one item a line; run "
                          f"'pmocat fmt {shown}' first, then add the item again")
    after = _values(result, shown)
    added = _values(item, shown)
    expected = dict(before)
    expected[key] = [*(before.get(key) or []), *added]
    if not same_values(expected, after):
        raise PmocatError(f"could not add the item to {shown} without changing what is there "
                          "already; nothing was written")
    return result


def _after_own_comments(text: str, at: int, dash: int) -> int:
    """Past the comment lines that follow the last item indented deeper than its dash
    (`    # working_days: …`): they are that item's, and stay with it. A comment level with
    the dash (a commented-out item) or after a blank line stays after the new item."""
    while at < len(text):
        end = text.find("\n", at)
        line = text[at:] if end < 0 else text[at:end + 1]
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) <= dash:
            break
        at += len(line)
    return at


def _values(text: str, shown: str) -> Any:
    doc = parse_yaml(text.encode("utf-8"), shown)
    if any(d.severity.value == "error" and d.code != "empty-file" for d in doc.diagnostics):
        raise PmocatError(f"{shown} has errors; fix them first (pmocat check {shown} says where)")
    return doc.data


def _top_level(text: str, shown: str) -> dict[str, tuple[Any, int]]:
    """Each top-level key's value: its first event and where the value ends (for a list,
    the end of its last scalar: what follows on that line is the item's comment)."""
    parser = CParser(text)
    found: dict[str, tuple[Any, int]] = {}
    try:
        events: list[Any] = []
        while parser.check_event():
            events.append(parser.get_event())
    except yaml.YAMLError:
        raise PmocatError(
            f"{shown} is not valid YAML; fix it first (pmocat check says where)") from None
    finally:
        parser.dispose()
    body: list[Any] = [e for e in events if not isinstance(
        e, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentStartEvent,
            yaml.DocumentEndEvent))]
    if not body or not isinstance(body[0], yaml.MappingStartEvent):
        return found
    i = 1
    while i < len(body) and not isinstance(body[i], yaml.MappingEndEvent):
        key = body[i]
        value = body[i + 1]
        i += 1
        last_end = value.end_mark.index
        depth = 0
        while True:
            event: Any = body[i]
            if type(event) in (yaml.ScalarEvent, yaml.AliasEvent):
                last_end = event.end_mark.index
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            i += 1
            if depth == 0:
                break
        if isinstance(value, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) and \
                value.flow_style:
            last_end = body[i - 1].end_mark.index
        if isinstance(key, yaml.ScalarEvent):
            found.setdefault(key.value, (value, last_end))
    return found


def _indent(item: str, column: int) -> str:
    pad = " " * column
    return "".join(pad + line if line.strip() else line for line in item.splitlines(True))
