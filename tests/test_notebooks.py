"""The notebooks: stored clean, built on one skeleton, executed for real, reproducible."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from tests.conftest import ROOT

from slant import runner

NOTEBOOKS = runner.notebook_paths(ROOT)
SKELETON = ("Overview", "Prerequisites", "Imports", "Summary", "What's next", "References")
ALLOWED_NOTEBOOK_METADATA = {"kernelspec", "language_info"}
ALLOWED_CELL_METADATA = {"tags"}
CELL_TIMEOUT = 600


def _load(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_seven_notebooks_exist_in_teaching_order() -> None:
    names = [p.name for p in NOTEBOOKS]
    assert names == [
        "01-the-article.ipynb",
        "02-readability.ipynb",
        "03-sentiment.ipynb",
        "04-structure.ipynb",
        "05-rhetoric.ipynb",
        "06-neutral-coverage.ipynb",
        "07-your-article.ipynb",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs_or_stray_metadata(path: Path) -> None:
    notebook = _load(path)
    assert set(notebook["metadata"]) <= ALLOWED_NOTEBOOK_METADATA
    assert "version" not in notebook["metadata"].get("language_info", {})
    for cell in notebook["cells"]:
        assert set(cell.get("metadata", {})) <= ALLOWED_CELL_METADATA, cell["metadata"]
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], "committed outputs: run nbstripout"
            assert cell["execution_count"] is None
    text = path.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    assert ">>>>>>>" not in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_follows_the_skeleton(path: Path) -> None:
    notebook = _load(path)
    headings = [
        line.lstrip("#").strip()
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
        if line.startswith("## ")
    ]
    positions = []
    for part in SKELETON:
        assert part in headings, f"{path.name} lacks a '## {part}' section"
        positions.append(headings.index(part))
    assert positions == sorted(positions), f"{path.name}: skeleton sections out of order"
    imports = [
        i
        for i, cell in enumerate(notebook["cells"])
        if cell["cell_type"] == "code"
        and re.search(r"^(from|import) ", "".join(cell["source"]), re.M)
    ]
    assert len(imports) == 1, f"{path.name}: imports belong in one cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_imports_only_the_public_package(path: Path) -> None:
    source = "\n".join(
        "".join(c["source"]) for c in _load(path)["cells"] if c["cell_type"] == "code"
    )
    for module in re.findall(r"^\s*(?:from|import) ([\w.]+)", source, re.M):
        assert module.split(".")[0] in {"slant", "IPython", "pathlib"}, module
    assert "def " not in source, "functions belong in the package, not in a notebook"


@pytest.mark.notebook
@pytest.mark.slow
def test_notebooks_execute_and_reproduce_the_committed_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run every notebook in a fresh kernel (a per-cell timeout), as ``make run`` does.

    The outputs go to a temporary folder and must equal the committed ``figures/`` and
    ``results/`` byte for byte (the check behind ``make verify``).
    """
    empty_coverage = tmp_path / "no-coverage"
    empty_coverage.mkdir()
    monkeypatch.setenv("SLANT_OUTPUT_DIR", str(tmp_path / "out"))
    monkeypatch.setenv("SLANT_COVERAGE_CACHE", str(empty_coverage))
    for path in NOTEBOOKS:
        runner.execute(path, tmp_path / "executed", CELL_TIMEOUT)
    problems = runner.compare_outputs(tmp_path / "out", ROOT)
    assert not problems, "\n".join(problems)


def test_compare_outputs_reports_differences(tmp_path: Path) -> None:
    for side in ("a", "b"):
        (tmp_path / side / "results").mkdir(parents=True)
        (tmp_path / side / "figures").mkdir(parents=True)
    (tmp_path / "a" / "results" / "x.csv").write_text("v\n1\n", encoding="utf-8")
    (tmp_path / "b" / "results" / "x.csv").write_text("v\n2\n", encoding="utf-8")
    (tmp_path / "a" / "figures" / "new.svg").write_text("<svg/>", encoding="utf-8")
    problems = runner.compare_outputs(tmp_path / "a", tmp_path / "b")
    assert len(problems) == 2
    assert "results/x.csv: differs" in problems[1] or "results/x.csv: differs" in problems[0]
    assert any("-2" in p and "+1" in p for p in problems)
    assert any("not committed" in p for p in problems)


