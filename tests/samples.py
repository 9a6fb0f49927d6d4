"""Access to the recorded API responses in ``../shared/data/api-samples``.

They are real captures of a GeoVisio 2.15.1; tests that use them skip (saying
why) when the shared folder is not beside the checkout.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "api-samples"
PICTURES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pictures"


def sample(name: str, raw: bool = False):
    """The ``body`` of a recorded response (``raw/`` holds untrimmed captures)."""
    path = SAMPLES / ("raw" if raw else "") / name
    if not path.exists():
        pytest.skip(f"recorded sample {path} not available (shared/ is not beside the checkout)")
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["body"] if isinstance(data, dict) and "body" in data else data
