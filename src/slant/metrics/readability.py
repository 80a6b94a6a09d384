"""Readability formulas computed on the segmented prose of a parsed document.

textstat finds sentences with a regular expression that splits on every ``.``, ``!`` and
``?`` and then drops any piece of two words or fewer, so headings, list items, one-line
paragraphs and abbreviations all bend its counts. Here every :class:`~slant.text.Sentence`
the parser found is a sentence (headings and list items included, as the parser gives
them) as long as it holds at least one word; emoji and punctuation tokens are not words.
The formulas, constants and edge-case rules are those of textstat 0.7.13, fed with counts
computed once per document; :func:`naive_readability` gives textstat's own values on the
raw text, to show what the segmentation changes.

Counts (per document, over the word tokens of the counted sentences)
-------------------------------------------------------------------
``W`` words, ``S`` sentences, ``Y`` syllables (:func:`slant.syllables.count_syllables`),
``L`` letters (word characters, digits included, as textstat counts them), ``Ch``
characters (letters, digits and punctuation marks; emoji and other symbols left out),
``P`` polysyllables (three or more syllables), ``D`` Dale-Chall difficult words (not on
the Dale-Chall list of familiar words that textstat ships, compared in lower case),
``C`` complex words (not on that list *and* three or more syllables, textstat's Gunning fog
rule).

Where slant departs from textstat on purpose
--------------------------------------------
* Sentences come from the parser, not from textstat's regular expression.
* A word is a word token of the parse; a lone dash or emoji is neither a word nor (for ARI)
  a character, while textstat counts any whitespace-separated chunk as a word for ARI.
* Undefined values are NaN, never textstat's 0.0: every formula is NaN without words;
  SMOG is NaN below :data:`SMOG_MIN_SENTENCES` sentences; the consensus grade is NaN when
  any of its eight formulas is; standard deviations are NaN below two observations.
"""

from __future__ import annotations

import importlib.util
import math
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from slant.metrics.base import Evidence, Measurement
from slant.metrics.registry import Metric, register
from slant.syllables import clean_word, count_syllables, textstat_offline
from slant.text import ParsedDocument

__all__ = [
    "METRICS",
    "SMOG_MIN_SENTENCES",
    "ReadabilityCounts",
    "easy_words",
    "measure",
    "naive_readability",
    "readability_counts",
    "scores_from_counts",
]

#: SMOG is left undefined (NaN) below this many sentences. McLaughlin (1969) calibrated it
#: on 30-sentence samples and the formula rescales any count to 30; earlier textstat
#: releases returned no score below three sentences, and we keep that floor (textstat
#: 0.7.13 dropped it and extrapolates even from one sentence).
SMOG_MIN_SENTENCES = 3

#: Linsear Write reads the first 100 words (Klare 1974-75; textstat's strict_upper=True).
LINSEAR_WINDOW = 100

# Syllable thresholds, from textstat 0.7.13 (LANG_CONFIGS["en"]["syllable_threshold"] = 3
# for Gunning fog's complex words; SMOG and Linsear Write use >= 3 syllables as "hard").
_POLYSYLLABLE = 3

_CITE_FLESCH = "Flesch, R. (1948). A new readability yardstick. J. Applied Psychology 32(3)."
_CITE_KINCAID = (
    "Kincaid, J. P., Fishburne, R. P., Rogers, R. L., & Chissom, B. S. (1975). Derivation "
    "of new readability formulas for Navy enlisted personnel. Research Branch Report 8-75."
)
_CITE_FOG = "Gunning, R. (1952). The Technique of Clear Writing. McGraw-Hill."
_CITE_SMOG = "McLaughlin, G. H. (1969). SMOG grading: a new readability formula. J. Reading 12(8)."
_CITE_CLI = (
    "Coleman, M., & Liau, T. L. (1975). A computer readability formula designed for "
    "machine scoring. J. Applied Psychology 60(2)."
)
_CITE_ARI = (
    "Smith, E. A., & Senter, R. J. (1967). Automated Readability Index. AMRL-TR-66-220, "
    "Wright-Patterson AFB."
)
_CITE_DALE_CHALL = (
    "Dale, E., & Chall, J. S. (1948). A formula for predicting readability. Educational "
    "Research Bulletin 27(1-2); Chall, J. S., & Dale, E. (1995). Readability Revisited: "
    "The New Dale-Chall Readability Formula. Word list as shipped with textstat 0.7.13."
)
_CITE_LINSEAR = (
    "Klare, G. R. (1974-75). Assessing readability. Reading Research Quarterly 10(1), "
    "describing the Linsear Write formula (O'Hayre, 1966); textstat 0.7.13 implementation."
)
_CITE_TEXTSTAT = "textstat 0.7.13 text_standard (consensus of eight grade formulas)."

