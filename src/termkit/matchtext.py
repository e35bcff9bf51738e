"""English text as the term automaton reads it: word boundaries written into the letters.

The matcher finds English terms with one pass of an Aho-Corasick automaton (pyahocorasick)
over the text, so that no Python code runs per word. For that the text is first rewritten, by
a handful of whole-string operations (``str.encode``, ``bytes.translate``, integer arithmetic
on the bytes), into a string of the same length that the automaton can take literally:

- letters are lower-cased; the last letter of every word is written in one of two other
  alphabets, depending on what follows it: a gap that may sit inside a term (one space, a
  hyphen, a quotation mark, one line break) or one that may not (a comma, a bracket, a full
  stop, the end of the text). A pattern therefore always ends where a word ends, and only
  continues over a gap that terms may cross;
- every other character becomes a space, so that a pattern (which starts with a space) can
  only start where a word starts;
- an apostrophe inside a word (don't, women's) stays; the possessive 's ends the word
  before it, so "soft law's role" holds the term "soft law";
- a run of several gap characters that a term may cross (“soft law” governance, soft - law,
  a line break with indentation) is cut to one space. Only these runs change offsets; the
  encoded text records where, and :meth:`EncodedText.original` maps positions back.

Words are what :data:`termkit.english.WORD_RE` calls words: ASCII letters and digits and the
Latin letters U+00C0-U+024F. Letters beyond Latin-1 are written as one stand-in character, so
a pattern holding one must be confirmed against the text (:data:`STAND_IN`).
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass

from termkit.normalize import QUOTE_CHARS

# Gap characters a term may span: spaces, hyphens and quotation marks (with at most one line
# break in a run, see _runs). Apostrophes are quotes too unless they sit inside a word.
_SPACES = " \t\r\n\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_HYPHENS = "-\u2010\u2011"
_APOSTROPHES = "'\u2019"

_PLACE = 0x80  # stands in for a word letter beyond Latin-1 (ł, ő, ș)
_WIDE = "\U0010ffff"
_POSS = 0x81  # the apostrophe of a possessive 's: ends the word before it
_BARRIER = ord("|")


def _is_word_char(c: str) -> bool:
    o = ord(c)
    return (c.isascii() and c.isalnum()) or 0xC0 <= o <= 0x24F


def _stand_in(c: str) -> str:
    """The Latin-1 character that a character beyond Latin-1 is read as (see _handler)."""
    lower = c.lower()[:1]  # İ lower-cases to two characters; the first is the letter
    if len(lower) == 1 and ord(lower) < 0x100 and _is_word_char(lower):
        return lower  # the Kelvin sign, say, is a k
    if _is_word_char(c):
        return chr(_PLACE)
    if c in _APOSTROPHES:
        return "'"
    if c in QUOTE_CHARS:
        return '"'
    if c in _HYPHENS:
        return "-"
    if c in _SPACES:
        return " "
    return "|"


class _StandIns(dict):
    def __missing__(self, code: int) -> str:
        out = self[code] = _stand_in(chr(code))
        return out


_STAND_INS = _StandIns()


def _handler(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return exc.object[exc.start : exc.end].translate(_STAND_INS), exc.end


_ERRORS = "termkit.matchtext"
codecs.register_error(_ERRORS, _handler)

# ---------------------------------------------------------------------- the byte tables

# States of a character as seen from the character before it.
_BAR, _JOIN, _WORD = 0, 1, 2


def _byte_state(b: int) -> int:
    c = chr(b)
    if b == _PLACE or b == 0x27 or _is_word_char(c):  # an apostrophe left in the text is inside a word
        return _WORD
    if c in _SPACES or c in _HYPHENS or c in QUOTE_CHARS:
        return _JOIN
    return _BAR


def _tables() -> tuple[bytes, bytes, int, bytes, dict[str, str], dict[str, str]]:
    state = bytes(_byte_state(b) for b in range(256))
    # Dense numbers for what the output needs to tell apart: each lower-case word character,
    # then one for gaps and one for the possessive apostrophe.
    word_bytes = sorted({ord(chr(b).lower()) for b in range(256) if state[b] == _WORD})
    dense_of = {b: i for i, b in enumerate(word_bytes)}
    gap, poss = len(word_bytes), len(word_bytes) + 1
    n = len(word_bytes) + 2
    dense = bytearray(256)
    for b in range(256):
        if state[b] == _WORD:
            dense[b] = dense_of[ord(chr(b).lower())]
        else:
            dense[b] = poss if b == _POSS else gap
    # Output bytes: a word character inside a word is itself; at the end of a word it takes one
    # of two spare bytes (a-z: A-Z before a joinable gap). Gaps are spaces.
    used = set(word_bytes) | {0x20}
    spare = [b for b in range(256) if b not in used and not (0x41 <= b <= 0x5A)]
    final = bytearray(b" " * 256)
    before_join: dict[str, str] = {}
    before_bar: dict[str, str] = {}
    for d, b in enumerate(word_bytes):
        joined = b - 0x20 if 0x61 <= b <= 0x7A else (b if b == 0x27 else spare.pop(0))
        barred = b if b == 0x27 else spare.pop(0)
        final[d + n * _WORD] = b
        final[d + n * _JOIN] = joined
        final[d + n * _BAR] = barred
        before_join[chr(b)] = chr(joined)
        before_bar[chr(b)] = chr(barred)
    for s in (_BAR, _JOIN, _WORD):
        final[poss + n * s] = 0x27
    assert n * 3 <= 256
    state_n = bytes(n * s for s in state)
    return bytes(dense), state_n, n, bytes(final), before_join, before_bar


# _STATE: the state of each byte, times _N (ready to be added to the dense number before it).
_DENSE, _STATE, _N, _FINAL, _BEFORE_JOIN, _BEFORE_BAR = _tables()
_BAR_TO_JOIN = {v: _BEFORE_JOIN[k] for k, v in _BEFORE_BAR.items()}
_JOIN_TO_BAR = {v: k for k, v in _BAR_TO_JOIN.items() if k != v}
# A character that no encoded text holds (to separate patterns kept in one string).
SEPARATOR = next(chr(b) for b in range(256) if chr(b) not in {" ", *_BEFORE_JOIN, *_BEFORE_JOIN.values(),
                                                               *_BEFORE_BAR.values()})
# A word of the encoded text, from its first letter to its last (which is written apart).
WORD = re.compile("[^%s ]*[%s]" % ((re.escape("".join(sorted({*_BEFORE_JOIN.values(), *_BEFORE_BAR.values()} - {"'"}))),) * 2))
_STAND_IN_CHARS = frozenset(_BEFORE_BAR[chr(_PLACE)] + _BEFORE_JOIN[chr(_PLACE)] + chr(_PLACE))



@dataclass
class EncodedText:
    """A text as the automaton reads it.

    ``chars`` starts with one space (so that the first word starts after a gap); position
    ``i`` of ``chars`` is position ``i - 1`` of the text, unless runs of gap characters were
    cut: ``cuts`` are the positions in ``chars`` after which the text is ``shifts`` (the same
    index) characters further on.
    """

    chars: str
    cuts: list[int]
    shifts: list[int]
    quote_gaps: list[int]  # text offsets of quotation marks glued between two words

    def original(self, pos: int) -> int:
        """The text offset of position ``pos`` of ``chars`` (minus the leading space)."""
        if not self.cuts:
            return pos - 1
        i = bisect.bisect_right(self.cuts, pos) - 1
        return pos - 1 + (self.shifts[i] if i >= 0 else 0)


def encode_text(text: str, wide: bool = False) -> EncodedText:
    """Encode ``text`` for the English automaton (see the module docstring).

    ``wide`` ends the encoded text with U+10FFFF, which no pattern holds: a str with a 4-byte
    character is one that pyahocorasick reads in place, without a copy per iterator.
    """
    if "\x80" in text or "\x81" in text:  # C1 controls never mean anything in prose
        text = text.replace("\x80", "|").replace("\x81", "|")
    raw = text.encode("latin-1", _ERRORS)
    if b"'" in raw:
        raw = _apostrophes(raw)
    n = len(raw)
    # Each output byte depends on the character and on the state of the next one: both are
    # packed into one byte, dense + N * next_state, by arithmetic on the whole text at once
    # (the last character's next state is 0, a barrier: the end of the text).
    states = raw.translate(_STATE)
    packed = int.from_bytes(raw.translate(_DENSE), "little") + (int.from_bytes(states, "little") >> 8)
    chars = packed.to_bytes(n, "little").translate(_FINAL).decode("latin-1")
    cuts: list[int] = []
    shifts: list[int] = []
    runs = _joinable_runs(raw, states)
    if runs:
        # What a cut removes is given back as spaces at the next barrier (where a gap of any
        # width stops every term alike), so that most of the text keeps its offsets.
        parts, prev, shift = [" "], 0, 0
        for i, (a, b) in enumerate(runs):
            parts.append(chars[prev : a + 1])
            prev = b
            shift += b - a - 1
            cuts.append(b + 1 - shift)  # where text[b] lands in chars
            shifts.append(shift)
            c = states.find(_BAR, b, runs[i + 1][0] if i + 1 < len(runs) else n)
            if c >= 0:
                parts.append(chars[prev:c])
                parts.append(" " * shift)
                prev = c
                cuts.append(c + 1)  # where text[c] lands in chars, after the spaces
                shifts.append(0)
                shift = 0
        parts.append(chars[prev:])
        if wide:
            parts.append(_WIDE)
        chars = "".join(parts)
    else:
        chars = f" {chars}{_WIDE}" if wide else " " + chars
    return EncodedText(chars, cuts, shifts, _glued_quotes(raw))


# Searches in C: bytes.find (memchr) and arithmetic on the text as one integer are much faster
# over megabytes than regular expressions with character classes.
_WORD_BYTES = frozenset(b for b in range(256) if _STATE[b] == _WORD * _N)
assert _BAR == 0  # a barrier's _STATE byte is 0
_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_QUOTES = (0x22, 0xAB, 0xBB)


def _apostrophes(raw: bytes) -> bytes:
    """An apostrophe between a word character and a letter stays (don't, women's) unless it is
    a possessive 's (which ends the word before it); any other is a quotation mark."""
    out = bytearray(raw)
    n = len(raw)
    p = raw.find(b"'")
    while p >= 0:
        if p == 0 or raw[p - 1] not in _WORD_BYTES or p + 1 == n or raw[p + 1] not in _LETTERS:
            out[p] = 0x22
        elif raw[p + 1] in b"sS" and (p + 2 == n or (raw[p + 2] not in _WORD_BYTES and raw[p + 2] != 0x27)):
            out[p] = _POSS
        p = raw.find(b"'", p + 1)
    return bytes(out)


