"""Extraction of aligned Chinese-English terms from bilingual abstracts.

    >>> from termkit.extract import extract
    >>> result = extract(["seeds/"])
    >>> result.entries[0].zh, result.entries[0].en
    ('人工智能', 'artificial intelligence')

:func:`extract` reads documents (files or folders) and returns glossary entries and warnings;
:func:`extract_document` does one parsed :class:`~termkit.document.Document`;
:func:`align_keywords` pairs a document's keyword lists (lint uses it to check them).
No command-line code lives here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from termkit.document import Document, ExtractWarning, display_path, document_files, read_document
from termkit.errors import InputError, UsageError
from termkit.extract.context import Context
from termkit.extract.keywords import KeywordPair, align_keywords
from termkit.extract.terms import TermPair, align_terms
from termkit.model import Entry

__all__ = [
    "DocumentResult",
    "ExtractWarning",
    "Extraction",
    "KeywordPair",
    "TermPair",
    "align_keywords",
    "extract",
    "extract_document",
    "extract_documents",
]

DEFAULT_MIN_CONFIDENCE = 0.6


@dataclass
class DocumentResult:
    """What one document gave: keyword pairs, term pairs, entries (unmerged) and warnings."""

    path: str
    keyword_pairs: list[KeywordPair]
    term_pairs: list[TermPair]
    entries: list[Entry]
    warnings: list[ExtractWarning]


@dataclass
class Extraction:
    """The merged result over documents: entries (ids and fingerprints set) and warnings."""

    entries: list[Entry] = field(default_factory=list)
    warnings: list[ExtractWarning] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


def extract_document(doc: Document, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> DocumentResult:
    """Align one document's keywords and terms; entries carry no id yet."""
    from termkit.extract.entries import build_entries
    from termkit.extract.warnings import glued_word_warnings, keyword_warnings

    ctx = Context.of(doc)
    pairs = align_keywords(ctx)
    ctx.learn(pairs)
    terms = align_terms(ctx)
    entries, renderings = build_entries(ctx, pairs, terms, min_confidence)
    warnings = list(doc.warnings)
    warnings += keyword_warnings(ctx, pairs, renderings)
    warnings += glued_word_warnings(ctx)
    return DocumentResult(doc.path, pairs, terms, entries, warnings)


def extract_documents(docs: Iterable[Document], min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Extraction:
    """Extract from parsed documents and merge the same term across them."""
    return _combine([extract_document(d, min_confidence) for d in docs])


def extract(
    paths: Sequence[str | os.PathLike],
    encoding: str | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    jobs: int = 1,
) -> Extraction:
    """Extract from files and folders (a folder: every ``*.txt`` in it, sorted).

    A file named directly that is not a bilingual abstract raises InputError; one found in a
    folder is skipped with a warning. ``jobs`` > 1 spreads the documents over processes;
    the result is the same as with one.
    """
    if not 0 <= min_confidence <= 1:
        raise UsageError("--min-confidence must be between 0 and 1")
    if jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    tasks: list[tuple[str, bool]] = []
    for p in paths:
        for f in document_files([p]):
            tasks.append((display_path(f), os.path.isdir(p)))
    seen: set[str] = set()
    tasks = [t for t in tasks if not (t[0] in seen or seen.add(t[0]))]
    if jobs > 1 and len(tasks) > 1:
        results = _parallel(tasks, encoding, min_confidence, jobs)
    else:
        results = [_one(path, in_folder, encoding, min_confidence) for path, in_folder in tasks]
    extraction = _combine([r for r in results if isinstance(r, DocumentResult)])
    skipped = [r for r in results if isinstance(r, ExtractWarning)]
    extraction.warnings = sorted(skipped + extraction.warnings, key=_warning_order)
    return extraction


def _one(path: str, in_folder: bool, encoding: str | None, min_confidence: float):
    try:
        doc = read_document(path, encoding)
    except InputError as exc:
        if not in_folder:
            raise
        return ExtractWarning("TK500", f"skipped: {exc.message}", path)
    return extract_document(doc, min_confidence)


def _warm() -> None:
    """Load the dictionary and the segmenter once per worker process."""
    from termkit.chinese import segment
    from termkit.extract.dictionary import dictionary

    dictionary()
    segment("预热")


def _run(args):
    result = _one(*args)
    if isinstance(result, DocumentResult):
        # Only what merging needs goes back to the parent: pickling the alignment's
        # working data (matches, fields) would cost more than it took to make.
        result = DocumentResult(result.path, [], [], result.entries, result.warnings)
    return result


def _parallel(tasks, encoding, min_confidence, jobs):
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    context = None
    if sys.platform.startswith("linux"):
        # Forked workers share the parent's loaded dictionary, segmenter and warm caches
        # instead of each loading its own (spawned ones do that in _warm).
        _warm()
        context = multiprocessing.get_context("fork")
    # Chunks big enough to keep the workers busy between messages, small enough to share
    # the work evenly.
    chunk = max(1, min(32, len(tasks) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm) as pool:
        return list(pool.map(_run, [(p, f, encoding, min_confidence) for p, f in tasks], chunksize=chunk))


def _warning_order(w: ExtractWarning):
    return (w.source, w.line or 0, w.column or 0, w.code, w.message)


def _combine(results: list[DocumentResult]) -> Extraction:
    """Merge entries across documents: one entry per Chinese term, sources combined."""
    from termkit.extract.entries import merge_entries

    out = Extraction(documents=[r.path for r in results])
    out.entries = merge_entries([e for r in results for e in r.entries])
    out.warnings = sorted((w for r in results for w in r.warnings), key=_warning_order)
    return out
