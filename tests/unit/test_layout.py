"""The canonical layout (`pmocat fmt`'s core): what it changes, what it keeps, and that it
never changes a value."""

from __future__ import annotations

import string
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmocat.models import Person, Service
from pmocat.models.layout import ANY, file_shape, key_order
from pmocat.sources.layout import LayoutError, layout, normalise, same_values
from pmocat.sources.yamlfile import parse_yaml
from tests.conftest import CATALOGUE, EXAMPLES, MINIMAL

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SERVICE = file_shape("service")
ROSTER = file_shape("roster")


def values(text: str) -> Any:
    doc = parse_yaml(text.encode("utf-8"), "x.yaml")
    assert doc.diagnostics == [], doc.diagnostics
    return doc.data


def tidy(text: str, shape: Any = ANY) -> str:
    """The layout, checked as fmt checks it: the same values, and a fixed point."""
    out = layout(text, shape)
    assert same_values(values(text), values(out)), out
    assert layout(out, shape) == out, "not idempotent"
    return out


def test_key_order_is_the_models_field_order_with_aliases() -> None:
    assert key_order(Service)[:5] == ["id", "name", "category", "status", "summary"]
    assert key_order(Person)[-2:] == ["absences", "commitments"]
    assert file_shape("roster").children["people"].items.children["absences"].items.keys == (
        "from", "to", "reason")


def test_keys_go_in_the_models_order_and_their_comments_go_with_them() -> None:
    text = ("name: Health check   # what the menu says\n"
            "# the id names the file\n"
            "id: health-check\n")
    assert tidy(text, SERVICE) == ("# the id names the file\n"
                                   "id: health-check\n"
                                   "name: Health check   # what the menu says\n")


def test_flow_mappings_become_blocks_and_short_lists_of_scalars_become_flow() -> None:
    text = ("people:\n"
            "  - {id: ann, name: Ann, skills: {assurance: 4}, hours_per_week: 37.5}\n"
            "    \n"
            "  - id: bob\n"
            "    name: Bob\n"
            "    skills: {}\n"
            "    hours_per_week: 30\n"
            "    working_days:\n"
            "      - monday\n"
            "      - tuesday\n")
    assert tidy(text, ROSTER) == ("people:\n"
                                  "  - id: ann\n"
                                  "    name: Ann\n"
                                  "    skills:\n"
                                  "      assurance: 4\n"
                                  "    hours_per_week: 37.5\n"
                                  "\n"
                                  "  - id: bob\n"
                                  "    name: Bob\n"
                                  "    skills: {}\n"
                                  "    hours_per_week: 30\n"
                                  "    working_days: [monday, tuesday]\n")


def test_a_long_list_or_one_with_commas_or_comments_stays_a_block() -> None:
    long = "tags: [" + ", ".join(f"tag-number-{n}" for n in range(12)) + "]\n"
    assert tidy(long).count("\n  - tag-number-") == 12
    assert tidy("customers:\n  - Smith, Jones and Co\n  - B\n") == (
        "customers:\n  - Smith, Jones and Co\n  - B\n")
    assert tidy("tags:\n  - a  # the first\n  - b\n") == "tags:\n  - a  # the first\n  - b\n"
    assert tidy("tags:\n  - a\n  -\n  - b\n") == "tags:\n  - a\n  -\n  - b\n"  # [a, , b] loses it


def test_times_and_ranges_are_quoted_other_scalars_kept_as_written() -> None:
    text = ("opening_hours:\n  monday: 09:00-17:30\n  friday: ['09:00-12:00', 13:00-16:00]\n"
            "name: 'Our PMO'\ncontact: \"pmo@example.org\"\n")
    assert tidy(text) == ('opening_hours:\n  monday: "09:00-17:30"\n'
                          '  friday: ["09:00-12:00", "13:00-16:00"]\n'
                          "name: 'Our PMO'\ncontact: \"pmo@example.org\"\n")


def test_indentation_becomes_two_spaces_and_block_scalars_keep_their_text() -> None:
    text = ("id: x\n"
            "description: |\n"
            "      First line\n"
            "        indented\n"
            "\n"
            "      Last line\n"
            "recipe:\n"
            "    -   skill: a\n"
            "        hours: 4\n"
            "        # a note kept at the key's level\n"
            "    # a note kept at the item's level\n"
            "    -   skill: b\n"
            "        hours: 2\n")
    assert tidy(text, SERVICE) == ("id: x\n"
                                   "description: |\n"
                                   "  First line\n"
                                   "    indented\n"
                                   "\n"
                                   "  Last line\n"
                                   "recipe:\n"
                                   "  - skill: a\n"
                                   "    hours: 4\n"
                                   "    # a note kept at the key's level\n"
                                   "  # a note kept at the item's level\n"
                                   "  - skill: b\n"
                                   "    hours: 2\n")


