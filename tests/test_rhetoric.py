"""Tests for slant.metrics.rhetoric.

Every expected count below is a hand count of the example sentence under the marker's
operational definition (the registry ``definition``); VADER ratings quoted in comments
are the entries of vader_lexicon.txt (vaderSentiment 3.3.2).
"""

from __future__ import annotations

import math

import pytest

from slant.metrics import registry, rhetoric
from slant.text import parse


def _values(text: str) -> dict[str, float]:
    return dict(rhetoric.measure(parse(text)).values)


def _spans(text: str, metric: str) -> list[str]:
    parsed = parse(text)
    return [
        parsed.text[e.start : e.end]
        for e in rhetoric.measure(parsed).evidence
        if e.metric == metric
    ]


# --------------------------------------------------------------------------- registry


def test_every_metric_is_registered_once_with_one_value() -> None:
    names = [m.name for m in rhetoric.METRICS]
    assert len(names) == len(set(names))
    values = _values("You read that correctly.")
    assert set(values) == set(names)
    for metric in rhetoric.METRICS:
        assert registry.get(metric.name) == metric
        assert metric.family == "rhetoric"
        assert metric.definition


def test_counts_are_not_comparable_and_rates_are() -> None:
    for metric in rhetoric.METRICS:
        if metric.unit == "count":
            assert not metric.comparable
            assert registry.get(f"{metric.name}_per_100").comparable


@pytest.mark.parametrize("text", ["", "#", "   \n\n  "])
def test_text_without_words_gives_nan_and_no_evidence(text: str) -> None:
    measurement = rhetoric.measure(parse(text))
    assert all(math.isnan(v) for v in measurement.values.values())
    assert measurement.evidence == ()
    assert rhetoric.markers(parse(text)) == []


def test_rate_is_count_per_100_words() -> None:
    # 6 words (You know it You really do), 2 second-person words -> 200 / 6
    values = _values("You know it. You really do.")
    assert values["second_person"] == 2
    assert values["second_person_per_100"] == pytest.approx(200 / 6)


# --------------------------------------------------------------------------- scare quotes


def test_scare_quote_positive() -> None:
    text = "The plan was framed as “defensive action” by the alliance."
    assert _spans(text, "scare_quotes") == ["“defensive action”"]


@pytest.mark.parametrize(
    "text",
    [
        "He said: “We will win.”",  # introduced by a colon
        "“Disgusting,” he said.",  # a speech verb follows
        "Critics said the law was “unfair”.",  # a speech verb within four words before
        "The report asked for “a complete and total review of every policy” soon.",  # long
        "“Enough.”",  # the quotation is the whole text
    ],
)
def test_scare_quote_negative(text: str) -> None:
    assert _values(text)["scare_quotes"] == 0


# --------------------------------------------------------------------------- speakers


def test_collective_speaker_across_blocks() -> None:
    text = "If things go wrong, leaders can say:\n\n“We warned you.”"
    assert _spans(text, "collective_speaker_quotes") == ["leaders can say:\n\n“We warned you.”"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Critics would say “this is a disaster.”", 1),  # group and modal
        ("The West is signaling: “We are ready.”", 1),  # group
        ("Smith would say “this is a disaster.”", 1),  # modal: a hypothetical speaker
        ("Smith said: “We warned you.”", 0),  # named speaker, no modal
        ("Leaders can say whatever they want.", 0),  # no quotation follows
    ],
)
def test_collective_speaker(text: str, expected: int) -> None:
    assert _values(text)["collective_speaker_quotes"] == expected


# --------------------------------------------------------------------------- stance words


def test_boosters() -> None:
    text = "This is clearly and obviously a very bad idea, in fact."
    assert _spans(text, "boosters") == ["clearly", "obviously", "very", "in fact"]
    assert _values("The committee met on Tuesday.")["boosters"] == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It may rain; perhaps it could snow, and it appears cold.", 4),
        ("About 20 people came.", 1),  # an approximator before a number
        ("They talked about the plan.", 0),  # "about" as a preposition
        ("The vote is in May.", 0),  # the month
        ("The committee met on Tuesday.", 0),
    ],
)
def test_hedges(text: str, expected: int) -> None:
    assert _values(text)["hedges"] == expected


def test_hedge_share() -> None:
    assert _values("It may be clearly wrong.")["hedge_share"] == pytest.approx(0.5)
    assert _values("It may be wrong.")["hedge_share"] == 1.0
    assert math.isnan(_values("The cat sat on the mat.")["hedge_share"])


def test_absolutist_words() -> None:
    text = "Everyone always lies and nothing ever changes."
    assert _spans(text, "absolutist_words") == ["Everyone", "always", "nothing", "ever"]
    assert _values("Some people sometimes lie.")["absolutist_words"] == 0


# --------------------------------------------------------------------------- address, questions


def test_second_person_outside_quotations_only() -> None:
    assert _spans("Yes, you read that correctly.", "second_person") == ["you"]
    assert _values("He said: “You will regret this.”")["second_person"] == 0


def test_rhetorical_questions() -> None:
    assert _spans("Who benefits from this war? Nobody.", "rhetorical_questions") == [
        "Who benefits from this war?"
    ]
    assert _values("He asked: “Is it safe?”")["rhetorical_questions"] == 0
    assert _values("It is safe.")["rhetorical_questions"] == 0


# --------------------------------------------------------------------------- loaded words


