"""One place for text folding: spaces, width, quotes, case and script, for Chinese and English.

Two kinds of functions live here. *Cleaning* (``clean_text``, ``join_han_spaces``) repairs what
PDF extraction and word processors do to real documents and returns text a person would still
want to read. *Folding* (``fold_zh``, ``fold_en``) builds comparison keys that are never shown.
Only the light standard library is imported at module level; OpenCC loads on first use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# Spaces that are not U+0020 but mean one: NBSP, ideographic space, the thin/em/en family.
_ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_SPACE_TABLE = {ord(c): " " for c in _ODD_SPACES} | {ord(c): None for c in _ZERO_WIDTH}

# Quotation marks folded to ASCII ones; CJK corner brackets are quotes too.
_QUOTE_TABLE = {
    ord("\u201c"): '"', ord("\u201d"): '"', ord("\u201e"): '"', ord("\u201f"): '"',
    ord("\u2033"): '"', ord("\u00ab"): '"', ord("\u00bb"): '"',
    ord("\u300c"): '"', ord("\u300d"): '"', ord("\u300e"): '"', ord("\u300f"): '"',
    ord("\uff02"): '"',
    ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201a"): "'", ord("\u201b"): "'",
    ord("\u2032"): "'", ord("\uff07"): "'",
}
QUOTE_CHARS = "\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u300c\u300d\u300e\u300f\uff02\uff07"

# Hyphen-like characters that people type for a hyphen in a compound term.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (including extensions and compatibility ideographs)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x3134F
        or 0xF900 <= o <= 0xFAFF
        or o == 0x3007
    )


_HAN_CHAR = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\U00020000-\U0003134f]")


def has_han(text: str) -> bool:
    """True when ``text`` holds a Han character (searched in C: lint asks it of whole drafts)."""
    return _HAN_CHAR.search(text) is not None


def han_count(text: str) -> int:
    """How many Han characters ``text`` holds (counted in C: extraction asks it of every candidate)."""
    return len(_HAN_CHAR.findall(text))


_LETTER = re.compile(r"[^\W\d_]")


def han_ratio(text: str) -> float:
    """Share of Han characters among the letters of ``text`` (0.0 when it has none)."""
    # Regular expressions count in C: this runs on every line of every document read.
    letters = len(_LETTER.findall(text))
    return han_count(text) / letters if letters else 0.0


def script_of(text: str) -> str:
    """'zh' when the text is mainly Chinese, 'en' when mainly Latin letters."""
    return "zh" if han_ratio(text) >= 0.3 else "en"


def clean_text(text: str) -> str:
    """Repair a document's text without changing what it says.

    Drops a BOM and zero-width characters, turns CRLF/CR into LF, and odd spaces (NBSP,
    ideographic space) into plain spaces. Curly quotes are kept: they are the author's.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_SPACE_TABLE)


_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_HAN_SPACE_HAN = re.compile(rf"(?<={_HAN})[ \t]+(?={_HAN})")
_HAN_SPACE_QUOTE = re.compile(rf"(?<={_HAN})[ \t]+(?=[\u201c\u201d\u2018\u2019\u300c\u300d])|(?<=[\u201c\u201d\u2018\u2019\u300c\u300d])[ \t]+(?={_HAN})")


def join_han_spaces(text: str) -> str:
    """Remove spaces that PDF extraction leaves between Chinese characters (软 法 -> 软法).

    Chinese is written without spaces, so a space between two Han characters (or between a
    Han character and a Chinese quotation mark) is an artefact. Callers decide whether a
    paragraph uses spaces as its only punctuation (some OCR output does); there the spaces
    are separators and must not be joined.
    """
    text = _HAN_SPACE_HAN.sub("", text)
    return _HAN_SPACE_QUOTE.sub("", text)


_WIDTH_TABLE = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_width(text: str) -> str:
    """Full-width ASCII and spaces to half-width (ＡＩ -> AI, ３ -> 3); Han characters untouched."""
    return text.translate(_WIDTH_TABLE)


