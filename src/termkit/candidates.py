"""Which keys can be similar enough: lossless n-gram filtering for rapidfuzz's ``ratio``.

``ratio`` is 2 L / (m + n) (in percent), L the longest common subsequence of a query of
length m and a key of length n. For a cutoff, a key of length n must keep ``L >= lcs_needed``
characters of the query, so an optimal alignment deletes at most ``a = m - L`` query
characters and inserts key characters into at most ``b = n - L`` gaps of it.

The query's n-grams (q characters: q = 1 for Chinese characters, q = 3 for padded letter
trigrams) sit at positions 0, 1, 2, ...; a gram whose characters are all kept, with nothing
inserted between them, is a gram of the key too. A deletion spoils the q consecutive grams
holding the deleted character, an insertion the q - 1 grams spanning its gap: each is a
*window* of consecutive positions. Pick positions of the query pairwise ``gap`` or more
apart (a *chain*): a window of width w holds at most ceil(w / gap) of them, so the
alignment spoils at most ``destroyable(q, gap, a, b)`` of the chain, and a chain of that
many positions plus t has at least t grams the key shares. The key is therefore in the
posting lists of at least t of the chain's grams (a gram at two chain positions counts
twice).

That is the classic q-gram count filter (gap 1) generalised: spread-out positions need far
fewer lists (a + b + 1 trigrams three apart instead of 3a + 2b + 1 trigrams), and chains
of rare grams are picked greedily (by a small dynamic programme when greedy picks block
every chain that would fit). Asking for two shared grams rather than one reads one more
list but leaves few candidates to score. When no chain fits in a short query, every key of
that length is a candidate: nothing is ever left out that can reach the cutoff.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Sequence

_INF = float("inf")

# Scoring a candidate costs several times reading one posting entry: a plan that needs one
# shared gram (every entry it reads is a candidate) counts its reads this many times over.
_ONE_GRAM_COST = 6


def length_range(m: int, cutoff: float) -> tuple[int, int]:
    """Lengths a key can have and still reach ``ratio >= cutoff`` against a key of length m."""
    return math.ceil(m * cutoff / (200 - cutoff) - 1e-9), math.floor(m * (200 - cutoff) / cutoff + 1e-9)


def lcs_needed(m: int, n: int, cutoff: float) -> int:
    """The longest common subsequence two strings of lengths m and n need for ``ratio >= cutoff``."""
    return math.ceil(cutoff * (m + n) / 200 - 1e-9)


def destroyable(q: int, gap: int, a: int, b: int) -> int:
    """Chain positions (pairwise ``gap`` or more apart) that ``a`` deletions and ``b``
    insertion gaps can spoil among the query's q-grams: a deletion spoils a window of q
    consecutive positions, an insertion one of q - 1."""
    return a * -(-q // gap) + b * -(-(q - 1) // gap)


class GramFilter:
    """Candidate keys for one query: its n-grams, their posting lists and chains of them.

    ``grams``: the query's n-grams by position (q characters each); ``sizes``: the length of
    the posting list (sorted positions of keys) of each gram the index has (a gram it lacks
    is in no key); ``fetch``: reads the lists of some grams, only once a plan needs them.
    Keys are sorted by length: those of length n are at [starts[n], starts[n + 1]), where
    ``starts`` ends with one entry past the longest length.
    """

    def __init__(self, grams: list[str], q: int, sizes: dict[str, int],
                 fetch: Callable[[list[str]], dict[str, Sequence[int]]], starts: Sequence[int]):
        self.grams = grams
        self.q = q
        self.sizes = sizes
        self._fetch = fetch
        self.lists: dict[str, Sequence[int]] = {}
        self._starts = starts
        self._cost = [sizes.get(g, 0) for g in grams]
        # Positions whose gram some key has: a key shares no other.
        self._present = sum(1 for g in grams if g in sizes)
        self._rows: dict[int, list[tuple[list[float], list[int]]]] = {}
        self._order: list[int] | None = None
        self._greedy: dict[int, tuple[list[int], list[float]]] = {}
        self._chains: dict[tuple[int, int], tuple[float, list[int]] | None] = {}
        self._plans: dict[tuple[int, int], tuple[list[tuple[str, int]], int] | None] = {}

    # ------------------------------------------------------------------ chains

    def chain(self, gap: int, k: int) -> tuple[float, list[int]] | None:
        """The cheapest k positions pairwise ``gap`` or more apart (cost: the total length of
        their posting lists), or None when k such positions do not fit in the query."""
        if k < 1 or (k - 1) * gap + 1 > len(self._cost):
            return None
        if (gap, k) not in self._chains:
            self._chains[gap, k] = self._cheapest_chain(gap, k)
        return self._chains[gap, k]

    def _greedy_chain(self, gap: int) -> tuple[list[int], list[float]]:
        """Positions picked greedily, cheapest first, skipping those closer than ``gap`` to
        one already picked, and the running total of their costs: its first k positions are
        a chain of k (the cheapest for gap 1, near it otherwise)."""
        if gap in self._greedy:
            return self._greedy[gap]
        cost = self._cost
        if self._order is None:
            self._order = sorted(range(len(cost)), key=cost.__getitem__)
        picked: list[int] = []
        totals: list[float] = []
        free = [True] * (len(cost) + gap)
        total = 0.0
        for i in self._order:
            if free[i]:
                picked.append(i)
                total += cost[i]
                totals.append(total)
                free[max(i - gap + 1, 0):i + gap] = [False] * (i + gap - max(i - gap + 1, 0))
        self._greedy[gap] = picked, totals
        return picked, totals

    def _cheapest_chain(self, gap: int, k: int) -> tuple[float, list[int]] | None:
        cost, size = self._cost, len(self._cost)
        rows = self._rows.setdefault(gap, [])
        if not rows:
            rows.append(([float(c) for c in cost], []))
        while len(rows) < k:
            # rows[j][0][i]: the cheapest chain of j + 1 positions ending at i.
            prev = rows[-1][0]
            row, back = [_INF] * size, [-1] * size
            best, arg = _INF, -1
            for i in range(gap, size):
                j = i - gap
                if prev[j] < best:
                    best, arg = prev[j], j
                if arg >= 0:
                    row[i], back[i] = cost[i] + best, arg
            rows.append((row, back))
        row = rows[k - 1][0]
        end = min(range(size), key=row.__getitem__)
        if row[end] == _INF:
            return None
        total, positions = row[end], [end]
        for j in range(k - 1, 0, -1):
            end = rows[j][1][end]
            positions.append(end)
        return total, positions[::-1]

    def plan(self, a: int, b: int) -> tuple[list[tuple[str, int]], int] | None:
        """The lists to read for keys an alignment with ``a`` deletions and ``b`` insertion
        gaps can reach: ([(gram, times it counts)], grams a key must share), or None when
        no chain fits (the caller then takes every key of those lengths).

        Chains of every gap are weighed, asking for two shared grams or for one (whose every
        list entry is then a candidate to score); greedy chains first, the dynamic
        programme only when greedy choices fit none.
        """
        plan = self._plans.get((a, b), False)
        if plan is not False:
            return plan
        q = self.q
        best: tuple[float, list[int], int] | None = None
        for gap in range(1, q + 1):
            spoilt = destroyable(q, gap, a, b)
            picked, totals = self._greedy_chain(gap)
            for need, weight in ((2, 1), (1, _ONE_GRAM_COST)):
                k = spoilt + need
                if k <= len(picked) and (best is None or totals[k - 1] * weight < best[0]):
                    best = (totals[k - 1] * weight, picked[:k], need)
        if best is None:
            for gap in range(2, q + 1):
                for need, weight in ((2, 1), (1, _ONE_GRAM_COST)):
                    found = self.chain(gap, destroyable(q, gap, a, b) + need)
                    if found is not None and (best is None or found[0] * weight < best[0]):
                        best = (found[0] * weight, found[1], need)
        plan = None
        if best is not None:
            weights: dict[str, int] = {}
            for p in best[1]:
                g = self.grams[p]
                if g in self.sizes:
                    weights[g] = weights.get(g, 0) + 1
            plan = (sorted(weights.items()), best[2])
        self._plans[a, b] = plan
        return plan

    # ------------------------------------------------------------------ candidates

    def candidates(self, cutoff: float) -> tuple[set[int], list[tuple[int, int]]]:
        """Keys that can reach ``ratio >= cutoff``: (positions to score, [start, end) ranges of
        keys to score wholesale)."""
        return self.within(self.spans(cutoff))

    def spans(self, cutoff: float) -> list[tuple[int, int, int]]:
        """(n, a, b) for each key length n that can reach ``ratio >= cutoff`` and may share
        enough n-grams: an alignment keeps all but a of the query's characters and inserts
        into at most b gaps."""
        m = len(self.grams)  # one gram per query character (padded trigrams too)
        shortest, longest = length_range(m, cutoff)
        out = []
        for n in range(max(shortest, 1), longest + 1):
            lcs = lcs_needed(m, n, cutoff)
            # All positions form a chain of gap 1: a key shares that many grams less what the
            # alignment can spoil, and it shares none but the ones some key has.
            if lcs <= min(m, n) and self._present >= m - destroyable(self.q, 1, m - lcs, n - lcs):
                out.append((n, m - lcs, n - lcs))
        return out

    def one_slip(self) -> tuple[set[int], list[tuple[int, int]]]:
        """Keys one slip away from the query (a letter left out, added, swapped or
        replaced): some of them, when the query is a typo, make a good first guess."""
        m = len(self.grams)
        return self.within([(m - 1, 1, 0), (m, 1, 1), (m + 1, 0, 1)])

    def within(self, spans: list[tuple[int, int, int]]) -> tuple[set[int], list[tuple[int, int]]]:
        """Keys of length n that an alignment with at most a deletions and b insertion gaps
        reaches, for each (n, a, b) of ``spans``: as :meth:`candidates`."""
        starts, top, size = self._starts, len(self._starts) - 1, len(self.grams)
        # (gram, whether every key in its list is a candidate) -> ranges of key positions
        # whose lengths read that list; neighbouring lengths that read it are one range.
        reads: dict[tuple[str, bool], list[list[int]]] = {}
        scans: list[tuple[int, int]] = []
        for n, a, b in spans:
            if n < 1 or n >= top:
                continue
            start, end = starts[n], starts[n + 1]
            if start == end or self._present < size - destroyable(self.q, 1, a, b):
                continue  # see spans()
            plan = self.plan(a, b)
            if plan is None:
                if scans and scans[-1][1] == start:
                    scans[-1] = (scans[-1][0], end)
                else:
                    scans.append((start, end))
                continue
            weights, need = plan
            for g, times in weights:
                ranges = reads.setdefault((g, need == 1 or times >= 2), [])
                if ranges and ranges[-1][1] == start:
                    ranges[-1][1] = end
                else:
                    ranges.append([start, end])
        missing = sorted({key[0] for key in reads} - self.lists.keys())
        if missing:
            self.lists.update(self._fetch(missing))
        out: set[int] = set()
        seen: set[int] = set()  # keys of different lengths never meet: one set serves all
        for (g, every), ranges in reads.items():
            ids = self.lists[g]
            for start, end in ranges:
                lo = bisect_left(ids, start)
                part = ids[lo:bisect_left(ids, end, lo)].tolist()
                if every:
                    out.update(part)
                else:
                    out.update(seen.intersection(part))
                    seen.update(part)
        return out, scans
