"""Counts in messages read as English: one entry, two entries."""

from termkit.wording import counted


def test_one_takes_the_singular():
    assert counted(1, "entry", "entries") == "1 entry"


def test_zero_and_many_take_the_plural():
    assert [counted(n, "entry", "entries") for n in (0, 2)] == ["0 entries", "2 entries"]


def test_the_plural_defaults_to_an_s():
    assert counted(3, "fix", "fixes") == "3 fixes"
    assert counted(2, "file") == "2 files"
