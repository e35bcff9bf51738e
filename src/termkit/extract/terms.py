"""Term pairs inside the titles and abstracts.

Each candidate Chinese term is looked for in the English text: the span whose words the
dictionary links to every part of the term, and that has no word the term does not explain.
Candidates must look like terms (not general words such as 研究 or 方法, not verb phrases), a
wording claimed by several Chinese terms goes to the best one, and a term found only inside
a longer one is left to the longer one. Few pairs, but right ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from termkit.extract.align import Match, best_span, head_char, linked_positions, match, prepare, reachable
from termkit.extract.candidates_en import is_adverb, tokenize
from termkit.extract.candidates_zh import ZH_STOP, ZhCandidate, ZhText
from termkit.extract.context import Context
from termkit.extract.dictionary import LIGHT_SUFFIXES, dictionary, term_key_zh, word_class, word_key, word_set
from termkit.extract.keywords import link_evidence
from termkit.normalize import han_count, is_han

# Both sides must be explained this well by the dictionary.
MIN_COVERAGE = 0.8
# Heads so vague that "X of Y" or "Y X" with them is a phrase, not a term.
EN_VAGUE = word_set("""
problem problems situation situations process field fields aspect aspects development research study
studies form forms way ways case cases issue issues question questions matter kind sort
""")
# Words of evaluation and of relative time: in front of a term they make a free combination
# ("traditional machine learning", "original XGBoost model", "efficient local features").
EN_EVALUATIVE = word_set("""
traditional conventional original existing previous novel new optimal optimum best better good efficient
effective important significant typical practical accurate precise reasonable excellent superior ideal
proposed improved
""")
ZH_EVALUATIVE = word_set("""
传统 原 原有 现有 已有 新 新型 新颖 最优 最佳 最好 较优 高效 高效率 有效 重要 典型 常用 常见 实用 精确 精准 准确 合理 优良
优秀 理想 改进 改进型
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
    gap: tuple[str, str] = ("", "")  # paired by elimination: (Chinese part, English word key)


def align_terms(ctx: Context) -> list[TermPair]:
    """Term pairs of the document's titles and abstracts, most confident first."""
    found: list[TermPair] = []
    gaps: list[TermPair] = []
    en = ctx.en
    keywords = [term_key_zh(k.term) for k in ctx.keywords_zh]
    for cand in ctx.zh.candidates.values():
        zkey = cand.text
        if not _termlike(cand, keywords, ctx.zh):
            continue
        reach = reachable(zkey, en)
        if reach < MIN_COVERAGE:
            if reach >= GAP_MIN_REACH:
                gaps.extend(_gap_pairs(ctx, cand))
            continue
        if reachable(zkey, en, head=True) < MIN_COVERAGE:
            continue
        m, count = best_span(zkey, en, min_zh=MIN_COVERAGE, head=True, accept=lambda m, cand=cand: (
            m.zh_cov >= MIN_COVERAGE and m.en_cov >= MIN_COVERAGE and _en_termlike(ctx, cand, m)))
        if m is None:
            gaps.extend(_gap_pairs(ctx, cand))
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
    found += _eliminate(ctx, gaps) + _same_form_pairs(ctx)
    return _resolve(ctx, found + _abbreviation_pairs(ctx, found))


# Names and abbreviations written in Latin letters in the Chinese text (MATLAB, GPS, K-means,
# ARM9) that the English text writes the same way: terms kept as they are in translation.
_LATIN_TERM = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-+/][A-Za-z0-9]+)*(?![A-Za-z0-9])")
_UNIT = re.compile(r"[kMGTmnuμ]?(?:V|W|Hz|A|g|m|s|B|Pa|J|L|Wh|bps|Ω)|dBm?|rpm|ppm")
SAME_FORM_CONFIDENCE = 0.9


def _same_form_pairs(ctx: Context) -> list[TermPair]:
    """Latin-letter terms used in both texts alike: with two capitals or a digit (an
    abbreviation, a product or software name), not a unit, not a keyword or the abbreviation
    of one (those have their own entry)."""
    zh = ctx.zh.text
    en = ctx.en
    taken = set()
    for k in ctx.keywords_zh + ctx.keywords_en:
        taken.update(x for x in (k.term, k.abbreviation) if x)
    keyword_words = [{t.key for t in tokenize(k.term) if not t.stop} for k in ctx.keywords_en]
    out = []
    for form in sorted({m.group(0) for m in _LATIN_TERM.finditer(zh)}):
        caps = sum(1 for c in form if c.isupper())
        if len(form) < 3 or not (caps >= 2 or any(c.isdigit() for c in form)) or _UNIT.fullmatch(form):
            continue
        if form in taken or _bracketed_after_term(zh, form):
            continue  # a keyword, or the abbreviation of a Chinese term: a variant of its entry
        ab = ctx.expansion(form)
        if ab is not None:
            long_form = {t.key for t in en.toks[ab.a:ab.b] if not t.stop}
            if any(len(long_form & words) * 2 >= len(words) for words in keyword_words if words):
                continue  # the abbreviation of a keyword: a variant of that entry
        span = _token_span(en, form)
        if span is None:
            continue
        a, b = span
        m = match(form, en, a, b)
        if m is None:
            continue
        in_title = form in ctx.zh_title and a < ctx.en_title_end
        pair = TermPair(form, form, SAME_FORM_CONFIDENCE, "title" if in_title else "abstract",
                        ["written the same in both texts"], m, zh.count(form), en.text.count(form),
                        en_key=" ".join(sorted(t.key for t in en.toks[a:b] if not t.stop)), segments=(form,))
        out.append(pair)
    return out


