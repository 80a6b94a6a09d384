"""Rhetorical markers, each counted with the exact span of text it counted.

Every marker here has an operational definition (the ``definition`` field of its
registry record) that a reader can check against the highlighted spans. Each marker is
reported twice: as a raw count (``comparable=False``, kept for evidence) and as a rate
per 100 words (``comparable=True``, the number to compare across texts).

The markers:

* **scare quotes** -- a quoted phrase of one to four words inside the author's own
  sentence, not introduced by a colon or a speech verb;
* **collective or hypothetical speakers** -- a quotation put in the mouth of a group
  ("leaders can say:", "The West is signaling:") or of a speaker with a modal of
  possibility;
* **boosters** and **hedges** (Hyland 2005; VADER's intensifiers), and the share of
  hedges among both;
* **absolutist words** (Al-Mosaiwi & Johnstone 2018);
* **second-person address** outside quotations;
* **rhetorical questions** -- questions in the author's own voice;
* **loaded words** -- strongly rated entries of the VADER lexicon (Hutto & Gilbert 2014);
* **antithesis** -- "X, not Y", "not X but Y", and "This is not X. This is Y.";
* **repeated phrases** -- content-bearing word 3- to 5-grams that occur more than once;
* **slippery slope** cues -- "tomorrow ... the day after", "before long", ...;
* **us versus them** -- "we" and "they" in the same sentence of the author's voice;
* the **loaded-language index** -- opinion cues minus plain-reporting cues per 100
  words, the score validated against BABE (Spinde et al. 2021) in ``slant.validate``.

The word lists live in ``slant/data/rhetoric_lexicons.yaml``, each with its source.
Quotations (their spans) come from :func:`slant.metrics.structure.quotations`.

References
----------
Al-Mosaiwi, M., & Johnstone, T. (2018). In an absolute state. *Clinical Psychological
Science* 6(4), 529-542. doi:10.1177/2167702617747074.
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
analysis of social media text. *Proc. ICWSM* 8(1), 216-225.
Hyland, K. (2005). *Metadiscourse: Exploring Interaction in Writing*. London: Continuum.
Spinde, T., Plank, M., Krieger, J.-D., Ruas, T., Gipp, B., & Aizawa, A. (2021). Neural
media bias detection using distant supervision with BABE. *Findings of EMNLP 2021*,
1166-1177. doi:10.18653/v1/2021.findings-emnlp.101.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from slant.metrics.base import Evidence, Measurement
from slant.metrics.registry import Metric, Needs, register
from slant.metrics.structure import quotations
from slant.text import ParsedDocument, Sentence, Token

__all__ = [
    "LOADED_VALENCE_THRESHOLD",
    "METRICS",
    "SCARE_QUOTE_MAX_WORDS",
    "loaded_language_scores",
    "markers",
    "measure",
]

#: A quotation of at most this many words can be a scare quote (the brief's "short
#: quoted phrase"; longer quotations are reported speech rather than a marked term).
SCARE_QUOTE_MAX_WORDS = 4

#: A VADER entry counts as a loaded word when its mean rating is at least this far from
#: zero on VADER's -4..+4 scale (1.5 = between "slightly" and "moderately" charged in
#: Hutto & Gilbert's rating instructions; the sentiment family's "strong" cut is 2.0).
LOADED_VALENCE_THRESHOLD = 1.5

#: How many words before a quotation are searched for a speech verb that introduces it,
#: and how many after it for one that attributes it ("..., he said").
_INTRO_WINDOW = 4
_OUTRO_WINDOW = 3

#: Longest span of words searched between "not" and "but" in "not X but Y", and the
#: most words taken as the Y of an antithesis.
_NOT_BUT_WINDOW = 8
_ANTITHESIS_TAIL = 6

#: n-gram sizes searched for repeated phrases.
_NGRAM_SIZES = (3, 4, 5)

_CITE_HYLAND = "Hyland (2005) Metadiscourse, Appendix 1; VADER booster list (Hutto & Gilbert 2014)"
_CITE_ABSOLUTIST = (
    "Al-Mosaiwi & Johnstone (2018) Clinical Psychological Science 6(4) 529-542, "
    "absolutist dictionary"
)
_CITE_VADER = "VADER lexicon (Hutto & Gilbert 2014), vader_lexicon.txt in vaderSentiment"
_CITE_BABE = (
    "Project index; validated on BABE (Spinde et al. 2021, Findings of EMNLP, "
    "doi:10.18653/v1/2021.findings-emnlp.101), see docs/validation.md"
)
_NAN_NO_WORDS = "the text has no words"
_NAN = float("nan")


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True, slots=True)
class _Marker:
    """The registry text of one marker; expanded into a count and a rate record."""

    name: str
    label: str
    what: str  # plural noun phrase: "scare quotes"
    definition: str
    citation: str
    needs: Needs


_MARKERS: tuple[_Marker, ...] = (
    _Marker(
        "scare_quotes",
        "Scare quotes",
        "scare quotes",
        "A quoted phrase of one to four words inside the author's own sentence that no "
        "colon or speech verb (said, told, called ...) introduces or follows.",
        "",
        "none",
    ),
    _Marker(
        "collective_speaker_quotes",
        "Quotes given to a group or hypothetical speaker",
        "quotations given to a group or hypothetical speaker",
        "A speech verb whose subject is a group or unnamed crowd (leaders, critics, the "
        "West, they ...) or carries a modal (can, would, will ...), followed by a "
        "quotation in the same or the next sentence.",
        "",
        "sentences",
    ),
    _Marker(
        "boosters",
        "Intensifiers and boosters",
        "intensifiers and boosters",
        "Words and phrases that turn up certainty or intensity (clearly, obviously, "
        "completely, very, openly, in fact ...).",
        _CITE_HYLAND,
        "none",
    ),
    _Marker(
        "hedges",
        "Hedges",
        "hedges",
        "Words and phrases that soften a claim or mark it as uncertain or second-hand "
        "(may, might, could, perhaps, reportedly, appear to ...; about/around only "
        "before a number).",
        "Hyland (2005) Metadiscourse, Appendix 1; VADER dampener list (Hutto & Gilbert 2014)",
        "none",
    ),
    _Marker(
        "absolutist_words",
        "Absolutist words",
        "absolutist words",
        "Words that admit no exception (always, never, all, every, nothing, completely, "
        "totally ...).",
        _CITE_ABSOLUTIST,
        "none",
    ),
    _Marker(
        "second_person",
        "Second-person address",
        "second-person words",
        "The words you, your, yours, yourself and yourselves outside quotations: the "
        "author speaking to the reader.",
        "",
        "none",
    ),
    _Marker(
        "rhetorical_questions",
        "Questions in the author's voice",
        "questions in the author's voice",
        "Sentences ending in a question mark that is not inside a quotation, so the "
        "author, not a quoted speaker, asks them.",
        "",
        "sentences",
    ),
    _Marker(
        "loaded_words",
        "Loaded words",
        "loaded words",
        "Words rated at least 1.5 away from neutral (on a -4 to +4 scale) in the VADER "
        "word list, leaving out a few entries that are not evaluative in news (like, "
        "party, united ...).",
        _CITE_VADER,
        "none",
    ),
    _Marker(
        "antitheses",
        "Antithesis",
        "antitheses",
        "Contrasts of the form 'X, not Y', 'not X but Y', or a negated sentence followed "
        "by the same opening without the negation ('This is not X. This is Y.').",
        "",
        "sentences",
    ),
    _Marker(
        "repeated_phrase_words",
        "Words in repeated phrases",
        "words in repeated phrases",
        "Words that belong to a three- to five-word phrase (not made only of function "
        "words) that occurs at least twice in the text.",
        "",
        "sentences",
    ),
    _Marker(
        "slippery_slope",
        "Slippery-slope cues",
        "slippery-slope cues",
        "Chains that step from one consequence to the next ('tomorrow ... the day after', "
        "'first ... then ... next', 'it starts with ... it ends with') and phrases such as "
        "'before long' or 'the next step'.",
        "Walton (1992) Slippery Slope Arguments; cue list is the project's own",
        "none",
    ),
    _Marker(
        "us_them",
        "Us versus them",
        "us-versus-them sentences",
        "Sentences in the author's voice that set we/us/our beside they/them/their, and "
        "fixed phrases such as 'us versus them'.",
        "",
        "sentences",
    ),
)


def _marker_records(marker: _Marker) -> tuple[Metric, Metric]:
    count = Metric(
        name=marker.name,
        family="rhetoric",
        label=f"{marker.label} (count)",
        unit="count",
        direction=f"higher means more {marker.what}",
        definition=marker.definition,
        citation=marker.citation,
        comparable=False,
        needs=marker.needs,
        finite=False,
        nan_when=_NAN_NO_WORDS,
        tags=("marker",),
    )
    rate = Metric(
        name=f"{marker.name}_per_100",
        family="rhetoric",
        label=marker.label,
        unit="per 100 words",
        direction=f"higher means more {marker.what} for the text's length",
        definition=f"How many {marker.what} per 100 words. {marker.definition}",
        citation=marker.citation,
        comparable=True,
        needs=marker.needs,
        finite=False,
        nan_when=_NAN_NO_WORDS,
        tags=("marker",),
    )
    return count, rate


METRICS: tuple[Metric, ...] = (
    *(record for marker in _MARKERS for record in _marker_records(marker)),
    Metric(
        name="hedge_share",
        family="rhetoric",
        label="Hedges among stance words",
        unit="share",
        direction="higher means more hedging than boosting",
        definition=(
            "Hedges divided by hedges plus boosters: 0 means every stance word turns "
            "certainty up, 1 means every one turns it down."
        ),
        citation=_CITE_HYLAND,
        comparable=True,
        needs="none",
        finite=False,
        nan_when="the text has neither a hedge nor a booster",
    ),
    Metric(
        name="loaded_language_index",
        family="rhetoric",
        label="Loaded-language index",
        unit="per 100 words",
        direction="higher means more opinion cues than plain-reporting cues",
        definition=(
            "Per 100 words: loaded words, boosters, absolutist words and -ly adverbs, "
            "minus plain-reporting cues (said, told, according to, dates and numbers); "
            "it can be negative."
        ),
        citation=_CITE_BABE,
        comparable=True,
        needs="none",
        finite=False,
        nan_when=_NAN_NO_WORDS,
    ),
)

register(*METRICS)


# --------------------------------------------------------------------------- lexicons

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _PhraseSet:
    """Word sequences indexed by their first word, longest first."""

    by_first: Mapping[str, tuple[Phrase, ...]]

    @classmethod
    def of(cls, entries: Iterable[str]) -> _PhraseSet:
        grouped: dict[str, set[Phrase]] = defaultdict(set)
        for entry in entries:
            words = tuple(entry.lower().split())
            if words:
                grouped[words[0]].add(words)
        return cls(
            {
                first: tuple(sorted(group, key=lambda p: (-len(p), p)))
                for first, group in grouped.items()
            }
        )


@dataclass(frozen=True, slots=True)
class _Chain:
    cues: tuple[Phrase, ...]
    matchers: tuple[_PhraseSet, ...]
    window: int


@dataclass(frozen=True, slots=True)
class _Lexicons:
    boosters: _PhraseSet
    hedges: _PhraseSet
    approximators: frozenset[str]
    absolutist: _PhraseSet
    loaded: Mapping[str, float]
    second_person: frozenset[str]
    speech_verbs: frozenset[str]
    collective_speakers: frozenset[str]
    hypothetical: frozenset[str]
    auxiliary: frozenset[str]
    first_plural: frozenset[str]
    third_plural: frozenset[str]
    us_them_phrases: _PhraseSet
    not_exclusions: frozenset[str]
    slope_phrases: _PhraseSet
    slope_chains: tuple[_Chain, ...]
    attribution: _PhraseSet
    calendar: frozenset[str]
    stop_words: frozenset[str]
    ly_non_adverbs: frozenset[str]


def _words_of(entries: Iterable[Any]) -> frozenset[str]:
    words = list(entries)
    odd = [entry for entry in words if not isinstance(entry, str)]
    if odd:  # e.g. an unquoted `no` that YAML read as False
        msg = f"rhetoric_lexicons.yaml: entries must be strings, got {odd!r}"
        raise TypeError(msg)
    return frozenset(entry.lower() for entry in words)


@cache
def _vader_lexicon_file() -> Mapping[str, float]:
    """VADER's word entries (letters, apostrophes, hyphens only) -> mean rating."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    ratings: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        entry = fields[0].strip().lower()
        if entry[:1].isalpha() and all(ch.isalpha() or ch in "'-" for ch in entry):
            ratings[entry] = float(fields[1])
    return ratings


