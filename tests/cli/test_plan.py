"""`pmocat plan` on the bundled catalogue: decisions, the heatmap, JSON as in the spec."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from pmocat.planning.book import Planner
from pmocat.planning.lp import LP
from pmocat.planning.network import Network
from pmocat.planning.plan import Progress, make_plan
from pmocat.render.plan import progress_words
from pmocat.sources.catalogue import load_catalogue
from tests.cli.conftest import Result
from tests.conftest import CATALOGUE, TODAY


def test_text_shows_each_decision_and_the_heatmap(run: Callable[..., Result]) -> None:
    result = run("plan", str(CATALOGUE), "--today", TODAY)
    assert result.exit_code == 0
    assert "✓ take" in result.stdout and "✗ decline" in result.stdout
    assert "REQ-006" in result.stdout and "short" in result.stdout
    assert "is over the" in result.stdout  # REQ-007's budget
    assert "Utilisation per person per ISO week" in result.stdout
    assert "Asha Patel" in result.stdout
    # who does each taken request: the monthly one across its months, by the cheapest
    assert "Who does the work taken" in result.stdout
    assert "Owen Price    raid-management" in result.stdout
    assert "12 h a month, Mar–Aug 2027" in result.stdout
    assert "Load by skill" in result.stdout


def test_a_declined_reason_wraps_under_itself_at_80_columns(run: Callable[..., Result],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # REQ-007's budget reason is longer than 80 columns: its second line sits under its
    # first, not under the request ids
    monkeypatch.setenv("COLUMNS", "80")
    lines = run("plan", str(CATALOGUE), "--today", TODAY).stdout.splitlines()
    [at] = [n for n, line in enumerate(lines) if line.startswith("REQ-007  the price")]
    indent = len("REQ-007  ")
    assert lines[at + 1].startswith(" " * indent) and lines[at + 1].strip()
    assert all(len(line.rstrip()) <= 80 for line in lines)


@pytest.mark.parametrize("goal", [None, "priority", "revenue"])
def test_json_has_the_spec_shape(run: Callable[..., Result], goal: str | None) -> None:
    args = ["plan", str(CATALOGUE), "--today", TODAY, "--format", "json"]
    result = run(*args, *(["--optimize", goal] if goal else []))
    plan = json.loads(result.stdout)
    # the spec's keys, and who does each taken request (an addition of issue 13)
    assert set(plan) == {"taken", "declined", "utilisation", "staffing"}
    new = {p.stem for p in (CATALOGUE / "requests").glob("*.yaml")
           if "status: new" in p.read_text()}
    declined = {d["request"] for d in plan["declined"]}
    assert set(plan["taken"]) | declined == new and not set(plan["taken"]) & declined
    assert {"REQ-006", "REQ-007"} <= declined
    for entry in plan["declined"]:
        assert set(entry) == {"request", "reasons", "short_hours"}
        assert all({"code", "message"} <= set(r) for r in entry["reasons"])
    assert {line["request"] for line in plan["staffing"]} == set(plan["taken"])
    for line in plan["staffing"]:
        assert set(line) == {"request", "person", "skill", "hours", "from", "to"}
        assert line["from"] <= line["to"] and line["hours"] > 0
    for cell in plan["utilisation"]:
        assert set(cell) == {"person", "week", "booked_hours", "available_hours"}
        assert 0 <= cell["booked_hours"] <= cell["available_hours"] + 1e-6


@pytest.mark.parametrize("goal", [None, "priority", "revenue"])
def test_the_taken_set_is_jointly_feasible(goal: str | None) -> None:
    cat, _ = load_catalogue(str(CATALOGUE))
    planner = Planner(cat, date.fromisoformat(TODAY))
    plan = make_plan(planner, goal)
    taken = [cat.requests[rid] for rid in plan.taken]
    items = planner.accepted_items()
    for request in taken:
        service = cat.services[request.service]
        _, _, windows = planner.windows(request, service, accepted=False)
        items += planner.items(request, service, windows)
    network = LP(Network(items, list(cat.people.values()), planner.hours))
    served = network.maximise(range(len(items)))
    assert served == pytest.approx(sum(i.hours for i in items), abs=1e-4)


@pytest.mark.parametrize(("goal", "words"), [(None, "Deciding which new requests to take: 0 of "),
                                             ("priority", "Finding the best set of requests: 0 sets")])
def test_progress_is_told_in_words(goal: str | None, words: str) -> None:
    cat, _ = load_catalogue(str(CATALOGUE))
    heard: list[Progress] = []
    plan = make_plan(Planner(cat, date.fromisoformat(TODAY)), goal, progress=heard.append)
    assert heard and progress_words(heard[0]).startswith(words)
    assert plan.taken == make_plan(Planner(cat, date.fromisoformat(TODAY)), goal).taken


def test_html_report(run: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    result = run("plan", str(CATALOGUE), "--today", TODAY, "--format", "html", "-o", str(target))
    assert result.exit_code == 0
    page = target.read_text()
    assert "We can take" in page and "REQ-006" in page
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    # who does each taken request, the monthly one across its months, by the cheapest
    assert "REQ-008 Owen Price raid-management 72 12 h a month, Mar–Aug 2027" in text
    assert "Load by skill" in text and "raid-management 3 1 Mar – 31 Aug 2027 72 h" in text
    # the headline load is over the people and weeks that carry work, not a whole year
    assert re.search(r"\d+% of the hours booked, for the \d+ people and the weeks with work", text)


def test_a_broken_catalogue_is_refused(run: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "pmo.yaml").write_text("schema_version: 1\nname: [\n")
    result = run("plan", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 2
    assert "pmo.yaml:3:1: error yaml-syntax" in result.stderr  # the end of the unclosed list


@pytest.mark.parametrize("command", [["plan"], ["check"], ["menu", "--format", "md"]])
def test_the_catalogue_can_be_named_with_an_option_as_can_take_takes_it(
        run: Callable[..., Result], command: list[str]) -> None:
    by_argument = run(*command, str(CATALOGUE), "--today", TODAY)
    by_option = run(*command, "--catalogue", str(CATALOGUE), "--today", TODAY)
    assert by_option.exit_code == by_argument.exit_code
    assert by_option.stdout == by_argument.stdout
    same = run(*command, f"{CATALOGUE}/", "--catalogue", str(CATALOGUE / "." ), "--today", TODAY)
    assert same.exit_code == by_argument.exit_code  # one catalogue, spelled two ways
    for first, option in (("elsewhere", str(CATALOGUE)), (str(CATALOGUE), "elsewhere")):
        both = run(*command, first, "--catalogue", option, "--today", TODAY)
        assert both.exit_code == 2
        assert "two catalogues named" in both.stderr


def test_a_request_past_the_planning_horizon_is_declined_for_it(
        run: Callable[..., Result], tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, root)
    (root / "requests" / "REQ-900.yaml").write_text(
        "id: REQ-900\nservice: project-health-check\ncustomer: Far Future\n"
        "start: 2037-01-05\ndue: 2037-01-30\nstatus: new\n")
    result = run("plan", str(root), "--today", TODAY, "--format", "json")
    [declined] = [d for d in json.loads(result.stdout)["declined"] if d["request"] == "REQ-900"]
    assert [r["code"] for r in declined["reasons"]] == ["beyond-horizon"]
    assert declined["reasons"][0]["horizon_end"] == "2036-12-01"


@pytest.mark.parametrize("goal", ["priority", "revenue"])
def test_a_time_limit_says_how_close_to_the_best_the_set_is(run: Callable[..., Result], goal: str) -> None:
    args = ["plan", str(CATALOGUE), "--today", TODAY, "--optimize", goal]
    exact = json.loads(run(*args, "--format", "json").stdout)
    limited = json.loads(run(*args, "--format", "json", "--time-limit", "30").stdout)
    # the bundled book is small: the best set is proved well within the limit
    assert limited["optimality_gap"] == 0.0
    assert limited["optimality"].startswith("The best possible ")
    assert "optimality_gap" not in exact
    assert sorted(limited["taken"]) == sorted(exact["taken"])
    text = run(*args, "--time-limit", "30").stdout
    assert "proved within the time limit" in text


def test_the_board_paper_says_how_close_to_the_best_the_set_is(run: Callable[..., Result]) -> None:
    args = ["plan", str(CATALOGUE), "--today", TODAY, "--optimize", "revenue", "--format", "html"]
    assert "proved within the time limit" in run(*args, "--time-limit", "30").stdout
    assert "time limit" not in run(*args).stdout


def test_a_time_limit_needs_optimize(run: Callable[..., Result]) -> None:
    result = run("plan", str(CATALOGUE), "--today", TODAY, "--time-limit", "5")
    assert result.exit_code == 2
    assert "--time-limit goes with --optimize" in result.stderr


ONE_REVIEWER = Path(__file__).parents[1] / "cases" / "can-take" / "one-reviewer" / "catalogue"


@pytest.mark.parametrize("goal", ["priority", "revenue"])
def test_optimize_refuses_work_that_cannot_be_split_rather_than_share_it(
        run: Callable[..., Result], goal: str) -> None:
    result = run("plan", str(ONE_REVIEWER), "--today", TODAY, "--optimize", goal)
    assert result.exit_code == 2
    assert "--optimize does not weigh max_people yet" in result.stderr


def test_the_greedy_plan_with_max_people_leaves_out_a_shared_staffing(
        run: Callable[..., Result]) -> None:
    result = run("plan", str(ONE_REVIEWER), "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["taken"] == ["REQ-001"]
    assert report.get("staffing", []) == []  # a levelled staffing would share one reviewer's work
