"""Pinyin as people type it: parse a query into syllables, and derive the tables that needs.

A query can carry tone marks (ruǎnfǎ), tone numbers (ruan3fa3) or no tones (ruanfa,
ruan fa); ü may be typed as v or u: (lü, lv, lu:); syllables may be cut to their initials
(rfzl for 软法治理, the 简拼 of Chinese input methods) and the last one may be unfinished
(ruanf). :func:`parse_pinyin` turns any of these into candidate segmentations; matching them
against a term's syllables is the caller's business.

Syllables are written without tones, ü as ``v`` (the letter keyboards type for it). The
syllable inventory is not typed in by hand: :func:`derive_syllables` reads it off pypinyin's
character table, and the lookup index stores it, so parsing a query needs no pypinyin.
This module imports only the standard library.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

# Initials of Hanyu Pinyin (y and w included: people abbreviate 用 as y). The grammar of the
# language, not a word list: every syllable starts with one of these or with a, e, o.
INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
            "z", "c", "s", "y", "w")

# Tone-marked vowels to (plain letter, tone); ü is written v.
_MARKED = {
    "ā": ("a", 1), "á": ("a", 2), "ǎ": ("a", 3), "à": ("a", 4),
    "ō": ("o", 1), "ó": ("o", 2), "ǒ": ("o", 3), "ò": ("o", 4),
    "ē": ("e", 1), "é": ("e", 2), "ě": ("e", 3), "è": ("e", 4),
    "ī": ("i", 1), "í": ("i", 2), "ǐ": ("i", 3), "ì": ("i", 4),
    "ū": ("u", 1), "ú": ("u", 2), "ǔ": ("u", 3), "ù": ("u", 4),
    "ǖ": ("v", 1), "ǘ": ("v", 2), "ǚ": ("v", 3), "ǜ": ("v", 4), "ü": ("v", None),
    "ń": ("n", 2), "ň": ("n", 3), "ǹ": ("n", 4), "ḿ": ("m", 2),
}
_SEPARATORS = " '’‘-_·.,/"
_VOWELS = frozenset("aeiouv")

# Costs that rank the segmentations of one run of letters: whole syllables first, then an
# unfinished last syllable, then initials (xian is 先 before 西安, and ruanf is ruan + f...).
_COST_FULL, _COST_PARTIAL, _COST_INITIAL = 1.0, 1.2, 1.5


@dataclass(frozen=True)
class Token:
    """One typed syllable: ``text`` without tone (ü as v), ``tone`` 1-5 or None when not typed.

    ``full`` is False for an abbreviation or an unfinished syllable: the term's syllable must
    then start with ``text`` rather than equal it.
    """

    text: str
    tone: int | None = None
    full: bool = True

    def matches(self, syllable: str, tone: int | None = None) -> bool:
        """Whether this token can stand for ``syllable`` (toneless); tones are not compared."""
        return syllable == self.text if self.full else syllable.startswith(self.text)


# --------------------------------------------------------------------------- tables


def derive_syllables() -> frozenset[str]:
    """The toneless syllables of Mandarin, read off pypinyin's table of character readings.

    Interjection readings without a vowel (hm, ng, m) are left out: they would turn typed
    initials into whole syllables. ``lue``/``nue`` are added as the spellings of lüe/nüe that
    people type without a ü key (after n and l only ü can precede e, so they are unambiguous).
    """
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            syl, _tone = split_tone(reading)
            if syl and re.fullmatch(r"[a-z]+", syl) and _VOWELS & set(syl):
                out.add(syl)
    return frozenset(out | _u_spellings(out))


def _u_spellings(syllables: Iterable[str]) -> set[str]:
    return {s.replace("v", "u") for s in syllables if s[0] in "nl" and "ve" in s}


def derive_readings() -> dict[str, str]:
    """Character -> its readings, most common first, as ``"zhi3 zhi1"`` (tone numbers, ü as v).

    Read from pypinyin at index build time so that a lookup can give the pinyin of a Chinese
    query without importing pypinyin.
    """
    from pypinyin.pinyin_dict import pinyin_dict

    out: dict[str, str] = {}
    for code, readings in pinyin_dict.items():
        numbered = []
        for reading in readings.split(","):
            syl, tone = split_tone(reading)
            if syl and syl.isalpha() and syl.isascii():
                form = f"{syl}{tone or 5}"
                if form not in numbered:
                    numbered.append(form)
        if numbered:
            out[chr(code)] = " ".join(numbered)
    return out


def split_tone(syllable: str) -> tuple[str, int | None]:
    """One tone-marked or numbered syllable -> (toneless with ü as v, tone): lǜ -> ('lv', 4)."""
    s = unicodedata.normalize("NFC", syllable.strip().lower())
    tone: int | None = None
    if s and s[-1] in "012345":
        tone = int(s[-1]) or 5
        s = s[:-1]
    out = []
    for c in s:
        plain = _MARKED.get(c)
        if plain:
            out.append(plain[0])
            if plain[1] is not None:
                tone = plain[1]
        elif c in "\u0300\u0301\u0304\u030c":  # a combining tone mark NFC could not compose (m̀, ê̄)
            tone = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}[c]
        else:
            out.append(c)
    text = "".join(out).replace("u:", "v").replace("ê", "e")
    return text, tone


def fuzzy_syllable(syllable: str) -> str:
    """Fold the sounds that input methods' 模糊音 settings merge: zh/z, ch/c, sh/s, n/l, h/f,
    r/l and the -ang/-an, -eng/-en, -ing/-in finals. Two terms whose folded syllables agree
    are near-homophones (知能 zhineng ~ 资能 zineng)."""
    s = syllable
    for hard, soft in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if s.startswith(hard):
            s = soft + s[2:]
    if s[:1] in ("n", "r"):
        s = "l" + s[1:]
    elif s[:1] == "h" and len(s) > 1:
        s = "f" + s[1:]
    if s.endswith("ng") and len(s) > 2 and s[-3] in "aei":
        s = s[:-1]
    return s


# --------------------------------------------------------------------------- parsing


def _runs(text: str) -> list[tuple[str, dict[int, int], int | None]] | None:
    """Split a query into runs of letters at separators and tone digits.

    Each run: (letters, {position: tone from a mark}, tone number typed after it). None when
    the text holds anything that cannot be pinyin.
    """
    s = unicodedata.normalize("NFC", text).lower().replace("u:", "v").replace("ü:", "v")
    runs: list[tuple[str, dict[int, int], int | None]] = []
    letters: list[str] = []
    marks: dict[int, int] = {}

    def close(tone: int | None) -> None:
        nonlocal letters, marks
        if letters:
            runs.append(("".join(letters), marks, tone))
        letters, marks = [], {}

    for c in s:
        if "a" <= c <= "z":
            letters.append(c)
        elif c in _MARKED:
            plain, tone = _MARKED[c]
            if tone is not None:
                marks[len(letters)] = tone
            letters.append(plain)
        elif c in "012345":
            if not letters:
                return None
            close(int(c) or 5)
        elif c in _SEPARATORS or c.isspace():
            close(None)
        else:
            return None
    close(None)
    return runs


def parse_pinyin(text: str, syllables: Collection[str], *, partial: bool = True,
                 limit: int = 4) -> list[tuple[Token, ...]]:
    """Segmentations of a pinyin query, best first; [] when ``text`` cannot be pinyin.

    ``syllables`` is the toneless inventory (:func:`derive_syllables`). With ``partial``,
    initials stand for whole syllables (rfzl) and the last syllable may be unfinished
    (ruanf); without it, only whole syllables are accepted (for a term's own pinyin).
    """
    runs = _runs(text)
    if not runs:
        return []
    prefixes = _prefixes(syllables) if partial else frozenset()
    # Each run is segmented on its own; the query's segmentations are their product, kept
    # to the ``limit`` cheapest.
    combined: list[tuple[float, tuple[Token, ...]]] = [(0.0, ())]
    for k, (letters, marks, tone) in enumerate(runs):
        last_run = k == len(runs) - 1
        options = _segment(letters, marks, tone, syllables, prefixes,
                           allow_initials=partial, allow_partial=partial and last_run and tone is None,
                           limit=limit)
        if not options:
            return []
        combined = sorted(((c1 + c2, t1 + t2) for c1, t1 in combined for c2, t2 in options),
                          key=lambda x: (x[0], [t.text for t in x[1]]))[:limit]
    return list(dict.fromkeys(tokens for _cost, tokens in combined))


_PREFIX_CACHE: dict[int, frozenset[str]] = {}


def _prefixes(syllables: Collection[str]) -> frozenset[str]:
    """Proper prefixes of syllables, for an unfinished last syllable."""
    key = id(syllables)
    cached = _PREFIX_CACHE.get(key)
    if cached is None:
        cached = frozenset(s[:i] for s in syllables for i in range(1, len(s)))
        _PREFIX_CACHE.clear()
        _PREFIX_CACHE[key] = cached
    return cached


def _segment(letters: str, marks: dict[int, int], tone: int | None, syllables: Collection[str],
             prefixes: frozenset[str], *, allow_initials: bool, allow_partial: bool,
             limit: int) -> list[tuple[float, tuple[Token, ...]]]:
    n = len(letters)
    initials = INITIALS if allow_initials else ()
    # best[i]: up to ``limit`` cheapest segmentations of letters[:i], as (cost, spans).
    best: list[list[tuple[float, tuple[tuple[int, int, bool], ...]]]] = [[] for _ in range(n + 1)]
    best[0] = [(0.0, ())]
    for i in range(n):
        if not best[i]:
            continue
        steps: list[tuple[int, float, bool]] = []
        for j in range(i + 1, min(n, i + 6) + 1):
            piece = letters[i:j]
            if piece in syllables:
                steps.append((j, _COST_FULL, True))
            if j == n and allow_partial and piece in prefixes:
                # At the end even a whole syllable may be the start of a longer one (a -> ai).
                steps.append((j, _COST_PARTIAL + (piece in syllables), False))
            elif piece in initials and piece not in syllables:
                steps.append((j, _COST_INITIAL, False))
        for j, cost, full in steps:
            for c, spans in best[i]:
                best[j].append((c + cost, (*spans, (i, j, full))))
        for j in {s[0] for s in steps}:
            best[j] = sorted(best[j], key=lambda x: (x[0], x[1]))[:limit]
    out = []
    for cost, spans in best[n]:
        tokens = []
        for k, (i, j, full) in enumerate(spans):
            t = next((marks[p] for p in range(i, j) if p in marks), None)
            if k == len(spans) - 1 and tone is not None:
                t = tone
            text = letters[i:j]
            if full and text[0] in "nl" and text.endswith("ue"):
                text = text[0] + "ve"  # lue/nue are typed for lüe/nüe
            tokens.append(Token(text, t, full))
        # A tone number closes a syllable: it cannot follow an abbreviation.
        if tone is not None and not tokens[-1].full:
            continue
        out.append((cost, tuple(tokens)))
    return out


def syllabify(pinyin: str, syllables: frozenset[str]) -> list[list[tuple[str, int | None]]]:
    """A term's written pinyin as syllables, one list per reading.

    ``"ruǎnfǎ zhìlǐ"`` -> ``[[("ruan", 3), ("fa", 3), ("zhi", 4), ("li", 3)]]``; readings are
    separated by ``/`` (``"háng / xíng"``). A reading that is not pinyin is left out. Each
    written word is split into the fewest whole syllables (an apostrophe marks the rest).
    """
    out = []
    for reading in pinyin.split("/"):
        syls: list[tuple[str, int | None]] = []
        for word in _WORD_SPLIT.split(unicodedata.normalize("NFC", reading).lower()):
            if not word:
                continue
            parsed = _word_syllables(word, syllables)
            if parsed is None:
                syls = []
                break
            syls.extend(parsed)
        if syls:
            out.append(syls)
    return out


_WORD_SPLIT = re.compile(r"[\s'’‘\-·]+")
_PLAIN = str.maketrans({k: v[0] for k, v in _MARKED.items()})


@lru_cache(maxsize=1 << 16)
def _word_syllables(word: str, syllables: frozenset[str]) -> tuple[tuple[str, int | None], ...] | None:
    if not word.isalpha():
        # Tone numbers or u: in a written term: the general parser knows those.
        parsed = parse_pinyin(word, syllables, partial=False, limit=1)
        return tuple((t.text, t.tone) for t in parsed[0]) if parsed else None
    plain = word.translate(_PLAIN)
    if not plain.isascii():
        return None
    n = len(plain)
    # best[j]: the fewest syllables that spell plain[:j], as their end positions.
    best: list[tuple[int, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        done = best[i]
        if done is None:
            continue
        for j in range(i + 1, min(n, i + 6) + 1):
            if plain[i:j] in syllables:
                current = best[j]
                if current is None or len(done) + 1 < len(current):
                    best[j] = (*done, j)
    ends = best[n]
    if ends is None:
        return None
    out = []
    start = 0
    for end in ends:
        tone = next((_MARKED[c][1] for c in word[start:end] if c in _MARKED), None)
        text = plain[start:end]
        if text[0] in "nl" and text.endswith("ue"):
            text = text[0] + "ve"
        out.append((text, tone))
        start = end
    return tuple(out)


def initials_of(syllables: Iterable[str]) -> str:
    """First letters of syllables: ruan fa zhi li -> rfzl."""
    return "".join(s[0] for s in syllables)
