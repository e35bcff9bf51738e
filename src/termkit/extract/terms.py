"""Term pairs inside the titles and abstracts.

Each candidate Chinese term is looked for in the English text: the span whose words the
dictionary links to every part of the term, and that has no word the term does not explain.
Candidates must look like terms (not general words such as 研究 or 方法, not verb phrases), a
wording claimed by several Chinese terms goes to the best one, and a term found only inside
a longer one is left to the longer one. Few pairs, but right ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from termkit.extract.align import Match, best_span, linked_positions, reachable
from termkit.extract.candidates_en import is_adverb
from termkit.extract.candidates_zh import ZH_STOP, ZhCandidate
from termkit.extract.context import Context
from termkit.extract.dictionary import dictionary, term_key_zh, word_class, word_key, word_set
from termkit.normalize import is_han

# Both sides must be explained this well by the dictionary.
MIN_COVERAGE = 0.8
# Heads so vague that "X of Y" or "Y X" with them is a phrase, not a term.
EN_VAGUE = word_set("""
problem problems situation situations process field fields aspect aspects development research study
studies form forms way ways case cases issue issues question questions matter kind sort
""")
# English words that are no term on their own, whatever Chinese word they translate.
EN_GENERAL = word_set("""
method methods result results problem problems study studies research paper model models system
systems analysis data performance effect effects influence application applications development
process approach technology information value values factor factors condition conditions level
levels way ways time case cases work works aspect aspects basis part parts type types kind number
order field area role feature features situation change changes issue issues form forms mode use
""")


@dataclass
class TermPair:
    """A Chinese and an English term found translating each other in a title or abstract."""

    zh: str
    en: str
    confidence: float
    origin: str  # "title" or "abstract"
    evidence: list[str] = field(default_factory=list)
    match: Match | None = None
    zh_count: int = 0
    en_count: int = 0
    quoted: bool = False
    abbreviation: str = ""
    en_key: str = ""  # lemmas of the English content words, sorted: the wording's identity
    segments: tuple[str, ...] = ()


def align_terms(ctx: Context) -> list[TermPair]:
    """Term pairs of the document's titles and abstracts, best first within each wording."""
    from termkit.extract.keywords import link_evidence

    found: list[TermPair] = []
    en = ctx.en
    keywords = [term_key_zh(k.term) for k in ctx.keywords_zh]
    for cand in ctx.zh.candidates.values():
        zkey = cand.text
        if not _termlike(cand, keywords):
            continue
        if reachable(zkey, en, head=True) < MIN_COVERAGE:
            continue
        m, count = best_span(zkey, en, min_zh=MIN_COVERAGE, accept=lambda m, cand=cand: (
            m.zh_cov >= MIN_COVERAGE and m.en_cov >= MIN_COVERAGE and _en_termlike(ctx, cand, m)))
        if m is None:
            continue
        pair = TermPair(ctx.zh.display(cand.text), m.en, 0.0, _origin(ctx, cand, m), link_evidence(m), m,
                        cand.count, count, cand.quoted, cand.abbreviation,
                        " ".join(sorted(t.key for t in en.toks[m.a:m.b] if not t.stop)), cand.segments)
        pair.confidence = _confidence(ctx, cand, pair)
        if cand.quoted:
            pair.evidence.append("quoted in the Chinese text")
        if cand.count > 1 or count > 1:
            pair.evidence.append(f"used {cand.count}× in Chinese, {count}× in English")
        found.append(pair)
    return _resolve(found)


# A single word is a term on its own only if general language rarely uses it: jieba's
# corpus counts 方差 84 times, 配准 never, but 算法 455 and 图像 1,093 times.
SINGLE_WORD_MAX_FREQ = 200
# Prepositions that may join the parts of an English term: "variance of the projection data".
_PREPOSITIONS = frozenset({"of", "for", "in", "on", "with"})
_ARTICLES = frozenset({"the", "a", "an"})
# Endings of English adjectives and adverbs: no term ends with one ("GS-XGBoost financial").
_ADJECTIVE_ENDINGS = ("ive", "ous", "ical", "able", "ible", "ful", "less")


