"""The ``slant`` command: analyse an article, compare texts, fetch coverage, validate, glossary.

Every subcommand is documented in ``docs/cli.md`` (with the ``--json`` schema) and in its
own ``--help``. Exit codes, the same for every subcommand:

- 0 — success;
- 1 — the command ran, but something asked for could not be done (said in a note on
  standard error): ``--baseline coverage`` with no coverage fetched (the Lee baseline is
  used instead), or ``hydrate`` with sources that failed;
- 2 — usage error (unknown option, missing argument);
- 3 — input error: a file, URL, baseline or output that cannot be used; nothing is written;
- 4 — internal error (a bug: please report it with the ``--debug`` traceback);
- 130 — interrupted (Ctrl-C).

Errors are one line on standard error naming the input and what to do; ``--debug``
adds the traceback. Progress goes to standard error, only on a terminal and only for steps
that take over a second. Colour is used only on a terminal and never when ``NO_COLOR`` is
set. Heavy modules are imported inside the commands, so ``slant --help`` starts quickly.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import sys
import threading
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from slant._args import non_negative_int, positive_float, positive_int
from slant.corpus import DEFAULT_MAX_BYTES, InputError

if TYPE_CHECKING:
    from slant.analysis import Analysis, Baseline
    from slant.corpus import Document
    from slant.metrics.sentiment import ActorLexicon

__all__ = [
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_USAGE",
    "build_parser",
    "main",
]

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130

#: A step must run this long (seconds) before a progress line is shown for it.
PROGRESS_DELAY = 1.0

_URL_LIKE = re.compile(r"\A(?:[A-Za-z][A-Za-z0-9+.-]*://|(?:javascript|data|file|mailto|ftp):)")

_EXIT_CODES = """\
exit codes:
  0  success
  1  ran, but something asked for could not be done, or the text does not look
     like English (see the note on stderr)
  2  usage error
  3  input error (bad file, URL, baseline or output path); nothing is written
  4  internal error (a bug; rerun with --debug and report the traceback)"""


# --------------------------------------------------------------------------- console


def _colour_allowed(stream: TextIO) -> bool:
    """Colour only on a terminal, never with ``NO_COLOR`` set (no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass
class Console:
    """Where the command writes: results on ``out``, progress, notes and errors on ``err``."""

    out: TextIO
    err: TextIO
    quiet: bool = False
    debug: bool = False

    @property
    def progress(self) -> bool:
        """Whether to show progress (a terminal on stderr, and not ``--quiet``)."""
        isatty = getattr(self.err, "isatty", None)
        return not self.quiet and bool(isatty and isatty())

    def style(self, text: str, code: str = "1") -> str:
        """``text`` in bold (or another SGR ``code``) when stdout may use colour."""
        return f"\x1b[{code}m{text}\x1b[0m" if _colour_allowed(self.out) else text

    @contextlib.contextmanager
    def step(self, message: str) -> Iterator[None]:
        """Say ``slant: <message>…`` on stderr if the step is still running after a second."""
        if not self.progress:
            yield
            return

        def show() -> None:
            self.err.write(f"slant: {message}…\n")
            self.err.flush()

        timer = threading.Timer(PROGRESS_DELAY, show)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def note(self, message: str) -> None:
        """A one-line note on stderr (suppressed by ``--quiet``)."""
        if not self.quiet:
            self.err.write(f"slant: note: {message}\n")

    def error(self, message: str) -> None:
        """A one-line error on stderr (always shown)."""
        flat = " ".join(message.split())
        self.err.write(f"slant: error: {flat}\n")

    def write(self, text: str) -> None:
        """Write a result to stdout."""
        self.out.write(text)
        self.out.flush()


# --------------------------------------------------------------------------- argument types


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit with code 2."""

    #: The subcommands' parsers by name (set on the top-level parser).
    commands: Mapping[str, argparse.ArgumentParser]

    def error(self, message: str) -> NoReturn:
        """Print ``<prog>: error: <message> (see <prog> --help)`` and exit 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _level(text: str) -> float:
    value = positive_float(text)
    if not value < 1:
        msg = f"{text} must be between 0 and 1, e.g. 0.95"
        raise argparse.ArgumentTypeError(msg)
    return value


# --------------------------------------------------------------------------- shared helpers


def _version() -> str:
    from slant import __version__  # noqa: PLC0415

    return __version__


def _check_output(path: Path) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    if path.is_dir():
        msg = f"{path}: is a folder; give a file name, e.g. {path / 'report.html'}"
        raise InputError(msg)
    if not path.parent.is_dir():
        msg = f"{path}: the folder {path.parent} does not exist; create it first"
        raise InputError(msg)
    if not os.access(path.parent, os.W_OK):
        msg = f"{path}: cannot write into {path.parent}; check its permissions"
        raise InputError(msg)


def _write_file(path: Path, data: bytes) -> None:
    """Write ``data`` atomically (a temporary file, then a rename)."""
    from slant.outputs import atomic_write_bytes  # noqa: PLC0415

    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        msg = f"{path}: cannot be written ({exc.strerror or exc}); check the path"
        raise InputError(msg) from None


def _read_stdin(max_bytes: int, console: Console) -> Document:
    from slant.corpus import decode_bytes, read_text  # noqa: PLC0415

    if sys.stdin is None:
        msg = "<stdin>: there is no standard input; give a file or a URL instead of '-'"
        raise InputError(msg)
    if sys.stdin.isatty() and not console.quiet:
        console.err.write("slant: reading the article from standard input; end it with Ctrl-D\n")
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        msg = (
            f"<stdin>: more than {max_bytes:,} bytes, over the size limit; "
            "split the text or raise the limit with --max-bytes"
        )
        raise InputError(msg)
    text = decode_bytes(data, "<stdin>")
    return read_text(text, id="stdin", name="<stdin>", max_bytes=max_bytes)


def _read_article(spec: str, args: argparse.Namespace, console: Console) -> Document:
    """A document from a path, an ``http(s)`` URL, or ``-`` (standard input)."""
    from slant.corpus import load_article  # noqa: PLC0415

    if spec == "-":
        return _read_stdin(args.max_bytes, console)
    if _URL_LIKE.match(spec) and not Path(spec).exists():
        from slant.fetch import load_url  # noqa: PLC0415

        with console.step(f"fetching {spec}"):
            return load_url(
                spec,
                timeout=args.timeout,
                max_bytes=args.max_bytes,
                allow_private=args.allow_private,
                retries=args.retries,
            )
    return load_article(spec, max_bytes=args.max_bytes)


def _load_actors(path: str | None) -> ActorLexicon | None:
    if path is None:
        return None
    from slant.metrics.sentiment import load_actors  # noqa: PLC0415

    try:
        return load_actors(path)
    except FileNotFoundError:
        msg = f"{path}: no such actors file; give a YAML file with an 'actors:' key"
        raise InputError(msg) from None
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"{path}: the actors file cannot be read ({exc}); check it"
        raise InputError(msg) from None
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _load_baseline(spec: str, console: Console, max_bytes: int) -> tuple[Baseline, list[str], bool]:
    """The baseline asked for; coverage with nothing fetched falls back to Lee (exit 1)."""
    from slant.analysis import load_baseline  # noqa: PLC0415

    with console.step(f"loading the {spec} baseline"):
        try:
            baseline = load_baseline(spec, progress=console.progress, max_bytes=max_bytes)
        except FileNotFoundError as exc:  # the control and coverage live in the project
            msg = f"the {spec} baseline cannot be loaded: {exc}"
            raise InputError(msg) from None
    if baseline.available:
        return baseline, [], False
    if spec != "coverage":
        msg = f"the {spec} baseline holds no documents ({baseline.note or 'nothing loaded'})"
        raise InputError(msg)
    note = (
        f"{baseline.note.rstrip('.')}. The Lee baseline was used instead; "
        "run `slant hydrate` to fetch the same-event coverage."
    )
    with console.step("loading the Lee baseline"):
        fallback = load_baseline("lee", progress=console.progress)
    return fallback, [note], True


def _facts_choice(mode: str) -> tuple[bool | None, str | None]:
    """The ``facts`` argument of :func:`slant.analysis.analyze`, and why it is off, if so.

    The checklist is a file of the project (``corpus/coverage/facts.yaml``); outside the
    project folder it cannot be found: ``--facts auto`` then skips it (the reason becomes a
    note), and ``--facts yes`` is an input error.
    """
    if mode == "no":
        return False, "the checklist was switched off (--facts no)"
    from slant.context import default_facts_path  # noqa: PLC0415

    try:
        path = default_facts_path()
        problem = None if path.is_file() else f"{path} does not exist"
    except FileNotFoundError as exc:
        problem = str(exc)
    if problem is None:
        return (True if mode == "yes" else None), None
    if mode == "yes":
        msg = f"the key-facts checklist cannot be found: {problem}"
        raise InputError(msg)
    return False, (
        "the key-facts checklist is part of the slant project folder "
        "(corpus/coverage/facts.yaml); run inside that folder or set SLANT_PROJECT_ROOT"
    )


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _fmt(value: Any) -> str:
    from slant.report.render import format_number  # noqa: PLC0415  (keeps start-up light)

    return format_number(value)


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _clip(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(width - 1, 1)] + "…"


# --------------------------------------------------------------------------- analyze


def _distance_line(record: dict[str, Any]) -> str:
    distance = record["distance"]
    baseline = record["baseline"]
    if distance["value"] is None:
        return (
            "Style distance: not defined against this baseline (it has no spread: one "
            "document or identical values)."
        )
    line = f"Style distance {distance['value']:.2f} over {distance['n_metrics']} measurements"
    pct = distance["percentile"]
    if pct is not None:
        side = "further from" if pct >= 50 else "closer to"
        share = _pct(pct if pct >= 50 else 100 - pct)
        line += (
            f": {side} the baseline's typical document than {share}% of its "
            f"{baseline['n']} documents are"
        )
    return line + "."


def format_summary(record: dict[str, Any], console: Console, *, report: Path | None) -> str:
    """The compact, aligned text summary of a ``slant.analysis/1`` record."""
    width = _width()
    doc = record["document"]
    baseline = record["baseline"]
    title = doc["title"] or doc["id"]
    bold = console.style
    about = [doc["id"]]
    if doc["date"]:
        about.append(doc["date"])
    about += [f"{doc['n_chars']:,} characters", f"sha256 {doc['sha256'][:12]}…"]
    lines = [
        bold(_clip(f"slant analyze: {title}", width)),
        f"  text      {_clip(' · '.join(about), width - 12)}",
        (
            f"  baseline  {_clip(baseline['label'], width - 12)} "
            f"({_plural(baseline['n'], 'document')})"
        ),
        "",
        _distance_line(record),
    ]
    compared = [m for m in record["metrics"] if m["compared"] and m["z"] is not None]
    compared.sort(key=lambda m: (-abs(m["z"]), m["name"]))
    if not compared and any(m["compared"] for m in record["metrics"]):
        lines += [
            "",
            (
                "Each measurement is compared with the baseline document's own value "
                "(no spread to rank it in); see --json or --html."
            ),
        ]
    if compared:
        label_width = min(max(len(m["label"]) for m in compared[:8]), width - 40)
        title = "Largest departures from the baseline"
        lines += [
            "",
            bold(title)
            + " " * max(2 + label_width - len(title), 1)
            + f"{'text':>10} {'median':>9} {'percentile':>11}",
        ]
        for m in compared[:8]:
            pct = _pct(m["percentile"])
            lines.append(
                f"  {_clip(m['label'], label_width):<{label_width}}"
                f"{_fmt(m['value']):>10} {_fmt(m['median']):>9} {pct:>11}"
            )
    highlights = record["highlights"]
    by_label: dict[str, list[str]] = {}
    for h in highlights:
        by_label.setdefault(h["labels"][0], []).append(h["text"])
    kinds = _plural(len(by_label), "kind")
    lines += ["", bold(f"Markers highlighted: {len(highlights)} ({kinds})")]
    if by_label:
        ranked = sorted(by_label.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:8]
        label_width = max(len(label) for label, _ in ranked)
        for label, texts in ranked:
            examples = ", ".join(f"“{_clip(t, 30)}”" for t in dict.fromkeys(texts))
            prefix = f"  {label:<{label_width}} {len(texts):>3}  "
            lines.append(prefix + _clip(examples, max(width - len(prefix), 20)))
    facts = record["facts"]
    if facts["applies"]:
        lines += [
            "",
            bold(
                f"Key facts of the event: {len(facts['mentioned'])} of {facts['n_facts']} mentioned"
            ),
        ]
        lines += [f"  kept     {_clip(f['statement'], width - 11)}" for f in facts["mentioned"]]
        lines += [f"  missing  {_clip(f['statement'], width - 11)}" for f in facts["missing"]]
    if record["notes"]:
        lines += ["", bold("Notes")]
        lines += [f"  - {note}" for note in record["notes"]]
    lines.append("")
    if report is not None:
        lines.append(f"Report: {report}")
    else:
        lines.append("Every marker and measurement: --html report.html (or --json).")
    return "\n".join(lines) + "\n"


def _cmd_analyze(args: argparse.Namespace, console: Console) -> int:
    from slant.analysis import analyze  # noqa: PLC0415
    from slant.report.render import analysis_record, dumps, render_report  # noqa: PLC0415

    report = Path(args.html) if args.html else None
    if report is not None:
        _check_output(report)
    actors = _load_actors(args.actors)
    doc = _read_article(args.article, args, console)
    baseline, notes, partial = _load_baseline(args.baseline, console, args.max_bytes)
    facts, facts_reason = _facts_choice(args.facts)
    if facts_reason is not None and args.facts == "auto":
        notes.append(f"The key-facts checklist was not applied: {facts_reason}.")
    with console.step("measuring the text and comparing it with the baseline"):
        analysis = analyze(doc, baseline, facts=facts)
    source: str = args.article
    record = analysis_record(
        analysis, actors=actors, notes=notes, source=source, facts_reason=facts_reason
    )
    if report is not None:
        with console.step("drawing the report"):
            page = render_report(
                analysis, actors=actors, notes=notes, source=source, facts_reason=facts_reason
            )
        _write_file(report, page.encode("utf-8"))
    if args.json:
        console.write(dumps(record))
    elif not args.quiet:
        console.write(format_summary(record, console, report=report))
    if partial:
        console.note(notes[0])
    if _not_english(analysis, console):
        partial = True
    return EXIT_PARTIAL if partial else EXIT_OK


def _not_english(analysis: Analysis, console: Console) -> bool:
    """Say so on stderr when a text does not look like English; True if it does not."""
    from slant.analysis import language_note  # noqa: PLC0415

    check = analysis.language
    if check is None or check.is_english:
        return False
    console.note(f"{analysis.document.id}: {language_note(check)}")
    return True


# --------------------------------------------------------------------------- compare


def _cmd_compare(args: argparse.Namespace, console: Console) -> int:
    from slant.analysis import analyze  # noqa: PLC0415
    from slant.report.render import comparison_record, dumps, render_comparison  # noqa: PLC0415

    if args.articles.count("-") > 1:
        msg = "standard input ('-') can be given only once"
        raise InputError(msg)
    report = Path(args.html) if args.html else None
    if report is not None:
        _check_output(report)
    docs = [_read_article(spec, args, console) for spec in args.articles]
    baseline, notes, partial = _load_baseline(args.baseline, console, args.max_bytes)
    facts, facts_reason = _facts_choice("auto")
    if facts_reason is not None:
        notes.append(f"The key-facts checklist was not applied: {facts_reason}.")
    with console.step(f"measuring {len(docs)} texts"):
        analyses = [analyze(doc, baseline, facts=facts) for doc in docs]
    record = comparison_record(analyses, notes=notes, sources=args.articles)
    if report is not None:
        with console.step("drawing the report"):
            page = render_comparison(analyses, notes=notes, sources=args.articles)
        _write_file(report, page.encode("utf-8"))
    if args.json:
        console.write(dumps(record))
    elif not args.quiet:
        console.write(_format_comparison(record, console, report=report, show_all=args.all))
    if partial:
        console.note(notes[0])
    foreign = [_not_english(a, console) for a in analyses]
    return EXIT_PARTIAL if partial or any(foreign) else EXIT_OK


def _format_comparison(
    record: dict[str, Any], console: Console, *, report: Path | None, show_all: bool
) -> str:
    width = _width()
    texts = record["texts"]
    bold = console.style
    lines = [
        bold(f"slant compare: {len(texts)} texts against one baseline"),
        (
            f"  baseline  {_clip(record['baseline']['label'], width - 12)} "
            f"({_plural(record['baseline']['n'], 'document')})"
        ),
    ]
    for i, t in enumerate(texts, start=1):
        doc = t["document"]
        lines.append(f"  [{i}]       {_clip(doc['title'] or doc['id'], width - 12)}")
    metrics = record["metrics"]

    def spread(m: dict[str, Any]) -> float:
        zs = [abs(e["z"]) for e in m["texts"] if e is not None and e["z"] is not None]
        return max(zs, default=-1.0)

    chosen = metrics if show_all else sorted(metrics, key=lambda m: (-spread(m), m["name"]))[:15]
    if not show_all:
        order = {m["name"]: i for i, m in enumerate(metrics)}
        chosen.sort(key=lambda m: order[m["name"]])
    label_width = min(max([len(m["label"]) for m in chosen] + [14]), 44)
    columns = [f"[{i}]" for i in range(1, len(texts) + 1)]
    header = f"  {'':<{label_width}} {'median':>9}" + "".join(f"{c:>16}" for c in columns)
    lines += ["", bold("Value (percentile within the baseline)"), header]
    distance_cells = "".join(
        f"{_fmt(t['distance']['value']) + ' (' + _pct(t['distance']['percentile']) + ')':>16}"
        for t in texts
    )
    lines.append(f"  {'style distance':<{label_width}} {'':>9}{distance_cells}")
    for m in chosen:
        cells = "".join(
            f"{'n/a' if e is None else _fmt(e['value']) + ' (' + _pct(e['percentile']) + ')':>16}"
            for e in m["texts"]
        )
        lines.append(
            f"  {_clip(m['label'], label_width):<{label_width}} {_fmt(m['median']):>9}{cells}"
        )
    if not show_all and len(metrics) > len(chosen):
        lines.append(
            f"  ({len(chosen)} of {len(metrics)} measurements, those furthest from the "
            "baseline; --all shows every one)"
        )
    if record["notes"]:
        lines += ["", bold("Notes"), *[f"  - {n}" for n in record["notes"]]]
    lines.append("")
    lines.append(
        f"Report: {report}"
        if report is not None
        else "Side by side with charts: --html compare.html"
    )
    return "\n".join(lines) + "\n"


def _pct(value: Any) -> str:
    """A percentile as a whole number; 0 and 100 only when the text is beyond every document."""
    if value is None:
        return "n/a"
    number = float(value)
    shown = round(number)
    if 0 < number < 100:
        shown = min(max(shown, 1), 99)
    return str(shown)


# --------------------------------------------------------------------------- hydrate, validate


def _cmd_hydrate(args: argparse.Namespace, console: Console) -> int:
    from slant import coverage  # noqa: PLC0415

    sources = coverage.read_sources(args.sources) if args.sources else None
    result = coverage.hydrate(
        sources,
        args.cache_dir,
        timeout=args.timeout,
        max_bytes=args.max_bytes,
        retries=args.retries,
        allow_private=args.allow_private,
        refresh=args.refresh,
        progress=console.progress,
    )
    if not args.quiet:
        lines = [result.summary]
        lines += [f"  failed  {r.id}: {r.reason}" for r in result.failed]
        console.write("\n".join(lines) + "\n")
    if result.n_failed:
        console.note(f"{result.n_failed} source(s) could not be fetched; see {result.log_path}")
        return EXIT_PARTIAL
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace, console: Console) -> int:
    from slant.validate import format_report, validate_file  # noqa: PLC0415

    try:
        with console.step(f"scoring the sentences of {args.file}"):
            report = validate_file(
                args.file, n_resamples=args.resamples, seed=args.seed, level=args.level
            )
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if not args.quiet:
        console.write(format_report(report) + "\n")
    return EXIT_OK


