"""A request to ask about: from its own file, or from command-line options.

Like every loader, a request file gives `(Request or None, diagnostics)`; the command
decides what to print and how to exit.
"""

from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pmocat.diagnostics import Diagnostic
from pmocat.errors import PmocatError
from pmocat.models import Request
from pmocat.sources.validation import validate
from pmocat.sources.yamlfile import load_yaml


def request_from_file(path: str) -> tuple[Request | None, list[Diagnostic]]:
    """One request file, and what is wrong with it (None when it is not a valid request).

    A path the user named that is not a file raises PmocatError, as a missing catalogue
    does: that is a usage error, not a problem inside a file.
    """
    if not os.path.lexists(path):
        raise PmocatError(f"no request file at '{path}'")
    doc = load_yaml(Path(path), path)  # a folder, a pipe or a device is refused unopened
    if doc.diagnostics:
        return None, list(doc.diagnostics)
    return validate(Request, doc.data, doc)


def inline_request(**fields: Any) -> Request:
    """A request described by command-line options (None: not given).

    Invalid options raise PmocatError rather than returning diagnostics: they have no
    file, line or column to point at, and a bad option is a usage error (exit 2).
    """
    data = {"id": "inline", **{k: v for k, v in fields.items() if v is not None}}
    if isinstance(data.get("budget"), str):  # an option is text; an amount in a file is a number
        try:
            data["budget"] = Decimal(data["budget"].replace(",", ""))
        except InvalidOperation:
            raise PmocatError(f"--budget takes an amount like 10000 or 12.50; got "
                              f"{data['budget']!r}") from None
    try:
        return Request.model_validate(data)
    except ValidationError as exc:
        detail = "; ".join(f"--{e['loc'][0]}: {e['msg']}" for e in exc.errors()) or str(exc)
        raise PmocatError(f"the request is not valid: {detail}") from None
