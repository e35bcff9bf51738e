"""Look terms up by Chinese, English or pinyin, exactly or fuzzily, over the compiled index.

What a query can be, and the score a hit gets (best first; a hit shows why it matched):

=====================================  ==========  ==========================================
query                                  match       score
=====================================  ==========  ==========================================
the term itself (width, quotes, case,  exact       100; 99 through traditional -> simplified
spaces, hyphens folded)                            or an inflection (standards -> standard)
pinyin: tone marks, tone numbers,      pinyin      96 (97 when typed tones agree, 90 when not)
none, ü as v or u:
syllable initials (rfzl)               initials    92
the start of a term (治理 -> 治理体系,  prefix      70-90, more for a larger share of the term
ruanf -> ruǎnfǎ)
a fragment (治理 -> 软法治理)          contains    50-70, likewise
Chinese typed through pinyin with the  homophone   0.9 x similarity (sounds the same)
wrong character (人工只能)
typos, near-homophones, near-forms     fuzzy       0.9 x similarity, shown above 75 %
=====================================  ==========  ==========================================

Fuzzy matching runs when nothing else matched (or when asked). Its similarity is rapidfuzz's
``ratio`` (normalized Indel) between folded keys; for a Chinese query it is the better of the
characters' similarity and 0.95 x the similarity of the toneless pinyin, so a slip of the
input method (地源政治 -> 地缘政治, 人工只能 -> 人工智能) scores as what it is: the right sound
with the wrong character. Candidates come from n-gram posting lists, rarest n-grams first,
so only a few thousand keys are scored rather than the whole glossary.

Nothing here imports jieba, pypinyin or simplemma: the index carries character readings,
the syllable table and English inflected forms. OpenCC loads only for a query that has
Chinese characters, rapidfuzz only when fuzzy matching runs.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from termkit.errors import GlossaryError, UsageError
from termkit.index import Index, open_index, trigrams
from termkit.normalize import fold_en, fold_width, fold_zh, has_han, strip_quotes, to_simplified
from termkit.pinyin import Token, fuzzy_syllable, parse_pinyin, split_tone

# Similarity (0-100) a fuzzy candidate needs to be shown.
FUZZY_CUTOFF = 75.0
# The pinyin of a Chinese query counts a little less than its characters: a homophone is
# a slip, the same characters are the term.
PINYIN_WEIGHT = 0.95
# Fuzzy hits rank below exact, pinyin and most prefix hits.
FUZZY_SCALE = 0.9
# How many keys the rarest n-grams may bring in for scoring, per query key.
CANDIDATE_BUDGET = 3000
# Range queries stop after this many rows: a one-letter prefix matches half the glossary.
_RANGE_ROWS = 3000
# Readings of a Chinese query tried at once (heteronyms multiply).
_MAX_READINGS = 16

_TOP = "\U0010ffff"


@dataclass
class Hit:
    """One entry that answers a query, with the term that matched and why."""

    id: str
    zh: str
    en: str
    pinyin: str
    score: float
    match: str  # exact | pinyin | initials | prefix | contains | homophone | fuzzy | dictionary
    why: str
    term: str  # the term that matched, which may be a variant or a deprecated term
    status: str  # that term's status: preferred | admitted | deprecated
    variants: dict[str, list[str]] = field(default_factory=dict)
    deprecated: dict[str, list[str]] = field(default_factory=dict)
    reviewed: bool = False
    definition: str = ""
    note: str = ""
    subject: str = ""
    file: str | None = None
    line: int | None = None
    source: str = "glossary"  # "glossary", or "CC-CEDICT" for a dictionary gloss

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class QueryResult:
    """The hits of one query, best first, and how many there were before ``limit``."""

    query: str
    hits: list[Hit]
    total: int
    fuzzy: bool = False  # whether fuzzy matching ran


@dataclass
class _Match:
    entry: int
    score: float
    match: str
    why: str
    term: str
    status: str


def lookup(queries: Iterable[str], glossary_paths: Sequence[str | os.PathLike] | None = None, *,
           fuzzy: bool | None = None, limit: int | None = 10, dictionary: bool = False) -> list[QueryResult]:
    """Look each query up in the glossaries (default: -g, $TERMKIT_GLOSSARY, ./glossary/).

    ``fuzzy``: None runs fuzzy matching only for a query nothing else matched, True always,
    False never. ``limit`` caps the hits per query (None or 0: all). ``dictionary`` adds
    CC-CEDICT glosses for a query the glossary has no exact answer for.
    """
    searcher = Searcher(glossary_paths)
    try:
        return [searcher.search(q, fuzzy=fuzzy, limit=limit, dictionary=dictionary) for q in queries]
    finally:
        searcher.close()


def resolve_glossaries(given: Sequence[str | os.PathLike] | None) -> list[Path]:
    """The glossary files to search: -g paths, else $TERMKIT_GLOSSARY, else ./glossary/."""
    from termkit.glossary import default_glossary_paths, glossary_files

    paths = default_glossary_paths([str(p) for p in given or ()])
    if not given and not os.environ.get("TERMKIT_GLOSSARY") and not Path(paths[0]).exists():
        raise GlossaryError("no glossary here: there is no ./glossary/ folder; name one with -g PATH "
                            "or set TERMKIT_GLOSSARY", paths[0])
    files = glossary_files(paths)
    if not files:
        raise GlossaryError("no glossary files (*.toml) in " + ", ".join(paths)
                            + "; create one with 'termkit extract' or name another with -g PATH")
    return files


class Searcher:
    """An open index answering many queries; :func:`lookup` is the one-shot form."""

    def __init__(self, glossary_paths: Sequence[str | os.PathLike] | None = None):
        self.files = resolve_glossaries(glossary_paths)
        self.index: Index = open_index(self.files)
        self._cedict = None

    def close(self) -> None:
        self.index.close()

    # ------------------------------------------------------------------ one query

    def search(self, query: str, *, fuzzy: bool | None = None, limit: int | None = 10,
               dictionary: bool = False) -> QueryResult:
        """All hits of one query, best first."""
        text = _clean_query(query)
        found: dict[int, _Match] = {}
        if text:
            if has_han(text):
                self._chinese(text, found)
            else:
                self._english(text, found)
                self._pinyin(text, found)
        ran_fuzzy = bool(text) and (fuzzy is True or (fuzzy is None and not found))
        if ran_fuzzy:
            for m in self.fuzzy(text):
                _keep(found, m)
        hits = self._hits(found)
        if dictionary and text and not any(h.match in ("exact", "pinyin", "initials") for h in hits):
            hits.extend(self._dictionary(text, limit))
        total = len(hits)
        if limit:
            hits = hits[:limit]
        return QueryResult(query=query, hits=hits, total=total, fuzzy=ran_fuzzy)

    # ------------------------------------------------------------------ Chinese

    def _chinese(self, text: str, found: dict[int, _Match]) -> None:
        key = fold_zh(text)
        phrase_key = fold_zh(to_simplified(text, phrases=True))
        sql = self.index.conn.execute
        keys = [key] if phrase_key == key else [key, phrase_key]
        for entry, status, term, fold in sql(
                f"SELECT entry, status, term, fold FROM zh WHERE fold IN ({','.join('?' * len(keys))})", keys):
            if fold == key and fold_zh(term) == key and _same_script(text, term):
                _keep(found, _Match(entry, 100.0, "exact", _status_why("Chinese term", status), term, status))
            else:
                why = f"traditional {text} = {fold}" if fold != key else f"{text} = {term} (traditional/simplified)"
                _keep(found, _Match(entry, 99.0, "exact", _status_why(why, status), term, status))
        for k in keys:
            for entry, status, term, fold in sql(
                    "SELECT entry, status, term, fold FROM zh WHERE fold > ? AND fold < ? LIMIT ?",
                    (k, k + _TOP, _RANGE_ROWS)):
                share = len(k) / len(fold)
                _keep(found, _Match(entry, 70 + 20 * share, "prefix", _status_why(f"starts with {k}", status),
                                    term, status))
            self._contains_zh(k, found)

    def _contains_zh(self, key: str, found: dict[int, _Match]) -> None:
        grams = [key] if len(key) == 1 else [key[i:i + 2] for i in range(len(key) - 1)]
        lists = self.index.postings("z1" if len(key) == 1 else "z2", grams)
        if len(lists) < len(set(grams)):
            return
        rows = set.intersection(*(set(ids) for ids in sorted(lists.values(), key=len)))
        if not rows:
            return
        rows_sql = sorted(r + 1 for r in rows)
        for start in range(0, len(rows_sql), 900):
            chunk = rows_sql[start:start + 900]
            for entry, status, term, fold in self.index.conn.execute(
                    f"SELECT entry, status, term, fold FROM zh WHERE no IN ({','.join('?' * len(chunk))})", chunk):
                if key in fold and not fold.startswith(key):
                    share = len(key) / len(fold)
                    _keep(found, _Match(entry, 50 + 20 * share, "contains", _status_why(f"contains {key}", status),
                                        term, status))

    # ------------------------------------------------------------------ English

    def _english(self, text: str, found: dict[int, _Match]) -> None:
        key = fold_en(text)
        if not key:
            return
        words = key.split()
        forms = self.index.forms(words)
        lemma_key = " ".join(forms.get(w, w) for w in words)
        sql = self.index.conn.execute
        for entry, status, term, fold in sql(
                "SELECT entry, status, term, fold FROM en WHERE fold = ? OR lemma = ?", (key, lemma_key)):
            if fold == key:
                _keep(found, _Match(entry, 100.0, "exact", _status_why("English term", status), term, status))
            else:
                why = f"same lemma: {key} ~ {fold}"
                _keep(found, _Match(entry, 99.0, "exact", _status_why(why, status), term, status))
        for entry, status, term, fold in sql(
                "SELECT entry, status, term, fold FROM en WHERE fold > ? AND fold < ? LIMIT ?",
                (key, key + _TOP, _RANGE_ROWS)):
            share = len(key) / len(fold)
            _keep(found, _Match(entry, 70 + 20 * share, "prefix", _status_why(f"starts with '{key}'", status),
                                term, status))
        lemma_words = lemma_key.split()
        lists = self.index.postings("ew", lemma_words)
        if len(lists) < len(set(lemma_words)):
            return
        rows = sorted(set.intersection(*(set(ids) for ids in sorted(lists.values(), key=len))))
        needle = f" {lemma_key} "
        for start in range(0, len(rows), 900):
            chunk = rows[start:start + 900]
            for entry, status, term, fold, lem in sql(
                    f"SELECT entry, status, term, fold, lemma FROM en WHERE no IN ({','.join('?' * len(chunk))})",
                    chunk):
                if needle in f" {lem} " and lem != lemma_key and not fold.startswith(key):
                    share = len(lemma_words) / len(lem.split())
                    _keep(found, _Match(entry, 50 + 20 * share, "contains",
                                        _status_why(f"contains '{lemma_key}'", status), term, status))

    # ------------------------------------------------------------------ pinyin

    def _pinyin(self, text: str, found: dict[int, _Match]) -> None:
        segmentations = parse_pinyin(text, self.index.syllables)
        sql = self.index.conn.execute
        for tokens in segmentations:
            if all(t.full for t in tokens[:-1]):
                # Whole syllables, the last perhaps unfinished: the toneless spelling is a prefix.
                plain = "".join(t.text for t in tokens)
                rows = sql("SELECT entry, syllables FROM py WHERE plain >= ? AND plain < ? LIMIT ?",
                           (plain, plain + "{", _RANGE_ROWS))
            else:
                initials = "".join(t.text[0] for t in tokens)
                rows = sql("SELECT entry, syllables FROM py WHERE initials >= ? AND initials < ? LIMIT ?",
                           (initials, initials + "{", _RANGE_ROWS))
            for entry, syllables in rows:
                m = _match_syllables(tokens, syllables)
                if m is not None:
                    score, kind, why = m
                    _keep(found, _Match(entry, score, kind, why, "", ""))

    # ------------------------------------------------------------------ fuzzy

    def fuzzy(self, text: str) -> list[_Match]:
        """Fuzzy matches of a cleaned query: typos, near-forms, homophones and near-homophones."""
        text = _clean_query(text)
        if not text:
            return []
        if has_han(text):
            return self._fuzzy_chinese(text)
        found: dict[int, _Match] = {}
        key = fold_en(text)
        if len(key) >= 3:
            for entry, sim, term in self._fuzzy_keys("en", "e3", key):
                _keep(found, _Match(entry, FUZZY_SCALE * sim, "fuzzy",
                                    f"spelled like '{term}' ({sim:.0f}% similar)", term, ""))
        plain = _pinyin_letters(text)
        if plain and len(plain) >= 4 and parse_pinyin(text, self.index.syllables):
            for entry, sim, key_ in self._fuzzy_keys("py", "p3", plain):
                _keep(found, _Match(entry, FUZZY_SCALE * sim * PINYIN_WEIGHT, "fuzzy",
                                    f"pinyin like {key_} ({sim:.0f}% similar)", "", ""))
        return list(found.values())

    def _candidates(self, kind: str, grams: Iterable[str], budget: int = CANDIDATE_BUDGET) -> set[int]:
        """Keys sharing the query's rarest n-grams, up to about ``budget`` of them."""
        lists = sorted(self.index.postings(kind, grams).values(), key=len)
        out: set[int] = set()
        for ids in lists:
            if out and len(out) + len(ids) > budget:
                break
            out.update(ids)
        return out

    def _fuzzy_keys(self, table: str, kind: str, key: str) -> list[tuple[int, float, str]]:
        """(entry, similarity, key) for keys of ``table`` similar to ``key``."""
        from rapidfuzz import fuzz, process

        keys = self.index.keys(table)
        cands = sorted(self._candidates(kind, trigrams(key)))
        scored = process.extract(key, [keys[i] for i in cands], scorer=fuzz.ratio,
                                 score_cutoff=FUZZY_CUTOFF, limit=None)
        if not scored:
            return []
        best = {k: s for k, s, _i in scored}
        column = "fold" if table == "en" else "plain"
        out = []
        names = sorted(best)
        for start in range(0, len(names), 900):
            chunk = names[start:start + 900]
            for entry, k in self.index.conn.execute(
                    f"SELECT entry, {column} FROM {table} WHERE {column} IN ({','.join('?' * len(chunk))})", chunk):
                out.append((entry, best[k], k))
        return out

    def query_readings(self, text: str) -> list[str]:
        """Toneless pinyin spellings of a Chinese query, from the index's character readings."""
        key = fold_zh(text)
        table = self.index.readings(key)
        options = [sorted({r for r, _t in table[c]}, key=[r for r, _t in table[c]].index) if c in table else [c]
                   for c in key]
        combos = itertools.islice(itertools.product(*options), _MAX_READINGS)
        return ["".join(c) for c in combos]

    def _fuzzy_chinese(self, text: str) -> list[_Match]:
        from rapidfuzz import fuzz, process

        key = fold_zh(to_simplified(text, phrases=True))
        found: dict[int, _Match] = {}
        # Characters: terms sharing the query's rarer characters.
        zh_keys = self.index.keys("zh")
        owners = self.index.zh_owners()
        rows = sorted(self._candidates("z1", set(key)))
        for _k, sim, i in process.extract(key, [zh_keys[r] for r in rows], scorer=fuzz.ratio,
                                          score_cutoff=FUZZY_CUTOFF, limit=None):
            r = rows[i]
            _keep(found, _Match(owners[r], FUZZY_SCALE * sim, "fuzzy",
                                f"written like {zh_keys[r]} ({sim:.0f}% similar)", "", ""))
        # Sound: terms whose toneless pinyin is like one of the query's readings.
        spellings = self.query_readings(key)
        py_keys = self.index.keys("py")
        cands: set[int] = set()
        for spelling in spellings:
            cands |= self._candidates("p3", trigrams(spelling))
        cand_list = sorted(cands)
        choices = [py_keys[i] for i in cand_list]
        best: dict[str, tuple[float, str]] = {}
        for spelling in spellings:
            for k, sim, _i in process.extract(spelling, choices, scorer=fuzz.ratio,
                                              score_cutoff=FUZZY_CUTOFF / PINYIN_WEIGHT, limit=None):
                if k not in best or sim > best[k][0]:
                    best[k] = (sim, spelling)
        names = sorted(best)
        for start in range(0, len(names), 900):
            chunk = names[start:start + 900]
            for entry, plain, fuzzy_key in self.index.conn.execute(
                    f"SELECT entry, plain, fuzzy FROM py WHERE plain IN ({','.join('?' * len(chunk))})", chunk):
                sim, spelling = best[plain]
                if sim == 100:
                    kind, why = "homophone", f"sounds the same: {spelling}"
                elif fuzzy_key == _fuzzy_spelling(spelling, self.index.syllables):
                    kind, why = "fuzzy", f"sounds alike: {spelling} ~ {plain} (near-homophone)"
                else:
                    kind, why = "fuzzy", f"sounds like {plain} ({sim:.0f}% similar pinyin)"
                _keep(found, _Match(entry, FUZZY_SCALE * PINYIN_WEIGHT * sim, kind, why, "", ""))
        return list(found.values())

    # ------------------------------------------------------------------ results

    def _hits(self, found: dict[int, _Match]) -> list[Hit]:
        data = self.index.entries(found)
        hits = []
        for no, m in found.items():
            d = data[no]
            term, status, why = m.term, m.status, m.why
            if not term:
                term, status = (d.get("zh") or d.get("en", "")), "preferred"
            if status == "deprecated":
                lang = "zh" if has_han(term) else "en"
                why += f"; {term!r} is deprecated: use {d.get(lang) or d.get('zh') or d.get('en')!r}"
            hits.append(Hit(
                id=d["id"], zh=d.get("zh", ""), en=d.get("en", ""), pinyin=d.get("pinyin", ""),
                score=round(min(m.score, 100.0), 1), match=m.match, why=why, term=term, status=status,
                variants=d.get("variants", {}), deprecated=d.get("deprecated", {}),
                reviewed=bool(d.get("reviewed")), definition=d.get("definition", ""), note=d.get("note", ""),
                subject=d.get("subject", ""), file=_display_path(d.get("file")), line=d.get("line"),
            ))
        hits.sort(key=lambda h: (-h.score, _KIND_ORDER.get(h.match, 9), len(h.term), h.term, h.file or "",
                                 h.line or 0, h.id))
        return hits

    def _dictionary(self, text: str, limit: int | None) -> list[Hit]:
        from termkit.cedict import load_cedict

        if self._cedict is None:
            self._cedict = load_cedict()
        return dictionary_hits(self._cedict, text, limit or 10)


