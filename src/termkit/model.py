"""Plain data shared by every layer: a glossary entry and its terms. No I/O here.

An :class:`Entry` is one concept, modelled the way TBX models a concept entry: a preferred
term per language, admitted variants, and deprecated (forbidden) renderings.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

LANGS = ("zh", "en")

# Where an entry came from. Extraction writes the first three; a person writes "manual".
ORIGINS = ("keywords", "title", "abstract", "manual", "import")

# Administrative statuses, named as TBX names them.
PREFERRED = "preferred"
ADMITTED = "admitted"
DEPRECATED = "deprecated"


@dataclass(slots=True)
class Entry:
    """One concept with its Chinese and English terms.

    ``zh``/``en`` are the preferred terms (one may be empty for a one-language entry);
    ``variants`` are admitted alternatives and ``deprecated`` are renderings a translator
    must not use, each keyed by language.
    """

    id: str
    zh: str = ""
    en: str = ""
    pinyin: str = ""
    variants: dict[str, list[str]] = field(default_factory=dict)
    deprecated: dict[str, list[str]] = field(default_factory=dict)
    pos: str = ""  # part of speech: noun, verb, adjective, ... (TBX partOfSpeech)
    subject: str = ""  # subject field (TBX subjectField)
    definition: str = ""
    context: dict[str, str] = field(default_factory=dict)  # an example sentence per language
    note: str = ""
    origin: str = "manual"
    confidence: float | None = None
    sources: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    reviewed: bool = False
    rejected: bool = False
    fingerprint: str = ""
    # Where the entry was read from; not part of the entry's data.
    file: str | None = field(default=None, compare=False, repr=False)
    line: int | None = field(default=None, compare=False, repr=False)

    def terms(self, lang: str) -> list[tuple[str, str]]:
        """Every term of ``lang`` with its status, preferred first."""
        out: list[tuple[str, str]] = []
        preferred = getattr(self, lang)
        if preferred:
            out.append((preferred, PREFERRED))
        out.extend((t, ADMITTED) for t in self.variants.get(lang, []))
        out.extend((t, DEPRECATED) for t in self.deprecated.get(lang, []))
        return out

    def allowed(self, lang: str) -> list[str]:
        """The preferred term and admitted variants of ``lang``: what a translator may write."""
        preferred = getattr(self, lang)
        return ([preferred] if preferred else []) + list(self.variants.get(lang, []))

    def content(self) -> dict:
        """The entry's data as plain values, without bookkeeping (fingerprint, file, line)."""
        return {
            "id": self.id,
            "zh": self.zh,
            "en": self.en,
            "pinyin": self.pinyin,
            "variants": {k: list(v) for k, v in sorted(self.variants.items()) if v},
            "deprecated": {k: list(v) for k, v in sorted(self.deprecated.items()) if v},
            "pos": self.pos,
            "subject": self.subject,
            "definition": self.definition,
            "context": {k: v for k, v in sorted(self.context.items()) if v},
            "note": self.note,
            "origin": self.origin,
            "confidence": self.confidence,
            "sources": list(self.sources),
            "evidence": list(self.evidence),
            "reviewed": self.reviewed,
            "rejected": self.rejected,
        }

    def compute_fingerprint(self) -> str:
        """A short digest of the entry's data.

        termkit stores it on entries it writes; an entry whose data no longer matches its
        fingerprint was edited by a person, and termkit leaves it alone from then on.
        """
        blob = json.dumps(self.content(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:10]

    def is_machine_untouched(self) -> bool:
        """True when termkit wrote this entry and no person has changed or reviewed it since."""
        return (
            self.origin != "manual"
            and not self.reviewed
            and not self.rejected
            and bool(self.fingerprint)
            and self.fingerprint == self.compute_fingerprint()
        )
