"""Types shared by the metric families: evidence spans and a family's measurement."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from slant.metrics.registry import Family


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the analysed text that a metric counted.

    Attributes
    ----------
    metric : str
        The registry name of the metric this span contributes to.
    start, end : int
        Offsets into the analysed text; ``text[start:end]`` is the counted span.
    label : str
        A short name for what was found (e.g. ``"intensifier"``).
    note : str
        One plain sentence explaining why this span was counted.
    """

    metric: str
    start: int
    end: int
    label: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Measurement:
    """The values and evidence one family produced for one text.

    ``values`` maps registry metric names to floats (NaN where undefined, as documented
    in the registry); ``evidence`` holds every counted span.
    """

    family: Family
    values: Mapping[str, float]
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