def _termlike(cand: ZhCandidate, keywords: list[str]) -> bool:
    """A noun phrase of the text, not a general word, a verb phrase or a piece of a longer term."""
    d = dictionary()
    text = cand.text
    han = sum(1 for c in text if is_han(c))
    if han < 2 and not cand.quoted:
        return False
    segs = cand.segments
    if segs[0] in ZH_STOP or segs[-1] in ZH_STOP:
        return False
    if len(segs) == 1 and not cand.quoted:
        word = segs[0]
        if word_class(word) != "noun" or d.verb_only(word) or d.frequency(word) > SINGLE_WORD_MAX_FREQ:
            return False
        # A part of a keyword that never occurs outside it belongs to the keyword.
        inside = sum(cand_count_in(k, text) for k in keywords if text in k and k != text)
        if inside and cand.count <= inside:
            return False
    # jieba's tags are rough (it calls 位置 a verb), so only clear cases count.
    if len(segs) > 1 and (word_class(segs[0]) in ("func", "idiom")
                          or word_class(segs[-1]) in ("func", "idiom", "num")):
        return False
    return not _fragment(cand)


def _fragment(cand: ZhCandidate) -> bool:
    """A piece of a longer compound: always preceded by the same prefix character (速率电磁暂态
    after 多), or always followed by the same specific noun (二阶 before 微分). Pieces that a
    longer emitted term contains are also dropped after alignment, see :func:`_resolve`."""
    d = dictionary()
    if len(cand.left) == 1:
        (prev,) = cand.left
        if prev is not None and d.bound_prefix(prev):
            return True
    # One neighbour seen every time, over several occurrences (one occurrence proves nothing:
    # Chinese stacks noun phrases, 压气机叶片加工误差).
    if len(cand.right) == 1 and cand.count >= 2 and cand.segmented == cand.count:
        (nxt,) = cand.right
        if (nxt is not None and nxt not in ZH_STOP and any(map(is_han, nxt))
                and word_class(nxt) == "noun" and d.frequency(nxt) < SPECIFIC_NOUN_FREQ):
            return True
    return False


# A noun this rare after a candidate each time it occurs is part of the term, not a new
# phrase (领域 "field", 问题 "problem" are more common and usually start something else).
SPECIFIC_NOUN_FREQ = 5000


def cand_count_in(container: str, text: str) -> int:
    return container.count(text)


def _en_termlike(ctx: Context, cand: ZhCandidate, m: Match) -> bool:
    """The English side is a noun phrase: no verb first, no adjective or adverb last, function
    words only as "X of (the) Y", "X and Y", and its head translates the Chinese head."""
    toks = ctx.en.toks[m.a:m.b]
    content = [t for t in toks if not t.stop]
    if not content:
        return False
    if len(content) == 1 and content[0].key in EN_GENERAL:
        return False
    last = toks[-1].text.lower()
    if last.endswith(_ADJECTIVE_ENDINGS) or is_adverb(last) or (last.endswith("ed") and not last.endswith("eed")):
        return False
    if is_adverb(content[0].text):
        return False
    # Every English word is accounted for: "no word the term does not explain".
    linked = linked_positions(cand.text, ctx.en)
    if any(linked.get(i, 0.0) <= 0.0 for i in range(m.a, m.b) if not ctx.en.toks[i].stop):
        return False
    words = [t.text.lower() for t in toks]
    prepositions = [k for k, w in enumerate(words) if w in _PREPOSITIONS]
    if len(prepositions) > 1:
        return False
    for k, w in enumerate(words):
        if w in _ARTICLES and (k == 0 or words[k - 1] not in _PREPOSITIONS):
            return False
    # A span must not cut a hyphenated or slashed word: "commerce" of "e-commerce".
    all_toks = ctx.en.toks
    if all_toks[m.a].sep in "-/+" and m.a > 0 and not all_toks[m.a].brk:
        return False
    if m.b < len(all_toks) and all_toks[m.b].sep in "-/+" and not all_toks[m.b].brk:
        return False
    head = _head(ctx, m, prepositions[0] if prepositions else None)
    if head is None:
        return False
    head_tok = all_toks[head]
    if head_tok.key in EN_VAGUE:
        return False
    if _verb_form(cand, head_tok) or _collapsed(cand, content) or _has_finite_verb(cand, content):
        return False
    return _heads_agree(ctx, cand, head)


