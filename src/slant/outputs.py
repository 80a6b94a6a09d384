"""Write result tables reproducibly: fixed float format, stable order, atomic replace.

Every file slant writes into ``results/`` goes through here, so that running the notebooks
twice (or on another machine with the same lock) gives byte-identical files, and a run
killed mid-write leaves the previous file intact.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from slant.paths import results_dir, writable_folder

#: Floats are written with 10 significant digits: enough to reproduce every reported
#: figure, few enough that harmless last-bit differences in summation order cannot show.
FLOAT_FORMAT = "%.10g"


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Raises
    ------
    OutputFolderError
        The folder cannot be created or written to (the message names it).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    except OSError:
        writable_folder(path.parent, path.name)  # raises, naming the folder
        raise  # the folder is fine after all: the error was about something else
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_folder(path.parent)
    return path


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_csv(table: pd.DataFrame, name: str, folder: Path | None = None) -> Path:
    """Write ``table`` as ``<folder>/<name>.csv`` (default folder: ``results/``)."""
    target = (folder or results_dir()) / f"{name}.csv"
    text = table.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    return atomic_write_bytes(target, text.encode("utf-8"))


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return float(FLOAT_FORMAT % value) if math.isfinite(value) else None  # NaN -> null
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def write_json(data: Mapping[str, Any], name: str, folder: Path | None = None) -> Path:
    """Write ``data`` as sorted, indented JSON ``<folder>/<name>.json`` (NaN becomes null)."""
    target = (folder or results_dir()) / f"{name}.json"
    text = json.dumps(_plain(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return atomic_write_bytes(target, text.encode("utf-8"))
