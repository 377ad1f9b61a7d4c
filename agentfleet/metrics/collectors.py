"""Gauges read at scrape time from the shared state, so every exporter reports the same fleet-wide truth
(aggregate them with ``max``, not ``sum``): work items and PRs from the store, the grouper's lag from Redis."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from agentfleet.store import Store
from agentfleet.store.models import DeliveryRow, WorkRow

__all__ = ["GrouperCollector", "StoreCollector"]

log = logging.getLogger(__name__)


class StoreCollector(Collector):
    """``agentfleet_work_items{kind,state}`` and ``agentfleet_pull_requests{kind,state}`` from the store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[GaugeMetricFamily]:
        work = GaugeMetricFamily("agentfleet_work_items", "Work items by kind and state.", labels=["kind", "state"])
        pulls = GaugeMetricFamily(
            "agentfleet_pull_requests",
            "Agent PRs by kind and state (open, draft, merged, closed).",
            labels=["kind", "state"],
        )
        try:
            with self.store.session() as session:
                for kind, state, n in session.execute(
                    select(WorkRow.kind, WorkRow.state, func.count()).group_by(WorkRow.kind, WorkRow.state)
                ):
                    work.add_metric([kind, state], n)
                for kind, state, n in session.execute(
                    select(DeliveryRow.kind, DeliveryRow.state, func.count())
                    .where(DeliveryRow.pr_number.is_not(None), DeliveryRow.opened_at.is_not(None))
                    .group_by(DeliveryRow.kind, DeliveryRow.state)
                ):
                    pulls.add_metric([kind, state], n)
        except SQLAlchemyError as exc:  # a scrape must answer; the missing series are the signal
            log.warning("metrics: the store could not be read: %s", exc)
            return
        yield work
        yield pulls


def _millis(entry_id: object) -> int:
    """The milliseconds part of a stream entry id (``1700000000000-0``)."""
    text = entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)
    return int(text.split("-", 1)[0])


class GrouperCollector(Collector):
    """``agentfleet_grouper_lag_events`` (accepted events not yet grouped) and ``…_lag_seconds`` (the oldest's age)."""

    def __init__(self, redis: Redis, stream: str) -> None:
        self.redis, self.stream = redis, stream

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            waiting = int(self.redis.xlen(self.stream))
            oldest = self.redis.xrange(self.stream, count=1)
        except RedisError as exc:  # a scrape must answer; the missing series are the signal
            log.warning("metrics: Redis could not be read: %s", exc)
            return
        age = time.time() - _millis(oldest[0][0]) / 1000 if oldest else 0.0
        yield GaugeMetricFamily(
            "agentfleet_grouper_lag_events", "Accepted events the grouper has not written.", waiting
        )
        yield GaugeMetricFamily("agentfleet_grouper_lag_seconds", "Age of the oldest event waiting.", max(age, 0.0))
