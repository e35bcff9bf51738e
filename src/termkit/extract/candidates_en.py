"""English text as alignment sees it: tokens with lemmas, glued words split, abbreviations found.

OCR and PDF extraction glue English words ("transmissionlines", "Simulationstudyshows"); a
token that is no English word but splits into words is split here, so that its parts can be
matched and shown as a person would write them. Candidate terms are spans of tokens inside
a clause with no function word at either edge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from termkit.extract.dictionary import (
    EN_FUNCTION,
    Piece,
    _simplemma_knows,
    dictionary,
    pieces,
    stem,
    word_key,
    word_set,
)

_TOKEN = re.compile(r"[A-Za-z0-9]+")
# A single character has many senses (法: law, method, France); its evidence counts less.
SINGLE_CHAR_WEIGHT = 0.75
_COMMON_THREE = word_set("""
the and for are was its has had not but can two one all any our out use new low key due per via set way
may how who why few own off top end age air art bad big car cut day dry far fee fit gas hot law map net
oil old pay raw red run sea see sum tax ten tip war wet win yet
""")
_SHORT_WORDS = word_set("""
a an as at be by do if in is it of on or so to up we no
""")


@dataclass
class Tok:
    """One English word of a text."""

    text: str
    start: int
    end: int
    sep: str = " "  # what joins it to the previous token when shown: " ", "-", "/", "+"
    brk: bool = True  # punctuation separates it from the previous token
    glued: bool = False  # split out of a glued token ("networkdivision")
    key: str = ""
    stem: str = ""
    stop: bool = False
    known: bool = True

    def __post_init__(self) -> None:
        self.key, self.stem, self.stop, self.known = _word_facts(self.text.lower())


@lru_cache(maxsize=100_000)
def _word_facts(low: str) -> tuple[str, str, bool, bool]:
    """A token's key, stem, function-word flag and knownness (see :class:`Tok`): they depend
    on the word alone, and every text repeats its words."""
    key = word_key(low)
    stop = low in EN_FUNCTION or low.isdigit() or low == "te"  # OCR's "the"
    known = not low.isalpha() or dictionary().is_word(low) or low in _SHORT_WORDS
    if not known:
        fixed = misspelt(low)
        if fixed:
            # Matching reads the word the author meant; display keeps what they wrote.
            key, known = word_key(fixed), True
    return key, stem(key), stop, known


@lru_cache(maxsize=100_000)
def misspelt(word: str) -> str | None:
    """The word a lower-case token misspells by one missing letter, OCR's favourite typo:
    'transmision' -> 'transmission', 'effciency' -> 'efficiency'. None when it is a word."""
    d = dictionary()
    if len(word) < 5 or not word.isalpha() or d.is_word(word):
        return None
    for i in range(1, len(word)):  # a doubled letter written once: the commonest case
        cand = word[:i] + word[i - 1] + word[i:]
        if d.is_word(cand):
            return cand
    if len(word) >= 6:
        for i in range(1, len(word)):
            for c in "eiaortnslcudpmhgbfywkvxzjq":
                cand = word[:i] + c + word[i:]
                if cand in d._lexicon:
                    return cand
    return None


def _known(word: str) -> bool:
    low = word.lower()
    return dictionary().is_word(low) or low in _SHORT_WORDS or misspelt(low) is not None


def _part_cost(piece: str) -> float | None:
    """Cost of one word in a split glued token; None when the piece cannot be a word."""
    d = dictionary()
    if piece in _SHORT_WORDS or (piece in EN_FUNCTION and len(piece) <= 4):
        return 1.0
    if piece == "te":
        return 1.5  # OCR's "the" without its h ("tesystem", "partoftedecryption")
    size = len(piece)
    if size >= 5:
        if d.is_word(piece):
            return 1.0
        return 1.6 if size <= 16 and misspelt(piece) else None
    # Four-letter words must be in both word lists (either one alone has names and scraps);
    # three-letter ones in a short list of common words ("var actor" is no split of varactor).
    if size == 4 and piece in d._lexicon and _simplemma_knows(piece):
        return 1.2
    if size == 3 and piece in _COMMON_THREE:
        return 1.4
    return None


@lru_cache(maxsize=100_000)
def split_glued(word: str) -> tuple[str, ...] | None:
    """Split a token that is no word into words: 'networkdivision' -> ('network', 'division'),
    'AParallelMultirate' -> ('A', 'Parallel', 'Multirate'), '4PLcoordinated' -> ('4PL',
    'coordinated'). None when it is a word, a misspelt word, a name or an abbreviation.

    Case changes split first; lower-case runs split into the fewest dictionary words, letting
    an unknown stretch (a misspelt word) stand as one part.
    """
    if len(word) < 5 or not any(c.islower() for c in word) or _known(word):
        return None
    out: list[str] = []
    for chunk in _case_chunks(word):
        sub = None
        if len(chunk) >= 6 and chunk[1:].islower() and not _known(chunk):
            sub = _split_lower(chunk)
        out.extend(sub or (chunk,))
    if len(out) < 2:
        return None
    return tuple(out)


def _case_chunks(word: str) -> list[str]:
    parts: list[str] = []
    for p in re.findall(r"[0-9]+|[A-Z]+[a-z]*|[a-z]+", word):
        m = re.fullmatch(r"([A-Z]{2,})([a-z]{5,})", p)
        if m:
            up, lo = m.groups()
            if _known(up[-1] + lo):
                parts += [up[:-1], up[-1] + lo]  # AParallel: A + Parallel
                continue
            if _known(lo):
                parts += [up, lo]  # PLcoordinated: PL + coordinated
                continue
        m = re.fullmatch(r"([A-Z]{2,})([a-z]{2,3})", p)
        if m and m.group(2) in _SHORT_WORDS | _COMMON_THREE:
            parts += list(m.groups())  # GPSand: GPS + and
            continue
        parts.append(p)
    merged: list[str] = []
    for p in parts:
        if merged:
            prev = merged[-1]
            abbr_like = (prev.isdigit() or prev.isupper()) and (p.isdigit() or p.isupper())
            # "Mc" + "Donald", "i" + "Phone": a short part that is no word stays attached.
            short = (len(prev) < 3 and prev != "A" and not prev.isupper() and not _known(prev)) or (
                len(p) < 3 and not _known(p) and not p.isupper())
            if abbr_like or short:
                merged[-1] = prev + p
                continue
        merged.append(p)
    return merged


def _split_lower(token: str) -> tuple[str, ...] | None:
    w = token.lower()
    n = len(w)
    inf = float("inf")
    best = [inf] * (n + 1)
    back = [0] * (n + 1)
    best[0] = 0.0
    for j in range(1, n + 1):
        for i in range(max(0, j - 18), j):
            if best[i] == inf:
                continue
            cost = _part_cost(w[i:j])
            if cost is not None and best[i] + cost < best[j]:
                best[j] = best[i] + cost
                back[j] = i
    if best[n] == inf:
        return None  # a name or a word we cannot read: leave it whole
    parts: list[str] = []
    j = n
    while j > 0:
        i = back[j]
        parts.append(token[i:j])
        j = i
    parts.reverse()
    return tuple(parts) if len(parts) >= 2 else None


def tokenize(text: str, split: bool = True) -> list[Tok]:
    """Tokens of ``text`` with the punctuation between them recorded (see :class:`Tok`)."""
    toks: list[Tok] = []
    prev_end: int | None = None
    pending_break = False
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        gap = "" if prev_end is None else text[prev_end:m.start()].strip()
        if gap in ("'", "’") and word.lower() == "s" and toks:
            pending_break = True  # a possessive 's ends the noun phrase before it
            prev_end = m.end()
            continue
        start = m.start()
        if gap in ("'", "’") and toks and len(word) > 5 and word[0] in "sS" and split and split_glued(word) is None \
                and (split_glued(word[1:]) or _known(word[1:])):
            # "user'scomputationalcost": the possessive s glued to the next words.
            word, start, pending_break = word[1:], start + 1, True
        if prev_end is None:
            sep, brk = "", True
        elif gap == "" and "\n" not in text[prev_end:m.start()]:
            sep, brk = " ", False
        elif gap in ("-", "/", "+"):
            sep, brk = gap, False
        else:
            sep, brk = " ", True
        if pending_break:
            brk, pending_break = True, False
        parts = split_glued(word) if split else None
        if parts:
            pos = start
            for k, part in enumerate(parts):
                toks.append(Tok(part, pos, pos + len(part), sep if k == 0 else " ", brk if k == 0 else False,
                                glued=k > 0))
                pos += len(part)
        else:
            toks.append(Tok(word, start, m.end(), sep, brk))
        prev_end = m.end()
    return toks


def is_adverb(word: str) -> bool:
    """quickly, easily, basically: an adverb made from an adjective (supply, family are not)."""
    w = word.lower()
    if not w.endswith("ly") or len(w) < 5:
        return False
    if w.endswith("ply"):
        return False  # supply, apply, reply, multiply
    d = dictionary()
    stems = (w[:-2], w[:-3] + "y", w[:-4] if w.endswith("ally") else "", w[:-1] + "e" if w.endswith("bly") else "")
    return any(len(s) >= 3 and d.is_word(s) for s in stems)


def show(toks: list[Tok], a: int, b: int) -> str:
    """The words toks[a:b] as a person would write them (glued words separated)."""
    out = [toks[a].text]
    for t in toks[a + 1:b]:
        out.append(t.sep + t.text if t.sep in ("-", "/", "+") else " " + t.text)
    return "".join(out)


@dataclass
class EnText:
    """Tokens of an English text with indexes for dictionary links."""

    text: str
    toks: list[Tok]
    by_key: dict[str, list[int]] = field(default_factory=dict)
    by_stem: dict[str, list[int]] = field(default_factory=dict)
    by_prefix: dict[str, list[int]] = field(default_factory=dict)
    by_suffix: dict[str, list[int]] = field(default_factory=dict)
    unknown: dict[str, list[int]] = field(default_factory=dict)
    _links: dict[tuple, dict[int, float]] = field(default_factory=dict)
    _weighted: dict[tuple, dict[int, float]] = field(default_factory=dict)
    # Pairs the document itself establishes (its aligned keywords: 液晶显示器 = LCD), used as
    # dictionary entries for the rest of the document.
    local: dict[str, tuple[frozenset[str], tuple[frozenset[str], ...]]] = field(default_factory=dict)
    prepared: dict = field(default_factory=dict)  # term -> its pieces' links (see align.prepare)
    key_set: frozenset = frozenset()
    stem_set: frozenset = frozenset()
    suffix_set: frozenset = frozenset()

    @classmethod
    def of(cls, text: str, toks: list[Tok] | None = None) -> EnText:
        toks = tokenize(text) if toks is None else toks
        et = cls(text, toks)
        for i, t in enumerate(toks):
            if t.stop:
                continue
            et.by_key.setdefault(t.key, []).append(i)
            low = t.text.lower()
            if low != t.key:
                et.by_key.setdefault(low, []).append(i)
            et.by_stem.setdefault(t.stem, []).append(i)
            for k in range(max(6, len(t.stem) - 4), len(t.stem)):
                et.by_prefix.setdefault(t.stem[:k], []).append(i)
            # The head of an English compound word: thermo|chemistry, micro|computer.
            for k in range(3, len(t.key) - 4):
                et.by_suffix.setdefault(t.key[k:], []).append(i)
            if not t.known and len(t.key) >= 5:
                et.unknown.setdefault(t.key, []).append(i)
        et.key_set = frozenset(et.by_key)
        et.stem_set = frozenset(et.by_stem)
        et.suffix_set = frozenset(et.by_suffix)
        return et

    @cached_property
    def token_keys(self) -> tuple[str, ...]:
        """The key of every token, in order: a slice is the identity of a wording."""
        return tuple(t.key for t in self.toks)

    @cached_property
    def unknown_keys(self) -> list[str]:
        """The keys of :attr:`unknown`, listed once for every fuzzy search."""
        return list(self.unknown)

    @cached_property
    def token_stops(self) -> tuple[bool, ...]:
        """Whether each token is a function word, in order."""
        return tuple(t.stop for t in self.toks)

    @cached_property
    def token_lows(self) -> tuple[str, ...]:
        """Every token in lower case, in order."""
        return tuple(t.text.lower() for t in self.toks)

    @property
    def content_keys(self) -> list[str]:
        """The keys of the content words, in order (function words left out)."""
        keys = self.__dict__.get("_content_keys")
        if keys is None:
            keys = self.__dict__["_content_keys"] = [t.key for t in self.toks if not t.stop]
        return keys

    def pieces(self, zkey: str) -> tuple[Piece, ...]:
        """The dictionary pieces of a term, plus the document's own pairs found inside it."""
        base = pieces(zkey)
        if not self.local:
            return base
        cache = self.__dict__.setdefault("_pieces", {})
        hit = cache.get(zkey)
        if hit is not None:
            return hit
        extra = []
        for term, (keys, sets) in self.local.items():
            start = zkey.find(term)
            while start >= 0:
                extra.append(Piece(start, start + len(term), term, keys, frozenset(stem(k) for k in keys),
                                   local_sets=sets))
                start = zkey.find(term, start + 1)
        out = cache[zkey] = base + tuple(extra) if extra else base
        return out

    def weighted_links(self, piece: Piece) -> dict[int, float]:
        """:meth:`links`, a single character's counting less (it has many senses)."""
        key = piece.cache_key
        hit = self._weighted.get(key)
        if hit is None:
            hit = self.links(piece)
            if piece.single:
                hit = {i: w * SINGLE_CHAR_WEIGHT for i, w in hit.items()}
            self._weighted[key] = hit
        return hit

    def linked_pieces(self, zkey: str) -> list[tuple[Piece, dict[int, float]]]:
        """The pieces of a term that link into the text, with their :meth:`weighted_links`."""
        # Terms share most of their pieces: nearly every look-up is a hit, worth doing
        # without a method call per piece.
        weighted = self._weighted
        out = []
        for p in self.pieces(zkey):
            lk = weighted.get(p.cache_key)
            if lk is None:
                lk = self.weighted_links(p)
            if lk:
                out.append((p, lk))
        return out

    def links(self, piece: Piece) -> dict[int, float]:
        """Token positions that translate ``piece``, with the strength of the evidence."""
        cache_key = piece.cache_key
        hit = self._links.get(cache_key)
        if hit is not None:
            return hit
        out: dict[int, float] = {}

        def add(positions, w: float) -> None:
            for p in positions:
                if out.get(p, 0.0) < w:
                    out[p] = w

        keys = piece.keys
        for k in keys & self.key_set:
            add(self.by_key[k], 1.0)
        for bare in piece.bound:
            # A bound prefix (micro-, multi-): the bare form, or a word it begins.
            add(self.by_key.get(bare, ()), 1.0)
            for key, positions in self.by_key.items():
                if len(key) >= len(bare) + 3 and key.startswith(bare):
                    add(positions, 1.0)
        if not piece.latin:
            for s in piece.stems & self.stem_set:
                add(self.by_stem[s], 0.85)
            if not piece.single:
                # Word families, compound heads and misspellings: for words, not characters,
                # whose many senses would match too much this loosely.
                for s in piece.long_stems:  # see stems_meet
                    add(self.by_prefix.get(s, ()), 0.85)
                    for k in range(max(6, len(s) - 4), len(s)):
                        add(self.by_stem.get(s[:k], ()), 0.85)
                for k in keys & self.suffix_set:
                    add(self.by_suffix[k], 0.6)
                if self.unknown:
                    _fuzzy(self, piece, add)
        self._links[cache_key] = out
        return out


