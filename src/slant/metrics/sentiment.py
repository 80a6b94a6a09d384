"""Sentence-level sentiment with VADER, its distribution and arc, and actor-targeted sentiment.

VADER (Hutto & Gilbert 2014) is a lexicon-and-rules scorer tuned on short texts. Its
``compound`` score sums word valences and squashes the sum into -1..+1 with
``x / sqrt(x**2 + 15)``, so on a whole document it saturates: a long text of alternating
good and bad sentences scores near -1 or +1. slant therefore scores **each sentence**
separately, on the sentence's normalized text (straight quotes and apostrophes, ``...``
for an ellipsis) because VADER reads ``don't`` as a negation but not ``don’t``, and then
summarizes the distribution of sentence scores.

Sentences scored: every sentence of the parse that holds at least one word token
(headings and list items included, as the parser gives them).

Thresholds (constants below): a sentence is positive when ``compound >= 0.05``, negative
when ``compound <= -0.05`` and neutral otherwise, as the vaderSentiment README and Hutto &
Gilbert (2014) recommend; it is *strong* when ``|compound| >= 0.5``. A word is *strongly
valenced* when its VADER lexicon rating has magnitude at least 2.0 on the lexicon's
-4..+4 scale (the mean of ten human ratings), i.e. at least halfway to the extreme.

Actor-targeted sentiment (:func:`actor_sentiment`, :func:`actor_summary`) reports the scores
of the sentences that mention each actor of an editable lexicon
(``slant/data/actors.yaml``; see :func:`load_actors`). These results depend on the
lexicon, so they are returned separately and are not registry metrics.

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A Parsimonious Rule-based Model for Sentiment
Analysis of Social Media Text. Proceedings of ICWSM-14. vaderSentiment 3.3.2 (lexicon
``vader_lexicon.txt``).
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from slant.metrics.base import Evidence, Measurement
from slant.metrics.registry import Metric, register
from slant.text import ParsedDocument, Sentence

__all__ = [
    "METRICS",
    "NEUTRAL_BAND",
    "STRONG_SENTENCE",
    "STRONG_VALENCE",
    "Actor",
    "ActorLexicon",
    "ActorMention",
    "ActorSummary",
    "ArcPoint",
    "SentenceScore",
    "actor_sentiment",
    "actor_summary",
    "arc",
    "load_actors",
    "measure",
    "polarity",
    "sentence_scores",
    "strongest",
    "vader_lexicon",
]

#: Compound scores strictly between -0.05 and +0.05 are neutral (vaderSentiment README;
#: Hutto & Gilbert 2014).
NEUTRAL_BAND = 0.05
#: A sentence with ``|compound| >= 0.5`` counts as strongly valenced (our choice: half of
#: the compound scale's range on either side).
STRONG_SENTENCE = 0.5
#: A lexicon word with ``|valence| >= 2.0`` counts as strongly valenced (our choice: at
#: least halfway to the extreme of VADER's -4..+4 rating scale; 2,250 of the 7,520 entries).
STRONG_VALENCE = 2.0

_CITE_VADER = (
    "Hutto, C. J., & Gilbert, E. (2014). VADER: A Parsimonious Rule-based Model for "
    "Sentiment Analysis of Social Media Text. ICWSM-14. vaderSentiment 3.3.2."
)
_NAN_NO_SENTENCES = "the text has no sentence with a word"

METRICS: tuple[Metric, ...] = (
    Metric(
        name="sentiment_mean",
        family="sentiment",
        label="Mean sentence sentiment",
        unit="VADER compound (-1 to +1)",
        direction="higher means more positive",
        definition=(
            "The average sentiment score of the sentences, from -1 (very negative) to +1 "
            "(very positive); each sentence is scored on its own."
        ),
        citation=_CITE_VADER,
        finite=False,
        nan_when=_NAN_NO_SENTENCES,
    ),
    Metric(
        name="sentiment_median",
        family="sentiment",
        label="Median sentence sentiment",
        unit="VADER compound (-1 to +1)",
        direction="higher means more positive",
        definition="The middle sentence sentiment score: half the sentences score lower.",
        citation=_CITE_VADER,
        finite=False,
        nan_when=_NAN_NO_SENTENCES,
    ),
    Metric(
        name="sentiment_share_negative",
        family="sentiment",
        label="Negative sentences",
        unit="share of sentences",
        direction="higher means more negative sentences",
        definition="The share of sentences whose sentiment score is -0.05 or lower.",
        citation=_CITE_VADER,
        finite=False,
        nan_when=_NAN_NO_SENTENCES,
    ),
    Metric(
        name="sentiment_share_positive",
        family="sentiment",
        label="Positive sentences",
        unit="share of sentences",
        direction="higher means more positive sentences",
        definition="The share of sentences whose sentiment score is +0.05 or higher.",
        citation=_CITE_VADER,
        finite=False,
        nan_when=_NAN_NO_SENTENCES,
    ),
    Metric(
        name="sentiment_share_neutral",
        family="sentiment",
        label="Neutral sentences",
        unit="share of sentences",
        direction="higher means more sentences without clear sentiment",
        definition="The share of sentences whose sentiment score lies between -0.05 and +0.05.",
        citation=_CITE_VADER,
        finite=False,
        nan_when=_NAN_NO_SENTENCES,
    ),
    Metric(
        name="sentiment_intensity",
        family="sentiment",
        label="Sentiment intensity",
        unit="mean |VADER compound| (0 to 1)",
        direction="higher means more emotionally charged, whether positive or negative",
        definition=(
            "The average strength of sentence sentiment, ignoring its direction, from 0 "
            "(flat) to 1 (extreme)."
        ),
        citation=_CITE_VADER,
        finite=False,
        nan_when=_NAN_NO_SENTENCES,
    ),
    Metric(
        name="sentiment_share_strong",
        family="sentiment",
        label="Strongly charged sentences",
        unit="share of sentences",
        direction="higher means more strongly charged sentences",
        definition="The share of sentences scoring at least 0.5 away from zero, either way.",
        citation=_CITE_VADER,
        finite=False,
        nan_when=_NAN_NO_SENTENCES,
    ),
    Metric(
        name="sentiment_strong_words_per_100",
        family="sentiment",
        label="Strongly charged words",
        unit="per 100 words",
        direction="higher means more strongly charged vocabulary",
        definition=(
            "How many words per 100 carry a strong rating (2 or more away from zero on a "
            "-4 to +4 scale) in the VADER word list, regardless of context."
        ),
        citation=_CITE_VADER,
        finite=False,
        nan_when="the text has no words",
    ),
)

register(*METRICS)

_NAN = float("nan")


@cache
def _analyzer() -> Any:
    """The one shared VADER analyzer (reads its lexicon files once)."""
    return SentimentIntensityAnalyzer()


def vader_lexicon() -> Mapping[str, float]:
    """VADER's word lexicon: lower-case entry -> mean human valence rating (-4..+4).

    Returns
    -------
    Mapping of str to float
        The analyzer's own lexicon (shared; do not modify).
    """
    lexicon: Mapping[str, float] = _analyzer().lexicon
    return lexicon


@lru_cache(maxsize=8192)
def polarity(text: str) -> tuple[float, float, float, float]:
    """VADER's scores for one piece of text, exactly as the analyzer returns them.

    Parameters
    ----------
    text : str
        Normally one normalized sentence (``Sentence.norm``).

    Returns
    -------
    tuple of float
        ``(compound, pos, neu, neg)``: ``compound`` in -1..+1 is the normalized sum of
        valences; ``pos``, ``neu`` and ``neg`` are the shares of the text's sentiment mass.
    """
    scores = _analyzer().polarity_scores(text)
    return (
        float(scores["compound"]),
        float(scores["pos"]),
        float(scores["neu"]),
        float(scores["neg"]),
    )


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """VADER's scores for one sentence.

    Attributes
    ----------
    index : int
        The sentence's position in ``parsed.sentences`` (reading order, from 0).
    start, end : int
        Offsets into the analysed text.
    text : str
        The exact original sentence (``parsed.text[start:end]``).
    compound, pos, neu, neg : float
        VADER's scores on the sentence's normalized text.
    position : float
        Where the sentence sits in the text, 0 (start) to 1 (end): the midpoint of its
        span divided by the text's length.
    """

    index: int
    start: int
    end: int
    text: str
    compound: float
    pos: float
    neu: float
    neg: float
    position: float


def _scored_sentences(parsed: ParsedDocument) -> list[tuple[int, Sentence]]:
    return [
        (index, sentence)
        for index, sentence in enumerate(parsed.sentences)
        if any(token.is_word for token in sentence.tokens)
    ]


def sentence_scores(parsed: ParsedDocument) -> list[SentenceScore]:
    """Score every sentence that holds a word, one by one, on its normalized text.

    Parameters
    ----------
    parsed : ParsedDocument
        The parsed text.

    Returns
    -------
    list of SentenceScore
        In reading order; empty when the text has no sentence with a word.
    """
    length = max(len(parsed.text), 1)
    scores: list[SentenceScore] = []
    for index, sentence in _scored_sentences(parsed):
        compound, pos, neu, neg = polarity(sentence.norm)
        scores.append(
            SentenceScore(
                index=index,
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
                compound=compound,
                pos=pos,
                neu=neu,
                neg=neg,
                position=(sentence.start + sentence.end) / 2 / length,
            )
        )
    return scores


@dataclass(frozen=True, slots=True)
class ArcPoint:
    """One point of the sentiment arc.

    Attributes
    ----------
    index : int
        The sentence's position in ``parsed.sentences``.
    position : float
        Relative position in the text, 0..1 (see :class:`SentenceScore`).
    compound : float
        The sentence's own VADER compound score.
    smoothed : float
        The centred moving average of ``compound`` over the arc's window.
    """

    index: int
    position: float
    compound: float
    smoothed: float


def arc(parsed: ParsedDocument, window: int = 1) -> list[ArcPoint]:
    """The sentiment arc: sentence compound scores against position in the text.

    Smoothing is a centred moving average over ``window`` consecutive scored sentences
    (``window // 2`` on each side); near the start and end the window is cut short and
    averages only the sentences that exist. ``window=1`` leaves the scores unsmoothed.

    Parameters
    ----------
    parsed : ParsedDocument
        The parsed text.
    window : int, default 1
        An odd number of sentences, at least 1.

    Returns
    -------
    list of ArcPoint
        One point per scored sentence, in reading order.

    Raises
    ------
    ValueError
        If ``window`` is not a positive odd integer.
    """
    if isinstance(window, bool) or not isinstance(window, int) or window < 1 or window % 2 == 0:
        msg = f"window must be a positive odd number of sentences, got {window!r}"
        raise ValueError(msg)
    scores = sentence_scores(parsed)
    compounds = [score.compound for score in scores]
    half = window // 2
    points: list[ArcPoint] = []
    for i, score in enumerate(scores):
        neighbours = compounds[max(0, i - half) : i + half + 1]
        points.append(
            ArcPoint(
                score.index, score.position, score.compound, math.fsum(neighbours) / len(neighbours)
            )
        )
    return points


def strongest(
    parsed: ParsedDocument,
    n: int = 5,
    direction: Literal["both", "negative", "positive"] = "both",
) -> list[SentenceScore]:
    """The ``n`` most strongly valenced sentences.

    Parameters
    ----------
    parsed : ParsedDocument
        The parsed text.
    n : int, default 5
        How many sentences to return at most (non-negative).
    direction : {"both", "negative", "positive"}, default "both"
        ``"both"`` ranks by ``|compound|``; ``"negative"`` returns the lowest scores
        below zero; ``"positive"`` the highest above zero.

    Returns
    -------
    list of SentenceScore
        Strongest first; ties keep reading order.

    Raises
    ------
    ValueError
        For a negative ``n`` or an unknown ``direction``.
    """
    if n < 0:
        msg = f"n must be zero or more, got {n}"
        raise ValueError(msg)
    if direction not in ("both", "negative", "positive"):
        msg = f"direction must be 'both', 'negative' or 'positive', got {direction!r}"
        raise ValueError(msg)
    scores = sentence_scores(parsed)
    if direction == "negative":
        return sorted((s for s in scores if s.compound < 0), key=lambda s: s.compound)[:n]
    if direction == "positive":
        return sorted((s for s in scores if s.compound > 0), key=lambda s: -s.compound)[:n]
    return sorted(scores, key=lambda s: -abs(s.compound))[:n]


def _valence_label(value: float) -> str:
    return "strongly positive" if value > 0 else "strongly negative"


def measure(parsed: ParsedDocument, *, evidence: bool = True) -> Measurement:
    """Compute every sentiment metric from per-sentence VADER scores.

    With ``c_i`` the compound score of each of the ``S`` scored sentences and ``W`` words:

    * ``sentiment_mean`` = mean of ``c_i``; ``sentiment_median`` = median of ``c_i``;
    * ``sentiment_share_negative`` = share with ``c_i <= -0.05``,
      ``sentiment_share_positive`` = share with ``c_i >= 0.05``,
      ``sentiment_share_neutral`` = the rest (Hutto & Gilbert 2014 thresholds);
    * ``sentiment_intensity`` = mean of ``|c_i|``;
      ``sentiment_share_strong`` = share with ``|c_i| >= 0.5``;
    * ``sentiment_strong_words_per_100`` = 100 x (words whose lower-case normalized form
      has a VADER lexicon valence of magnitude >= 2.0) / ``W``. This counts lexicon
      entries as they stand, without VADER's negation or intensifier rules.

    Parameters
    ----------
    parsed : ParsedDocument
        The parsed text.
    evidence : bool, default True
        Collect evidence spans: each strong sentence (``sentiment_share_strong``, with its
        compound score in the note) and each strongly valenced word
        (``sentiment_strong_words_per_100``, with its lexicon valence in the note).

    Returns
    -------
    Measurement
        Family ``"sentiment"``; one float per metric in :data:`METRICS`, NaN when the text
        has no sentence with a word.
    """
    values = dict.fromkeys((metric.name for metric in METRICS), _NAN)
    spans: list[Evidence] = []
    compounds: list[float] = []
    lexicon = vader_lexicon()
    n_words = strong_words = 0
    for _, sentence in _scored_sentences(parsed):
        compound = polarity(sentence.norm)[0]
        compounds.append(compound)
        if evidence and abs(compound) >= STRONG_SENTENCE:
            spans.append(
                Evidence(
                    "sentiment_share_strong",
                    sentence.start,
                    sentence.end,
                    f"{_valence_label(compound)} sentence",
                    f"VADER compound score {compound:+.3f} (strong: 0.5 or more from zero).",
                )
            )
        for token in sentence.tokens:
            if not token.is_word:
                continue
            n_words += 1
            valence = lexicon.get(token.norm.lower())
            if valence is not None and abs(valence) >= STRONG_VALENCE:
                strong_words += 1
                if evidence:
                    spans.append(
                        Evidence(
                            "sentiment_strong_words_per_100",
                            token.start,
                            token.end,
                            f"{_valence_label(valence)} word",
                            f"VADER lexicon valence {valence:+.1f} on a -4 to +4 scale.",
                        )
                    )
    if compounds:
        count = len(compounds)
        values["sentiment_mean"] = math.fsum(compounds) / count
        values["sentiment_median"] = statistics.median(compounds)
        values["sentiment_share_negative"] = sum(c <= -NEUTRAL_BAND for c in compounds) / count
        values["sentiment_share_positive"] = sum(c >= NEUTRAL_BAND for c in compounds) / count
        values["sentiment_share_neutral"] = (
            sum(-NEUTRAL_BAND < c < NEUTRAL_BAND for c in compounds) / count
        )
        values["sentiment_intensity"] = math.fsum(abs(c) for c in compounds) / count
        values["sentiment_share_strong"] = sum(abs(c) >= STRONG_SENTENCE for c in compounds) / count
        values["sentiment_strong_words_per_100"] = 100 * strong_words / n_words
    return Measurement("sentiment", values, tuple(spans))


# --- actors -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor: a display name and the words or phrases that mention it."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorLexicon:
    """The actors to look for, in the order they are reported.

    Attributes
    ----------
    actors : tuple of Actor
        Each actor with its aliases (matched case-insensitively, whole words only).
    source : str
        Where the lexicon came from (a path, or the package default).
    """

    actors: tuple[Actor, ...]
    source: str = ""


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor, in a scored sentence.

    Attributes
    ----------
    actor : str
        The actor's display name.
    alias : str
        The exact characters matched in the text.
    start, end : int
        Offsets of the mention in the analysed text.
    sentence_index : int
        The sentence's position in ``parsed.sentences``.
    compound : float
        The VADER compound score of the whole sentence.
    """

    actor: str
    alias: str
    start: int
    end: int
    sentence_index: int
    compound: float


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """Sentiment of the sentences that mention one actor.

    Attributes
    ----------
    actor : str
        The actor's display name.
    n : int
        Sentences mentioning the actor (a sentence counts once however often it does).
    mentions : int
        Mentions in all.
    mean : float
        Mean compound score of those sentences; NaN when ``n == 0``.
    sentence_indices : tuple of int
        The sentences, by position in ``parsed.sentences``.
    compounds : tuple of float
        Their compound scores, in the same order.
    evidence : tuple of Evidence
        One span per mention (metric ``"actor_sentiment"``), the sentence score in the note.
    """

    actor: str
    n: int
    mentions: int
    mean: float
    sentence_indices: tuple[int, ...]
    compounds: tuple[float, ...]
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)


