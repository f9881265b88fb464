"""How fast `pmocat check` is, as ratios against a bare YAML parse measured in the same run.

    python benchmarks/bench_check.py                 # 2,000 services, 1,000 people, 2,000 requests
    python benchmarks/bench_check.py --services 200 --people 100 --requests 200 --repeat 3
    python benchmarks/bench_check.py --quick         # CI's: a quarter the size, under 20 s

(a) the floor: PyYAML's C loader over every file, values only, no positions, no validation;
(b) `pmocat check`: in-process through `pmocat.cli.common.load` (what the CLI runs), and as
    a subprocess; (c) check-jsonschema over the same files with pmocat's exported schemas
    (the `bench` extra); (d) start-up: `pmocat --help` and `pmocat check catalogue` on the
    bundled catalogue. Then the same catalogue with planted mistakes, to show every
    diagnostic keeps its line:column. Times are wall clock, best of N. Not a test: it
    prints, and exits 1 only when a planted mistake is not found where it was put.

--quick is what CI runs (.ci/run): a quarter of the catalogue, best of 3, no
check-jsonschema and no breakdown. It prints the same ratios and flags any above the
full benchmark's thresholds (docs/performance.md), but a ratio never fails it: on a
shared runner they move by a third from run to run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
TODAY = "2026-12-01"
#: the check that solves the roster's capacity model, timed apart as well
CAPACITY = frozenset({"book-does-not-fit"})
sys.path.insert(0, str(HERE))

import synth  # noqa: E402
import timing  # noqa: E402
from timing import line, pmocat_cmd, run  # noqa: E402

#: the fastest of N runs, or of as many as fit in 30 s
best_of = partial(timing.best_of, budget=30.0)
#: the full benchmark's thresholds (docs/performance.md): check against the floor, in one
#: process and as commands; start-up in seconds
THRESHOLDS = {"check": 2.0, "check_process": 2.0, "help_process": 0.3, "bundled_process": 0.3}

FLOOR = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.y*ml")):
    with open(path, "rb") as stream:
        yaml.load(stream, Loader=yaml.CSafeLoader)
"""


