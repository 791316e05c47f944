"""ui.widgets.reader package."""
