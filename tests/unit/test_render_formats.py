"""The machine formats: concise, json, github and sarif say the same thing, each by its rules."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from pmocat.checks import rules
from pmocat.diagnostics import Diagnostic, Span, error, info, warning
from pmocat.render import DIAGNOSTIC_FORMATS, github, render_diagnostics
from pmocat.render.github import escape_data, escape_property

DIAGNOSTICS = [
    error("unknown-key", "unknown key 'lead_time'", Span("catalogue/services/a.yaml", 10, 1),
          "did you mean 'lead_time_days'?"),
    warning("single-chef", "only Ann can cook it", Span("catalogue/services/a.yaml", 9, 13)),
    info("filename-mismatch", "a note, 100% sure:\nreally", Span("catalogue/roster.yaml", 1, 1)),
]


def test_every_format_renders_nothing_found() -> None:
    for fmt in DIAGNOSTIC_FORMATS:
        assert render_diagnostics(fmt, [], files=3) is not None


def test_concise_is_one_line_each_in_order() -> None:
    assert render_diagnostics("concise", DIAGNOSTICS, files=2) == (
        "catalogue/roster.yaml:1:1: info filename-mismatch a note, 100% sure: really\n"
        "catalogue/services/a.yaml:9:13: warning single-chef only Ann can cook it\n"
        "catalogue/services/a.yaml:10:1: error unknown-key unknown key 'lead_time'\n"
    )


def test_json_is_exactly_the_spec() -> None:
    report = json.loads(render_diagnostics("json", DIAGNOSTICS, files=2))
    assert report == {
        "diagnostics": [
            {"code": "filename-mismatch", "severity": "info", "message": "a note, 100% sure:\nreally",
             "path": "catalogue/roster.yaml", "line": 1, "column": 1, "hint": None},
            {"code": "single-chef", "severity": "warning", "message": "only Ann can cook it",
             "path": "catalogue/services/a.yaml", "line": 9, "column": 13, "hint": None},
            {"code": "unknown-key", "severity": "error", "message": "unknown key 'lead_time'",
             "path": "catalogue/services/a.yaml", "line": 10, "column": 1,
             "hint": "did you mean 'lead_time_days'?"},
        ],
        "summary": {"errors": 1, "warnings": 1, "infos": 1, "files": 2},
    }


def test_json_keeps_text_as_text() -> None:
    out = render_diagnostics("json", [error("c", "café £5", Span("x.yaml"))], files=1)
    assert "café £5" in out
    assert json.loads(out)["diagnostics"][0]["message"] == "café £5"


# github ----------------------------------------------------------------------------------

def test_github_workflow_commands() -> None:
    assert render_diagnostics("github", DIAGNOSTICS, files=2).splitlines() == [
        "::notice file=catalogue/roster.yaml,line=1,col=1,title=pmocat filename-mismatch::"
        "a note, 100%25 sure:%0Areally",
        "::warning file=catalogue/services/a.yaml,line=9,col=13,title=pmocat single-chef::"
        "only Ann can cook it",
        "::error file=catalogue/services/a.yaml,line=10,col=1,title=pmocat unknown-key::"
        "unknown key 'lead_time'%0Ahelp: did you mean 'lead_time_days'?",
    ]


def test_github_escaping() -> None:
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert escape_property("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"
    line = render_diagnostics("github", [error("c", "m", Span("odd, name:1.yaml", 2, 3))], files=1)
    assert line == "::error file=odd%2C name%3A1.yaml,line=2,col=3,title=pmocat c::m\n"


def test_github_problems_elsewhere_are_one_notice_after_the_annotations() -> None:
    here, elsewhere = DIAGNOSTICS[:1], DIAGNOSTICS[1:] + DIAGNOSTICS[1:2]
    lines = github.render(here, files=2, elsewhere=elsewhere, catalogue="pmo/catalogue").splitlines()
    assert lines[0].startswith("::error file=catalogue/services/a.yaml,line=10,")
    assert lines[1:] == [
        "::notice title=pmocat::3 more problems (2 warnings, 1 note) in files this pull request "
        "does not change: run 'pmocat check pmo/catalogue' to see them"]


def test_github_one_problem_elsewhere_is_singular_and_none_says_nothing() -> None:
    one = github.render([], files=1, elsewhere=DIAGNOSTICS[:1])
    assert one == ("::notice title=pmocat::1 more problem (1 error) in files this pull request "
                   "does not change: run 'pmocat check catalogue' to see them\n")
    assert github.render(DIAGNOSTICS[:1], files=1, elsewhere=[]) == render_diagnostics(
        "github", DIAGNOSTICS[:1], files=1)


# sarif -----------------------------------------------------------------------------------

#: the SARIF 2.1.0 objects pmocat writes: properties the schema allows, and those it requires
#: (from the OASIS schema, sarif-schema-2.1.0.json; every one of these objects forbids others)
SARIF_OBJECTS: dict[str, tuple[set[str], set[str]]] = {
    "log": ({"$schema", "version", "runs", "inlineExternalProperties", "properties"}, {"version", "runs"}),
    "run": ({"tool", "invocations", "conversion", "language", "versionControlProvenance",
             "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
             "automationDetails", "runAggregates", "baselineGuid", "redactionTokens",
             "defaultEncoding", "defaultSourceLanguage", "newlineSequences", "columnKind",
             "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
             "translations", "policies", "webRequests", "webResponses", "specialLocations",
             "properties"}, {"tool"}),
    "tool": ({"driver", "extensions", "properties"}, {"driver"}),
    "toolComponent": ({"guid", "name", "organization", "product", "productSuite", "shortDescription",
                       "fullDescription", "fullName", "version", "semanticVersion",
                       "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri",
                       "globalMessageStrings", "notifications", "rules", "taxa", "locations",
                       "language", "contents", "isComprehensive", "localizedDataSemanticVersion",
                       "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent",
                       "translationMetadata", "supportedTaxonomies", "properties"}, {"name"}),
    "reportingDescriptor": ({"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
                             "shortDescription", "fullDescription", "messageStrings",
                             "defaultConfiguration", "helpUri", "help", "relationships",
                             "properties"}, {"id"}),
    "multiformatMessageString": ({"text", "markdown", "properties"}, {"text"}),
    "reportingConfiguration": ({"enabled", "level", "rank", "parameters", "properties"}, set()),
    "result": ({"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations",
                "guid", "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints",
                "stacks", "codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions",
                "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris",
                "provenance", "fixes", "taxa", "webRequest", "webResponse", "properties"}, {"message"}),
    "message": ({"text", "markdown", "id", "arguments", "properties"}, {"text"}),
    "location": ({"id", "physicalLocation", "logicalLocations", "message", "annotations",
                  "relationships", "properties"}, set()),
    "physicalLocation": ({"address", "artifactLocation", "region", "contextRegion", "properties"}, set()),
    "artifactLocation": ({"uri", "uriBaseId", "index", "description", "properties"}, set()),
    "region": ({"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
                "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"}, set()),
}
LEVELS = {"none", "note", "warning", "error"}


def conforms(value: dict[str, Any], kind: str) -> None:
    allowed, required = SARIF_OBJECTS[kind]
    assert isinstance(value, dict), kind
    assert set(value) <= allowed, (kind, set(value) - allowed)
    assert required <= set(value), (kind, required - set(value))


def check_sarif(log: dict[str, Any]) -> None:
    """The log against the schema's rules for what pmocat writes, and GitHub's own demands."""
    conforms(log, "log")
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    conforms(run, "run")
    assert run["columnKind"] in {"utf16CodeUnits", "unicodeCodePoints"}
    conforms(run["tool"], "tool")
    driver = run["tool"]["driver"]
    conforms(driver, "toolComponent")
    assert driver["name"] == "pmocat"
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        conforms(rule, "reportingDescriptor")
        for key in ("shortDescription", "fullDescription", "help"):
            conforms(rule[key], "multiformatMessageString")
            assert rule[key]["text"].strip()
        assert len(rule["shortDescription"]["text"]) <= 1024
        assert len(rule["fullDescription"]["text"]) <= 1024
        conforms(rule["defaultConfiguration"], "reportingConfiguration")
        assert rule["defaultConfiguration"]["level"] in LEVELS
        assert rule["helpUri"].startswith("https://")
    for result in run["results"]:
        conforms(result, "result")
        assert result["level"] in LEVELS
        assert isinstance(result["ruleIndex"], int)
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        conforms(result["message"], "message")
        assert 0 < len(result["message"]["text"]) <= 1024
        assert len(result["locations"]) == 1
        location = result["locations"][0]
        conforms(location, "location")
        physical = location["physicalLocation"]
        conforms(physical, "physicalLocation")
        conforms(physical["artifactLocation"], "artifactLocation")
        uri = physical["artifactLocation"]["uri"]
        assert "\\" not in uri and " " not in uri
        conforms(physical["region"], "region")
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["startColumn"] >= 1


def sarif(diagnostics: list[Diagnostic]) -> dict[str, Any]:
    return json.loads(render_diagnostics("sarif", diagnostics, files=2))  # type: ignore[no-any-return]


def test_sarif_conforms() -> None:
    log = sarif(DIAGNOSTICS)
    check_sarif(log)
    assert log["$schema"].startswith("https://")
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("filename-mismatch", "note"), ("single-chef", "warning"), ("unknown-key", "error")]
    assert results[2]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "catalogue/services/a.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 10, "startColumn": 1},
    }
    assert results[2]["message"]["text"] == "unknown key 'lead_time' (help: did you mean 'lead_time_days'?)"


def test_sarif_describes_every_documented_code() -> None:
    driver = sarif([])["runs"][0]["tool"]["driver"]
    described = {rule["id"]: rule for rule in driver["rules"]}
    for rule in rules():
        descriptor = described[rule.code]
        assert descriptor["defaultConfiguration"]["level"] == {
            "error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        assert descriptor["shortDescription"]["text"][0].isupper()
        assert descriptor["helpUri"].endswith(f"#{rule.code}")
        assert rule.body.split("\n", 1)[0] in descriptor["help"]["markdown"]


def test_sarif_describes_an_undocumented_code_too() -> None:
    log = sarif([error("brand-new-code", "m", Span("a.yaml", 1, 1))])
    check_sarif(log)
    rule = log["runs"][0]["tool"]["driver"]["rules"][log["runs"][0]["results"][0]["ruleIndex"]]
    assert rule["id"] == "brand-new-code"


@pytest.mark.parametrize(("path", "location"), [
    ("catalogue/services/a b#c.yaml",
     {"uri": "catalogue/services/a%20b%23c.yaml", "uriBaseId": "%SRCROOT%"}),
    ("../elsewhere/roster.yaml", {"uri": "../elsewhere/roster.yaml", "uriBaseId": "%SRCROOT%"}),
    ("/srv/pmo/roster.yaml", {"uri": "file:///srv/pmo/roster.yaml"}),
])
def test_sarif_paths_are_uris(path: str, location: dict[str, str]) -> None:
    log = sarif([error("c", "m", Span(path, 1, 1))])
    check_sarif(log)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == location


def test_sarif_long_messages_are_cut_for_github() -> None:
    log = sarif([error("c", "x" * 5000, Span("a.yaml", 1, 1))])
    check_sarif(log)
    assert log["runs"][0]["results"][0]["message"]["text"].endswith("…")


@pytest.mark.skipif("PMOCAT_SARIF_SCHEMA" not in os.environ,
                    reason="set PMOCAT_SARIF_SCHEMA to a copy of sarif-schema-2.1.0.json to run")
def test_sarif_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(Path(os.environ["PMOCAT_SARIF_SCHEMA"]).read_text(encoding="utf-8"))
    jsonschema.validate(sarif(DIAGNOSTICS), schema)
