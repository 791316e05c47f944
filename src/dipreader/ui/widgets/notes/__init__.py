"""ui.widgets.notes package."""
