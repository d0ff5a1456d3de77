"""The exchange file: well-formed, valid against the Open Group XSD (and the structural rules below,
taken from that schema, which say why when it is not), stable to the byte, with both languages and Samverkan IRIs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from lxml import etree

from samverkan.archimate.alignment import read_alignment
from samverkan.archimate.exchange import write_exchange
from samverkan.archimate.model import Model, Scope, build_model, names_of
from samverkan.archimate.vocabulary import ARCHIMATE_NS, IRI, XML_NS, XSI_NS, property_id
from samverkan.store import Store

A = f"{{{ARCHIMATE_NS}}}"
TYPE = f"{{{XSI_NS}}}type"
MODEL_CHILDREN = [
    "name",
    "documentation",
    "properties",
    "metadata",
    "elements",
    "relationships",
    "organizations",
    "propertyDefinitions",
    "views",
]


def exchange_bytes(store: Store, model: Model) -> bytes:
    return write_exchange(model, names_of(store))


def _local(tag: str) -> str:
    return tag.removeprefix(A)


def test_stable_to_the_byte(project_store: Store, whole_exchange: bytes, strategy_scope: Scope) -> None:
    assert exchange_bytes(project_store, build_model(project_store)) == whole_exchange
    once = exchange_bytes(project_store, build_model(project_store, strategy_scope))
    assert exchange_bytes(project_store, build_model(project_store, strategy_scope)) == once


def test_structure(project_store: Store, whole_exchange: bytes, whole_model: Model) -> None:
    root = ET.fromstring(whole_exchange)
    assert root.tag == f"{A}model" and root.get("identifier", "").startswith("id-")
    order = [_local(child.tag) for child in root]
    assert order == sorted(order, key=MODEL_CHILDREN.index), "children in the schema's sequence"
    identifiers = [n.get("identifier") for n in root.iter() if n.get("identifier")]
    assert len(identifiers) == len(set(identifiers)) and all(
        i and i.startswith(("id-", "propid-")) for i in identifiers
    )
    concepts = set(read_alignment(project_store).element_classes.values())
    elements = {e.get("identifier"): e for e in root.iterfind(f"{A}elements/{A}element")}
    assert len(elements) == len(whole_model.elements)
    for element in elements.values():
        assert element.get(TYPE) in concepts
        assert [n.get(f"{{{XML_NS}}}lang") for n in element.iterfind(f"{A}name")] in (
            ["sv", "en"],
            ["sv"],
            ["en"],
        )
        refs = [p.get("propertyDefinitionRef") for p in element.iterfind(f"{A}properties/{A}property")]
        assert refs[0] == property_id(IRI)
    definitions = {
        d.get("identifier") for d in root.iterfind(f"{A}propertyDefinitions/{A}propertyDefinition")
    }
    assert {p.get("propertyDefinitionRef") for p in root.iter(f"{A}property")} <= definitions
    relationships = {r.get("identifier"): r for r in root.iterfind(f"{A}relationships/{A}relationship")}
    assert all(r.get("source") in elements and r.get("target") in elements for r in relationships.values())
    for view in root.iterfind(f"{A}views/{A}diagrams/{A}view"):
        nodes = {n.get("identifier"): n for n in view.iterfind(f"{A}node")}
        assert all(n.get("elementRef") in elements and int(n.get("w", "0")) > 0 for n in nodes.values())
        boxes = {(n.get("x"), n.get("y")) for n in nodes.values()}
        assert len(boxes) == len(nodes), "no two nodes on the same spot"
        for connection in view.iterfind(f"{A}connection"):
            assert connection.get("relationshipRef") in relationships
            assert connection.get("source") in nodes and connection.get("target") in nodes
    organised = {i.get("identifierRef") for i in root.iter(f"{A}item") if i.get("identifierRef")}
    assert set(elements) | set(relationships) <= organised


def test_names_in_swedish_and_english(whole_exchange: bytes) -> None:
    root = ET.fromstring(whole_exchange)
    digg = next(
        e
        for e in root.iterfind(f"{A}elements/{A}element")
        if any(v.text == "https://w3id.org/samverkan/id/actor/digg" for v in e.iter(f"{A}value"))
    )
    names = {n.get(f"{{{XML_NS}}}lang"): n.text for n in digg.iterfind(f"{A}name")}
    assert set(names) == {"sv", "en"} and all(names.values())


def test_valid_against_the_open_group_schema(
    whole_exchange: bytes, project_store: Store, strategy_scope: Scope, archimate_schema: Path
) -> None:
    schema = etree.XMLSchema(etree.parse(str(archimate_schema)))
    for data in (whole_exchange, exchange_bytes(project_store, build_model(project_store, strategy_scope))):
        assert schema.validate(etree.fromstring(data)), schema.error_log
