"""The query UI: YASGUI, served from the project's npm assets, in the site frame with grouped examples."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import HTMLResponse

from samverkan.server.page_text import page_text
from samverkan.server.pages import local_href, reader_language, render
from samverkan.store import Store
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, PREFIXES, SAM, SAMID, SAMSH, sparql_prefixes

YASGUI_BUILD = Path("@zazuko") / "yasgui" / "build"


def tour_queries() -> list[dict[str, str]]:
    """The tour queries shipped with the package: the first comment line names each."""
    folder = resources.files("samverkan") / "queries" / "tour"
    tabs = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            title = text.splitlines()[0].lstrip("# ").strip()
            tabs.append({"name": title, "query": text})
    return tabs


def example_groups(store: Store, lang: str) -> list[dict[str, Any]]:
    """The examples of the picker: the tour, then one per gap rule."""
    words = page_text(lang)
    return [
        {"group": words["tour_examples"], "items": tour_queries()},
        {"group": words["gap_examples"], "items": gap_rule_tabs(store, lang)},
    ]


def _json(value: object) -> str:
    """JSON safe inside a <script> element: no `<`, `>` or `&` the HTML parser could read."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def query_ui_page(request: Request, store: Store) -> HTMLResponse:
    """The YASGUI page pointed at this endpoint (its path only: the browser supplies the host). The results
    table shortens IRIs with the first prefix that fits, so the longest namespaces come first."""
    lang = reader_language(request)
    examples = example_groups(store, lang)
    local = [(namespace, local_href(namespace)) for namespace in (SAMID, SAM, SAMSH, ONTOLOGY_GRAPH)]
    return render(
        request,
        "query_ui.html",
        lang,
        {
            "endpoint_path": request.url.path,
            "assets": "/assets/yasgui",
            "examples": examples,
            "examples_json": _json(examples),
            "prefixes_json": _json(dict(sorted(PREFIXES.items(), key=lambda item: -len(item[1])))),
            "local_json": _json(local),
        },
    )


def gap_rule_tabs(store: Store, lang: str = "en") -> list[dict[str, str]]:
    """One example per SHACL-SPARQL gap rule of the shapes graph, its SELECT runnable as it stands."""
    answer = store.query(
        """PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?shape (SAMPLE(?name) AS ?title) (SAMPLE(?select) AS ?query) WHERE {
          GRAPH <https://w3id.org/samverkan/shapes> {
            ?shape sh:sparql/sh:select ?select ; sh:severity ?severity .
            FILTER(?severity != sh:Violation)
            OPTIONAL { ?shape sh:name ?name FILTER(LANGMATCHES(LANG(?name), ?lang)) }
          }
        } GROUP BY ?shape ORDER BY ?shape""",
        bindings={"lang": ox.Literal(lang)},
    )
    assert isinstance(answer, ox.QuerySolutions)
    tabs = []
    for s in answer:
        query = s["query"].value.replace("$this", "?this")
        tabs.append(
            {
                "name": s["title"].value if s["title"] else s["shape"].value.rsplit("#", 1)[-1],
                "query": sparql_prefixes(query) + query,
            }
        )
    return tabs
