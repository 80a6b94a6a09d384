"""The Lee baseline is read from the installed gensim package, offline, without gensim's code."""

from __future__ import annotations

import subprocess
import sys

from slant import baselines
from slant.corpus import Corpus


def test_lee_has_300_stories_with_stable_ids() -> None:
    corpus = baselines.lee()
    assert isinstance(corpus, Corpus)
    # Lee, Pincombe & Welsh (2005) describe 300 background documents
    assert len(corpus) == 300
    assert corpus.documents[0].id == "lee-000"
    assert corpus.documents[-1].id == "lee-299"
    assert all(doc.kind == "baseline" for doc in corpus)
    assert len({doc.id for doc in corpus}) == 300
    # the shipped file repeats some stories verbatim: 293 distinct texts (counted on the
    # file whose sha256 baselines.LEE_SHA256 pins; recorded in corpus/README.md)
    assert len({doc.text for doc in corpus}) == 293


def test_lee_does_not_import_gensim_and_needs_no_network() -> None:
    # a fresh interpreter, so modules imported by other tests do not hide an import
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k): raise OSError('network blocked by test')\n"
        "socket.socket.connect = refuse; socket.create_connection = refuse\n"
        "from slant import baselines\n"
        "c = baselines.lee()\n"
        "assert len(c) == 300\n"
        "assert 'gensim' not in sys.modules, 'gensim was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_folder_baseline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "one.txt").write_text("A neutral report.", encoding="utf-8")
    corpus = baselines.folder(tmp_path)
    assert len(corpus) == 1
    assert corpus.documents[0].kind == "baseline"
