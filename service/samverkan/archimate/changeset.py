"""Import: an exchange file's elements and relationships as a proposed change set.

Elements and relationships that carry a Samverkan IRI are matched to the graph; new ones get IRIs
under `samid:proposed/` (derived from their identifiers in the file). Only what the graph does not
already state is proposed, in one named graph of its own that says where it came from
(prov:wasDerivedFrom the file). The proposal is validated against the SHACL shapes together with
the graph it would join; nothing is written to the store here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from hashlib import sha256

import pyoxigraph as ox

from samverkan.archimate.alignment import Alignment, read_alignment
from samverkan.archimate.identifiers import identifier
from samverkan.archimate.model import Names
from samverkan.archimate.queries import select
from samverkan.archimate.reader import Concept, ExchangeModel, read_exchange
from samverkan.archimate.vocabulary import CLASS, IRI, LANGUAGES, TERM
from samverkan.store import Store
from samverkan.validation.validator import ValidationReport, Validator
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, PREFIXES, SAM, SAMID, SHAPES_GRAPH

PROPOSED = f"{SAMID}proposed/"
RDF_TYPE = ox.NamedNode(f"{PREFIXES['rdf']}type")
RDFS_LABEL = ox.NamedNode(f"{PREFIXES['rdfs']}label")
PREF_LABEL = ox.NamedNode(f"{PREFIXES['skos']}prefLabel")
TITLE = ox.NamedNode(f"{PREFIXES['dcterms']}title")
DERIVED_FROM = ox.NamedNode(f"{PREFIXES['prov']}wasDerivedFrom")
SOURCE_DOCUMENT = ox.NamedNode(f"{SAM}SourceDocument")
READING_DEPTH = ox.NamedNode(f"{SAM}readingDepth")
FULL_TEXT = ox.NamedNode(f"{SAMID}reading-depth/full-text")


@dataclass
class Proposal:
    """The change set, what could not be imported and why, and the validation of the result."""

    graph: str
    quads: list[ox.Quad]
    report: ValidationReport
    skipped: list[str] = field(default_factory=list)
    matched: int = 0
    new_elements: int = 0
    new_statements: int = 0

    def trig(self) -> bytes:
        serialized = ox.serialize(sorted(self.quads, key=str), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        return serialized or b""


@dataclass
class _Resolved:
    iri: str
    cls: str
    existing: bool


def propose(store: Store, data: bytes, origin: str) -> Proposal:
    """The change set an exchange file proposes to the graph in `store`; `origin` is the file's IRI."""
    model = read_exchange(data)
    alignment = read_alignment(store)
    graph = f"{PROPOSED}change-set-{sha256(data).hexdigest()[:12]}"
    builder = _Builder(store, alignment, ox.NamedNode(graph))
    resolved = builder.elements(model)
    builder.relationships(model, resolved)
    builder.provenance(origin)
    quads = builder.quads
    report = Validator(store).validate_quads([*_data_quads(store), *quads], "en")
    return Proposal(
        graph=graph,
        quads=quads,
        report=report,
        skipped=builder.skipped,
        matched=builder.matched,
        new_elements=builder.new_elements,
        new_statements=builder.new_statements,
    )


def _data_quads(store: Store) -> list[ox.Quad]:
    return [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
        for g in store.graphs()
        if g not in (ONTOLOGY_GRAPH, SHAPES_GRAPH)
        for t in store.graph_triples(g)
    ]


