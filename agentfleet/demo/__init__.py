"""``agentfleet demo``: a production crash becomes a gate-approved pull request, on embedded defaults.

Modules: ``sample`` (the checkout service repo with its bug), ``processes`` (Redis, ingest, worker,
beat as real processes), ``progress`` (the ledger, told as it happens), ``run`` (the whole story).
"""
