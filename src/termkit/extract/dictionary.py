"""Bilingual evidence from CC-CEDICT: which English words a Chinese word or character can mean.

Alignment asks one question again and again: does this English word translate some part of
this Chinese term? The answer comes from the glosses of the dictionary words and characters
inside the Chinese term (协同 -> collaborative, 监管 -> supervision), compared on English
lemmas, on derivational stems (authenticate ~ authentication), and, for the typos OCR leaves
in abstracts, on spelling similarity. Everything is cached per process: the dictionary and
jieba load once, and each word's gloss keys are worked out once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from termkit.english import lemma
from termkit.normalize import fold_width, is_han, strip_quotes, to_simplified


def word_set(text: str) -> frozenset[str]:
    """A set of words written one after another, for readable word lists."""
    return frozenset(text.split())


# Words in glosses that say nothing about meaning: "to", "sth", "(of a person)", "CL:".
GLOSS_STOP = word_set("""
a an the to of sth sb sb's one one's oneself someone something somebody etc e g i lit fig also used
esp abbr and or as in on at by for with from into onto be is are it its this that these those up out
off do does get make makes made have has kind type sort any some such very much more most other
another act way thing things e.g. i.e. usu usually often cf see variant pr name names surname
""")

# English function words: never linked, never at the edge of a term, free inside one.
EN_FUNCTION = word_set("""
a an the of and or in on at by for with from to into onto via per as than that which who whom whose
this these those its their his her our your my is are was were be been being has have had do does
did not no nor but if then so such both either neither each every all any some many much more most
less few several other another same own only also very too can could may might must shall should
will would it they them we he she you i there here when where while whereas how what why under over
between among through during before after above below against about within without upon toward
towards across along around behind beyond up down out off again further once based using used use
""")

# Derivational and inflectional endings, longest first, for a crude stem (alignment only).
_SUFFIXES = sorted(
    ["ational", "ization", "isation", "ation", "ition", "ution", "tional", "ional", "ments", "ment", "ness", "ances", "ance", "ences", "ence", "ities", "ity", "ively", "ive", "izing", "ising", "ized", "ised", "izes", "ises", "ize", "ise", "ings", "ing", "ically", "ical", "ics", "ic", "ors", "ers", "or", "er", "ously", "ous", "ants", "ant", "ents", "ent", "ism", "ist", "ists", "fully", "ful", "less", "able", "ible", "ally", "al", "ies", "ied", "es", "ed", "ly", "s", "e", "y", "ate", "ates", "ated"],
    key=len,
    reverse=True,
)
_INFLECTIONS = frozenset({"s", "es", "ed", "ing", "ies", "ied", "ings"})


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A crude stem that lets derivations meet: supervision/supervise, authenticate/authentication."""
    w = word.lower()
    if w.endswith("ssion") and len(w) >= 8:
        return w[:-3]  # suppression -> suppress, regression -> regress
    for suf in _SUFFIXES:
        if suf == "s" and w.endswith(("ss", "us", "is", "as")):
            continue  # suppress, focus, analysis, bias: no plural -s to strip
        if w.endswith(suf):
            rest = len(w) - len(suf)
            if rest >= (3 if suf in _INFLECTIONS else 4):
                base = w[:rest]
                # fitting -> fit, planned -> plan: an inflection doubles a final consonant.
                if suf in _INFLECTIONS and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "aeiousl":
                    base = base[:-1]
                return base
    return w


def stems_meet(a: str, b: str) -> bool:
    """Two stems of one family: equal, or one a prefix (of 6 letters at least, at most 4
    shorter) of the other: collabor/collaborat, supervi/supervis."""
    if a == b:
        return len(a) >= 3
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 6 and len(long_) - len(short) <= 4 and long_.startswith(short)


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """Matching key of one English word: lower case, lemma."""
    w = word.lower()
    return lemma(w) if w.isalpha() else w


