"""Set one text's measurements beside a baseline: robust statistics and a plain reading.

For each metric the comparison reports the article's value; the baseline's n, median,
quartiles, 5th–95th percentile range and a bootstrap 95% CI of its median; the article's
mid-rank percentile within the baseline; a robust z; and one plain-language sentence.

Robust z and zero-inflated metrics
----------------------------------
``z = (x − median) / scale`` where ``scale`` is the first non-zero of

1. ``1.4826 × MAD`` (median absolute deviation; consistent with the standard deviation
   for normal data — Rousseeuw & Croux 1993; Leys et al. 2013),
2. ``IQR / 1.349`` (the same consistency constant for the interquartile range),
3. ``1.2533 × mean absolute deviation from the median`` (consistent with the SD for
   normal data; used when more than half — and more than three quarters — of the baseline
   sits on one value, as with rate metrics that are zero in most news stories).

If all three are zero (every baseline document has the same value) z is NaN and the
reading says the baseline has no spread; the percentile still says where the text falls.
z is reported unclipped; the style-distance index clips it (see :func:`style_distance`).

Only metrics marked ``comparable`` in the registry (rates, shares, means — never raw
counts) are compared, and only where the baseline can support them: a baseline whose
documents have no paragraph breaks (the Lee stories are one paragraph each) cannot
support paragraph-level metrics, which are skipped with a note.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from slant.metrics.registry import FAMILIES, Metric, all_metrics

#: Consistency constants: for normally distributed data these make each spread estimate
#: an estimate of the standard deviation (MAD: 1/Φ⁻¹(3/4) ≈ 1.4826; IQR: 2·Φ⁻¹(3/4) ≈ 1.349;
#: mean absolute deviation: √(π/2) ≈ 1.2533).
MAD_SCALE = 1.4826
IQR_SCALE = 1.349
MEANAD_SCALE = 1.2533

#: z beyond ±Z_CLIP counts as ±Z_CLIP in the style-distance index, so that one extreme
#: metric (e.g. emoji in a text when the baseline has none) cannot make up the whole index.
Z_CLIP = 5.0

DEFAULT_BOOTSTRAP = 2000
DEFAULT_SEED = 20251201


@dataclass(frozen=True, slots=True)
class MetricComparison:
    """One metric of one text against one baseline."""

    metric: str
    family: str
    label: str
    unit: str
    value: float
    n: int
    median: float
    q25: float
    q75: float
    p05: float
    p95: float
    ci_low: float
    ci_high: float
    percentile: float
    z: float
    scale_method: str
    reading: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A metric left out of a comparison, and why."""

    metric: str
    reason: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """A text's measurements against one baseline.

    Attributes
    ----------
    text_id : str
        The compared text's id.
    baseline : str
        The baseline's name (e.g. ``"lee"``).
    baseline_description : str
        One line saying what the baseline is, for captions.
    n_documents : int
        Number of documents in the baseline.
    metrics : tuple[MetricComparison, ...]
        One entry per compared metric, in registry order.
    skipped : tuple[Skipped, ...]
        Metrics not compared, with the reason.
    """

    text_id: str
    baseline: str
    baseline_description: str
    n_documents: int
    metrics: tuple[MetricComparison, ...]
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)

    def get(self, metric: str) -> MetricComparison:
        """The comparison of one metric (``KeyError`` if it was not compared)."""
        for m in self.metrics:
            if m.metric == metric:
                return m
        reasons = {s.metric: s.reason for s in self.skipped}
        if metric in reasons:
            msg = f"{metric!r} was not compared: {reasons[metric]}"
            raise KeyError(msg)
        msg = f"{metric!r} is not in this comparison"
        raise KeyError(msg)

    def table(self) -> pd.DataFrame:
        """Tidy table, one row per compared metric (columns as in ``results/comparison.csv``)."""
        rows = [
            {"text": self.text_id, "baseline": self.baseline, "n_baseline": m.n}
            | {k: getattr(m, k) for k in _TABLE_FIELDS}
            for m in self.metrics
        ]
        columns = ["text", "baseline", "n_baseline", *_TABLE_FIELDS]
        return pd.DataFrame(rows, columns=columns)


