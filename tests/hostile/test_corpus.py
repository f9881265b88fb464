"""The hostile corpus: catalogues an attacker (or an accident) could commit, run through
every command pmocat has.

Each entry breaks the minimal example in one way. Every command runs over it, in a fresh
process with a timeout: `check` in every format, `can-take`, `plan` in text and JSON,
`menu` in every format, `new`, and `fmt` with `--check`, `--diff` and rewriting. None may print a traceback or an internal error, hang, or print
anything from outside the catalogue (a secret file beside it and a secret in the
environment are planted for each run). A catalogue that cannot be trusted is refused:
`check` exits 1 with a located diagnostic, and every other command exits 2 after listing
the located errors. A catalogue that is hostile but valid (names that look like markup
or terminal codes, links in descriptions) is answered with its text shown, never obeyed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, ROOT, TODAY

SECRET = "SECRET-OUTSIDE-THE-CATALOGUE-7f3a"
#: what a located diagnostic looks like in concise output, and in the errors other commands list
LOCATED = re.compile(r"^\S+:\d+:\d+: (error|warning) [a-z-]+ ", re.M)
#: terminal control and bidi characters that must never reach a terminal raw
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

Edit = Callable[[Path, Path], None]


def _replace(file: str, old: str, new: str) -> Edit:
    def edit(root: Path, _: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _write(file: str, text: str) -> Edit:
    def edit(root: Path, _: Path) -> None:
        (root / file).write_text(text, encoding="utf-8")
    return edit


def _link(file: str, target: str) -> Edit:
    """A symlink in the catalogue; `{outside}` in the target is the secret file beside it."""
    def edit(root: Path, outside: Path) -> None:
        path = root / file
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target.format(outside=outside))
    return edit


def _fifo(file: str) -> Edit:
    def edit(root: Path, _: Path) -> None:
        os.mkfifo(root / file)
    return edit


def _requests_is_a_file(root: Path, _: Path) -> None:
    shutil.rmtree(root / "requests")
    (root / "requests").write_text("not a folder\n", encoding="utf-8")


@dataclass(frozen=True)
class Entry:
    name: str
    edit: Edit
    #: True: the catalogue must be refused; False: hostile but valid, answered harmlessly
    broken: bool = True
    #: text that must appear, harmless, in can-take's and the menu's output (valid entries)
    shown: str = ""


CORPUS = [
    # a clean check on a broken catalogue
    Entry("null-people", _write("roster.yaml", "people:\n")),
    Entry("null-skills", _replace("skills.yaml", "skills:", "skills:\nnothing:")),
    Entry("null-ingredients", _write("ingredients.yaml", "ingredients:\n")),
    Entry("null-holidays", _replace("pmo.yaml", "currency: GBP", "currency: GBP\nholidays:")),
    Entry("requests-not-a-folder", _requests_is_a_file),
    # reading what is not the catalogue's
    Entry("link-to-a-secret", _link("services/x.yaml", "{outside}")),
    Entry("link-to-passwd", _link("services/x.yaml", "/etc/passwd")),
    Entry("link-to-environ", _link("roster.yaml", "/proc/self/environ")),
    Entry("link-to-dev-zero", _link("services/x.yaml", "/dev/zero")),
    Entry("link-loop", _link("pmo.yaml", "pmo.yaml")),
    Entry("requests-linked-outside", _link("requests", "/etc")),
    Entry("fifo", _fifo("services/x.yaml")),
    # a file built to exhaust the reader
    Entry("alias-bomb", _write("services/x.yaml", "id: x\n" + "".join(
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9 if n else ['x'] * 9)}]\n" for n in range(9)))),
    Entry("deep-nesting", _write("services/x.yaml", "id: x\nx: " + "[" * 5000 + "]" * 5000 + "\n")),
    Entry("python-tag", _write("services/x.yaml",
                               "id: x\nname: !!python/object/apply:os.system [echo pwned]\n")),
    # wrong answers
    Entry("overlapping-hours", _replace("pmo.yaml", 'mon: "09:00-17:00"',
                                        'mon: ["09:00-17:00", "09:00-17:00", "10:00-18:00"]')),
    Entry("yaml-1.2-underscore", _replace("services/project-health-check.yaml", "hours: 24}",
                                          "hours: 1_000}")),
    Entry("quantity-as-text", _replace("requests/REQ-001.yaml", "quantity: 1", 'quantity: "3"')),
    # hostile but valid: shown, never obeyed
    Entry("markup-names", _replace("services/project-health-check.yaml",
                                   "name: Project health check",
                                   "name: Health check [/v2] [link=https://evil.example]Portal[/link]"),
          broken=False, shown="[/v2]"),
    Entry("terminal-codes", _replace("services/project-health-check.yaml",
                                     "name: Project health check",
                                     'name: "Health\\e]0;pwned\\a check \\e[2J\\u202eevil"'),
          broken=False),
    Entry("javascript-link", _replace(
        "services/project-health-check.yaml",
        "summary: An independent review of a project's health, with a RAG report.",
        "summary: An independent review.\ndescription: |\n  [A](java&#115;cript:alert(1)) and "
        "![x](https://evil.example/x.png)\n\n  [B][r]\n\n  [r]: javascript:alert(2)\n"),
          broken=False),
]


def _commands(root: Path, out: Path) -> list[list[str]]:
    request = root / "requests" / "REQ-001.yaml"
    ask = ([str(request)] if request.is_file() and not request.is_symlink()
           else ["--service", "project-health-check", "--due", "2027-03-12"])
    today = ["--today", TODAY]
    return [
        *(["check", str(root), "--format", fmt, *today]
          for fmt in ("text", "concise", "json", "github", "sarif")),
        ["can-take", *ask, "--catalogue", str(root), *today],
        ["can-take", *ask, "--catalogue", str(root), "--format", "json", *today],
        ["plan", str(root), *today],
        ["plan", str(root), "--format", "json", *today],
        *(["menu", str(root), "--format", fmt, *today] for fmt in ("md", "html", "json")),
        ["menu", str(root), "--format", "pdf", "-o", str(out / "menu.pdf"), *today],
        ["fmt", str(root), "--check"],
        ["fmt", str(root), "--diff"],
        ["new", "person", "zed-new", "-c", str(root), *today],
        ["fmt", str(root)],  # last: it rewrites the files
    ]


def _run_all(commands: list[list[str]], cwd: Path) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "100",
           "PMOCAT_TEST_SECRET": SECRET, "PMOCAT_NO_CACHE": "1"}
    env.pop("FORCE_COLOR", None)
    try:
        done = subprocess.run([sys.executable, "-m", "tests.hostile.driver", json.dumps(commands)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                              check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"pmocat hung on the catalogue in {cwd}")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    results: list[dict[str, object]] = json.loads(done.stdout)
    return results


@pytest.mark.slow
@pytest.mark.parametrize("entry", CORPUS, ids=[e.name for e in CORPUS])
def test_every_command_survives(entry: Entry, tmp_path: Path) -> None:
    root = tmp_path / "catalogue"
    shutil.copytree(MINIMAL, root)
    outside = tmp_path / "secret.yaml"
    outside.write_text(f"id: {SECRET}\nname: {SECRET}\n", encoding="utf-8")
    entry.edit(root, outside)
    results = _run_all(_commands(root, tmp_path), tmp_path)
    for result in results:
        argv, code = " ".join(map(str, result["argv"])), result["code"]  # type: ignore[call-overload]
        stdout, stderr = str(result["stdout"]), str(result["stderr"])
        said = stdout + stderr
        assert "Traceback" not in said and "internal error" not in said, (argv, said[-1500:])
        assert SECRET not in said, f"{argv} printed what lies outside the catalogue"
        assert "root:x:0:0" not in said, f"{argv} printed /etc/passwd"
        terminal = argv.split("--format ")[-1].split()[0] not in ("json", "sarif")
        if terminal:
            assert not CONTROLS.search(said), f"{argv} sent control characters to the terminal"
        if result["argv"][0] in ("fmt", "new"):  # type: ignore[index]
            # they write the catalogue rather than answer from it: a broken value is
            # theirs to keep; a file they cannot read is located and refused (exit 2)
            assert code in (0, 1, 2), (argv, code, stderr[-800:])
            assert code != 2 or LOCATED.search(stderr) or "pmocat: error:" in stderr, argv
            continue
        if not entry.broken:
            assert code in (0, 1), (argv, code, stderr[-800:])
            continue
        if result["argv"][0] == "check":  # type: ignore[index]
            assert code == 1, (argv, code, stderr[-800:])
        else:
            assert code == 2, (argv, code, stdout[-800:], stderr[-800:])
            assert LOCATED.search(stderr), (argv, stderr[-800:])
    if entry.broken:
        concise = next(r for r in results if r["argv"][:4][-1] == "concise")  # type: ignore[index]
        assert LOCATED.search(str(concise["stdout"])), concise
    if entry.shown:
        for result in results:
            argv = result["argv"]
            # as written in a panel and a web page (Markdown escapes its brackets, rightly)
            shows = (argv[0] == "can-take" and "json" not in argv) or "html" in argv  # type: ignore[index,operator]
            if shows and result["code"] in (0, 1):
                assert entry.shown in str(result["stdout"]), argv


def test_the_corpus_checks_what_it_claims(tmp_path: Path) -> None:
    """Each entry's edit applies to the minimal example (its text is still there)."""
    for entry in CORPUS:
        root = tmp_path / entry.name
        shutil.copytree(MINIMAL, root)
        entry.edit(root, tmp_path / "secret.yaml")
