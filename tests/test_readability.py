"""Readability on the segmented prose: textstat's formulas, our sentences, offline."""

from __future__ import annotations

import importlib
import math
import subprocess
import sys
from pathlib import Path

import pytest
import textstat

from slant import load_article, parse
from slant.metrics import readability, registry
from slant.metrics.readability import (
    METRICS,
    easy_words,
    measure,
    naive_readability,
    readability_counts,
)
from slant.syllables import count_syllables, textstat_offline

NAMES = [metric.name for metric in METRICS]

# Texts written for these tests so that textstat's own sentence splitting agrees with the
# parser's: every sentence has three or more words and ends with a full stop, and there
# are no abbreviations, headings or lists.
SHORT_WORDS = "The cat sat on the mat. The dog ran to the park. Birds sang in the tall green trees."
ACADEMIC = (
    "Readability formulas estimate how difficult a passage is to understand. They combine "
    "sentence length with word length. Educators have used them for decades, although "
    "researchers criticise their simplicity. Nevertheless, newspapers still measure their "
    "articles with them."
)
NARRATIVE = (
    "We went home. It was late and the road was dark. My brother drove the car carefully. "
    "Nobody spoke during the journey. At last we saw the lights of our village."
)
CONTRACTIONS = (
    "NATO's officials don't agree with the plan. The well-known proposal failed in 2024 "
    "after a long debate. They haven't decided what they'll do next. Critics say it's a "
    "mistake that we'll regret."
)
# 131 words: Linsear Write reads only the first 100 (which end inside the 8th sentence)
COUNCIL = (
    "The council met on Monday to discuss the new budget. Members argued about the cost "
    "of repairing the old bridge near the river. Some residents wanted a completely new "
    "crossing, while others preferred careful maintenance of the existing structure. The "
    "engineers presented three different options with detailed estimates. The cheapest "
    "option would close the bridge for two months during the summer. The most expensive "
    "option would build a temporary crossing beside the original one. After a long debate "
    "the council postponed its decision until the next meeting. Local businesses expressed "
    "disappointment about the delay and asked for a quick resolution. The mayor promised "
    "that a final vote would take place before the end of the month. Residents will be "
    "invited to comment on the proposals at a public hearing next week."
)
GOLDEN_TEXTS = [SHORT_WORDS, ACADEMIC, NARRATIVE, CONTRACTIONS, COUNCIL]


