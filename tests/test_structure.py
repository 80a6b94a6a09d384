"""Tests for slant.metrics.structure.

Golden values come from two places, and each test says which:

* the project's hand counts of the seed article (analysed text = from "Every day" on):
  9 headings (5 led by a pictographic emoji, 3 by a keycap 1️⃣ 2️⃣ 3️⃣, 1 plain),
  8 emoji, 10 pairs of curly double quotes, 1 question mark, 0 exclamation marks;
* short texts written for these tests, whose counts are made by hand in the comments.
"""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slant.metrics import registry
from slant.metrics.structure import (
    FRAGMENT_MAX_WORDS,
    METRICS,
    Quotation,
    acronyms,
    measure,
    quotations,
)
from slant.text import ParsedDocument, parse

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "article" / "000_538137e8ce602f76.txt"
NAMES = tuple(metric.name for metric in METRICS)
COUNTS = {metric.name for metric in METRICS if not metric.comparable}


@pytest.fixture(scope="module")
def seed() -> ParsedDocument:
    raw = SEED.read_text(encoding="utf-8")
    return parse(raw[raw.index("Every day") :])


def spans(parsed: ParsedDocument, metric: str, label: str | None = None) -> list[str]:
    result = measure(parsed)
    return [
        parsed.text[e.start : e.end]
        for e in result.evidence
        if e.metric == metric and (label is None or e.label == label)
    ]


def value(text: str, metric: str) -> float:
    return measure(parse(text)).values[metric]


def only_quotation(text: str) -> Quotation:
    found = quotations(parse(text))
    assert len(found) == 1, found
    return found[0]


