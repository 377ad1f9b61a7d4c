"""Fingerprints: stable across line numbers and message details, distinct across code paths."""

from __future__ import annotations

import pytest

from agentfleet.contracts import Frame
from agentfleet.ingest.fingerprint import fingerprint, is_in_app, normalise_message
from agentfleet.ingest.sentry import InvalidEvent, from_sentry


def _frames(*names: str, lineno: int = 10) -> list[Frame]:
    return [
        Frame(filename=f"shop/{n}.py", module=f"shop.{n}", function=n, lineno=lineno + i) for i, n in enumerate(names)
    ]


def _event(value: str, frames: list[dict], **extra: object) -> dict:
    return {
        "exception": {"values": [{"type": "ValueError", "value": value, "stacktrace": {"frames": frames}}]},
        **extra,
    }


def test_line_numbers_messages_and_library_frames_do_not_change_the_group() -> None:
    base = fingerprint("ValueError", _frames("views", "cart"))
    moved = fingerprint("ValueError", _frames("views", "cart", lineno=300))
    library = Frame(
        filename="/usr/lib/python3.11/site-packages/django/core/handlers.py",
        module="django.core",
        function="inner",
        in_app=False,
    )
    with_library = fingerprint("ValueError", [library, *_frames("views", "cart")])
    assert base == moved == with_library
    a = from_sentry(
        _event("order 1234 for 'alice' failed", [{"filename": "a.py", "function": "f", "lineno": 1}]), repo="svc"
    )
    b = from_sentry(
        _event("order 98 for 'bob' failed", [{"filename": "a.py", "function": "f", "lineno": 7}]), repo="svc"
    )
    assert a.fingerprint == b.fingerprint


def test_type_code_path_and_recursion_depth() -> None:
    base = fingerprint("ValueError", _frames("views", "cart"))
    assert fingerprint("KeyError", _frames("views", "cart")) != base
    assert fingerprint("ValueError", _frames("views", "checkout")) != base
    deep = fingerprint("RecursionError", _frames("walk", "walk", "walk", "walk"))
    assert deep == fingerprint("RecursionError", _frames("walk", "walk"))


def test_frameless_events_group_by_normalised_message() -> None:
    assert normalise_message("user 42 not found (id=0xdeadbeef, 'x')") == "user <n> not found (id=<hex>, <str>)"
    one = from_sentry({"message": "payment 12 of 3.50 EUR declined", "level": "warning"}, repo="svc")
    two = from_sentry({"logentry": {"formatted": "payment 99 of 10.00 EUR declined"}}, repo="svc")
    other = from_sentry({"message": "payment service down"}, repo="svc")
    assert one.fingerprint == two.fingerprint != other.fingerprint


def test_in_app_defaults_and_configured_prefixes() -> None:
    assert is_in_app("shop.cart", "/srv/app/shop/cart.py")
    assert not is_in_app("requests.api", "/venv/lib/python3.12/site-packages/requests/api.py")
    assert is_in_app("shop.cart", "/venv/lib/python3.12/site-packages/shop/cart.py", ["shop"])
    assert not is_in_app("vendor.lib", "/srv/app/vendor/lib.py", ["shop"])


def test_sentry_shapes_are_normalised_and_capped() -> None:
    event = from_sentry(
        {
            "event_id": "ABCDEF00-0000-0000-0000-000000000000",
            "timestamp": 1700000000.5,
            "exception": [
                {
                    "type": "E",
                    "value": "v" * 5000,
                    "mechanism": {"handled": False},
                    "stacktrace": {"frames": [{"function": "f", "vars": {"password": "hunter2"}}] * 100},
                }
            ],
            "tags": {"a": 1, "b": None},
            "breadcrumbs": [{"message": "m", "data": {"k": [1, 2]}}] * 150,
        },
        repo="svc",
    )
    assert event.event_id == "abcdef00000000000000000000000000"
    assert event.timestamp.year == 2023
    assert (event.handled, len(event.exception_value), len(event.frames), len(event.breadcrumbs)) == (
        False,
        2000,
        60,
        100,
    )
    assert event.tags == {"a": "1"}
    assert "hunter2" not in event.model_dump_json()


@pytest.mark.parametrize("payload", [[], "text", {"exception": {"values": [{"stacktrace": {"frames": ["x"]}}]}}])
def test_unreadable_events_say_why(payload: object) -> None:
    with pytest.raises(InvalidEvent):
        from_sentry(payload, repo="svc")


@pytest.mark.parametrize(
    ("serialised", "kept"),
    [
        (
            {"quantity": "60", "rate": "0.25", "ok": "True", "missing": "None"},
            {"quantity": 60, "rate": 0.25, "ok": True, "missing": None},
        ),
        ({"code": "'60'", "email": "'ana@example.com'", "cart": {"a": "1"}, "items": ["1"]}, {}),
        ({"huge": "1.5e999", "expr": "__import__('os')", "neg": "-3", "class": "1"}, {"neg": -3}),
    ],
)
def test_only_numbers_booleans_and_none_survive_from_frame_variables(serialised: dict, kept: dict) -> None:
    payload = {
        "exception": {
            "values": [
                {
                    "type": "E",
                    "stacktrace": {
                        "frames": [
                            {"function": "f", "module": "app", "in_app": True, "vars": serialised},
                            {"function": "lib", "module": "lib", "in_app": False, "vars": {"n": "1"}},
                        ]
                    },
                }
            ]
        }
    }
    event = from_sentry(payload, repo="svc")
    assert event.frames[0].arguments == kept
    assert event.frames[1].arguments == {}, "library frames keep nothing"
