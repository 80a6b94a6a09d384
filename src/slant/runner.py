"""Execute the numbered notebooks with a real Jupyter kernel (``make run``, ``make verify``).

Each notebook runs in its own fresh kernel with ``notebooks/`` as working directory, so no
state passes between notebooks except the files they write. Executed copies go to
``out/notebooks/`` (git-ignored); the notebooks in ``notebooks/`` stay output-free.

``--verify`` regenerates every figure and table into a temporary folder and compares it,
byte for byte, with what is committed in ``figures/`` and ``results/``; it prints a
readable diff of anything that differs and exits 1. ``--analyze ARTICLE`` runs notebook 07
headless (papermill) on one article and writes the executed notebook, figures and tables
to ``out/analyses/<article>/``.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from slant.paths import OUTPUT_DIR_ENV, output_root, project_root

OUTPUT_FOLDERS = ("figures", "results")
YOUR_ARTICLE = "07-your-article.ipynb"


def notebook_paths(root: Path) -> list[Path]:
    """The notebooks ``NN-*.ipynb`` in ``root/notebooks``, in teaching order."""
    return sorted(p for p in (root / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def execute(path: Path, out_dir: Path | None, timeout: int) -> float:
    """Execute one notebook (``timeout`` seconds per cell); optionally save the executed copy.

    Returns the seconds taken. Raises the kernel's error if a cell fails.
    """
    import nbformat  # noqa: PLC0415  (heavy; only needed when running notebooks)
    from nbclient import NotebookClient  # noqa: PLC0415

    notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - started
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, out_dir / path.name)  # type: ignore[no-untyped-call]
    return elapsed


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_all(paths: Sequence[Path], out_dir: Path | None, timeout: int) -> float:
    """Execute notebooks in order, reporting progress on stderr; return total seconds."""
    total = 0.0
    for path in paths:
        sys.stderr.write(f"running {path.name} ...\n")
        seconds = execute(path, out_dir, timeout)
        total += seconds
        sys.stderr.write(f"  done in {seconds:.1f} s\n")
    return total


def compare_outputs(generated: Path, committed: Path, *, max_lines: int = 40) -> list[str]:
    """Differences between two output roots (``figures/`` and ``results/`` in each).

    Returns one readable block per differing, missing or extra file; empty if identical.
    """
    problems: list[str] = []
    for folder in OUTPUT_FOLDERS:
        new = {p.name: p for p in sorted((generated / folder).glob("*")) if p.is_file()}
        old = {p.name: p for p in sorted((committed / folder).glob("*")) if p.is_file()}
        for name in sorted(set(new) | set(old)):
            if name not in old:
                problems.append(f"{folder}/{name}: produced by the notebooks but not committed")
                continue
            if name not in new:
                problems.append(f"{folder}/{name}: committed but no longer produced")
                continue
            a, b = old[name].read_bytes(), new[name].read_bytes()
            if a == b:
                continue
            header = f"{folder}/{name}: differs ({len(a)} bytes committed, {len(b)} regenerated)"
            if name.endswith((".csv", ".json", ".svg")):
                diff = list(
                    difflib.unified_diff(
                        a.decode("utf-8", "replace").splitlines(),
                        b.decode("utf-8", "replace").splitlines(),
                        "committed",
                        "regenerated",
                        lineterm="",
                        n=1,
                    )
                )
                shown = diff[:max_lines]
                more = (
                    f"\n  … {len(diff) - max_lines} more diff lines"
                    if len(diff) > max_lines
                    else ""
                )
                header += "\n  " + "\n  ".join(shown) + more
            problems.append(header)
    return problems


def _summary(outputs: Path) -> str:
    lines = []
    comparison = outputs / "results" / "comparison.csv"
    if comparison.is_file():
        import pandas as pd  # noqa: PLC0415

        table = pd.read_csv(comparison)
        pairs = table.groupby("baseline", sort=False)["n_baseline"].max()
        used = ", ".join(
            f"{name} ({int(n)} document{'' if int(n) == 1 else 's'})" for name, n in pairs.items()
        )
        lines.append(f"baselines compared: {used}")
        if "coverage" not in pairs.index:
            lines.append("same-event coverage: not fetched (run 'slant hydrate' with a network)")
    return "\n".join(lines)


def verify(root: Path, timeout: int) -> int:
    """Regenerate outputs into a temporary folder and compare with the committed ones."""
    with tempfile.TemporaryDirectory(prefix="slant-verify-") as tmp:
        empty_cache = Path(tmp) / "no-coverage"
        empty_cache.mkdir()
        with _environment(
            **{OUTPUT_DIR_ENV: str(Path(tmp) / "out"), "SLANT_COVERAGE_CACHE": str(empty_cache)}
        ):
            run_all(notebook_paths(root), None, timeout)
        problems = compare_outputs(Path(tmp) / "out", root)
    if problems:
        sys.stdout.write(
            f"{len(problems)} output files differ from what is committed:\n"
            + "\n".join(problems)
            + "\nIf the change is intended, run 'make run' and commit figures/ and results/.\n"
        )
        return 1
    sys.stdout.write("figures/ and results/ are byte-identical to a fresh run\n")
    return 0


def analyze_article(root: Path, article: str, timeout: int, *, allow_private: bool) -> int:
    """Run notebook 07 headless on one article; write everything to its own folder."""
    import papermill  # noqa: PLC0415

    from slant.analysis import load_input, slug  # noqa: PLC0415
    from slant.paths import analyses_dir  # noqa: PLC0415

    document = load_input(article, allow_private=allow_private)
    folder = analyses_dir() / slug(document)
    folder.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(root / "notebooks" / YOUR_ARTICLE),
        str(folder / YOUR_ARTICLE),
        parameters={
            "article": article,
            "output_dir": str(folder),
            "allow_private": allow_private,
        },
        cwd=str(root / "notebooks"),
        kernel_name="python3",
        execution_timeout=timeout,
        progress_bar=False,
    )
    sys.stdout.write(f"analysis of {document.id} written to {folder}\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the notebooks (all, some, verify, or one article) and say where outputs are."""
    parser = argparse.ArgumentParser(
        prog="python -m slant.runner",
        description="Execute slant's notebooks in order and regenerate figures/ and results/.",
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    parser.add_argument(
        "--only", nargs="*", default=None, help="run only notebooks whose name starts with these"
    )
    parser.add_argument(
        "--verify", action="store_true", help="regenerate into a temporary folder and compare"
    )
    parser.add_argument("--analyze", metavar="ARTICLE", help="run notebook 07 on one article")
    parser.add_argument("--allow-private", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = project_root()
    try:
        if args.verify:
            return verify(root, args.timeout)
        if args.analyze is not None:
            return analyze_article(
                root, args.analyze, args.timeout, allow_private=args.allow_private
            )
        paths = notebook_paths(root)
        if args.only:
            paths = [p for p in paths if any(p.name.startswith(o) for o in args.only)]
        if not paths:
            sys.stderr.write(f"no notebooks found in {root / 'notebooks'}\n")
            return 2
        out_dir = root / "out" / "notebooks"
        total = run_all(paths, out_dir, args.timeout)
    except Exception as exc:
        first = str(exc).strip().splitlines()
        sys.stderr.write(f"slant: {first[-1] if first else type(exc).__name__}\n")
        return 1
    outputs = output_root()
    sys.stdout.write(
        f"ran {len(paths)} notebooks in {total:.1f} s\n"
        f"figures:  {outputs / 'figures'}\n"
        f"results:  {outputs / 'results'}\n"
        f"executed notebooks: {out_dir}\n"
    )
    summary = _summary(outputs)
    if summary:
        sys.stdout.write(summary + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