@cache
def _vader_boosters() -> tuple[frozenset[str], frozenset[str]]:
    """VADER's intensity-raising and intensity-lowering modifiers (BOOSTER_DICT)."""
    module = importlib.import_module("vaderSentiment.vaderSentiment")
    booster_dict: Mapping[str, float] = module.BOOSTER_DICT
    up = frozenset(word for word, step in booster_dict.items() if step > 0)
    down = frozenset(word for word, step in booster_dict.items() if step < 0)
    return up, down


@cache
def _lexicons() -> _Lexicons:
    raw = (
        resources.files("slant")
        .joinpath("data")
        .joinpath("rhetoric_lexicons.yaml")
        .read_text("utf-8")
    )
    data: dict[str, Any] = yaml.safe_load(raw)
    vader_up, vader_down = _vader_boosters()
    boosters = data["boosters"]
    booster_entries = (
        _words_of(boosters["hyland_2005"])
        | (vader_up - _words_of(boosters["vader_booster_exclusions"]))
        | _words_of(boosters["project_additions"])
    )
    hedges = data["hedges"]
    hedge_entries = (
        _words_of(hedges["hyland_2005"]) | vader_down | _words_of(hedges["project_additions"])
    )
    absolutist = data["absolutist"]
    loaded_exclusions = _words_of(data["loaded_words"]["exclusions"])
    loaded = {
        word: rating
        for word, rating in _vader_lexicon_file().items()
        if abs(rating) >= LOADED_VALENCE_THRESHOLD and word not in loaded_exclusions
    }
    slope = data["slippery_slope"]
    chains = tuple(
        _Chain(
            cues=tuple(tuple(cue.split()) for cue in chain["cues"]),
            matchers=tuple(_PhraseSet.of([cue]) for cue in chain["cues"]),
            window=int(chain["window"]),
        )
        for chain in slope["chains"]
    )
    modals = data["modals_and_auxiliaries"]
    reporting = data["reporting_cues"]
    return _Lexicons(
        boosters=_PhraseSet.of(booster_entries),
        hedges=_PhraseSet.of(hedge_entries),
        approximators=_words_of(hedges["approximators"]),
        absolutist=_PhraseSet.of(
            _words_of(absolutist["al_mosaiwi_johnstone_2018"])
            | _words_of(absolutist["project_additions"])
        ),
        loaded=loaded,
        second_person=_words_of(data["second_person"]),
        speech_verbs=_words_of(w for w in data["speech_verbs"] if " " not in w),
        collective_speakers=_words_of(data["collective_speakers"]),
        hypothetical=_words_of(modals["hypothetical"]),
        auxiliary=_words_of(modals["auxiliary"]),
        first_plural=_words_of(data["first_person_plural"]),
        third_plural=_words_of(data["third_person_plural"]),
        us_them_phrases=_PhraseSet.of(_words_of(data["us_them_phrases"])),
        not_exclusions=_words_of(p.split()[1] for p in data["antithesis_not_exclusions"]),
        slope_phrases=_PhraseSet.of(_words_of(slope["phrases"])),
        slope_chains=chains,
        attribution=_PhraseSet.of(_words_of(reporting["attribution"])),
        calendar=_words_of(reporting["calendar"]),
        stop_words=_words_of(data["stop_words"]),
        ly_non_adverbs=_words_of(data["ly_non_adverbs"]),
    )


