"""extract.officials package."""
