"""Entry point for `python -m dipreader`."""

from dipreader.cli import main

if __name__ == "__main__":  # worker processes (spawned) import this module too
    raise SystemExit(main())
