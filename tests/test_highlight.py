"""Highlighting is escaped, exact and keyboard-reachable."""

from __future__ import annotations

import html
import re

import pytest

from slant.metrics.base import Evidence
from slant.report.highlight import (
    Highlight,
    category_styles,
    evidence_highlights,
    evidence_html,
    highlight_html,
)


def test_text_is_escaped_and_marks_carry_notes() -> None:
    text = 'Say "<script>alert(1)</script>" & go.'
    start = text.index("<script>")
    out = highlight_html(text, [Highlight(start, start + 8, "scare <quote>", 'a "note"')])
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert 'tabindex="0"' in out
    assert "scare &lt;quote&gt;: a &quot;note&quot;" in out
    # every character of the text is still there, in order
    visible = re.sub(r'<span class="hl-note".*?</span>', "", out)
    assert html.unescape(re.sub(r"<[^>]+>", "", visible)) == text


def test_overlapping_spans_list_both_notes() -> None:
    out = highlight_html("abcdef", [Highlight(0, 4, "x", "one"), Highlight(2, 6, "y", "two")])
    assert "x: one · y: two" in out


def test_out_of_range_span_is_refused() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        highlight_html("abc", [Highlight(1, 9, "x", "")])


def test_evidence_is_deduplicated_across_count_and_rate() -> None:
    evidence = [
        Evidence("boosters", 0, 6, "booster", "n"),
        Evidence("boosters_per_100", 0, 6, "booster", "n"),
        Evidence("hedges", 7, 10, "hedge", "m"),
    ]
    assert len(evidence_highlights(evidence)) == 2
    assert len(evidence_highlights(evidence, metrics=["hedges"])) == 1
    out = evidence_html("openly may go", evidence)
    assert out.count("<mark class=") == 2  # the legend uses <mark style=…>, the text <mark class=…>
    assert out.count("<mark style=") == 2


def test_categories_get_distinct_styles() -> None:
    styles = category_styles([f"c{i}" for i in range(8)])
    assert len(set(styles.values())) == 8
