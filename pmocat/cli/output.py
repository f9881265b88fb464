"""The one way out of pmocat: the terminal (colour, width, encoding, safe text) and files.

Commands decide what to say; this module decides how it reaches a screen, a pipe or a
file, so that no command judges colour, width, encoding, broken pipes or file writing
for itself. Renderers take `color` and `width` as arguments and return strings.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pmocat.errors import PmocatError
from pmocat.render.safe import plain

if TYPE_CHECKING:
    from rich.console import Console

    from pmocat.sources.catalogue import Catalogue

#: the width when writing to a pipe or a file, and the narrowest a layout is drawn at
DEFAULT_WIDTH = 100
NARROWEST = 40

def use_color(stream: TextIO | None = None) -> bool:
    """Colour for `stream` (stdout): NO_COLOR turns it off, FORCE_COLOR on; otherwise only
    on a terminal that is not TERM=dumb. Empty values count as unset (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return _is_tty(sys.stdout if stream is None else stream)


def to_terminal(stream: TextIO | None = None) -> bool:
    """Whether `stream` (stdout) is a terminal, where a person reads rather than a program."""
    return _is_tty(sys.stdout if stream is None else stream)


def width(stream: TextIO | None = None) -> int:
    """$COLUMNS, else the terminal's width; DEFAULT_WIDTH for a pipe or a file."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), NARROWEST)
    stream = sys.stdout if stream is None else stream
    if _is_tty(stream):
        try:
            return max(os.get_terminal_size(stream.fileno()).columns, NARROWEST)
        except (OSError, ValueError):
            pass
    return DEFAULT_WIDTH


def console(*, stderr: bool = False) -> Console:
    """A rich Console on stdout (or stderr) with pmocat's colour and width, markup off."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    color = use_color(stream)
    return Console(file=stream, width=width(stream), color_system="standard" if color else None,
                   force_terminal=True if color else None, no_color=not color, highlight=False,
                   markup=False, emoji=False)


@contextmanager
def progress(message: str) -> Iterator[Callable[[str], None] | None]:
    """A live status line on stderr while a person waits: yields a function to update it,
    or None when stderr is not a terminal (a log, CI) and nobody is watching."""
    from rich.text import Text

    if not _is_tty(sys.stderr):
        yield None
        return
    with console(stderr=True).status(Text(plain(message))) as status:
        yield lambda words: status.update(Text(plain(words)))


def ensure_stdout() -> None:
    """Refuse, before the work, to answer onto a closed stdout (`pmocat … >&-`): the
    answer could never be written, so the seconds of planning would be for nothing."""
    if sys.stdout is None:
        raise PmocatError("standard output is closed; nothing can be written")


def write_out(data: str | bytes) -> None:
    """Write to stdout, the only way a command does.

    Text that the stream's encoding cannot hold (a non-UTF-8 console, PYTHONIOENCODING=
    ascii) is written with replacements rather than failing. A reader that goes away
    early (`pmocat plan | head`) is not an error: the rest is dropped and the command
    ends with its own exit status. Any other failure (a full disk, a closed stdout) is a
    PmocatError.
    """
    stream = sys.stdout
    if stream is None:
        raise PmocatError("standard output is closed; nothing can be written")
    try:
        if isinstance(data, bytes):
            stream.flush()
            stream.buffer.write(data)
        else:
            stream.write(_encodable(data, stream))
        stream.flush()
    except BrokenPipeError:
        drop_stdout()
    except OSError as exc:
        raise PmocatError(f"cannot write to standard output: {_why(exc)}") from None


def say(text: str) -> None:
    """Write to stderr (warnings, errors, 'wrote FILE'), with user text in it made
    harmless on a terminal (`plain`). A closed or full stderr is ignored: it must never
    change the answer or its exit status."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(_encodable(plain(text), stream))
        stream.flush()
    except (OSError, ValueError):
        pass


def write_file(path: Path, data: str | bytes, *, catalogue: Catalogue | None = None,
               what: str = "", parents: bool = False) -> None:
    """Write `data` (text as UTF-8) to `path` atomically: a temporary file in the same
    folder, then renamed over the old one, so an interrupted run leaves the old file whole.

    Refuses, with PmocatError, the catalogue's own directory and files (every file it
    read, and any YAML file inside it): an output never overwrites an input. `what`
    names the content in the error message ("the report"); `parents` creates missing
    folders. A write that fails (no permission, a full disk) is a PmocatError too.
    """
    target = path.resolve()
    if catalogue is not None:
        _refuse_input(path, target, catalogue)
    where = f"{what} to '{path}'" if what else f"to '{path}'"
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp: str | None = None
    try:
        if parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        mode = _mode_for(target)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                        suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
        temp = None
    except OSError as exc:
        raise PmocatError(f"cannot write {where}: {_why(exc)}") from None
    finally:
        if temp is not None:
            with suppress(OSError):
                os.unlink(temp)


def rewrite_file(path: Path, text: str, *, expected: bytes) -> None:
    """Rewrite one of the catalogue's own files, on purpose: the way `fmt`, `new` and
    `import` save what they were asked to change, atomically like every write (no other
    command may write into the catalogue: they pass `catalogue` to write_file, which
    refuses).

    `expected` is the file's content as the command read it: a file that holds something
    else now (saved from an editor meanwhile) is left as it is, and so is one the user
    made read-only; either is a PmocatError naming it.
    """
    try:
        mode = path.stat().st_mode
        with path.open("rb") as handle:
            now = handle.read(len(expected) + 1)
    except OSError as exc:
        raise PmocatError(f"cannot write to '{path}': {_why(exc)}") from None
    if now != expected:
        raise PmocatError(f"'{path}' changed while pmocat was working on it, so pmocat left "
                          "it as it is; run the command again")
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise PmocatError(f"'{path}' is read-only, so pmocat left it as it is; make it "
                          "writable to change it")
    write_file(path, text)


def _refuse_input(path: Path, target: Path, catalogue: Catalogue) -> None:
    root = catalogue.root.resolve()
    inputs = {Path(name).resolve() for name in catalogue.documents}
    inside = target.is_relative_to(root)
    if target == root or target in inputs or (inside and target.suffix.lower() in {".yaml", ".yml"}):
        raise PmocatError(f"'{path}' is part of the catalogue '{catalogue.root}'; "
                          "write the output somewhere else")


def _mode_for(target: Path) -> int:
    """The file's own permissions when it exists; else what a new file gets (umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def _encodable(text: str, stream: TextIO) -> str:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, errors="replace").decode(encoding)
    except LookupError:
        pass
    return text


def drop_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit finds no broken pipe either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _is_tty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False
