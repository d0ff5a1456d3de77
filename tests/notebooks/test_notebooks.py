"""The notebooks run top to bottom on the interpreter that runs the tests, and are stored without outputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import RESOURCES
from jupyter_client.kernelspec import NATIVE_KERNEL_NAME, KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbformat import NotebookNode

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 300
"""Seconds one cell may take; generous, since a loaded CI machine is slow."""
AGG_INLINE = "module://matplotlib_inline.backend_inline"
"""Jupyter's inline backend: matplotlib's non-interactive Agg canvas, each figure sent as a PNG."""
PLOTTING = {"01-tour", "02-responsibility-gaps", "03-dependency-network"}


class ThisInterpreterKernels(KernelSpecManager):
    """Only ipykernel's own kernel spec, whose command is `sys.executable`: no kernel installed elsewhere
    on the machine (a user's `python3` spec, say) can stand in for the project's venv."""

    def find_kernel_specs(self) -> dict[str, str]:
        return {NATIVE_KERNEL_NAME: RESOURCES}


def execute(notebook: NotebookNode) -> NotebookNode:
    """Run every cell in a fresh kernel started in `notebooks/`, failing on the first error."""
    kernel = KernelManager(kernel_name=NATIVE_KERNEL_NAME, kernel_spec_manager=ThisInterpreterKernels())
    environment = {k: v for k, v in os.environ.items() if k != "SAMVERKAN_ENDPOINT_URL"}
    environment["MPLBACKEND"] = AGG_INLINE
    client = NotebookClient(
        notebook,
        km=kernel,
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    return client.execute(env=environment)


def test_the_kernel_runs_on_this_interpreter() -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import sys; print(sys.executable)")]
    )
    output = execute(notebook).cells[0].outputs[0]
    assert Path(output.text.strip()).resolve() == Path(sys.executable).resolve()


def test_there_are_notebooks() -> None:
    assert [path.stem for path in NOTEBOOKS] == [
        "01-tour",
        "02-responsibility-gaps",
        "03-dependency-network",
        "04-endpoint-client",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_runs_top_to_bottom(path: Path) -> None:
    notebook = execute(nbformat.read(path, as_version=4))
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    images = [output for output in outputs if "image/png" in output.get("data", {})]
    assert bool(images) == (path.stem in PLOTTING)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebook_starts_by_saying_what_it_shows_and_for_whom(path: Path) -> None:
    first = nbformat.read(path, as_version=4).cells[0]
    assert first.cell_type == "markdown"
    assert first.source.startswith("# ")
    assert "**For**" in first.source and "**Shows**" in first.source


def _stored_notebooks() -> dict[str, str]:
    """The notebooks as git stores them (the index), else as on disk outside a git checkout."""
    git = shutil.which("git")
    if git and (PROJECT_ROOT / ".git").exists():
        listed = subprocess.run(
            [git, "ls-files", "-z", "--", "notebooks/*.ipynb"],
            cwd=PROJECT_ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        names = [name for name in listed.split("\0") if name]
        return {
            name: subprocess.run(
                [git, "show", f":{name}"], cwd=PROJECT_ROOT, check=True, capture_output=True, text=True
            ).stdout
            for name in names
        }
    return {str(path.relative_to(PROJECT_ROOT)): path.read_text(encoding="utf-8") for path in NOTEBOOKS}


def test_stored_notebooks_carry_no_outputs() -> None:
    """Outputs and execution counts stay out of git: `jupyter nbconvert --clear-output --inplace notebooks/*.ipynb`."""
    stored = _stored_notebooks()
    assert stored
    dirty = {
        name: [
            index
            for index, cell in enumerate(json.loads(text)["cells"])
            if cell["cell_type"] == "code" and (cell["outputs"] or cell["execution_count"] is not None)
        ]
        for name, text in stored.items()
    }
    assert {name: cells for name, cells in dirty.items() if cells} == {}
