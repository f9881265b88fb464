"""Properties of the YAML loader, checked on generated input."""

from __future__ import annotations

import string
from typing import Any

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
def test_span_of_every_top_level_key_is_on_its_line(value: dict[str, Any]) -> None:
    text = yaml.safe_dump(value, default_flow_style=False, allow_unicode=True, width=10_000)
    doc = parse_yaml(text.encode("utf-8"), "f.yaml")
    lines = text.splitlines()
    for key in value:
        span = doc.span((key,), key=True)
        assert span.column == 1
        line = lines[span.line - 1]
        assert line.startswith((f"{key}:", f"'{key}':")), (key, text)
