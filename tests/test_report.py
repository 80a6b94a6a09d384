"""The HTML report and the JSON record: escaping, structure, highlights, contrast, figures."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slant.analysis import Analysis, Baseline, analyze, load_baseline
from slant.corpus import load_article, read_text
from slant.metrics.base import Evidence
from slant.report import render
from slant.report.render import ReportHighlight, report_highlights, text_html

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "article" / "000_538137e8ce602f76.txt"
CSS = ROOT / "src" / "slant" / "report" / "report.css"

# --------------------------------------------------------------------------- helpers


class _Page(HTMLParser):
    """Collects every element with its attributes, the text outside notes, and nesting errors."""

    VOID = frozenset({"meta", "br", "img", "link", "input", "hr", "wbr", "col", "area", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.ancestors: list[tuple[str, dict[str, str], tuple[str, ...]]] = []
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.errors: list[str] = []
        self.text_parts: list[str] = []
        self.title = ""
        self._note_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        self.ancestors.append((tag, attributes, tuple(t for t, _ in self.stack)))
        if tag in self.VOID:
            return
        if "hl-note" in attributes.get("class", "").split() or self._note_depth:
            self._note_depth += 1
        self.stack.append((tag, attributes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()
        if self._note_depth:
            self._note_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "title":
            self.title += data
        if not self._note_depth:
            self.text_parts.append(data)


def _parse(markup: str) -> _Page:
    page = _Page()
    page.feed(markup)
    page.close()
    return page


def _article_text(markup: str) -> str:
    """The characters inside the article-text div, notes left out."""
    start = markup.index('<div class="article-text"')
    end = markup.index("</div>", start) + len("</div>")
    return "".join(_parse(markup[start:end]).text_parts)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def lee() -> Baseline:
    return load_baseline("lee", progress=False)


@pytest.fixture(scope="module")
def seed_analysis(lee: Baseline) -> Analysis:
    return analyze(load_article(SEED), lee)


@pytest.fixture(scope="module")
def seed_html(seed_analysis: Analysis) -> str:
    return render.render_report(seed_analysis, source=str(SEED))


HOSTILE = """---
title: "</title><script>alert('title')</script>"
url: "javascript:alert('url')"
source: "<img src=x onerror=alert('source')>"
---
Officials said the plan is <script>alert("body")</script> absolutely dangerous.

Click <a href="javascript:alert('link')">here</a> or paste javascript:alert(2) anywhere.

<img src=x onerror="alert('img')"> The "so-called" experts are completely wrong!

