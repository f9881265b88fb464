"""A request file loads like every other file: the request, or None and located diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmocat.errors import PmocatError
from pmocat.sources.requests import inline_request, request_from_file
from tests.conftest import CATALOGUE


def test_a_valid_request_file_gives_the_request_and_nothing_wrong() -> None:
    request, problems = request_from_file(str(CATALOGUE / "requests" / "REQ-004.yaml"))
    assert request is not None and request.id == "REQ-004"
    assert problems == []


def test_an_invalid_request_file_gives_located_diagnostics(tmp_path: Path) -> None:
    path = tmp_path / "REQ-900.yaml"
    path.write_text("id: REQ-900\nservice: x\ncustomer: y\nquantity: two\ndue: 2027-03-12\n",
                    encoding="utf-8")
    request, problems = request_from_file(str(path))
    assert request is None
    assert [(d.code, d.span.line, d.span.column) for d in problems] == [("invalid-type", 4, 11)]


def test_a_request_file_that_is_not_yaml_gives_its_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "REQ-901.yaml"
    path.write_text("id: [REQ-901\n", encoding="utf-8")
    request, problems = request_from_file(str(path))
    assert request is None and [d.code for d in problems] == ["yaml-syntax"]


def test_a_missing_request_file_or_a_bad_option_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(PmocatError, match="no request file at"):
        request_from_file(str(tmp_path / "nowhere.yaml"))
    with pytest.raises(PmocatError, match="--quantity: ") as raised:
        inline_request(service="x", quantity=0, due="2027-03-12")
    assert raised.value.exit_code == 2
