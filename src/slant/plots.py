"""Every chart slant draws, and deterministic saving to ``figures/`` (SVG + PNG).

Charts are built on :class:`matplotlib.figure.Figure` objects directly (no pyplot state,
no global rcParams changes): the style is applied inside a ``rc_context`` for each chart.
Colours come from the Okabe–Ito palette, chosen to stay distinguishable for the common
forms of colour blindness (Okabe & Ito 2008); every colour-coded element also differs in
marker or position, so the charts survive greyscale printing. Fonts are sized for a
projector. SVG output is made byte-reproducible by a fixed hash salt and no date.
"""

from __future__ import annotations

import math
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from slant.paths import figures_dir, writable_folder

#: Okabe & Ito (2008), "Color Universal Design": colour-blind-safe qualitative palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
ARTICLE_COLOUR = OKABE_ITO["vermillion"]
BASELINE_COLOUR = OKABE_ITO["blue"]
NEUTRAL_GREY = "#6E6E6E"

STYLE: dict[str, Any] = {
    "font.size": 13,
    "axes.titlesize": 15,
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "slant",
    "svg.fonttype": "path",
    "path.simplify": True,
    "font.family": "DejaVu Sans",
}


def _style() -> AbstractContextManager[None]:
    """The chart style, applied for the duration of a ``with`` block only."""
    return mpl.rc_context(STYLE)  # type: ignore[arg-type]


def new_figure(width: float = 10.0, height: float = 6.0) -> Figure:
    """A figure with slant's style, not registered with pyplot (no global state)."""
    with _style():
        fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
        FigureCanvasAgg(fig)
    return fig


def _atomic_save(fig: Figure, path: Path, **kwargs: Any) -> None:
    with tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix, delete=False
    ) as tmp:
        tmp_path = Path(tmp.name)
    try:
        fig.savefig(tmp_path, **kwargs)
        tmp_path.replace(path)
    finally:
        tmp_path.unlink(missing_ok=True)


def save_figure(fig: Figure, name: str, folder: Path | None = None) -> tuple[Path, Path]:
    """Write ``name.svg`` and ``name.png`` (byte-reproducible) and return their paths.

    Files are written atomically (temporary file, then rename), so a run interrupted
    mid-write leaves the previous version in place.
    """
    target = writable_folder(folder, "figures") if folder is not None else figures_dir()
    svg = target / f"{name}.svg"
    png = target / f"{name}.png"
    with _style():
        _atomic_save(fig, svg, format="svg", metadata={"Date": None, "Creator": None})
        _atomic_save(fig, png, format="png", dpi=100, metadata={"Software": None})
    return svg, png


def _caption(fig: Figure, text: str, width: int = 110) -> None:
    # a figure-level x label: constrained layout reserves room for it below the axes
    fig.supxlabel(textwrap.fill(text, width), x=0.01, ha="left", fontsize=11, color=NEUTRAL_GREY)


# --------------------------------------------------------------------------- family charts


def readability_bars(segmented: Mapping[str, float], naive: Mapping[str, float]) -> Figure:
    """Grade-level formulas on slant's segmented prose beside textstat on the raw text."""
    names = [k for k in segmented if k in naive]
    fig = new_figure(10, 6)
    with _style():
        ax = fig.add_subplot()
        y = np.arange(len(names))
        ax.barh(
            y - 0.2,
            [segmented[n] for n in names],
            0.4,
            color=ARTICLE_COLOUR,
            label="segmented by slant (each sentence counted)",
        )
        ax.barh(
            y + 0.2,
            [naive[n] for n in names],
            0.4,
            color=NEUTRAL_GREY,
            hatch="//",
            label="textstat on the raw text",
        )
        ax.set_yticks(y, names)
        ax.invert_yaxis()
        ax.set_xlabel("value")
        ax.set_title("Readability of the article: segmentation changes the numbers")
        ax.legend(loc="lower right")
    _caption(fig, "Same formulas, same text; only the sentence and word counting differs.")
    return fig


def sentiment_arc(
    positions: Sequence[float],
    compounds: Sequence[float],
    *,
    smoothed: Sequence[float] | None = None,
    band: tuple[Sequence[float], Sequence[float], Sequence[float]] | None = None,
    band_label: str = "",
    title: str = "Sentiment sentence by sentence",
) -> Figure:
    """Per-sentence VADER compound over the text, optionally over a baseline band.

    ``band`` is ``(x, low, high)``: e.g. the 25th–75th percentile of baseline sentence
    scores at each position.
    """
    fig = new_figure(11, 5)
    with _style():
        ax = fig.add_subplot()
        if band is not None:
            bx, low, high = band
            ax.fill_between(bx, low, high, color=BASELINE_COLOUR, alpha=0.25, label=band_label)
        ax.axhline(0, color=NEUTRAL_GREY, lw=1)
        ax.scatter(
            positions,
            compounds,
            s=28,
            color=ARTICLE_COLOUR,
            marker="o",
            label="one sentence of the article",
            zorder=3,
        )
        if smoothed is not None:
            ax.plot(
                positions, smoothed, color=OKABE_ITO["black"], lw=2, label="running mean", zorder=4
            )
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlim(0, 1)
        ax.set_xlabel("position in the text (0 = start, 1 = end)")
        ax.set_ylabel("VADER compound (−1 negative … +1 positive)")
        ax.set_title(title)
        ax.legend(loc="lower left", fontsize=11)
    return fig


