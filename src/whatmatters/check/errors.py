"""The check's one error type: a message a user can act on."""

from __future__ import annotations


class CheckError(Exception):
    """The check cannot run on this input; the message says why and where."""
