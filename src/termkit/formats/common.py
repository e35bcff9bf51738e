"""Rules every reader shares: language tags, term statuses, and how terms become an Entry.

A TBX concept and a CSV row both arrive as a list of terms, each with a language tag and
perhaps a status. :func:`assign_terms` applies one policy to both:

- ``zh-CN``/``zh-Hans``/``zh-SG``/``zh`` are Chinese; ``zh-TW``/``zh-HK``/``zh-Hant`` terms
  are converted to simplified Chinese (Taiwan phrases too: 軟體 -> 软件) and the traditional
  form is kept as an admitted variant; ``en-US``/``en-GB``/... are English;
- in each language the first preferred term is the preferred term; further preferred terms
  become admitted variants (counted, so the user is told); a term without a status is
  preferred only when the language has no preferred term;
- terms of other languages are kept under their tag as variants (or deprecated).

termkit marks the notes it writes itself with ``termkit-LABEL: value`` so that its own
files read back exactly; pinyin is written as ``pinyin: ...``, which other tools' notes use
too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from termkit.model import ADMITTED, DEPRECATED, PREFERRED, Entry

# An entry id as the glossary format accepts it.
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# A language tag as the glossary format accepts it (see glossary._is_lang).
_LANG_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]+)*")
_TRADITIONAL = {"hant", "tw", "hk", "mo", "cht"}
_SIMPLIFIED = {"hans", "cn", "sg", "my", "chs"}

# Administrative statuses as TBX v2/v3, TBX-Min, MultiTerm and spreadsheets spell them,
# reduced by _status_key (lower case, no "-admn-sts", no "term").
_STATUS = {
    "preferred": PREFERRED, "standardized": PREFERRED, "standardised": PREFERRED, "legal": PREFERRED,
    "regulated": PREFERRED, "approved": PREFERRED, "recommended": PREFERRED, "main": PREFERRED,
    "admitted": ADMITTED, "accepted": ADMITTED, "permitted": ADMITTED, "allowed": ADMITTED,
    "proposed": ADMITTED, "tolerated": ADMITTED, "variant": ADMITTED, "synonym": ADMITTED,
    "deprecated": DEPRECATED, "superseded": DEPRECATED, "notrecommended": DEPRECATED, "obsolete": DEPRECATED,
    "forbidden": DEPRECATED, "prohibited": DEPRECATED, "rejected": DEPRECATED, "donotuse": DEPRECATED,
    "avoid": DEPRECATED, "outdated": DEPRECATED,
}
# Names of the data category that carries a term's status.
STATUS_CATEGORIES = {"administrativestatus", "normativeauthorization", "usagestatus", "status", "termstatus"}

# TBX-Basic's partOfSpeech picklist.
POS_PICKLIST = ("adjective", "noun", "other", "verb", "adverb")

NATIVE_PREFIX = "termkit-"
_NATIVE_NOTE = re.compile(r"^termkit-([a-z]+(?:-[A-Za-z0-9-]+)?): (.*)\Z", re.DOTALL)
_PINYIN_NOTE = re.compile(r"^pinyin: (.*)\Z", re.DOTALL | re.IGNORECASE)
# A person's note that looks like one of termkit's labelled notes is written behind
# "termkit-note: " so that it reads back as the note it is.
_RESERVED_NOTE = re.compile(r"^(termkit-[A-Za-z0-9-]+|pinyin): ", re.IGNORECASE)


@lru_cache(maxsize=1024)
def lang_key(tag: str) -> tuple[str, bool] | None:
    """Map a language tag to (``zh``, ``en`` or the tag, traditional?); None when unusable.

    >>> lang_key("zh-TW"), lang_key("en-GB"), lang_key("de-DE")
    (('zh', True), ('en', False), ('de-DE', False))
    """
    parts = [p for p in re.split(r"[-_]", tag.strip()) if p]
    if not parts:
        return None
    primary = parts[0].lower()
    subtags = {p.lower() for p in parts[1:]}
    if primary in ("zh", "zho", "chi", "cmn"):
        return "zh", bool(subtags & _TRADITIONAL) and not subtags & _SIMPLIFIED
    if primary in ("en", "eng"):
        return "en", False
    normal = "-".join([primary, *parts[1:]])
    return (normal, False) if _LANG_TAG.fullmatch(normal) else None


def _status_key(value: str) -> str:
    v = re.sub(r"[\s_]+", "", value.strip().lower()).replace("-admn-sts", "").replace("-", "")
    return v[:-4] if v.endswith("term") and len(v) > 4 else v


@lru_cache(maxsize=1024)
def map_status(value: str) -> str | None:
    """preferred/admitted/deprecated for a status value of any common vocabulary, else None."""
    return _STATUS.get(_status_key(value))


def map_pos(value: str) -> str:
    """TBX picklist values in their canonical case (Noun -> noun); anything else unchanged."""
    low = value.strip().lower()
    return low if low in POS_PICKLIST else value.strip()


def squeeze(text: str) -> str:
    """Collapse the runs of whitespace a pretty-printed file puts inside values."""
    return " ".join(text.split())


def native_note(text: str) -> tuple[str, str] | None:
    """(label, value) of a note termkit wrote (``termkit-origin: keywords``), else None."""
    m = _NATIVE_NOTE.match(text)
    return (m.group(1), m.group(2)) if m else None


def pinyin_note(text: str) -> str | None:
    m = _PINYIN_NOTE.match(text)
    return m.group(1) if m else None


def escape_note(note: str) -> str:
    """A person's note as written to a file: prefixed when it could pass for a labelled note."""
    return f"{NATIVE_PREFIX}note: {note}" if _RESERVED_NOTE.match(note) else note


