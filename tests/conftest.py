"""Test configuration: the Hypothesis profiles.

``ci`` (the default, and always when the environment variable ``CI`` is set) is derandomised with a fixed, modest
number of examples, so a run is reproducible and fast. ``dev`` tries more examples; ``fuzz`` many more. Choose with
``pytest --hypothesis-profile=dev`` (see ``docs/metrics.md``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import coalitions
from coalitions import Corpus

settings.register_profile("ci", derandomize=True, max_examples=50, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
settings.register_profile("dev", max_examples=300, deadline=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def bundled() -> Corpus:
    """The bundled corpus (data/), or a skip saying why it does not load."""
    try:
        return coalitions.load(Path(__file__).resolve().parents[1] / "data")
    except coalitions.CoalitionsError as error:  # pragma: no cover - only while the data is being written
        pytest.skip(f"the bundled data does not load yet: {str(error).splitlines()[0]}")