_NAN_NO_WORDS = "the text has no words"

METRICS: tuple[Metric, ...] = (
    Metric(
        name="flesch_reading_ease",
        family="readability",
        label="Flesch Reading Ease",
        unit="score (0-100 typical)",
        direction="higher means easier to read",
        definition=(
            "A score built from sentence length and syllables per word: about 60-70 is "
            "plain English, below 30 is very hard."
        ),
        citation=_CITE_FLESCH,
        finite=False,
        nan_when=_NAN_NO_WORDS,
    ),
    Metric(
        name="flesch_kincaid_grade",
        family="readability",
        label="Flesch-Kincaid grade",
        unit="US school grade",
        direction="higher means harder to read",
        definition=(
            "The US school grade whose pupils could read the text, from sentence length "
            "and syllables per word."
        ),
        citation=_CITE_KINCAID,
        finite=False,
        nan_when=_NAN_NO_WORDS,
    ),
    Metric(
        name="gunning_fog",
        family="readability",
        label="Gunning fog index",
        unit="years of schooling",
        direction="higher means harder to read",
        definition=(
            "Years of schooling needed, from sentence length and the share of long, "
            "unfamiliar words (three or more syllables, not on the familiar-word list)."
        ),
        citation=_CITE_FOG,
        finite=False,
        nan_when=_NAN_NO_WORDS,
    ),
    Metric(
        name="smog_index",
        family="readability",
        label="SMOG grade",
        unit="US school grade",
        direction="higher means harder to read",
        definition=(
            "A school grade from how many words of three or more syllables appear, scaled "
            "to a 30-sentence sample."
        ),
        citation=_CITE_SMOG,
        finite=False,
        nan_when=f"the text has fewer than {SMOG_MIN_SENTENCES} sentences with a word",
    ),
    Metric(
        name="coleman_liau_index",
        family="readability",
        label="Coleman-Liau index",
        unit="US school grade",
        direction="higher means harder to read",
        definition=(
            "A school grade from letters per 100 words and sentences per 100 words, "
            "without counting syllables."
        ),
        citation=_CITE_CLI,
        finite=False,
        nan_when=_NAN_NO_WORDS,
    ),
    Metric(
        name="automated_readability_index",
        family="readability",
        label="Automated Readability Index",
        unit="US school grade",
        direction="higher means harder to read",
        definition="A school grade from characters per word and words per sentence.",
        citation=_CITE_ARI,
        finite=False,
        nan_when=_NAN_NO_WORDS,
    ),
    Metric(
        name="dale_chall_score",
        family="readability",
        label="Dale-Chall score",
        unit="score (grade band)",
        direction="higher means harder to read",
        definition=(
            "A score from the share of words missing from a list of about 3,000 words "
            "familiar to fourth-graders, plus sentence length."
        ),
        citation=_CITE_DALE_CHALL,
        finite=False,
        nan_when=_NAN_NO_WORDS,
    ),
    Metric(
        name="linsear_write",
        family="readability",
        label="Linsear Write",
        unit="US school grade",
        direction="higher means harder to read",
        definition=(
            "A school grade from the first 100 words: easy words count once, words of "
            "three or more syllables three times, divided by the sentences."
        ),
        citation=_CITE_LINSEAR,
        finite=False,
        nan_when=_NAN_NO_WORDS,
    ),
    Metric(
        name="consensus_grade",
        family="readability",
        label="Consensus grade",
        unit="US school grade",
        direction="higher means harder to read",
        definition=(
            "The school grade most of the eight formulas above agree on, kept between "
            "grade 1 and grade 18."
        ),
        citation=_CITE_TEXTSTAT,
        finite=False,
        nan_when=f"any of the eight formulas is undefined (e.g. fewer than "
        f"{SMOG_MIN_SENTENCES} sentences with a word)",
    ),
    Metric(
        name="words_per_sentence_mean",
        family="readability",
        label="Words per sentence (mean)",
        unit="words",
        direction="higher means longer sentences",
        definition="The average number of words in a sentence.",
        finite=False,
        nan_when=_NAN_NO_WORDS,
    ),
    Metric(
        name="words_per_sentence_sd",
        family="readability",
        label="Words per sentence (SD)",
        unit="words",
        direction="higher means sentence lengths vary more",
        definition="How much sentence lengths vary around their average (standard deviation).",
        finite=False,
        nan_when="the text has fewer than two sentences with a word",
    ),
    Metric(
        name="syllables_per_word_mean",
        family="readability",
        label="Syllables per word (mean)",
        unit="syllables",
        direction="higher means longer words",
        definition="The average number of syllables in a word.",
        finite=False,
        nan_when=_NAN_NO_WORDS,
    ),
    Metric(
        name="syllables_per_word_sd",
        family="readability",
        label="Syllables per word (SD)",
        unit="syllables",
        direction="higher means word lengths vary more",
        definition="How much word lengths in syllables vary around their average.",
        finite=False,
        nan_when="the text has fewer than two words",
    ),
)

