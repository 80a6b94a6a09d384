"""The ``slant`` command line, run through its real entry point in a subprocess.

Every command, every exit code, standard input, a URL served by the test on 127.0.0.1, and
bad inputs: each bad input must give one line on stderr naming the input, exit code 3, and
leave no output file behind. The score cache is shared by the whole session (see
conftest.py), so the Lee baseline is scored once.
"""

from __future__ import annotations

import html
import io
import json
import os
import pty
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from slant import __version__, cli
from slant.corpus import DEFAULT_MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]
SEED_RELATIVE = "corpus/article/000_538137e8ce602f76.txt"
SEED_SHA256 = "b10ca33c1a5c5a88c8143d90a74013c7edc0be099cefced8c1c0384fec2a1559"
SCRIPT = Path(sys.executable).with_name("slant")

SHORT_TEXT = (
    "The minister said on Tuesday that the plan was absolutely necessary. Critics called it "
    "a dangerous gamble. Why would anyone trust them? Never again."
)


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


def slant(
    *args: str,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path = ROOT,
    module: bool = False,
) -> Run:
    """Run the installed ``slant`` script (or ``python -m slant``) and capture its output."""
    command = (
        [sys.executable, "-m", "slant", *args]
        if module or not SCRIPT.exists()
        else [str(SCRIPT), *args]
    )
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environment.update(env or {})
    done = subprocess.run(
        command,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=environment,
        timeout=240,
        check=False,
    )
    return Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def assert_input_error(run: Run, *names: str) -> None:
    """Exit 3, nothing on stdout, one line on stderr that names the input."""
    assert run.code == cli.EXIT_INPUT, run
    assert run.out == "", run
    assert len(run.err_lines) == 1, run.err
    line = run.err_lines[0]
    assert line.startswith("slant: error: "), line
    for name in names:
        assert name in line, (name, line)


def assert_usage_error(run: Run, prog: str) -> None:
    assert run.code == cli.EXIT_USAGE, run
    assert run.out == ""
    assert len(run.err_lines) == 1, run.err
    assert run.err_lines[0].startswith(f"{prog}: error: "), run.err
    assert f"see {prog} --help" in run.err


def no_leftovers(folder: Path, expected: set[str]) -> None:
    """Only the files the test put there: no report, no temporary file."""
    assert {p.name for p in folder.iterdir()} == expected


# --------------------------------------------------------------------------- a local web server


