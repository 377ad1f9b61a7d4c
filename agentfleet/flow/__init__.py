"""The stages a piece of work flows through, in order (see ``README.md`` here and ``tasks/table.py``).

``monitors`` → ``triage`` → ``investigation`` → ``fixers`` → ``gate`` → ``delivery``
"""
