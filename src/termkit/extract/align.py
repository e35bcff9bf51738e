"""Scoring a Chinese term against English words, and finding where a term is translated.

The score of a pair is built from the dictionary: the Chinese term is tiled with pieces
(dictionary words, single characters, Latin words) so that as much of it as possible is
explained by words of the English side, and the share of the English content words that are
explained is measured too. The harmonic mean of the two shares is the pair's score; the links
behind it are its evidence ("协同 = collaborative").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from termkit.extract.candidates_en import EnText, show
from termkit.extract.dictionary import Piece, char_masses, zh_mass

# Function words allowed inside an English term: "length of the edge", "heat and mass".
INNER_FUNCTION = frozenset({"of", "the", "and", "for", "in", "on", "with", "a", "an"})
MAX_SPAN = 8
# The weakest link counts this much when the translation is complete on both sides.
COMPLETE_FLOOR = 0.8
# A word matched by one of several words of its rendering explains this much of itself.
PARTIAL_FLOOR = 0.25


@dataclass(frozen=True)
class Match:
    """How well a Chinese term and a span of English tokens translate each other."""

    score: float
    zh_cov: float
    en_cov: float
    a: int
    b: int
    en: str
    links: tuple[tuple[str, str, float, str], ...]  # (Chinese piece, English word, strength, source)

    @property
    def exact(self) -> bool:
        return all(w >= 0.99 for _, _, w, _ in self.links)


@dataclass
class _Prepared:
    """A term's pieces with their links into one text, worked out once per (term, text)."""

    zkey: str
    masses: tuple[float, ...]
    total: float
    parts: list[tuple[Piece, dict[int, float]]]  # links already weighted (single characters less)
    linked: dict[int, float]  # every linked token with its best strength (filled by _index)
    reach: float | None = None
    head_covered: bool = False
    masks: dict[int, int] | None = None
    by_pos: dict[int, list[tuple[int, float]]] | None = None
    head_positions: frozenset[int] = frozenset()
    word_mask: int = 0
    covered: int = 0
    scores: dict[tuple[int, int], Match | None] = field(default_factory=dict)  # span -> rough score


def prepare(zkey: str, et: EnText) -> _Prepared:
    """The term's pieces and their links into the text, worked out once per (term, text)."""
    cached = et.prepared.get(zkey)
    if cached is not None:
        return cached
    parts = et.linked_pieces(zkey)
    covered = words = 0  # characters some linked piece, or linked word, covers (bit masks)
    for p, _ in parts:
        bits = ((1 << (p.end - p.start)) - 1) << p.start
        covered |= bits
        if not p.single:
            words |= bits
    prep = _Prepared(zkey, char_masses(zkey), zh_mass(zkey), parts, {})
    prep.covered = covered
    prep.word_mask = words  # characters some dictionary word (not a lone character) explains
    et.prepared[zkey] = prep
    return prep


def _index(prep: _Prepared) -> _Prepared:
    """Per token, the best link and the characters the linking pieces cover (built when a
    span search needs them, not for every candidate)."""
    if prep.masks is not None:
        return prep
    masks: dict[int, int] = {}
    linked = prep.linked
    mask_get, linked_get = masks.get, linked.get
    for p, lk in prep.parts:
        bits = ((1 << (p.end - p.start)) - 1) << p.start
        for i, w in lk.items():
            masks[i] = mask_get(i, 0) | bits
            if linked_get(i, 0.0) < w:
                linked[i] = w
    prep.masks = masks
    head = head_char(prep.zkey)
    prep.head_positions = frozenset(i for i, bits in masks.items() if head >= 0 and bits >> head & 1)
    return prep


