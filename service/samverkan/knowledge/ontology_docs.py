"""The ontology's HTML documentation, rendered by pyLODE from `ontology/samverkan.ttl`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from samverkan.settings import Settings
from samverkan.vocabulary.namespaces import SAM
from samverkan.vocabulary.terms import compact_iri

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
    target.write_text(with_site_links(anchor_terms(target.read_text(encoding="utf-8"))), encoding="utf-8")
    return target


SITE_LINKS = (
    '<nav class="samverkan-site" aria-label="Samverkan" style="padding:.5rem 1rem;background:#12355b">'
    '<a style="color:#fff" href="/">Samverkan</a> · '
    '<a style="color:#fff" href="/vocabulary">Vokabulären i bruk / The vocabulary in use</a> · '
    '<a style="color:#fff" href="/sparql">SPARQL</a></nav>'
)


def with_site_links(html: str) -> str:
    """The page with a bar of links back to the service: home, the vocabulary in use, the query UI."""
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + SITE_LINKS, html, count=1)


_TERM = re.compile(
    r'<div class="property entity" id="([^"]+)">(?:(?!<div class="property entity").)*?<code>([^<]+)</code>',
    re.S,
)
_ANCHOR = re.compile(r'(<div class="property entity" id="|href="#)([^"]+)"')


def anchor_terms(html: str) -> str:
    """The page with each Samverkan term at its local name, so `ontology#Goal` lands on sam:Goal.

    pyLODE names some anchors after labels (`#ml` for "mål") or numbers clashes (`#Person1`); other
    vocabularies' terms whose anchor a Samverkan term needs move to `#foaf-Person` and the like.
    """
    terms = {anchor: iri for anchor, iri in _TERM.findall(html)}
    ours = {iri.removeprefix(SAM) for iri in terms.values() if iri.startswith(SAM)}
    renamed = {}
    for anchor, iri in terms.items():
        if iri.startswith(SAM):
            renamed[anchor] = iri.removeprefix(SAM)
        elif anchor in ours:
            renamed[anchor] = compact_iri(iri).replace(":", "-")
    return _ANCHOR.sub(lambda m: f'{m.group(1)}{renamed.get(m.group(2), m.group(2))}"', html)
