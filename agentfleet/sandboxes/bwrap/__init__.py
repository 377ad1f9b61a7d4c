"""The bubblewrap backend: ``box`` (the sandbox), ``command`` (one confined command), ``argv`` (its
command line), ``env`` (prepared read-only environments)."""
