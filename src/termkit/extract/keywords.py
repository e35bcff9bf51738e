"""Pairing the Chinese and English keyword lists by evidence, not by position.

Every (Chinese, English) keyword pair is scored: the dictionary glosses of the parts of the
Chinese term against the English words, abbreviations given in both lists or spelled out in
the abstracts, and the titles. An optimal assignment then pairs the lists, which may differ in
length and order. A pair with too little evidence, or whose sides are better explained by
other terms of the document, is not aligned: it becomes a warning that says what each side
more likely corresponds to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from termkit.document import Document, Field
from termkit.extract.align import Match, assign, best_span, match
from termkit.extract.candidates_en import EnText, is_abbreviation, show
from termkit.extract.context import Context, Keyword
from termkit.extract.dictionary import compose_rendering, term_key_zh
from termkit.normalize import fold_en, has_han

# A pair scoring this much is aligned on the dictionary's word alone.
ACCEPT = 0.6
# Below this there is no real evidence: never aligned.
WEAK = 0.2
# Another term of the document must explain a side this much better to count as a rival.
RIVAL_MARGIN = 0.3
# Lists usually run in the same order: a hair's weight, to break ties only.
SAME_POSITION = 0.02
# Both sides used in both titles, or in both abstracts, support a pair.
TITLE_BONUS = 0.25
ABSTRACT_BONUS = 0.2


@dataclass
class KeywordPair:
    """A Chinese and an English keyword the assignment put together (one may be None).

    ``aligned`` pairs become glossary entries; the others are reported with a
    ``suggestion`` saying what the evidence points to instead.
    """

    zh: Field | None
    en: Field | None
    score: float
    aligned: bool
    evidence: list[str] = field(default_factory=list)
    suggestion: str = ""
    zh_term: str = ""  # the keyword without a trailing (ABBR)
    en_term: str = ""
    abbreviation: str = ""
    match: Match | None = None
    # What the other side more likely translates, when the document shows it (lint's TK502
    # reports an unaligned pair on this evidence): a Chinese term, an English phrase.
    rival_zh: str = ""
    rival_en: str = ""


def align_keywords(doc: Document | Context) -> list[KeywordPair]:
    """Pair a document's keyword lists; unpaired keywords come back with the other side None.

    The result follows the Chinese list, then English keywords left without a partner.
    """
    ctx = doc if isinstance(doc, Context) else Context.of(doc)
    zs, es = ctx.keywords_zh, ctx.keywords_en
    tokens = [EnText.of(k.term) for k in es]
    scored = [[_score(ctx, z, e, et) for e, et in zip(es, tokens, strict=True)] for z in zs]
    matrix = [[s + (SAME_POSITION if i == j else 0.0) for j, (s, _, _) in enumerate(row)]
              for i, row in enumerate(scored)]
    pairs: list[KeywordPair] = []
    used_en: set[int] = set()
    assigned = dict(assign(matrix)) if zs and es else {}
    for i, z in enumerate(zs):
        j = assigned.get(i)
        if j is None:
            pairs.append(_unpaired_zh(ctx, z))
            continue
        used_en.add(j)
        s, evidence, m = scored[i][j]
        pairs.append(_decide(ctx, z, es[j], tokens[j], s, evidence, m))
    for j, e in enumerate(es):
        if j not in used_en:
            pairs.append(_unpaired_en(ctx, e, tokens[j]))
    return pairs


# ---------------------------------------------------------------- scoring


def _score(ctx: Context, z: Keyword, e: Keyword, et: EnText) -> tuple[float, list[str], Match | None]:
    zkey = term_key_zh(z.term)
    evidence: list[str] = []
    if not has_han(z.term) and fold_en(z.term) == fold_en(e.term):
        return 1.0, ["the same term in both lists"], None
    score = 0.0
    if z.abbreviation and e.abbreviation and z.abbreviation.casefold() == e.abbreviation.casefold():
        score = 0.95
        evidence.append(f"both lists give the abbreviation {e.abbreviation}")
    m = match(zkey, et, 0, len(et.toks)) if et.toks else None
    if m is not None and m.score > 0:
        if m.score > score:
            score = m.score
        evidence.extend(link_evidence(m))
    anchor = _anchor(ctx, z, e, zkey)
    if anchor is not None:
        s, why = anchor
        if s > score:
            score = s
        evidence.append(why)
    # Use in corresponding places: both titles, both abstracts.
    if ctx.in_zh_title(zkey) and _occurs(ctx.en_title_text, et):
        score = min(1.0, score + TITLE_BONUS)
        evidence.append("both titles use it")
    uses = corroborated(ctx, zkey, et)
    if uses:
        zn, en = uses
        # As often on both sides: the same term; much more often on one side: only related.
        bonus = ABSTRACT_BONUS if min(zn, en) * 2 >= max(zn, en) else ABSTRACT_BONUS / 2
        score = min(1.0, score + bonus)
        evidence.append(f"both abstracts use it ({zn}× / {en}×)")
    return round(score, 3), evidence, m


def corroborated(ctx: Context, zkey: str, et: EnText) -> tuple[int, int] | None:
    """How often both sides of a pair occur in the abstracts (None when one side never does)."""
    if not zkey:
        return None
    zn = ctx.zh_abstract_key.count(zkey)
    en = _occurrences(ctx.en_abstract_text, et)
    return (zn, en) if zn and en else None


def _anchor(ctx: Context, z: Keyword, e: Keyword, zkey: str) -> tuple[float, str] | None:
    """Evidence from abbreviations: LCD spelled out in the English abstract, or the same
    bracketed abbreviation after the term in both abstracts (聚对苯二甲酸乙二醇酯（PET） /
    polyethylene terephthalate (PET))."""
    best: tuple[float, str] | None = None
    if is_abbreviation(e.term):
        if zkey and f"{zkey}({e.term})" in ctx.zh_compact:
            return 0.95, f"{zkey}（{e.term}） in the Chinese abstract"
        ab = ctx.expansion(e.term)
        if ab is not None:
            m = match(zkey, ctx.en, ab.a, ab.b)
            if m is not None and m.score > 0:
                long_form = show(ctx.en.toks, ab.a, ab.b)
                best = (m.score, f"{e.term} = {long_form} (English abstract); " + "; ".join(link_evidence(m)))
    if is_abbreviation(z.term) and not has_han(z.term):
        ab = ctx.expansion(z.term)
        if ab is not None and fold_en(show(ctx.en.toks, ab.a, ab.b)) == fold_en(e.term):
            return 0.95, f"{z.term} = {e.term} (English abstract)"
    cand = ctx.zh.candidates.get(zkey)
    if cand is not None and cand.abbreviation:
        ab = ctx.expansion(cand.abbreviation)
        if ab is not None and _same_words(EnText.of(e.term), ctx.en, ab.a, ab.b):
            return 0.95, f"both abstracts abbreviate it as {cand.abbreviation}"
    return best


def _same_words(et: EnText, text: EnText, a: int, b: int) -> bool:
    mine = [t.key for t in et.toks if not t.stop]
    theirs = [t.key for t in text.toks[a:b] if not t.stop]
    return bool(mine) and mine == theirs


def _occurrences(text: EnText, term: EnText) -> int:
    """How often the term's words occur in a row in the text (by lemma; function words aside)."""
    keys = [t.key for t in term.toks if not t.stop]
    if not keys:
        return 0
    content = text.content_keys
    n = len(keys)
    return sum(1 for i in range(len(content) - n + 1) if content[i:i + n] == keys)


