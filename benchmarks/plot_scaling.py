"""The scaling benchmark's figures as a picture: check and the bare parse, time and peak
memory, against the catalogue's size, on log-log axes with lines of linear growth.

    python benchmarks/bench_scaling.py --json scaling.json
    python benchmarks/plot_scaling.py scaling.json -o docs/scaling.svg

Needs matplotlib (the `bench` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("figures", type=Path, help="bench_scaling.py --json's file")
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/scaling.svg"))
    parser.add_argument("--title", default="pmocat check against a bare YAML parse")
    args = parser.parse_args(argv)

    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "pmocat"  # the same figures, the same file
    import matplotlib.pyplot as plt

    rows = json.loads(args.figures.read_text(encoding="utf-8"))["rows"]
    sizes = [r["size"] for r in rows]
    fig, (time_ax, memory_ax) = plt.subplots(1, 2, figsize=(9, 3.6))
    for ax, key, unit in ((time_ax, "seconds", "wall time, s (best of 3)"),
                          (memory_ax, "peak_mb", "peak memory, MB")):
        for what, style in (("check", "o-"), ("parse", "s--"), ("can-take", "^-"), ("plan", "v-")):
            if f"{what}_{key}" not in rows[0]:
                continue  # can-take and plan: only with bench_scaling.py --also
            values = [r[f"{what}_{key}"] for r in rows]
            ax.plot(sizes, values, style, label="bare parse" if what == "parse" else f"pmocat {what}")
            # linear growth from the smallest size, for the eye
            ax.plot(sizes, [values[0] * s / sizes[0] for s in sizes], ":", color="grey", linewidth=0.8)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(sizes, [f"{s}x" for s in sizes])
        ax.set_xlabel("catalogue size")
        ax.set_ylabel(unit)
        ax.grid(True, which="both", linewidth=0.3)
    time_ax.legend(loc="upper left", fontsize="small")
    fig.suptitle(f"{args.title}\n1x: 2,000 services, 1,000 people, 2,000 requests; "
                 "dotted: linear growth", fontsize="medium")
    fig.tight_layout()
    fig.savefig(args.output, metadata={"Date": None})
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
