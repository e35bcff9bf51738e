"""Chinese text as alignment sees it: clauses, jieba words, and candidate terms.

A candidate term is a run of one to four jieba words inside a clause, with no function word
(的, 和, 通过, 基于 ...) at either edge; quoted terms (“软法”), terms before a bracketed
abbreviation (均方根误差(RMSE)) and the document's own keywords are candidates too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

from termkit.extract.dictionary import word_set
from termkit.normalize import fold_width, han_count, has_han, is_han, to_simplified

# Words that never begin or end a term, and never sit inside one.
ZH_STOP = word_set("""
的 地 得 了 着 过 和 与 及 以及 或 或者 并 并且 而 而且 且 但 但是 然而 在 对 对于 为 为了 是 将 把 被 从 以 由 于 等 等等 中 上 下 后 前 时 其 该 此 这
这些 那 那些 各 每 一 一种 一个 一款 两 两种 两个 通过 基于 采用 利用 使用 提出 进行 实现 具有 得到 给出 可以 可 能 能够 会 也 都 还 又 更 最 很 较 不 没有 已
已经 之 所 个 种 们 本文 文中 我们 由于 因此 所以 同时 其中 如 如何 针对 根据 结合 作为 以便 从而 使 使得 让 要 需要 应 应该 即 就 才 都 对比 相比 比较 分别 首先
其次 然后 最后 进一步 主要 提供 表明 结果表明 研究表明 显示 发现 认为 包括 存在 用于 一定 一些 之间 下 内 外 间 向 到 至 给 按 经 因 因为 如果 虽然 以下 以上 本 该文
此外 另外 达到 达 约 可见 由此 由此可见 试图 希冀 旨在 通常 较好 更好 良好 有效 显著 明显 相应 不同 多种 各种 有关 相关 自身 整个
""")

MAX_SEGMENTS = 5
MAX_CHARS = 16
_CLAUSE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9\-/+·]+")
_QUOTED = re.compile(r"[“‘「『\"]([^”’」』\"\n]{1,16})[”’」』\"]")
_BEFORE_ABBR = re.compile(r"([\u3400-\u9fffA-Za-z0-9\-]{2,20})\s*[(（]\s*([A-Za-z][A-Za-z0-9/&+\-]{0,11})\s*[)）]")


# Characters that never begin or end a repeated string worth a look.
_STOP_CHARS = frozenset("的了和与及或在对为是将把被从以由于并而等中上下后前时其该此这那各每一之所个种们也都还又更最很较不已使让要应即就才如向到至给按经因若则但且地得着过")
REPEAT_MAX = 12
# Function characters never inside a repeated string: 风力发电机的故障 is a phrase.
_INNER_STOP_CHARS = frozenset("的了和与及或在对为是将把被从以由于并而之")


@cache
def _inner_char(c: str) -> bool:
    """A character a repeated string may hold (asked of every character of every clause)."""
    return is_han(c) and c not in _INNER_STOP_CHARS


@dataclass
class ZhCandidate:
    """A candidate Chinese term with how it was found."""

    text: str  # simplified, as matched
    segments: tuple[str, ...]
    count: int = 0
    quoted: bool = False
    abbreviation: str = ""
    first: int = 0  # offset of the first occurrence (for order evidence)
    # The words next to each occurrence (None: a clause boundary), to tell a fragment of a
    # longer compound (二阶 in 二阶微分) from a term used in several contexts.
    left: set = field(default_factory=set)
    right: set = field(default_factory=set)
    segmented: int = 0  # occurrences where jieba's words gave exactly this candidate


@dataclass
class ZhText:
    text: str  # simplified, width-folded
    candidates: dict[str, ZhCandidate] = field(default_factory=dict)
    original: str = ""  # width-folded, in the author's script (traditional stays traditional)
    ends: dict[int, str] = field(default_factory=dict)  # offset in ``text`` -> the jieba word ending there

    def display(self, cand: str) -> str:
        """A candidate as the author wrote it (traditional characters where they used them)."""
        if self.original and len(self.original) == len(self.text):
            at = self.text.find(cand)
            if at >= 0:
                return self.original[at:at + len(cand)]
        return cand

    @classmethod
    def of(cls, text: str, keywords: list[str] = ()) -> ZhText:
        from termkit.chinese import segment

        folded = fold_width(text)
        simple = to_simplified(folded)
        zt = cls(simple, original=folded)
        clauses: list[tuple[str, list[str]]] = []
        ends: dict[int, str] = {}
        for cm in _CLAUSE.finditer(simple):
            clause = cm.group(0)
            if not has_han(clause):
                continue
            words = segment(clause)
            clauses.append((clause, words))
            at = 0
            for w in words:
                found = clause.find(w, at)
                if found >= 0:
                    at = found + len(w)
                    ends[cm.start() + at] = w
            segs = [s for s in words if s.strip("-/+·")]
            han_in = [han_count(s) for s in segs]
            count = len(segs)
            for i in range(count):
                if segs[i] in ZH_STOP:
                    continue
                cand, han = "", 0
                for j in range(i, min(count, i + MAX_SEGMENTS)):
                    if segs[j] in ZH_STOP:
                        break
                    cand += segs[j]
                    han += han_in[j]
                    if len(cand) > MAX_CHARS:
                        break
                    if han < 1 or (han < 2 and j == i):
                        continue
                    c = zt.candidates.get(cand)
                    if c is None:
                        c = zt.candidates[cand] = ZhCandidate(cand, tuple(segs[i:j + 1]))
                    c.segmented += 1
                    c.left.add(segs[i - 1] if i > 0 else None)
                    c.right.add(segs[j + 1] if j + 1 < count else None)
        zt.ends = ends
        zt._repeats(clauses)
        for m in _QUOTED.finditer(simple):
            inner = m.group(1).strip()
            if 2 <= len(inner) <= 12 and any(is_han(c) for c in inner):
                c = zt.candidates.setdefault(inner, ZhCandidate(inner, (inner,)))
                c.quoted = True
        for m in _BEFORE_ABBR.finditer(simple):
            zt._abbreviated(m.group(1), m.group(2))
        for kw in keywords:
            k = to_simplified(fold_width(kw))
            if k in simple and k not in zt.candidates:
                zt.candidates[k] = ZhCandidate(k, (k,))
        for cand, c in zt.candidates.items():
            c.count = simple.count(cand)
            c.first = simple.find(cand)
        return zt

    def _repeats(self, clauses: list[tuple[str, list[str]]]) -> None:
        """Maximal repeated strings: a term jieba splits oddly still recurs as a whole."""

        counts: dict[str, int] = {}
        aligned: set[str] = set()  # repeats that start and end on word boundaries somewhere
        for clause, words in clauses:
            n = len(clause)
            bounds = {0}
            pos = 0
            for w in words:
                at = clause.find(w, pos)
                if at >= 0:
                    bounds.add(at)
                    bounds.add(at + len(w))
                    pos = at + len(w)
            inner = list(map(_inner_char, clause))
            for i in range(n):
                if not inner[i] or clause[i] in _STOP_CHARS:
                    continue
                end = i + 1
                limit = min(n, i + REPEAT_MAX + 1)
                while end < limit and inner[end]:
                    end += 1
                starts_word = i in bounds
                for j in range(i + 2, end + 1):
                    sub = clause[i:j]
                    counts[sub] = counts.get(sub, 0) + 1
                    if starts_word and j in bounds:
                        aligned.add(sub)
        repeated = {t: c for t, c in counts.items() if c >= 2}
        # A repeat's count can only fall as it grows: one character longer is enough to check.
        longer: dict[str, int] = {}
        for u, c in repeated.items():
            for part in (u[1:], u[:-1]):
                if longer.get(part, 0) < c:
                    longer[part] = c
        for t, c in repeated.items():
            if (len(t) > REPEAT_MAX or t in self.candidates or t[-1] in _STOP_CHARS or longer.get(t, 0) == c
                    or t not in aligned):
                continue  # known, ends badly, or always part of a longer repeat
            before = set()
            at = self.text.find(t)
            while at >= 0:
                before.add(self.text[at - 1] if at > 0 else None)
                at = self.text.find(t, at + 1)
            self.candidates[t] = ZhCandidate(t, _segments(t), left=before)

    def _abbreviated(self, before: str, abbr: str) -> None:
        from termkit.extract.candidates_en import is_abbreviation

        if not is_abbreviation(abbr):
            return
        # The term is the end of the text before the bracket: try its last few words.
        from termkit.chinese import segment

        segs = segment(before)
        for n in range(1, min(5, len(segs)) + 1):
            span = segs[-n:]
            if span[0] in ZH_STOP:
                break
            cand = "".join(span)
            c = self.candidates.get(cand)
            if c is None and sum(1 for ch in cand if is_han(ch)) >= 2:
                c = self.candidates[cand] = ZhCandidate(cand, tuple(span))
            if c is not None:
                c.abbreviation = abbr

    def counts(self) -> Counter:
        return Counter({k: c.count for k, c in self.candidates.items()})


@lru_cache(maxsize=100_000)
def _segments(term: str) -> tuple[str, ...]:
    """jieba's words of a short string (repeated strings recur across documents)."""
    from termkit.chinese import segment

    return tuple(segment(term))