_KIND_ORDER = {"exact": 0, "pinyin": 1, "initials": 2, "prefix": 3, "contains": 4, "homophone": 5, "fuzzy": 6}


def _keep(found: dict[int, _Match], m: _Match) -> None:
    """Keep the best match per entry."""
    old = found.get(m.entry)
    if old is None or m.score > old.score:
        found[m.entry] = m


def _clean_query(query: str) -> str:
    """Full-width to half-width, no quotation marks, single spaces."""
    return " ".join(strip_quotes(fold_width(query)).split())


def _same_script(query: str, term: str) -> bool:
    return strip_quotes(fold_width(query)).replace(" ", "") == strip_quotes(fold_width(term)).replace(" ", "")


def _status_why(why: str, status: str) -> str:
    if status == "admitted":
        return f"{why} (admitted variant)"
    return why


def _display_path(path: str | None) -> str | None:
    if path is None:
        return None
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def _pinyin_letters(text: str) -> str:
    """A pinyin query's letters without tones, separators or tone digits (ü as v)."""
    out = []
    for word in text.split():
        plain, _tone = split_tone(word)
        out.append("".join(c for c in plain.replace("u:", "v") if c.isalpha()))
    return "".join(out)


def _fuzzy_spelling(spelling: str, syllables: frozenset[str]) -> str:
    parsed = parse_pinyin(spelling, syllables, partial=False, limit=1)
    return "".join(fuzzy_syllable(t.text) for t in parsed[0]) if parsed else spelling


