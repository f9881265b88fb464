"""What the benchmarks share: best-of timing, running pmocat as a command, and a result line."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: commands run as installed: bytecode is cached (an installed package has its .pyc files)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}


def best_of(fn: Callable[[], object], repeat: int, budget: float = math.inf) -> float:
    """The fastest of `repeat` runs (fewer when the runs use up `budget` seconds)."""
    times: list[float] = []
    spent = 0.0
    while len(times) < repeat and (not times or spent < budget):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    return min(times)


def pmocat_cmd() -> list[str]:
    """pmocat as installed beside this Python, or as a module."""
    script = Path(sys.executable).parent / "pmocat"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pmocat"]


def run(cmd: list[str], ok: tuple[int, ...] = (0, 1), env: dict[str, str] | None = None) -> None:
    """Run a command from the project's root, output discarded; fail on an exit code not `ok`."""
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
                          env=env or ENV, check=False)
    if done.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd[:4])} … exited {done.returncode}: "
                           f"{done.stderr.decode(errors='replace').strip()[-300:]}")


def line(label: str, seconds: float | None, base: float | None = None, note: str = "",
         width: int = 46) -> str:
    """One result: the label, the time in ms and, with a base, the ratio to it."""
    if seconds is None:
        return f"  {label:<{width}} {'n/a':>9}  {note}"
    ratio = f"{seconds / base:6.2f}x" if base else " " * 7
    return f"  {label:<{width}} {seconds * 1000:8.0f} ms {ratio}  {note}".rstrip()
