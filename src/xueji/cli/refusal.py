"""The one exception of the command line: a refusal, said to the user, exit status 2."""

from __future__ import annotations

__all__ = ["Refusal"]


class Refusal(Exception):
    """The command cannot go on; the message is for the person who ran it."""
