"""Warnings for a reviewer: keyword lists that do not correspond, glued words.

Codes are the lint codes (see the README's rule table): TK404 glued words, TK501 keyword
lists of different lengths, TK502 a keyword pair that does not translate itself, TK503 a
keyword the abstract renders another way. TK500 marks a document part that was not read.
"""

from __future__ import annotations

import re

from termkit.document import ExtractWarning, Field
from termkit.extract.candidates_en import split_glued
from termkit.extract.context import Context
from termkit.extract.dictionary import term_key_zh
from termkit.extract.entries import display_en
from termkit.extract.keywords import KeywordPair
from termkit.normalize import GluedWord, strip_latex

# More glued words than this in one abstract are reported as one warning.
MAX_GLUED_PER_FIELD = 5


def keyword_warnings(ctx: Context, pairs: list[KeywordPair], renderings: dict[str, str]) -> list[ExtractWarning]:
    path = ctx.doc.path
    nz, ne = len(ctx.keywords_zh), len(ctx.keywords_en)
    out: list[ExtractWarning] = []
    for p in pairs:
        en_shown = display_en(ctx, p.en_term, zh=p.zh_term) if p.en_term else ""
        where = p.en or p.zh
        line = where.line if where else None
        column = where.column if where else None
        if p.zh is not None and p.en is None:
            hint = f" ({p.suggestion})" if p.suggestion else ""
            out.append(ExtractWarning(
                "TK501", f"{nz} Chinese keywords but {ne} English ones: {p.zh_term} has no English"
                f" counterpart{hint}", path, p.zh_term, "", line, column))
        elif p.en is not None and p.zh is None:
            hint = f" ({p.suggestion})" if p.suggestion else ""
            out.append(ExtractWarning(
                "TK501", f"{nz} Chinese keywords but {ne} English ones: “{en_shown}” has no Chinese"
                f" counterpart{hint}", path, "", p.en_term, line, column))
        elif not p.aligned:
            out.append(ExtractWarning(
                "TK502", f"keywords {p.zh_term} and “{en_shown}” do not translate each other: {p.suggestion}",
                path, p.zh_term, p.en_term, line, column))
        elif p.zh is not None and term_key_zh(p.zh_term) in renderings:
            rendering = renderings[term_key_zh(p.zh_term)]
            out.append(ExtractWarning(
                "TK503", f"keyword {p.zh_term} is “{en_shown}” in the keyword list but “{rendering}” in the"
                " abstract; use one rendering", path, p.zh_term, p.en_term, line, column))
    return out


def _glued(text: str) -> list[GluedWord]:
    """Glued words, each found and split by the word-cost splitter: the plain two-part split
    of :func:`~termkit.normalize.find_glued_words` finds "tothose" but would write "tot
    hose", and it takes typos ("diffrent") and words the lexicon lacks ("maldistribution")
    for glued ones. The splitter reads every word of five letters or more, which covers all
    that the two-part split could report and it would confirm."""
    out = []
    for m in re.finditer(r"[A-Za-z]{5,}", text):
        parts = split_glued(m.group(0))
        if parts:
            out.append(GluedWord(m.group(0), " ".join(parts), m.start(), m.end()))
    return out


def glued_word_warnings(ctx: Context) -> list[ExtractWarning]:
    """TK404 for words glued by a missing space in the English title, keywords and abstract."""
    doc = ctx.doc
    out: list[ExtractWarning] = []
    fields: list[tuple[str, Field]] = []
    if doc.title_en:
        fields.append(("title", doc.title_en))
    fields += [("keyword", f) for f in doc.keywords_en]
    if doc.abstract_en:
        fields.append(("abstract", doc.abstract_en))
    for kind, f in fields:
        found = _glued(strip_latex(f.raw))
        if not found:
            continue
        if len(found) > MAX_GLUED_PER_FIELD:
            examples = ", ".join(f"“{g.glued}”" for g in found[:3])
            line, col = doc.position(f.offset)
            out.append(ExtractWarning(
                "TK404", f"{len(found)} glued words in the English {kind} (such as {examples}):"
                " spaces are missing", doc.path, "", "", line, col))
            continue
        for g in found:
            offset = f.offset + f.raw.find(g.glued) if g.glued in f.raw else f.offset
            line, col = doc.position(offset)
            out.append(ExtractWarning(
                "TK404", f"“{g.glued}” looks like glued words; write “{g.split}”", doc.path, "", g.split,
                line, col))
    return out
