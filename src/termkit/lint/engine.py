"""Run the rules over drafts: the shared context, suppression, ordering.

:func:`lint_paths` is what ``termkit lint`` calls; :func:`lint_drafts` lints Drafts built by
any reader (the plug-in point for other inputs such as bilingual abstract documents).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from termkit.lint.finding import Finding, severity_rank
from termkit.lint.registry import Rule, code_matches, select_rules
from termkit.lint.segments import Draft, Field
from termkit.matcher import Match, Scan, TermMatcher
from termkit.normalize import han_ratio

if TYPE_CHECKING:
    from termkit.document import Document
    from termkit.extract import DocumentResult, KeywordPair
    from termkit.model import Entry


class Context:
    """What rules share: the glossary matcher, scans cached per text, the English lexicon,
    and for abstract documents the extractor's keyword evidence."""

    def __init__(self, matcher: TermMatcher | None = None):
        self.matcher = matcher
        self._scans: dict[str, Scan] = {}
        self._is_word: Callable[[str], bool] | None = None
        self._extractions: dict[int, tuple[Document, DocumentResult]] = {}
        self._entry_matchers: dict[tuple[str | None, str], TermMatcher] = {}

    def scan(self, f: Field) -> Scan:
        """Glossary matches in a field's text (empty without a glossary)."""
        got = self._scans.get(f.text)
        if got is None:
            got = self.matcher.scan(f.text) if self.matcher is not None else Scan([], [])
            self._scans[f.text] = got
        return got

    def matches(self, f: Field, lang: str) -> list[Match]:
        """Glossary matches of one language in a field; a Chinese term inside a longer
        dictionary word is not that term (数据 in 数据库, database)."""
        return [m for m in self.scan(f).matches
                if m.lang == lang and not (lang == "zh" and self.inside_longer_word(f.text, m.start, m.end))]

    def inside_longer_word(self, text: str, start: int, end: int) -> bool:
        """``text[start:end]`` (Chinese) lies inside a longer CC-CEDICT word of the text."""
        from termkit.cedict import load_cedict
        from termkit.normalize import is_han

        words = load_cedict()
        for a in range(max(0, start - 3), start + 1):
            for b in range(end, min(len(text), end + 3) + 1):
                if (a, b) != (start, end) and all(is_han(c) for c in text[a:b]) and text[a:b] in words:
                    return True
        return False

    def is_accepted(self, f: Field, start: int, end: int) -> bool:
        return self.scan(f).is_accepted(start, end) if self.matcher is not None else False

    def entries_in(self, text: str, lang: str) -> frozenset:
        """Keys of the entries whose terms occur in ``text`` (alignment anchors)."""
        if self.matcher is None:
            return frozenset()
        return frozenset(entry_key(m) for m in self.matcher.scan(text).matches if m.lang == lang)

    def entry_matches(self, entry: Entry, f: Field, lang: str) -> list[Match]:
        """Where one entry's terms occur in a field, inside longer glossary terms too.

        The glossary scan is longest-match-first, so 术语库 inside 术语库管理 is not one
        of its matches; rules asking "does the source say this entry's term at all?" use this.
        """
        key = (entry.file, entry.id)
        m = self._entry_matchers.get(key)
        if m is None:
            m = self._entry_matchers[key] = TermMatcher([entry])
        return [x for x in m.find(f.text)
                if x.lang == lang and not (lang == "zh" and self.inside_longer_word(f.text, x.start, x.end))]

    def extraction(self, doc: Document) -> DocumentResult:
        """What the extractor makes of an abstract document: keyword pairs with their
        evidence, and its TK501-TK503 warnings (worked out once per document)."""
        got = self._extractions.get(id(doc))
        if got is None:
            from termkit.extract import extract_document

            # The document is kept with its result so that its id is not reused.
            got = self._extractions[id(doc)] = (doc, extract_document(doc))
        return got[1]

    def keyword_pairs(self, doc: Document) -> list[KeywordPair]:
        """The document's keyword lists paired by evidence (the extractor's alignment)."""
        return self.extraction(doc).keyword_pairs

    def is_common_word(self, word: str) -> bool:
        """A lower-case word both CC-CEDICT's glosses and simplemma know (each alone has
        names, abbreviations and scraps: "diff", "tis")."""
        if not self.is_word(word):
            return False
        import simplemma

        from termkit.cedict import load_cedict

        return word in load_cedict().english_words and simplemma.is_known(word, lang="en")

    @staticmethod
    def splits_into_words(token: str) -> bool:
        """The extractor's word-cost splitter takes ``token`` apart: it is no word, no
        misspelt word ("recieved" is not "re cieved"), no name and no abbreviation."""
        from termkit.extract.candidates_en import split_glued

        return split_glued(token) is not None

    @staticmethod
    def is_english(f: Field) -> bool:
        """English text: the field is a target and mostly Latin letters."""
        return f.lang == "en" and han_ratio(f.text) < 0.3

    def english_blocks(self, draft: Draft) -> Iterator[Field]:
        """The draft's blocks of English text, which the typography rules read."""
        return (block for block in draft.blocks if self.is_english(block))

    def is_word(self, word: str) -> bool:
        """A lower-case English word: CC-CEDICT's English glosses or simplemma's dictionary."""
        if self._is_word is None:
            import simplemma

            from termkit.cedict import load_cedict

            lexicon = load_cedict().english_words

            def is_word(w: str) -> bool:
                return w in lexicon or simplemma.is_known(w, lang="en")

            self._is_word = is_word
        return self._is_word(word)


