"""CC-CEDICT: every reading kept, parsed once and cached."""

from __future__ import annotations

import pytest

from termkit.cedict import load_cedict, parse_cedict
from termkit.errors import InputError


def test_every_reading_of_a_headword_is_kept():
    readings = {e.pinyin for e in load_cedict().lookup("行")}
    assert {"hang2", "xing2"} <= readings


def test_traditional_headwords_find_the_same_entry():
    d = load_cedict()
    assert d.glosses("軟件") == d.glosses("软件")
    assert "(computer) software" in d.glosses("软件")


def test_compositional_glosses_are_available_for_alignment():
    d = load_cedict()
    assert "collaborative" in d.glosses("协同")
    assert "supervision" in d.glosses("监管")


def test_english_lexicon_knows_common_words():
    words = load_cedict().english_words
    assert {"supervision", "collaborative", "governance"} <= words
    assert "collaborativesupervision" not in words


def test_malformed_lines_are_reported_with_their_number():
    lines = ["# comment", "軟法 软法 [ruan3 fa3] /soft law/", "not a line"]
    with pytest.raises(InputError) as info:
        list(parse_cedict(lines, "my.u8", strict=True))
    assert info.value.line == 3


def test_cache_is_rebuilt_when_truncated(tmp_path, monkeypatch):
    from termkit import cedict

    monkeypatch.setenv("TERMKIT_CACHE", str(tmp_path))
    cedict.load_cedict.cache_clear()
    first = len(cedict.load_cedict())
    (cache,) = tmp_path.glob("cedict-*.pickle")
    cache.write_bytes(cache.read_bytes()[:1000])
    cedict.load_cedict.cache_clear()
    assert len(cedict.load_cedict()) == first
    cedict.load_cedict.cache_clear()
