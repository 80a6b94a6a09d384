"""Execute the numbered notebooks in order with a real Jupyter kernel (``make run``).

Each notebook runs in its own fresh kernel with ``notebooks/`` as working directory, so no
state passes between notebooks except the files they write. Executed copies go to
``out/notebooks/`` (git-ignored); the notebooks in ``notebooks/`` stay output-free.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from slant.paths import output_root, project_root


def notebook_paths(root: Path) -> list[Path]:
    """The notebooks ``NN-*.ipynb`` in ``root/notebooks``, in teaching order."""
    return sorted(p for p in (root / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def execute(path: Path, out_dir: Path, timeout: int) -> float:
    """Execute one notebook; write the executed copy to ``out_dir``; return seconds taken."""
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
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, out_dir / path.name)  # type: ignore[no-untyped-call]
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    """Run every notebook in order and print where the outputs are."""
    parser = argparse.ArgumentParser(
        prog="python -m slant.runner",
        description="Execute slant's notebooks in order and regenerate figures/ and results/.",
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    parser.add_argument(
        "--only", nargs="*", default=None, help="run only notebooks whose name starts with these"
    )
    args = parser.parse_args(argv)
    root = project_root()
    paths = notebook_paths(root)
    if args.only:
        paths = [p for p in paths if any(p.name.startswith(o) for o in args.only)]
    if not paths:
        sys.stderr.write(f"no notebooks found in {root / 'notebooks'}\n")
        return 2
    out_dir = root / "out" / "notebooks"
    total = 0.0
    for path in paths:
        sys.stderr.write(f"running {path.name} ...\n")
        try:
            seconds = execute(path, out_dir, args.timeout)
        except Exception as exc:
            first = str(exc).strip().splitlines()
            sys.stderr.write(f"{path.name} failed: {first[-1] if first else type(exc).__name__}\n")
            sys.stderr.write("the partly executed notebook is not saved; open it with make lab\n")
            return 1
        total += seconds
        sys.stderr.write(f"  done in {seconds:.1f} s\n")
    outputs = output_root()
    sys.stdout.write(
        f"ran {len(paths)} notebooks in {total:.1f} s\n"
        f"figures:  {outputs / 'figures'}\n"
        f"results:  {outputs / 'results'}\n"
        f"executed notebooks: {out_dir}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
