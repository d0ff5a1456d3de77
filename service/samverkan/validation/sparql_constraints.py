"""SHACL-SPARQL: a shape's sh:sparql constraints and SPARQL-based constraint components, as queries.

SHACL pre-binds `$this` to each focus node. Here the shape's targets are joined at the opening of the
query's WHERE group (so `$this` is bound for the group's patterns and filters, and incremental
validation pins it with VALUES); the other pre-bound variables are written into the text as terms:
`$currentShape`, `$shapesGraph` (the store's shapes graph), `$PATH` (a property shape's path) and a
component's parameters; `bound(...)` of one of them is true. A validator's ASK query is asked of each
value node (`$value`) as a `FILTER NOT EXISTS`. The syntax SHACL forbids where variables are
pre-bound (MINUS, VALUES, SERVICE, a sub-select without `$this`, `AS` a pre-bound variable) is
refused with `ShapesError`, as SHACL requires of a processor.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.term import Node

from samverkan.sparql.text import strip_strings_and_comments
from samverkan.validation.compiled import (
    SH,
    TARGET,
    Draft,
    ShapesError,
    Unsupported,
    is_deactivated,
    is_true,
    term,
)
from samverkan.validation.paths import sparql_path
from samverkan.vocabulary.namespaces import SHAPES_GRAPH

if TYPE_CHECKING:
    from samverkan.validation.core import ShapeCompiler

_FORBIDDEN = re.compile(r"\b(MINUS|VALUES|SERVICE)\b", re.IGNORECASE)
_GROUP_OWNER = re.compile(r"(EXISTS|OPTIONAL|MINUS|GRAPH\s+\S*|SERVICE\s+(SILENT\s+)?\S*)\s*$", re.IGNORECASE)
_SELECT = re.compile(r"\bSELECT\b(.*?)\bWHERE\b|\bSELECT\b(.*?)\{", re.IGNORECASE | re.DOTALL)


def sparql_drafts(compiler: ShapeCompiler, shape: Node, path: Node | None) -> list[Draft]:
    """The queries of a shape's sh:sparql constraints and of the SPARQL-based components it uses."""
    drafts = []
    for constraint in sorted(compiler.shapes.objects(shape, SH.sparql), key=str):
        if is_deactivated(compiler.shapes, constraint):
            continue
        select = compiler.shapes.value(constraint, SH.select)
        if select is None:
            raise ShapesError(f"the SPARQL constraint {constraint} has no sh:select")
        text = _prebound(compiler, shape, path, constraint, str(select), {})
        drafts.append(_select_draft(compiler, shape, path, SH.SPARQLConstraintComponent, text))
    for component, parameters in _components(compiler, shape):
        validator = _validator(compiler, component, path)
        ask, select = (compiler.shapes.value(validator, kind) for kind in (SH.ask, SH.select))
        if select is not None:
            text = _prebound(compiler, shape, path, validator, str(select), parameters)
            drafts.append(_select_draft(compiler, shape, path, component, text))
        elif ask is not None:
            text = _prebound(
                compiler, shape, path, validator, str(ask), parameters, prebound=("this", "value")
            )
            scanned = strip_strings_and_comments(text)
            opening, closing = scanned.index("{"), scanned.rindex("}")
            prefixes, body = text[: scanned.upper().index("ASK")], text[opening + 1 : closing]
            values = compiler.values(path, "?this", "?value")
            template = f"{prefixes} SELECT DISTINCT ?this ?value WHERE {{ {TARGET} {values} FILTER NOT EXISTS {{ {body} }} }}"
            drafts.append(Draft(shape, component, path, template))
        else:
            raise ShapesError(f"the validator {validator} has neither sh:ask nor sh:select")
    return drafts


def _select_draft(
    compiler: ShapeCompiler, shape: Node, path: Node | None, component: Node, text: str
) -> Draft:
    scanned = strip_strings_and_comments(text)
    select = re.search(r"\bSELECT\b", scanned, re.IGNORECASE)
    where = scanned.find("{", select.end()) if select else -1
    if where < 0:
        raise ShapesError("a SPARQL constraint's SELECT has no WHERE group")
    return Draft(shape, component, path, _with_targets(text, where), value_is_focus=path is None)


