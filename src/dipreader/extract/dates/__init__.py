"""Dates in article text: temporal expressions, datelines, publication dates, tense."""
