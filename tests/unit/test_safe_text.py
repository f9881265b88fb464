"""render/safe.py: the one function that makes user text harmless on a terminal."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from pmocat.render.safe import one_line, plain, visible

#: what a terminal obeys or hides: ESC (CSI, OSC), BEL, CR, BS, DEL, a C1 CSI, bidi
#: embeddings, overrides, isolates and marks, and invisible tag characters
DANGEROUS = ["\x1b", "\x07", "\r", "\x08", "\x7f", "\x9b", "\u202a", "\u202b", "\u202c",
             "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f",
             "\u061c", "\U000e0041", "\u2028"]


def test_plain_shows_controls_as_symbols_and_bidi_as_replacement() -> None:
    assert plain("a\x1b]0;owned\x07b") == "a␛]0;owned␇b"
    assert plain("Acme\u202eevil") == "Acme\ufffdevil"
    assert plain("\u2066x\u2069\r\x9b\x7f") == "\ufffdx\ufffd␍\ufffd␡"
    assert plain("two\nlines\tand tab, Zoë, 日本, کتاب\u200cها, 👩\u200d💻") == (
        "two\nlines\tand tab, Zoë, 日本, کتاب\u200cها, 👩\u200d💻")


@pytest.mark.parametrize("char", DANGEROUS)
def test_nothing_a_terminal_obeys_gets_through(char: str) -> None:
    assert char not in plain(f"x{char}y") and char not in one_line(f"x{char}y")
    assert len(visible(char)) == 1


def test_one_line_puts_everything_on_one_line() -> None:
    assert one_line("a\nb\r\nc\td\x1b") == "a b  c d␛"


@given(st.text())
def test_plain_is_idempotent_and_leaves_no_control(text: str) -> None:
    once = plain(text)
    assert plain(once) == once
    assert all(c in "\n\t" or c.isprintable() or c in "\u200c\u200d" or c.isspace()
               for c in once)


@pytest.mark.parametrize("name", ["Health check [/v2]", "[draft] Customer",
                                  "Acme [link=https://evil.example]Portal[/link]", "[bold]x"])
def test_plain_text_is_shown_as_written_by_a_console_that_reads_markup(name: str) -> None:
    out = io.StringIO()
    Console(file=out, width=100, color_system="standard", force_terminal=True).print(
        Text(plain(name)))
    assert out.getvalue() == name + "\n"
    assert "\x1b]8;" not in out.getvalue()  # no hyperlink
