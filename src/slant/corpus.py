"""Documents and corpora: loading texts with their provenance, and refusing bad input clearly.

A :class:`Document` keeps the exact bytes it was made from (``raw``) and the text slant
analyses (``text``), which is ``raw`` with any metadata header removed and nothing else
changed, so every offset into ``text`` points at the characters the author wrote.

Accepted inputs
---------------
- plain ``.txt`` / ``.md`` files, UTF-8 (a byte-order mark is allowed);
- a one-line metadata prefix as in the seed article, ``" date 2025-12-01 Every day…"``;
- YAML front matter between ``---`` lines (``title``, ``date``, ``source``, ``url``,
  ``language``);
- an optional sidecar ``<file>.meta.yaml`` with the same keys plus ``sha256``: when the
  sidecar names a hash, the loader checks it and refuses a file that has changed.

Bad input raises :class:`InputError`, whose message is one line naming the input and
saying what to do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import yaml

DocumentKind = Literal["article", "control", "coverage", "baseline"]
DOCUMENT_KINDS: tuple[DocumentKind, ...] = ("article", "control", "coverage", "baseline")

#: Default size limit for one input text, in bytes (2 MB). Long enough for any news or
#: opinion article (the seed is about 6 kB); small enough that a mistaken input (a book,
#: a database dump) is refused before any work.
DEFAULT_MAX_BYTES = 2_000_000

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")

_PREFIX_DATE = re.compile(r"\A[ \t\ufeff]*date[ \t]*:?[ \t]*(\d{4}-\d{2}-\d{2})[ \t]+")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_META_KEYS = ("title", "date", "source", "url", "language", "sha256", "id", "kind")


class InputError(ValueError):
    """An input that slant cannot analyse; the message is one line saying what to do."""


@dataclass(frozen=True, slots=True)
class Document:
    """One text with its provenance. Immutable.

    Attributes
    ----------
    id : str
        Stable identifier (file stem, or the id given).
    text : str
        The text slant analyses: ``raw`` minus any metadata header, otherwise exact.
    raw : str
        The exact text as received (decoded), kept for provenance.
    text_offset : int
        Where ``text`` starts inside ``raw`` (``raw[text_offset:] == text``).
    kind : DocumentKind
        ``article``, ``control``, ``coverage`` or ``baseline``.
    sha256 : str
        SHA-256 of the exact bytes received (of ``raw`` encoded as UTF-8 for pasted text).
    title, date, source, url, language : str or None
        Metadata, ``None`` when not given. ``date`` is ISO ``YYYY-MM-DD``.
    path : str or None
        The file the text was read from, if any.
    meta : Mapping[str, str]
        Any further metadata (read-only).
    """

    id: str
    text: str
    raw: str
    text_offset: int = 0
    kind: DocumentKind = "article"
    sha256: str = ""
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    path: str | None = None
    meta: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def n_chars(self) -> int:
        """Length of the analysed text in characters."""
        return len(self.text)


@dataclass(frozen=True, slots=True)
class Corpus:
    """A named, ordered collection of documents (e.g. a baseline).

    Attributes
    ----------
    name : str
        Short name used in charts and tables (``"lee"``, ``"control"``, a folder name).
    description : str
        One line saying what the documents are, for captions.
    documents : tuple[Document, ...]
        The documents, in a stable order.
    """

    name: str
    description: str
    documents: tuple[Document, ...]

    def __len__(self) -> int:
        """Number of documents."""
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        """Iterate over the documents in order."""
        return iter(self.documents)

    @property
    def sha256(self) -> str:
        """A hash of the corpus: the ordered ids and per-document hashes."""
        digest = hashlib.sha256()
        for doc in self.documents:
            digest.update(doc.id.encode("utf-8") + b"\0" + doc.sha256.encode("ascii") + b"\n")
        return digest.hexdigest()


# --------------------------------------------------------------------------- helpers


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def _check_size(n_bytes: int, max_bytes: int, name: str, *, at_least: bool = False) -> None:
    """Refuse ``n_bytes`` over ``max_bytes``; ``at_least`` when reading stopped at the cap."""
    if max_bytes <= 0:
        msg = f"max_bytes must be positive, got {max_bytes}"
        raise ValueError(msg)
    if n_bytes > max_bytes:
        size = "" if at_least else f"{n_bytes:,} bytes is "
        stopped = " (reading stopped there)" if at_least else ""
        msg = (
            f"{name}: {size}over the size limit of {max_bytes:,} bytes{stopped}; "
            "split the text or raise the limit (max_bytes / --max-bytes)"
        )
        raise InputError(msg)


def _looks_binary(data: bytes) -> str | None:
    """Return a short description if ``data`` looks like a binary file, else None."""
    head = data[:8192]
    signatures = {
        b"%PDF": "a PDF file",
        b"PK\x03\x04": "a ZIP archive (e.g. .docx or .epub)",
        b"\x89PNG": "a PNG image",
        b"\xff\xd8\xff": "a JPEG image",
        b"GIF8": "a GIF image",
        b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
        b"\x1f\x8b": "a gzip archive",
    }
    for magic, what in signatures.items():
        if head.startswith(magic):
            return what
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return "binary data (it contains NUL bytes)"
    return None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode ``data`` as UTF-8 (BOM allowed) or raise :class:`InputError` saying why not.

    Parameters
    ----------
    data : bytes
        The bytes received.
    name : str
        How to name the input in an error message (a path, ``<stdin>``, a URL).
    """
    binary = _looks_binary(data)
    if binary is not None:
        msg = f"{name}: this looks like {binary}, not text; save it as plain UTF-8 text first"
        raise InputError(msg)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        hint = f"it looks like {guess}" if guess else "its encoding could not be recognised"
        msg = (
            f"{name}: not valid UTF-8 (byte {exc.start}); {hint}; "
            f"convert it, e.g. iconv -f {guess or 'ENCODING'} -t UTF-8"
        )
        raise InputError(msg) from None


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # noqa: PLC0415  (only needed on error)

    best = from_bytes(data[:65536]).best()
    if best is None:
        return None
    return str(best.encoding)


