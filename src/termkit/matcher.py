"""Find every glossary term inside a text: longest match first, in Chinese and English.

A :class:`TermMatcher` holds two Aho-Corasick automata (pyahocorasick), one over English, one
over folded Chinese, built once per set of glossaries and cached on disk.

English terms are searched for as written in a text, in all their inflected forms: each term
becomes the surface forms it may take (its last word inflected: mechanism, mechanisms; a
word of the term given in the plural also stands for its lemma; see
:class:`termkit.english.Inflector`), and those are the automaton's patterns. The text is not
cut into words by Python code: :mod:`termkit.matchtext` rewrites it with whole-string
operations into a string of the same length in which case is folded, every gap is a space
and the last letter of each word says whether a term may continue after it, so a match
always starts and ends on word boundaries and never crosses a comma, a bracket or a blank
line. "Soft-Law Mechanisms", "“soft law” mechanism" and "soft law mechanisms" all meet the
term "soft law mechanism"; acronyms (AI, US) match only in capitals.

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
import gc
import hashlib
import os
import pickle
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from termkit.matchtext import (
    SEPARATOR,
    STAND_IN,
    WORD,
    barred_pattern,
    encode_terms,
    encode_text,
    joined_pattern,
    same_end,
)
from termkit.model import ADMITTED, DEPRECATED, PREFERRED, Entry
from termkit.normalize import QUOTE_CHARS, fold_quotes, is_han

# Bump when the automata's keys or the pickled layout change: old cache files are ignored.
MATCHER_VERSION = 7
# marshal's format belongs to one Python version: a cache from another is rebuilt.
_CACHE_VERSION = (MATCHER_VERSION, *sys.version_info[:2])

_STATUS_RANK = {PREFERRED: 0, ADMITTED: 1, DEPRECATED: 2}
_DEPRECATED_RANK = _STATUS_RANK[DEPRECATED]

# Words as english.WORD_RE sees them; hyphens split words, apostrophes stay inside them.
_EN_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’][A-Za-z]+)*")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_HAN_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_UNKNOWN = "\x01"  # a Chinese character no glossary term contains
_QUOTE_RE = re.compile("[\"“”‘’「」『』]")
_BASE_ZH = 128  # Chinese characters: 128 + 128 letters from '0' (16,384 two-letter codes)
# Surface forms of a term: its last word in every inflection, the other words in the singular
# and the plural while that makes at most this many spellings of them. Each spelling of the
# words before the last repeats the rest of the term in the trie: on CC-CEDICT, 2 makes 1.7
# million nodes, 4 makes 2.2 million, all forms of every word 3.5 million.
_MAX_BODIES = 2
# Terms of more words enter the English automaton by their first words (see _triggers).
_TRIGGER_WORDS = 3
# A value of the English automaton: a group number, then a pattern's length in this many bits.
_LENGTH_BITS = 12
_LENGTH_MASK = (1 << _LENGTH_BITS) - 1


def _code(n: int, width: int, base: int, aligned: bool = False) -> str:
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


def _han_windows(text: str, reach: int) -> list[tuple[int, int]]:
    """Spans of ``text`` that a Chinese term may lie in: each run of Han characters with
    ``reach`` characters on either side (what folding removes inside a term, spaces and
    quotes, and the Latin letters some terms hold), overlapping spans merged. An English text
    with a stray Chinese word costs a few dozen characters, not the paragraph."""
    out: list[tuple[int, int]] = []
    for m in _HAN_RUNS.finditer(text):
        lo, hi = max(0, m.start() - reach), min(len(text), m.end() + reach)
        if out and out[-1][1] >= lo:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _is_acronym(term: str) -> bool:
    if not term.isupper():  # most terms, at once
        return False
    letters = [c for c in term if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


# --------------------------------------------------------------------------- the matcher


class TermMatcher:
    """Multi-pattern matcher over a fixed set of entries (build once, scan many texts).

    Entries are kept serialized and decoded when a match needs them (:meth:`entry`), so a
    cached 120,000-entry matcher loads in a fraction of a second.
    """

    def __init__(self, entries: Sequence[Entry], accept: Iterable[str] = ()):
        self._build(list(entries), accept, keep=True)

    @classmethod
    def _consume(cls, entries: list[Entry], accept: Iterable[str]) -> TermMatcher:
        """A matcher built from a list that it empties once the entries are serialized, so
        that 120,000 Entry objects (150 MB) are gone before the automata are built."""
        matcher = cls.__new__(cls)
        matcher._build(entries, accept, keep=False)
        return matcher

    def _build(self, entries: list[Entry], accept: Iterable[str], keep: bool) -> None:
        self.accept: list[str] = sorted(set(accept))
        self._entry_data = [_entry_to_json(e) for e in entries]
        # (entry, lang, index among the entry's terms of that language, term, status)
        records = [(ei, lang, i, term, status) for ei, e in enumerate(entries) for lang in ("zh", "en")
                   for i, (term, status) in enumerate(e.terms(lang))]
        self._entries: dict[int, Entry] = dict(enumerate(entries)) if keep else {}
        if not keep:
            entries.clear()
        self._zh_keys = zh_term_keys([r[3] for r in records if r[1] == "zh" and _HAN_RUN.search(r[3])]
                                     + [t for t in self.accept if _HAN_RUN.search(t)])
        # Term refs are kept as columns (entry, term index, flags): 300,000 small objects would
        # dominate the cache's size and load time; ref() rebuilds one when a match needs it.
        r_entry = array("I")
        r_index = array("I")
        flags = bytearray()
        zh_table: dict[str, tuple[list[int], bool]] = {}
        en_words: list[tuple[str, ...]] = []  # per English ref: its words as written (lower case)
        en_refs: list[int] = []
        best: dict[tuple[int, str, str | tuple[str, ...]], int] = {}  # (entry, lang, key) -> ref
        caps: dict[int, str] = {}  # acronyms (AI, US): ref -> its letters, which a match must repeat
        for ei, lang, i, term, status in records:
            # English terms are told apart by their words as written ("soft law" and "Soft-Law"
            # are one); their inflections are generated later.
            if lang == "zh":
                key: str | tuple[str, ...] = self._zh_key(term)
            else:
                key = () if _HAN_RUN.search(term) else _surface_words(term)
            if not key:
                continue
            rank = _STATUS_RANK[status]
            old = best.get((ei, lang, key))
            if old is not None:
                # One entry lists the same term twice (e.g. "soft law" and "Soft-Law"): the
                # better status wins, so an allowed spelling is never flagged.
                if rank < (flags[old] >> 1) & 3:
                    r_index[old] = i
                    flags[old] = (flags[old] & ~6) | rank << 1
                continue
            r = best[(ei, lang, key)] = len(flags)
            if lang == "zh":
                zh_table.setdefault(key, ([], False))[0].append(r)
            else:
                en_refs.append(r)
                en_words.append(key)
            r_entry.append(ei)
            r_index.append(i)
            exact = lang == "en" and _is_acronym(term)
            if exact:
                caps[r] = "".join(filter(str.isalpha, term))
            flags.append(_LANG_OF.index(lang) | rank << 1 | (8 if exact else 0))
        del best, records
        self._r_entry, self._r_index, self._r_flags = r_entry, r_index, bytes(flags)
        en_accept: list[tuple[str, ...]] = []
        for term in self.accept:
            if _HAN_RUN.search(term):
                key = self._zh_key(term)
                if key:
                    zh_table[key] = (zh_table.get(key, ([], False))[0], True)
            elif _surface_words(term):
                en_accept.append(_surface_words(term))
        self._en, self._en_vals, self._en_plain, self._en_more = self._english_automaton(en_refs, en_words, en_accept,
                                                                                          caps)
        del en_refs, en_words
        # Chinese characters get fixed-width codes over a small alphabet: pyahocorasick scans a
        # node's transitions linearly, and a glossary's terms start with thousands of different
        # characters (measured: 1 us per character of text with plain characters, a twentieth
        # of that with codes).
        chars = sorted({c for key in zh_table for c in key})
        self._zh_width = 2 if len(chars) < _BASE_ZH**2 else 3
        self._zh_trans = {ord(c): _code(i, self._zh_width, _BASE_ZH, aligned=True) for i, c in enumerate(chars)}
        self._zh_unknown = _UNKNOWN * self._zh_width
        zh_table = {"".join(self._zh_trans[ord(c)] for c in key): v for key, v in zh_table.items()}
        self._zh, self._zh_vals = _zh_automaton(zh_table, self._r_flags, self._zh_width)
        # How far from a Han character a Chinese term may reach: its characters, and as many
        # skipped ones (spaces, quotes) between them.
        self._zh_reach = 2 * max((v[2] for v in self._zh_vals), default=0) + 2
        del self._zh_keys  # only needed while building

    def _english_automaton(self, en_refs: list[int], en_words: list[tuple[str, ...]], accept: list[tuple[str, ...]],
                           caps: dict[int, str]):
        """The English automaton over every surface form of every term (and accepted term).

        Returns the automaton; the table its values index, (length, term refs, accepted) per
        pattern, and how many of those need no check per match (they come first: acronyms and
        letters beyond Latin-1 are checked against the text, longer terms read on); and the
        continuations of long terms (see :meth:`_triggers`).
        """
        import ahocorasick

        surfaces, accepted = _surfaces(self._r_entry, self._r_flags, en_refs, en_words, accept)
        keys = list(surfaces)
        barred_all = encode_terms(keys)
        stand_ins = STAND_IN.search("".join(barred_all)) is not None
        rows = []
        for surface, barred in zip(keys, barred_all, strict=True):
            if len(barred) > _LENGTH_MASK:  # 4,000 characters: not a term, and no room in a value
                continue
            ref_ids = surfaces[surface]
            if len(ref_ids) > 1:
                ref_ids = tuple(sorted(ref_ids))
            exact = tuple((r, caps[r]) for r in ref_ids if r in caps)
            stand_in = stand_ins and STAND_IN.search(barred) is not None
            check = (surface if stand_in else None, exact) if exact or stand_in else None
            rows.append((check is not None, barred, surface.count(" ") >= _TRIGGER_WORDS, ref_ids, surface in accepted,
                         surface, check))
        del surfaces, keys, barred_all, accepted
        # A pattern's value is its group's number and its length: _LENGTH_BITS bits. A group is
        # what its patterns lead to, (term refs, accepted) or, checked against the text,
        # (term refs, accepted, check); the inflections of a term share one. Groups that need no
        # check come first (the fast path). Sorted, so that the same glossary gives the same
        # automaton.
        rows.sort(key=lambda row: row[:2])
        groups: list[tuple] = []
        number: dict[tuple, int] = {}
        values = []
        for checked, barred, _long, ref_ids, acc, _surface, check in rows:
            group = (ref_ids, acc, check) if checked else (ref_ids, acc)
            g = number.get(group)
            if g is None:
                g = number[group] = len(groups)
                groups.append(group)
            values.append(g << _LENGTH_BITS | (len(barred) - 1))
        del number
        plain = sum(1 for g in groups if len(g) == 2) << _LENGTH_BITS
        more, triggers = self._triggers(rows, values, groups)
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for k in _insertion_order([row[5] for row in rows]):
            _checked, barred, long_, *_rest = rows[k]
            if not long_:
                # Before a space first: in a text most words are.
                joined = joined_pattern(barred)
                automaton.add_word(joined, triggers.pop(joined, values[k]))
                automaton.add_word(barred, values[k])
        for joined, value in sorted(triggers.items()):
            automaton.add_word(joined, value)
        if groups:
            automaton.make_automaton()
        return automaton, groups, plain, more

    @staticmethod
    def _triggers(rows: list[tuple], values: list[int], groups: list[tuple]) -> tuple[dict[str, str], dict[str, int]]:
        """Terms of more than _TRIGGER_WORDS words enter the automaton by their first words only
        (120,000 CC-CEDICT glosses would make a trie of 3.5 million nodes, 300 MB): the first
        words are a trigger pattern, whose value says to read on in the text, and the rest of
        each term is looked up by the next word of the text.

        Adds the triggers' groups — (term refs, accepted, check, True): what the pattern alone
        means, a term of _TRIGGER_WORDS words or nothing — to ``groups``. Returns the
        continuations — for trigger pattern + next word, the rests of the terms that start so,
        longest first, packed in one string (cheap to keep and to load) as rest, value, rest,
        ... — and the trigger patterns with their values.
        """
        long_rows = [k for k, row in enumerate(rows) if row[2]]
        heads = [" ".join(rows[k][5].split(" ")[:_TRIGGER_WORDS]) for k in long_rows]
        trigger_of = dict(zip(heads, map(joined_pattern, encode_terms(heads)), strict=True))
        # A trigger that is also a term of _TRIGGER_WORDS words keeps that term's group.
        own = {trigger_of[row[5]]: k for k, row in enumerate(rows) if not row[2] and row[5] in trigger_of}
        conts: dict[str, list[tuple[str, int]]] = {}
        triggers: dict[str, int] = {}
        number: dict[tuple, int] = {}
        for k, head in zip(long_rows, heads, strict=True):
            trigger = trigger_of[head]
            rest = rows[k][1][len(trigger):]  # the pattern before a barrier: either end matches
            conts.setdefault(trigger + barred_pattern(rest[: WORD.match(rest, 1).end()]), []).append((rest, values[k]))
            if trigger not in triggers:
                real = own.get(trigger)
                refs, acc, *check = groups[values[real] >> _LENGTH_BITS] if real is not None else ((), False)
                group = (refs, acc, check[0] if check else None, True)
                g = number.get(group)
                if g is None:
                    g = number[group] = len(groups)
                    groups.append(group)
                triggers[trigger] = g << _LENGTH_BITS | (len(trigger) - 1)
        more = {key: SEPARATOR.join(f"{rest}{SEPARATOR}{v}" for rest, v in sorted(found, key=lambda x: (-len(x[0]), x)))
                for key, found in conts.items()}
        return more, triggers

    def _zh_key(self, term: str) -> str:
        # A "Chinese" term without a Han character (a bare acronym) cannot be told from English
        # text once spaces are folded away; the English automaton covers such terms.
        if not _HAN_RUN.search(term):
            return ""
        key = self._zh_keys.get(term)
        return key if key is not None else zh_term_key(term)

    def __len__(self) -> int:
        return len(self._r_entry)

    def ref(self, i: int) -> TermRef:
        """Term ref ``i``: which entry, which term, its language and status."""
        f = self._r_flags[i]
        entry, lang = self._r_entry[i], _LANG_OF[f & 1]
        term = self.entry(entry).terms(lang)[self._r_index[i]][0]
        return TermRef(entry, term, lang, _STATUS_OF[(f >> 1) & 3], bool(f & 8))

    # Kept in the cache with marshal: for half a million small tuples it is three times faster
    # than pickle and needs no memo of every object written (100 MB for CC-CEDICT).
    _MARSHALLED = ("_en_vals", "_en_more", "_zh_vals", "_zh_trans", "_entry_data")

    def __getstate__(self) -> dict:
        import marshal

        state = self.__dict__.copy()
        state["_entries"] = {}
        for name in self._MARSHALLED:
            state[name] = marshal.dumps(state[name])
        return state

    def __setstate__(self, state: dict) -> None:
        import marshal

        for name in self._MARSHALLED:
            state[name] = marshal.loads(state[name])
        self.__dict__.update(state)

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

    def raw_spans(self, text: str) -> list[tuple[int, int, tuple[int, ...], bool]]:
        """(start, end, term refs, accepted) for each longest match, English then Chinese.

        The fast path under :meth:`scan`: no positions, no Match objects.
        """
        # A scan allocates a tuple per match and no reference cycle: the cyclic collector would
        # only walk the live objects again and again (7% of a 4 MB scan, measured).
        collecting = gc.isenabled()
        gc.disable()
        try:
            out = self._en_spans(text) if self._en_vals else []
            if self._zh_vals and _HAN_RUN.search(text):
                out.extend(self._zh_spans(text))
        finally:
            if collecting:
                gc.enable()
        return out

    def _en_spans(self, text: str) -> list[tuple[int, int, tuple[int, ...], bool]]:
        enc = encode_text(text, wide=True)
        groups = self._en_vals
        # A quote glued between two words (soft"law) may belong to a match: every match of such
        # a text takes the careful path.
        plain = 0 if enc.quote_gaps else self._en_plain
        cuts, shifts = enc.cuts, enc.shifts
        # Wide: reading on after a trigger starts a new iterator, which must not copy the text.
        chars = enc.chars
        big = len(chars) + 1
        out: list[tuple[int, int, tuple[int, ...], bool]] = []
        append = out.append
        bits, mask = _LENGTH_BITS, _LENGTH_MASK  # locals: read once per match
        pos = 0
        while True:
            # Between two cuts every offset is the encoded one plus the same shift, and a match
            # whose first letter comes after the last cut lies within (see encode_text). Most
            # of a text lies where the shift is none: a match that ends before ``limit`` needs
            # no look at the cuts at all.
            ci = bisect.bisect_right(cuts, pos)
            shift, floor = (shifts[ci - 1], cuts[ci - 1] - 1) if ci else (0, -1)
            next_cut = cuts[ci] if ci < len(cuts) else big
            limit = -1 if shift else next_cut
            restart = None
            for last, v in self._en.iter_long(chars, pos):
                # The matcher's cost per match: everything below the first branch is rare.
                if v < plain and last < limit:
                    refs, acc = groups[v >> bits]
                    append((last - (v & mask), last, refs, acc))
                    continue
                if last >= next_cut:
                    while last >= next_cut:
                        shift, floor = shifts[ci], cuts[ci] - 1
                        ci += 1
                        next_cut = cuts[ci] if ci < len(cuts) else big
                    limit = -1 if shift else next_cut
                if v < plain:
                    first = last - (v & mask)
                    if first >= floor:
                        refs, acc = groups[v >> bits]
                        append((first + shift, last + shift, refs, acc))
                        continue
                # Off the fast path: a trigger (read on), a pattern to check, or a match across
                # a cut.
                found, restart = self._slow_match(text, enc, chars, last, v)
                if found is not None:
                    append(found)
                if restart is not None:
                    break
            if restart is None:
                return out
            pos = restart

    def _slow_match(self, text: str, enc, chars: str, last: int, value: int):
        """A match off the fast path: (the match or None, where to restart or None)."""
        group = self._en_vals[value >> _LENGTH_BITS]
        if len(group) == 4:
            return self._read_on(text, enc, chars, last, value)
        return self._match_at(text, enc, last, value, group), None

    def _read_on(self, text: str, enc, chars: str, last: int, value: int):
        """A trigger matched (the first words of longer terms): the longest term that the text
        goes on with, else the pattern's own term, else the longest term that starts there and
        ends sooner. Returns the match (or None) and where the automaton must start again (or
        None when it may go on)."""
        first = last - (value & _LENGTH_MASK) + 1
        nxt = WORD.match(chars, last + 2)
        packed = self._en_more.get(barred_pattern(chars[first - 1 : nxt.end()])) if nxt is not None else None
        if packed:
            parts = packed.split(SEPARATOR)
            for i in range(0, len(parts), 2):
                rest = parts[i]
                end = last + len(rest)
                if chars.startswith(rest[:-1], last + 1) and same_end(rest, chars[end : end + 1]):
                    return self._match_at(text, enc, end, int(parts[i + 1])), end + 1
        refs, acc, check, _trigger = self._en_vals[value >> _LENGTH_BITS]
        if refs or acc:
            return self._match_at(text, enc, last, value, (refs, acc, check) if check else (refs, acc)), None
        # Nothing here but a trigger; the automaton went past shorter terms from the same word.
        p = chars.rfind(" ", first, last)
        while p > first:
            found = self._en.get(chars[first - 1 : p], -1)
            if found >= 0:
                match = self._match_at(text, enc, p - 1, found)
                if match is not None:
                    return match, p
            p = chars.rfind(" ", first, p)
        return None, chars.find(" ", first, last)

    def _match_at(self, text: str, enc, last: int, value: int, group: tuple | None = None
                  ) -> tuple[int, int, tuple[int, ...], bool] | None:
        """The match of a pattern whose last letter is at ``last`` in the encoded text, in
        text offsets, with the quotes that belong to it; None if the text refutes it."""
        length = value & _LENGTH_MASK
        if group is None:
            group = self._en_vals[value >> _LENGTH_BITS]
        start, end = enc.original(last - length + 1), enc.original(last) + 1
        if start + length != end or enc.quote_gaps:
            # Gap characters were cut inside the match, or a quote sits in a gap: quotes that
            # open inside the span close outside it, or the other way round.
            start, end = _take_quotes(text, start, end)
        if len(group) == 2:
            return start, end, group[0], group[1]
        return self._checked(text, start, end, group)

    @staticmethod
    def _checked(text: str, start: int, end: int, group: tuple) -> tuple[int, int, tuple[int, ...], bool] | None:
        """A match of a pattern that needs a look at the text: letters beyond Latin-1 must be
        the pattern's own (they share one stand-in), acronyms must be in capitals."""
        refs, acc, (surface, caps) = group
        span = text[start:end]
        if surface is not None and " ".join(_surface_words(span)) != surface:
            return None
        if caps:
            letters = span if span.isalpha() else "".join(filter(str.isalpha, span))
            wrong = {r for r, want in caps if want != letters}  # acronyms written otherwise: AI, not Ai
            if wrong:
                refs = tuple(r for r in refs if r not in wrong)
                if not refs and not acc:
                    return None
        return start, end, refs, acc

    def _zh_spans(self, text: str) -> Iterator[tuple[int, int, tuple[int, ...], bool]]:
        # Folding runs character by character in Python, so only what lies around Chinese
        # characters is folded.
        for lo, hi in _han_windows(text, self._zh_reach):
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


