"""Scoring a Chinese term against English words, and finding where a term is translated.

The score of a pair is built from the dictionary: the Chinese term is tiled with pieces
(dictionary words, single characters, Latin words) so that as much of it as possible is
explained by words of the English side, and the share of the English content words that are
explained is measured too. The harmonic mean of the two shares is the pair's score; the links
behind it are its evidence ("协同 = collaborative").
"""

from __future__ import annotations

from dataclasses import dataclass

from termkit.extract.candidates_en import EnText, show
from termkit.extract.dictionary import Piece, char_masses, dictionary, zh_mass

# A single character has many senses (法: law, method, France); its evidence counts less.
SINGLE_CHAR_WEIGHT = 0.75
# Function words allowed inside an English term: "length of the edge", "heat and mass".
INNER_FUNCTION = frozenset({"of", "the", "and", "for", "in", "on", "with", "a", "an"})
MAX_SPAN = 8
# The weakest link counts this much when the translation is complete on both sides.
COMPLETE_FLOOR = 0.8


@dataclass(frozen=True)
class Match:
    """How well a Chinese term and a span of English tokens translate each other."""

    score: float
    zh_cov: float
    en_cov: float
    a: int
    b: int
    en: str
    links: tuple[tuple[str, str, float], ...]  # (Chinese piece, English word, strength)

    @property
    def exact(self) -> bool:
        return all(w >= 0.99 for _, _, w in self.links)


def match(zkey: str, et: EnText, a: int, b: int) -> Match | None:
    """Score the folded Chinese term ``zkey`` against tokens ``a:b`` of ``et``.

    Each character of the term counts as explained as strongly as the best piece over it
    that links into the span; each content word of the span as strongly as its best link.
    """
    toks = et.toks
    content = [i for i in range(a, b) if not toks[i].stop]
    total = zh_mass(zkey)
    if not content or total == 0:
        return None
    weights = char_masses(zkey)
    char_w = [0.0] * len(zkey)
    tok_w: dict[int, float] = {}
    used: list[tuple[Piece, dict[int, float]]] = []
    for p in et.pieces(zkey):
        factor = SINGLE_CHAR_WEIGHT if p.single else 1.0
        lk = {i: w * factor for i, w in et.links(p).items() if a <= i < b}
        if not lk:
            continue
        used.append((p, lk))
        best = max(lk.values())
        for k in range(p.start, p.end):
            if char_w[k] < best:
                char_w[k] = best
        for i, w in lk.items():
            if tok_w.get(i, 0.0) < w:
                tok_w[i] = w
    if not used:
        return Match(0.0, 0.0, 0.0, a, b, show(toks, a, b), ())
    if all(w > 0 for m, w in zip(weights, char_w, strict=True) if m) and all(i in tok_w for i in content):
        # Every character and every word explained, if only by single characters (私钥 =
        # "private key"): a complete word-for-word translation is strong evidence.
        char_w = [COMPLETE_FLOOR + (1 - COMPLETE_FLOOR) * w for w in char_w]
        tok_w = {i: COMPLETE_FLOOR + (1 - COMPLETE_FLOOR) * w for i, w in tok_w.items()}
    zh_cov = min(1.0, sum(m * w for m, w in zip(weights, char_w, strict=True)) / total)
    en_cov = sum(tok_w.get(i, 0.0) for i in content) / len(content)
    score = 0.0 if zh_cov + en_cov == 0 else 2 * zh_cov * en_cov / (zh_cov + en_cov)
    score *= 1.0 - COMPLETENESS_WEIGHT * (1.0 - _completeness([p for p, _ in used], toks[a:b]))
    return Match(score, zh_cov, en_cov, a, b, show(toks, a, b), _evidence_links(used, toks))


def _evidence_links(used, toks) -> tuple[tuple[str, str, float], ...]:
    """The links worth showing: a piece inside a longer linked piece, or a character whose
    word is already explained by a longer piece, adds nothing."""
    out = []
    for p, lk in used:
        longer = [q for q, qlk in used if q is not p and q.start <= p.start and p.end <= q.end
                  and set(lk) <= set(qlk)]
        if longer:
            continue
        for i, w in sorted(lk.items()):
            if p.single and any(not q.single and i in qlk for q, qlk in used):
                continue
            out.append((p.text, toks[i].text, round(w, 2)))
    return tuple(dict.fromkeys(out))


# A word matched through part of one of its glosses ("chip" for 单片机 "one-chip computer")
# is weaker evidence than a whole gloss ("microcontroller").
COMPLETENESS_WEIGHT = 0.15


