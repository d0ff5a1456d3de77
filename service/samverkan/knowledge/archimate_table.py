"""Render the ArchiMate mapping table of ontology/README.md from the ontology's annotations.

The `sam:archimateConcept` annotations in samverkan.ttl are the single source of the mapping;
README.md shows them as a table between two marker comments. Run this script after changing an
annotation (`python -m samverkan.knowledge.archimate_table`); `--check` only reports whether README.md is
up to date (the ontology tests do the same).
"""

from __future__ import annotations

import sys

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from samverkan.settings import PROJECT_ROOT

SAM = Namespace("https://w3id.org/samverkan/ontology#")
HERE = PROJECT_ROOT / "ontology"
ONTOLOGY_FILE = HERE / "samverkan.ttl"
README_FILE = HERE / "README.md"
START = "<!-- archimate-table:start -->"
END = "<!-- archimate-table:end -->"

# ArchiMate 3 relationship names; a class mapped to one of these is a reified relationship.
RELATIONSHIPS = frozenset(
    {
        "Access",
        "Aggregation",
        "Assignment",
        "Association",
        "Composition",
        "Flow",
        "Influence",
        "Realization",
        "Serving",
        "Specialization",
        "Triggering",
    }
)


def _english_label(graph: Graph, term: URIRef) -> str:
    for label in graph.objects(term, RDFS.label):
        if getattr(label, "language", None) == "en":
            return str(label)
    return ""


def _compact(graph: Graph, term: Node) -> str:
    return graph.namespace_manager.normalizeUri(URIRef(str(term)))


def _export_note(graph: Graph, term: URIRef) -> str:
    """How the exporter reads the term: direction, the ends of a reified relationship, its fallback."""
    notes = []
    if (term, SAM.archimateReversed, Literal(True)) in graph:
        notes.append("reversed")
    ends = [
        f"{word} {', '.join(sorted(f'`{_compact(graph, p)}`' for p in graph.objects(term, annotation)))}"
        for word, annotation in (
            ("from", SAM.archimateSource),
            ("to", SAM.archimateTarget),
            ("named by", SAM.archimateName),
        )
        if (term, annotation, None) in graph
    ]
    if ends:
        notes.append(" ".join(ends))
    allowed = sorted(str(c) for c in graph.objects(term, SAM.archimateTargetConcept))
    if allowed:
        notes.append(f"Association unless the target is {', '.join(allowed)}")
    return "; ".join(notes)


def mapping_rows(graph: Graph) -> list[tuple[str, str, str, str, str]]:
    """(term, English label, ArchiMate concept, kind, export note) for every annotated term.

    Classes come first, then properties, each sorted by compact name (sam: terms and the few
    reused properties, such as org:subOrganizationOf, that the ontology annotates).
    """
    rows: list[tuple[int, str, str, str, str, str]] = []
    for term, concept in graph.subject_objects(SAM.archimateConcept):
        if not isinstance(term, URIRef):
            continue
        is_class = (term, RDF.type, OWL.Class) in graph
        name = str(concept)
        if not is_class:
            kind = "relationship"
        elif name in RELATIONSHIPS:
            kind = "relationship, reified as a class"
        else:
            kind = "element"
        rows.append(
            (
                0 if is_class else 1,
                _compact(graph, term),
                _english_label(graph, term),
                name,
                kind,
                _export_note(graph, term),
            )
        )
    rows.sort()
    return [(f"`{compact}`", label, name, kind, note) for _, compact, label, name, kind, note in rows]


def render_table(graph: Graph) -> str:
    lines = [
        "| term | label | ArchiMate concept | kind | export |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {t} | {label} | {concept} | {kind} | {note} |"
        for t, label, concept, kind, note in mapping_rows(graph)
    ]
    return "\n".join(lines)


def replace_section(readme_text: str, table: str) -> str:
    """README text with the part between the markers replaced by `table`."""
    head, sep, rest = readme_text.partition(START)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise ValueError(f"README.md must contain the markers {START} and {END}")
    return f"{head}{START}\n{table}\n{END}{tail}"


def main(argv: list[str]) -> int:
    graph = Graph().parse(ONTOLOGY_FILE, format="turtle")
    current = README_FILE.read_text(encoding="utf-8")
    wanted = replace_section(current, render_table(graph))
    if "--check" in argv:
        if wanted != current:
            print("ontology/README.md is out of date: run python -m samverkan.knowledge.archimate_table")
            return 1
        return 0
    README_FILE.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
