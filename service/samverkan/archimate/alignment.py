"""The ArchiMate alignment, read from the ontology graph of a store (the one place it is stated).

`sam:archimateConcept` names the element or relationship of a class or property;
`sam:archimateReversed` marks properties that point against their relationship;
`sam:archimateSource`/`Target`/`Name` give the ends and name of relationships reified as classes;
`sam:archimateTargetConcept` lists the elements a relationship may end at (else Association).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from samverkan.archimate.queries import select
from samverkan.store import Store
from samverkan.vocabulary.namespaces import SAM
from samverkan.vocabulary.terms import is_true

ASSOCIATION = "Association"
SKOS_CLASSES = (
    "http://www.w3.org/2004/02/skos/core#Concept",
    "http://www.w3.org/2004/02/skos/core#ConceptScheme",
)


@dataclass(frozen=True)
class RelationshipMapping:
    """How one property or reified class becomes an ArchiMate relationship."""

    term: str
    concept: str
    reversed: bool = False
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    allowed_targets: frozenset[str] = frozenset()

    def concept_towards(self, target_concept: str) -> str:
        """The relationship's type when it ends at an element of `target_concept`."""
        if self.allowed_targets and target_concept not in self.allowed_targets:
            return ASSOCIATION
        return self.concept


@dataclass(frozen=True)
class Alignment:
    """Element classes, relationship properties and reified relationship classes."""

    element_classes: dict[str, str]
    properties: dict[str, RelationshipMapping]
    reified: dict[str, RelationshipMapping]
    superclasses: dict[str, frozenset[str]] = field(default_factory=dict)

    def most_specific(self, classes: set[str]) -> str:
        """The mapped class among `classes` that no other of them specialises (ties: by IRI)."""
        mapped = sorted(c for c in classes if c in self.element_classes)
        general = {s for c in mapped for s in self.superclasses.get(c, frozenset())}
        return next(c for c in mapped if c not in general) if mapped else ""

    def is_concept_class(self, cls: str) -> bool:
        """SKOS concepts and schemes are labelled with skos:prefLabel, other resources with rdfs:label."""
        return cls in SKOS_CLASSES or any(s in SKOS_CLASSES for s in self.superclasses.get(cls, ()))

    def classes_for(self, concept: str) -> list[str]:
        """The most general classes mapped to an ArchiMate element (candidates for a new element)."""
        candidates = {c for c, name in self.element_classes.items() if name == concept}
        return sorted(c for c in candidates if not self.superclasses.get(c, frozenset()) & candidates)

    def properties_for(self, concept: str) -> list[str]:
        """The properties mapped to an ArchiMate relationship (candidates for a new relationship)."""
        return sorted(p for p, m in self.properties.items() if m.concept == concept)


def read_alignment(store: Store) -> Alignment:
    """The alignment stated in the store's ontology graph."""
    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    classes: set[str] = set()
    for row in select(store, "alignment"):
        term, annotation, value = row["term"] or "", row["annotation"] or "", row["value"] or ""
        values[term][annotation.removeprefix(SAM)].append(value)
        if is_true(row["isClass"]):
            classes.add(term)
    superclasses: dict[str, set[str]] = defaultdict(set)
    for row in select(store, "superclasses"):
        superclasses[row["class"] or ""].add(row["super"] or "")
    elements: dict[str, str] = {}
    properties: dict[str, RelationshipMapping] = {}
    reified: dict[str, RelationshipMapping] = {}
    for term, stated in values.items():
        concept = stated.get("archimateConcept", [""])[0]
        if not concept:
            continue
        mapping = RelationshipMapping(
            term=term,
            concept=concept,
            reversed=is_true(stated.get("archimateReversed", ["false"])[0]),
            sources=tuple(stated.get("archimateSource", [])),
            targets=tuple(stated.get("archimateTarget", [])),
            names=tuple(stated.get("archimateName", [])),
            allowed_targets=frozenset(stated.get("archimateTargetConcept", [])),
        )
        if term not in classes:
            properties[term] = mapping
        elif mapping.sources and mapping.targets:
            reified[term] = mapping
        else:
            elements[term] = concept
    return Alignment(
        element_classes=elements,
        properties=properties,
        reified=reified,
        superclasses={c: frozenset(s) for c, s in superclasses.items()},
    )
