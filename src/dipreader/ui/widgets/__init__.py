"""Textual widgets, a folder per view."""
