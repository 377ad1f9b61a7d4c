"""Dependency advisories: OSV sources, dependency discovery, evaluation, the minimal-fixed-version resolver.

Import-light on purpose (``settings`` imports ``advisories.config``); see README.md for the modules.
"""