# --------------------------------------------------------------------------- the text

_CLITICS = ("'s", "'re", "'ll", "'ve", "'d", "'m")
_DIGIT = re.compile(r"\d")
_DETERMINERS = frozenset({"the", "these", "those", "our", "their", "some", "many", "most"})
_NEGATIONS = frozenset({"not", "no", "never", "n't", "cannot"})
_DASHES = frozenset({",", ";", "—", "–", "-", "--"})
_TRAILING_CLOSERS = "\"'”’»)]*_ \t\n"


@dataclass(frozen=True, slots=True)
class _Word:
    """A word token with what the markers need to know about it."""

    lower: str  # normalized, lower case, straight apostrophe
    base: str  # ``lower`` without a trailing clitic ("they're" -> "they")
    text: str  # exact original characters
    start: int
    end: int
    sentence: int  # index into parsed.sentences
    first_in_sentence: bool
    quoted: bool  # inside a quotation or a quote block


@dataclass(frozen=True, slots=True)
class _Context:
    parsed: ParsedDocument
    words: tuple[_Word, ...]
    word_starts: tuple[int, ...]
    quotes: tuple[tuple[int, int], ...]
    speakers: Mapping[int, str]  # quotation start -> speaker named by the structure family
    sentence_first_word: tuple[int, ...]  # index of each sentence's first word (or -1)
    sentences: tuple[Sentence, ...]
    positions: Mapping[str, tuple[int, ...]]  # word (lower and base form) -> indices