</style><style>body{display:none}</style> Why would anyone trust them? Never again.
"""


@pytest.fixture(scope="module")
def hostile_html(lee: Baseline) -> str:
    doc = read_text(HOSTILE, id="hostile")
    return render.render_report(analyze(doc, lee), source="javascript:alert('source')")


# --------------------------------------------------------------------------- safety


def test_hostile_article_never_becomes_markup(hostile_html: str) -> None:
    page = _parse(hostile_html)
    tags = Counter(tag for tag, _ in page.elements)
    assert tags["script"] == 0
    assert tags["img"] == 0
    assert tags["style"] == 1  # the report's own stylesheet, and only it
    assert tags["iframe"] == tags["object"] == tags["embed"] == tags["link"] == 0
    for tag, attributes in page.elements:
        assert not any(name.startswith("on") for name in attributes), (tag, attributes)
        for name in ("href", "src", "xlink:href", "action", "formaction"):
            value = attributes.get(name, "").strip().lower()
            assert not value.startswith(("javascript:", "data:text/html")), (tag, attributes)
    for _, attributes in (e for e in page.elements if e[0] == "a"):
        assert attributes["href"].startswith(("#", "http://", "https://")), attributes
    # the hostile characters are shown as text, exactly
    assert page.title == "slant report: </title><script>alert('title')</script>"
    text = "".join(page.text_parts)
    for snippet in (
        '<script>alert("body")</script>',
        "<img src=x onerror=\"alert('img')\">",
        "</style><style>body{display:none}</style>",
        "javascript:alert('url')",
        "<img src=x onerror=alert('source')>",
    ):
        assert snippet in text
    assert "&lt;script&gt;" in hostile_html
    assert not page.errors


def test_comparison_page_is_escaped_and_well_formed(lee: Baseline, seed_analysis: Analysis) -> None:
    hostile = analyze(read_text(HOSTILE, id="hostile"), lee)
    markup = render.render_comparison([seed_analysis, hostile], sources=[str(SEED), "-"])
    page = _parse(markup)
    tags = Counter(tag for tag, _ in page.elements)
    assert tags["script"] == tags["img"] == 0
    assert tags["style"] == 1
    assert tags["figure"] == 2
    assert not page.errors
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids))
    assert "</title><script>alert('title')</script>" in "".join(page.text_parts)
    record = render.comparison_record([seed_analysis, hostile])
    assert record["schema"] == render.COMPARISON_SCHEMA
    assert [t["document"]["id"] for t in record["texts"]] == [seed_analysis.document.id, "hostile"]


def test_hostile_article_text_is_rendered_exactly(hostile_html: str) -> None:
    doc = read_text(HOSTILE, id="hostile")
    assert _article_text(hostile_html) == doc.text


def test_page_loads_nothing_and_runs_nothing(seed_html: str) -> None:
    page = _parse(seed_html)
    tags = Counter(tag for tag, _ in page.elements)
    assert tags["script"] == tags["link"] == tags["iframe"] == tags["img"] == 0
    assert not any("src" in attributes for _, attributes in page.elements)
    csp = [
        a
        for t, a in page.elements
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(csp) == 1
    assert "default-src 'none'" in csp[0]["content"]
    assert "script-src" not in csp[0]["content"]


# --------------------------------------------------------------------------- structure


def test_landmarks_headings_and_language(seed_html: str) -> None:
    page = _parse(seed_html)
    tags = Counter(tag for tag, _ in page.elements)
    html_tag = next(a for t, a in page.elements if t == "html")
    assert html_tag["lang"] == "en"
    for landmark in ("header", "nav", "main", "footer"):
        assert tags[landmark] == 1, landmark
    assert tags["h1"] == 1
    sections = [a for t, a in page.elements if t == "section"]
    assert tags["h2"] == len(sections) >= 8
    ids = {a["id"] for _, a in page.elements if "id" in a}
    for section in sections:
        assert section["aria-labelledby"] in ids
    nav = page.elements[[t for t, _ in page.elements].index("nav") :]
    targets = [a["href"][1:] for t, a in nav if t == "a" and a.get("href", "").startswith("#")]
    assert targets
    assert set(targets) <= ids
    assert not page.errors


def test_every_id_is_unique(seed_html: str) -> None:
    ids = [a["id"] for _, a in _parse(seed_html).elements if "id" in a]
    repeated = [i for i, n in Counter(ids).items() if n > 1]
    assert not repeated


def test_figures_have_alt_text_captions_and_own_ids(seed_html: str) -> None:
    page = _parse(seed_html)
    figures = [a for t, a in page.elements if t == "figure"]
    assert len(figures) >= 4
    for figure in figures:
        assert figure["role"] == "img"
        assert len(figure["aria-label"]) > 40
    assert seed_html.count("<figcaption>") == len(figures)
    assert "<?xml" not in seed_html
    assert "<!DOCTYPE svg" not in seed_html
    # every url(#…) and href="#…" inside the figures points at an id of the page
    ids = {a["id"] for _, a in page.elements if "id" in a}
    for ref in re.findall(r"url\(#([^)]+)\)", seed_html):
        assert ref in ids, ref
    for ref in re.findall(r'xlink:href="#([^"]+)"', seed_html):
        assert ref in ids, ref


def test_highlights_are_one_focusable_mark_each(seed_html: str, seed_analysis: Analysis) -> None:
    highlights = report_highlights(seed_analysis.profile.evidence, seed_analysis.profile.text)
    assert len(highlights) > 50
    page = _parse(seed_html)
    marks = [a for t, a in page.elements if t == "mark" and "data-highlight" in a]
    assert {a["data-highlight"] for a in marks} == {h.id for h in highlights}
    focusable = [a for a in marks if a.get("tabindex") == "0"]
    assert len(focusable) == len(highlights)
    ids = {a["id"] for _, a in page.elements if "id" in a}
    notes = {
        a["id"]: a for t, a in page.elements if t == "span" and "hl-note" in a.get("class", "")
    }
    for mark in focusable:
        assert mark["aria-describedby"] in ids
        assert mark["aria-describedby"] in notes
    # the highlights are listed in a table too (for print and screen readers)
    for h in highlights:
        assert f'<a href="#{h.id}">{h.number}</a>' in seed_html


def test_seed_text_is_rendered_exactly(seed_html: str, seed_analysis: Analysis) -> None:
    assert _article_text(seed_html) == seed_analysis.document.text


def test_provenance_and_versions_are_shown(seed_html: str, seed_analysis: Analysis) -> None:
    doc = seed_analysis.document
    assert doc.sha256 in seed_html
    assert seed_analysis.baseline.corpus.sha256 in seed_html
    for name, value in render.versions().items():
        assert f"<dt>{name}</dt><dd><code>{value}</code></dd>" in seed_html


def test_report_is_deterministic(lee: Baseline) -> None:
    doc = read_text("The minister said the plan was dangerous. Critics agreed? No.", id="short")
    analysis = analyze(doc, lee)
    assert render.render_report(analysis) == render.render_report(analysis)


# --------------------------------------------------------------------------- highlights


def _hl(i: int, start: int, end: int, family: str = "rhetoric") -> ReportHighlight:
    return ReportHighlight(f"h{i}", i, start, end, family, ("x",), ("m",), (f"note {i}",))


def _marks(markup: str) -> list[dict[str, str]]:
    return [a for t, a in _parse(markup).elements if t == "mark"]


def test_nested_spans_nest() -> None:
    text = "a loaded word in a sentence"
    markup = text_html(text, [_hl(1, 0, len(text)), _hl(2, 2, 8)])
    assert len(_marks(markup)) == 2
    inner = markup.index('data-highlight="h2"')
    assert markup.index('data-highlight="h1"') < inner < markup.index("</mark>")


def test_crossing_spans_split_into_segments_sharing_an_id() -> None:
    text = "0123456789"
    markup = text_html(text, [_hl(1, 0, 6), _hl(2, 3, 10)])
    marks = _marks(markup)
    assert len(marks) == 3
    assert Counter(m["data-highlight"] for m in marks) == {"h1": 2, "h2": 1}
    assert sum(m.get("tabindex") == "0" for m in marks) == 2
    continuation = next(m for m in marks if "hl-cont" in m["class"])
    assert continuation["title"] == "note 1."
    assert "tabindex" not in continuation
    assert _article_text(markup) == text
    assert not _parse(markup).errors


def test_blocks_stay_outermost() -> None:
    from slant.text import parse

    text = "First block here.\n\nSecond block there."
    parsed = parse(text)
    markup = text_html(text, [_hl(1, 6, 26)], parsed.blocks)
    page = _parse(markup)
    assert not page.errors
    # inside the first block, the blank line between the blocks, inside the second block
    assert Counter(m["data-highlight"] for m in _marks(markup)) == {"h1": 3}
    blocks = [(a, up) for t, a, up in page.ancestors if "blk" in a.get("class", "")]
    assert len(blocks) == 2
    assert all("mark" not in up for _, up in blocks)
    assert _article_text(markup) == text


def test_highlight_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        text_html("short", [_hl(1, 2, 9)])


spans = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12)), max_size=12)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=30), raw=spans)
def test_any_overlap_gives_valid_nesting_and_the_exact_text(
    text: str, raw: list[tuple[int, int]]
) -> None:
    chosen = sorted(
        {(s, min(s + w, len(text))) for s, w in raw if s < len(text)},
        key=lambda span: (span[0], -span[1]),
    )
    highlights = [_hl(i, s, e) for i, (s, e) in enumerate(chosen, start=1)]
    markup = text_html(text, highlights)
    page = _parse(markup)
    assert not page.errors
    assert not page.stack
    assert _article_text(markup) == text
    marks = _marks(markup)
    assert {m["data-highlight"] for m in marks} == {h.id for h in highlights}
    assert sum(m.get("tabindex") == "0" for m in marks) == len(highlights)


def test_report_highlights_merge_and_filter() -> None:
    import slant.profile  # noqa: F401  (registers every metric family)

    text = "Every day is dangerous. Really."
    evidence = [
        Evidence("absolutist_words", 0, 5, "absolutist", "Admits no exception."),
        Evidence("loaded_language_index", 0, 5, "absolutist (+1)", "Admits no exception."),
        Evidence("smog_index", 13, 22, "polysyllabic word", "3 syllables."),  # readability
        Evidence("body_blocks", 0, 31, "body paragraph", ""),  # layout
        Evidence("loaded_words", 13, 22, "loaded word", "VADER rates it -2.1."),
        Evidence("sentiment_strong_words_per_100", 13, 22, "strongly negative word", "-2.1."),
        Evidence("quotations_per_100_words", 24, 31, "quotation", ""),
        Evidence("quoted_word_share", 24, 31, "quotation", "1 quoted word."),
        Evidence("fragment_share", 5, 6, "fragment", "only a space"),  # whitespace only
    ]
    highlights = report_highlights(evidence, text)
    assert [(h.start, h.end) for h in highlights] == [(0, 5), (13, 22), (24, 31)]
    every, dangerous, really = highlights
    assert every.notes == ("absolutist: Admits no exception.",)
    assert every.metrics == ("absolutist_words", "loaded_language_index")
    assert dangerous.family == "rhetoric"  # rhetoric comes first among the families
    assert dangerous.labels == ("loaded word", "strongly negative word")
    assert really.notes == ("quotation: 1 quoted word.",)
    assert [h.id for h in highlights] == ["h1", "h2", "h3"]


def test_layout_metrics_exist_in_the_registry() -> None:
    import slant.profile  # noqa: F401
    from slant.metrics.registry import get

    for name in render.LAYOUT_METRICS:
        assert get(name).family == "structure"


# --------------------------------------------------------------------------- figures


def test_figures_get_distinct_ids() -> None:
    from slant import plots

    first = plots.marker_bars({"a": 1.0, "b": 2.0}, {"a": 1, "b": 2})
    second = plots.marker_bars({"a": 1.0, "b": 2.0}, {"a": 1, "b": 2})
    one, two = render.figure_svg(first, "f1"), render.figure_svg(second, "f2")
    assert one.startswith("<svg")
    ids_one = set(re.findall(r'\bid="([^"]+)"', one))
    ids_two = set(re.findall(r'\bid="([^"]+)"', two))
    assert ids_one
    assert not ids_one & ids_two
    assert all(i.startswith("f1-") for i in ids_one)
    for ref in re.findall(r"url\(#([^)]+)\)", one):
        assert ref in ids_one
    assert "<style" not in one
    assert "<!--" not in one


# --------------------------------------------------------------------------- colours


def _palette() -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", CSS.read_text(encoding="utf-8"), re.DOTALL)
    assert root is not None
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", root.group(1)))


def _luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB hex colour (W3C, WCAG 2.2, 'relative luminance')."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio (L1 + 0.05) / (L2 + 0.05), the lighter luminance on top."""
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    # black on white is the maximum, 21:1; #767676 is the lightest grey that passes 4.5:1
    # on white (4.54:1) and #777777 the first that fails (4.48:1) -- WebAIM's checker.
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_every_text_colour_pair_has_contrast_of_at_least_4_5() -> None:
    palette = _palette()
    highlight_backgrounds = [name for name in palette if name.startswith("hl-")]
    assert {f"hl-{f}" for f in render.HIGHLIGHT_FAMILIES} <= set(highlight_backgrounds)
    pairs = [
        ("text", "page-bg"),
        ("text", "stripe"),
        ("muted", "page-bg"),
        ("muted", "stripe"),
        ("link", "page-bg"),
        ("link", "stripe"),
        ("tip-text", "tip-bg"),
        ("good", "page-bg"),
        ("bad", "page-bg"),
        *(("text", name) for name in highlight_backgrounds),
    ]
    for foreground, background in pairs:
        ratio = contrast(palette[foreground], palette[background])
        assert ratio >= 4.5, f"--{foreground} on --{background}: {ratio:.2f}:1"


