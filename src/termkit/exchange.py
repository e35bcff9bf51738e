"""Export glossaries to TBX/CSV/TSV and import exchange files into a TOML glossary.

The command line's ``export`` and ``import`` are thin wrappers over :func:`export_glossaries`
and :func:`import_files`; :func:`load_exchange_glossary` lets every command read a TBX or CSV
file given with ``-g`` as a read-only glossary.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from termkit.errors import UsageError
from termkit.formats import WRITABLE, ImportResult, format_name_for_path, get_format, read_path
from termkit.glossary import (
    Glossary,
    MergeReport,
    _zh_key,
    load_glossary,
    make_id,
    merge,
    save_glossary,
)
from termkit.model import Entry
from termkit.wording import counted


@dataclass
class ExportResult:
    """The file's bytes and what a person should know about what went in."""

    data: bytes
    format: str
    count: int
    skipped_rejected: int = 0
    renamed: list[str] = field(default_factory=list)  # "old -> new" ids made unique across glossaries


def export_glossaries(glossaries: Sequence[Glossary], fmt: str, *, include_rejected: bool = False,
                      bom: bool = False, tbx_version: int = 3, formula_guard: bool = True) -> ExportResult:
    """Write the entries of ``glossaries`` (in file order) as ``fmt`` (tbx, csv or tsv).

    Rejected entries are left out unless ``include_rejected``: a CAT tool would treat them
    as valid terms. Ids are unique in the output (an id used by two glossaries gets a suffix).
    """
    if fmt not in WRITABLE:
        raise UsageError(f"termkit cannot write {fmt!r}; choose one of {', '.join(WRITABLE)}")
    if bom and fmt == "tbx":
        raise UsageError("--bom applies to csv and tsv only (XML declares its own encoding)")
    entries: list[Entry] = []
    skipped = 0
    taken: set[str] = set()
    renamed: list[str] = []
    for g in glossaries:
        for e in g.entries:
            if e.rejected and not include_rejected:
                skipped += 1
                continue
            if e.id in taken:
                new_id = make_id(e.zh, e.en, taken | {e.id}, pinyin=e.pinyin or "")
                renamed.append(f"{e.id} -> {new_id}")
                e = replace(e, id=new_id)
            taken.add(e.id)
            entries.append(e)
    title = "; ".join(dict.fromkeys(g.title for g in glossaries if g.title))
    accept = list(dict.fromkeys(t for g in glossaries for t in g.accept))
    names = ", ".join(Path(g.path).name for g in glossaries if g.path)
    description = f"Exported by termkit from {names}" if names else "Exported by termkit"
    data = get_format(fmt).write(entries, title=title, accept=accept, version=tbx_version, description=description,
                                 bom=bom, formula_guard=formula_guard)
    return ExportResult(data, fmt, len(entries), skipped, renamed)


# --------------------------------------------------------------------------- import


@dataclass
class ImportReport:
    """What an import did: per-file results, and the merge into the output glossary."""

    output: str
    files: list[ImportResult] = field(default_factory=list)
    merge: MergeReport = field(default_factory=MergeReport)
    created: bool = False
    demoted_duplicates: int = 0  # entries whose preferred Chinese term another entry already had
    folded_duplicates: int = 0  # Chinese-only entries folded into an earlier one with the same term

    def messages(self) -> list[str]:
        out = []
        for r in self.files:
            enc = f", {r.encoding}" if r.encoding and r.format in ("csv", "tsv", "cedict") else ""
            out.append(f"{r.path}: read {counted(len(r.entries), 'entry', 'entries')} ({r.format}{enc})")
            out.extend(r.messages())
        if self.demoted_duplicates:
            out.append(f"{counted(self.demoted_duplicates, 'entry', 'entries')} with the preferred Chinese term of an"
                       " earlier entry: each keeps it as an admitted variant, so that both concepts stay")
        if self.folded_duplicates:
            out.append(f"{counted(self.folded_duplicates, 'Chinese-only entry', 'Chinese-only entries')} repeating an earlier"
                       " entry's Chinese term: the terms were added to that entry")
        m = self.merge
        verb = "created" if self.created else "merged into"
        out.append(f"{verb} {self.output}: {len(m.added)} added, {len(m.updated)} updated, {len(m.unchanged)} unchanged,"
                   f" {len(m.kept)} kept as you had them, {len(m.skipped_rejected)} skipped (rejected or deleted)")
        out.extend(f"conflict: {c}" for c in m.conflicts)
        return out