# --------------------------------------------------------------------------- glossary


def _cmd_glossary(args: argparse.Namespace, console: Console) -> int:
    from slant.glossary import glossary_markdown, glossary_table  # noqa: PLC0415

    if args.write:
        target = Path(args.write)
        _check_output(target)
        _write_file(target, glossary_markdown().encode("utf-8"))
        if not args.quiet:
            console.write(f"Wrote {target}\n")
        return EXIT_OK
    fmt = args.format
    if fmt == "auto":
        isatty = getattr(console.out, "isatty", None)
        fmt = "table" if isatty and isatty() else "markdown"
    console.write(glossary_markdown() if fmt == "markdown" else glossary_table(width=_width()))
    return EXIT_OK


# --------------------------------------------------------------------------- the parser


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print no summary and no progress"
    )
    parser.add_argument(
        "--debug", action="store_true", help="on an error, show the full traceback (and warnings)"
    )


def _fetching(parser: argparse.ArgumentParser, *, what: str) -> None:
    parser.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse {what} larger than N bytes (default {DEFAULT_MAX_BYTES:,})",
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=20.0,
        metavar="SECONDS",
        help="time budget for fetching one URL, retries included (default 20)",
    )
    parser.add_argument(
        "--retries",
        type=non_negative_int,
        default=2,
        metavar="N",
        help="retries after a connection error, timeout, HTTP 429 or 5xx (default 2)",
    )
    parser.add_argument(
        "--allow-private",
        action="store_true",
        help="allow URLs on this machine or a private network (refused by default)",
    )


