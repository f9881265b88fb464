"""Properties of the YAML loader, checked on generated input."""

from __future__ import annotations

import json
import string
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.sources.yamlfile import parse_yaml

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def line_count(raw: bytes) -> int:
    """Lines in the file, counting every line break YAML knows (and a few more)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    else:
        text = raw.decode("utf-8", errors="replace")
    return len(text.splitlines())


# Bytes that look a little like YAML, so that the parser gets past the first character.
YAML_BITS = [
    "a", "key", "1", "-1", "0x1F", "1e3", ".inf", "~", "null", "no", "17:30", " ", "  ", "\t",
    "\n", "\r\n", "\r", ":", ": ", "- ", "-", "?", "? ", "[", "]", "{", "}", ",", "&x ", "*x",
    "!!str ", "!!int ", "!tag ", "<<: ", "#", "'", '"', "|", ">", "---", "...", "%YAML 1.2",
    "\\", "é", "\u2028", "\x85", "\ufeff", "\x00",
]
yamlish = st.lists(st.sampled_from(YAML_BITS), max_size=40).map(lambda parts: "".join(parts))

arbitrary_bytes = st.one_of(
    st.binary(max_size=200),
    yamlish.map(lambda s: s.encode("utf-8")),
    yamlish.map(lambda s: s.encode("utf-16")),  # with a byte order mark
    st.tuples(yamlish, st.binary(max_size=4), yamlish).map(
        lambda t: t[0].encode() + t[1] + t[2].encode()
    ),
    st.text(max_size=100).map(lambda s: s.encode("utf-8", errors="surrogatepass")),
)


@SETTINGS
@given(arbitrary_bytes)
def test_arbitrary_bytes_never_raise_and_diagnostics_are_in_the_file(raw: bytes) -> None:
    doc = parse_yaml(raw, "f.yaml")
    lines = line_count(raw)
    for diag in doc.diagnostics:
        assert diag.span.path == "f.yaml"
        assert 1 <= diag.span.line <= lines + 1, (diag, lines)
        assert diag.span.column >= 1, diag
        assert diag.message
    # a document that parsed can always be asked where things are
    span = doc.span(("a", 0, "b"))
    assert 1 <= span.line <= lines + 1
    assert span.column >= 1


# --- round trip against PyYAML ------------------------------------------------------------

# Only ints and strings of letters: those type the same under YAML 1.1 (PyYAML) and 1.2
# (pmocat), so PyYAML's safe_load is an independent oracle. PyYAML quotes the letter
# strings its 1.1 resolver would type (yes, no, on, null...), which 1.2 reads as strings too.
LETTERS = string.ascii_letters + "éßΩж"
words = st.text(alphabet=LETTERS, max_size=12)
scalars = st.one_of(st.integers(min_value=-(10**30), max_value=10**30), words)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(words, children, max_size=5),
    ),
    max_leaves=30,
)


def typed(value: Any) -> Any:
    """The value with every leaf's type made part of it (so 1 != True)."""
    if isinstance(value, dict):
        return {"dict": {k: typed(v) for k, v in value.items()}}
    if isinstance(value, list):
        return {"list": [typed(v) for v in value]}
    return (type(value).__name__, value)


@SETTINGS
@given(values, st.booleans(), st.booleans())
@pytest.mark.slow
def test_loads_what_pyyaml_dumps_as_pyyaml_does(value: Any, flow: bool, unicode: bool) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=unicode)
    raw = text.encode("utf-8")
    doc = parse_yaml(raw, "f.yaml")
    assert doc.diagnostics == [], text
    expected = yaml.safe_load(text)
    assert typed(doc.data) == typed(expected), text
    assert typed(doc.data) == typed(value), text


@SETTINGS
@given(st.dictionaries(words.filter(bool), values, min_size=1, max_size=5))
@pytest.mark.slow
def test_span_of_every_top_level_key_is_on_its_line(value: dict[str, Any]) -> None:
    text = yaml.safe_dump(value, default_flow_style=False, allow_unicode=True, width=10_000)
    doc = parse_yaml(text.encode("utf-8"), "f.yaml")
    lines = text.splitlines()
    for key in value:
        span = doc.span((key,), key=True)
        assert span.column == 1
        line = lines[span.line - 1]
        assert line.startswith((f"{key}:", f"'{key}':")), (key, text)


# --- structured YAML in many styles, then broken at random --------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp", "Co")), max_size=12
)
any_scalars = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    TEXT,
    st.booleans(),
    st.none(),
    st.sampled_from(["17:30", "no", "yes", "on", "2027-02-30", "1e999", "0x1F", "~", "- x", "a: b"]),
)
any_values = st.recursive(
    any_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4)
    ),
    max_leaves=25,
)
dump_styles = st.fixed_dictionaries({
    "default_flow_style": st.sampled_from([False, True, None]),
    "indent": st.integers(min_value=2, max_value=6),
    "width": st.sampled_from([20, 80, 10_000]),
    "allow_unicode": st.booleans(),
    "explicit_start": st.booleans(),
    "default_style": st.sampled_from([None, None, "'", '"']),
    "canonical": st.sampled_from([False, False, False, True]),
})
# a mutation: where (as a fraction of the text), what, and what to put there
mutations = st.lists(
    st.tuples(
        st.floats(min_value=0, max_value=1),
        st.sampled_from(["delete", "insert", "tab", "duplicate-line", "swap-lines", "truncate"]),
        st.sampled_from(YAML_BITS),
    ),
    max_size=4,
)


