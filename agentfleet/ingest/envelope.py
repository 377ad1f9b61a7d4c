"""Parse Sentry envelopes: a JSON header line, then items of ``header line`` + payload.

An item's payload is ``length`` bytes when its header gives one, else everything up to the next
newline. Only ``event`` items become error events; other item types (sessions, transactions,
client reports, attachments) are acknowledged and dropped.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

__all__ = ["MalformedEnvelope", "event_payloads", "json_object"]

MAX_ITEMS = 100
MAX_EVENTS = 10
"""Event items in one envelope (Sentry SDKs send one): the work one request may ask for is bounded."""
_BLANK = re.compile(rb"[\r\n]*")
"""A run of blank lines between items (skipped in one step, whatever its length)."""


class MalformedEnvelope(ValueError):
    """The bytes are not a Sentry envelope; the message says where it broke."""


def json_object(raw: bytes, what: str) -> dict[str, Any]:
    """``raw`` parsed as a JSON object; ``MalformedEnvelope`` naming ``what`` when it is not one."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise MalformedEnvelope(f"{what} is not valid JSON ({exc})") from None
    if not isinstance(value, dict):
        raise MalformedEnvelope(f"{what} is not a JSON object")
    return value


def _item(data: bytes, pos: int, index: int) -> tuple[dict[str, Any], bytes, int]:
    end = data.find(b"\n", pos)
    end = len(data) if end < 0 else end
    header = json_object(data[pos:end], f"item {index} header")
    if not isinstance(header.get("type"), str):
        raise MalformedEnvelope(f"item {index} header has no 'type'")
    pos = end + 1
    length = header.get("length")
    if length is None:
        stop = data.find(b"\n", pos)
        stop = len(data) if stop < 0 else stop
        return header, data[pos:stop], stop + 1
    if not isinstance(length, int) or isinstance(length, bool) or length < 0:
        raise MalformedEnvelope(f"item {index} header has an invalid 'length' {length!r}")
    if pos + length > len(data):
        raise MalformedEnvelope(f"item {index} is truncated: 'length' is {length} but {len(data) - pos} bytes remain")
    return header, data[pos : pos + length], pos + length


def _after_blank(data: bytes, pos: int) -> int:
    match = _BLANK.match(data, pos)
    return match.end() if match else pos


def event_payloads(data: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The envelope header and the JSON payload of every ``event`` item in ``data``."""
    first, _, rest = data.partition(b"\n")
    header = json_object(first, "envelope header")
    events: list[dict[str, Any]] = []
    pos, index = 0, 0
    while (pos := _after_blank(rest, pos)) < len(rest):
        if index >= MAX_ITEMS:
            raise MalformedEnvelope(f"envelope has more than {MAX_ITEMS} items")
        item_header, payload, pos = _item(rest, pos, index)
        if item_header["type"] == "event":
            if len(events) == MAX_EVENTS:
                raise MalformedEnvelope(
                    f"envelope has more than {MAX_EVENTS} events; Sentry SDKs send one per envelope"
                )
            events.append(json_object(payload, f"item {index} (event) payload"))
        index += 1
    return header, events
