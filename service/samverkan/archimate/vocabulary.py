"""Names shared by the exchange writer, the CSV writer and the reader: namespaces and the
properties that carry Samverkan's IRIs back and forth."""

from __future__ import annotations

ARCHIMATE_NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SCHEMA_LOCATION = f"{ARCHIMATE_NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
LANGUAGES = ("sv", "en")

# Property keys (the names of the exchange file's property definitions, Archi's property keys).
IRI = "samverkan:iri"
CLASS = "samverkan:class"
TERM = "samverkan:term"
SOURCE = "samverkan:source"
PROPERTY_KEYS = (IRI, CLASS, TERM, SOURCE)


def property_id(key: str) -> str:
    """The identifier of a property definition (`samverkan:iri` → `propid-samverkan-iri`)."""
    return "propid-" + key.replace(":", "-")
