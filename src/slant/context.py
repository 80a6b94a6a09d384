"""Key-facts checklist: which facts of the event a text mentions, with the evidence.

The checklist lives in ``corpus/coverage/facts.yaml``: each fact of the event that neutral
reports carry, in one line, with the regular expressions that show a text mentions it.
:func:`check_facts` runs every pattern over the text exactly as received and returns, per
fact, whether it is mentioned and where (``text[start:end]`` is each matching span).

A match means the text *mentions* the fact. It does not mean the text reports it
faithfully (a text can name the legal question and misstate it), and a miss means only
that none of the listed wordings occurs; read the spans before drawing a conclusion.

This module imports nothing from slant except :mod:`slant.text` and :mod:`slant.paths`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from slant.paths import project_root
from slant.text import ParsedDocument

if TYPE_CHECKING:
    import pandas as pd

#: Where the checklist sits inside the project.
FACTS_RELATIVE_PATH = ("corpus", "coverage", "facts.yaml")

#: Every pattern is matched case-insensitively; a pattern can switch this off locally
#: with ``(?-i:...)`` (e.g. ``(?-i:\bFT\b)`` so that "ft" for feet does not count).
PATTERN_FLAGS = re.IGNORECASE

_ID = re.compile(r"[a-z][a-z0-9_]*")
_REQUIRED_KEYS = ("id", "statement", "patterns", "source")
_OPTIONAL_KEYS = ("note",)

#: Column order of :func:`facts_table`.
TABLE_COLUMNS = (
    "text_id",
    "fact_id",
    "statement",
    "mentioned",
    "n_matches",
    "first_match",
    "first_start",
    "first_end",
)


@dataclass(frozen=True, slots=True)
class Fact:
    """One key fact of the event and the wordings that show a text mentions it.

    Attributes
    ----------
    id : str
        Stable ``snake_case`` name.
    statement : str
        The fact in one line.
    patterns : tuple of re.Pattern
        Compiled with :data:`PATTERN_FLAGS`; any match counts as a mention.
    source : str
        Where the fact comes from (section of the event facts, reports carrying it).
    note : str
        Why the patterns look the way they do; may be empty.
    """

    id: str
    statement: str
    patterns: tuple[re.Pattern[str], ...]
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class FactMatch:
    """One span of the text that matched a fact's pattern.

    ``start``/``end`` are offsets into the checked text; ``text`` is ``text[start:end]``;
    ``pattern`` is the source of the regular expression that matched.
    """

    start: int
    end: int
    text: str
    pattern: str


@dataclass(frozen=True, slots=True)
class FactResult:
    """Whether one fact is mentioned in one text, with every matching span in order."""

    fact: Fact
    matches: tuple[FactMatch, ...]

    @property
    def mentioned(self) -> bool:
        """True when at least one pattern matched."""
        return bool(self.matches)

    @property
    def n_matches(self) -> int:
        """Number of distinct matching spans."""
        return len(self.matches)


@dataclass(frozen=True, slots=True)
class FactsReport:
    """The checklist applied to one text.

    Attributes
    ----------
    text_id : str
        Name of the text in tables.
    text : str
        The checked text; every match's offsets point into it.
    results : tuple of FactResult
        One per fact, in the checklist's order.
    """

    text_id: str
    text: str
    results: tuple[FactResult, ...]

    @property
    def mentioned_ids(self) -> tuple[str, ...]:
        """Ids of the facts the text mentions, in checklist order."""
        return tuple(r.fact.id for r in self.results if r.mentioned)

    @property
    def missing_ids(self) -> tuple[str, ...]:
        """Ids of the facts the text does not mention, in checklist order."""
        return tuple(r.fact.id for r in self.results if not r.mentioned)


# --------------------------------------------------------------------------- loading


def default_facts_path() -> Path:
    """The project's checklist, ``corpus/coverage/facts.yaml`` under the project root."""
    return project_root().joinpath(*FACTS_RELATIVE_PATH)


def _fail(path: Path, problem: str) -> ValueError:
    return ValueError(f"{path}: {problem}")


def _compile(path: Path, fact_id: str, source: object) -> re.Pattern[str]:
    if not isinstance(source, str) or not source:
        raise _fail(path, f"fact {fact_id!r}: every pattern must be a non-empty string")
    try:
        pattern = re.compile(source, PATTERN_FLAGS)
    except re.error as exc:
        raise _fail(
            path, f"fact {fact_id!r}: invalid regular expression {source!r} ({exc})"
        ) from None
    if pattern.fullmatch("") is not None:
        raise _fail(path, f"fact {fact_id!r}: pattern {source!r} matches the empty string")
    return pattern


