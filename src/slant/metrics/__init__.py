"""The metric families. Importing this package registers every metric in the registry."""

from slant.metrics import readability, registry, rhetoric, sentiment, structure
from slant.metrics.base import Evidence, Measurement

__all__ = [
    "Evidence",
    "Measurement",
    "readability",
    "registry",
    "rhetoric",
    "sentiment",
    "structure",
]