register(*METRICS)

_METRIC_NAMES = tuple(metric.name for metric in METRICS)
_NAN = float("nan")
_WORD_CHARACTER = re.compile(r"\w")
# Unicode general categories counted as ARI characters: letters, marks, numbers, punctuation.
_ARI_CATEGORIES = frozenset("LMNP")


@cache
def easy_words() -> frozenset[str]:
    """The Dale-Chall familiar-word list exactly as textstat 0.7.13 ships and reads it.

    textstat reads ``textstat/resources/en/easy_words.txt`` (one lower-case word a line,
    2,940 lines) in ``backend/utils/_get_lang_easy_words.py``. The file is located through
    the import system without importing textstat (which would import NLTK).

    Returns
    -------
    frozenset of str
        The familiar words, lower case, stripped as textstat strips them.
    """
    spec = importlib.util.find_spec("textstat")
    if spec is None or spec.origin is None:  # pragma: no cover - textstat is a dependency
        msg = "textstat is not installed; it ships the Dale-Chall word list slant reads"
        raise ModuleNotFoundError(msg)
    path = Path(spec.origin).parent / "resources" / "en" / "easy_words.txt"
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle)


@dataclass(frozen=True, slots=True)
class _WordFacts:
    """Per word form: everything the formulas need, computed once per distinct form."""

    syllables: int
    letters: int
    characters: int
    on_easy_list: bool


@lru_cache(maxsize=65536)
def _word_facts(norm: str) -> _WordFacts:
    forms = clean_word(norm)
    return _WordFacts(
        syllables=count_syllables(norm),
        letters=len(_WORD_CHARACTER.findall(norm)),
        characters=sum(1 for ch in norm if unicodedata.category(ch)[0] in _ARI_CATEGORIES),
        on_easy_list=len(forms) == 1 and forms[0] in easy_words(),
    )


@lru_cache(maxsize=4096)
def _punctuation_characters(norm: str) -> int:
    """ARI characters of a non-word token: its length if it is pure punctuation, else 0.

    Emoji sequences (keycaps such as ``#️⃣`` included) and other symbols count nothing.
    """
    if all(unicodedata.category(ch)[0] == "P" for ch in norm):
        return len(norm)
    return 0


