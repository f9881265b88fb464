"""`pmocat schema`: JSON Schemas from the models, for editors with yaml-language-server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def schema(
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="Directory to write <kind>.schema.json into.")
    ] = Path("schemas"),
) -> None:
    """Write a JSON Schema for each kind of catalogue file.

    Example: pmocat schema -o schemas

    Then start a catalogue file with
    `# yaml-language-server: $schema=../schemas/service.schema.json`
    and editors complete keys and flag mistakes as you type.
    """
    from pmocat.cli import output as out
    from pmocat.schema import schema_files

    for name, text in schema_files().items():
        out.write_file(output / name, text, what="schemas", parents=True)
        out.say(f"pmocat: wrote {output / name}\n")