def _base_form(lower: str) -> str:
    if "'" not in lower:
        return lower
    for clitic in _CLITICS:
        if lower.endswith(clitic) and len(lower) > len(clitic):
            return lower[: -len(clitic)]
    return lower


def _inside(position: int, spans: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    at = bisect.bisect_right(starts, position) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]


def _quotation_spans(parsed: ParsedDocument) -> tuple[tuple[int, int, str], ...]:
    """Every quotation found by the structure family: (start, end, speaker or "")."""
    found = []
    for quote in quotations(parsed):
        speaker = parsed.text[quote.speaker[0] : quote.speaker[1]] if quote.speaker else ""
        found.append((quote.start, quote.end, speaker))
    return tuple(sorted(found))


def _context(parsed: ParsedDocument) -> _Context:
    found = _quotation_spans(parsed)
    quotes = tuple((start, end) for start, end, _ in found)
    speakers = {start: speaker for start, _, speaker in found if speaker}
    zones = sorted([*quotes, *((b.start, b.end) for b in parsed.blocks if b.kind == "quote")])
    zone_starts = [start for start, _ in zones]
    words: list[_Word] = []
    first_word: list[int] = []
    sentences = parsed.sentences
    for sentence_index, sentence in enumerate(sentences):
        first = True
        first_word.append(len(words) if sentence.words else -1)
        for token in sentence.tokens:
            if not token.is_word:
                continue
            lower = token.norm.lower().replace("’", "'")
            words.append(
                _Word(
                    lower=lower,
                    base=_base_form(lower),
                    text=token.text,
                    start=token.start,
                    end=token.end,
                    sentence=sentence_index,
                    first_in_sentence=first,
                    quoted=bool(zones) and _inside(token.start, zones, zone_starts),
                )
            )
            first = False
    positions: dict[str, list[int]] = defaultdict(list)
    for index, word in enumerate(words):
        positions[word.lower].append(index)
        if word.base != word.lower:
            positions[word.base].append(index)
    return _Context(
        parsed=parsed,
        words=tuple(words),
        word_starts=tuple(w.start for w in words),
        quotes=quotes,
        speakers=speakers,
        sentence_first_word=tuple(first_word),
        sentences=sentences,
        positions={word: tuple(at) for word, at in positions.items()},
    )


def _match_at(words: Sequence[_Word], index: int, phrases: _PhraseSet) -> int:
    """Length of the longest phrase of ``phrases`` starting at ``words[index]`` (0: none)."""
    candidates = phrases.by_first.get(words[index].lower) or phrases.by_first.get(
        words[index].base, ()
    )
    for phrase in candidates:
        end = index + len(phrase)
        if end <= len(words) and all(
            words[index + k].lower == part or words[index + k].base == part
            for k, part in enumerate(phrase)
        ):
            return len(phrase)
    return 0


def _phrase_hits(ctx: _Context, phrases: _PhraseSet) -> list[tuple[int, int]]:
    """Non-overlapping (first, last + 1) word ranges matching ``phrases``, left to right."""
    starts: set[int] = set()
    for head in phrases.by_first:
        starts.update(ctx.positions.get(head, ()))
    hits: list[tuple[int, int]] = []
    free_from = 0
    for index in sorted(starts):
        if index < free_from:
            continue
        length = _match_at(ctx.words, index, phrases)
        if length:
            hits.append((index, index + length))
            free_from = index + length
    return hits


def _evidence(
    metric: str, ctx: _Context, words: tuple[int, int], label: str, note: str
) -> Evidence:
    """Evidence covering the word range ``words = (first, last + 1)``."""
    first, last = words
    return Evidence(metric, ctx.words[first].start, ctx.words[last - 1].end, label, note)


# --------------------------------------------------------------------------- markers


# Dropped from the end of the text before a quotation when looking at what precedes it.
_BEFORE_QUOTE_STRIP = frozenset(" \t\n'\"“”‘’")
_ALNUM_RE = re.compile(r"[^\W_]")  # a letter or digit, as str.isalnum() sees it


