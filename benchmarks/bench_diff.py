"""How fast `pmocat diff` is, against the commands it should cost about as much as.

    python benchmarks/bench_diff.py             # 1,000 people, 500 services, 100 + 300 requests
    python benchmarks/bench_diff.py --repeat 1  # once each (the machine is shared)

The planning benchmark's book (benchmarks/synth_planning.py, seeded) is written to
benchmarks/.data/diff/base, and two changed copies beside it:
(1) ten people leave (people who own nothing, so the change is clean) and twenty fixed
prices change: `pmocat diff base capacity` against `pmocat plan` on both sides, run in
the same session (target: no more than 1.5x); (2) twenty services' menu text changes
(no capacity input): `pmocat diff base menu` against `pmocat check` on one side (target:
no more than 1.5x). Every command runs as a user runs it, with the on-disk cache off so
that no run is answered from an earlier one. Not a test: it prints.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data" / "diff"
TODAY = "2026-12-01"
sys.path.insert(0, str(HERE))

import synth_planning  # noqa: E402
import timing  # noqa: E402
from timing import ENV, best_of, pmocat_cmd, run  # noqa: E402


def _copy(base: Path, name: str) -> Path:
    target = DATA / name / "catalogue"
    shutil.rmtree(target.parent, ignore_errors=True)
    shutil.copytree(base, target)
    return target


def people_leave(root: Path, count: int) -> list[str]:
    """Take `count` people who own no service out of the roster; their ids."""
    owners = {m.group(1) for f in (root / "services").glob("*.yaml")
              for m in re.finditer(r"^owner: (\S+)$", f.read_text(), re.M)}
    text = (root / "roster.yaml").read_text()
    blocks = re.split(r"(?m)^(?=  - id: )", text)
    gone: list[str] = []
    kept = []
    for block in blocks:
        found = re.match(r"  - id: (\S+)", block)
        if found and found.group(1) not in owners and len(gone) < count and int(found.group(1)[1:]) % 50 == 7:
            gone.append(found.group(1))
            continue
        kept.append(block)
    (root / "roster.yaml").write_text("".join(kept))
    return gone


def reprice(root: Path, count: int) -> int:
    changed = 0
    for path in sorted((root / "services").glob("*.yaml")):
        text = path.read_text()
        found = re.search(r"\{model: fixed, amount: (\d+)\}", text)
        if found and changed < count:
            path.write_text(text.replace(found.group(0), f"{{model: fixed, amount: {int(found.group(1)) + 250}}}"))
            changed += 1
    return changed


def retext(root: Path, count: int) -> int:
    for n, path in enumerate(sorted((root / "services").glob("*.yaml"))[:count]):
        text = path.read_text()
        path.write_text(re.sub(r"(?m)^summary: .*$", f"summary: Rewritten for the new menu ({n}).", text))
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs")
    args = parser.parse_args(argv)

    base = synth_planning.write_catalogue(DATA / "base" / "catalogue", today=date.fromisoformat(TODAY))
    capacity = _copy(base, "capacity")
    gone = people_leave(capacity, 10)
    prices = reprice(capacity, 20)
    menu = _copy(base, "menu")
    retext(menu, 20)
    assert len(gone) == 10 and prices == 20
    env = {**ENV, "PMOCAT_NO_CACHE": "1"}
    cmd = pmocat_cmd()

    def timed(*words: str) -> float:
        return best_of(lambda: run([*cmd, *words, "--today", TODAY], env=env), args.repeat)

    n = args.repeat
    print(f"pmocat diff benchmark: the planning book (1,000 people, 500 services, 100 accepted + "
          f"300 new requests); Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
          f"wall time, best of {n}, cache off")
    print("\n(1) ten people leave and twenty prices change:")
    plan_base = timed("plan", str(base), "--format", "json")
    plan_head = timed("plan", str(capacity), "--format", "json")
    both = plan_base + plan_head
    print(timing.line("pmocat plan, BASE", plan_base, both))
    print(timing.line("pmocat plan, HEAD", plan_head, both))
    print(timing.line("baseline: plan on both sides", both, both))
    diffed = timed("diff", str(base.parent), str(capacity.parent), "--format", "json")
    print(timing.line("pmocat diff BASE HEAD (target 1.5x)", diffed, both))

    print("\n(2) twenty services' menu text changes (nothing to solve):")
    check = timed("check", str(base), "--format", "concise")
    print(timing.line("baseline: pmocat check, one side", check, check))
    diffed = timed("diff", str(base.parent), str(menu.parent), "--format", "json")
    print(timing.line("pmocat diff BASE HEAD (target 1.5x)", diffed, check))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
