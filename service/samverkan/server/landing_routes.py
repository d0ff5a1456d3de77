"""The landing page at `/`, search by name, and the notebooks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse

from samverkan.browse.landing import class_counts
from samverkan.browse.search import Hit, search
from samverkan.browse.vocabulary import ClassUse, vocabulary_in_use
from samverkan.knowledge.coverage import coverage
from samverkan.server.dependencies import get_settings, get_store
from samverkan.server.negotiation import choose
from samverkan.server.pages import STATIC_DIR, VARY, page_language, render
from samverkan.settings import Settings
from samverkan.store import Store

router = APIRouter(tags=["Browse"])

Lang = Annotated[str, Depends(page_language)]


@router.get("/", response_class=Response, include_in_schema=False)
def landing(request: Request, store: Annotated[Store, Depends(get_store)], lang: Lang) -> Response:
    """What the graph holds (by class and by source), search, and the ways in."""
    return render(
        request,
        "landing.html",
        lang,
        {"classes": class_counts(store, lang), "sources": coverage(store, lang)},
    )


@router.get("/search", response_model=list[Hit], responses={200: {"content": {"text/html": {}}}})
def find(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    lang: Lang,
    q: Annotated[
        str, Query(description="Words of a name, in Swedish or English; accents and case do not matter.")
    ] = "",
) -> Response:
    """Resources whose names contain every word of `q` ("Malmo" finds Malmö kommun), best first."""
    hits = search(store, q, lang)
    if choose(request.headers.get("accept", ""), ["text/html", "application/json"]) == "application/json":
        body = f"[{','.join(hit.model_dump_json() for hit in hits)}]"
        return Response(body, media_type="application/json", headers=VARY)
    return render(request, "search.html", lang, {"q": q, "hits": hits})


@router.get(
    "/vocabulary", response_model=list[ClassUse], responses={200: {"content": {"text/html": {}}}}
)
def vocabulary(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    lang: Lang,
    format: Annotated[str | None, Query(description="json or html (else by Accept).")] = None,
) -> Response:
    """Per class, the properties its instances use: counts, an example value and a ready query."""
    classes = vocabulary_in_use(store, lang)
    wanted = format or choose(request.headers.get("accept", ""), ["text/html", "application/json"])
    if wanted in ("json", "application/json"):
        body = "[" + ",".join(use.model_dump_json() for use in classes) + "]"
        return Response(body, media_type="application/json", headers=VARY)
    return render(request, "vocabulary.html", lang, {"classes": classes})


@router.get("/notebooks", response_class=Response, include_in_schema=False)
def notebooks(request: Request, settings: Annotated[Settings, Depends(get_settings)], lang: Lang) -> Response:
    """The notebooks in the repository, and how to open them."""
    return render(request, "notebooks.html", lang, {"notebooks": notebook_names(settings)})


@router.get("/notebooks/{name}", include_in_schema=False)
def notebook_file(name: str, settings: Annotated[Settings, Depends(get_settings)]) -> FileResponse:
    """One notebook for download; only names the folder lists are served."""
    if name not in notebook_names(settings):
        raise HTTPException(404, f"no notebook {name!r}")
    return FileResponse(settings.notebooks_dir / name, media_type="application/x-ipynb+json", filename=name)


def notebook_names(settings: Settings) -> list[str]:
    folder = settings.notebooks_dir
    return sorted(p.name for p in folder.glob("*.ipynb")) if folder.is_dir() else []


@router.get("/favicon.ico", include_in_schema=False)
@router.get("/favicon.svg", include_in_schema=False)
def favicon() -> FileResponse:
    """The site's icon (SVG, which browsers take at either address)."""
    return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")