def _by_pos(prep: _Prepared) -> dict[int, list[tuple[int, float]]]:
    """Per token, the pieces that link it (built when a span is first scored: many span
    searches end before that)."""
    by_pos = prep.by_pos
    if by_pos is None:
        by_pos = prep.by_pos = {}
        pos_get = by_pos.get
        for pi, (_, lk) in enumerate(prep.parts):
            for i, w in lk.items():
                entries = pos_get(i)
                if entries is None:
                    by_pos[i] = [(pi, w)]
                else:
                    entries.append((pi, w))
    return by_pos


def match(zkey: str, et: EnText, a: int, b: int) -> Match | None:
    """Score the folded Chinese term ``zkey`` against tokens ``a:b`` of ``et``.

    Each character of the term counts as explained as strongly as the best piece over it
    that links into the span; each content word of the span as strongly as its best link.
    """
    return _match(prepare(zkey, et), et, a, b, full=True)


def _match(prep: _Prepared, et: EnText, a: int, b: int, full: bool) -> Match | None:
    if full is False:
        # Span searches score the same spans again and again (trimming from several runs).
        hit = prep.scores.get((a, b))
        if hit is None and (a, b) not in prep.scores:
            hit = prep.scores[(a, b)] = _match(prep, et, a, b, full=None)
        return hit
    toks = et.toks
    stops = et.token_stops
    content = [i for i in range(a, b) if not stops[i]]
    if not content or prep.total == 0:
        return None
    # The pieces that link into the span, found from the span's tokens (a piece may link
    # many tokens across the text; the span has a few).
    part_best: dict[int, float] = {}
    tok_w: dict[int, float] = {}
    by_pos = prep.by_pos
    if by_pos is None:
        by_pos = _by_pos(prep)
    pos_get = by_pos.get
    for i in range(a, b):
        for pi, w in pos_get(i, ()):
            if part_best.get(pi, 0.0) < w:
                part_best[pi] = w
            if tok_w.get(i, 0.0) < w:
                tok_w[i] = w
    if not part_best:
        return Match(0.0, 0.0, 0.0, a, b, show(toks, a, b), ())
    char_w = [0.0] * len(prep.zkey)
    partial = [False] * len(prep.zkey)
    span_stems: set[str] | None = None
    for pi, best in part_best.items():
        p = prep.parts[pi][0]
        cut = False
        if p.sets:
            # A word translated by part of one of its renderings ("intelligence" for 人工智能,
            # "chip" for 单片机 "one-chip computer") explains its characters only in part.
            if span_stems is None:
                span_stems = {t.stem for t in toks[a:b]}
            complete = max(len(g & span_stems) / len(g) for g in p.sets)
            best *= PARTIAL_FLOOR + (1 - PARTIAL_FLOOR) * complete
            # A modifier may drop its gloss's head ("solar" for 太阳能 "solar energy" in
            # "solar methanol"); the term's own head may not ("deviation" for 标准差).
            cut = complete < 1 and p.end >= len(prep.zkey)
        for k in range(p.start, p.end):
            if char_w[k] < best:
                char_w[k] = best
                partial[k] = cut
    weights = prep.masses
    # Every character and every word explained, if only by single characters (私钥 =
    # "private key"): a complete word-for-word translation is strong evidence. A word only
    # half rendered ("deviation" for 标准差 "standard deviation") is no complete translation.
    if (all(w > 0 and not cut for m, w, cut in zip(weights, char_w, partial, strict=True) if m)
            and all(i in tok_w for i in content)):
        char_w = [COMPLETE_FLOOR + (1 - COMPLETE_FLOOR) * w for w in char_w]
        tok_w = {i: COMPLETE_FLOOR + (1 - COMPLETE_FLOOR) * w for i, w in tok_w.items()}
    zh_cov = min(1.0, sum(m * w for m, w in zip(weights, char_w, strict=True)) / prep.total)
    en_cov = sum(tok_w.get(i, 0.0) for i in content) / len(content)
    score = 0.0 if zh_cov + en_cov == 0 else 2 * zh_cov * en_cov / (zh_cov + en_cov)
    if full is None:
        return Match(score, zh_cov, en_cov, a, b, "", ())
    used = []
    for pi in sorted(part_best):
        p, links = prep.parts[pi]
        used.append((p, {i: w for i, w in links.items() if a <= i < b}))
    return Match(score, zh_cov, en_cov, a, b, show(toks, a, b), _evidence_links(used, toks))


