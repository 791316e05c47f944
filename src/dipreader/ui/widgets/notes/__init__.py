"""The Notes tab."""
