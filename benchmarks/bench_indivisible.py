"""How fast can-take, plan and check are when work cannot be split (`max_people`, issue 17).

    python benchmarks/bench_indivisible.py                       # the planning benchmark's book
    python benchmarks/bench_indivisible.py --people 100 --services 50 --accepted 10 --new 30

The planning benchmark's synthetic PMO (synth_planning.py, seeded) is written twice under
benchmarks/.data/: as it is (divisible), and with `max_people: 1` on every third recipe
line and `max_people: 2` on the next (a third and a third). Both are timed in the same
run, as commands (subprocess, wall clock): `pmocat can-take` on --sample new requests
spread over the book (median and slowest; targets under 3 s and 6 s), `pmocat plan`
(target under 60 s), and `pmocat check` on the bundled catalogue (target under 0.3 s).
A command past --timeout seconds is stopped and reported as such. Not a test: it prints.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TODAY = "2026-12-01"
sys.path.insert(0, str(HERE))

import synth_planning  # noqa: E402


def limit_people(root: Path) -> int:
    """max_people 1 on every third recipe line, 2 on the next; how many lines changed."""
    changed = 0
    count = 0
    for path in sorted((root / "services").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, text in enumerate(lines):
            if re.match(r"  - \{skill: .*hours: \d+\}$", text):
                most = (1, 2, None)[count % 3]
                count += 1
                if most is not None:
                    lines[n] = text[:-1] + f", max_people: {most}}}"
                    changed += 1
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def timed(args: list[str], timeout: float) -> float | None:
    """Seconds a pmocat command took, or None when it ran past the timeout."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="100", NO_COLOR="1")
    start = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-m", "pmocat", *args], env=env, cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - start


def said(seconds: float | None, timeout: float) -> str:
    return f"> {timeout:.0f} s (stopped)" if seconds is None else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--services", type=int, default=500)
    parser.add_argument("--accepted", type=int, default=100)
    parser.add_argument("--new", type=int, default=300)
    parser.add_argument("--sample", type=int, default=20, help="new requests asked about")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a command is stopped")
    parser.add_argument("--no-plan", action="store_true", help="leave out pmocat plan")
    options = parser.parse_args(argv)
    books = {}
    for kind in ("divisible", "max_people"):
        folder = HERE / ".data" / f"indivisible-{kind}"
        synth_planning.write_catalogue(folder, people=options.people, services=options.services,
                                       accepted=options.accepted, new=options.new)
        if kind == "max_people":
            print(f"max_people on {limit_people(folder)} recipe lines")
        books[kind] = folder
    requests = sorted((books["divisible"] / "requests").glob("*.yaml"))
    new = [p.stem for p in requests if "status: new" in p.read_text(encoding="utf-8")]
    step = max(len(new) // options.sample, 1)
    sample = new[::step][: options.sample]
    print(f"{options.people} people, {options.services} services, {options.accepted} accepted and "
          f"{options.new} new requests; can-take on {len(sample)} of them")
    for kind, folder in books.items():
        times = [timed(["can-take", str(folder / "requests" / f"{rid}.yaml"), "--catalogue", str(folder),
                        "--today", TODAY], options.timeout) for rid in sample]
        done = [t for t in times if t is not None]
        stopped = len(times) - len(done)
        median = statistics.median([t if t is not None else float("inf") for t in times])
        print(f"{kind:>10}: can-take median {said(median if median != float('inf') else None, options.timeout)}, "
              f"slowest {said(max(done) if not stopped and done else None, options.timeout)}"
              + (f" ({stopped} stopped)" if stopped else ""))
        if not options.no_plan:
            seconds = timed(["plan", str(folder), "--today", TODAY], options.timeout * 5)
            print(f"{kind:>10}: plan {said(seconds, options.timeout * 5)}")
    check = [timed(["check", "catalogue", "--today", TODAY], options.timeout) for _ in range(5)]
    print(f"check on the bundled catalogue: best of 5 {min(t for t in check if t is not None):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
