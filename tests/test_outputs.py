"""Result tables are written reproducibly and atomically."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from slant import outputs


def test_csv_float_format_and_order(tmp_path: Path) -> None:
    table = pd.DataFrame({"metric": ["a", "b"], "value": [1 / 3, math.nan]})
    path = outputs.write_csv(table, "t", tmp_path)
    assert path.read_text(encoding="utf-8") == "metric,value\na,0.3333333333\nb,\n"


def test_json_is_sorted_and_nan_is_null(tmp_path: Path) -> None:
    path = outputs.write_json({"b": math.nan, "a": [0.1 + 0.2, 1]}, "s", tmp_path)
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == {"a": [0.3, 1], "b": None}
    assert text.index('"a"') < text.index('"b"')


def test_atomic_write_leaves_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.csv"
    target.write_text("old\n", encoding="utf-8")

    def fail(self: Path, other: Path) -> None:
        raise OSError("interrupted")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError, match="interrupted"):
        outputs.atomic_write_bytes(target, b"new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]
