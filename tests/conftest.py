"""Shared fixtures: paths to the project's own data and to ../shared (skipped where absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "000_ed9dc4d11c333613.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Each test session shares one cache folder of its own, never the user's."""
    cache = tmp_path_factory.getbasetemp() / "termkit-cache"
    cache.mkdir(exist_ok=True)
    monkeypatch.setenv("TERMKIT_CACHE", str(cache))
    monkeypatch.delenv("TERMKIT_GLOSSARY", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is read-only third-party data beside the clone)")
    return path
