"""The sources manifest, hydrating the cache from a local server, and loading it back.

Every page is served by a server the test starts on 127.0.0.1 (see ``LocalSite`` in
``test_fetch``); nothing reaches the internet.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import ROOT
from tests.test_fetch import ARTICLE_HTML, ARTICLE_PARAGRAPHS, LocalSite

import slant.coverage
from slant.corpus import InputError, load_article
from slant.coverage import (
    SOURCE_COLUMNS,
    Source,
    coverage_status,
    hydrate,
    load_coverage,
    read_sources,
    write_atomic,
)

MANIFEST = ROOT / "corpus" / "coverage" / "sources.csv"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as local:
        yield local


def make_source(source_id: str, url: str, **fields: Any) -> Source:
    values: dict[str, Any] = {
        "id": source_id,
        "outlet": "City Gazette",
        "via": None,
        "group": "national",
        "language": "en",
        "date": "2025-12-01",
        "headline": None,
        "url": url,
        "hybrid_context": "minimal",
    }
    values.update(fields)
    return Source(**values)


def quick(**overrides: Any) -> dict[str, Any]:
    """Options for a fast local hydrate: private addresses allowed, no retries, no bar."""
    options: dict[str, Any] = {
        "allow_private": True,
        "timeout": 5.0,
        "retries": 0,
        "backoff": 0.01,
        "progress": False,
    }
    options.update(overrides)
    return options


def read_front_matter(path: Path) -> tuple[dict[str, Any], str]:
    content = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(content)
    assert match, f"{path} has no front matter"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict)
    return meta, content[match.end() :]


def read_log(folder: Path) -> list[dict[str, str]]:
    with (folder / "hydrate-log.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --------------------------------------------------------------------------- manifest


@pytest.fixture
def in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the default manifest path independent of the working directory."""
    monkeypatch.setenv("SLANT_PROJECT_ROOT", str(ROOT))


def test_the_manifest_has_15_sources_with_the_expected_columns(in_project: None) -> None:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == SOURCE_COLUMNS
    sources = read_sources()
    assert len(sources) == 15
    assert len({source.id for source in sources}) == 15
    assert all(source.url.startswith("https://") for source in sources)
    # languages as listed in the shared coverage manifest: 12 English, 2 Russian, 1 Italian
    languages = [source.language for source in sources]
    assert (languages.count("en"), languages.count("ru"), languages.count("it")) == (12, 2, 1)
    first = sources[0]
    assert (first.id, first.outlet, first.via, first.group) == (
        "reuters-st",
        "Reuters",
        "The Straits Times",
        "wire",
    )
    assert first.label == "Reuters via The Straits Times"
    novinite = next(source for source in sources if source.id == "novinite")
    assert novinite.date is None  # an empty date means it could not be confirmed
    assert novinite.headline is None


GOOD_ROW = "a1,Outlet,,wire,en,2025-12-01,Headline,https://news.example/a,yes"
HEADER = ",".join(SOURCE_COLUMNS)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,outlet,url\na,b,https://x.example/\n", "missing column(s) via, group"),
        (f"{HEADER},extra\n{GOOD_ROW},1\n", "unknown column(s) extra"),
        (f"{HEADER}\n", "no rows"),
        (f"{HEADER}\n{GOOD_ROW}\n{GOOD_ROW}\n", "line 3: id 'a1' is used twice"),
        (f"{HEADER}\n{GOOD_ROW.replace(',wire,', ',blog,')}\n", "group 'blog'"),
        (f"{HEADER}\n{GOOD_ROW.replace('https://', 'file://')}\n", "'file:' URLs"),
        (f"{HEADER}\n{GOOD_ROW.replace('2025-12-01', '1/12/2025')}\n", "YYYY-MM-DD"),
        (f"{HEADER}\n{GOOD_ROW.replace(',en,', ',English,')}\n", "language 'English'"),
        (f"{HEADER}\n{GOOD_ROW.replace('a1,', 'A 1,')}\n", "id 'A 1'"),
        (f"{HEADER}\n{GOOD_ROW.replace(',yes', ',maybe')}\n", "hybrid_context 'maybe'"),
        (f"{HEADER}\n{GOOD_ROW},surplus\n", "more fields than columns"),
        (f"{HEADER}\na1,Outlet,,wire\n", "fewer fields than columns"),
    ],
)
def test_read_sources_refuses_a_bad_manifest(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "sources.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        read_sources(path)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_read_sources_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such sources manifest"):
        read_sources(tmp_path / "absent.csv")


# --------------------------------------------------------------------------- hydrate


