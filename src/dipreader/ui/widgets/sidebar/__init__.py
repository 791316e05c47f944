"""The sidebar: the list of articles."""