@dataclass(frozen=True, slots=True)
class ReadabilityCounts:
    """The counts every formula is built from, computed once per document.

    Attributes
    ----------
    sentences : int
        Sentences holding at least one word.
    words, syllables, letters, characters : int
        Totals over all words (``characters`` also counts punctuation tokens' marks).
    polysyllables : int
        Words of three or more syllables.
    difficult_words : int
        Words not on the Dale-Chall familiar-word list (lower-cased comparison).
    complex_words : int
        Words not on that list and of three or more syllables (Gunning fog).
    words_per_sentence : tuple of int
        Word count of each counted sentence, in order.
    syllables_per_word : tuple of int
        Syllable count of each word, in order.
    linsear_easy, linsear_hard, linsear_sentences : int
        Within the first 100 words: words of one or two syllables, words of three or
        more, and the sentences those words belong to.
    """

    sentences: int
    words: int
    syllables: int
    letters: int
    characters: int
    polysyllables: int
    difficult_words: int
    complex_words: int
    words_per_sentence: tuple[int, ...]
    syllables_per_word: tuple[int, ...]
    linsear_easy: int
    linsear_hard: int
    linsear_sentences: int


def _count(parsed: ParsedDocument, evidence: list[Evidence] | None) -> ReadabilityCounts:
    words_per_sentence: list[int] = []
    syllables_per_word: list[int] = []
    letters = characters = polysyllables = difficult = complex_words = 0
    linsear_easy = linsear_hard = linsear_sentences = 0
    for sentence in parsed.sentences:
        n_words = 0
        for token in sentence.tokens:
            if not token.is_word:
                characters += _punctuation_characters(token.norm)
                continue
            facts = _word_facts(token.norm)
            characters += facts.characters
            n_words += 1
            syllables = facts.syllables
            syllables_per_word.append(syllables)
            letters += facts.letters
            polysyllabic = syllables >= _POLYSYLLABLE
            polysyllables += polysyllabic
            if not facts.on_easy_list:
                difficult += 1
                complex_words += polysyllabic
            if len(syllables_per_word) <= LINSEAR_WINDOW:
                if polysyllabic:
                    linsear_hard += 1
                elif syllables > 0:
                    linsear_easy += 1
            if evidence is not None:
                if polysyllabic:
                    evidence.append(
                        Evidence(
                            "smog_index",
                            token.start,
                            token.end,
                            "polysyllabic word",
                            f"{syllables} syllables (three or more).",
                        )
                    )
                if not facts.on_easy_list:
                    evidence.append(
                        Evidence(
                            "dale_chall_score",
                            token.start,
                            token.end,
                            "unfamiliar word",
                            "Not on the Dale-Chall list of familiar words.",
                        )
                    )
        if n_words == 0:
            continue
        if len(syllables_per_word) - n_words < LINSEAR_WINDOW:
            linsear_sentences += 1
        words_per_sentence.append(n_words)
    return ReadabilityCounts(
        sentences=len(words_per_sentence),
        words=len(syllables_per_word),
        syllables=sum(syllables_per_word),
        letters=letters,
        characters=characters,
        polysyllables=polysyllables,
        difficult_words=difficult,
        complex_words=complex_words,
        words_per_sentence=tuple(words_per_sentence),
        syllables_per_word=tuple(syllables_per_word),
        linsear_easy=linsear_easy,
        linsear_hard=linsear_hard,
        linsear_sentences=linsear_sentences,
    )


def readability_counts(parsed: ParsedDocument) -> ReadabilityCounts:
    """Count words, sentences, syllables, letters and word classes once for a document.

    Parameters
    ----------
    parsed : ParsedDocument
        The parsed text; every sentence with at least one word token counts.

    Returns
    -------
    ReadabilityCounts
        The counts :func:`scores_from_counts` turns into formula values.
    """
    return _count(parsed, None)


def _grade_votes(score: float) -> list[int]:
    return [math.floor(score), math.ceil(score), round(score)]


