"""Reading text in whatever encoding it arrived in, and writing files atomically.

Every file termkit writes goes through :func:`atomic_write`: a temporary file in the same
folder, flushed and fsynced, then renamed over the target, so a crash or Ctrl-C leaves either
the old file or the new one, never half of one.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from pathlib import Path

from termkit.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, encoding: str | None = None, path: str = "<input>") -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding used).

    A given ``encoding`` is obeyed. Otherwise a BOM decides, then strict UTF-8, then
    charset-normalizer's detection (GB18030, GBK, Big5, UTF-16 without BOM ...). GB2312 and
    GBK guesses are widened to GB18030, their superset, so that rare characters survive.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r} (try utf-8, gb18030, big5, utf-16)") from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                f"cannot be decoded as {encoding} (byte {exc.start}); check --encoding", path, line
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot tell the text encoding; name it with --encoding", path)
    name = best.encoding
    if name in ("gb2312", "gbk", "cp936", "hz"):
        name = "gb18030"
    try:
        return data.decode(name), name
    except UnicodeDecodeError:
        return str(best), best.encoding


def read_text(path: str | os.PathLike, encoding: str | None = None) -> tuple[str, str]:
    """Read a text file in any common encoding; returns (text, encoding). BOM is removed."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, expected a file", str(path)) from None
    except PermissionError:
        raise InputError("permission denied", str(path)) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), str(path)) from None
    text, used = decode(data, encoding, str(path))
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, used


def atomic_write(path: str | os.PathLike, data: str | bytes, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` so that readers see the old content or the new, never a mix."""
    target = Path(path)
    if isinstance(data, str):
        data = data.encode(encoding)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write: {exc.strerror or exc}", str(path)) from None
        raise


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; new files get 0666 minus the umask, not mkstemp's 0600."""
    try:
        return os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
