"""JSON Schemas for each kind of catalogue file, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pmocat.models import FILE_MODELS

SCHEMA_BASE = "https://pmocat.dev/schemas"


def schema_for(kind: str) -> dict[str, Any]:
    model = FILE_MODELS[kind]
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{SCHEMA_BASE}/{kind}.schema.json"
    return schema


def schema_files() -> dict[str, str]:
    """Each kind's schema as the text of its file, `<kind>.schema.json`."""
    return {f"{kind}.schema.json": json.dumps(schema_for(kind), indent=2, sort_keys=False) + "\n"
            for kind in FILE_MODELS}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
