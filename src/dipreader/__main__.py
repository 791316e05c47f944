"""Entry point for `python -m dipreader`."""

from dipreader.cli import main

raise SystemExit(main())
