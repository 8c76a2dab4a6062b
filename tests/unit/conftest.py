"""Unit tests of the pure packages ``rubrics`` and ``scoresheets``.

Hypothesis runs without a per-example deadline (the first example pays for imports) and with a modest example
count so that the whole unit suite stays well under a minute; ``HYPOTHESIS_PROFILE=thorough`` runs twenty times
as many examples of each property (see ``examples()`` in test_properties.py).
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "unit", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", deadline=None, max_examples=1000, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "unit"))
