"""The alignment is read from the ontology graph: the same rows the documented table shows."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from samverkan.archimate.alignment import read_alignment
from samverkan.knowledge.archimate_table import mapping_rows
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAM

ROOT = Path(__file__).resolve().parents[2]
ORG = "http://www.w3.org/ns/org#"


def test_alignment_has_every_documented_row(project_store: Store) -> None:
    graph = Graph().parse(ROOT / "ontology" / "samverkan.ttl", format="turtle")
    alignment = read_alignment(project_store)
    documented = {
        (term.strip("`"), concept) for term, _, concept, _, _ in mapping_rows(graph)
    }
    read = {(graph.namespace_manager.normalizeUri(t), c) for t, c in alignment.element_classes.items()}
    read |= {(graph.namespace_manager.normalizeUri(t), m.concept) for t, m in alignment.properties.items()}
    read |= {(graph.namespace_manager.normalizeUri(t), m.concept) for t, m in alignment.reified.items()}
    assert read == documented


def test_directions_ends_and_fallbacks(project_store: Store) -> None:
    alignment = read_alignment(project_store)
    assert alignment.properties[f"{ORG}subOrganizationOf"].reversed
    assert not alignment.properties[f"{SAM}realises"].reversed
    responsibility = alignment.reified[f"{SAM}Responsibility"]
    assert responsibility.sources == (f"{SAM}actor",) and responsibility.names == (f"{SAM}role",)
    assert responsibility.concept_towards("WorkPackage") == "Assignment"
    assert responsibility.concept_towards("Goal") == "Association"
    assert alignment.most_specific({f"{SAM}Actor", f"{SAM}StateAgency"}) == f"{SAM}StateAgency"
    assert alignment.classes_for("Goal") == [f"{SAM}Goal"]
    assert alignment.is_concept_class(f"{SAM}Principle") and not alignment.is_concept_class(f"{SAM}Goal")
