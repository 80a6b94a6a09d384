"""slant: take a news or opinion article apart and set every measurement beside neutral news.

The public API, used by the notebooks and by researchers::

    from slant import load_article, profile, baselines

Submodules (``from slant import plots, tables, compare, keyness, context, …``) are imported
on first use, so ``import slant`` stays light.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from slant import baselines, paths
from slant.corpus import (
    Corpus,
    Document,
    InputError,
    corpus_from_texts,
    load_article,
    load_folder,
    read_text,
)
from slant.metrics.base import Evidence
from slant.metrics.registry import Metric, all_metrics
from slant.profile import Profile, profile
from slant.text import Block, ParsedDocument, Sentence, Token, normalize, parse

try:
    __version__ = version("slant")
except PackageNotFoundError:  # running from a source tree that was not installed
    from slant._version import VERSION

    __version__ = VERSION

__all__ = [
    "Block",
    "Corpus",
    "Document",
    "Evidence",
    "InputError",
    "Metric",
    "ParsedDocument",
    "Profile",
    "Sentence",
    "Token",
    "__version__",
    "all_metrics",
    "baselines",
    "corpus_from_texts",
    "load_article",
    "load_folder",
    "normalize",
    "parse",
    "paths",
    "profile",
    "read_text",
]