_TABLE_FIELDS = (
    "metric",
    "family",
    "label",
    "unit",
    "value",
    "median",
    "q25",
    "q75",
    "p05",
    "p95",
    "ci_low",
    "ci_high",
    "percentile",
    "z",
    "scale_method",
    "reading",
)


# --------------------------------------------------------------------------- statistics


def midrank_percentile(value: float, sample: np.ndarray) -> float:
    """Percentage of the sample below ``value``, counting ties as half (mid-rank).

    ``100 × (#{x < v} + ½ #{x = v}) / n``; NaN if ``value`` is NaN or the sample empty.
    """
    if math.isnan(value) or sample.size == 0:
        return math.nan
    below = float(np.count_nonzero(sample < value))
    ties = float(np.count_nonzero(sample == value))
    return 100.0 * (below + 0.5 * ties) / sample.size


def robust_scale(sample: np.ndarray) -> tuple[float, str]:
    """A robust estimate of the sample's standard deviation, and the method used.

    See the module docstring for the fallback order. Returns ``(nan, "none")`` when the
    sample has no spread at all.
    """
    if sample.size == 0:
        return math.nan, "none"
    median = float(np.median(sample))
    deviations = np.abs(sample - median)
    mad = float(np.median(deviations))
    if mad > 0:
        return MAD_SCALE * mad, "mad"
    q25, q75 = np.percentile(sample, [25, 75])
    iqr = float(q75 - q25)
    if iqr > 0:
        return iqr / IQR_SCALE, "iqr"
    mean_ad = float(np.mean(deviations))
    if mean_ad > 0:
        return MEANAD_SCALE * mean_ad, "meanad"
    return math.nan, "none"


def robust_z(value: float, sample: np.ndarray) -> tuple[float, str]:
    """Robust z of ``value`` against ``sample`` and the spread method used."""
    if math.isnan(value) or sample.size == 0:
        return math.nan, "none"
    scale, method = robust_scale(sample)
    if math.isnan(scale):
        return math.nan, method
    return (value - float(np.median(sample))) / scale, method


