"""Align a Chinese source with its English translation: paragraphs, then sentences.

Translators merge and split sentences, so alignment is a dynamic programme over sentence
lengths in the manner of Gale and Church (1993): beads of 1-1, 1-2, 2-1 (and, at a high
price, 1-0 and 0-1) sentences, each costed by how far the English length strays from the
Chinese length times the text's own length ratio, and anchored by glossary terms: a bead
whose two sides contain the same entries is cheaper, one whose terms have no partner on the
other side dearer. Paragraphs are aligned 1-1 when both texts have as many, else by the
same programme over paragraphs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[ \t\r\u3000]*\n")
_ZH_SENTENCE = re.compile(r"[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)\"']*|$)")
# An English sentence ends at . ! ? (closing quotes/brackets included) before a space and
# a capital, digit, quote or Chinese character; or, where PDF extraction lost the space,
# between a lower-case word and a capitalized one ("the detector.Methods were").
_EN_END = re.compile(
    r"[.!?]+[”’\"')\]]*(?=\s+[A-Z0-9“‘\"'(\[\u4e00-\u9fff])"
    r"|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])"
)
_ABBREVIATIONS = frozenset(
    ["e.g", "i.e", "etc", "al", "cf", "vs", "fig", "figs", "eq", "eqs", "no", "nos", "vol", "vols", "pp", "p", "ch", "sec", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "approx", "resp", "dept", "univ"]
)


def paragraphs(text: str) -> list[Span]:
    """Spans of the non-empty paragraphs of ``text``, without their outer spaces.

    Blank lines separate paragraphs; a text without blank lines has one paragraph per line
    (Chinese files are often written that way).
    """
    sep = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    out: list[Span] = []
    pos = 0
    for m in [*sep.finditer(text), None]:
        end = m.start() if m else len(text)
        span = _strip(text, pos, end)
        if span:
            out.append(span)
        if m:
            pos = m.end()
    return out


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentences(text: str, span: Span, lang: str) -> list[Span]:
    """Sentence spans inside ``span`` of ``text``: 。！？；for Chinese, . ! ? for English."""
    start, end = span
    chunk = text[start:end]
    cuts: list[int] = []
    if lang == "zh":
        cuts = [m.end() for m in _ZH_SENTENCE.finditer(chunk) if m.end() > 0]
    else:
        for m in _EN_END.finditer(chunk):
            before = re.search(r"([A-Za-z.]+)\.*$", chunk[: m.start() + 1].rstrip(".!?"))
            word = before.group(1).lower() if before else ""
            if m.group(0).startswith(".") and (word in _ABBREVIATIONS or len(word) == 1 or "." in word):
                continue  # e.g. / et al. / U.S. / initials: not the end of a sentence
            cuts.append(m.end())
    out: list[Span] = []
    pos = 0
    for c in [*cuts, len(chunk)]:
        piece = _strip(chunk, pos, c)
        if piece:
            out.append((start + piece[0], start + piece[1]))
        pos = c
    return out


@dataclass(frozen=True)
class Bead:
    """Aligned runs: source items [src_start, src_end) with target items [tgt_start, tgt_end)."""

    src_start: int
    src_end: int
    tgt_start: int
    tgt_end: int


# Prior probabilities of bead shapes (Gale and Church's figures).
_SHAPES = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2}
_ANCHOR_SHARED = 3.0
_ANCHOR_ALONE = 1.0


def _norm_sf(z: float) -> float:
    """Two-sided tail probability of the standard normal distribution."""
    return math.erfc(abs(z) / math.sqrt(2))


def align(
    src_lengths: Sequence[int],
    tgt_lengths: Sequence[int],
    src_terms: Sequence[frozenset] | None = None,
    tgt_terms: Sequence[frozenset] | None = None,
) -> list[Bead]:
    """The cheapest sequence of beads covering both sides (lengths in characters).

    ``src_terms``/``tgt_terms`` hold, per item, the glossary entries found in it: shared
    entries pull items together, unpartnered ones push them apart.
    """
    n, m = len(src_lengths), len(tgt_lengths)
    if n == 0 or m == 0:
        return [Bead(0, n, 0, m)] if n or m else []
    total_src, total_tgt = max(sum(src_lengths), 1), max(sum(tgt_lengths), 1)
    ratio = total_tgt / total_src
    variance = 6.8 * max(ratio, 1.0)
    empty: frozenset = frozenset()
    st = src_terms or [empty] * n
    tt = tgt_terms or [empty] * m

    def cost(i0: int, i1: int, j0: int, j1: int) -> float:
        ls = sum(src_lengths[i0:i1])
        lt = sum(tgt_lengths[j0:j1])
        shape = _SHAPES[(i1 - i0, j1 - j0)]
        mean = (ls + lt / ratio) / 2 or 1
        delta = (lt - ls * ratio) / math.sqrt(variance * mean)
        c = -math.log(shape) - math.log(max(_norm_sf(delta), 1e-12))
        if i1 > i0 and j1 > j0:
            s = frozenset().union(*st[i0:i1])
            t = frozenset().union(*tt[j0:j1])
            c += _ANCHOR_ALONE * len(s ^ t) - _ANCHOR_SHARED * len(s & t)
        return c

    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            for di, dj in _SHAPES:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or best[pi][pj] == inf:
                    continue
                c = best[pi][pj] + cost(pi, i, pj, j)
                if c < best[i][j]:
                    best[i][j] = c
                    back[i][j] = (pi, pj)
    beads: list[Bead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        prev = back[i][j]
        assert prev is not None
        beads.append(Bead(prev[0], i, prev[1], j))
        i, j = prev
    beads.reverse()
    return beads


def align_texts(
    src: str,
    tgt: str,
    terms: Callable[[str, str], frozenset] | None = None,
) -> list[tuple[Span | None, Span | None]]:
    """Aligned (source span, target span) pairs of sentence groups; None for an unpaired side.

    ``terms(text, lang)`` returns the glossary entries found in a piece of text (the anchors).
    """
    def term_sets(text: str, spans: list[Span], lang: str) -> list[frozenset] | None:
        return [terms(text[a:b], lang) for a, b in spans] if terms else None

    def length(text: str, span: Span) -> int:
        return sum(1 for c in text[span[0]:span[1]] if not c.isspace())

    sp, tp = paragraphs(src), paragraphs(tgt)
    if len(sp) == len(tp):
        para_beads = [Bead(k, k + 1, k, k + 1) for k in range(len(sp))]
    else:
        para_beads = align([length(src, s) for s in sp], [length(tgt, t) for t in tp],
                           term_sets(src, sp, "zh"), term_sets(tgt, tp, "en"))
    out: list[tuple[Span | None, Span | None]] = []
    for pb in para_beads:
        ss = [s for p in sp[pb.src_start:pb.src_end] for s in sentences(src, p, "zh")]
        ts = [t for p in tp[pb.tgt_start:pb.tgt_end] for t in sentences(tgt, p, "en")]
        for b in align([length(src, s) for s in ss], [length(tgt, t) for t in ts],
                       term_sets(src, ss, "zh"), term_sets(tgt, ts, "en")):
            s_span = (ss[b.src_start][0], ss[b.src_end - 1][1]) if b.src_end > b.src_start else None
            t_span = (ts[b.tgt_start][0], ts[b.tgt_end - 1][1]) if b.tgt_end > b.tgt_start else None
            out.append((s_span, t_span))
    return out
