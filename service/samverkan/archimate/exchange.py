"""The ArchiMate Model Exchange File Format (The Open Group, namespace archimate/3.0/) as bytes.

Output is byte-stable: elements, relationships, folders and views are sorted, identifiers are
hashes of IRIs, and nothing depends on the clock.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from samverkan.archimate.identifiers import identifier
from samverkan.archimate.layout import layout
from samverkan.archimate.model import Element, Model, Names, Relationship, Scope
from samverkan.archimate.vocabulary import (
    ARCHIMATE_NS,
    CLASS,
    IRI,
    LANGUAGES,
    PROPERTY_KEYS,
    SCHEMA_LOCATION,
    SOURCE,
    TERM,
    XML_NS,
    XSI_NS,
    property_id,
)

A = f"{{{ARCHIMATE_NS}}}"
XSI_TYPE = f"{{{XSI_NS}}}type"
LANG = f"{{{XML_NS}}}lang"
FOLDERS = {
    "relations": {"sv": "Relationer", "en": "Relations"},
    "views": {"sv": "Vyer", "en": "Views"},
}

ET.register_namespace("", ARCHIMATE_NS)
ET.register_namespace("xsi", XSI_NS)


def model_id(model: Model) -> str:
    return identifier(
        "model", model.scope.kind if model.scope else "", model.scope.focus if model.scope else ""
    )


def element_id(element: Element) -> str:
    return identifier(element.iri)


def relationship_id(relationship: Relationship) -> str:
    return identifier(relationship.key)


def view_id(scope: Scope) -> str:
    return identifier("view", scope.kind, scope.focus)


def element_properties(element: Element) -> list[tuple[str, str]]:
    """(key, value) pairs carried by an element: its IRI, its Samverkan class, its sources."""
    return [(IRI, element.iri), (CLASS, element.cls), *((SOURCE, s) for s in element.sources)]


def relationship_properties(relationship: Relationship) -> list[tuple[str, str]]:
    """(key, value) pairs carried by a relationship: the reified node's IRI, the term, the sources."""
    iri = [(IRI, relationship.iri)] if relationship.iri else []
    return [*iri, (TERM, relationship.term), *((SOURCE, s) for s in relationship.sources)]


def write_exchange(model: Model, class_names: dict[str, Names]) -> bytes:
    """The model as an exchange file; `class_names` labels the folders (one per Samverkan class)."""
    root = ET.Element(
        f"{A}model", {"identifier": model_id(model), f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION}
    )
    _names(root, model.names)
    _text(
        root,
        "documentation",
        "Exported from Samverkan, a sourced graph of who is responsible for what "
        "in Swedish digital government. Each element and relationship carries its Samverkan IRI "
        "and its sources as properties.",
        "en",
    )
    elements = ET.SubElement(root, f"{A}elements")
    for element in sorted(model.elements.values(), key=element_id):
        node = ET.SubElement(
            elements, f"{A}element", {"identifier": element_id(element), XSI_TYPE: element.concept}
        )
        _names(node, element.names or {"en": element.iri})
        _properties(node, element_properties(element))
    if model.relationships:
        relationships = ET.SubElement(root, f"{A}relationships")
        for rel in sorted(model.relationships.values(), key=relationship_id):
            attributes = {
                "identifier": relationship_id(rel),
                "source": identifier(rel.source),
                "target": identifier(rel.target),
                XSI_TYPE: rel.concept,
            }
            node = ET.SubElement(relationships, f"{A}relationship", attributes)
            _names(node, rel.names)
            _properties(node, relationship_properties(rel))
    _organizations(root, model, class_names)
    definitions = ET.SubElement(root, f"{A}propertyDefinitions")
    for key in PROPERTY_KEYS:
        definition = ET.SubElement(
            definitions, f"{A}propertyDefinition", {"identifier": property_id(key), "type": "string"}
        )
        _text(definition, "name", key, "en")
    if model.views:
        diagrams = ET.SubElement(ET.SubElement(root, f"{A}views"), f"{A}diagrams")
        for scope, members in sorted(model.views.items(), key=lambda item: view_id(item[0])):
            _view(diagrams, model, scope, members)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, text: str, lang: str | None) -> None:
    child = ET.SubElement(parent, f"{A}{tag}", {LANG: lang} if lang else {})
    child.text = text


def _names(parent: ET.Element, names: Names, tag: str = "name") -> None:
    for lang in LANGUAGES:
        if lang in names:
            _text(parent, tag, names[lang], lang)


def _properties(parent: ET.Element, pairs: list[tuple[str, str]]) -> None:
    properties = ET.SubElement(parent, f"{A}properties")
    for key, value in pairs:
        prop = ET.SubElement(properties, f"{A}property", {"propertyDefinitionRef": property_id(key)})
        _text(prop, "value", value, None)


def _organizations(root: ET.Element, model: Model, class_names: dict[str, Names]) -> None:
    """Folders: one per Samverkan class of the elements, one per relationship type, the views."""
    by_class: dict[str, list[str]] = defaultdict(list)
    for element in model.elements.values():
        by_class[element.cls].append(element_id(element))
    by_type: dict[str, list[str]] = defaultdict(list)
    for rel in model.relationships.values():
        by_type[rel.concept].append(relationship_id(rel))
    organizations = ET.SubElement(root, f"{A}organizations")
    for cls in sorted(by_class):
        _folder(organizations, class_names.get(cls) or {"en": cls}, by_class[cls])
    if by_type:
        relations = ET.SubElement(organizations, f"{A}item")
        _names(relations, FOLDERS["relations"], "label")
        for concept in sorted(by_type):
            _folder(relations, {"en": concept}, by_type[concept])
    if model.views:
        _folder(organizations, FOLDERS["views"], [view_id(scope) for scope in model.views])


def _folder(parent: ET.Element, label: Names, refs: list[str]) -> None:
    item = ET.SubElement(parent, f"{A}item")
    _names(item, label, "label")
    for ref in sorted(refs):
        ET.SubElement(item, f"{A}item", {"identifierRef": ref})


def _view(diagrams: ET.Element, model: Model, scope: Scope, members: list[str]) -> None:
    ident = view_id(scope)
    view = ET.SubElement(diagrams, f"{A}view", {"identifier": ident, XSI_TYPE: "Diagram"})
    focus = model.elements[scope.focus]
    _names(view, focus.names or {"en": focus.iri})
    inside = set(members)
    relationships = [r for r in model.relationships.values() if r.source in inside and r.target in inside]
    order = {m: (model.elements[m].concept, model.elements[m].names.get("sv", "")) for m in members}
    boxes = layout(scope.focus, order, [(r.source, r.target) for r in relationships])
    for member in sorted(members, key=lambda m: (boxes[m].y, boxes[m].x)):
        box = boxes[member]
        attributes = {
            "identifier": identifier(ident, member),
            "elementRef": identifier(member),
            XSI_TYPE: "Element",
            "x": str(box.x),
            "y": str(box.y),
            "w": str(box.w),
            "h": str(box.h),
        }
        ET.SubElement(view, f"{A}node", attributes)
    for rel in sorted(relationships, key=relationship_id):
        attributes = {
            "identifier": identifier(ident, rel.key),
            "relationshipRef": relationship_id(rel),
            XSI_TYPE: "Relationship",
            "source": identifier(ident, rel.source),
            "target": identifier(ident, rel.target),
        }
        ET.SubElement(view, f"{A}connection", attributes)
