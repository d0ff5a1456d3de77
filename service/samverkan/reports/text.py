"""Validation reports and gap results as text: terminal tables, Markdown, CSV, JSON and Turtle."""

from __future__ import annotations

from itertools import groupby

import pyoxigraph as ox

from samverkan.gaps.absence import STATUS_WORDS, words
from samverkan.gaps.catalogue import GapResult
from samverkan.reports.tables import render_rows
from samverkan.sparql.formats import to_bytes
from samverkan.validation.validator import ValidationReport
from samverkan.vocabulary.namespaces import PREFIXES

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
VALIDATION_FORMATS = ("table", "md", "json", "turtle")
GAP_FORMATS = ("table", "md", "json", "csv")
GAP_COLUMNS = ["thing", "value", "why", "sources", "absence", "covered by"]
"""`absence` is established or not recorded on rows of rules about something missing, empty on the others;
`covered by` lists the sources that cover the thing, each with how it was read."""


def validation_text(report: ValidationReport, output: str) -> str:
    """The report grouped by severity and rule, in one of `VALIDATION_FORMATS`."""
    if output == "json":
        return report.model_dump_json(indent=2) + "\n"
    if output == "turtle":
        return validation_turtle(report)
    table = "md" if output == "md" else "table"
    parts = [_summary(report, output)]
    key = lambda r: (r.severity, r.rule_id, r.rule_name)  # noqa: E731
    for (severity, rule_id, name), group in groupby(report.results, key=key):
        results = list(group)
        parts.append(_heading(f"{severity}: {name} ({rule_id}), {len(results)}", output))
        rows = [[r.focus_label, r.path or "", r.value or "", r.message] for r in results]
        parts.append(render_rows(["focus", "path", "value", "message"], rows, table))
    return "\n".join(parts)


def _summary(report: ValidationReport, output: str) -> str:
    counts = ", ".join(f"{report.count(s)} {s}" for s in ("Violation", "Warning", "Info"))
    verdict = "conforms" if report.conforms else "does NOT conform"
    line = f"The data {verdict}: {counts} ({report.seconds:.2f} s)"
    return f"# Validation\n\n{line}\n" if output == "md" else line + "\n"


def _heading(text: str, output: str) -> str:
    return f"## {text}\n" if output == "md" else f"{text}\n{'=' * len(text)}"


def validation_turtle(report: ValidationReport) -> str:
    """The report as a SHACL validation report in Turtle."""
    root = ox.BlankNode()
    sh = lambda name: ox.NamedNode(SH + name)  # noqa: E731
    triples = [
        ox.Triple(root, RDF_TYPE, sh("ValidationReport")),
        ox.Triple(
            root,
            sh("conforms"),
            ox.Literal(
                str(report.conforms).lower(),
                datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"),
            ),
        ),
    ]
    for result in report.results:
        node = ox.BlankNode()
        triples += [
            ox.Triple(root, sh("result"), node),
            ox.Triple(node, RDF_TYPE, sh("ValidationResult")),
            ox.Triple(node, sh("resultSeverity"), sh(result.severity)),
            ox.Triple(node, sh("sourceShape"), ox.NamedNode(result.rule)),
            ox.Triple(node, sh("focusNode"), _node(result.focus)),
            ox.Triple(node, sh("resultMessage"), ox.Literal(result.message)),
        ]
        if result.value is not None:
            triples.append(ox.Triple(node, sh("value"), ox.Literal(result.value)))
    return to_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)).decode()


def _node(text: str) -> ox.NamedNode | ox.BlankNode:
    try:
        return ox.NamedNode(text)
    except ValueError:
        return ox.BlankNode()


def gap_rows(result: GapResult) -> list[list[str]]:
    """One gap's rows as text cells (`GAP_COLUMNS`)."""
    return [
        [
            row.thing.label,
            row.value.label if row.value else "",
            row.why,
            "; ".join(s.label for s in row.sources),
            row.absence.label if row.absence else "",
            "; ".join(
                f"{r.source.label} ({r.depth.label if r.depth else '?'})" for r in row.absence.covered_by
            )
            if row.absence
            else "",
        ]
        for row in result.rows
    ]


def absence_counts(result: GapResult) -> tuple[str, str]:
    """How many rows are established and how many not recorded; empty for a rule not about absence."""
    if not result.rule.absence_rule:
        return "", ""
    states = [row.absence.status for row in result.rows if row.absence]
    return str(states.count("established")), str(states.count("not-recorded"))


def absence_legend(lang: str) -> str:
    """What the two words of the absence column mean, in `lang`."""
    return "; ".join(": ".join(words(state, lang)) for state in STATUS_WORDS) + "."


def gaps_text(results: list[GapResult], output: str, lang: str = "en") -> str:
    """Gap results in one of `GAP_FORMATS`: one section per rule (CSV and JSON: flat rows)."""
    if output == "json":
        return "[" + ",\n".join(r.model_dump_json(indent=2) for r in results) + "]\n"
    if output == "csv":
        rows = [[r.rule.short_id, *cells] for r in results for cells in gap_rows(r)]
        return render_rows(["gap", *GAP_COLUMNS], rows, "csv")
    parts = []
    if len(results) > 1:
        summary = [[r.rule.name, r.rule.severity, str(len(r.rows)), *absence_counts(r)] for r in results]
        columns = ["gap", "severity", "rows", "established", "not recorded"]
        parts.append(_heading("Gaps", output) + "\n" + render_rows(columns, summary, output))
    if any(r.rule.absence_rule for r in results):
        parts.append(f"absence: {absence_legend(lang)}\n")
    for result in results:
        parts.append(
            _heading(
                f"{result.rule.name} ({result.rule.short_id}, {result.rule.severity}): {len(result.rows)}",
                output,
            )
        )
        parts.append(result.rule.description + "\n")
        if result.rows:
            parts.append(render_rows(GAP_COLUMNS, gap_rows(result), output))
    return "\n".join(parts)
