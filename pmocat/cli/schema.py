"""`pmocat schema`: JSON Schemas from the models, for editors with yaml-language-server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Directory to write <kind>.schema.json into.")
    ] = Path("schemas"),
) -> None:
    """Write a JSON Schema for each kind of catalogue file.

    Example: pmocat schema -o schemas

    Then start a catalogue file with
    `# yaml-language-server: $schema=../schemas/service.schema.json`
    and editors complete keys and flag mistakes as you type.
    """
    from pmocat.errors import PmocatError
    from pmocat.schema import write_schemas

    try:
        written = write_schemas(output)
    except OSError as exc:
        raise PmocatError(f"cannot write schemas to '{output}': {exc.strerror or exc}") from None
    for path in written:
        typer.echo(f"wrote {path}")
