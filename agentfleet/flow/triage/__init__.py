"""Triage: findings in, deduplicated and budgeted work out (``stage``); ``work_items`` builds the items."""
