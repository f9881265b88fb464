"""The one error a user can cause: raised anywhere below `cli/`, caught once in `cli.main`.

It carries a plain message for a PMO analyst and the exit status (2: bad input or
usage). Problems inside the catalogue's files are never raised: they are diagnostics.
"""

from __future__ import annotations


class PmocatError(Exception):
    """Something the user asked for cannot be done, said in one plain sentence."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message