def _check_has_letters(text: str, name: str) -> None:
    if not text.strip():
        msg = f"{name}: the text is empty (or only whitespace); give a file with the article's text"
        raise InputError(msg)
    if not any(unicodedata.category(ch).startswith("L") for ch in text):
        msg = f"{name}: the text contains no letters; check that this is the article you meant"
        raise InputError(msg)


def _iso_date(value: Any, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        msg = f"{name}: date {text!r} is not an ISO date; write it as YYYY-MM-DD"
        raise InputError(msg) from None


def split_header(raw: str, name: str = "<text>") -> tuple[int, dict[str, Any]]:
    """Find a metadata header at the start of ``raw``.

    Recognises YAML front matter (``---`` … ``---``) and the one-line prefix
    ``date YYYY-MM-DD`` used by the seed article.

    Returns
    -------
    (offset, meta)
        ``raw[offset:]`` is the analysed text; ``meta`` holds the header's fields.
    """
    match = _FRONT_MATTER.match(raw)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            where = f" (line {line + 2})" if isinstance(line, int) else ""
            msg = f"{name}: the front matter between '---' lines is not valid YAML{where}"
            raise InputError(msg) from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            msg = f"{name}: the front matter must be 'key: value' lines"
            raise InputError(msg)
        return match.end(), {str(k): v for k, v in loaded.items()}
    match = _PREFIX_DATE.match(raw)
    if match:
        return match.end(), {"date": match.group(1)}
    return 0, {}


def _read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = path.with_name(path.name + ".meta.yaml")
    if not sidecar.is_file():
        return {}
    try:
        loaded = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        msg = f"{sidecar}: the metadata sidecar is not valid UTF-8 YAML; fix or delete it"
        raise InputError(msg) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        msg = f"{sidecar}: the metadata sidecar must be 'key: value' lines"
        raise InputError(msg)
    return {str(k): v for k, v in loaded.items()}


def _build(
    raw: str,
    *,
    name: str,
    doc_id: str,
    kind: DocumentKind,
    digest: str,
    meta: Mapping[str, Any],
    path: str | None,
) -> Document:
    if kind not in DOCUMENT_KINDS:
        msg = f"unknown document kind {kind!r}; use one of {', '.join(DOCUMENT_KINDS)}"
        raise ValueError(msg)
    offset, header = split_header(raw, name)
    merged: dict[str, Any] = {**header, **{k: v for k, v in meta.items() if v is not None}}
    text = raw[offset:]
    _check_has_letters(text, name)

    def opt(key: str) -> str | None:
        value = merged.get(key)
        return None if value is None or value == "" else str(value)

    extra = {
        str(k): str(v) for k, v in sorted(merged.items()) if k not in _META_KEYS and v is not None
    }
    return Document(
        id=doc_id,
        text=text,
        raw=raw,
        text_offset=offset,
        kind=kind,
        sha256=digest,
        title=opt("title"),
        date=_iso_date(merged.get("date"), name),
        source=opt("source"),
        url=opt("url"),
        language=opt("language"),
        path=path,
        meta=MappingProxyType(extra),
    )


# --------------------------------------------------------------------------- public API


def read_text(
    text: str,
    *,
    id: str = "text",
    kind: DocumentKind = "article",
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Document:
    """Make a :class:`Document` from a string (pasted text, standard input, a fetched page).

    A metadata header (front matter or ``date YYYY-MM-DD`` prefix) is parsed and removed
    from the analysed text exactly as :func:`load_article` does. Keyword metadata wins
    over the header.

    Raises
    ------
    InputError
        Empty or whitespace-only text, no letters, over ``max_bytes``, bad header.
    """
    label = name or f"<{id}>"
    given: object = text  # callers without type checking may pass bytes
    if not isinstance(given, str):
        msg = f"{label}: expected a str, got {type(given).__name__}; decode bytes first"
        raise TypeError(msg)
    data = text.encode("utf-8", errors="surrogatepass")
    _check_size(len(data), max_bytes, label)
    meta = {"title": title, "date": date, "source": source, "url": url, "language": language}
    return _build(
        text.removeprefix("\ufeff"),
        name=label,
        doc_id=id,
        kind=kind,
        digest=sha256_bytes(data),
        meta=meta,
        path=None,
    )


def load_article(
    path: str | Path,
    *,
    kind: DocumentKind = "article",
    max_bytes: int = DEFAULT_MAX_BYTES,
    id: str | None = None,
) -> Document:
    """Load one article from a ``.txt`` or ``.md`` file.

    Parameters
    ----------
    path : str or Path
        The file. A sidecar ``<path>.meta.yaml`` supplies metadata and a sha256 to check.
    kind : DocumentKind
        What the text is (``article`` by default).
    max_bytes : int
        Refuse files larger than this (checked before reading).
    id : str, optional
        Identifier; defaults to the file name without its suffix.

    Raises
    ------
    InputError
        Missing file, a directory, empty/whitespace-only text, binary or non-UTF-8 bytes
        (the message names the encoding detected), over the size limit, no letters, or a
        hash that does not match the sidecar.
    """
    p = Path(path)
    if not p.exists():
        msg = f"{p}: no such file; check the path (relative paths start at {Path.cwd()})"
        raise InputError(msg)
    if p.is_dir():
        msg = f"{p}: is a folder, not a file; give one article file (or use it as --baseline)"
        raise InputError(msg)
    try:
        size = p.stat().st_size
        _check_size(size, max_bytes, str(p))
        with p.open("rb") as handle:
            # never more than one byte past the limit: a pipe or a device such as
            # /dev/zero reports size 0 and would otherwise be read until memory runs out
            data = handle.read(max_bytes + 1)
    except PermissionError:
        msg = f"{p}: permission denied; check the file's permissions"
        raise InputError(msg) from None
    except OSError as exc:
        msg = f"{p}: cannot be read ({exc.strerror or exc}); check the file"
        raise InputError(msg) from None
    _check_size(len(data), max_bytes, str(p), at_least=True)
    raw = decode_bytes(data, str(p))
    digest = sha256_bytes(data)
    sidecar = _read_sidecar(p)
    expected = sidecar.pop("sha256", None)
    if expected is not None and str(expected).lower() != digest:
        msg = (
            f"{p}: its sha256 {digest[:12]}… does not match the datasheet's "
            f"{str(expected)[:12]}…; the file was changed — restore the original"
        )
        raise InputError(msg)
    return _build(
        raw,
        name=str(p),
        doc_id=id or p.name.split(".")[0],
        kind=kind,
        digest=digest,
        meta=sidecar,
        path=str(p),
    )


def load_folder(
    folder: str | Path,
    *,
    kind: DocumentKind = "baseline",
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
    description: str | None = None,
) -> Corpus:
    """Load every ``.txt`` / ``.md`` file in ``folder`` (sorted by name) as a corpus.

    Raises
    ------
    InputError
        The folder is missing, is a file, or holds no text files. Errors in one file name
        that file.
    """
    root = Path(folder)
    if not root.exists():
        msg = f"{root}: no such folder; give a folder of .txt or .md files"
        raise InputError(msg)
    if not root.is_dir():
        msg = f"{root}: is a file, not a folder; give a folder of .txt or .md files"
        raise InputError(msg)
    files = sorted(p for p in root.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    if not files:
        msg = f"{root}: holds no .txt or .md files; put one article per file in it"
        raise InputError(msg)
    docs = tuple(load_article(p, kind=kind, max_bytes=max_bytes) for p in files)
    return Corpus(
        name=name or root.name,
        description=description or f"{len(docs)} texts from the folder {root.name}",
        documents=docs,
    )


def corpus_from_texts(
    texts: Iterable[str] | Sequence[str],
    *,
    name: str,
    description: str,
    kind: DocumentKind = "baseline",
    id_prefix: str | None = None,
) -> Corpus:
    """Make a corpus from strings, with ids ``<prefix>-000``, ``<prefix>-001``, …."""
    prefix = id_prefix or name
    docs = tuple(read_text(t, id=f"{prefix}-{i:03d}", kind=kind) for i, t in enumerate(texts))
    return Corpus(name=name, description=description, documents=docs)
