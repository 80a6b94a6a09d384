"""The glossary of every measurement, generated from the metric registry.

``docs/glossary.md`` is written by ``slant glossary --write docs/glossary.md`` from
:func:`slant.metrics.registry.all_metrics`, the single source of every name, unit,
direction and definition; a test regenerates it and fails when the file is out of date.
:func:`glossary_table` gives the same registry as a compact table for a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from slant.metrics.registry import FAMILIES, Metric, all_metrics

__all__ = ["GLOSSARY_PATH", "glossary_markdown", "glossary_table", "registered_metrics"]

#: Where the generated glossary lives, relative to the project's root.
GLOSSARY_PATH = "docs/glossary.md"

_FAMILY_INTROS = {
    "readability": (
        "How hard the text is to read, by the classic formulas (textstat) applied to the "
        "text as slant segments it, and the sentence and word lengths behind them."
    ),
    "sentiment": (
        "How positive or negative the sentences sound, by VADER applied one sentence at a "
        "time (Hutto & Gilbert 2014)."
    ),
    "structure": (
        "How the text is laid out and sourced: blocks, paragraph and sentence rhythm, "
        "questions, quotations and who they are attributed to."
    ),
    "rhetoric": (
        "Explainable rhetorical markers, each pointing at the exact characters it counted."
    ),
}

_NEEDS = {
    "none": "any baseline",
    "sentences": "any baseline (sentence segmentation suffices)",
    "paragraphs": "a baseline whose documents have paragraph breaks",
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def registered_metrics() -> tuple[Metric, ...]:
    """Every metric of every family (importing the families registers them)."""
    import slant.profile  # noqa: F401, PLC0415  (registers the four families)

    return all_metrics()


def _md(text: str) -> str:
    """Escape the characters Markdown would read as formatting."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _metric_markdown(metric: Metric) -> list[str]:
    compared = (
        f"yes, against {_NEEDS.get(metric.needs, metric.needs)}"
        if metric.comparable
        else "no: a raw count (texts of different lengths differ); its rate is compared"
    )
    lines = [
        f"### {_md(metric.label)}",
        "",
        f"`{metric.name}`: {_md(_sentence(metric.definition))}",
        "",
        f"- **Unit:** {_md(metric.unit)}",
        f"- **Direction:** {_md(_sentence(metric.direction))}",
        f"- **Compared with a baseline:** {_md(compared)}",
        f"- **Undefined when:** {_md(_sentence(metric.nan_when)) if metric.nan_when else 'never'}",
    ]
    if metric.citation:
        lines.append(f"- **Source:** {_md(_sentence(metric.citation))}")
    lines.append("")
    return lines


def glossary_markdown(metrics: Sequence[Metric] | None = None) -> str:
    """The glossary as Markdown: one section per family, one entry per metric.

    Parameters
    ----------
    metrics : sequence of Metric, optional
        Default: every registered metric (:func:`registered_metrics`), in registry order.

    Returns
    -------
    str
        The text of ``docs/glossary.md``; the same registry always gives the same bytes.
    """
    chosen = list(registered_metrics() if metrics is None else metrics)
    families = [f for f in FAMILIES if any(m.family == f for m in chosen)]
    lines = [
        "# Glossary of slant's measurements",
        "",
        "<!-- Generated from the metric registry by `slant glossary --write docs/glossary.md`;",
        "     do not edit by hand: change the Metric records in src/slant/metrics/ instead. -->",
        "",
        (
            "Every number slant reports is defined here, in the words the notebooks, the "
            "command line and the HTML report use. Each entry gives the measurement's name in "
            "tables and JSON, its unit, what a higher value means, whether it is compared with "
            "a neutral baseline, when it is undefined (reported as NaN, or `null` in JSON) and "
            "where its formula or word list comes from."
        ),
        "",
        f"{len(chosen)} measurements in {len(families)} families: "
        + ", ".join(
            f"[{family}](#{family}) ({sum(m.family == family for m in chosen)})"
            for family in families
        )
        + ".",
        "",
    ]
    for family in families:
        lines += [f"## {family.capitalize()}", "", _FAMILY_INTROS.get(family, ""), ""]
        for metric in chosen:
            if metric.family == family:
                lines += _metric_markdown(metric)
    return "\n".join(lines).rstrip("\n") + "\n"


def glossary_table(metrics: Sequence[Metric] | None = None, *, width: int = 100) -> str:
    """The registry as a compact text table: name, unit and label, grouped by family."""
    chosen = list(registered_metrics() if metrics is None else metrics)
    name_width = max((len(m.name) for m in chosen), default=4)
    lines: list[str] = []
    for family in FAMILIES:
        members = [m for m in chosen if m.family == family]
        if not members:
            continue
        lines.append(f"{family} ({len(members)})")
        for m in members:
            row = f"  {m.name:<{name_width}}  {m.label} [{m.unit}]"
            if not m.comparable:
                row += " (count, not compared)"
            limit = max(width, 40)
            lines.append(row if len(row) <= limit else row[: limit - 1] + "…")
        lines.append("")
    lines.append("Definitions: slant glossary --format markdown (or docs/glossary.md).")
    return "\n".join(lines) + "\n"
