"""Batch scoring: inputs, order, engines, resuming, caching and the ``slant score`` command.

Expected rows come from :func:`slant.profile.profile` run directly on the same texts (the
families' own tests pin those values); these tests check that scaling changes nothing.
"""

from __future__ import annotations

import functools
import inspect
import json
import math
import pkgutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import slant
from slant import baselines, scale
from slant.corpus import Corpus, InputError, read_text
from slant.profile import metric_names, profile
from slant.scale import (
    META_COLUMNS,
    cache_key,
    iter_documents,
    score,
    score_command,
    score_document,
    score_to_parquet,
)

COLUMNS = [*META_COLUMNS, *metric_names()]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # never read or write the user's real cache
    monkeypatch.setenv(scale.CACHE_DIR_ENV, str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def lee20() -> list[tuple[str, str]]:
    return [(doc.id, doc.text) for doc in baselines.lee().documents[:20]]


@pytest.fixture(scope="module")
def reference(lee20: list[tuple[str, str]]) -> pd.DataFrame:
    """The table built row by row with profile(), no scale machinery involved."""
    rows = [score_document(read_text(text, id=doc_id)) for doc_id, text in lee20]
    return pd.DataFrame(rows, columns=COLUMNS)


def assert_same_table(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.columns) == COLUMNS
    assert got["doc_id"].tolist() == expected["doc_id"].tolist()
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True),
        expected.reset_index(drop=True),
        check_dtype=False,  # str vs object for doc_id when built from dicts
    )