def files_of(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.y*ml"))


def floor(folder: Path) -> None:
    import yaml

    for path in files_of(folder):
        with open(path, "rb") as stream:
            yaml.load(stream, Loader=yaml.CSafeLoader)


def pmocat_check(folder: Path, skip: frozenset[str] = frozenset()) -> list[object]:
    from pmocat.cli.common import load

    return list(load(str(folder), skip=skip, day=date.fromisoformat(TODAY))[1])


def jsonschema_cmds(folder: Path, schemas: Path) -> list[list[str]] | None:
    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")
    if not Path(tool).exists():
        return None
    groups = {"pmo": [folder / "pmo.yaml"], "skills": [folder / "skills.yaml"],
              "ingredients": [folder / "ingredients.yaml"], "roster": [folder / "roster.yaml"],
              "service": files_of(folder / "services"), "request": files_of(folder / "requests")}
    return [[tool, "--schemafile", str(schemas / f"{kind}.schema.json"), *map(str, paths)]
            for kind, paths in groups.items() if paths]


def check_breakdown(folder: Path) -> list[tuple[str, float, int]]:
    """One pass: reading the files, then each check on its own."""
    from pmocat.checks import MODULES
    from pmocat.sources.catalogue import load_catalogue

    start = time.perf_counter()
    cat, found = load_catalogue(str(folder))
    rows = [("reading and validating the files", time.perf_counter() - start, len(found))]
    for name in MODULES:
        module = importlib.import_module(f"pmocat.checks.{name}")
        start = time.perf_counter()
        count = sum(1 for _ in module.run(cat, date.fromisoformat(TODAY)))
        rows.append((f"check {module.CODE}", time.perf_counter() - start, count))
    return rows


def planted_report(folder: Path, planted: list[synth.Planted]) -> tuple[int, list[str]]:
    found = pmocat_check(folder)
    where = {(d.code, d.span.path, d.span.line, d.span.column) for d in found}  # type: ignore[attr-defined]
    missing = [f"{p.code} at {p.path}:{p.line}:{p.column} ({p.what})" for p in planted
               if (p.code, str(folder / p.path), p.line, p.column) not in where]
    return len(found), missing


def over_thresholds(results: dict[str, float | None]) -> list[str]:
    """The figures above THRESHOLDS: ratios to the floor, or start-up in seconds."""
    base = {"check": results["floor"], "check_process": results["floor_process"]}
    over = []
    for key, limit in THRESHOLDS.items():
        value = results.get(key)
        if value is None:
            continue
        if key in base:
            floor_time = base[key]
            if floor_time and value / floor_time > limit:
                over.append(f"{key} {value / floor_time:.2f}x the floor (at most {limit:.1f}x)")
        elif value > limit:
            over.append(f"{key} {value * 1000:.0f} ms (at most {limit * 1000:.0f} ms)")
    return over


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--quick", action="store_true",
                        help="CI's run: a quarter the size, best of 3, ratios never fail it")
    args = parser.parse_args(argv)
    if args.quick:
        args.services, args.people, args.requests = (max(1, v // 4) for v in
                                                     (args.services, args.people, args.requests))
        args.repeat = min(args.repeat, 3)

    from pmocat.schema import write_schemas

    sizes = {"services": args.services, "people": args.people, "requests": args.requests,
             "seed": args.seed}
    clean, broken, schemas = DATA / "bench-clean", DATA / "bench-planted", DATA / "schemas"
    synth.generate(clean, **sizes)
    planted = synth.generate(broken, problems=True, **sizes)
    write_schemas(schemas)
    files = len(files_of(clean))
    size = sum(p.stat().st_size for p in files_of(clean))
    cmd = pmocat_cmd()
    n = args.repeat
    startup_n = n if args.quick else max(n, 5)
    results: dict[str, float | None] = {}

    print(f"pmocat check benchmark: {files:,} files, {size / 1e6:.1f} MB "
          f"({args.services:,} services, {args.people:,} people, {args.requests:,} requests); "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; wall time, best of {n}")

    pmocat_check(clean)  # imports everything once, as the floor's process has yaml imported
    results["floor"] = best_of(lambda: floor(clean), n)
    results["floor_process"] = best_of(lambda: run([sys.executable, "-c", FLOOR, str(clean)]), n)
    from pmocat.sources.catalogue import load_catalogue

    results["load"] = best_of(lambda: load_catalogue(str(clean)), n)
    results["check"] = best_of(lambda: pmocat_check(clean), n)
    results["check_no_book"] = best_of(lambda: pmocat_check(clean, CAPACITY), n)
    check_cmd = [*cmd, "check", str(clean), "--format", "concise", "--today", TODAY]
    try:
        results["check_process"] = best_of(lambda: run(check_cmd), n)
    except RuntimeError as exc:
        print(f"  (pmocat check as a subprocess failed: {exc})")
        results["check_process"] = None
    cmds = None if args.quick else jsonschema_cmds(clean, schemas)
    results["jsonschema_process"] = None if cmds is None else best_of(
        lambda: [run(c) for c in cmds], n)
    bundled = [*cmd, "check", str(ROOT / "catalogue"), "--format", "concise", "--today", TODAY]
    results["help_process"] = best_of(lambda: run([*cmd, "--help"], ok=(0,)), startup_n)
    try:
        results["bundled_process"] = best_of(lambda: run(bundled), startup_n)
    except RuntimeError as exc:
        print(f"  (pmocat check catalogue failed: {exc})")
        results["bundled_process"] = None
    results["planted"] = best_of(lambda: pmocat_check(broken), n)
    reported, missing = planted_report(broken, planted)

    f, fp = results["floor"], results["floor_process"]
    print("\nin one process (imports done), against (a):")
    print(line("(a) floor: yaml.load(CSafeLoader), every file", f, f))
    print(line("    pmocat: read + validate, with positions", results["load"], f))
    print(line("(b) pmocat check (load + every check)", results["check"], f,
               "target <= 2x"))
    print(line("    the same without book-does-not-fit", results["check_no_book"], f,
               "the capacity model: see the breakdown"))
    print(line("    pmocat check, planted mistakes", results["planted"], f))
    print("\nas commands (start-up included), against (a) as a command:")
    print(line("(a) floor: python -c 'yaml.load …'", fp, fp))
    print(line("(b) pmocat check DIR --format concise", results["check_process"], fp,
               "target <= 2x"))
    print(line("(c) check-jsonschema, pmocat's schemas", results["jsonschema_process"], fp,
               "values only: no line:column for schema errors"
               if results["jsonschema_process"] else "skipped by --quick" if args.quick
               else "not installed: pip install -e '.[bench]'"))
    print("\nstart-up (bundled catalogue), target < 300 ms:")
    print(line("(d) pmocat --help", results["help_process"]))
    print(line("(d) pmocat check catalogue", results["bundled_process"]))

    if not args.quick:
        print("\nwhere the time of one check goes:")
        for label, seconds, count in check_breakdown(clean):
            print(line(label, seconds, None, f"{count} found" if count else ""))
    over = over_thresholds(results)
    for text in over:
        print(f"  above the full benchmark's threshold: {text}")
    if args.quick and over:
        print("  (--quick never fails on a ratio: a shared runner's noise moves them by a third;"
              " run the full benchmark to confirm)")

    print(f"\nplanted mistakes: {len(planted) - len(missing)} of {len(planted)} reported at their "
          f"exact line:column ({reported} diagnostics in all)")
    for text in missing:
        print(f"  NOT FOUND: {text}")
    if args.json:
        args.json.write_text(json.dumps({"files": files, "bytes": size, **sizes, "repeat": n,
                                         "seconds": results}, indent=2) + "\n", encoding="utf-8")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