def _abbreviation_pairs(ctx: Context, found: list[TermPair]) -> list[TermPair]:
    """均方根误差(RMSE) in the Chinese text, RMSE in the English text and no spelled-out
    form there: the author's own bracket pairs the term with its abbreviation."""
    have = {term_key_zh(p.zh) for p in found}
    longest: dict[str, ZhCandidate] = {}
    for cand in ctx.zh.candidates.values():
        ab = cand.abbreviation
        if ab and (ab not in longest or len(cand.text) > len(longest[ab].text)):
            longest[ab] = cand
    keywords = {term_key_zh(k.term) for k in ctx.keywords_zh} | {k.abbreviation for k in ctx.keywords_en}
    out = []
    for ab, cand in sorted(longest.items()):
        if cand.text in have or cand.text in keywords or ab in keywords or ctx.expansion(ab) is not None:
            continue
        if not _termlike(cand, list(keywords), ctx.zh):
            continue
        span = _token_span(ctx.en, ab)
        if span is None:
            continue
        m = match(cand.text, ctx.en, *span)
        if m is None:
            continue
        out.append(TermPair(ctx.zh.display(cand.text), ab, ABBREVIATION_CONFIDENCE, _origin(ctx, cand, m),
                            [f"{cand.text}（{ab}） in the Chinese text; the English text writes {ab}"], m,
                            cand.count, ctx.en.text.count(ab), cand.quoted, ab,
                            " ".join(sorted(t.key for t in ctx.en.toks[span[0]:span[1]])), cand.segments))
    return out


ABBREVIATION_CONFIDENCE = 0.85


def _bracketed_after_term(zh: str, form: str) -> bool:
    """均方根误差(RMSE): the form stands in brackets right after Chinese characters."""
    at = zh.find(form)
    while at >= 0:
        before = zh[:at].rstrip()
        after = zh[at + len(form):].lstrip()
        if before[-1:] in ("(", "（") and after[:1] in (")", "）") and is_han(before[:-1].rstrip()[-1:] or "a"):
            return True
        at = zh.find(form, at + 1)
    return False


def _token_span(en, form: str) -> tuple[int, int] | None:
    """Where the English tokens spell ``form`` exactly (K-means is K, -, means; glued "ofMATLAB"
    has been split into "of" and "MATLAB")."""
    parts = re.split(r"[-+/]", form)
    seps = re.findall(r"[-+/]", form)
    toks = en.toks
    for i, t in enumerate(toks):
        if t.text != parts[0] or i + len(parts) > len(toks):
            continue
        if all(toks[i + k].text == parts[k] and toks[i + k].sep == seps[k - 1] and not toks[i + k].brk
               for k in range(1, len(parts))):
            b = i + len(parts)
            # Not the start of a longer word ("ARM9" of "ARM926").
            if b == len(toks) or toks[b].brk or toks[b].sep == " ":
                return i, b
    return None


# Gap filling: a term whose every part but one end is translated, next to one English word
# that no Chinese word of the document explains, pairs them by elimination (网络吞吐量
# "network throughput" when the dictionary lacks 吞吐量; 资源块 "resource blocks", 块 having
# no gloss "block"; 物流服务商 "logistics service provider").
GAP_MIN_REACH = 0.34
GAP_CONFIDENCE = 0.65