def test_highlight_families_differ_in_underline_style_for_greyscale() -> None:
    css = CSS.read_text(encoding="utf-8")
    styles = {}
    for family in (*render.HIGHLIGHT_FAMILIES, "other"):
        rule = re.search(rf"\.hl-{family}\s*\{{([^}}]*)\}}", css)
        assert rule is not None, family
        style = re.search(r"text-decoration-style:\s*(\w+)", rule.group(1))
        assert style is not None, family
        styles[family] = style.group(1)
    assert len(set(styles.values())) == len(styles)


def test_print_stylesheet_numbers_highlights() -> None:
    css = CSS.read_text(encoding="utf-8")
    start = css.index("@media print")
    printed = css[start:]
    assert "mark.hl[data-n]::after" in printed
    assert "attr(data-n)" in printed
    assert ".hl-note" in printed


# --------------------------------------------------------------------------- JSON record

TOP_LEVEL_KEYS = (
    "schema",
    "slant_version",
    "input",
    "document",
    "baseline",
    "metrics",
    "distance",
    "highlights",
    "evidence",
    "facts",
    "keywords",
    "actors",
    "notes",
    "versions",
)


def _no_nan(text: str) -> Any:
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in JSON")

    return json.loads(text, parse_constant=refuse)


def test_record_has_the_documented_keys_in_order(seed_analysis: Analysis) -> None:
    record = _no_nan(render.dumps(render.analysis_record(seed_analysis, source=str(SEED))))
    assert tuple(record) == TOP_LEVEL_KEYS
    assert record["schema"] == render.SCHEMA == "slant.analysis/1"
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for key in TOP_LEVEL_KEYS:
        assert f"`{key}`" in docs, f"docs/cli.md does not document {key!r}"
    metric = record["metrics"][0]
    assert tuple(metric) == (
        "name",
        "family",
        "label",
        "unit",
        "value",
        "n",
        "median",
        "q25",
        "q75",
        "percentile",
        "z",
        "reading",
        "compared",
        "reason",
    )


def test_record_highlights_match_the_report(seed_analysis: Analysis, seed_html: str) -> None:
    record = render.analysis_record(seed_analysis)
    text = seed_analysis.document.text
    for h in record["highlights"]:
        assert text[h["start"] : h["end"]] == h["text"]
    for e in record["evidence"]:
        assert text[e["start"] : e["end"]] == e["text"]
    assert len(record["evidence"]) == len(seed_analysis.profile.evidence)
    shown = set(re.findall(r'data-highlight="(h\d+)"', seed_html))
    assert shown == {h["id"] for h in record["highlights"]}


def test_record_writes_nan_as_null(lee: Baseline) -> None:
    doc = read_text("Yes.", id="tiny")
    text = render.dumps(render.analysis_record(analyze(doc, lee)))
    record = _no_nan(text)
    values = {m["name"]: m["value"] for m in record["metrics"]}
    assert None in values.values()  # e.g. the SD of one sentence's length is undefined
    assert record["facts"]["applies"] is False
    assert record["facts"]["reason"]