def _fuzzy(et: EnText, piece: Piece, add) -> None:
    """Misspelt words ("transmision", "eficiency") and glued compounds still count, weakly."""
    from rapidfuzz import fuzz, process

    choices = et.unknown_keys
    for k in piece.keys:
        if len(k) < 5:
            continue
        for found, score, _ in process.extract(k, choices, scorer=fuzz.ratio, score_cutoff=84, limit=None):
            if abs(len(found) - len(k)) <= 3:
                add(et.unknown[found], 0.75 if score < 95 else 0.85)
        if len(k) >= 5:
            for u in choices:
                if len(u) >= len(k) + 4 and k in u:
                    add(et.unknown[u], 0.5)


# ---------------------------------------------------------------- abbreviations

_ABBR = re.compile(r"[(（]\s*([A-Za-z][A-Za-z0-9/&+\-]{0,11}[A-Za-z0-9]|[A-Z])\s*[)）]")


def is_abbreviation(text: str) -> bool:
    """LCD, K-NN, 3PL, BALB/c: short, with at least two capitals or digits."""
    return (2 <= len(text) <= 12 and " " not in text
            and sum(1 for c in text if c.isupper() or c.isdigit()) >= 2)


@dataclass(frozen=True)
class Abbreviation:
    short: str
    a: int  # token span of the long form
    b: int


