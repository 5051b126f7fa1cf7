"""The HTTP API (FastAPI): thin handlers over `rapporteur.app.facade.Rapporteur`.

Reads are open; writes (upload, delete) need the header ``X-API-Key`` equal to the
``api_key`` setting. With no key configured, writes answer 403 "writes are off"; with a
missing or wrong key, 401. Domain errors become 4xx JSON ``{"detail": "..."}``; nothing
returns a traceback. CORS is off (same-origin UI). OpenAPI docs at ``/docs``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, FastAPI, File, Header, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from rapporteur.app.facade import BadKey, Rapporteur, WritesOff, check_key
from rapporteur.app.schemas import SearchOut
from rapporteur.core.errors import (
    ConfigError,
    EngineUnavailable,
    IndexMismatch,
    NotFound,
    ParseError,
    RapporteurError,
    StoreError,
)
from rapporteur.core.settings import Settings, get_settings

MAX_TEXT = 2000  # characters in a query or question
MAX_DRAFT = 5000  # characters in one draft recommendation
MAX_DRAFTS = 200  # drafts in one duplicate check
MAX_TURNS = 20  # earlier messages of a conversation


class TooLarge(RapporteurError):
    """An upload is over the ``max_upload_mb`` setting."""


STATUS: dict[type[RapporteurError], int] = {
    NotFound: 404,
    ParseError: 422,
    ConfigError: 400,
    BadKey: 401,
    WritesOff: 403,
    TooLarge: 413,
    IndexMismatch: 409,
    StoreError: 503,
    EngineUnavailable: 503,
}


# --- request and response bodies -----------------------------------------------------------


class FiltersIn(BaseModel):
    """Restrict retrieval; empty lists mean no restriction."""

    model_config = ConfigDict(extra="forbid")
    docs: list[str] = Field(default=[], max_length=100, description="Document keys, e.g. wg6-2021.")
    symbols: list[str] = Field(default=[], max_length=100, description="UN symbols.")
    kinds: list[str] = Field(
        default=[], max_length=10, description="recommendation, paragraph, operative, ..."
    )
    years: list[int] = Field(default=[], max_length=50, description="Years of the documents.")
    bodies: list[str] = Field(default=[], max_length=20, description="Issuing body, by substring.")


class SearchIn(BaseModel):
    query: str = Field(min_length=1, max_length=MAX_TEXT)
    k: int = Field(default=10, ge=1, le=100)
    filters: FiltersIn | None = None


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=20000)


class AskIn(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_TEXT)
    history: list[Turn] = Field(
        default=[],
        max_length=MAX_TURNS,
        description="Earlier turns, oldest first, for follow-up questions.",
    )
    filters: FiltersIn | None = None


class DupesIn(BaseModel):
    drafts: list[Annotated[str, Field(max_length=MAX_DRAFT)]] = Field(
        min_length=1, max_length=MAX_DRAFTS
    )
    scope: FiltersIn | None = Field(
        default=None,
        description="Adopted units to compare with "
        "(default: recommendations and operative paragraphs).",
    )


# --- wiring ---------------------------------------------------------------------------------


def service(request: Request) -> Rapporteur:
    """The facade the lifespan loaded."""
    return request.app.state.rapporteur


def require_key(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header()] = None,
) -> None:
    """Writes need ``X-API-Key`` equal to the ``api_key`` setting."""
    check_key(settings.api_key, x_api_key)


Service = Annotated[Rapporteur, Depends(service)]


def create_app(settings: Settings | None = None, rapporteur: Rapporteur | None = None) -> FastAPI:
    """The API app. Settings come from ``get_settings`` (tests override it) unless given here;
    the facade is loaded once in the lifespan unless an already loaded one is passed."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if getattr(app.state, "rapporteur", None) is None:
            resolved = app.dependency_overrides.get(get_settings, get_settings)()
            facade = Rapporteur.open(resolved)
            app.state.rapporteur = await run_in_threadpool(facade.start)
        yield

    app = FastAPI(
        title="Rapporteur",
        summary="Search and cited answers over UN working-group reports",
        version="0.1.0",
        lifespan=lifespan,
    )
    if settings is not None:
        app.dependency_overrides[get_settings] = lambda: settings
    app.state.rapporteur = rapporteur
    app.add_exception_handler(RapporteurError, _domain_error)
    app.add_exception_handler(Exception, _unexpected_error)
    app.add_middleware(UploadLimit, limit_mb=lambda: _settings_of(app).max_upload_mb)
    app.include_router(router)
    return app


def _settings_of(app: FastAPI) -> Settings:
    return app.dependency_overrides.get(get_settings, get_settings)()


async def _domain_error(request: Request, exc: RapporteurError) -> JSONResponse:
    status = next((code for cls, code in STATUS.items() if isinstance(exc, cls)), 400)
    return JSONResponse({"detail": str(exc)}, status_code=status)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": "internal error; see the server log"}, status_code=500)


