"""ui.widgets.chronology package."""
