"""The YAML loader: every bad input becomes a located diagnostic, never an exception."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest

from pmocat.diagnostics import Diagnostic, Severity
from pmocat.sources.yamlfile import MAX_VALUES, Document, parse_yaml

PATH = "services/x.yaml"


def parse(raw: bytes) -> Document:
    return parse_yaml(raw, PATH)


def only(doc: Document, code: str) -> Diagnostic:
    """The one diagnostic of the document, which must have this code."""
    assert [d.code for d in doc.diagnostics] == [code], doc.diagnostics
    diag = doc.diagnostics[0]
    assert diag.severity is Severity.ERROR
    assert diag.span.path == PATH
    assert diag.message
    return diag


def at(diag: Diagnostic) -> tuple[int, int]:
    return diag.span.line, diag.span.column


# --- syntax ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"a: [1, 2\nb: 3\n", (2, 2)),  # an unclosed flow sequence
        (b"a: 1\nb: : :\n", (2, 4)),  # a mapping value where none may be
        (b"key: 'unterminated\n", (2, 1)),  # a quoted scalar running off the end
    ],
)
def test_malformed_yaml_is_a_located_syntax_error(raw: bytes, where: tuple[int, int]) -> None:
    doc = parse(raw)
    diag = only(doc, "yaml-syntax")
    assert at(diag) == where
    assert diag.message.startswith("invalid YAML")
    assert doc.data is None


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"a:\n\tb: 1\n", (2, 1)),
        (b"a:\n  b: 1\n\tc: 2\n", (3, 1)),
    ],
)
def test_tab_indentation_gets_a_hint_about_tabs(raw: bytes, where: tuple[int, int]) -> None:
    diag = only(parse(raw), "yaml-syntax")
    assert at(diag) == where
    assert diag.hint is not None
    assert "tab" in diag.hint.lower()


def test_a_syntax_error_without_tabs_does_not_blame_tabs() -> None:
    diag = only(parse(b"a: [1, 2\nb: 3\n"), "yaml-syntax")
    assert diag.hint is None or "tab" not in diag.hint.lower()


def test_duplicate_key_points_at_the_second_key() -> None:
    doc = parse(b"a: 1\nb: 2\n  # comment\nc:\n  d: 1\n  a: 1\n  d: 2\na: 3\n")
    codes = [(d.code, at(d)) for d in doc.diagnostics]
    assert codes == [("duplicate-key", (7, 3)), ("duplicate-key", (8, 1))]
    first = doc.diagnostics[1]
    assert "'a'" in first.message
    assert first.hint is not None and "line 1" in first.hint
    # the first value is kept, and the rest of the file still loads
    assert doc.data == {"a": 1, "b": 2, "c": {"d": 1, "a": 1}}


def test_duplicate_key_in_a_flow_mapping() -> None:
    diag = only(parse(b"x: {a: 1, b: 2, a: 3}\n"), "duplicate-key")
    assert at(diag) == (1, 17)


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"   \n# only a comment\n", b"\xef\xbb\xbf"])
def test_empty_file(raw: bytes) -> None:
    doc = parse(raw)
    diag = only(doc, "empty-file")
    assert at(diag) == (1, 1)
    assert doc.data is None


# --- encoding ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b"a: 1\nb: \xff x\n", (2, 4)),
        (b"a: caf\xc3\xa9\nb: \xc3\x28\n", (2, 4)),  # a truncated 2-byte sequence after an 'é'
        (b"\x80", (1, 1)),
        (b"name: ok\nsummary: r\xe9sum\xe9\n", (2, 11)),  # Latin-1, the usual culprit
    ],
)
def test_invalid_utf8_points_at_the_bad_byte(raw: bytes, where: tuple[int, int]) -> None:
    doc = parse(raw)
    diag = only(doc, "encoding")
    assert at(diag) == where
    assert diag.hint is not None and "UTF-8" in diag.hint
    assert doc.data is None


def test_utf8_byte_order_mark_loads() -> None:
    doc = parse("\ufeffname: Café\nhours: 3\n".encode())
    assert doc.diagnostics == []
    assert doc.data == {"name": "Café", "hours": 3}


def test_utf16_with_byte_order_mark_loads() -> None:
    doc = parse("name: Café\n".encode("utf-16"))
    assert doc.diagnostics == []
    assert doc.data == {"name": "Café"}


@pytest.mark.parametrize(
    "raw",
    [
        b"\x00\x01\x02binary",
        b"a: b\n\x00",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00",
        bytes(range(0, 32)) * 4,
    ],
)
def test_binary_junk_is_a_syntax_error(raw: bytes) -> None:
    doc = parse(raw)
    diag = only(doc, "yaml-syntax")
    assert diag.span.line >= 1 and diag.span.column >= 1
    assert doc.data is None


def test_binary_junk_that_is_not_utf8_is_an_encoding_error() -> None:
    doc = parse(bytes(range(256)))
    diag = only(doc, "encoding")
    # bytes 0..127 are ASCII with one '\n' (byte 10); the first bad byte is 128
    assert at(diag) == (2, 128 - 11 + 1)


# --- resource limits ---------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> bytes:
    names = "abcdefghijklmnop"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in pairwise(names[:levels]):
        refs = ",".join(f"*{prev}" for _ in range(9))
        lines.append(f"{name}: &{name} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def test_alias_bomb_is_refused() -> None:
    doc = parse(billion_laughs())
    diag = only(doc, "yaml-too-large")
    assert diag.message == f"aliases expand this file to more than {MAX_VALUES:,} values"
    assert doc.data is None


@pytest.mark.slow
def test_many_values_written_out_are_not_called_an_alias_bomb() -> None:
    values = b"tags: [" + b"1, " * (MAX_VALUES + 1) + b"]\n"
    diag = only(parse(values), "yaml-too-large")
    assert diag.message == f"this file holds more than {MAX_VALUES:,} values"
    assert "alias" not in str(diag.hint)


def test_modest_aliases_are_fine() -> None:
    doc = parse(b"base: &b [1, 2]\nuse: [*b, *b]\n")
    assert doc.diagnostics == []
    assert doc.data == {"base": [1, 2], "use": [[1, 2], [1, 2]]}


DEPTH = 5_000


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * DEPTH + b"]" * DEPTH,
        b"{" * DEPTH,
        b"".join(b"  " * i + b"a:\n" for i in range(DEPTH)) + b"  " * DEPTH + b"end\n",
        b"".join(b"  " * i + b"- \n" for i in range(DEPTH)),
    ],
    ids=["flow-seq", "flow-map-unclosed", "block-map", "block-seq"],
)
def test_nesting_5000_deep_is_a_syntax_error(raw: bytes) -> None:
    doc = parse(raw)
    diag = only(doc, "yaml-syntax")
    assert diag.span.line >= 1 and diag.span.column >= 1
    assert diag.hint is not None
    assert doc.data is None


def test_nesting_deeper_than_a_catalogue_needs_is_reported() -> None:
    doc = parse(b"[" * 500 + b"]" * 500)
    diag = only(doc, "yaml-too-deep")
    assert diag.span.line == 1


def test_int_with_5000_digits_is_invalid_value() -> None:
    doc = parse(b"a: 1\nx: " + b"9" * 5_000 + b"\n")
    diag = only(doc, "invalid-value")
    assert at(diag) == (2, 4)
    assert doc.data == {"a": 1, "x": None}


def test_negative_int_with_5000_digits_is_invalid_value() -> None:
    diag = only(parse(b"x: -" + b"9" * 5_000 + b"\n"), "invalid-value")
    assert at(diag) == (1, 4)


@pytest.mark.parametrize("raw", [b"x: 0x" + b"f" * 5_000 + b"\n", b"x: 0o" + b"7" * 5_000 + b"\n"])
def test_huge_hex_or_octal_int_is_invalid_value(raw: bytes) -> None:
    diag = only(parse(raw), "invalid-value")
    assert at(diag) == (1, 4)


def test_ints_near_the_digit_limit_still_load() -> None:
    assert parse(b"x: " + b"9" * 4_000 + b"\n").data == {"x": int("9" * 4_000)}


# --- YAML 1.2 typing ---------------------------------------------------------------------


def test_1e999_loads_as_a_decimal_without_error() -> None:
    # Decimal holds 1e999 exactly, so it is not turned into infinity as a binary float would be
    doc = parse(b"x: 1e999\ny: -1e999\n")
    assert doc.diagnostics == []
    assert isinstance(doc.data["x"], Decimal)
    assert doc.data["x"] == Decimal("1e999")
    assert doc.data["y"] == Decimal("-1e999")


def test_float_with_an_impossible_exponent_is_invalid_value() -> None:
    diag = only(parse(b"x: 1e9999999999999999999999\n"), "invalid-value")
    assert at(diag) == (1, 4)


def test_float_with_an_impossible_exponent_does_not_raise() -> None:
    doc = parse(b"x: 1e9999999999999999999999\n")
    assert isinstance(doc.data, dict)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.5", Decimal("1.5")),
        ("-0.25", Decimal("-0.25")),
        ("1e3", Decimal("1e3")),
        (".inf", Decimal("Infinity")),
        ("-.inf", Decimal("-Infinity")),
        ("!!float 2", Decimal(2)),
        ("0x1F", 31),
        ("0o17", 15),
        ("-12", -12),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
    ],
)
def test_yaml_1_2_core_schema(text: str, value: object) -> None:
    doc = parse(f"x: {text}\n".encode())
    assert doc.diagnostics == []
    got = doc.data["x"]
    assert got == value
    assert type(got) is type(value)


def test_nan_loads_as_decimal_nan() -> None:
    got = parse(b"x: .nan\n").data["x"]
    assert isinstance(got, Decimal) and got.is_nan()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2027-02-30", "2027-02-30"),  # not even a real date
        ("2027-02-28", "2027-02-28"),  # YAML 1.2 has no timestamps
        ("17:30", "17:30"),  # YAML 1.1 read this as sexagesimal 1050
        ("1:00:00", "1:00:00"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("NO", "NO"),
        ("0b101", "0b101"),  # YAML 1.1 binary int
        ("1_000", "1_000"),  # YAML 1.1 underscores
        ("012", 12),  # YAML 1.2: decimal, not octal
        ("'42'", "42"),
        ('"true"', "true"),
    ],
)
def test_yaml_1_1_lookalikes_stay_as_written(text: str, value: object) -> None:
    doc = parse(f"x: {text}\n".encode())
    assert doc.diagnostics == []
    assert doc.data == {"x": value}
    assert type(doc.data["x"]) is type(value)


def test_opening_hours_stay_strings() -> None:
    doc = parse(b"opening_hours:\n  mon: 09:00-17:30\n  tue: 17:30\n")
    assert doc.data == {"opening_hours": {"mon": "09:00-17:30", "tue": "17:30"}}


@pytest.mark.parametrize(
    "raw",
    [
        b"x: !!python/object:os.system {}\n",
        b"x: !!python/object/apply:os.system [ls]\n",
        b"x: !!python/name:os.system ''\n",
        b"x: !!binary aGVsbG8=\n",
        b"x: !custom thing\n",
    ],
)
def test_unknown_tags_are_rejected(raw: bytes) -> None:
    diag = only(parse(raw), "yaml-tag")
    assert at(diag) == (1, 4)
    assert diag.hint is not None


def test_a_wrong_core_tag_is_reported() -> None:
    diag = only(parse(b"a: 1\nx: !!int twelve\n"), "yaml-tag")
    assert at(diag) == (2, 4)


def test_merge_keys() -> None:
    doc = parse(
        b"base: &b {a: 1, b: 2}\n"
        b"more: &m {c: 3}\n"
        b"one:\n  <<: *b\n  b: 20\n"
        b"many:\n  <<: [*b, *m]\n  d: 4\n"
    )
    assert doc.diagnostics == []
    assert doc.data["one"] == {"a": 1, "b": 20}
    assert doc.data["many"] == {"a": 1, "b": 2, "c": 3, "d": 4}


def test_quoted_merge_key_is_an_ordinary_key() -> None:
    doc = parse(b"x:\n  '<<': {a: 1}\n")
    assert doc.data == {"x": {"<<": {"a": 1}}}


def test_merging_a_non_mapping_is_reported() -> None:
    diag = only(parse(b"x:\n  <<: [1, 2]\n"), "yaml-merge")
    assert diag.span.line == 2


def test_a_mapping_as_a_key_is_reported() -> None:
    diag = only(parse(b"? [a, b]\n: 1\nc: 2\n"), "yaml-key")
    assert at(diag) == (1, 3)


# --- Document.span -----------------------------------------------------------------------


SERVICE = b"""\
id: review
recipe:
  - skill: assurance
    hours: 2
  - {skill: reporting, hours: 3}