class _Handler(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        status, content_type, body = self.pages.get(self.path, (404, "text/plain", b"gone"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


STORY_HTML = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Minister defends the harbour plan</title>
<meta property="article:published_time" content="2025-12-02"></head><body>
<article><h1>Minister defends the harbour plan</h1>
<p>The transport minister said on Tuesday that the new harbour plan was necessary to keep
the port open through the winter, and that work would begin in the spring.</p>
<p>Opposition members called the plan a dangerous gamble with public money. "We have seen
this before, and it ended badly," said Jane Roe, who leads the opposition group.</p>
<p>The council will vote on the plan next month. Officials said the cost estimate of
40 million euros had been checked by an independent engineering firm.</p>
<p>Residents near the port told reporters they worried about noise during construction,
which is expected to last about two years according to the ministry.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _Handler.pages = {
        "/story": (200, "text/html; charset=utf-8", STORY_HTML),
        "/plain": (200, "text/plain; charset=utf-8", SHORT_TEXT.encode()),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --------------------------------------------------------------------------- the seed, once


@dataclass(frozen=True)
class SeedRun:
    run: Run
    record: dict[str, Any]
    report: Path


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> SeedRun:
    """``slant analyze SEED --json --html report.html`` against Lee, once per session.

    The outputs are left in a folder that test_browser.py reuses when it runs later in the
    same session (it runs the same command itself otherwise).
    """
    folder = tmp_path_factory.getbasetemp() / "shared-seed-run"
    folder.mkdir(exist_ok=True)
    report = folder / "report.html"
    run = slant("analyze", SEED_RELATIVE, "--json", "--html", str(report))
    assert run.code == cli.EXIT_OK, run.err
    (folder / "analysis.json").write_text(run.out, encoding="utf-8")
    return SeedRun(run, json.loads(run.out), report)


# --------------------------------------------------------------------------- basics


def test_version_through_the_script_and_the_module() -> None:
    for module in (False, True):
        run = slant("--version", module=module)
        assert run.code == cli.EXIT_OK
        assert run.out.strip() == f"slant {__version__}"


@pytest.mark.parametrize("command", ["analyze", "compare", "hydrate", "validate", "glossary"])
def test_each_command_help_teaches(command: str) -> None:
    run = slant(command, "--help")
    assert run.code == cli.EXIT_OK
    assert "examples:" in run.out
    assert "exit codes:" in run.out
    assert f"slant {command}" in run.out
    for code in ("0", "1", "2", "3"):
        assert re.search(rf"^\s+{code}\s+\w", run.out, re.MULTILINE), code


def test_top_level_help_lists_the_commands() -> None:
    run = slant("--help")
    assert run.code == cli.EXIT_OK
    for command in ("analyze", "compare", "hydrate", "validate", "glossary"):
        assert command in run.out


@pytest.mark.parametrize(
    ("args", "prog"),
    [
        (["analyze"], "slant analyze"),
        (["analyze", SEED_RELATIVE, "--no-such-option"], "slant analyze"),
        (["analyze", SEED_RELATIVE, "--max-bytes", "0"], "slant analyze"),
        (["analyze", SEED_RELATIVE, "--facts", "maybe"], "slant analyze"),
        (["validate", "x.csv", "--level", "1.5"], "slant validate"),
        (["frobnicate"], "slant"),
    ],
)
def test_usage_errors_exit_2(args: list[str], prog: str) -> None:
    assert_usage_error(slant(*args), prog)


def test_no_command_is_a_usage_error() -> None:
    run = slant()
    assert run.code == cli.EXIT_USAGE
    assert run.out == ""
    assert "give a command" in run.err


# --------------------------------------------------------------------------- analyze


def test_analyze_seed_json(seed_run: SeedRun) -> None:
    record = seed_run.record
    assert record["schema"] == "slant.analysis/1"
    assert record["slant_version"] == __version__
    assert record["input"] == SEED_RELATIVE
    assert record["document"]["sha256"] == SEED_SHA256
    assert record["document"]["date"] == "2025-12-01"
    assert record["baseline"]["name"] == "lee"
    assert record["baseline"]["n"] == 300
    from slant.glossary import registered_metrics

    assert [m["name"] for m in record["metrics"]] == [m.name for m in registered_metrics()]
    skipped = [m for m in record["metrics"] if not m["compared"]]
    assert all(m["reason"] and m["percentile"] is None for m in skipped)
    assert record["facts"]["applies"] is True
    assert record["facts"]["mentioned"]
    assert record["facts"]["missing"]
    assert 0 < len(record["keywords"]["text"]) <= 20
    assert record["highlights"]
    assert record["evidence"]
    assert any("paragraph" in note for note in record["notes"])
    # the same run wrote the report; stdout held only the JSON (parsed above)
    assert seed_run.report.is_file()


def test_analyze_seed_highlights_point_at_the_text(seed_run: SeedRun) -> None:
    from slant.corpus import load_article

    text = load_article(ROOT / SEED_RELATIVE).text
    for h in seed_run.record["highlights"]:
        assert text[h["start"] : h["end"]] == h["text"]
    html = seed_run.report.read_text(encoding="utf-8")
    shown = set(re.findall(r'data-highlight="(h\d+)"', html))
    assert shown == {h["id"] for h in seed_run.record["highlights"]}


def test_analyze_summary_names_the_baseline_and_its_size(tmp_path: Path) -> None:
    article = tmp_path / "short.txt"
    article.write_text(SHORT_TEXT, encoding="utf-8")
    run = slant("analyze", str(article), "--baseline", "control")
    assert run.code == cli.EXIT_OK, run.err
    assert "control" in run.out
    assert "(1 document)" in run.out
    assert "Markers highlighted:" in run.out
    assert "\x1b[" not in run.out  # not a terminal: no colour
    assert run.err == ""


def test_analyze_quiet_prints_nothing(tmp_path: Path) -> None:
    article = tmp_path / "short.txt"
    article.write_text(SHORT_TEXT, encoding="utf-8")
    report = tmp_path / "out.html"
    run = slant("analyze", str(article), "--baseline", "control", "--quiet", "--html", str(report))
    assert run.code == cli.EXIT_OK, run.err
    assert run.out == run.err == ""
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_analyze_standard_input() -> None:
    data = SHORT_TEXT.encode("utf-8")
    run = slant("analyze", "-", "--baseline", "control", "--json", stdin=data)
    assert run.code == cli.EXIT_OK, run.err
    record = json.loads(run.out)
    assert record["document"]["id"] == "stdin"
    assert record["input"] == "-"
    import hashlib

    assert record["document"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert record["document"]["n_chars"] == len(SHORT_TEXT)


def test_analyze_a_url_served_locally(server: str, tmp_path: Path) -> None:
    report = tmp_path / "story.html"
    url = f"{server}/story"
    run = slant(
        "analyze", url, "--allow-private", "--baseline", "control", "--json", "--html", str(report)
    )
    assert run.code == cli.EXIT_OK, run.err
    record = json.loads(run.out)
    assert record["document"]["url"] == url
    assert record["document"]["title"] == "Minister defends the harbour plan"
    page = report.read_text(encoding="utf-8")
    assert f'href="{url}"' in page
    # the extracted text is shown (tags and highlight notes taken out)
    shown = re.sub(r'<span class="hl-note".*?</span>', "", page, flags=re.DOTALL)
    assert "a dangerous gamble with public money" in html.unescape(re.sub(r"<[^>]+>", "", shown))


def test_analyze_plain_text_url(server: str) -> None:
    run = slant("analyze", f"{server}/plain", "--allow-private", "--baseline", "control", "--json")
    assert run.code == cli.EXIT_OK, run.err
    assert json.loads(run.out)["document"]["n_chars"] >= len(SHORT_TEXT)


def test_coverage_without_fetched_reports_falls_back_to_lee_with_exit_1(tmp_path: Path) -> None:
    empty = tmp_path / "no-coverage"
    empty.mkdir()
    run = slant(
        "analyze",
        "-",
        "--baseline",
        "coverage",
        "--json",
        stdin=SHORT_TEXT.encode(),
        env={"SLANT_COVERAGE_CACHE": str(empty)},
    )
    assert run.code == cli.EXIT_PARTIAL, run.err
    record = json.loads(run.out)
    assert record["baseline"]["name"] == "lee"
    assert any("slant hydrate" in note for note in record["notes"])
    assert len(run.err_lines) == 1
    assert run.err_lines[0].startswith("slant: note: ")
    assert "slant hydrate" in run.err


def test_outside_the_project_the_facts_are_skipped_with_a_note(tmp_path: Path) -> None:
    article = tmp_path / "short.txt"
    article.write_text(SHORT_TEXT, encoding="utf-8")
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    env = {"SLANT_PROJECT_ROOT": ""}
    run = slant("analyze", str(article), "--baseline", "lee", "--json", cwd=folder, env=env)
    assert run.code == cli.EXIT_OK, run.err
    record = json.loads(run.out)
    assert record["facts"]["applies"] is False
    assert any("key-facts checklist was not applied" in n for n in record["notes"])
    asked = slant("analyze", str(article), "--facts", "yes", cwd=folder, env=env)
    assert_input_error(asked, "key-facts checklist")


def test_facts_can_be_switched_off_and_on() -> None:
    off = slant("analyze", SEED_RELATIVE, "--baseline", "control", "--facts", "no", "--json")
    assert off.code == cli.EXIT_OK, off.err
    facts = json.loads(off.out)["facts"]
    assert facts["applies"] is False
    assert "--facts no" in facts["reason"]
    on = slant("analyze", "-", "--baseline", "control", "--facts", "yes", "--json", stdin=b"Hi.")
    assert on.code == cli.EXIT_OK, on.err
    facts = json.loads(on.out)["facts"]
    assert facts["applies"] is True
    assert facts["mentioned"] == []
    assert len(facts["missing"]) == facts["n_facts"] > 0


# --------------------------------------------------------------------------- bad inputs


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


BAD_FILES = {
    "binary": ("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    "empty": ("empty.txt", b"", "empty"),
    "whitespace": ("blank.txt", b"  \n\t \n", "empty"),
    "not-utf8": ("latin1.txt", "Caf\xe9 cr\xe8me, d\xe9j\xe0 vu. ".encode("latin-1") * 20, "UTF-8"),
    "no-letters": ("digits.txt", b"12345 678 -- 90\n", "no letters"),
    "huge": ("huge.txt", b"word " * (DEFAULT_MAX_BYTES // 5 + 1), "size limit"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_gives_one_line_exit_3_and_no_report(case: str, tmp_path: Path) -> None:
    name, data, phrase = BAD_FILES[case]
    path = _write(tmp_path, name, data)
    report = tmp_path / "report.html"
    run = slant("analyze", str(path), "--html", str(report))
    assert_input_error(run, str(path), phrase)
    no_leftovers(tmp_path, {name})


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    run = slant("analyze", str(missing), "--html", str(tmp_path / "report.html"))
    assert_input_error(run, str(missing), "no such file")
    no_leftovers(tmp_path, set())


def test_stdin_errors() -> None:
    assert_input_error(slant("analyze", "-", stdin=b""), "<stdin>", "empty")
    assert_input_error(slant("analyze", "-", stdin=b"\x00\x01\x02"), "<stdin>", "binary")
    over = slant("analyze", "-", "--max-bytes", "100", stdin=b"word " * 50)
    assert_input_error(over, "<stdin>", "size limit")


def test_unreachable_url(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/story"
    report = tmp_path / "report.html"
    run = slant(
        "analyze",
        url,
        "--allow-private",
        "--retries",
        "0",
        "--timeout",
        "5",
        "--html",
        str(report),
    )
    assert_input_error(run, url)
    no_leftovers(tmp_path, set())


def test_private_url_is_refused_without_allow_private(server: str) -> None:
    url = f"{server}/story"
    assert_input_error(slant("analyze", url), url, "loopback")


def test_url_not_found_and_other_schemes(server: str) -> None:
    assert_input_error(slant("analyze", f"{server}/nothing", "--allow-private"), "404")
    assert_input_error(slant("analyze", "ftp://example.org/story.txt"), "ftp", "http")


def test_bad_baseline_actors_and_output(tmp_path: Path) -> None:
    article = _write(tmp_path, "short.txt", SHORT_TEXT.encode())
    assert_input_error(
        slant("analyze", str(article), "--baseline", str(tmp_path / "nowhere")), "nowhere"
    )
    assert_input_error(
        slant("analyze", str(article), "--actors", str(tmp_path / "actors.yaml")), "actors"
    )
    bad_actors = _write(tmp_path, "actors.yaml", b"people:\n  - a\n")
    assert_input_error(slant("analyze", str(article), "--actors", str(bad_actors)), "actors")
    missing_folder = tmp_path / "no-folder" / "report.html"
    assert_input_error(
        slant("analyze", str(article), "--html", str(missing_folder)), "does not exist"
    )
    assert_input_error(slant("analyze", str(article), "--html", str(tmp_path)), "is a folder")
    no_leftovers(tmp_path, {"short.txt", "actors.yaml"})


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    run = slant("analyze", str(tmp_path / "missing.txt"), "--debug")
    assert run.code == cli.EXIT_INPUT
    assert "Traceback (most recent call last)" in run.err
    assert run.err_lines[-1].startswith("slant: error: ")


# --------------------------------------------------------------------------- compare


def test_compare_side_by_side(tmp_path: Path) -> None:
    article = _write(tmp_path, "short.txt", SHORT_TEXT.encode())
    report = tmp_path / "compare.html"
    control = "corpus/control/control-report.md"
    run = slant(
        "compare", SEED_RELATIVE, str(article), "--baseline", "control", "--html", str(report)
    )
    assert run.code == cli.EXIT_OK, run.err
    assert "[1]" in run.out
    assert "[2]" in run.out
    assert "style distance" in run.out
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    as_json = slant("compare", SEED_RELATIVE, control, "--json", "--baseline", "control")
    record = json.loads(as_json.out)
    assert record["schema"] == "slant.comparison/1"
    assert [t["input"] for t in record["texts"]] == [SEED_RELATIVE, control]
    assert all(len(m["texts"]) == 2 for m in record["metrics"])


def test_compare_with_a_bad_input_writes_nothing(tmp_path: Path) -> None:
    report = tmp_path / "compare.html"
    missing = tmp_path / "missing.txt"
    run = slant("compare", SEED_RELATIVE, str(missing), "--html", str(report))
    assert_input_error(run, str(missing))
    no_leftovers(tmp_path, set())
    assert_input_error(slant("compare", "-", "-", stdin=b"text"), "standard input")


# --------------------------------------------------------------------------- hydrate


def _sources(folder: Path, server: str, rows: list[tuple[str, str]]) -> Path:
    lines = ["id,outlet,via,group,language,date,headline,url,hybrid_context"]
    lines += [
        f"{source_id},Test Wire,,wire,en,2025-12-02,A headline,{server}{path},no"
        for source_id, path in rows
    ]
    return _write(folder, "sources.csv", ("\n".join(lines) + "\n").encode())


def test_hydrate_fetches_and_reports_failures(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = _sources(tmp_path, server, [("story", "/story")])
    run = slant("hydrate", "--sources", str(good), "--cache-dir", str(cache), "--allow-private")
    assert run.code == cli.EXIT_OK, run.err
    assert "Fetched 1" in run.out
    assert (cache / "story.txt").read_text(encoding="utf-8").startswith("---\n")
    mixed = _sources(tmp_path, server, [("story", "/story"), ("gone", "/gone")])
    run = slant(
        "hydrate",
        "--sources",
        str(mixed),
        "--cache-dir",
        str(cache),
        "--allow-private",
        "--retries",
        "0",
    )
    assert run.code == cli.EXIT_PARTIAL, run.err
    assert "1 failed" in run.out
    assert "gone" in run.out
    assert len(run.err_lines) == 1
    assert run.err_lines[0].startswith("slant: note: ")
    assert not (cache / "gone.txt").exists()


def test_hydrate_bad_manifest(tmp_path: Path) -> None:
    manifest = _write(tmp_path, "sources.csv", b"id,url\nx,https://example.org\n")
    assert_input_error(
        slant("hydrate", "--sources", str(manifest), "--cache-dir", str(tmp_path / "c")),
        str(manifest),
    )


# --------------------------------------------------------------------------- validate

BABE = """text;label_bias;biased_words
The senator gave a speech on Tuesday.;Non-biased;[]
The radical senator gave a disgraceful, dangerous speech.;Biased;['radical', 'disgraceful']
The council approved the budget after a short debate.;Non-biased;[]
The so-called experts utterly failed the public again.;Biased;['utterly', 'failed']
Officials said the bridge will reopen in March.;Non-biased;[]
This shameful, reckless plan is a total disaster.;Biased;['shameful', 'reckless', 'disaster']
The vote was close.;No agreement;[]
"""


def test_validate_reports_auc(tmp_path: Path) -> None:
    labelled = _write(tmp_path, "babe.csv", BABE.encode())
    run = slant("validate", str(labelled), "--resamples", "50")
    assert run.code == cli.EXIT_OK, run.err
    assert "AUC" in run.out
    assert "3 Biased, 3 Non-biased" in run.out


def test_validate_bad_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    assert_input_error(slant("validate", str(missing)), str(missing))
    commas = _write(tmp_path, "commas.csv", b"text,label_bias,biased_words\na,Biased,[]\n")
    assert_input_error(slant("validate", str(commas)), str(commas), "semicolon")


# --------------------------------------------------------------------------- terminal behaviour


def _run_on_terminal(args: list[str], env: Mapping[str, str]) -> tuple[int, str]:
    """Run with stdout on a pseudo-terminal; return the exit code and what it printed."""
    master, slave = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    environment |= {"TERM": "xterm", "COLUMNS": "100", **env}
    command = [str(SCRIPT), *args] if SCRIPT.exists() else [sys.executable, "-m", "slant", *args]
    with subprocess.Popen(
        command,
        stdout=slave,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        env=environment,
    ) as process:
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=120)
        assert process.stderr is not None
        process.stderr.read()
    os.close(master)
    return process.returncode, b"".join(chunks).decode("utf-8", errors="replace")


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    article = _write(tmp_path, "short.txt", SHORT_TEXT.encode())
    args = ["analyze", str(article), "--baseline", "control"]
    code, coloured = _run_on_terminal(args, {})
    assert code == cli.EXIT_OK
    assert "\x1b[1m" in coloured
    code, plain = _run_on_terminal(args, {"NO_COLOR": "1"})
    assert code == cli.EXIT_OK
    assert "\x1b[" not in plain
    assert "Markers highlighted" in plain


# --------------------------------------------------------------------------- in-process details


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_appears_only_for_slow_steps_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    monkeypatch.setattr(cli, "PROGRESS_DELAY", 0.05)
    terminal = _Terminal()
    console = cli.Console(out=io.StringIO(), err=terminal)
    with console.step("quick"):
        pass
    with console.step("slow"):
        time.sleep(0.3)
    assert terminal.getvalue() == "slant: slow…\n"
    piped = io.StringIO()
    with cli.Console(out=io.StringIO(), err=piped).step("slow"):
        time.sleep(0.3)
    quiet = _Terminal()
    with cli.Console(out=io.StringIO(), err=quiet, quiet=True).step("slow"):
        time.sleep(0.3)
    assert piped.getvalue() == quiet.getvalue() == ""


def test_a_bug_is_one_line_and_exit_4(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import slant.glossary

    def broken() -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(slant.glossary, "glossary_markdown", broken)
    assert cli.main(["glossary", "--format", "markdown"]) == cli.EXIT_INTERNAL
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "internal error (RuntimeError: boom)" in captured.err
    assert "--debug" in captured.err


def test_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import slant.glossary

    def interrupted() -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(slant.glossary, "glossary_markdown", interrupted)
    assert cli.main(["glossary", "--format", "markdown"]) == cli.EXIT_INTERRUPTED
    assert capsys.readouterr().err == "slant: interrupted\n"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "n/a"), (0.0, "0"), (0.2, "1"), (50.4, "50"), (99.6, "99"), (100.0, "100")],
)
def test_percentiles_reach_0_and_100_only_at_the_ends(value: float | None, shown: str) -> None:
    assert cli._pct(value) == shown


def test_score_subcommand_when_scale_provides_it(tmp_path: Path) -> None:
    if cli._score_hooks() is None:
        pytest.skip("slant.scale does not provide add_score_parser/run_score yet")
    run = slant("score", "--help")
    assert run.code == cli.EXIT_OK
    assert "slant score" in run.out
    assert "score" in slant("--help").out
    folder = tmp_path / "texts"
    folder.mkdir()
    _write(folder, "a.txt", SHORT_TEXT.encode())
    _write(folder, "b.txt", b"Another short text. It has two sentences.")
    table = tmp_path / "scores.parquet"
    run = slant("score", str(folder), "--out", str(table), "--workers", "1", "--quiet")
    assert run.code == cli.EXIT_OK, run.err
    assert table.is_file()
    missing = tmp_path / "missing"
    failed = slant("score", str(missing), "--out", str(table))
    assert failed.code == cli.EXIT_INPUT
    assert len(failed.err_lines) == 1
    assert str(missing) in failed.err


def test_startup_does_not_import_the_heavy_modules() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from slant import cli\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['--version'])\n"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'trafilatura', 'requests') "
        "if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


FRENCH = (
    "Le conseil municipal a voté mardi pour prolonger les horaires de la bibliothèque. "
    "Les gens attendaient cette décision depuis longtemps, selon le maire de la ville. "
    "La règle entrera en vigueur au printemps et coûtera environ quarante mille euros par an."
)


def test_a_text_that_is_not_english_gives_a_note_and_exit_1() -> None:
    run = slant("analyze", "-", "--baseline", "control", "--json", stdin=FRENCH.encode())
    assert run.code == cli.EXIT_PARTIAL, run.err
    assert "does not look like English" in run.err
    record = json.loads(run.out)
    assert any("does not look like English" in note for note in record["notes"])
    english = slant("analyze", "-", "--baseline", "control", "--json", stdin=SHORT_TEXT.encode())
    assert english.code == cli.EXIT_OK, english.err