_DEFAULT_ACTORS = "actors.yaml"
_APOSTROPHES = re.compile(r"['’]")
_WHITESPACE = re.compile(r"\s+")


def _alias_key(text: str) -> str:
    """The form under which an alias and a matched span are compared."""
    return _WHITESPACE.sub(" ", _APOSTROPHES.sub("'", text)).strip().casefold()


def _alias_pattern(alias: str) -> str:
    words = alias.split()
    escaped = (_APOSTROPHES.sub("['’]", re.escape(word)) for word in words)
    return r"\s+".join(escaped)


def _parse_actor_lexicon(data: object, source: str) -> ActorLexicon:
    if not isinstance(data, dict) or set(data) != {"actors"}:
        msg = (
            f"{source}: expected exactly one top-level key 'actors:' holding the actors, "
            f"got {sorted(map(str, data)) if isinstance(data, dict) else type(data).__name__}"
        )
        raise ValueError(msg)
    entries = data["actors"]
    if not isinstance(entries, dict) or not entries:
        msg = f"{source}: 'actors:' must map each actor's name to a list of aliases"
        raise ValueError(msg)
    actors: list[Actor] = []
    owner: dict[str, str] = {}
    for name, aliases in entries.items():
        if not isinstance(name, str) or not name.strip():
            msg = f"{source}: actor name {name!r} must be text (put it in quotes)"
            raise ValueError(msg)
        if not isinstance(aliases, list) or not aliases:
            msg = (
                f"{source}: actor {name!r} needs a list of aliases, one per line "
                f"starting with '- ', got {aliases!r}"
            )
            raise ValueError(msg)
        cleaned: list[str] = []
        for alias in aliases:
            if not isinstance(alias, str) or not alias.strip():
                msg = (
                    f"{source}: actor {name!r} has alias {alias!r}, which is not text "
                    f'(put it in quotes, e.g. - "{alias}")'
                )
                raise ValueError(msg)
            key = _alias_key(alias)
            if key in owner:
                msg = (
                    f"{source}: alias {alias!r} is listed for both {owner[key]!r} and "
                    f"{name!r}; each alias may belong to one actor only"
                )
                raise ValueError(msg)
            owner[key] = name
            cleaned.append(alias.strip())
        actors.append(Actor(name.strip(), tuple(cleaned)))
    return ActorLexicon(tuple(actors), source)