class Dictionary:
    """CC-CEDICT as alignment evidence, with jieba's word frequencies for termhood."""

    def __init__(self) -> None:
        from termkit.cedict import load_cedict

        self.cedict = load_cedict()
        self._lexicon = self.cedict.english_words
        # Headword tests run a hundred thousand times a minute: straight to the indexes.
        self._simplified = self.cedict.by_simplified
        self._traditional = self.cedict.by_traditional

    # ---- Chinese side

    def __contains__(self, zh: str) -> bool:
        return zh in self._simplified or zh in self._traditional

    @lru_cache(maxsize=100_000)  # noqa: B019 - one Dictionary per process, kept for its lifetime
    def keys(self, zh: str) -> frozenset[str]:
        """English word keys (lemmas) of every gloss of ``zh``; empty when it is not a headword."""
        out: set[str] = set()
        for gloss in self.cedict.glosses(zh):
            out.update(_gloss_keys(gloss))
        return frozenset(out)

    @lru_cache(maxsize=100_000)  # noqa: B019
    def gloss_sets(self, zh: str) -> tuple[frozenset[str], ...]:
        """The stems of each gloss separately, an abbreviation being a gloss of its own: a
        translation that uses a whole gloss ("artificial intelligence", or "AI") is better
        evidence than one that uses part of one ("intelligence")."""
        out = []
        for gloss in self.cedict.glosses(zh):
            for part in gloss.split(";"):
                # A chemical formula is no rendering ("methanol CH3OH").
                part = " ".join(w for w in part.split() if not any(c.isdigit() for c in w))
                abbrs = {a.lower() for a in _ABBR_IN_GLOSS.findall(part)}
                keys = frozenset(stem(k) for k in _gloss_keys(part) - abbrs if not k.endswith("-"))
                out.extend(frozenset({a}) for a in abbrs)
                if keys:
                    out.append(keys)
        return tuple(out)

    @lru_cache(maxsize=100_000)  # noqa: B019
    def stems(self, zh: str) -> frozenset[str]:
        return frozenset(stem(k) for k in self.keys(zh) if len(k) >= 3)

    @lru_cache(maxsize=50_000)  # noqa: B019
    def rendering(self, zh: str) -> str:
        """The gloss a translator would pick for a term part: nouns before verbs, no notes."""
        best = ""
        for gloss in self.cedict.glosses(zh):
            for part in gloss.split(";"):
                clean = _clean_gloss(part)
                if not clean or len(clean.split()) > 4:
                    continue
                if not clean.startswith("to "):
                    return clean
                if not best:
                    best = clean[3:] if clean.startswith("to ") else clean
        return best

    def frequency(self, zh: str) -> int:
        """How often jieba's general-language corpus has the word (0 when it does not know it)."""
        from termkit.chinese import _jieba

        return _jieba().FREQ.get(zh) or 0

    def is_general(self, zh: str) -> bool:
        """A common word of general language (研究, 方法, 系统), not a term on its own."""
        return self.frequency(zh) >= GENERAL_FREQ

    @lru_cache(maxsize=100_000)  # noqa: B019
    def bound_prefix(self, zh: str) -> bool:
        """A character that English renders as a prefix (多 multi-, 微 micro-, 非 non-)."""
        return len(zh) == 1 and any(k.endswith("-") for k in self.keys(zh))

    @lru_cache(maxsize=50_000)  # noqa: B019
    def verbs(self, zh: str) -> frozenset[str]:
        """The verbs of the "to X" glosses: {consider, think} for 考虑 ("to think over; to consider")."""
        out = set()
        for gloss in self.cedict.glosses(zh):
            for part in gloss.split(";"):
                m = re.match(r"\s*to\s+([a-z]+)", _PAREN.sub(" ", part).strip())
                if m:
                    out.add(word_key(m.group(1)))
        return frozenset(out)

    @lru_cache(maxsize=50_000)  # noqa: B019
    def has_noun_sense(self, zh: str) -> bool:
        """Some gloss names a thing ("lump; chunk" of 块), not only an action ("to follow" of
        随), a classifier, a name or a grammatical use ("varying according to...")."""
        for gloss in self.cedict.glosses(zh):
            for part in gloss.split(";"):
                g = _PAREN.sub(" ", part).strip().lower()
                adverb = " " not in g and g.endswith("ly")
                if g and not g.startswith(_NOT_A_THING) and "..." not in g and not g.endswith("-") and not adverb:
                    return True
        return False

    @lru_cache(maxsize=100_000)  # noqa: B019
    def verb_only(self, zh: str) -> bool:
        """Every gloss is a verb ("to raise; to improve"): the word is not a noun head."""
        glosses = self.cedict.glosses(zh)
        return bool(glosses) and all(g.startswith("to ") for g in glosses)

    # ---- English side

    def is_word(self, word: str) -> bool:
        """An English word (lower case) known to the dictionary's glosses or to simplemma."""
        if word in self._lexicon:
            return True
        return _simplemma_knows(word)


