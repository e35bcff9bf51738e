"""How counts read in messages: "1 entry", "2 entries"."""

from __future__ import annotations


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` with its noun in the right number; the plural defaults to ``singular + "s"``."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"
