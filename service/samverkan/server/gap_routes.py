"""`/gaps`: the gap catalogue, one gap's answers, and the whole report for managers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from samverkan.gaps.catalogue import GapResult, GapRule, UnknownGap, catalogue, gap_report, run_gap
from samverkan.gaps.kept import full_report, full_text
from samverkan.reports.tables import render_rows
from samverkan.reports.text import GAP_COLUMNS, absence_counts, absence_legend, gap_rows, gaps_text
from samverkan.server.dependencies import get_store
from samverkan.server.negotiation import choose
from samverkan.server.pages import reader_language, render
from samverkan.store import Store

router = APIRouter(tags=["Gaps"])

GAP_TYPES = ("application/json", "text/csv", "text/html")
REPORT_TYPES = ("text/html", "text/markdown")


@dataclass
class GapParameters:
    """The parameters every gap route takes, as query parameters."""

    as_of: Annotated[str | None, Query(alias="as-of", description="Judge the landscape as of this date.")] = (
        None
    )
    actor: Annotated[str | None, Query(description="Actor IRI or slug (e.g. digg).")] = None
    framework: Annotated[str | None, Query(description="Framework IRI or slug (e.g. eif).")] = None
    goal_area: Annotated[str | None, Query(alias="goal-area", description="Goal-area IRI or slug.")] = None
    lang: Annotated[str, Query(description="Language of labels and messages: sv or en.")] = "sv"


@router.get("/gaps", response_model=list[GapRule])
def gap_catalogue(
    store: Annotated[Store, Depends(get_store)],
    lang: Annotated[str, Query(description="Language of names and descriptions.")] = "sv",
) -> list[GapRule]:
    """The gap catalogue: each rule's id, name, description, severity, parameters and query."""
    return catalogue(store, lang)


@router.get(
    "/gaps/report",
    response_class=Response,
    responses={200: {"content": {"text/html": {}, "text/markdown": {}}, "description": "All gaps."}},
)
def whole_report(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    parameters: Annotated[GapParameters, Depends()],
    output: Annotated[str | None, Query(alias="format", description="md for Markdown.")] = None,
) -> Response:
    """Every gap in one page: a summary table with counts, then each gap's rows (HTML or Markdown)."""
    media_type = (
        "text/markdown" if output == "md" else choose(request.headers.get("accept", ""), REPORT_TYPES)
    )
    if media_type is None:
        raise HTTPException(406, f"the report is available as {', '.join(REPORT_TYPES)}")
    lang = parameters.lang if media_type == "text/markdown" else reader_language(request)
    whole = not (parameters.actor or parameters.framework or parameters.goal_area)
    try:
        if media_type == "text/markdown" and whole:
            text = full_text(
                store, "md", lambda results: gaps_text(results, "md", lang), parameters.as_of, lang
            )
            return Response(text, media_type="text/markdown; charset=utf-8")
        results = (
            full_report(store, parameters.as_of, lang)
            if whole
            else gap_report(
                store, parameters.as_of, parameters.actor, parameters.framework, parameters.goal_area, lang
            )
        )
    except ValueError as error:
        raise HTTPException(400, str(error)) from error
    if media_type == "text/markdown":
        return Response(gaps_text(results, "md", lang), media_type="text/markdown; charset=utf-8")
    return _page(request, results, lang, parameters.as_of)


@router.get(
    "/gaps/{gap_id}",
    response_model=GapResult,
    responses={
        200: {"content": {"text/csv": {}, "text/html": {}}},
        404: {"description": "No such gap rule."},
    },
)
def one_gap(
    gap_id: str,
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    parameters: Annotated[GapParameters, Depends()],
) -> Response:
    """One gap rule's answers: the thing, why it is a gap, and the sources (JSON, CSV or HTML)."""
    media_type = choose(request.headers.get("accept", ""), GAP_TYPES)
    lang = reader_language(request) if media_type == "text/html" else parameters.lang
    try:
        result = run_gap(
            store, gap_id, parameters.as_of, parameters.actor, parameters.framework, parameters.goal_area, lang
        )
    except UnknownGap as error:
        raise HTTPException(404, str(error)) from error
    except ValueError as error:
        raise HTTPException(400, str(error)) from error
    if media_type == "text/csv":
        return Response(
            render_rows(GAP_COLUMNS, gap_rows(result), "csv"), media_type="text/csv; charset=utf-8"
        )
    if media_type == "text/html":
        return _page(request, [result], lang, parameters.as_of)
    if media_type is None:
        raise HTTPException(406, f"the answer is available as {', '.join(GAP_TYPES)}")
    return Response(result.model_dump_json(), media_type="application/json")


def _page(request: Request, results: list[GapResult], lang: str, as_of: str | None) -> Response:
    """The gap results as a page in the site frame: as-of picker, counts per gap, then the rows."""
    return render(
        request,
        "gaps.html",
        lang,
        {
            "results": results,
            "as_of": as_of,
            "counts": {r.rule.short_id: absence_counts(r) for r in results},
            "legend": absence_legend(lang),
        },
    )
