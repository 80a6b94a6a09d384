"""Shared fixtures: paths to the project's own corpus files and a socket blocker."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "article" / "000_538137e8ce602f76.txt"
SEED_SHA256 = "b10ca33c1a5c5a88c8143d90a74013c7edc0be099cefced8c1c0384fec2a1559"


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
