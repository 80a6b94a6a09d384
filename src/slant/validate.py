"""Check slant's scores against sentences that people labelled as biased or not.

The labelled file is in the format of BABE, "Bias Annotations By Experts" (Spinde et al.
2021): one sentence per row, semicolon-separated, UTF-8 (a byte-order mark is allowed),
with at least the columns ``text``, ``label_bias`` (``Biased`` or ``Non-biased``; any
other value, such as ``No agreement``, is left out and counted) and ``biased_words`` (a
Python-style list of the words the annotators marked, e.g. ``['bizarre', 'fringe']``).

For every score -- the loaded-language index, each rhetoric marker rate, and two plain
VADER baselines -- :func:`validate_file` reports the area under the ROC curve (AUC) for
telling ``Biased`` from ``Non-biased`` sentences, with a seeded bootstrap 95% confidence
interval, and the word-level precision, recall and F1 of the words slant flags against
the words the annotators marked. Nothing is fitted to the labelled file: every score is
computed from lexicons alone, so the figures need no cross-validation.

References
----------
Spinde, T., Plank, M., Krieger, J.-D., Ruas, T., Gipp, B., & Aizawa, A. (2021). Neural
media bias detection using distant supervision with BABE -- Bias Annotations By Experts.
*Findings of the Association for Computational Linguistics: EMNLP 2021*, 1166-1177.
doi:10.18653/v1/2021.findings-emnlp.101.
Mann, H. B., & Whitney, D. R. (1947). On a test of whether one of two random variables is
stochastically larger than the other. *Annals of Mathematical Statistics* 18(1), 50-60.
Hanley, J. A., & McNeil, B. J. (1982). The meaning and use of the area under a receiver
operating characteristic (ROC) curve. *Radiology* 143(1), 29-36.
Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
"""

from __future__ import annotations

import ast
import csv
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from slant.metrics import rhetoric
from slant.metrics.base import Evidence
from slant.metrics.registry import get as get_metric
from slant.text import ParsedDocument, parse

__all__ = [
    "BABE_CITATION",
    "LabelledSentence",
    "ScoreResult",
    "ValidationReport",
    "WordResult",
    "auc",
    "bootstrap_auc_ci",
    "format_report",
    "read_labelled",
    "validate_file",
    "word_scores",
]

BABE_CITATION = (
    "Spinde, T., Plank, M., Krieger, J.-D., Ruas, T., Gipp, B., & Aizawa, A. (2021). "
    "Neural media bias detection using distant supervision with BABE - Bias Annotations "
    "By Experts. Findings of EMNLP 2021, 1166-1177. doi:10.18653/v1/2021.findings-emnlp.101"
)

REQUIRED_COLUMNS = ("text", "label_bias", "biased_words")
POSITIVE_LABEL = "Biased"
NEGATIVE_LABEL = "Non-biased"

FloatArray = npt.NDArray[np.float64]


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    """One row of a labelled file.

    Attributes
    ----------
    row : int
        The row's line number in the file (the header is line 1).
    text : str
        The sentence as given.
    biased : bool
        True for ``Biased``, False for ``Non-biased``.
    biased_words : tuple of str
        The words the annotators marked as biased, lower case.
    """

    row: int
    text: str
    biased: bool
    biased_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """How well one sentence score separates ``Biased`` from ``Non-biased`` sentences.

    Attributes
    ----------
    name : str
        The score's name (a rhetoric metric name, or ``vader_abs_compound`` /
        ``vader_lexicon_words`` for the baselines).
    description : str
        One plain sentence saying what the score is.
    auc : float
        Area under the ROC curve, 0.5 = no better than chance.
    ci_low, ci_high : float
        Bounds of the bootstrap percentile confidence interval of ``auc``.
    n : int
        Sentences with a defined (non-NaN) score, the ones the AUC uses.
    """

    name: str
    description: str
    auc: float
    ci_low: float
    ci_high: float
    n: int


@dataclass(frozen=True, slots=True)
class WordResult:
    """Word-level agreement of the flagged words with the annotators' biased words.

    Counts are summed over all sentences (micro-averaging): a word type flagged in a
    sentence is a true positive when the annotators marked it in that sentence.
    """

    name: str
    description: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        """``tp / (tp + fp)``; NaN when nothing was flagged."""
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else math.nan

    @property
    def recall(self) -> float:
        """``tp / (tp + fn)``; NaN when the annotators marked nothing."""
        marked = self.true_positives + self.false_negatives
        return self.true_positives / marked if marked else math.nan

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall; NaN when either is NaN or both are 0."""
        p, r = self.precision, self.recall
        if math.isnan(p) or math.isnan(r) or p + r == 0:
            return math.nan
        return 2 * p * r / (p + r)


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Everything :func:`validate_file` measured, ready for :func:`format_report`."""

    path: str
    n_biased: int
    n_non_biased: int
    n_skipped: int
    scores: tuple[ScoreResult, ...]
    words: tuple[WordResult, ...]
    n_resamples: int
    seed: int
    level: float
    citation: str = BABE_CITATION


