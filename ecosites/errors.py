"""Errors any layer may raise or catch, in a module light enough for the command line's entry."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot do what was asked; the message says why in plain words."""
