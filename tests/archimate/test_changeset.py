"""Import: an unchanged export proposes nothing; a new goal placed in a strategy is proposed under
samid:proposed/ and validates; a new element without names is refused by the shapes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pyoxigraph as ox

from samverkan.archimate.changeset import PROPOSED, propose
from samverkan.archimate.exchange import write_exchange
from samverkan.archimate.identifiers import identifier
from samverkan.archimate.model import Scope, build_model, names_of
from samverkan.archimate.vocabulary import ARCHIMATE_NS, TERM, XML_NS, XSI_NS, property_id
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAM

A = f"{{{ARCHIMATE_NS}}}"
ORIGIN = "file:///tmp/model.xml"


def _exported(store: Store, scope: Scope) -> ET.Element:
    return ET.fromstring(write_exchange(build_model(store, scope), names_of(store)))


def _add_goal(root: ET.Element, names: dict[str, str], strategy: str) -> None:
    element = ET.SubElement(
        root.find(f"{A}elements"), f"{A}element", {"identifier": "id-new-goal", f"{{{XSI_NS}}}type": "Goal"}
    )
    for lang, text in names.items():
        ET.SubElement(element, f"{A}name", {f"{{{XML_NS}}}lang": lang}).text = text
    attributes = {
        "identifier": "id-new-rel",
        "source": identifier(strategy),
        "target": "id-new-goal",
        f"{{{XSI_NS}}}type": "Realization",
    }
    relationship = ET.SubElement(root.find(f"{A}relationships"), f"{A}relationship", attributes)
    prop = ET.SubElement(
        ET.SubElement(relationship, f"{A}properties"),
        f"{A}property",
        {"propertyDefinitionRef": property_id(TERM)},
    )
    ET.SubElement(prop, f"{A}value").text = f"{SAM}partOfStrategy"


def test_unchanged_export_proposes_only_its_provenance(project_store: Store, whole_exchange: bytes) -> None:
    proposal = propose(project_store, whole_exchange, ORIGIN)
    assert proposal.report.conforms and not proposal.skipped
    assert proposal.new_elements == proposal.new_statements == 0
    assert {q.subject.value for q in proposal.quads} == {proposal.graph}
    assert proposal.graph.startswith(PROPOSED)


def test_new_goal_is_proposed_with_provenance(project_store: Store, strategy_scope: Scope) -> None:
    root = _exported(project_store, strategy_scope)
    _add_goal(root, {"sv": "Ett nytt mål", "en": "A new goal"}, strategy_scope.focus)
    proposal = propose(project_store, ET.tostring(root), ORIGIN)
    assert proposal.report.conforms, proposal.report.results
    assert (proposal.new_elements, proposal.skipped) == (1, [])
    goal = next(q.subject.value for q in proposal.quads if q.object == ox.NamedNode(f"{SAM}Goal"))
    assert goal.startswith(PROPOSED)
    assert (
        ox.Quad(
            ox.NamedNode(goal),
            ox.NamedNode(f"{SAM}partOfStrategy"),
            ox.NamedNode(strategy_scope.focus),
            ox.NamedNode(proposal.graph),
        )
        in proposal.quads
    )
    trig = proposal.trig().decode()
    assert ORIGIN in trig and "wasDerivedFrom" in trig
    assert {q.graph_name.value for q in proposal.quads} == {proposal.graph}


def test_violations_are_reported(project_store: Store, strategy_scope: Scope) -> None:
    root = _exported(project_store, strategy_scope)
    _add_goal(root, {"sv": "Bara svenska"}, strategy_scope.focus)
    proposal = propose(project_store, ET.tostring(root), ORIGIN)
    assert not proposal.report.conforms
    assert any(
        r.rule_id == "LabelledInSwedishAndEnglish" and r.severity == "Violation"
        for r in proposal.report.results
    )
