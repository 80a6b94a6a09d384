"""Key-facts checklist: patterns that fire where they should, the control report, the seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import ROOT

from slant.context import (
    TABLE_COLUMNS,
    Fact,
    check_facts,
    default_facts_path,
    facts_table,
    load_facts,
)
from slant.corpus import load_article
from slant.text import parse

FACTS_PATH = ROOT / "corpus" / "coverage" / "facts.yaml"
CONTROL_PATH = ROOT / "corpus" / "control" / "control-report.md"

# For every fact: a sentence that mentions it, and a near miss that must not count.
# Written for these tests; the near misses reuse the facts' words in other senses.
CASES: dict[str, tuple[str, str]] = {
    "ft_interview": (
        "He told the FT on Sunday, in an interview with the Financial Times.",
        "The mast was 40 ft tall, and the times were hard for sailors.",
    ),
    "dragone_role": (
        "Dragone chairs NATO's Military Committee.",
        "The committee met after a military parade.",
    ),
    "preemptive_defensive": (
        "A pre-emptive strike could count as a defensive action, he said.",  # codespell:ignore
        "The striker's strike hit the defensive wall before the action moved on.",
    ),
    "more_aggressive": (
        "NATO could be proactive instead of kind of reactive.",
        "The aggressive dog was more active than the cat.",
    ),
    "further_away": (
        "Such a step is further away from our normal way of thinking.",
        "Every day the narrative shifts further away from diplomacy.",
    ),
    "legal_framework": (
        "There are questions of legal framework and of jurisdiction.",
        "The shop accepts legal tender and its lawyer gave legal advice.",
    ),
    "cyber": (
        "Europe has faced a wave of cyber attacks.",
        "Cybernetics was a popular field in the sixties.",
    ),
    "hybrid_warfare": (
        "Russia's hybrid warfare against Europe was the subject.",
        "She drove a hybrid car to the war museum.",
    ),
    "sabotage_cables": (
        "Investigators suspect sabotage of undersea cables.",
        "It was an intentional sabotage of any attempts at peace; the cable car left.",
    ),
    "drones_airspace": (
        "Drones have violated Polish airspace.",
        "The minister droned on about the budget.",
    ),
    "baltic_sentry": (
        "Operation Baltic Sentry patrols the sea.",
        "A sentry stood guard on the Baltic coast.",
    ),
    "zakharova_response": (
        "Maria Zakharova called it an extremely irresponsible step.",
        "The French foreign ministry said the step was irresponsible.",
    ),
    "tajani_reaction": (
        "Tajani called it a storm in a teacup.",
        "The translation of the storm report was read over a cup of tea.",
    ),
    "peace_talks_context": (
        "Witkoff flew to Moscow as Zelensky met Macron.",
        "Peace talks resumed in Geneva under a special envoy of the UN.",
    ),
}


@pytest.fixture(scope="module")
def facts() -> list[Fact]:
    return load_facts(FACTS_PATH)


def test_checklist_loads_with_every_fact_tested(facts: list[Fact]) -> None:
    assert 12 <= len(facts) <= 14
    # a new fact in facts.yaml must get a positive and a negative case above
    assert [f.id for f in facts] == list(CASES)
    assert all(f.statement and f.source and f.patterns for f in facts)


def test_default_path_is_the_projects_checklist(facts: list[Fact]) -> None:
    assert default_facts_path().resolve() == FACTS_PATH.resolve()
    assert load_facts() == facts


@pytest.mark.parametrize("fact_id", list(CASES))
def test_patterns_fire_on_a_mention_and_not_on_a_near_miss(facts: list[Fact], fact_id: str) -> None:
    fact = next(f for f in facts if f.id == fact_id)
    positive, negative = CASES[fact_id]
    hit = check_facts(positive, [fact]).results[0]
    assert hit.mentioned
    assert all(positive[m.start : m.end] == m.text for m in hit.matches)
    assert not check_facts(negative, [fact]).results[0].mentioned


def test_each_positive_case_names_only_its_own_fact(facts: list[Fact]) -> None:
    for fact_id, (positive, _) in CASES.items():
        report = check_facts(positive, facts)
        assert fact_id in report.mentioned_ids
        # each positive sentence was written to carry one fact only (checked by this test)
        assert report.mentioned_ids == (fact_id,), (fact_id, report.mentioned_ids)


def test_matches_are_ordered_and_a_span_inside_another_counts_once() -> None:
    fact = Fact(
        id="cyber_test",
        statement="cyber",
        patterns=(re.compile("cyber attacks", re.I), re.compile("cyber", re.I)),
        source="test",
    )
    text = "Cyber attacks again. Then cyber."
    result = check_facts(text, [fact]).results[0]
    assert [(m.start, m.end, m.text) for m in result.matches] == [
        (0, 13, "Cyber attacks"),
        (26, 31, "cyber"),
    ]
    assert result.n_matches == 2


def test_parsed_document_and_text_give_the_same_report(facts: list[Fact]) -> None:
    text = "NATO's Military Committee chair spoke to the FT about drones."
    assert check_facts(parse(text), facts) == check_facts(text, facts)


def test_degenerate_texts_mention_nothing(facts: list[Fact]) -> None:
    for text in ("", "#", "   \n\t "):
        report = check_facts(text, facts)
        assert report.mentioned_ids == ()
        assert len(report.missing_ids) == len(facts)


def test_facts_table_is_tidy_and_stable(facts: list[Fact]) -> None:
    a = check_facts("Zakharova spoke. Zakharova again.", facts, text_id="a")
    b = check_facts("Nothing relevant here.", facts, text_id="b")
    table = facts_table([a, b])
    assert tuple(table.columns) == TABLE_COLUMNS
    assert len(table) == 2 * len(facts)
    assert list(table["text_id"]) == ["a"] * len(facts) + ["b"] * len(facts)
    assert list(table["fact_id"][: len(facts)]) == [f.id for f in facts]
    row = table[(table["text_id"] == "a") & (table["fact_id"] == "zakharova_response")].iloc[0]
    assert bool(row["mentioned"])
    assert row["n_matches"] == 2
    assert (row["first_match"], row["first_start"], row["first_end"]) == ("Zakharova", 0, 9)
    assert table["first_start"].isna().sum() == 2 * len(facts) - 1
    assert facts_table(a).equals(facts_table([a]))
    assert table.to_csv(index=False) == facts_table([a, b]).to_csv(index=False)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("facts: [unclosed", "not valid YAML"),
        ("- just a list\n", "non-empty list under 'facts:'"),
        ("facts: []\n", "non-empty list under 'facts:'"),
        (
            "facts:\n  - id: x\n    statement: s\n    source: s\n    patterns: ['(unclosed']\n",
            "fact 'x': invalid regular expression",
        ),
        (
            "facts:\n  - id: x\n    statement: s\n    source: s\n    patterns: ['a*']\n",
            "matches the empty string",
        ),
        ("facts:\n  - id: x\n    statement: s\n    source: s\n", "'patterns' must be"),
        (
            "facts:\n  - id: Bad-Id\n    statement: s\n    source: s\n    patterns: ['a']\n",
            "snake_case",
        ),
        (
            "facts:\n  - {id: x, summary: s, statement: s, source: s, patterns: [a]}\n",
            "unknown key",
        ),
        (
            (
                "facts:\n  - {id: x, statement: s, source: s, patterns: [a]}\n"
                "  - {id: x, statement: t, source: s, patterns: [b]}\n"
            ),
            "more than once",
        ),
    ],
)
def test_bad_checklists_raise_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad-facts.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        load_facts(path)
    assert "bad-facts.yaml" in str(info.value)


def test_missing_checklist_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such facts file"):
        load_facts(tmp_path / "absent.yaml")


def test_edited_checklist_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("facts:\n  - {id: one, statement: s, source: s, patterns: [a]}\n", "utf-8")
    assert [f.id for f in load_facts(path)] == ["one"]
    path.write_text("facts:\n  - {id: two, statement: s, source: s, patterns: [bb]}\n", "utf-8")
    assert [f.id for f in load_facts(path)] == ["two"]


# --------------------------------------------------------------------------- the corpus


def test_control_report_loads_and_is_labelled() -> None:
    doc = load_article(CONTROL_PATH, kind="control")  # checks the sidecar's sha256
    assert doc.kind == "control"
    assert doc.date == "2025-12-01"
    assert doc.language == "en"
    assert doc.source is not None
    assert "not real coverage" in doc.source
    assert doc.raw.startswith("---\n")
    assert doc.text.startswith("NATO is considering")  # front matter left out


def test_control_report_length() -> None:
    doc = load_article(CONTROL_PATH, kind="control")
    n_words = len(parse(doc.text).words)
    # the brief for the control report: 300 to 450 words (432 when it was written)
    assert 300 <= n_words <= 450


def test_control_report_mentions_every_fact(facts: list[Fact]) -> None:
    doc = load_article(CONTROL_PATH, kind="control")
    report = check_facts(doc.text, facts, text_id=doc.id)
    # measured by running check_facts on the control: it was written to carry all 14
    assert report.mentioned_ids == tuple(f.id for f in facts)
    for result in report.results:
        assert all(doc.text[m.start : m.end] == m.text for m in result.matches)


def test_seed_article_mentions_five_facts(seed_path: Path, facts: list[Fact]) -> None:
    doc = load_article(seed_path)
    report = check_facts(doc.text, facts, text_id=doc.id)
    # measured by running check_facts on the seed (analysed text from "Every day" on)
    assert report.mentioned_ids == (
        "ft_interview",
        "dragone_role",
        "preemptive_defensive",
        "legal_framework",
        "zakharova_response",
    )
    # its one use of "sabotage" is figurative ("sabotage of any attempts at peaceful
    # settlement") and its "further away from diplomacy" is not Dragone's phrase
    assert "sabotage_cables" in report.missing_ids
    assert "further_away" in report.missing_ids
    zakharova = next(r for r in report.results if r.fact.id == "zakharova_response")
    assert [m.text for m in zakharova.matches] == ["Zakharova"]