# --------------------------------------------------------------------------- reading


def read_labelled(path: str | Path) -> tuple[list[LabelledSentence], int]:
    """Read a BABE-format labelled file.

    Parameters
    ----------
    path : str or Path
        A semicolon-separated UTF-8 file with the columns ``text``, ``label_bias`` and
        ``biased_words`` (other columns are ignored).

    Returns
    -------
    sentences : list of LabelledSentence
        The rows labelled ``Biased`` or ``Non-biased``, in file order.
    skipped : int
        Rows with any other label (e.g. ``No agreement``).

    Raises
    ------
    ValueError
        With one message naming the file and the problem: missing file, undecodable
        bytes, wrong delimiter, missing columns, or a malformed ``biased_words`` cell.
    """
    file = Path(path)
    if not file.is_file():
        msg = f"{file}: no such file"
        raise ValueError(msg)
    try:
        content = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        msg = f"{file}: not UTF-8 text ({error.reason} at byte {error.start})"
        raise ValueError(msg) from None
    lines = content.splitlines()
    if not lines or not lines[0].strip():
        msg = f"{file}: empty file, expected a header line with {';'.join(REQUIRED_COLUMNS)}"
        raise ValueError(msg)
    header = lines[0]
    if ";" not in header:
        guess = next((name for sep, name in ((",", "commas"), ("\t", "tabs")) if sep in header), "")
        found = f" (the header seems separated by {guess})" if guess else ""
        msg = f"{file}: expected semicolon-separated columns, but the header has no ';'{found}"
        raise ValueError(msg)
    reader = csv.DictReader(content.splitlines(keepends=True), delimiter=";")
    columns = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        msg = (
            f"{file}: missing column(s) {', '.join(missing)}; found {', '.join(columns) or 'none'}"
        )
        raise ValueError(msg)
    sentences: list[LabelledSentence] = []
    skipped = 0
    for row in reader:
        line = reader.line_num
        cells = {(key or "").strip(): value for key, value in row.items()}
        label = (cells.get("label_bias") or "").strip()
        if label not in (POSITIVE_LABEL, NEGATIVE_LABEL):
            skipped += 1
            continue
        sentences.append(
            LabelledSentence(
                row=line,
                text=cells.get("text") or "",
                biased=label == POSITIVE_LABEL,
                biased_words=_parse_word_list(file, line, cells.get("biased_words") or ""),
            )
        )
    return sentences, skipped


def _parse_word_list(file: Path, line: int, cell: str) -> tuple[str, ...]:
    """Parse a ``['a', 'b']`` cell with :func:`ast.literal_eval` (literals only)."""
    if not cell.strip():
        return ()
    try:
        value = ast.literal_eval(cell.strip())
    except (ValueError, SyntaxError):
        value = None
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        msg = (
            f"{file}: line {line}: biased_words must be a list of strings "
            f"like ['a', 'b'], got {cell!r}"
        )
        raise ValueError(msg)
    return tuple(word.strip().lower() for word in value)


# --------------------------------------------------------------------------- statistics


def _auc_weighted(
    scores: FloatArray, positive: npt.NDArray[np.bool_], weights: FloatArray
) -> float:
    """Weighted Mann-Whitney AUC; ``weights`` are each sentence's multiplicity."""
    values, inverse = np.unique(scores, return_inverse=True)
    pos = np.bincount(inverse, weights=weights * positive, minlength=values.size)
    neg = np.bincount(inverse, weights=weights * ~positive, minlength=values.size)
    n_pos, n_neg = pos.sum(), neg.sum()
    if n_pos == 0 or n_neg == 0:
        return math.nan
    below = np.cumsum(neg) - neg  # negatives with a strictly lower score
    return float((pos * (below + 0.5 * neg)).sum() / (n_pos * n_neg))


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Area under the ROC curve by the Mann-Whitney statistic, ties counted half.

    ``AUC = (1 / (P * N)) * sum over positive p, negative q of [s_p > s_q] + 0.5 [s_p = s_q]``,
    the probability that a random positive sentence scores above a random negative one
    (Mann & Whitney 1947; Hanley & McNeil 1982).

    Parameters
    ----------
    scores : sequence of float
        One score per sentence; pairs with a NaN score are left out.
    labels : sequence of bool
        True for the positive class (``Biased``).

    Returns
    -------
    float
        The AUC in 0..1; NaN when either class is empty after leaving out NaN scores.
    """
    values = np.asarray(scores, dtype=np.float64)
    positive = np.asarray(labels, dtype=bool)
    if values.shape != positive.shape:
        msg = f"auc: {values.size} scores but {positive.size} labels"
        raise ValueError(msg)
    keep = ~np.isnan(values)
    return _auc_weighted(values[keep], positive[keep], np.ones(int(keep.sum())))


def bootstrap_auc_ci(
    scores: Sequence[float],
    labels: Sequence[bool],
    *,
    n_resamples: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap confidence interval of :func:`auc` (Efron & Tibshirani 1993).

    Sentences are drawn with replacement ``n_resamples`` times (NaN scores left out
    first); the interval is the ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles of
    the resampled AUCs. The generator is ``numpy.random.default_rng(seed)``, so the
    interval is reproducible.

    Returns
    -------
    tuple of float
        ``(low, high)``; NaNs when the AUC itself is undefined.
    """
    values = np.asarray(scores, dtype=np.float64)
    positive = np.asarray(labels, dtype=bool)
    keep = ~np.isnan(values)
    values, positive = values[keep], positive[keep]
    if values.size == 0 or positive.all() or not positive.any():
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    draws = np.empty(n_resamples)
    for k in range(n_resamples):
        picks = rng.integers(0, values.size, size=values.size)
        weights = np.bincount(picks, minlength=values.size).astype(np.float64)
        draws[k] = _auc_weighted(values, positive, weights)
    draws = draws[~np.isnan(draws)]
    if draws.size == 0:
        return math.nan, math.nan
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(draws, [tail, 1.0 - tail])
    return float(low), float(high)


