"""The GitHub Action (action.yml): its inputs, steps and outputs, and the script it runs.
tests/ci/test_action_script.py runs that script as GitHub would."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tests.conftest import ROOT

ACTION = ROOT / "action.yml"
SCRIPT = ROOT / "scripts" / "action.sh"


def load(path: Path) -> Any:
    """YAML 1.2, as GitHub reads it."""
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


# action.yml ----------------------------------------------------------------------------

def test_the_action_has_exactly_the_five_inputs_each_with_a_description_and_default() -> None:
    action = load(ACTION)
    assert list(action["inputs"]) == ["catalogue", "strict", "diff", "fail-on", "sarif"]
    for name, spec in action["inputs"].items():
        assert spec["description"].strip(), name
        assert isinstance(spec["default"], str), f"{name}: a default GitHub passes as text"
    assert action["inputs"]["catalogue"]["default"] == "catalogue"


def test_the_action_is_composite_installs_itself_and_runs_the_script() -> None:
    action = load(ACTION)
    assert action["runs"]["using"] == "composite"
    install, run = action["runs"]["steps"]
    assert '"$GITHUB_ACTION_PATH"' in install["run"]  # pmocat from the action's own path
    assert ">> \"$GITHUB_PATH\"" in install["run"]
    assert run["run"] == 'bash "$GITHUB_ACTION_PATH/scripts/action.sh"'
    assert all(step["shell"] == "bash" for step in action["runs"]["steps"])
    # every input reaches the script, under the name it reads
    wanted = {f"INPUT_{name.upper().replace('-', '_')}": f"${{{{ inputs.{name} }}}}"
              for name in action["inputs"]}
    assert {k: v for k, v in run["env"].items() if k.startswith("INPUT_")} == wanted
    assert set(re.findall(r"\$\{(INPUT_[A-Z_]+)", SCRIPT.read_text())) == set(wanted)
    # the outputs are the ones the script writes
    written = set(re.findall(r"^\s*(?:if .*then )?output ([a-z-]+) ", SCRIPT.read_text(), re.M))
    assert written == set(action["outputs"])
    for name, spec in action["outputs"].items():
        assert spec["value"] == f"${{{{ steps.{run['id']}.outputs.{name} }}}}"
