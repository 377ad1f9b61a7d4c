"""Thin Celery tasks: validate the payload, call plain functions, return a contract."""
