"""Error ingest: Sentry-compatible endpoints, webhooks, grouping, counts and the critical policy.

``app`` accepts events into a Redis stream; ``grouper`` drains it into the error tables
(``tables``, written by ``record``); ``read`` is the read API over them; ``policy`` decides which
groups are critical. See docs/errors.md.
"""
