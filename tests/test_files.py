"""Reading any common encoding and writing atomically."""

from __future__ import annotations

import codecs

import pytest

from termkit.errors import InputError
from termkit.files import atomic_write, read_text

TEXT = "中文关键词：人工智能；国际协同监管；“软法”治理\n英文关键词：artificial intelligence\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"])
def test_common_encodings_are_detected(tmp_path, encoding):
    text = TEXT if encoding != "big5" else "中文關鍵詞：人工智慧；國際協同監管；軟法治理\n英文關鍵詞：artificial intelligence\n" * 3
    p = tmp_path / "doc.txt"
    p.write_bytes(text.encode(encoding))
    got, _ = read_text(p)
    assert got == text


def test_explicit_encoding_overrides_detection(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_bytes(TEXT.encode("gb18030"))
    with pytest.raises(InputError, match="cannot be decoded as utf-8"):
        read_text(p, encoding="utf-8")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")


def test_bom_is_removed(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_bytes(codecs.BOM_UTF8 + TEXT.encode())
    assert read_text(p)[0] == TEXT


def test_atomic_write_replaces_and_keeps_permissions(tmp_path):
    p = tmp_path / "g.toml"
    p.write_text("old")
    p.chmod(0o640)
    atomic_write(p, "new")
    assert p.read_text() == "new"
    assert p.stat().st_mode & 0o777 == 0o640
    assert [x.name for x in tmp_path.iterdir()] == ["g.toml"]
