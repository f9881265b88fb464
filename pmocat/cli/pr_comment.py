"""One pull-request comment holding `pmocat diff --format md`'s report, updated on each push.

Run in CI, after `pmocat diff … --format md > report.md`, as
`python -m pmocat.cli.pr_comment report.md`. The comment is found by the marker on the
report's first line (`<!-- pmocat-diff -->`) and edited in place; without one it is
created. Only the `gh` command speaks to GitHub (it is on GitHub's hosted runners and
reads its token from GH_TOKEN), through its `api` subcommand.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer

from pmocat.errors import PmocatError

#: the first line of every report `pmocat diff --format md` prints
MARKER = "<!-- pmocat-diff -->"
#: GitHub refuses a comment longer than 65,536 characters
LONGEST = 65_536
_CUT = "\n\n…the report is cut here: it is longer than a comment may be. Run `pmocat diff` to see all of it.\n"
_CLOSE = "\n</details>\n"
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+\Z")


def body_of(report: str) -> str:
    """The comment: the report with the marker first (added if missing), cut to fit."""
    body = report if report.lstrip().startswith(MARKER) else f"{MARKER}\n{report}"
    if len(body) > LONGEST:
        # cut at a line's end, and close a fold the cut leaves open: else the note
        # saying so, and anything GitHub shows after it, is folded away with the rest
        kept = body[: LONGEST - len(_CUT) - len(_CLOSE)]
        kept = kept[: kept.rfind("\n") + 1] or kept
        body = kept + (_CLOSE if kept.count("<details>") > kept.count("</details>") else "") + _CUT
    return body


def pull_request_of_event(event_path: str | None) -> int | None:
    """The pull request's number in the event that started the workflow run, if it has one."""
    if not event_path:
        return None
    try:
        event = json.loads(Path(event_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    number = (event.get("pull_request") or {}).get("number") if isinstance(event, dict) else None
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def _environment() -> dict[str, str]:
    """gh's environment: no prompts, and on GitHub Enterprise Server the workflow run's own
    server (gh would ask github.com unless GH_HOST says otherwise)."""
    env = {**os.environ, "GH_PROMPT_DISABLED": "1", "NO_COLOR": "1"}
    server = urlsplit(env.get("GITHUB_SERVER_URL", "")).hostname
    if server and server != "github.com" and not env.get("GH_HOST"):
        env["GH_HOST"] = server
    return env


def _gh(args: list[str], what: str, payload: dict[str, str] | None = None) -> str:
    """`gh api …`'s answer; any failure is a PmocatError saying what could not be done."""
    try:
        done = subprocess.run(
            ["gh", "api", *args, *(["--input", "-"] if payload is not None else [])],
            input=json.dumps(payload) if payload is not None else None,
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120,
            check=False, env=_environment(),
        )
    except FileNotFoundError:
        raise PmocatError("the gh command is not installed (GitHub's hosted runners have it); "
                          "see https://cli.github.com") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise PmocatError(f"could not {what}: gh did not finish ({type(exc).__name__})") from None
    if done.returncode != 0:
        said = next((line.strip() for line in done.stderr.splitlines() if line.strip()), "")
        hint = ""
        if "403" in done.stderr or "not accessible" in done.stderr.lower():
            hint = ("; the job needs 'permissions: pull-requests: write' (a pull request from a "
                    "fork gets a read-only token)")
        elif "401" in done.stderr or "gh auth login" in done.stderr:
            hint = "; give gh a token: 'env: GH_TOKEN: ${{ github.token }}'"
        raise PmocatError(f"could not {what}: {said or 'gh failed'}{hint}", exit_code=1)
    return done.stdout


def _pages(text: str) -> list[Any]:
    """The items of `gh api --paginate`'s answer: one JSON array a page, back to back."""
    decoder = json.JSONDecoder()
    items: list[Any] = []
    at = 0
    while at < len(text):
        if text[at].isspace():
            at += 1
            continue
        try:
            page, at = decoder.raw_decode(text, at)
        except ValueError:
            raise PmocatError("gh's answer was not the list of comments expected", exit_code=1) from None
        items += page if isinstance(page, list) else [page]
    return items


def marked_comment(repository: str, number: int) -> int | None:
    """The id of the pull request's first comment that starts with the marker."""
    listing = _gh(["--paginate", f"repos/{repository}/issues/{number}/comments?per_page=100"],
                  f"read the comments of pull request #{number}")
    for comment in _pages(listing):
        if (isinstance(comment, dict) and isinstance(comment.get("body"), str)
                and comment["body"].lstrip().startswith(MARKER) and isinstance(comment.get("id"), int)):
            return int(comment["id"])
    return None


def post(repository: str, number: int, report: str) -> tuple[str, str]:
    """Create the comment, or update the one already there: ('created' or 'updated', its URL)."""
    body = {"body": body_of(report)}
    found = marked_comment(repository, number)
    if found is None:
        answer = _gh(["--method", "POST", f"repos/{repository}/issues/{number}/comments"],
                     f"comment on pull request #{number}", body)
        done = "created"
    else:
        answer = _gh(["--method", "PATCH", f"repos/{repository}/issues/comments/{found}"],
                     f"update pmocat's comment on pull request #{number}", body)
        done = "updated"
    try:
        url = json.loads(answer).get("html_url", "")
    except (ValueError, AttributeError):
        url = ""
    return done, url if isinstance(url, str) else ""


def pr_comment(
    report: Annotated[str, typer.Argument(
        metavar="REPORT", help="The report of `pmocat diff --format md`, or - to read it from stdin.")],
    repo: Annotated[str | None, typer.Option(
        "--repo", metavar="OWNER/NAME", help="The repository; in a workflow, $GITHUB_REPOSITORY.",
        show_default=False)] = None,
    pr: Annotated[int | None, typer.Option(
        "--pr", metavar="N", min=1,
        help="The pull request; in a pull_request workflow, the one that started it.",
        show_default=False)] = None,
) -> None:
    """Post REPORT as pmocat's one comment on a pull request, or update it if it is there.

    Example (in a workflow, with GH_TOKEN set and permission to write pull requests):

      pmocat diff "origin/$GITHUB_BASE_REF" --format md > report.md

      python -m pmocat.cli.pr_comment report.md
    """
    from pmocat.cli.output import say

    repository = repo or os.environ.get("GITHUB_REPOSITORY", "")
    if not _REPOSITORY.match(repository):
        raise PmocatError("name the repository as OWNER/NAME with --repo (a workflow sets "
                          "GITHUB_REPOSITORY)" if not repository
                          else f"--repo takes OWNER/NAME, like pmocat/pmocat; got '{repository}'")
    number = pr or pull_request_of_event(os.environ.get("GITHUB_EVENT_PATH"))
    if number is None:
        raise PmocatError("this workflow run was not started by a pull request; name one with --pr N")
    try:
        text = sys.stdin.read() if report == "-" else Path(report).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PmocatError(f"there is no report at '{report}'") from None
    except UnicodeDecodeError:
        raise PmocatError(f"the report '{report}' is not UTF-8 text") from None
    except OSError as exc:
        raise PmocatError(f"cannot read the report '{report}': {exc.strerror or exc}") from None
    if not text.strip():
        raise PmocatError(f"the report '{report}' is empty; nothing to comment")
    done, url = post(repository, number, text)
    say(f"pmocat: {done} the comment on pull request #{number}" + (f": {url}" if url else "") + "\n")


def command() -> typer.Typer:
    """The one-command app, with pmocat's handling of a PmocatError."""
    from pmocat.cli import _guarded

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False,
                      context_settings={"help_option_names": ["-h", "--help"]})
    app.command()(_guarded(pr_comment))
    return app


def main() -> None:
    """`python -m pmocat.cli.pr_comment`: as with every pmocat command, a PmocatError is one
    line and its exit status, and a crash is one line too."""
    from pmocat.cli import ISSUES_URL
    from pmocat.cli.output import say

    try:
        command()(prog_name="python -m pmocat.cli.pr_comment")
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        say(f"pmocat: internal error ({type(exc).__name__}). This is a bug in pmocat; please "
            f"report it at {ISSUES_URL}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
