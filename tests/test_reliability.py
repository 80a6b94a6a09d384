"""Faults and hostile conditions: what slant does when the world does not cooperate.

* **Size**: over-limit input is refused from its size before any work, whatever it is (a
  file, a 3 GB sparse file, a pipe, a device that never ends, pasted text, a gzip bomb).
* **Hostile pages**: numeric spellings of the loopback address are refused; script and
  markup in a fetched page never reach the report unescaped.
* **Interrupted runs**: a process killed (SIGKILL) at random moments while writing a
  result, a figure, a coverage file or a score table leaves the old file or the new one,
  never a torn one; a killed scoring run finishes correctly when run again.
* **Concurrent runs**: two processes scoring into one cache folder at once both get the
  right table and leave one valid cache file.
* **Corrupt caches**: a damaged score table is detected and rebuilt, never used.
* **Read-only folders**: writing into a folder that cannot be written gives one clear line
  naming the folder.

``docs/reliability.md`` lists every case with the test that proves it.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import slant.text
from slant import outputs, paths, plots, scale
from slant.analysis import analyze, load_baseline, load_input
from slant.corpus import InputError, corpus_from_texts, load_article, read_text
from slant.fetch import FetchError, fetch_url, load_url
from slant.paths import OutputFolderError

POSIX = os.name == "posix"

# --------------------------------------------------------------------------- helpers


class _Server:
    """A local web server answering every GET with one fixed response."""

    def __init__(self, body: bytes, headers: dict[str, str]) -> None:
        self.hits = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.hits += 1
                self.send_response(200)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(OSError):  # the client may hang up early
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextlib.contextmanager
def serving(body: bytes, **headers: str) -> Iterator[_Server]:
    server = _Server(body, {k.replace("_", "-"): v for k, v in headers.items()})
    try:
        yield server
    finally:
        server.close()


def hidden_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def run_and_kill(script: str, *, delay: float, env: dict[str, str] | None = None) -> None:
    """Start ``script``, wait for its "ready" line, let it run ``delay`` s, then SIGKILL it."""
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    assert child.stdout is not None
    try:
        ready = child.stdout.readline()
        if ready != b"ready\n":
            child.wait(timeout=60)
            assert child.stderr is not None
            pytest.fail(f"child did not start: {child.stderr.read().decode()[-2000:]}")
        time.sleep(delay)
        assert child.poll() is None, "the child finished before it was killed"
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=60) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()


# --------------------------------------------------------------------------- size limits


def test_an_oversized_file_is_refused_from_its_size_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(3_000_000_000)  # a sparse 3 GB file: costs no disk space

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", never)
    monkeypatch.setattr(Path, "read_bytes", never)
    with pytest.raises(InputError, match=r"3,000,000,000 bytes is over the size limit of 2,000"):
        load_article(huge)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_that_never_ends_is_read_only_up_to_the_limit() -> None:
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"over the size limit of 100,000 bytes \(reading stop"):
        load_article("/dev/zero", max_bytes=100_000)  # reports size 0, never ends
    assert time.perf_counter() - started < 5


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    written = []

    def writer() -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as handle:
            for _ in range(1000):  # up to 64 MB, far past the limit
                handle.write(b"The council voted. " * 3450)
                written.append(1)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    with pytest.raises(InputError, match="over the size limit of 100,000 bytes"):
        load_article(fifo, max_bytes=100_000)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert len(written) < 1000  # the reader stopped; the writer's pipe broke


def test_pasted_text_over_the_limit_is_refused_before_any_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(text: str) -> None:
        raise AssertionError("the text was parsed")

    monkeypatch.setattr(slant.text, "parse", never)
    pasted = "The council met on Tuesday and voted. " * 100  # one long line
    with pytest.raises(InputError, match="over the size limit of 1,000 bytes"):
        load_input(pasted, max_bytes=1000)
    with pytest.raises(InputError, match="over the size limit of 1,000 bytes"):
        load_input(pasted.replace(". ", ".\n"), max_bytes=1000)
    with pytest.raises(InputError, match="over the size limit of 1,000 bytes"):
        read_text(pasted, max_bytes=1000)


def test_a_long_pasted_line_is_text_not_a_path_too_long_to_exist() -> None:
    pasted = "The council met on Tuesday and voted to delay the plan. " * 40  # 2,240 chars
    doc = load_input(pasted)  # once: OSError "File name too long" from Path.exists()
    assert doc.id == "pasted-text"
    assert doc.text == pasted


def test_a_gzip_bomb_is_cut_off_at_the_byte_cap() -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    bomb = packer.compress(b"\0" * 200_000_000) + packer.flush()  # 200 MB in ~200 kB
    with serving(bomb, Content_Type="text/html", Content_Encoding="gzip") as server:
        started = time.perf_counter()
        with pytest.raises(FetchError, match=r"over the limit of 1,000,000 bytes \(stopped"):
            load_url(f"http://127.0.0.1:{server.port}/", allow_private=True, max_bytes=1_000_000)
        assert time.perf_counter() - started < 10


# --------------------------------------------------------------------------- hostile pages


@pytest.mark.parametrize("host", ["2130706433", "127.1", "0x7f.0.0.1", "0177.0.0.1"])
def test_other_spellings_of_the_loopback_address_are_refused(host: str) -> None:
    # the C resolver reads all of these as 127.0.0.1; the check runs on the resolved address
    with serving(b"secret", Content_Type="text/plain") as server:
        with pytest.raises(FetchError, match="loopback"):
            fetch_url(f"http://{host}:{server.port}/", timeout=5, retries=0)
        assert server.hits == 0


_PARAGRAPH = (
    "The harbour bridge reopened to traffic on Monday after six weeks of repairs to its "
    "northern span, the city's transport department said in a statement."
)
HOSTILE_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'>"
    "<title>&lt;script&gt;alert('title')&lt;/script&gt; Bridge reopens</title>"
    "<meta property='og:url' content='javascript:alert(1)'>"
    "<script>document.cookie = 'stolen'</script></head><body><article>"
    f"<p>{_PARAGRAPH}</p>"
    "<p>Engineers wrote &lt;img src=x onerror=alert(1)&gt; on a sign, the department said.</p>"
    "<script>steal(document.cookie)</script>"
    "<iframe src='javascript:alert(2)'></iframe>"
    "<p onclick='alert(3)'>Commuters had used a ferry while the bridge was closed.</p>"
    "</article></body></html>"
).encode()


def test_script_and_markup_in_a_fetched_page_never_reach_the_report() -> None:
    from slant.report.render import render_report

    with serving(HOSTILE_PAGE, Content_Type="text/html; charset=utf-8") as server:
        url = f"http://127.0.0.1:{server.port}/story"
        doc = load_url(url, allow_private=True)
    assert doc.url == url  # the page's own og:url (a javascript: URL) is not used
    assert "steal(" not in doc.text
    assert "document.cookie" not in doc.text
    assert "<img src=x onerror=alert(1)>" in doc.text  # the page's words, kept as words
    page = render_report(analyze(doc, load_baseline("control", progress=False)))
    lowered = page.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered
    assert "<img src=x" not in lowered
    assert "onerror=alert" not in lowered.replace("&lt;img src=x onerror=alert", "")
    assert "&lt;img src=x onerror=alert(" in page  # highlighting may split the rest
    assert "&lt;script&gt;alert(" in page  # the page title, as text
    assert "javascript:alert" not in lowered


# --------------------------------------------------------------------------- killed writes


_SIZE = 3_000_000

# Prepended to a child's script: files opened with os.fdopen (as both atomic writers do)
# write in 64 kB pieces with a pause after each, like a slow disk, so that a kill at a
# random moment lands inside a write most of the time rather than between two writes.
_SLOW_DISK = textwrap.dedent(
    """
    import os, time
    _fdopen = os.fdopen

    class _SlowFile:
        def __init__(self, handle):
            self._handle = handle

        def write(self, data):
            view = memoryview(data)
            for start in range(0, len(view), 65536):
                self._handle.write(view[start : start + 65536])
                self._handle.flush()
                time.sleep(0.002)
            return len(view)

        def __getattr__(self, name):
            return getattr(self._handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self._handle.__exit__(*exc)

    os.fdopen = lambda *args, **kwargs: _SlowFile(_fdopen(*args, **kwargs))
    """
)


@pytest.mark.skipif(not POSIX, reason="SIGKILL is POSIX")
def test_a_result_file_survives_a_kill_at_any_moment(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    versions = {b"A" * _SIZE + b"\nend\n", b"B" * _SIZE + b"\nend\n"}
    target.write_bytes(b"A" * _SIZE + b"\nend\n")
    script = _SLOW_DISK + textwrap.dedent(
        f"""
        from pathlib import Path
        from slant.outputs import atomic_write_bytes
        target = Path({str(target)!r})
        print("ready", flush=True)
        while True:
            for letter in (b"B", b"A"):
                atomic_write_bytes(target, letter * {_SIZE} + b"\\nend\\n")
        """
    )
    rng = random.Random(8)
    leftovers = 0
    for _ in range(5):
        run_and_kill(script, delay=rng.uniform(0.05, 0.5))
        assert target.read_bytes() in versions
        left = [name for name in hidden_files(tmp_path) if name.endswith(".tmp")]
        leftovers += len(left)
        for name in left:
            (tmp_path / name).unlink()
    assert leftovers > 0, "no kill landed during a write: the test proved nothing"


@pytest.mark.skipif(not POSIX, reason="SIGKILL is POSIX")
def test_a_coverage_file_survives_a_kill_at_any_moment(tmp_path: Path) -> None:
    target = tmp_path / "story.txt"
    old = b"---\ntitle: Old\n---\n" + b"old words " * (_SIZE // 10)
    new = b"---\ntitle: New\n---\n" + b"new words " * (_SIZE // 10)
    target.write_bytes(old)
    script = _SLOW_DISK + textwrap.dedent(
        f"""
        from slant.coverage import write_atomic
        old = b"---\\ntitle: Old\\n---\\n" + b"old words " * {_SIZE // 10}
        new = b"---\\ntitle: New\\n---\\n" + b"new words " * {_SIZE // 10}
        print("ready", flush=True)
        while True:
            write_atomic({str(target)!r}, new)
            write_atomic({str(target)!r}, old)
        """
    )
    rng = random.Random(9)
    leftovers = 0
    for _ in range(5):
        run_and_kill(script, delay=rng.uniform(0.05, 0.5))
        assert target.read_bytes() in (old, new)
        left = [name for name in hidden_files(tmp_path) if name.endswith(".tmp")]
        leftovers += len(left)
        for name in left:
            (tmp_path / name).unlink()
    assert leftovers > 0, "no kill landed during a write: the test proved nothing"


@pytest.mark.skipif(not POSIX, reason="SIGKILL is POSIX")
def test_a_figure_survives_a_kill_at_any_moment(tmp_path: Path) -> None:
    # the child first saves a reference copy, then saves the same (slow, 10,000-point)
    # chart over and over; a killed save must leave no file or an exact copy
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        import numpy as np
        from slant import plots
        folder = Path({str(tmp_path)!r})
        fig = plots.new_figure(6, 4)
        ax = fig.add_subplot()
        rng = np.random.default_rng(0)
        ax.plot(rng.random(10_000), rng.random(10_000), linewidth=0.2)
        if not (folder / "reference.png").exists():
            plots.save_figure(fig, "reference", folder)
        print("ready", flush=True)
        while True:
            plots.save_figure(fig, "chart", folder)
        """
    )
    rng = random.Random(10)
    leftovers = 0
    for _ in range(4):
        run_and_kill(script, delay=rng.uniform(0.1, 1.5))
        for suffix in (".svg", ".png"):
            chart = tmp_path / f"chart{suffix}"
            if chart.exists():
                assert chart.read_bytes() == (tmp_path / f"reference{suffix}").read_bytes()
        left = [name for name in hidden_files(tmp_path) if name.startswith(".chart-")]
        leftovers += len(left)
        for name in left:
            (tmp_path / name).unlink()
    assert (tmp_path / "chart.svg").exists()
    assert leftovers > 0, "no kill landed during a save: the test proved nothing"


_LEE_CORPUS = textwrap.dedent(
    """
    from slant import baselines
    from slant.corpus import Corpus
    lee = baselines.lee()
    corpus = Corpus("lee24", "24 Lee stories", lee.documents[:24])
    """
)


def _lee24() -> scale.Corpus:
    namespace: dict[str, object] = {}
    exec(_LEE_CORPUS, namespace)  # the very corpus the children build
    corpus = namespace["corpus"]
    assert isinstance(corpus, scale.Corpus)
    return corpus


@pytest.mark.skipif(not POSIX, reason="SIGKILL is POSIX")
def test_a_score_table_survives_a_kill_and_the_next_run_completes_it(tmp_path: Path) -> None:
    out = tmp_path / "table.parquet"
    reference = tmp_path / "reference.parquet"
    script = _LEE_CORPUS + textwrap.dedent(
        f"""
        from pathlib import Path
        from slant.scale import score_to_parquet
        out, reference = Path({str(out)!r}), Path({str(reference)!r})
        options = dict(workers=1, chunk_size=4, progress=False)
        if not reference.exists():
            score_to_parquet(corpus, reference, **options)
        print("ready", flush=True)
        while True:
            score_to_parquet(corpus, out, restart=True, **options)
        """
    )
    rng = random.Random(11)
    expected = None
    interrupted = 0
    for _ in range(5):
        run_and_kill(script, delay=rng.uniform(0.05, 1.0))
        expected = pd.read_parquet(reference) if expected is None else expected
        if out.exists():
            pd.testing.assert_frame_equal(pd.read_parquet(out), expected)
        parts = out.with_name(out.name + ".parts")
        interrupted += int(
            parts.exists() or any(n.endswith(".tmp") for n in hidden_files(tmp_path))
        )
    assert interrupted > 0, "no kill landed during a run: the test proved nothing"
    summary = scale.score_to_parquet(_lee24(), out, workers=1, chunk_size=4, progress=False)
    assert summary.n_documents == 24
    pd.testing.assert_frame_equal(pd.read_parquet(out), expected)
    assert not out.with_name(out.name + ".parts").exists()
    assert not [n for n in hidden_files(tmp_path) if n.endswith(".tmp")]


# --------------------------------------------------------------------------- concurrency


def test_two_processes_scoring_into_one_cache_at_once(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    go = tmp_path / "go"
    script = _LEE_CORPUS + textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from slant import scale
        go = Path({str(go)!r})
        while not go.exists():
            time.sleep(0.01)
        table = scale.score(corpus, workers=1, progress=False)
        table.to_csv(sys.argv[1], index=False)
        """
    )
    env = {**os.environ, scale.CACHE_DIR_ENV: str(cache)}
    results = [tmp_path / "first.csv", tmp_path / "second.csv"]
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(result)], env=env, stderr=subprocess.PIPE
        )
        for result in results
    ]
    time.sleep(1.0)  # both are past their imports and waiting
    go.touch()
    for child in children:
        _, errors = child.communicate(timeout=300)
        assert child.returncode == 0, errors.decode()[-2000:]
    first, second = (pd.read_csv(path) for path in results)
    pd.testing.assert_frame_equal(first, second)
    tables = sorted(cache.glob("*.parquet"))
    assert len(tables) == 1
    pd.testing.assert_frame_equal(pd.read_parquet(tables[0]), first, check_dtype=False)
    assert [n for n in hidden_files(cache) if not n.endswith(".lock")] == []
    assert not list(cache.glob("*.parts"))


# --------------------------------------------------------------------------- corrupt caches


@pytest.fixture
def tiny_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[scale.Corpus, Path]:
    monkeypatch.setenv(scale.CACHE_DIR_ENV, str(tmp_path / "cache"))
    texts = [f"Story {i}. The council met on Tuesday and voted {i} times." for i in range(8)]
    corpus = corpus_from_texts(texts, name="tiny", description="eight short stories")
    return corpus, scale.cache_dir() / f"{scale.cache_key(corpus)}.parquet"


def _damage(good: bytes, how: str) -> bytes:
    if how == "truncated":
        return good[: len(good) // 2]
    if how == "empty":
        return b""
    if how == "garbage":
        return random.Random(1).randbytes(len(good))
    table = pq.read_table(io.BytesIO(good)).to_pandas()
    buffer = io.BytesIO()
    if how == "wrong-columns":
        table.drop(columns=[table.columns[-1]]).to_parquet(buffer)
    else:  # "foreign-table": the right columns, written by something other than slant
        table.to_parquet(buffer)
    return buffer.getvalue()


_DAMAGES = ["truncated", "empty", "garbage", "wrong-columns", "foreign-table"]


@pytest.mark.parametrize("how", _DAMAGES)
def test_a_damaged_cache_is_rebuilt_not_used(
    how: str, tiny_cache: tuple[scale.Corpus, Path]
) -> None:
    corpus, path = tiny_cache
    fresh = scale.score(corpus, workers=1, progress=False)
    good = path.read_bytes()
    path.write_bytes(_damage(good, how))
    again = scale.score(corpus, workers=1, progress=False)
    pd.testing.assert_frame_equal(again, fresh)
    pd.testing.assert_frame_equal(pd.read_parquet(path), fresh)


# A damaged cache is named on stderr and scored again; a flipped byte inside the values
# is caught by the Parquet page checksums rather than used silently.


@pytest.mark.parametrize("how", _DAMAGES)
def test_a_damaged_cache_is_reported(
    how: str, tiny_cache: tuple[scale.Corpus, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, path = tiny_cache
    scale.score(corpus, workers=1, progress=False)
    path.write_bytes(_damage(path.read_bytes(), how))
    capsys.readouterr()
    scale.score(corpus, workers=1, progress=False)
    assert str(path) in capsys.readouterr().err


def test_a_flipped_byte_in_the_cached_values_is_caught(
    tiny_cache: tuple[scale.Corpus, Path],
) -> None:
    corpus, path = tiny_cache
    fresh = scale.score(corpus, workers=1, progress=False)
    good = path.read_bytes()
    metadata = pq.ParquetFile(path).metadata
    failures = []
    for index in range(len(scale.META_COLUMNS), metadata.num_columns, 9):
        column = metadata.row_group(0).column(index)
        middle = column.data_page_offset + column.total_compressed_size // 2
        damaged = bytearray(good)
        damaged[middle] ^= 0x10
        path.write_bytes(bytes(damaged))
        try:
            again = scale.score(corpus, workers=1, progress=False)
        except Exception as exc:  # any crash is a failure to report here
            failures.append(f"{column.path_in_schema}: {type(exc).__name__}")
            continue
        if not again.equals(fresh):
            failures.append(f"{column.path_in_schema}: wrong values used silently")
    assert failures == []


# --------------------------------------------------------------------------- read-only


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path], Path]]:
    """Make folders read-only: permission bits, or for root the immutable attribute."""
    locked: list[Path] = []

    def lock(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            folder.chmod(0o555)
        elif (
            shutil.which("chattr") is None
            or subprocess.run(
                ["chattr", "+i", str(folder)], capture_output=True, check=False
            ).returncode
        ):
            pytest.skip("running as root and cannot make a folder immutable")
        locked.append(folder)
        try:
            (folder / "probe").touch()
        except OSError:
            return folder
        pytest.skip("this file system lets the test write into a read-only folder")

    yield lock
    for folder in reversed(locked):
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        folder.chmod(0o755)


def _one_line_naming(error: pytest.ExceptionInfo[BaseException], folder: Path) -> None:
    message = str(error.value)
    assert message.startswith(f"{folder}: cannot write")
    assert paths.OUTPUT_DIR_ENV in message
    assert "\n" not in message


def test_results_into_a_read_only_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only: Callable[[Path], Path]
) -> None:
    root = tmp_path / "outputs"
    (root / "results").mkdir(parents=True)
    read_only(root / "results")
    monkeypatch.setenv(paths.OUTPUT_DIR_ENV, str(root))
    with pytest.raises(OutputFolderError) as error:
        outputs.write_csv(pd.DataFrame({"a": [1.0]}), "table")
    _one_line_naming(error, root / "results")
    assert isinstance(error.value, InputError)  # the command line's exit code 3


def test_figures_into_a_folder_that_cannot_be_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_only: Callable[[Path], Path]
) -> None:
    root = read_only(tmp_path / "checkout")  # figures/ would have to be created in it
    monkeypatch.setenv(paths.OUTPUT_DIR_ENV, str(root))
    fig = plots.new_figure(2, 2)
    with pytest.raises(OutputFolderError) as error:
        plots.save_figure(fig, "chart")
    _one_line_naming(error, root / "figures")


def test_an_explicit_read_only_folder_is_named_too(
    tmp_path: Path, read_only: Callable[[Path], Path]
) -> None:
    folder = read_only(tmp_path / "mine")
    with pytest.raises(OutputFolderError) as error:
        outputs.write_json({"a": 1}, "record", folder=folder)
    _one_line_naming(error, folder)


def test_an_output_path_under_a_file_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv(paths.OUTPUT_DIR_ENV, str(blocker))
    with pytest.raises(OutputFolderError) as error:
        paths.results_dir()
    _one_line_naming(error, blocker / "results")


def test_writable_output_folders_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.OUTPUT_DIR_ENV, str(tmp_path))
    written = outputs.write_csv(pd.DataFrame({"a": [1.0]}), "table")
    assert written == tmp_path / "results" / "table.csv"
    assert hidden_files(tmp_path / "results") == []  # the write check leaves nothing behind


# --------------------------------------------------------------------------- the table


def test_every_test_named_in_the_reliability_table_exists() -> None:
    root = Path(__file__).resolve().parents[1]
    table = (root / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = re.findall(r"`(\w+\.py)::(\w+)", table)
    assert len(named) > 50
    missing = []
    for file_name, function in set(named):
        source = (root / "tests" / file_name).read_text(encoding="utf-8")
        if not re.search(rf"^def {function}\(", source, flags=re.MULTILINE):
            missing.append(f"{file_name}::{function}")
    assert sorted(missing) == []