def fold_quotes(text: str) -> str:
    """Curly, guillemet and corner-bracket quotes to ASCII ' and "."""
    return text.translate(_QUOTE_TABLE)


_NO_QUOTES = {ord(c): None for c in QUOTE_CHARS}


def strip_quotes(text: str) -> str:
    """Remove every quotation mark: “软法”治理 -> 软法治理, “soft law” governance -> soft law governance."""
    return text.translate(_NO_QUOTES)


@lru_cache(maxsize=4)
def _opencc(config: str):
    import opencc  # 20 ms; only paths that meet Chinese text pay for it

    return opencc.OpenCC(config)


def to_simplified(text: str, phrases: bool = False) -> str:
    """Traditional to simplified Chinese.

    Character by character by default (軟體 -> 软体), so that folding is predictable; with
    ``phrases`` Taiwan vocabulary is converted too (人工智慧 -> 人工智能, 軟體 -> 软件), which is
    what a person typing a traditional query means.
    """
    if not has_han(text):
        return text
    return _opencc("tw2sp" if phrases else "t2s").convert(text)


_SPACES = re.compile(r"\s+")
_SPACES_BUT_NEWLINE = re.compile(r"[^\S\n]+")


def fold_zh(text: str) -> str:
    """Comparison key for Chinese: NFKC, simplified, no quotes, no spaces, ASCII case folded."""
    text = unicodedata.normalize("NFKC", clean_text(text))
    text = to_simplified(strip_quotes(text))
    return _SPACES.sub("", text).casefold()


def fold_zh_many(texts: list[str]) -> list[str]:
    """``[fold_zh(t) for t in texts]``, for many terms at once (an index build folds 200,000).

    The terms are folded as one text, lines apart: NFKC, OpenCC and case folding work
    within a line, so each line comes out as ``fold_zh`` makes it. Terms that hold a line
    break of their own are folded one by one.
    """
    joined = "\n".join(texts)
    if "\r" in joined or joined.count("\n") != len(texts) - 1:
        return [fold_zh(t) for t in texts]
    lines = strip_quotes(unicodedata.normalize("NFKC", clean_text(joined))).split("\n")
    if len(lines) != len(texts):  # pragma: no cover - NFKC makes no line breaks
        return [fold_zh(t) for t in texts]
    han = [i for i, line in enumerate(lines) if has_han(line)]
    if han:
        converted = to_simplified("\n".join([lines[i] for i in han])).split("\n")
        if len(converted) != len(han):  # pragma: no cover - OpenCC keeps line breaks
            return [fold_zh(t) for t in texts]
        for i, line in zip(han, converted, strict=True):
            lines[i] = line
    folded = _SPACES_BUT_NEWLINE.sub("", "\n".join(lines)).casefold().split("\n")
    return folded if len(folded) == len(texts) else [fold_zh(t) for t in texts]


_PLAIN_WORDS = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")
_EN_PUNCT_EDGE = re.compile(r"^[\s.,;:!?()\[\]{}<>]+|[\s.,;:!?()\[\]{}<>]+$")
_EN_SEPARATORS = re.compile(f"[-_/{_DASHES}]")


def fold_en(text: str) -> str:
    """Comparison key for English: NFKC, no quotes, hyphens as spaces, case folded.

    'Soft-Law', '“soft law”' and 'soft  law' all fold to 'soft law'. Inflection is not
    touched here: lemmatizing needs a dictionary and lives with the lookup index.
    """
    if _PLAIN_WORDS.fullmatch(text):
        # Most terms are plain ASCII words: nothing to fold but case (and this is 5x faster).
        return text.lower()
    if not text.isascii():  # NFKC, odd spaces and curly quotes leave ASCII as it is
        text = fold_quotes(unicodedata.normalize("NFKC", clean_text(text)))
    text = _EN_SEPARATORS.sub(" ", strip_quotes(text))
    text = _EN_PUNCT_EDGE.sub("", text)
    return _SPACES.sub(" ", text).strip().casefold()


def fold(text: str) -> str:
    """The comparison key for a term in either language."""
    return fold_zh(text) if script_of(text) == "zh" else fold_en(text)


