"""The fleet dashboard: one server-rendered page per question an operator asks (``agentfleet dashboard``).

``board`` reads the store and the fleet file into plain data, ``html`` and ``pages`` render it (no
JavaScript, no build step), ``app`` serves it with Starlette behind basic auth (``auth``).
"""