def textstat_values(text: str) -> dict[str, float]:
    """textstat 0.7.13's public functions: the golden reference."""
    with textstat_offline():
        return {
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


def test_metrics_are_registered_with_complete_metadata() -> None:
    assert len(set(NAMES)) == len(NAMES)
    for metric in METRICS:
        assert registry.get(metric.name) is metric
        assert metric.family == "readability"
        assert metric.definition
        assert metric.direction.startswith("higher means")
        assert metric.nan_when  # every readability value can be undefined
    cited = {m.name for m in METRICS if m.citation}
    assert cited >= set(NAMES[:9])  # the nine formulas cite their source


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("text", GOLDEN_TEXTS)
def test_values_equal_textstat_where_segmentations_agree(text: str) -> None:
    parsed = parse(text)
    with textstat_offline():
        # the precondition that makes textstat the golden reference
        assert len(parsed.sentences) == textstat.sentence_count(text)
        assert len(parsed.words) == textstat.lexicon_count(text)
    ours = measure(parsed).values
    for name, expected in textstat_values(text).items():
        assert ours[name] == pytest.approx(expected, abs=1e-9), name


def test_flesch_by_hand() -> None:
    # 3 sentences, 9 words, 9 syllables (all one-syllable words):
    # 206.835 - 1.015 * 9/3 - 84.6 * 9/9 = 119.19 (Flesch 1948 constants)
    values = measure(parse("The cat sat. The dog ran. A bird sang.")).values
    assert values["flesch_reading_ease"] == pytest.approx(119.19)
    # Flesch-Kincaid: 0.39 * 3 + 11.8 * 1 - 15.59 = -2.62
    assert values["flesch_kincaid_grade"] == pytest.approx(-2.62)
    assert values["words_per_sentence_mean"] == 3.0
    assert values["words_per_sentence_sd"] == 0.0
    assert values["syllables_per_word_sd"] == 0.0


def test_counts_by_hand() -> None:
    counts = readability_counts(parse("Readability matters. The cat sat quietly."))
    assert counts.sentences == 2
    assert counts.words == 6
    assert counts.words_per_sentence == (2, 4)
    # readability 5, matters 2, the 1, cat 1, sat 1, quietly 3 (CMU: K W AY1 AH0 T L IY0)
    assert counts.syllables_per_word == (5, 2, 1, 1, 1, 3)
    assert counts.polysyllables == 2
    # letters: 11 + 7 + 3 + 3 + 3 + 7; characters add the two full stops
    assert counts.letters == 34
    assert counts.characters == 36


def test_emoji_and_dashes_are_neither_words_nor_characters() -> None:
    plain = readability_counts(parse("The old house burned down last night."))
    decorated = readability_counts(parse("🔥 The old house burned down last night."))
    assert decorated.words == plain.words
    assert decorated.characters == plain.characters
    dashed = readability_counts(parse("The old house — burned down last night."))
    assert dashed.words == plain.words
    assert dashed.characters == plain.characters + 1


def test_dale_chall_list_is_textstats_own() -> None:
    with textstat_offline():
        theirs = textstat.backend.utils.get_lang_easy_words("en_US")
    assert easy_words() == theirs
    assert len(easy_words()) > 2900


def test_difficult_and_complex_words() -> None:
    # "important" is on the Dale-Chall list; "escalation" and "Kremlin" are not;
    # only "escalation" also has three or more syllables (Gunning's complex word)
    counts = readability_counts(parse("The important escalation worried the Kremlin."))
    assert "important" in easy_words()
    assert count_syllables("escalation") >= 3 > count_syllables("kremlin")
    assert counts.difficult_words == 3  # escalation, worried, Kremlin ("worried" is inflected)
    assert counts.complex_words == 1


def test_linsear_write_reads_the_first_100_words() -> None:
    counts = readability_counts(parse(COUNCIL))
    assert counts.words == 131
    assert counts.linsear_easy + counts.linsear_hard == 100
    assert counts.linsear_sentences == 8  # the 100th word falls in the 8th sentence
    r = (counts.linsear_easy + 3 * counts.linsear_hard) / counts.linsear_sentences
    expected = r / 2 if r > 20 else (r - 2) / 2
    assert measure(parse(COUNCIL)).values["linsear_write"] == pytest.approx(expected)


def test_consensus_keeps_textstat_band_for_very_easy_text() -> None:
    # Flesch >= 100 votes 13 in textstat's band table; the consensus still follows the
    # majority of the other formulas' votes and is clamped to grade 1 at least
    values = measure(parse(SHORT_WORDS)).values
    assert values["flesch_reading_ease"] > 100
    assert values["consensus_grade"] == textstat_values(SHORT_WORDS)["consensus_grade"]
    assert values["consensus_grade"] >= 1.0


@pytest.mark.parametrize("text", ["", "#", "   \n\t ", "🔥 🚨", "— …"])
def test_degenerate_text_gives_nan_everywhere(text: str) -> None:
    result = measure(parse(text))
    assert list(result.values) == NAMES
    assert all(math.isnan(value) for value in result.values.values())
    assert result.evidence == ()


def test_short_texts_leave_smog_and_consensus_undefined() -> None:
    two = measure(
        parse("The committee postponed its decision. Residents were disappointed.")
    ).values
    assert math.isnan(two["smog_index"])
    assert math.isnan(two["consensus_grade"])
    assert math.isfinite(two["flesch_reading_ease"])
    assert math.isfinite(two["words_per_sentence_sd"])
    three = measure(parse(NARRATIVE)).values
    assert all(math.isfinite(value) for value in three.values())


def test_one_sentence_has_no_spread() -> None:
    values = measure(parse("The committee postponed its decision.")).values
    assert math.isnan(values["words_per_sentence_sd"])
    assert math.isfinite(values["syllables_per_word_sd"])
    one_word = measure(parse("Escalation.")).values
    assert math.isnan(one_word["syllables_per_word_sd"])
    assert math.isfinite(one_word["flesch_reading_ease"])


def test_evidence_points_at_the_counted_words() -> None:
    text = ACADEMIC
    parsed = parse(text)
    result = measure(parsed)
    counts = readability_counts(parsed)
    poly = [e for e in result.evidence if e.metric == "smog_index"]
    hard = [e for e in result.evidence if e.metric == "dale_chall_score"]
    assert len(poly) == counts.polysyllables
    assert len(hard) == counts.difficult_words
    for span in poly:
        assert count_syllables(text[span.start : span.end]) >= 3
        assert span.note.startswith(f"{count_syllables(text[span.start : span.end])} syllables")
    for span in hard:
        assert text[span.start : span.end].lower() not in easy_words()
    assert measure(parsed, evidence=False).evidence == ()
    assert measure(parsed, evidence=False).values == pytest.approx(result.values)


@pytest.mark.usefixtures("no_network")
def test_naive_readability_on_the_seed_counts_fewer_sentences(seed_path: Path) -> None:
    document = load_article(seed_path)
    naive = naive_readability(document.text)
    segmented = readability_counts(parse(document.text))
    assert set(NAMES[:9]) <= set(naive)
    assert {"sentences", "words", "syllables"} <= set(naive)
    # textstat merges list items, headings and short lines into their neighbours
    assert segmented.sentences > naive["sentences"]
    assert all(math.isfinite(value) for value in naive.values())


def test_naive_readability_leaves_no_cached_texts() -> None:
    module = importlib.import_module("textstat.backend.metrics._flesch_reading_ease")
    naive_readability(ACADEMIC)
    assert module.flesch_reading_ease.cache_info().currsize == 0


def test_naive_readability_matches_textstat_and_gives_nan_for_no_words() -> None:
    naive = naive_readability(NARRATIVE)
    reference = textstat_values(NARRATIVE)
    for name, value in reference.items():
        assert naive[name] == pytest.approx(value, abs=1e-12)
    empty = naive_readability("")
    assert math.isnan(empty["flesch_reading_ease"])
    assert empty["words"] == 0.0


def test_measure_does_not_import_textstat() -> None:
    code = (
        "import sys\n"
        "from slant import parse\n"
        "from slant.metrics import readability\n"
        "readability.measure(parse('The cat sat on the mat. It was warm.'))\n"
        "assert 'textstat' not in sys.modules, 'textstat was imported'\n"
        "assert 'nltk' not in sys.modules, 'nltk was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_module_exports() -> None:
    for name in readability.__all__:
        assert hasattr(readability, name)
