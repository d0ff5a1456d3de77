"""`GET /export/archimate`: the graph, or one scope of it, as an ArchiMate model for Archi."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from samverkan.archimate.export import CsvFile, ExportFormat, export_archimate
from samverkan.archimate.model import ScopeKind, UnknownScopeError
from samverkan.server.dependencies import get_store
from samverkan.store import Store, StoreError

router = APIRouter(tags=["ArchiMate"])


@router.get(
    "/export/archimate",
    response_class=Response,
    responses={
        200: {
            "description": "The exchange file, Archi's CSV files zipped, or one CSV file.",
            "content": {"application/xml": {}, "application/zip": {}, "text/csv": {}},
        },
        400: {"description": "A scope without an id, or an id that is not an IRI."},
        404: {"description": "The graph has no such actor, strategy or framework."},
    },
)
def get_archimate(
    store: Annotated[Store, Depends(get_store)],
    scope: Annotated[
        ScopeKind | None, Query(description="Export only this actor's, strategy's or framework's part.")
    ] = None,
    id: Annotated[str | None, Query(description="The scope's slug (e.g. `digg`) or full IRI.")] = None,
    format: Annotated[
        ExportFormat,
        Query(description="`xml`: ArchiMate Model Exchange File; `csv`: Archi's CSV import files."),
    ] = "xml",
    file: Annotated[
        CsvFile | None, Query(description="With `format=csv`: only this file, as text/csv.")
    ] = None,
    lang: Annotated[
        Literal["sv", "en"], Query(description="Language of names in CSV (XML has both).")
    ] = "sv",
) -> Response:
    """An ArchiMate 3.1 model of the graph (Open Group exchange format), byte-stable for the same graph."""
    if (scope is None) != (id is None):
        raise HTTPException(400, "give scope and id together")
    try:
        exported = export_archimate(store, scope, id, format, lang, file)
    except UnknownScopeError as error:
        raise HTTPException(404, str(error)) from error
    except ValueError as error:
        raise HTTPException(400, f"not a usable id: {error}") from error
    except StoreError as error:
        raise HTTPException(502, f"the store could not answer: {error}") from error
    disposition = "inline" if exported.media_type.startswith("text/") else "attachment"
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": f'{disposition}; filename="{exported.filename}"'},
    )
