"""The metric families. Importing this package registers every metric in the registry."""

from slant.metrics import registry
from slant.metrics.base import Evidence, Measurement

__all__ = ["Evidence", "Measurement", "registry"]
