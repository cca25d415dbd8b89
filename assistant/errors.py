"""Error classes. Each message is Dutch, meant for the user, and names the next step.

Entry points catch `ZorgError`, print its message and exit non-zero; nothing here logs.
"""

from __future__ import annotations


class ZorgError(Exception):
    """Base class: `str(error)` is the Dutch message for the user."""

    exit_code = 1


class NoIndexError(ZorgError):
    pass


class EmptyQuestionError(ZorgError):
    pass


class UnsupportedFileError(ZorgError):
    pass


class UnreadableFileError(ZorgError):
    pass


class BackendUnavailableError(ZorgError):
    pass


class IndexLockedError(ZorgError):
    pass


class InputFileError(ZorgError):
    pass
