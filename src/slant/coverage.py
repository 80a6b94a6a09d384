"""Same-event coverage: the sources manifest, fetching the reports, and loading the cache.

The manifest ``corpus/coverage/sources.csv`` lists real reports of the event the article
discusses — outlet, the site that carried it, group, language, date, headline, URL — and
no text, because the texts are copyrighted. :func:`hydrate` fetches each URL at run time
(through :func:`slant.fetch.fetch_url`, with its limits), pulls the article's text out
with trafilatura, and keeps it in a local cache (``corpus/coverage/cache/``, never
committed) as ``<id>.txt`` with YAML front matter. :func:`load_coverage` reads the cache
back as a :class:`~slant.corpus.Corpus`; without a network it returns an empty corpus
whose description says plainly that the coverage was not fetched.

Cache files and the log are written atomically (a temporary file in the same folder,
flushed to disk, then renamed over the target), so a run that is killed part-way never
leaves a half-written file behind: each text is either complete or absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import yaml

from slant.corpus import (
    DEFAULT_MAX_BYTES,
    Corpus,
    Document,
    InputError,
    load_article,
    sha256_bytes,
    split_header,
)
from slant.fetch import check_url, extract_article, fetch_url
from slant.outputs import atomic_write_bytes

__all__ = [
    "SOURCE_COLUMNS",
    "CoverageStatus",
    "HydrateReport",
    "HydrateResult",
    "Source",
    "coverage_status",
    "default_cache_dir",
    "default_sources_path",
    "hydrate",
    "load_coverage",
    "read_sources",
    "write_atomic",
]

#: The manifest's columns, in order (as in the project's ``sources.csv``).
SOURCE_COLUMNS: Final = (
    "id",
    "outlet",
    "via",
    "group",
    "language",
    "date",
    "headline",
    "url",
    "hybrid_context",
)
#: ``group``: a news agency's copy, a national outlet, or an outlet tied to a state.
GROUPS: Final = ("wire", "national", "state-affiliated")
#: ``hybrid_context``: how much of the hybrid-warfare context a report carries.
HYBRID_CONTEXT: Final = ("yes", "partial", "minimal", "disputed", "no")
LOG_NAME: Final = "hydrate-log.csv"
LOG_COLUMNS: Final = ("id", "url", "status", "reason", "fetched_at")
#: Leftover temporary files older than this (a killed run's) are removed by :func:`hydrate`.
STALE_TEMP_SECONDS: Final = 3600.0
_LANGUAGE_NAMES: Final = {"en": "English", "ru": "Russian", "it": "Italian"}

_SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")

HydrateStatus = Literal["ok", "failed", "skipped"]


@dataclass(frozen=True, slots=True)
class Source:
    """One row of the sources manifest: a real report of the event, as facts.

    Attributes
    ----------
    id : str
        Short stable identifier (also the cache file's name).
    outlet : str
        Who wrote the report (e.g. a news agency).
    via : str or None
        The site that carried it, when it is not the outlet's own.
    group : str
        ``wire``, ``national`` or ``state-affiliated``.
    language : str
        ISO 639-1 code of the report's language.
    date : str or None
        Publication date (ISO), ``None`` when it could not be confirmed.
    headline : str or None
        The headline, ``None`` when it could not be confirmed.
    url : str
        Where the report was published.
    hybrid_context : str
        How much of the hybrid-warfare context it carries (``yes`` … ``no``).
    """

    id: str
    outlet: str
    via: str | None
    group: str
    language: str
    date: str | None
    headline: str | None
    url: str
    hybrid_context: str

    @property
    def label(self) -> str:
        """The outlet, with the carrying site if any: ``"Reuters via The Straits Times"``."""
        return f"{self.outlet} via {self.via}" if self.via else self.outlet


@dataclass(frozen=True, slots=True)
class HydrateResult:
    """What happened to one source in a :func:`hydrate` run (one row of the log)."""

    id: str
    url: str
    status: HydrateStatus
    reason: str
    fetched_at: str
    path: str | None


@dataclass(frozen=True, slots=True)
class HydrateReport:
    """The outcome of :func:`hydrate`.

    Attributes
    ----------
    results : tuple[HydrateResult, ...]
        One per source, in manifest order.
    cache_dir : str
        The cache folder.
    log_path : str
        The CSV log of this run.
    """

    results: tuple[HydrateResult, ...]
    cache_dir: str
    log_path: str

    def _count(self, status: HydrateStatus) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def n_ok(self) -> int:
        """Sources fetched in this run."""
        return self._count("ok")

    @property
    def n_failed(self) -> int:
        """Sources that could not be fetched or read."""
        return self._count("failed")

    @property
    def n_skipped(self) -> int:
        """Sources already in the cache, not fetched again."""
        return self._count("skipped")

    @property
    def failed(self) -> tuple[HydrateResult, ...]:
        """The failures, with their reasons."""
        return tuple(result for result in self.results if result.status == "failed")

    @property
    def summary(self) -> str:
        """One sentence for a person: how many fetched, skipped and failed, and the log."""
        return (
            f"Fetched {self.n_ok}, skipped {self.n_skipped} already in the cache, "
            f"{self.n_failed} failed, of {len(self.results)} sources (log: {self.log_path})."
        )


@dataclass(frozen=True, slots=True)
class CoverageStatus:
    """How much same-event coverage is in the cache, in numbers and in one sentence.

    Attributes
    ----------
    available : bool
        At least one report of the requested language is cached.
    n_cached, n_sources : int
        Cached reports, and reports in the manifest, of that language.
    language : str or None
        The language asked for (``None``: all).
    missing : tuple[str, ...]
        Ids of the manifest's reports that are not cached.
    cache_dir : str
        The cache folder looked in.
    message : str
        A plain sentence for notebooks and captions.
    """

    available: bool
    n_cached: int
    n_sources: int
    language: str | None
    missing: tuple[str, ...]
    cache_dir: str
    message: str


# --------------------------------------------------------------------------- paths


def default_sources_path() -> Path:
    """The project's manifest, ``corpus/coverage/sources.csv``."""
    from slant.paths import project_root  # noqa: PLC0415  (walks the file system)

    return project_root() / "corpus" / "coverage" / "sources.csv"


COVERAGE_CACHE_ENV = "SLANT_COVERAGE_CACHE"


def default_cache_dir() -> Path:
    """The cache of fetched texts: ``$SLANT_COVERAGE_CACHE`` or ``corpus/coverage/cache/``.

    The folder is git-ignored. ``make verify`` points the variable at an empty folder so
    that the committed results (made offline) can be reproduced on a machine that has
    fetched coverage.
    """
    from slant.paths import project_root  # noqa: PLC0415

    override = os.environ.get(COVERAGE_CACHE_ENV)
    if override:
        return Path(override)
    return project_root() / "corpus" / "coverage" / "cache"


# --------------------------------------------------------------------------- manifest


def _row_error(path: Path, line: int, problem: str) -> InputError:
    return InputError(f"{path}, line {line}: {problem}; fix the sources manifest")


def _parse_source(row: dict[str | None, str | list[str] | None], path: Path, line: int) -> Source:
    if None in row:
        raise _row_error(path, line, "more fields than columns (an unquoted comma?)")
    cells = {
        str(key): value.strip() if isinstance(value, str) else ""
        for key, value in row.items()
        if key is not None
    }
    if any(row.get(column) is None for column in SOURCE_COLUMNS):
        raise _row_error(path, line, "fewer fields than columns")
    source_id = str(cells["id"])
    if not _SOURCE_ID.fullmatch(source_id):
        problem = f"id {source_id!r} must be lower-case letters, digits, '.', '_' or '-'"
        raise _row_error(path, line, problem)
    if not cells["outlet"]:
        raise _row_error(path, line, f"source {source_id} has no outlet")
    if cells["group"] not in GROUPS:
        problem = f"group {cells['group']!r} is not one of {', '.join(GROUPS)}"
        raise _row_error(path, line, problem)
    if cells["hybrid_context"] not in HYBRID_CONTEXT:
        problem = f"hybrid_context {cells['hybrid_context']!r} is not one of " + ", ".join(
            HYBRID_CONTEXT
        )
        raise _row_error(path, line, problem)
    if not _LANGUAGE_CODE.fullmatch(cells["language"]):
        problem = f"language {cells['language']!r} is not a lower-case ISO 639 code like 'en'"
        raise _row_error(path, line, problem)
    date = cells["date"] or None
    if date is not None:
        try:
            date = dt.date.fromisoformat(date).isoformat()
        except ValueError:
            problem = f"date {date!r} is not written YYYY-MM-DD (leave it empty if unknown)"
            raise _row_error(path, line, problem) from None
    try:
        url = check_url(cells["url"])
    except InputError as exc:
        raise _row_error(path, line, str(exc)) from None
    return Source(
        id=source_id,
        outlet=cells["outlet"],
        via=cells["via"] or None,
        group=cells["group"],
        language=cells["language"],
        date=date,
        headline=cells["headline"] or None,
        url=url,
        hybrid_context=cells["hybrid_context"],
    )


def read_sources(path: str | Path | None = None) -> list[Source]:
    """Read and check the sources manifest.

    Parameters
    ----------
    path : str or Path, optional
        A CSV with the columns :data:`SOURCE_COLUMNS`; default the project's
        ``corpus/coverage/sources.csv``.

    Returns
    -------
    list[Source]
        In file order.

    Raises
    ------
    InputError
        A missing or unreadable file, missing or unknown columns, no rows, a repeated id,
        or a row whose id, group, language, date, URL or hybrid_context is not valid; the
        message names the file and line.
    """
    manifest = Path(path) if path is not None else default_sources_path()
    try:
        content = manifest.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        msg = f"{manifest}: no such sources manifest; give the path to sources.csv"
        raise InputError(msg) from None
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"{manifest}: cannot be read as UTF-8 text ({type(exc).__name__}); check the file"
        raise InputError(msg) from None
    reader = csv.DictReader(io.StringIO(content, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [column for column in SOURCE_COLUMNS if column not in header]
    unknown = [column for column in header if column not in SOURCE_COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        msg = f"{manifest}: {'; '.join(parts)}; the header must be {','.join(SOURCE_COLUMNS)}"
        raise InputError(msg)
    reader.fieldnames = header
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        source = _parse_source(dict(row), manifest, line)
        if source.id in seen:
            msg = f"id {source.id!r} is used twice (also on line {seen[source.id]})"
            raise _row_error(manifest, line, msg)
        seen[source.id] = line
        sources.append(source)
    if not sources:
        msg = f"{manifest}: the sources manifest has a header but no rows; add sources"
        raise InputError(msg)
    return sources


# --------------------------------------------------------------------------- atomic files


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` is always either the old file or the new.

    See :func:`slant.outputs.atomic_write_bytes`: a hidden temporary file in the same
    folder (``.<name>-<random>.tmp``), flushed and fsync-ed, renamed over ``path``, and the
    folder fsync-ed so that the rename survives a power cut.
    """
    atomic_write_bytes(Path(path), data)


def _remove_stale_temps(folder: Path) -> None:
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in folder.glob(".*.tmp"):
        try:
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            continue


# --------------------------------------------------------------------------- hydrate


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _front_matter(fields: dict[str, str | None]) -> str:
    dumped = yaml.safe_dump(
        fields, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False
    )
    return f"---\n{dumped}---\n"


def _cached_fetched_at(path: Path) -> str:
    """The ``fetched_at`` recorded in a cached file's front matter, or ``""``."""
    try:
        raw = path.read_text(encoding="utf-8")
        _offset, meta = split_header(raw, str(path))
    except (OSError, UnicodeDecodeError, InputError):
        return ""
    return str(meta.get("fetched_at") or "")


def _write_log(path: Path, results: Sequence[HydrateResult]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LOG_COLUMNS)
    for result in results:
        writer.writerow((result.id, result.url, result.status, result.reason, result.fetched_at))
    try:
        write_atomic(path, buffer.getvalue().encode("utf-8"))
    except OSError as exc:
        msg = f"{path}: cannot write the hydrate log ({exc.strerror or exc}); check the folder"
        raise InputError(msg) from None


def _fetch_one(
    source: Source,
    target: Path,
    *,
    timeout: float,
    max_bytes: int,
    retries: int,
    backoff: float,
    allow_private: bool,
) -> HydrateResult:
    fetched_at = _utc_now()
    try:
        fetched = fetch_url(
            source.url,
            timeout=timeout,
            max_bytes=max_bytes,
            allow_private=allow_private,
            retries=retries,
            backoff=backoff,
        )
        extracted = extract_article(
            fetched.body,
            fetched.final_url,
            content_type=fetched.content_type,
            charset=fetched.charset,
        )
    except InputError as exc:
        return HydrateResult(source.id, source.url, "failed", str(exc), fetched_at, None)
    fields: dict[str, str | None] = {
        "id": source.id,
        "title": source.headline or extracted.title,
        "date": source.date or extracted.date,
        "url": source.url,
        "final_url": fetched.final_url if fetched.final_url != source.url else None,
        "source": source.label,
        "outlet": source.outlet,
        "via": source.via,
        "group": source.group,
        "language": source.language,
        "hybrid_context": source.hybrid_context,
        "fetched_at": fetched_at,
        "content_type": fetched.content_type or None,
        "sha256": sha256_bytes(fetched.body),
    }
    text = extracted.text.strip() + "\n"
    document = _front_matter({k: v for k, v in fields.items() if v is not None}) + text
    try:
        write_atomic(target, document.encode("utf-8"))
    except OSError as exc:
        reason = f"{target}: could not be written ({exc.strerror or exc}); check the folder"
        return HydrateResult(source.id, source.url, "failed", reason, fetched_at, None)
    return HydrateResult(source.id, source.url, "ok", "", fetched_at, str(target))


def hydrate(
    sources: Sequence[Source] | None = None,
    cache_dir: str | Path | None = None,
    *,
    timeout: float = 20.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    retries: int = 2,
    backoff: float = 0.5,
    allow_private: bool = False,
    refresh: bool = False,
    progress: bool = True,
) -> HydrateReport:
    """Fetch the same-event reports into the local cache, one text file per source.

    Each source's page is fetched with :func:`slant.fetch.fetch_url`, its text extracted
    with :func:`slant.fetch.extract_article`, and written at once to
    ``<cache_dir>/<id>.txt`` with YAML front matter (title, date, url, outlet, via, group,
    language, hybrid_context, fetched_at, and the sha256 of the bytes fetched). A source
    that fails is logged and the run goes on, so nothing fetched is lost. The log of the
    run, ``<cache_dir>/hydrate-log.csv`` (id, url, status ``ok``/``failed``/``skipped``,
    reason, fetched_at), is rewritten after every source. Both are written atomically.

    Parameters
    ----------
    sources : sequence of Source, optional
        Default: :func:`read_sources` of the project's manifest.
    cache_dir : str or Path, optional
        Default: :func:`default_cache_dir`; created if missing.
    timeout, max_bytes, retries, backoff, allow_private
        Passed to :func:`slant.fetch.fetch_url` for each source.
    refresh : bool
        Fetch sources that are already cached again (a failed refetch keeps the old copy).
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    HydrateReport
    """
    from tqdm import tqdm  # noqa: PLC0415  (only needed when fetching; text bar on stderr)

    chosen = list(read_sources() if sources is None else sources)
    unsafe = [source.id for source in chosen if not _SOURCE_ID.fullmatch(source.id)]
    if unsafe:
        names = ", ".join(map(repr, unsafe))
        msg = f"source id(s) {names} cannot name a cache file; use a-z, 0-9, '.', '_' and '-'"
        raise InputError(msg)
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{folder}: cannot create the cache folder ({exc.strerror or exc}); check the path"
        raise InputError(msg) from None
    _remove_stale_temps(folder)
    log_path = folder / LOG_NAME
    results: list[HydrateResult] = []
    with tqdm(
        total=len(chosen),
        desc="Fetching coverage",
        unit="source",
        file=sys.stderr,
        disable=not progress,
    ) as bar:
        try:
            for source in chosen:
                bar.set_postfix_str(source.id, refresh=False)
                target = folder / f"{source.id}.txt"
                if target.is_file() and not refresh:
                    reason = "already in the cache (refresh=True fetches it again)"
                    fetched_at = _cached_fetched_at(target)
                    result = HydrateResult(
                        source.id, source.url, "skipped", reason, fetched_at, str(target)
                    )
                else:
                    result = _fetch_one(
                        source,
                        target,
                        timeout=timeout,
                        max_bytes=max_bytes,
                        retries=retries,
                        backoff=backoff,
                        allow_private=allow_private,
                    )
                results.append(result)
                _write_log(log_path, results)
                bar.update(1)
        finally:
            # an interrupted run (Ctrl-C) still leaves a log of what was done
            _write_log(log_path, results)
    return HydrateReport(tuple(results), str(folder), str(log_path))


# --------------------------------------------------------------------------- loading


def _language_label(language: str | None) -> str:
    if language is None:
        return ""
    return _LANGUAGE_NAMES.get(language, f"'{language}'-language") + " "


def coverage_status(
    cache_dir: str | Path | None = None,
    language: str | None = "en",
    *,
    sources: Sequence[Source] | None = None,
) -> CoverageStatus:
    """Say how many of the manifest's reports are in the cache, without reading them.

    Parameters
    ----------
    cache_dir : str or Path, optional
        Default: :func:`default_cache_dir`.
    language : str or None
        Only count reports in this language (default English); ``None`` counts all.
    sources : sequence of Source, optional
        Default: :func:`read_sources` of the project's manifest.
    """
    chosen = [
        source
        for source in (read_sources() if sources is None else sources)
        if language is None or source.language == language
    ]
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    cached = [source.id for source in chosen if (folder / f"{source.id}.txt").is_file()]
    missing = tuple(source.id for source in chosen if source.id not in cached)
    label = _language_label(language)
    if not chosen:
        message = f"The sources manifest lists no {label}reports, so there is no coverage to load."
    elif not cached:
        message = (
            "Same-event coverage was not fetched (no network, or `slant hydrate` not run "
            f"yet): 0 of {len(chosen)} {label}sources in the cache."
        )
    elif missing:
        message = (
            f"Same-event coverage: {len(cached)} of {len(chosen)} {label}sources in the "
            f"cache (not fetched: {', '.join(missing)})."
        )
    else:
        message = f"Same-event coverage: all {len(chosen)} {label}sources in the cache."
    return CoverageStatus(
        available=bool(cached),
        n_cached=len(cached),
        n_sources=len(chosen),
        language=language,
        missing=missing,
        cache_dir=str(folder),
        message=message,
    )


def load_coverage(
    cache_dir: str | Path | None = None,
    language: str | None = "en",
    *,
    sources: Sequence[Source] | None = None,
) -> Corpus:
    """The cached same-event reports as a corpus of ``coverage`` documents.

    Never fails for want of a network: when nothing is cached the corpus is empty and its
    ``description`` is the sentence from :func:`coverage_status` saying that coverage was
    not fetched. A cached file that cannot be read is left out and named in the
    description.

    Parameters
    ----------
    cache_dir : str or Path, optional
        Default: :func:`default_cache_dir`.
    language : str or None
        Only reports in this language (default English); ``None`` for all.
    sources : sequence of Source, optional
        Default: :func:`read_sources` of the project's manifest; gives the order and the
        ids to look for.

    Returns
    -------
    Corpus
        Named ``"coverage"``, in manifest order.
    """
    chosen = list(read_sources() if sources is None else sources)
    status = coverage_status(cache_dir, language, sources=chosen)
    folder = Path(status.cache_dir)
    documents: list[Document] = []
    unreadable: list[str] = []
    for source in chosen:
        if language is not None and source.language != language:
            continue
        path = folder / f"{source.id}.txt"
        if not path.is_file():
            continue
        try:
            documents.append(load_article(path, kind="coverage", id=source.id))
        except InputError as exc:
            unreadable.append(f"{path.name} ({exc})")
    description = status.message
    if unreadable:
        description += f" Left out, could not be read: {'; '.join(unreadable)}."
    return Corpus(name="coverage", description=description, documents=tuple(documents))
