"""How fast `pmocat can-take` answers as a command at 1,000 people, against a baseline run
alternately with it.

    python benchmarks/bench_can_take.py              # twenty new requests, each once
    python benchmarks/bench_can_take.py --sample 5   # a quick look
    python benchmarks/bench_can_take.py --in-process # and where one answer's time goes

The book is the planning benchmark's (benchmarks/synth_planning.py: 1,000 people, 500
services, 100 accepted and 300 new requests). Each of `--sample` new requests, spread
over the book, is asked as a command (`pmocat can-take REQ --format json`), and right
before it the baseline runs: `pmocat check DIR --ignore book-does-not-fit --format
concise`, which pays what every command pays before it answers (start-up, imports,
reading and checking the 1,500 files). On a shared machine the baseline moves with the
load as can-take does, so the ratio is the steadier figure. Issue 16's targets: a
median under 1 s and the slowest of twenty under 1.5 s. Not a test: it prints.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data" / "planning"
TODAY = "2026-12-01"
sys.path.insert(0, str(HERE))

import synth_planning  # noqa: E402
from timing import pmocat_cmd, run  # noqa: E402


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    run(cmd)
    return time.perf_counter() - start


def in_process(folder: Path, rids: list[str]) -> None:
    """Where one answer's time goes: reading and checking, the planner, the answer."""
    import gc

    from pmocat.cli.common import load
    from pmocat.planning.book import Planner
    from pmocat.planning.can_take import answer

    day = date.fromisoformat(TODAY)
    start = time.perf_counter()
    cat = load(str(folder), skip={"book-does-not-fit"}, day=day)[0]
    loaded = time.perf_counter() - start
    gc.freeze()
    print(f"\nin one process: read and check {loaded * 1000:.0f} ms; then per request:")
    for rid in rids:
        start = time.perf_counter()
        planner = Planner(cat, day)
        planner.hours  # noqa: B018 (every person's hours, computed once)
        ready = time.perf_counter()
        found = answer(planner, cat.requests[rid])
        end = time.perf_counter()
        print(f"  {rid} ({found.verdict}): planner and hours {(ready - start) * 1000:5.0f} ms, "
              f"answer {(end - ready) * 1000:5.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=20, help="new requests asked (default 20)")
    parser.add_argument("--in-process", action="store_true",
                        help="also time the steps of an answer in one process")
    args = parser.parse_args(argv)

    folder = synth_planning.write_catalogue(DATA, today=date.fromisoformat(TODAY))
    new = sorted(p.stem for p in (folder / "requests").glob("*.yaml")
                 if "status: new" in p.read_text(encoding="utf-8"))
    rids = new[:: max(1, len(new) // args.sample)][: args.sample]
    cmd = pmocat_cmd()
    base_cmd = [*cmd, "check", str(folder), "--ignore", "book-does-not-fit", "--format", "concise",
                "--today", TODAY]
    print(f"pmocat can-take as a command: {len(rids)} new requests of the planning benchmark's "
          f"book (1,000 people); Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
          "each after its baseline run")
    run(base_cmd)  # bytecode and the holiday cache written once
    base, took = [], []
    for rid in rids:
        base.append(timed(base_cmd))
        took.append(timed([*cmd, "can-take", str(folder / "requests" / f"{rid}.yaml"),
                           "--catalogue", str(folder), "--today", TODAY, "--format", "json"]))
    slowest = max(range(len(rids)), key=lambda k: took[k])
    median, base_median = statistics.median(took), statistics.median(base)
    ratios = [t / b for t, b in zip(took, base, strict=True)]
    print(f"  baseline (check --ignore book-does-not-fit), median  {base_median * 1000:6.0f} ms")
    print(f"  can-take, median                                    {median * 1000:6.0f} ms "
          f"{median / base_median:5.2f}x  target < 1 s")
    print(f"  can-take, slowest ({rids[slowest]})                      "
          f"{took[slowest] * 1000:6.0f} ms {took[slowest] / base[slowest]:5.2f}x  target < 1.5 s "
          f"(its baseline {base[slowest] * 1000:.0f} ms)")
    print(f"  can-take over its own baseline run: median {statistics.median(ratios):.2f}x, "
          f"most {max(ratios):.2f}x")
    if args.in_process:
        in_process(folder, rids[:5])
    return 0


if __name__ == "__main__":
    sys.exit(main())
