"""hypothesis strategies for glossary entries with the text that breaks exchange formats.

Chinese, English, full-width punctuation, traditional characters, quotes, commas, tabs,
newlines, pipes, backslashes, apostrophes and formula-like starts (= + - @).
"""

from __future__ import annotations

from hypothesis import strategies as st

from termkit.glossary import _zh_key
from termkit.model import ORIGINS, Entry

_TRICKY = [*list("软法治理協同監管数据“”‘’，。；：（）、 \t\n\r,;\"'|\\=+-@#<>&"), "]]>", "termkit-note: ", "pinyin: "]
_ANY = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn"))
text = st.lists(st.one_of(st.sampled_from(_TRICKY), _ANY), max_size=12).map("".join)
nonblank = text.filter(lambda s: s.strip())
han_term = st.lists(st.sampled_from([*list("软法治理协同监管数据人工智能算法平台经济個資軟體"), "（试行）", "“", "”", " "]),
                    min_size=1, max_size=6).map("".join).filter(lambda s: s.strip())
en_term = st.one_of(
    st.sampled_from(["soft law", "-ase", "+1", "=SUM(A1)", "@home", "'tis", "a|b", "C:\\path\\", "x, y", 'say "hi"']),
    nonblank,
)
entry_id = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,15}", fullmatch=True)
confidence = st.one_of(st.none(), st.integers(0, 10000).map(lambda n: n / 10000))


def _unique(terms: list[str], *taken: str) -> list[str]:
    out: list[str] = []
    for t in terms:
        if t not in out and t not in taken:
            out.append(t)
    return out


@st.composite
def entries(draw, langs=("zh", "en", "ja")) -> Entry:
    """One valid glossary entry (id is set by :func:`glossaries`)."""
    zh = draw(st.one_of(st.just(""), han_term))
    en = draw(en_term) if not zh else draw(st.one_of(st.just(""), en_term))
    variants: dict[str, list[str]] = {}
    deprecated: dict[str, list[str]] = {}
    for lang in langs:
        pool = han_term if lang == "zh" else en_term
        preferred = {"zh": zh, "en": en}.get(lang, "")
        v = _unique(draw(st.lists(pool, max_size=2)), preferred)
        d = _unique(draw(st.lists(pool, max_size=2)), preferred, *v)
        if v:
            variants[lang] = v
        if d:
            deprecated[lang] = d
    context = {lang: draw(nonblank) for lang in draw(st.sets(st.sampled_from(["zh", "en", "de"]), max_size=2))}
    return Entry(
        id="x",
        zh=zh,
        en=en,
        pinyin=draw(st.one_of(st.just(""), st.just("ruǎnfǎ zhìlǐ"), text)),
        variants=variants,
        deprecated=deprecated,
        pos=draw(st.sampled_from(["", "noun", "verb", "other", "proper noun", "Noun", " adjective"])),
        subject=draw(text),
        definition=draw(text),
        context=context,
        note=draw(text),
        origin=draw(st.sampled_from(ORIGINS)),
        confidence=draw(confidence),
        sources=draw(st.lists(nonblank, max_size=2)),
        evidence=draw(st.lists(nonblank, max_size=2)),
        reviewed=draw(st.booleans()),
        rejected=draw(st.booleans()),
        fingerprint=draw(st.one_of(st.just(""), st.from_regex(r"[0-9a-f]{10}", fullmatch=True))),
    )


@st.composite
def glossaries(draw, min_size=1, max_size=4) -> list[Entry]:
    """Entries with unique ids and, among active entries, unique preferred Chinese terms."""
    items = draw(st.lists(entries(), min_size=min_size, max_size=max_size))
    ids = draw(st.lists(entry_id, min_size=len(items), max_size=len(items), unique=True))
    seen: set[str] = set()
    out = []
    for e, i in zip(items, ids, strict=True):
        if e.zh and not e.rejected:
            key = _zh_key(e.zh)
            if key in seen:
                continue
            seen.add(key)
        e.id = i
        out.append(e)
    return out
