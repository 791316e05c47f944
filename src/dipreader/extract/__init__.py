"""Text to facts, pure: officials, sectors, dates and events of one article."""
