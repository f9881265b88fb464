"""`pmocat can-take` on the bundled catalogue: the answer in text and JSON, and exit codes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Result
from tests.conftest import CATALOGUE, TODAY

Run = Callable[..., Result]
REQUESTS = CATALOGUE / "requests"
KEYS = ["request", "service", "verdict", "window", "demand_hours", "short_hours", "reasons",
        "warnings", "staffing", "price", "cost", "margin", "currency", "earliest_due", "max_quantity"]


def plain(out: str) -> str:
    """The words of a panel, without its borders and line breaks."""
    return " ".join(out.replace("│", " ").replace("╭", " ").replace("╰", " ").split())


def can_take(run: Run, *args: str) -> Result:
    return run("can-take", *args, "--catalogue", str(CATALOGUE), "--today", TODAY)


def as_json(run: Run, *args: str) -> tuple[int, dict[str, Any]]:
    result = can_take(run, *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def test_json_is_exactly_the_spec_object(run: Run) -> None:
    code, answer = as_json(run, str(REQUESTS / "REQ-004.yaml"))
    assert code == 0
    # a health check's review is one person's (max_people: 1): who does each one follows
    assert list(answer) == [*KEYS, "units"]
    assert [(u["unit"], u["skill"], len(u["people"])) for u in answer["units"]] == [
        (1, "assurance", 1), (2, "assurance", 1)]
    assert answer["request"] == "REQ-004" and answer["verdict"] == "yes"
    assert set(answer["window"]) == {"start", "due", "open_days"}
    assert answer["currency"] == "GBP"
    for money in ("price", "cost", "margin"):
        assert isinstance(answer[money], str) and answer[money].count(".") == 1
        assert len(answer[money].split(".")[1]) == 2
    for row in answer["staffing"]:
        assert set(row) == {"person", "skill", "hours"}
        assert round(row["hours"], 2) == row["hours"]
    assert sum(row["hours"] for row in answer["staffing"]) == pytest.approx(answer["demand_hours"], abs=0.05)
    assert answer["earliest_due"] <= answer["window"]["due"]
    assert answer["max_quantity"] == 2


def test_no_says_why_and_what_would_make_it_yes(run: Run) -> None:
    code, answer = as_json(run, str(REQUESTS / "REQ-006.yaml"))
    assert code == 1
    assert answer["verdict"] == "no"
    assert answer["short_hours"] > 0
    shortfalls = [r for r in answer["reasons"] if r["code"] == "skill-shortfall"]
    assert shortfalls and all({"skill", "level", "short_hours", "message"} <= set(r) for r in shortfalls)
    assert sum(r["short_hours"] for r in shortfalls) == pytest.approx(answer["short_hours"], abs=0.02)
    assert answer["earliest_due"] > answer["window"]["due"]
    assert 0 <= answer["max_quantity"] < 10


def test_text_reads_like_an_answer(run: Run) -> None:
    result = can_take(run, str(REQUESTS / "REQ-006.yaml"))
    assert result.exit_code == 1
    out = plain(result.stdout)
    assert "Can we take REQ-006? NO" in out
    assert "No. We're 29 h short of assurance at level 3 or above between 15 and 26 Feb 2027." in out
    # one reviewer per health check (max_people: 1): 8 whole reviews fit, where shared
    # hours would have made 9, and all 10 a day later than shared hours would
    assert "We could deliver all 10 by 3 Mar 2027, or 8 of the 10 by 26 Feb." in out
    assert "Who does each one" in out
    assert "Who could do the part that fits" in out
    assert "£" in out
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal


def test_yes_in_text(run: Run) -> None:
    result = can_take(run, str(REQUESTS / "REQ-004.yaml"))
    assert result.exit_code == 0
    assert "Yes — we can deliver 2 × Project health check by 12 Mar 2027." in plain(result.stdout)
    assert "Who would do it" in result.stdout


def test_a_service_off_the_menu(run: Run) -> None:
    code, answer = as_json(run, str(REQUESTS / "REQ-010.yaml"))
    assert code == 1
    assert [r["code"] for r in answer["reasons"]] == ["not-on-menu"]
    assert answer["earliest_due"] is None and answer["max_quantity"] == 0


def test_an_accepted_request_is_asked_about_once(run: Run) -> None:
    code, answer = as_json(run, str(REQUESTS / "REQ-001.yaml"))
    assert code == 0
    assert any("accepted already" in w for w in answer["warnings"])


def test_inline_request(run: Run) -> None:
    result = can_take(run, "--service", "project-health-check", "--quantity", "2", "--start", "2027-02-01",
                      "--due", "2027-03-12", "--budget", "8000", "--format", "json")
    answer = json.loads(result.stdout)
    assert result.exit_code == 1
    assert answer["request"] is None  # it has no id
    assert [r["code"] for r in answer["reasons"]] == ["over-budget"]
    assert answer["reasons"][0]["budget"] == "8000.00"


def test_an_inline_request_is_named_by_its_service_and_quantity(run: Run) -> None:
    result = can_take(run, "--service", "project-health-check", "--quantity", "2", "--start",
                      "2027-02-01", "--due", "2027-03-12", "--budget", "6000")
    words = plain(result.stdout)
    assert "Can we take 2 × Project health check? NO" in words
    assert "Request 2 × Project health check Window" in words
    assert "nline" not in words
    assert "1 of the 2 would fit it, at £4,500" in words
    named = can_take(run, "--service", "project-health-check", "--customer", "Payroll",
                     "--start", "2027-02-01", "--due", "2027-03-12")
    assert "Request 1 × Project health check for Payroll" in plain(named.stdout)


def test_without_a_due_date_the_answer_is_when(run: Run) -> None:
    result = can_take(run, "--service", "project-health-check", "--start", "2027-02-01")
    assert result.exit_code == 0
    assert ("Yes — 1 × Project health check: the earliest we can deliver is 12 Feb 2027."
            in plain(result.stdout))
    code, answer = as_json(run, "--service", "project-health-check", "--start", "2027-02-01")
    assert code == 0 and answer["verdict"] == "yes"
    assert answer["earliest_due"] == answer["window"]["due"] == "2027-02-12"


def test_without_a_due_date_and_none_that_works_the_answer_says_how_far_it_looked(
        run: Run) -> None:
    result = can_take(run, "--service", "ppm-tool-onboarding", "--start", "2027-07-01",
                      "--horizon", "60")
    assert result.exit_code == 1
    words = plain(result.stdout)
    assert "No. We looked as far as 30 Aug 2027 and found no date that works." in words
    assert "available only until 30 Jun 2027" in words


def test_md_is_a_reply_to_paste(run: Run) -> None:
    result = can_take(run, str(REQUESTS / "REQ-006.yaml"), "--format", "md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "**REQ-006: 10 × Project health check for Group IT Portfolio**", "",
        "No. We're 29 h short of assurance at level 3 or above between 15 and 26 Feb 2027.", "",
        "We could deliver all 10 by 3 Mar 2027, or 8 of the 10 by 26 Feb.", "",
        "Price: £45,000."]


def test_md_shows_catalogue_text_as_written(run: Run, catalogue_copy: Path) -> None:
    service = catalogue_copy / "services" / "project-health-check.yaml"
    service.write_text(service.read_text().replace("name: Project health check",
                                                   'name: "Health *check* [v2]\\u001b[31m"'))
    result = run("can-take", "--service", "project-health-check", "--customer", "<b>Ops</b>",
                 "--start", "2027-02-01", "--due", "2027-02-05", "--catalogue",
                 str(catalogue_copy), "--today", TODAY, "--format", "md")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    first = result.stdout.splitlines()[0]
    assert first == "**1 × Health \\*check\\* \\[v2\\]␛\\[31m for \\<b\\>Ops\\</b\\>**"


def test_unknown_service_suggests_one(run: Run) -> None:
    result = can_take(run, "--service", "project-helth-check", "--due", "2027-03-12")
    assert result.exit_code == 1
    text = plain(result.stdout)
    assert "did you mean 'project-health-check'?" in text
    assert "?." not in text  # the question ends the sentence
    assert "Work" not in text  # an unknown service has no recipe to count hours from


def test_an_invalid_request_file_is_exit_2_with_located_diagnostics(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "REQ-099.yaml"
    bad.write_text("id: REQ-099\nservice: project-health-check\ncustomer: X\nquantity: lots\ndue: 2027-03-12\n")
    result = can_take(run, str(bad))
    assert result.exit_code == 2
    assert f"{bad}:4:11: error" in result.stderr
    assert result.stdout == ""


def test_a_catalogue_with_errors_is_refused(run: Run, catalogue_copy: Path) -> None:
    roster = catalogue_copy / "roster.yaml"
    roster.write_text(roster.read_text().replace("hours_per_week: 37.5", "hours_per_week: lots", 1))
    result = run("can-take", str(REQUESTS / "REQ-004.yaml"), "--catalogue", str(catalogue_copy),
                 "--today", TODAY)
    assert result.exit_code == 2
    assert "error" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("args", [
    [],
    [str(REQUESTS / "REQ-004.yaml"), "--service", "project-health-check"],
    [str(REQUESTS / "REQ-004.yaml"), "--quantity", "3"],
    ["--service", "project-health-check", "--due", "12/03/2027"],
    ["no-such-request.yaml"],
])
def test_usage_errors_are_exit_2_in_one_line(run: Run, args: list[str]) -> None:
    result = can_take(run, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("pmocat: error: ")
    assert result.stdout == ""


def test_help_has_an_example(run: Run) -> None:
    result = run("can-take", "--help")
    assert result.exit_code == 0
    assert "pmocat can-take catalogue/requests/REQ-004.yaml" in result.stdout


def test_warnings_about_other_things_are_summed_up_in_one_line(run: Callable[..., Result],
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    shutil.copytree(CATALOGUE, folder)
    for path in [*sorted((folder / "services").glob("*.yaml"))[:5],
                 folder / "services" / "project-health-check.yaml"]:
        path.rename(path.with_name(f"renamed-{path.name}"))  # filename-mismatch: a warning
    result = run("can-take", str(folder / "requests" / "REQ-001.yaml"), "--catalogue", str(folder),
                 "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    lines = result.stderr.splitlines()
    # the one about the service asked for, then the other five and the licence, counted
    assert len(lines) == 2, result.stderr
    assert "renamed-project-health-check.yaml" in lines[0]
    assert lines[-1] == f"pmocat: 6 other warnings in the catalogue: run 'pmocat check {folder}'"
    assert [w for w in json.loads(result.stdout)["warnings"] if "renamed-project-health-check" in w]


def test_an_invalid_request_file_is_located_and_refused(run: Run, tmp_path: Path) -> None:
    request = tmp_path / "REQ-900.yaml"
    request.write_text((REQUESTS / "REQ-004.yaml").read_text(encoding="utf-8")
                       .replace("quantity: 2", "quantity: two"), encoding="utf-8")
    result = can_take(run, str(request))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{request}:" in result.stderr and " error invalid-type " in result.stderr
    assert result.stderr.endswith(f"pmocat: error: the request in '{request}' is not valid\n")


def test_a_missing_request_file_and_a_bad_option_are_usage_errors(run: Run, tmp_path: Path) -> None:
    result = can_take(run, str(tmp_path / "nowhere.yaml"))
    assert (result.exit_code, result.stderr) == (
        2, f"pmocat: error: no request file at '{tmp_path / 'nowhere.yaml'}'\n")
    result = can_take(run, "--service", "project-health-check", "--due", "2027-03-12",
                      "--budget", "a lot")
    assert result.exit_code == 2
    assert result.stderr == "pmocat: error: --budget takes an amount like 10000 or 12.50; got 'a lot'\n"
    result = can_take(run, "--service", "project-health-check", "--due", "2027-03-12",
                      "--budget", "12.345")
    assert result.exit_code == 2
    assert result.stderr.startswith("pmocat: error: the request is not valid: --budget: ")


def test_another_file_with_a_book_requests_id_is_refused(run: Run, tmp_path: Path) -> None:
    # REQ-001 is accepted: a new file reusing its id would quietly take its work out of the book
    book = REQUESTS / "REQ-001.yaml"
    assert "status: accepted" in book.read_text(encoding="utf-8")
    impostor = tmp_path / "REQ-001.yaml"
    impostor.write_text(book.read_text(encoding="utf-8").replace("status: accepted", "status: new"),
                        encoding="utf-8")
    result = can_take(run, str(impostor))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        f"pmocat: error: '{impostor}' has the id 'REQ-001', which the accepted request in "
        f"'{book}' already has; give it an id of its own, or ask about that file itself\n")


def test_a_file_outside_the_book_that_says_accepted_is_refused(run: Run, tmp_path: Path) -> None:
    # an accepted request has no notice period: a file cannot claim that for itself
    claimed = tmp_path / "REQ-900.yaml"
    claimed.write_text((REQUESTS / "REQ-004.yaml").read_text(encoding="utf-8")
                       .replace("id: REQ-004", "id: REQ-900")
                       .replace("status: new", "status: accepted"), encoding="utf-8")
    assert "status: accepted" in claimed.read_text(encoding="utf-8")
    result = can_take(run, str(claimed))
    assert (result.exit_code, result.stdout) == (2, "")
    assert "says status: accepted, but the book of work does not hold it" in result.stderr


def test_a_new_book_requests_id_in_another_file_is_asked_about_as_written(
        run: Run, tmp_path: Path) -> None:
    # REQ-004 is new, so it is not in the book: a copy changes nothing the book holds
    copy = tmp_path / "REQ-004.yaml"
    copy.write_text((REQUESTS / "REQ-004.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert "status: accepted" not in copy.read_text(encoding="utf-8")
    assert can_take(run, str(copy)).stdout == can_take(run, str(REQUESTS / "REQ-004.yaml")).stdout


def test_the_book_requests_own_file_is_answered_as_the_book_sees_it(run: Run) -> None:
    code, answer = as_json(run, str(REQUESTS / "REQ-001.yaml"))
    assert code in (0, 1) and answer["request"] == "REQ-001"
    assert answer["warnings"][0].startswith("REQ-001 is accepted already")


def test_a_request_past_the_planning_horizon_names_the_horizon(run: Run, tmp_path: Path) -> None:
    # it used to say "only 0 open days between 5 Jan and 30 Jan 2037"
    request = tmp_path / "REQ-900.yaml"
    request.write_text("id: REQ-900\nservice: project-health-check\ncustomer: Far Future\n"
                       "start: 2037-01-05\ndue: 2037-01-30\n")
    result = can_take(run, str(request))
    assert result.exit_code == 1
    words = plain(result.stdout)
    assert "It is due 30 Jan 2037, past 1 Dec 2036, the furthest ahead pmocat plans" in words
    assert "open day" not in words.split("Request")[0]
    code, answer = as_json(run, str(request))
    assert code == 1
    assert answer["reasons"] == [{
        "code": "beyond-horizon",
        "message": "it is due 30 Jan 2037, past 1 Dec 2036, the furthest ahead pmocat plans",
        "horizon_end": "2036-12-01"}]
    # inline, with a window that starts before the horizon and ends after it
    code, answer = as_json(run, "--service", "project-health-check", "--start", "2036-11-02",
                           "--due", "2036-12-31")
    assert [r["code"] for r in answer["reasons"]] == ["beyond-horizon"]
