"""Score a corpus: the documents × metrics table that baselines are compared through.

``score(corpus)`` runs :func:`slant.profile.profile` on every document and returns one row
per document in input order: ``doc_id``, ``n_words``, ``n_sentences``, ``n_paragraphs``,
then one column per registered metric in registry order. :func:`score_to_parquet` does
the same work but only writes the table, so a corpus of any size can be scored in bounded
memory; ``slant score INPUT --out table.parquet`` is its command-line form.

Inputs
------
A :class:`~slant.corpus.Corpus`; any iterable (a list or a generator) of
:class:`~slant.corpus.Document`, plain strings or ``(id, text)`` pairs; or a path to a
folder of ``.txt``/``.md`` files, one ``.txt``/``.md`` file, or a ``.csv``, ``.tsv``,
``.parquet`` or ``.jsonl``/``.ndjson`` file with a text column. Files are read lazily, a
few rows at a time.

How a run works
---------------
Documents are grouped into *chunks* (at most ``chunk_size`` documents and
:data:`CHUNK_MAX_CHARS` characters). Each chunk is scored by a worker — processes on this
machine (``engine="local"``) or a Dask cluster (``engine="dask"``) — and its rows are
written at once to a *part* file in ``<out>.parts/``. At most two chunks per worker are in
flight, so memory does not grow with the corpus. When every chunk is done, the parts are
joined in input order into ``out`` (written to a temporary file, then renamed), so the
table is the same whatever the engine, the number of workers or the order chunks finish.

Resuming and caching
--------------------
Every chunk carries a digest of its documents' ids and SHA-256 hashes. A run that was
interrupted leaves its finished parts behind; running it again scores only the chunks
without a matching part. A complete table records the digest of every chunk, so running
again on the same input reads the table instead of scoring, and running on a longer input
scores only the new chunks. The digests, slant's version and the metric columns must all
match before anything is reused. ``score(corpus)`` keeps named corpora in a cache folder
(:func:`cache_dir`) keyed by the corpus hash and slant's version; when that folder cannot
be written, it scores without the cache and says so.

Every page of a table or part is written with a CRC-32 checksum and read back with the
checksum verified, so a damaged file is never used: it is named on standard error and
its documents are scored again.

On a cluster
------------
Start a scheduler and workers on the machines (each with the same version of slant
installed), then point ``slant score`` at the scheduler::

    export DASK_DISTRIBUTED__ADMIN__LOW_LEVEL_LOG_LENGTH=16   # see below
    dask scheduler                                    # prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nthreads 1 --nworkers 8     # on every machine
    slant score corpus.parquet --out table.parquet --scheduler tcp://HOST:8786

The input is read and the table written where ``slant score`` runs; workers receive the
texts of one chunk at a time and need no access to the files. One thread per worker is
best: the work is pure Python, so threads inside one process do not run in parallel.
Dask's developer logs keep the last 1,000 messages and task events, each chunk's texts
included; the clusters slant starts keep 16, and the variable above does the same for a
cluster you start yourself.

Memory
------
The metric families keep only size-limited caches (per word form, per sentence), they
never call textstat (whose per-text caches would grow with every document), and the
driver keeps one short digest and one row count per chunk. The benchmarks in
``benchmarks/`` measure it.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import json
import math
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

from slant._args import positive_int
from slant.corpus import (
    DEFAULT_MAX_BYTES,
    TEXT_SUFFIXES,
    Corpus,
    Document,
    InputError,
    load_article,
    read_text,
    sha256_bytes,
)
from slant.profile import Profile, metric_names, profile

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "CACHE_DIR_ENV",
    "CHUNK_MAX_CHARS",
    "DEFAULT_CHUNK_SIZE",
    "META_COLUMNS",
    "ScoreSummary",
    "add_score_parser",
    "cache_dir",
    "cache_key",
    "iter_documents",
    "run_score",
    "score",
    "score_command",
    "score_document",
    "score_to_parquet",
]

CACHE_DIR_ENV = "SLANT_CACHE_DIR"

#: Columns that describe each scored document rather than measure it.
META_COLUMNS = ("doc_id", "n_words", "n_sentences", "n_paragraphs")

#: Documents per chunk (the unit of work, of progress and of resuming). At about 4 ms per
#: 200-word story a chunk is a fraction of a second of work: small enough to balance two
#: workers on the 300 Lee stories, large enough that dispatch costs are negligible.
DEFAULT_CHUNK_SIZE = 64

#: A chunk is closed early once its texts hold this many characters, so that a chunk of
#: long documents stays a few megabytes when it travels to a worker.
CHUNK_MAX_CHARS = 2_000_000

#: Rows per Parquet row group in the joined table (about 11 MB of values with 83 columns).
ROW_GROUP_ROWS = 16_384

#: Seconds to wait for a Dask scheduler given by address before giving up.
DASK_CONNECT_TIMEOUT = 10.0

# Entries kept in Dask's developer logs for the clusters slant starts (Dask's default is
# 1,000, and the logs hold each chunk's texts; see _DaskRunner).
_DASK_LOG_LENGTH = 16

Engine = Literal["local", "dask"]
ENGINES: tuple[Engine, ...] = ("local", "dask")

#: What :func:`score` accepts: a corpus, a path, or an iterable of documents or texts.
ScoreSource = Corpus | str | os.PathLike[str] | Iterable[Document | str | tuple[str, str]]

_FORMAT = 1
_METADATA_KEY = b"slant.scale"
_DIGEST_CHARS = 32  # 128 bits of SHA-256 per chunk
_TABLE_SUFFIXES = (".csv", ".tsv", ".parquet", ".pq", ".jsonl", ".ndjson")
_READ_BATCH_ROWS = 1024


# --------------------------------------------------------------------------- cache


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


# --------------------------------------------------------------------------- one document


def _counts(prof: Profile) -> tuple[int, int, int]:
    parsed = prof.parsed
    return (
        sum(1 for _ in parsed.words),
        len(parsed.sentences),
        sum(1 for block in parsed.blocks if block.kind == "body"),
    )


def score_document(doc: Document) -> dict[str, object]:
    """One row of the table: the document's id, its size, and every metric value."""
    prof = profile(doc)
    n_words, n_sentences, n_paragraphs = _counts(prof)
    row: dict[str, object] = {
        "doc_id": doc.id,
        "n_words": n_words,
        "n_sentences": n_sentences,
        "n_paragraphs": n_paragraphs,
    }
    row.update(prof.values)
    return row


# --------------------------------------------------------------------------- inputs


@dataclass
class _Skips:
    """How many invalid documents were left out, and why the first one was."""

    count: int = 0
    first: str = ""

    def add(self, reason: str) -> None:
        if not self.count:
            self.first = reason
        self.count += 1