def _gap_pairs(ctx: Context, cand: ZhCandidate) -> list[TermPair]:
    """Every way elimination can complete the term: one pair per English word it could take."""
    zkey = cand.text
    n = len(zkey)
    if n < 2 or han_count(zkey) != n:
        return []
    prep = prepare(zkey, ctx.en)
    covered = prep.word_mask  # single characters link almost anything: words only
    bits = [covered >> k & 1 for k in range(n)]
    if all(bits) or not any(bits):
        return []
    head = not bits[-1]
    if head:
        k = n
        while k > 0 and not bits[k - 1]:
            k -= 1
        gap, rest = zkey[k:], zkey[:k]
    else:
        k = bits.index(1)
        gap, rest = zkey[:k], zkey[k:]
    if not all(bits[:k] if head else bits[k:]):
        return []
    if not _gap_ok(cand, gap, head):
        return []
    # Cheap test first: some word the rest links must have an unexplained word beside it.
    free = _free_words(ctx, head)
    step = 1 if head else -1
    lo_rest, hi_rest = (0, k) if head else (k, n)
    if not any(i + step in free for p, links in prep.parts if lo_rest <= p.start and p.end <= hi_rest
               for i in links):
        return []
    done = ctx.__dict__.setdefault("_complete_spans", {})
    if rest not in done:
        done[rest] = best_span(rest, ctx.en, min_zh=0.9, accept=lambda m: m.zh_cov >= 0.9 and m.en_cov >= 0.9)[0]
    m_rest = done[rest]
    if m_rest is None:
        return []
    toks = ctx.en.toks
    all_keys = ctx.en.token_keys
    keys = all_keys[m_rest.a:m_rest.b]
    width = len(keys)
    gap_count = ctx.zh.text.count(gap)
    out: dict[str, TermPair] = {}
    for a in range(len(toks) - width + 1):
        if all_keys[a:a + width] != keys:
            continue
        b = a + width
        if head:  # the gap is the head: the English word right after the rest ends the phrase
            g, lo, hi = b, a, b + 1
            if g >= len(toks) or toks[g].brk or (g + 1 < len(toks) and not _ends_phrase(toks[g + 1])):
                continue
        else:  # the gap is a modifier: the English word right before the rest starts it
            g, lo, hi = a - 1, a - 1, b
            if g < 0 or toks[a].brk or (g > 0 and not toks[g].brk and not toks[g - 1].stop):
                continue
        if toks[g].key in out or not _gap_word_ok(ctx, g, head, gap_count):
            continue
        m = match(zkey, ctx.en, lo, hi)
        if m is None or not _en_shape_ok(ctx, m):
            continue
        tok = toks[g]
        out[tok.key] = TermPair(
            ctx.zh.display(zkey), m.en, GAP_CONFIDENCE, _origin(ctx, cand, m),
            [*link_evidence(m_rest), f"{gap} ≈ {tok.text.lower()} (the rest of the term matches)"], m,
            cand.count, 1, cand.quoted, cand.abbreviation,
            " ".join(sorted(t.key for t in toks[lo:hi] if not t.stop)), cand.segments, (gap, tok.key))
    return list(out.values())


def _eliminate(ctx: Context, gaps: list[TermPair]) -> list[TermPair]:
    """Elimination pairs one untranslated Chinese word with one unexplained English word:
    where several compete, the one used about as often on both sides wins (压气机 3× takes
    "compressor" 3×, 叶型 2× keeps "airfoil"); a tie leaves both out."""
    if not gaps:
        return []
    zh_text = ctx.zh.text
    en_count: dict[str, int] = {}
    for t in ctx.en.toks:
        en_count[t.key] = en_count.get(t.key, 0) + 1

    def distance(p: TermPair) -> int:
        zh, word = p.gap
        return abs(zh_text.count(zh) - en_count.get(word, 0))

    def best(groups: dict[str, list[TermPair]], side: int) -> set[int]:
        keep: set[int] = set()
        for group in groups.values():
            closest = min(distance(p) for p in group)
            winners = {p.gap[side] for p in group if distance(p) == closest}
            if len(winners) == 1:
                keep.update(id(p) for p in group if p.gap[side] in winners)
        return keep

    by_word: dict[str, list[TermPair]] = {}
    by_zh: dict[str, list[TermPair]] = {}
    for p in gaps:
        by_word.setdefault(p.gap[1], []).append(p)
        by_zh.setdefault(p.gap[0], []).append(p)
    keep = best(by_word, 0) & best(by_zh, 1)
    return [p for p in gaps if id(p) in keep]


def _ends_phrase(nxt) -> bool:
    """The word after a noun phrase: punctuation before it, a function word, or a participle
    opening a clause ("lesions caused by")."""
    word = nxt.text.lower()
    return nxt.brk or nxt.stop or (word.endswith("ed") and not word.endswith("eed"))


def _gap_ok(cand: ZhCandidate, gap: str, head: bool) -> bool:
    """The untranslated end of a term can carry a word of its own: a known noun made of
    whole words of the term, not a function word, a suffix (性, 化) or a general word; a
    single character only as the head, and only one with a noun sense (块, 商, not 随)."""
    from termkit.extract.candidates_zh import _STOP_CHARS

    d = dictionary()
    if gap in ZH_STOP or any(c in _STOP_CHARS for c in gap):
        return False
    if len(gap) == 1:
        return head and gap not in LIGHT_SUFFIXES and not d.bound_prefix(gap) and d.has_noun_sense(gap)
    segs = cand.segments
    whole = "".join(segs[-1:]) == gap if head else "".join(segs[:1]) == gap
    known = gap in d or d.frequency(gap) > 0
    noun = gap not in d or word_class(gap) == "noun" or d.has_noun_sense(gap)
    return whole and known and not d.is_general(gap) and noun


