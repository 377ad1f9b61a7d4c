"""The Docker backend: ``sandbox`` (the sandbox), ``box`` (containers), ``env`` (prepared images),
``channel`` (host side of the command channel), ``agent`` (the in-container runner, stdlib only)."""
