"""Throughput, peak memory and speed-up of slant.scale on resampled Lee stories.

Each run scores N documents drawn at random from the 300 Lee stories (about 200 words
each; nothing is downloaded) with score_to_parquet(), streaming them from a generator into
a Parquet table, and reports documents per second, documents per second per worker, and
the peak resident memory of this process plus every worker process (sampled every 0.2 s).

Examples
--------
python benchmarks/bench_scale.py --sizes 1000 10000            # throughput and memory
python benchmarks/bench_scale.py --sizes 100000 --unique       # distinct stories
python benchmarks/bench_scale.py --sizes 2000 --workers 1 2 --engines local dask
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Literal

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyarrow.parquet as pq
from _common import MemorySampler, header, mib, parallel_efficiency, resampled

from slant.scale import score_to_parquet

TARGET_PER_CORE = 200.0
TARGET_SPEEDUP = 1.7
MEMORY_LIMIT = 2**30  # 1 GiB at 100k documents


def run_one(
    n: int,
    engine: Literal["local", "dask"],
    workers: int,
    *,
    unique: bool,
    chunk_size: int,
    folder: Path,
) -> dict[str, float]:
    out = folder / f"{engine}-{workers}-{n}.parquet"
    documents = resampled(n, seed=n, unique=unique)
    with MemorySampler() as memory:
        started = time.perf_counter()
        summary = score_to_parquet(
            documents,
            out,
            engine=engine,
            workers=workers,
            chunk_size=chunk_size,
            progress=False,
        )
        seconds = time.perf_counter() - started
    rows = pq.read_metadata(out).num_rows
    if rows != n or summary.n_scored != n:
        raise SystemExit(f"expected {n} rows, got {rows} (scored {summary.n_scored})")
    out.unlink()
    quarters = " / ".join(mib(x) for x in memory.quartiles())
    rate = n / seconds
    print(
        f"{n:>8,} docs  {engine:<5} workers={summary.workers}  {seconds:8.1f} s  "
        f"{rate:7.0f} docs/s  {rate / summary.workers:6.0f} docs/s/worker  "
        f"peak {mib(memory.peak_total)} (driver {mib(memory.peak_self)}, largest worker "
        f"{mib(memory.peak_child)}); running peak at 25/50/75/100 %: {quarters}",
        flush=True,
    )
    return {"seconds": seconds, "rate": rate, "peak": memory.peak_total, "workers": workers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--engines", nargs="+", default=["local"], choices=["local", "dask"])
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[2], help="worker counts to compare"
    )
    parser.add_argument("--chunk-size", type=int, default=64)
    parser.add_argument(
        "--rounds", type=int, default=1, help="repeat every run; figures use the median time"
    )
    parser.add_argument(
        "--unique", action="store_true", help="shuffle each story's words: no sentence repeats"
    )
    args = parser.parse_args()

    mode = "distinct (word-shuffled) stories" if args.unique else "resampled stories"
    print(header(f"slant.scale throughput and memory, {mode}"))
    print(
        f"chunk size {args.chunk_size}; targets: >= {TARGET_PER_CORE:.0f} docs/s per core, "
        f"peak < {mib(MEMORY_LIMIT)} at 100k, speed-up >= {TARGET_SPEEDUP}x with 2 workers"
    )
    if max(args.workers) > 1:
        ceiling = parallel_efficiency()
        print(f"this machine now: 2 processes run pure-Python work {ceiling:.2f}x as fast as 1")
    folder = Path(tempfile.mkdtemp(prefix="slant-bench-"))
    try:
        runs: dict[tuple[str, int, int], list[dict[str, float]]] = {}
        # rounds outermost, so that a burst of load from other programs hits every
        # configuration alike rather than all rounds of one
        for _ in range(args.rounds):
            for engine in args.engines:
                for workers in args.workers:
                    for n in args.sizes:
                        runs.setdefault((engine, workers, n), []).append(
                            run_one(
                                n,
                                engine,
                                workers,
                                unique=args.unique,
                                chunk_size=args.chunk_size,
                                folder=folder,
                            )
                        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    results = {
        key: {
            "seconds": statistics.median(r["seconds"] for r in rounds),
            "peak": max(r["peak"] for r in rounds),
        }
        for key, rounds in runs.items()
    }
    if args.rounds > 1:
        print(f"median of {args.rounds} rounds:")
        for (engine, workers, n), result in results.items():
            rate = n / result["seconds"]
            print(f"  {n:>8,} docs  {engine:<5} workers={workers}  {rate:7.0f} docs/s")
    for engine in args.engines:
        for n in args.sizes:
            base = results.get((engine, 1, n))
            for workers in args.workers:
                if base is None or workers == 1:
                    continue
                speedup = base["seconds"] / results[engine, workers, n]["seconds"]
                print(f"speed-up {engine} {workers} workers over 1, {n:,} docs: {speedup:.2f}x")
        sizes = sorted(n for e, w, n in results if e == engine and w == max(args.workers))
        if len(sizes) > 1:
            w = max(args.workers)
            small, large = results[engine, w, sizes[0]], results[engine, w, sizes[-1]]
            growth = large["seconds"] / small["seconds"]
            print(
                f"time growth {engine} {sizes[0]:,} -> {sizes[-1]:,} docs: {growth:.1f}x for "
                f"{sizes[-1] / sizes[0]:.0f}x the documents; peak memory "
                f"{mib(small['peak'])} -> {mib(large['peak'])}"
            )


if __name__ == "__main__":
    main()
