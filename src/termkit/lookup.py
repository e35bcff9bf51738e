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
``ratio`` (normalized Indel) between folded keys, shown when it is at least FUZZY_CUTOFF and
within FUZZY_BAND of the best fuzzy match, as a spelling checker's suggestions are. For a
Chinese query the characters are compared, and the sound too: terms whose toneless pinyin is
one of the query's readings (homophones: the input-method slip 人工只能 -> 人工智能) or equal
after folding zh/z, n/l, -ng/-n (near-homophones) come straight from indexed columns.
Spelling candidates come from posting lists of n-grams (see :mod:`termkit.candidates`):
keys are sorted by length, a list is cut to the lengths that can reach the cutoff, and for
each length only the lists of a few spread-out, rare n-grams are read, of which a match must
share two. The keys one slip away from the query come first; their best score bounds the
rest. Typically a few hundred keys are scored rather than the whole glossary, and none that
can reach the cutoff is left out.

Nothing here imports jieba, pypinyin or simplemma: the index carries character readings,
the syllable table and English inflected forms. OpenCC loads only for a query that has
Chinese characters, rapidfuzz only when fuzzy matching runs.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from termkit.candidates import GramFilter
from termkit.errors import GlossaryError, UsageError
from termkit.index import Index, KeyList, open_index, trigrams
from termkit.normalize import fold_en, fold_width, fold_zh, has_han, strip_quotes, to_simplified
from termkit.pinyin import Token, fuzzy_syllable, parse_pinyin, split_tone

