"""A stand-in for `pmocat` that records how it was run (FAKE_PMOCAT_CALLS, one JSON list a
line) and answers as told: FAKE_CHECK_EXIT and FAKE_DIFF_EXIT are the exit statuses of
`check` and `diff`, FAKE_DIFF_REPORT what `diff --format md` prints."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    with open(os.environ["FAKE_PMOCAT_CALLS"], "a", encoding="utf-8") as record:
        record.write(json.dumps(argv) + "\n")
    command = argv[0] if argv else ""
    status = int(os.environ.get(f"FAKE_{command.upper()}_EXIT", "0"))
    if status == 2:
        sys.stderr.write(f"pmocat: error: {command} could not run\n")
        return 2
    fmt = argv[argv.index("--format") + 1] if "--format" in argv else "text"
    if command == "check" and "--output" in argv:
        Path(argv[argv.index("--output") + 1]).write_text('{"version": "2.1.0", "runs": []}\n')
    elif command == "check" and status:
        sys.stdout.write("::error file=catalogue/roster.yaml,line=3,col=1,title=pmocat unknown-key::x\n")
    elif command == "diff" and fmt == "md":
        sys.stdout.write(os.environ.get("FAKE_DIFF_REPORT", "<!-- pmocat-diff -->\n**No changes.**\n"))
    elif command == "diff" and status:
        sys.stdout.write("::error title=pmocat verdict::REQ-003 no longer fits\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
