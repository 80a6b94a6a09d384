"""The one-call analysis: baselines by name or folder, notes, key facts, inputs."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from slant import load_article
from slant.analysis import (
    FACTS_MIN_MENTIONS,
    analyze,
    comparison_tables,
    distinctive_words,
    facts_for,
    load_baseline,
    load_input,
    sentence_lengths,
    slug,
)
from slant.corpus import InputError, read_text
from slant.text import parse


@pytest.fixture(scope="module")
def lee():  # type: ignore[no-untyped-def]
    return load_baseline("lee", progress=False)


def test_lee_baseline_has_no_paragraphs_and_skips_paragraph_metrics(lee, seed_path) -> None:  # type: ignore[no-untyped-def]
    assert lee.n == 300
    assert not lee.paragraphs  # one paragraph per story
    result = analyze(load_article(seed_path), lee)
    skipped = {s.metric: s.reason for s in result.comparison.skipped}
    assert "paragraph_length_mean" in skipped
    assert "no paragraph breaks" in skipped["paragraph_length_mean"]
    assert any("paragraph metrics were not compared" in n for n in result.notes)
    compared = {m.metric for m in result.comparison.metrics}
    assert "sentence_length_mean" in compared
    # raw counts are never compared
    assert "scare_quotes" not in compared
    assert "raw count" in skipped["scare_quotes"]


def test_seed_against_lee_reads_as_measured(lee, seed_path) -> None:  # type: ignore[no-untyped-def]
    result = analyze(load_article(seed_path), lee)
    row = result.comparison.get("sentence_length_mean")
    # the article's sentences (8.2 words on average) are shorter than every Lee story's mean
    assert row.percentile < 1.0
    assert row.reading.startswith("Sentence length")
    assert "Lee news stories" in row.reading
    assert result.distance.value > 0
    assert 0 <= result.distance.percentile <= 100
    assert result.facts is not None  # the seed is about the event of the checklist
    assert len(result.facts.mentioned_ids) >= FACTS_MIN_MENTIONS


def test_control_baseline_is_labelled_as_a_teaching_control() -> None:
    control = load_baseline("control", progress=False)
    assert control.n == 1
    assert "not real coverage" in control.label
    assert control.corpus.documents[0].kind == "control"


def test_coverage_without_fetch_says_so() -> None:
    coverage = load_baseline("coverage", progress=False)
    assert not coverage.available
    assert "not fetched" in coverage.note
    with pytest.raises(InputError, match="holds no documents"):
        analyze(read_text("A short text about something else entirely."), coverage)


def test_folder_baseline_and_errors(tmp_path: Path) -> None:
    for i, text in enumerate(
        [
            "The council met on Monday. It approved the budget, the mayor said.",
            "Police said a man was arrested on Friday. He will appear in court.",
            "The company reported a profit of 3 million dollars, its chief said.",
        ]
    ):
        (tmp_path / f"story{i}.txt").write_text(text, encoding="utf-8")
    folder = load_baseline(tmp_path, progress=False, cache=False)
    assert folder.n == 3
    assert folder.label.startswith(f"folder {tmp_path.name}")
    result = analyze(read_text("Yes, you read that correctly. They are lying!"), folder)
    assert result.comparison.n_documents == 3
    with pytest.raises(InputError, match="not a baseline name"):
        load_baseline(tmp_path / "missing")


def test_facts_apply_only_to_texts_about_the_event(seed_path) -> None:  # type: ignore[no-untyped-def]
    other = parse("The city opened a new library on Monday, the mayor said.")
    assert facts_for(other, "other") is None
    assert facts_for(other, "other", force=True) is not None
    seed = parse(load_article(seed_path).text)
    assert facts_for(seed, "seed", force=False) is None
    assert facts_for(seed, "seed") is not None


def test_load_input_variants(tmp_path: Path, seed_path) -> None:  # type: ignore[no-untyped-def]
    assert load_input("").sha256 == load_article(seed_path).sha256
    pasted = load_input("A pasted text with enough words to be text.\nSecond line.")
    assert pasted.id == "pasted-text"
    assert slug(pasted).startswith("pasted-text-")
    path = tmp_path / "mine.txt"
    path.write_text("My own article text.", encoding="utf-8")
    assert load_input(str(path)).id == "mine"
    with pytest.raises(InputError, match="no such file"):
        load_input("missing-article.txt")


def test_helpers(lee) -> None:  # type: ignore[no-untyped-def]
    parsed = parse("# A heading\n\nOne two three. Four five.")
    assert sentence_lengths(parsed) == [3, 2]  # the heading is left out
    assert len(lee.sentence_lengths()) > 2000
    band = lee.sentiment_band()
    assert list(band["position"].round(2)) == [round(0.05 + 0.1 * i, 2) for i in range(10)]
    assert all(q25 <= q75 for q25, q75 in zip(band["q25"], band["q75"], strict=True))
    result = analyze(read_text("NATO NATO NATO said the alliance said."), lee)
    words = distinctive_words(result.keywords, min_count=2)
    assert "nato" in set(words["word"])
    assert not words["stopword"].any()
    stacked = comparison_tables([result, result])
    assert len(stacked) == 2 * len(result.comparison.metrics)
    assert not math.isnan(result.distance.value)


def test_marker_counts_pairs_each_count_with_its_rate() -> None:
    from slant import tables

    values = {"scare_quotes": 2.0, "scare_quotes_per_100": 1.5, "hedge_share": 0.5}
    frame = tables.marker_counts(values)
    assert list(frame["marker"]) == ["Scare quotes"]
    assert list(frame["count"]) == [2]
    assert list(frame["per_100_words"]) == [1.5]