def _entry_to_json(e: Entry) -> bytes:
    import json

    # UTF-8 bytes: half the memory of a str that holds one Chinese character.
    data = [getattr(e, f) for f in _ENTRY_FIELDS] + [e.file, e.line]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _entry_from_json(blob: bytes) -> Entry:
    import json

    data = json.loads(blob)
    e = Entry(**dict(zip(_ENTRY_FIELDS, data[: len(_ENTRY_FIELDS)], strict=True)))
    e.file, e.line = data[len(_ENTRY_FIELDS)], data[len(_ENTRY_FIELDS) + 1]
    return e


_LANG_OF = ("zh", "en")
_STATUS_OF = (PREFERRED, ADMITTED, DEPRECATED)


def _zh_automaton(table: dict[str, tuple[list[int], bool]], flags: bytes, width: int):
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    # Per key: its term refs, whether it is accepted, its length in characters (each coded in
    # ``width`` letters), whether a ref is case-exact.
    vals: list[tuple[tuple[int, ...], bool, int, bool]] = []
    for key, (refs, acc) in sorted(table.items()):
        automaton.add_word(key, len(vals))
        vals.append((tuple(refs), acc, len(key) // width, any(flags[r] & 8 for r in refs)))
    if vals:
        automaton.make_automaton()
    return automaton, vals


def _insertion_order(surfaces: list[str]) -> list[int]:
    """The order to add patterns in (indexes into ``surfaces``, their words joined by spaces).

    A node of pyahocorasick's trie finds the next character by scanning its transitions in
    the order they were added, and every word of a text starts at the same node. So patterns
    are added by how common their first word's letters are in English: first the commonest
    words of prose (english.COMMON_WORDS), then the words the glossary's terms use most.
    Measured on 4 MB of English abstracts: 10% less time in the automaton than alphabetical
    order (the text's own word counts would give 25%).
    """
    from collections import Counter

    from termkit.english import COMMON_WORDS

    counts = Counter(w for s in surfaces for w in s.split(" "))
    top = len(counts) + 1
    for rank, w in enumerate(dict.fromkeys(COMMON_WORDS)):
        counts[w] += top * 100 // (rank + 10)
    prefix: Counter = Counter()
    for w, c in counts.items():
        for i in range(1, len(w)):
            prefix[w[:i]] += c
        prefix[w + " "] += c  # the word itself: its last letter, written apart
    keys: dict[str, tuple[int, ...]] = {}

    def key(i: int) -> tuple:
        first = surfaces[i].split(" ", 1)[0]
        k = keys.get(first)
        if k is None:
            k = keys[first] = (*(-prefix[first[:j]] for j in range(1, len(first))), -prefix[first + " "])
        return k, surfaces[i]

    return sorted(range(len(surfaces)), key=key)


_PLAIN_TERM = re.compile(r"[a-z0-9 ]+")


def _surface_words(term: str) -> tuple[str, ...]:
    """The words of an English term as the automaton spells them: lower case, ’ as '."""
    low = term.lower()
    if _PLAIN_TERM.fullmatch(low):  # most terms: no Unicode, no punctuation
        return tuple(low.split())
    return tuple(m.group().lower().replace("’", "'") for m in _EN_WORD.finditer(unicodedata.normalize("NFKC", term)))


def _surfaces(r_entry: Sequence[int], r_flags: bytes, en_refs: list[int], en_words: list[tuple[str, ...]],
              accept: list[tuple[str, ...]]) -> tuple[dict[str, tuple[int, ...]], set[str]]:
    """Every surface form of the English terms (words joined by spaces) with the term refs it
    stands for, and the surface forms of accepted terms."""
    from termkit.english import Inflector

    inflector = Inflector()
    spellings: dict[str, tuple[tuple[str, ...], ...]] = {}  # word -> its _spellings

    def of(word: str) -> tuple[tuple[str, ...], ...]:
        got = spellings.get(word)
        if got is None:
            got = spellings[word] = _spellings(word, inflector)
        return got

    def forms(words: tuple[str, ...]) -> list[str]:
        return _surface_forms([of(w) for w in words])

    # surface -> term refs. Per entry one ref reads a surface: a deprecated term as written
    # first (a listed "datas" is flagged even if "data" inflects to it), then the better
    # status, then its own spelling before a generated form (an admitted "standards" is only
    # the preferred "standard" in the plural: never flagged as a variant). Entries all keep
    # theirs: "results" is the entry for results and an inflection of result's.
    surfaces: dict[str, tuple[int, ...]] = {}
    i, n = 0, len(en_refs)
    while i < n:
        entry = r_entry[en_refs[i]]
        best: dict[str, tuple[int, int]] = {}
        while i < n and r_entry[en_refs[i]] == entry:
            r, words = en_refs[i], en_words[i]
            f = r_flags[r]
            own = " ".join(words)
            for surface in forms(words) if not f & 8 else [own]:
                status = (f >> 1) & 3
                generated = surface != own
                rank = -1 if status == _DEPRECATED_RANK and not generated else status * 2 + generated
                old = best.get(surface)
                if old is None or rank < old[0]:
                    best[surface] = (rank, r)
            i += 1
        for surface, (_rank, r) in best.items():
            surfaces[surface] = (*surfaces.get(surface, ()), r)
    accepted: set[str] = set()
    for words in accept:
        for surface in forms(words):
            accepted.add(surface)
            surfaces.setdefault(surface, ())
    return surfaces, accepted


def _spellings(word: str, inflector) -> tuple[tuple[str, ...], ...]:
    """A word of a term three ways: in every inflection (with and without a possessive 's),
    in the singular and the plural, as written."""
    if word.endswith("'s") and len(word) > 3:
        base = word[:-2]
        return tuple(sorted({word, *inflector.forms(base)})), tuple(sorted({word, base})), (word,)
    if not word.isalpha():
        return (word,), (word,), (word,)
    forms = inflector.forms(word)
    # Not the verb's (designed, designing) nor the adjective's (larger): a word before the
    # last in a term is a modifier, which changes in number only (result of, results of).
    number = tuple(f for f in forms if f == word or not f.endswith(("ed", "ing", "er", "est")))
    return forms, number, (word,)


def _surface_forms(spellings: list[tuple[tuple[str, ...], ...]]) -> list[str]:
    """Every spelling of a term the automaton looks for, its words joined by spaces.

    The last word takes all its forms (mechanism, mechanisms); the others their singular and
    plural (result of, results of; human rights, human right) while that makes at most
    _MAX_BODIES spellings of them, else they are taken as written.
    """
    *body, head = spellings
    bodies = [""]
    for alts in body:
        bodies = [f"{b}{a} " for b in bodies for a in alts[1]]
        if len(bodies) > _MAX_BODIES:
            bodies = ["".join(f"{alts[2][0]} " for alts in body)]
            break
    return [b + h for b in bodies for h in head[0]]


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
        return payload if version == _CACHE_VERSION else None
    except Exception:  # absent, truncated, from another version: rebuild, never trust it
        return None


def _write_cache(path: Path | None, payload: object) -> None:
    if path is None:
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            pickle.dump((_CACHE_VERSION, payload), fh, protocol=pickle.HIGHEST_PROTOCOL)
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
    entries: list[Entry] = []
    accept: list[str] = []
    for f in files:
        g = load_glossary(f)
        entries.extend(g.active())
        accept.extend(g.accept)
        del g  # its text and layout (100 MB for CC-CEDICT) are not needed to build
    # The entries are only needed to build: the matcher serializes them and empties the
    # list, and matches decode the few they need on demand.
    matcher = TermMatcher._consume(entries, accept)
    _write_cache(path, matcher)
    return matcher
