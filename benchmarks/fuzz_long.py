"""The property and fault tests with many more examples than CI runs (hypothesis profile `long`).

python benchmarks/fuzz_long.py [--examples N] [pytest arguments...]

Runs the property tests of the loader, front matter, temporal extractor, entities, anchoring, notes
import, the terminal sanitiser and fit, then the fault tests, with DIPREADER_HYPOTHESIS_PROFILE=long
(5,000 examples each unless --examples says otherwise).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROPERTY_TESTS = (
    "tests/unit/test_properties.py",
    "tests/unit/test_notes_import_checks.py",
    "tests/unit/test_safe_yaml.py",
    "tests/unit/test_safe_read.py",
    "tests/unit/test_terminal_text.py",
    "tests/unit/test_text_fit.py",
    "tests/unit/test_linear_extractors.py",
)
FAULT_TESTS = (
    "tests/unit/test_hostile_library.py",
    "tests/unit/test_odd_data_folders.py",
    "tests/unit/test_store_side_files.py",
    "tests/unit/test_store_concurrency.py",
    "tests/unit/test_faults_more.py",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, help="examples per property test (default: the profile's)")
    options, pytest_args = parser.parse_known_args()
    environment = dict(os.environ, DIPREADER_HYPOTHESIS_PROFILE="long")
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "src"), environment.get("PYTHONPATH")])
    )
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PROPERTY_TESTS, *FAULT_TESTS]
    if options.examples is not None:
        environment["DIPREADER_HYPOTHESIS_EXAMPLES"] = str(options.examples)
    return subprocess.call([*command, *pytest_args], cwd=ROOT, env=environment)


if __name__ == "__main__":
    raise SystemExit(main())