def _comparative(word: str) -> bool:
    """higher, faster, larger: an adjective's comparative (not computer, provider)."""
    if not word.endswith("er") or len(word) < 6:
        return False
    d = dictionary()
    return d.is_word(word[:-2]) or (len(word) <= 6 and d.is_word(word[:-1]))


def _free_words(ctx: Context, head: bool) -> frozenset[int]:
    """Positions of the English words a gap could pair with (see :func:`_gap_word_ok`),
    whatever the gap's count."""
    cache = ctx.__dict__.setdefault("_free_words", {})
    if head not in cache:
        cache[head] = frozenset(g for g in range(len(ctx.en.toks)) if _gap_word_ok(ctx, g, head, 0, counted=False))
    return cache[head]


def _gap_word_ok(ctx: Context, g: int, head: bool, gap_count: int, counted: bool = True) -> bool:
    """The English word a gap pairs with: a content word no Chinese word of the document
    explains, used no more often than the gap, shaped like what it stands for."""
    tok = ctx.en.toks[g]
    word = tok.text.lower()
    if tok.stop or not tok.known or not word.isalpha() or len(word) < 4:
        return False
    if not (tok.text.islower() or (tok.text.istitle() and g < ctx.en_title_end)):
        return False  # a name or an abbreviation, not a word the term translates
    if tok.key in EN_GENERAL or tok.key in EN_VAGUE or tok.key in _NUMBERS:
        return False
    if head and (word.endswith(_ADJECTIVE_ENDINGS) or (word.endswith("ed") and not word.endswith("eed"))):
        return False
    if not head and word.endswith(_MODIFIER_ADJECTIVE_ENDINGS):
        return False  # an adjective in front ("local", "higher") says nothing of a noun's word
    if g in ctx.explained or is_adverb(word) or (not head and _comparative(word)):
        return False
    if not counted:
        return True
    # Used about as often as the Chinese word it stands for (a translator may repeat it).
    return 1 <= sum(1 for t in ctx.en.toks if t.key == tok.key) <= 2 * gap_count


def _en_shape_ok(ctx: Context, m: Match) -> bool:
    """The span has the shape of an English noun phrase (see :func:`_en_termlike`)."""
    toks = ctx.en.toks[m.a:m.b]
    words = [t.text.lower() for t in toks]
    if any(w in _PREPOSITIONS or w in _ARTICLES for w in words):
        return False
    last = words[-1]
    if is_adverb(words[0]):
        return False  # "automatically weigh": an adverb and its verb
    return not (is_adverb(last) or (last.endswith("ed") and not last.endswith("eed")))


# A single word is a term on its own only if general language rarely uses it: jieba's
# corpus counts 方差 84 times, 配准 never, but 算法 455 and 图像 1,093 times.
SINGLE_WORD_MAX_FREQ = 200
_MEASURE_WORDS = frozenset("条个种项次只组份台类名位篇张")
# Prepositions that may join the parts of an English term: "variance of the projection data".
_PREPOSITIONS = frozenset({"of", "for", "in", "on", "with"})
_ARTICLES = frozenset({"the", "a", "an"})
_NUMBERS = word_set("""
zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred
thousand million billion first second third fourth fifth half double triple single multiple several
""")
# Endings of English adjectives and adverbs: no term ends with one ("GS-XGBoost financial").
_ADJECTIVE_ENDINGS = ("ive", "ous", "ical", "able", "ible", "ful", "less")
# Endings of adjectives in front of a noun ("local", "cellular", "different").
_MODIFIER_ADJECTIVE_ENDINGS = (*_ADJECTIVE_ENDINGS, "al", "ar", "ic", "ent", "ant", "ary", "ory")


