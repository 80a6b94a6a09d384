"""The glossary generated from the metric registry, and ``docs/glossary.md`` kept in step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from slant.glossary import GLOSSARY_PATH, glossary_markdown, glossary_table, registered_metrics
from slant.metrics.registry import FAMILIES, Metric

ROOT = Path(__file__).resolve().parents[1]


def test_docs_glossary_is_up_to_date() -> None:
    committed = (ROOT / GLOSSARY_PATH).read_text(encoding="utf-8")
    assert committed == glossary_markdown(), (
        f"{GLOSSARY_PATH} is out of date with the metric registry; "
        f"run `slant glossary --write {GLOSSARY_PATH}` and commit the result"
    )


def test_every_metric_has_an_entry_with_its_facts() -> None:
    markdown = glossary_markdown()
    metrics = registered_metrics()
    assert len(metrics) > 50
    for metric in metrics:
        assert f"`{metric.name}`: " in markdown, metric.name
    assert markdown.count("\n### ") == len(metrics)
    for family in FAMILIES:
        assert f"\n## {family.capitalize()}\n" in markdown


def test_markdown_is_escaped_and_counts_are_right() -> None:
    odd = Metric(
        name="odd_metric",
        family="rhetoric",
        label="Odd *bold* <b>tag</b>",
        unit="per 100 words",
        direction="higher means more",
        definition="Counts [links](x) and |pipes| and under_scores",
        comparable=False,
        nan_when="the text is empty",
    )
    markdown = glossary_markdown([odd])
    assert r"### Odd \*bold\* \<b\>tag\</b\>" in markdown
    assert r"Counts \[links\](x) and \|pipes\| and under\_scores." in markdown
    assert "- **Compared with a baseline:** no: a raw count" in markdown
    assert "- **Undefined when:** The text is empty." in markdown
    assert "1 measurements in 1 families: [rhetoric](#rhetoric) (1)." in markdown
    assert "**Source:**" not in markdown  # no citation given, no line


def test_table_lists_every_name_and_fits_the_width() -> None:
    table = glossary_table(width=70)
    for metric in registered_metrics():
        assert metric.name in table
    assert all(len(line) <= 70 for line in table.splitlines())


def test_cli_prints_and_writes_the_glossary(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("slant")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "slant"]
    printed = subprocess.run(
        [*base, "glossary"], capture_output=True, text=True, check=False, timeout=60
    )
    assert printed.returncode == 0
    assert printed.stdout == glossary_markdown()  # not a terminal: Markdown
    table = subprocess.run(
        [*base, "glossary", "--format", "table"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert table.returncode == 0
    assert "flesch_reading_ease" in table.stdout
    assert not table.stdout.startswith("#")
    target = tmp_path / "glossary.md"
    written = subprocess.run(
        [*base, "glossary", "--write", str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert written.returncode == 0
    assert target.read_text(encoding="utf-8") == glossary_markdown()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.md"]
    missing = subprocess.run(
        [*base, "glossary", "--write", str(tmp_path / "no" / "g.md")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert missing.returncode == 3
    assert missing.stderr.count("\n") == 1