def _alnum_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the first and last letter or digit of ``text[start:end]``, or (end, -1)."""
    found = _ALNUM_RE.search(text, start, end)
    if found is None:
        return end, -1
    last = end - 1
    while not text[last].isalnum():
        last -= 1
    return found.start(), last


def _scare_quotes(ctx: _Context) -> list[Evidence]:
    lex = _lexicons()
    text = ctx.parsed.text
    blocks = ctx.parsed.blocks
    block_starts = [b.start for b in blocks]
    bounds: dict[int, tuple[int, int]] = {}  # per block, computed once (long blocks)
    found: list[Evidence] = []
    for start, end in ctx.quotes:
        first = bisect.bisect_left(ctx.word_starts, start)
        last = bisect.bisect_left(ctx.word_starts, end)
        inner = last - first
        if not 1 <= inner <= SCARE_QUOTE_MAX_WORDS:
            continue
        index = bisect.bisect_right(block_starts, start) - 1
        if index < 0 or not start < blocks[index].end:
            continue
        block = blocks[index]
        # what is left of the block before the quotation once spaces and quote marks
        # are dropped: text[block.start:stop]
        stop = start
        while stop > block.start and text[stop - 1] in _BEFORE_QUOTE_STRIP:
            stop -= 1
        if index not in bounds:
            bounds[index] = _alnum_bounds(text, block.start, block.end)
        first_alnum, last_alnum = bounds[index]
        if not (first_alnum < stop or last_alnum >= end):
            continue  # the quotation is the whole block: reported speech, not a term
        if stop > block.start and text[stop - 1] == ":":
            continue
        sentence = ctx.words[first].sentence
        window_before = [
            w for w in ctx.words[max(0, first - _INTRO_WINDOW) : first] if w.sentence == sentence
        ]
        window_after = [w for w in ctx.words[last : last + _OUTRO_WINDOW] if w.sentence == sentence]
        speech = [
            w
            for w in (*window_before, *window_after)
            if w.lower in lex.speech_verbs or w.lower == "according"
        ]
        if speech:
            continue
        found.append(
            Evidence(
                "scare_quotes",
                start,
                end,
                "scare quote",
                f"A {inner}-word quotation with no speech verb or colon introducing it"
                + (
                    f" (the structure family attributes the words to {ctx.speakers[start]!r})."
                    if start in ctx.speakers
                    else "."
                ),
            )
        )
    return found


def _collective_speakers(ctx: _Context) -> list[Evidence]:
    lex = _lexicons()
    words = ctx.words
    quote_starts = [start for start, _ in ctx.quotes]
    used: set[int] = set()
    found: list[Evidence] = []
    for index, word in enumerate(words):
        if word.quoted or word.lower not in lex.speech_verbs:
            continue
        hypothetical = ""
        subject = index - 1
        while (
            subject >= 0
            and index - subject <= 3
            and words[subject].sentence == word.sentence
            and (words[subject].lower in lex.hypothetical or words[subject].lower in lex.auxiliary)
        ):
            if words[subject].lower in lex.hypothetical:
                hypothetical = words[subject].lower
            subject -= 1
        if subject < 0 or words[subject].sentence != word.sentence or words[subject].quoted:
            continue
        who = words[subject]
        span_start = who.start
        if (
            subject > 0
            and words[subject - 1].sentence == word.sentence
            and words[subject - 1].lower in _DETERMINERS
        ):
            span_start = words[subject - 1].start
        collective = who.base in lex.collective_speakers and not (
            who.base == "us" and who.text.isupper()
        )
        if not (collective or hypothetical):
            continue
        at = bisect.bisect_left(quote_starts, word.end)
        if at >= len(ctx.quotes) or at in used:
            continue
        quote_start, quote_end = ctx.quotes[at]
        quote_word = bisect.bisect_left(ctx.word_starts, quote_start)
        if quote_word >= len(words) or words[quote_word].sentence - word.sentence > 1:
            continue
        used.add(at)
        why = (
            f"a group or unnamed speaker ({who.text!r})"
            if collective
            else f"a hypothetical speaker ('{hypothetical}')"
        )
        found.append(
            Evidence(
                "collective_speaker_quotes",
                span_start,
                quote_end,
                "collective or hypothetical speaker",
                f"The quotation is put in the mouth of {why} by '{word.text}'.",
            )
        )
    return found


def _lexicon_markers(ctx: _Context) -> dict[str, list[Evidence]]:
    """Boosters, hedges, absolutist words and loaded words."""
    lex = _lexicons()
    words = ctx.words
    found: dict[str, list[Evidence]] = {
        "boosters": [],
        "hedges": [],
        "absolutist_words": [],
        "loaded_words": [],
    }
    for first, last in _phrase_hits(ctx, lex.boosters):
        phrase = ctx.parsed.text[words[first].start : words[last - 1].end]
        found["boosters"].append(
            _evidence("boosters", ctx, (first, last), "booster", f"'{phrase}' turns certainty up.")
        )
    for first, last in _phrase_hits(ctx, lex.hedges):
        word = words[first]
        if (
            last - first == 1
            and word.lower == "may"
            and word.text == "May"
            and not (word.first_in_sentence)
        ):
            continue  # the month
        found["hedges"].append(
            _evidence(
                "hedges", ctx, (first, last), "hedge", "Softens the claim or marks it as uncertain."
            )
        )
    for index, word in enumerate(words[:-1]):
        if word.lower in lex.approximators and _DIGIT.search(words[index + 1].lower):
            found["hedges"].append(
                _evidence("hedges", ctx, (index, index + 1), "hedge", "Approximates a number.")
            )
    for first, last in _phrase_hits(ctx, lex.absolutist):
        found["absolutist_words"].append(
            _evidence("absolutist_words", ctx, (first, last), "absolutist", "Admits no exception.")
        )
    for index, word in enumerate(words):
        rating = lex.loaded.get(word.lower)
        if rating is None:
            rating = lex.loaded.get(word.base)
        if rating is not None:
            found["loaded_words"].append(
                _evidence(
                    "loaded_words",
                    ctx,
                    (index, index + 1),
                    "loaded word",
                    f"VADER rates '{word.text}' {rating:+.1f} on a -4 to +4 scale.",
                )
            )
    found["hedges"].sort(key=lambda e: e.start)
    return found


def _second_person(ctx: _Context) -> list[Evidence]:
    lex = _lexicons()
    return [
        Evidence(
            "second_person", w.start, w.end, "second person", "The author addresses the reader."
        )
        for w in ctx.words
        if not w.quoted and w.base in lex.second_person
    ]


def _rhetorical_questions(ctx: _Context) -> list[Evidence]:
    text = ctx.parsed.text
    quote_starts = [start for start, _ in ctx.quotes]
    found: list[Evidence] = []
    for sentence in ctx.sentences:
        body = text[sentence.start : sentence.end].rstrip(_TRAILING_CLOSERS)
        if not body.endswith("?"):
            continue
        mark = sentence.start + len(body) - 1
        if _inside(mark, ctx.quotes, quote_starts):
            continue
        block = ctx.parsed.blocks[sentence.block_index]
        if block.kind == "quote":
            continue
        where = "a heading" if block.kind == "heading" else "the author's own voice"
        found.append(
            Evidence(
                "rhetorical_questions",
                sentence.start,
                sentence.end,
                "question",
                f"A question asked in {where}, not by a quoted speaker.",
            )
        )
    return found


def _antitheses(ctx: _Context) -> list[Evidence]:
    lex = _lexicons()
    words = ctx.words
    sentences = ctx.sentences
    found: list[Evidence] = []
    used_not: set[int] = set()
    # "X, not Y" and "X -- not Y": a "not" right after a comma, semicolon or dash.
    for sentence in sentences:
        tokens = sentence.tokens
        for position, token in enumerate(tokens):
            if token.norm.lower() != "not" or position < 2:
                continue
            if tokens[position - 1].norm not in _DASHES or not tokens[position - 2].is_word:
                continue
            tail: list[Token] = []
            for follower in tokens[position + 1 :]:
                if not follower.is_word or len(tail) >= _ANTITHESIS_TAIL:
                    break
                tail.append(follower)
            if not tail or tail[0].norm.lower() in lex.not_exclusions:
                continue
            used_not.add(token.start)
            found.append(
                Evidence(
                    "antitheses",
                    tokens[position - 2].start,
                    tail[-1].end,
                    "antithesis",
                    "'X, not Y': one term set against its denied alternative.",
                )
            )
    # "not X but Y" within one sentence.
    for index, word in enumerate(words):
        if word.lower != "not" or word.start in used_not:
            continue
        if index + 1 < len(words) and words[index + 1].lower in lex.not_exclusions:
            continue
        for later in range(index + 2, min(len(words), index + 2 + _NOT_BUT_WINDOW)):
            if words[later].sentence != word.sentence:
                break
            if words[later].lower != "but":
                continue
            tail_end = later + 1
            while (
                tail_end < len(words)
                and tail_end - later <= _ANTITHESIS_TAIL
                and words[tail_end].sentence == word.sentence
                and not _punctuation_between(ctx, words[tail_end - 1], words[tail_end])
            ):
                tail_end += 1
            if tail_end == later + 1:
                break
            found.append(
                _evidence(
                    "antitheses",
                    ctx,
                    (index, tail_end),
                    "antithesis",
                    "'not X but Y': a denied term replaced by its opposite.",
                )
            )
            break
    # "This is not X." followed by "This is Y."
    for index in range(len(sentences) - 1):
        first_a = ctx.sentence_first_word[index]
        first_b = ctx.sentence_first_word[index + 1]
        if first_a < 0 or first_b < 0:
            continue
        a_words = [w for w in words[first_a : first_a + 5] if w.sentence == index]
        b_words = [w for w in words[first_b : first_b + 5] if w.sentence == index + 1]
        negation = next(
            (k for k, w in enumerate(a_words) if w.lower in _NEGATIONS or w.lower.endswith("n't")),
            -1,
        )
        if negation < 1 or len(b_words) <= negation:
            continue
        shared = all(a_words[k].base == b_words[k].base for k in range(negation))
        b_next = b_words[negation].lower
        if shared and b_next not in _NEGATIONS and not b_next.endswith("n't"):
            found.append(
                Evidence(
                    "antitheses",
                    sentences[index].start,
                    sentences[index + 1].end,
                    "antithesis",
                    "A negated sentence answered by the same opening without the negation.",
                )
            )
    return found


def _punctuation_between(ctx: _Context, left: _Word, right: _Word) -> bool:
    gap = ctx.parsed.text[left.end : right.start]
    return any(not ch.isspace() for ch in gap)


def _repeated_phrases(ctx: _Context) -> tuple[int, list[Evidence]]:
    """Word positions covered by repeated n-grams, and one span per maximal occurrence."""
    lex = _lexicons()
    words = ctx.words
    lowers = [w.lower for w in words]
    sentence_of = [w.sentence for w in words]
    content = [lower not in lex.stop_words for lower in lowers]
    smallest = _NGRAM_SIZES[0]
    heads: dict[Phrase, int] = defaultdict(int)  # every smallest n-gram, content or not
    for start in range(len(words) - smallest + 1):
        heads[tuple(lowers[start : start + smallest])] += 1
    occurrences: dict[Phrase, list[int]] = defaultdict(list)
    for size in _NGRAM_SIZES:
        for start in range(len(words) - size + 1):
            if sentence_of[start] != sentence_of[start + size - 1]:
                continue
            if heads[tuple(lowers[start : start + smallest])] < 2:
                continue  # a phrase can only repeat if its first words do
            if not any(content[start : start + size]):
                continue
            occurrences[tuple(lowers[start : start + size])].append(start)
    repeated = [
        (start, len(gram))
        for gram, starts in occurrences.items()
        if len(starts) > 1
        for start in starts
    ]
    covered: set[int] = set()
    for start, size in repeated:
        covered.update(range(start, start + size))
    repeated.sort(key=lambda item: (item[0], -item[1]))
    maximal: list[tuple[int, int]] = []
    # Occurrences come by start, so every kept span starts at or before the current one:
    # the current one lies inside a kept span exactly when the furthest kept end reaches
    # its end (one comparison instead of a scan of all kept spans, which was quadratic).
    reach = -1
    for start, size in repeated:
        if start + size <= reach:
            continue
        maximal.append((start, size))
        reach = max(reach, start + size)
    counts = {gram: len(starts) for gram, starts in occurrences.items()}
    evidence = []
    for start, size in maximal:
        gram = tuple(w.lower for w in words[start : start + size])
        evidence.append(
            _evidence(
                "repeated_phrase_words",
                ctx,
                (start, start + size),
                "repeated phrase",
                f"This {size}-word phrase occurs {counts[gram]} times in the text.",
            )
        )
    return len(covered), evidence


def _slippery_slope(ctx: _Context) -> list[Evidence]:
    lex = _lexicons()
    words = ctx.words
    sentences = ctx.sentences
    found: list[Evidence] = []
    taken: set[int] = set()
    for first, last in _phrase_hits(ctx, lex.slope_phrases):
        taken.add(first)
        found.append(
            _evidence(
                "slippery_slope",
                ctx,
                (first, last),
                "slippery slope",
                "A step-to-the-next-step cue.",
            )
        )
    for chain in lex.slope_chains:
        for index in ctx.positions.get(chain.cues[0][0], ()):
            if index in taken or not _match_at(words, index, chain.matchers[0]):
                continue
            position = index + len(chain.cues[0])
            last_cue = -1
            for cue, cue_set in zip(chain.cues[1:], chain.matchers[1:], strict=True):
                candidates = ctx.positions.get(cue[0], ())
                hit = next(
                    (
                        k
                        for k in candidates[bisect.bisect_left(candidates, position) :]
                        if k <= index + chain.window and _match_at(words, k, cue_set)
                    ),
                    -1,
                )
                if hit < 0:
                    last_cue = -1
                    break
                last_cue = hit
                position = hit + len(cue)
            if last_cue < 0:
                continue
            taken.add(index)
            end = sentences[words[last_cue].sentence].end
            cues = " ... ".join(" ".join(cue) for cue in chain.cues)
            found.append(
                Evidence(
                    "slippery_slope",
                    words[index].start,
                    end,
                    "slippery slope",
                    f"A chain of consequences: '{cues}'.",
                )
            )
    found.sort(key=lambda e: e.start)
    return found


def _us_them(ctx: _Context) -> list[Evidence]:
    lex = _lexicons()
    by_sentence: dict[int, list[_Word]] = defaultdict(list)
    for word in ctx.words:
        if not word.quoted:
            by_sentence[word.sentence].append(word)
    found: list[Evidence] = []
    counted: set[int] = set()
    for sentence_index, own in sorted(by_sentence.items()):
        has_we = any(
            w.base in lex.first_plural and not (w.base == "us" and w.text.isupper()) for w in own
        )
        has_they = any(w.base in lex.third_plural for w in own)
        if has_we and has_they:
            sentence = ctx.sentences[sentence_index]
            counted.add(sentence_index)
            found.append(
                Evidence(
                    "us_them",
                    sentence.start,
                    sentence.end,
                    "us versus them",
                    "The author's voice sets 'we/us/our' beside 'they/them/their'.",
                )
            )
    for first, last in _phrase_hits(ctx, lex.us_them_phrases):
        word = ctx.words[first]
        if word.quoted or word.sentence in counted:
            continue
        counted.add(word.sentence)
        found.append(
            _evidence(
                "us_them",
                ctx,
                (first, last),
                "us versus them",
                "A fixed in-group/out-group phrase.",
            )
        )
    found.sort(key=lambda e: e.start)
    return found


def _index_cues(ctx: _Context) -> list[Evidence]:
    """The -ly adverbs and the plain-reporting cues of the loaded-language index."""
    lex = _lexicons()
    words = ctx.words
    found: list[Evidence] = []
    for index, word in enumerate(words):
        lower = word.lower
        if (
            lower.endswith("ly")
            and len(lower) >= 5
            and lower.isalpha()
            and lower not in lex.ly_non_adverbs
            and (word.text[:1].islower() or word.first_in_sentence)
        ):
            found.append(
                _evidence(
                    "loaded_language_index",
                    ctx,
                    (index, index + 1),
                    "-ly adverb (+1)",
                    "An adverb of manner or degree.",
                )
            )
        elif lower in lex.calendar or _DIGIT.search(lower):
            found.append(
                _evidence(
                    "loaded_language_index",
                    ctx,
                    (index, index + 1),
                    "reporting cue (-1)",
                    "A date, time or figure, typical of plain reporting.",
                )
            )
    for first, last in _phrase_hits(ctx, lex.attribution):
        found.append(
            _evidence(
                "loaded_language_index",
                ctx,
                (first, last),
                "reporting cue (-1)",
                "An attribution verb, typical of plain reporting.",
            )
        )
    return found


# --------------------------------------------------------------------------- public API


def _collect(parsed: ParsedDocument) -> tuple[dict[str, float], list[Evidence]]:
    ctx = _context(parsed)
    n_words = len(ctx.words)
    by_marker: dict[str, list[Evidence]] = {
        "scare_quotes": _scare_quotes(ctx),
        "collective_speaker_quotes": _collective_speakers(ctx),
        **_lexicon_markers(ctx),
        "second_person": _second_person(ctx),
        "rhetorical_questions": _rhetorical_questions(ctx),
        "antitheses": _antitheses(ctx),
        "slippery_slope": _slippery_slope(ctx),
        "us_them": _us_them(ctx),
    }
    repeated_words, repeated_evidence = _repeated_phrases(ctx)
    by_marker["repeated_phrase_words"] = repeated_evidence
    counts = {name: float(len(items)) for name, items in by_marker.items()}
    counts["repeated_phrase_words"] = float(repeated_words)
    index_cues = _index_cues(ctx)
    values: dict[str, float] = {}
    for marker in _MARKERS:
        count = counts[marker.name] if n_words else _NAN
        values[marker.name] = count
        values[f"{marker.name}_per_100"] = 100.0 * count / n_words if n_words else _NAN
    stance = counts["hedges"] + counts["boosters"]
    values["hedge_share"] = counts["hedges"] / stance if n_words and stance else _NAN
    plus = sum(1 for cue in index_cues if cue.label.endswith("(+1)"))
    minus = len(index_cues) - plus
    opinion = counts["loaded_words"] + counts["boosters"] + counts["absolutist_words"] + plus
    values["loaded_language_index"] = 100.0 * (opinion - minus) / n_words if n_words else _NAN
    index_evidence = [
        Evidence("loaded_language_index", e.start, e.end, f"{e.label} (+1)", e.note)
        for name in ("loaded_words", "boosters", "absolutist_words")
        for e in by_marker[name]
    ]
    evidence = [e for items in by_marker.values() for e in items]
    evidence.extend(index_evidence)
    evidence.extend(index_cues)
    evidence.sort(key=lambda e: (e.start, e.end, e.metric))
    return values, evidence


def measure(parsed: ParsedDocument) -> Measurement:
    """Count every rhetorical marker of one parsed text, with its evidence spans.

    Parameters
    ----------
    parsed : ParsedDocument
        The text as parsed by :func:`slant.text.parse`.

    Returns
    -------
    Measurement
        ``values`` holds one float per record of :data:`METRICS`: for each marker the
        count and ``count * 100 / words`` (NaN when the text has no words), plus
        ``hedge_share = hedges / (hedges + boosters)`` (NaN when both are zero) and
        ``loaded_language_index = 100 * (loaded + boosters + absolutist + ly_adverbs -
        reporting_cues) / words``. ``evidence`` holds every counted span in reading
        order; ``parsed.text[e.start:e.end]`` is the exact counted text.

    Notes
    -----
    Word lists and their sources are in ``slant/data/rhetoric_lexicons.yaml``: boosters
    and hedges after Hyland (2005) and VADER's modifier lists (Hutto & Gilbert 2014),
    absolutist words after Al-Mosaiwi & Johnstone (2018), loaded words from the VADER
    lexicon. The loaded-language index was designed from these lexicons without
    fitting to any labelled data and validated on BABE (Spinde et al. 2021); see
    ``docs/validation.md``.
    """
    values, evidence = _collect(parsed)
    return Measurement(family="rhetoric", values=values, evidence=tuple(evidence))


def markers(parsed: ParsedDocument) -> list[Evidence]:
    """Every rhetorical marker span of ``parsed`` in reading order.

    Parameters
    ----------
    parsed : ParsedDocument
        The text as parsed by :func:`slant.text.parse`.

    Returns
    -------
    list of Evidence
        The marker spans (the loaded-language index's cue spans left out, since they
        repeat the loaded-word, booster and absolutist spans), sorted by start offset.
    """
    _, evidence = _collect(parsed)
    return [e for e in evidence if e.metric != "loaded_language_index"]


def loaded_language_scores(parsed: ParsedDocument) -> list[float]:
    """The loaded-language index of each sentence of ``parsed``, in reading order.

    Parameters
    ----------
    parsed : ParsedDocument
        The text as parsed by :func:`slant.text.parse`.

    Returns
    -------
    list of float
        Per sentence, ``100 * (opinion cues - reporting cues) / words`` with the cues of
        :func:`measure`; NaN for a sentence without words.
    """
    _, evidence = _collect(parsed)
    sentences = parsed.sentences
    starts = [s.start for s in sentences]
    net = [0.0] * len(sentences)
    for item in evidence:
        if item.metric != "loaded_language_index":
            continue
        at = bisect.bisect_right(starts, item.start) - 1
        if at >= 0:
            net[at] += -1.0 if item.label.endswith("(-1)") else 1.0
    return [
        100.0 * score / len(s.words) if s.words else _NAN
        for s, score in zip(sentences, net, strict=True)
    ]