def entry_key(m: Match) -> tuple[str | None, str]:
    """Identity of a match's entry across glossary files: (file, id)."""
    return (m.entry.file if m.entry is not None else None, m.entry_id)


@dataclass
class LintResult:
    """Findings of one run, sorted by path, line, column; the drafts they came from."""

    findings: list[Finding] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


def _suppressed(f: Finding, draft: Draft, segment_ignores: dict[str, frozenset[str]]) -> bool:
    codes = draft.markers.get(f.line)
    if codes is not None and (not codes or code_matches(f.code, codes)):
        return True
    seg = segment_ignores.get(f.segment)
    return seg is not None and code_matches(f.code, seg)


def lint_drafts(
    drafts: Sequence[Draft],
    ctx: Context,
    rules: Sequence[Rule],
    severity: str = "info",
) -> list[Finding]:
    """Every finding of ``rules`` on ``drafts`` at ``severity`` or above, suppressions applied."""
    threshold = severity_rank(severity)
    out: list[Finding] = []
    for draft in drafts:
        segment_ignores = {s.id: s.ignore for s in draft.segments if s.id and s.ignore}
        seen: set[Finding] = set()
        for rule in rules:
            if severity_rank(rule.severity) < threshold:
                continue
            if rule.needs_glossary and ctx.matcher is None:
                continue
            found = [f for f in rule.check(draft, ctx) if f is not None]
            for f in _name_units(found, draft):
                if f in seen or _suppressed(f, draft, segment_ignores):
                    continue
                seen.add(f)
                out.append(f)
    out.sort(key=Finding.sort_key)
    return out


def _name_units(findings: list[Finding], draft: Draft) -> list[Finding]:
    """Give findings on a unit's target (an XLIFF/TMX/PO unit, a keyword, a title) the unit's
    id: rules that read blocks do not know it."""
    units = []
    for s in draft.segments:
        if s.kind in ("unit", "keyword", "title") and s.id and s.target is not None:
            end = s.target.position(len(s.target.text))
            units.append(((s.target.line, s.target.column), end, s.id))
    if not units:
        return findings
    out = []
    for f in findings:
        if not f.segment:
            for start, end, uid in units:
                if start <= (f.line, f.column) < end:
                    f = replace(f, segment=uid)
                    break
        out.append(f)
    return out


def lint_paths(
    paths: Iterable[str],
    matcher: TermMatcher | None = None,
    source: str | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    severity: str = "info",
    encoding: str | None = None,
    stdin_text: str | None = None,
) -> LintResult:
    """Lint files and folders (``-`` is stdin) against a matcher's glossaries.

    ``source`` is the Chinese source of a single plain draft; the two are aligned first.
    """
    from termkit.errors import UsageError
    from termkit.lint.inputs import collect_paths, read_draft

    rules = select_rules(select, ignore)
    files = collect_paths(paths)
    if not files:
        raise UsageError("no drafts to lint (.txt, .md, .xlf, .xliff, .tmx, .po)")
    if source and len(files) != 1:
        raise UsageError("--source pairs one source with one draft; lint several drafts one at a time")
    ctx = Context(matcher)
    drafts = [read_draft(p, encoding, source, ctx.entries_in, stdin_text, ctx.keyword_pairs) for p in files]
    findings = lint_drafts(drafts, ctx, rules, severity)
    return LintResult(findings, drafts, rules)
