"""The query UI: YASGUI, served from the project's npm assets, with ready-made tabs."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse

from samverkan.server.pages import PAGES
from samverkan.store import Store
from samverkan.vocabulary.namespaces import sparql_prefixes

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


def query_ui_page(request: Request, store: Store) -> HTMLResponse:
    """The YASGUI page pointed at this endpoint, with tour and gap-rule tabs."""
    tabs = tour_queries() + gap_rule_tabs(store)
    return PAGES.TemplateResponse(
        request,
        "query_ui.html",
        {
            "endpoint": str(request.url_for("sparql")),
            "assets": "/assets/yasgui",
            "tabs_json": json.dumps(tabs, ensure_ascii=False).replace("</", "<\\/"),
        },
    )


def gap_rule_tabs(store: Store) -> list[dict[str, str]]:
    """One tab per SHACL-SPARQL gap rule of the shapes graph, its SELECT runnable as it stands."""
    import pyoxigraph as ox

    answer = store.query(
        """PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?shape (SAMPLE(?name) AS ?title) (SAMPLE(?select) AS ?query) WHERE {
          GRAPH <https://w3id.org/samverkan/shapes> {
            ?shape sh:sparql/sh:select ?select ; sh:severity ?severity .
            FILTER(?severity != sh:Violation)
            OPTIONAL { ?shape sh:name ?name FILTER(LANGMATCHES(LANG(?name), "en")) }
          }
        } GROUP BY ?shape ORDER BY ?shape"""
    )
    assert isinstance(answer, ox.QuerySolutions)
    return [
        {
            "name": f"Gap: {s['title'].value if s['title'] else s['shape'].value.rsplit('#', 1)[-1]}",
            "query": sparql_prefixes() + s["query"].value.replace("$this", "?this"),
        }
        for s in answer
    ]
