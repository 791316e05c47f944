"""ui.widgets.who package."""
