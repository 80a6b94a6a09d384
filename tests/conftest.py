"""Shared fixtures: paths to the project's own corpus files and a socket blocker."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "article" / "000_538137e8ce602f76.txt"
SEED_SHA256 = "b10ca33c1a5c5a88c8143d90a74013c7edc0be099cefced8c1c0384fec2a1559"


@pytest.fixture(scope="session", autouse=True)
def _isolated_caches(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Score tables and fetched coverage live in per-run folders, never in the user's cache.

    Set in ``os.environ`` so that notebook kernels and CLI subprocesses inherit them.
    """
    saved = {k: os.environ.get(k) for k in ("SLANT_CACHE_DIR", "SLANT_COVERAGE_CACHE")}
    os.environ["SLANT_CACHE_DIR"] = str(tmp_path_factory.mktemp("score-cache"))
    os.environ["SLANT_COVERAGE_CACHE"] = str(tmp_path_factory.mktemp("coverage-cache"))
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every attempt to open a network connection fail loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