def _read_lexicon_text(text: str, source: str) -> ActorLexicon:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        msg = f"{source}: not valid YAML ({exc})"
        raise ValueError(msg) from exc
    return _parse_actor_lexicon(data, source)


@cache
def _default_lexicon() -> ActorLexicon:
    resource = resources.files("slant").joinpath("data").joinpath(_DEFAULT_ACTORS)
    return _read_lexicon_text(resource.read_text(encoding="utf-8"), "slant/data/actors.yaml")


def load_actors(path: str | Path | None = None) -> ActorLexicon:
    """Load an actor lexicon from YAML (the package's ``data/actors.yaml`` by default).

    The file holds one top-level key, ``actors:``, mapping each actor's display name to a
    list of aliases (words or phrases); see the comment header of the default file.

    Parameters
    ----------
    path : str or Path or None, default None
        The YAML file; ``None`` loads the default lexicon shipped with slant (read once
        and cached; a given path is read on every call, so edits show up).

    Returns
    -------
    ActorLexicon
        The actors, in file order.

    Raises
    ------
    ValueError
        If the file is not valid YAML or its structure is wrong; the message names the
        file and the offending entry.
    FileNotFoundError
        If ``path`` does not exist.
    """
    if path is None:
        return _default_lexicon()
    file = Path(path)
    return _read_lexicon_text(file.read_text(encoding="utf-8"), str(file))


