"""The metric registry: one record per metric, the single source of every description.

The glossary (``slant glossary`` and ``docs/glossary.md``), the notebooks' tables and the
HTML report all read names, units, directions and plain-language definitions from here.
Each metric family module declares its records in a ``METRICS`` tuple and registers them
with :func:`register`; :func:`all_metrics` returns them in a stable order.

This module imports nothing from the rest of slant.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Family = Literal["readability", "sentiment", "structure", "rhetoric"]
FAMILIES: tuple[Family, ...] = ("readability", "sentiment", "structure", "rhetoric")

#: What a baseline must have for a metric to be compared against it.
#: ``paragraphs``: the baseline's documents must have paragraph breaks (the Lee stories
#: have none); ``sentences``: sentence segmentation suffices; ``none``: always comparable.
Needs = Literal["none", "sentences", "paragraphs"]


@dataclass(frozen=True, slots=True)
class Metric:
    """Metadata for one metric.

    Attributes
    ----------
    name : str
        Stable identifier, ``snake_case``; used as the column name in every table.
    family : Family
        One of ``readability``, ``sentiment``, ``structure``, ``rhetoric``.
    label : str
        A short human label for charts and tables.
    unit : str
        E.g. ``"grade"``, ``"words"``, ``"per 100 words"``, ``"share of sentences"``.
    direction : str
        What a higher value means, e.g. ``"higher means harder to read"``.
    definition : str
        One plain-language sentence a teacher can read aloud.
    citation : str
        Where the formula or lexicon comes from; empty when the metric is our own count.
    comparable : bool
        True when the value is a rate, mean or share that can be compared across texts of
        different lengths. Raw counts are kept for evidence but never compared.
    needs : Needs
        What a baseline must have to support the comparison (see :data:`Needs`).
    finite : bool
        True when the value is always finite for a text with at least one sentence;
        False when it may be NaN (documented per metric in ``nan_when``).
    nan_when : str
        When the value is undefined (NaN), in plain words; empty if never.
    """

    name: str
    family: Family
    label: str
    unit: str
    direction: str
    definition: str
    citation: str = ""
    comparable: bool = True
    needs: Needs = "sentences"
    finite: bool = True
    nan_when: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


_REGISTRY: dict[str, Metric] = {}


def register(*metrics: Metric) -> None:
    """Add metric records to the registry.

    Registering the same record twice is harmless; registering a different record under
    a name already taken raises ``ValueError``.
    """
    for metric in metrics:
        existing = _REGISTRY.get(metric.name)
        if existing is not None and existing != metric:
            msg = f"metric name {metric.name!r} is registered twice with different metadata"
            raise ValueError(msg)
        if metric.family not in FAMILIES:
            msg = f"metric {metric.name!r} has unknown family {metric.family!r}"
            raise ValueError(msg)
        _REGISTRY[metric.name] = metric


def get(name: str) -> Metric:
    """Return the record for ``name``; raise ``KeyError`` with a helpful message if unknown."""
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "(none registered yet)"
        msg = f"unknown metric {name!r}; known metrics: {known}"
        raise KeyError(msg) from None


def all_metrics() -> tuple[Metric, ...]:
    """All registered metrics, ordered by family then registration order."""
    order = {family: i for i, family in enumerate(FAMILIES)}
    indexed = list(enumerate(_REGISTRY.values()))
    indexed.sort(key=lambda pair: (order[pair[1].family], pair[0]))
    return tuple(metric for _, metric in indexed)
