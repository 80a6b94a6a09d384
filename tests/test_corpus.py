"""Loading: the seed's provenance, metadata headers, and one-line errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SEED_SHA256

from slant.corpus import (
    Corpus,
    Document,
    InputError,
    load_article,
    load_folder,
    read_text,
    split_header,
)


def test_seed_provenance(seed_path: Path) -> None:
    doc = load_article(seed_path)
    assert doc.sha256 == SEED_SHA256
    assert doc.date == "2025-12-01"
    assert doc.title is None
    assert doc.language == "en"
    assert doc.source == "received as plain text"
    # the metadata prefix " date 2025-12-01 " is stripped from the analysed text only
    assert doc.raw.startswith(" date 2025-12-01 Every day")
    assert doc.text.startswith("Every day the Western narrative")
    assert doc.raw[doc.text_offset :] == doc.text
    assert doc.raw.encode("utf-8") == seed_path.read_bytes()


def test_document_is_immutable(seed_path: Path) -> None:
    doc = load_article(seed_path)
    with pytest.raises(AttributeError):
        doc.text = "changed"  # type: ignore[misc]


def test_seed_hash_is_checked_against_sidecar(tmp_path: Path, seed_path: Path) -> None:
    copy = tmp_path / seed_path.name
    copy.write_bytes(seed_path.read_bytes() + b"edited")
    sidecar = seed_path.with_name(seed_path.name + ".meta.yaml")
    (tmp_path / sidecar.name).write_text(sidecar.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError, match="does not match the datasheet"):
        load_article(copy)


def test_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(
        "---\ntitle: A test\ndate: 2024-02-03\nurl: https://example.org/x\n---\nBody text here.\n",
        encoding="utf-8",
    )
    doc = load_article(p)
    assert (doc.title, doc.date, doc.url) == ("A test", "2024-02-03", "https://example.org/x")
    assert doc.text == "Body text here.\n"
    assert doc.raw[doc.text_offset :] == doc.text


def test_plain_text_without_header(tmp_path: Path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text("Just a sentence.", encoding="utf-8")
    doc = load_article(p)
    assert doc.text == "Just a sentence."
    assert doc.date is None
    assert doc.id == "plain"


def test_bom_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffHello there.".encode())
    assert load_article(p).text == "Hello there."


def test_read_text_parses_prefix_and_keeps_raw() -> None:
    doc = read_text(" date 2025-12-01 Hello world.", id="x")
    assert doc.date == "2025-12-01"
    assert doc.text == "Hello world."
    assert isinstance(doc, Document)


def test_split_header_without_header() -> None:
    assert split_header("No header here.") == (0, {})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t \n", "empty"),
        (b"1234 5678 -- !!", "no letters"),
        (b"%PDF-1.7 binary", "PDF"),
        (b"abc\x00\x01\x02def", "NUL bytes"),
        (
            "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, d\u00e9j\u00e0 vu.".encode("cp1252"),
            "not valid UTF-8",
        ),
        (b"---\ntitle: [unclosed\n---\nText.", "not valid YAML"),
        (b"---\ndate: yesterday\n---\nText.", "not an ISO date"),
    ],
)
def test_bad_file_content(tmp_path: Path, content: bytes, message: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        load_article(p)
    text = str(info.value)
    assert "\n" not in text  # one line
    assert str(p) in text  # names the file


def test_non_utf8_names_detected_encoding(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes(
        ("Les enfants ont mang\u00e9 des cr\u00eapes \u00e0 la f\u00eate. " * 20).encode("latin-1")
    )
    with pytest.raises(InputError, match=r"looks like (cp125\d|latin|iso8859)") as info:
        load_article(p)
    assert "iconv" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope.txt")


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        load_article(tmp_path)


def test_size_limit_default_and_configurable(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"word " * 500_000)  # 2.5 MB, over the 2 MB default
    with pytest.raises(InputError, match="over the size limit of 2,000,000"):
        load_article(p)
    assert load_article(p, max_bytes=3_000_000).text.startswith("word")
    with pytest.raises(InputError, match="over the size limit of 100"):
        read_text("x" * 101, max_bytes=100)


def test_read_text_errors() -> None:
    with pytest.raises(InputError, match="empty"):
        read_text("  \n ")
    with pytest.raises(InputError, match="no letters"):
        read_text("12 + 12 = 24")
    with pytest.raises(TypeError):
        read_text(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown document kind"):
        read_text("Text.", kind="novel")  # type: ignore[arg-type]


def test_load_folder(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second story.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First story.", encoding="utf-8")
    (tmp_path / "skip.csv").write_text("x,y", encoding="utf-8")
    corpus = load_folder(tmp_path)
    assert isinstance(corpus, Corpus)
    assert [d.id for d in corpus] == ["a", "b"]
    assert all(d.kind == "baseline" for d in corpus)
    assert len(corpus.sha256) == 64


def test_load_folder_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        load_folder(tmp_path / "missing")
    with pytest.raises(InputError, match=r"holds no \.txt or \.md files"):
        load_folder(tmp_path)
    f = tmp_path / "file.txt"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file, not a folder"):
        load_folder(f)