def format_confidence(value: float) -> str:
    """The same digits the TOML writer uses."""
    return repr(round(value, 4))


def parse_confidence(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0 <= value <= 1 else None


def assign_terms(entry: Entry, terms: list[tuple[str, bool, str, str | None]]) -> tuple[bool, dict[str, int]]:
    """Set ``entry``'s preferred terms, variants and deprecated terms from ``terms``.

    ``terms`` holds (language, traditional?, text, status or None) in file order, languages
    already mapped by :func:`lang_key`. Returns (several preferred terms were seen in one
    language, number of terms kept per other language).
    """
    from termkit.normalize import to_simplified

    ordered: list[tuple[str, str, str | None]] = [(lang, text, st) for lang, trad, text, st in terms if not trad]
    for lang, trad, text, st in terms:
        if not trad:
            continue
        simplified = to_simplified(text, phrases=True)
        ordered.append((lang, simplified, st))
        if simplified != text:
            ordered.append((lang, text, DEPRECATED if st == DEPRECATED else ADMITTED))
    by_lang: dict[str, list[tuple[str, str | None]]] = {}
    for lang, text, st in ordered:
        if text:
            by_lang.setdefault(lang, []).append((text, st))
    demoted = False
    others: dict[str, int] = {}
    for lang, items in by_lang.items():
        preferred = next((t for t, st in items if st == PREFERRED), None)
        if preferred is None:
            preferred = next((t for t, st in items if st is None), None)
        elif any(st == PREFERRED and t != preferred for t, st in items):
            demoted = True
        admitted: list[str] = []
        deprecated: list[str] = []
        seen = {preferred}
        for text, st in items:
            if text in seen:
                continue
            seen.add(text)
            (deprecated if st == DEPRECATED else admitted).append(text)
        if lang in ("zh", "en"):
            setattr(entry, lang, preferred or "")
        else:
            admitted = ([preferred] if preferred else []) + admitted
            others[lang] = len(admitted) + len(deprecated)
        if admitted:
            entry.variants[lang] = admitted
        if deprecated:
            entry.deprecated[lang] = deprecated
    return demoted, others


def place_terms(entry: Entry, terms: list[tuple[str, bool, str, str | None]], result, unit: str) -> bool:
    """:func:`assign_terms` plus the counting every reader does; False for an entry without zh and en.

    ``unit`` names what was skipped in the report ("concepts", "rows").
    """
    demoted, others = assign_terms(entry, terms)
    if not entry.zh and not entry.en:
        result.dropped[f"{unit} without a Chinese or English term"] += 1
        return False
    result.demoted += demoted
    for lang, n in others.items():
        result.other_languages[lang] += n
    return True


def choose_definition(definitions: list[tuple[str | None, str]]) -> tuple[str, list[tuple[str | None, str]]]:
    """Of (language or None, text) definitions: the one an entry keeps, and the others.

    A language-neutral definition first, then the English one, then the Chinese one.
    """
    rank = {None: 0, "en": 1, "zh": 2}
    chosen = min(range(len(definitions)), key=lambda k: (rank.get(definitions[k][0], 3), k))
    return definitions[chosen][1], [d for k, d in enumerate(definitions) if k != chosen]


def entry_terms(entry: Entry, lang: str) -> list[tuple[str, str]]:
    """Every term of any language with its status; Entry.terms covers only zh and en."""
    if lang in ("zh", "en"):
        return entry.terms(lang)
    return [(t, ADMITTED) for t in entry.variants.get(lang, [])] + [
        (t, DEPRECATED) for t in entry.deprecated.get(lang, [])
    ]


def entry_languages(entry: Entry) -> list[str]:
    """zh, en, then the other languages the entry has terms in, sorted."""
    extra = sorted((set(entry.variants) | set(entry.deprecated)) - {"zh", "en"})
    return [lang for lang in ("zh", "en", *extra) if entry_terms(entry, lang)]
