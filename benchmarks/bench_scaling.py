"""How `pmocat check` grows with the catalogue, against a bare parse of the same files.

    python benchmarks/bench_scaling.py                  # 1x, 2x, 4x, half the requests accepted
    python benchmarks/bench_scaling.py --tenfold        # and 10x (minutes, several GB)
    python benchmarks/bench_scaling.py --accepted 0.09  # synth.py's usual light book
    python benchmarks/bench_scaling.py --json scaling.json && python benchmarks/plot_scaling.py scaling.json

1x is synth.py's default catalogue (2,000 services, 1,000 people, 2,000 requests, 60
skills, 150 ingredients); 2x doubles every count, and so on. By default half the
requests are accepted (`synth.py --accepted 0.5`): a heavily booked book, the case
that grew fastest (issue 16). At every size, each step runs as a command, cold (a fresh
process, `PMOCAT_NO_CACHE=1`, as on a CI runner), from this checkout:

- the floor: PyYAML's C loader over every file, values only;
- `pmocat check DIR --format concise`;
- with `--also can-take` and/or `--also plan` (opt-in: at 1x on the shared 2-core
  machine can-take took about 30 s and plan about 12 s, each run once):
  `pmocat can-take REQ.yaml -c DIR` for the catalogue's first new request, and
  `pmocat plan DIR`.

It prints, per size, wall time (best of 3) and peak memory (the process's maximum
resident set, from `os.wait4`), with the ratio to the floor and to the previous size (a
second table for can-take and plan). Not a test: it exits 1 when a command grows faster
than 2.5x per doubling of the input (2.5x from 1x to 2x, about 3.4x from 4x to 10x), in
time or in memory, and 0 otherwise. The floor is the yardstick, not gated: its time is
the noisiest on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
TODAY = "2026-12-01"
#: the most a step may grow for an input twice as large
GROWTH = 2.5
sys.path.insert(0, str(HERE))

import synth  # noqa: E402
from bench_check import FLOOR  # noqa: E402

#: commands run from this checkout (not whatever pmocat is installed), bytecode cached,
#: no colour, no cache
ENV = ({k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
       | {"NO_COLOR": "1", "PMOCAT_NO_CACHE": "1",
          "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))})


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def measure(cmd: list[str], repeat: int) -> Run:
    """The fastest of `repeat` cold runs, and the largest peak memory among them."""
    seconds, peak = math.inf, 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 cwd=ROOT, env=ENV)
        assert child.stderr is not None
        err = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = min(seconds, time.perf_counter() - start)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(cmd[:5])} … exited {child.returncode}: "
                               f"{err.decode(errors='replace').strip()[-300:]}")
        peak = max(peak, usage.ru_maxrss / 1024)  # kB on Linux
    return Run(seconds, peak)


def first_new(folder: Path) -> Path:
    """The first request file (by name) whose status is new: can-take's question."""
    for path in sorted((folder / "requests").glob("*.yaml")):
        if "\nstatus: new" in path.read_text(encoding="utf-8"):
            return path
    raise RuntimeError(f"no new request in {folder}")


#: the opt-in commands, each as a command line for a catalogue folder
OTHERS = {
    "can-take": lambda folder: [sys.executable, "-m", "pmocat", "can-take", str(first_new(folder)),
                                "-c", str(folder), "--today", TODAY, "--format", "json"],
    "plan": lambda folder: [sys.executable, "-m", "pmocat", "plan", str(folder),
                            "--today", TODAY, "--format", "json"],
}


