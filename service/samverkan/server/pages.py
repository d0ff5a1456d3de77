"""The frame of the browsable pages: templates, the language a reader chose, local links for Samverkan IRIs.

The language comes from `?lang=` (which is then remembered in a cookie), else the cookie, else the
browser's Accept-Language, else Swedish. Samverkan's IRIs live under https://w3id.org/samverkan/; on the service they are served
at the same paths without the prefix (`/id/...`, `/ontology`), which is what `local_href` writes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from samverkan.knowledge.labels import LANGUAGES
from samverkan.server.page_text import page_text, relation_text
from samverkan.vocabulary.namespaces import ONTOLOGY_GRAPH, SAM, SAMID, SAMSH, SHAPES_GRAPH
from samverkan.vocabulary.terms import compact_iri

if TYPE_CHECKING:
    from fastapi.templating import Jinja2Templates

VARY = {"Vary": "Accept, Accept-Language, Cookie"}
"""Where one address answers pages and JSON: caches must key on what the reader asked for."""
LANG_COOKIE = "samverkan_lang"
ONE_YEAR = 365 * 24 * 3600

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
"""Files the pages load from the service itself (the query UI's script, the icon)."""


def local_href(iri: str | None) -> str:
    """Where the service serves an IRI: `/id/...` for instances, `/ontology#Term` for ontology terms; other
    http(s) IRIs as they are, and no link (`""`) for any other scheme (`javascript:`, `data:`…)."""
    if not iri:
        return ""
    if iri.startswith(SAMID):
        return "/id/" + iri.removeprefix(SAMID)
    if iri.startswith(SAM):
        return "/ontology#" + iri.removeprefix(SAM)
    if iri.startswith(SAMSH):
        return "/gaps/report#" + iri.removeprefix(SAMSH)
    if iri == ONTOLOGY_GRAPH:
        return "/ontology"
    if iri == SHAPES_GRAPH:
        return "/gaps/report"
    return iri if iri.startswith(("http://", "https://")) else ""


@cache
def templates() -> Jinja2Templates:
    """The pages' templates, made at the first page (Jinja is not loaded at start-up for the SPARQL endpoint)."""
    from fastapi.templating import Jinja2Templates

    made = Jinja2Templates(directory=str(TEMPLATES_DIR))
    made.env.globals["href"] = local_href
    made.env.globals["relation_text"] = relation_text
    made.env.filters["compact"] = compact_iri
    return made


def page_language(
    request: Request,
    lang: Annotated[str | None, Query(description="Language of the page: sv or en (remembered).")] = None,
) -> str:
    """The reader's language: `?lang=`, else the remembered one, else the browser's (Accept-Language),
    else Swedish."""
    for candidate in (lang, request.cookies.get(LANG_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    return accepted_language(request.headers.get("accept-language", ""))


def reader_language(request: Request) -> str:
    """The language of a page a route renders outside the `Lang` dependency (it also serves JSON)."""
    return page_language(request, request.query_params.get("lang"))


def accepted_language(header: str) -> str:
    """The first of sv and en in the reader's Accept-Language by weight (`en-GB;q=0.8`); a browser that
    asks for neither gets English, one that says nothing Swedish."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for name, _, value in (param.partition("=") for param in params):
            if name.strip().lower() == "q":
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = 0.0
        language = tag.lower().split("-")[0]
        if language in LANGUAGES and weight > 0:
            ranked.append((-weight, position, language))
    if ranked:
        return min(ranked)[2]
    return "en" if header.strip() else LANGUAGES[0]


def render(
    request: Request, template: str, lang: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page in the shared layout; a language chosen by `?lang=` is remembered in a cookie."""
    other = next(language for language in LANGUAGES if language != lang)
    switch = request.url.include_query_params(lang=other)
    response = templates().TemplateResponse(
        request,
        template,
        {
            "lang": lang,
            "other_lang": other,
            "switch_href": f"{switch.path}?{switch.query}",
            "t": page_text(lang),
            **context,
        },
        status_code=status_code,
    )
    if request.query_params.get("lang") == lang:
        response.set_cookie(LANG_COOKIE, lang, max_age=ONE_YEAR, samesite="lax")
    response.headers.update(VARY)
    return response
