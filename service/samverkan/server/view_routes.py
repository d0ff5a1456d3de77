"""`/views/*`: the responsibility matrix, the gap dashboard and the EIF scoreboard, each a page, JSON,
CSV (and for the matrix an XLSX workbook); `format=` picks one, else the Accept header."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel

from samverkan.reports.tables import render_rows
from samverkan.server.dependencies import get_store
from samverkan.server.negotiation import choose
from samverkan.server.page_text import page_text
from samverkan.server.pages import page_language, render
from samverkan.server.view_charts import Chart, bar_chart
from samverkan.store import Store
from samverkan.views.dashboard import Dashboard, dashboard, figures_table, rows_table
from samverkan.views.matrix import (
    DIMENSIONS,
    PAGE_SIZE,
    Matrix,
    MatrixFilters,
    matrix,
    matrix_page,
    matrix_table,
)
from samverkan.views.scoreboard import COLUMNS, Scoreboard, scoreboard, scoreboard_table
from samverkan.views.workbook import ROLE_COLOURS, matrix_workbook

router = APIRouter(tags=["Views"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"json": "application/json", "csv": "text/csv", "html": "text/html", "xlsx": XLSX}
TABLE_TYPES = ("application/json", "text/csv", "text/html")
SHEET_WORDS = {"strategy": "strategy", "ministry": "ministry", "kind": "actor_kind"}
"""The workbooks the matrix page offers (one sheet per choice), with the page words naming the choice."""
FormatQuery = Annotated[str | None, Query(alias="format", description="json, csv or html (matrix: xlsx).")]
Lang = Annotated[str, Depends(page_language)]


def _media_type(request: Request, requested: str | None, offers: tuple[str, ...]) -> str:
    """The answer's media type: `format=` if given, else negotiated (406 when nothing fits)."""
    if requested:
        media_type = FORMATS.get(requested)
        if media_type not in offers:
            raise HTTPException(
                400, f"format is one of {', '.join(k for k, v in FORMATS.items() if v in offers)}"
            )
        return media_type
    chosen = choose(request.headers.get("accept", ""), offers)
    if chosen is None:
        raise HTTPException(406, f"the view is available as {', '.join(offers)}")
    return chosen


def _answer(
    media_type: str,
    result: BaseModel,
    table: Callable[[], tuple[list[str], list[list[str]]]],
    page: Callable[[], Response],
) -> Response:
    if media_type == "application/json":
        return Response(result.model_dump_json(), media_type="application/json")
    if media_type == "text/csv":
        return Response(render_rows(*table(), "csv"), media_type="text/csv; charset=utf-8")
    return page()


