"""Find every glossary term inside a text: longest match first, in Chinese and English.

A :class:`TermMatcher` holds two Aho-Corasick automata (pyahocorasick), one over folded
Chinese, one over English word keys, built once per set of glossaries and cached on disk.

English text is cut into words; each word becomes its key (case folded, curly apostrophes
straightened, a possessive 's dropped, lemmatized by :func:`termkit.english.lemma`) and every
distinct key known to the glossaries is given one code character, so the text becomes a
string of one character per word and a term a short string of the same characters. Matches
therefore always start and end on word boundaries, the automaton stays small (a 120,000-entry
glossary pickles to a few MB) and scanning touches each word once. "Soft-Law Mechanisms",
"“soft law” mechanism" and "soft law mechanisms" all meet the term "soft law mechanism".
Words separated by anything but spaces, a single line break, hyphens or quotation marks (a
comma, a bracket, a blank line) are never joined into one term.

Chinese text is folded character by character the way :func:`termkit.normalize.fold_zh`
folds a term (NFKC width folding, traditional to simplified, quotes and PDF spaces removed),
keeping for every folded character the offset it came from, so that matches point at the
original text. Lines and columns are 1-based and counted in characters.

Terms of the glossaries' ``accept`` lists take part in the longest-match race too: a term
inside a longer accepted term yields no match, and a match whose span is itself an accepted
term is marked ``accepted`` (lint never flags it).
"""

from __future__ import annotations

import bisect
import hashlib
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from termkit.model import ADMITTED, DEPRECATED, PREFERRED, Entry
from termkit.normalize import QUOTE_CHARS, fold_quotes, is_han

# Bump when the automata's keys or the pickled layout change: old cache files are ignored.
MATCHER_VERSION = 4

_STATUS_RANK = {PREFERRED: 0, ADMITTED: 1, DEPRECATED: 2}

# Words as english.WORD_RE sees them; hyphens split words, apostrophes stay inside them.
_EN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’][A-Za-z]+)*")
# What may stand between two words of one term: spaces, one line break, hyphens, quotes.
_JOINABLE_GAP = re.compile(r"[ \t\u00a0\u2009\u202f\-\u2010\u2011\"'“”‘’«»「」『』＂＇]*(?:\r?\n[ \t\-\u2010\u2011\"'“”‘’]*)?")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_BARRIER = "\x00"  # the gap before a word that may not continue a term (comma, bracket, blank line)
_UNKNOWN = "\x01"  # a word no glossary term contains
_JOIN = "\x02"  # the gap before a word that may continue a term (space, hyphen, quote)
_EN_SPLIT = re.compile(r"([A-Za-z0-9\u00c0-\u024f]+(?:['’][A-Za-z]+)*)")
_QUOTE_RE = re.compile("[\"“”‘’「」『』]")
_GAP_CODES: dict[str, str] = {}
_BASE = 64  # English words: 64 letters from '0'
_BASE_ZH = 128  # Chinese characters: 128 + 128 letters from '0' (16,384 two-letter codes)


def _code(n: int, width: int, base: int = _BASE, aligned: bool = False) -> str:
    """Number ``n`` as ``width`` letters of a ``base``-letter alphabet starting at '0'.

    ``aligned`` codes draw their first letter and the others from two disjoint alphabets,
    so that a key can only match where a code begins (Chinese codes have no separators).
    """
    out = []
    for i in range(width):
        n, d = divmod(n, base)
        out.append(chr(0x30 + d + (base if aligned and i else 0)))
    return "".join(out)
