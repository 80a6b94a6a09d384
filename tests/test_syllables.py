"""Offline syllable counting: same numbers as textstat 0.7.13, never a download."""

from __future__ import annotations

import importlib
import threading

import pytest
import textstat
from pyphen import Pyphen

from slant import syllables
from slant.syllables import clean_word, count_syllables, textstat_offline

SYLLABLE_MODULE = "textstat.backend.counts._count_syllables"

# A spread of cases: dictionary words, contractions and possessives (apostrophe kept),
# hyphenated words (hyphen dropped), capitals, numbers, names missing from the CMU
# dictionary (pyphen fallback), words with no stressed vowel, and pure punctuation.
WORDS = [
    "cat",
    "the",
    "readability",
    "unprecedented",
    "escalation",
    "de-escalation",
    "well-known",
    "preemptive",
    "don't",
    "DON'T",
    "NATO's",
    "they'll",
    "Zakharova",
    "Dragone",
    "Kyiv",
    "U.S.",
    "2025",
    "1,000",
    "hmm",
    "—",
    "...",
    "",
    "counterproductive",
    "uncompromising",
]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # CMU entries (cmudict.dict): cat K AE1 T; readability R IY2 D AH0 B IH1 L IH0 T IY0;
        # escalation EH2 S K AH0 L EY1 SH AH0 N: one syllable per stress-marked vowel.
        ("cat", 1),
        ("readability", 5),
        ("escalation", 4),
        ("Readability", 5),
        # nothing word-like is left once punctuation is removed
        ("—", 0),
        ("", 0),
        # textstat sums over the words of a longer string
        ("cat escalation", 5),
    ],
)
def test_hand_checked_counts(word: str, expected: int) -> None:
    assert count_syllables(word) == expected


def test_unknown_word_falls_back_to_pyphen() -> None:
    word = "zakharova"
    assert word not in syllables._cmu_first_pronunciation_syllables()
    # textstat's rule for words the CMU dictionary lacks: hyphenation points + 1
    assert count_syllables("Zakharova") == len(Pyphen(lang="en_US").positions(word)) + 1


def test_first_pronunciation_is_used() -> None:
    # "every" has EH1 V ER0 IY0 first and EH1 V R IY0 second (cmudict); textstat takes [0]
    assert count_syllables("every") == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de-escalation", ["deescalation"]),
        ("NATO's", ["nato's"]),
        ("'quoted'", ["quoted"]),
        ("DON'T", ["dont"]),  # textstat's contraction rule is case-sensitive
        ("—", []),
    ],
)
def test_clean_word_mirrors_textstat_list_words(text: str, expected: list[str]) -> None:
    assert clean_word(text) == expected
    with textstat_offline():
        assert textstat.backend.selections.list_words(text, lowercase=True) == expected


@pytest.mark.usefixtures("no_network")
def test_counts_equal_textstat_without_network() -> None:
    ours = [count_syllables(word) for word in WORDS]
    with textstat_offline():
        theirs = [textstat.syllable_count(word) for word in WORDS]
        # the public formulas run too, and give a real number
        assert textstat.flesch_reading_ease("The cat sat on the mat. It was happy there.") > 0
    assert ours == theirs


@pytest.mark.usefixtures("no_network")
def test_whole_text_count_equals_textstat_without_network() -> None:
    text = " ".join(WORDS)
    with textstat_offline():
        assert count_syllables(text) == textstat.syllable_count(text)


def test_patch_is_scoped_and_restored() -> None:
    module = importlib.import_module(SYLLABLE_MODULE)
    original = module.get_cmudict
    with textstat_offline():
        assert module.get_cmudict is not original
        with textstat_offline():  # nesting in one thread is allowed
            assert module.get_cmudict is not original
        assert module.get_cmudict is not original
    assert module.get_cmudict is original


def test_patch_is_restored_after_an_error() -> None:
    module = importlib.import_module(SYLLABLE_MODULE)
    original = module.get_cmudict
    with pytest.raises(RuntimeError, match="boom"), textstat_offline():
        raise RuntimeError("boom")
    assert module.get_cmudict is original


def test_textstat_caches_are_emptied_on_exit() -> None:
    module = importlib.import_module(SYLLABLE_MODULE)
    with textstat_offline():
        textstat.syllable_count("A sentence that textstat will cache.")
        assert module.count_syllables.cache_info().currsize > 0
    assert module.count_syllables.cache_info().currsize == 0


@pytest.mark.usefixtures("no_network")
def test_concurrent_use_from_threads() -> None:
    module = importlib.import_module(SYLLABLE_MODULE)
    original = module.get_cmudict
    results: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                with textstat_offline():
                    results.append(textstat.syllable_count("unprecedented escalation"))
        except BaseException as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert results == [count_syllables("unprecedented escalation")] * 20
    assert module.get_cmudict is original