class UploadLimit:
    """Refuse a request body larger than the upload limit by its Content-Length (413), before
    anything reads it. Bodies sent without a length are checked while read (``read_upload``)."""

    def __init__(self, app, limit_mb) -> None:
        self.app = app
        self.limit_mb = limit_mb

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            length = dict(scope["headers"]).get(b"content-length")
            limit = int(self.limit_mb() * 2**20) + 64 * 1024  # room for the multipart envelope
            if length and length.isdigit() and int(length) > limit:
                response = JSONResponse({"detail": _too_large(self.limit_mb())}, status_code=413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _too_large(limit_mb: float) -> str:
    return f"the file is larger than {limit_mb:g} MB (setting max_upload_mb); split it"


async def read_upload(file: UploadFile, limit_mb: float) -> bytes:
    """The uploaded bytes, or 413 past the limit (read in chunks, never more than limit + 1)."""
    limit = int(limit_mb * 2**20)
    chunks, size = [], 0
    while chunk := await file.read(min(1 << 20, limit + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise TooLarge(_too_large(limit_mb))
    return b"".join(chunks)


def _filters(f: FiltersIn | None) -> dict | None:
    return f.model_dump() if f else None


def _sse(chunks: Iterator) -> Iterator[str]:
    """Server-sent events: ``data: "<text chunk>"`` per chunk, then ``event: answer`` with the JSON."""
    try:
        for item in chunks:
            if isinstance(item, str):
                yield f"data: {json.dumps(item, ensure_ascii=False)}\n\n"
            else:
                yield f"event: answer\ndata: {json.dumps(item.to_dict(), ensure_ascii=False)}\n\n"
    except RapporteurError as exc:
        yield f"event: error\ndata: {json.dumps({'detail': str(exc)}, ensure_ascii=False)}\n\n"
    except Exception:  # noqa: BLE001 - the status line is sent; report the failure in the stream
        yield f"event: error\ndata: {json.dumps({'detail': 'internal error; see the server log'})}\n\n"


router = APIRouter()


@router.get("/health", tags=["status"])
def health(svc: Service) -> dict:
    """200 once the store, the models and the index are loaded."""
    return {"status": "ok"} | svc.status()


@router.post("/api/search", response_model=SearchOut, tags=["search"])
def search(body: SearchIn, svc: Service) -> dict:
    """The k best citable units for a query, within the filters."""
    hits = svc.search(body.query, body.k, _filters(body.filters))
    return {
        "query": body.query,
        "hits": [h.to_dict() for h in hits],
    }  # as `rapporteur search --json`


@router.post("/api/ask", tags=["assistant"])
def ask(body: AskIn, svc: Service) -> dict:
    """A cited answer; follow-ups pass the conversation in ``history``."""
    history = [t.model_dump() for t in body.history]
    return svc.ask(body.question, history, _filters(body.filters)).to_dict()


@router.post(
    "/api/ask/stream",
    tags=["assistant"],
    responses={200: {"content": {"text/event-stream": {}}}},
)
def ask_stream(body: AskIn, svc: Service) -> StreamingResponse:
    """The answer as server-sent events: text chunks, then ``event: answer`` with the JSON."""
    history = [t.model_dump() for t in body.history]
    chunks = svc.ask_stream(body.question, history, _filters(body.filters))
    return StreamingResponse(
        _sse(chunks),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/api/documents", tags=["library"])
def documents(svc: Service) -> dict:
    """Every document with its unit count."""
    return {"documents": [d.to_dict() | {"units": n} for d, n in svc.documents()]}


@router.get("/api/documents/{doc}", tags=["library"])
def document(doc: str, svc: Service) -> dict:
    """One document and its units, in order."""
    record, units = svc.document(doc)
    return {"document": record.to_dict(), "units": [u.to_dict() for u in units]}


@router.get("/api/units/{doc}/{unit}", tags=["library"])
def unit(doc: str, unit: str, svc: Service, n: Annotated[int, Query(ge=0, le=10)] = 2) -> dict:
    """A unit (label such as ``rec 18``, URL-encoded) with ``n`` neighbours each side."""
    return svc.unit_context(doc, unit, n).to_dict()


@router.post(
    "/api/documents", status_code=201, tags=["library"], dependencies=[Depends(require_key)]
)
async def upload(
    file: Annotated[UploadFile, File(description="txt, md, pdf, docx or html")],
    svc: Service,
    settings: Annotated[Settings, Depends(get_settings)],
) -> dict:
    """Add or replace a document (needs X-API-Key); the index is rebuilt before answering."""
    data = await read_upload(file, settings.max_upload_mb)
    outcome = await run_in_threadpool(svc.upload, file.filename or "upload.txt", data)
    return outcome.to_dict()


@router.delete("/api/documents/{doc}", tags=["library"], dependencies=[Depends(require_key)])
def delete(doc: str, svc: Service) -> dict:
    """Remove a document and its units (needs X-API-Key)."""
    svc.delete(doc)
    return {"deleted": doc}


@router.get("/api/compendium", tags=["compendium"])
def compendium(
    svc: Service,
    body: str = "",
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    theme: str = "",
    addressee: str = "",
    sdg: Annotated[str, Query(max_length=8)] = "",
    doc: str = "",
) -> dict:
    """Compendium entries (recommendations, OPs, asks) with addressees, action, themes, SDG
    targets and lineage, filtered as `rapporteur compendium` filters them."""
    filters = {
        "body": body,
        "year": year,
        "theme": theme,
        "addressee": addressee,
        "sdg": sdg,
        "doc": doc,
    }
    entries = svc.compendium_entries(filters)
    return {"count": len(entries), "entries": [e.to_dict() for e in entries]}


@router.get("/api/compendium/entry", tags=["compendium"])
def compendium_entry(
    svc: Service, ref: Annotated[str, Query(min_length=3, max_length=200)]
) -> dict:
    """One entry by its reference ("A/RES/73/146 OP 4", "S/2025/303 annex para 56 (c)")."""
    entry, letter = svc.compendium_entry(ref)
    item = {"letter": letter, "text": entry.text, "lead": entry.lead} if letter else None
    return {"entry": entry.to_dict(), "item": item}


@router.post("/api/duplicates", tags=["duplicates"])
def duplicates(body: DupesIn, svc: Service) -> dict:
    """Verdict (duplicate, overlap, new) for each draft, with its closest adopted units."""
    results = svc.dupes(body.drafts, _filters(body.scope))
    return {"results": [r.to_dict() for r in results]}
