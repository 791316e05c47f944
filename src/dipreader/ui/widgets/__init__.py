"""Textual widgets, one a module."""
