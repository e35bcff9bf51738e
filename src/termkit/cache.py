"""Where termkit keeps derived data it can always rebuild (parsed dictionaries, lookup indexes).

``TERMKIT_CACHE`` overrides the platform's user cache folder. Everything here is harmless to
delete; writers use a temporary name and an atomic rename, so two processes building the same
file at once both end with a complete copy.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def cache_dir() -> Path:
    """The cache folder, created on first use."""
    env = os.environ.get("TERMKIT_CACHE")
    if env:
        path = Path(env)
    else:
        from platformdirs import user_cache_dir

        path = Path(user_cache_dir("termkit", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_digest(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file's bytes, hex; the key that ties a cache file to its source."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()
