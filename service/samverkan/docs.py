"""The ontology's HTML documentation, rendered by pyLODE from `ontology/samverkan.ttl`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from samverkan.settings import Settings

ONTOLOGY_FILE = "samverkan.ttl"
DOCS_FILE = "index.html"


def ontology_docs_path(settings: Settings) -> Path:
    """Where the rendered documentation lives (`make docs` writes it)."""
    return settings.ontology_dir / "docs" / DOCS_FILE


def build_ontology_docs(settings: Settings) -> Path:
    """Render the documentation with pyLODE (its own process: it configures logging globally)."""
    target = ontology_docs_path(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pylode", str(settings.ontology_dir / ONTOLOGY_FILE), "-o", str(target)],
        check=True,
        capture_output=True,
    )
    return target