def _completeness(chosen: list[Piece], toks) -> float:
    keys = {t.key for t in toks} | {t.stem for t in toks}
    total = mass = 0.0
    for p in chosen:
        if p.latin or p.single:
            continue
        if any(q is not p and q.start <= p.start and p.end <= q.end for q in chosen):
            continue
        sets = dictionary().gloss_sets(p.text)
        if not sets:
            continue
        best = max(len(g & keys) / len(g) for g in sets)
        total += p.mass * best
        mass += p.mass
    return total / mass if mass else 1.0


def linked_positions(zkey: str, et: EnText) -> dict[int, float]:
    """Every token that translates some piece of the term, with its best strength."""
    out: dict[int, float] = {}
    for p in et.pieces(zkey):
        factor = SINGLE_CHAR_WEIGHT if p.single else 1.0
        for i, w in et.links(p).items():
            if out.get(i, 0.0) < w * factor:
                out[i] = w * factor
    return out


def reachable(zkey: str, et: EnText) -> float:
    """Upper bound of the share of the term some English word explains (cheap pre-filter)."""
    total = zh_mass(zkey)
    if not total:
        return 0.0
    covered = [False] * len(zkey)
    for p in et.pieces(zkey):
        if et.links(p):
            for k in range(p.start, p.end):
                covered[k] = True
    mass = 0.0
    for p in et.pieces(zkey):
        if p.latin and covered[p.start]:
            mass += 2.0
    mass += sum(1.0 for k, c in enumerate(zkey) if covered[k] and "\u3400" <= c <= "\u9fff")
    return min(1.0, mass / total)


def best_span(zkey: str, et: EnText, min_score: float = 0.0) -> tuple[Match | None, int]:
    """The English span that best translates ``zkey``, and how often that wording occurs.

    Spans lie inside one clause, start and end on a linked content word and may hold function
    words inside ("length of the edge").
    """
    linked = linked_positions(zkey, et)
    if not linked:
        return None, 0
    toks = et.toks
    best: Match | None = None
    seen_spans: set[tuple[int, int]] = set()
    for start in sorted(linked):
        if toks[start].stop:
            continue
        end = start
        while end < len(toks) and end - start < MAX_SPAN:
            t = toks[end]
            if end > start and t.brk:
                break
            if end not in linked and t.text.lower() not in INNER_FUNCTION:
                break
            end += 1
            if end - 1 in linked and not toks[end - 1].stop and (start, end) not in seen_spans:
                seen_spans.add((start, end))
                m = match(zkey, et, start, end)
                if m is not None and m.score >= min_score and _better(m, best):
                    best = m
    if best is None:
        return None, 0
    return best, _count(et, best)


def _better(m: Match, best: Match | None) -> bool:
    if best is None:
        return True
    if abs(m.score - best.score) > 0.02:
        return m.score > best.score
    # About as good: the span that explains more of the Chinese term, then the shorter one.
    if abs(m.zh_cov - best.zh_cov) > 1e-6:
        return m.zh_cov > best.zh_cov
    if abs(m.score - best.score) > 1e-6:
        return m.score > best.score
    return (m.b - m.a) < (best.b - best.a)


def _count(et: EnText, m: Match) -> int:
    """Occurrences of the span's wording (by matching keys) in the whole text."""
    keys = [t.key for t in et.toks[m.a:m.b]]
    n = len(keys)
    count = 0
    toks = et.toks
    for i in range(len(toks) - n + 1):
        if toks[i].key == keys[0] and all(toks[i + k].key == keys[k] for k in range(1, n)):
            count += 1
    return max(count, 1)


# ---------------------------------------------------------------- assignment


def assign(scores: list[list[float]]) -> list[tuple[int, int]]:
    """An optimal one-to-one assignment maximising the total score (Hungarian method).

    ``scores`` is rows x columns, any shape; returns (row, column) pairs, at most
    min(rows, columns) of them. Keyword lists are short, so O(n^3) is nothing.
    """
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    if not rows or not cols:
        return []
    n = max(rows, cols)
    big = max((v for r in scores for v in r), default=0.0) + 1.0
    # Square cost matrix: cost = big - score; padding costs big (no gain).
    cost = [[big - scores[i][j] if i < rows and j < cols else big for j in range(n)] for i in range(n)]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    p = [0] * (n + 1)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    out = []
    for j in range(1, n + 1):
        i = p[j] - 1
        if i < rows and j - 1 < cols:
            out.append((i, j - 1))
    return sorted(out)
