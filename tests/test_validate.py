"""Tests for slant.validate on small labelled files written by the tests themselves.

The file format is BABE's (Spinde et al. 2021): semicolon-separated, UTF-8 with a BOM,
columns text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words.
Expected AUCs are counted by hand over all (Biased, Non-biased) pairs.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from slant import validate

HEADER = [
    "text",
    "news_link",
    "outlet",
    "topic",
    "type",
    "label_bias",
    "label_opinion",
    "biased_words",
]

# loaded_language_index per sentence (hand counts, see tests/test_rhetoric.py):
#   row 1: 8 opinion cues / 7 words -> +114.3     (Biased)
#   row 2: reckless, disaster / 6 words -> +33.3   (Biased)
#   row 3: said, Monday, 20 / 8 words -> -37.5     (Non-biased)
#   row 4: no cue / 3 words -> 0                   (Non-biased)
ROWS = [
    ("This totally reckless plan is clearly insane.", "Biased", "['reckless', 'insane']"),
    ("The reckless plan was a disaster.", "Biased", "['disaster']"),
    ("Officials said on Monday that 20 people attended.", "Non-biased", "[]"),
    ("The committee met.", "Non-biased", "[]"),
    ("Nobody could agree on this one.", "No agreement", "[]"),
]


def _write(path: Path, rows: list[tuple[str, str, str]], delimiter: str = ";") -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(HEADER)
        for text, label, words in rows:
            writer.writerow(
                [text, "https://example.invalid", "Outlet", "topic", "left", label, "", words]
            )
    return path


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    return _write(tmp_path / "labelled.csv", ROWS)


# --------------------------------------------------------------------------- AUC


def test_auc_counts_ties_as_half() -> None:
    # pairs (pos, neg): 0.9>0.4, 0.9>0.1, 0.4=0.4 (1/2), 0.4>0.1 -> 3.5 / 4
    assert validate.auc([0.9, 0.4, 0.4, 0.1], [True, True, False, False]) == pytest.approx(0.875)


def test_auc_extremes_and_nan() -> None:
    assert validate.auc([1, 2], [False, True]) == 1.0
    assert validate.auc([1, 2], [True, False]) == 0.0
    assert validate.auc([3, 3, 3], [True, False, False]) == 0.5
    # the NaN pair is left out: 2 > 1 -> 1.0
    assert validate.auc([2, math.nan, 1], [True, True, False]) == 1.0
    assert math.isnan(validate.auc([1, 2], [True, True]))


def test_bootstrap_ci_is_seeded_and_brackets_the_auc() -> None:
    scores = [0.9, 0.8, 0.3, 0.6, 0.2, 0.5, 0.7, 0.1]
    labels = [True, True, True, True, False, False, False, False]
    first = validate.bootstrap_auc_ci(scores, labels, n_resamples=300, seed=7)
    again = validate.bootstrap_auc_ci(scores, labels, n_resamples=300, seed=7)
    assert first == again
    low, high = first
    assert 0.0 <= low <= validate.auc(scores, labels) <= high <= 1.0
    assert low < high


# --------------------------------------------------------------------------- the file


def test_read_labelled_skips_other_labels(labelled: Path) -> None:
    sentences, skipped = validate.read_labelled(labelled)
    assert skipped == 1
    assert [s.biased for s in sentences] == [True, True, False, False]
    assert sentences[0].biased_words == ("reckless", "insane")
    assert sentences[0].text == ROWS[0][0]  # the BOM is not part of the first column


def test_validate_file_hand_computed(labelled: Path) -> None:
    report = validate.validate_file(labelled, n_resamples=200, seed=1)
    assert (report.n_biased, report.n_non_biased, report.n_skipped) == (2, 2, 1)
    by_name = {s.name: s for s in report.scores}
    # both Biased rows score above both Non-biased rows: 4 of 4 pairs
    index = by_name["loaded_language_index"]
    assert index.auc == 1.0
    assert index.n == 4
    # every resample that holds both classes keeps the perfect order
    assert (index.ci_low, index.ci_high) == (1.0, 1.0)
    # no row addresses the reader: all four scores tie at 0 -> 0.5
    assert by_name["second_person_per_100"].auc == 0.5
    assert {"vader_abs_compound", "vader_lexicon_words"} <= set(by_name)
    assert all(0.0 <= s.auc <= 1.0 for s in report.scores if not math.isnan(s.auc))


def test_word_level_scores(labelled: Path) -> None:
    report = validate.validate_file(labelled, n_resamples=10)
    words = {w.name: w for w in report.words}
    # loaded words: row 1 {reckless, clearly, insane} vs {reckless, insane}: tp 2, fp 1;
    # row 2 {reckless, disaster} vs {disaster}: tp 1, fp 1; rows 3-4 flag nothing
    loaded = words["loaded_words"]
    assert (loaded.true_positives, loaded.false_positives, loaded.false_negatives) == (3, 2, 0)
    assert loaded.precision == pytest.approx(0.6)
    assert loaded.recall == 1.0
    assert loaded.f1 == pytest.approx(0.75)
    # adding boosters and absolutist words adds "totally" in row 1: tp 3, fp 3
    cues = words["opinion_cues"]
    assert (cues.true_positives, cues.false_positives, cues.false_negatives) == (3, 3, 0)
    assert cues.f1 == pytest.approx(2 * 0.5 * 1.0 / 1.5)


def test_format_report_cites_babe(labelled: Path) -> None:
    text = validate.format_report(validate.validate_file(labelled, n_resamples=10))
    assert "10.18653/v1/2021.findings-emnlp.101" in text
    assert "Spinde" in text
    assert "loaded_language_index" in text
    assert str(labelled) in text


# --------------------------------------------------------------------------- bad input


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(ValueError, match=r"nope\.csv: no such file"):
        validate.validate_file(missing)


def test_wrong_delimiter(tmp_path: Path) -> None:
    path = _write(tmp_path / "commas.csv", ROWS, delimiter=",")
    with pytest.raises(ValueError, match=r"commas\.csv: expected semicolon-separated.*commas"):
        validate.validate_file(path)


def test_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("text;label_bias\nA sentence.;Biased\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"short\.csv: missing column\(s\) biased_words"):
        validate.validate_file(path)


def test_malformed_word_list(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.csv", [("A sentence.", "Biased", "['oops"), *ROWS[2:]])
    with pytest.raises(ValueError, match=r"bad\.csv: line 2: biased_words"):
        validate.validate_file(path)


def test_word_list_is_never_executed(tmp_path: Path) -> None:
    path = _write(tmp_path / "code.csv", [("A sentence.", "Biased", "__import__('os')"), *ROWS[2:]])
    with pytest.raises(ValueError, match="biased_words"):
        validate.validate_file(path)


def test_one_class_only(tmp_path: Path) -> None:
    path = _write(tmp_path / "one.csv", ROWS[:2])
    with pytest.raises(ValueError, match=r"one\.csv: needs at least one"):
        validate.validate_file(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match=r"empty\.csv: empty file"):
        validate.validate_file(path)


@pytest.mark.parametrize(("option", "value"), [("level", 1.5), ("n_resamples", 0)])
def test_bad_options(labelled: Path, option: str, value: float) -> None:
    with pytest.raises(ValueError, match=option):
        validate.validate_file(labelled, **{option: value})  # type: ignore[arg-type]