class CountingProfile:
    """Stands in for profile() inside slant.scale: counts calls, can fail on one id."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[str] = []
        self.fail_on = fail_on

    def __call__(self, text: str, *, doc_id: str | None = None) -> Any:
        if doc_id == self.fail_on:
            raise ValueError("injected failure")
        self.calls.append(str(doc_id))
        return profile(text, doc_id=doc_id)


# --------------------------------------------------------------------------- the table


def test_columns_sizes_and_order_on_hand_counted_texts() -> None:
    texts = [
        ("b", "The cat sat on the mat."),  # 6 words, 1 sentence, 1 paragraph (hand count)
        ("a", "One two three. Four five?\n\nSix seven eight nine."),  # 9, 3, 2
    ]
    table = score(texts, workers=1, progress=False)
    assert list(table.columns) == COLUMNS
    assert table["doc_id"].tolist() == ["b", "a"]  # input order, not sorted
    assert table["n_words"].tolist() == [6, 9]
    assert table["n_sentences"].tolist() == [1, 3]
    assert table["n_paragraphs"].tolist() == [1, 2]
    for (doc_id, text), (_, row) in zip(texts, table.iterrows(), strict=True):
        values = profile(text, doc_id=doc_id).values
        for name in metric_names():
            got, want = row[name], values[name]
            assert (math.isnan(got) and math.isnan(want)) or got == want, name


def test_local_pool_gives_the_same_table_as_one_process(
    lee20: list[tuple[str, str]], reference: pd.DataFrame
) -> None:
    one = score(lee20, workers=1, chunk_size=3, progress=False)
    two = score(lee20, workers=2, chunk_size=3, progress=False)
    assert_same_table(one, reference)
    assert_same_table(two, reference)


def test_empty_input_gives_an_empty_table_with_every_column() -> None:
    table = score([], workers=1, progress=False)
    assert list(table.columns) == COLUMNS
    assert len(table) == 0


def test_digest_equals_the_corpus_hash(tmp_path: Path) -> None:
    corpus = Corpus(
        "tiny", "two texts", tuple(read_text(t, id=t[:3]) for t in ("Abc d.", "Efg h."))
    )
    summary = score_to_parquet(corpus, tmp_path / "t.parquet", workers=1, progress=False)
    assert summary.digest == corpus.sha256
    assert (summary.n_documents, summary.n_scored, summary.n_reused) == (2, 2, 0)


def test_output_is_written_whole_and_leaves_nothing_behind(
    tmp_path: Path, lee20: list[tuple[str, str]]
) -> None:
    out = tmp_path / "deep" / "folder" / "table.parquet"
    score_to_parquet(lee20, out, workers=1, chunk_size=7, progress=False)
    assert out.is_file()
    leftovers = sorted(p.name for p in out.parent.iterdir() if p.name != out.name)
    assert leftovers == [".table.parquet.lock"]  # no .tmp files and no .parts folder
    meta = json.loads(pq.read_schema(out).metadata[b"slant.scale"])
    assert meta["rows"] == 20
    assert [n for _, n in meta["chunks"]] == [7, 7, 6]


# --------------------------------------------------------------------------- engines


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_dask_cluster_at_an_address_gives_the_local_table(
    dask_scheduler: str, lee20: list[tuple[str, str]], reference: pd.DataFrame
) -> None:
    table = score(lee20, engine="dask", scheduler=dask_scheduler, chunk_size=3, progress=False)
    assert_same_table(table, reference)


@pytest.mark.slow
def test_dask_default_local_cluster_gives_the_local_table(
    lee20: list[tuple[str, str]], reference: pd.DataFrame, tmp_path: Path
) -> None:
    summary = score_to_parquet(
        lee20, tmp_path / "t.parquet", engine="dask", workers=2, chunk_size=5, progress=False
    )
    assert (summary.engine, summary.workers) == ("dask", 2)
    assert_same_table(pd.read_parquet(tmp_path / "t.parquet"), reference)


def _log_length() -> int:
    import dask

    return int(dask.config.get("distributed.admin.low-level-log-length"))


@pytest.mark.slow
def test_a_started_cluster_keeps_short_debug_logs_and_leaves_the_config_alone() -> None:
    # Dask's developer logs would hold the texts of the last 1,000 chunks in every process
    pytest.importorskip("distributed")
    before = _log_length()
    runner = scale._DaskRunner(2, None)
    try:
        assert _log_length() == before  # the setting was scoped to building the cluster
        import dask

        # picklable by reference, so the worker processes can run it
        setting = functools.partial(dask.config.get, "distributed.admin.low-level-log-length")
        inside = runner._client.run(setting)
        assert list(inside.values()) == [scale._DASK_LOG_LENGTH] * 2
        # the scheduler runs in this process and read the setting when it was built:
        # the message logs of its streams to the workers, and the client's, are short
        scheduler = runner._cluster.scheduler
        lengths = {comm.recent_message_log.maxlen for comm in scheduler.stream_comms.values()}
        assert lengths == {scale._DASK_LOG_LENGTH}
        assert runner._client.scheduler_comm.recent_message_log.maxlen == scale._DASK_LOG_LENGTH
    finally:
        runner.close()


def test_unreachable_scheduler_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr(scale, "DASK_CONNECT_TIMEOUT", 0.5)
    with pytest.raises(InputError, match="cannot reach a Dask scheduler"):
        score(["Some text."], engine="dask", scheduler="tcp://127.0.0.1:9", progress=False)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"engine": "spark"}, "unknown engine"),
        ({"workers": 0}, "at least 1"),
        ({"chunk_size": 0}, "at least 1"),
        ({"scheduler": "tcp://127.0.0.1:8786"}, "needs engine='dask'"),
    ],
)
def test_bad_options_raise(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        score(["Some text."], progress=False, **options)


# --------------------------------------------------------------------------- resuming


def test_interrupted_run_resumes_without_scoring_anything_twice(
    tmp_path: Path,
    lee20: list[tuple[str, str]],
    reference: pd.DataFrame,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "t.parquet"

    def crashing() -> Iterator[tuple[str, str]]:
        yield from lee20[:10]
        raise RuntimeError("the input went away")

    first = CountingProfile()
    monkeypatch.setattr(scale, "profile", first)
    with pytest.raises(RuntimeError, match="went away"):
        score_to_parquet(crashing(), out, workers=1, chunk_size=4, progress=False)
    assert not out.exists()
    saved = sorted(p.name for p in out.with_name("t.parquet.parts").iterdir())
    assert saved == ["part-00000000.parquet", "part-00000001.parquet"]  # 8 documents kept

    second = CountingProfile()
    monkeypatch.setattr(scale, "profile", second)
    summary = score_to_parquet(iter(lee20), out, workers=1, chunk_size=4, progress=False)
    assert (summary.n_reused, summary.n_scored) == (8, 12)
    assert second.calls == [doc_id for doc_id, _ in lee20[8:]]  # nothing scored twice
    table = pd.read_parquet(out)
    assert table["doc_id"].is_unique
    assert_same_table(table, reference)
    assert not out.with_name("t.parquet.parts").exists()


def test_a_failing_document_is_named_and_finished_chunks_are_kept(
    tmp_path: Path,
    lee20: list[tuple[str, str]],
    reference: pd.DataFrame,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "t.parquet"
    monkeypatch.setattr(scale, "profile", CountingProfile(fail_on="lee-013"))
    with pytest.raises(RuntimeError, match=r"lee-013.*injected failure"):
        score_to_parquet(lee20, out, workers=1, chunk_size=5, progress=False)
    parts = sorted(out.with_name("t.parquet.parts").glob("part-*.parquet"))
    saved = [i for part in parts for i in pq.read_table(part).column("doc_id").to_pylist()]
    ids = [doc_id for doc_id, _ in lee20]
    assert set(ids[:10]) <= set(saved)  # the chunks before the failing one were kept
    assert "lee-013" not in saved
    again = CountingProfile()
    monkeypatch.setattr(scale, "profile", again)
    summary = score_to_parquet(lee20, out, workers=1, chunk_size=5, progress=False)
    assert summary.n_reused == len(saved)
    assert again.calls == [i for i in ids if i not in saved]
    assert_same_table(pd.read_parquet(out), reference)


def test_a_longer_input_scores_only_the_new_documents(
    tmp_path: Path,
    lee20: list[tuple[str, str]],
    reference: pd.DataFrame,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "t.parquet"
    score_to_parquet(lee20[:8], out, workers=1, chunk_size=4, progress=False)
    counter = CountingProfile()
    monkeypatch.setattr(scale, "profile", counter)
    summary = score_to_parquet(lee20, out, workers=1, chunk_size=4, progress=False)
    assert (summary.n_reused, summary.n_scored) == (8, 12)
    assert counter.calls == [doc_id for doc_id, _ in lee20[8:]]
    assert_same_table(pd.read_parquet(out), reference)


def test_a_changed_document_is_scored_again(
    tmp_path: Path, lee20: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "t.parquet"
    score_to_parquet(lee20, out, workers=1, chunk_size=4, progress=False)
    edited = list(lee20)
    edited[5] = (edited[5][0], "A completely different text. It is short!")
    counter = CountingProfile()
    monkeypatch.setattr(scale, "profile", counter)
    summary = score_to_parquet(edited, out, workers=1, chunk_size=4, progress=False)
    assert summary.n_scored == 4  # only the chunk holding document 5
    assert counter.calls == [doc_id for doc_id, _ in lee20[4:8]]
    table = pd.read_parquet(out)
    assert table.loc[5, "n_words"] == 7


def test_restart_scores_everything_again(
    tmp_path: Path, lee20: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "t.parquet"
    score_to_parquet(lee20[:6], out, workers=1, chunk_size=4, progress=False)
    counter = CountingProfile()
    monkeypatch.setattr(scale, "profile", counter)
    summary = score_to_parquet(
        lee20[:6], out, workers=1, chunk_size=4, progress=False, restart=True
    )
    assert (summary.n_scored, summary.n_reused) == (6, 0)
    assert len(counter.calls) == 6


def test_a_resumed_run_keeps_the_earlier_chunk_size(
    tmp_path: Path, lee20: list[tuple[str, str]]
) -> None:
    out = tmp_path / "t.parquet"
    score_to_parquet(lee20[:8], out, workers=1, chunk_size=4, progress=False)
    summary = score_to_parquet(lee20, out, workers=1, chunk_size=10, progress=False)
    assert summary.n_reused == 8


# --------------------------------------------------------------------------- cache


def test_score_caches_a_corpus_and_reads_it_on_the_second_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = Corpus("mini", "three Lee stories", baselines.lee().documents[:3])
    first = score(corpus, workers=1, progress=False)
    cached = tmp_path / "cache" / f"{cache_key(corpus)}.parquet"
    assert cached.is_file()

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("scored again instead of reading the cache")

    monkeypatch.setattr(scale, "profile", must_not_run)
    second = score(corpus, workers=1, progress=False)
    pd.testing.assert_frame_equal(first, second)
    assert second["doc_id"].tolist() == ["lee-000", "lee-001", "lee-002"]


def test_cache_key_changes_with_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = Corpus("mini", "one story", baselines.lee().documents[:1])
    before = cache_key(corpus)
    monkeypatch.setattr(slant, "__version__", "0.0.0-other")
    assert cache_key(corpus) != before


def test_a_table_from_another_version_is_not_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "t.parquet"
    texts = ["First text here.", "Second text here."]
    score_to_parquet(texts, out, workers=1, progress=False)
    monkeypatch.setattr(slant, "__version__", "0.0.0-other")
    summary = score_to_parquet(texts, out, workers=1, progress=False)
    assert (summary.n_scored, summary.n_reused) == (2, 0)


def test_a_damaged_table_is_reported_and_scored_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "t.parquet"
    texts = ["First text here.", "Second text here, a little longer."]
    fresh = score(texts, out=out, workers=1, progress=False)
    out.write_bytes(out.read_bytes()[:100])  # truncated
    capsys.readouterr()
    again = score(texts, out=out, workers=1, progress=False)
    assert f"{out} cannot be read as a slant score table" in capsys.readouterr().err
    pd.testing.assert_frame_equal(again, fresh)


def test_a_changed_byte_in_the_values_is_caught_by_page_checksums(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t.parquet"
    texts = [f"Story {i}. The council met and voted {i} times." for i in range(6)]
    fresh = score(texts, out=out, workers=1, progress=False)
    column = pq.ParquetFile(out).metadata.row_group(0).column(len(META_COLUMNS))
    data = bytearray(out.read_bytes())
    start = column.dictionary_page_offset if column.has_dictionary_page else None
    end = (start or column.data_page_offset) + column.total_compressed_size
    data[end - 2] ^= 0x01  # a byte of this column's values (silently wrong without checksums)
    out.write_bytes(bytes(data))
    capsys.readouterr()
    again = score(texts, out=out, workers=1, progress=False)
    assert f"{out} is damaged" in capsys.readouterr().err
    pd.testing.assert_frame_equal(again, fresh)


def test_an_unwritable_cache_folder_scores_without_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(scale.CACHE_DIR_ENV, str(blocker / "cache"))  # cannot be created
    corpus = Corpus("mini", "two stories", baselines.lee().documents[:2])
    table = score(corpus, workers=1, progress=False)
    assert table["doc_id"].tolist() == ["lee-000", "lee-001"]
    err = capsys.readouterr().err
    assert "cannot create the output folder" in err
    assert "scoring without the cache" in err
    assert err.count("\n") == 1


# --------------------------------------------------------------------------- inputs


@pytest.fixture
def three() -> list[tuple[str, str]]:
    return [
        ("alpha", "The first story is short. It has two sentences."),
        ("beta", "A second story asks a question? Yes, it does."),
        ("gamma", 'Third: "quoted words", said nobody. The end!'),
    ]


def test_every_input_format_gives_the_same_table(
    tmp_path: Path, three: list[tuple[str, str]]
) -> None:
    expected = score(three, workers=1, progress=False)

    folder = tmp_path / "folder"
    folder.mkdir()
    for doc_id, text in three:
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (folder / "notes.csv").write_text("ignored,file\n", encoding="utf-8")

    frame = pd.DataFrame({"id": [d for d, _ in three], "text": [t for _, t in three]})
    frame.to_csv(tmp_path / "t.csv", index=False)
    frame.to_csv(tmp_path / "t.tsv", index=False, sep="\t")
    frame.to_parquet(tmp_path / "t.parquet", index=False)
    with (tmp_path / "t.jsonl").open("w", encoding="utf-8") as handle:
        for doc_id, text in three:
            handle.write(json.dumps({"id": doc_id, "text": text}) + "\n\n")

    def generator() -> Iterator[tuple[str, str]]:
        yield from three

    corpus = Corpus("c", "three", tuple(read_text(t, id=i) for i, t in three))
    sources: list[Any] = [
        folder,
        str(folder),
        tmp_path / "t.csv",
        tmp_path / "t.tsv",
        tmp_path / "t.parquet",
        tmp_path / "t.jsonl",
        generator(),
        corpus,
        list(corpus.documents),
    ]
    for source in sources:
        got = score(source, workers=1, progress=False, cache=False)
        pd.testing.assert_frame_equal(got, expected, obj=str(source))


def test_plain_strings_and_rows_without_ids_get_numbered(tmp_path: Path) -> None:
    texts = ["Alpha text.", "Beta text."]
    assert score(texts, workers=1, progress=False)["doc_id"].tolist() == [
        "doc-000000",
        "doc-000001",
    ]
    pd.DataFrame({"body": texts}).to_csv(tmp_path / "t.csv", index=False)
    table = score(tmp_path / "t.csv", text_column="body", workers=1, progress=False)
    assert table["doc_id"].tolist() == ["row-000000", "row-000001"]


def test_id_column_can_be_named(tmp_path: Path) -> None:
    pd.DataFrame({"key": ["k1", "k2"], "text": ["One text.", "Two texts."]}).to_parquet(
        tmp_path / "t.parquet"
    )
    table = score(tmp_path / "t.parquet", id_column="key", workers=1, progress=False)
    assert table["doc_id"].tolist() == ["k1", "k2"]


def test_one_text_file_is_one_document(tmp_path: Path, seed_path: Path) -> None:
    table = score(seed_path, workers=1, progress=False)
    assert table["doc_id"].tolist() == ["000_538137e8ce602f76"]
    assert table.loc[0, "n_words"] > 500


def test_iter_documents_is_lazy() -> None:
    seen: list[int] = []

    def endless() -> Iterator[str]:
        n = 0
        while True:
            seen.append(n)
            yield f"Text number {n}."
            n += 1

    docs = iter_documents(endless())
    first = [next(docs).id for _ in range(3)]
    assert first == ["doc-000000", "doc-000001", "doc-000002"]
    assert len(seen) == 3


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.csv", "no such file or folder"),
        (lambda d: _write(d / "t.csv", "title,body\nA,B\n"), r"no column 'text'.*'title', 'body'"),
        (lambda d: _write(d / "t.jsonl", '{"body": "x"}\n'), r"no column 'text'.*'body'"),
        (lambda d: _write(d / "t.jsonl", '{"text": "ok"}\n{oops\n'), "line 2 is not valid JSON"),
        (lambda d: _write(d / "t.jsonl", "[1, 2]\n"), "line 1 is not a JSON object"),
        (lambda d: _write(d / "t.csv", ""), "cannot be read as CSV"),
        (lambda d: _write(d / "t.csv", 'text\nGood text.\n""\n'), "row 2: the text is empty"),
        (lambda d: _write(d / "t.parquet", "not parquet"), "not a readable Parquet file"),
        (lambda d: _write(d / "t.xlsx", "x"), r"cannot read \.xlsx"),
        (lambda d: _mkdir(d / "empty"), "holds no .txt or .md files"),
        (lambda d: _int_parquet(d / "t.parquet"), "holds int64, not text"),
    ],
)
def test_bad_inputs_are_refused_with_one_clear_line(
    tmp_path: Path, make: Any, message: str
) -> None:
    source = make(tmp_path)
    with pytest.raises(InputError, match=message) as caught:
        score(source, workers=1, progress=False)
    assert "\n" not in str(caught.value)
    assert str(source) in str(caught.value)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _int_parquet(path: Path) -> Path:
    pq.write_table(pa.table({"text": [1, 2]}), path)
    return path


def test_bad_items_are_refused() -> None:
    with pytest.raises(InputError, match="item 1 is a int"):
        score(["A text.", 5], workers=1, progress=False)
    with pytest.raises(InputError, match="given bytes"):
        score(b"raw bytes", workers=1, progress=False)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="over the size limit"):
        score(["x" * 200], max_bytes=100, workers=1, progress=False)


def test_skip_invalid_leaves_out_bad_rows_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(tmp_path / "t.csv", 'id,text\na,Good text.\nb,""\nc,Also good.\n')
    summary = score_to_parquet(
        source, tmp_path / "o.parquet", workers=1, skip_invalid=True, progress=False
    )
    assert (summary.n_documents, summary.n_skipped) == (2, 1)
    assert "left out 1 invalid documents; the first: " in capsys.readouterr().err
    assert pd.read_parquet(tmp_path / "o.parquet")["doc_id"].tolist() == ["a", "c"]
    with pytest.raises(InputError, match="every document was invalid"):
        score(["", "   "], workers=1, skip_invalid=True, progress=False)


def test_output_path_problems_are_input_errors(tmp_path: Path) -> None:
    folder = tmp_path / "is_a_folder.parquet"
    folder.mkdir()
    with pytest.raises(InputError, match="is a folder"):
        score_to_parquet(["A text."], folder, workers=1, progress=False)
    blocker = _write(tmp_path / "file", "x")
    with pytest.raises(InputError, match="cannot create the output folder"):
        score_to_parquet(["A text."], blocker / "sub" / "t.parquet", workers=1, progress=False)


# --------------------------------------------------------------------------- memory


def _scoring_modules() -> Iterator[Any]:
    """Every module a worker runs: profile() and what it imports from slant."""
    import importlib

    import slant.metrics

    for name in ("slant.profile", "slant.text", "slant.syllables"):
        yield importlib.import_module(name)
    for info in pkgutil.walk_packages(slant.metrics.__path__, prefix="slant.metrics."):
        yield importlib.import_module(info.name)


def test_every_cache_on_the_scoring_path_is_bounded_or_argument_free() -> None:
    # An unbounded functools cache keyed by its arguments grows with every new text; one
    # without arguments holds a single lexicon. Either bounded, or nothing to key on.
    unbounded: list[str] = []
    for module in _scoring_modules():
        for name, value in vars(module).items():
            info = getattr(value, "cache_info", None)
            if not callable(info) or getattr(value, "__module__", None) != module.__name__:
                continue
            wrapped = inspect.unwrap(value)
            if info().maxsize is None and inspect.signature(wrapped).parameters:
                unbounded.append(f"{module.__name__}.{name}")
    assert unbounded == []


def test_profile_leaves_textstat_caches_empty() -> None:
    from slant.syllables import clear_textstat_caches

    clear_textstat_caches()
    profile(baselines.lee().documents[0])
    import importlib

    backend = importlib.import_module("textstat.backend")
    filled = []
    for info in pkgutil.walk_packages(backend.__path__, prefix="textstat.backend."):
        module = sys.modules.get(info.name) or importlib.import_module(info.name)
        for name, value in vars(module).items():
            cache_info = getattr(value, "cache_info", None)
            if callable(cache_info) and cache_info().currsize:
                filled.append(f"{info.name}.{name}")
    assert filled == []


def test_a_worker_sends_back_plain_numbers_only() -> None:
    # no Profile, parse or evidence travels back from a worker: ids, three sizes, values
    result = scale._score_chunk((("x", "Some words here. More words!"),))
    assert result.doc_ids == ["x"]
    assert result.counts.tolist() == [[5, 2, 1]]  # hand count: 5 words, 2 sentences, 1 block
    assert result.values.shape == (1, len(metric_names()))
    assert result.values.dtype.kind == "f"


# --------------------------------------------------------------------------- command line


def test_cli_writes_the_table(
    tmp_path: Path, three: list[tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "t.jsonl"
    source.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in three), encoding="utf-8"
    )
    out = tmp_path / "out" / "table.parquet"
    code = score_command([str(source), "--out", str(out), "--workers", "1"])
    assert code == 0
    assert pd.read_parquet(out)["doc_id"].tolist() == ["alpha", "beta", "gamma"]
    err = capsys.readouterr().err
    assert "3 documents" in err
    assert score_command([str(source), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["{tmp}/missing.csv", "--out", "{tmp}/o.parquet"], 3, "no such file or folder"),
        (["{tmp}/t.csv", "--out", "{tmp}/o.parquet", "--text-column", "body"], 3, "no column"),
        (["{tmp}/t.csv", "--out", "{tmp}/o.csv"], 2, "must name a .parquet file"),
        (["{tmp}/t.csv", "--out", "{tmp}/o.parquet", "--workers", "0"], 2, "greater than 0"),
        (["{tmp}/t.csv", "--out", "{tmp}/o.parquet", "--engine", "spark"], 2, "invalid choice"),
        (["{tmp}/t.csv"], 2, "--out"),
        (
            ["{tmp}/t.csv", "--out", "{tmp}/o.parquet", "--engine", "local", "--scheduler", "x"],
            2,
            "needs engine='dask'",
        ),
    ],
)
def test_cli_errors_are_one_line_with_the_documented_exit_code(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    message: str,
) -> None:
    _write(tmp_path / "t.csv", "text\nA text.\n")
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert score_command(args) == code
    err = capsys.readouterr().err
    assert message in err
    if code == 3 or "must name" in message or "needs engine" in message:
        assert err.count("\n") == 1
        assert err.startswith("slant score: error: ")


def test_cli_hook_registers_on_a_parent_parser(tmp_path: Path) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="slant")
    commands = parser.add_subparsers(dest="command", required=True)
    scale.add_score_parser(commands)
    _write(tmp_path / "t.csv", "text\nA text.\n")
    args = parser.parse_args(
        [
            "score",
            str(tmp_path / "t.csv"),
            "--out",
            str(tmp_path / "o.parquet"),
            "-q",
            "--workers",
            "1",
        ]
    )
    assert args.func(args) == 0
    assert (tmp_path / "o.parquet").is_file()