price:
  model: fixed
"""


@pytest.fixture
def service() -> Document:
    doc = parse(SERVICE)
    assert doc.diagnostics == []
    return doc


@pytest.mark.parametrize(
    ("loc", "where"),
    [
        ((), (1, 1)),
        (("id",), (1, 5)),
        (("recipe",), (3, 3)),
        (("recipe", 0), (3, 5)),
        (("recipe", 0, "hours"), (4, 12)),
        (("recipe", 1), (5, 5)),
        (("recipe", 1, "hours"), (5, 31)),
        (("price", "model"), (7, 10)),
    ],
)
def test_span_walks_keys_and_indexes(
    service: Document, loc: tuple[str | int, ...], where: tuple[int, int]
) -> None:
    span = service.span(loc)
    assert (span.path, span.line, span.column) == (PATH, *where)


@pytest.mark.parametrize(
    ("loc", "where"),
    [
        (("id",), (1, 1)),
        (("recipe", 0, "hours"), (4, 5)),
        (("recipe", 1, "hours"), (5, 24)),
        (("price", "model"), (7, 3)),
    ],
)
def test_span_points_at_the_key(
    service: Document, loc: tuple[str | int, ...], where: tuple[int, int]
) -> None:
    span = service.span(loc, key=True)
    assert (span.line, span.column) == where


def test_span_of_a_missing_key_points_at_the_mapping(service: Document) -> None:
    assert (service.span(("price", "amount")).line, service.span(("price", "amount")).column) == (7, 3)
    assert service.span(("recipe", 1, "level")).line == 5
    assert service.span(("recipe", 1, "level")).column == 5
    # a missing key has no key node to point at: key=True falls back to the mapping
    assert service.span(("price", "amount"), key=True).line == 7


def test_span_passes_over_parts_not_in_the_data(service: Document) -> None:
    # pydantic puts union tags such as 'fixed' in its locations; they are not in the file
    assert service.span(("price", "fixed", "model")).line == 7
    # an index out of range points at the list
    span = service.span(("recipe", 9))
    assert (span.line, span.column) == (3, 3)


def test_span_of_the_key_marker(service: Document) -> None:
    span = service.span(("price", "model", "[key]"))
    assert (span.line, span.column) == (7, 3)


def test_span_follows_merge_keys() -> None:
    doc = parse(b"base: &b {a: 1, b: 2}\nd:\n  <<: *b\n  b: 3\n")
    assert (doc.span(("d", "a")).line, doc.span(("d", "a")).column) == (1, 14)
    assert (doc.span(("d", "a"), key=True).line, doc.span(("d", "a"), key=True).column) == (1, 11)
    # the document's own key wins over the merged one
    assert (doc.span(("d", "b")).line, doc.span(("d", "b")).column) == (4, 6)


def test_span_of_a_document_that_did_not_parse() -> None:
    doc = parse(b"a: [\n")
    span = doc.span(("a", 0))
    assert (span.path, span.line, span.column) == (PATH, 1, 1)
