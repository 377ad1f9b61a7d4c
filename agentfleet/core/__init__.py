"""Plumbing every stage shares: settings, the fleet file, errors, registries, git, diffs, markdown."""
