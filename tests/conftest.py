"""Shared test configuration: the Hypothesis profiles.

``default`` keeps the whole suite fast enough to run on every change (a 2-core machine);
``ci`` runs ten times as many examples, derandomised, for a scheduled or pre-release run.
Pick one with ``HYPOTHESIS_PROFILE=ci pytest``; without it, ``default`` is used even where
Hypothesis would pick its own ``ci`` profile (when the ``CI`` variable is set).
"""

from __future__ import annotations

import contextlib
import os
import warnings

from hypothesis import settings

settings.register_profile("default", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# When a Hypothesis test fails, its pytest plugin imports this module to suggest an
# @example patch; where libcst is installed, that import raises a DeprecationWarning
# (mypy_extensions.TypedDict), which filterwarnings = ["error"] turns into an INTERNALERROR
# that hides the failing example. Import it now, with that warning silenced.
with warnings.catch_warnings(), contextlib.suppress(ImportError):  # libcst is optional
    warnings.simplefilter("ignore", DeprecationWarning)
    import hypothesis.extra._patching  # noqa: F401
