"""The compiled index: rebuilt when a glossary changes, when the cache is damaged or deleted,
safe when two processes build it at once; errors for missing or empty glossaries."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA

from termkit.errors import GlossaryError
from termkit.index import index_path, open_index
from termkit.lookup import lookup

TERMS = DATA / "lookup" / "terms.toml"


@pytest.fixture
def glossary(tmp_path) -> Path:
    path = tmp_path / "g" / "terms.toml"
    path.parent.mkdir()
    shutil.copy(TERMS, path)
    return path


def en_of(query: str, path: Path) -> list[str]:
    (result,) = lookup([query], [path])
    return [h.en for h in result.hits]


def test_index_is_built_once_and_reused(glossary):
    assert en_of("地缘政治", glossary) == ["geopolitics"]
    index = index_path([glossary])
    before = index.stat()
    assert en_of("地缘政治", glossary) == ["geopolitics"]
    after = index.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_index_lives_in_termkit_cache(glossary, tmp_path, monkeypatch):
    monkeypatch.setenv("TERMKIT_CACHE", str(tmp_path / "elsewhere"))
    en_of("地缘政治", glossary)
    assert list((tmp_path / "elsewhere").glob("lookup-*.sqlite"))


def test_edited_glossary_gives_fresh_answers(glossary):
    assert en_of("地缘政治", glossary) == ["geopolitics"]
    glossary.write_text(glossary.read_text(encoding="utf-8").replace('"geopolitics"', '"geopolitical situation"'),
                        encoding="utf-8")
    assert en_of("地缘政治", glossary) == ["geopolitical situation"]


def test_same_size_edit_with_same_mtime_is_seen(glossary):
    """A same-second edit that keeps size and mtime: the racy-file check hashes it."""
    assert en_of("地缘政治", glossary) == ["geopolitics"]
    st = glossary.stat()
    text = glossary.read_text(encoding="utf-8").replace('"geopolitics"', '"geopolitic5"')
    glossary.write_text(text, encoding="utf-8")
    os.utime(glossary, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert glossary.stat().st_size == st.st_size
    assert en_of("地缘政治", glossary) == ["geopolitic5"]


def test_added_glossary_file_in_folder_is_searched(glossary):
    folder = glossary.parent
    assert en_of("硬法", folder) == []
    shutil.copy(DATA / "lookup" / "hard-law.toml", folder / "hard-law.toml")
    assert en_of("硬法", folder) == ["hard law"]


def test_truncated_cache_is_rebuilt_silently(glossary):
    en_of("地缘政治", glossary)
    index = index_path([glossary])
    size = index.stat().st_size
    with open(index, "r+b") as fh:
        fh.truncate(size // 2)
    assert en_of("地缘政治", glossary) == ["geopolitics"]
    assert index.stat().st_size == size


def test_garbage_cache_is_rebuilt_silently(glossary):
    en_of("地缘政治", glossary)
    index = index_path([glossary])
    data = bytearray(index.read_bytes())
    data[4096:] = b"\x5a" * (len(data) - 4096)  # every page after the first overwritten
    index.write_bytes(bytes(data))
    assert en_of("地缘政治", glossary) == ["geopolitics"]


def test_deleted_cache_is_rebuilt(glossary):
    en_of("地缘政治", glossary)
    index_path([glossary]).unlink()
    assert en_of("人工智能", glossary) == ["artificial intelligence"]


def test_two_processes_building_at_once_both_answer(glossary, tmp_path):
    env = dict(os.environ, TERMKIT_CACHE=str(tmp_path / "shared-cache"))
    cmd = [sys.executable, "-m", "termkit", "lookup", "-g", str(glossary), "--format", "tsv", "地缘政治"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert all("geopolitics" in out.decode() for out, _err in outs)
    assert not list((tmp_path / "shared-cache").glob("*.tmp"))


def test_empty_glossary_folder_is_a_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(GlossaryError, match=r"no glossary files \(\*\.toml\)"):
        lookup(["治理"], [tmp_path / "empty"])


def test_missing_glossary_path_is_a_clear_error(tmp_path):
    with pytest.raises(GlossaryError, match="no such glossary file or folder"):
        lookup(["治理"], [tmp_path / "nope.toml"])


def test_no_default_glossary_folder_says_how_to_name_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GlossaryError, match="-g PATH"):
        lookup(["治理"])


def test_default_glossary_from_environment(glossary, monkeypatch):
    monkeypatch.setenv("TERMKIT_GLOSSARY", str(glossary.parent))
    (result,) = lookup(["地缘政治"])
    assert result.hits[0].en == "geopolitics"


def test_malformed_glossary_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\n\n[[entry]]\nid = "x"\nzh = "治理"\nen = 3\n', encoding="utf-8")
    with pytest.raises(GlossaryError) as err:
        lookup(["治理"], [bad])
    assert str(err.value).startswith(f"{bad}:6")


def test_open_index_reports_no_files():
    with pytest.raises(GlossaryError):
        open_index([])


def test_lookup_imports_no_jieba_pypinyin_or_simplemma(glossary, tmp_path):
    env = dict(os.environ, TERMKIT_CACHE=str(tmp_path / "c"))
    code = (
        "import sys; from termkit.lookup import lookup;"
        "r = lookup(sys.argv[2:], [sys.argv[1]]);"
        "assert all(x.hits for x in r), r;"
        "print(sorted(m for m in ('jieba', 'pypinyin', 'simplemma') if m in sys.modules))"
    )
    queries = ["人工智能", "人工智慧", "standards", "rfzl", "ruan3fa3", "人工只能", "colaborative supervison"]
    build = subprocess.run([sys.executable, "-c", code, str(glossary), *queries], env=env, capture_output=True,
                           text=True, check=True)
    assert "jieba" in build.stdout or "pypinyin" in build.stdout  # building needs them...
    run = subprocess.run([sys.executable, "-c", code, str(glossary), *queries], env=env, capture_output=True,
                         text=True, check=True)
    assert run.stdout.strip() == "[]"  # ...looking up does not


def table_contents(path: Path) -> dict:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: sorted(conn.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names
                if n not in ("meta", "sources")}
    finally:
        conn.close()


def test_build_in_one_process_equals_build_with_a_helper_process(glossary, tmp_path):
    """Key lists are compiled in a forked process when the builder has no other thread; with
    a thread running (forking would be unsafe) they are compiled in-process: same file."""
    import threading

    from termkit.index import build_index

    build_index([glossary], tmp_path / "forked.sqlite")
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        build_index([glossary], tmp_path / "inline.sqlite")
    finally:
        stop.set()
        helper.join()
    assert table_contents(tmp_path / "forked.sqlite") == table_contents(tmp_path / "inline.sqlite")