_SKIP_ZH = frozenset(QUOTE_CHARS) | frozenset(" \t\r\n\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class Match:
    """One occurrence of a glossary term in a text.

    ``start``/``end`` are character offsets into the text (end exclusive); ``line``/``column``
    the 1-based position of ``start`` and ``end_line``/``end_column`` the position just after
    the match. ``text`` is the surface as written, ``term`` the glossary term it matched.
    When several entries share a term, there is one Match per entry at the same span.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    entry_id: str
    term: str
    lang: str
    status: str
    accepted: bool = False
    entry: Entry | None = field(default=None, compare=False, repr=False)


class TermRef(NamedTuple):
    """A term of an entry as the automata know it."""

    entry: int  # index into TermMatcher's entries
    term: str
    lang: str
    status: str
    exact_case: bool  # acronyms (AI, US) match only as written in capitals


@dataclass
class Scan:
    """What one pass over a text found: term matches and the spans of accepted terms."""

    matches: list[Match]
    accepted: list[tuple[int, int]]

    def is_accepted(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside an accepted term."""
        return any(a <= start and end <= b for a, b in self.accepted)


class Positions:
    """Offsets to 1-based (line, column) in characters, by bisecting line starts."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


# --------------------------------------------------------------------------- keys


@lru_cache(maxsize=8192)
def _nfkc(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).casefold()


def _word_key(word: str) -> str:
    from termkit.english import lemma

    w = fold_quotes(word).casefold()
    if w.endswith("'s") and len(w) > 3:
        w = w[:-2]
    return lemma(w)


def en_term_key(term: str) -> tuple[str, ...]:
    """The words of an English term as the matcher compares them: 'Soft-Law Mechanisms' -> (soft, law, mechanism)."""
    return tuple(_word_key(m.group(0)) for m in _EN_WORD.finditer(unicodedata.normalize("NFKC", term)))


def zh_term_key(term: str) -> str:
    """The automaton key of a Chinese term (folded like the text it is searched in)."""
    return zh_term_keys([term])[term]


def zh_term_keys(terms: Iterable[str]) -> dict[str, str]:
    """zh_term_key for many terms with one OpenCC call (200,000 calls would take seconds)."""
    from termkit.normalize import to_simplified

    unique = sorted({t for t in terms if "\n" not in t})
    folded = ["".join(_nfkc(c) for c in t if c not in _SKIP_ZH) for t in unique]
    converted = to_simplified("\n".join(folded)).split("\n")
    if len(converted) != len(folded):  # never expected; keep keys exact whatever happens
        converted = [to_simplified(f) for f in folded]
    return dict(zip(unique, converted, strict=True))


def _fold_zh_mapped(text: str) -> tuple[str, list[int]]:
    """Fold text like zh_term_key, with the original offset of every folded character."""
    from termkit.normalize import to_simplified

    origin = [i for i, c in enumerate(text) if c not in _SKIP_ZH]
    kept = "".join([text[i] for i in origin])
    folded = unicodedata.normalize("NFKC", kept).casefold()
    if len(folded) != len(kept):
        # A character folded into several (㈠ -> (一), ß -> ss): map them one by one.
        out: list[str] = []
        mapped: list[int] = []
        for i in origin:
            for f in _nfkc(text[i]):
                out.append(f)
                mapped.append(i)
        folded, origin = "".join(out), mapped
    simplified = to_simplified(folded)
    if len(simplified) != len(folded):
        # OpenCC maps characters one to one in practice; if a phrase rule ever changes the
        # length, fall back to converting character by character so offsets stay exact.
        simplified = "".join(to_simplified(c) if is_han(c) else c for c in folded)
    return simplified, origin


def _han_windows(text: str) -> list[tuple[int, int]]:
    """Spans of consecutive lines that contain a Han character (terms may wrap between them)."""
    out: list[tuple[int, int]] = []
    pos = 0
    while (m := _HAN_RUN.search(text, pos)) is not None:
        at = m.start()
        lo = text.rfind("\n", 0, at) + 1
        hi = text.find("\n", at)
        hi = len(text) if hi < 0 else hi + 1
        if out and out[-1][1] == lo:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
        pos = hi
    return out


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


# --------------------------------------------------------------------------- the matcher


class TermMatcher:
    """Multi-pattern matcher over a fixed set of entries (build once, scan many texts).

    Entries are kept serialized and decoded when a match needs them (:meth:`entry`), so a
    cached 120,000-entry matcher loads in a fraction of a second.
    """

    def __init__(self, entries: Sequence[Entry], accept: Iterable[str] = ()):
        entries = list(entries)
        self.accept: list[str] = sorted(set(accept))
        refs: list[TermRef] = []
        word_keys: dict[str, str] = {}
        self._zh_keys = zh_term_keys(
            [t for e in entries for t, _ in e.terms("zh") if _HAN_RUN.search(t)]
            + [t for t in self.accept if _HAN_RUN.search(t)]
        )
        en_table: dict = {}
        zh_table: dict[str, tuple[list[int], bool]] = {}
        best: dict[tuple[int, str, str], int] = {}  # (entry, lang, key) -> ref index
        for ei, e in enumerate(entries):
            for lang in ("zh", "en"):
                for term, status in e.terms(lang):
                    key = self._key(term, lang, word_keys)
                    if not key:
                        continue
                    slot = (ei, lang, key)
                    if slot in best:
                        # One entry lists the same term twice (e.g. "soft law" and "Soft-Law"):
                        # the better status wins, so an allowed spelling is never flagged.
                        old = best[slot]
                        if _STATUS_RANK[status] < _STATUS_RANK[refs[old].status]:
                            refs[old] = refs[old]._replace(term=term, status=status)
                        continue
                    best[slot] = len(refs)
                    table = zh_table if lang == "zh" else en_table
                    table.setdefault(key, ([], False))[0].append(len(refs))
                    refs.append(TermRef(ei, term, lang, status, lang == "en" and _is_acronym(term)))
        # Term refs are kept as columns: 300,000 small objects would dominate the cache's
        # load time; ref() rebuilds one when a match needs it.
        self._r_entry = [r.entry for r in refs]
        self._r_term = [r.term for r in refs]
        self._r_flags = bytes(_pack_flags(r) for r in refs)
        for term in self.accept:
            lang = "zh" if _HAN_RUN.search(term) else "en"
            key = self._key(term, lang, word_keys)
            if key:
                table = zh_table if lang == "zh" else en_table
                table[key] = (table.get(key, ([], False))[0], True)
        # Every English word a term uses gets a fixed-width code over a 64-letter alphabet
        # (assigned in sorted order, so the same glossary gives the same matcher). A small
        # alphabet matters: pyahocorasick scans a node's transitions linearly, and one
        # character per word made the root node 40,000 transitions wide (40x slower).
        words = sorted({w for key in en_table for w in key})
        self._width = 2 if len(words) < _BASE**2 else 3
        self.vocab: dict[str, str] = {w: _code(i, self._width) for i, w in enumerate(words)}
        self._unknown = _UNKNOWN * self._width
        en_table = {_JOIN.join(self.vocab[w] for w in key): v for key, v in en_table.items()}
        # The automata store ints: the index of the key in the parallel table of (term refs,
        # accepted, key length), since iter_long reports only where a match ends.
        self._en, self._en_vals = _automaton(en_table, self._r_flags, self._width)
        # Chinese characters get fixed-width codes too, for the same reason: a glossary's terms
        # start with thousands of different characters (measured: 1 us per character of text
        # with plain characters, a twentieth of that with codes).
        chars = sorted({c for key in zh_table for c in key})
        self._zh_width = 2 if len(chars) < _BASE_ZH**2 else 3
        self._zh_trans = {ord(c): _code(i, self._zh_width, _BASE_ZH, aligned=True) for i, c in enumerate(chars)}
        self._zh_unknown = _UNKNOWN * self._zh_width
        zh_table = {"".join(self._zh_trans[ord(c)] for c in key): v for key, v in zh_table.items()}
        self._zh, self._zh_vals = _automaton(zh_table, self._r_flags, self._zh_width, joined=False)
        self._entry_data = [_entry_to_json(e) for e in entries]
        self._entries: dict[int, Entry] = dict(enumerate(entries))
        self._word_codes: dict[str, str] = {}  # word as written -> code, grows as texts are scanned
        del self._zh_keys  # only needed while building

    def _key(self, term: str, lang: str, word_keys: dict[str, str]) -> str | tuple[str, ...]:
        if lang == "zh":
            # A "Chinese" term without a Han character (a bare acronym) cannot be told from
            # English text once spaces are folded away; English keys cover such terms.
            if not _HAN_RUN.search(term):
                return ""
            key = self._zh_keys.get(term)
            return key if key is not None else zh_term_key(term)
        if _HAN_RUN.search(term):
            return ""
        out = []
        for m in _EN_WORD.finditer(unicodedata.normalize("NFKC", term)):
            w = word_keys.get(m.group())
            if w is None:
                w = word_keys[m.group()] = _word_key(m.group())
            out.append(w)
        return tuple(out)

    def __len__(self) -> int:
        return len(self._r_entry)

    def ref(self, i: int) -> TermRef:
        """Term ref ``i``: which entry, which term, its language and status."""
        f = self._r_flags[i]
        return TermRef(self._r_entry[i], self._r_term[i], _LANG_OF[f & 1], _STATUS_OF[(f >> 1) & 3], bool(f & 8))

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_entries"] = {}
        state["_word_codes"] = {}
        return state

    @property
    def entry_count(self) -> int:
        return len(self._entry_data)

    def entry(self, index: int) -> Entry:
        """The entry behind a term ref (decoded on first use)."""
        e = self._entries.get(index)
        if e is None:
            e = self._entries[index] = _entry_from_json(self._entry_data[index])
        return e

    def entries(self) -> list[Entry]:
        """Every entry the matcher knows, in glossary order."""
        return [self.entry(i) for i in range(len(self._entry_data))]

    # ------------------------------------------------------------------ scanning

    def raw_spans(self, text: str) -> Iterator[tuple[int, int, tuple[int, ...], bool]]:
        """(start, end, term refs, accepted) for each longest match, English then Chinese.

        The fast path under :meth:`scan`: no positions, no Match objects.
        """
        if self._en_vals:
            yield from self._en_spans(text)
        if self._zh_vals and _HAN_RUN.search(text):
            yield from self._zh_spans(text)

    def _en_spans(self, text: str) -> list[tuple[int, int, tuple[int, ...], bool]]:
        # Everything per word runs in C (re.split, map, accumulate, join); Python code runs
        # once per distinct word and once per match. parts alternates gap, word, gap, ...
        parts = _EN_SPLIT.split(text)
        if len(parts) < 2:
            return []
        gaps, words = parts[0:-1:2], parts[1::2]
        word_codes = self._word_codes
        distinct = set(words)
        for w in distinct.difference(word_codes):
            word_codes[w] = self.vocab.get(_word_key(w), self._unknown)
        gap_codes = _GAP_CODES
        for g in set(gaps).difference(gap_codes):
            gap_codes[g] = _JOIN if _JOINABLE_GAP.fullmatch(g) else _BARRIER
        # Per word: the gap before it (join or barrier), then the word's fixed-width code.
        norm_parts: list[str] = [""] * (2 * len(words))
        norm_parts[0::2] = map(gap_codes.__getitem__, gaps)
        norm_parts[1::2] = map(word_codes.__getitem__, words)
        norm = "".join(norm_parts)
        ends = list(accumulate(map(len, parts)))
        starts, stops = ends[0::2], ends[1::2]  # where word i starts and ends in the text
        possessive = {w for w in distinct if w[-2:] in ("'s", "’s") and _is_possessive(w)}
        quotes = _QUOTE_RE.search(text) is not None
        vals = self._en_vals
        w1 = self._width + 1
        quote = _QUOTE_RE.search
        out = []
        for end_idx, k in self._en.iter_long(norm):
            refs, acc, ntok, exact = vals[k]
            last = end_idx // w1
            start, end = starts[last - ntok + 1], stops[last]
            if possessive and words[last] in possessive:
                end -= 2  # the possessive 's is not part of the term
            # Quotes can only sit between the words of a match (one word never holds one).
            if ntok > 1 and quotes and quote(text, start, end):
                start, end = _take_quotes(text, start, end)
            if exact:
                surface = text[start:end]
                refs = tuple(r for r in refs if not self._r_flags[r] & 8 or _same_caps(surface, self._r_term[r]))
                if not refs and not acc:
                    continue
            out.append((start, end, refs, acc))
        return out

    def _zh_spans(self, text: str) -> Iterator[tuple[int, int, tuple[int, ...], bool]]:
        # Folding runs character by character in Python, so only the runs of lines that hold
        # Chinese are folded: an English text with a stray Chinese word costs one line.
        for lo, hi in _han_windows(text):
            yield from self._zh_window(text, lo, hi)

    def _zh_window(self, text: str, lo: int, hi: int) -> Iterator[tuple[int, int, tuple[int, ...], bool]]:
        folded, origin = _fold_zh_mapped(text[lo:hi])
        origin = [o + lo for o in origin]
        trans = self._zh_trans
        for c in set(folded):
            if ord(c) not in trans:
                trans[ord(c)] = self._zh_unknown
        encoded = folded.translate(trans)
        vals = self._zh_vals
        wz = self._zh_width
        for end_code, k in self._zh.iter_long(encoded):
            refs, acc, size, _exact = vals[k]
            end_idx = end_code // wz
            first = end_idx - size + 1
            # A Chinese term must not cut a Latin word or number in two (T恤 inside SOFT恤).
            if _latin_cut(folded, first, end_idx):
                continue
            start, end = origin[first], origin[end_idx] + 1
            if _QUOTE_RE.search(text, start, end):
                start, end = _take_quotes(text, start, end)
            yield start, end, refs, acc

    def scan(self, text: str) -> Scan:
        """Every longest, non-overlapping match in ``text``, sorted by position."""
        pos = Positions(text)
        matches: list[Match] = []
        accepted: list[tuple[int, int]] = []
        for start, end, refs, acc in self.raw_spans(text):
            if acc:
                accepted.append((start, end))
            if not refs:
                continue
            line, col = pos(start)
            eline, ecol = pos(end)
            surface = text[start:end]
            for r in refs:
                ref = self.ref(r)
                e = self.entry(ref.entry)
                matches.append(Match(start, end, line, col, eline, ecol, surface, e.id, ref.term, ref.lang,
                                     ref.status, acc, e))
        matches.sort(key=lambda m: (m.start, m.end, _STATUS_RANK[m.status], m.entry_id))
        accepted.sort()
        return Scan(matches, accepted)

    def find(self, text: str) -> list[Match]:
        """Every glossary term in ``text`` (see :meth:`scan`)."""
        return self.scan(text).matches


_ENTRY_FIELDS = ("id", "zh", "en", "pinyin", "variants", "deprecated", "pos", "subject", "definition",
                 "context", "note", "origin", "reviewed")


def _entry_to_json(e: Entry) -> str:
    import json

    data = [getattr(e, f) for f in _ENTRY_FIELDS] + [e.file, e.line]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _entry_from_json(blob: str) -> Entry:
    import json

    data = json.loads(blob)
    e = Entry(**dict(zip(_ENTRY_FIELDS, data[: len(_ENTRY_FIELDS)], strict=True)))
    e.file, e.line = data[len(_ENTRY_FIELDS)], data[len(_ENTRY_FIELDS) + 1]
    return e


_LANG_OF = ("zh", "en")
_STATUS_OF = (PREFERRED, ADMITTED, DEPRECATED)


def _pack_flags(r: TermRef) -> int:
    return _LANG_OF.index(r.lang) | (_STATUS_RANK[r.status] << 1) | (8 if r.exact_case else 0)


def _automaton(table: dict[str, tuple[list[int], bool]], flags: bytes, width: int, joined: bool = True):
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    # Per key: its term refs, whether it is accepted, its length in units (English words,
    # coded in ``width`` characters and joined by one gap character; Chinese characters,
    # coded in ``width`` characters), whether a ref is case-exact.
    vals: list[tuple[tuple[int, ...], bool, int, bool]] = []
    for key, (refs, acc) in table.items():
        automaton.add_word(key, len(vals))
        units = (len(key) + 1) // (width + 1) if joined else len(key) // width
        vals.append((tuple(refs), acc, units, any(flags[r] & 8 for r in refs)))
    if vals:
        automaton.make_automaton()
    return automaton, vals


_OPENERS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}


def _take_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span over a quotation mark that a quote inside it pairs with.

    “soft law” governance matches as a whole: the span starts at the opening mark, which
    the closing one inside the match needs; a match around plain “soft law” stays without.
    """
    inner = text[start:end]
    if not any(c in _CLOSERS or c in _OPENERS or c == '"' for c in inner):
        return start, end
    for c in inner:
        if c in _CLOSERS and _CLOSERS[c] not in inner and start > 0 and text[start - 1] == _CLOSERS[c]:
            start -= 1
        elif c in _OPENERS and _OPENERS[c] not in inner and end < len(text) and text[end] == _OPENERS[c]:
            end += 1
    if inner.count('"') % 2:
        if start > 0 and text[start - 1] == '"':
            start -= 1
        elif end < len(text) and text[end] == '"':
            end += 1
    return start, end


@lru_cache(maxsize=4096)
def _is_possessive(word: str) -> bool:
    return _word_key(word) == _word_key(word[:-2])


def _same_caps(surface: str, term: str) -> bool:
    return [c for c in surface if c.isalpha()] == [c for c in term if c.isalpha()]


def _latin_cut(folded: str, first: int, last: int) -> bool:
    def latin(c: str) -> bool:
        return c.isascii() and c.isalnum()

    if latin(folded[first]) and first > 0 and latin(folded[first - 1]):
        return True
    return latin(folded[last]) and last + 1 < len(folded) and latin(folded[last + 1])


# --------------------------------------------------------------------------- building and caching


def _cache_path(kind: str, key: str) -> Path | None:
    from termkit.cache import cache_dir

    try:
        return cache_dir() / f"matcher-{kind}-{key[:24]}.pickle"
    except OSError:
        return None


def _read_cache(path: Path | None) -> object | None:
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            version, payload = pickle.load(fh)
        return payload if version == MATCHER_VERSION else None
    except Exception:  # absent, truncated, from another version: rebuild, never trust it
        return None


def _write_cache(path: Path | None, payload: object) -> None:
    if path is None:
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump((MATCHER_VERSION, payload), fh, protocol=pickle.HIGHEST_PROTOCOL)
        # Two processes may build at once: each renames a complete file over the other's.
        os.replace(tmp, path)
    except OSError:  # a read-only or full cache folder only costs the next run a rebuild
        tmp.unlink(missing_ok=True)


def build_matcher(entries: Sequence[Entry], accept: Iterable[str] = (), cache: bool = True) -> TermMatcher:
    """A matcher for ``entries`` (rejected ones should already be left out), cached on disk.

    The cache key is a digest of every term with its entry id and status, plus the accept
    list: changing a definition reuses the automata, changing a term rebuilds them.
    """
    entries = list(entries)
    accept = sorted(set(accept))
    if not cache:
        return TermMatcher(entries, accept)
    h = hashlib.sha256(f"v{MATCHER_VERSION}".encode())
    for e in entries:
        h.update(repr((e.id, e.terms("zh"), e.terms("en"))).encode())
    h.update(repr(accept).encode())
    path = _cache_path("terms", h.hexdigest())
    cached = _read_cache(path)
    if isinstance(cached, TermMatcher) and cached.entry_count == len(entries):
        # Same terms in the same order: only other data (a definition) may differ.
        cached._entry_data = [_entry_to_json(e) for e in entries]
        cached._entries = dict(enumerate(entries))
        return cached
    matcher = TermMatcher(entries, accept)
    _write_cache(path, matcher)
    return matcher


def load_matcher(paths: Iterable[str | os.PathLike]) -> TermMatcher:
    """The matcher for the glossary files named by ``paths`` (files or folders).

    Keyed by the files' content digests: when no file changed, the glossaries are not even
    parsed, the cached matcher (with its entries) is loaded instead.
    """
    from termkit.cache import file_digest
    from termkit.glossary import glossary_files, load_glossary

    files = glossary_files(paths)
    h = hashlib.sha256(f"v{MATCHER_VERSION}".encode())
    for f in files:
        h.update(f"{Path(f).resolve()}\0{file_digest(f)}\0".encode())
    path = _cache_path("files", h.hexdigest())
    cached = _read_cache(path)
    if isinstance(cached, TermMatcher):
        return cached
    glossaries = [load_glossary(f) for f in files]
    entries = [e for g in glossaries for e in g.active()]
    accept = [t for g in glossaries for t in g.accept]
    matcher = build_matcher(entries, accept, cache=False)
    _write_cache(path, matcher)
    # The entries were only needed to build; matches decode the few they need on demand.
    del glossaries, entries
    matcher._entries = {}
    return matcher
