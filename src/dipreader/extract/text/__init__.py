"""Text plumbing for the extractors: cleaning, sentences, clauses."""