def _has_finite_verb(cand: ZhCandidate, content) -> bool:
    """提取特征 = "extract features", 专利文献包含 = "patent documents contain": a Chinese verb
    rendered as an English verb (bare or -s) makes a verb phrase or a clause. Participles and
    nouns made from the verb ("extraction", "guided") are fine."""
    d = dictionary()
    bare: set[str] = set()  # verbs that cannot be nouns: the bare form is a verb too
    finite: set[str] = set()  # verbs whose -s form is a finite verb
    for seg in cand.segments:
        if word_class(seg) == "verb":
            finite |= d.verbs(seg)
            if d.verb_only(seg):
                bare |= d.verbs(seg)
    if not finite:
        return False
    finite_forms = {v + "s" for v in finite} | {v + "es" for v in finite}
    return any(t.text.lower() in bare or t.text.lower() in finite_forms for t in content)


def _head(ctx: Context, m: Match, prep: int | None) -> int | None:
    """The English head: the last content word, or the last one before "of"."""
    toks = ctx.en.toks
    span = range(m.a, m.b) if prep is None else range(m.a, m.a + prep)
    heads = [i for i in span if not toks[i].stop]
    return heads[-1] if heads else None


def _verb_form(cand: ZhCandidate, head) -> bool:
    """"soil nutrient affects", "profit increasing", "reduced in DON group": the English head
    is a participle, or an inflected verb where the Chinese head is a verb. A term the
    dictionary knows whole (机器学习 "machine learning") is a noun whatever its parts."""
    d = dictionary()
    text = head.text.lower()
    if text.endswith("ed") and not text.endswith("eed"):
        return True
    if cand.text in d:
        return False
    last = cand.segments[-1]
    if text == head.key or head.key not in d.verbs(last):
        return False
    if text.endswith("ing"):
        # A gerund is a noun ("stock forecasting") unless jieba calls the head a plain verb.
        return word_class(last) == "verb"
    return d.verb_only(last) or word_class(last) == "verb"


def _collapsed(cand: ZhCandidate, content) -> bool:
    """日益提高 = "increasing", 算法计算 = "calculate": two Chinese words that say one English
    word twice are a phrase with a redundant part, not a term."""
    if len(content) != 1:
        return False
    return sum(1 for s in cand.segments if len(s) >= 2 and any(map(is_han, s))) >= 2


def _head(ctx: Context, m: Match, prep: int | None) -> int | None:
    """The English head: the last content word, or the last one before "of"."""
    toks = ctx.en.toks
    span = range(m.a, m.b) if prep is None else range(m.a, m.a + prep)
    heads = [i for i in span if not toks[i].stop]
    return heads[-1] if heads else None


def _verb_form(cand: ZhCandidate, head) -> bool:
    """"soil nutrient affects", "profit increasing", "reduced in DON group": the English head
    is a participle, or an inflected verb where the Chinese head is a verb. A term the
    dictionary knows whole (机器学习 "machine learning") is a noun whatever its parts."""
    d = dictionary()
    text = head.text.lower()
    if text.endswith("ed") and not text.endswith("eed"):
        return True
    if cand.text in d:
        return False
    last = cand.segments[-1]
    if text == head.key or head.key not in d.verbs(last):
        return False
    if text.endswith("ing"):
        # A gerund is a noun ("stock forecasting") unless jieba calls the head a plain verb.
        return word_class(last) == "verb"
    return d.verb_only(last) or word_class(last) == "verb"


