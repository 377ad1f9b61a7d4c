"""Warehouse stock."""
