"""Read a request body within a size limit and a deadline, and decompress it within the same size limit
(no gzip bombs, no bodies trickled in forever)."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Iterable

import brotli
from starlette.exceptions import HTTPException
from starlette.requests import Request

__all__ = ["check_content_type", "decompress", "read_limited"]

_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def check_content_type(request: Request, allowed: Iterable[str]) -> None:
    """415 unless the request's media type is one of ``allowed``."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    allowed = tuple(allowed)
    if media not in allowed:
        raise HTTPException(415, f"content type {media or '(none)'!r} is not accepted here; send {allowed[0]}")


async def _read(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body is over the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_limited(request: Request, limit: int, timeout_s: float) -> bytes:
    """The raw body; 413 as soon as it (or its declared length) exceeds ``limit`` bytes, 408 when it has not
    all arrived within ``timeout_s`` seconds."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise HTTPException(413, f"body of {declared} bytes is over the {limit}-byte limit")
    try:
        async with asyncio.timeout(timeout_s):
            return await _read(request, limit)
    except TimeoutError:
        raise HTTPException(408, f"the request body did not arrive within {timeout_s:g} s; send it faster") from None


def _inflate(body: bytes, wbits: int, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(body, limit + 1)
    if len(out) > limit or inflater.unconsumed_tail:
        raise HTTPException(413, f"body decompresses to more than the {limit}-byte limit")
    if not inflater.eof:
        raise HTTPException(400, "compressed body is truncated")
    if inflater.unused_data.strip(b"\0"):
        raise HTTPException(400, "unexpected bytes after the compressed body")
    return out


def _unbrotli(body: bytes, limit: int) -> bytes:
    decoder = brotli.Decompressor()
    try:
        out = decoder.process(body, output_buffer_limit=limit + 1)
    except brotli.error as exc:
        raise HTTPException(400, f"body is not valid br data ({exc})") from None
    if len(out) > limit or not decoder.can_accept_more_data():
        raise HTTPException(413, f"body decompresses to more than the {limit}-byte limit")
    if not decoder.is_finished():
        raise HTTPException(400, "compressed body is truncated")
    return out


def decompress(body: bytes, encoding: str | None, limit: int) -> bytes:
    """``body`` decoded per its ``Content-Encoding`` (identity, gzip, deflate, br), at most ``limit`` bytes."""
    name = (encoding or "identity").strip().lower()
    if name == "identity":
        return body
    if name == "br":
        return _unbrotli(body, limit)
    wbits = _WBITS.get(name)
    if wbits is None:
        raise HTTPException(415, f"content encoding {name!r} is not supported; use gzip, deflate, br or none")
    try:
        return _inflate(body, wbits, limit)
    except zlib.error as exc:
        if name == "deflate":  # some clients send raw deflate without the zlib wrapper
            try:
                return _inflate(body, -zlib.MAX_WBITS, limit)
            except zlib.error:
                pass
        raise HTTPException(400, f"body is not valid {name} data ({exc})") from None
