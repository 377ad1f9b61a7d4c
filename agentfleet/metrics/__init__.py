"""Prometheus metrics: what the fleet does, as numbers an alert can watch.

``config`` (settings, import-light), ``instruments`` (the counters and histograms processes update),
``collectors`` (gauges read from the store and Redis at scrape time), ``exporter`` (the ``/metrics``
endpoint; worker pools in prometheus-client's multiprocess mode). Nothing here imports
``prometheus_client`` at package import: a worker must choose multiprocess mode first.
"""