def _termlike(cand: ZhCandidate, keywords: list[str], zt: ZhText | None = None) -> bool:
    """A noun phrase of the text, not a general word, a verb phrase or a piece of a longer term."""
    d = dictionary()
    text = cand.text
    han = han_count(text)
    if han < 2 and not cand.quoted:
        return False
    segs = cand.segments
    if segs[0] in ZH_STOP or segs[-1] in ZH_STOP:
        return False
    if len(segs) > 1 and any(c in s and s not in d for s in segs for c in "与和及或"):
        return False  # a conjunction jieba glued to a word (组与): two things, not one term
    if segs[0] in ZH_EVALUATIVE and (len(segs) == 1 or (text not in d and text not in keywords)):
        return False  # a free combination (传统机器学习), the term is the rest
    # A suffix cannot start a term, nor a prefix end one (化 of 并行化, 多 of 多速率).
    if segs[0] in LIGHT_SUFFIXES or (len(segs) > 1 and d.bound_prefix(segs[-1])):
        return False
    if len(segs) == 1 and not cand.quoted:
        word = segs[0]
        if word_class(word) != "noun" or d.verb_only(word) or d.frequency(word) > SINGLE_WORD_MAX_FREQ:
            return False
        # A part of a keyword that never occurs outside it belongs to the keyword.
        inside = sum(k.count(text) for k in keywords if text in k and k != text)
        if inside and cand.count <= inside:
            return False
    # jieba's tags are rough (it calls 位置 a verb), so only clear cases count; a single
    # adjective character ends no noun phrase (支持高 of 支持高数据率服务).
    if len(segs) > 1 and (word_class(segs[0]) in ("func", "idiom")
                          or word_class(segs[-1]) in ("func", "idiom", "num")
                          or segs[-1] in _GRADABLE):
        return False
    # A number with a measure word counts things (四条距离 "four distance"); 三股流, 二阶 are terms.
    if len(segs) > 1 and word_class(segs[0]) == "num" and segs[0][-1] in _MEASURE_WORDS:
        return False
    if _fragment(cand, zt):
        return False
    # Only a single word jieba cut out of a longer one can be a piece of a dictionary word.
    return not (zt is not None and len(segs) == 1 and len(text) <= 4 and _inside_word(text, zt.text))


def _inside_word(term: str, text: str) -> bool:
    """Every use of the term is part of one longer dictionary word (地缘 of 地缘政治, which
    jieba splits): a piece of that word, not a term of its own."""
    d = dictionary()
    n = len(term)
    at = text.find(term)
    if at < 0:
        return False
    while at >= 0:
        if not any(text[i:j] in d for i in range(max(0, at - 6), at + 1)
                   for j in range(at + n, min(len(text), i + 8) + 1) if j - i > n):
            return False
        at = text.find(term, at + 1)
    return True


def _fragment(cand: ZhCandidate, zt: ZhText | None = None) -> bool:
    """A piece of a longer compound: always preceded by the same prefix character, standing
    alone as a word (速率电磁暂态 after 多; not 系统级仿真 after 通过). Pieces of longer
    emitted terms are dropped after alignment, see :func:`_resolve`."""
    d = dictionary()
    before: set = set(cand.left) if zt is None else set()
    if zt is not None:
        text = zt.text
        at = text.find(cand.text)
        while at >= 0:
            # The character before ends a word of its own (通过, 部分): no prefix of the term.
            word = zt.ends.get(at, "")
            bound = at > 0 and not (len(word) > 1 and word in d)
            before.add(text[at - 1] if bound else None)
            at = text.find(cand.text, at + 1)
    if len(before) != 1:
        return False
    (prev,) = before
    return prev is not None and d.bound_prefix(prev)


# A link this weak (a glued run that contains a word) explains no word.
WEAKEST_LINK = 0.5


def _cut_from_name(ctx: Context, m: Match) -> bool:
    """"China State Construction" of "China State Construction Engineering Corporation",
    "HEAVY INDUSTRY" of "SANY HEAVY INDUSTRY": a span of capitalised words inside the
    abstract that a capitalised word continues is a piece of a name."""
    toks = ctx.en.toks
    if m.a < ctx.en_title_end or not toks[m.a].text[:1].isupper():
        return False

    def capital(i: int) -> bool:
        return 0 <= i < len(toks) and not toks[i].stop and toks[i].text[:1].isupper()

    after = m.b < len(toks) and not toks[m.b].brk and capital(m.b)
    before = m.a > 0 and not toks[m.a].brk and capital(m.a - 1) and toks[m.a].text.isupper()
    return after or before


_CONJUNCTIONS = frozenset({"和", "与", "及", "以及", "或", "、"})
# Adjectives of one character that end no noun phrase: 支持高 of 支持高数据率服务.
_GRADABLE = frozenset("高低大小多少新长短快慢强弱好差深浅宽窄厚薄轻")


def _coordination_outside(ctx: Context, cand: ZhCandidate, words: list[str]) -> bool:
    """群落结构 always followed by 和组成, and the English span "community and composition":
    English heads joined by "and" where the Chinese term is followed by a conjunction belong
    to the Chinese coordination outside the term. ("temperature and humidity sensors" joins
    modifiers inside the term.)"""
    if len(words) < 3 or words[-2] not in ("and", "or"):
        return False
    text = ctx.zh.text
    spans = _occurrences(text, cand.text)
    return bool(spans) and all(text[e:e + 2] in _CONJUNCTIONS or text[e:e + 1] in _CONJUNCTIONS
                               for _, e in spans)


