"""The kb web page and JSON API: a Starlette app over the same library calls as the CLI.

Every route reads its parameters through kb.web.params (checked against the
OpenAPI description in kb.web.openapi), calls one SearchIndex method and
renders the result: a template for people, JSON or CSV for programs.
"""

from __future__ import annotations

import contextlib
import logging

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kb.csv_export import EVENT_COLUMNS, hits_csv, to_csv
from kb.errors import KbError, QueryError
from kb.index import IndexMissingError
from kb.models import document_to_dict
from kb.schema import FACETS
from kb.search import SORTS, SearchIndex, normalise_facet_value
from kb.settings import Paths
from kb.web import openapi, params
from kb.web.charts import events_chart
from kb.web.exports import atom_feed
from kb.web.templating import STATIC_DIR, country, make_templates

TEMPLATES = make_templates()
RELATED_DOCUMENTS = 5
RECENT_EVENTS = 5
MANDATE_KEYS = ("doc_id", "url", "title", "agency", "text", "declaration")  # `kb mandate --format json`
# Paths answered in JSON even when they fail; everything else is a page for people.
MACHINE_PATHS = ("/api/", "/healthz", "/openapi.json", "/search.atom")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
CSV_TYPE = "text/csv; charset=utf-8"
log = logging.getLogger("kb.server")


def index_of(request: Request) -> SearchIndex:
    return request.app.state.index


def render(request: Request, template: str, status_code: int = 200, **context) -> Response:
    return TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)


def absolute(request: Request, path: str) -> str:
    return str(request.base_url).rstrip("/") + path