def _joinable_runs(raw: bytes, states: bytes) -> list[tuple[int, int]]:
    """[start, end) of every run of two or more joinable characters between two words, with
    at most one line break (a blank line ends a paragraph, and terms do not cross it).

    ``states`` is ``raw`` translated by _STATE: a run starts where two joinable characters
    follow each other, and ends at the next word character unless a barrier comes first.
    """
    out = []
    append = out.append
    pair, word = bytes((_JOIN * _N, _JOIN * _N)), _WORD * _N
    n = len(raw)
    p = states.find(pair)
    while p >= 0:
        q = states.find(word, p)
        if q < 0:
            q = n
        barrier = states.find(_BAR, p, q)
        if barrier >= 0:  # not between two words
            q = barrier
        elif p and states[p - 1] == word and q < n and raw.count(10, p, q) <= 1:
            append((p, q))
        p = states.find(pair, q)
    return out


def _glued_quotes(raw: bytes) -> list[int]:
    """Offsets of quotation marks with a word character on either side (soft"law)."""
    out = []
    n = len(raw)
    for quote in _QUOTES:
        p = raw.find(quote)
        while p >= 0:
            if 0 < p < n - 1 and raw[p - 1] in _WORD_BYTES and raw[p + 1] in _WORD_BYTES:
                out.append(p)
            p = raw.find(quote, p + 1)
    return sorted(out)


