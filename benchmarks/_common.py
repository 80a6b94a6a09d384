"""Shared by the benchmark scripts: machine facts, library versions, memory sampling."""

from __future__ import annotations

import multiprocessing
import os
import platform
import random
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

import psutil

from slant import baselines
from slant.corpus import Document, read_text

LIBRARIES = (
    "slant",
    "textstat",
    "vaderSentiment",
    "pysbd",
    "numpy",
    "pandas",
    "pyarrow",
    "dask",
    "distributed",
    "tqdm",
)


def header(title: str) -> str:
    """Lines that say what ran where: the title, cores, load, Python and library versions."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    memory = psutil.virtual_memory().total / 2**30
    return "\n".join(
        [
            f"== {title}",
            (
                f"machine: {cores} cores usable, {memory:.0f} GiB RAM, {platform.machine()}, "
                f"{platform.system()} {platform.release()}"
            ),
            f"load average (1, 5, 15 min) at start: {load}",
            f"python {sys.version.split()[0]}; " + "; ".join(versions),
            time.strftime("date: %Y-%m-%d %H:%M:%S %Z"),
        ]
    )


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def parallel_efficiency(loops: int = 10_000_000) -> float:
    """How much faster two processes finish two pure-Python jobs than one process does one.

    2.0 on two idle cores; lower when the cores are shared with other programs. A ceiling
    for any speed-up measured at the same time.
    """
    context = multiprocessing.get_context("forkserver")
    started = time.perf_counter()
    _burn(loops)
    one = time.perf_counter() - started
    with context.Pool(2) as pool:
        pool.map(_burn, [1000, 1000])  # start both workers before timing
        started = time.perf_counter()
        pool.map(_burn, [loops, loops])
        two = time.perf_counter() - started
    return 2 * one / two


def lee_texts() -> list[str]:
    """The 300 Lee stories' texts."""
    return [doc.text for doc in baselines.lee()]


def resampled(n: int, *, seed: int = 0, unique: bool = False) -> Iterator[Document]:
    """``n`` documents drawn at random (with replacement) from the 300 Lee stories.

    With ``unique``, the words of each drawn story are shuffled (same words, same
    punctuation attached to them, same length), so no sentence repeats and slant's
    per-sentence caches never hit, as in a corpus of distinct stories.
    """
    texts = lee_texts()
    rng = random.Random(seed)
    for i in range(n):
        text = texts[rng.randrange(len(texts))]
        if unique:
            words = text.split(" ")
            rng.shuffle(words)
            text = " ".join(words)
        yield read_text(text, id=f"bench-{i:07d}", kind="baseline")


@dataclass
class MemorySampler:
    """Samples the resident memory of this process and all its descendants."""

    interval: float = 0.2
    peak_total: int = 0
    peak_self: int = 0
    peak_child: int = 0
    timeline: list[tuple[float, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def _sample(self) -> None:
        me = psutil.Process()
        start = time.perf_counter()
        while not self._stop.is_set():
            try:
                own = me.memory_info().rss
                children = []
                for child in me.children(recursive=True):
                    try:
                        children.append(child.memory_info().rss)
                    except psutil.Error:
                        continue
            except psutil.Error:
                continue
            total = own + sum(children)
            self.peak_total = max(self.peak_total, total)
            self.peak_self = max(self.peak_self, own)
            self.peak_child = max([self.peak_child, *children])
            self.timeline.append((time.perf_counter() - start, total))
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def quartiles(self) -> list[int]:
        """Total RSS at 25, 50, 75 and 100 % of the run (to show whether it grows)."""
        if not self.timeline:
            return []
        end = self.timeline[-1][0]
        return [
            max(rss for t, rss in self.timeline if t <= share * end + 1e-9)
            for share in (0.25, 0.5, 0.75, 1.0)
        ]


def mib(n_bytes: float) -> str:
    """Bytes as MiB, rounded."""
    return f"{n_bytes / 2**20:,.0f} MiB"
