"""Keyness: which words a text uses more (or less) than a reference corpus does.

The statistic is the log-odds ratio with an informative Dirichlet prior of Monroe,
Colaresi & Quinn (2008). For a word *w*, with ``y`` its count and ``n`` the total word
count on each side (*i* the target text, *j* the reference), and a prior count
``a_w = alpha0 * f_w`` where ``f_w`` is the word's share of a background corpus::

    delta_w = ln((y_i + a_w) / (n_i + alpha0 - y_i - a_w))
            - ln((y_j + a_w) / (n_j + alpha0 - y_j - a_w))
    var_w  ~= 1 / (y_i + a_w) + 1 / (y_j + a_w)
    z_w     = delta_w / sqrt(var_w)

Logarithms are natural. ``z`` is the number to read: above +1.96 the target uses the word
more than the reference beyond what chance would give at about the 5% level (under the
model), below -1.96 less. Because the prior pulls rare words towards the background rate,
a word seen once or twice cannot reach a large ``z`` the way a raw ratio would let it.
(Base-10 logarithms would divide every ``z`` by ``ln 10``, leaving 0.434 of it, while the
1.96 cut-off stays where it is, so real differences would look like noise; this module
uses natural logarithms only.)

Words are the lower-cased ``norm`` of the word tokens from :func:`slant.text.parse`.
Function words (see :data:`STOPWORDS`) stay in every count, so totals and rates are
true, and are only left out of the "top" lists, where they would crowd out content words.

Reference: Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' Words: Lexical
feature selection and evaluation for identifying the content of political conflict.
*Political Analysis*, 16(4), 372-403. doi:10.1093/pan/mpn018
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Literal

from slant.text import ParsedDocument, parse

if TYPE_CHECKING:
    import pandas as pd

Side = Literal["target", "reference"]

#: Strength of the prior, in pseudo-words. A project choice, not a value from the paper:
#: 1,000 words is about the length of one or two news stories, so a word the target uses
#: only once or twice is shrunk firmly towards its background rate, while a word the
#: target repeats keeps most of its own evidence.
DEFAULT_ALPHA0 = 1000.0

#: The two-sided 5% critical value of the standard normal distribution, Phi^-1(0.975).
Z_95 = 1.959963984540054

#: Default minimum count on the side a top list describes: a word used once is not a
#: pattern of use.
DEFAULT_MIN_COUNT = 2

#: English function words left out of the top lists (never out of the counts). Written for
#: this project: articles, pronouns and their possessives, auxiliary and modal verbs,
#: prepositions, conjunctions, and a few very common adverbs and contractions. It is
#: deliberately short. "not", "no" and "now" are on it although an opinion piece may lean
#: on them (negation, urgency): their keyness stays in the full table, and the rhetoric
#: family counts negation with evidence.
_STOPWORD_LINES = (
    "a an the",
    "i me my mine we us our ours you your yours he him his she her hers it its",
    "they them their theirs this that these those who whom whose which what",
    "am is are was were be been being have has had having do does did doing",
    "will would shall should can could may might must",
    "to of in on at by for with from into onto over under about above below",
    "between through during before after against among around without within upon",
    "as than then so such too very also just only even",
    "and or but nor if because while although though whether",
    "not no yes there here where when why how all any both each few more most",
    "other some own same now again further once",
    "it's that's there's he's she's they're we're you're i'm isn't aren't wasn't",
    "weren't don't doesn't didn't can't won't wouldn't shouldn't couldn't",
)
STOPWORDS: frozenset[str] = frozenset(w for line in _STOPWORD_LINES for w in line.split())


@dataclass(frozen=True, slots=True)
class KeyWord:
    """One word's keyness between a target text and a reference.

    Attributes
    ----------
    word : str
        The lower-cased word.
    z : float
        ``delta / sqrt(variance)``; positive when the target uses the word more.
        NaN when the word is the whole vocabulary (the odds are undefined).
    delta : float
        The prior-smoothed log-odds ratio (natural log).
    variance : float
        The approximate variance of ``delta``.
    count_target, count_reference : int
        Raw counts on each side (evidence only; compare the rates, not the counts).
    rate_target, rate_reference : float
        Occurrences per 1,000 words on each side; NaN for an empty side.
    """

    word: str
    z: float
    delta: float
    variance: float
    count_target: int
    count_reference: int
    rate_target: float
    rate_reference: float


def _add_words(counts: Counter[str], parsed: ParsedDocument) -> None:
    counts.update(token.norm.lower() for token in parsed.words)


def word_counts(
    parsed_or_texts: ParsedDocument | str | Iterable[ParsedDocument | str],
) -> Counter[str]:
    """Count lower-cased word tokens over one text or many.

    Parameters
    ----------
    parsed_or_texts : ParsedDocument, str, or an iterable of them
        One parsed document, one raw string (parsed with :func:`slant.text.parse`), or a
        collection of either; a collection's counts are summed (a baseline's combined
        counts).

    Returns
    -------
    collections.Counter
        Word (the token's ``norm``, lower-cased) to count. Punctuation tokens are not
        counted; stop words are.
    """
    counts: Counter[str] = Counter()
    items: Iterable[ParsedDocument | str]
    if isinstance(parsed_or_texts, ParsedDocument | str):
        items = (parsed_or_texts,)
    else:
        items = parsed_or_texts
    for item in items:
        _add_words(counts, item if isinstance(item, ParsedDocument) else parse(item))
    return counts


def _rate_per_1000(count: int, total: int) -> float:
    return 1000.0 * count / total if total > 0 else math.nan


def _sort_key(keyword: KeyWord) -> tuple[bool, float, str]:
    # NaN last, then z from high to low, then the word, so ties never depend on input order
    undefined = math.isnan(keyword.z)
    return (undefined, 0.0 if undefined else -keyword.z, keyword.word)


def log_odds(
    target: Counter[str],
    reference: Counter[str],
    prior: Counter[str] | None = None,
    alpha0: float = DEFAULT_ALPHA0,
) -> list[KeyWord]:
    """Log-odds ratio with an informative Dirichlet prior, for every word of either side.

    Parameters
    ----------
    target, reference : Counter
        Word counts of the text under study and of the reference (e.g. from
        :func:`word_counts`).
    prior : Counter, optional
        Background counts that set each word's prior share ``f_w``. Defaults to
        ``target + reference``. It must count every word that occurs on either side.
    alpha0 : float
        Total prior mass in pseudo-words (:data:`DEFAULT_ALPHA0`); each word's prior count
        is ``a_w = alpha0 * f_w``.

    Returns
    -------
    list of KeyWord
        One entry per word in ``target`` or ``reference`` (counts of zero or less are
        ignored), sorted by ``z`` from high to low, then by word; NaN ``z`` last.

    Raises
    ------
    ValueError
        ``alpha0`` is not a positive finite number, or ``prior`` leaves out a word that
        occurs on one of the sides.

    Notes
    -----
    With ``a = a_w`` the word's prior count:
    ``delta = ln((y_i + a) / (n_i + alpha0 - y_i - a))``
    ``- ln((y_j + a) / (n_j + alpha0 - y_j - a))``,
    ``var ~= 1/(y_i + a) + 1/(y_j + a)`` and ``z = delta / sqrt(var)``
    (Monroe, Colaresi & Quinn 2008, Political Analysis 16(4), 372-403).
    """
    if not (math.isfinite(alpha0) and alpha0 > 0):
        msg = f"alpha0 must be a positive finite number of pseudo-words, got {alpha0!r}"
        raise ValueError(msg)
    vocabulary = sorted(w for w in set(target) | set(reference) if max(target[w], reference[w]) > 0)
    if not vocabulary:
        return []
    background = prior if prior is not None else target + reference
    background_total = sum(c for c in background.values() if c > 0)
    missing = [w for w in vocabulary if background[w] <= 0]
    if missing:
        shown = ", ".join(repr(w) for w in missing[:5])
        msg = (
            f"the prior has no count for {len(missing)} word(s) that occur in the texts "
            f"(e.g. {shown}); use a prior that includes both sides, e.g. target + reference"
        )
        raise ValueError(msg)
    n_target = sum(target[w] for w in vocabulary if target[w] > 0)
    n_reference = sum(reference[w] for w in vocabulary if reference[w] > 0)
    keywords: list[KeyWord] = []
    for word in vocabulary:
        y_i = max(target[word], 0)
        y_j = max(reference[word], 0)
        a_w = alpha0 * background[word] / background_total
        rest_i = n_target + alpha0 - y_i - a_w
        rest_j = n_reference + alpha0 - y_j - a_w
        variance = 1.0 / (y_i + a_w) + 1.0 / (y_j + a_w)
        if rest_i > 0 and rest_j > 0:
            delta = math.log((y_i + a_w) / rest_i) - math.log((y_j + a_w) / rest_j)
            z = delta / math.sqrt(variance)
        else:  # the word is the whole vocabulary and its prior share is 1: odds undefined
            delta = z = math.nan
        keywords.append(
            KeyWord(
                word=word,
                z=z,
                delta=delta,
                variance=variance,
                count_target=y_i,
                count_reference=y_j,
                rate_target=_rate_per_1000(y_i, n_target),
                rate_reference=_rate_per_1000(y_j, n_reference),
            )
        )
    keywords.sort(key=_sort_key)
    return keywords


def top(
    keywords: Iterable[KeyWord],
    n: int,
    *,
    side: Side = "target",
    min_count: int = DEFAULT_MIN_COUNT,
    exclude_stopwords: bool = True,
    min_abs_z: float = 0.0,
) -> list[KeyWord]:
    """The ``n`` words most characteristic of one side.

    Parameters
    ----------
    keywords : iterable of KeyWord
        Output of :func:`log_odds`.
    n : int
        How many to return at most (``n >= 0``).
    side : {"target", "reference"}
        ``"target"``: words with ``z > 0``, highest first. ``"reference"``: words with
        ``z < 0``, lowest first.
    min_count : int
        Keep only words counted at least this often on the chosen side.
    exclude_stopwords : bool
        Leave out the words in :data:`STOPWORDS` (they stay in the counts).
    min_abs_z : float
        Keep only words with ``|z| >= min_abs_z``; pass :data:`Z_95` for the 5% level.

    Returns
    -------
    list of KeyWord
        Ordered by ``|z|`` from high to low, ties by word.

    Raises
    ------
    ValueError
        Unknown ``side`` or negative ``n``.
    """
    if side not in ("target", "reference"):
        msg = f"side must be 'target' or 'reference', got {side!r}"
        raise ValueError(msg)
    if n < 0:
        msg = f"n must be zero or more, got {n}"
        raise ValueError(msg)
    sign = 1.0 if side == "target" else -1.0
    chosen = [
        k
        for k in keywords
        if not math.isnan(k.z)
        and sign * k.z > 0
        and abs(k.z) >= min_abs_z
        and (k.count_target if side == "target" else k.count_reference) >= min_count
        and not (exclude_stopwords and k.word in STOPWORDS)
    ]
    chosen.sort(key=lambda k: (-sign * k.z, k.word))
    return chosen[:n]


#: Column order of :func:`keyness_table`.
TABLE_COLUMNS = (
    "word",
    "z",
    "delta",
    "variance",
    "count_target",
    "count_reference",
    "rate_target",
    "rate_reference",
    "stopword",
)


def keyness_table(keywords: Iterable[KeyWord]) -> pd.DataFrame:
    """A tidy table of keywords, one row per word, in a stable order.

    Rows are sorted by ``z`` from high to low, then by word (NaN ``z`` last), whatever
    order the input had, so a CSV written from the table is byte-identical across runs.

    Parameters
    ----------
    keywords : iterable of KeyWord
        Output of :func:`log_odds` (or a subset such as :func:`top`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TABLE_COLUMNS`; ``stopword`` says whether the word is in
        :data:`STOPWORDS`. A fresh ``RangeIndex``.
    """
    import pandas as pd  # noqa: PLC0415  (tables are built off the hot path)

    rows = [{**asdict(k), "stopword": k.word in STOPWORDS} for k in sorted(keywords, key=_sort_key)]
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def occurrences(parsed: ParsedDocument, word: str) -> list[tuple[int, int]]:
    """Where a keyword occurs in a parsed text, as ``(start, end)`` character offsets.

    A token matches when its lower-cased ``norm`` equals ``word`` lower-cased, exactly as
    :func:`word_counts` counts it, so ``len(occurrences(p, w)) == word_counts(p)[w]``.
    ``parsed.text[start:end]`` gives back the original characters.
    """
    wanted = word.lower()
    return [(t.start, t.end) for t in parsed.words if t.norm.lower() == wanted]
