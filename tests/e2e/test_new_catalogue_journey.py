"""Issue 15's "done when", as a new PMO lives it: from an empty git repository to a clean,
committed catalogue with init, new, import roster and fmt alone, reading only what the
commands print. Each step runs `pmocat` as a separate process, as a shell would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]

TODAY = "2026-12-01"


def pmocat(here: Path, *args: str, status: int = 0) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "-m", "pmocat", *args], cwd=here, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == status, f"pmocat {' '.join(args)}: {done.stdout}{done.stderr}"
    assert "Traceback" not in done.stderr
    return done


def git(here: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "PMO", "GIT_AUTHOR_EMAIL": "pmo@example.org",
           "GIT_COMMITTER_NAME": "PMO", "GIT_COMMITTER_EMAIL": "pmo@example.org",
           "GIT_CEILING_DIRECTORIES": str(here.parent)}
    return subprocess.run(["git", *args], cwd=here, env=env, capture_output=True, text=True,
                          check=True).stdout


def fill_in(path: Path, **values: str) -> None:
    """What the analyst does in an editor: set the keys `new` said to fill in."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, count = re.subn(rf"^{key}: [^#\n]*?(\s*#|$)", rf"{key}: {value}\1", text,
                              count=1, flags=re.M)
        assert count == 1, f"no '{key}:' line in {path}"
    path.write_text(text, encoding="utf-8")


def test_from_nothing_to_a_clean_committed_catalogue(tmp_path: Path) -> None:
    here = tmp_path / "our-pmo"
    here.mkdir()
    git(here, "init", "-q")

    started = pmocat(here, "init", "--today", TODAY)
    assert "pmocat new KIND ID -c catalogue" in started.stderr  # init says what comes next
    assert (here / ".pre-commit-config.yaml").is_file()

    added = pmocat(here, "new", "service", "pmo-set-up", "--today", TODAY)
    assert "Fill in:" in added.stderr and "status: live" in added.stderr
    fill_in(here / "catalogue" / "services" / "pmo-set-up.yaml", name="PMO set-up",
            summary="A PMO for your programme, running in four weeks.", status="live")

    person = pmocat(here, "new", "person", "carol", "--today", TODAY)
    assert "added person 'carol' to catalogue/roster.yaml" in person.stderr

    (here / "hr.csv").write_text(
        "Employee ID,Login,Full name,Job title,FTE,Day rate,Assurance\n"
        "1042,djones,Dave Jones,Project analyst,1,300,3\n"
        "1043,carol,Carol Diaz,Analyst,0.6,280,2\n", encoding="utf-8")
    imported = pmocat(here, "import", "roster", "hr.csv", "--today", TODAY, "--map",
                      "id=Login,name=Full name,role=Job title,hours_per_week=FTE*37.5,"
                      "cost_per_hour=Day rate/7.5,skills.assurance=Assurance")
    assert "added    djones  Dave Jones" in imported.stdout
    assert "changed  carol" in imported.stdout

    pmocat(here, "fmt")
    pmocat(here, "fmt", "--check")
    checked = pmocat(here, "check", "--strict", "--today", TODAY)
    assert "All clear" in checked.stdout + checked.stderr

    git(here, "add", "-A")
    git(here, "commit", "-q", "-m", "Our catalogue")
    assert git(here, "status", "--porcelain") == ""
    committed = git(here, "ls-files")
    assert "catalogue/services/pmo-set-up.yaml" in committed
    assert "djones" in (here / "catalogue" / "roster.yaml").read_text(encoding="utf-8")
