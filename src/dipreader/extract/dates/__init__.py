"""extract.dates package."""
