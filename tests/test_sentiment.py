"""Sentence-level VADER sentiment, its summaries and actor-targeted sentiment."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from slant import load_article, parse
from slant.metrics import registry, sentiment
from slant.metrics.sentiment import (
    METRICS,
    ActorLexicon,
    actor_sentiment,
    actor_summary,
    arc,
    load_actors,
    measure,
    polarity,
    sentence_scores,
    strongest,
    vader_lexicon,
)

NAMES = [metric.name for metric in METRICS]


@pytest.fixture(scope="module")
def raw_vader() -> SentimentIntensityAnalyzer:
    """A separate, untouched analyzer: what VADER says about a raw string."""
    return SentimentIntensityAnalyzer()


def raw_compound(analyzer: SentimentIntensityAnalyzer, text: str) -> float:
    return float(analyzer.polarity_scores(text)["compound"])


def test_metrics_are_registered() -> None:
    assert len(set(NAMES)) == len(NAMES)
    for metric in METRICS:
        assert registry.get(metric.name) is metric
        assert metric.family == "sentiment"
        assert metric.citation.startswith("Hutto")
        assert metric.comparable


def test_whole_document_saturates_but_sentence_mean_does_not(
    raw_vader: SentimentIntensityAnalyzer,
) -> None:
    text = "This is bad. This is good. " * 30
    # scored as one string, VADER's compound runs to the end of its scale (about -0.98)
    assert raw_compound(raw_vader, text) < -0.95
    values = measure(parse(text)).values
    bad, good = polarity("This is bad.")[0], polarity("This is good.")[0]
    assert bad < -0.5 < 0.4 < good  # -0.5423 and +0.4404 with vaderSentiment 3.3.2
    assert values["sentiment_mean"] == pytest.approx((bad + good) / 2)
    assert abs(values["sentiment_mean"]) < 0.1
    assert values["sentiment_share_negative"] == pytest.approx(0.5)
    assert values["sentiment_share_positive"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("typographic", "plain"),
    [
        ("They don’t like it.", "They don't like it."),
        ("It was good…", "It was good..."),
    ],
)
def test_typography_is_normalized_before_scoring(
    raw_vader: SentimentIntensityAnalyzer, typographic: str, plain: str
) -> None:
    # raw VADER misses the negation in "don’t" (+0.36 vs -0.28) and the word in "good…"
    assert abs(raw_compound(raw_vader, typographic) - raw_compound(raw_vader, plain)) > 0.3
    (curly,) = sentence_scores(parse(typographic))
    (straight,) = sentence_scores(parse(plain))
    assert curly.compound == straight.compound
    assert (curly.pos, curly.neu, curly.neg) == (straight.pos, straight.neu, straight.neg)
    assert curly.compound == raw_compound(raw_vader, plain)


def test_shares_thresholds_and_intensity() -> None:
    text = "This is good. This is bad. The table is brown."
    values = measure(parse(text)).values
    good, bad = polarity("This is good.")[0], polarity("This is bad.")[0]
    assert polarity("The table is brown.")[0] == 0.0
    assert values["sentiment_share_positive"] == pytest.approx(1 / 3)
    assert values["sentiment_share_negative"] == pytest.approx(1 / 3)
    assert values["sentiment_share_neutral"] == pytest.approx(1 / 3)
    assert values["sentiment_median"] == 0.0
    assert values["sentiment_intensity"] == pytest.approx((abs(good) + abs(bad)) / 3)
    # only "This is bad." (-0.54) reaches |compound| >= 0.5
    assert values["sentiment_share_strong"] == pytest.approx(1 / 3)


def test_strong_word_density_and_its_evidence() -> None:
    text = "The war was bad and the peace was good."
    # vader_lexicon.txt: war -2.9, bad -2.5, peace +2.5, good +1.9 (below the 2.0 cut)
    lexicon = vader_lexicon()
    assert (lexicon["war"], lexicon["bad"], lexicon["peace"], lexicon["good"]) == (
        -2.9,
        -2.5,
        2.5,
        1.9,
    )
    result = measure(parse(text))
    assert result.values["sentiment_strong_words_per_100"] == pytest.approx(100 * 3 / 9)
    words = [e for e in result.evidence if e.metric == "sentiment_strong_words_per_100"]
    assert [text[e.start : e.end] for e in words] == ["war", "bad", "peace"]
    assert [e.label for e in words] == [
        "strongly negative word",
        "strongly negative word",
        "strongly positive word",
    ]
    assert "-2.9" in words[0].note


def test_strong_sentences_are_evidence() -> None:
    text = "This is bad. The table is brown. What a wonderful, happy day."
    result = measure(parse(text))
    spans = [e for e in result.evidence if e.metric == "sentiment_share_strong"]
    assert [text[e.start : e.end] for e in spans] == [
        "This is bad.",
        "What a wonderful, happy day.",
    ]
    assert spans[0].label == "strongly negative sentence"
    assert f"{polarity('This is bad.')[0]:+.3f}" in spans[0].note
    assert measure(parse(text), evidence=False).evidence == ()


@pytest.mark.parametrize("text", ["", "#", "  \n ", "🔥", "— …"])
def test_degenerate_text_gives_nan(text: str) -> None:
    parsed = parse(text)
    result = measure(parsed)
    assert list(result.values) == NAMES
    assert all(math.isnan(value) for value in result.values.values())
    assert sentence_scores(parsed) == []
    assert arc(parsed, window=3) == []
    assert strongest(parsed) == []
    assert all(summary.n == 0 for summary in actor_summary(parsed))


def test_sentence_scores_point_into_the_text() -> None:
    text = "The talks failed.\n\nBoth sides blamed each other. Nobody was hurt."
    parsed = parse(text)
    scores = sentence_scores(parsed)
    assert [s.text for s in scores] == [
        "The talks failed.",
        "Both sides blamed each other.",
        "Nobody was hurt.",
    ]
    for score in scores:
        assert text[score.start : score.end] == score.text
        assert score.pos + score.neu + score.neg == pytest.approx(1.0, abs=0.01)
        assert parsed.sentences[score.index].start == score.start
    positions = [s.position for s in scores]
    assert positions == sorted(positions)
    assert 0.0 < positions[0] < positions[-1] < 1.0


def test_arc_smoothing_window() -> None:
    text = "This is bad. The table is brown. This is good. This is great. The door is open."
    parsed = parse(text)
    compounds = [s.compound for s in sentence_scores(parsed)]
    raw = arc(parsed)
    assert [p.smoothed for p in raw] == [p.compound for p in raw] == compounds
    smooth = arc(parsed, window=3)
    assert smooth[0].smoothed == pytest.approx(sum(compounds[:2]) / 2)  # cut short at the start
    assert smooth[2].smoothed == pytest.approx(sum(compounds[1:4]) / 3)
    assert smooth[-1].smoothed == pytest.approx(sum(compounds[-2:]) / 2)
    for bad_window in (0, 2, -1):
        with pytest.raises(ValueError, match="window"):
            arc(parsed, window=bad_window)


def test_strongest() -> None:
    text = "This is bad. The table is brown. This is great. This is good."
    parsed = parse(text)
    assert [s.text for s in strongest(parsed, 1)] == ["This is great."]  # +0.66 vs -0.54
    assert [s.text for s in strongest(parsed, 2, direction="negative")] == ["This is bad."]
    assert [s.text for s in strongest(parsed, 5, direction="positive")] == [
        "This is great.",
        "This is good.",
    ]
    assert strongest(parsed, 0) == []
    with pytest.raises(ValueError, match="n must be"):
        strongest(parsed, -1)
    with pytest.raises(ValueError, match="direction"):
        strongest(parsed, 1, direction="sideways")  # type: ignore[arg-type]


def test_analyzer_is_created_once() -> None:
    assert sentiment._analyzer() is sentiment._analyzer()


# --- actors -----------------------------------------------------------------------------


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "actors.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_default_lexicon() -> None:
    lexicon = load_actors()
    names = [actor.name for actor in lexicon.actors]
    assert names == ["NATO", "Russia", "Ukraine", "Giuseppe Cavo Dragone", "Maria Zakharova"]
    nato = lexicon.actors[0]
    assert set(nato.aliases) == {"NATO", "the alliance", "the West", "Western"}
    assert load_actors() is load_actors()


def test_matching_is_whole_word_and_case_insensitive(tmp_path: Path) -> None:
    lexicon = load_actors(
        write(
            tmp_path,
            "actors:\n  Russia:\n    - Russia\n    - the Kremlin\n  Putin:\n    - Putin's\n",
        )
    )
    text = (
        "Russian troops moved. RUSSIA's envoy spoke. The  Kremlin denied it. "
        "Putin’s aide was silent. Prussia was not mentioned."
    )
    mentions = actor_sentiment(parse(text), lexicon)
    assert [(m.actor, text[m.start : m.end]) for m in mentions] == [
        ("Russia", "RUSSIA"),
        ("Russia", "The  Kremlin"),
        ("Putin", "Putin’s"),
    ]
    assert all(m.alias == text[m.start : m.end] for m in mentions)


def test_longest_alias_wins_and_sentence_counts_once() -> None:
    text = "Adm. Giuseppe Cavo Dragone spoke, and Dragone repeated it. The weather was fine."
    summary = {s.actor: s for s in actor_summary(parse(text))}
    dragone = summary["Giuseppe Cavo Dragone"]
    assert dragone.mentions == 2
    assert [text[e.start : e.end] for e in dragone.evidence] == ["Giuseppe Cavo Dragone", "Dragone"]
    assert dragone.n == len(dragone.sentence_indices) == len(dragone.compounds)
    assert dragone.mean == pytest.approx(sum(dragone.compounds) / dragone.n)
    assert summary["Ukraine"].n == 0
    assert math.isnan(summary["Ukraine"].mean)
    assert summary["Ukraine"].evidence == ()


def test_actor_summary_uses_sentence_scores() -> None:
    text = "Moscow condemned the reckless plan. NATO praised the good cooperation."
    parsed = parse(text)
    scores = {s.index: s.compound for s in sentence_scores(parsed)}
    summary = {s.actor: s for s in actor_summary(parsed)}
    assert summary["Russia"].compounds == (scores[0],)
    assert summary["NATO"].compounds == (scores[1],)
    assert summary["Russia"].mean < 0 < summary["NATO"].mean
    note = summary["NATO"].evidence[0].note
    assert f"{scores[1]:+.3f}" in note


def test_actors_on_the_seed(seed_path: Path) -> None:
    document = load_article(seed_path)
    parsed = parse(document.text)
    summaries = actor_summary(parsed)
    by_name = {s.actor: s for s in summaries}
    assert by_name["NATO"].n >= 10
    assert math.isfinite(by_name["NATO"].mean)
    aliases = {alias.casefold() for actor in load_actors().actors for alias in actor.aliases}
    for summary in summaries:
        for span in summary.evidence:
            assert span.metric == "actor_sentiment"
            assert document.text[span.start : span.end].replace("’", "'").casefold() in aliases
    # actor results never enter the registry metrics
    assert list(measure(parsed).values) == NAMES


def test_empty_lexicon_object_finds_nothing() -> None:
    assert actor_sentiment(parse("NATO met."), ActorLexicon(())) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("actors: [unclosed\n", "not valid YAML"),
        ("- NATO\n- Russia\n", "top-level key 'actors:'"),
        ("people:\n  NATO: [NATO]\n", "top-level key 'actors:'"),
        ("actors:\n  NATO: [NATO]\nextra: 1\n", "top-level key 'actors:'"),
        ("actors: {}\n", "must map each actor"),
        ("actors:\n  NATO: NATO\n", "needs a list of aliases"),
        ("actors:\n  NATO: []\n", "needs a list of aliases"),
        ("actors:\n  Norway:\n    - no\n", "not text"),
        ("actors:\n  NATO: [NATO]\n  Alliance: [nato]\n", "listed for both"),
        ("actors:\n  1: [NATO]\n", "must be text"),
    ],
)
def test_malformed_lexicons_raise_clear_errors(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(ValueError, match=message) as info:
        load_actors(path)
    assert str(path) in str(info.value)


def test_missing_lexicon_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_actors(tmp_path / "absent.yaml")


def test_edited_file_is_reread(tmp_path: Path) -> None:
    path = write(tmp_path, "actors:\n  NATO: [NATO]\n")
    assert [a.name for a in load_actors(path).actors] == ["NATO"]
    path.write_text("actors:\n  EU: [the EU]\n", encoding="utf-8")
    assert [a.name for a in load_actors(path).actors] == ["EU"]
