"""ui.widgets.common package."""
