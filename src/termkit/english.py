"""English words and their lemmas, for matching terms whatever their inflection.

Lemmatize, do not stem: "standards" and "standard" must meet, "governance" and "government"
must not (a Snowball stemmer makes both "govern"). simplemma's English dictionary does the
work; it loads on the first call (about 0.2 s), so only paths that meet English inflection
should call :func:`lemma`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from termkit.normalize import fold_en

# A word: letters and digits, with inner apostrophes or dots (don't, e.g.); hyphens split.
WORD_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’][A-Za-z]+)*")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of one lower-case word: standards -> standard, analyses -> analysis.

    Only inflection is undone. A lemma that does not share the word's beginning is a
    different word (better -> good, was -> be) and is refused: for terminology, "better
    practice" is not "good practice".
    """
    if len(word) < 4 or not word.isalpha():
        return word
    import simplemma

    lem = simplemma.lemmatize(word, lang="en").lower()
    if lem == word or not lem:
        return word
    stem_len = min(len(lem), len(word)) - 3
    if stem_len < 2 or lem[:stem_len] != word[:stem_len]:
        return word
    return lem


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for each word of ``text``; offsets are character offsets."""
    return [(m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(text)]


def en_key(text: str) -> str:
    """Matching key of an English term: folded (case, hyphens, quotes) and lemmatized per word.

    'Soft-Law Mechanisms' -> 'soft law mechanism'.
    """
    return " ".join(lemma(w) for w in fold_en(text).split())


# A noun and the adjective made of it, as compounds use them: "technological innovation
# policy" renders 技术创新政策 with the term "technology innovation" in it.
# (noun ending, adjective endings); longer endings first.
_ADJECTIVE_OF = (
    ("ment", ("mental",)),
    ("ance", ("ant",)),
    ("ence", ("ent", "ential")),
    ("ics", ("ical", "ic")),
    ("ion", ("ional", "ive", "ory")),
    ("ism", ("ist", "istic")),
    ("y", ("ical", "ic")),
    ("e", ("al",)),
    ("", ("al", "ic")),
)


def adjective_of(noun: str, word: str) -> bool:
    """True when ``word`` is the adjective derived from ``noun`` (both lower case).

    economics/economical, technology/technological, regulation/regulatory,
    environment/environmental, culture/cultural. Only these regular derivations: governance
    and government stay apart.
    """
    if len(noun) < 5 or not word.startswith(noun[:3]):
        return False
    for ending, adjectives in _ADJECTIVE_OF:
        if noun.endswith(ending):
            base = noun[: len(noun) - len(ending)]
            if len(base) >= 4 and any(word == base + a for a in adjectives):
                return True
    return False


def same_word_family(a: str, b: str) -> bool:
    """One lower-case word for another in a term: the same lemma, or a noun and its adjective."""
    if a == b or lemma(a) == lemma(b):
        return True
    return adjective_of(lemma(a), b) or adjective_of(lemma(b), a)
