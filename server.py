"""The kb web page and JSON API: a Starlette app over the same library calls as the CLI."""

from __future__ import annotations

import contextlib
import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from kb.errors import KbError, QueryError
from kb.search import SearchIndex, SearchRequest
from kb.schema import FACET_NAMES
from kb.settings import Paths

TEMPLATES = Jinja2Templates(directory=os.path.join(os.path.dirname(__file__), "kb", "web", "templates"))


def search_request(request: Request) -> SearchRequest:
    params = request.query_params

    def number(name: str, default: int) -> int:
        raw = params.get(name)
        if raw is None or raw == "":
            return default
        try:
            return int(raw)
        except ValueError:
            raise QueryError(name, f"{raw!r} is not a whole number") from None

    return SearchRequest(
        q=params.get("q", ""),
        filters={name: params.getlist(name) for name in FACET_NAMES if params.getlist(name)},
        page=number("page", 1),
        limit=number("limit", 10),
        sort=params.get("sort", "relevance"),
        expand=params.get("expand", "1") not in ("0", "false", "no"),
    )


async def home(request: Request):
    index: SearchIndex = request.app.state.index
    req = search_request(request)
    result = index.search(req) if req.q or req.filters else None
    return TEMPLATES.TemplateResponse(request, "search.html", {"request_": req, "result": result})


async def api_search(request: Request):
    return JSONResponse(request.app.state.index.search(search_request(request)).to_dict())


async def healthz(request: Request):
    return JSONResponse({"status": "ok", "generation": request.app.state.index.current().generation.name})


async def kb_error(request: Request, exc: KbError):
    status = 400 if isinstance(exc, QueryError) else 503
    body = {"error": {"type": type(exc).__name__, "message": str(exc),
                      "parameter": getattr(exc, "parameter", None)}}
    return JSONResponse(body, status_code=status)


@contextlib.asynccontextmanager
async def lifespan(app: Starlette):
    app.state.index = SearchIndex(Paths.resolve().index_dir)
    yield
    app.state.index.close()


app = Starlette(
    routes=[
        Route("/", home),
        Route("/search", home),
        Route("/api/search", api_search),
        Route("/healthz", healthz),
    ],
    exception_handlers={KbError: kb_error},
    lifespan=lifespan,
)
