"""Parsing XML from strangers: no DTD loading, no entity expansion, no network, a size limit.

Exchange files come from other people's tools and from the web. lxml is told not to load
DTDs, not to resolve entities and not to touch the network; on top of that a document whose
DOCTYPE declares any entity is refused outright, which stops billion-laughs (entities that
expand to gigabytes) and external-entity (XXE: ``<!ENTITY x SYSTEM "file:///etc/passwd">``)
files before their content is read. A DOCTYPE that only names a DTD, as TBX v2 files often
do (``<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">``), is fine: the DTD is not fetched.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from termkit.errors import InputError

MAX_XML_BYTES = 512 * 1024 * 1024

PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
}

_POSITION_SUFFIX = re.compile(r",? line \d+, column \d+\s*$")


def check_file(path: str | os.PathLike, max_bytes: int = MAX_XML_BYTES) -> Path:
    """The path, once it is known to exist, be a file and not be larger than ``max_bytes``."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), str(path)) from None
    if p.is_dir():
        raise InputError("is a folder, expected a file", str(path))
    if size > max_bytes:
        raise InputError(
            f"the file is {size / 2**20:.0f} MB, over the {max_bytes / 2**20:.0f} MB limit for XML files"
            " (raise it with --max-size MB if you trust the file)",
            str(path),
        )
    return p


def syntax_error(exc, path: str) -> InputError:
    """An lxml XMLSyntaxError as 'path:line:col: not well-formed XML: message'."""
    line, column = getattr(exc, "position", (None, None)) or (None, None)
    message = _POSITION_SUFFIX.sub("", getattr(exc, "msg", "") or str(exc)).strip()
    return InputError(f"not well-formed XML: {message}", path, line or None, column or None)


def xml_encoding(encoding: str | None) -> str | None:
    """An --encoding name as libxml2 knows it (Python's codec name; no '-sig' variants)."""
    if not encoding:
        return None
    import codecs

    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r} (try utf-8, gb18030, big5, utf-16)") from None
    return {"utf-8-sig": "utf-8", "iso8859-1": "ISO-8859-1"}.get(name, name)


def check_prolog(path: Path, encoding: str | None = None) -> None:
    """Refuse a document whose DOCTYPE declares entities; report malformed XML before the root."""
    from lxml import etree

    events = etree.iterparse(str(path), events=("start",), encoding=encoding, **PARSER_OPTIONS)
    try:
        _event, root = next(events)
    except StopIteration:
        raise InputError("the file has no XML element", str(path)) from None
    except etree.XMLSyntaxError as exc:
        raise syntax_error(exc, str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", str(path)) from None
    except LookupError:
        raise InputError(f"the XML parser cannot read the encoding {encoding!r}; convert the file to UTF-8",
                         str(path)) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    entities = list(dtd.iterentities())
    if entities:
        names = ", ".join(sorted({e.name for e in entities}))
        external = any(e.system_url for e in entities)
        kind = "external entities (XXE)" if external else "entities (possible entity-expansion bomb)"
        raise InputError(
            f"refusing XML whose DOCTYPE declares {kind}: {names}; termkit never expands entities."
            " Remove the DOCTYPE's internal subset",
            str(path),
            dtd_line(path),
        )


def dtd_line(path: Path) -> int | None:
    """The line of the DOCTYPE, for the error message."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return None
    at = head.find(b"<!DOCTYPE")
    return head[:at].count(b"\n") + 1 if at >= 0 else None