@dataclass(frozen=True)
class GluedWord:
    """Two words written without the space between them, found in a text."""

    glued: str  # as written: "TerminologyDatabase"
    split: str  # "Terminology Database"
    start: int  # character offset in the text
    end: int


# Short words that English glues to its neighbours most often when a space is lost.
FUNCTION_WORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "for", "from", "has", "have", "her", "his", "in", "into", "is", "it", "its", "not", "of", "on", "or", "our", "than", "that", "the", "their", "then", "these", "this", "to", "was", "we", "were", "which", "with"]
)
_FUNCTION_WORDS = FUNCTION_WORDS
# Prefixes English writes solid ("multiband", "subword", "nonlinear"): a prefix and a
# word are one word, not two glued together. ("in", "on", "a" are left out: "inwireless" is
# glued.)
_PREFIXES = frozenset(
    ["anti", "auto", "bio", "co", "counter", "cyber", "de", "geo", "hyper", "inter", "intra", "macro", "mal", "meta", "micro", "mid", "mini", "mis", "mono", "multi", "nano", "non", "over", "poly", "post", "pre", "pseudo", "quasi", "re", "semi", "sub", "super", "tele", "trans", "tri", "ultra", "un", "under", "uni"]
)
_CAMEL = re.compile(r"\b([A-Za-z]*[a-z])([A-Z][a-z]+)\b")
_WORD = re.compile(r"[A-Za-z]+")


def find_glued_words(text: str, is_word: Callable[[str], bool], min_part: int = 2) -> list[GluedWord]:
    """Find words glued by a missing space: 'TerminologyDatabase', 'speechrecognition'.

    ``is_word`` says whether a lower-case string is an English word (a lexicon such as the
    English side of CC-CEDICT). A token is reported only when it is not itself a word and
    splits into two words, so 'JavaScript' or 'McDonald' in the lexicon, or unknown names,
    are left alone. Camel-case tokens split at the case change; lower-case tokens at the
    split whose shorter part is longest (``min_part`` letters at least, 3 for lower case).
    Parts shorter than three letters must be function words ('toreduce', 'OfThe', not
    'DeWitt'), and a prefix written solid with a word ('multiband') is one word.
    """
    found: list[GluedWord] = []
    for m in _WORD.finditer(text):
        token = m.group(0)
        if len(token) < 2 * min_part or is_word(token.lower()):
            continue
        split = _split_token(token, is_word, min_part)
        if split:
            found.append(GluedWord(token, split, m.start(), m.end()))
    return found


def _split_token(token: str, is_word: Callable[[str], bool], min_part: int) -> str | None:
    camel = _CAMEL.fullmatch(token)
    if camel:
        left, right = camel.group(1), camel.group(2)
        if len(left) < 3 and left.lower() not in _FUNCTION_WORDS:
            return None  # a brand or a name: DeWitt, McDonald
        if len(left) >= min_part and is_word(left.lower()) and is_word(right.lower()):
            return f"{left} {right}"
        return None
    if not token.islower():
        return None
    best: tuple[int, int, int] | None = None
    for i in range(2, len(token) - 1):
        left, right = token[:i], token[i:]
        # Two-letter parts are trusted only when they are function words ("toreduce").
        if min(len(left), len(right)) < 3 and not (left in _FUNCTION_WORDS or right in _FUNCTION_WORDS):
            continue
        if is_word(left) and is_word(right):
            # A split into a function word and a word is the likeliest reading of a glued
            # pair ("modelsand" is "models and", not "model sand"); otherwise the
            # split whose shorter part is longest.
            score = (int(left in _FUNCTION_WORDS or right in _FUNCTION_WORDS), min(len(left), len(right)))
            if best is None or score > best[:2]:
                best = (*score, i)
    if best is None:
        return None
    if any(token.startswith(p) and is_word(token[len(p):]) for p in _PREFIXES):
        return None  # multi + band: a prefixed word the lexicon lacks
    return f"{token[:best[2]]} {token[best[2]:]}"


