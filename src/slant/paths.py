"""Where the project's folders are: the corpus, and the outputs the notebooks write.

Notebooks and the runner find the repository's root by walking up from the working
directory to the folder that holds ``corpus/article``; ``SLANT_PROJECT_ROOT`` overrides it.
Outputs go to ``figures/`` and ``results/`` under the root unless ``SLANT_OUTPUT_DIR``
names another folder (the test suite and ``make verify`` use that to write elsewhere).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from slant.corpus import InputError

PROJECT_ROOT_ENV = "SLANT_PROJECT_ROOT"
OUTPUT_DIR_ENV = "SLANT_OUTPUT_DIR"


class OutputFolderError(InputError):
    """An output folder that cannot be created or written to; the message names it."""


def writable_folder(path: Path, what: str) -> Path:
    """Create ``path`` if needed and check that a file can be written in it.

    The check writes (and at once removes) a small temporary file rather than asking
    ``os.access``: permission bits do not tell the whole story (a read-only mount, an
    immutable folder, or a process running as root, for which ``os.access`` says yes).

    Parameters
    ----------
    path : Path
        The folder.
    what : str
        What goes there, for the message (``"figures"``, ``"result tables"``).

    Raises
    ------
    OutputFolderError
        The folder cannot be created or written to; the one-line message names it.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path, prefix=".slant-write-check-"):
            pass
    except OSError as exc:
        msg = (
            f"{path}: cannot write {what} there ({exc.strerror or exc}); make the folder "
            f"writable, or set {OUTPUT_DIR_ENV} to a folder you can write to"
        )
        raise OutputFolderError(msg) from None
    return path


def project_root(start: str | Path | None = None) -> Path:
    """The repository's root folder.

    Raises
    ------
    FileNotFoundError
        No folder above ``start`` (default: the working directory) holds ``corpus/article``.
    """
    override = os.environ.get(PROJECT_ROOT_ENV)
    if override:
        return Path(override).resolve()
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "corpus" / "article").is_dir():
            return folder
    msg = (
        f"cannot find the slant project folder above {here}; run from inside the repository "
        f"or set {PROJECT_ROOT_ENV}"
    )
    raise FileNotFoundError(msg)


def output_root() -> Path:
    """The folder under which ``figures/`` and ``results/`` are written."""
    override = os.environ.get(OUTPUT_DIR_ENV)
    return Path(override).resolve() if override else project_root()


def figures_dir() -> Path:
    """The folder for charts (created if missing; :class:`OutputFolderError` if not writable)."""
    return writable_folder(output_root() / "figures", "figures")


def results_dir() -> Path:
    """The folder for result tables (created if missing; :class:`OutputFolderError` if not)."""
    return writable_folder(output_root() / "results", "result tables")


def analyses_dir() -> Path:
    """Where analyses of other articles go (``out/analyses`` or under ``SLANT_OUTPUT_DIR``)."""
    override = os.environ.get(OUTPUT_DIR_ENV)
    return Path(override) / "analyses" if override else project_root() / "out" / "analyses"


def article_path() -> Path:
    """The article under study, as shipped in ``corpus/article/``."""
    return project_root() / "corpus" / "article" / "000_538137e8ce602f76.txt"
