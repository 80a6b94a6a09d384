"""Display tables for notebooks and reports: blocks, sentences, normalization changes.

These build pandas DataFrames from a parse or a document; they hold no logic the metrics
depend on, so the metric code never needs pandas.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from slant.corpus import Document
from slant.metrics.registry import all_metrics
from slant.text import ParsedDocument


def provenance(doc: Document) -> pd.DataFrame:
    """One row per provenance field of a document (what a datasheet records)."""
    fields = [
        ("id", doc.id),
        ("kind", doc.kind),
        ("title", doc.title or "(none given)"),
        ("date", doc.date or "(unknown)"),
        ("source", doc.source or "(unknown)"),
        ("url", doc.url or "(none)"),
        ("language", doc.language or "(not stated)"),
        ("file", doc.path or "(not from a file)"),
        ("sha256 of the bytes received", doc.sha256),
        ("characters received", f"{len(doc.raw):,}"),
        ("characters analysed", f"{len(doc.text):,}"),
        ("header removed", repr(doc.raw[: doc.text_offset]) if doc.text_offset else "(none)"),
    ]
    fields += [(k, v) for k, v in doc.meta.items()]
    return pd.DataFrame(fields, columns=["field", "value"])


def blocks(parsed: ParsedDocument, *, width: int = 90) -> pd.DataFrame:
    """One row per block: index, kind, number of sentences and words, and its text."""
    rows = [
        {
            "block": b.index,
            "kind": b.kind,
            "sentences": len(b.sentences),
            "words": sum(len(s.words) for s in b.sentences),
            "start": b.start,
            "end": b.end,
            "text": _shorten(b.text, width),
        }
        for b in parsed.blocks
    ]
    return pd.DataFrame(
        rows, columns=["block", "kind", "sentences", "words", "start", "end", "text"]
    )


def sentences(parsed: ParsedDocument, *, width: int = 110) -> pd.DataFrame:
    """One row per sentence: its block and kind, word count and text."""
    kinds = {b.index: b.kind for b in parsed.blocks}
    rows = [
        {
            "sentence": s.index,
            "block": s.block_index,
            "kind": kinds[s.block_index],
            "words": len(s.words),
            "start": s.start,
            "end": s.end,
            "text": _shorten(s.text, width),
        }
        for s in parsed.sentences
    ]
    return pd.DataFrame(
        rows, columns=["sentence", "block", "kind", "words", "start", "end", "text"]
    )


def normalization_changes(parsed: ParsedDocument) -> pd.DataFrame:
    """Every sentence whose scoring form differs from the original, side by side."""
    rows = [
        {"sentence": s.index, "original": s.text, "normalized for scoring": s.norm}
        for s in parsed.sentences
        if s.norm != s.text
    ]
    return pd.DataFrame(rows, columns=["sentence", "original", "normalized for scoring"])


def _shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def metrics(values: Mapping[str, float], *, family: str | None = None) -> pd.DataFrame:
    """Values with their registry description: label, value, unit, direction, definition."""
    rows = [
        {
            "metric": m.name,
            "label": m.label,
            "value": values[m.name],
            "unit": m.unit,
            "higher means": m.direction.removeprefix("higher means ").removeprefix("Higher means "),
            "definition": m.definition,
        }
        for m in all_metrics()
        if m.name in values and (family is None or m.family == family)
    ]
    return pd.DataFrame(
        rows, columns=["metric", "label", "value", "unit", "higher means", "definition"]
    )


def glossary(*, family: str | None = None) -> pd.DataFrame:
    """Every registered metric's description (the registry as a table)."""
    rows = [
        {
            "metric": m.name,
            "family": m.family,
            "label": m.label,
            "unit": m.unit,
            "direction": m.direction,
            "definition": m.definition,
            "citation": m.citation,
            "compared": "yes" if m.comparable else "no (a raw count)",
            "undefined when": m.nan_when,
        }
        for m in all_metrics()
        if family is None or m.family == family
    ]
    return pd.DataFrame(rows)


def records(items: Sequence[Any], *, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A table from a list of dataclass records (e.g. sentence scores, quotations).

    Tuple-valued fields holding ``(start, end)`` offsets are kept as they are; pass
    ``columns`` to choose and order the columns shown.
    """
    rows = [{f.name: getattr(item, f.name) for f in dataclasses.fields(item)} for item in items]
    frame = pd.DataFrame(rows)
    if columns is not None:
        frame = frame.reindex(columns=list(columns))
    return frame


def marker_counts(values: Mapping[str, float]) -> pd.DataFrame:
    """Each rhetorical marker's count and rate per 100 words, labelled from the registry.

    Pairs every rhetoric metric ``<name>`` (a raw count) with its rate ``<name>_per_100``.
    """
    labels = {m.name: m.label for m in all_metrics()}
    rows = [
        {
            "marker": labels[rate],
            "count": int(values[rate.removesuffix("_per_100")]),
            "per_100_words": values[rate],
        }
        for rate in values
        if rate.endswith("_per_100") and rate.removesuffix("_per_100") in values
    ]
    return pd.DataFrame(rows, columns=["marker", "count", "per_100_words"])
