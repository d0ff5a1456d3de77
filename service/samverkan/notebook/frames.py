"""Query answers as pandas DataFrames, for analysts: one column per variable, numbers as numbers.

Both the store's answers (pyoxigraph solutions) and SPARQL 1.1 JSON results from any endpoint
(SPARQLWrapper's `JSON` format) become the same frame: IRIs and plain literals as text, numeric
and boolean literals as Python values, unbound as `None`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import pyoxigraph as ox

from samverkan.knowledge.labels import labels
from samverkan.sparql.text import Term
from samverkan.store import Store
from samverkan.vocabulary.namespaces import PREFIXES

XSD = PREFIXES["xsd"]
INTEGERS = {
    f"{XSD}{name}"
    for name in [
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}
REALS = {f"{XSD}decimal", f"{XSD}double", f"{XSD}float"}
BOOLEAN = f"{XSD}boolean"


def literal_value(text: str, datatype: str | None) -> Any:
    """A literal's Python value: int, float or bool by datatype, else its text (also when malformed)."""
    try:
        if datatype in INTEGERS:
            return int(text)
        if datatype in REALS:
            return float(text)
    except ValueError:
        return text
    if datatype == BOOLEAN:
        return text.strip() in {"true", "1"}
    return text


def term_value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return literal_value(term.value, term.datatype.value)
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return term.value
    return str(term)


def solutions_frame(answer: ox.QuerySolutions) -> pd.DataFrame:
    """The solutions of a SELECT query, columns in the query's order."""
    columns = [variable.value for variable in answer.variables]
    rows = [[term_value(solution[column]) for column in columns] for solution in answer]
    return pd.DataFrame(rows, columns=columns)


def query_frame(store: Store, sparql: str, bindings: Mapping[str, Term] | None = None) -> pd.DataFrame:
    """Run a SELECT query on the store (parameters bound as terms) and return its frame."""
    answer = store.query(sparql, bindings=dict(bindings) if bindings else None)
    if not isinstance(answer, ox.QuerySolutions):
        raise TypeError("a frame needs a SELECT query")
    return solutions_frame(answer)


def sparql_json_frame(results: Mapping[str, Any]) -> pd.DataFrame:
    """SPARQL 1.1 Query Results JSON (a dict, as SPARQLWrapper converts it) as a frame."""
    columns = list(results["head"]["vars"])
    rows = [
        [_json_value(binding.get(column)) for column in columns] for binding in results["results"]["bindings"]
    ]
    return pd.DataFrame(rows, columns=columns)


def _json_value(binding: Mapping[str, str] | None) -> Any:
    if binding is None:
        return None
    if binding["type"] in {"literal", "typed-literal"}:
        return literal_value(binding["value"], binding.get("datatype"))
    return binding["value"]


def with_labels(frame: pd.DataFrame, store: Store, columns: Iterable[str], lang: str = "sv") -> pd.DataFrame:
    """A copy with a `{column}Label` column (after the IRI column, or replacing one): the label in `lang`."""
    columns = list(columns)
    iris = {value for column in columns for value in frame[column].dropna() if isinstance(value, str)}
    names = labels(store, iris, lang)
    labelled = frame.copy()
    for column in columns:
        values = frame[column].map(lambda iri: names.get(iri, iri) if isinstance(iri, str) else iri)
        if f"{column}Label" in labelled.columns:
            labelled[f"{column}Label"] = values
        else:
            labelled.insert(labelled.columns.get_loc(column) + 1, f"{column}Label", values)
    return labelled
