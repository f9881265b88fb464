"""render/diff.py: the pull-request comment's marker and folding, and harmless user text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pmocat.diff import Report
from pmocat.diff.changes import Change
from pmocat.diff.consequences import Consequence, Side
from pmocat.render.diff import FOLD_AFTER, MARKER, render_github, render_md, render_text, summary
from pmocat.sources.catalogue import Catalogue


def _report(changes: list[Change]) -> Report:
    cat = Catalogue(root=Path("catalogue"))
    return Report(Side("main", cat, root="catalogue", shown="catalogue"),
                  Side("the work tree", cat, root="catalogue", shown="catalogue"),
                  date(2026, 12, 1), 13, changes, [], [], [], None)


def test_a_long_table_is_folded_and_the_marker_is_first() -> None:
    few = [Change("person", f"p{n}", "roster.yaml", "added", name=f"P {n}") for n in range(FOLD_AFTER)]
    many = [*few, Change("person", "zed", "roster.yaml", "added", name="Zed")]
    short, long = render_md(_report(few)), render_md(_report(many))
    assert short.splitlines()[0] == MARKER == long.splitlines()[0]
    assert "<details>" not in short
    assert f"<details><summary>{FOLD_AFTER + 1} changes</summary>" in long


def test_user_text_is_harmless_in_every_format() -> None:
    change = Change("service", "audit", "services/audit.yaml", "changed", "summary",
                    "old", "new\x1b[31m | **bold** \n::error::x", "Audit", 4)
    report = _report([change])
    assert "\x1b" not in render_text(report)
    md = render_md(report)
    assert "\\*\\*bold\\*\\*" in md and "\\|" in md
    github = render_github(report)
    assert "\x1b" not in github
    assert not [line for line in github.splitlines() if line.startswith("::error")]  # no new command
    assert "::notice file=catalogue/services/audit.yaml,line=4,title=pmocat diff%3A changed::" in github


def test_the_pmo_is_the_pmo_not_one_pmo() -> None:
    changes = [Change("pmo", "pmo", "pmo.yaml", "changed", "day_hours", 7.5, 7.0),
               Change("person", "ada", "roster.yaml", "added", name="Ada"),
               Change("service", "audit", "services/audit.yaml", "removed", name="Audit")]
    text = render_text(_report(changes))
    assert text.startswith("Changes to the PMO, 1 person and 1 service")
    assert "\n  the PMO (pmo.yaml)\n" in text
    assert "the PMO pmo" not in render_github(_report(changes))


def test_a_list_that_kept_items_shows_only_what_it_lost_and_gained() -> None:
    days = ["monday", "tuesday", "wednesday", "thursday", "friday"]
    leave = {"from": "2027-03-01", "to": "2027-03-05", "reason": "Training"}
    changes = [Change("person", "asha", "roster.yaml", "changed", "working_days", days, days[:4]),
               Change("person", "asha", "roster.yaml", "changed", "absences", [], [leave]),
               Change("person", "ben", "roster.yaml", "changed", "working_days", ["monday"], ["friday"])]
    text = render_text(_report(changes))
    assert "    working_days: − friday\n" in text
    assert "    absences: [] → [{from: 2027-03-01, to: 2027-03-05, reason: Training}]\n" in text
    assert "    working_days: [monday] → [friday]\n" in text  # nothing kept: before and after
    assert "| working\\_days | − friday |   |" in render_md(_report(changes))


def test_many_capacity_rows_do_not_fold_a_verdict_out_of_sight() -> None:
    report = _report([Change("person", "ada", "roster.yaml", "removed", name="Ada")])
    report.consequences = [Consequence("verdict", "changed", "REQ-3", "yes", "no",
                                       {"short_hours_before": 0.0, "short_hours_after": 34.0})]
    report.consequences += [Consequence("capacity", "changed", None, 100.0, 50.0,
                                        {"skill": f"skill-{n}", "level": 1, "weeks": 13})
                            for n in range(FOLD_AFTER + 2)]
    md = render_md(report)
    folded = md[md.index("<details>"):]
    assert "| verdict | REQ-3 |" in md and "| verdict | REQ-3 |" not in folded
    assert "| capacity | skill-0 level 1+ |" in folded


def test_github_puts_what_a_change_does_before_the_changes_and_capacity_in_one_notice() -> None:
    """GitHub shows ten notices a step: twenty price changes must not hide a verdict."""
    changes = [Change("service", f"s{n}", f"services/s{n}.yaml", "changed", "price.amount", "1.00", "2.00")
               for n in range(20)]
    report = _report(changes)
    report.consequences = [Consequence("verdict", "changed", "REQ-3", "yes", "no",
                                       {"short_hours_before": 0.0, "short_hours_after": 34.0})]
    report.consequences += [Consequence("capacity", "changed", None, 100.0, 50.0,
                                        {"skill": f"skill-{n}", "level": 1, "weeks": 13}) for n in range(5)]
    lines = render_github(report).splitlines()
    assert lines[1].startswith("::notice title=pmocat verdict::REQ-3: yes → no")
    capacity = [line for line in lines if "pmocat capacity" in line]
    assert len(capacity) == 1 and capacity[0].count("%0A") == 4


def test_the_summary_names_a_fall_in_capacity_before_a_rise() -> None:
    report = _report([Change("person", "ada", "roster.yaml", "changed", "skills.risk", 4, 5, "Ada")])
    report.consequences = [Consequence("capacity", "changed", None, 0.0, 200.0,
                                       {"skill": "risk", "level": 5, "weeks": 13}),
                           Consequence("capacity", "changed", None, 1000.0, 750.0,
                                       {"skill": "assurance", "level": 1, "weeks": 13})]
    assert "capacity for assurance level 1+ falls 25% over the next 13 weeks" in summary(report)
