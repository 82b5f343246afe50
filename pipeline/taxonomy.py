"""arXiv's category taxonomy (code → name), shipped with the package.

The table is arXiv's own (arxiv-base ``arxiv/taxonomy/definitions.py``),
active categories only, plus arXiv's aliases (``cs.NA`` is ``math.NA``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _load() -> dict:
    with resources.files("pipeline.data").joinpath("taxonomy.json").open("r", encoding="utf-8") as fh:
        return json.load(fh)


def category_names() -> dict[str, str]:
    """Every active arXiv category code mapped to its full name."""
    return _load()["categories"]


def aliases() -> dict[str, str]:
    """Alias code → canonical code (``cs.NA`` → ``math.NA``)."""
    return _load()["aliases"]


def canonical(code: str) -> str:
    """The canonical form of a category code (aliases resolved)."""
    return aliases().get(code, code)


def is_known(code: str) -> bool:
    """Whether ``code`` is an active arXiv category or one of its aliases."""
    return code in category_names() or code in aliases()


def name_of(code: str) -> str:
    """The full name of a category, or the code itself when unknown."""
    names = category_names()
    return names.get(code) or names.get(canonical(code)) or code
