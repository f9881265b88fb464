"""A stand-in for the `gh` command: it answers the few `gh api` calls pmocat makes from a
JSON file of comments, and records every call (its arguments and what it was given on
stdin, and GH_HOST) one JSON line each, so a test can say what was asked of GitHub.

FAKE_GH_STATE is the comments file, FAKE_GH_CALLS the record; FAKE_GH_FAIL=403 answers
every call as GitHub does for a token that may not write.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

PAGE = 2  # small pages, so that reading every comment needs --paginate


def main(argv: list[str]) -> int:
    stdin = "" if sys.stdin is None or sys.stdin.isatty() else sys.stdin.read()
    with open(os.environ["FAKE_GH_CALLS"], "a", encoding="utf-8") as record:
        record.write(json.dumps({"argv": argv, "stdin": stdin, "host": os.environ.get("GH_HOST")}) + "\n")
    if os.environ.get("FAKE_GH_FAIL") == "403":
        sys.stderr.write("gh: Resource not accessible by integration (HTTP 403)\n")
        return 1
    state_file = Path(os.environ["FAKE_GH_STATE"])
    state = json.loads(state_file.read_text()) if state_file.exists() else {"comments": [], "next": 1}
    method, endpoint, paginate = "GET", None, False
    args = iter(argv[1:] if argv[:1] == ["api"] else [])
    for arg in args:
        if arg == "--method":
            method = next(args)
        elif arg == "--paginate":
            paginate = True
        elif arg == "--input":
            assert next(args) == "-"
        elif not arg.startswith("-") and endpoint is None:
            endpoint = arg
        else:
            sys.stderr.write(f"fake gh: unexpected argument {arg!r}\n")
            return 2
    listing = re.fullmatch(r"repos/([^/]+/[^/]+)/issues/(\d+)/comments(\?per_page=\d+)?", endpoint or "")
    one = re.fullmatch(r"repos/([^/]+/[^/]+)/issues/comments/(\d+)", endpoint or "")
    if listing and method == "GET":
        comments = [c for c in state["comments"] if c["pr"] == int(listing.group(2))]
        pages = [comments[i:i + PAGE] for i in range(0, len(comments), PAGE)] or [[]]
        sys.stdout.write("".join(json.dumps(page) for page in (pages if paginate else pages[:1])))
        return 0
    if listing and method == "POST":
        comment = {"id": state["next"], "pr": int(listing.group(2)), "body": json.loads(stdin)["body"],
                   "html_url": f"https://github.com/{listing.group(1)}/pull/{listing.group(2)}"
                               f"#issuecomment-{state['next']}"}
        state["next"] += 1
        state["comments"].append(comment)
    elif one and method == "PATCH":
        found = [c for c in state["comments"] if c["id"] == int(one.group(2))]
        if not found:
            sys.stderr.write("gh: Not Found (HTTP 404)\n")
            return 1
        comment = found[0]
        comment["body"] = json.loads(stdin)["body"]
    else:
        sys.stderr.write(f"fake gh: unexpected call {argv!r}\n")
        return 2
    state_file.write_text(json.dumps(state))
    sys.stdout.write(json.dumps(comment))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
