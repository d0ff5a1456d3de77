"""The vocabulary in use: per Samverkan class, the properties its instances carry, with counts, an example
value and a ready query."""

from __future__ import annotations

import pyoxigraph as ox
from pydantic import BaseModel

from samverkan.browse.queries import select
from samverkan.knowledge.labels import labels
from samverkan.store import Store
from samverkan.vocabulary.namespaces import sparql_prefixes
from samverkan.vocabulary.terms import compact_iri, term_text


class PropertyUse(BaseModel):
    iri: str
    label: str
    uses: int
    """Statements with this property on instances of the class."""
    resources: int
    """Instances of the class that carry it."""
    example: str
    example_iri: str | None
    """The example value when it is an IRI (a link), else None."""
    query: str
    """A SELECT listing instances and values, with its PREFIX lines."""


class ClassUse(BaseModel):
    iri: str
    label: str
    properties: list[PropertyUse]


def ready_query(class_iri: str, property_iri: str) -> str:
    """Instances of the class with their values of the property, written with the project's prefixes."""
    body = (
        f"SELECT ?resource ?value WHERE {{\n  ?resource a {_written(class_iri)} ;\n"
        f"    {_written(property_iri)} ?value .\n}}\nLIMIT 100\n"
    )
    return sparql_prefixes(body) + body


def _written(iri: str) -> str:
    compact = compact_iri(iri)
    return f"<{iri}>" if compact == iri else compact


def vocabulary_in_use(store: Store, lang: str) -> list[ClassUse]:
    """Every Samverkan class with instances, its properties most used first."""
    rows = list(select(store, "vocabulary-in-use"))
    names = labels(store, {row[key].value for row in rows for key in ("class", "property")}, lang)
    classes: dict[str, ClassUse] = {}
    for row in rows:
        class_iri, property_iri, example = row["class"].value, row["property"].value, row["example"]
        use = classes.setdefault(
            class_iri, ClassUse(iri=class_iri, label=names.get(class_iri, compact_iri(class_iri)), properties=[])
        )
        use.properties.append(
            PropertyUse(
                iri=property_iri,
                label=names.get(property_iri, compact_iri(property_iri)),
                uses=int(row["uses"].value),
                resources=int(row["resources"].value),
                example=term_text(example),
                example_iri=example.value if isinstance(example, ox.NamedNode) else None,
                query=ready_query(class_iri, property_iri),
            )
        )
    return sorted(classes.values(), key=lambda use: use.label.casefold())