@dataclass
class _Source:
    """A stream of documents with what is known about it before reading it."""

    name: str
    total: int | None
    documents: Iterator[Document]
    skipped: _Skips = field(default_factory=_Skips)


def _valid_or_skip(
    skip_invalid: bool,
    skipped: _Skips,
    make: Callable[..., Document],
    *args: Any,
    **kwargs: Any,
) -> Document | None:
    try:
        return make(*args, **kwargs)
    except InputError as exc:
        if not skip_invalid:
            raise
        skipped.add(str(exc))
        return None


def _iter_items(
    items: Iterable[Any], max_bytes: int, skip_invalid: bool, skipped: _Skips
) -> Iterator[Document]:
    for index, item in enumerate(items):
        if isinstance(item, Document):
            yield item
            continue
        if isinstance(item, str):
            doc_id, text = f"doc-{index:06d}", item
        elif (
            isinstance(item, tuple)
            and len(item) == 2
            and isinstance(item[0], str)
            and isinstance(item[1], str)
        ):
            doc_id, text = item
        else:
            msg = (
                f"item {index} is a {type(item).__name__}; give Documents, strings or "
                "(id, text) pairs of strings"
            )
            raise InputError(msg)
        doc = _valid_or_skip(
            skip_invalid,
            skipped,
            read_text,
            text,
            id=doc_id,
            kind="baseline",
            max_bytes=max_bytes,
            name=f"<{doc_id}>",
        )
        if doc is not None:
            yield doc


def _text_files(root: Path) -> list[str]:
    with os.scandir(root) as entries:
        names = [
            entry.name
            for entry in entries
            if entry.is_file() and Path(entry.name).suffix.lower() in TEXT_SUFFIXES
        ]
    names.sort()
    if not names:
        msg = f"{root}: holds no .txt or .md files; put one article per file in it"
        raise InputError(msg)
    return names


def _iter_folder(
    root: Path, names: list[str], max_bytes: int, skip_invalid: bool, skipped: _Skips
) -> Iterator[Document]:
    for name in names:
        doc = _valid_or_skip(
            skip_invalid, skipped, load_article, root / name, kind="baseline", max_bytes=max_bytes
        )
        if doc is not None:
            yield doc


def _missing_column(path: Path, option: str, column: str, columns: Sequence[str]) -> InputError:
    shown = ", ".join(repr(str(c)) for c in columns[:20]) or "none"
    return InputError(
        f"{path}: has no column {column!r} (its columns: {shown}); name the right one with {option}"
    )


def _pick_columns(
    path: Path, columns: Sequence[str], text_column: str, id_column: str | None
) -> str | None:
    """Check the text column exists; return the id column to use (``None``: row numbers)."""
    if text_column not in columns:
        raise _missing_column(path, "--text-column / text_column", text_column, columns)
    if id_column is not None:
        if id_column not in columns:
            raise _missing_column(path, "--id-column / id_column", id_column, columns)
        return id_column
    return "id" if "id" in columns and text_column != "id" else None


def _row_document(
    path: Path,
    row: int,
    text: object,
    ident: object,
    max_bytes: int,
) -> Document:
    where = f"{path}: row {row + 1}"
    if text is None or (isinstance(text, float) and math.isnan(text)):
        text = ""
    if not isinstance(text, str):
        msg = f"{where}: the text is a {type(text).__name__}, not a string"
        raise InputError(msg)
    doc_id = f"row-{row:06d}" if ident is None else str(ident)
    if not doc_id.strip():
        msg = f"{where}: the id is empty; fill it in or leave out the id column"
        raise InputError(msg)
    return read_text(text, id=doc_id, kind="baseline", max_bytes=max_bytes, name=where)


def _iter_rows(
    path: Path,
    rows: Iterator[tuple[object, object]],
    max_bytes: int,
    skip_invalid: bool,
    skipped: _Skips,
) -> Iterator[Document]:
    for row, (text, ident) in enumerate(rows):
        doc = _valid_or_skip(
            skip_invalid, skipped, _row_document, path, row, text, ident, max_bytes
        )
        if doc is not None:
            yield doc


def _csv_rows(
    path: Path, text_column: str, id_column: str | None
) -> tuple[Iterator[tuple[object, object]], None]:
    import pandas as pd  # noqa: PLC0415  (pandas only when a table is read)

    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        header = pd.read_csv(path, sep=sep, nrows=0)
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        kind = "TSV" if sep == "\t" else "CSV"
        msg = f"{path}: cannot be read as {kind} ({exc}); check the file"
        raise InputError(msg) from None
    ident = _pick_columns(path, [str(c) for c in header.columns], text_column, id_column)
    wanted = [text_column] if ident is None else [text_column, ident]

    def rows() -> Iterator[tuple[object, object]]:
        try:
            reader = pd.read_csv(
                path,
                sep=sep,
                usecols=wanted,
                dtype=str,
                keep_default_na=False,
                chunksize=_READ_BATCH_ROWS,
            )
            with reader:
                for frame in reader:
                    texts = frame[text_column].tolist()
                    ids = frame[ident].tolist() if ident is not None else [None] * len(texts)
                    yield from zip(texts, ids, strict=True)
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            msg = f"{path}: cannot be read as a table ({exc}); check the file"
            raise InputError(msg) from None

    return rows(), None


def _parquet_rows(
    path: Path, text_column: str, id_column: str | None
) -> tuple[Iterator[tuple[object, object]], int]:
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        handle = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        msg = f"{path}: is not a readable Parquet file ({exc})"
        raise InputError(msg) from None
    schema = handle.schema_arrow
    ident = _pick_columns(path, list(schema.names), text_column, id_column)
    text_type = schema.field(text_column).type
    if not (pa.types.is_string(text_type) or pa.types.is_large_string(text_type)):
        msg = f"{path}: column {text_column!r} holds {text_type}, not text"
        raise InputError(msg)
    wanted = [text_column] if ident is None else [text_column, ident]

    def rows() -> Iterator[tuple[object, object]]:
        with handle:
            for batch in handle.iter_batches(batch_size=_READ_BATCH_ROWS, columns=wanted):
                texts = batch.column(0).to_pylist()
                ids = batch.column(1).to_pylist() if ident is not None else [None] * len(texts)
                yield from zip(texts, ids, strict=True)

    return rows(), int(handle.metadata.num_rows)