def _occurs(text: EnText, term: EnText) -> bool:
    return _occurrences(text, term) > 0


def link_evidence(m: Match) -> list[str]:
    """"协同 = collaborative (CC-CEDICT)" for each dictionary link of a match; a link taken
    from the document's own keyword pairs says "(keywords)"."""
    grouped: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for zh, en, w, source in m.links:
        grouped.setdefault((zh, source), []).append((en, w))
    out = []
    for (zh, source), ens in grouped.items():
        if not has_han(zh):
            continue  # a Latin word matching itself is not dictionary evidence
        words = " ".join(dict.fromkeys(en for en, _ in ens))
        sign = "=" if max(w for _, w in ens) >= 0.85 else "≈"
        out.append(f"{zh} {sign} {words} ({source})")
    return out


# ---------------------------------------------------------------- deciding


def _decide(ctx: Context, z: Keyword, e: Keyword, et: EnText, score: float, evidence: list[str],
            m: Match | None) -> KeywordPair:
    zkey = term_key_zh(z.term)
    pair = KeywordPair(z.field, e.field, score, False, list(evidence), "", z.term, e.term,
                       e.abbreviation or z.abbreviation, m)
    # A rival counts only against a pair the abstracts do not back: authors who use both
    # sides of a keyword pair in their abstracts mean them as one term.
    weak = score < ACCEPT and not corroborated(ctx, zkey, et)
    rival_zh = _rival_zh(ctx, zkey, et, score) if weak else None
    if score >= ACCEPT or (score >= WEAK and rival_zh is None):
        pair.aligned = True
        pair.evidence.insert(0, f"keyword {z.index + 1} of {len(ctx.keywords_zh)}")
        return pair
    rival_en = _rival_en(ctx, zkey, et, score)
    pair.suggestion = _suggest(ctx, z, e, et, zkey, rival_zh, rival_en)
    pair.rival_zh = rival_zh[0] if rival_zh is not None else ""
    pair.rival_en = rival_en.en if rival_en is not None else ""
    return pair


