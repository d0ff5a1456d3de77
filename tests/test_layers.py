"""The package's folders are its layers, and imports run one way: down, never up or sideways.

Each subpackage may import the layers below it and itself. Packages on one layer are independent of each
other. The root holds only `settings` (the bottom) and the package face.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "service" / "samverkan"

LAYERS: list[set[str]] = [  # bottom first
    {"settings"},
    {"vocabulary"},
    {"sparql"},
    {"store"},
    {"knowledge"},
    {"validation"},
    {"gaps"},
    {"network", "archimate", "browse", "reports", "views"},
    {"bench", "server"},
    {"notebook", "cli"},
]
LEVEL = {part: level for level, parts in enumerate(LAYERS) for part in parts}


def part_of(module: str) -> str:
    """The layer-bearing part of a dotted module name inside the package: `samverkan.store.base` → `store`."""
    return module.split(".")[1]


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        yield ".".join(relative.parts).removesuffix(".__init__"), path


def imported(module: str, text: str, is_package: bool = False) -> Iterator[tuple[str, int]]:
    """Every samverkan module a file imports (at any depth: lazy imports inside functions count too;
    relative imports resolved, `from samverkan import x` read as `samverkan.x` when x is a module)."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] if node.level else [])
            source = ".".join(part for part in (base, node.module or "") if part)
            if source == "samverkan":
                names = [f"samverkan.{a.name}" for a in node.names if (PACKAGE / a.name).is_dir()
                         or (PACKAGE / f"{a.name}.py").is_file()]
            else:
                names = [source]
        else:
            continue
        yield from ((name, node.lineno) for name in names if name.startswith("samverkan."))


def upward_imports(layers: dict[str, int]) -> list[str]:
    found = []
    for module, path in modules():
        if module == "samverkan":
            continue
        source = part_of(module)
        for target, line in imported(module, path.read_text(encoding="utf-8"), path.name == "__init__.py"):
            target_part = part_of(target)
            if target_part == source:
                continue
            if layers[target_part] >= layers[source]:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {module} ({source}) imports {target}")
    return found


def test_every_module_is_in_a_layer() -> None:
    parts = {part_of(module) for module, _ in modules() if module != "samverkan"}
    assert parts <= set(LEVEL), f"not placed in a layer: {sorted(parts - set(LEVEL))}"


def test_imports_run_one_way() -> None:
    assert upward_imports(LEVEL) == []


@pytest.mark.parametrize(("lower", "upper"), [("store", "server"), ("vocabulary", "knowledge"), ("gaps", "browse")])
def test_an_upward_import_is_found(lower: str, upper: str) -> None:
    """The check sees an import against the order: swap two layers and the real imports between them break it."""
    swapped = dict(LEVEL) | {lower: LEVEL[upper], upper: LEVEL[lower]}
    assert upward_imports(swapped)


def test_root_keeps_only_settings_and_the_face() -> None:
    assert {path.name for path in PACKAGE.glob("*.py")} == {"__init__.py", "settings.py"}


def test_each_subpackage_says_what_it_is_and_may_import() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        if init.parent == PACKAGE:
            continue
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and "import" in docstring.lower(), f"{init} needs a docstring naming what it may import"


def test_relative_and_package_imports_are_read() -> None:
    text = "from ..server import app\nfrom . import remote\nfrom samverkan import gaps, __version__\n"
    found = sorted(name for name, _ in imported("samverkan.store.base", text))
    assert found == ["samverkan.gaps", "samverkan.server", "samverkan.store"]
