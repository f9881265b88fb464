"""How fast `pmocat can-take` and `pmocat plan` are, at a large PMO's scale.

    python benchmarks/bench_planning.py              # 1,000 people, 500 services, 100 + 300 requests
    python benchmarks/bench_planning.py --plan --naive-sample 12   # and the book of work
    python benchmarks/bench_planning.py --compare    # and the solver comparison (needs scipy)

The synthetic PMO (benchmarks/synth_planning.py, seeded) is written to benchmarks/.data/.
Times are wall clock, best of N, as ratios against (a): reading and checking the same
catalogue, which every command pays before it answers. Then: (b) can-take's whole answer
(verdict, shortfall, staffing, earliest due date, most units) for a sample of new
requests, in one process; (c) `pmocat can-take` as a command, for one request that fits
and one that does not (target under 2 s); (d) one joint solve with every request in it,
the baseline for `pmocat plan`; (e) `pmocat can-take` on the bundled catalogue (target
under 0.5 s). With --plan, against (d2) one joint max flow of every request (the plan's
engine, flow.py): (f) the greedy plan (target within 3x); the naive plan, one solve from
scratch per request, (g) a new max flow and (h) a new LP (--naive-sample N: N requests
spread over the book, and an estimate for all); (i) with
--optimize, the exact best set (target under 60 s). Not a test: it prints.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data" / "planning"
TODAY = "2026-12-01"
sys.path.insert(0, str(HERE))

import synth_planning  # noqa: E402
import timing  # noqa: E402
from timing import ENV, best_of, pmocat_cmd, run  # noqa: E402


def command(*args: str, env: dict[str, str] | None = None) -> Callable[[], None]:
    """A pmocat command, ready to time."""
    cmd = [*pmocat_cmd(), *args]
    return lambda: run(cmd, env=env)


def line(label: str, seconds: float, base: float | None = None, note: str = "") -> str:
    return timing.line(label, seconds, base, note, width=58)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--services", type=int, default=500)
    parser.add_argument("--accepted", type=int, default=100)
    parser.add_argument("--new", type=int, default=300)
    parser.add_argument("--sample", type=int, default=24, help="new requests asked about in (b)")
    parser.add_argument("--heavy", default="REQ-0120",
                        help="a request also asked about: the default is 13 units, 5,083 h short")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--compare", action="store_true", help="compare solvers (needs scipy)")
    parser.add_argument("--plan", action="store_true",
                        help="time pmocat plan (greedy) against one joint max flow and against "
                             "the naive plan that solves from scratch per request")
    parser.add_argument("--optimize", choices=("priority", "revenue"),
                        help="with --plan, also time pmocat plan --optimize")
    parser.add_argument("--time-limit", type=float, metavar="SECONDS",
                        help="with --optimize, plan --optimize's --time-limit")
    parser.add_argument("--naive-sample", type=int, default=0,
                        help="time the naive plan on the first N requests only (0: all)")
    args = parser.parse_args(argv)

    from pmocat.cli.common import load
    from pmocat.planning.book import Planner
    from pmocat.planning.can_take import answer as answer_for
    from pmocat.planning.lp import LP
    from pmocat.planning.network import Network

    today = date.fromisoformat(TODAY)
    folder = synth_planning.write_catalogue(DATA, people=args.people, services=args.services,
                                            accepted=args.accepted, new=args.new, today=today)
    n = args.repeat
    print(f"pmocat planning benchmark: {args.people:,} people, {args.services:,} services, "
          f"{args.accepted} accepted + {args.new} new requests over a year; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; wall time, best of {n}")

    def read() -> Any:
        return load(str(folder), skip={"book-does-not-fit"}, day=today)[0]

    cat = read()
    gc.freeze()  # as the command does once it has loaded the catalogue (pmocat.cli.common.load)
    base = best_of(read, n)
    print("\nin one process, against (a):")
    print(line("(a) read and check the catalogue (what can-take reads first)", base, base))

    planner = Planner(cat, today)
    new = sorted(rid for rid, r in cat.requests.items() if r.status == "new")
    sample = new[:: max(1, len(new) // args.sample)][: args.sample]
    if args.heavy in cat.requests and args.heavy not in sample:
        sample.append(args.heavy)
    timings: list[tuple[float, str, Any]] = []
    for rid in sample:
        start = time.perf_counter()
        answer = answer_for(Planner(cat, today), cat.requests[rid])
        timings.append((time.perf_counter() - start, rid, answer))
    times = sorted(t for t, _, _ in timings)
    yes = [a for _, _, a in timings if a.verdict == "yes"]
    print(line(f"(b) can-take, whole answer: median of {len(times)} new requests", statistics.median(times), base,
               f"{len(yes)} yes, {len(times) - len(yes)} no"))
    slowest, slow_id, slow_answer = max(timings, key=lambda t: t[0])
    print(line(f"    slowest: {slow_id} ({slow_answer.verdict}, short {slow_answer.short_hours:,.0f} h)",
               slowest, base))

    book = planner.accepted_items()
    every = list(book)
    for rid in new:
        request = cat.requests[rid]
        service = cat.services[request.service]
        _, _, windows = planner.windows(request, service, accepted=False)
        every.extend(planner.items(request, service, windows))
    start = time.perf_counter()
    network = LP(Network(every, cat.people.values(), planner.hours))
    built = time.perf_counter() - start
    start = time.perf_counter()
    served = network.maximise(range(len(every)))
    solved = time.perf_counter() - start
    demand = sum(item.hours for item in every)
    print(line(f"(d) joint solve, every request ({len(every):,} recipe lines): build", built, base))
    print(line(f"    max flow ({served:,.0f} of {demand:,.0f} h), {network.n_cols:,} columns "
               f"of which {len(network.y_col):,} generated", solved, base))
    start = time.perf_counter()
    for i in range(len(book), len(every), 25):
        network.set_demand(i, 0.0, 0.0)
        network.maximise(range(len(every)))
    rounds = len(range(len(book), len(every), 25))
    print(line("    one request switched off and re-solved (warm), mean", (time.perf_counter() - start) / rounds,
               base))

    fits = next((rid for _, rid, a in sorted(timings, key=lambda t: -t[0]) if a.verdict == "yes"), sample[0])
    short = [rid for _, rid, a in sorted(timings, key=lambda t: -t[0]) if a.verdict == "no"][:2]
    print("\nas commands (subprocess), against (a):")
    for rid in (fits, *short):
        run = command("can-take", str(folder / "requests" / f"{rid}.yaml"), "--catalogue", str(folder),
                      "--today", TODAY, "--format", "json")
        verdict = next(a.verdict for _, r, a in timings if r == rid)
        print(line(f"(c) pmocat can-take {rid} ({verdict})", best_of(run, n), base, "target < 2 s"))
    bundled = command("can-take", "catalogue/requests/REQ-006.yaml", "--today", TODAY)
    bundled()  # the holiday cache is filled once, as after a first run
    print(line("(e) pmocat can-take on the bundled catalogue (REQ-006, no)", best_of(bundled, max(n, 5)),
               note="target < 0.5 s"))
    cold = command("can-take", "catalogue/requests/REQ-006.yaml", "--today", TODAY,
                   env=ENV | {"PMOCAT_NO_CACHE": "1"})
    print(line("    the same without the holiday cache", best_of(cold, max(n, 5))))
    print(line("    pmocat --help (start-up)", best_of(command("--help"), max(n, 5))))

    if args.compare:
        compare(planner, book, cat, n)
    if args.plan:
        plans(cat, today, solved, args.naive_sample, args.optimize, args.time_limit)
    return 0


def book_and_steps(planner: Any) -> tuple[list[Any], list[tuple[str, list[Any]]]]:
    """The accepted book's items, and each new request's own items in the order the plan
    takes them (priority, due date, id), leaving out those refused before any arithmetic."""
    from pmocat.planning.plan import _order, _screen

    steps = []
    for request in sorted((r for r in planner.cat.requests.values() if r.status == "new"),
                          key=_order):
        _, own = _screen(planner, request)
        if own:
            steps.append((request.id, own))
    return planner.accepted_items(), steps


def plans(cat: Any, today: date, joint_lp: float, naive_sample: int, optimize: str | None,
          time_limit: float | None = None) -> None:
    """(f) the greedy plan against (d2) the joint max flow, and against one solve per request."""
    from pmocat.planning.book import Planner
    from pmocat.planning.flow import BookFlow
    from pmocat.planning.lp import LP
    from pmocat.planning.network import TOLERANCE, Network
    from pmocat.planning.plan import make_plan, take_in_turn

    planner = Planner(cat, today)
    book, steps = book_and_steps(planner)
    items = [*book, *(it for _, own in steps for it in own)]
    groups, at = [], len(book)
    for _, own in steps:
        groups.append(list(range(at, at + len(own))))
        at += len(own)
    people = list(cat.people.values())

    def joint() -> tuple[float, float]:
        """One joint max flow: (build and solve, solve alone), in seconds."""
        start = time.perf_counter()
        flow = BookFlow(Network(items, people, planner.hours))
        flow.open(range(len(items)))
        solving = time.perf_counter()
        flow.augment(range(len(items)))
        end = time.perf_counter()
        return end - start, end - solving

    def greedy_solve() -> float:
        flow = BookFlow(Network(items, people, planner.hours))
        flow.open(range(len(book)))
        start = time.perf_counter()
        flow.augment(range(len(book)))
        take_in_turn(flow, groups)
        return time.perf_counter() - start

    runs = [joint() for _ in range(3)]
    joint_all, solve_only = min(r[0] for r in runs), min(r[1] for r in runs)
    decide_only = min(greedy_solve() for _ in range(3))
    plan = make_plan(Planner(cat, today))
    greedy = best_of(lambda: make_plan(Planner(cat, today)), 3)
    declined = sum(1 for d in plan.decisions if not d.taken and d.short_hours)
    taken_ids = set(plan.taken)

    sample = range(len(steps))
    if naive_sample and naive_sample < len(steps):  # evenly spread: later steps are bigger
        sample = range(len(steps) // (2 * naive_sample), len(steps), len(steps) // naive_sample)

    def before(k: int) -> list[Any]:
        return [it for r, own in steps[:k] if r in taken_ids for it in own]

    # naive, same engine: a new max flow built and solved per request
    agree_flow = 0
    start = time.perf_counter()
    for k in sample:
        rid, own = steps[k]
        taken = before(k)
        flow = BookFlow(Network([*book, *taken, *own], people, planner.hours))
        flow.open(range(len(flow.demand)))
        flow.augment(range(len(book)))
        flow.augment(range(len(book), len(book) + len(taken)))
        mine = range(len(book) + len(taken), len(flow.demand))
        flow.augment(mine)
        agree_flow += (flow.short(mine) <= TOLERANCE * max(1.0, sum(it.hours for it in own))) == (rid in taken_ids)
    naive_flow = time.perf_counter() - start

    # naive, the LP: a new LP built and solved from scratch per request
    agree = 0
    start = time.perf_counter()
    for k in sample:
        rid, own = steps[k]
        taken = before(k)
        network = LP(Network([*book, *taken, *own], people, planner.hours))
        network.set_floor(network.maximise(range(len(book))))
        fixed = range(len(book), len(book) + len(taken))
        for i in range(len(book) + len(taken), len(network.network.items)):
            network.set_demand(i, 0.0, 0.0)
        network.maximise(fixed)  # those taken, served in full (columns come lazily: solve first)
        for i in fixed:
            hours = network.network.items[i].hours
            network.set_demand(i, min(network.served(i), hours - TOLERANCE), hours)
        for i in range(len(book) + len(taken), len(network.network.items)):
            network.set_demand(i, 0.0, network.network.items[i].hours)
        mine = range(len(book) + len(taken), len(network.network.items))
        demand = sum(item.hours for item in own)
        agree += (network.maximise(mine) >= demand - TOLERANCE * max(1.0, demand)) == (rid in taken_ids)
    naive_lp = time.perf_counter() - start

    print(f"\nthe book of work ({len(steps)} requests to decide), against (d2) the joint max flow:")
    print(line("(d2) one joint max flow, every request: build and solve", joint_all, joint_all))
    print(line("     its solve alone", solve_only, solve_only))
    print(line(f"(f) pmocat plan, greedy: {len(plan.taken)} taken, {declined} short", greedy, joint_all,
               "target within 3x"))
    print(line("    deciding alone (the book, then each request in turn)", decide_only, solve_only))
    for label, seconds, alike in (("(g) naive, the same engine: a new max flow per request", naive_flow, agree_flow),
                                  ("(h) naive, the LP: a new LP per request", naive_lp, agree)):
        print(line(f"{label}, {len(sample)} of them ({alike} decided alike)", seconds, joint_all))
        if len(sample) < len(steps):
            print(line(f"    the same, at that rate, for all {len(steps)} (estimated)",
                       seconds / len(sample) * len(steps), joint_all))
    print(line("    (d) the joint LP solve, for scale", joint_lp, joint_all))
    if optimize:
        start = time.perf_counter()
        best = make_plan(Planner(cat, today), optimize, time_limit=time_limit)
        gap = "" if best.gap is None else f", gap {best.gap:.2%}"
        revenue = sum(float(d.price or 0) for d in best.decisions if d.taken)
        print(line(f"(i) pmocat plan --optimize {optimize} ({len(best.taken)} taken{gap})",
                   time.perf_counter() - start, joint_all, "target < 60 s"))
        print(f"    revenue taken: {revenue:,.0f}; the greedy plan's: "
              f"{sum(float(d.price or 0) for d in plan.decisions if d.taken):,.0f}")


def compare(planner: Any, book: list[Any], cat: Any, n: int) -> None:
    """The book's max flow (F_a) by each candidate solver."""
    import numpy as np
    from lp_columns import complete as every_column

    from pmocat.planning.lp import LP
    from pmocat.planning.network import Network

    print("\nsolvers, the book's max flow (F_a):")
    people = list(cat.people.values())

    def lazy() -> float:
        return LP(Network(book, people, planner.hours)).maximise(range(len(book)))

    def complete() -> float:
        network = LP(Network(book, people, planner.hours))
        every_column(network)
        return network.maximise(range(len(book)))

    value = lazy()
    print(line(f"highspy, lazy columns (the engine): F_a = {value:,.2f} h", best_of(lazy, n)))
    network = LP(Network(book, people, planner.hours))
    every_column(network)
    print(line(f"highspy, every column ({network.n_cols:,}): F_a = {complete():,.2f} h", best_of(complete, 1)))
    try:
        import scipy  # noqa: F401
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import maximum_flow
    except ImportError:
        print("  scipy is not installed: pip install scipy (the bench extra) to compare")
        return

    def person_days() -> float:
        """Dinic on the person-day graph, hours in thousandths (csgraph wants integers)."""
        ids = {p.id: j for j, p in enumerate(people)}
        hours = np.stack([planner.hours[p.id] for p in people])
        n_items, (n_people, n_days) = len(book), hours.shape
        source, sink, first_slot = 0, 1, 2 + n_items
        rows, cols, caps = [], [], []
        for i, item in enumerate(book):
            rows.append(source)
            cols.append(2 + i)
            caps.append(int(item.hours * 1000))
            qualified = np.array([ids[p.id] for p in people if p.skills.get(item.skill, 0) >= item.level])
            for a, b in item.intervals:
                if not len(qualified):
                    continue
                days = np.arange(max(a, 0), min(b, n_days - 1) + 1)
                jj, dd = np.meshgrid(qualified, days, indexing="ij")
                useful = hours[jj, dd] > 0
                rows.extend([2 + i] * int(useful.sum()))
                cols.extend((first_slot + jj[useful] * n_days + dd[useful]).tolist())
                caps.extend([10**9] * int(useful.sum()))
        slots = np.nonzero(hours.reshape(-1) > 0)[0]
        rows.extend((first_slot + slots).tolist())
        cols.extend([sink] * len(slots))
        caps.extend((hours.reshape(-1)[slots] * 1000).astype(np.int64).tolist())
        size = first_slot + n_people * n_days
        graph = csr_matrix((np.array(caps, dtype=np.int32), (rows, cols)), shape=(size, size))
        return maximum_flow(graph, source, sink, method="dinic").flow_value / 1000

    print(line(f"scipy csgraph maximum_flow, person-days: F_a = {person_days():,.2f} h",
               best_of(person_days, n)))
    print("  (scipy has no min-cost flow and linprog keeps no basis between solves)")


if __name__ == "__main__":
    sys.exit(main())
