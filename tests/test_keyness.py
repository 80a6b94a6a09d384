"""Keyness: the log-odds ratio with an informative Dirichlet prior, checked by hand."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from slant.keyness import (
    STOPWORDS,
    TABLE_COLUMNS,
    Z_95,
    KeyWord,
    keyness_table,
    log_odds,
    occurrences,
    top,
    word_counts,
)
from slant.text import parse

# A vocabulary small enough to work out on paper (Monroe, Colaresi & Quinn 2008,
# Political Analysis 16(4)); none of the three words is a stop word:
#   target    war:3 peace:1           n_i = 4
#   reference war:1 peace:2 ship:1    n_j = 4
#   prior = target + reference = war:4 peace:3 ship:1 (total 8); alpha0 = 8, so the prior
#   counts are a_war = 8 * 4/8 = 4, a_peace = 3, a_ship = 1.
# war:   target odds (3+4)/(4+8-3-4) = 7/5, reference odds (1+4)/(4+8-1-4) = 5/7
#        delta = ln(7/5) - ln(5/7) = 2 ln 1.4 = 0.672944473242
#        var = 1/7 + 1/5 = 12/35;  z = 0.672944473242 / 0.585540044 = 1.149271481
# peace: target odds (1+3)/(4+8-1-3) = 1/2, reference odds (2+3)/(4+8-2-3) = 5/7
#        delta = ln(1/2) - ln(5/7) = ln(7/10) = -0.356674943939
#        var = 1/4 + 1/5 = 9/20;  z = -0.356674943939 / 0.670820393 = -0.531699614
# ship:  target odds (0+1)/(4+8-0-1) = 1/11, reference odds (1+1)/(4+8-1-1) = 1/5
#        delta = ln(1/11) - ln(1/5) = ln(5/11) = -0.788457360364
#        var = 1/1 + 1/2 = 3/2;  z = -0.788457360364 / 1.224744871 = -0.643772739
# (fractions by hand; decimals with a calculator)
HAND_TARGET = Counter({"war": 3, "peace": 1})
HAND_REFERENCE = Counter({"war": 1, "peace": 2, "ship": 1})
HAND_EXPECTED = {
    "war": (2 * math.log(7 / 5), 12 / 35),
    "peace": (math.log(7 / 10), 9 / 20),
    "ship": (math.log(5 / 11), 3 / 2),
}


def test_hand_computed_case() -> None:
    keywords = log_odds(HAND_TARGET, HAND_REFERENCE, alpha0=8)
    assert [k.word for k in keywords] == ["war", "peace", "ship"]  # z: 1.15 > -0.53 > -0.64
    by_word = {k.word: k for k in keywords}
    for word, (delta, variance) in HAND_EXPECTED.items():
        k = by_word[word]
        assert k.delta == pytest.approx(delta, abs=1e-9)
        assert k.variance == pytest.approx(variance, abs=1e-9)
        assert k.z == pytest.approx(delta / math.sqrt(variance), abs=1e-9)
    # decimal values from the comment above, to catch a slip in the closed forms too
    assert by_word["war"].z == pytest.approx(1.149271481, abs=1e-9)
    assert by_word["peace"].z == pytest.approx(-0.531699614, abs=1e-9)
    assert by_word["ship"].z == pytest.approx(-0.643772739, abs=1e-9)
    # counts and rates per 1,000 words: war is 3 of 4 target words, 1 of 4 reference words
    assert (by_word["war"].count_target, by_word["war"].count_reference) == (3, 1)
    assert by_word["war"].rate_target == pytest.approx(750.0)
    assert by_word["war"].rate_reference == pytest.approx(250.0)
    assert by_word["ship"].rate_target == 0.0


def test_explicit_prior_is_used_instead_of_the_two_sides() -> None:
    # prior war:1 peace:1 ship:2 (total 4), alpha0 = 8: a_war = 8 * 1/4 = 2. word war:
    # delta = ln((3+2)/(4+8-3-2)) - ln((1+2)/(4+8-1-2)) = ln(5/7) - ln(3/9) = ln(15/7)
    prior = Counter(war=1, peace=1, ship=2)
    keywords = log_odds(HAND_TARGET, HAND_REFERENCE, prior=prior, alpha0=8)
    war = next(k for k in keywords if k.word == "war")
    assert war.delta == pytest.approx(math.log(15 / 7), abs=1e-9)
    assert war.variance == pytest.approx(1 / 5 + 1 / 3, abs=1e-9)


def test_log10_would_shrink_z_and_misplace_the_cutoff() -> None:
    # target x:30 y:10, reference x:10 y:30, alpha0 = 80 -> a_x = a_y = 40.
    # word x: ln((30+40)/(40+80-30-40)) - ln((10+40)/(40+80-10-40)) = 2 ln(7/5)
    #         var = 1/70 + 1/50 = 0.0342857; z = 0.672944473 / 0.185164020 = 3.634315530
    keywords = log_odds(Counter(x=30, y=10), Counter(x=10, y=30), alpha0=80)
    x = next(k for k in keywords if k.word == "x")
    assert x.z == pytest.approx(2 * math.log(7 / 5) / math.sqrt(1 / 70 + 1 / 50), abs=1e-9)
    # the same formula written with base-10 logarithms
    delta10 = math.log10(70 / 50) - math.log10(50 / 70)
    z10 = delta10 / math.sqrt(1 / 70 + 1 / 50)
    assert z10 == pytest.approx(x.z * 0.4343, rel=1e-4)
    assert z10 == pytest.approx(x.z * math.log10(math.e), abs=1e-12)
    # a clear difference at the 5% level in natural logs looks like noise in base 10
    assert x.z > Z_95 > z10


def test_stopwords_are_counted_but_left_out_of_top_lists() -> None:
    target = word_counts("The the the the the cat sat. The cat sat on the mat.")
    reference = word_counts("A dog ran. A dog ran home.")
    assert target["the"] == 7  # hand count: five in the first sentence, two in the second
    assert "the" in STOPWORDS
    keywords = log_odds(target, reference)
    assert keywords[0].word == "the"  # the most characteristic word of all, by z
    shown = [k.word for k in top(keywords, 5)]
    assert "the" not in shown
    assert shown[:2] == ["cat", "sat"]  # both 2 vs 0; equal z, so alphabetical
    assert [k.word for k in top(keywords, 1, exclude_stopwords=False)] == ["the"]
    # n_i counts every word, stop words included: "cat" is 2 of 13 target words
    cat = next(k for k in keywords if k.word == "cat")
    assert cat.rate_target == pytest.approx(1000 * 2 / 13)


def test_top_reference_side_min_count_and_min_abs_z() -> None:
    keywords = log_odds(HAND_TARGET, HAND_REFERENCE, alpha0=8)
    # reference side: negative z, most negative first (ship at -0.64, then peace at -0.53)
    assert [k.word for k in top(keywords, 5, side="reference", min_count=1)] == ["ship", "peace"]
    assert [k.word for k in top(keywords, 5, side="reference", min_count=2)] == ["peace"]
    assert [k.word for k in top(keywords, 5, min_count=1)] == ["war"]
    assert top(keywords, 5, min_count=1, min_abs_z=Z_95) == []
    assert top(keywords, 0) == []
    with pytest.raises(ValueError, match="side"):
        top(keywords, 3, side="middle")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n must be"):
        top(keywords, -1)


def test_ordering_is_deterministic() -> None:
    # two words with identical statistics tie on z; the word breaks the tie
    forward = Counter({"beta": 2, "alpha": 2, "gamma": 1})
    backward = Counter({"gamma": 1, "alpha": 2, "beta": 2})
    reference = Counter({"gamma": 3, "delta": 1})
    first = log_odds(forward, reference)
    second = log_odds(backward, Counter({"delta": 1, "gamma": 3}))
    assert first == second
    assert [k.word for k in first][:2] == ["alpha", "beta"]
    assert first[0].z == first[1].z
    table = keyness_table(reversed(first))
    assert tuple(table.columns) == TABLE_COLUMNS
    assert list(table["word"]) == [k.word for k in first]
    assert table.to_csv(index=False) == keyness_table(second).to_csv(index=False)
    assert list(table["stopword"]) == [False] * 4


def test_word_counts_lowercases_words_and_skips_punctuation() -> None:
    counts = word_counts(["Russia’s move. RUSSIA's move!", parse("Move — move?")])
    # curly and straight apostrophes give one word; case folded; no punctuation
    assert counts == Counter({"russia's": 2, "move": 4})
    assert word_counts("") == Counter()
    assert word_counts("#") == Counter()
    assert word_counts("   \n ") == Counter()


def test_occurrences_point_at_the_counted_tokens() -> None:
    text = "Escalation, they said. More escalation! ESCALATION again; de-escalation not."
    parsed = parse(text)
    spans = occurrences(parsed, "Escalation")
    assert [text[s:e] for s, e in spans] == ["Escalation", "escalation", "ESCALATION"]
    assert len(spans) == word_counts(parsed)["escalation"] == 3
    assert occurrences(parsed, "peace") == []


def test_degenerate_inputs() -> None:
    assert log_odds(Counter(), Counter()) == []
    # one word in the whole vocabulary: its prior share is 1 and the odds are undefined
    only = log_odds(Counter(war=3), Counter(war=1))
    assert len(only) == 1
    assert math.isnan(only[0].z)
    assert math.isnan(only[0].delta)
    assert top(only, 5, min_count=0) == []
    # an empty side has no rate (NaN), not a rate of zero
    empty_target = log_odds(Counter(), Counter(a=2, b=1))
    assert all(math.isnan(k.rate_target) for k in empty_target)
    assert all(isinstance(k, KeyWord) for k in empty_target)
    with pytest.raises(ValueError, match="alpha0"):
        log_odds(HAND_TARGET, HAND_REFERENCE, alpha0=0)
    with pytest.raises(ValueError, match="alpha0"):
        log_odds(HAND_TARGET, HAND_REFERENCE, alpha0=math.nan)
    with pytest.raises(ValueError, match="prior has no count"):
        log_odds(HAND_TARGET, HAND_REFERENCE, prior=Counter(war=5))
