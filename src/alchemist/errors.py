"""Every error and warning Alchemist raises on purpose.

The tree::

    AlchemistError
    ├── TaskError            a task file is malformed or inconsistent
    ├── DataError            data cannot be read or lacks a needed column
    ├── LLMError             a provider call failed after its retries
    │   ├── ModelFileError   the embedded model file is missing or fails its checksum
    │   └── BudgetExceeded   the next call would exceed the configured cost cap
    ├── SynthesisError       no usable program could be obtained
    ├── ConceptError         concepts cannot be named, grounded or scored
    ├── ExecutionError       the executor itself failed (not one program: those are recorded)
    ├── LabelModelError      a label model cannot be fitted on the given votes
    ├── DistillError         the distilled classifier cannot be trained or loaded
    ├── RunError             a run directory is inconsistent or cannot be resumed
    ├── LabelError           a user's label cannot be stored (unknown row or class, a test row)
    └── SettingError         a run setting is out of its allowed range (checked before work)

    NotFittedError(ValueError, AttributeError)   an estimator used before ``fit`` (misuse)

Every message follows one shape: what went wrong, what was expected, what was received,
and what to do next. The command line prints ``AlchemistError`` messages as one line.
"""

from __future__ import annotations


class AlchemistError(Exception):
    """Base class of the errors a user can act on."""


class TaskError(AlchemistError):
    """A task file is malformed or inconsistent."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class DataError(AlchemistError):
    """Data cannot be read, or lacks a column the task needs."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class LLMError(AlchemistError):
    """A call to a language model failed after its retries."""

    def __init__(self, message: str, *, provider: str | None = None, status: int | None = None):
        self.provider = provider
        self.status = status
        super().__init__(message)


class ModelFileError(LLMError):
    """The embedded model file is missing, incomplete, or fails its SHA-256 check."""


class BudgetExceeded(LLMError):
    """The next call would push the run's spend over its budget cap."""

    def __init__(self, message: str, *, spent: float, budget: float, estimate: float) -> None:
        self.spent = spent
        self.budget = budget
        self.estimate = estimate
        super().__init__(message)


class SynthesisError(AlchemistError):
    """No usable labeling program could be obtained from the model. ``program_id``: the program
    concerned (a duplicate's original, say); ``path``: the run folder whose records say more."""

    def __init__(
        self, message: str, *, program_id: str | None = None, path: str | None = None
    ) -> None:
        self.program_id = program_id
        self.path = path
        super().__init__(message)


class ConceptError(AlchemistError):
    """Concepts cannot be named by the model, grounded in an extractor, or scored."""

    def __init__(self, message: str, *, concept: str | None = None) -> None:
        self.concept = concept
        super().__init__(message)


class ExecutionError(AlchemistError):
    """The executor itself failed; failures of single programs are recorded, not raised.
    ``layer``: the confinement layer this machine lacks (programs refused); ``path``: the Python
    a worker process failed to start with; ``partition``: the index of the data partition that
    failed on a cluster."""

    def __init__(
        self,
        message: str,
        *,
        layer: str | None = None,
        path: str | None = None,
        partition: int | None = None,
    ) -> None:
        self.layer = layer
        self.path = path
        self.partition = partition
        super().__init__(message)


class LabelModelError(AlchemistError):
    """A label model cannot be made or fitted on the given label matrix. ``model``: the label
    model's name (a registry name such as ``dawid_skene``, or ``stacked``); ``n_classes``: the
    number of classes the votes are read against; ``n_programs``: the number of program columns
    concerned (the ones expected, when a matrix does not match them)."""

    def __init__(
        self,
        message: str,
        *,
        model: str | None = None,
        n_classes: int | None = None,
        n_programs: int | None = None,
    ) -> None:
        self.model = model
        self.n_classes = n_classes
        self.n_programs = n_programs
        super().__init__(message)


class DistillError(AlchemistError):
    """The distilled classifier cannot be trained, saved or loaded; ``path``: its folder, when
    one was being read or written."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(message)


class RunError(AlchemistError):
    """A run directory is inconsistent or cannot be resumed. ``path``: the file or folder
    concerned; ``split``: the data split (train, dev, test); ``program_id``: the program."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        split: str | None = None,
        program_id: str | None = None,
    ) -> None:
        self.path = path
        self.split = split
        self.program_id = program_id
        super().__init__(message)


class LabelError(AlchemistError, ValueError):
    """A label a person gave cannot be stored or read: an unknown row or class, a row of the test
    split (test rows only score), or a malformed import file. ``row``: the row id concerned;
    ``path``: the file being read."""

    def __init__(self, message: str, *, row: str | None = None, path: str | None = None) -> None:
        self.row = row
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class SettingError(AlchemistError, ValueError):
    """A run setting is outside what it allows. ``setting`` is its name in ``run.yaml``,
    ``allowed`` the allowed values in words, ``value`` what was given, ``flag`` the command-line
    option that sets it (when known)."""

    def __init__(
        self, setting: str, allowed: str, value: object, *, flag: str | None = None
    ) -> None:
        self.setting = setting
        self.allowed = allowed
        self.value = value
        self.flag = flag
        named = f"The {setting!r} setting" + (f" ({flag})" if flag else "")
        super().__init__(f"{named} must be {allowed}. Got {value!r} instead.")


class NotFittedError(ValueError, AttributeError):
    """An estimator was used before ``fit`` was called."""


class AlchemistWarning(UserWarning):
    """Base class of non-fatal problems worth a user's attention."""