@lru_cache(maxsize=32)
def _actor_matcher(lexicon: ActorLexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    """One compiled pattern for all aliases (longest first) and the alias -> actor map."""
    owner = {_alias_key(alias): actor.name for actor in lexicon.actors for alias in actor.aliases}
    aliases = sorted(
        (alias for actor in lexicon.actors for alias in actor.aliases), key=len, reverse=True
    )
    alternation = "|".join(_alias_pattern(alias) for alias in aliases)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), owner


def actor_sentiment(
    parsed: ParsedDocument, actors: ActorLexicon | None = None
) -> list[ActorMention]:
    """Find every mention of every actor and attach its sentence's VADER score.

    Matching is case-insensitive and whole-word (a phrase's words may be separated by any
    whitespace; straight and curly apostrophes match each other). Overlapping aliases
    resolve to the longest. Only scored sentences (holding a word) are searched.

    Parameters
    ----------
    parsed : ParsedDocument
        The parsed text.
    actors : ActorLexicon or None, default None
        The lexicon; ``None`` uses :func:`load_actors` ``()``.

    Returns
    -------
    list of ActorMention
        In reading order.
    """
    lexicon = load_actors() if actors is None else actors
    if not lexicon.actors:
        return []
    pattern, owner = _actor_matcher(lexicon)
    mentions: list[ActorMention] = []
    for index, sentence in _scored_sentences(parsed):
        found = list(pattern.finditer(sentence.text))
        if not found:
            continue
        compound = polarity(sentence.norm)[0]
        mentions.extend(
            ActorMention(
                actor=owner[_alias_key(match.group())],
                alias=match.group(),
                start=sentence.start + match.start(),
                end=sentence.start + match.end(),
                sentence_index=index,
                compound=compound,
            )
            for match in found
        )
    return mentions