def read_files(paths: Sequence[str | os.PathLike], fmt: str | None = None, encoding: str | None = None,
               max_bytes: int | None = None) -> list[ImportResult]:
    """Read every exchange file; ``fmt`` overrides the extension; ``cedict`` names the bundled dictionary."""
    from termkit.formats.cedict import is_bundled

    options = {"max_bytes": max_bytes} if max_bytes else {}
    results = []
    for p in paths:
        name = fmt or ("cedict" if is_bundled(p) else format_name_for_path(p))
        if name is None:
            raise UsageError(f"cannot tell the format of {p} from its extension; name it with --format"
                             " (tbx|csv|tsv|cedict)")
        results.append(get_format(name).read(p, encoding=encoding, **options))
    return results


def dedupe(entries: list[Entry]) -> tuple[int, int, list[Entry]]:
    """One preferred Chinese term per entry, as the glossary format requires.

    An entry whose preferred Chinese term an earlier entry already has keeps it as an admitted
    variant, so that both concepts stay; if it has no English term either, its terms are
    added to the earlier entry instead. Returns (demoted, folded, remaining entries).
    """
    by_zh: dict[str, Entry] = {}
    demoted = folded = 0
    out: list[Entry] = []
    for e in entries:
        if e.zh and not e.rejected:
            # The same key the glossary validator uses for "the same Chinese term".
            key = _zh_key(e.zh)
            first = by_zh.get(key)
            if first is None:
                by_zh[key] = e
            elif e.en:
                variants = e.variants.setdefault("zh", [])
                if e.zh not in variants:
                    variants.insert(0, e.zh)
                e.zh = ""
                demoted += 1
            else:
                _fold(first, e)
                folded += 1
                continue
        out.append(e)
    return demoted, folded, out


def _fold(into: Entry, other: Entry) -> None:
    for attr in ("variants", "deprecated"):
        mine = getattr(into, attr)
        for lang, items in getattr(other, attr).items():
            bucket = mine.setdefault(lang, [])
            bucket.extend(t for t in items if t not in bucket and t != getattr(into, lang, None))


def fill_pinyin(entries: Sequence[Entry]) -> None:
    """Pinyin for entries from other tools (no id yet) that have a Chinese term but no pinyin."""
    from termkit.chinese import to_pinyin

    for e in entries:
        if not e.id and e.zh and not e.pinyin:
            e.pinyin = to_pinyin(e.zh)


def assign_ids(entries: Sequence[Entry], taken: set[str] | None = None) -> None:
    """Keep ids that are free; give the others one from the entry's pinyin, else from the English.

    An empty pinyin is passed on as it is, so make_id never converts Chinese here (fast).
    """
    taken = set() if taken is None else taken
    for e in entries:
        if not e.id or e.id in taken:
            e.id = make_id(e.zh, e.en, taken, e.pinyin)
        taken.add(e.id)


def combine(old: Entry, new: Entry) -> Entry:
    """``new`` with everything ``old`` had that ``new`` lacks: nothing an earlier import brought is lost.

    The new preferred terms win; the old ones become admitted variants (or stay deprecated,
    if the new data deprecates them). Lists are united. Where both have a different subject,
    definition or part of speech, the new value wins and the old one is kept in the note.
    """
    out = replace(new, variants={k: list(v) for k, v in new.variants.items()},
                  deprecated={k: list(v) for k, v in new.deprecated.items()}, context=dict(new.context),
                  sources=list(new.sources), evidence=list(new.evidence))
    for lang in sorted({"zh", "en", *old.variants, *old.deprecated, *new.variants, *new.deprecated}):
        preferred = getattr(out, lang, "") if lang in ("zh", "en") else ""
        if lang in ("zh", "en") and not preferred:
            preferred = getattr(old, lang)
            setattr(out, lang, preferred)
        deprecated = out.deprecated.get(lang, [])
        variants = out.variants.get(lang, [])
        old_allowed = ([getattr(old, lang)] if lang in ("zh", "en") and getattr(old, lang) else []) + old.variants.get(lang, [])
        variants += [t for t in old_allowed if t != preferred and t not in variants and t not in deprecated]
        deprecated += [t for t in old.deprecated.get(lang, []) if t != preferred and t not in variants and t not in deprecated]
        for key, items in (("variants", variants), ("deprecated", deprecated)):
            if items:
                getattr(out, key)[lang] = items
    notes = [n for n in (old.note, new.note) if n]
    for name in ("pos", "subject", "definition"):
        mine, theirs = getattr(new, name), getattr(old, name)
        if not mine:
            setattr(out, name, theirs)
        elif theirs and theirs != mine:
            notes.append(f"{name} (earlier): {theirs}")
    for lang, text in old.context.items():
        out.context.setdefault(lang, text)
    out.note = "\n".join(n for i, n in enumerate(notes) if not any(n in m for m in notes[:i]))
    out.pinyin = new.pinyin or old.pinyin
    out.confidence = new.confidence if new.confidence is not None else old.confidence
    out.sources = list(dict.fromkeys([*old.sources, *new.sources]))
    out.evidence = list(dict.fromkeys([*old.evidence, *new.evidence]))
    out.id = old.id
    return out


