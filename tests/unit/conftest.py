"""Unit tests: pure code only; property tests run a modest number of examples unless asked for more."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "long", max_examples=int(os.environ.get("DIPREADER_HYPOTHESIS_EXAMPLES", "5000")), deadline=None
)
settings.load_profile(os.environ.get("DIPREADER_HYPOTHESIS_PROFILE", "ci"))