def _text_field(path: Path, entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (key in _REQUIRED_KEYS and not value.strip()):
        raise _fail(path, f"{where}: {key!r} must be a non-empty string")
    return " ".join(value.split())


def _parse_fact(path: Path, entry: object, position: int) -> Fact:
    where = f"fact #{position + 1}"
    if not isinstance(entry, dict):
        raise _fail(path, f"{where} must be a mapping with keys {', '.join(_REQUIRED_KEYS)}")
    unknown = sorted(str(k) for k in entry if k not in _REQUIRED_KEYS + _OPTIONAL_KEYS)
    if unknown:
        raise _fail(path, f"{where}: unknown key(s) {', '.join(unknown)}")
    fact_id = _text_field(path, entry, "id", where)
    if not _ID.fullmatch(fact_id):
        raise _fail(path, f"{where}: id {fact_id!r} must be snake_case (a-z, 0-9, _)")
    where = f"fact {fact_id!r}"
    patterns = entry.get("patterns")
    if not isinstance(patterns, list) or not patterns:
        raise _fail(path, f"{where}: 'patterns' must be a non-empty list of regular expressions")
    return Fact(
        id=fact_id,
        statement=_text_field(path, entry, "statement", where),
        patterns=tuple(_compile(path, fact_id, p) for p in patterns),
        source=_text_field(path, entry, "source", where),
        note=_text_field(path, entry, "note", where),
    )


@cache
def _load_cached(path: Path, mtime_ns: int, size: int) -> tuple[Fact, ...]:
    del mtime_ns, size  # part of the cache key only: an edited file is read again
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" near line {mark.line + 1}" if mark is not None else ""
        raise _fail(path, f"not valid YAML{line}; fix the file") from None
    except UnicodeDecodeError:
        raise _fail(path, "not valid UTF-8; save it as UTF-8") from None
    facts_list = loaded.get("facts") if isinstance(loaded, dict) else None
    if not isinstance(facts_list, list) or not facts_list:
        raise _fail(path, "expected a mapping with a non-empty list under 'facts:'")
    facts = tuple(_parse_fact(path, entry, i) for i, entry in enumerate(facts_list))
    seen: set[str] = set()
    for fact in facts:
        if fact.id in seen:
            raise _fail(path, f"fact id {fact.id!r} appears more than once")
        seen.add(fact.id)
    return facts


def load_facts(path: str | Path | None = None) -> list[Fact]:
    """Read and validate a key-facts checklist.

    Parameters
    ----------
    path : str or Path, optional
        A facts YAML file; defaults to :func:`default_facts_path` (the project's
        ``corpus/coverage/facts.yaml``). The file is parsed once and cached until it
        changes on disk.

    Returns
    -------
    list of Fact
        In the file's order.

    Raises
    ------
    FileNotFoundError
        The file does not exist.
    ValueError
        The file is not valid YAML, lacks a ``facts:`` list, has a fact with a missing,
        empty or unknown key, a repeated or malformed id, or a pattern that is not a valid
        regular expression or that matches the empty string. The message names the file
        (and the fact).
    """
    resolved = Path(path).resolve() if path is not None else default_facts_path().resolve()
    if not resolved.is_file():
        msg = f"{resolved}: no such facts file; give the path of a facts YAML file"
        raise FileNotFoundError(msg)
    stat = resolved.stat()
    return list(_load_cached(resolved, stat.st_mtime_ns, stat.st_size))


# --------------------------------------------------------------------------- checking


def _matches(fact: Fact, text: str) -> tuple[FactMatch, ...]:
    found = sorted(
        ((m.start(), m.end(), p.pattern) for p in fact.patterns for m in p.finditer(text)),
        key=lambda span: (span[0], -span[1], span[2]),
    )
    kept: list[FactMatch] = []
    for start, end, source in found:
        if end == start:
            continue  # an empty match (e.g. a look-ahead alone) points at nothing
        if kept and end <= kept[-1].end:
            continue  # inside a span already kept (two patterns, one mention)
        kept.append(FactMatch(start=start, end=end, text=text[start:end], pattern=source))
    return tuple(kept)


def check_facts(
    text_or_parsed: str | ParsedDocument,
    facts: Sequence[Fact],
    *,
    text_id: str = "text",
) -> FactsReport:
    """Which facts of the checklist a text mentions, with every matching span.

    Parameters
    ----------
    text_or_parsed : str or ParsedDocument
        The text to check (for a parsed document, its ``text``). Patterns run on the text
        exactly as given, so offsets point at the original characters.
    facts : sequence of Fact
        The checklist, e.g. from :func:`load_facts`.
    text_id : str
        Name of the text in tables.

    Returns
    -------
    FactsReport
        One :class:`FactResult` per fact, in the checklist's order. Within a fact, matches
        are ordered by position; a span lying inside another match of the same fact is
        dropped so that one mention is counted once.
    """
    text = text_or_parsed.text if isinstance(text_or_parsed, ParsedDocument) else text_or_parsed
    results = tuple(FactResult(fact=f, matches=_matches(f, text)) for f in facts)
    return FactsReport(text_id=text_id, text=text, results=results)


def facts_table(reports: FactsReport | Iterable[FactsReport]) -> pd.DataFrame:
    """A tidy table: one row per text and fact.

    Parameters
    ----------
    reports : FactsReport or iterable of FactsReport
        Rows follow the reports in the order given, and the facts in checklist order, so
        the table (and a CSV written from it) is the same on every run.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TABLE_COLUMNS`. ``first_match`` is the first matching span's text
        (empty when the fact is not mentioned); ``first_start``/``first_end`` its offsets
        (missing, ``<NA>``, when not mentioned).
    """
    import pandas as pd  # noqa: PLC0415  (tables are built off the hot path)

    items = (reports,) if isinstance(reports, FactsReport) else tuple(reports)
    rows = [
        {
            "text_id": report.text_id,
            "fact_id": result.fact.id,
            "statement": result.fact.statement,
            "mentioned": result.mentioned,
            "n_matches": result.n_matches,
            "first_match": result.matches[0].text if result.matches else "",
            "first_start": result.matches[0].start if result.matches else None,
            "first_end": result.matches[0].end if result.matches else None,
        }
        for report in items
        for result in report.results
    ]
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    return table.astype({"first_start": "Int64", "first_end": "Int64", "mentioned": bool})
