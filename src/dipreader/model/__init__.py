"""Types and pure rules: articles, analyses, knowledge, chronology merging, people; no extraction."""