# Full-width and CJK punctuation with the ASCII a writer of English would type instead.
# Curly quotes are missing on purpose: “ ” ‘ ’ are correct English typography too.
_CJK_PUNCT_ASCII = {
    "。": ".", "、": ",", "《": '"', "》": '"', "〈": '"', "〉": '"', "【": "[", "】": "]",
    "〔": "(", "〕": ")", "「": '"', "」": '"', "『": '"', "』": '"', "…": "...", "〜": "~",
    "・": "-", "·": "·",
}
FULLWIDTH_PUNCTUATION = "".join(sorted(
    {chr(o) for o in range(0xFF01, 0xFF5F) if not chr(o - 0xFEE0).isalnum()} | set(_CJK_PUNCT_ASCII) - {"·", "…"}
))


def ascii_punctuation(text: str) -> str:
    """Full-width and CJK punctuation to ASCII (，-> ,  （ -> (  。-> .); letters untouched."""
    out = []
    for c in text:
        o = ord(c)
        if 0xFF01 <= o <= 0xFF5E:
            out.append(chr(o - 0xFEE0))
        else:
            out.append(_CJK_PUNCT_ASCII.get(c, c))
    return "".join(out)


# LaTeX math as OCR tools leave it in abstracts: "$8 6 \%$", "$\mathbf { k }$ -shortest".
_MATH = re.compile(r"\$([^$\n]{1,200})\$")
_TEX_FONT = re.compile(r"\\(?:mathrm|mathbf|mathit|mathsf|mathtt|mathcal|text|textbf|textit|operatorname|boldsymbol)\s*")
_TEX_SYMBOLS = {
    r"\%": "%", r"\&": "&", r"\_": "_", r"\#": "#", r"\sim": "~", r"\times": "×", r"\cdot": "·",
    r"\circ": "°", r"\pm": "±", r"\mu": "μ", r"\alpha": "α", r"\beta": "β", r"\gamma": "γ",
    r"\delta": "δ", r"\lambda": "λ", r"\sigma": "σ", r"\Omega": "Ω", r"\leq": "≤", r"\geq": "≥",
    r"\le": "≤", r"\ge": "≥", r"\approx": "≈", r"\prime": "'",
}
_TEX_SYMBOL_RE = re.compile("|".join(re.escape(k) + (r"(?![A-Za-z])" if k[-1].isalpha() else "")
                                     for k in sorted(_TEX_SYMBOLS, key=len, reverse=True)))


def _looks_like_math(body: str) -> bool:
    # "$5 and $6" is money, not a formula: OCR math is commands, braces or lone glyphs.
    if re.search(r"[\\{}^_]", body):
        return True
    return not any(len(tok) > 1 and tok.isalpha() for tok in body.split())


def _plain_math(body: str) -> str:
    body = body.replace(r"\ ", "\x00").replace("~", "\x00")  # explicit spaces in math mode
    body = _TEX_FONT.sub("", body)
    body = _TEX_SYMBOL_RE.sub(lambda m: _TEX_SYMBOLS[m.group(0)], body)
    body = re.sub(r"\\[A-Za-z]+", "", body)
    body = re.sub(r"[{}\s]", "", body)  # math mode ignores spaces; OCR puts one between every glyph
    body = body.replace("^°", "°")
    return re.sub("\x00+", " ", body).strip()


def strip_latex(text: str) -> str:
    """Turn inline LaTeX math into plain text: "$8 6 \\%$" -> "86%", "$\\mathbf { k }$ -shortest" -> "k-shortest".

    OCR of journal PDFs writes formulas, units and even single letters as math; the reader
    wants the text. A space left between a formula and a following hyphen is dropped too.
    """
    if "$" not in text:
        return text
    out = []
    pos = 0
    for m in _MATH.finditer(text):
        if not _looks_like_math(m.group(1)):
            continue
        out.append(text[pos:m.start()])
        out.append(_plain_math(m.group(1)))
        pos = m.end()
        follow = re.match(r"[ \t]+(?=-[A-Za-z])", text[pos:])
        if follow:
            pos += follow.end()
    out.append(text[pos:])
    return "".join(out)
