"""One very long text: refused by the size limit, and what long texts cost below it.

1. A 20 MB text (Lee stories joined as paragraphs) is given to the loader with its default
   limit (slant.corpus.DEFAULT_MAX_BYTES, 2 MB) and to `slant score`: both refuse it with a
   one-line message before any work.
2. Single texts of growing size (--sizes, in MB) are profiled, each in a fresh process, to
   show how time and peak memory grow with length below the limit.

Usage: python benchmarks/bench_big_text.py [--sizes 0.1 0.2 0.4] [--timeout 600]
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import header, lee_texts

from slant.corpus import DEFAULT_MAX_BYTES, InputError, load_article
from slant.scale import score_command

CHILD = """
import resource, sys, time
sys.path.insert(0, BENCH_DIR)
from _common import lee_texts
from slant.profile import profile
size = float(sys.argv[1]) * 1e6
texts, parts, total, i = lee_texts(), [], 0, 0
while total < size:
    parts.append(texts[i % len(texts)]); total += len(parts[-1].encode()) + 2; i += 1
text = "\\n\\n".join(parts)
profile("Warm up. Load the lexicons first.")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
result = profile(text)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
words = sum(1 for _ in result.parsed.words)
print(f"{len(text.encode()) / 1e6:.2f} {words} {seconds:.2f} {before / 1024:.0f} {peak / 1024:.0f}")
"""


def big_text(n_bytes: int) -> str:
    texts, parts, total, i = lee_texts(), [], 0, 0
    while total < n_bytes:
        parts.append(texts[i % len(texts)])
        total += len(parts[-1].encode()) + 2
        i += 1
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="*", default=[0.1, 0.2, 0.4])
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    print(header("one long text: the size limit, and the cost of long texts"))

    with tempfile.TemporaryDirectory(prefix="slant-bench-") as folder:
        path = Path(folder) / "twenty_mb.txt"
        path.write_text(big_text(20_000_000), encoding="utf-8")
        size = path.stat().st_size
        started = time.perf_counter()
        try:
            load_article(path)
        except InputError as exc:
            seconds = time.perf_counter() - started
            print(f"load_article, {size / 1e6:.1f} MB, default limit {DEFAULT_MAX_BYTES:,} B:")
            print(f"  refused in {seconds * 1000:.1f} ms: {exc}")
        else:
            raise SystemExit("the 20 MB text was not refused")
        err = io.StringIO()
        with redirect_stderr(err):
            code = score_command([str(path), "--out", str(Path(folder) / "t.parquet"), "-q"])
        print(f"slant score on it: exit code {code}, stderr: {err.getvalue().strip()}")

    if args.sizes:
        print("single texts below the limit, each profiled in a fresh process:")
        print("      MB    words   seconds  RSS before  peak RSS")
    child = CHILD.replace("BENCH_DIR", repr(str(Path(__file__).resolve().parent)))
    for mb in args.sizes:
        try:
            done = subprocess.run(
                [sys.executable, "-c", child, str(mb)],
                capture_output=True,
                text=True,
                timeout=args.timeout,
                check=True,
            )
        except subprocess.TimeoutExpired:
            print(f"  {mb:6.2f}  did not finish within {args.timeout:.0f} s (stopped)")
            continue
        size_mb, words, seconds, before, peak = done.stdout.split()
        print(
            f"  {float(size_mb):6.2f} {int(words):8,} {float(seconds):9.1f} "
            f"{float(before):8.0f} MiB {float(peak):7.0f} MiB"
        )


if __name__ == "__main__":
    main()
