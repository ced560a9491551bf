"""Hypothesis strategies for xueji's values. Requires the ``hypothesis`` package.

Install it with the extra: ``pip install 'xueji[hypothesis]'``. ``import xueji`` never
imports this module; Hypothesis does, through the ``hypothesis`` entry point, so that
``st.from_type(ResidentID)`` (and `RegistryNumber`, `SchoolCode`, `School`, `Student`,
`Actor`, `Record`, `ChangeRequest`, `TransferRequest`, `SuspensionRequest`, `Policy`)
works in any test without importing it.

Every value is built from its parts (region, birth date, sequence...) by xueji's own
constructors, and records by real sequences of operations; nothing is filtered.
Arguments are keyword-only and checked when the strategy is built: impossible
constraints raise `hypothesis.errors.InvalidArgument` at once.
Shrinking heads for the simplest value: the lowest region code, the birth date nearest
2000-01-01, sequence 001, the first document, kind or category listed in the enum; each
docstring names the minimal example.

Examples:
    >>> from hypothesis import find, settings
    >>> find(resident_ids(), lambda rid: True, settings=settings(database=None))
    ResidentID('110000********0019')
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    """Register the strategies for ``st.from_type``: the ``hypothesis`` entry point.

    Defined before Hypothesis is imported, on purpose. Importing this package first
    imports Hypothesis (through its modules), which runs its entry points and so asks for
    this function while the package is still half-built; the hook then does nothing, and
    the package registers its strategies itself when it finishes (last line).
    """
    register = globals().get("_register")
    if register is not None:
        register()


# After the hook: see its docstring.
from hypothesis import strategies as st  # noqa: E402

from xueji.actor import Actor  # noqa: E402
from xueji.policy import Policy  # noqa: E402
from xueji.record import Record, Student  # noqa: E402
from xueji.registry_number import RegistryNumber  # noqa: E402
from xueji.resident_id import ResidentID  # noqa: E402
from xueji.school import School, SchoolCode  # noqa: E402
from xueji.strategies._base import LATEST_BIRTH_DATE  # noqa: E402
from xueji.strategies._numbers import registry_numbers, resident_ids, school_codes  # noqa: E402
from xueji.strategies._people import actors, schools, students  # noqa: E402
from xueji.strategies._records import records  # noqa: E402
from xueji.strategies._requests import (  # noqa: E402
    change_requests,
    policies,
    suspension_requests,
    transfer_requests,
)
from xueji.strategies._texts import (  # noqa: E402
    ID_REASONS,
    REGISTRY_REASONS,
    InvalidText,
    invalid_registry_number_texts,
    invalid_resident_id_texts,
    registry_number_texts,
    resident_id_texts,
)
from xueji.workflow import ChangeRequest, SuspensionRequest, TransferRequest  # noqa: E402

__all__ = [
    "ID_REASONS",
    "LATEST_BIRTH_DATE",
    "REGISTRY_REASONS",
    "InvalidText",
    "actors",
    "change_requests",
    "invalid_registry_number_texts",
    "invalid_resident_id_texts",
    "policies",
    "records",
    "registry_number_texts",
    "registry_numbers",
    "resident_id_texts",
    "resident_ids",
    "school_codes",
    "schools",
    "students",
    "suspension_requests",
    "transfer_requests",
]


def _register() -> None:
    """Register a function per type, not a strategy: Hypothesis calls the hook while it
    is still importing, and nothing should be built until a test asks for the type."""
    st.register_type_strategy(ResidentID, lambda _: resident_ids())
    st.register_type_strategy(RegistryNumber, lambda _: registry_numbers())
    st.register_type_strategy(SchoolCode, lambda _: school_codes())
    st.register_type_strategy(School, lambda _: schools())
    st.register_type_strategy(Student, lambda _: students())
    st.register_type_strategy(Actor, lambda _: actors())
    st.register_type_strategy(Record, lambda _: records())
    st.register_type_strategy(ChangeRequest, lambda _: change_requests())
    st.register_type_strategy(TransferRequest, lambda _: transfer_requests())
    st.register_type_strategy(SuspensionRequest, lambda _: suspension_requests())
    st.register_type_strategy(Policy, lambda _: policies())


_register()
