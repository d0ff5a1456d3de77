"""Read an exchange file safely: no DTD (so no entities, internal or external), no network.

A DOCTYPE is refused before the tree is built; malformed XML is reported with line and column.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from xml.parsers import expat

from samverkan.archimate.vocabulary import ARCHIMATE_NS, XML_NS, XSI_NS

A = f"{{{ARCHIMATE_NS}}}"


class ExchangeFormatError(ValueError):
    """The file is not a readable exchange file; `line` and `column` say where, when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"{where}{message}")
        self.line, self.column = line, column


@dataclass
class Concept:
    """An element or relationship of the file: type, names by language, properties by key."""

    identifier: str
    concept: str
    names: dict[str, str]
    properties: dict[str, list[str]] = field(default_factory=dict)
    source: str = ""
    target: str = ""

    def first(self, key: str) -> str | None:
        values = self.properties.get(key)
        return values[0] if values else None


@dataclass
class ExchangeModel:
    elements: dict[str, Concept]
    relationships: dict[str, Concept]


def _refuse_dtd(*_: object) -> None:
    raise ExchangeFormatError("a DOCTYPE is not allowed in an exchange file")


def _check_no_dtd(data: bytes) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise ExchangeFormatError(
            expat.errors.messages[error.code], error.lineno, error.offset + 1
        ) from error
    except ExchangeFormatError as error:
        raise ExchangeFormatError(
            str(error), parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        ) from error


def read_exchange(data: bytes) -> ExchangeModel:
    """The elements and relationships of an exchange file."""
    _check_no_dtd(data)
    root = ET.fromstring(data)
    if root.tag != f"{A}model":
        raise ExchangeFormatError(f"the root element must be <model> in {ARCHIMATE_NS}, not {root.tag}")
    keys = {
        d.get("identifier", ""): (d.findtext(f"{A}name") or "").strip()
        for d in root.iterfind(f"{A}propertyDefinitions/{A}propertyDefinition")
    }
    elements = {
        c.identifier: c for c in (_concept(e, keys) for e in root.iterfind(f"{A}elements/{A}element"))
    }
    relationships = {
        c.identifier: c
        for c in (_concept(r, keys) for r in root.iterfind(f"{A}relationships/{A}relationship"))
    }
    for rel in relationships.values():
        for end in (rel.source, rel.target):
            if end not in elements:
                raise ExchangeFormatError(f"relationship {rel.identifier} refers to unknown element {end!r}")
    return ExchangeModel(elements, relationships)


def _concept(node: ET.Element, keys: dict[str, str]) -> Concept:
    identifier = node.get("identifier")
    concept = node.get(f"{{{XSI_NS}}}type")
    if not identifier or not concept:
        raise ExchangeFormatError(f"<{node.tag.removeprefix(A)}> without identifier or xsi:type")
    names: dict[str, str] = {}
    for name in node.iterfind(f"{A}name"):
        names.setdefault(name.get(f"{{{XML_NS}}}lang", ""), (name.text or "").strip())
    properties: dict[str, list[str]] = defaultdict(list)
    for prop in node.iterfind(f"{A}properties/{A}property"):
        key = keys.get(prop.get("propertyDefinitionRef", ""), "")
        properties[key].append((prop.findtext(f"{A}value") or "").strip())
    return Concept(
        identifier, concept, names, dict(properties), node.get("source", ""), node.get("target", "")
    )