def combine_with_existing(glossary: Glossary, incoming: Sequence[Entry]) -> list[Entry]:
    """Each incoming entry combined with the entry merge() will match it to (same matching order)."""
    by_id = {e.id: e for e in glossary.entries}
    by_zh: dict[str, Entry] = {}
    by_en: dict[str, Entry] = {}
    for e in glossary.entries:
        for term, _status in e.terms("zh"):
            by_zh.setdefault(_zh_key(term), e)
        if not e.zh and e.en:
            by_en.setdefault(e.en.casefold(), e)
    out = []
    for new in incoming:
        old = (by_id.get(new.id) if new.id else None) or (
            by_zh.get(_zh_key(new.zh)) if new.zh else by_en.get(new.en.casefold()))
        out.append(combine(old, new) if old is not None and not old.rejected else new)
    return out


def import_files(paths: Sequence[str | os.PathLike], output: str | os.PathLike, fmt: str | None = None,
                 encoding: str | None = None, max_bytes: int | None = None) -> ImportReport:
    """Import exchange files into the TOML glossary ``output``, creating or merging into it.

    A new glossary gets the entries as read (termkit's own exports keep their ids and
    fingerprints). An existing one is merged with :func:`termkit.glossary.merge`, which never
    overwrites an entry a person reviewed, edited or rejected, and reports conflicts.
    """
    out_path = Path(output)
    if out_path.suffix.lower() != ".toml":
        raise UsageError(f"the output must be a .toml glossary file, not {output}")
    if out_path.is_dir():
        raise UsageError(f"{output} is a folder; name a .toml file in it")
    results = read_files(paths, fmt, encoding, max_bytes)
    report = ImportReport(output=str(output), files=results)
    # Machine-made entries get a fingerprint (as an extraction does): those from other tools
    # (no id yet) and dictionary entries. termkit's own exports keep what they carried.
    fresh = {id(e) for r in results for e in r.entries if not e.id or r.format == "cedict"}
    report.demoted_duplicates, report.folded_duplicates, incoming = dedupe([e for r in results for e in r.entries])
    fill_pinyin(incoming)
    if out_path.exists():
        glossary = load_glossary(out_path)
        # Machine-made entries are matched by their terms, not by an id that happens to be the
        # same slug (shishi: 事实 or 实施); merge() gives new ones an id.
        for e in incoming:
            if id(e) in fresh:
                e.id = ""
        # merge() replaces an untouched entry by its match; combining them first keeps what the
        # earlier import brought (a second termbase adds to the first, it does not erase it).
        report.merge = merge(glossary, combine_with_existing(glossary, incoming))
    else:
        report.created = True
        assign_ids(incoming)
        for e in incoming:
            if id(e) in fresh and e.origin != "manual":
                e.fingerprint = e.compute_fingerprint()
        titles = [r.title for r in results if r.title]
        accept = list(dict.fromkeys(t for r in results for t in r.accept))
        glossary = Glossary(entries=incoming, title=titles[0] if titles else "", accept=accept,
                            history={e.id for e in incoming})
        report.merge = MergeReport(added=[e.id for e in incoming])
    # The entries are valid by construction (ids from make_id, one preferred Chinese term per
    # entry, language tags checked by lang_key); re-parsing 120,000 entries would double the time.
    save_glossary(glossary, out_path)
    return report


def load_exchange_glossary(path: str | os.PathLike) -> Glossary:
    """A TBX/CSV/TSV file as a read-only Glossary, for ``-g`` on any command."""
    result = read_path(path)
    _demoted, _folded, entries = dedupe(result.entries)
    # No fill_pinyin here: converting 100,000 Chinese terms takes seconds, too slow for every
    # lookup. Ids come from a pinyin the file carries, else from the English.
    assign_ids(entries)
    return Glossary(entries=entries, title=result.title, accept=list(result.accept), path=str(path),
                    read_only=True)
