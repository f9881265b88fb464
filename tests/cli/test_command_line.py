"""The command line as people expect it: help, version, completion, and the same letters
meaning the same things on every command, this one and any added later.

The rules here walk every registered command, so a command merged later is held to them
without a test of its own.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from pmocat import __version__
from pmocat.cli import COMMANDS, GROUPS, app
from tests.cli.conftest import Result
from tests.conftest import ROOT

Run = Any

#: typer's names for Python types, which say nothing to a PMO analyst
_TYPE_LABEL = re.compile(r"<(?:bool|str|int|float|path|file|directory|uuid|datetime|"
                         r"\w+ range|list\[\w+\])>")


def click_app() -> Any:
    return typer.main.get_command(app)


def commands() -> dict[str, Any]:
    """Every command a user runs, by the words that run it: `check`, `import roster`."""
    found: dict[str, Any] = {}
    for name, command in click_app().commands.items():
        subcommands = getattr(command, "commands", None)
        if subcommands is None:
            found[name] = command
        else:
            found.update({f"{name} {sub}": leaf for sub, leaf in subcommands.items()})
    return found


#: the words of every command, groups' subcommands included, in the order registered
EVERY = list(commands())


def help_of(run: Run, *words: str) -> Result:
    result: Result = run(*words, "--help")
    assert result.exit_code == 0, result.stderr
    return result


def bad_metavars(text: str) -> list[str]:
    """What a help page shows that a person would not write: a Python type, an optional
    argument bracketed twice ([[REQUEST.yaml]]), a default in parentheses."""
    return (_TYPE_LABEL.findall(text) + re.findall(r"\[\[[^\]]*\]\]", text)
            + re.findall(r"\[default: \(.*?\)\]", text))


def test_every_command_is_registered_with_the_help_style() -> None:
    assert set(click_app().commands) == set(COMMANDS) | set(GROUPS)
    assert all(type(command).__name__ == "Command" for command in commands().values())
    assert all(type(click_app().commands[name]).__name__ == "Group" for name in GROUPS)


@pytest.mark.parametrize("words", [[], *(name.split() for name in EVERY), *([g] for g in GROUPS)],
                         ids=["pmocat", *EVERY, *GROUPS])
def test_help_names_what_each_option_takes_in_words(run: Run, words: list[str]) -> None:
    text = help_of(run, *words).stdout
    assert "Usage: pmocat" in text
    assert bad_metavars(text) == []


@pytest.mark.parametrize("name", EVERY)
def test_no_metavar_is_a_python_name(name: str) -> None:
    # a metavar made from a parameter's name (CATALOGUE_OPTION) leaks the code into the help
    command = commands()[name]
    ctx = command.make_context(name, ["--help"], resilient_parsing=True)
    for param in command.get_params(ctx):
        shown = param.display_type_rich(ctx) or ""
        if re.fullmatch(r"<[\w-]+(\|[\w-]+)+>", shown):  # the choices, as they are typed
            shown = ""
        if param.param_type_name == "argument":
            shown += param.display_name_raw
        assert "_" not in shown and not shown.islower(), (name, param.opts, shown)


def test_the_bad_metavar_rule_catches_what_plain_typer_prints() -> None:
    plain = typer.Typer(add_completion=False)

    @plain.command()
    def ask(request: Annotated[str | None, typer.Argument(metavar="[REQUEST.yaml]")] = None,
            strict: bool = False, roster: Annotated[str, typer.Option(show_default="here")] = "",
            ) -> None:
        """Ask."""

    result = CliRunner().invoke(plain, ["--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert set(bad_metavars(result.stdout)) >= {"<bool>", "<str>", "[[REQUEST.yaml]]",
                                                "[default: (here)]"}


def test_pmocat_alone_prints_help_and_succeeds(run: Run) -> None:
    result = run()
    assert result.exit_code == 0
    assert "Usage: pmocat [OPTIONS] COMMAND" in result.stdout
    for name in [*COMMANDS, *GROUPS]:
        assert re.search(rf"^│ {re.escape(name)} ", result.stdout, re.M), name
    assert result.stderr == ""


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(run: Run, flag: str) -> None:
    result = run(flag)
    assert (result.exit_code, result.stdout) == (0, f"pmocat {__version__}\n")


def test_version_matches_the_package_metadata() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'^version = "{re.escape(__version__)}"$', text, re.M)


def test_show_completion_prints_a_script_for_the_shell(run: Run) -> None:
    result = run("--show-completion", "bash")
    assert result.exit_code == 0
    assert "_PMOCAT_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F _pmocat_completion pmocat" in result.stdout


def test_install_completion_writes_into_the_users_shell_startup(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    result = run("--install-completion", "bash")
    assert result.exit_code == 0, result.stderr
    assert "bash completion installed in" in result.stdout
    assert "_pmocat_completion" in (tmp_path / ".bash_completions" / "pmocat.sh").read_text()
    assert ".bash_completions/pmocat.sh" in (tmp_path / ".bashrc").read_text()


@pytest.mark.parametrize(("words", "wanted"), [
    ("pmocat ca", "can-take"),
    ("pmocat check --format j", "json"),
    ("pmocat menu --for", "--format"),
])
def test_completion_completes_commands_options_and_choices(words: str, wanted: str) -> None:
    # as the shell asks it, in a fresh process run as `python -m pmocat`
    env = {**os.environ, "_PMOCAT_COMPLETE": "complete_bash", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - 1), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "pmocat"], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert wanted in done.stdout.split()


def _catalogue_option(command: Any) -> Any:
    return next((p for p in command.params if "--catalogue" in p.opts), None)


@pytest.mark.parametrize("name", EVERY)
def test_dash_c_means_the_catalogue_on_every_command(name: str) -> None:
    command = commands()[name]
    for param in command.params:
        if "-c" in param.opts:
            assert "--catalogue" in param.opts, f"`pmocat {name} -c` is {param.opts}, not the catalogue"
    option = _catalogue_option(command)
    if option is not None:
        assert "-c" in option.opts, f"`pmocat {name} --catalogue` has no -c"


def test_every_command_that_reads_a_catalogue_takes_dash_c() -> None:
    # a command with a CATALOGUE argument takes it as an option too, with the same letter
    for name, command in commands().items():
        if any(p.name == "catalogue" and p.param_type_name == "argument" for p in command.params):
            assert _catalogue_option(command) is not None, name


def test_the_menu_filters_a_category_with_k(run: Run) -> None:
    menu = commands()["menu"]
    category = next(p for p in menu.params if "--category" in p.opts)
    assert category.opts == ["--category", "-k"]


@pytest.mark.parametrize("words", ["", *EVERY])
def test_help_prose_is_wrapped_by_the_terminal_not_by_the_docstring(
        words: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 80 columns, a docstring's own line breaks (at about 90) broke every line twice:
    a long line, then a word or two alone. A sentence must flow to the terminal's width."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, [*words.split(), "--help"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    for before, line in itertools.pairwise(lines):
        # text after a line wrapped well short of the width, in the prose above the panels
        if before.startswith(" ") and not before.startswith("  ") and line.startswith(" ") \
                and not line.startswith("  ") and line.strip() and before.strip():
            width = len(before.rstrip())
            next_word = line.split()[0]
            assert width + 1 + len(next_word) > 79, f"broken early: {before!r} / {line!r}"
