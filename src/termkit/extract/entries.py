"""Turning aligned pairs into glossary entries: display forms, variants, evidence, merging.

Terms are written the way a terminologist records them: quotes, glued words and bracketed
abbreviations moved out of the preferred term (“软法”治理 is preferred 软法治理 with the quoted
form as a variant; "Gradient Boosting Decision Tree（GBDT）" is preferred "gradient boosting
decision tree" with GBDT as a variant), and capitals kept only where the author's own text
treats a word as a name.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from termkit.extract.candidates_en import EnText, split_glued
from termkit.extract.context import Context
from termkit.extract.dictionary import term_key_zh
from termkit.extract.keywords import KeywordPair, _occurs
from termkit.extract.terms import TermPair
from termkit.model import Entry
from termkit.normalize import QUOTE_CHARS, fold_width, fold_zh, strip_quotes

_WORD = re.compile(r"[A-Za-z0-9]+")
_ORIGIN_RANK = {"keywords": 0, "title": 1, "abstract": 2}


class _Names:
    """Words the author writes with a capital inside sentences and never without: names."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    @cached_property
    def words(self) -> frozenset[str]:
        text = self.ctx.en_abstract
        capital: set[str] = set()
        lower: set[str] = set()
        for m in _WORD.finditer(text):
            w = m.group(0)
            before = text[:m.start()].rstrip()
            if w.islower():
                lower.add(w)
            elif w[0].isupper() and before and before[-1] not in ".!?:;":
                capital.add(w.lower())
        return frozenset(capital - lower)


def display_en(ctx: Context, text: str, names: _Names | None = None, zh: str = "") -> str:
    """An English term as a glossary records it: glued words split, sentence capitals
    lowered, full-width punctuation folded, spaces normalised. Quotes are kept."""
    names = names or _Names(ctx)
    text = fold_width(text)
    out = []
    pos = 0
    for m in _WORD.finditer(text):
        out.append(text[pos:m.start()])
        word = m.group(0)
        parts = split_glued(word) or (word,)
        shown = []
        for part in parts:
            if (len(part) > 1 and part[0].isupper() and part[1:].islower()
                    and part.lower() not in names.words and part not in zh):
                part = part.lower()
            shown.append(part)
        out.append(" ".join(shown))
        pos = m.end()
    out.append(text[pos:])
    return re.sub(r"\s+", " ", "".join(out)).strip()


@lru_cache(maxsize=50_000)
def pinyin_of(zh: str) -> str:
    """Pinyin of a term (terms recur across documents: worked out once)."""
    from termkit.chinese import to_pinyin

    return to_pinyin(zh)


def _clean_zh(text: str) -> str:
    return re.sub(r"\s+", "", fold_width(text)).strip()


def _unquoted(text: str) -> str:
    return re.sub(r"\s+", " ", strip_quotes(text)).strip()


def build_entries(ctx: Context, pairs: list[KeywordPair], terms: list[TermPair],
                  min_confidence: float) -> tuple[list[Entry], dict[str, str]]:
    """Entries for a document's aligned keyword pairs and term pairs (no ids yet).

    Also returns, per Chinese keyword, how the abstract renders it when that differs from
    the keyword list (for TK503).
    """
    names = _Names(ctx)
    path = ctx.doc.path
    entries: list[Entry] = []
    renderings: dict[str, str] = {}
    by_zh = {term_key_zh(t.zh): t for t in terms}
    keyword_zh: set[str] = set()
    keyword_en: set[str] = set()
    for p in pairs:
        if not p.aligned or p.zh is None or p.en is None:
            continue
        zkey = term_key_zh(p.zh_term)
        keyword_zh.add(zkey)
        zh_shown = _clean_zh(p.zh_term)
        zh = _unquoted(zh_shown)
        en_shown = display_en(ctx, p.en_term, names, p.zh_term)
        en = _unquoted(en_shown)
        variants: dict[str, list[str]] = {"zh": [], "en": []}
        if zh_shown != zh:
            variants["zh"].append(zh_shown)
        if en_shown != en:
            variants["en"].append(en_shown)
        if p.abbreviation and p.abbreviation != en:
            variants["en"].append(p.abbreviation)
        evidence = list(p.evidence)
        term = by_zh.get(zkey)
        et = EnText.of(p.en_term)
        keyword_en.add(" ".join(sorted(t.key for t in et.toks if not t.stop)))
        if term is not None and not _occurs(ctx.en, et) and _other_rendering(term, et):
            rendering = display_en(ctx, term.en, names, p.zh_term)
            renderings[zkey] = rendering
            if rendering not in variants["en"] and rendering != en:
                variants["en"].append(rendering)
            evidence.append(f"the English abstract writes “{rendering}”")
        entries.append(Entry(
            id="", zh=zh, en=en, pinyin=pinyin_of(zh),
            variants={k: v for k, v in variants.items() if v},
            origin="keywords", confidence=round(min(0.99, 0.55 + 0.4 * p.score), 2),
            sources=[path], evidence=evidence,
        ))
    for t in terms:
        if term_key_zh(t.zh) in keyword_zh or t.en_key in keyword_en or t.confidence < min_confidence:
            continue
        # A name written alike in both texts stays as written ("Illumina-MiSeq").
        en_shown = t.en if t.en == t.zh else display_en(ctx, t.en, names, t.zh)
        variants = {}
        if t.quoted:
            quoted = _quoted_forms(ctx, t)
            variants = {k: v for k, v in quoted.items() if v}
        if t.abbreviation and t.abbreviation != en_shown and _uses(ctx, t.abbreviation):
            variants.setdefault("en", []).append(t.abbreviation)
        entries.append(Entry(
            id="", zh=_clean_zh(t.zh), en=en_shown, pinyin=pinyin_of(t.zh), variants=variants,
            origin=t.origin, confidence=t.confidence, sources=[path], evidence=list(t.evidence),
        ))
    entries = [e for e in entries if (e.confidence or 0) >= min_confidence]
    return entries, renderings


