"""extract.text package."""