def _match_syllables(tokens: tuple[Token, ...], syllables: str) -> tuple[float, str, str] | None:
    """Score a typed segmentation against a term's syllables ("ruan3 fa3 zhi4 li3"), or None."""
    syls = [(s[:-1], int(s[-1])) for s in syllables.split()]
    if len(tokens) > len(syls):
        return None
    tone_typed = tone_wrong = 0
    for t, (syl, tone) in zip(tokens, syls, strict=False):
        if not t.matches(syl):
            return None
        if t.tone is not None and tone:
            tone_typed += 1
            tone_wrong += t.tone != tone
    from termkit.chinese import numbered_to_marked

    shown = " ".join(numbered_to_marked(f"{s.replace('v', 'ü')}{t}") for s, t in syls)
    typed = " ".join(t.text + ("" if t.full else "…") for t in tokens)
    whole = all(t.full for t in tokens)
    if len(tokens) == len(syls) and whole:
        if tone_wrong:
            return 90.0, "pinyin", f"pinyin {shown} (other tones)"
        return (97.0 if tone_typed else 96.0), "pinyin", f"pinyin {shown}"
    if len(tokens) == len(syls) and all(t.full or len(t.text) <= 2 for t in tokens):
        return 92.0, "initials", f"initials {''.join(t.text for t in tokens)} of {shown}"
    share = len(tokens) / len(syls)
    penalty = 5.0 if tone_wrong else 0.0
    return 70 + 20 * share - penalty, "prefix", f"pinyin {typed} of {shown}"


