"""termkit: bilingual Chinese-English terminology.

The command line is a thin layer over these calls; a Python user can do everything it does.
Names are imported on first use (PEP 562): ``import termkit`` stays cheap, so that a
command such as ``termkit lookup`` does not pay for the TOML reader it does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "Entry": "termkit.model",
    "Glossary": "termkit.glossary",
    "GlossaryError": "termkit.errors",
    "InputError": "termkit.errors",
    "TermkitError": "termkit.errors",
    "UsageError": "termkit.errors",
    "dump_glossary": "termkit.glossary",
    "load_glossaries": "termkit.glossary",
    "load_glossary": "termkit.glossary",
    "merge": "termkit.glossary",
    "save_glossary": "termkit.glossary",
    "lookup": "termkit.lookup",
}

__all__ = [
    "Entry",
    "Glossary",
    "GlossaryError",
    "InputError",
    "TermkitError",
    "UsageError",
    "__version__",
    "dump_glossary",
    "load_glossaries",
    "load_glossary",
    "lookup",
    "merge",
    "save_glossary",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from termkit.errors import GlossaryError, InputError, TermkitError, UsageError
    from termkit.glossary import Glossary, dump_glossary, load_glossaries, load_glossary, merge, save_glossary
    from termkit.lookup import lookup
    from termkit.model import Entry


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'termkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
