"""Neutral baselines: the Lee news corpus, a folder of texts, and the project's control.

The Lee corpus
--------------
300 news stories from the Australian Broadcasting Corporation's news mail service,
collected by Lee, Pincombe & Welsh (2005) for a study of document similarity judgements.
The gensim package ships them as test data (``gensim/test/test_data/lee_background.cor``,
one story per line). slant reads that file from the installed package at run time; it
never imports gensim's modelling code and never copies the text into the repository.

Reference: Lee, M. D., Pincombe, B., & Welsh, M. (2005). An empirical evaluation of models
of text document similarity. Proceedings of the 27th Annual Conference of the Cognitive
Science Society, 1254-1259.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path

from slant.corpus import DEFAULT_MAX_BYTES, Corpus, InputError, load_folder, read_text

#: SHA-256 of ``lee_background.cor`` as shipped in the gensim 4.x wheels; checked on load.
LEE_SHA256 = "5d78d6dafd953bbf65797bef09a9ffb9ec430583381be705f8fd460000f370fb"
LEE_RELATIVE_PATH = ("test", "test_data", "lee_background.cor")
LEE_DESCRIPTION = "Lee corpus: 300 ABC (Australian) news stories, 2000s hard news"


def lee_path() -> Path:
    """Locate the Lee corpus file inside the installed gensim package, without importing it.

    Raises
    ------
    InputError
        gensim is not installed, or its wheel does not contain the file.
    """
    spec = importlib.util.find_spec("gensim")  # finds the package; does not execute it
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location).joinpath(*LEE_RELATIVE_PATH)
        if candidate.is_file():
            return candidate
    msg = (
        "the Lee baseline needs the gensim package, which ships the corpus file; "
        "install slant's dependencies (make env) or pip install gensim"
    )
    raise InputError(msg)


@cache
def lee() -> Corpus:
    """The Lee corpus as a :class:`~slant.corpus.Corpus` of 300 baseline documents.

    Document ids are ``lee-000`` … ``lee-299`` in file order, so they are stable across
    machines. The file's hash is checked against :data:`LEE_SHA256`.
    """
    path = lee_path()
    data = path.read_bytes()

    digest = hashlib.sha256(data).hexdigest()
    if digest != LEE_SHA256:
        msg = (
            f"{path}: the Lee corpus file has sha256 {digest[:12]}…, expected "
            f"{LEE_SHA256[:12]}…; reinstall gensim from the lock (make env)"
        )
        raise InputError(msg)
    lines = [line.strip() for line in data.decode("utf-8").splitlines() if line.strip()]
    docs = tuple(
        read_text(line, id=f"lee-{i:03d}", kind="baseline", source="ABC news (Lee corpus)")
        for i, line in enumerate(lines)
    )
    return Corpus(name="lee", description=LEE_DESCRIPTION, documents=docs)


def folder(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """A folder of ``.txt`` / ``.md`` files as a baseline (one article per file)."""
    return load_folder(path, kind="baseline", max_bytes=max_bytes)
