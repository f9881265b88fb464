"""pmocat's on-disk cache: answers that cost time to work out and never change for the same input.

The folder is `$PMOCAT_CACHE_DIR`, else `$XDG_CACHE_HOME/pmocat`, else `~/.cache/pmocat`;
`PMOCAT_NO_CACHE=1` turns caching off. A cache that cannot be written only costs time.
What is read back is validated against the shape its writer gives: an entry that does
not fit (hand-edited, truncated, from another version) is a miss, worked out again and
rewritten, never an answer.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

T = TypeVar("T")


def cache_dir() -> Path | None:
    if os.environ.get("PMOCAT_NO_CACHE"):
        return None
    root = os.environ.get("PMOCAT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "pmocat")
    return Path(root)


def library_stamp(name: str, *files: str) -> str | None:
    """A short key that changes whenever the installed library does (without importing it)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return None
    package = Path(spec.origin).parent
    try:
        stamp = ":".join(f"{p}:{p.stat().st_mtime_ns}:{p.stat().st_size}"
                         for p in (package / f for f in ("__init__.py", *files)))
    except OSError:
        return None
    return hashlib.sha1(stamp.encode()).hexdigest()[:12]


def key_of(*parts: Any) -> str:
    """A digest of JSON-able parts: the cache key of an answer."""
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def read(kind: str, key: str, shape: TypeAdapter[T]) -> T | None:
    """The answer kept under `key`, or None when there is none or it is not of `shape`."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        text = (folder / kind / f"{key}.json").read_text(encoding="utf-8")
        return shape.validate_json(text, strict=True)
    except (OSError, UnicodeDecodeError, ValidationError):
        return None


def write(kind: str, key: str, value: Any) -> None:
    folder = cache_dir()
    if folder is None:
        return
    path = folder / kind / f"{key}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(f".{os.getpid()}.tmp")
        scratch.write_text(json.dumps(value), encoding="utf-8")
        os.replace(scratch, path)
    except OSError:
        pass