def encode_terms(terms: list[str], batch: int = 20_000) -> list[str]:
    """The patterns of many terms (each a string of words joined by single spaces), ending
    before a barrier: like :func:`encode_words`' second pattern, a batch of terms at a time
    (a pass over them all at once would hold a few copies of them in memory)."""
    out = []
    for i in range(0, len(terms), batch):
        chunk = terms[i : i + batch]
        chars = encode_text("\x00".join(chunk)).chars  # \x00 is a barrier, encoded as one space
        pos = 0
        for t in chunk:
            out.append(chars[pos : pos + len(t) + 1])
            pos += len(t) + 1
    return out


def joined_pattern(barred: str) -> str:
    """The pattern ending before a joinable gap, from the one ending before a barrier."""
    return barred[:-1] + _BAR_TO_JOIN.get(barred[-1], barred[-1])


def barred_pattern(pattern: str) -> str:
    """The pattern ending before a barrier, from either pattern of a term."""
    return pattern[:-1] + _JOIN_TO_BAR.get(pattern[-1], pattern[-1])


def same_end(pattern: str, char: str) -> bool:
    """True when ``char`` (of a text) is ``pattern``'s last letter, before either gap."""
    last = pattern[-1]
    return char == last or char == _BAR_TO_JOIN.get(last)


def encode_words(words: list[str]) -> tuple[str, str]:
    """The two patterns of a term made of ``words``: ending before a joinable gap, and before
    a barrier. Both start with the space that marks the start of a word."""
    chars = encode_text(" ".join(words)).chars
    last = chars[-1]
    return chars[:-1] + _BAR_TO_JOIN.get(last, last), chars


STAND_IN = re.compile("[" + re.escape("".join(sorted(_STAND_IN_CHARS))) + "]")
"""Finds a letter beyond Latin-1 in a pattern: the text may spell it otherwise."""