def _baseline_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-b",
        "--baseline",
        default="lee",
        metavar="lee|control|coverage|DIR",
        help=(
            "what to compare with: lee (300 ABC news stories, offline; the default), "
            "control (the project's neutral-style report), coverage (same-event reports "
            "fetched by `slant hydrate`), or a folder of .txt/.md files"
        ),
    )


def _subparser(
    subparsers: Any, name: str, summary: str, description: str, examples: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=summary,
        description=description,
        epilog=f"examples:\n{examples}\n\n{_EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _score_hooks() -> tuple[Callable[[Any], Any], Callable[[argparse.Namespace], int]] | None:
    """``slant score``: the scale module's ``add_score_parser`` and ``run_score``, if present.

    The batch-scoring subcommand belongs to :mod:`slant.scale`; it is wired in here when
    that module provides both functions, and left out otherwise.
    """
    try:
        from slant import scale  # noqa: PLC0415
    except ImportError:  # pragma: no cover - scale ships with slant
        return None
    add = getattr(scale, "add_score_parser", None)
    run = getattr(scale, "run_score", None)
    if callable(add) and callable(run):
        return add, run
    return None


def build_parser(*, with_score: bool = True) -> _Parser:
    """The ``slant`` argument parser with every subcommand.

    ``with_score=False`` leaves out ``slant score`` (which needs the heavier
    :mod:`slant.scale`); :func:`main` includes it only when it may be asked for.
    """
    parser = _Parser(
        prog="slant",
        description=(
            "Take a news or opinion article apart and set every measurement beside neutral "
            "news coverage. Evidence, not verdicts: every marker points at the exact "
            "characters it counted."
        ),
        epilog=(
            "examples:\n"
            "  slant analyze article.txt\n"
            "  slant analyze https://example.org/story --html report.html\n"
            "  slant compare a.txt b.txt c.txt --baseline control\n"
            "  slant glossary\n\n"
            "Run 'slant COMMAND --help' for each command's options.\n\n" + _EXIT_CODES
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"slant {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    parser.commands = subparsers.choices

    analyze = _subparser(
        subparsers,
        "analyze",
        "analyse one article against a neutral baseline",
        (
            "Analyse one article (a file, an http(s) URL, or '-' for standard input) and "
            "compare every measurement with a neutral baseline. Prints a summary: the "
            "largest departures from the baseline with the baseline's percentile, the "
            "markers found with their text, and the event's key facts kept and missing "
            "(when the text is about the event). --html writes the full report, --json "
            "prints the machine-readable record (schema slant.analysis/1, see docs/cli.md)."
        ),
        (
            "  slant analyze corpus/article/000_538137e8ce602f76.txt\n"
            "  slant analyze article.txt --html report.html\n"
            "  slant analyze https://example.org/story --baseline coverage --json > story.json\n"
            "  pbpaste | slant analyze - --baseline control"
        ),
    )
    analyze.add_argument("article", metavar="ARTICLE", help="a .txt/.md file, a URL, or -")
    _baseline_option(analyze)
    analyze.add_argument(
        "--actors",
        metavar="FILE",
        help="YAML actor lexicon for 'who is portrayed how' (default: slant's own)",
    )
    analyze.add_argument(
        "--facts",
        choices=("auto", "yes", "no"),
        default="auto",
        help=(
            "apply the event's key-facts checklist: auto (when the text mentions at least "
            "two of its facts; the default), yes, or no"
        ),
    )
    analyze.add_argument(
        "--json", action="store_true", help="print the slant.analysis/1 JSON record instead"
    )
    analyze.add_argument("--html", metavar="PATH", help="write the self-contained HTML report")
    _fetching(analyze, what="texts (and pages)")
    _common(analyze)
    analyze.set_defaults(handler=_cmd_analyze)

    compare = _subparser(
        subparsers,
        "compare",
        "several texts side by side against one baseline",
        (
            "Analyse several texts against the same baseline and show them side by side: "
            "each measurement's value with its percentile within the baseline, and each "
            "text's style distance. --html writes a page with the table and each text's "
            "distance profile chart; --json prints the slant.comparison/1 record."
        ),
        (
            "  slant compare corpus/article/000_538137e8ce602f76.txt \\\n"
            "                corpus/control/control-report.md\n"
            "  slant compare a.txt b.txt https://example.org/c --html compare.html"
        ),
    )
    compare.add_argument(
        "articles", nargs="+", metavar="TEXT", help="files, URLs, or - (once) for standard input"
    )
    _baseline_option(compare)
    compare.add_argument("--json", action="store_true", help="print the JSON record instead")
    compare.add_argument("--html", metavar="PATH", help="write the comparison as an HTML page")
    compare.add_argument(
        "--all", action="store_true", help="list every measurement (default: the 15 furthest)"
    )
    _fetching(compare, what="texts (and pages)")
    _common(compare)
    compare.set_defaults(handler=_cmd_compare)

    hydrate = _subparser(
        subparsers,
        "hydrate",
        "fetch the same-event coverage into the local cache",
        (
            "Fetch every report listed in the sources manifest into the local cache "
            "(corpus/coverage/cache/, or $SLANT_COVERAGE_CACHE), one text file per source, "
            "with a log of what was fetched. Sources already cached are skipped unless "
            "--refresh is given. Needs a network; everything else in slant works offline."
        ),
        (
            "  slant hydrate\n"
            "  slant hydrate --refresh --timeout 30\n"
            "  slant hydrate --sources my-sources.csv --cache-dir my-cache/"
        ),
    )
    hydrate.add_argument(
        "--sources", metavar="CSV", help="sources manifest (default corpus/coverage/sources.csv)"
    )
    hydrate.add_argument("--cache-dir", metavar="DIR", help="where to store the fetched texts")
    hydrate.add_argument("--refresh", action="store_true", help="fetch cached sources again")
    _fetching(hydrate, what="pages")
    _common(hydrate)
    hydrate.set_defaults(handler=_cmd_hydrate)

    validate = _subparser(
        subparsers,
        "validate",
        "check slant's scores against sentences labelled by people",
        (
            "Score every sentence of a BABE-format labelled file (semicolon-separated, with "
            "the columns text, label_bias and biased_words) and report how well each score "
            "separates Biased from Non-biased sentences (AUC with a bootstrap confidence "
            "interval) and how the flagged words agree with the annotators' words. See "
            "docs/validation.md."
        ),
        "  slant validate data/babe_sg2.csv\n  slant validate labelled.csv --resamples 2000",
    )
    validate.add_argument("file", metavar="FILE", help="the labelled file")
    validate.add_argument(
        "--resamples",
        type=positive_int,
        default=1000,
        metavar="N",
        help="bootstrap resamples (default 1000)",
    )
    validate.add_argument("--seed", type=int, default=0, help="seed of the bootstrap (default 0)")
    validate.add_argument(
        "--level", type=_level, default=0.95, help="confidence level (default 0.95)"
    )
    _common(validate)
    validate.set_defaults(handler=_cmd_validate)

    glossary = _subparser(
        subparsers,
        "glossary",
        "every measurement's name, unit, direction and definition",
        (
            "Print the glossary of every measurement from the metric registry: Markdown "
            "(as in docs/glossary.md), or a compact table. --write updates the file."
        ),
        (
            "  slant glossary\n"
            "  slant glossary --format markdown | less\n"
            "  slant glossary --write docs/glossary.md"
        ),
    )
    glossary.add_argument(
        "--format",
        choices=("auto", "markdown", "table"),
        default="auto",
        help="auto: a table on a terminal, Markdown otherwise (the default)",
    )
    glossary.add_argument("--write", metavar="PATH", help="write the Markdown glossary to PATH")
    _common(glossary)
    glossary.set_defaults(handler=_cmd_glossary)

    # ---- slant score: provided by slant.scale (add_score_parser / run_score) ----
    hooks = _score_hooks() if with_score else None
    if hooks is not None:
        add_score_parser, run_score = hooks
        score = add_score_parser(subparsers)
        if isinstance(score, argparse.ArgumentParser):
            taken = {option for action in score._actions for option in action.option_strings}
            if "--debug" not in taken:
                score.add_argument(
                    "--debug", action="store_true", help="on an error, show the full traceback"
                )
            score.set_defaults(handler=lambda args, _console: run_score(args))
    return parser


def _command_of(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (None for none or a top-level option)."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``slant`` command line; returns the exit code (see the module docstring)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = _command_of(arguments)
    top_help = command is None and any(a in ("-h", "--help") for a in arguments)
    parser = build_parser(with_score=command == "score" or top_help)
    if not arguments:
        parser.print_usage(sys.stderr)
        sys.stderr.write("slant: error: give a command, e.g. slant analyze ARTICLE (see --help)\n")
        return EXIT_USAGE
    args, extras = parser.parse_known_args(arguments)
    if extras:  # name the subcommand whose options were misspelt
        owner = parser.commands.get(str(getattr(args, "command", "")), parser)
        owner.error(f"unrecognized arguments: {' '.join(extras)}")
    if getattr(args, "handler", None) is None:
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    console = Console(
        out=sys.stdout,
        err=sys.stderr,
        quiet=bool(getattr(args, "quiet", False)),
        debug=bool(getattr(args, "debug", False)),
    )
    with warnings.catch_warnings():
        if not console.debug:
            warnings.simplefilter("ignore")  # library warnings are for developers
        try:
            code: int = args.handler(args, console)
        except InputError as exc:
            if console.debug:
                traceback.print_exc(file=sys.stderr)
            console.error(str(exc))
            return EXIT_INPUT
        except KeyboardInterrupt:
            sys.stderr.write("slant: interrupted\n")
            return EXIT_INTERRUPTED
        except BrokenPipeError:
            # the reader of our output went away (e.g. `| head`): not an error
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            return EXIT_OK
        except Exception as exc:  # a bug: one line, or the traceback with --debug
            if console.debug:
                traceback.print_exc(file=sys.stderr)
            console.error(
                f"internal error ({type(exc).__name__}: {exc}); rerun with --debug and "
                "report the traceback"
            )
            return EXIT_INTERNAL
    return code