class _Builder:
    def __init__(self, store: Store, alignment: Alignment, graph: ox.NamedNode):
        self.store, self.alignment, self.graph = store, alignment, graph
        self.quads: list[ox.Quad] = []
        self.skipped: list[str] = []
        self.matched = self.new_elements = self.new_statements = 0
        self.known: dict[str, str] = {}
        for row in select(store, "typed"):
            self.known.setdefault(row["node"] or "", row["class"] or "")
        self.names: dict[str, set[tuple[str, str]]] = {}
        for row in select(store, "names"):
            self.names.setdefault(row["node"] or "", set()).add((row["lang"] or "", row["label"] or ""))

    def add(self, subject: str, predicate: ox.NamedNode, obj: ox.NamedNode | ox.Literal) -> None:
        self.quads.append(ox.Quad(ox.NamedNode(subject), predicate, obj, self.graph))

    def elements(self, model: ExchangeModel) -> dict[str, _Resolved]:
        resolved: dict[str, _Resolved] = {}
        for ident, element in sorted(model.elements.items()):
            found = self._element(element)
            if found is not None:
                resolved[ident] = found
        return resolved

    def _element(self, element: Concept) -> _Resolved | None:
        iri = element.first(IRI)
        if iri and iri in self.known:
            self.matched += 1
            found = _Resolved(iri, self.known[iri], existing=True)
        else:
            cls = self._class_for(element)
            if cls is None:
                return None
            found = _Resolved(
                iri or PROPOSED + identifier(element.identifier).removeprefix("id-"), cls, False
            )
            self.add(found.iri, RDF_TYPE, ox.NamedNode(cls))
            self.new_elements += 1
        self._labels(found, element.names)
        return found

    def _class_for(self, element: Concept) -> str | None:
        stated = element.first(CLASS)
        if stated and self.alignment.element_classes.get(stated) == element.concept:
            return stated
        candidates = self.alignment.classes_for(element.concept)
        if len(candidates) == 1:
            return candidates[0]
        choices = ", ".join(candidates) or "none"
        self.skipped.append(
            f"element {element.identifier} ({element.concept}): set the property {CLASS} to one of: {choices}"
        )
        return None

    def _labels(self, found: _Resolved, names: Names) -> None:
        label = PREF_LABEL if self.alignment.is_concept_class(found.cls) else RDFS_LABEL
        stated = self.names.get(found.iri, set())
        for lang in LANGUAGES:
            text = names.get(lang)
            if text and (lang, text) not in stated:
                self.add(found.iri, label, ox.Literal(text, language=lang))
                self.new_statements += 1

    def relationships(self, model: ExchangeModel, resolved: dict[str, _Resolved]) -> None:
        for ident, rel in sorted(model.relationships.items()):
            source, target = resolved.get(rel.source), resolved.get(rel.target)
            if source is None or target is None:
                self.skipped.append(f"relationship {ident}: one of its elements was not imported")
                continue
            iri = rel.first(IRI)
            if iri and iri in self.known:
                self.matched += 1
                continue
            prop = self._property_for(rel)
            if prop is None:
                continue
            subject, obj = (target, source) if self.alignment.properties[prop].reversed else (source, target)
            terms = {
                "subject": ox.NamedNode(subject.iri),
                "property": ox.NamedNode(prop),
                "object": ox.NamedNode(obj.iri),
            }
            if bool(self.store.query(_exists_query(), bindings=terms)):
                self.matched += 1
                continue
            self.add(subject.iri, ox.NamedNode(prop), ox.NamedNode(obj.iri))
            self.new_statements += 1

    def _property_for(self, rel: Concept) -> str | None:
        term = rel.first(TERM)
        if term in self.alignment.properties:
            return term
        if term in self.alignment.reified:
            self.skipped.append(
                f"relationship {rel.identifier}: a new {term} needs its qualifiers; add it to the data"
            )
            return None
        candidates = self.alignment.properties_for(rel.concept)
        if len(candidates) == 1:
            return candidates[0]
        self.skipped.append(
            f"relationship {rel.identifier} ({rel.concept}): set the property {TERM} to one of: "
            + (", ".join(candidates) or "none")
        )
        return None

    def provenance(self, origin: str) -> None:
        graph = self.graph.value
        self.add(graph, RDF_TYPE, SOURCE_DOCUMENT)
        self.add(graph, READING_DEPTH, FULL_TEXT)  # the whole exchange file is read
        self.add(graph, RDFS_LABEL, ox.Literal("Förslag från en ArchiMate-fil", language="sv"))
        self.add(graph, RDFS_LABEL, ox.Literal("Proposal from an ArchiMate file", language="en"))
        self.add(graph, TITLE, ox.Literal(origin.rsplit("/", 1)[-1] or origin))
        self.add(graph, DERIVED_FROM, ox.NamedNode(origin))


def _exists_query() -> str:
    from samverkan.archimate.queries import QUERY_DIR

    return (QUERY_DIR / "exists.rq").read_text(encoding="utf-8")