def _superlative(word: str) -> bool:
    """shortest, highest, best: an adjective's superlative, no noun to head a term."""
    if not word.endswith("est") or len(word) < 7:
        return False
    d = dictionary()
    return d.is_word(word[:-3]) or d.is_word(word[:-2])


def _en_termlike(ctx: Context, cand: ZhCandidate, m: Match) -> bool:
    """The English side is a noun phrase whose head translates the Chinese head: every word
    explained, no adverb first, no adjective, adverb or participle last, function words
    only as "X of (the) Y" or "X and Y", no verb phrase, no clause, no free combination."""
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
    # Every English word is accounted for: "no word the term does not explain"; a glued run
    # that merely contains a translation ("noisecorelationinthflatpanel") explains nothing.
    linked = linked_positions(cand.text, ctx.en)
    if any(linked.get(i, 0.0) <= WEAKEST_LINK for i in range(m.a, m.b) if not ctx.en.toks[i].stop):
        return False
    keys = [t.key for t in content]
    if len(set(keys)) < len(keys) and len(set(cand.segments)) == len(cand.segments):
        return False  # a word said twice: two phrases ("features and extracted ... feature")
    words = [t.text.lower() for t in toks]
    prepositions = [k for k, w in enumerate(words) if w in _PREPOSITIONS]
    if len(prepositions) > 1 or any(words[k] != "of" for k in prepositions):
        return False  # terms join their parts with "of"; "in", "on", "for", "with" make phrases
    if prepositions and words[-1].endswith(("al", "ic", "ive")):
        return False  # "similarity of intestinal": the noun after "of" was cut off
    for k, w in enumerate(words):
        if w in _ARTICLES and (k == 0 or words[k - 1] not in _PREPOSITIONS):
            return False
    # A span must not cut a hyphenated or slashed word: "commerce" of "e-commerce".
    all_toks = ctx.en.toks
    if all_toks[m.a].sep in "-/+" and m.a > 0 and not all_toks[m.a].brk:
        return False
    if m.b < len(all_toks) and all_toks[m.b].sep in "-/+" and not all_toks[m.b].brk:
        return False
    # Inside an abbreviation's long form, a span is a piece of that term ("crystal display" of
    # "liquid crystal display (LCD)").
    for ab in ctx.abbreviations:
        if ab.a <= m.a and m.b <= ab.b and (ab.a, ab.b) != (m.a, m.b):
            return False
    if _cut_from_name(ctx, m) or _coordination_outside(ctx, cand, words):
        return False
    head = _head(ctx, m, prepositions[0] if prepositions else None)
    if head is None:
        return False
    head_tok = all_toks[head]
    if head_tok.key in EN_VAGUE or _superlative(head_tok.text.lower()):
        return False
    if _verb_form(cand, head_tok) or _collapsed(cand, content) or _has_finite_verb(cand, content):
        return False
    if _verb_phrase_start(cand, content[0]) or _free_modifier(cand, content[0]):
        return False
    return _heads_agree(ctx, cand, head)


# Words general language uses this often make phrases when they come first.
COMMON_WORD_FREQ = 3000


def _verb_forms(verbs: frozenset[str]) -> set[str]:
    out = set(verbs)
    for v in verbs:
        out |= {v + "s", v + "ing", v[:-1] + "ing" if v.endswith("e") else v + "ing"}
    return out


def _verb_phrase_start(cand: ZhCandidate, first) -> bool:
    """考虑负载 = "considering load", 提取特征 = "extract features", 避免性能 = "avoid
    performance": a verb and its object. A participle in front ("guided filtering",
    "distilled water") or a rare verb used as a modifier ("matching algorithm") is fine."""
    d = dictionary()
    seg = cand.segments[0]
    if len(cand.segments) < 2 or word_class(seg) != "verb":
        return False
    verbs = d.verbs(seg)
    text = first.text.lower()
    common = d.frequency(seg) >= COMMON_WORD_FREQ
    if text in verbs:
        # The bare verb: a verb phrase unless the word is a noun too ("control mode"); a
        # common verb before a longer object still is one ("support high data rate").
        return d.verb_only(seg) or (common and len(cand.segments) >= 3)
    if text.endswith("ed") and not common:
        # A participle in front of a term of its own field ("distilled water") is fine;
        # a more general verb's participle begins a clause ("introduced Attention mechanism").
        return d.verb_only(seg) and d.frequency(seg) >= PARTICIPLE_VERB_FREQ and first.key in verbs
    if common:
        # A common verb in any other form ("brought serious risks", "considering load").
        return first.key in verbs or first.stem in verbs or text in _verb_forms(verbs)
    return d.verb_only(seg) and text in _verb_forms(verbs)


