"""The TermkitError family: every failure a user can cause, with a message written for them.

The library raises these; only ``cli.py`` turns them into one line on stderr and an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TermkitError(Exception):
    """A failure the user can act on: bad input, a bad glossary, a wrong option.

    ``path``/``line``/``column`` (1-based, characters) say where, when known.
    """

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None

    exit_code = 2

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def location(self) -> str:
        if self.path is None:
            return ""
        loc = str(self.path)
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def __str__(self) -> str:
        loc = self.location()
        return f"{loc}: {self.message}" if loc else self.message


class UsageError(TermkitError):
    """Options that do not make sense together, a missing argument, an unknown name."""


class InputError(TermkitError):
    """A document, draft or exchange file that cannot be read as what it claims to be."""


class GlossaryError(TermkitError):
    """A glossary file that does not follow the format: it names the file and line."""


class CacheError(TermkitError):
    """A cache that cannot be written (read-only folder, full disk)."""
