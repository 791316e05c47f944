"""Widgets and helpers every view uses: virtual lists, deferred mounting, text fitting."""