def mutate(text: str, changes: list[tuple[float, str, str]]) -> str:
    for where, how, bit in changes:
        i = int(where * len(text))
        lines = text.split("\n")
        row = min(int(where * len(lines)), len(lines) - 1)
        if how == "delete":
            text = text[:i] + text[i + 1:]
        elif how == "insert":
            text = text[:i] + bit + text[i:]
        elif how == "tab":
            text = text[:i] + "\t" + text[i:]
        elif how == "duplicate-line":
            text = "\n".join([*lines[: row + 1], lines[row], *lines[row + 1:]])
        elif how == "swap-lines" and row + 1 < len(lines):
            lines[row], lines[row + 1] = lines[row + 1], lines[row]
            text = "\n".join(lines)
        elif how == "truncate":
            text = text[:i]
    return text


def assert_located(raw: bytes, doc: Any) -> None:
    lines = line_count(raw)
    for diag in doc.diagnostics:
        assert 1 <= diag.span.line <= lines + 1, (diag, lines)
        assert diag.span.column >= 1, diag


def paths_in(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key/index path into a value, for asking the document where each one is."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(key, str):
                found += paths_in(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths_in(child, (*prefix, index))
    return found


@SETTINGS
@given(any_values, dump_styles, mutations)
@pytest.mark.slow
def test_broken_yaml_in_any_style_never_raises_and_stays_located(
    value: Any, style: dict[str, Any], changes: list[tuple[float, str, str]]
) -> None:
    text = mutate(yaml.safe_dump(value, **style), changes)
    raw = text.encode("utf-8", errors="surrogatepass")
    doc = parse_yaml(raw, "f.yaml")
    assert_located(raw, doc)
    if any(d.code == "yaml-syntax" for d in doc.diagnostics):
        assert doc.data is None
    lines = line_count(raw)
    for loc in paths_in(doc.data)[:50]:
        for key in (False, True):
            span = doc.span(loc, key=key)
            assert 1 <= span.line <= lines + 1 and span.column >= 1, (loc, span)


# --- an independent oracle for values and positions ---------------------------------------

# Any printable text, always double-quoted (as JSON writes it: valid YAML in both 1.1 and 1.2),
# and ints: PyYAML's pure-Python loader must read exactly the same values, and its composer
# must put every node where pmocat's spans say it is.
quoted_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp", "Co"),
                           blacklist_characters="\ufeff"),
    max_size=10,
)
quoted_values = st.recursive(
    st.one_of(st.integers(min_value=-(10**25), max_value=10**25), quoted_text),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(quoted_text, children, max_size=4)
    ),
    max_leaves=25,
)


def emit(value: Any, indent: int, flow: bool, pad: str = "") -> str:
    """Block YAML (or JSON flow) with every string double-quoted."""
    if flow or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value, ensure_ascii=False)
    out = []
    step = " " * indent
    items = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    for key, child in items:
        head = f"{pad}{json.dumps(key, ensure_ascii=False)}:" if key is not None else f"{pad}-"
        if isinstance(child, (dict, list)) and child:
            out.append(f"{head}\n{emit(child, indent, flow, pad + step)}")
        else:
            out.append(f"{head} {json.dumps(child, ensure_ascii=False)}")
    return "\n".join(out)


def node_at(node: yaml.Node, loc: tuple[str | int, ...]) -> tuple[yaml.Node | None, yaml.Node]:
    key_node = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            key_node, node = next((k, v) for k, v in node.value if k.value == part)
        else:
            key_node, node = None, node.value[part]
    return key_node, node


@SETTINGS
@given(quoted_values, st.integers(min_value=1, max_value=5), st.booleans())
@pytest.mark.slow
def test_values_and_positions_agree_with_pure_python_pyyaml(
    value: Any, indent: int, flow: bool
) -> None:
    text = emit(value, indent, flow) + "\n"
    doc = parse_yaml(text.encode("utf-8"), "f.yaml")
    assert doc.diagnostics == [], text
    assert typed(doc.data) == typed(yaml.load(text, Loader=yaml.SafeLoader)), text
    assert typed(doc.data) == typed(value), text
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for loc in paths_in(value):
        key_node, node = node_at(root, loc)
        span = doc.span(loc)
        assert (span.line, span.column) == (node.start_mark.line + 1, node.start_mark.column + 1)
        if key_node is not None:
            span = doc.span(loc, key=True)
            assert (span.line, span.column) == (key_node.start_mark.line + 1,
                                                key_node.start_mark.column + 1)