def _jsonl_rows(
    path: Path, text_column: str, id_column: str | None
) -> tuple[Iterator[tuple[object, object]], None]:
    def rows() -> Iterator[tuple[object, object]]:
        with path.open(encoding="utf-8") as handle:
            line_number = 0
            while True:
                try:
                    line = handle.readline()
                except UnicodeDecodeError:
                    msg = f"{path}: line {line_number + 1} is not valid UTF-8; convert the file"
                    raise InputError(msg) from None
                if not line:
                    return
                line_number += 1
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    msg = f"{path}: line {line_number} is not valid JSON ({exc.msg})"
                    raise InputError(msg) from None
                if not isinstance(record, dict):
                    msg = f"{path}: line {line_number} is not a JSON object"
                    raise InputError(msg)
                if text_column not in record:
                    keys = sorted(str(k) for k in record)
                    raise _missing_column(path, "--text-column / text_column", text_column, keys)
                if id_column is not None and id_column not in record:
                    keys = sorted(str(k) for k in record)
                    raise _missing_column(path, "--id-column / id_column", id_column, keys)
                key = id_column if id_column is not None else "id"
                yield record[text_column], record.get(key)

    return rows(), None


def iter_documents(
    source: ScoreSource,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip_invalid: bool = False,
) -> Iterator[Document]:
    """Read documents one at a time from any input :func:`score` accepts.

    Parameters
    ----------
    source : Corpus, path or iterable
        A corpus; an iterable of :class:`~slant.corpus.Document`, strings (ids
        ``doc-000000``, ``doc-000001``, …) or ``(id, text)`` pairs; or a path to a folder
        of ``.txt``/``.md`` files (sorted by name, ids from file names), one such file, or
        a ``.csv``/``.tsv``/``.parquet``/``.jsonl``/``.ndjson`` table. A ``str`` is always
        read as a path.
    text_column : str
        The column (or JSON field) that holds each text.
    id_column : str, optional
        The column holding each document's id. By default a column named ``id`` is used
        when there is one, else row numbers (``row-000000``, …).
    max_bytes : int
        Refuse any text longer than this many bytes (UTF-8).
    skip_invalid : bool
        Leave out documents that cannot be analysed (empty, no letters, too long) instead
        of stopping at the first one.

    Yields
    ------
    Document
        In input order.

    Raises
    ------
    InputError
        Missing or unreadable input, a table without the text column, or (unless
        ``skip_invalid``) a document that cannot be analysed; the message names it.
    """
    return _open_source(
        source,
        text_column=text_column,
        id_column=id_column,
        max_bytes=max_bytes,
        skip_invalid=skip_invalid,
    ).documents


def _open_source(
    source: ScoreSource,
    *,
    text_column: str,
    id_column: str | None,
    max_bytes: int,
    skip_invalid: bool,
) -> _Source:
    skipped = _Skips()
    if isinstance(source, Corpus):
        return _Source(source.name, len(source), iter(source.documents), skipped)
    if isinstance(source, str | os.PathLike):
        return _open_path(Path(source), text_column, id_column, max_bytes, skip_invalid)
    given: object = source  # callers without type checking may pass anything
    if isinstance(given, bytes | bytearray):
        msg = "score() was given bytes; decode them, or pass a path or a list of texts"
        raise InputError(msg)
    if not isinstance(given, Iterable):
        msg = (
            f"cannot score a {type(given).__name__}; give a Corpus, a path, or an "
            "iterable of documents or texts"
        )
        raise InputError(msg)
    total = len(source) if isinstance(source, Sequence) else None
    documents = _iter_items(source, max_bytes, skip_invalid, skipped)
    return _Source("documents", total, documents, skipped)


def _open_path(
    path: Path, text_column: str, id_column: str | None, max_bytes: int, skip_invalid: bool
) -> _Source:
    skipped = _Skips()
    if not path.exists():
        msg = (
            f"{path}: no such file or folder; check the path (relative paths start at {Path.cwd()})"
        )
        raise InputError(msg)
    if path.is_dir():
        names = _text_files(path)
        documents = _iter_folder(path, names, max_bytes, skip_invalid, skipped)
        return _Source(path.name, len(names), documents, skipped)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        one = load_article(path, kind="baseline", max_bytes=max_bytes)
        return _Source(path.name, 1, iter((one,)), skipped)
    rows: Iterator[tuple[object, object]]
    total: int | None
    if suffix in (".csv", ".tsv"):
        rows, total = _csv_rows(path, text_column, id_column)
    elif suffix in (".parquet", ".pq"):
        rows, total = _parquet_rows(path, text_column, id_column)
    elif suffix in (".jsonl", ".ndjson"):
        rows, total = _jsonl_rows(path, text_column, id_column)
    else:
        accepted = ", ".join((*TEXT_SUFFIXES, *_TABLE_SUFFIXES))
        what = suffix or "files without a suffix"
        msg = f"{path}: cannot read {what}; use one of {accepted}, or a folder"
        raise InputError(msg)
    documents = _iter_rows(path, rows, max_bytes, skip_invalid, skipped)
    return _Source(path.name, total, documents, skipped)


# --------------------------------------------------------------------------- chunks


@dataclass(frozen=True, slots=True)
class _Chunk:
    index: int
    items: tuple[tuple[str, str], ...]  # (doc_id, text)
    digest: str


def _doc_line(doc: Document) -> bytes:
    """What identifies a document in a digest: the same line :attr:`Corpus.sha256` hashes."""
    sha = doc.sha256 or sha256_bytes(doc.text.encode("utf-8", errors="surrogatepass"))
    return doc.id.encode("utf-8") + b"\0" + sha.encode("ascii") + b"\n"


def _chunks(documents: Iterator[Document], chunk_size: int, whole: Any) -> Iterator[_Chunk]:
    """Group documents into chunks; ``whole`` (a hashlib object) digests them all."""
    items: list[tuple[str, str]] = []
    digest = hashlib.sha256()
    chars = 0
    index = 0
    for doc in documents:
        line = _doc_line(doc)
        whole.update(line)
        digest.update(line)
        items.append((doc.id, doc.text))
        chars += len(doc.text)
        if len(items) >= chunk_size or chars >= CHUNK_MAX_CHARS:
            yield _Chunk(index, tuple(items), digest.hexdigest()[:_DIGEST_CHARS])
            items, digest, chars, index = [], hashlib.sha256(), 0, index + 1
    if items:
        yield _Chunk(index, tuple(items), digest.hexdigest()[:_DIGEST_CHARS])


def _with_last(chunks: Iterator[_Chunk]) -> Iterator[tuple[_Chunk, bool]]:
    """Pair each chunk with whether it is the last one.

    If reading ahead fails, the chunk in hand is still handed out (so its work is done
    and saved) before the error goes on.
    """
    try:
        current = next(chunks)
    except StopIteration:
        return
    while True:
        try:
            following = next(chunks)
        except StopIteration:
            yield current, True
            return
        except Exception:
            yield current, True
            raise
        yield current, False
        current = following


