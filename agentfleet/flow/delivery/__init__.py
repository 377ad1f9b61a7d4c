"""Delivery: what happens after the gate — reports, PRs and merges (``stage``), their markdown
(``report``), and the track record humans' reviews build (``record``, kept current by ``sync``)."""