def _evidence_links(used, toks) -> tuple[tuple[str, str, float, str], ...]:
    """The links worth showing. A piece that straddles two words of the term (法治 in 软法|治理),
    a piece inside a longer piece with the same links, or a character whose word a longer
    piece already explains, adds nothing."""
    out = []
    if not used:
        return ()
    bounds = _word_bounds(_term_of(used))
    kept = [(p, lk) for p, lk in used
            if p.single or p.latin or (p.start in bounds and p.end in bounds)]
    for k, (p, lk) in enumerate(kept):
        longer = [q for j, (q, qlk) in enumerate(kept) if q is not p and q.start <= p.start and p.end <= q.end
                  and set(lk) <= set(qlk) and (q.end - q.start > p.end - p.start or j < k)]
        if longer:
            continue
        source = "CC-CEDICT" if p.local_sets is None else "keywords"
        for i, w in sorted(lk.items()):
            if p.single and any(not q.single and i in qlk for q, qlk in kept):
                continue
            word = toks[i].text
            if word[:1].isupper() and word[1:].islower():
                word = word.lower()  # "Soft" in a title is the word "soft"
            out.append((p.text, word, round(w, 2), source))
    return tuple(dict.fromkeys(out))


def _term_of(used) -> str:
    # The term is not stored with its pieces; rebuild its characters from them.
    n = max(p.end for p, _ in used)
    chars = ["\x00"] * n
    for p, _ in used:
        for k, c in enumerate(p.text):
            chars[p.start + k] = c
    return "".join(chars)


@lru_cache(maxsize=50_000)
def _word_bounds(term: str) -> frozenset[int]:
    from termkit.chinese import segment

    bounds = {0}
    pos = 0
    for word in segment(term.replace("\x00", "　")):
        at = term.find(word, pos)
        if at < 0:
            continue
        bounds.update((at, at + len(word)))
        pos = at + len(word)
    return frozenset(bounds)


def linked_positions(zkey: str, et: EnText) -> dict[int, float]:
    """Every token that translates some piece of the term, with its best strength."""
    return _index(prepare(zkey, et)).linked


def reachable(zkey: str, et: EnText, head: bool = False) -> float:
    """Upper bound of the share of the term some English word explains (cheap pre-filter).

    With ``head``, 0 unless the term's last character (its head) is explained somewhere.
    """
    prep = prepare(zkey, et)
    if not prep.total:
        return 0.0
    if prep.reach is None:
        bits = prep.covered
        last = max((k for k, c in enumerate(zkey) if c.isalnum()), default=-1)
        prep.head_covered = last >= 0 and bool(bits >> last & 1)
        prep.reach = min(1.0, sum(m for k, m in enumerate(prep.masses) if bits >> k & 1) / prep.total)
    if head and not prep.head_covered:
        return 0.0
    return prep.reach


@lru_cache(maxsize=100_000)
def head_char(zkey: str) -> int:
    """Where the head of a Chinese term is: its last character, a suffix such as 性 (-ity)
    belonging to the word before it. -1 for a term without letters."""
    from termkit.extract.dictionary import LIGHT_SUFFIXES

    chars = [k for k, c in enumerate(zkey) if c.isalnum()]
    while len(chars) > 1 and zkey[chars[-1]] in LIGHT_SUFFIXES:
        chars.pop()
    return chars[-1] if chars else -1


