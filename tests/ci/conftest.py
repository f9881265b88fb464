"""A pretend GitHub for the CI helpers: a fake `gh` on PATH, and a workflow run's environment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

FAKE_GH = Path(__file__).resolve().parent / "fake_gh.py"

needs_posix = pytest.mark.skipif(os.name != "posix" or shutil.which("bash") is None,
                                 reason="runs shell scripts, as GitHub's Linux runners do")


@dataclass
class GitHub:
    """The fake gh's folder and files, and the environment of a pull_request workflow run."""

    root: Path
    bin: Path
    env: dict[str, str] = field(default_factory=dict)

    def calls(self) -> list[dict[str, Any]]:
        record = Path(self.env["FAKE_GH_CALLS"])
        if not record.exists():
            return []
        return [json.loads(line) for line in record.read_text().splitlines()]

    def methods(self) -> list[str]:
        """Each call as 'METHOD endpoint'."""
        found = []
        for call in self.calls():
            argv = call["argv"]
            method = argv[argv.index("--method") + 1] if "--method" in argv else "GET"
            endpoint = next(a for a in argv[1:] if not a.startswith("-") and a not in {"GET", "POST", "PATCH"})
            found.append(f"{method} {endpoint}")
        return found

    def comments(self) -> list[dict[str, Any]]:
        state = Path(self.env["FAKE_GH_STATE"])
        return list(json.loads(state.read_text())["comments"]) if state.exists() else []

    def seed(self, *comments: tuple[int, str]) -> None:
        """Comments already on the pull requests, as (pull request, body)."""
        Path(self.env["FAKE_GH_STATE"]).write_text(json.dumps({
            "comments": [{"id": n + 1, "pr": pr, "body": body, "html_url": f"u{n + 1}"}
                         for n, (pr, body) in enumerate(comments)],
            "next": len(comments) + 1}))

    def tool(self, name: str, script: str) -> None:
        """Put a program called `name` on the fake PATH: a shell script."""
        path = self.bin / name
        path.write_text("#!/bin/sh\n" + script)
        path.chmod(0o755)

    def run(self, args: list[str], *, cwd: Path, env: dict[str, str] | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=cwd, env={**self.env, **(env or {})}, input=stdin,
                              capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def github(tmp_path: Path) -> GitHub:
    root = tmp_path / "github"
    bin_dir = root / "bin"
    bin_dir.mkdir(parents=True)
    gh = bin_dir / "gh"
    gh.write_text(f"#!/bin/sh\nexec '{sys.executable}' '{FAKE_GH}' \"$@\"\n")
    gh.chmod(0o755)
    # `python` and `pmocat` as the action's own install leaves them: this checkout's
    python = bin_dir / "python"
    python.write_text(f"#!/bin/sh\nexec '{sys.executable}' \"$@\"\n")
    python.chmod(0o755)
    event = root / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}))
    (root / "temp").mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_", "INPUT_", "GH_", "FAKE_"))},
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1", "COLUMNS": "100",
        "FAKE_GH_STATE": str(root / "state.json"), "FAKE_GH_CALLS": str(root / "calls.jsonl"),
        "GH_TOKEN": "not-a-token",
        "GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main",
        "GITHUB_REPOSITORY": "pmo/catalogue", "GITHUB_EVENT_PATH": str(event),
        "GITHUB_OUTPUT": str(root / "output"), "GITHUB_STEP_SUMMARY": str(root / "summary.md"),
        "RUNNER_TEMP": str(root / "temp"),
    }
    return GitHub(root, bin_dir, env)


def outputs(github: GitHub) -> dict[str, str]:
    """What the step wrote to $GITHUB_OUTPUT, as name=value lines."""
    path = Path(github.env["GITHUB_OUTPUT"])
    if not path.exists():
        return {}
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
