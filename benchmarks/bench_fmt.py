"""How fast `pmocat fmt --check` is, as a ratio to `pmocat check` on the same catalogue,
measured in the same run (the target: within 2x).

    python benchmarks/bench_fmt.py                   # 2,000 services, 1,000 people, 2,000 requests
    python benchmarks/bench_fmt.py --services 200 --people 100 --requests 200 --repeat 3

The synthetic catalogue (benchmarks/synth.py, as bench_check.py uses) is written in
flow style, so it is laid out once first: (a) `pmocat check` on the laid-out copy, the
baseline; (b) `pmocat fmt --check` on it, the case CI meets (every file tidy already);
(c) `pmocat fmt --check` on the synthetic catalogue as written, where every file would
change and is read back to compare values and laid out again; all in one process,
imports done, and again as commands. Times are wall clock, best of N rounds, each round
running every measurement once (interleaved, so a change in the machine's load hits all
alike). Not a test: it prints, and exits 1 only when the laid-out copy is not tidy.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
TODAY = "2026-12-01"
sys.path.insert(0, str(HERE))

import synth  # noqa: E402
import timing  # noqa: E402
from timing import line, pmocat_cmd, run  # noqa: E402

best_of = partial(timing.best_of, budget=30.0)


def pmocat_check(folder: Path) -> int:
    from pmocat.cli.common import load

    return len(load(str(folder), day=date.fromisoformat(TODAY))[1])


def fmt_check(folder: Path) -> int:
    """What `pmocat fmt --check FOLDER` does: how many files would change."""
    from pmocat.sources.files import catalogue_files
    from pmocat.sources.layout import format_file

    return sum(format_file(f.path, f.display, f.shape, f.root).changed
               for f in catalogue_files([folder], None))


def lay_out(folder: Path) -> None:
    from pmocat.sources.files import catalogue_files
    from pmocat.sources.layout import format_file

    for found in catalogue_files([folder], None):
        result = format_file(found.path, found.display, found.shape, found.root)
        if result.changed and result.after is not None:
            found.path.write_text(result.after, encoding="utf-8")


def interleaved(runs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The best of `repeat` rounds for each, one of each per round: on a shared machine
    whose load drifts, what is compared is measured under the same load."""
    best = dict.fromkeys(runs, math.inf)
    for _ in range(repeat):
        for name, fn in runs.items():
            best[name] = min(best[name], best_of(fn, 1))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    sizes = {"services": args.services, "people": args.people, "requests": args.requests,
             "seed": args.seed}
    written, tidy = DATA / "fmt-as-written", DATA / "fmt-tidy"
    synth.generate(written, **sizes)
    shutil.rmtree(tidy, ignore_errors=True)
    shutil.copytree(written, tidy)
    lay_out(tidy)
    files = sum(1 for _ in tidy.rglob("*.yaml"))
    left = fmt_check(tidy)
    n = args.repeat
    print(f"pmocat fmt benchmark: {files:,} files ({args.services:,} services, "
          f"{args.people:,} people, {args.requests:,} requests); Python "
          f"{sys.version.split()[0]}, {os.cpu_count()} CPUs; wall time, best of {n}")

    pmocat_check(tidy)  # imports everything once
    cmd = pmocat_cmd()
    results = interleaved({
        "check": lambda: pmocat_check(tidy),
        "fmt_check": lambda: fmt_check(tidy),
        "fmt_check_as_written": lambda: fmt_check(written),
        "check_process": lambda: run([*cmd, "check", str(tidy), "--format", "concise",
                                      "--today", TODAY]),
        "fmt_check_process": lambda: run([*cmd, "fmt", str(tidy), "--check"]),
    }, n)

    base, base_process = results["check"], results["check_process"]
    print("\nin one process (imports done), against (a):")
    print(line("(a) pmocat check, laid-out catalogue", base, base))
    print(line("(b) pmocat fmt --check, laid-out catalogue", results["fmt_check"], base,
               "target <= 2x"))
    print(line("(c) pmocat fmt --check, as synth.py writes it", results["fmt_check_as_written"],
               base, "every file would change"))
    print("\nas commands (start-up included), against (a) as a command:")
    print(line("(a) pmocat check DIR --format concise", base_process, base_process))
    print(line("(b) pmocat fmt DIR --check", results["fmt_check_process"], base_process,
               "target <= 2x"))
    if args.json:
        args.json.write_text(json.dumps({"files": files, **sizes, "repeat": n,
                                         "seconds": results}, indent=2) + "\n", encoding="utf-8")
    if left:
        print(f"\nNOT TIDY: {left} files of the laid-out copy would still change")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