def _links(request: Request, **changes: str | None) -> str:
    """The request's own query with some parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items() if k not in changes}
    params |= {k: v for k, v in changes.items() if v}
    return "?" + urlencode(params)


@router.get("/views", response_class=Response, include_in_schema=False)
def views_index(request: Request, lang: Lang) -> Response:
    """The three views, each with what it shows."""
    return render(request, "views_index.html", lang, {})


@router.get(
    "/views/matrix",
    response_model=Matrix,
    responses={200: {"content": {"text/csv": {}, "text/html": {}, XLSX: {}}}},
)
def responsibility_matrix(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    lang: Lang,
    strategy: Annotated[str | None, Query(description="Strategy IRI or slug: the things within it.")] = None,
    framework: Annotated[str | None, Query(description="Framework IRI or slug (e.g. eif).")] = None,
    ministry: Annotated[
        str | None, Query(description="Ministry IRI or slug: actors reporting to it.")
    ] = None,
    kind: Annotated[str | None, Query(description="Actor class, e.g. sam:StateAgency.")] = None,
    actor: Annotated[
        str | None, Query(description="Actor IRI or slug: the rows where it holds a role.")
    ] = None,
    as_of: Annotated[
        str | None, Query(alias="as-of", description="Responsibilities valid on this day.")
    ] = None,
    only_gaps: Annotated[
        bool, Query(alias="only-gaps", description="Only rows without exactly one accountable actor.")
    ] = False,
    page: Annotated[int, Query(description="Page of the HTML matrix (100 rows a page).")] = 1,
    per: Annotated[
        str | None, Query(description=f"XLSX: one sheet per choice of {', '.join(DIMENSIONS)}.")
    ] = None,
    output: FormatQuery = None,
) -> Response:
    """Responsibility matrix (RACI): things × actors, each cell the roles held, with responsibility and sources."""
    filters = MatrixFilters(
        strategy or None,
        framework or None,
        ministry or None,
        kind or None,
        actor or None,
        as_of or None,
        only_gaps,
    )
    media_type = _media_type(request, output, (*TABLE_TYPES, XLSX))
    try:
        if media_type == XLSX:
            body = matrix_workbook(store, filters, per or None, lang)
            disposition = 'attachment; filename="samverkan-matrix.xlsx"'
            return Response(body, media_type=XLSX, headers={"Content-Disposition": disposition})
        result = matrix(store, filters, lang)
    except ValueError as error:
        raise HTTPException(400, str(error)) from error
    shown, page, pages = matrix_page(result, page)
    sources = {s.iri: n for n, s in enumerate(shown.sources, start=1)}
    return _answer(
        media_type,
        result,
        lambda: matrix_table(result),
        lambda: render(
            request,
            "views_matrix.html",
            lang,
            {
                "m": shown,
                "total": len(result.rows),
                "actor_total": len(result.actors),
                "page": page,
                "pages": pages,
                "first": (page - 1) * PAGE_SIZE + 1,
                "page_links": {
                    n: _links(request, page=str(n)) for n in (page - 1, page + 1) if 1 <= n <= pages
                },
                "filters": filters,
                "source_numbers": sources,
                "colours": ROLE_COLOURS,
                "exports": {
                    name: _links(request, format=name, page=None) for name in ("csv", "json", "xlsx")
                },
                "sheets": {d: _links(request, format="xlsx", per=d, page=None) for d in SHEET_WORDS},
                "sheet_words": SHEET_WORDS,
            },
        ),
    )


@router.get(
    "/views/dashboard",
    response_model=Dashboard,
    responses={200: {"content": {"text/csv": {}, "text/html": {}}}},
)
def gap_dashboard(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    lang: Lang,
    as_of: Annotated[
        str | None, Query(alias="as-of", description="The gaps as of this day (default today).")
    ] = None,
    since: Annotated[
        str | None, Query(description="An earlier day: the change since then, per rule.")
    ] = None,
    rule: Annotated[str | None, Query(description="Rows of this gap rule (short id).")] = None,
    ministry: Annotated[
        str | None, Query(description="Rows concerning this ministry (IRI, or none).")
    ] = None,
    kind: Annotated[
        str | None, Query(description="Rows concerning actors of this class (IRI, or none).")
    ] = None,
    absence: Annotated[str | None, Query(description="established, not-recorded or not-applicable.")] = None,
    table: Annotated[str, Query(description="CSV: figures or rows.")] = "figures",
    output: FormatQuery = None,
) -> Response:
    """Gap dashboard: gap rows counted per rule, ministry, actor kind and absence, and the change between dates."""
    media_type = _media_type(request, output, TABLE_TYPES)
    selection = {"rule": rule, "ministry": ministry, "kind": kind, "absence": absence}
    try:
        result = dashboard(
            store, as_of or None, since or None, {k: v for k, v in selection.items() if v}, lang
        )
    except ValueError as error:
        raise HTTPException(400, str(error)) from error
    return _answer(
        media_type,
        result,
        lambda: rows_table(result) if table == "rows" else figures_table(result),
        lambda: render(
            request,
            "views_dashboard.html",
            lang,
            {
                "d": result,
                "charts": _charts(request, result, lang),
                "exports": {
                    "json": _links(request, format="json"),
                    "csv": _links(request, format="csv"),
                    "rows_csv": _links(request, format="csv", table="rows"),
                },
                "clear": _links(request, rule=None, ministry=None, kind=None, absence=None),
            },
        ),
    )


def _charts(request: Request, result: Dashboard, lang: str) -> list[Chart]:
    text = page_text(lang)
    selections = {"rule": None, "ministry": None, "kind": None, "absence": None}

    def href(selection: dict[str, str]) -> str:
        return _links(request, **(selections | selection)) + "#rows"

    charts = [
        bar_chart(
            f"chart-{name}",
            text[f"by_{name}"],
            [(bar.label, (bar.count,), href(bar.selection)) for bar in bars],
        )
        for name, bars in result.figures.items()
    ]
    if result.change is not None:
        charts.append(
            bar_chart(
                "chart-change",
                text["change"].format(since=result.since, as_of=result.as_of or text["today"]),
                [(bar.label, (bar.before, bar.after), href({"rule": bar.rule})) for bar in result.change],
                (result.since or "", result.as_of or text["today"]),
            )
        )
    return charts


@router.get(
    "/views/scoreboard",
    response_model=Scoreboard,
    responses={200: {"content": {"text/csv": {}, "text/html": {}}}},
)
def eif_scoreboard(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    lang: Lang,
    framework: Annotated[str, Query(description="Framework IRI or slug.")] = "eif",
    kind: Annotated[str | None, Query(description="principle or recommendation.")] = None,
    only_uncarried: Annotated[
        bool, Query(alias="only-uncarried", description="Only the items nothing in Sweden carries.")
    ] = False,
    output: FormatQuery = None,
) -> Response:
    """EIF implementation scoreboard: per principle and recommendation, what in Sweden carries it."""
    media_type = _media_type(request, output, TABLE_TYPES)
    try:
        result = scoreboard(store, framework, kind or None, only_uncarried, lang)
    except ValueError as error:
        raise HTTPException(400, str(error)) from error
    return _answer(
        media_type,
        result,
        lambda: scoreboard_table(result),
        lambda: render(
            request,
            "views_scoreboard.html",
            lang,
            {
                "s": result,
                "columns": COLUMNS,
                "exports": {name: _links(request, format=name) for name in ("csv", "json")},
            },
        ),
    )
