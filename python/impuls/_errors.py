"""The exceptions of impuls: one class per variant of the library's error (``impuls::Error``).

Each carries the library's one-line message, the same line the ``impuls`` CLI prints after
``error:`` (it names the file or constructor, the row or field, and what is wrong). All derive
from :class:`ImpulsError`; the input and parameter errors are also ``ValueError`` and the I/O
error an ``OSError``, so code that catches those keeps working.
"""


class ImpulsError(Exception):
    """Base class of every impuls error."""


class IoError(ImpulsError, OSError):
    """A file could not be opened, read or written."""


class InputError(ImpulsError, ValueError):
    """Input data are malformed or invalid at a known place (file or constructor, row, field)."""


class ParameterError(ImpulsError, ValueError):
    """A parameter (p, radius, objective names, array shapes, …) does not fit the instance."""


class InfeasibleError(ImpulsError):
    """The problem has no feasible solution (e.g. capacities below the demand)."""


class SolverError(ImpulsError):
    """HiGHS failed or returned something unusable."""


class VerificationError(ImpulsError):
    """An independent re-check of a solution disagreed with what the solver reported."""


class TooLargeError(ImpulsError):
    """The model would need more memory than allowed; the estimate is in the message."""


for _class in (
    ImpulsError,
    IoError,
    InputError,
    ParameterError,
    InfeasibleError,
    SolverError,
    VerificationError,
    TooLargeError,
):
    _class.__module__ = "impuls"  # shown as impuls.ParameterError, where users import it

__all__ = [
    "ImpulsError",
    "IoError",
    "InputError",
    "ParameterError",
    "InfeasibleError",
    "SolverError",
    "VerificationError",
    "TooLargeError",
]
