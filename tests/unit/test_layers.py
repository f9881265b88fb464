"""The house's layers, checked rather than hoped for (STYLE.md, "The house").

    diagnostics, errors, words  ←  models  ←  sources  ←  checks, planning  ←  menu, render, diff  ←  cli

A module may import from its own layer and the layers below it, never above; the bottom
layer imports nothing of pmocat's. Every import counts: at the top of a module, inside a
function (pmocat imports lazily for a fast start) and under TYPE_CHECKING alike.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pmocat"

#: the first name under pmocat -> its layer; the lowest is 0
LAYERS: dict[str, int] = {
    "__init__": 0, "diagnostics": 0, "errors": 0, "words": 0,
    "models": 1,
    "sources": 2, "schema": 2,
    "checks": 3, "planning": 3,
    "menu": 4, "render": 4, "diff": 4,
    "cli": 5, "__main__": 5,
}
BOTTOM = 0


def _layer(module: str) -> int:
    """The layer of a dotted module name under pmocat ('pmocat' alone is the package's
    __init__)."""
    parts = module.split(".")
    return LAYERS[parts[1] if len(parts) > 1 else "__init__"]


def imported(source: str, module: str) -> list[tuple[int, str]]:
    """(line, module) of every pmocat module that `source`, the text of `module`, imports."""
    found = []
    package = module.rsplit(".", 1)[0]  # pmocat.checks for pmocat.checks.__init__ too
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # a relative import, from the module's package
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            if base == "pmocat":  # `from pmocat import cli` names a submodule
                found += [(node.lineno, f"pmocat.{alias.name}") for alias in node.names
                          if alias.name in LAYERS]
                found.append((node.lineno, "pmocat"))
            else:
                found.append((node.lineno, base))
    return [(line, name) for line, name in found if name == "pmocat" or name.startswith("pmocat.")]


def violations(source: str, module: str) -> list[str]:
    """Each import of `module` that reaches above its layer, as 'module:line imports x'."""
    mine = _layer(module)
    wrong = []
    for line, name in imported(source, module):
        theirs = _layer(name)
        if theirs > mine or (mine == BOTTOM and name != "pmocat"):
            wrong.append(f"{module}:{line} imports {name}")
    return wrong


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found.append((".".join(parts), path))
    return found


def test_every_top_level_module_has_a_layer() -> None:
    names = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}
    assert names <= set(LAYERS), f"give these a layer in LAYERS: {sorted(names - set(LAYERS))}"


def test_no_module_imports_above_its_layer() -> None:
    wrong = [w for module, path in _modules() for w in violations(path.read_text(), module)]
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize(("module", "source", "bad"), [
    ("pmocat.planning.plan", "from pmocat.render.words import money\n", True),
    ("pmocat.planning.plan", "def f():\n    from pmocat.cli.common import fail\n", True),
    ("pmocat.sources.requests", "import pmocat.cli.common\n", True),
    ("pmocat.checks.x", "from pmocat import render\n", True),
    ("pmocat.words", "from pmocat.diagnostics import Severity\n", True),
    ("pmocat.models.types", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                            "    from pmocat.sources.catalogue import Catalogue\n", True),
    ("pmocat.render.text", "from pmocat.planning.plan import Plan\nfrom pmocat.words import money\n",
     False),
    ("pmocat.cli.check", "from pmocat.render import render_diagnostics\n", False),
    ("pmocat.planning.flow", "from .network import Network\n", False),
    ("pmocat.checks.book_fits", "from .. import __version__\n", False),
    ("pmocat.sources.x", "from ..render import text\n", True),
])
def test_the_contract_catches_an_import_from_above(module: str, source: str, bad: bool) -> None:
    assert bool(violations(source, module)) is bad