# --------------------------------------------------------------------------- scores


@cache
def _vader() -> Any:  # vaderSentiment ships no type information
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: PLC0415

    return SentimentIntensityAnalyzer()


def _normalized(parsed: ParsedDocument) -> str:
    return " ".join(sentence.norm for sentence in parsed.sentences)


def _vader_abs_compound(parsed: ParsedDocument, _: Mapping[str, float]) -> float:
    if not parsed.words:
        return math.nan
    return abs(float(_vader().polarity_scores(_normalized(parsed))["compound"]))


def _vader_lexicon_words(parsed: ParsedDocument, _: Mapping[str, float]) -> float:
    if not parsed.words:
        return math.nan
    lexicon: Mapping[str, float] = _vader().lexicon
    return float(sum(1 for word in parsed.words if word.norm.lower() in lexicon))


_BASELINES: tuple[tuple[str, str, Callable[[ParsedDocument, Mapping[str, float]], float]], ...] = (
    (
        "vader_abs_compound",
        "Baseline: size of VADER's compound sentiment score, |compound| (Hutto & Gilbert 2014).",
        _vader_abs_compound,
    ),
    (
        "vader_lexicon_words",
        "Baseline: how many words of the sentence are in the VADER lexicon (any rating).",
        _vader_lexicon_words,
    ),
)


def _rhetoric_score_names() -> tuple[str, ...]:
    names = ["loaded_language_index"]
    names += [m.name for m in rhetoric.METRICS if m.comparable and m.name not in names]
    return tuple(names)


def _flagged_words(
    parsed: ParsedDocument, evidence: Sequence[Evidence], metrics: frozenset[str]
) -> set[str]:
    words: set[str] = set()
    for item in evidence:
        if item.metric in metrics:
            for token in parsed.words:
                if item.start <= token.start and token.end <= item.end:
                    words.add(token.norm.lower().replace("’", "'"))
    return words


_FLAG_SETS: tuple[tuple[str, str, frozenset[str]], ...] = (
    (
        "loaded_words",
        "Words flagged as loaded (strongly rated VADER entries).",
        frozenset({"loaded_words"}),
    ),
    (
        "opinion_cues",
        "Loaded words, boosters and absolutist words together.",
        frozenset({"loaded_words", "boosters", "absolutist_words"}),
    ),
)


def word_scores(
    sentences: Sequence[LabelledSentence],
    parsed: Sequence[ParsedDocument],
    evidence: Sequence[Sequence[Evidence]],
) -> tuple[WordResult, ...]:
    """Micro-averaged word-level agreement of flagged words with ``biased_words``.

    For each flag set and each sentence, the flagged word types (lower case) are
    compared with the annotators' words: ``tp = |flagged & marked|``,
    ``fp = |flagged - marked|``, ``fn = |marked - flagged|``, summed over sentences.
    ``evidence[i]`` is the rhetoric evidence of ``parsed[i]`` (from
    :func:`slant.metrics.rhetoric.measure`).
    """
    results = []
    for name, description, metrics in _FLAG_SETS:
        tp = fp = fn = 0
        for sentence, doc, spans in zip(sentences, parsed, evidence, strict=True):
            flagged = _flagged_words(doc, spans, metrics)
            marked = set(sentence.biased_words)
            tp += len(flagged & marked)
            fp += len(flagged - marked)
            fn += len(marked - flagged)
        results.append(WordResult(name, description, tp, fp, fn))
    return tuple(results)