def csv_download(text: str, name: str) -> Response:
    return Response(text, media_type=CSV_TYPE, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def find_document(request: Request):
    key = request.path_params["doc_id"]
    doc = index_of(request).find_document(key)
    if doc is None:
        raise HTTPException(404, f"{key[:80]}: no such document")
    return doc


# ---------------------------------------------------------------- pages

def home(request: Request) -> Response:
    index = index_of(request)
    dated = [row for row in index.events() if row.event.start]
    return render(request, "home.html", stats=index.stats(), recent=dated[::-1][:RECENT_EVENTS])


def search_page(request: Request) -> Response:
    search = params.search_request(request.query_params)
    result = index_of(request).search(search)
    here = params.Here.of("/search", request.query_params)
    # the filter values as the index holds them ("jamaica" -> "JM"), to tick the sidebar's boxes
    selected = {f.name: [normalise_facet_value(f.name, v) for v in search.filters.get(f.name, [])] for f in FACETS}
    return render(request, "search.html", search=search, result=result, here=here, facets=FACETS, sorts=SORTS,
                  selected=selected)


def document_page(request: Request) -> Response:
    doc = find_document(request)
    if doc.doc_id != request.path_params["doc_id"]:  # a prefix or an old address: send to the one address
        return RedirectResponse(f"/doc/{doc.doc_id}", status_code=301)
    index = index_of(request)
    return render(request, "document.html", doc=doc, passages=index.passages(doc.doc_id),
                  related=index.similar(doc.doc_id, limit=RELATED_DOCUMENTS))


def events_page(request: Request) -> Response:
    query = params.event_query(request.query_params)
    index = index_of(request)
    rows = index.events(query.filters, kinds=query.kinds)
    everything = index.events()
    choices = {
        "agency": sorted({r.agency for r in everything}),
        "country": sorted({r.event.country_code for r in everything if r.event.country_code}, key=country),
        "year": sorted({r.event.start.year for r in everything if r.event.start}, reverse=True),
        "kind": sorted({r.event.kind for r in everything}),
    }
    here = params.Here.of("/events", request.query_params)
    return render(request, "events.html", rows=rows, chart=events_chart(rows), choices=choices, here=here)


def mandate_lookup(request: Request) -> Response:
    raw = request.query_params.get("n", "").strip()
    if not raw:
        return render(request, "mandate.html", number=None, passages=[])
    return RedirectResponse(f"/mandates/{params.mandate_number(raw)}", status_code=303)


def mandate_page(request: Request) -> Response:
    number = params.mandate_number(request.path_params["n"])
    return render(request, "mandate.html", number=number, passages=index_of(request).mandate(number))


def api_page(request: Request) -> Response:
    return render(request, "api.html", spec=openapi.openapi(), examples=openapi.EXAMPLES)


# ---------------------------------------------------------------- JSON API

def api_search(request: Request) -> Response:
    search = params.search_request(request.query_params)
    fmt = params.output_format(request.query_params, "/api/search")
    result = index_of(request).search(search)
    if fmt == "csv":
        return csv_download(hits_csv(result), "kb-search.csv")
    return JSONResponse(result.to_dict())


def search_feed(request: Request) -> Response:
    search = params.search_request(request.query_params, openapi.operation("/search.atom")["parameters"])
    search.sort = "newest"
    index = index_of(request)
    result = index.search(search)
    here = params.Here.of("/search", request.query_params)
    body = atom_feed(result, title=f"kb: {search.q}" if search.q else "kb: newest documents",
                     feed_url=absolute(request, str(here.at("/search.atom"))),
                     page_url=absolute(request, str(here.set("sort", "newest"))),
                     updated=index.stats()["last_update"],
                     doc_url=lambda hit: absolute(request, f"/doc/{hit.doc_id}"))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def api_document(request: Request) -> Response:
    doc = find_document(request)
    data = document_to_dict(doc)
    data["passage_texts"] = index_of(request).passages(doc.doc_id)
    return JSONResponse(data)


def api_events(request: Request) -> Response:
    query = params.event_query(request.query_params)
    rows = [row.to_dict() for row in index_of(request).events(query.filters, kinds=query.kinds)]
    if query.format == "csv":
        return csv_download(to_csv(rows, EVENT_COLUMNS), "kb-events.csv")
    return JSONResponse(rows)


def api_mandate(request: Request) -> Response:
    number = params.mandate_number(request.path_params["n"])
    passages = index_of(request).mandate(number)
    return JSONResponse({"mandate": number, "passages": [{k: p[k] for k in MANDATE_KEYS} for p in passages]})


def api_stats(request: Request) -> Response:
    return JSONResponse(index_of(request).stats())


def healthz(request: Request) -> Response:
    snapshot = index_of(request).current()
    return JSONResponse({"status": "ok", "generation": snapshot.generation.name,
                         "documents": len(snapshot.documents)})


def openapi_json(request: Request) -> Response:
    return JSONResponse(openapi.openapi())


# ---------------------------------------------------------------- errors

def wants_json(request: Request) -> bool:
    return request.url.path.startswith(MACHINE_PATHS)


def error_response(request: Request, status: int, kind: str, message: str, parameter: str | None = None,
                   headers: dict | None = None) -> Response:
    if wants_json(request):
        body = {"error": {"type": kind, "message": message, "parameter": parameter}}
        return JSONResponse(body, status_code=status, headers=headers)
    return render(request, "error.html", status_code=status, status=status, kind=kind, message=message,
                  headers=headers)


async def http_error(request: Request, exc: HTTPException) -> Response:
    kind = {404: openapi.NOT_FOUND, 405: openapi.METHOD_NOT_ALLOWED}.get(exc.status_code, openapi.BAD_PARAMETER)
    return error_response(request, exc.status_code, kind, exc.detail, headers=exc.headers)


async def kb_error(request: Request, exc: KbError) -> Response:
    if isinstance(exc, QueryError):
        return error_response(request, 400, openapi.BAD_PARAMETER, str(exc), exc.parameter)
    if isinstance(exc, IndexMissingError):
        return error_response(request, 503, openapi.NO_INDEX, "There is no index yet: run `kb ingest` first.")
    return await server_error(request, exc)


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    response = error_response(request, 500, openapi.INTERNAL_ERROR, "Something went wrong on our side.")
    response.headers.update(SECURITY_HEADERS)  # this one is sent from outside the headers middleware
    return response


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response that does not set them itself."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


# ---------------------------------------------------------------- the app

@contextlib.asynccontextmanager
async def lifespan(app: Starlette):
    index = SearchIndex(Paths.resolve().index_dir)
    with contextlib.suppress(IndexMissingError):
        index.current()  # open it now rather than on the first request; with no index yet, pages say so
    app.state.index = index
    yield
    index.close()


app = Starlette(
    routes=[
        Route("/", home),
        Route("/search", search_page),
        Route("/doc/{doc_id}", document_page),
        Route("/events", events_page),
        Route("/mandates", mandate_lookup),
        Route("/mandates/{n}", mandate_page),
        Route("/api", api_page),
        Route("/api/search", api_search),
        Route("/search.atom", search_feed),
        Route("/api/documents/{doc_id}", api_document),
        Route("/api/events", api_events),
        Route("/api/mandates/{n}", api_mandate),
        Route("/api/stats", api_stats),
        Route("/healthz", healthz),
        Route("/openapi.json", openapi_json),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ],
    middleware=[Middleware(SecurityHeaders)],
    exception_handlers={HTTPException: http_error, KbError: kb_error, Exception: server_error},
    lifespan=lifespan,
)
