"""A request to ask about: from its own file, or from command-line options."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pmocat.models import Request
from pmocat.sources.validation import validate
from pmocat.sources.yamlfile import load_yaml


def request_from_file(path: str) -> Request:
    """Load one request file; exits 2 with located diagnostics when it is not valid."""
    from pmocat.cli.common import fail
    from pmocat.render import render_diagnostics

    if not Path(path).is_file():
        fail(f"no request file at '{path}'")
    doc = load_yaml(Path(path), path)
    problems = list(doc.diagnostics)
    request = None
    if not problems:
        request, problems = validate(Request, doc.data, doc)
    if request is None:
        sys.stderr.write(render_diagnostics("concise", problems, files=1))
        fail(f"the request in '{path}' is not valid")
    return request


def inline_request(**fields: Any) -> Request:
    from pmocat.cli.common import fail

    data = {"id": "inline", **{k: v for k, v in fields.items() if v is not None}}
    try:
        return Request.model_validate(data)
    except Exception as exc:
        errors: list[Any] = getattr(exc, "errors", lambda: [])()
        detail = "; ".join(f"--{e['loc'][0]}: {e['msg']}" for e in errors) or str(exc)
        fail(f"the request is not valid: {detail}")
