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
    return lem if _same_stem(word, lem) else word


def _same_stem(word: str, lem: str) -> bool:
    if lem == word or not lem:
        return False
    stem_len = min(len(lem), len(word)) - 3
    return stem_len >= 2 and lem[:stem_len] == word[:stem_len]


# The commonest words of English prose, most frequent first (an approximation of the usual
# frequency lists, good enough to put the common paths of a word trie first).
COMMON_WORDS = (
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by",
    "on", "not", "are", "this", "or", "which", "from", "at", "but", "have", "an", "they", "were", "you",
    "his", "he", "their", "has", "its", "been", "one", "all", "we", "can", "more", "would", "there",
    "if", "so", "when", "these", "also", "no", "other", "will", "into", "such", "may", "than", "some",
    "two", "only", "new", "between", "most", "time", "our", "both", "then", "many", "used", "first",
    "any", "those", "them", "however", "based", "about", "over", "out", "up", "each", "what", "well",
    "different", "while", "who", "how", "like", "should", "use", "through", "being", "same", "very",
    "where", "after", "under", "during", "within", "without", "because", "could", "since", "against",
    "among", "high", "large", "small", "important", "general", "public", "set", "part", "system",
    "research", "data", "study", "model", "results", "analysis", "information", "development",
    "process", "social", "economic", "paper", "method", "methods", "show", "shows", "proposed", "using",
    "approach", "effect", "effects", "level", "levels", "case", "provide", "further",
)


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


class Inflector:
    """The surface forms of English words, so that a matcher can look for every form of a term
    instead of lemmatizing the text: design -> design, designed, designing, designs.

    Forms come from simplemma's English dictionary read backwards (lemma -> its forms): one
    that :func:`lemma` would take back to the word's lemma, or that the dictionary gives with
    a regular ending (laws -> law, which ``lemma`` refuses as too short to be sure of). A word
    the dictionary does not know at all (blockchain) gets its regular plural. The reversed
    dictionary is built once per Inflector (0.1 s, 20 MB): drop the object to free it.
    """

    def __init__(self) -> None:
        self._dictionary, self._forms = _dictionary()

    def lemma(self, word: str) -> str:
        """:func:`lemma`, from the dictionary when it knows the word (simplemma's whole
        pipeline costs 30 us a word, a dictionary look-up 1 us)."""
        found = self._dictionary.get(word) if len(word) >= 4 and word.isalpha() else None
        if found is None:
            return lemma(word)
        found = found.lower()
        return found if _same_stem(word, found) else word

    def forms(self, word: str) -> tuple[str, ...]:
        """Sorted forms sharing the lemma of lower-case ``word``: designs -> design, designed, designing, designs."""
        base = self.lemma(word)
        out = {word, base}
        if not base.isalpha() or len(base) < 2:
            return tuple(sorted(out))
        regular = _regular_forms(base)
        out.update(c for c in self._forms.get(base, ()) if c.isalpha() and (c in regular or _same_stem(c, base)))
        if base not in self._forms and self._dictionary.get(base) is None:
            out.update(_regular_plurals(base))
        return tuple(sorted(out))


def _dictionary():
    """(simplemma's English dictionary as a str mapping, lemma -> its other forms)."""
    try:
        from simplemma.strategies.dictionaries import dictionary_factory as factories

        factory = getattr(factories, "DEFAULT_DICTIONARY_FACTORY", None) or factories.DefaultDictionaryFactory()
        mapping = factory.get_dictionary("en")
    except Exception:  # another simplemma layout: lemma() and regular plurals still work
        return {}, {}
    raw = getattr(mapping, "_dict", mapping)  # bytes -> bytes behind simplemma's str view
    forms: dict[str, list[str]] = {}
    for form, lem in raw.items():
        if isinstance(form, bytes):
            form, lem = form.decode("utf-8", "replace"), lem.decode("utf-8", "replace")
        form, lem = form.lower(), lem.lower()
        if form != lem:
            forms.setdefault(lem, []).append(form)
    return mapping, forms


_VOWELS = frozenset("aeiou")


def _regular_plurals(w: str) -> list[str]:
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return [w + "es"]
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        return [w[:-1] + "ies"]
    return [w + "s"]


def _regular_forms(w: str) -> set[str]:
    """Regular inflections: -s, -es, -ies, -ed, -ing (with a doubled consonant or without an e)."""
    out = {w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("y"):
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if w.endswith("e"):
        out.add(w[:-1] + "ing")
    if len(w) > 2 and w[-1] not in _VOWELS and w[-2] in _VOWELS:
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return out
