"""slant: take a news or opinion article apart and set every measurement beside neutral news.

The public API, used by the notebooks and by researchers::

    from slant import load_article, parse, baselines
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from slant import baselines
from slant.corpus import (
    Corpus,
    Document,
    InputError,
    corpus_from_texts,
    load_article,
    load_folder,
    read_text,
)
from slant.text import Block, ParsedDocument, Sentence, Token, normalize, parse

try:
    __version__ = version("slant")
except PackageNotFoundError:  # running from a source tree that was not installed
    from slant._version import VERSION as __version__

__all__ = [
    "Block",
    "Corpus",
    "Document",
    "InputError",
    "ParsedDocument",
    "Sentence",
    "Token",
    "__version__",
    "baselines",
    "corpus_from_texts",
    "load_article",
    "load_folder",
    "normalize",
    "parse",
    "read_text",
]