def best_span(zkey: str, et: EnText, min_score: float = 0.0, accept=None,
              min_zh: float = 0.0, head: bool = False) -> tuple[Match | None, int]:
    """The English span that best translates ``zkey``, and how often that wording occurs.

    Spans lie inside one clause, start and end on a linked content word, have every content
    word linked and may hold function words inside ("length of the edge"). ``accept``, if
    given, vets a candidate span; runs that cannot explain ``min_zh`` of the term are skipped.
    """
    prep = _index(prepare(zkey, et))
    linked = prep.linked
    if not linked:
        return None, 0
    toks = et.toks
    n = len(toks)
    keys, lows = et.token_keys, et.token_lows
    heads = prep.head_positions
    rough: list[Match] = []
    seen: set[tuple[str, ...]] = set()
    for start in sorted(linked):
        if toks[start].stop or (start > 0 and not toks[start].brk and (start - 1) in linked
                                and not toks[start - 1].stop):
            continue  # only maximal runs start here; shorter spans come from trimming them
        end = start
        run_end = start
        while end < n and end - start < MAX_SPAN:
            t = toks[end]
            if end > start and t.brk:
                break
            if end in linked:
                end += 1
                if not t.stop:
                    run_end = end
            elif lows[end] in INNER_FUNCTION:
                end += 1
            else:
                break
        key = keys[start:run_end]
        if key in seen:
            continue  # the same wording again: it scores the same
        seen.add(key)
        if head and not any(i in heads for i in range(start, run_end)):
            continue
        if min_zh and _bound(prep, start, run_end) < min_zh:
            continue
        rough.extend(_trimmed(prep, et, start, run_end))
    # Best first: the score (about), then the span that explains more of the Chinese term,
    # then the shorter one. The first the caller accepts wins; only it is worked out in full.
    rough.sort(key=lambda m: (-round(m.score, 2), -round(m.zh_cov, 3), m.b - m.a, m.a))
    for r in rough:
        if r.score < min_score:
            break
        if accept is not None and not accept(r):
            continue
        best = _match(prep, et, r.a, r.b, full=True)
        return best, _count(et, best)
    return None, 0


def _bound(prep: _Prepared, a: int, b: int) -> float:
    """The most of the term a span inside a:b could explain."""
    bits = 0
    masks = prep.masks or {}
    for i in range(a, b):
        bits |= masks.get(i, 0)
    if not prep.total:
        return 0.0
    return sum(m for k, m in enumerate(prep.masses) if bits >> k & 1) / prep.total


def _trimmed(prep: _Prepared, et: EnText, a: int, b: int) -> list[Match]:
    """The run a:b, then shorter spans while dropping an end word raises the score."""
    toks = et.toks
    linked = prep.linked

    def ok(x: int, y: int) -> bool:
        return x < y and x in linked and not toks[x].stop and (y - 1) in linked and not toks[y - 1].stop

    current = _match(prep, et, a, b, full=False)
    if current is None:
        return []
    out = [current]
    while True:
        options = []
        x, y = current.a, current.b
        nx = x + 1
        while nx < y and (toks[nx].stop or nx not in linked):
            nx += 1
        ny = y - 1
        while ny > x and (toks[ny - 1].stop or (ny - 1) not in linked):
            ny -= 1
        for xa, yb in ((nx, y), (x, ny)):
            if ok(xa, yb):
                m = _match(prep, et, xa, yb, full=False)
                if m is not None:
                    options.append(m)
        if not options:
            return out
        better = max(options, key=lambda m: (m.score, m.zh_cov))
        out.extend(options)
        if better.score <= current.score + 1e-9:
            return out
        current = better


def _count(et: EnText, m: Match) -> int:
    """Occurrences of the span's wording (by matching keys) in the whole text."""
    toks = et.toks
    keys = [t.key for t in toks[m.a:m.b]]
    n = len(keys)
    starts = et.by_key.get(keys[0]) if not toks[m.a].stop else None
    if starts is None:
        starts = range(len(toks) - n + 1)
    count = sum(1 for i in starts if i + n <= len(toks) and all(toks[i + k].key == keys[k] for k in range(n)))
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