def test_the_schema_line_goes_first_and_one_newline_ends_the_file() -> None:
    text = "# About this file\n---\nid: x\n# yaml-language-server: $schema=../s.json\n\n\n"
    assert tidy(text) == "# yaml-language-server: $schema=../s.json\n# About this file\nid: x\n"


def test_crlf_and_a_byte_order_mark_are_normalised_before_the_layout() -> None:
    assert normalise("\ufeffid: x\r\nname: y\r\n") == "id: x\nname: y\n"


def test_anchors_aliases_and_merge_keys_survive() -> None:
    text = ("base: &base {level: 3, hours: 4}\n"
            "recipe:\n  - {<<: *base, skill: a}\n  - &second\n    skill: b\n    hours: 1\n"
            "again: *second\n")
    out = tidy(text)
    assert "<<: *base" in out and "&base" in out and "again: *second" in out


def test_a_comment_after_an_anchor_that_becomes_a_block_is_laid_out_again() -> None:
    # the flow mapping becomes a block, so the comment lands after the anchor: `- &s  # one`
    out = tidy("id: x\nrecipe:\n  - &s {skill: a, level: 3, hours: 2}  # one\n  - *s\n",
               SERVICE)
    assert "  - &s  # one\n    skill: a\n" in out


@pytest.mark.parametrize("text", [
    "id: x\nduration_days: &d 5\nlead_time_days: *d\n",
    "base: &b {model: fixed, amount: 5}\nid: x\nprice:\n  <<: *b\n  amount: 6\n",
])
def test_keys_keep_their_order_where_sorting_would_put_an_alias_before_its_anchor(
        text: str) -> None:
    out = tidy(text, SERVICE)
    assert out.index("&") < out.index("*")


def test_keys_are_still_sorted_around_anchors_that_allow_it() -> None:
    out = tidy("name: y\nid: x\nduration_days: &d 5\nlead_time_days: 5\nunit: *d\n", SERVICE)
    assert out.startswith("id: x\nname: y\nlead_time_days: 5\nduration_days: &d 5\n")


def test_multi_line_scalars_are_reindented_without_changing_them() -> None:
    tidy('summary: "a long\n      quoted text"\nsla: plain text\n   over two lines  # note\n')


@pytest.mark.parametrize("text", ["%YAML 1.2\n---\na: 1\n", "? [a, b]\n: c\n", "?\n"])
def test_what_fmt_leaves_alone_is_said(text: str) -> None:
    with pytest.raises(LayoutError):
        layout(text)


def test_syntax_errors_raise_the_parsers_error() -> None:
    with pytest.raises(yaml.YAMLError):
        layout("a: [b\n")


def test_same_values_tells_types_apart() -> None:
    assert same_values({"a": [1, "x"]}, {"a": [1, "x"]})
    assert not same_values({"a": 1}, {"a": True})
    assert not same_values({"a": Decimal("1.5")}, {"a": Decimal("1.50")})
    assert not same_values({1: "a"}, {True: "a"})
    assert not same_values(["09:00"], [540])


def catalogue_files() -> list[tuple[Path, str]]:
    found = []
    for root in (CATALOGUE, EXAMPLES / "minimal"):
        found += [(root / f"{kind}.yaml", kind) for kind in ("pmo", "skills", "ingredients")]
        found.append((root / "roster.yaml", "roster"))
        found += [(p, "service") for p in sorted((root / "services").glob("*.yaml"))]
        found += [(p, "request") for p in sorted((root / "requests").glob("*.yaml"))]
    return found