# Verbs rarer than this (灭菌 "sterilize", 189) are technical; their participles are modifiers.
PARTICIPLE_VERB_FREQ = 500


def _free_modifier(cand: ZhCandidate, first) -> bool:
    """真实分布 = "real distribution", 重要影响 = "important influence", 传统机器学习 =
    "traditional machine learning": a common adjective or adverb, or a word of evaluation,
    in front makes a free combination, not a term. A single word rendered as a verb ("help",
    "preset") is no term."""
    d = dictionary()
    seg = cand.segments[0]
    if first.key in EN_EVALUATIVE and cand.text not in d:
        return True
    if len(cand.segments) == 1:
        return first.text.lower() in d.verbs(seg)
    cls, freq = word_class(seg), d.frequency(seg)
    if not ((cls == "adv" and freq >= 1000) or (cls == "adj" and freq >= COMMON_WORD_FREQ)):
        return False
    # jieba's tag is only a hint: an English noun in front ("reconstruction results" for 重建,
    # which jieba calls an adjective) is a modifier of a term, not a free adjective.
    return not first.text.lower().endswith(_NOUN_SUFFIXES)


_NOUN_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ing", "er", "or", "ure", "ogy")


def _has_finite_verb(cand: ZhCandidate, content) -> bool:
    """方言语音识别缺少训练数据 = "... recognition lacks training data": a Chinese verb rendered
    as an English verb in -s inside the span makes a clause, not a term."""
    d = dictionary()
    finite: set[str] = set()
    for seg in cand.segments[:-1]:
        if word_class(seg) == "verb":
            finite |= d.verbs(seg)
    if not finite:
        return False
    forms = {v + "s" for v in finite} | {v + "es" for v in finite}
    return any(t.text.lower() in forms for t in content[:-1])


def _head(ctx: Context, m: Match, prep: int | None) -> int | None:
    """The English head: the last content word, or the last one before "of"."""
    toks = ctx.en.toks
    span = range(m.a, m.b) if prep is None else range(m.a, m.a + prep)
    heads = [i for i in span if not toks[i].stop]
    return heads[-1] if heads else None


# Verbs of change: with a noun before them they make a clause ("profit increasing"), where
# other gerunds make terms ("machine learning", "signal filtering").
_CHANGE_VERBS = word_set("""
increase decrease reduce rise fall drop improve enhance decline grow change raise lower lessen
""")


def _verb_form(cand: ZhCandidate, head) -> bool:
    """"soil nutrient affects", "profit increasing", "reduced in DON group", "patent documents
    contain": the English head is a participle, or a verb where the Chinese head is a verb. A
    term the dictionary knows whole is a noun whatever its parts."""
    d = dictionary()
    text = head.text.lower()
    if text.endswith("ed") and not text.endswith("eed"):
        return True
    last = cand.segments[-1]
    verbs = d.verbs(last)
    if len(cand.segments) > 1 and any(text in (v + "s", v + "es") for v in verbs):
        return True  # "system integrates" for 系统集成, though the dictionary knows the term
    if cand.text in d:
        return False
    if head.key not in verbs and head.stem not in verbs:
        return False
    verbal = word_class(last) == "verb"
    if text.endswith("ing"):
        return verbal and (head.key in _CHANGE_VERBS or head.stem in _CHANGE_VERBS)
    if text in verbs:
        return verbal and d.verb_only(last)  # "contain", not "supply" or "control"
    return any(text in (v + "s", v + "es") for v in verbs)  # "affects", "lacks", "integrates"


def _collapsed(cand: ZhCandidate, content) -> bool:
    """日益提高 = "increasing", 算法计算 = "calculate": two Chinese words that say one English
    word twice are a phrase with a redundant part, not a term."""
    if len(content) != 1:
        return False
    return sum(1 for s in cand.segments if len(s) >= 2 and any(map(is_han, s))) >= 2


def _heads_agree(ctx: Context, cand: ZhCandidate, head: int) -> bool:
    """Chinese puts the head last; English puts it last, or before "of": the two must link."""
    zkey = cand.text
    last = head_char(zkey)
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


