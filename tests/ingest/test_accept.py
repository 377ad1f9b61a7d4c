"""The real sentry-sdk's envelopes are accepted, made durable, grouped and readable back."""

from __future__ import annotations

import json
import zlib

import brotli
import pytest
import sentry_sdk
from errors_kit import AUTH, ENVELOPE_HEADERS, KEY, backlog, capture, gz, sdk
from starlette.testclient import TestClient

from agentfleet.core.context import Context
from agentfleet.ingest import read
from agentfleet.ingest.fingerprint import fingerprint
from agentfleet.ingest.grouper import drain

pytestmark = pytest.mark.redis

CARD_TOKEN = "-".join(["tok", "s3cr3t", "42"])
"""Only ever in a local variable, never in source text: must not reach the store."""


def charge(cart: dict[str, int], card_token: str) -> int:
    total = sum(cart.values())
    return total // (len(cart) - len(cart))


def checkout() -> int:
    return charge({"book": 12}, card_token=CARD_TOKEN)


def test_sdk_event_is_accepted_grouped_and_read_back_with_frames_and_breadcrumbs(
    client: TestClient, ingest_ctx: Context
) -> None:
    # Given the real SDK reporting a caught exception after a breadcrumb, three times
    with sdk() as sent:
        sentry_sdk.add_breadcrumb(category="cart", message="added book")
        for _ in range(3):
            capture(checkout)
    # When its envelopes reach the envelope endpoint, gzip-compressed as the SDK sends them
    answers = [client.post("/api/1/envelope/", content=gz(body), headers=ENVELOPE_HEADERS) for body in sent]
    # Then each is accepted with its event id, and durable in Redis before any grouping
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert backlog(ingest_ctx) == 3
    assert drain(ingest_ctx.store, ingest_ctx.redis, ingest_ctx.settings.ingest) == 3
    assert backlog(ingest_ctx) == 0
    (group,) = read.list_groups(ingest_ctx.store, "svc")
    assert group.count == 3
    assert group.exception_type == "ZeroDivisionError"
    assert group.culprit.endswith(".charge")
    assert group.first_release == "svc@1.0.0"
    assert group.fingerprint == fingerprint("ZeroDivisionError", group.frames)
    event = read.get_event(ingest_ctx.store, "svc", answers[0].json()["id"])
    assert event is not None
    assert [f.function for f in event.frames if f.in_app][-2:] == ["checkout", "charge"]
    assert event.frames[-1].context_line.strip() == "return total // (len(cart) - len(cart))"
    assert [b.message for b in event.breadcrumbs] == ["added book"]
    assert event.handled is True
    # local variables (here a card token) are never kept, but for numbers, booleans and None
    assert CARD_TOKEN not in json.dumps(event.model_dump(mode="json"))
    assert event.frames[-1].arguments == {"total": 12}


def test_legacy_store_endpoint_with_key_in_query_and_deflate(client: TestClient, ingest_ctx: Context) -> None:
    # Given an event body as the legacy store endpoint takes it, deflate-compressed
    event = {
        "event_id": "a" * 32,
        "level": "fatal",
        "exception": [
            {
                "type": "KeyError",
                "value": "'sku'",
                "stacktrace": {
                    "frames": [
                        {
                            "filename": "shop/cart.py",
                            "module": "shop.cart",
                            "function": "add",
                            "lineno": 3,
                            "in_app": True,
                        }
                    ]
                },
            }
        ],
        "tags": [["region", "eu"]],
        "transaction": "POST /checkout",
    }
    # When it is posted with the key in the query string
    answer = client.post(
        f"/api/7/store/?sentry_key={KEY}&sentry_version=7",
        content=zlib.compress(json.dumps(event).encode()),
        headers={"Content-Type": "application/json", "Content-Encoding": "deflate"},
    )
    # Then it is accepted and grouped like any other event
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"id": "a" * 32}
    drain(ingest_ctx.store, ingest_ctx.redis, ingest_ctx.settings.ingest)
    (group,) = read.list_groups(ingest_ctx.store, "svc")
    assert (group.level, group.tags, group.transactions) == ("fatal", {"region": "eu"}, ("POST /checkout",))


def test_brotli_envelopes_are_accepted(client: TestClient, ingest_ctx: Context) -> None:
    # the SDK compresses with brotli whenever the app has the brotli package installed
    with sdk() as sent:
        capture(checkout)
    headers = {**ENVELOPE_HEADERS, "Content-Encoding": "br"}
    answer = client.post("/api/1/envelope/", content=brotli.compress(sent[0], quality=4), headers=headers)
    assert answer.status_code == 200, answer.text
    assert backlog(ingest_ctx) == 1


def test_non_event_items_are_acknowledged_and_not_stored(client: TestClient, ingest_ctx: Context) -> None:
    envelope = b'{"sent_at":"2026-01-01T00:00:00Z"}\n{"type":"session"}\n{"sid":"x","status":"ok"}\n'
    answer = client.post("/api/1/envelope/", content=envelope, headers={**AUTH, "Content-Type": "text/plain"})
    assert (answer.status_code, answer.json()) == (200, {})
    assert backlog(ingest_ctx) == 0


def test_a_broken_fleet_file_keeps_the_last_good_keys_and_a_fixed_one_is_picked_up(
    client: TestClient, ingest_ctx: Context
) -> None:
    with sdk() as sent:
        capture(checkout)
    body = gz(sent[0])
    fleet = ingest_ctx.settings.fleet_file
    good = fleet.read_text()
    fleet.write_text(good + "\n[[repos]\nbroken")
    assert client.post("/api/1/envelope/", content=body, headers=ENVELOPE_HEADERS).status_code == 200
    new_key = "fedcba9876543210fedcba9876543210"
    fleet.write_text(good.replace(KEY, new_key))
    assert client.post("/api/1/envelope/", content=body, headers=ENVELOPE_HEADERS).status_code == 401
    moved = {**ENVELOPE_HEADERS, "X-Sentry-Auth": f"Sentry sentry_key={new_key}"}
    assert client.post("/api/1/envelope/", content=body, headers=moved).status_code == 200
    assert backlog(ingest_ctx) == 2