def _uses(ctx: Context, word: str) -> bool:
    """The English text uses the word as a whole word (an abbreviation: RMSE, K-NN)."""
    return re.search(r"(?<![A-Za-z0-9])" + re.escape(word) + r"(?![A-Za-z0-9])", ctx.en.text) is not None


def _other_rendering(term: TermPair, keyword: EnText) -> bool:
    """The abstract's rendering of a keyword is really another one: complete, and not the
    keyword shortened or lengthened ("constant current" for "constant current control")."""
    from termkit.extract.dictionary import stems_meet

    m = term.match
    if m is None or m.zh_cov < 0.95 or term.confidence < 0.9:
        return False
    mine = [t.stem for t in keyword.toks if not t.stop]
    theirs = term.en_key.split()
    from termkit.extract.dictionary import stem

    theirs = [stem(k) for k in theirs]

    def covered(a: list[str], b: list[str]) -> bool:
        return all(any(stems_meet(x, y) or x == y for y in b) for x in a)

    return not (covered(mine, theirs) or covered(theirs, mine))


def keyword_en_key(et: EnText) -> str:
    return " ".join(sorted(t.key for t in et.toks if not t.stop))


def _quoted_forms(ctx: Context, t: TermPair) -> dict[str, list[str]]:
    """“软法” / “soft law”: the quoted forms the author uses, as variants."""
    out: dict[str, list[str]] = {"zh": [], "en": []}
    for q in ("“{}”", "「{}」", '"{}"'):
        form = q.format(t.zh)
        if form in ctx.zh_title + ctx.zh_abstract:
            out["zh"].append(form)
            break
    m = t.match
    if m is not None:
        toks = ctx.en.toks
        start, end = toks[m.a].start, toks[m.b - 1].end
        text = ctx.en.text
        if start > 0 and end < len(text) and text[start - 1] in QUOTE_CHARS and text[end] in QUOTE_CHARS:
            out["en"].append(text[start - 1] + display_en(ctx, t.en) + text[end])
    return out


def merge_entries(entries: list[Entry]) -> list[Entry]:
    """One entry per Chinese term across documents, in first-seen order; ids and fingerprints set.

    Sources and evidence are combined; when documents render a term differently, the
    rendering with the most support is preferred and the others become variants.
    """
    from termkit.glossary import make_id, seal

    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(fold_zh(e.zh), []).append(e)
    out: list[Entry] = []
    taken: set[str] = set()
    for group in groups.values():
        merged = group[0] if len(group) == 1 else _merge_group(group)
        merged.id = make_id(merged.zh, merged.en, taken, merged.pinyin or None)
        taken.add(merged.id)
        out.append(merged)
    return seal(out)


def _merge_group(group: list[Entry]) -> Entry:
    support: dict[str, float] = {}
    for e in group:
        support[e.en] = support.get(e.en, 0.0) + (e.confidence or 0.0) + (1.0 if e.origin == "keywords" else 0.0)
    best_en = sorted(support, key=lambda en: (-support[en], en))[0]
    first = next(e for e in group if e.en == best_en)
    variants: dict[str, list[str]] = {"zh": [], "en": []}
    sources: list[str] = []
    evidence: list[str] = []
    for e in group:
        for lang in ("zh", "en"):
            for v in e.variants.get(lang, []):
                if v not in variants[lang] and v != first.en and v != first.zh:
                    variants[lang].append(v)
        if e.en != best_en and e.en not in variants["en"]:
            variants["en"].append(e.en)
        if e.zh != first.zh and e.zh not in variants["zh"]:
            variants["zh"].append(e.zh)  # the same term in the other script: 術語庫 / 术语库
        for s in e.sources:
            if s not in sources:
                sources.append(s)
        for ev in e.evidence:
            if ev not in evidence:
                evidence.append(ev)
    return Entry(
        id="", zh=first.zh, en=best_en, pinyin=first.pinyin,
        variants={k: v for k, v in variants.items() if v},
        origin=min((e.origin for e in group), key=lambda o: _ORIGIN_RANK.get(o, 9)),
        confidence=max(e.confidence or 0.0 for e in group),
        sources=sources, evidence=evidence,
    )
