"""The ontology IRI dereferences to pyLODE documentation or to RDF by content negotiation."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from samverkan.knowledge.ontology_docs import build_ontology_docs
from samverkan.server.app import create_app
from samverkan.settings import Settings
from samverkan.store import Store


def test_ontology_as_rdf(settings: Settings, project_store: Store) -> None:
    client = TestClient(create_app(settings, project_store))
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200
    assert "owl:Ontology" in turtle.text and "sam:Responsibility" in turtle.text
    assert (
        client.get("/ontology", params={"format": "jsonld"})
        .headers["content-type"]
        .startswith("application/ld+json")
    )


def test_ontology_as_html_documentation(settings: Settings, project_store: Store, tmp_path: Path) -> None:
    ontology_dir = tmp_path / "ontology"
    shutil.copytree(settings.ontology_dir, ontology_dir, ignore=shutil.ignore_patterns("docs"))
    local = settings.model_copy(update={"ontology_dir": ontology_dir})
    client = TestClient(create_app(local, project_store))
    missing = client.get("/ontology", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and "make docs" in missing.json()["detail"]
    build_ontology_docs(local)
    page = client.get("/ontology", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 200
    assert "Samverkan" in page.text and "Responsibility" in page.text
    assert 'id="Goal"' in page.text, "https://w3id.org/samverkan/ontology#Goal lands on its term"