def actor_bars(summary: pd.DataFrame) -> Figure:
    """Mean sentence sentiment for each actor, with the number of sentences."""
    fig = new_figure(9, 0.7 * max(len(summary), 2) + 2)
    with _style():
        ax = fig.add_subplot()
        y = np.arange(len(summary))
        means = summary["mean_compound"].to_numpy(dtype=float)
        colours = [ARTICLE_COLOUR if m < 0 else BASELINE_COLOUR for m in means]
        ax.barh(y, np.nan_to_num(means), color=colours)
        labels = [
            f"{a} (n={n})" for a, n in zip(summary["actor"], summary["n_sentences"], strict=True)
        ]
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.axvline(0, color=NEUTRAL_GREY, lw=1)
        ax.set_xlim(-1, 1)
        ax.set_xlabel("mean VADER compound of the sentences that mention the actor")
        for yi, mean in enumerate(means):
            if math.isfinite(mean):
                ax.text(
                    mean,
                    float(yi),
                    f" {mean:+.2f} ",
                    va="center",
                    ha="left" if mean >= 0 else "right",
                    fontsize=11,
                )
        ax.set_title("Sentiment of the sentences that mention each actor")
    _caption(fig, "A sentence's score reflects the whole sentence, not only the actor it names.")
    return fig


def rhythm(lengths: Sequence[int], kinds: Sequence[str]) -> Figure:
    """Words per sentence through the text, coloured by the kind of block it sits in."""
    markers = {"heading": "s", "list_item": "^", "quote": "D", "body": "o"}
    colours = {
        "heading": OKABE_ITO["purple"],
        "list_item": OKABE_ITO["orange"],
        "quote": OKABE_ITO["green"],
        "body": OKABE_ITO["blue"],
    }
    fig = new_figure(11, 5)
    with _style():
        ax = fig.add_subplot()
        x = np.arange(1, len(lengths) + 1)
        ax.plot(x, lengths, color=NEUTRAL_GREY, lw=1)
        for kind, marker in markers.items():
            idx = [i for i, k in enumerate(kinds) if k == kind]
            if idx:
                ax.scatter(
                    x[idx],
                    np.asarray(lengths)[idx],
                    marker=marker,
                    s=40,
                    color=colours[kind],
                    label=kind.replace("_", " "),
                    zorder=3,
                )
        ax.set_xlabel("sentence number")
        ax.set_ylabel("words in the sentence")
        ax.set_title("Rhythm: sentence lengths through the article")
        ax.legend(loc="upper right")
    return fig


def marker_bars(rates: Mapping[str, float], counts: Mapping[str, int]) -> Figure:
    """Rhetorical markers per 100 words, each bar labelled with its count."""
    items = sorted(rates.items(), key=lambda kv: (-kv[1], kv[0]))
    fig = new_figure(10, 0.45 * max(len(items), 4) + 1.5)
    with _style():
        ax = fig.add_subplot()
        y = np.arange(len(items))
        ax.barh(y, [v for _, v in items], color=ARTICLE_COLOUR)
        ax.set_yticks(y, [k for k, _ in items])
        ax.invert_yaxis()
        for yi, (name, value) in enumerate(items):
            ax.text(value, float(yi), f"  {counts.get(name, 0)}", va="center", fontsize=11)
        ax.set_xlabel("markers per 100 words (number found at the bar's end)")
        ax.set_title("Rhetorical markers in the article")
    return fig


# --------------------------------------------------------------------------- comparison charts