def bootstrap_median_ci(
    sample: np.ndarray,
    *,
    n_resamples: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap confidence interval of the median (Efron & Tibshirani 1993).

    Deterministic for a given ``seed``. NaN bounds for an empty sample.
    """
    if sample.size == 0:
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, sample.size, size=(n_resamples, sample.size))
    medians = np.median(sample[idx], axis=1)
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(medians, [alpha, 1.0 - alpha])
    return float(low), float(high)


# --------------------------------------------------------------------------- readings


def _fmt(x: float) -> str:
    if math.isnan(x):
        return "undefined"
    if x == 0:
        return "0"
    if abs(x) < 0.1:
        return f"{x:.3f}"
    if abs(x) < 1:
        return f"{x:.2f}"
    return f"{x:.1f}" if abs(x) < 100 else f"{x:.0f}"


def _share(x: float) -> str:
    """A percentage for a sentence: never 100% unless all, never 0% unless none."""
    if x >= 100:
        return "100%"
    if x <= 0:
        return "0%"
    return f"{min(max(round(x), 1), 99)}%"


def reading(
    metric: Metric,
    value: float,
    sample: np.ndarray,
    baseline: str,
    *,
    noun: str = "",
) -> str:
    """One plain-language sentence placing ``value`` within the baseline ``sample``.

    The sentence says what share of the baseline documents score lower (or higher, or the
    same — many rate metrics are zero in most news stories). With a one-document baseline
    (the control) it compares the two values directly.
    """
    label = metric.label
    name = noun or f"{baseline} documents"
    if math.isnan(value):
        return f"{label}: undefined for this text ({metric.nan_when or 'not measurable'})."
    if sample.size == 0:
        return f"{label}: the baseline has no values."
    if sample.size == 1:
        other = float(sample[0])
        if value == other:
            return f"{label}: {_fmt(value)}, the same as in the {name}."
        side = "higher" if value > other else "lower"
        return f"{label}: {_fmt(value)}, {side} than in the {name} ({_fmt(other)})."
    n = sample.size
    below = 100.0 * np.count_nonzero(sample < value) / n
    above = 100.0 * np.count_nonzero(sample > value) / n
    equal = 100.0 - below - above
    docs = f"the {n} {name}"
    if equal >= 50:
        text = f"{label}: {_fmt(value)}, the same as in {_share(equal)} of {docs}"
        if below >= 1:
            text += f"; higher than in {_share(below)}"
        elif above >= 1:
            text += f"; lower than in {_share(above)}"
        return text + "."
    if below >= above:
        return f"{label}: {_fmt(value)}, higher than in {_share(below)} of {docs}."
    return f"{label}: {_fmt(value)}, lower than in {_share(above)} of {docs}."


# --------------------------------------------------------------------------- comparing


def has_paragraphs(table: pd.DataFrame, column: str = "n_paragraphs") -> bool:
    """Whether most baseline documents have more than one paragraph.

    Looks for a column counting body paragraphs (``n_paragraphs`` by default) in the
    baseline table; without one, paragraph support is assumed absent.
    """
    if column not in table.columns or table.empty:
        return False
    values = pd.to_numeric(table[column], errors="coerce").dropna()
    return bool(len(values) and float((values > 1).mean()) >= 0.5)


def supported_metrics(
    table: pd.DataFrame,
    *,
    metrics: Iterable[Metric] | None = None,
    paragraphs: bool | None = None,
) -> tuple[list[Metric], list[Skipped]]:
    """Split metrics into those a baseline table can support and those it cannot."""
    chosen = list(metrics) if metrics is not None else list(all_metrics())
    if paragraphs is None:
        paragraphs = has_paragraphs(table)
    keep: list[Metric] = []
    skipped: list[Skipped] = []
    for m in chosen:
        if not m.comparable:
            skipped.append(Skipped(m.name, "a raw count; texts of different lengths differ"))
        elif m.name not in table.columns:
            skipped.append(Skipped(m.name, "the baseline table has no values for it"))
        elif m.needs == "paragraphs" and not paragraphs:
            skipped.append(Skipped(m.name, "the baseline's documents have no paragraph breaks"))
        else:
            keep.append(m)
    return keep, skipped


def compare(
    values: Mapping[str, float],
    baseline_table: pd.DataFrame,
    *,
    text_id: str = "article",
    baseline: str = "baseline",
    description: str = "",
    noun: str = "",
    metrics: Iterable[Metric] | None = None,
    paragraphs: bool | None = None,
    n_resamples: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
) -> Comparison:
    """Compare one text's metric values with a baseline's documents × metrics table.

    Parameters
    ----------
    values : Mapping[str, float]
        The text's values (e.g. ``profile(doc).values``).
    baseline_table : DataFrame
        One row per baseline document, one column per metric.
    text_id, baseline, description : str
        Names for tables and captions.
    noun : str
        How readings name the baseline's documents (e.g. ``"Lee news stories"``).
    metrics : iterable of Metric, optional
        Restrict to these metrics (default: every registered metric).
    paragraphs : bool, optional
        Whether the baseline supports paragraph metrics (default: inferred from the
        table's ``n_paragraphs`` column).
    n_resamples, seed : int
        Bootstrap settings for the CI of the baseline median (seeded: deterministic).
    """
    keep, skipped = supported_metrics(baseline_table, metrics=metrics, paragraphs=paragraphs)
    rows: list[MetricComparison] = []
    for m in keep:
        if m.name not in values:
            skipped.append(Skipped(m.name, "the text has no value for it"))
            continue
        sample = pd.to_numeric(baseline_table[m.name], errors="coerce").to_numpy(dtype=float)
        sample = sample[np.isfinite(sample)]
        if sample.size == 0:
            skipped.append(Skipped(m.name, "undefined for every baseline document"))
            continue
        value = float(values[m.name])
        q05, q25, q50, q75, q95 = np.percentile(sample, [5, 25, 50, 75, 95])
        low, high = bootstrap_median_ci(sample, n_resamples=n_resamples, seed=seed)
        pct = midrank_percentile(value, sample)
        z, method = robust_z(value, sample)
        rows.append(
            MetricComparison(
                metric=m.name,
                family=m.family,
                label=m.label,
                unit=m.unit,
                value=value,
                n=int(sample.size),
                median=float(q50),
                q25=float(q25),
                q75=float(q75),
                p05=float(q05),
                p95=float(q95),
                ci_low=low,
                ci_high=high,
                percentile=pct,
                z=z,
                scale_method=method,
                reading=reading(m, value, sample, baseline, noun=noun),
            )
        )
    return Comparison(
        text_id=text_id,
        baseline=baseline,
        baseline_description=description,
        n_documents=len(baseline_table),
        metrics=tuple(rows),
        skipped=tuple(skipped),
    )


# --------------------------------------------------------------------------- distance


@dataclass(frozen=True, slots=True)
class Distance:
    """The style-distance index of one text from a baseline, with its parts.

    Attributes
    ----------
    value : float
        ``D = sqrt(Σ_m w_m · clip(z_m)²)`` with weights summing to 1 (see
        :func:`style_distance`); 0 means "typical on every metric".
    percentile : float
        Where ``D`` falls among the baseline's own documents' distances (mid-rank).
    contributions : DataFrame
        Per metric: ``z`` (signed, clipped), ``weight``, ``contribution`` (signed share
        ``sign(z)·w·z²/D²``, so the absolute values add up to 1).
    """

    value: float
    percentile: float
    n_metrics: int
    contributions: pd.DataFrame


def _weights(family_of: Mapping[str, str]) -> dict[str, float]:
    """Equal weight per family, split equally among that family's metrics."""
    metric_names = list(family_of)
    families = sorted(set(family_of.values()), key=lambda f: (FAMILIES.index(f), f))
    weights: dict[str, float] = {}
    for fam in families:
        members = [n for n in metric_names if family_of[n] == fam]
        for name in members:
            weights[name] = 1.0 / (len(families) * len(members))
    return weights


def _distance_from_z(z: Mapping[str, float], weights: Mapping[str, float]) -> float:
    total = 0.0
    used = 0.0
    for name, w in weights.items():
        value = z.get(name, math.nan)
        if math.isnan(value):
            continue
        clipped = max(-Z_CLIP, min(Z_CLIP, value))
        total += w * clipped * clipped
        used += w
    return math.sqrt(total / used) if used > 0 else math.nan


def style_distance(comparison: Comparison, baseline_table: pd.DataFrame) -> Distance:
    """How far a text sits from the baseline across all compared metrics, in one number.

    ``D = sqrt(Σ_m w_m · clip(z_m, ±5)²)``: the root mean square of the robust z-scores,
    each family weighted equally (so a family with many metrics does not dominate) and
    each z clipped at ±5 (so no single metric makes up the whole index). Metrics whose z
    is undefined (no baseline spread) are left out and the weights renormalised. The same
    computation for every baseline document against the whole baseline gives the
    reference distribution; the text's percentile within it says how unusual the
    distance itself is. It measures *difference in style*, not bias or intent.
    """
    usable = [m for m in comparison.metrics if not math.isnan(m.z)]
    names = [m.metric for m in usable]
    weights = _weights({m.metric: m.family for m in usable})
    z = {m.metric: m.z for m in usable}
    value = _distance_from_z(z, weights)

    columns = {}
    for name in names:
        sample = pd.to_numeric(baseline_table[name], errors="coerce").to_numpy(dtype=float)
        finite = sample[np.isfinite(sample)]
        median = float(np.median(finite))
        scale, _ = robust_scale(finite)
        columns[name] = (sample - median) / scale
    own = []
    for i in range(len(baseline_table)):
        row = {name: float(columns[name][i]) for name in names}
        own.append(_distance_from_z(row, weights))
    own_arr = np.array([d for d in own if not math.isnan(d)], dtype=float)
    percentile = midrank_percentile(value, own_arr)

    rows = []
    for m in usable:
        clipped = max(-Z_CLIP, min(Z_CLIP, m.z))
        w = weights[m.metric]
        share = w * clipped * clipped / (value * value) if value > 0 else 0.0
        rows.append(
            {
                "metric": m.metric,
                "family": m.family,
                "label": m.label,
                "z": clipped,
                "weight": w,
                "contribution": math.copysign(share, clipped),
            }
        )
    table = pd.DataFrame(rows, columns=["metric", "family", "label", "z", "weight", "contribution"])
    table = table.sort_values(
        by=["contribution", "metric"],
        key=lambda s: s.abs() if s.name == "contribution" else s,
        ascending=[False, True],
    ).reset_index(drop=True)
    return Distance(value=value, percentile=percentile, n_metrics=len(names), contributions=table)
