"""Bad requests get the right 4xx, leave nothing behind, and the next valid event is still accepted."""

from __future__ import annotations

import gzip
import random
from collections.abc import Callable, Iterator

import brotli
import pytest
from errors_kit import AUTH, ENVELOPE_HEADERS, backlog, capture, gz, sdk
from starlette.testclient import TestClient

from agentfleet.core.context import Context
from agentfleet.ingest.app import create_app

pytestmark = pytest.mark.redis

LIMIT = 64 * 1024


def _valid_envelope() -> bytes:
    with sdk() as sent:
        capture(lambda: {}["missing"])
    return sent[0]


VALID = _valid_envelope()
ENVELOPE = "/api/1/envelope/"
BAD = {
    "truncated gzip": (gz(VALID)[:-12], ENVELOPE_HEADERS, 400),
    "truncated br": (brotli.compress(VALID)[:-8], {**ENVELOPE_HEADERS, "Content-Encoding": "br"}, 400),
    "br bomb": (brotli.compress(b"{}\n" + b" " * (LIMIT * 4)), {**ENVELOPE_HEADERS, "Content-Encoding": "br"}, 413),
    "gzip bomb": (gzip.compress(b"{}\n" + b" " * (LIMIT * 4)), ENVELOPE_HEADERS, 413),
    "giant raw body": (b"x" * (LIMIT + 1), {**AUTH, "Content-Type": "application/x-sentry-envelope"}, 413),
    "wrong key": (gz(VALID), {**ENVELOPE_HEADERS, "X-Sentry-Auth": "Sentry sentry_key=ffffffffffffffff"}, 401),
    "no key": (gz(VALID), {"Content-Type": "application/x-sentry-envelope", "Content-Encoding": "gzip"}, 401),
    "wrong content type": (gz(VALID), {**ENVELOPE_HEADERS, "Content-Type": "image/png"}, 415),
    "unknown encoding": (gz(VALID), {**ENVELOPE_HEADERS, "Content-Encoding": "zstd"}, 415),
    "random bytes": (random.Random(4).randbytes(2000), ENVELOPE_HEADERS, 400),
    "random bytes, identity": (random.Random(5).randbytes(2000), {**ENVELOPE_HEADERS, "Content-Encoding": ""}, 400),
    "item longer than body": (b'{}\n{"type":"event","length":999}\n{}', {**AUTH, "Content-Type": "text/plain"}, 400),
    "event not an object": (b'{}\n{"type":"event"}\n[1,2]\n', {**AUTH, "Content-Type": "text/plain"}, 400),
    "bad frame": (
        b'{}\n{"type":"event"}\n{"exception":{"values":[{"stacktrace":{"frames":[7]}}]}}\n',
        {**AUTH, "Content-Type": "text/plain"},
        400,
    ),
}


@pytest.fixture
def small_client(make_ctx: Callable[..., Context]) -> Iterator[tuple[TestClient, Context]]:
    ctx = make_ctx(max_body_bytes=LIMIT)
    with TestClient(create_app(ctx)) as client:
        yield client, ctx


@pytest.mark.parametrize("case", list(BAD))
def test_bad_request_is_refused_and_leaves_nothing(case: str, small_client: tuple[TestClient, Context]) -> None:
    client, ctx = small_client
    body, headers, status = BAD[case]
    answer = client.post(ENVELOPE, content=body, headers=headers)
    assert answer.status_code == status, answer.text
    assert answer.json()["detail"]
    assert backlog(ctx) == 0
    # the service is alive and the next valid event goes through
    assert client.post(ENVELOPE, content=gz(VALID), headers=ENVELOPE_HEADERS).status_code == 200
    assert backlog(ctx) == 1


def test_fuzzed_envelopes_never_break_the_service(small_client: tuple[TestClient, Context]) -> None:
    # Given 300 mutations of a real envelope: truncations, flipped bytes, spliced garbage
    client, ctx = small_client
    rng = random.Random(20261127)
    for _ in range(300):
        body = bytearray(VALID)
        cut = rng.randrange(len(body))
        mutation = rng.choice(("truncate", "flip", "splice"))
        if mutation == "truncate":
            del body[cut:]
        elif mutation == "flip":
            for _ in range(rng.randint(1, 8)):
                body[rng.randrange(len(body))] = rng.randrange(256)
        else:
            body[cut:cut] = rng.randbytes(rng.randint(1, 64))
        # When each is posted
        answer = client.post(ENVELOPE, content=gz(bytes(body)), headers=ENVELOPE_HEADERS)
        # Then it is accepted or refused with a 4xx, never a server error
        assert answer.status_code == 200 or 400 <= answer.status_code < 500, (mutation, answer.text)
    accepted = backlog(ctx)
    assert client.post(ENVELOPE, content=gz(VALID), headers=ENVELOPE_HEADERS).status_code == 200
    assert backlog(ctx) == accepted + 1


def test_redis_away_is_a_503_and_nothing_is_claimed(make_ctx: Callable[..., Context]) -> None:
    from support import free_port

    ctx = make_ctx()
    ctx.settings.redis_url = f"redis://127.0.0.1:{free_port()}/0"
    with TestClient(create_app(ctx)) as client:
        answer = client.post(ENVELOPE, content=gz(VALID), headers=ENVELOPE_HEADERS)
    assert answer.status_code == 503
    assert answer.headers["retry-after"]


def test_full_backlog_is_a_429_until_the_grouper_drains(make_ctx: Callable[..., Context]) -> None:
    from agentfleet.ingest.grouper import drain

    ctx = make_ctx(max_backlog=100)
    with TestClient(create_app(ctx)) as client:
        codes = [client.post(ENVELOPE, content=gz(VALID), headers=ENVELOPE_HEADERS).status_code for _ in range(101)]
        assert codes == [200] * 100 + [429]
        assert drain(ctx.store, ctx.redis, ctx.settings.ingest) == 100
        assert client.post(ENVELOPE, content=gz(VALID), headers=ENVELOPE_HEADERS).status_code == 200