def test_hydrate_caches_the_text_with_front_matter(site: LocalSite, tmp_path: Path) -> None:
    url = site.page("/bridge", ARTICLE_HTML)
    source = make_source("gazette", url, via="Wire Digest", headline="Bridge reopens")
    report = hydrate([source], tmp_path, **quick())
    assert (report.n_ok, report.n_failed, report.n_skipped) == (1, 0, 0)
    path = tmp_path / "gazette.txt"
    assert report.results[0].path == str(path)
    meta, text = read_front_matter(path)
    assert meta["title"] == "Bridge reopens"  # the manifest's headline wins over the page's
    assert str(meta["date"]) == "2025-12-01"
    assert meta["url"] == url
    assert "final_url" not in meta  # no redirect
    assert (meta["outlet"], meta["via"], meta["group"], meta["language"]) == (
        "City Gazette",
        "Wire Digest",
        "national",
        "en",
    )
    assert meta["sha256"] == hashlib.sha256(ARTICLE_HTML).hexdigest()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", meta["fetched_at"])
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in text
    assert "Reader42" not in text  # the comment section is left out
    document = load_article(path, kind="coverage")
    assert document.text == text
    assert document.meta["outlet"] == "City Gazette"
    assert read_log(tmp_path) == [
        {
            "id": "gazette",
            "url": url,
            "status": "ok",
            "reason": "",
            "fetched_at": meta["fetched_at"],
        }
    ]
    assert leftovers(tmp_path) == []


def test_hydrate_uses_the_page_title_and_date_when_the_manifest_has_none(
    site: LocalSite, tmp_path: Path
) -> None:
    site.page("/bridge", ARTICLE_HTML)
    url = site.redirect("/short", "/bridge")
    hydrate([make_source("gazette", url, date=None)], tmp_path, **quick())
    meta, _text = read_front_matter(tmp_path / "gazette.txt")
    assert meta["title"] == "Harbour bridge reopens after repairs"
    assert str(meta["date"]) == "2025-12-01"
    assert meta["final_url"] == site.url("/bridge")


def test_some_sources_fail_and_the_successes_are_kept(site: LocalSite, tmp_path: Path) -> None:
    sources = [
        make_source("good", site.page("/good", ARTICLE_HTML)),
        make_source("gone", site.url("/gone")),
        make_source("pdf", site.page("/f.pdf", b"%PDF-1.7", content_type="application/pdf")),
        make_source("broken", site.page("/broken", b"", status=500)),
    ]
    report = hydrate(sources, tmp_path, **quick())
    assert (report.n_ok, report.n_failed) == (1, 3)
    assert [p.name for p in sorted(tmp_path.glob("*.txt"))] == ["good.txt"]
    log = {row["id"]: row for row in read_log(tmp_path)}
    assert [row["status"] for row in log.values()] == ["ok", "failed", "failed", "failed"]
    assert "HTTP 404" in log["gone"]["reason"]
    assert "application/pdf" in log["pdf"]["reason"]
    assert "HTTP 500" in log["broken"]["reason"]
    assert all(row["fetched_at"] for row in log.values())
    assert [result.id for result in report.failed] == ["gone", "pdf", "broken"]
    assert "Fetched 1, skipped 0 already in the cache, 3 failed, of 4 sources" in report.summary


def test_a_second_hydrate_skips_what_is_cached(site: LocalSite, tmp_path: Path) -> None:
    sources = [
        make_source("one", site.page("/one", ARTICLE_HTML)),
        make_source("two", site.page("/two", ARTICLE_HTML)),
    ]
    first = hydrate(sources, tmp_path, **quick())
    assert first.n_ok == 2
    before = (tmp_path / "one.txt").read_bytes()
    second = hydrate(sources, tmp_path, **quick())
    assert (second.n_ok, second.n_skipped) == (0, 2)
    assert site.hits["/one"] == site.hits["/two"] == 1  # nothing fetched again
    assert (tmp_path / "one.txt").read_bytes() == before
    log = read_log(tmp_path)
    assert [row["status"] for row in log] == ["skipped", "skipped"]
    # a skipped row keeps the time the text was fetched
    assert log[0]["fetched_at"] == first.results[0].fetched_at
    third = hydrate(sources[:1], tmp_path, **quick(refresh=True))
    assert third.n_ok == 1
    assert site.hits["/one"] == 2


def test_a_failed_refresh_keeps_the_old_copy(site: LocalSite, tmp_path: Path) -> None:
    url = site.page("/story", ARTICLE_HTML)
    source = make_source("story", url)
    hydrate([source], tmp_path, **quick())
    before = (tmp_path / "story.txt").read_bytes()
    site.page("/story", b"", status=503)  # the site goes down
    report = hydrate([source], tmp_path, **quick(refresh=True))
    assert report.n_failed == 1
    assert (tmp_path / "story.txt").read_bytes() == before


