"""Score a corpus: the documents × metrics table that baselines are compared through.

``score(corpus)`` runs :func:`slant.profile.profile` on every document and returns one row
per document (``doc_id``, size columns, then one column per metric). Tables of named
corpora are cached on disk, keyed by the corpus hash and slant's version, so a second run
reads the cache instead of scoring again.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from slant.corpus import Corpus, Document
from slant.profile import metric_names, profile

CACHE_DIR_ENV = "SLANT_CACHE_DIR"

#: Columns that describe each scored document rather than measure it.
META_COLUMNS = ("doc_id", "n_words", "n_sentences", "n_paragraphs")


def cache_dir() -> Path:
    """Where score tables are cached: ``$SLANT_CACHE_DIR`` or ``~/.cache/slant``."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "slant"


def _version() -> str:
    from slant import __version__  # noqa: PLC0415  (avoid a cycle at import time)

    return __version__


def cache_key(corpus: Corpus) -> str:
    """A key that changes when the corpus or slant's version changes."""
    digest = hashlib.sha256(f"{corpus.sha256}\0{_version()}".encode()).hexdigest()
    return f"{corpus.name}-{digest[:16]}"


def score_document(doc: Document) -> dict[str, object]:
    """One row of the table: the document's id, its size, and every metric value."""
    prof = profile(doc)
    parsed = prof.parsed
    row: dict[str, object] = {
        "doc_id": doc.id,
        "n_words": sum(1 for t in parsed.words),
        "n_sentences": len(parsed.sentences),
        "n_paragraphs": sum(1 for b in parsed.blocks if b.kind == "body"),
    }
    row.update(prof.values)
    return row


def _frame(rows: Iterable[dict[str, object]]) -> pd.DataFrame:
    columns = [*META_COLUMNS, *metric_names()]
    return pd.DataFrame(list(rows), columns=columns)


def score(
    corpus: Corpus,
    *,
    cache: bool = True,
    progress: bool = True,
) -> pd.DataFrame:
    """Score every document of ``corpus``.

    Parameters
    ----------
    corpus : Corpus
        The documents to score.
    cache : bool
        Read and write the on-disk cache (see :func:`cache_dir`).
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    DataFrame
        One row per document in corpus order: ``doc_id``, ``n_words``, ``n_sentences``,
        ``n_paragraphs``, then one column per registered metric.
    """
    path = cache_dir() / f"{cache_key(corpus)}.parquet"
    if cache and path.is_file():
        try:
            table = pd.read_parquet(path)
        except (OSError, ValueError) as exc:
            sys.stderr.write(f"slant: cache file {path} is unreadable ({exc}); rescoring\n")
        else:
            if list(table.columns) == [*META_COLUMNS, *metric_names()] and len(table) == len(
                corpus
            ):
                return table
            sys.stderr.write(f"slant: cache file {path} does not match; rescoring\n")
    from tqdm.auto import tqdm  # noqa: PLC0415

    docs = tqdm(
        corpus.documents,
        desc=f"scoring {corpus.name}",
        unit="doc",
        disable=not progress,
        file=sys.stderr,
    )
    table = _frame(score_document(doc) for doc in docs)
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
            tmp_path = Path(tmp.name)
        try:
            table.to_parquet(tmp_path, index=False)
            tmp_path.replace(path)
        finally:
            tmp_path.unlink(missing_ok=True)
    return table