# --------------------------------------------------------------------------- workers


class _ChunkResult(NamedTuple):
    """What a worker sends back: ids, sizes and values of one chunk."""

    doc_ids: list[str]
    counts: Any  # numpy int64 array, shape (n, 3)
    values: Any  # numpy float64 array, shape (n, number of metrics)
    metric_names: tuple[str, ...]
    version: str


# Dask workers may run several threads in one process. The work is pure Python, so
# threads give no speed-up under the GIL; the lock rules out any race on state the metric
# families share (caches, the sentence splitter) whatever a worker's thread count.
_SCORE_LOCK = threading.Lock()


def _score_chunk(items: Sequence[tuple[str, str]]) -> _ChunkResult:
    """Score ``(doc_id, text)`` pairs in a worker (picklable by reference)."""
    import numpy as np  # noqa: PLC0415

    names = tuple(metric_names())
    counts = np.zeros((len(items), 3), dtype=np.int64)
    values = np.full((len(items), len(names)), np.nan, dtype=np.float64)
    with _SCORE_LOCK:
        for row, (doc_id, text) in enumerate(items):
            try:
                prof = profile(text, doc_id=doc_id)
            except Exception as exc:
                msg = f"scoring document {doc_id!r} failed: {type(exc).__name__}: {exc}"
                raise RuntimeError(msg) from exc
            counts[row] = _counts(prof)
            values[row] = [prof.values.get(name, math.nan) for name in names]
    return _ChunkResult([doc_id for doc_id, _ in items], counts, values, names, _version())


def _warm_up() -> None:
    """Load lexicons and dictionaries once per worker, before its first chunk."""
    profile('A warm-up text. It has "quotes", a question? And an exclamation!')


def _default_workers() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    if callable(affinity):
        return max(1, len(affinity(0)))
    return max(1, os.cpu_count() or 1)


class _Runner(Protocol):
    """Where chunks are scored."""

    name: str
    workers: int

    def submit(self, items: tuple[tuple[str, str], ...]) -> Any:
        """Start scoring one chunk; return a future with ``result()``."""
        ...

    def wait_first(self, futures: Iterable[Any]) -> set[Any]:
        """Block until at least one future is done; return the done ones."""
        ...

    def close(self) -> None:
        """Release workers."""
        ...


class _InlineRunner:
    """Scores in this process (one worker, or a corpus of one chunk)."""

    name = "local"

    def __init__(self) -> None:
        self.workers = 1

    def submit(self, items: tuple[tuple[str, str], ...]) -> Future[_ChunkResult]:
        future: Future[_ChunkResult] = Future()
        try:
            future.set_result(_score_chunk(items))
        except Exception as exc:  # handed to the caller through the future, like a pool
            future.set_exception(exc)
        return future

    def wait_first(self, futures: Iterable[Any]) -> set[Any]:
        return set(futures_wait(list(futures), return_when=FIRST_COMPLETED).done)

    def close(self) -> None:
        return None


