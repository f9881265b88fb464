"""The second opinion: what libyaml (YAML 1.1) rejects, ruamel.yaml (YAML 1.2) may read.

Those documents must then behave exactly like the ones libyaml reads: YAML 1.2 values,
located diagnostics, positions for every key and value, and the same limits.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from pmocat.sources.yamlfile import MAX_VALUES, Document, parse_yaml

# libyaml refuses a directive it does not know; YAML 1.2 says to ignore it with a warning
PREFIX = b"%FOO bar baz\n---\n"


def parse(body: bytes) -> Document:
    return parse_yaml(PREFIX + body, "f.yaml")


def at(doc: Document, *loc: str | int, key: bool = False) -> tuple[int, int]:
    span = doc.span(loc, key=key)
    return span.line, span.column


def test_libyaml_alone_would_refuse_these_documents() -> None:
    from yaml._yaml import CParser

    with pytest.raises(Exception, match="directive"):
        CParser((PREFIX + b"a: 1\n").decode()).get_single_node()


def test_a_mapping_loads_with_yaml_1_2_values_and_positions() -> None:
    doc = parse(b"a: 1\nb: [x, y]\nc: {d: 17:30, e: no, f: 1.5, g: 2027-02-30}\nh: '7'\n")
    assert doc.diagnostics == []
    assert doc.data == {"a": 1, "b": ["x", "y"],
                        "c": {"d": "17:30", "e": "no", "f": 1.5, "g": "2027-02-30"}, "h": "7"}
    assert at(doc, "a") == (3, 4)
    assert at(doc, "b", 1) == (4, 8)
    assert at(doc, "c", "e") == (5, 18)
    assert at(doc, "c", "e", key=True) == (5, 15)
    assert at(doc, "h") == (6, 4)
    assert at(doc, "missing") == (3, 1)


def test_block_sequences_and_nested_mappings() -> None:
    doc = parse(b"people:\n  - id: ann\n    skills:\n      assurance: 4\n  - id: bob\n")
    assert doc.data == {"people": [{"id": "ann", "skills": {"assurance": 4}}, {"id": "bob"}]}
    assert at(doc, "people", 1, "id") == (7, 9)
    assert at(doc, "people", 0, "skills", "assurance") == (6, 18)


def test_tags_the_file_wrote_are_kept_and_the_others_are_pmocats_to_resolve() -> None:
    doc = parse(b"a: !!str 17\nb: 17\nc: !!int '5'\nd: !!float 2\n")
    assert doc.diagnostics == []
    assert doc.data == {"a": "17", "b": 17, "c": 5, "d": 2}
    assert type(doc.data["d"]).__name__ == "Decimal"


def test_an_unknown_tag_is_still_refused() -> None:
    doc = parse(b"x: !!python/object/apply:os.system [ls]\n")
    assert [(d.code, d.span.line, d.span.column) for d in doc.diagnostics] == [("yaml-tag", 3, 4)]


def test_folded_text_has_no_fold_markers() -> None:
    doc = parse(b"summary: >\n  one\n  two\n\n  three\n")
    assert doc.data == {"summary": "one two\nthree\n"}


def test_anchors_aliases_and_merge_keys() -> None:
    doc = parse(b"base: &b {a: 1, b: 2}\nuse: *b\nmore:\n  <<: *b\n  b: 3\n")
    assert doc.diagnostics == []
    assert doc.data == {"base": {"a": 1, "b": 2}, "use": {"a": 1, "b": 2},
                        "more": {"a": 1, "b": 3}}
    assert at(doc, "more", "a") == (3, 14)  # a merged value is where the anchor wrote it
    assert at(doc, "more", "a", key=True) == (3, 11)
    assert at(doc, "more", "b") == (7, 6)


def test_duplicate_keys_are_located() -> None:
    doc = parse(b"a: 1\nb: 2\na: 3\n")
    assert [(d.code, d.span.line, d.span.column) for d in doc.diagnostics] == [
        ("duplicate-key", 5, 1)]
    assert doc.diagnostics[0].hint is not None and "line 3" in doc.diagnostics[0].hint


def test_an_alias_bomb_is_refused() -> None:
    names = "abcdefghij"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{n}: &{n} [{','.join(f'*{p}' for _ in range(9))}]" for p, n in pairwise(names)]
    doc = parse("\n".join(lines).encode() + b"\n")
    assert [d.code for d in doc.diagnostics] == ["yaml-too-large"]
    assert f"{MAX_VALUES:,}" in doc.diagnostics[0].message
    assert doc.data is None


@pytest.mark.parametrize(
    "body",
    [b"[" * 5_000 + b"]" * 5_000 + b"\n", b"".join(b" " * i + b"- x:\n" for i in range(2_000))],
    ids=["flow", "block"],
)
def test_nesting_thousands_deep_is_a_located_diagnostic(body: bytes) -> None:
    doc = parse(body)
    assert doc.diagnostics
    assert all(d.span.line >= 1 and d.span.column >= 1 for d in doc.diagnostics)
    assert doc.data is None or doc.diagnostics


def test_when_both_parsers_refuse_libyaml_is_reported() -> None:
    doc = parse(b"a: [1, 2\nb: 3\n")
    assert [d.code for d in doc.diagnostics] == ["yaml-syntax"]
    # the first problem libyaml met: the unknown directive
    assert (doc.diagnostics[0].span.line, doc.diagnostics[0].span.column) == (1, 5)
    assert doc.data is None


def test_yaml_1_2_directive_is_read_by_libyaml() -> None:
    doc = parse_yaml(b"%YAML 1.2\n---\nopens: 09:00\n", "f.yaml")
    assert doc.diagnostics == []
    assert doc.data == {"opens": "09:00"}
