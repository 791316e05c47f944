"""dipreader: a terminal reader for news about diplomatic relations."""

__version__ = "0.1.0"