@pytest.mark.parametrize(("path", "kind"), catalogue_files(), ids=lambda v: str(v)[-40:])
def test_the_bundled_catalogues_are_laid_out_already(path: Path, kind: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert layout(text, file_shape(kind)) == text


def compact_files() -> list[tuple[Path, str]]:
    return [(MINIMAL / "roster.yaml", "roster"), (MINIMAL / "pmo.yaml", "pmo"),
            *((p, "service") for p in sorted((MINIMAL / "services").glob("*.yaml")))]


@pytest.mark.parametrize(("path", "kind"), [*catalogue_files()[:6], *compact_files()],
                         ids=lambda v: str(v)[-40:])
def test_the_events_way_and_the_nodes_way_agree(path: Path, kind: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Text with anchors, aliases or tags is read event by event; the rest through
    composed nodes, which is faster. Both must give the same layout."""
    import re

    import pmocat.sources.layout as layout_module

    text = path.read_text(encoding="utf-8")
    by_nodes = layout_module.layout(text, file_shape(kind))
    monkeypatch.setattr(layout_module, "_NEEDS_EVENTS", re.compile(""))
    assert layout_module.layout(text, file_shape(kind)) == by_nodes


def test_the_compact_fixture_holds_the_minimal_examples_values() -> None:
    """Tests edit MINIMAL by its text; it must stay the example, only laid out compactly."""
    example = EXAMPLES / "minimal"
    names = sorted(p.relative_to(example).as_posix() for p in example.rglob("*.yaml"))
    assert names == sorted(p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*.yaml"))
    for name in names:
        ours, theirs = (parse_yaml((root / name).read_bytes(), name) for root in (example, MINIMAL))
        assert same_values(ours.data, theirs.data), name


# -- properties -------------------------------------------------------------------------

words = st.text(string.ascii_letters + string.digits + " -_:,'#.&*!", min_size=1, max_size=12)
keys = st.text(string.ascii_lowercase + "_", min_size=1, max_size=8)
scalars = st.one_of(words, st.integers(-5, 10**6), st.booleans(), st.none(),
                    st.sampled_from(["09:00-17:30", "17:30", "2027-01-04", "no", "1e3", ""]))
data = st.recursive(
    st.dictionaries(keys, scalars, min_size=1, max_size=4),
    lambda inner: st.one_of(st.lists(st.one_of(scalars, inner), min_size=1, max_size=4),
                            st.dictionaries(keys, st.one_of(scalars, inner), min_size=1, max_size=4)),
    max_leaves=12,
).filter(lambda v: isinstance(v, dict))


@given(data, st.sampled_from([None, True, False]), st.sampled_from([2, 4]))
@SETTINGS
def test_any_data_keeps_its_values_and_lays_out_once(value: Any, flow: bool | None,
                                                      indent: int) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, indent=indent, sort_keys=False,
                          allow_unicode=True, width=60)
    tidy(text)


commented = st.lists(st.sampled_from([
    "a: 1", "b: [x, y]  # flow", "# a comment", "", "c:", "  - {d: 1, e: 2}  # item",
    "  - f", "  # inner", "g: |", "  text", "", "  more", "h: 'q'   # quoted",
]), min_size=1, max_size=12).map(lambda lines: "\n".join(lines) + "\n")


@given(commented)
@SETTINGS
def test_commented_text_keeps_every_comment_once(text: str) -> None:
    try:
        expected = parse_yaml(text.encode("utf-8"), "x.yaml")
    except Exception:  # pragma: no cover - parse_yaml never raises
        raise
    if expected.diagnostics:
        return
    try:
        out = tidy(text)
    except (yaml.YAMLError, LayoutError):
        return
    comments = sorted(line.split("#", 1)[1] for line in text.splitlines() if "#" in line
                      and not line.lstrip().startswith(("text", "more")))
    assert sorted(line.split("#", 1)[1] for line in out.splitlines() if "#" in line) == comments


from tests.unit.test_yamlfile_properties import arbitrary_bytes  # noqa: E402


@given(arbitrary_bytes)
@SETTINGS
def test_any_bytes_are_laid_out_or_reported_never_raised(raw: bytes) -> None:
    import tempfile

    from pmocat.sources.layout import format_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(raw)
        result = format_file(path, "x.yaml", SERVICE, Path(folder))
    if result.changed:
        assert result.after is not None
        assert layout(result.after, SERVICE) == result.after


SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "yaml-test-suite" / "cases"


@pytest.mark.skipif(not SUITE.is_dir(), reason=f"the YAML test suite is not checked out at {SUITE}")
def test_the_yaml_test_suite_is_laid_out_or_left_alone_never_broken(tmp_path: Path) -> None:
    """Every case of the YAML test suite: fmt lays it out (the same values, and a fixed
    point), or leaves it as it is with a reason; it never raises."""
    from pmocat.sources.layout import format_file

    outcomes = {"laid out": 0, "left alone": 0, "refused": 0}
    for case in sorted(SUITE.glob("*.yaml")):
        path = tmp_path / "x.yaml"
        path.write_bytes(case.read_bytes())
        result = format_file(path, case.name, ANY, tmp_path)
        if result.changed:
            assert result.after is not None and layout(result.after) == result.after, case.name
        outcomes["refused" if result.refused else
                 "left alone" if result.problems or result.unsupported else "laid out"] += 1
    assert outcomes["refused"] <= 3, outcomes  # block scalars of trailing spaces only
    assert outcomes["laid out"] > 150, outcomes