def test_hydrate_shows_a_progress_bar_on_stderr(
    site: LocalSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = make_source("story", site.page("/story", ARTICLE_HTML))
    hydrate([source], tmp_path, **quick(progress=True))
    captured = capsys.readouterr()
    assert "Fetching coverage" in captured.err
    assert captured.out == ""
    hydrate([source], tmp_path, **quick(progress=False))
    assert capsys.readouterr().err == ""


def test_hydrate_refuses_an_id_that_is_not_a_safe_file_name(tmp_path: Path) -> None:
    source = make_source("../outside", "https://news.example/a")
    with pytest.raises(InputError, match="cannot name a cache file"):
        hydrate([source], tmp_path / "cache", **quick())
    assert not (tmp_path / "cache").exists()


# --------------------------------------------------------------------------- atomic writes


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "story.txt"
    target.write_bytes(b"old complete text\n")

    def broken_replace(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new text that never lands\n")
    assert target.read_bytes() == b"old complete text\n"
    assert leftovers(tmp_path) == []


def test_hydrate_logs_a_cache_write_failure(
    site: LocalSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def replace_fails_for_texts(source: str, destination: str) -> None:
        if str(destination).endswith(".txt"):
            raise OSError(28, "No space left on device")
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", replace_fails_for_texts)
    source = make_source("story", site.page("/story", ARTICLE_HTML))
    report = hydrate([source], tmp_path, **quick())
    assert report.n_failed == 1
    assert "could not be written" in report.results[0].reason
    assert not (tmp_path / "story.txt").exists()
    assert leftovers(tmp_path) == []
    assert read_log(tmp_path)[0]["status"] == "failed"


def test_a_process_killed_mid_write_leaves_no_torn_file(tmp_path: Path) -> None:
    target = tmp_path / "story.txt"
    old = "---\ntitle: Old\n---\nThe complete old report, as fetched last time.\n"
    target.write_text(old, encoding="utf-8")
    # the child writes half a megabyte, then dies abruptly before the rename
    script = textwrap.dedent(
        f"""
        import os
        import slant.coverage as coverage

        def die(descriptor):
            os._exit(9)

        coverage.os.fsync = die
        coverage.write_atomic({str(target)!r}, b"new text " * 60_000)
        """
    )
    child = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=120, check=False
    )
    assert child.returncode == 9, child.stderr.decode()
    assert target.read_text(encoding="utf-8") == old
    (temp,) = leftovers(tmp_path)  # the dead process's hidden temporary file
    assert temp.startswith(".story.txt-")
    source = make_source("story", "https://news.example/story")
    corpus = load_coverage(tmp_path, sources=[source])
    assert [doc.text for doc in corpus] == ["The complete old report, as fetched last time.\n"]
    # a later run removes a stale temporary left by a killed run
    stale = time.time() - 2 * slant.coverage.STALE_TEMP_SECONDS
    os.utime(tmp_path / temp, (stale, stale))
    hydrate([], tmp_path, **quick())
    assert leftovers(tmp_path) == []


# --------------------------------------------------------------------------- loading


def test_load_coverage_without_a_cache_says_it_was_not_fetched(
    tmp_path: Path, no_network: None, in_project: None
) -> None:
    corpus = load_coverage(tmp_path / "never-created")
    assert len(corpus) == 0
    assert corpus.name == "coverage"
    assert corpus.description == (
        "Same-event coverage was not fetched (no network, or `slant hydrate` not run yet): "
        "0 of 12 English sources in the cache."
    )
    status = coverage_status(tmp_path)
    assert not status.available
    assert (status.n_cached, status.n_sources) == (0, 12)
    assert len(status.missing) == 12
    assert "0 of 15 sources" in coverage_status(tmp_path, language=None).message


def test_load_coverage_reads_the_hydrated_reports(site: LocalSite, tmp_path: Path) -> None:
    sources = [
        make_source("en-one", site.page("/en1", ARTICLE_HTML)),
        make_source("ru-one", site.page("/ru1", ARTICLE_HTML), language="ru"),
        make_source("en-two", site.url("/missing")),
    ]
    hydrate(sources, tmp_path, **quick())
    english = load_coverage(tmp_path, sources=sources)
    assert [doc.id for doc in english] == ["en-one"]
    assert english.documents[0].kind == "coverage"
    assert english.documents[0].language == "en"
    assert english.documents[0].url == site.url("/en1")
    assert english.documents[0].source == "City Gazette"
    assert english.description == (
        "Same-event coverage: 1 of 2 English sources in the cache (not fetched: en-two)."
    )
    everything = load_coverage(tmp_path, language=None, sources=sources)
    assert [doc.id for doc in everything] == ["en-one", "ru-one"]
    russian = load_coverage(tmp_path, language="ru", sources=sources)
    assert russian.description == "Same-event coverage: all 1 Russian sources in the cache."


def test_an_unreadable_cached_file_is_named_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text("---\ntitle: [unclosed\n---\ntext\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("A short report with words.\n", encoding="utf-8")
    sources = [
        make_source("bad", "https://news.example/bad"),
        make_source("good", "https://news.example/good"),
    ]
    corpus = load_coverage(tmp_path, sources=sources)
    assert [doc.id for doc in corpus] == ["good"]
    assert "Left out, could not be read: bad.txt" in corpus.description
