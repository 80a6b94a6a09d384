"""``profile(doc) -> Profile``: run every metric family on one text.

A :class:`Profile` is the tidy result for one text: one value per registered metric
(``metric``, ``family``, ``value``) plus every evidence span the families counted. It is
what the comparison, the report, the notebooks and batch scoring all start from.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from slant.metrics import readability, rhetoric, sentiment, structure
from slant.metrics.base import Evidence, Measurement
from slant.metrics.registry import FAMILIES, Family, all_metrics
from slant.metrics.registry import get as get_metric
from slant.text import ParsedDocument, parse

if TYPE_CHECKING:
    import pandas as pd


class HasText(Protocol):
    """Anything with an ``id`` and a ``text`` (a :class:`slant.corpus.Document`)."""

    @property
    def id(self) -> str:
        """Identifier of the text."""
        ...

    @property
    def text(self) -> str:
        """The analysed text."""
        ...


@dataclass(frozen=True, slots=True)
class Profile:
    """All measurements of one text.

    Attributes
    ----------
    doc_id : str
        The document's id.
    values : Mapping[str, float]
        Metric name → value, for every registered metric (NaN where undefined).
    evidence : tuple[Evidence, ...]
        Every counted span, sorted by position then metric name.
    parsed : ParsedDocument
        The parse the values were computed on (offsets refer to ``parsed.text``).
    """

    doc_id: str
    values: Mapping[str, float]
    evidence: tuple[Evidence, ...]
    parsed: ParsedDocument

    @property
    def text(self) -> str:
        """The analysed text the evidence offsets point into."""
        return self.parsed.text

    def value(self, metric: str) -> float:
        """The value of one metric (``KeyError`` naming the known metrics if unknown)."""
        if metric not in self.values:
            get_metric(metric)  # raises a helpful KeyError for a misspelt name
        return self.values[metric]

    @property
    def table(self) -> pd.DataFrame:
        """Tidy table: one row per metric with ``metric``, ``family``, ``label``, ``value``."""
        import pandas as pd  # noqa: PLC0415  (pandas only when a table is asked for)

        rows = [
            {
                "metric": m.name,
                "family": m.family,
                "label": m.label,
                "unit": m.unit,
                "value": self.values.get(m.name, math.nan),
            }
            for m in all_metrics()
            if m.name in self.values
        ]
        return pd.DataFrame(rows, columns=["metric", "family", "label", "unit", "value"])

    def family_evidence(self, family: Family) -> tuple[Evidence, ...]:
        """The evidence spans counted by metrics of one family."""
        names = {m.name for m in all_metrics() if m.family == family}
        return tuple(e for e in self.evidence if e.metric in names)

    def evidence_table(self, family: Family | None = None) -> pd.DataFrame:
        """One row per evidence span (optionally of one family), with the exact text."""
        import pandas as pd  # noqa: PLC0415

        chosen = self.evidence if family is None else self.family_evidence(family)

        rows = [
            {
                "metric": e.metric,
                "label": e.label,
                "start": e.start,
                "end": e.end,
                "text": self.parsed.text[e.start : e.end],
                "note": e.note,
            }
            for e in chosen
        ]
        return pd.DataFrame(rows, columns=["metric", "label", "start", "end", "text", "note"])

    def spans(self, metric: str) -> list[str]:
        """The exact text of every evidence span counted for ``metric``."""
        return [self.parsed.text[e.start : e.end] for e in self.evidence if e.metric == metric]


def _run(family: Family, parsed: ParsedDocument) -> Measurement:
    if family == "readability":
        return readability.measure(parsed)
    if family == "sentiment":
        return sentiment.measure(parsed)
    if family == "structure":
        return structure.measure(parsed)
    return rhetoric.measure(parsed)


def profile(
    doc: HasText | str,
    *,
    families: Iterable[Family] = FAMILIES,
    doc_id: str | None = None,
) -> Profile:
    """Measure one text with every metric family.

    Parameters
    ----------
    doc : Document or str
        A :class:`slant.corpus.Document` (or anything with ``id`` and ``text``), or a
        string to analyse as it is.
    families : iterable of str
        Which families to run (default: all four). Unknown names raise ``ValueError``.
    doc_id : str, optional
        Identifier to record; defaults to ``doc.id`` (or ``"text"`` for a string).

    Returns
    -------
    Profile
        Values for every metric of the chosen families, and their evidence.
    """
    chosen = tuple(families)
    unknown = [f for f in chosen if f not in FAMILIES]
    if unknown:
        msg = f"unknown metric families {unknown}; choose from {', '.join(FAMILIES)}"
        raise ValueError(msg)
    if isinstance(doc, str):
        text, ident = doc, doc_id or "text"
    else:
        text, ident = doc.text, doc_id or doc.id
    parsed = parse(text)
    values: dict[str, float] = {}
    evidence: list[Evidence] = []
    for family in FAMILIES:
        if family not in chosen:
            continue
        measurement = _run(family, parsed)
        values.update(measurement.values)
        evidence.extend(measurement.evidence)
    evidence.sort(key=lambda e: (e.start, e.end, e.metric))
    return Profile(doc_id=ident, values=values, evidence=tuple(evidence), parsed=parsed)


def values_row(prof: Profile) -> dict[str, float]:
    """The profile's values as a plain dict (one row of a documents × metrics table)."""
    return dict(prof.values)


def metric_names(families: Iterable[Family] = FAMILIES) -> list[str]:
    """Registered metric names of the given families, in registry order."""
    chosen = set(families)
    return [m.name for m in all_metrics() if m.family in chosen]


def describe(values: Mapping[str, float]) -> list[tuple[str, str, float]]:
    """``(family, label, value)`` triples for display, in registry order."""
    return [(m.family, m.label, values[m.name]) for m in all_metrics() if m.name in values]