# jieba's dictionary tags words (ICTCLAS tags). Only what alignment needs is kept: words that
# cannot head a term. Anything else - nouns, verbal nouns, unknown words - counts as a noun.
_WORD_CLASSES = {  # bump the cache version in _word_classes when this changes
    "v": "verb", "vd": "verb", "vi": "verb", "vg": "verb", "vq": "verb",
    "a": "adj", "ag": "adj", "b": "adj", "z": "adj", "zg": "adj",
    "d": "adv", "ad": "adv",
    "c": "func", "p": "func", "u": "func", "r": "func", "f": "func", "t": "func", "tg": "func", "y": "func",
    "e": "func", "o": "func", "k": "func",
    "m": "num", "mq": "num", "q": "num",
    "i": "idiom",
}


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, str]:
    import hashlib
    import os
    import pickle

    from termkit.cache import cache_dir
    from termkit.chinese import _jieba

    tok = _jieba()
    source = getattr(tok, "dictionary", None) or "jieba-default"
    try:
        st = os.stat(source) if os.path.exists(str(source)) else None
    except OSError:
        st = None
    key = f"{source}:{st.st_size if st else 0}:{st.st_mtime_ns if st else 0}:2"
    cache = cache_dir() / f"jieba-classes-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"
    try:
        with open(cache, "rb") as fh:
            grouped = pickle.load(fh)
    except Exception:  # absent or stale: rebuild from jieba's dictionary file
        grouped = {}
        with tok.get_dict_file() as fh:
            for raw in fh:
                parts = raw.decode("utf-8").split()
                if len(parts) >= 3 and parts[2] in _WORD_CLASSES:
                    grouped.setdefault(_WORD_CLASSES[parts[2]], []).append(parts[0])
        grouped = {k: "\n".join(v) for k, v in grouped.items()}
        tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as fh:
                pickle.dump(grouped, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except OSError:
            tmp.unlink(missing_ok=True)
    out: dict[str, str] = {}
    for cls, words in grouped.items():
        for w in words.split("\n"):
            out[w] = cls
    return out


def word_class(zh: str) -> str:
    """'noun' (also verbal nouns and unknown words), 'verb', 'adj', 'adv', 'num', 'func' or 'idiom'."""
    return _word_classes().get(zh, "noun")


# A word jieba's corpus counts this often is general vocabulary (研究 35,029; 模型 2,890;
# 负载 174; 方差 84): measured over its 60 million-word frequency list.
GENERAL_FREQ = 2500


@lru_cache(maxsize=200_000)
def _simplemma_knows(word: str) -> bool:
    import simplemma

    return len(word) > 2 and simplemma.is_known(word, lang="en")


_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ABBR_IN_GLOSS = re.compile(r"\(([A-Z][A-Z0-9]{1,7})\)")
_SKIP_GLOSS = ("variant of", "old variant", "archaic variant", "erhua variant", "japanese variant", "cl:",
               "surname ", "abbr. for", "see ", "used in", "taiwan pr.", "also written", "also pr.", "pr. ")


_NOT_A_THING = ("to ", "surname", "classifier", "cl:", "variant", "old variant", "abbr.", "used in", "see ",
                "(after", "(before", "particle", "prefix", "suffix", "(bound form) used in")
_BOUND_PREFIX = re.compile(r"\b([a-z]{2,})-(?=\s|;|,|$)")


def _gloss_keys(gloss: str) -> set[str]:
    if gloss.lower().startswith(_SKIP_GLOSS):
        return set()
    keys = {a.lower() for a in _ABBR_IN_GLOSS.findall(gloss)}
    text = _PAREN.sub(" ", gloss)
    # "micro-", "multi-": a bound prefix matches English words that start with it.
    keys.update(f"{p}-" for p in _BOUND_PREFIX.findall(text))
    for m in re.finditer(r"[A-Za-z]+", text):
        lw = m.group(0).lower()
        if lw not in GLOSS_STOP and len(lw) > 1:
            keys.add(word_key(lw))
        elif len(lw) == 1 and text[m.end():m.end() + 1] == "-":
            keys.add(lw)  # e-commerce, x-ray: the letter is a word of the term
    return keys


def _clean_gloss(gloss: str) -> str:
    g = gloss.strip()
    if not g or g.lower().startswith(_SKIP_GLOSS):
        return ""
    g = _PAREN.sub(" ", g)
    g = re.sub(r"\b(?:sth|sb)\b", " ", g)
    return re.sub(r"\s+", " ", g).strip(" ,.")


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """The process-wide dictionary (CC-CEDICT loads once, from termkit's cache)."""
    return Dictionary()


# ---------------------------------------------------------------- pieces of a Chinese term

_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+.]*")


@dataclass(frozen=True, eq=False)
class Piece:
    """A part of a Chinese term that can carry a translation: a dictionary word, one
    character, or a run of Latin letters (Petri网, Attention机制)."""

    start: int
    end: int
    text: str
    keys: frozenset[str]
    stems: frozenset[str]
    latin: bool = False
    local_sets: tuple[frozenset[str], ...] | None = None  # gloss sets of a document's own pair

    @cached_property
    def sets(self) -> tuple[frozenset[str], ...]:
        """Stems of each complete rendering (see :meth:`Dictionary.gloss_sets`); empty for
        characters and Latin words, which stand for one word each."""
        if self.local_sets is not None:
            return self.local_sets
        if self.latin or self.single:
            return ()
        sets = dictionary().gloss_sets(self.text)
        return sets if any(len(g) > 1 for g in sets) else ()

    @cached_property
    def bound(self) -> tuple[str, ...]:
        """Bound prefixes among the keys, without their hyphen: micro-, multi-."""
        return tuple(k[:-1] for k in self.keys if k.endswith("-"))

    @cached_property
    def long_stems(self) -> tuple[str, ...]:
        """Stems long enough for family matching (see :func:`stems_meet`)."""
        return tuple(s for s in self.stems if len(s) >= 6)

    @cached_property
    def cache_key(self) -> tuple:
        """What a piece's links depend on: its text and where its glosses come from."""
        return (self.text, self.latin, self.local_sets is None)

    @cached_property
    def single(self) -> bool:
        return not self.latin and self.end - self.start == 1

    @property
    def mass(self) -> float:
        """How much of the term this piece is (see :func:`zh_mass`)."""
        return 2.0 if self.latin else zh_mass(self.text, self.start == 0)


