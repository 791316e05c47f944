"""The Chronology tab."""