def validate_file(
    path: str | Path, *, n_resamples: int = 1000, seed: int = 0, level: float = 0.95
) -> ValidationReport:
    """Score every labelled sentence of ``path`` and report how well each score works.

    Parameters
    ----------
    path : str or Path
        A BABE-format file (see :func:`read_labelled`), e.g. BABE's SG2 set
        (Spinde et al. 2021, doi:10.18653/v1/2021.findings-emnlp.101).
    n_resamples : int
        Bootstrap resamples for each confidence interval.
    seed : int
        Seed of the bootstrap's random generator.
    level : float
        Confidence level of the intervals, in (0, 1).

    Returns
    -------
    ValidationReport
        AUC with bootstrap CI for the loaded-language index, every rhetoric marker rate
        and the two VADER baselines; word-level precision/recall/F1 of flagged words.

    Raises
    ------
    ValueError
        When the file is unreadable or malformed (see :func:`read_labelled`), when it
        lacks one of the two classes, or when ``level`` or ``n_resamples`` is invalid.
    """
    if not 0.0 < level < 1.0:
        msg = f"level must be between 0 and 1, got {level}"
        raise ValueError(msg)
    if n_resamples < 1:
        msg = f"n_resamples must be at least 1, got {n_resamples}"
        raise ValueError(msg)
    sentences, skipped = read_labelled(path)
    labels = [s.biased for s in sentences]
    n_biased = sum(labels)
    if n_biased == 0 or n_biased == len(labels):
        msg = (
            f"{path}: needs at least one {POSITIVE_LABEL!r} and one {NEGATIVE_LABEL!r} row, "
            f"found {n_biased} and {len(labels) - n_biased}"
        )
        raise ValueError(msg)
    parsed = [parse(s.text) for s in sentences]
    measurements = [rhetoric.measure(doc) for doc in parsed]
    values = [m.values for m in measurements]
    results: list[ScoreResult] = []
    columns: list[tuple[str, str, list[float]]] = [
        (name, get_metric(name).definition, [v[name] for v in values])
        for name in _rhetoric_score_names()
    ]
    columns += [
        (name, description, [fn(doc, v) for doc, v in zip(parsed, values, strict=True)])
        for name, description, fn in _BASELINES
    ]
    for name, description, column in columns:
        low, high = bootstrap_auc_ci(
            column, labels, n_resamples=n_resamples, seed=seed, level=level
        )
        results.append(
            ScoreResult(
                name=name,
                description=description,
                auc=auc(column, labels),
                ci_low=low,
                ci_high=high,
                n=sum(1 for x in column if not math.isnan(x)),
            )
        )
    return ValidationReport(
        path=str(path),
        n_biased=n_biased,
        n_non_biased=len(labels) - n_biased,
        n_skipped=skipped,
        scores=tuple(results),
        words=word_scores(sentences, parsed, [m.evidence for m in measurements]),
        n_resamples=n_resamples,
        seed=seed,
        level=level,
    )


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def format_report(report: ValidationReport) -> str:
    """A plain-text report of a :class:`ValidationReport`, with the BABE citation.

    Parameters
    ----------
    report : ValidationReport
        What :func:`validate_file` returned.

    Returns
    -------
    str
        Lines of text: the file and its class counts, one line per score (AUC and
        confidence interval, best first), the word-level table and the reference.
    """
    percent = round(100 * report.level)
    lines = [
        f"Validation against {report.path}",
        (
            f"  {report.n_biased} Biased, {report.n_non_biased} Non-biased sentences"
            f" ({report.n_skipped} row(s) with another label left out)"
        ),
        "",
        (
            f"Sentence scores: AUC for Biased vs Non-biased, {percent}% bootstrap CI "
            f"({report.n_resamples} resamples, seed {report.seed}); 0.5 = chance"
        ),
    ]
    width = max(len(s.name) for s in report.scores)
    for s in sorted(report.scores, key=lambda r: -r.auc if not math.isnan(r.auc) else 1.0):
        interval = f"[{_fmt(s.ci_low)}, {_fmt(s.ci_high)}]"
        lines.append(f"  {s.name:<{width}}  AUC {_fmt(s.auc)}  {interval}  n={s.n}")
    lines += ["", "Flagged words vs the annotators' biased words (micro-averaged over sentences)"]
    for w in report.words:
        lines.append(
            f"  {w.name:<{width}}  precision {_fmt(w.precision)}  recall {_fmt(w.recall)}  "
            f"F1 {_fmt(w.f1)}  (tp={w.true_positives}, fp={w.false_positives}, "
            f"fn={w.false_negatives})"
        )
    lines += [
        "",
        "No weight or threshold was fitted to this file: every score comes from lexicons.",
        f"Reference: {report.citation}",
    ]
    return "\n".join(lines)
