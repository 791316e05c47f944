"""The Article tab: the line-drawn reader, its cursor and selection, search, highlights."""