def _resolve(ctx: Context, found: list[TermPair]) -> list[TermPair]:
    """One Chinese term per English wording; no term that only ever occurs inside a longer
    one or across the edge of another."""
    by_en: dict[str, list[TermPair]] = {}
    # For one English wording, the Chinese term it explains best (数据库 for "database",
    # not 数据库系统), then the one used about as often, then the longer one ...
    for p in sorted(found, key=lambda p: (-round(p.match.score, 2), -round(p.match.zh_cov, 2), -p.confidence,
                                          abs(p.zh_count - p.en_count), -len(p.zh), p.zh)):
        by_en.setdefault(p.en_key, []).append(p)
    kept = []
    for group in by_en.values():
        best = group[0]
        # ... unless it only ever occurs inside a longer one that the wording explains about
        # as well (直流电 only in 直流电流, both "DC current"): the whole term is meant.
        for q in sorted(group[1:], key=lambda q: -len(q.zh)):
            if (best.zh in q.zh and q.zh_count >= best.zh_count and q.match.score >= best.match.score - 0.1
                    and q.match.zh_cov >= best.match.zh_cov - 0.07 and not _rendered_elsewhere(ctx, q, best)):
                best = q
                break
        kept.append(best)
    kept = [p for p in kept if not _verb_phrase(p, kept)]
    kept = _drop_cutting(ctx, kept)
    out = []
    for p in kept:
        # A compound at the end of a longer term is a term too (机器学习 in 传统机器学习), but
        # the front or middle of one, or a single word, that never occurs outside it is a
        # fragment (多目标粒子 of 多目标粒子群优化), unless the rest is a general word
        # (运行温度 in 运行温度范围).
        inside = [q for q in kept if q is not p and p.zh in q.zh and len(q.zh) > len(p.zh)
                  and not (q.zh.endswith(p.zh) and len(p.segments) > 1) and not _general_extension(p, q)]
        if inside and p.zh_count <= max(q.zh_count for q in inside):
            continue
        out.append(p)
    return sorted(out, key=lambda p: (-p.confidence, p.zh))


def _rendered_elsewhere(ctx: Context, longer: TermPair, shorter: TermPair) -> bool:
    """A word the longer term adds (换热器 of 换热器传热性能) that the dictionary finds
    translated somewhere in the English text but not in the span: the span renders the
    shorter term only."""
    zkey, short = term_key_zh(longer.zh), term_key_zh(shorter.zh)
    at = zkey.find(short)
    m = longer.match
    if at < 0 or m is None:
        return False
    span_stems = {t.stem for t in ctx.en.toks[m.a:m.b]}
    for piece, links in prepare(zkey, ctx.en).parts:
        if piece.single or piece.latin or not (piece.end <= at or piece.start >= at + len(short)):
            continue
        inside = any(m.a <= i < m.b for i in links)
        whole = not piece.sets or any(g <= span_stems for g in piece.sets)
        if links and (not inside or not whole):
            return True
    return False


def _occurrences(text: str, term: str) -> list[tuple[int, int]]:
    out = []
    at = text.find(term)
    while at >= 0:
        out.append((at, at + len(term)))
        at = text.find(term, at + 1)
    return out


def _drop_cutting(ctx: Context, pairs: list[TermPair]) -> list[TermPair]:
    """A term that, wherever it occurs, begins inside a keyword or another term takes that
    term's head without its modifier: 网络安全 of 无线网络|安全 (无线网络 a keyword),
    模型训练 of 语言模型|训练, 学习算法 of 深度学习|算法. Another term cuts only if it
    occurs somewhere without being cut back."""
    text = ctx.zh.text
    keys = {id(p): term_key_zh(p.zh) for p in pairs}
    where = {id(p): _occurrences(text, keys[id(p)]) for p in pairs}
    keyword_spans = [span for k in ctx.keywords_zh for span in _occurrences(text, term_key_zh(k.term)) if k.term]

    def enters(x: tuple[int, int], y: tuple[int, int]) -> bool:
        # y begins before x and ends inside it: x holds y's head without its modifier.
        # (One that begins inside x and runs on takes x's head as a modifier: 混合治理 in
        # 混合治理机制 with 治理机制; see the end of _resolve for such front pieces.)
        return y[0] < x[0] < y[1] < x[1]

    def crosses(x: tuple[int, int], y: tuple[int, int]) -> bool:
        return enters(x, y) or enters(y, x)

    def everywhere(spans, by, test) -> bool:
        return bool(spans) and all(any(test(s, u) for u in by) for s in spans)

    out = []
    for p in pairs:
        spans = where[id(p)]
        if everywhere(spans, keyword_spans, enters):
            continue
        cut = False
        for q in pairs:
            if q is p or not p.gap[0]:
                continue
            if everywhere(spans, where[id(q)], enters) and not everywhere(where[id(q)], spans, crosses):
                cut = True
                break
        if not cut:
            out.append(p)
    return out


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


def _general_extension(short: TermPair, long_: TermPair) -> bool:
    """The longer term is the shorter one plus a general head after it (运行温度 + 范围), and
    perhaps a general modifier before it too (传统 + 机器学习 + 方法)."""
    from termkit.chinese import segment

    at = long_.zh.find(short.zh)
    before, after = long_.zh[:at], long_.zh[at + len(short.zh):]
    if not after:
        return False  # only a general head counts (not 关键 before 维度)
    words = [w for part in (before, after) for w in segment(part) if any(map(is_han, w))]
    return bool(words) and all(dictionary().is_general(w) for w in words)