def span_text(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


# --- registry ---------------------------------------------------------------------------


def test_every_metric_is_registered_once_with_complete_metadata() -> None:
    assert len(set(NAMES)) == len(NAMES)
    for metric in METRICS:
        assert registry.get(metric.name) is metric
        assert metric.family == "structure"
        assert metric.definition.endswith(".")
        if not metric.finite:
            assert metric.nan_when, metric.name
    expected_counts = {
        "heading_blocks",
        "list_item_blocks",
        "quote_blocks",
        "body_blocks",
        "quotation_count",
        "attributed_quotation_count",
        "unattributed_quotation_count",
    }
    assert expected_counts == COUNTS


def test_paragraph_metrics_need_paragraphs() -> None:
    for name in (
        "paragraph_length_mean",
        "one_sentence_paragraph_share",
        "body_block_share",
        "headings_per_100_words",
        "list_items_per_100_words",
    ):
        assert registry.get(name).needs == "paragraphs"
    assert registry.get("sentence_length_cv").needs == "sentences"


# --- edge cases -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "#", "   \n\t ", "\n\n\n"])
def test_empty_or_wordless_text_gives_nan_never_a_fake_zero(text: str) -> None:
    result = measure(parse(text))
    assert tuple(result.values) == NAMES
    for name, number in result.values.items():
        if name in COUNTS:
            assert number == 0.0, name
        else:
            assert math.isnan(number), name
    assert quotations(parse(text)) == []


def test_nan_cases_one_by_one() -> None:
    # one body paragraph of one sentence: SDs undefined, means defined
    one = measure(parse("The minister spoke at length about the budget.")).values
    assert one["paragraph_length_mean"] == 8.0
    assert math.isnan(one["paragraph_length_sd"])
    assert math.isnan(one["sentence_length_sd"])
    assert math.isnan(one["sentence_length_cv"])
    # no quotation: the attributed share is undefined, the quoted share is a real 0
    assert math.isnan(one["attributed_quotation_share"])
    assert one["quoted_word_share"] == 0.0
    # only a heading: no body paragraph, no running-text sentence, but a question counts
    heading = parse("# Why This Matters Now?")
    assert [b.kind for b in heading.blocks] == ["heading"]
    values = measure(heading).values
    assert math.isnan(values["paragraph_length_mean"])
    assert math.isnan(values["one_sentence_paragraph_share"])
    assert math.isnan(values["sentence_length_mean"])
    assert math.isnan(values["fragment_share"])
    assert values["question_share"] == 1.0
    assert values["heading_block_share"] == 1.0


# --- the seed article: the project's hand counts ----------------------------------------


def test_seed_headings_hand_count(seed: ParsedDocument) -> None:
    # project hand count: 9 headings (5 emoji-led, 3 keycap-numbered, 1 plain)
    values = measure(seed).values
    assert values["heading_blocks"] == 9
    headings = spans(seed, "headings_per_100_words")
    assert len(headings) == 9
    keycap = [h for h in headings if h[:1] in "123" and "\u20e3" in h[:3]]
    plain = [h for h in headings if h[:1].isalpha()]
    emoji_led = [h for h in headings if h not in keycap and h not in plain]
    assert (len(emoji_led), len(keycap), len(plain)) == (5, 3, 1)
    assert plain == ["Moscow Responds: Direct and Uncompromising"]
    n_words = len(seed.words)
    assert values["headings_per_100_words"] == pytest.approx(900 / n_words)


def test_seed_emoji_hand_count(seed: ParsedDocument) -> None:
    # project hand count: 8 emoji; each keycap (digit + U+FE0F + U+20E3) is one emoji
    found = spans(seed, "emoji_per_100_words")
    assert found == ["🧨", "🚨", "🔥", "1️⃣", "2️⃣", "3️⃣", "🕯", "🎯"]
    values = measure(seed).values
    assert values["emoji_per_100_words"] == pytest.approx(800 / len(seed.words))


def test_seed_quotations_hand_count(seed: ParsedDocument) -> None:
    # project hand count: 10 pairs of curly double quotes
    found = quotations(seed)
    assert len(found) == 10
    assert all(q.text[0] == "“" and q.text[-1] == "”" and q.closed for q in found)
    assert all(q.text == seed.text[q.start : q.end] for q in found)
    values = measure(seed).values
    assert values["quotation_count"] == 10
    assert values["quoted_word_share"] == pytest.approx(
        sum(q.words for q in found) / len(seed.words)
    )
    # "We are prepared to escalate further — you should be the one to compromise." 13 words
    assert max(q.words for q in found) == 13


def test_seed_attribution_by_the_documented_rules(seed: ParsedDocument) -> None:
    # Applying the module's rules by hand: three quotations have a named speaker.
    text = seed.text
    attributed = {
        q.inner: (span_text(text, q.speaker), span_text(text, q.reporting_verb))
        for q in quotations(seed)
        if q.attributed
    }
    assert attributed == {
        "deterrence.": ("Adm. Giuseppe Cavo Dragone", "told"),
        "defensive action.": ("Dragone", "framed"),  # "Dragone framed this as ..."
        "even more pressure": ("He", "warned"),  # He -> Dragone, two sentences back
    }
    pronoun = next(q for q in quotations(seed) if q.inner == "even more pressure")
    assert span_text(text, pronoun.antecedent) == "Dragone"
    # leaders can say: “We warned ...” -> a collective, hypothetical speaker: unattributed
    warned = next(q for q in quotations(seed) if q.inner.startswith("We warned"))
    assert not warned.attributed
    assert span_text(text, warned.reporting_verb) == "say"
    values = measure(seed).values
    assert values["attributed_quotation_count"] == 3
    assert values["unattributed_quotation_count"] == 7
    assert values["attributed_quotation_share"] == pytest.approx(0.3)


def test_seed_questions_and_exclamations_hand_count(seed: ParsedDocument) -> None:
    # project hand count: 1 question mark (in a heading), 0 exclamation marks
    assert spans(seed, "question_share") == [
        "🔥 What’s Behind NATO’s Talk of a “Preemptive Strike”?"
    ]
    values = measure(seed).values
    with_words = [s for s in seed.sentences if s.words]
    assert values["question_share"] == pytest.approx(1 / len(with_words))
    assert values["exclamation_share"] == 0.0
    assert spans(seed, "exclamation_share") == []


def test_seed_all_caps_acronyms_are_not_shouting(seed: ParsedDocument) -> None:
    # NATO (x many), U.S., EU: all on the allow-list; the article shouts in no word
    assert measure(seed).values["allcaps_words_per_100_words"] == 0.0


def test_seed_evidence_points_into_the_text(seed: ParsedDocument) -> None:
    result = measure(seed)
    assert result.family == "structure"
    assert tuple(result.values) == NAMES
    for item in result.evidence:
        assert item.metric in NAMES
        assert 0 <= item.start < item.end <= len(seed.text)
        assert seed.text[item.start : item.end].strip()
    assert measure(seed, evidence=False).evidence == ()
    assert measure(seed, evidence=False).values.keys() == result.values.keys()


# --- attribution: hand-made examples ----------------------------------------------------

ATTRIBUTED = [
    # (text, speaker, reporting verb)
    ('Zakharova said the remarks were "an extremely irresponsible step".', "Zakharova", "said"),
    ('"It is over," said Maria Zakharova.', "Maria Zakharova", "said"),
    ("“It is over,” Jens Stoltenberg, the NATO Secretary General, told reporters.",
     "Jens Stoltenberg", "told"),
    ('According to the Financial Times, the plan is "under study".', "Financial Times",
     "According to"),
    ('Smith, who leads the committee, said the bill was "dead on arrival".', "Smith", "said"),
    ('Russia’s foreign ministry said the move was "reckless".', "Russia’s foreign ministry",
     "said"),
    ('The Kremlin said on Tuesday that talks would resume. "We are ready."', "Kremlin", "said"),
    ('Queen Elizabeth II, who said the year was hard, spoke of "trials and disasters".',
     "Queen Elizabeth II", "said"),
]  # fmt: skip

NOT_ATTRIBUTED = [
    # (text, the deciding reporting verb or None)
    ('The alliance is rebranding it as "defense."', None),
    ('If escalation happens, leaders can say:\n\n"We warned this might be necessary."', "say"),
    ('"It is over," she said.', "said"),  # no named source for "she" to refer to
    ('According to officials, the plan is "under study".', "According to"),
    ('Officials said the plan was "under study".', "said"),
    ('Critics called it "a disaster".', "called"),
    ('"We will respond," they said.', "said"),  # "they" is never resolved
    ('"Smith said no," the rumour goes.', None),  # verbs inside the quotation don't count
    ("The West is signaling:\n\n“We are prepared to escalate further.”", None),
    ('A staff member told AFP the patient was "much better".', "told"),
]


@pytest.mark.parametrize(("text", "speaker", "verb"), ATTRIBUTED)
def test_attributed_quotations(text: str, speaker: str, verb: str) -> None:
    quotation = only_quotation(text)
    assert quotation.attributed
    assert span_text(text, quotation.speaker) == speaker
    assert span_text(text, quotation.reporting_verb) == verb


@pytest.mark.parametrize(("text", "verb"), NOT_ATTRIBUTED)
def test_unattributed_quotations(text: str, verb: str | None) -> None:
    quotation = only_quotation(text)
    assert not quotation.attributed
    assert quotation.speaker is None
    assert span_text(text, quotation.reporting_verb) == verb


def test_pronoun_resolves_to_a_recent_name_but_not_across_a_heading() -> None:
    text = 'Maria Zakharova spoke on Monday. "It is over," she said.'
    quotation = only_quotation(text)
    assert span_text(text, quotation.speaker) == "she"
    assert span_text(text, quotation.antecedent) == "Maria Zakharova"
    across = 'Dmitry Peskov spoke to reporters.\n\n# Reaction\n\n"It is over," he said.'
    assert not only_quotation(across).attributed


def test_too_distant_antecedent_is_not_used() -> None:
    # four sentences between the name and "he": beyond PRONOUN_WINDOW (3)
    text = (
        "Dmitry Peskov spoke in Moscow. The weather was cold. The room was full. "
        'The lights were dim. "It is over," he said.'
    )
    assert not only_quotation(text).attributed


def test_run_on_quotation_keeps_its_speaker() -> None:
    # news convention: a quotation running into the next paragraph is re-opened there
    # and the earlier paragraph is left without a closing mark
    text = '"We will not move," Mohamed Ali said. "The talks are over.\n\n"Nobody will sign it."'
    found = quotations(parse(text))
    assert [q.inner for q in found] == [
        "We will not move,",
        "The talks are over.",
        "Nobody will sign it.",
    ]
    assert [q.closed for q in found] == [True, False, True]
    assert all(q.attributed for q in found)
    assert {span_text(text, q.speaker) for q in found} == {"Mohamed Ali"}


def test_straight_quotes_pair_by_direction_in_one_paragraph() -> None:
    # the same convention with the paragraph break flattened away (as in the Lee corpus):
    # the second opening mark follows a space, so the first quotation ends before it
    text = '"We will not move," Ali said. "The talks are over. "Nobody will sign it."'
    found = quotations(parse(text))
    assert [q.inner for q in found] == [
        "We will not move,",
        "The talks are over.",
        "Nobody will sign it.",
    ]
    assert [q.words for q in found] == [4, 4, 4]


def test_guillemets_and_empty_pairs() -> None:
    text = 'Lavrov called it «inacceptable». The sign read "".'
    found = quotations(parse(text))
    assert [q.text for q in found] == ["«inacceptable»"]
    # "Lavrov called it ...": the subject of "called" is the speaker
    assert span_text(text, found[0].speaker) == "Lavrov"
    assert span_text(text, found[0].reporting_verb) == "called"
    assert found[0].inner == "inacceptable"


def test_quotation_in_heading_is_never_attributed() -> None:
    text = "# Peskov Says NATO Plan “Reckless”\n\nThe Kremlin spoke on Monday."
    parsed = parse(text)
    assert parsed.blocks[0].kind == "heading"
    assert not only_quotation(text).attributed


def test_so_called_is_not_a_reporting_verb() -> None:
    text = 'The so-called "peace plan" failed.'
    assert value(text, "reporting_verbs_per_100_words") == 0.0
    assert not only_quotation(text).attributed


def test_reporting_verbs_evidence_and_rate() -> None:
    # words: Putin(1) said(2) the(3) deal(4) was(5) dead(6) according(7) to(8) Tass(9) -> 9
    text = "Putin said the deal was dead, according to Tass."
    parsed = parse(text)
    assert len(parsed.words) == 9
    assert spans(parsed, "reporting_verbs_per_100_words") == ["said", "according to"]
    assert measure(parsed).values["reporting_verbs_per_100_words"] == pytest.approx(200 / 9)


# --- layout and rhythm: hand-made texts -------------------------------------------------

THREE_PARAGRAPHS = (
    "The committee met for the first time in many years on a cold morning.\n\n"
    "The members argued about the budget. They agreed on nothing at all in the end.\n\n"
    "The meeting was adjourned until the following week by the chair."
)


def test_paragraph_and_sentence_lengths_by_hand() -> None:
    # paragraphs: 14, 6 + 9 = 15, 11 words; sentences: 14, 6, 9, 11 words
    parsed = parse(THREE_PARAGRAPHS)
    assert [b.kind for b in parsed.blocks] == ["body", "body", "body"]
    values = measure(parsed).values
    assert values["body_blocks"] == 3
    assert values["body_block_share"] == 1.0
    assert values["paragraph_length_mean"] == pytest.approx(40 / 3)
    assert values["paragraph_length_median"] == 14
    assert values["paragraph_length_sd"] == pytest.approx(statistics.stdev([14, 15, 11]))
    assert values["one_sentence_paragraph_share"] == pytest.approx(2 / 3)
    assert values["sentence_length_mean"] == 10
    sd = statistics.stdev([14, 6, 9, 11])
    assert values["sentence_length_sd"] == pytest.approx(sd)
    assert values["sentence_length_cv"] == pytest.approx(sd / 10)
    assert values["fragment_share"] == 0.0


def test_fragments_questions_and_exclamations_by_hand() -> None:
    # sentences: "Is it true?" (3 words), "It is!" (2), "Really?!" (1), "No." (1)
    parsed = parse("Is it true? It is! Really?! No.")
    assert [len(s.words) for s in parsed.sentences] == [3, 2, 1, 1]
    values = measure(parsed).values
    assert FRAGMENT_MAX_WORDS == 3
    assert values["fragment_share"] == 1.0
    assert values["question_share"] == 0.5  # "Is it true?" and "Really?!"
    assert values["exclamation_share"] == 0.5  # "It is!" and "Really?!"
    assert spans(parsed, "question_share") == ["Is it true?", "Really?!"]
    assert value("It failed. The plan was never going to work.", "fragment_share") == 0.5


def test_all_caps_words_by_hand() -> None:
    # 22 words; counted: HUGE, TRUMP (possessive 's left out of the span);
    # not counted: NATO, EU, U.S. (allow-list), II (Roman numeral), MH17 (digit), A, I
    text = (
        "This is HUGE news from NATO, the EU and the U.S. about World War II, "
        "A-list MH17 and TRUMP'S plan, I think."
    )
    parsed = parse(text)
    assert len(parsed.words) == 22
    assert spans(parsed, "allcaps_words_per_100_words") == ["HUGE", "TRUMP"]
    assert measure(parsed).values["allcaps_words_per_100_words"] == pytest.approx(200 / 22)


def test_acronym_allow_list_is_package_data() -> None:
    allowed = acronyms()
    assert {"NATO", "EU", "U.S.", "US", "UK", "UN", "FT", "USA", "NGO"} <= allowed
    assert not any(entry.startswith("#") for entry in allowed)


def test_list_items_per_100_words(seed: ParsedDocument) -> None:
    values = measure(seed).values
    items = [b for b in seed.blocks if b.kind == "list_item" and any(s.words for s in b.sentences)]
    assert values["list_item_blocks"] == len(items) > 0
    assert values["list_items_per_100_words"] == pytest.approx(100 * len(items) / len(seed.words))
    total = sum(values[f"{kind}_block_share"] for kind in ("heading", "list_item", "quote", "body"))
    assert total == pytest.approx(1.0)


# --- specificity ------------------------------------------------------------------------


def test_numbers_and_dates_by_hand() -> None:
    text = (
        "On Monday, 3 December 2025, two officials met 1,500 troops and $5 million went to "
        "12 units. In May 2024 the plan, dated 2025-12-01, said one unit may stay until "
        "March. The F-16 flew on 1/12/2025."
    )
    parsed = parse(text)
    n_words = len(parsed.words)
    # numbers: two, 1,500, 5, million, 12 ("one" is left out; F-16 is a name; the digits
    # inside dates belong to the dates)
    assert spans(parsed, "numbers_per_100_words") == ["two", "1,500", "5", "million", "12"]
    # dates: Monday, 3 December 2025, May 2024, 2025-12-01, March (after "until"),
    # 1/12/2025; "may stay" is a verb
    assert sorted(spans(parsed, "dates_per_100_words")) == sorted(
        ["Monday", "3 December 2025", "May 2024", "2025-12-01", "March", "1/12/2025"]
    )
    values = measure(parsed).values
    assert values["numbers_per_100_words"] == pytest.approx(500 / n_words)
    assert values["dates_per_100_words"] == pytest.approx(600 / n_words)


def test_keycap_digits_are_emoji_not_numbers() -> None:
    parsed = parse("1️⃣ Preparing a New Strategic Narrative\n\nThe plan has two parts.")
    assert spans(parsed, "emoji_per_100_words") == ["1️⃣"]
    assert spans(parsed, "numbers_per_100_words") == ["two"]


def test_named_sources_by_hand(seed: ParsedDocument) -> None:
    # multi-word names outside headings, plus one-word names that are speakers
    assert spans(seed, "named_sources_per_100_words") == [
        "Adm. Giuseppe Cavo Dragone",
        "Chair of the NATO Military Committee",
        "Financial Times",
        "Dragone",  # Dragone framed ...
        "Foreign Ministry",
        "Maria Zakharova",
        "Dragone",  # Dragone openly admitted ...
    ]
    text = "Officials in Moscow said the talks, held in New York, had failed."
    assert spans(parse(text), "named_sources_per_100_words") == ["New York"]


# --- properties -------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [*"abc XYZ.,;:!?\"'“”«»-—\n#*1️⃣🔥", "1️⃣", "NATO", " said ", " he ", "Smith", "\n\n"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_any_text_measures_without_crashing(text: str) -> None:
    parsed = parse(text)
    result = measure(parsed)
    assert tuple(result.values) == NAMES
    for name, number in result.values.items():
        assert math.isnan(number) or number >= 0.0, name
        if name.endswith("_share") and not math.isnan(number):
            assert number <= 1.0, name
    for item in result.evidence:
        assert 0 <= item.start < item.end <= len(text)
    for quotation in quotations(parsed):
        assert quotation.text == text[quotation.start : quotation.end]
        assert quotation.words > 0
        assert quotation.attributed == (quotation.speaker is not None)