# --------------------------------------------------------------------------- CC-CEDICT


def dictionary_hits(cedict, text: str, limit: int = 10) -> list[Hit]:
    """CC-CEDICT entries for a query the glossary cannot answer, marked as dictionary glosses.

    A Chinese query is looked up as a headword (simplified or traditional), else split into
    the longest headwords it contains; an English query finds entries with that gloss.
    """
    text = _clean_query(text)
    found = []
    if has_han(text):
        word = text.replace(" ", "")
        entries = cedict.lookup(word) or cedict.lookup(to_simplified(word, phrases=True))
        if entries:
            found = [(e, f"CC-CEDICT headword {word}") for e in entries]
        else:
            for part in _longest_words(cedict, word):
                found.extend((e, f"CC-CEDICT: {part}, a part of {word}") for e in cedict.lookup(part))
    else:
        key = fold_en(text)
        if key:
            found = [(cedict.entry(i), f"CC-CEDICT gloss '{key}'") for i in _gloss_lines(cedict, key)]
    hits = []
    for e, why in found[:limit]:
        hits.append(Hit(
            id=f"cedict:{e.simplified}", zh=e.simplified, en="; ".join(e.glosses), pinyin=_marked(e.pinyin),
            score=0.0, match="dictionary", why=why + " (dictionary gloss, not a glossary term)",
            term=e.simplified, status="", variants={"zh": [e.traditional]} if e.traditional != e.simplified else {},
            source="CC-CEDICT",
        ))
    return hits


