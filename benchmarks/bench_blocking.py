"""The plan's two blocking flows against each other: path by path, in waves, and the mix.

    python benchmarks/bench_blocking.py              # the planning benchmark's book, best of 3
    python benchmarks/bench_blocking.py --repeat 5

`BookFlow` (pmocat/planning/flow.py) pushes each phase's blocking flow path by path in
plain Python when the level graph has at most `_SMALL` arcs, else in waves in numpy.
This times, in one process and interleaved, the mix as shipped and the threshold forced
both ways (always paths, always waves), on the planning benchmark's synthetic book
(benchmarks/synth_planning.py, as bench_planning.py writes it) and on the bundled
catalogue: (d2) one joint max flow of every request, (f) the greedy plan, (g) a new max
flow per request for 12 requests spread over the book, and `plan` and `plan --optimize
revenue` on the bundled catalogue. Every mode must take the same requests. Wall clock,
best of N. docs/decisions/0004-blocking-flow.md has what it showed. Not a test: it prints.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_planning  # noqa: E402
import synth_planning  # noqa: E402
import timing  # noqa: E402

TODAY = date(2026, 12, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)

    from pmocat.cli.common import load
    from pmocat.planning import flow as flow_module
    from pmocat.planning.book import Planner
    from pmocat.planning.flow import BookFlow
    from pmocat.planning.network import Network
    from pmocat.planning.plan import make_plan

    folder = synth_planning.write_catalogue(HERE / ".data" / "planning", people=1000, services=500,
                                            accepted=100, new=300, today=TODAY)
    synthetic = load(str(folder), skip={"book-does-not-fit"}, day=TODAY)[0]
    bundled = load(str(ROOT / "catalogue"), skip={"book-does-not-fit"}, day=TODAY)[0]
    planner = Planner(synthetic, TODAY)
    book, named = bench_planning.book_and_steps(planner)
    steps = [own for _, own in named]
    items = [*book, *(it for own in steps for it in own)]
    people = list(synthetic.people.values())
    network = Network(items, people, planner.hours)
    spread = range(len(steps) // 24, len(steps), max(1, len(steps) // 12))

    def joint() -> object:
        flow = BookFlow(network)
        flow.open(range(len(items)))
        return round(flow.augment(range(len(items))), 3)

    def naive() -> object:
        for k in spread:
            flow = BookFlow(Network([*book, *steps[k]], people, planner.hours))
            flow.open(range(len(flow.demand)))
            flow.augment(range(len(book)))
            flow.augment(range(len(book), len(flow.demand)))
        return None

    def plan(cat: object, optimize: str | None = None) -> Callable[[], object]:
        return lambda: make_plan(Planner(cat, TODAY), optimize).taken  # type: ignore[arg-type]

    cases: list[tuple[str, Callable[[], object]]] = [
        (f"(d2) joint max flow, every request ({len(items):,} lines): graph and solve", joint),
        ("(f) the greedy plan, synthetic book", plan(synthetic)),
        (f"(g) a new max flow per request, {len(spread)} requests", naive),
        ("pmocat plan, bundled catalogue", plan(bundled)),
        ("pmocat plan --optimize revenue, bundled catalogue", plan(bundled, "revenue")),
    ]
    modes = {"mix": flow_module._SMALL, "paths": 10**9, "waves": -1}
    best: dict[tuple[str, str], float] = {}
    answers: dict[str, set[str]] = {}
    for _ in range(args.repeat):
        for mode, small in modes.items():
            flow_module._SMALL = small
            for label, case in cases:
                start = time.perf_counter()
                answer = case()
                spent = time.perf_counter() - start
                best[(label, mode)] = min(best.get((label, mode), spent), spent)
                answers.setdefault(label, set()).add(repr(answer))
    print(f"blocking flows, best of {args.repeat}, against the mix (threshold {modes['mix']:,} arcs):")
    for label, _ in cases:
        base = best[(label, "mix")]
        alike = "the same answer in every mode" if len(answers[label]) == 1 else "ANSWERS DIFFER"
        print(f"  {label}  ({alike})")
        for mode in modes:
            print(timing.line(f"  {mode}", best[(label, mode)], base, width=56))
    return 0


if __name__ == "__main__":
    sys.exit(main())
