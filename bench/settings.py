"""The portal's settings with a minimal view added, for `python -m bench.load` only: the
benchmark compares each page with a view that does nothing, served by the same processes."""

import os
from pathlib import Path

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.minimal_urls"
# The benchmark collects the static files into a folder of its own, not the project's.
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
