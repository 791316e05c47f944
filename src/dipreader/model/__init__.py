"""Pure model: articles, extraction, chronology, people; imports neither textual nor rich."""