def actor_summary(parsed: ParsedDocument, actors: ActorLexicon | None = None) -> list[ActorSummary]:
    """Per actor: the sentences that mention it, their scores and their mean.

    Parameters
    ----------
    parsed : ParsedDocument
        The parsed text.
    actors : ActorLexicon or None, default None
        The lexicon; ``None`` uses the default.

    Returns
    -------
    list of ActorSummary
        One per actor in lexicon order, including actors never mentioned (``n == 0``,
        mean NaN).
    """
    lexicon = load_actors() if actors is None else actors
    by_actor: dict[str, list[ActorMention]] = {actor.name: [] for actor in lexicon.actors}
    for mention in actor_sentiment(parsed, lexicon):
        by_actor[mention.actor].append(mention)
    summaries: list[ActorSummary] = []
    for name, mentions in by_actor.items():
        per_sentence = {m.sentence_index: m.compound for m in mentions}
        compounds = tuple(per_sentence.values())
        evidence = tuple(
            Evidence(
                "actor_sentiment",
                m.start,
                m.end,
                name,
                f"Mentioned in a sentence with VADER compound score {m.compound:+.3f}.",
            )
            for m in mentions
        )
        summaries.append(
            ActorSummary(
                actor=name,
                n=len(compounds),
                mentions=len(mentions),
                mean=math.fsum(compounds) / len(compounds) if compounds else _NAN,
                sentence_indices=tuple(per_sentence),
                compounds=compounds,
                evidence=evidence,
            )
        )
    return summaries