def distance_profile(
    comparison: Any,
    baseline_table: pd.DataFrame,
    *,
    max_metrics: int = 20,
) -> Figure:
    """One row per metric: the baseline's spread as a box, the article as a marked point.

    Values are shown as robust z (0 = the baseline median) so metrics with different units
    share one axis; rows are sorted by the article's distance from the median.
    """
    rows = [m for m in comparison.metrics if not math.isnan(m.z)]
    rows.sort(key=lambda m: (-abs(m.z), m.metric))
    rows = rows[:max_metrics]
    fig = new_figure(11, 0.42 * max(len(rows), 4) + 2)
    with _style():
        ax = fig.add_subplot()
        data = []
        for m in rows:
            sample = pd.to_numeric(baseline_table[m.metric], errors="coerce").to_numpy(dtype=float)
            sample = sample[np.isfinite(sample)]
            scale = (m.value - m.median) / m.z if m.z != 0 else math.nan
            if not math.isfinite(scale) or scale == 0:
                from slant.compare import robust_scale  # noqa: PLC0415

                scale = robust_scale(sample)[0]
            data.append(np.clip((sample - m.median) / scale, -8, 8))
        y = np.arange(len(rows))
        if data:
            ax.boxplot(
                data,
                positions=y,
                orientation="horizontal",
                widths=0.5,
                showfliers=False,
                patch_artist=True,
                boxprops={"facecolor": "#D6E6F4", "edgecolor": BASELINE_COLOUR},
                medianprops={"color": BASELINE_COLOUR},
                whiskerprops={"color": BASELINE_COLOUR},
                capprops={"color": BASELINE_COLOUR},
            )
        zs = [max(-8.0, min(8.0, m.z)) for m in rows]
        ax.scatter(zs, y, marker="D", s=60, color=ARTICLE_COLOUR, zorder=4, label="the article")
        ax.set_yticks(y, [m.label for m in rows])
        ax.invert_yaxis()
        ax.axvline(0, color=NEUTRAL_GREY, lw=1)
        ax.set_xlim(-8.5, 8.5)
        ax.set_xlabel("robust z: distance from the baseline median in spreads (clipped at ±8)")
        ax.set_title("Where the article sits against the baseline")
        ax.legend(loc="lower right")
    _caption(
        fig,
        f"Baseline: {comparison.baseline_description or comparison.baseline} "
        f"({comparison.n_documents} documents). Boxes: middle half of the baseline; "
        "whiskers: 1.5 × box. Sorted by distance from the median.",
    )
    return fig


def length_distributions(
    article: Sequence[int], baseline: Sequence[int], *, baseline_label: str
) -> Figure:
    """Sentence-length distributions of the article and a baseline, overlaid."""
    fig = new_figure(10, 5)
    with _style():
        ax = fig.add_subplot()
        top = max([*article, *baseline, 1])
        bins = [float(b) for b in range(0, min(top, 80) + 3, 2)]
        ax.hist(
            np.clip(baseline, 0, bins[-1] - 1),
            bins=bins,
            density=True,
            color=BASELINE_COLOUR,
            alpha=0.45,
            label=baseline_label,
        )
        ax.hist(
            np.clip(article, 0, bins[-1] - 1),
            bins=bins,
            density=True,
            histtype="step",
            lw=2.5,
            color=ARTICLE_COLOUR,
            label="the article",
        )
        ax.set_xlabel("words per sentence")
        ax.set_ylabel("share of sentences")
        ax.set_title("Sentence lengths: the article against the baseline")
        ax.legend()
    return fig


def keyness_bars(table: pd.DataFrame, *, n: int = 15, baseline_label: str) -> Figure:
    """Words most distinctive of each side, by z of the log-odds ratio."""
    target = table.nlargest(n, "z").sort_values("z")
    reference = table.nsmallest(n, "z").sort_values("z", ascending=False)
    fig = new_figure(12, 0.35 * n + 2.5)
    with _style():
        left, right = fig.subplots(1, 2)
        left.barh(target["word"], target["z"], color=ARTICLE_COLOUR)
        left.set_title("more typical of the article")
        left.set_xlabel("z (log-odds, informative prior)")
        right.barh(reference["word"], -reference["z"], color=BASELINE_COLOUR, hatch="//")
        right.set_title(f"more typical of {baseline_label}")
        right.set_xlabel("−z")
        for ax in (left, right):
            ax.axvline(1.96, color=NEUTRAL_GREY, lw=1, ls="--")
    _caption(fig, "Dashed line: |z| = 1.96. Monroe, Colaresi & Quinn (2008).")
    return fig


def facts_checklist(table: pd.DataFrame) -> Figure:
    """Which key facts of the event each text mentions (a grid of ✓ and ✗)."""
    texts = list(dict.fromkeys(table["text_id"]))
    facts = list(dict.fromkeys(table["fact_id"]))
    statements = dict(zip(table["fact_id"], table["statement"], strict=False))
    grid = np.zeros((len(facts), len(texts)))
    for _, row in table.iterrows():
        grid[facts.index(row["fact_id"]), texts.index(row["text_id"])] = float(row["mentioned"])
    fig = new_figure(2.2 * len(texts) + 7, 0.45 * len(facts) + 2)
    with _style():
        ax = fig.add_subplot()
        for i in range(len(facts)):
            for j in range(len(texts)):
                hit = grid[i, j] > 0
                ax.scatter(
                    j,
                    i,
                    marker="o" if hit else "x",
                    s=160 if hit else 90,
                    color=OKABE_ITO["green"] if hit else OKABE_ITO["vermillion"],
                )
        ax.set_xticks(range(len(texts)), texts)
        ax.xaxis.tick_top()
        ax.set_yticks(
            range(len(facts)),
            [textwrap.shorten(statements[f], 60, placeholder=" …") for f in facts],
        )
        ax.invert_yaxis()
        ax.set_xlim(-0.5, len(texts) - 0.5)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(length=0)
        ax.set_title("Key facts of the event: mentioned (●) or not (×)", pad=28)
    return fig
