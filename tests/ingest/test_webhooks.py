"""Sentry issue-alert webhooks (HMAC-verified) and the generic JSON webhook."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable

import pytest
from errors_kit import backlog
from pydantic import SecretStr
from starlette.testclient import TestClient

from agentfleet.core.context import Context
from agentfleet.ingest import read
from agentfleet.ingest.app import create_app
from agentfleet.ingest.grouper import drain

pytestmark = pytest.mark.redis

SECRET = "integration-client-secret"
TOKEN = "generic-token-0123456789"
ALERT = {
    "action": "triggered",
    "actor": {"id": "sentry", "name": "Sentry", "type": "application"},
    "data": {
        "event": {
            "event_id": "b" * 32,
            "level": "error",
            "title": "TypeError: 'NoneType' object is not subscriptable",
            "exception": {
                "values": [
                    {
                        "type": "TypeError",
                        "value": "'NoneType' object is not subscriptable",
                        "mechanism": {"type": "generic", "handled": False},
                        "stacktrace": {
                            "frames": [
                                {
                                    "filename": "billing/invoice.py",
                                    "module": "billing.invoice",
                                    "function": "total",
                                    "lineno": 41,
                                    "in_app": True,
                                }
                            ]
                        },
                    }
                ]
            },
            "tags": [["environment", "production"], ["customer_tier", "enterprise"]],
            "release": "billing@2.4.0",
            "datetime": "2026-11-20T10:00:00.000000Z",
        },
        "triggered_rule": "Critical billing errors",
    },
}


def _sign(body: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _client(make_ctx: Callable[..., Context], **secrets: str) -> tuple[TestClient, Context]:
    ctx = make_ctx(**{k: SecretStr(v) for k, v in secrets.items()})
    return TestClient(create_app(ctx)), ctx


def _signed_hook(client: TestClient, payload: dict[str, object], resource: str) -> int:
    body = json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "Sentry-Hook-Resource": resource,
        "Sentry-Hook-Signature": _sign(body),
    }
    with client:
        return client.post("/hooks/sentry/svc", content=body, headers=headers).status_code


def test_signed_issue_alert_is_accepted_for_its_repo(make_ctx: Callable[..., Context]) -> None:
    client, ctx = _client(make_ctx, sentry_webhook_secret=SECRET)
    assert _signed_hook(client, ALERT, "event_alert") == 200
    drain(ctx.store, ctx.redis, ctx.settings.ingest)
    (group,) = read.list_groups(ctx.store, "svc")
    assert (group.exception_type, group.unhandled_count, group.tags["customer_tier"]) == ("TypeError", 1, "enterprise")
    assert read.get_event(ctx.store, "svc", "b" * 32).source == "sentry-webhook"


def test_issue_alert_with_a_bad_signature_or_no_secret_is_refused(make_ctx: Callable[..., Context]) -> None:
    body = json.dumps(ALERT).encode()
    headers = {"Content-Type": "application/json", "Sentry-Hook-Resource": "event_alert"}
    client, ctx = _client(make_ctx, sentry_webhook_secret=SECRET)
    with client:
        forged = client.post(
            "/hooks/sentry/svc", content=body, headers={**headers, "Sentry-Hook-Signature": _sign(body, "guessed")}
        )
        tampered = client.post(
            "/hooks/sentry/svc",
            content=body.replace(b"41", b"42"),
            headers={**headers, "Sentry-Hook-Signature": _sign(body)},
        )
        unknown_repo = client.post(
            "/hooks/sentry/nope", content=body, headers={**headers, "Sentry-Hook-Signature": _sign(body)}
        )
    assert (forged.status_code, tampered.status_code, unknown_repo.status_code) == (401, 401, 404)
    closed, _ = _client(make_ctx)
    with closed:
        disabled = closed.post("/hooks/sentry/svc", content=body, headers={**headers, "Sentry-Hook-Signature": "x"})
    assert disabled.status_code == 403
    assert "AGENTFLEET_INGEST__SENTRY_WEBHOOK_SECRET" in disabled.json()["detail"]
    assert backlog(ctx) == 0


def test_other_sentry_resources_are_acknowledged_only(make_ctx: Callable[..., Context]) -> None:
    client, ctx = _client(make_ctx, sentry_webhook_secret=SECRET)
    payload = {"action": "created", "data": {"installation": {"uuid": "x"}}}
    assert _signed_hook(client, payload, "installation") == 200
    assert backlog(ctx) == 0


def test_generic_webhook_takes_a_bearer_token_and_a_validated_body(make_ctx: Callable[..., Context]) -> None:
    client, ctx = _client(make_ctx, webhook_token=TOKEN)
    error = {
        "exception_type": "TimeoutError",
        "message": "upstream took 30s",
        "level": "error",
        "handled": False,
        "frames": [{"filename": "jobs/sync.py", "module": "jobs.sync", "function": "pull", "lineno": 9}],
        "transaction": "nightly-sync",
    }
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with client:
        ok = client.post("/hooks/generic/svc", json=error, headers=auth)
        wrong = client.post("/hooks/generic/svc", json=error, headers={"Authorization": "Bearer nope"})
        invalid = client.post("/hooks/generic/svc", json={**error, "level": "apocalyptic"}, headers=auth)
        extra = client.post("/hooks/generic/svc", json={**error, "exec": "rm -rf /"}, headers=auth)
    assert (ok.status_code, wrong.status_code, invalid.status_code, extra.status_code) == (200, 401, 422, 422)
    assert "level" in invalid.json()["detail"]
    drain(ctx.store, ctx.redis, ctx.settings.ingest)
    (group,) = read.list_groups(ctx.store, "svc")
    assert (group.title, group.transactions, group.unhandled_count) == (
        "TimeoutError: upstream took 30s",
        ("nightly-sync",),
        1,
    )
