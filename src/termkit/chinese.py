"""Chinese word segmentation (jieba) and pinyin (pypinyin), loaded on first use.

Both libraries cost 150-200 ms to import and jieba needs its prefix dictionary; only the paths
that meet Chinese text that is not already in an index call in here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from termkit.normalize import is_han


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    from termkit.cache import cache_dir

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    # jieba caches its parsed dictionary in /tmp by default; keep it with termkit's cache.
    tokenizer.tmp_dir = str(cache_dir())
    tokenizer.initialize()
    return tokenizer


def segment(text: str) -> list[str]:
    """Split Chinese text into words with jieba (precise mode, HMM for unknown words)."""
    return [w for w in _jieba().lcut(text, HMM=True) if w.strip()]


def add_words(words) -> None:
    """Teach the segmenter words it should keep whole (glossary terms, keywords)."""
    tok = _jieba()
    for w in words:
        if w and len(w) > 1:
            tok.add_word(w, freq=None)


# Syllables starting with a vowel take an apostrophe inside a word: xī'ān, píng'ān.
_VOWEL_START = re.compile(r"^[aoeāáǎàōóǒòēéěè]")


def join_syllables(syllables) -> str:
    """Write the syllables of one word together, as Hanyu Pinyin does: ruǎn fǎ -> ruǎnfǎ, xī ān -> xī'ān."""
    out = ""
    for syl in syllables:
        if out and out[-1].isalpha() and _VOWEL_START.match(syl.lower()):
            out += "'"
        out += syl
    return out


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(word, style=Style.TONE, errors=lambda s: [s], neutral_tone_with_five=False))


def _orthographic_words(word: str) -> list[str]:
    """Split a long dictionary word into the words Hanyu Pinyin writes apart.

    jieba keeps 人工智能 and 中华人民共和国 whole, but the pinyin orthography (GB/T 16159)
    writes réngōng zhìnéng, Zhōnghuá Rénmín Gònghéguó: a word of four or more characters that
    is made of shorter dictionary words (two characters or more each) is split into the
    fewest of them. Words that are not so composed (单片机, 互联网) stay whole.
    """
    if len(word) < 4 or not all(is_han(c) for c in word):
        return [word]
    freq = _jieba().FREQ
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(2, n + 1):
        for start in range(0, end - 1):
            part = word[start:end]
            prev = best[start]
            if len(part) < n and prev is not None and freq.get(part) and (
                best[end] is None or len(prev) + 1 < len(best[end])
            ):
                best[end] = [*prev, part]
    parts = best[n]
    if not parts or len(parts) == 1:
        return [word]
    return [piece for part in parts for piece in _orthographic_words(part)]


def to_pinyin(text: str) -> str:
    """Pinyin with tone marks, one word per space-separated group: 软法治理 -> ruǎnfǎ zhìlǐ.

    Words come from jieba, and pypinyin reads each word as a whole, so heteronyms take the
    reading their context gives them (银行 yínháng, 行为 xíngwéi). Characters that are not Han
    are kept as they are; quotes and punctuation are dropped.
    """
    words = []
    for word in segment(text):
        if any(is_han(c) for c in word):
            # Read the whole word for heteronyms, then cut the syllables where the words part.
            whole = _word_syllables(word)
            parts = _orthographic_words(word)
            if len(whole) == len(word) and len(parts) > 1:
                i = 0
                for part in parts:
                    words.append(join_syllables(whole[i : i + len(part)]))
                    i += len(part)
            else:
                words.append(join_syllables(whole))
        else:
            kept = "".join(c for c in word if c.isalnum() or c in "-+.")
            if kept:
                words.append(kept)
    return " ".join(words)


# Tone-marked vowels to (plain vowel, tone number).
_TONE_MARKS = {
    "ā": ("a", 1), "á": ("a", 2), "ǎ": ("a", 3), "à": ("a", 4),
    "ō": ("o", 1), "ó": ("o", 2), "ǒ": ("o", 3), "ò": ("o", 4),
    "ē": ("e", 1), "é": ("e", 2), "ě": ("e", 3), "è": ("e", 4),
    "ī": ("i", 1), "í": ("i", 2), "ǐ": ("i", 3), "ì": ("i", 4),
    "ū": ("u", 1), "ú": ("u", 2), "ǔ": ("u", 3), "ù": ("u", 4),
    "ǖ": ("ü", 1), "ǘ": ("ü", 2), "ǚ": ("ü", 3), "ǜ": ("ü", 4),
    "ń": ("n", 2), "ň": ("n", 3), "ǹ": ("n", 4), "ḿ": ("m", 2),
}
_MARK_OF = {(plain, tone): marked for marked, (plain, tone) in _TONE_MARKS.items()}


def strip_tones(pinyin: str) -> str:
    """ruǎnfǎ zhìlǐ -> ruanfa zhili; ü is kept (lǜ -> lü)."""
    out = []
    for c in unicodedata.normalize("NFC", pinyin):
        out.append(_TONE_MARKS[c][0] if c in _TONE_MARKS else c)
    return "".join(out)


def numbered_to_marked(syllable: str) -> str:
    """One CC-CEDICT style syllable to tone marks: ruan3 -> ruǎn, lu:4 -> lǜ, ma5 -> ma."""
    s = syllable.replace("u:", "ü").replace("v", "ü")
    if not s or not s[-1].isdigit():
        return s
    tone, base = int(s[-1]), s[:-1]
    if tone not in (1, 2, 3, 4):
        return base
    lower = base.lower()
    # Placement rule: a or e takes the mark; in "ou" the o does; otherwise the last vowel.
    if "a" in lower:
        i = lower.index("a")
    elif "e" in lower:
        i = lower.index("e")
    elif "ou" in lower:
        i = lower.index("o")
    else:
        idx = [k for k, ch in enumerate(lower) if ch in "aeiouü"]
        if not idx:
            i = next((k for k, ch in enumerate(lower) if ch in "nm"), -1)
            if i < 0:
                return base
        else:
            i = idx[-1]
    ch = lower[i]
    marked = _MARK_OF.get((ch, tone))
    if marked is None:
        return base
    if base[i].isupper():
        marked = marked.upper()
    return base[:i] + marked + base[i + 1 :]


def slug_from_pinyin(pinyin: str) -> str:
    """An id-friendly form: ruǎnfǎ zhìlǐ -> ruanfa-zhili (ü written v, as people type it)."""
    plain = strip_tones(pinyin).lower().replace("ü", "v").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