def ratio(a: float, b: float | None) -> str:
    return f"{a / b:5.2f}x" if b else "     "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tenfold", action="store_true", help="also run 10x (slow, large)")
    parser.add_argument("--accepted", type=float, default=0.5, metavar="SHARE",
                        help="share of requests accepted (default 0.5)")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many cold runs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures to this file (for plot_scaling.py)")
    parser.add_argument("--also", action="append", choices=list(OTHERS), default=[],
                        help="also time this command at each size, once (slow)")
    args = parser.parse_args(argv)

    sizes = [1, 2, 4, *([10] if args.tenfold else [])]
    print(f"pmocat check, scaling: synth.py x{'/'.join(map(str, sizes))}, "
          f"{args.accepted:.0%} of requests accepted; Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs; cold (PMOCAT_NO_CACHE=1), as commands, best of {args.repeat}")
    print("\n| size | files | MB on disk | parse | check | check / parse | check / previous "
          "| parse peak | check peak | check peak / parse | check peak / previous |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    failures: list[str] = []
    previous: dict[str, Run] = {}
    last = 0
    rows: list[dict[str, float]] = []
    others: list[str] = []  # the second table's lines
    for n in sizes:
        folder = DATA / f"scaling-{n}x"
        synth.generate(folder, services=2000 * n, people=1000 * n, requests=2000 * n,
                       seed=args.seed, accepted=args.accepted)
        files = sorted(folder.rglob("*.y*ml"))
        size = sum(p.stat().st_size for p in files) / 1e6
        runs = {
            "parse": measure([sys.executable, "-c", FLOOR, str(folder)], args.repeat),
            "check": measure([sys.executable, "-m", "pmocat", "check", str(folder),
                              "--format", "concise", "--today", TODAY], args.repeat),
        }
        for what in args.also:
            runs[what] = measure(OTHERS[what](folder), 1)
        parse, check = runs["parse"], runs["check"]
        rows.append({"size": n, "files": len(files), "mb_on_disk": size,
                     "parse_seconds": parse.seconds, "check_seconds": check.seconds,
                     "parse_peak_mb": parse.peak_mb, "check_peak_mb": check.peak_mb,
                     **{f"{what}_{key}": value for what in args.also
                        for key, value in (("seconds", runs[what].seconds),
                                           ("peak_mb", runs[what].peak_mb))}})
        for what in args.also:
            then = previous.get(what)
            others.append(f"| {what} | {n}x | {runs[what].seconds:.2f} s "
                          f"| {ratio(runs[what].seconds, then.seconds if then else None)} "
                          f"| {runs[what].peak_mb:.0f} MB "
                          f"| {ratio(runs[what].peak_mb, then.peak_mb if then else None)} |")
        before = previous.get("check")
        print(f"| {n}x | {len(files):,} | {size:.1f} | {parse.seconds:.2f} s "
              f"| {check.seconds:.2f} s | {ratio(check.seconds, parse.seconds)} "
              f"| {ratio(check.seconds, before.seconds if before else None)} "
              f"| {parse.peak_mb:.0f} MB | {check.peak_mb:.0f} MB "
              f"| {ratio(check.peak_mb, parse.peak_mb)} "
              f"| {ratio(check.peak_mb, before.peak_mb if before else None)} |", flush=True)
        if previous:
            # growth allowed: GROWTH per doubling of the input
            allowed = GROWTH ** math.log2(n / last)
            for command in ("check", *args.also):
                now_run, then_run = runs[command], previous[command]
                for what, now, then in (("time", now_run.seconds, then_run.seconds),
                                        ("peak memory", now_run.peak_mb, then_run.peak_mb)):
                    if now > allowed * then:
                        failures.append(f"{command}'s {what} grew {now / then:.1f}x from {last}x "
                                        f"to {n}x (at most {allowed:.1f}x)")
        previous, last = runs, n
    if others:
        print("\n| command | size | time | time / previous | peak | peak / previous |")
        print("|---|---|---:|---:|---:|---:|")
        for line in sorted(others, key=lambda line: line.split("|")[1]):
            print(line)
    for text in failures:
        print(f"TOO FAST A GROWTH: {text}")
    if args.json:
        args.json.write_text(json.dumps({"accepted": args.accepted, "repeat": args.repeat,
                                         "rows": rows, "failures": failures}, indent=2) + "\n",
                             encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
