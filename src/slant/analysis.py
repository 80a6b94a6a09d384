"""The whole analysis of one text against one baseline, in one call.

``load_baseline("lee" | "control" | "coverage" | FOLDER)`` gives a :class:`Baseline`: its
documents, their scored table (cached on disk) and what it can support.
``analyze(doc, baseline)`` gives an :class:`Analysis`: the text's profile, the comparison,
the style distance, keyness against the baseline's words, and — when the text is about the
event the project studies — the key-facts checklist. The notebooks, the command line and
the HTML report all start here, so each number is computed in one place.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from slant import baselines, context, coverage, keyness, scale
from slant.compare import Comparison, Distance, compare, has_paragraphs, style_distance
from slant.corpus import (
    DEFAULT_MAX_BYTES,
    Corpus,
    Document,
    InputError,
    load_article,
    read_text,
)
from slant.language import LanguageCheck, detect_language
from slant.metrics import sentiment
from slant.paths import project_root
from slant.profile import Profile, metric_names, profile
from slant.text import ParsedDocument, parse

#: Names a baseline can be asked for by; anything else is taken as a folder path.
NAMED_BASELINES = ("lee", "control", "coverage")

#: The key-facts checklist is about one event; it is applied to a text only when the text
#: mentions at least this many of its facts (an article about another event mentions none
#: or one by chance, e.g. "cyber").
FACTS_MIN_MENTIONS = 2

#: Positions along a text are grouped into this many equal bins for the baseline's
#: sentiment band (10 bins: each holds a tenth of every baseline document).
ARC_BINS = 10


class Baseline:
    """A neutral baseline: documents, their scored table, and a caption.

    Attributes
    ----------
    name : str
        ``lee``, ``control``, ``coverage`` or the folder's name.
    label : str
        What the baseline is, for captions (says how many documents it holds).
    corpus : Corpus
        The documents.
    table : DataFrame
        One row per document, one column per metric (from :func:`slant.scale.score`).
    note : str
        Anything a reader must know (e.g. "coverage was not fetched"); empty if nothing.
    noun : str
        How a sentence names the documents ("Lee news stories", "control report").
    """

    def __init__(
        self,
        name: str,
        label: str,
        corpus: Corpus,
        table: pd.DataFrame,
        *,
        note: str = "",
        noun: str = "",
    ):
        self.name = name
        self.noun = noun or f"{name} documents"
        self.label = label
        self.corpus = corpus
        self.table = table
        self.note = note

    def __repr__(self) -> str:
        return f"Baseline({self.name!r}, n={len(self.corpus)})"

    @property
    def n(self) -> int:
        """Number of documents."""
        return len(self.corpus)

    @property
    def available(self) -> bool:
        """Whether the baseline holds any document."""
        return len(self.corpus) > 0

    @property
    def paragraphs(self) -> bool:
        """Whether most documents have paragraph breaks (paragraph metrics comparable)."""
        return has_paragraphs(self.table)

    @cached_property
    def parsed(self) -> tuple[ParsedDocument, ...]:
        """Every document parsed (computed once, on first use)."""
        return tuple(parse(doc.text) for doc in self.corpus)

    @cached_property
    def word_counts(self) -> Counter[str]:
        """Combined word counts of all documents (for keyness)."""
        return keyness.word_counts(self.parsed)

    def sentence_lengths(self) -> list[int]:
        """Words per sentence over every sentence of every document (headings left out)."""
        return [n for parsed in self.parsed for n in sentence_lengths(parsed)]

    def sentiment_band(self, bins: int = ARC_BINS) -> pd.DataFrame:
        """Quartiles of baseline sentence sentiment at each relative position of a text.

        Each document's sentences are placed at their relative position (0 = start,
        1 = end) and grouped into ``bins`` equal bins; the table gives, per bin, the
        bin's centre and the 25th, 50th and 75th percentile of the sentence compounds.
        """
        positions: list[float] = []
        compounds: list[float] = []
        for parsed in self.parsed:
            for score in sentiment.sentence_scores(parsed):
                positions.append(score.position)
                compounds.append(score.compound)
        pos = np.asarray(positions, dtype=float)
        comp = np.asarray(compounds, dtype=float)
        rows = []
        for i in range(bins):
            low, high = i / bins, (i + 1) / bins
            inside = comp[(pos >= low) & ((pos < high) if i < bins - 1 else (pos <= high))]
            q25, q50, q75 = np.percentile(inside, [25, 50, 75]) if inside.size else (math.nan,) * 3
            rows.append(
                {
                    "position": (low + high) / 2,
                    "q25": float(q25),
                    "median": float(q50),
                    "q75": float(q75),
                    "n_sentences": int(inside.size),
                }
            )
        return pd.DataFrame(rows)


def sentence_lengths(parsed: ParsedDocument) -> list[int]:
    """Words per sentence, headings left out (as the structure family counts them)."""
    return [
        len(s.words)
        for block in parsed.blocks
        if block.kind != "heading"
        for s in block.sentences
        if s.words
    ]


def distinctive_words(keywords: pd.DataFrame, *, min_count: int = 2) -> pd.DataFrame:
    """Keyness rows worth charting: no stop words, seen at least ``min_count`` times."""
    frequent = (keywords["count_target"] >= min_count) | (keywords["count_reference"] >= min_count)
    return keywords[~keywords["stopword"] & frequent].reset_index(drop=True)


def _control_path() -> Path:
    return project_root() / "corpus" / "control" / "control-report.md"


def load_baseline(
    spec: str | Path,
    *,
    cache: bool = True,
    progress: bool = True,
    max_bytes: int | None = None,
) -> Baseline:
    """Load and score a baseline.

    Parameters
    ----------
    spec : str or Path
        ``"lee"`` (300 ABC news stories, offline), ``"control"`` (the project's own
        neutral-style report of the same facts — a teaching control, not coverage),
        ``"coverage"`` (same-event reports fetched by ``slant hydrate``; empty with a note
        if none were fetched), or a folder of ``.txt`` / ``.md`` files.
    cache : bool
        Read/write the scored table from/to the on-disk cache.
    progress : bool
        Show a progress bar while scoring.
    max_bytes : int, optional
        Size limit per file for folder baselines.

    Raises
    ------
    InputError
        An unknown name that is not a folder, or a folder without texts.
    """
    name = str(spec)
    note = ""
    if name == "lee":
        corpus = baselines.lee()
        label = f"Lee corpus: {len(corpus)} ABC news stories (register baseline, other topics)"
        noun = "Lee news stories"
    elif name == "control":
        doc = load_article(_control_path(), kind="control")
        corpus = Corpus(
            name="control",
            description="the project's own neutral-style report (a teaching control)",
            documents=(doc,),
        )
        label = "control: 1 neutral-style report written for this project (not real coverage)"
        noun = "control report"
    elif name == "coverage":
        corpus = coverage.load_coverage()
        if len(corpus) == 0:
            note = corpus.description
        label = f"same-event coverage: {len(corpus)} fetched English reports"
        noun = "same-event reports"
    else:
        path = Path(spec)
        if not path.exists():
            msg = (
                f"{spec}: not a baseline name ({', '.join(NAMED_BASELINES)}) "
                "and no such folder; give one of those names or a folder of .txt/.md files"
            )
            raise InputError(msg)
        corpus = baselines.folder(path, max_bytes=max_bytes or DEFAULT_MAX_BYTES)
        label = f"folder {corpus.name}: {len(corpus)} texts"
        noun = f"texts in {corpus.name}"
    table = scale.score(corpus, cache=cache, progress=progress) if len(corpus) else _empty()
    return Baseline(corpus.name, label, corpus, table, note=note, noun=noun)


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=[*scale.META_COLUMNS, *metric_names()])


@dataclass(frozen=True)
class Analysis:
    """Everything slant measures about one text against one baseline."""

    document: Document
    profile: Profile
    baseline: Baseline
    comparison: Comparison
    distance: Distance
    keywords: pd.DataFrame
    facts: context.FactsReport | None
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: Whether the text looks like English (:func:`slant.language.detect_language`);
    #: :func:`analyze` always sets it, and adds a note when it does not.
    language: LanguageCheck | None = None

    @property
    def facts_apply(self) -> bool:
        """Whether the key-facts checklist applies to this text."""
        return self.facts is not None


def facts_for(
    parsed: ParsedDocument, text_id: str, *, force: bool | None = None
) -> context.FactsReport | None:
    """The key-facts checklist for a text, or None when it is not about the event.

    ``force=True`` always checks, ``force=False`` never does; by default the checklist is
    applied when the text mentions at least :data:`FACTS_MIN_MENTIONS` facts.
    """
    if force is False:
        return None
    try:
        facts = context.load_facts()
    except FileNotFoundError:
        if force:
            raise
        return None  # outside the project folder the event's checklist is not available
    report = context.check_facts(parsed, facts, text_id=text_id)
    if force is None and len(report.mentioned_ids) < FACTS_MIN_MENTIONS:
        return None
    return report


def analyze(
    doc: Document,
    baseline: Baseline,
    *,
    facts: bool | None = None,
) -> Analysis:
    """Profile ``doc``, compare it with ``baseline``, and gather keyness and key facts.

    Raises
    ------
    InputError
        The baseline holds no documents (e.g. coverage not fetched).
    """
    if not baseline.available:
        why = baseline.note or "nothing loaded"
        msg = f"the {baseline.name} baseline holds no documents: {why}"
        raise InputError(msg)
    prof = profile(doc)
    comparison = compare(
        prof.values,
        baseline.table,
        text_id=doc.id,
        baseline=baseline.name,
        description=baseline.label,
        noun=baseline.noun,
    )
    distance = style_distance(comparison, baseline.table)
    keywords = keyness.keyness_table(
        keyness.log_odds(keyness.word_counts(prof.parsed), baseline.word_counts)
    )
    notes = []
    language = detect_language(prof.parsed)
    if not language.is_english:
        notes.append(language_note(language))
    if comparison.skipped:
        para = [s.metric for s in comparison.skipped if "paragraph" in s.reason]
        if para:
            notes.append(
                f"{len(para)} paragraph metrics were not compared: the {baseline.name} "
                "baseline's documents have no paragraph breaks."
            )
    if baseline.note:
        notes.append(baseline.note)
    return Analysis(
        document=doc,
        profile=prof,
        baseline=baseline,
        comparison=comparison,
        distance=distance,
        keywords=keywords,
        facts=facts_for(prof.parsed, doc.id, force=facts),
        notes=tuple(notes),
        language=language,
    )


def language_note(check: LanguageCheck) -> str:
    """The note an analysis carries when its text does not look like English."""
    return (
        f"This text does not look like English ({check.reason}): the English word lists "
        "and formulas do not apply; treat the numbers as unreliable."
    )


def comparison_tables(analyses: list[Analysis]) -> pd.DataFrame:
    """Stack the comparison tables of several analyses (the tidy ``comparison.csv``)."""
    frames = [a.comparison.table() for a in analyses]
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def load_input(
    spec: str,
    *,
    allow_private: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 20.0,
) -> Document:
    """Load an article given as a path, an ``http(s)`` URL, or pasted text.

    An empty ``spec`` means the project's own article. A string that names no existing file
    but contains a line break or at least a few words is taken as pasted text; anything
    else that is not a file is an error (probably a mistyped path).

    Raises
    ------
    InputError
        A missing file, a failed fetch, or unusable text (one line saying what to do).
    """
    text = spec.strip()
    if not text:
        return load_article(project_root() / "corpus" / "article" / "000_538137e8ce602f76.txt")
    if "\n" not in text and text.lower().startswith(("http://", "https://")):
        from slant.fetch import load_url  # noqa: PLC0415  (network code only when asked)

        return load_url(text, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout)
    candidate = Path(text) if "\n" not in text and len(text) < 4096 else None
    if candidate is not None and (_exists(candidate) or len(text.split()) < 5):
        return load_article(candidate, max_bytes=max_bytes)
    return read_text(spec, id="pasted-text", max_bytes=max_bytes, name="<pasted text>")


def _exists(path: Path) -> bool:
    """Whether a path exists; a string that cannot be a path (too long, NUL) does not."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def slug(doc: Document) -> str:
    """A short, file-name-safe name for a document (for output folders)."""
    base = doc.id if doc.id not in {"text", "pasted-text"} else f"{doc.id}-{doc.sha256[:8]}"
    cleaned = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in base.lower())
    return "-".join(part for part in cleaned.split("-") if part)[:60] or doc.sha256[:12]