NEUTRAL = """The city council voted on Tuesday to extend the library's opening hours, the mayor's
office said in a statement.

The change, which takes effect on 1 March, adds two hours on weekdays. Council member Ana Ruiz
said the extension would cost about 40,000 dollars a year.

Library staff had asked for longer hours since 2022, according to a report by the council.
"""

LOADED = """Every day the so-called "reformers" push us further toward disaster.

Yes, you read that correctly.

They say it is "progress." It is not progress. It is surrender.

What are they hiding?

Today it is the library. Tomorrow it becomes the schools — and the day after, everything.

This completely shatters the narrative that they care about us.
"""


@pytest.mark.notebook
@pytest.mark.slow
def test_your_article_notebook_separates_a_loaded_text_from_a_neutral_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notebook 07 with papermill parameters, on two short texts written here."""
    import papermill

    monkeypatch.setenv("SLANT_OUTPUT_DIR", str(tmp_path / "out"))
    summaries = {}
    comparisons = {}
    for name, text in (("neutral", NEUTRAL), ("loaded", LOADED)):
        article = tmp_path / f"{name}.txt"
        article.write_text(text, encoding="utf-8")
        folder = tmp_path / name
        papermill.execute_notebook(
            str(ROOT / "notebooks" / runner.YOUR_ARTICLE),
            str(tmp_path / f"{name}.ipynb"),
            parameters={"article": str(article), "output_dir": str(folder)},
            cwd=str(ROOT / "notebooks"),
            kernel_name="python3",
            execution_timeout=CELL_TIMEOUT,
            progress_bar=False,
        )
        summaries[name] = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        table = pd.read_csv(folder / "comparison.csv")
        comparisons[name] = dict(zip(table["metric"], table["z"], strict=True))
        assert (folder / "distance-profile.svg").is_file()
    assert summaries["loaded"]["distance"] > summaries["neutral"]["distance"]
    # the loaded text was written with scare quotes, a rhetorical question, second-person
    # address and a slippery slope; the neutral one with attributed, dated facts
    for metric in (
        "scare_quotes_per_100",
        "rhetorical_questions_per_100",
        "second_person_per_100",
        "slippery_slope_per_100",
    ):
        loaded, neutral = comparisons["loaded"][metric], comparisons["neutral"][metric]
        assert pd.isna(neutral) or loaded > neutral, metric
        assert not pd.isna(loaded) or metric in {
            "second_person_per_100",
            "rhetorical_questions_per_100",
        }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.notebook
def test_jupyter_server_lists_the_notebooks(tmp_path: Path) -> None:
    """Start Jupyter on 127.0.0.1 (as ``make lab`` does), list notebooks over REST, stop it."""
    jupyter = shutil.which("jupyter", path=str(Path(sys.executable).parent))
    assert jupyter is not None
    port = _free_port()
    token = "slant-test-token"
    process = subprocess.Popen(
        [
            jupyter,
            "server",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={ROOT / 'notebooks'}",
            "--ServerApp.port_retries=0",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path)},
    )
    try:
        listing = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and listing is None:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/contents?token={token}", timeout=2
                ) as response:
                    listing = json.loads(response.read())
            except OSError:
                time.sleep(0.5)
        assert listing is not None, "the Jupyter server did not answer within 60 s"
        names = sorted(item["name"] for item in listing["content"] if item["type"] == "notebook")
        assert names == [p.name for p in NOTEBOOKS]
    finally:
        process.terminate()
        assert process.wait(timeout=30) is not None