def abbreviations(et: EnText) -> list[Abbreviation]:
    """Long forms followed by their abbreviation in brackets: "direct current (DC)".

    The long form is the shortest run of words before the bracket whose letters spell the
    abbreviation in order, the first letter starting the first word (Schwartz & Hearst 2003).
    """
    out: list[Abbreviation] = []
    starts = [t.start for t in et.toks]
    for m in _ABBR.finditer(et.text):
        short = m.group(1)
        if not is_abbreviation(short):
            continue
        # Tokens that end before the bracket.
        import bisect

        b = bisect.bisect_left(starts, m.start())
        if b == 0:
            continue
        letters = [c.lower() for c in short if c.isalnum()]
        for k in range(1, min(len(letters) + 3, b) + 1):
            a = b - k
            if any(t.brk for t in et.toks[a + 1:b]):
                break
            words = [t.text for t in et.toks[a:b]]
            if _spells(letters, words):
                out.append(Abbreviation(short, a, b))
                break
    return out


def _spells(letters: list[str], words: list[str]) -> bool:
    if not words or not letters or words[0][:1].lower() != letters[0]:
        return False
    long_ = " ".join(w.lower() for w in words)
    i = len(letters) - 1
    j = len(long_) - 1
    while i >= 0:
        c = letters[i]
        while j >= 0 and (long_[j] != c or (i == 0 and j > 0 and long_[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return False
        i -= 1
        j -= 1
    return True