def _collapsed(cand: ZhCandidate, content) -> bool:
    """日益提高 = "increasing", 算法计算 = "calculate": two Chinese words that say one English
    word twice are a phrase with a redundant part, not a term."""
    if len(content) != 1:
        return False
    return sum(1 for s in cand.segments if len(s) >= 2 and any(map(is_han, s))) >= 2


def _first_not_verb(cand: ZhCandidate, first) -> bool:
    """考虑负载估计 = "considering load estimation" is a verb phrase; 评价指标 = "evaluation
    indexes" is a term: a verb-only first word must come out as a derived noun."""
    d = dictionary()
    seg = cand.segments[0]
    if not d.verb_only(seg):
        return True
    return first.key not in d.verbs(seg)


def _heads_agree(ctx: Context, cand: ZhCandidate, head: int) -> bool:
    """Chinese puts the head last; English puts it last, or before "of": the two must link."""
    zkey = cand.text
    last = max((k for k, c in enumerate(zkey) if c.isalnum()), default=-1)
    return any(p.start <= last < p.end and head in ctx.en.links(p) for p in ctx.en.pieces(zkey))


def _origin(ctx: Context, cand: ZhCandidate, m: Match) -> str:
    in_title = ctx.in_zh_title(cand.text) and m.a < ctx.en_title_end
    return "title" if in_title else "abstract"


def _confidence(ctx: Context, cand: ZhCandidate, pair: TermPair) -> float:
    m = pair.match
    assert m is not None
    c = m.score
    if cand.count >= 2 and pair.en_count >= 2:
        c += 0.05
    if cand.quoted:
        c += 0.05
    if cand.abbreviation:
        ab = ctx.expansion(cand.abbreviation)
        if ab is not None and ab.a < m.b and m.a < ab.b:
            c += 0.1
            pair.evidence.append(f"abbreviated {cand.abbreviation} in both abstracts")
    weak = [w for _, _, w, _ in m.links if w < 0.85]
    if weak and len(weak) == len(m.links):
        c -= 0.15
    elif weak:
        c -= 0.05
    return round(max(0.0, min(0.95, c)), 2)


def _resolve(found: list[TermPair]) -> list[TermPair]:
    """One Chinese term per English wording; no term that only ever occurs inside a longer one."""
    by_en: dict[str, TermPair] = {}
    for p in sorted(found, key=lambda p: (-p.confidence, -len(p.zh), p.zh)):
        if p.en_key not in by_en:
            by_en[p.en_key] = p
    kept = list(by_en.values())
    kept = [p for p in kept if not _verb_phrase(p, kept)]
    out = []
    for p in kept:
        inside = [q for q in kept if q is not p and p.zh in q.zh and len(q.zh) > len(p.zh)]
        if inside and p.zh_count <= max(q.zh_count for q in inside):
            continue
        out.append(p)
    return sorted(out, key=lambda p: (-p.confidence, p.zh))


def _verb_phrase(p: TermPair, pairs: list[TermPair]) -> bool:
    """考虑负载估计 = "considering load estimation": a verb in front of a term that is itself
    a pair is a verb phrase. (控制方式 = "control mode" stays: 方式 alone is no term.)"""
    d = dictionary()
    m = p.match
    if m is None or len(p.segments) < 2:
        return False
    first = p.segments[0]
    if not (d.verb_only(first) or word_class(first) == "verb"):
        return False
    rest = p.zh[len(first):]
    if not any(q.zh == rest for q in pairs):
        return False
    word = m.en.split()[0].lower()
    return word_key(word) in d.verbs(first) and not (word.endswith("ed") and not word.endswith("eed"))
