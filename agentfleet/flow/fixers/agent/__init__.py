"""The ``agent`` fixer: an LLM loop whose only tools are scoped MCP servers.

Modules: ``fixer`` (``AgentFixer``, the ``Fixer``), ``loop`` (run → step → query → execute),
``models`` (providers: Anthropic, OpenAI-compatible, ``ScriptedModel``), ``toolbox`` (MCP clients),
``prompts`` (untrusted input framed as data), ``budget`` (steps, tokens, cost, time) and
``trajectory`` (every step saved, for ``agentfleet trajectory ID``). Kept import-light: the store
loads ``trajectory`` for its table.
"""