def _marked(numbered: str) -> str:
    from termkit.chinese import join_syllables, numbered_to_marked

    return join_syllables(numbered_to_marked(s) for s in numbered.split())


def _longest_words(cedict, text: str) -> list[str]:
    """Split Chinese text into the longest CC-CEDICT headwords, left to right."""
    out, i = [], 0
    while i < len(text):
        j = next((j for j in range(min(len(text), i + 8), i + 1, -1) if text[i:j] in cedict), i + 1)
        if text[i:j] in cedict:
            out.append(text[i:j])
        i = j
    return out


def _gloss_lines(cedict, key: str) -> list[int]:
    """Lines with a gloss equal to ``key`` (folded), then lines with a gloss containing it."""
    exact, partial = [], []
    needle = key.casefold()
    for i, line in enumerate(cedict.lines):
        glosses = line.split("/")[1:-1]
        folded = [fold_en(g) for g in glosses if needle in g.casefold()]
        if not folded:
            continue
        if needle in folded:
            exact.append(i)
        elif any(f" {needle} " in f" {g} " for g in folded):
            partial.append(i)
    return exact + partial


def check_limit(limit: int) -> int | None:
    if limit < 0:
        raise UsageError(f"--limit must be 0 (no limit) or more, not {limit}")
    return limit or None