def test_loaded_words() -> None:
    # VADER: reckless -1.7, disaster -3.1 (both at least 1.5 away from 0); plan unrated
    assert _spans("The reckless plan was a disaster.", "loaded_words") == ["reckless", "disaster"]
    # like (1.5), party (1.7) and yes (1.7) are rated but excluded as not evaluative in news
    assert _values("Yes, it was like a party.")["loaded_words"] == 0
    # warned is rated -1.1: below the threshold
    assert _values("He warned them.")["loaded_words"] == 0


# --------------------------------------------------------------------------- antithesis


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The obstacle is legal, not moral.", "legal, not moral"),
        ("It moves toward confrontation — not resolution.", "confrontation — not resolution"),
        ("It was not a war but a rescue.", "not a war but a rescue"),
        ("This is not defense.\n\nThis is attack.", "This is not defense.\n\nThis is attack."),
    ],
)
def test_antithesis_positive(text: str, span: str) -> None:
    assert _spans(text, "antitheses") == [span]


@pytest.mark.parametrize(
    "text",
    [
        "He is not only rich, but also famous.",
        "Legally, not yet.",
        "This is not defense. That is attack.",
        "It is not clear.",
    ],
)
def test_antithesis_negative(text: str) -> None:
    assert _values(text)["antitheses"] == 0


# --------------------------------------------------------------------------- repetition


def test_repeated_phrase_words() -> None:
    # "the red line" twice: 6 covered words out of 10
    text = "The red line was crossed. Then the red line moved."
    values = _values(text)
    assert values["repeated_phrase_words"] == 6
    assert values["repeated_phrase_words_per_100"] == pytest.approx(60.0)
    assert _spans(text, "repeated_phrase_words") == ["The red line", "the red line"]


def test_repeated_phrase_keeps_the_longest_and_ignores_function_words() -> None:
    text = "We hold the red line now. They hold the red line now."
    # "hold the red line now" (5 words) occurs twice: 10 covered words, two maximal spans
    assert _spans(text, "repeated_phrase_words") == [
        "hold the red line now",
        "hold the red line now",
    ]
    assert _values("It is in the. It is in the.")["repeated_phrase_words"] == 0


# --------------------------------------------------------------------------- slippery slope


def test_slippery_slope_chain_across_blocks() -> None:
    text = (
        "If nobody acts now,\n\ntomorrow it becomes policy —\n\n"
        "and the day after, it becomes action."
    )
    assert _spans(text, "slippery_slope") == [
        "tomorrow it becomes policy —\n\nand the day after, it becomes action."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Today it is a rule; tomorrow it is a law.", 1),
        ("Before long, everyone will be watched.", 1),
        ("It starts with a tax and it ends with a ban.", 1),
        ("The meeting is tomorrow.", 0),
        ("The first vote came before the second.", 0),
    ],
)
def test_slippery_slope(text: str, expected: int) -> None:
    assert _values(text)["slippery_slope"] == expected


# --------------------------------------------------------------------------- us and them


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We work hard while they take everything.", 1),
        ("It is us versus them.", 1),
        ("We work hard.", 0),
        ("They said: “We will stay.”", 0),  # the "we" is quoted
        ("The US and their allies met.", 0),  # US is the country
    ],
)
def test_us_them(text: str, expected: int) -> None:
    assert _values(text)["us_them"] == expected


# --------------------------------------------------------------------------- index


def test_loaded_language_index_reporting_sentence() -> None:
    # 8 words; reporting cues: said, Monday, 20 -> (0 - 3) * 100 / 8
    text = "Officials said on Monday that 20 people attended."
    assert _values(text)["loaded_language_index"] == pytest.approx(-37.5)


def test_loaded_language_index_opinion_sentence() -> None:
    # 7 words: This totally reckless plan is clearly insane.
    # totally = booster + absolutist + -ly adverb (3); clearly = booster + -ly adverb +
    # loaded, VADER +1.7 (3); reckless (-1.7) and insane (-1.7) are loaded (2):
    # 8 cues, no reporting cue -> 800 / 7
    text = "This totally reckless plan is clearly insane."
    assert _values(text)["loaded_language_index"] == pytest.approx(800 / 7)
    scores = rhetoric.loaded_language_scores(
        parse(
            "This totally reckless plan is clearly insane. "
            "Officials said on Monday that 20 people attended."
        )
    )
    assert scores == [pytest.approx(800 / 7), pytest.approx(-37.5)]


# --------------------------------------------------------------------------- evidence


SAMPLE = (
    "Now officials are openly discussing a strike — framed as “defensive action.”\n\n"
    "Yes, you read that correctly.\n\n"
    "The main obstacle is legal, not moral.\n\n"
    "If escalation happens, leaders can say:\n\n“We warned this might be necessary.”"
)


def test_evidence_spans_are_exact_and_in_reading_order() -> None:
    parsed = parse(SAMPLE)
    found = rhetoric.markers(parsed)
    assert found == sorted(found, key=lambda e: (e.start, e.end, e.metric))
    assert all(e.metric != "loaded_language_index" for e in found)
    assert {e.metric for e in found} >= {
        "boosters",
        "scare_quotes",
        "second_person",
        "antitheses",
        "collective_speaker_quotes",
    }
    for item in rhetoric.measure(parsed).evidence:
        assert 0 <= item.start < item.end <= len(SAMPLE)
        assert SAMPLE[item.start : item.end].strip()
    counted = rhetoric.measure(parsed).values
    for metric in ("boosters", "scare_quotes", "second_person", "antitheses"):
        assert counted[metric] == sum(1 for e in found if e.metric == metric)
