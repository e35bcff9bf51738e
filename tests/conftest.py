"""Shared fixtures: paths to the project's own data and to ../shared (skipped where absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "000_ed9dc4d11c333613.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory):
    """The test session has one cache folder of its own, never the user's.

    Session-scoped so that it is in place before module-scoped fixtures run, which would
    otherwise build their matchers in the user's cache and find stale ones there.
    """
    cache = tmp_path_factory.getbasetemp() / "termkit-cache"
    cache.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TERMKIT_CACHE", str(cache))
        mp.delenv("TERMKIT_GLOSSARY", raising=False)
        mp.delenv("NO_COLOR", raising=False)
        yield


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is read-only third-party data beside the clone)")
    return path