def _flesch_band_votes(score: float) -> list[int]:
    # textstat's table from Flesch's ease bands to grades; note that a score of 100 or
    # more falls through to 13 there too, and we keep that to stay comparable.
    bands = ((90, [5]), (80, [6]), (70, [7]), (60, [8, 9]), (50, [10]), (40, [11]), (30, [12]))
    if score < 100:
        for lower, grades in bands:
            if score >= lower:
                return list(grades)
    return [13]


def _consensus(scores: dict[str, float]) -> float:
    parts = (
        "flesch_kincaid_grade",
        "flesch_reading_ease",
        "smog_index",
        "coleman_liau_index",
        "automated_readability_index",
        "dale_chall_score",
        "linsear_write",
        "gunning_fog",
    )
    if any(math.isnan(scores[name]) for name in parts):
        return _NAN
    votes: list[int] = []
    for name in parts:
        value = scores[name]
        votes.extend(
            _flesch_band_votes(value) if name == "flesch_reading_ease" else _grade_votes(value)
        )
    # Counter.most_common keeps first-seen order among ties, as textstat relies on.
    winner = float(Counter(votes).most_common(1)[0][0])
    return max(1.0, min(winner, 18.0))


def scores_from_counts(counts: ReadabilityCounts) -> dict[str, float]:
    """Turn document counts into every readability metric (textstat 0.7.13 constants).

    With ``W`` words, ``S`` sentences, ``Y`` syllables, ``L`` letters, ``Ch`` characters,
    ``P`` polysyllables, ``D`` difficult and ``C`` complex words:

    * Flesch Reading Ease (Flesch 1948): ``206.835 - 1.015 W/S - 84.6 Y/W``.
    * Flesch-Kincaid grade (Kincaid et al. 1975): ``0.39 W/S + 11.8 Y/W - 15.59``.
    * Gunning fog (Gunning 1952): ``0.4 (W/S + 100 C/W)``.
    * SMOG (McLaughlin 1969): ``1.043 sqrt(30 P/S) + 3.1291``; NaN when
      ``S < SMOG_MIN_SENTENCES``.
    * Coleman-Liau (Coleman & Liau 1975): ``0.058 (100 L/W) - 0.296 (100 S/W) - 15.8``.
    * ARI (Smith & Senter 1967): ``4.71 Ch/W + 0.5 W/S - 21.43``.
    * Dale-Chall (Dale & Chall 1948): ``0.1579 (100 D/W) + 0.0496 W/S``, plus the
      adjustment 3.6365 when more than 5 % of words are difficult.
    * Linsear Write (Klare 1974-75): in the first 100 words, ``r = (easy + 3 hard) /
      sentences`` (easy: one or two syllables; hard: three or more; sentences: those the
      window touches); the grade is ``r / 2`` when ``r > 20`` and ``(r - 2) / 2`` otherwise.
    * Consensus grade (textstat ``text_standard``): each formula votes its floor, ceiling
      and rounded value (Flesch Reading Ease votes through a band table), the most common
      vote wins (first seen on ties), clamped to 1..18.
    * Words per sentence and syllables per word: mean and sample standard deviation.

    Parameters
    ----------
    counts : ReadabilityCounts
        From :func:`readability_counts`.

    Returns
    -------
    dict of str to float
        One value per metric in :data:`METRICS` (NaN where undefined, see module notes).
    """
    scores = dict.fromkeys(_METRIC_NAMES, _NAN)
    words, sentences = counts.words, counts.sentences
    if words == 0 or sentences == 0:
        return scores
    words_per_sentence = words / sentences
    syllables_per_word = counts.syllables / words
    scores["flesch_reading_ease"] = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word
    scores["flesch_kincaid_grade"] = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59
    scores["gunning_fog"] = 0.4 * (words_per_sentence + 100 * counts.complex_words / words)
    if sentences >= SMOG_MIN_SENTENCES:
        scores["smog_index"] = 1.043 * (30 * (counts.polysyllables / sentences)) ** 0.5 + 3.1291
    scores["coleman_liau_index"] = (
        0.058 * (counts.letters / words * 100) - 0.296 * (sentences / words * 100) - 15.8
    )
    scores["automated_readability_index"] = (
        4.71 * (counts.characters / words) + 0.5 * words_per_sentence - 21.43
    )
    difficult_share = 100 * counts.difficult_words / words
    dale_chall = 0.1579 * difficult_share + 0.0496 * words_per_sentence
    scores["dale_chall_score"] = dale_chall + 3.6365 if difficult_share > 5 else dale_chall
    ratio = float((counts.linsear_easy + 3 * counts.linsear_hard) / counts.linsear_sentences)
    scores["linsear_write"] = (ratio if ratio > 20 else ratio - 2) / 2
    scores["consensus_grade"] = _consensus(scores)
    scores["words_per_sentence_mean"] = words_per_sentence
    scores["syllables_per_word_mean"] = syllables_per_word
    if sentences >= 2:
        scores["words_per_sentence_sd"] = statistics.stdev(counts.words_per_sentence)
    if words >= 2:
        scores["syllables_per_word_sd"] = statistics.stdev(counts.syllables_per_word)
    return scores


