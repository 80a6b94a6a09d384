"""The documentation stays true to the repository.

Relative links in README.md and docs/*.md point at files that exist; every figure that the
docs or the notebooks name is committed; CITATION.cff is valid YAML with the keys the
Citation File Format 1.2.0 requires and the package's version; the teacher guide covers
every notebook; and the worksheet's answer key quotes the values in results/*.csv.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

import slant

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MARKDOWN_FILES = sorted([ROOT / "README.md", *DOCS.glob("*.md")])
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`+[^`]*`+")
# [text](target) and ![alt](target), with an optional "title"; <target> allowed.
_INLINE_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# Reference-style definitions: [label]: target
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FIGURE_MENTION = re.compile(r"figures/([\w.-]+\.(?:png|svg))")
_SAVE_FIGURE = re.compile(r"save_figure\(\s*\w+\s*,\s*\"([^\"]+)\"\s*\)")


def markdown_links(text: str) -> list[str]:
    """Every link target of a Markdown text, outside fenced code blocks and code spans."""
    targets: list[str] = []
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        visible = _INLINE_CODE.sub("", line)
        targets.extend(_INLINE_LINK.findall(visible))
        targets.extend(_REFERENCE_LINK.findall(visible))
    return targets


def relative_target(target: str) -> str | None:
    """The file part of a relative link, or None for URLs, mail links and pure anchors."""
    if _SCHEME.match(target) or target.startswith(("#", "//")):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    return unquote(path) or None


# --------------------------------------------------------------------------- the helpers


def test_markdown_links_finds_links_and_skips_code() -> None:
    text = "\n".join(
        [
            "See [methods](methods.md#3-sentiment) and ![chart](../figures/a.png).",
            "A web page: [BABE](https://doi.org/10.18653/v1/2021.findings-emnlp.101).",
            "Inline code `[not](a-link.md)` is skipped.",
            "```",
            "[inside](a-fence.md)",
            "```",
            "[ref]: ../corpus/README.md",
            "[anchor](#contents)",
        ]
    )
    links = markdown_links(text)
    assert "a-link.md" not in links
    assert "a-fence.md" not in links
    relative = [relative_target(link) for link in links]
    assert [r for r in relative if r] == ["methods.md", "../figures/a.png", "../corpus/README.md"]


# --------------------------------------------------------------------------- links


def _relative_links() -> list[tuple[Path, str]]:
    found = []
    for path in MARKDOWN_FILES:
        for target in markdown_links(path.read_text(encoding="utf-8")):
            relative = relative_target(target)
            if relative is not None:
                found.append((path, relative))
    return found


def test_the_documents_exist() -> None:
    for name in ("methods.md", "teacher-guide.md", "worksheet.md"):
        assert (DOCS / name).is_file(), f"docs/{name} is missing"
    assert len(_relative_links()) > 20  # the docs do link to the repository


@pytest.mark.parametrize(
    ("source", "target"),
    _relative_links(),
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_relative_link_points_at_an_existing_file(source: Path, target: str) -> None:
    resolved = (source.parent / target).resolve()
    assert resolved.exists(), f"{source.relative_to(ROOT)} links to missing {target!r}"
    assert ROOT in resolved.parents or resolved == ROOT, f"{target!r} leaves the repository"


# --------------------------------------------------------------------------- figures


def _figures_named_in_docs() -> list[tuple[str, str]]:
    return sorted(
        {
            (path.name, name)
            for path in MARKDOWN_FILES
            for name in _FIGURE_MENTION.findall(path.read_text(encoding="utf-8"))
        }
    )


def _figures_written_by_notebooks() -> list[tuple[str, str]]:
    """Figures the notebooks save into figures/ (calls without a ``folder=`` argument)."""
    written = set()
    for notebook in NOTEBOOKS:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"])
                written.update((notebook.name, name) for name in _SAVE_FIGURE.findall(source))
    return sorted(written)


def test_docs_and_notebooks_name_figures() -> None:
    assert _figures_named_in_docs(), "no figure is referenced from the docs"
    assert _figures_written_by_notebooks(), "no notebook saves a figure into figures/"


@pytest.mark.parametrize(("source", "figure"), _figures_named_in_docs())
def test_figure_named_in_the_docs_exists(source: str, figure: str) -> None:
    assert (ROOT / "figures" / figure).is_file(), f"{source} names missing figures/{figure}"


@pytest.mark.parametrize(("notebook", "name"), _figures_written_by_notebooks())
def test_figure_written_by_a_notebook_is_committed(notebook: str, name: str) -> None:
    for suffix in (".png", ".svg"):
        path = ROOT / "figures" / f"{name}{suffix}"
        assert path.is_file(), f"{notebook} writes figures/{name}{suffix}, which is missing"


# --------------------------------------------------------------------------- CITATION.cff


@pytest.fixture(scope="module")
def citation() -> dict[str, object]:
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_citation_has_the_required_keys(citation: dict[str, object]) -> None:
    for key in ("cff-version", "message", "title", "authors"):
        assert citation.get(key), f"CITATION.cff lacks {key!r}"
    assert citation["cff-version"] == "1.2.0"
    assert citation["title"] == "slant"
    assert citation["type"] == "software"
    assert citation["license"] == "MIT"
    authors = citation["authors"]
    assert isinstance(authors, list)
    assert all(isinstance(a, dict) and (a.get("name") or a.get("family-names")) for a in authors)
    assert isinstance(citation["date-released"], dt.date)


def test_citation_version_is_the_package_version(citation: dict[str, object]) -> None:
    assert str(citation["version"]) == slant.__version__


def test_citation_references_are_complete(citation: dict[str, object]) -> None:
    references = citation["references"]
    assert isinstance(references, list)
    assert references
    for reference in references:
        assert {"type", "title", "authors"} <= set(reference), reference
    dois = {str(reference.get("doi")) for reference in references}
    assert "10.18653/v1/2021.findings-emnlp.101" in dois  # BABE, the validation data set


# --------------------------------------------------------------------------- teacher guide


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_teacher_guide_mentions_every_notebook(notebook: Path) -> None:
    guide = (DOCS / "teacher-guide.md").read_text(encoding="utf-8")
    assert notebook.stem in guide, f"docs/teacher-guide.md does not mention {notebook.stem}"


def test_teacher_guide_links_the_worksheet() -> None:
    guide = (DOCS / "teacher-guide.md").read_text(encoding="utf-8")
    assert "worksheet.md" in {relative_target(t) for t in markdown_links(guide)}


# --------------------------------------------------------------------------- answer key


def _answer_key() -> str:
    text = (DOCS / "worksheet.md").read_text(encoding="utf-8")
    _head, marker, key = text.partition("## Answer key")
    assert marker, "docs/worksheet.md has no '## Answer key' section"
    return key


def _lee_rows() -> dict[str, dict[str, str]]:
    with (ROOT / "results" / "comparison.csv").open(encoding="utf-8", newline="") as handle:
        return {row["metric"]: row for row in csv.DictReader(handle) if row["baseline"] == "lee"}


# (metric, decimals for the article's value, decimals for the Lee median), as the key
# prints them in bold.
ANSWER_KEY_VALUES = [
    ("words_per_sentence_mean", 1, 1),
    ("flesch_kincaid_grade", 1, 1),
    ("sentiment_share_negative", 2, 2),
    ("sentiment_intensity", 2, 2),
    ("numbers_per_100_words", 0, 2),
    ("scare_quotes_per_100", 2, 0),
    ("loaded_words_per_100", 2, 2),
    ("loaded_language_index", 2, 2),
]


@pytest.mark.parametrize(("metric", "value_digits", "median_digits"), ANSWER_KEY_VALUES)
def test_answer_key_quotes_the_committed_results(
    metric: str, value_digits: int, median_digits: int
) -> None:
    row = _lee_rows()[metric]
    key = _answer_key()
    value = f"**{float(row['value']):.{value_digits}f}**"
    median = f"**{float(row['median']):.{median_digits}f}**"
    assert value in key, f"the answer key should give {metric} = {value} (results/comparison.csv)"
    assert median in key, f"the answer key should give the Lee median of {metric} = {median}"


def test_answer_key_counts_the_key_facts() -> None:
    with (ROOT / "results" / "facts.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["text_id"] == "article"]
    mentioned = sum(row["mentioned"] == "True" for row in rows)
    assert f"**{mentioned} of {len(rows)}**" in _answer_key()
