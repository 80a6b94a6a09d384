"""The package version, single source for packaging and runtime."""

VERSION = "0.1.0"
