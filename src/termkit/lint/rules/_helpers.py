"""Small helpers the rules share (not rules themselves)."""

from __future__ import annotations

from collections.abc import Iterator

from termkit.matcher import Match


def by_span(matches: list[Match]) -> Iterator[list[Match]]:
    """Matches grouped by their span (one group per place; entries sharing a term together)."""
    group: list[Match] = []
    for m in matches:
        if group and (group[0].start, group[0].end) != (m.start, m.end):
            yield group
            group = []
        group.append(m)
    if group:
        yield group


def match_case(surface: str, replacement: str) -> str:
    """Give ``replacement`` the capitalization of ``surface`` (sentence-initial, all caps)."""
    letters = [c for c in surface if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not replacement.isupper():
        return replacement.upper()
    if letters and letters[0].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def zh_note(zh: str) -> str:
    return f" ({zh})" if zh else ""


def short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def where(line: int, path: str, here: str) -> str:
    return f"line {line}" if path == here else f"{path}:{line}"
