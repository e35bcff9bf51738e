"""Small helpers the rules share (not rules themselves)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from termkit.english import same_word_family, words
from termkit.matcher import Match

if TYPE_CHECKING:
    from termkit.extract import KeywordPair
    from termkit.lint.engine import Context
    from termkit.lint.segments import Draft, Field, Segment


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


def aligned(draft: Draft) -> Iterator[Segment]:
    """Segments with both a source and a target, keyword pairs aside (the TK5xx rules
    check those: a keyword list is not prose, its pairs are found by evidence)."""
    for seg in draft.segments:
        if seg.source is not None and seg.target is not None and seg.kind != "keyword":
            yield seg


def segment_at(draft: Draft, f: Field, i: int) -> Segment | None:
    """The segment whose target holds ``f.text[i]`` (a block's place in a segment)."""
    here = f.position(i)
    for seg in draft.segments:
        t = seg.target
        if t is None or t.path != f.path:
            continue
        if (t.line, t.column) <= here < t.position(len(t.text)):
            return seg
    return None


def renders_loosely(term: str, text: str) -> bool:
    """The words of ``term`` stand in ``text`` in a row, each as itself, inflected, or as
    its adjective ("technological innovation policy" renders "technology innovation")."""
    want = [w.lower() for _, _, w in words(term)]
    have = [w.lower() for _, _, w in words(text)]
    n = len(want)
    if not n:
        return False
    return any(
        all(same_word_family(a, b) for a, b in zip(want, have[i:i + n], strict=True))
        for i in range(len(have) - n + 1)
    )


def keyword_evidence(draft: Draft, ctx: Context) -> dict[tuple, tuple[KeywordPair, dict[str, str]]]:
    """The extractor's pairs of an abstract document's keyword lists, with its TK501-TK503
    messages for each.

    Keyed by (offset of the Chinese keyword, offset of the English one), None for a side
    that is absent: the offsets of a keyword segment's source and target.
    """
    if draft.document is None:
        return {}
    result = ctx.extraction(draft.document)
    by_terms = {(w.code, w.zh, w.en): w.message for w in result.warnings}
    out: dict[tuple, tuple[KeywordPair, dict[str, str]]] = {}
    for p in result.keyword_pairs:
        key = (p.zh.offset if p.zh else None, p.en.offset if p.en else None)
        messages = {}
        for code in ("TK501", "TK502", "TK503"):
            message = by_terms.get((code, p.zh_term, p.en_term))
            if message:
                messages[code] = sentence(message)
        out[key] = (p, messages)
    return out


def keyword_key(seg: Segment) -> tuple:
    return (seg.source.offset if seg.source else None, seg.target.offset if seg.target else None)


def keywords(draft: Draft) -> list[Segment]:
    return [s for s in draft.segments if s.kind == "keyword"]


def sentence(message: str) -> str:
    """A message as a sentence: capital first letter, final full stop."""
    message = message.strip()
    if message[:1].islower():
        message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


def unrendered(ctx: Context, seg: Segment) -> list[list[Match]]:
    """The glossary terms of a segment's source whose target holds none of their entries'
    English terms, neither the glossary's way nor loosely (see :func:`renders_loosely`):
    for each, the matches at its place whose entries have English terms; one per entry."""
    from termkit.lint.engine import entry_key

    found = {entry_key(m) for m in ctx.matches(seg.target, "en")}
    out: list[list[Match]] = []
    seen: set = set()
    for group in by_span(ctx.matches(seg.source, "zh")):
        if group[0].accepted:
            continue
        with_en = [m for m in group if m.entry.terms("en")]
        if not with_en or any(entry_key(m) in found for m in with_en) or entry_key(with_en[0]) in seen:
            continue
        seen.add(entry_key(with_en[0]))
        if not any(renders_loosely(t, seg.target.text) for m in with_en for t, _ in m.entry.terms("en")):
            out.append(with_en)
    return out


def renderings(entry) -> list[str]:
    """The English an entry allows (preferred and admitted), else all its English terms."""
    return entry.allowed("en") or [t for t, _ in entry.terms("en")]
