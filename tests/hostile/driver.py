"""Run several pmocat commands in one process, as the console script runs each.

`python -m tests.hostile.driver '<json list of argument lists>'` prints, as JSON, each
command's exit status, stdout and stderr. One process for a catalogue's dozen commands
keeps the hostile corpus fast; each command still goes through `pmocat.cli.main`, the
console script's own last line of defence.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys

from pmocat.cli import main


def run(argv: list[str]) -> dict[str, object]:
    # a real text stream over bytes, as a console's is: documents are written as bytes
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = io.StringIO()
    sys.argv = ["pmocat", *argv]
    code: object = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main()
        except SystemExit as exc:
            code = exc.code
    out.flush()
    written = out.buffer.getvalue().decode("utf-8", errors="replace")  # type: ignore[attr-defined]
    return {"argv": argv, "code": code, "stdout": written, "stderr": err.getvalue()}


if __name__ == "__main__":
    results = [run(argv) for argv in json.loads(sys.argv[1])]
    sys.__stdout__.write(json.dumps(results))
