"""How long `pmocat import roster` takes to read an HR export, against openpyxl's fastest
read of the same file.

    python benchmarks/bench_import.py              # 5,000 people, 20 columns, best of 3
    python benchmarks/bench_import.py --rows 20000

pmocat loads a workbook whole (merged ranges are known only then) and reads it again
read-only for formulas with no saved value (sources/sheets.py). The baseline is openpyxl's
read-only, values-only stream of the same sheet, which tells neither. It also times the
CSV of the same table, and the whole import (sheet, mapping, merge, ruamel round trip) in
--dry-run. Not a test: it prints.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from openpyxl import Workbook, load_workbook
    from typer.testing import CliRunner

    from pmocat.cli import app
    from pmocat.sources.sheets import read_sheet

    folder = Path(tempfile.mkdtemp())
    try:
        headers = ["id", "name", "hours_per_week", *(f"col{i}" for i in range(17))]
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(headers)
        lines = [",".join(headers)]
        for n in range(args.rows):
            row = [f"p{n}", f"Person {n}", 37.5, *(f"v{n}-{i}" for i in range(17))]
            sheet.append(row)
            lines.append(",".join(map(str, row)))
        book.save(folder / "hr.xlsx")
        (folder / "hr.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        shutil.copytree(ROOT / "examples" / "minimal", folder / "catalogue")

        def baseline() -> None:
            stream = load_workbook(folder / "hr.xlsx", read_only=True, data_only=True)
            list(stream.active.iter_rows(values_only=True))  # type: ignore[union-attr]
            stream.close()

        def whole_import() -> None:
            result = CliRunner().invoke(app, ["import", "roster", str(folder / "hr.xlsx"), "-c",
                                              str(folder / "catalogue"), "--dry-run"])
            assert result.exit_code == 0, result.output

        floor = best(args.repeat, baseline)
        xlsx = best(args.repeat, lambda: read_sheet(folder / "hr.xlsx", "hr.xlsx"))
        csv = best(args.repeat, lambda: read_sheet(folder / "hr.csv", "hr.csv"))
        total = best(args.repeat, whole_import)
    finally:
        shutil.rmtree(folder)
    print(f"{args.rows:,} rows x {len(headers)} columns, best of {args.repeat}")
    print("| read | time | / openpyxl read-only |")
    print("|---|---:|---:|")
    for label, took in (("openpyxl read-only stream (baseline)", floor),
                        ("read_sheet, XLSX", xlsx), ("read_sheet, CSV", csv),
                        ("import roster --dry-run, XLSX", total)):
        print(f"| {label} | {took:.2f} s | {took / floor:.2f}x |")


if __name__ == "__main__":
    main()
