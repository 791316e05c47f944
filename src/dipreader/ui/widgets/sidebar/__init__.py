"""ui.widgets.sidebar package."""