def _with_targets(text: str, where: int) -> str:
    """The targets opening the WHERE group and every plain group that uses `$this` (a UNION branch):
    SHACL substitutes the focus node everywhere, and a group's filters see only what the group binds.
    Groups under EXISTS, OPTIONAL, MINUS or GRAPH see `$this` from outside already, or need not."""
    scanned = strip_strings_and_comments(text)
    openings = [where]
    depth_starts: list[int] = []
    for position in range(where + 1, len(scanned)):
        if scanned[position] == "{":
            depth_starts.append(position)
        elif scanned[position] == "}" and depth_starts:
            start = depth_starts.pop()
            inside = scanned[start + 1 : position]
            plain = not _GROUP_OWNER.search(scanned[:start]) and not inside.lstrip().upper().startswith(
                "SELECT"
            )
            if plain and re.search(r"[?$]this\b", inside):
                openings.append(start)
    pieces, last = [], 0
    for opening in sorted(openings):
        pieces += [text[last : opening + 1], f" {TARGET} "]
        last = opening + 1
    return "".join([*pieces, text[last:]])


def _components(compiler: ShapeCompiler, shape: Node) -> list[tuple[Node, dict[str, Node]]]:
    """The SPARQL-based constraint components the shape uses, with its values for their parameters."""
    shapes = compiler.shapes
    kinds = set(shapes.transitive_subjects(RDFS.subClassOf, SH.ConstraintComponent))
    used = []
    for component in sorted({c for kind in kinds for c in shapes.subjects(RDF.type, kind)}, key=str):
        values: dict[str, Node] = {}
        complete = True
        for parameter in shapes.objects(component, SH.parameter):
            predicate = shapes.value(parameter, SH.path)
            value = shapes.value(shape, predicate) if predicate is not None else None
            if value is not None and isinstance(predicate, URIRef):
                values[re.split(r"[#/]", str(predicate))[-1]] = value
            elif not is_true(shapes, parameter, SH.optional):
                complete = False
        if complete and values:
            used.append((component, values))
    return used


def _validator(compiler: ShapeCompiler, component: Node, path: Node | None) -> Node:
    own = compiler.shapes.value(component, SH.nodeValidator if path is None else SH.propertyValidator)
    validator = own if own is not None else compiler.shapes.value(component, SH.validator)
    if validator is None:
        raise Unsupported(f"no validator of {component} for this kind of shape")
    return validator


def _prebound(
    compiler: ShapeCompiler,
    shape: Node,
    path: Node | None,
    holder: Node,
    query: str,
    parameters: dict[str, Node],
    prebound: tuple[str, ...] = ("this",),
) -> str:
    """The query with its PREFIX declarations and the pre-bound variables other than `prebound` as terms."""
    scanned = strip_strings_and_comments(query)
    names = {*prebound, "currentShape", "shapesGraph", "PATH", *parameters}
    if _FORBIDDEN.search(scanned) or re.search(
        rf"\b(?i:AS)\s+[?$]({'|'.join(map(re.escape, names))})\b", scanned
    ):
        raise ShapesError(f"the query of {holder} uses syntax SHACL forbids with pre-bound variables")
    selects = _SELECT.findall(scanned)[1:]
    if any(not re.search(r"[?$]this\b", "".join(projection)) for projection in selects):
        raise ShapesError(f"a sub-select of {holder} does not return $this")
    terms = {name: term(value) for name, value in parameters.items()}
    terms["shapesGraph"] = f"<{SHAPES_GRAPH}>"
    if re.search(r"[?$]currentShape\b", scanned):
        terms["currentShape"] = term(shape)
    if path is not None and re.search(r"\$PATH\b", scanned):
        terms["PATH"] = sparql_path(compiler.shapes, path)
    return _prefixes(compiler, holder) + _substitute(query, terms)


def _substitute(query: str, terms: dict[str, str]) -> str:
    """Variables replaced by terms outside strings, IRIs and comments; `bound(?x)` of one is true."""
    scanned = strip_strings_and_comments(query)
    names = "|".join(map(re.escape, terms))
    pattern = re.compile(rf"\b(?i:bound)\s*\(\s*[?$]({names})\s*\)|[?$]({names})\b")
    pieces, last = [], 0
    for match in pattern.finditer(scanned):
        pieces += [query[last : match.start()], "(true)" if match.group(1) else terms[match.group(2)]]
        last = match.end()
    return "".join([*pieces, query[last:]])


def _prefixes(compiler: ShapeCompiler, holder: Node) -> str:
    """PREFIX lines for the sh:declare of the holder's sh:prefixes and what they owl:import."""
    shapes = compiler.shapes
    declarers = {
        imported
        for declarer in shapes.objects(holder, SH.prefixes)
        for imported in shapes.transitive_objects(declarer, OWL.imports)
    }
    lines = sorted(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for declarer in declarers
        for d in shapes.objects(declarer, SH.declare)
    )
    return "".join(lines)