# Similarity (0-100) a fuzzy candidate needs to be shown, and how far below the best fuzzy
# match it may be.
FUZZY_CUTOFF = 75.0
FUZZY_BAND = 10.0
# The pinyin of a Chinese query counts a little less than its characters: a homophone is
# a slip, the same characters are the term.
PINYIN_WEIGHT = 0.95
# Fuzzy hits rank below exact, pinyin and most prefix hits.
FUZZY_SCALE = 0.9
# Range queries stop after this many rows: a one-letter prefix matches half the glossary.
_RANGE_ROWS = 3000
# Readings of a Chinese query tried at once (heteronyms multiply; commonest readings first).
_MAX_READINGS = 4

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
            self._prefix("zh", k, f"starts with {k}", found)
            self._contains_zh(k, found)

    def _prefix(self, table: str, key: str, why: str, found: dict[int, _Match]) -> None:
        """Terms of ``table`` that start with folded ``key``: 70-90, more for a larger share."""
        for entry, status, term, fold in self.index.conn.execute(
                f"SELECT entry, status, term, fold FROM {table} WHERE fold > ? AND fold < ? LIMIT ?",
                (key, key + _TOP, _RANGE_ROWS)):
            share = len(key) / len(fold)
            _keep(found, _Match(entry, 70 + 20 * share, "prefix", _status_why(why, status), term, status))

    def _contains_zh(self, key: str, found: dict[int, _Match]) -> None:
        grams = set(key)
        lists = self.index.postings("z1", grams)
        if len(lists) < len(grams):
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
        self._prefix("en", key, f"starts with '{key}'", found)
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

    def fuzzy(self, text: str, *, exhaustive: bool = False) -> list[_Match]:
        """Fuzzy matches of a query: typos, near-forms, homophones and near-homophones.

        Only keys that can reach the cutoff are scored: those of a compatible length that
        share enough of the query's n-grams (see :meth:`_spelling_hits`), and for a Chinese
        query the terms that sound the same or alike, looked up by their indexed pinyin.
        ``exhaustive`` scores every key instead: the brute force the benchmark compares with.
        """
        text = _clean_query(text)
        found: dict[int, _Match] = {}

        def keep(entry: int, score: float, kind: str, why: str) -> None:
            old = found.get(entry)
            if old is None or score > old.score:
                found[entry] = _Match(entry, score, kind, why, "", "")

        if text and has_han(text):
            # Sound first: a homophone scores high, which lets the spelling search skip more.
            for entry, sim, kind, why in self._sound(fold_zh(to_simplified(text, phrases=True)), exhaustive):
                keep(entry, FUZZY_SCALE * PINYIN_WEIGHT * sim, kind, why)
        for table, spelling, weight in self._fuzzy_plan(text):
            floor = FUZZY_CUTOFF
            if found and not exhaustive:
                best = max(m.score for m in found.values())
                floor = max(floor, (best - FUZZY_SCALE * FUZZY_BAND) / (FUZZY_SCALE * weight))
            for entry, sim, key in self._fuzzy_keys(table, spelling, exhaustive, floor):
                keep(entry, FUZZY_SCALE * weight * sim, *self._fuzzy_why(table, spelling, key, sim))
        if not found:
            return []
        # Like a spelling checker's suggestions: the close competitors of the best match, not
        # everything above the floor ("hardly" for "harldy", not "hard" and "hearty").
        floor = max(m.score for m in found.values()) - FUZZY_SCALE * FUZZY_BAND
        return [m for m in found.values() if m.score >= floor]

    def _fuzzy_plan(self, text: str) -> list[tuple[str, str, float]]:
        """What to compare by spelling: (table, query key, weight) per reading of the query."""
        if not text:
            return []
        if has_han(text):
            return [("zh", fold_zh(to_simplified(text, phrases=True)), 1.0)]
        plan = []
        key = fold_en(text)
        if len(key) >= 3:
            plan.append(("en", key, 1.0))
        # Mistyped pinyin may no longer parse (jiangaun), so any run of letters is compared;
        # one or two syllables are too short to tell a slip from another word.
        plain = _pinyin_letters(text)
        if len(plain) >= 6 and plain.isascii():
            plan.append(("py", plain, PINYIN_WEIGHT))
        return plan

    def _fuzzy_why(self, table: str, spelling: str, key: str, sim: float) -> tuple[str, str]:
        if table == "en":
            return "fuzzy", f"spelled like '{key}' ({sim:.0f}% similar)"
        if table == "zh":
            return "fuzzy", f"written like {key} ({sim:.0f}% similar)"
        return "fuzzy", f"pinyin like {key} ({sim:.0f}% similar)"

    def _sound(self, key: str, exhaustive: bool = False) -> list[tuple[int, float, str, str]]:
        """Terms that sound like Chinese ``key``: the same toneless pinyin (homophones, the
        input-method slip 人工只能 for 人工智能) or the same after folding zh/z, n/l, -ng/-n
        (near-homophones). (entry, similarity of the pinyin, kind, why)."""
        from rapidfuzz import fuzz, process

        readings = self.query_readings(key)
        folded = sorted({_fuzzy_spelling(r, self.index.syllables) for r in readings})
        if exhaustive:
            same = sorted({k for r in readings for k, _s, _i in process.extract(
                r, self.index.keys("py"), scorer=fuzz.ratio, score_cutoff=100, limit=None)})
            alike = sorted({k for f in folded for k, _s, _i in process.extract(
                f, self.index.keys("pyfuzzy"), scorer=fuzz.ratio, score_cutoff=100, limit=None)})
        else:
            same, alike = readings, folded
        if not same and not alike:
            return []
        rows = self.index.conn.execute(
            f"SELECT entry, plain FROM py WHERE plain IN ({','.join('?' * len(same))}) "
            f"OR fuzzy IN ({','.join('?' * len(alike))})", [*same, *alike])
        out = []
        for entry, plain in rows:
            if plain in readings:
                out.append((entry, 100.0, "homophone", f"sounds the same: {plain}"))
                continue
            sim, reading = max((fuzz.ratio(r, plain), r) for r in readings)
            if sim >= FUZZY_CUTOFF:
                out.append((entry, sim, "fuzzy", f"sounds alike: {reading} ~ {plain} (near-homophone)"))
        return out

    def _spelling_hits(self, table: str, key: str, keys: KeyList, floor: float) -> list[tuple[int, float]]:
        """(position in ``keys``, similarity) of every key of ``table`` within FUZZY_BAND of
        the best match and at ``floor`` or above, without scoring the whole table.

        Chinese is compared by characters, English and pinyin by padded trigrams; their
        posting lists give every key that can reach a cutoff (see :mod:`termkit.candidates`).
        The keys one slip away from the query (or, without any, a pass at a high cutoff)
        give a best match cheaply; FUZZY_BAND below it nothing is shown, so the full pass
        needs only that cutoff. No key that can reach the floor is left out.
        """
        from rapidfuzz import fuzz, process

        q = 1 if table == "zh" else 3
        grams = list(key) if q == 1 else trigrams(key)
        kind = _GRAMS[table]
        grams_filter = GramFilter(grams, q, self.index.posting_sizes(kind, grams),
                                  lambda wanted: self.index.postings(kind, wanted), self.index.length_starts(table))

        def score(found: tuple[set[int], list[tuple[int, int]]], cutoff: float) -> list[tuple[int, float]]:
            cands, scans = found
            positions = sorted(cands)
            hits = []
            if positions:
                hits = [(positions[i], sim) for _k, sim, i in process.extract(
                    key, keys.pick(positions), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)]
            for start, end in scans:
                hits.extend((start + i, sim) for _k, sim, i in process.extract(
                    key, keys.span(start, end), scorer=fuzz.ratio, score_cutoff=cutoff, limit=None))
            return hits

        weight = PINYIN_WEIGHT if table == "py" else 1.0
        if not grams_filter.spans(floor):
            return []  # no key can share enough n-grams
        # A typo is usually one slip (a letter left out, added, swapped or replaced): the
        # keys one slip away are few and cheap to find, and the best of them bounds what is
        # shown. Without one, a pass at a high cutoff finds the best of the close keys.
        hits, complete = score(grams_filter.one_slip(), floor), 101.0
        if not hits:
            complete = max(floor, min(_PROBE_CUTOFF, 100 * (len(key) - 1) / len(key)))
            if complete > floor:
                hits = score(grams_filter.candidates(complete), complete)
            if not hits:
                return score(grams_filter.candidates(floor), floor)
        cutoff = max(floor, max(sim for _i, sim in hits) - FUZZY_BAND / weight)
        if cutoff >= complete:  # every key down to the cutoff is among the hits already
            return [h for h in hits if h[1] >= cutoff]
        return score(grams_filter.candidates(cutoff), cutoff)

    def _fuzzy_keys(self, table: str, key: str, exhaustive: bool = False,
                    floor: float = FUZZY_CUTOFF) -> list[tuple[int, float, str]]:
        """(entry, similarity, key) for the keys of ``table`` with ``ratio >= floor`` to ``key``."""
        from rapidfuzz import fuzz, process

        if exhaustive:
            scored = process.extract(key, self.index.keys(table), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                                     limit=None)
            hits = [(i, sim) for _k, sim, i in scored]
        else:
            hits = self._spelling_hits(table, key, self.index.key_list(table), floor)
        matched = self.index.key_list(table).pick([i for i, _sim in hits])
        if table == "zh":
            owners = self.index.zh_owners()
            return [(owners[i], sim, k) for (i, sim), k in zip(hits, matched, strict=True)]
        offsets, owners = self.index.key_owners(table)
        return [(entry, sim, k) for (i, sim), k in zip(hits, matched, strict=True)
                for entry in owners[offsets[i]:offsets[i + 1]]]

    def query_readings(self, key: str) -> list[str]:
        """Toneless pinyin spellings of folded Chinese, from the index's character readings;
        heteronyms give several (most common reading first)."""
        table = self.index.readings(key)
        options = [list(dict.fromkeys(r for r, _t in table[c])) if c in table else [c] for c in key]
        return ["".join(c) for c in itertools.islice(itertools.product(*options), _MAX_READINGS)]

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


_GRAMS = {"zh": "z1", "en": "e3", "py": "p3"}
# Without a key one slip away, spelling search first looks for keys this similar (at most).
_PROBE_CUTOFF = 90.0


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


_NOT_LETTER = re.compile("[^a-z]")


def _pinyin_letters(text: str) -> str:
    """A pinyin query's letters without tones, separators or tone digits (ü as v)."""
    if text.isascii():  # no tone marks: what split_tone leaves is the letters, u: as v
        return _NOT_LETTER.sub("", text.lower().replace("u:", "v"))
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
    typed = " ".join(t.text.replace("v", "ü") + ("" if t.full else "…") for t in tokens)
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
            score=0.0, match="dictionary", why=why,
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