class _PoolRunner:
    """Scores in worker processes on this machine."""

    name = "local"

    def __init__(self, workers: int) -> None:
        # forkserver (or spawn) rather than fork: forking a process that already runs
        # threads (progress bar, Arrow's pools) can deadlock the child.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_warm_up
        )

    def submit(self, items: tuple[tuple[str, str], ...]) -> Future[_ChunkResult]:
        return self._pool.submit(_score_chunk, items)

    def wait_first(self, futures: Iterable[Any]) -> set[Any]:
        return set(futures_wait(list(futures), return_when=FIRST_COMPLETED).done)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class _DaskRunner:
    """Scores on a Dask cluster: a new LocalCluster, or the scheduler at an address."""

    name = "dask"

    def __init__(self, workers: int | None, scheduler: str | None) -> None:
        try:  # optional dependency, untyped here on purpose (its stubs are partial)
            distributed: Any = importlib.import_module("distributed")
        except ImportError:
            msg = (
                "engine 'dask' needs dask[distributed]; install it with pip install 'slant[scale]'"
            )
            raise ImportError(msg) from None
        self._cluster: Any = None
        dask: Any = importlib.import_module("dask")
        # Dask keeps its last `low-level-log-length` (1,000) messages and task events in
        # several debugging logs, texts included: up to 1,000 chunks of text per log. Set
        # only while this client and cluster are built (the setting is read then), so
        # nothing outside slant sees it.
        with dask.config.set({"distributed.admin.low-level-log-length": _DASK_LOG_LENGTH}):
            self._connect(distributed, workers, scheduler)
        try:
            self._client.run(_warm_up)
            self.workers = max(1, sum(self._client.nthreads().values()))
            # Bound to this client's loop: distributed.wait() would look for a default
            # client, and slant does not install one behind the user's back.
            self._completed = distributed.as_completed(loop=self._client.loop)
        except BaseException:
            self.close()
            raise

    def _connect(self, distributed: Any, workers: int | None, scheduler: str | None) -> None:
        if scheduler:
            try:
                self._client = distributed.Client(
                    scheduler, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False
                )
            except (OSError, TimeoutError, ValueError) as exc:
                msg = (
                    f"{scheduler}: cannot reach a Dask scheduler ({exc}); check the address "
                    "(e.g. tcp://host:8786) and that the scheduler is running"
                )
                raise InputError(msg) from None
            return
        # The scheduler's HTTP server (and dashboard) on any free port: the fixed default,
        # 8787, clashes with any other cluster on a shared machine.
        self._cluster = distributed.LocalCluster(
            n_workers=workers or _default_workers(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
        )
        self._client = distributed.Client(self._cluster, set_as_default=False)

    def submit(self, items: tuple[tuple[str, str], ...]) -> Any:
        payload: Any = items
        if sum(len(text) for _, text in items) > 1_000_000:
            payload = self._client.scatter(items, direct=False)  # big chunks travel apart
        future = self._client.submit(_score_chunk, payload, pure=False)
        self._completed.add(future)
        return future

    def wait_first(self, futures: Iterable[Any]) -> set[Any]:  # noqa: ARG002  (tracked below)
        # Every future in flight was added to `_completed`; each comes out once, when done.
        done = {next(self._completed)}
        done.update(self._completed.next_batch(block=False))
        return done

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


# --------------------------------------------------------------------------- storage


def _schema(columns: Sequence[str], metadata: dict[str, Any] | None = None) -> pa.Schema:
    import pyarrow as pa  # noqa: PLC0415

    fields = [pa.field("doc_id", pa.string())]
    fields += [pa.field(name, pa.int64()) for name in META_COLUMNS[1:]]
    fields += [pa.field(name, pa.float64()) for name in columns[len(META_COLUMNS) :]]
    encoded = None if metadata is None else {_METADATA_KEY: json.dumps(metadata).encode()}
    return pa.schema(fields, metadata=encoded)


def _table(result: _ChunkResult, schema: pa.Schema) -> pa.Table:
    import pyarrow as pa  # noqa: PLC0415

    arrays = [pa.array(result.doc_ids, pa.string())]
    arrays += [pa.array(result.counts[:, j], pa.int64()) for j in range(3)]
    arrays += [pa.array(result.values[:, j], pa.float64()) for j in range(len(result.metric_names))]
    return pa.Table.from_arrays(arrays, schema=schema)


def _read_metadata(path: Path) -> dict[str, Any] | None:
    """The slant metadata of a table or part file, or ``None`` if it has none."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        raw = (pq.read_schema(path).metadata or {}).get(_METADATA_KEY)
        meta = json.loads(raw) if raw else None
    except (OSError, pa.ArrowException, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _damage(path: Path, rows: int) -> str | None:
    """Read every page of a table, checking its checksum; say what is wrong, if anything.

    Tables and parts are written with a CRC-32 checksum on every page (Parquet's
    ``write_page_checksum``), so a changed byte in the values is caught here instead of
    being read as a different number.
    """
    import pyarrow.parquet as pq  # noqa: PLC0415

    seen = 0
    try:
        with pq.ParquetFile(path, page_checksum_verification=True) as handle:
            for batch in handle.iter_batches(batch_size=ROW_GROUP_ROWS):
                seen += batch.num_rows
    except Exception as exc:  # any failure to decode a page means the file is damaged
        return f"{type(exc).__name__}: {' '.join(str(exc).split())}"
    if seen != rows:
        return f"{seen} rows where its metadata records {rows}"
    return None


def _atomic_parquet(table: pa.Table, path: Path) -> None:
    import pyarrow.parquet as pq  # noqa: PLC0415

    tmp = _temporary_path(path)
    try:
        pq.write_table(table, tmp, write_page_checksum=True)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


class _RowCursor:
    """Forward-only reader of row ranges from the previous table (bounded memory)."""

    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq  # noqa: PLC0415

        self._file = pq.ParquetFile(path, page_checksum_verification=True)
        self._batches = self._file.iter_batches(batch_size=ROW_GROUP_ROWS)
        self._buffer: Any = None  # a pyarrow Table of rows from self._position on
        self._position = 0

    def take(self, start: int, count: int) -> pa.Table:
        """Rows ``start`` to ``start + count`` (``start`` never goes backwards)."""
        import pyarrow as pa  # noqa: PLC0415

        pieces: list[pa.Table] = []
        needed = count
        while needed > 0:
            if self._buffer is None or self._buffer.num_rows == 0:
                batch = next(self._batches, None)
                if batch is None:
                    msg = f"{self._file}: the table ends before row {start + count}"
                    raise RuntimeError(msg)
                self._buffer = pa.Table.from_batches([batch])
            skip = min(start - self._position, self._buffer.num_rows)
            if skip > 0:
                self._buffer = self._buffer.slice(skip)
                self._position += skip
                continue
            piece = self._buffer.slice(0, needed)
            pieces.append(piece)
            needed -= piece.num_rows
            self._buffer = self._buffer.slice(piece.num_rows)
            self._position += piece.num_rows
            start = self._position
        return pa.concat_tables(pieces)

    def close(self) -> None:
        self._file.close()


class _Store:
    """The output table, the parts of an unfinished run, and what can be reused."""

    def __init__(
        self,
        out: Path,
        columns: list[str],
        version: str,
        chunk_size: int,
        *,
        restart: bool,
        note: Callable[[str], None],
        warn: Callable[[str], None],
    ) -> None:
        self.out = out
        self.parts_dir = out.with_name(out.name + ".parts")
        self.columns = columns
        self.version = version
        self._note = note
        self._warn = warn
        if not os.access(out.parent, os.W_OK):
            msg = f"{out.parent}: the output folder is not writable; choose another --out"
            raise _OutputError(msg)
        if out.is_dir():
            msg = f"{out}: is a folder; give a file name such as table.parquet"
            raise InputError(msg)
        for stale in out.parent.glob(f".{out.name}.*.tmp"):  # left by a killed run
            stale.unlink(missing_ok=True)
        if restart:
            shutil.rmtree(self.parts_dir, ignore_errors=True)
        self.previous: list[tuple[str, int]] = []  # (digest, rows) per chunk of `out`
        self.previous_ok = False  # `out` is a complete table this run may reuse
        previous_size: int | None = None
        meta = None if restart or not out.is_file() else self._usable_table()
        if meta is not None:
            self.previous = [(str(d), int(n)) for d, n in meta["chunks"]]
            self.previous_ok = True
            previous_size = int(meta["chunk_size"])
        self.parts: dict[int, tuple[str, int]] = {}
        part_size = self._load_parts()
        self.chunk_size = part_size or previous_size or chunk_size
        if self.chunk_size != chunk_size and (self.parts or self.previous):
            note(f"continuing with the chunk size of the earlier run ({self.chunk_size})")
        if previous_size != self.chunk_size:
            self.previous, self.previous_ok = [], False
        self._offsets = [0]
        for _, rows in self.previous:
            self._offsets.append(self._offsets[-1] + rows)

    def _usable_table(self) -> dict[str, Any] | None:
        """The metadata of ``out`` if its rows may be reused; say why not otherwise."""
        meta = _read_metadata(self.out)
        if meta is None:
            self._warn(
                f"{self.out} cannot be read as a slant score table (damaged, or written by "
                "another program); it will be scored again and replaced"
            )
            return None
        if not self._compatible(meta):
            self._warn(
                f"{self.out} was written by slant {meta.get('version', '?')} with other "
                "metrics; it will be scored again and replaced"
            )
            return None
        problem = _damage(self.out, int(meta.get("rows", -1)))
        if problem is not None:
            self._warn(f"{self.out} is damaged ({problem}); it will be scored again")
            return None
        return meta

    def _compatible(self, meta: dict[str, Any]) -> bool:
        return (
            meta.get("format") == _FORMAT
            and meta.get("version") == self.version
            and meta.get("columns") == self.columns
            and isinstance(meta.get("chunks"), list)
            and isinstance(meta.get("chunk_size"), int)
        )

    def _load_parts(self) -> int | None:
        if not self.parts_dir.is_dir():
            return None
        size: int | None = None
        for path in sorted(self.parts_dir.iterdir()):
            meta = _read_metadata(path) if path.suffix == ".parquet" else None
            usable = (
                meta is not None
                and self._compatible({**meta, "chunks": []})
                and size in (None, meta["chunk_size"])
                and isinstance(meta.get("index"), int)
            )
            if not usable or meta is None:
                path.unlink(missing_ok=True)  # a temporary file, or from another version
                continue
            problem = _damage(path, int(meta.get("rows", -1)))
            if problem is not None:
                self._warn(f"{path} is damaged ({problem}); its documents will be scored again")
                path.unlink(missing_ok=True)
                continue
            size = int(meta["chunk_size"])
            self.parts[int(meta["index"])] = (str(meta["digest"]), int(meta["rows"]))
        if self.parts:
            done = sum(rows for _, rows in self.parts.values())
            self._note(f"resuming: {done:,} documents were scored by an earlier run")
        return size

    def _part_path(self, index: int) -> Path:
        return self.parts_dir / f"part-{index:08d}.parquet"

    def reusable(self, chunk: _Chunk) -> bool:
        """Whether the chunk's rows are already stored (same digest, same size)."""
        expected = (chunk.digest, len(chunk.items))
        if self.parts.get(chunk.index) == expected:
            return True
        return chunk.index < len(self.previous) and self.previous[chunk.index] == expected

    def write_part(self, chunk: _Chunk, result: _ChunkResult) -> None:
        """Save one scored chunk at once (atomically)."""
        meta = {
            "format": _FORMAT,
            "version": self.version,
            "columns": self.columns,
            "chunk_size": self.chunk_size,
            "index": chunk.index,
            "digest": chunk.digest,
            "rows": len(chunk.items),
        }
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        _atomic_parquet(_table(result, _schema(self.columns, meta)), self._part_path(chunk.index))
        self.parts[chunk.index] = (chunk.digest, len(chunk.items))

    def finish(self, chunks: list[tuple[str, int]], digest: str) -> None:
        """Join all chunks, in order, into the output table; remove the parts."""
        import pyarrow as pa  # noqa: PLC0415
        import pyarrow.parquet as pq  # noqa: PLC0415

        if self.previous_ok and chunks == self.previous:  # nothing new: keep the table
            shutil.rmtree(self.parts_dir, ignore_errors=True)
            return
        meta = {
            "format": _FORMAT,
            "version": self.version,
            "columns": self.columns,
            "chunk_size": self.chunk_size,
            "chunks": [list(chunk) for chunk in chunks],
            "digest": digest,
            "rows": sum(rows for _, rows in chunks),
        }
        schema = _schema(self.columns, meta)
        tmp = _temporary_path(self.out)
        cursor = _RowCursor(self.out) if self.previous else None
        try:
            with pq.ParquetWriter(tmp, schema, write_page_checksum=True) as writer:
                buffered: list[pa.Table] = []
                rows = 0
                for index, chunk in enumerate(chunks):
                    if self.parts.get(index) == chunk:
                        piece = pq.read_table(
                            self._part_path(index), page_checksum_verification=True
                        )
                    elif cursor is not None and index < len(self.previous):
                        piece = cursor.take(self._offsets[index], chunk[1])
                    else:  # pragma: no cover - every chunk was scored or reused
                        msg = f"chunk {index} of {self.out} is missing"
                        raise RuntimeError(msg)
                    buffered.append(piece.replace_schema_metadata())
                    rows += piece.num_rows
                    if rows >= ROW_GROUP_ROWS:
                        writer.write_table(pa.concat_tables(buffered))
                        buffered, rows = [], 0
                if buffered:
                    writer.write_table(pa.concat_tables(buffered))
            if cursor is not None:
                cursor.close()
                cursor = None
            tmp.replace(self.out)
        finally:
            if cursor is not None:
                cursor.close()
            tmp.unlink(missing_ok=True)
        shutil.rmtree(self.parts_dir, ignore_errors=True)


class _OutputError(InputError):
    """The output folder cannot be written (raised before any input is read)."""


@contextlib.contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """Hold a lock on ``out`` so that two runs never write the same table at once."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{out.parent}: cannot create the output folder ({exc.strerror or exc})"
        raise _OutputError(msg) from None
    try:
        import fcntl  # noqa: PLC0415  (POSIX only)
    except ImportError:  # pragma: no cover - Windows: no lock
        yield
        return
    lock_path = out.with_name(f".{out.name}.lock")
    try:
        handle = lock_path.open("a")
    except OSError as exc:
        msg = f"{out.parent}: cannot write in this folder ({exc.strerror or exc})"
        raise _OutputError(msg) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class ScoreSummary:
    """What a scoring run did.

    Attributes
    ----------
    out : Path
        The table written.
    n_documents : int
        Rows in the table.
    n_scored : int
        Documents scored by this run.
    n_reused : int
        Documents whose rows came from an earlier run (resumed or cached).
    n_skipped : int
        Invalid documents left out (only with ``skip_invalid``).
    seconds : float
        Wall-clock time of the run.
    engine : str
        ``"local"`` or ``"dask"``.
    workers : int
        Worker processes (or Dask worker threads) used; 1 when scoring ran in-process
        or nothing needed scoring.
    digest : str
        SHA-256 over every document's id and hash (equal to :attr:`Corpus.sha256` for a
        corpus).
    """

    out: Path
    n_documents: int
    n_scored: int
    n_reused: int
    n_skipped: int
    seconds: float
    engine: str
    workers: int
    digest: str

    @property
    def docs_per_second(self) -> float:
        """Documents scored per second of wall-clock time (NaN if none were scored)."""
        if self.n_scored == 0 or self.seconds <= 0:
            return math.nan
        return self.n_scored / self.seconds


def _check_options(
    engine: str, workers: int | None, chunk_size: int, scheduler: str | None
) -> None:
    if engine not in ENGINES:
        msg = f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}"
        raise ValueError(msg)
    if workers is not None and workers < 1:
        msg = f"workers must be at least 1, got {workers}"
        raise ValueError(msg)
    if chunk_size < 1:
        msg = f"chunk_size must be at least 1, got {chunk_size}"
        raise ValueError(msg)
    if scheduler and engine != "dask":
        msg = "a scheduler address needs engine='dask' (--engine dask)"
        raise ValueError(msg)


def _make_runner(
    engine: str, workers: int | None, scheduler: str | None, *, single_chunk: bool
) -> _Runner:
    if engine == "dask":
        return _DaskRunner(workers, scheduler)
    count = workers or _default_workers()
    if count == 1 or single_chunk:
        return _InlineRunner()
    return _PoolRunner(count)


def score_to_parquet(
    source: ScoreSource,
    out: str | os.PathLike[str],
    *,
    engine: Engine = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    text_column: str = "text",
    id_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip_invalid: bool = False,
    restart: bool = False,
    progress: bool = True,
    stream: IO[str] | None = None,
) -> ScoreSummary:
    """Score every document of ``source`` into a Parquet table, in bounded memory.

    Parameters
    ----------
    source : Corpus, path or iterable
        What to score; see :func:`iter_documents`.
    out : str or PathLike
        The Parquet file to write (atomically, when every document is scored). Its
        ``<out>.parts/`` folder holds the chunks of an unfinished run.
    engine : {"local", "dask"}
        ``"local"``: worker processes on this machine. ``"dask"``: a Dask cluster — a new
        ``LocalCluster`` (one single-threaded worker process per core, or ``workers``), or
        the scheduler at ``scheduler``.
    workers : int, optional
        Number of worker processes (default: every core). ``1`` scores in this process.
        Ignored when ``scheduler`` is given (the cluster decides). Worker processes
        start fresh (forkserver or spawn), so a script that scores with several workers
        needs the usual ``if __name__ == "__main__":`` guard.
    scheduler : str, optional
        Address of a running Dask scheduler, e.g. ``"tcp://10.0.0.5:8786"``. Its workers
        need the same version of slant installed.
    chunk_size : int
        Documents per chunk (the unit of work and of resuming). A resumed run keeps the
        chunk size of the run it continues.
    text_column, id_column, max_bytes, skip_invalid
        How to read the input; see :func:`iter_documents`.
    restart : bool
        Ignore the parts and the table of earlier runs; score everything again.
    progress : bool
        Show a progress bar (documents and documents per second) on ``stream``.
    stream : text stream, optional
        Where progress and notes go (default: standard error).

    Returns
    -------
    ScoreSummary
        Counts, time and the input's digest.

    Raises
    ------
    InputError
        Unreadable input, a document that cannot be analysed (unless ``skip_invalid``),
        an unusable output path, or an unreachable scheduler.
    ValueError
        An unknown engine, fewer than one worker or chunk, or a scheduler with the local
        engine.
    ImportError
        ``engine="dask"`` without dask[distributed] installed.
    """
    _check_options(engine, workers, chunk_size, scheduler)
    target = Path(out)
    sink = sys.stderr if stream is None else stream

    def note(message: str) -> None:
        if progress:
            sink.write(f"slant: {message}\n")

    def warn(message: str) -> None:  # shown even without progress: something was wrong
        sink.write(f"slant: {message}\n")

    columns = [*META_COLUMNS, *metric_names()]
    started = time.perf_counter()
    with _exclusive(target):
        store = _Store(
            target, columns, _version(), chunk_size, restart=restart, note=note, warn=warn
        )
        opened = _open_source(
            source,
            text_column=text_column,
            id_column=id_column,
            max_bytes=max_bytes,
            skip_invalid=skip_invalid,
        )
        whole = hashlib.sha256()
        plan: list[tuple[str, int]] = []
        counts = {"scored": 0, "reused": 0}
        used_workers = 1
        used_engine: str = engine
        bar: Any = None  # the progress bar, shown once there is something to score
        runner: _Runner | None = None
        pending: dict[Any, _Chunk] = {}

        def collect(done: set[Any]) -> None:
            for future in done:
                chunk = pending.pop(future)
                result: _ChunkResult = future.result()
                if list(result.metric_names) != columns[len(META_COLUMNS) :]:
                    msg = (
                        f"a worker runs slant {result.version} with other metrics than this "
                        f"process (slant {_version()}); install the same version everywhere"
                    )
                    raise RuntimeError(msg)
                store.write_part(chunk, result)
                counts["scored"] += len(chunk.items)
                bar.update(len(chunk.items))

        try:
            chunks = _with_last(_chunks(opened.documents, store.chunk_size, whole))
            for chunk, is_last in chunks:
                plan.append((chunk.digest, len(chunk.items)))
                if store.reusable(chunk):
                    counts["reused"] += len(chunk.items)
                    if bar is not None and bar.total is not None:
                        bar.total -= len(chunk.items)
                    continue
                if runner is None:
                    bar = _progress_bar(opened, counts["reused"], progress, sink)
                    runner = _make_runner(engine, workers, scheduler, single_chunk=is_last)
                    used_workers, used_engine = runner.workers, runner.name
                while len(pending) >= 2 * runner.workers:
                    collect(runner.wait_first(pending))
                pending[runner.submit(chunk.items)] = chunk
            while pending and runner is not None:
                collect(runner.wait_first(pending))
        except Exception:
            # Save every chunk that finishes cleanly before reporting the error, so a
            # second run does not score them again.
            _drain_quietly(runner, pending, collect)
            raise
        finally:
            if bar is not None:
                bar.close()
            if runner is not None:
                runner.close()
        skips = opened.skipped
        if skips.count:
            if not plan:
                msg = f"every document was invalid; the first: {skips.first}"
                raise InputError(msg)
            warn(f"left out {skips.count:,} invalid documents; the first: {skips.first}")
        store.finish(plan, whole.hexdigest())
    return ScoreSummary(
        out=target,
        n_documents=sum(rows for _, rows in plan),
        n_scored=counts["scored"],
        n_reused=counts["reused"],
        n_skipped=opened.skipped.count,
        seconds=time.perf_counter() - started,
        engine=used_engine,
        workers=used_workers,
        digest=whole.hexdigest(),
    )


def _progress_bar(source: _Source, reused: int, show: bool, stream: IO[str]) -> Any:
    from tqdm.auto import tqdm  # noqa: PLC0415

    total = None if source.total is None else max(0, source.total - reused)
    postfix = {"reused": reused} if reused else None
    return tqdm(
        total=total,
        desc=f"scoring {source.name}",
        unit="doc",
        disable=not show,
        file=stream,
        dynamic_ncols=True,
        postfix=postfix,
    )


def _temporary_path(path: Path) -> Path:
    """A fresh name beside ``path`` for writing it atomically (created with the umask)."""
    return path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:12]}.tmp")


def _drain_quietly(
    runner: _Runner | None, pending: dict[Any, _Chunk], collect: Callable[[set[Any]], None]
) -> None:
    while pending and runner is not None:
        done = runner.wait_first(pending)
        for future in done:
            try:
                collect({future})
            except Exception:  # noqa: S112  (the first error is the one reported)
                continue


def score(
    corpus: ScoreSource,
    *,
    engine: Engine = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | os.PathLike[str] | None = None,
    cache: bool = True,
    progress: bool = True,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    text_column: str = "text",
    id_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip_invalid: bool = False,
    restart: bool = False,
) -> pd.DataFrame:
    """Score every document of ``corpus`` and return the documents × metrics table.

    For corpora too large to hold as one table in memory, use :func:`score_to_parquet`
    (or ``slant score``), which only writes the table.

    Parameters
    ----------
    corpus : Corpus, path or iterable
        The documents to score; see :func:`iter_documents`.
    engine : {"local", "dask"}
        Where to score; see :func:`score_to_parquet`.
    workers : int, optional
        Worker processes (default: every core; ``1`` scores in this process).
    scheduler : str, optional
        A Dask scheduler's address (with ``engine="dask"``).
    out : str or PathLike, optional
        Also keep the table in this Parquet file; a later call with the same ``out``
        reuses it (and resumes an interrupted run).
    cache : bool
        When ``out`` is not given and ``corpus`` is a :class:`Corpus`, keep the table in
        :func:`cache_dir` under :func:`cache_key` and read it on the next call.
    progress : bool
        Show a progress bar on standard error.
    chunk_size, text_column, id_column, max_bytes, skip_invalid, restart
        See :func:`score_to_parquet`.

    Returns
    -------
    DataFrame
        One row per document in corpus order: ``doc_id``, ``n_words``, ``n_sentences``,
        ``n_paragraphs``, then one column per registered metric in registry order. The
        same whatever the engine or the number of workers.
    """
    import pandas as pd  # noqa: PLC0415

    options: dict[str, Any] = {
        "engine": engine,
        "workers": workers,
        "scheduler": scheduler,
        "chunk_size": chunk_size,
        "text_column": text_column,
        "id_column": id_column,
        "max_bytes": max_bytes,
        "skip_invalid": skip_invalid,
        "restart": restart,
        "progress": progress,
    }
    if out is not None:
        score_to_parquet(corpus, out, **options)
        return pd.read_parquet(out, page_checksum_verification=True)
    if cache and isinstance(corpus, Corpus):
        target = cache_dir() / f"{cache_key(corpus)}.parquet"
        try:
            score_to_parquet(corpus, target, **options)
        except _OutputError as exc:  # raised before any document was read
            sys.stderr.write(f"slant: {exc}; scoring without the cache\n")
        else:
            return pd.read_parquet(target, page_checksum_verification=True)
    with tempfile.TemporaryDirectory(prefix="slant-score-") as folder:
        path = Path(folder) / "table.parquet"
        score_to_parquet(corpus, path, **options)
        return pd.read_parquet(path, page_checksum_verification=True)


# --------------------------------------------------------------------------- command line

#: Exit codes of ``slant score``.
EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_INTERRUPTED = 0, 2, 3, 130


def configure_score_parser(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the arguments of ``slant score`` to ``parser`` and return it."""
    parser.add_argument(
        "input",
        metavar="INPUT",
        help="a folder of .txt/.md files, one such file, or a .csv/.tsv/.parquet/.jsonl table",
    )
    parser.add_argument(
        "--out", "-o", required=True, metavar="TABLE.parquet", help="the Parquet table to write"
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="local worker processes (default) or a Dask cluster",
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: every core; 1 scores in this process)",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDR",
        help="address of a running Dask scheduler, e.g. tcp://host:8786 (implies --engine dask)",
    )
    parser.add_argument(
        "--text-column", default="text", metavar="NAME", help="column holding the texts"
    )
    parser.add_argument(
        "--id-column",
        default=None,
        metavar="NAME",
        help="column holding the ids (default: 'id' if present, else row numbers)",
    )
    parser.add_argument(
        "--chunk-size",
        type=positive_int,
        default=DEFAULT_CHUNK_SIZE,
        metavar="N",
        help=f"documents per unit of work (default {DEFAULT_CHUNK_SIZE})",
    )
    parser.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse texts longer than this (default {DEFAULT_MAX_BYTES:,} bytes)",
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="leave out texts that cannot be analysed instead of stopping",
    )
    parser.add_argument(
        "--restart", action="store_true", help="ignore earlier runs and score everything again"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar or notes")
    return parser


def add_score_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``score`` on a CLI's ``add_subparsers()`` object.

    The sub-parser's ``func`` default is :func:`run_score`, so a CLI can dispatch with
    ``return args.func(args)``.
    """
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "score",
        help="score a corpus: a table of every metric for every document",
        description=(
            "Score every document of INPUT and write the documents x metrics table to "
            "--out (Parquet). An interrupted run continues where it stopped when the same "
            "command is run again."
        ),
    )
    configure_score_parser(parser)
    parser.set_defaults(func=run_score)
    return parser


def run_score(args: argparse.Namespace) -> int:
    """Run ``slant score`` with parsed arguments; return the exit code.

    Exit codes: 0 success; 2 usage (bad options); 3 input error (unreadable input, a text
    that cannot be analysed, an unusable output path, an unreachable scheduler); 130
    interrupted (run again to resume). Errors are one line on standard error.
    """
    out = Path(args.out)
    engine: Engine = args.engine or ("dask" if args.scheduler else "local")
    if out.suffix.lower() not in (".parquet", ".pq"):
        _error(f"--out must name a .parquet file, got {str(out)!r}")
        return EXIT_USAGE
    try:
        summary = score_to_parquet(
            args.input,
            out,
            engine=engine,
            workers=args.workers,
            scheduler=args.scheduler,
            chunk_size=args.chunk_size,
            text_column=args.text_column,
            id_column=args.id_column,
            max_bytes=args.max_bytes,
            skip_invalid=args.skip_invalid,
            restart=args.restart,
            progress=not args.quiet,
        )
    except InputError as exc:
        _error(str(exc))
        return EXIT_INPUT
    except (ValueError, ImportError) as exc:
        _error(str(exc))
        return EXIT_USAGE
    except OSError as exc:
        _error(f"{exc.filename or out}: {exc.strerror or exc}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        _error("interrupted; run the same command again to continue where it stopped")
        return EXIT_INTERRUPTED
    if not args.quiet:
        rate = summary.docs_per_second
        speed = f" ({rate:,.0f} documents/s)" if math.isfinite(rate) else ""
        sys.stderr.write(
            f"slant: {summary.n_documents:,} documents in {out} — {summary.n_scored:,} scored "
            f"in {summary.seconds:.1f} s{speed}, {summary.n_reused:,} reused\n"
        )
    return EXIT_OK


def _error(message: str) -> None:
    sys.stderr.write(f"slant score: error: {' '.join(message.split())}\n")


def score_command(argv: Sequence[str] | None = None) -> int:
    """``slant score`` as a stand-alone command: parse ``argv`` and run it.

    Returns the exit code (argparse's usage errors give 2).
    """
    parser = configure_score_parser(
        argparse.ArgumentParser(
            prog="slant score",
            description="Score every document of INPUT into a Parquet table.",
        )
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse reports usage errors by exiting
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return run_score(args)


if __name__ == "__main__":  # pragma: no cover - python -m slant.scale
    sys.exit(score_command())
