"""The docs-drift analysis behind the ``docs`` monitor, the ``docs`` fixer and the ``sync_docs`` gate checks."""
