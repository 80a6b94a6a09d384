"""Charts: they draw from plain data and save byte-identically, atomically."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import pandas as pd
import pytest

from slant import plots
from slant.compare import compare


def _distance_inputs() -> tuple[object, pd.DataFrame]:
    table = pd.DataFrame(
        {
            "sentiment_mean": [0.1, -0.2, 0.0, 0.3, -0.1],
            "scare_quotes_per_100": [0.0, 0.0, 0.0, 0.0, 1.0],
        }
    )
    comparison = compare(
        {"sentiment_mean": -0.5, "scare_quotes_per_100": 2.0}, table, paragraphs=False
    )
    return comparison, table


CHARTS = {
    "readability": lambda: plots.readability_bars({"Flesch": 50.0}, {"Flesch": 45.0}),
    "arc": lambda: plots.sentiment_arc(
        [0.0, 0.5, 1.0],
        [0.2, -0.4, 0.1],
        smoothed=[0.1, -0.1, 0.0],
        band=([0.25, 0.75], [-0.2, -0.1], [0.2, 0.3]),
        band_label="band",
    ),
    "actors": lambda: plots.actor_bars(
        pd.DataFrame({"actor": ["A", "B"], "n_sentences": [2, 1], "mean_compound": [-0.3, 0.2]})
    ),
    "rhythm": lambda: plots.rhythm([3, 10, 5], ["heading", "body", "list_item"]),
    "markers": lambda: plots.marker_bars({"Scare quotes": 1.2}, {"Scare quotes": 3}),
    "distance": lambda: plots.distance_profile(*_distance_inputs()),
    "lengths": lambda: plots.length_distributions([5, 8, 9], [20, 25, 30], baseline_label="b"),
    "keyness": lambda: plots.keyness_bars(
        pd.DataFrame({"word": ["a", "b", "c", "d"], "z": [3.0, 1.0, -1.0, -2.5]}),
        n=2,
        baseline_label="b",
    ),
    "facts": lambda: plots.facts_checklist(
        pd.DataFrame(
            {
                "text_id": ["x", "x", "y", "y"],
                "fact_id": ["f1", "f2", "f1", "f2"],
                "statement": ["Fact one", "Fact two", "Fact one", "Fact two"],
                "mentioned": [True, False, True, True],
            }
        )
    ),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_saves_identical_bytes_twice(name: str, tmp_path: Path) -> None:
    svg1, png1 = plots.save_figure(CHARTS[name](), "chart", tmp_path / "one")
    svg2, png2 = plots.save_figure(CHARTS[name](), "chart", tmp_path / "two")
    assert svg1.read_bytes() == svg2.read_bytes()
    assert png1.read_bytes() == png2.read_bytes()
    svg = svg1.read_text(encoding="utf-8")
    assert "<dc:date>" not in svg  # no timestamp in the metadata
    assert not list((tmp_path / "one").glob(".*"))  # no temporary files left behind


def test_charts_do_not_change_global_matplotlib_settings(tmp_path: Path) -> None:
    before = dict(mpl.rcParams)
    plots.save_figure(CHARTS["distance"](), "d", tmp_path)
    assert dict(mpl.rcParams) == before


def test_failed_save_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svg, _ = plots.save_figure(CHARTS["rhythm"](), "kept", tmp_path)
    original = svg.read_bytes()
    figure = CHARTS["markers"]()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(figure, "savefig", broken)
    with pytest.raises(OSError, match="disk full"):
        plots.save_figure(figure, "kept", tmp_path)
    assert svg.read_bytes() == original
    assert not list(tmp_path.glob(".*"))


def test_palette_is_okabe_ito() -> None:
    # Okabe & Ito (2008): the eight colours of the colour-universal-design palette
    assert set(plots.OKABE_ITO.values()) == {
        "#000000",
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
    }
