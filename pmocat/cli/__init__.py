"""The `pmocat` command: one small module per subcommand, registered here.

Subcommand modules import only typer and the standard library at the top, and the
core inside the command, so `pmocat --help` starts fast.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
from collections.abc import Callable
from typing import Any

# pydantic looks up plugins through package metadata on first use (slow); pmocat uses none
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from pmocat.cli.helpformat import Command, Group

#: subcommand name -> module in pmocat.cli holding a function of the same name
COMMANDS = {
    "init": "init",
    "check": "check",
    "can-take": "can_take",
    "plan": "plan",
    "menu": "menu",
    "diff": "diff",
    "schema": "schema",
    "new": "new",
    "fmt": "fmt",
}

#: command groups: name -> module in pmocat.cli with HELP and SUBCOMMANDS (name -> function)
GROUPS = {
    "import": "imports",
}

ISSUES_URL = "https://github.com/pmocat/pmocat/issues"

app = typer.Typer(
    name="pmocat",
    help="Keep a PMO's service catalogue in git: check it, answer 'can we take this request?', "
    "and print the menu.",
    cls=Group,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from pmocat import __version__

        typer.echo(f"pmocat {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Keep a PMO's service catalogue in git: check it, answer 'can we take this request?',
    and print the menu."""


def _guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """The one place a PmocatError becomes a line on stderr and its exit status."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from pmocat.cli.output import say
        from pmocat.errors import PmocatError

        try:
            return command(*args, **kwargs)
        except PmocatError as exc:
            say(f"pmocat: error: {exc.message}\n")
            raise typer.Exit(exc.exit_code) from None

    return run


for _name, _module in COMMANDS.items():
    _mod = importlib.import_module(f"pmocat.cli.{_module}")
    app.command(name=_name, cls=Command)(_guarded(getattr(_mod, _module)))

for _name, _module in GROUPS.items():
    _mod = importlib.import_module(f"pmocat.cli.{_module}")
    _group = typer.Typer(name=_name, help=_mod.HELP, cls=Group,
                         context_settings={"help_option_names": ["-h", "--help"]})
    for _sub, _function in _mod.SUBCOMMANDS.items():
        _group.command(name=_sub, cls=Command)(_guarded(getattr(_mod, _function)))
    app.add_typer(_group, name=_name)


def main() -> None:
    """The console script: a crash is a bug, said in one line, never a traceback."""
    from pmocat.cli import common
    from pmocat.cli.output import say

    common.freeze_after_load = True  # this process ends with the command
    try:
        app(prog_name="pmocat")  # the same name, and completion variable, under python -m
    except KeyboardInterrupt:
        say("pmocat: interrupted\n")  # say(): a closed stderr must not change the status
        sys.exit(130)
    except BrokenPipeError:
        # the reader went away while something bypassed output.write_out (which ends with
        # the command's own status): nothing more to say, and nowhere to say it
        from pmocat.cli.output import drop_stdout

        drop_stdout()
        sys.exit(1)
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        say(f"pmocat: internal error ({type(exc).__name__}). This is a bug in pmocat, not in "
            f"your files; please report it at {ISSUES_URL}\n")
        sys.exit(2)
