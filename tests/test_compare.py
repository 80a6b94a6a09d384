"""Statistics of the comparison, on samples small enough to check by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from slant.compare import (
    MAD_SCALE,
    MEANAD_SCALE,
    bootstrap_median_ci,
    compare,
    midrank_percentile,
    reading,
    robust_scale,
    robust_z,
    style_distance,
    supported_metrics,
)
from slant.metrics.registry import Metric


def test_midrank_percentile_by_hand() -> None:
    sample = np.array([1.0, 2.0, 2.0, 3.0])
    # value 2: one below, two ties -> (1 + 0.5*2)/4 = 50%
    assert midrank_percentile(2.0, sample) == 50.0
    # value 10: all four below -> 100%
    assert midrank_percentile(10.0, sample) == 100.0
    # value 0: none below, no ties -> 0%
    assert midrank_percentile(0.0, sample) == 0.0
    assert math.isnan(midrank_percentile(math.nan, sample))
    assert math.isnan(midrank_percentile(1.0, np.array([])))


def test_robust_z_uses_mad_when_possible() -> None:
    sample = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    # median 3, absolute deviations 2,1,0,1,2 -> MAD 1 -> scale 1.4826
    scale, method = robust_scale(sample)
    assert method == "mad"
    assert scale == pytest.approx(MAD_SCALE)
    z, _ = robust_z(6.0, sample)
    assert z == pytest.approx(3.0 / MAD_SCALE)


def test_zero_inflated_sample_falls_back_and_does_not_blow_up() -> None:
    # 8 of 10 baseline documents score 0: MAD is 0 and so is the IQR
    sample = np.array([0.0] * 8 + [1.0, 3.0])
    scale, method = robust_scale(sample)
    assert method == "meanad"
    # median 0; mean absolute deviation (1 + 3) / 10 = 0.4
    assert scale == pytest.approx(MEANAD_SCALE * 0.4)
    z, _ = robust_z(2.0, sample)
    assert z == pytest.approx(2.0 / (MEANAD_SCALE * 0.4))
    assert math.isfinite(z)


def test_iqr_fallback() -> None:
    # 6 of 10 at zero: MAD 0, but the 75th percentile is above zero
    sample = np.array([0.0] * 6 + [1.0, 1.0, 1.0, 1.0])
    scale, method = robust_scale(sample)
    q25, q75 = np.percentile(sample, [25, 75])
    assert method == "iqr"
    assert scale == pytest.approx((q75 - q25) / 1.349)


def test_no_spread_gives_nan_z() -> None:
    z, method = robust_z(1.0, np.zeros(5))
    assert math.isnan(z)
    assert method == "none"


def test_bootstrap_ci_is_deterministic_and_brackets_median() -> None:
    sample = np.arange(1.0, 101.0)
    a = bootstrap_median_ci(sample, seed=1)
    b = bootstrap_median_ci(sample, seed=1)
    assert a == b
    assert a[0] < 50.5 < a[1]


_M = Metric(
    name="rate_x",
    family="rhetoric",
    label="Rate of x",
    unit="per 100 words",
    direction="higher means more X",
    definition="How often X happens.",
)
_COUNT = Metric(
    name="count_x",
    family="rhetoric",
    label="X count",
    unit="count",
    direction="higher means more X",
    definition="How many X.",
    comparable=False,
)
_PARA = Metric(
    name="para_x",
    family="structure",
    label="Words per paragraph",
    unit="words",
    direction="higher means longer paragraphs",
    definition="Paragraph length.",
    needs="paragraphs",
)


def test_reading_sentences() -> None:
    sample = np.array([float(i) for i in range(100)])  # 0 … 99
    assert reading(_M, 98.5, sample, "lee") == (
        "Rate of x: 98.5, higher than in 99% of the 100 lee documents."
    )
    assert reading(_M, 1.5, sample, "lee", noun="Lee news stories") == (
        "Rate of x: 1.5, lower than in 98% of the 100 Lee news stories."
    )
    assert reading(_M, 500.0, sample, "lee").endswith(
        "higher than in 100% of the 100 lee documents."
    )
    # zero-inflated: 8 of 10 stories score 0, like the article
    zeros = np.array([0.0] * 8 + [1.0, 2.0])
    assert reading(_M, 0.0, zeros, "lee") == (
        "Rate of x: 0, the same as in 80% of the 10 lee documents; lower than in 20%."
    )
    # a single-document baseline (the control) is compared value against value
    assert reading(_M, 2.0, np.array([1.0]), "control", noun="control report") == (
        "Rate of x: 2.0, higher than in the control report (1.0)."
    )
    assert "undefined" in reading(_M, math.nan, sample, "lee")


def test_supported_metrics_skips_counts_and_paragraphs() -> None:
    table = pd.DataFrame(
        {"rate_x": [1.0, 2.0], "count_x": [1, 2], "para_x": [3.0, 4.0], "n_paragraphs": [1, 1]}
    )
    keep, skipped = supported_metrics(table, metrics=[_M, _COUNT, _PARA])
    assert [m.name for m in keep] == ["rate_x"]
    reasons = {s.metric: s.reason for s in skipped}
    assert "raw count" in reasons["count_x"]
    assert "paragraph" in reasons["para_x"]


def test_compare_and_distance_by_hand() -> None:
    table = pd.DataFrame({"rate_x": [1.0, 2.0, 3.0, 4.0, 5.0], "n_paragraphs": [1] * 5})
    comparison = compare({"rate_x": 6.0}, table, baseline="toy", metrics=[_M])
    row = comparison.get("rate_x")
    assert row.median == 3.0
    assert row.percentile == 100.0
    assert row.z == pytest.approx(3.0 / MAD_SCALE)
    assert row.n == 5
    frame = comparison.table()
    assert list(frame["metric"]) == ["rate_x"]
    # with one metric the distance is |z| (weights sum to 1)
    distance = style_distance(comparison, table)
    assert distance.value == pytest.approx(3.0 / MAD_SCALE)
    # the baseline's own distances are 2/1.4826, 1/1.4826, 0, 1/1.4826, 2/1.4826 -> all below
    assert distance.percentile == 100.0
    assert distance.contributions["contribution"].abs().sum() == pytest.approx(1.0)


def test_distance_clips_extreme_metrics() -> None:
    table = pd.DataFrame({"rate_x": [1.0, 2.0, 3.0, 4.0, 5.0]})
    comparison = compare({"rate_x": 1000.0}, table, metrics=[_M], paragraphs=False)
    assert comparison.get("rate_x").z > 100
    assert style_distance(comparison, table).value == pytest.approx(5.0)