def measure(parsed: ParsedDocument, *, evidence: bool = True) -> Measurement:
    """Compute every readability metric for a parsed document.

    Parameters
    ----------
    parsed : ParsedDocument
        The parsed text.
    evidence : bool, default True
        Collect evidence spans: each polysyllabic word (``smog_index``) and each word
        missing from the Dale-Chall familiar-word list (``dale_chall_score``). Batch
        scoring can switch this off.

    Returns
    -------
    Measurement
        Family ``"readability"``; ``values`` holds one float per metric in :data:`METRICS`.
    """
    spans: list[Evidence] | None = [] if evidence else None
    counts = _count(parsed, spans)
    return Measurement("readability", scores_from_counts(counts), tuple(spans or ()))


def naive_readability(text: str) -> dict[str, float]:
    """Return textstat's own values on the raw text, with textstat's own sentence splitting.

    For teaching: compare with :func:`measure` to see what segmentation changes. textstat
    runs under :func:`slant.syllables.textstat_offline` (no download; its caches are
    cleared afterwards, so memory stays bounded). Not used in batch scoring.

    Parameters
    ----------
    text : str
        The raw text.

    Returns
    -------
    dict of str to float
        The nine formula values under the same names as :data:`METRICS` (the consensus
        grade is ``text_standard(text, float_output=True)``), the two means
        ``words_per_sentence_mean`` and ``syllables_per_word_mean``, and textstat's raw
        counts ``sentences``, ``words`` and ``syllables``. When textstat finds no words,
        every value except the counts is NaN (textstat itself would report 0.0).
    """
    import textstat  # noqa: PLC0415  (importing textstat imports NLTK: ~1.7 s, notebooks only)

    with textstat_offline():
        values: dict[str, float] = {
            "flesch_reading_ease": textstat.flesch_reading_ease(text),
            "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
            "gunning_fog": textstat.gunning_fog(text),
            "smog_index": textstat.smog_index(text),
            "coleman_liau_index": textstat.coleman_liau_index(text),
            "automated_readability_index": textstat.automated_readability_index(text),
            "dale_chall_score": textstat.dale_chall_readability_score(text),
            "linsear_write": textstat.linsear_write_formula(text),
            "consensus_grade": textstat.text_standard(text, float_output=True),
            "words_per_sentence_mean": textstat.words_per_sentence(text),
            "syllables_per_word_mean": textstat.avg_syllables_per_word(text),
        }
        counts = {
            "sentences": float(textstat.sentence_count(text)),
            "words": float(textstat.lexicon_count(text)),
            "syllables": float(textstat.syllable_count(text)),
        }
    if counts["words"] == 0:
        values = dict.fromkeys(values, _NAN)
    return {name: float(value) for name, value in (values | counts).items()}