@lru_cache(maxsize=100_000)
def term_key_zh(zh: str) -> str:
    """The Chinese form used for matching: simplified, half-width, no quotes or spaces."""
    return re.sub(r"\s+", "", strip_quotes(to_simplified(fold_width(zh))))


@lru_cache(maxsize=50_000)
def pieces(zh: str, max_len: int = 8) -> tuple[Piece, ...]:
    """Every dictionary word, single character and Latin run inside ``zh`` (already folded)."""
    d = dictionary()
    out: list[Piece] = []
    n = len(zh)
    i = 0
    latin_spans = {m.start(): m for m in _LATIN_RUN.finditer(zh)}
    while i < n:
        m = latin_spans.get(i)
        if m is not None:
            word = m.group(0).lower().rstrip(".")
            out.append(Piece(m.start(), m.end(), m.group(0), frozenset({word, word_key(word)}),
                             frozenset({stem(word)}), latin=True))
            i = m.end()
            continue
        if is_han(zh[i]):
            if zh[i] in _NEGATION and i + 1 < n:
                # 不确定 -> uncertain, 非嵌入式 -> non-intrusive: negation is an English prefix.
                for j in range(i + 2, min(n, i + max_len) + 1):
                    rest = zh[i + 1:j]
                    if rest in d and d.keys(rest):
                        keys = frozenset(pre + k for k in d.keys(rest) for pre in _NEGATION[zh[i]])
                        out.append(Piece(i, j, zh[i:j], keys, frozenset(stem(k) for k in keys)))
            for j in range(i + 1, min(n, i + max_len) + 1):
                sub = zh[i:j]
                if not all(is_han(c) for c in sub):
                    break
                if j - i == 1 or sub in d:
                    keys = d.keys(sub)
                    if keys:
                        out.append(Piece(i, j, sub, keys, d.stems(sub)))
        i += 1
    return tuple(out)


_NEGATION = {"不": ("un", "in", "im", "non", "dis"), "非": ("non", "un", "in"), "无": ("un", "non"),
             "未": ("un",), "反": ("anti", "counter")}
# Suffixes that English writes as a word ending (-ity, -ize, -type), not as a word: they
# weigh half in a term, so 不确定性 is not a poor match for "uncertainty".
LIGHT_SUFFIXES = frozenset("性化")


@lru_cache(maxsize=100_000)
def char_masses(zh: str) -> tuple[float, ...]:
    """The mass of each character of a term (see :func:`zh_mass`); a Latin word's two is
    spread over its letters, punctuation weighs nothing."""
    out = [0.0] * len(zh)
    for k, c in enumerate(zh):
        if is_han(c):
            out[k] = 0.5 if c in LIGHT_SUFFIXES and k > 0 else 1.0
    for m in _LATIN_RUN.finditer(zh):
        for k in range(m.start(), m.end()):
            out[k] = 2.0 / (m.end() - m.start())
    return tuple(out)


@lru_cache(maxsize=100_000)
def zh_mass(zh: str, initial: bool = True) -> float:
    """The total mass of a term: Han characters (light suffixes half) plus two per Latin word."""
    han = sum(0.5 if c in LIGHT_SUFFIXES and (k > 0 or not initial) else 1.0
              for k, c in enumerate(zh) if is_han(c))
    return han + 2.0 * len(_LATIN_RUN.findall(zh))


def compose_rendering(zh: str) -> str:
    """A word-for-word rendering from the dictionary (数据治理 -> "data governance"), for
    suggestions in messages; empty when some part has no gloss."""
    d = dictionary()
    key = term_key_zh(zh)
    if not key:
        return ""
    whole = d.rendering(key)
    if whole:
        return whole
    from termkit.chinese import segment

    parts = []
    for seg in segment(key):
        if _LATIN_RUN.fullmatch(seg):
            parts.append(seg)
            continue
        r = d.rendering(seg)
        if not r:
            return ""
        parts.append(r)
    return " ".join(parts)