def _rival_zh(ctx: Context, zkey: str, et: EnText, score: float) -> tuple[str, Match] | None:
    """A Chinese term of the title or abstract that translates the English keyword far better."""
    best: tuple[str, Match] | None = None
    keys, stems = et.key_set, et.stem_set
    for cand in ctx.zh.candidates:
        if cand in zkey or zkey in cand:
            continue
        # Most candidates share no word with the keyword: a set test rules them out cheaply.
        if not any(p.keys & keys or p.stems & stems for p in et.pieces(cand)):
            continue
        m = match(cand, et, 0, len(et.toks))
        if m is None or m.en_cov < 0.85 or m.zh_cov < 0.75:
            continue
        if m.score >= score + RIVAL_MARGIN and (best is None or m.score > best[1].score or (
                m.score == best[1].score and len(cand) < len(best[0]))):
            best = (cand, m)
    return best


def _rival_en(ctx: Context, zkey: str, et: EnText, score: float) -> Match | None:
    """An English phrase of the title or abstract that translates the Chinese keyword far better."""
    m, _ = best_span(zkey, ctx.en)
    if m is None or m.zh_cov < 0.85 or m.en_cov < 0.75 or m.score < score + RIVAL_MARGIN:
        return None
    mine = fold_en(show(et.toks, 0, len(et.toks))) if et.toks else ""
    theirs = fold_en(m.en)
    if mine and (mine in theirs or theirs in mine):
        return None
    return m


def _suggest(ctx: Context, z: Keyword, e: Keyword, et: EnText, zkey: str,
             rival_zh: tuple[str, Match] | None, rival_en: Match | None) -> str:
    parts = []
    if rival_zh is not None:
        parts.append(f"“{e.term}” more likely translates {rival_zh[0]} (Chinese abstract)")
    else:
        parts.append(f"nothing in the Chinese text translates “{e.term}”")
    if rival_en is not None:
        parts.append(f"{z.term} is rendered “{rival_en.en}” in the English abstract")
    else:
        literal = compose_rendering(zkey)
        if literal:
            parts.append(f"{z.term} would be “{literal}” (CC-CEDICT), which the English abstract does not use")
        else:
            parts.append(f"the English abstract has no rendering of {z.term}")
    return "; ".join(parts)


def _unpaired_zh(ctx: Context, z: Keyword) -> KeywordPair:
    zkey = term_key_zh(z.term)
    m, _ = best_span(zkey, ctx.en)
    if m is not None and m.zh_cov >= 0.85 and m.en_cov >= 0.75:
        hint = f"the English abstract renders it “{m.en}”"
    else:
        literal = compose_rendering(zkey)
        hint = f"it would be “{literal}” (CC-CEDICT)" if literal else ""
    return KeywordPair(z.field, None, 0.0, False, [], hint, z.term, "", z.abbreviation)


def _unpaired_en(ctx: Context, e: Keyword, et: EnText) -> KeywordPair:
    rival = _rival_zh(ctx, "\x00", et, 0.0) if et.toks else None
    hint = f"the Chinese text has {rival[0]}" if rival else ""
    return KeywordPair(None, e.field, 0.0, False, [], hint, "", e.term, e.abbreviation)
