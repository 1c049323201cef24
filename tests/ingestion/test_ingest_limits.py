"""Hostile inputs: size limits enforced while reading, chunks held to their token budget, XLSX read in full.

The three files of the issue are rebuilt byte for byte in size: an 11 MB XLSX of 1,048,576 rows, a 1 MB
DOCX of 400,000 paragraphs and a 2 MB DOCX zip bomb (2 GiB unpacked); and a 2.4 MB DOCX of 850,000 one-letter
runs. Each must be refused within 5 s with peak RSS growth under 300 MB (``VmHWM``, reset through
``/proc/self/clear_refs`` before each read).
"""

from __future__ import annotations

import base64
import random
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docfactory import pdf_bytes, write_markdown
from hostile import docx_bomb, docx_paragraphs, docx_runs, docx_with_body, xlsx_lying_dimension, xlsx_rows
from ingest_helpers import make_settings

from ingestion.chunking import MAX_CHARS_PER_TOKEN, Chunker
from ingestion.embedding import Embedder, max_input_tokens, token_counter
from ingestion.loaders import LimitError, Limits, LoadedDocument, LoaderError, Section, load_file
from ingestion.pipeline import ingest
from ingestion.settings import Settings

MB = 1024 * 1024


def _status(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise AssertionError(key)


def measured(action: Callable[[], object]) -> tuple[BaseException | None, float, float]:
    """Run ``action``; returns (what it raised, seconds, peak RSS growth in MB)."""
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    before = _status("VmRSS")
    started = time.perf_counter()
    error: BaseException | None = None
    try:
        action()
    except BaseException as exc:
        error = exc
    seconds = time.perf_counter() - started
    return error, seconds, (_status("VmHWM") - before) / MB


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {
        "xlsx": xlsx_rows(folder / "big.xlsx"),
        "paragraphs": docx_paragraphs(folder / "paragraphs.docx"),
        "bomb": docx_bomb(folder / "bomb.docx"),
        "runs": docx_runs(folder / "runs.docx"),
    }


def _load(path: Path, limits: Limits | None = None) -> LoadedDocument:
    return load_file(path, path.read_bytes(), limits or Limits())


# --- the three files of the issue ---------------------------------------------------------------------


def test_the_hostile_files_have_the_reported_sizes(hostile: dict[str, Path]) -> None:
    sizes = {name: path.stat().st_size / 1e6 for name, path in hostile.items()}
    assert 10 < sizes["xlsx"] < 13 and 0.8 < sizes["paragraphs"] < 1.5 and 1.5 < sizes["bomb"] < 2.5
    with zipfile.ZipFile(hostile["bomb"]) as archive:
        assert archive.getinfo("word/document.xml").file_size >= 2 * 1024 * MB


@pytest.mark.parametrize(
    ("name", "limit"),
    [
        ("xlsx", "CLAUSEWISE_MAX_UNZIPPED_MB"),
        ("paragraphs", "CLAUSEWISE_MAX_PARAGRAPHS"),
        ("bomb", "CLAUSEWISE_MAX_UNZIPPED_MB"),
        ("runs", "CLAUSEWISE_MAX_PARAGRAPHS"),
    ],
)
def test_hostile_file_rejected_fast_and_small(hostile: dict[str, Path], name: str, limit: str) -> None:
    path = hostile[name]
    error, seconds, growth = measured(lambda: _load(path))
    assert isinstance(error, LimitError), error
    assert error.limit == limit and f"(limit {limit})" in str(error)
    assert seconds <= 5.0, f"{path.name}: {seconds:.1f} s"
    assert growth <= 300, f"{path.name}: {growth:.0f} MB"


def test_million_rows_stop_at_the_limit_while_streaming(hostile: dict[str, Path]) -> None:
    # With the unpacked-size limit out of the way, the rows are counted as openpyxl streams them.
    roomy = Limits(max_unzipped_bytes=500 * MB)
    error, seconds, growth = measured(lambda: _load(hostile["xlsx"], roomy))
    assert isinstance(error, LimitError) and error.limit == "CLAUSEWISE_MAX_CHUNKS", error
    assert "more than 10,000 rows with data" in str(error)
    assert seconds <= 5.0 and growth <= 300, (seconds, growth)
    rows_first = Limits(max_unzipped_bytes=500 * MB, max_chunks=10**7, max_rows=5_000)
    error, _, _ = measured(lambda: _load(hostile["xlsx"], rows_first))
    assert isinstance(error, LimitError) and str(error) == "more than 5,000 rows (limit CLAUSEWISE_MAX_ROWS)"


def test_paragraph_docx_stops_at_the_character_limit(hostile: dict[str, Path]) -> None:
    error, seconds, growth = measured(lambda: _load(hostile["paragraphs"], Limits(max_paragraphs=10**7)))
    assert isinstance(error, LimitError) and error.limit == "CLAUSEWISE_MAX_CHARS", error
    assert seconds <= 5.0 and growth <= 300, (seconds, growth)


# --- ZIP containers -----------------------------------------------------------------------------------


def test_zip_member_whose_header_understates_its_size(tmp_path: Path) -> None:
    # The headers say 1 MiB; the data inflates to 2 GiB. zipfile.read() would inflate all of it in one call.
    path = docx_bomb(tmp_path / "liar.docx", declared_mb=1)
    error, seconds, growth = measured(lambda: _load(path))
    assert isinstance(error, LoaderError) and not isinstance(error, LimitError), error
    assert "Bad CRC-32" in str(error) and "word/document.xml" in str(error)
    assert seconds <= 5.0 and growth <= 300, (seconds, growth)


def test_compression_ratio_limit(tmp_path: Path) -> None:
    # 40 MiB of one letter: under the 50 MB unpacked limit, but compressed 1,000:1.
    path = docx_bomb(tmp_path / "dense.docx", unpacked_mb=40)
    error, _, _ = measured(lambda: _load(path))
    assert isinstance(error, LimitError) and error.limit == "CLAUSEWISE_MAX_ZIP_RATIO", error
    assert "word/document.xml is compressed" in str(error)
    # A higher ratio allowed: the document is then read, and refused for its characters instead.
    error, _, _ = measured(lambda: _load(path, Limits(max_zip_ratio=5_000)))
    assert isinstance(error, LimitError) and error.limit == "CLAUSEWISE_MAX_CHARS", error


def test_unpacked_limit_is_configurable(tmp_path: Path) -> None:
    path = xlsx_lying_dimension(tmp_path / "small.xlsx")
    error, _, _ = measured(lambda: _load(path, Limits(max_unzipped_bytes=10_000)))
    assert isinstance(error, LimitError) and error.limit == "CLAUSEWISE_MAX_UNZIPPED_MB", error
    assert len(_load(path).sections) == 49


def test_docx_with_a_doctype_is_refused(tmp_path: Path) -> None:
    laughs = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def body() -> Iterator[bytes]:
        yield b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"

    path = docx_with_body(tmp_path / "laughs.docx", body())
    data = path.read_bytes()
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"?>\n", b"?>\n" + laughs, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, content in parts.items():
            dst.writestr(name, content)
    assert path.read_bytes() != data
    with pytest.raises(LoaderError, match="DOCTYPE"):
        _load(path)


def test_docx_elements_count_beyond_paragraphs(tmp_path: Path) -> None:
    path = docx_runs(tmp_path / "runs.docx", paragraphs=5, runs=300)
    with pytest.raises(LimitError, match=r"^more than 1,000 XML elements \(10 per allowed paragraph\)"):
        _load(path, Limits(max_paragraphs=100))
    assert len(_load(path).sections) == 1


def test_docx_cells_count_with_their_spans(tmp_path: Path) -> None:
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="500"/></w:tcPr><w:p/></w:tc>'
    path = docx_with_body(tmp_path / "span.docx", [f"<w:tbl><w:tr>{cell * 3}</w:tr></w:tbl>".encode()])
    with pytest.raises(LimitError, match=r"more than 1,000 paragraphs and table cells"):
        _load(path, Limits(max_paragraphs=1_000))


# --- rows, pages, characters --------------------------------------------------------------------------


def test_empty_rows_count_as_rows(tmp_path: Path) -> None:
    path = xlsx_rows(tmp_path / "empty.xlsx", 3_000, columns=3, empty=True)
    with pytest.raises(LimitError) as caught:
        _load(path, Limits(max_rows=1_000))
    assert str(caught.value) == "more than 1,000 rows (limit CLAUSEWISE_MAX_ROWS)"


def test_wide_rows_count_their_cells(tmp_path: Path) -> None:
    path = xlsx_rows(tmp_path / "wide.xlsx", 10, columns=300)
    with pytest.raises(LimitError, match=r"more than 2,000 cells \(20 per allowed row\).*CLAUSEWISE_MAX_ROWS"):
        _load(path, Limits(max_rows=100))


def test_csv_rows_and_characters(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text("id,title\n" + "".join(f"R-{i},Risk {i}\n" for i in range(2_000)), encoding="utf-8")
    with pytest.raises(LimitError, match=r"more than 500 rows \(limit CLAUSEWISE_MAX_ROWS\)"):
        _load(path, Limits(max_rows=500))
    with pytest.raises(LimitError, match=r"more than 100 rows with data, one chunk each"):
        _load(path, Limits(max_chunks=100))
    with pytest.raises(LimitError, match=r"more than 1,000 characters \(limit CLAUSEWISE_MAX_CHARS\)"):
        _load(path, Limits(max_chars=1_000))
    assert len(_load(path).sections) == 2_000


def test_pdf_pages_and_characters(tmp_path: Path) -> None:
    path = tmp_path / "manual.pdf"
    topics = ["incidents", "risks", "suppliers", "datasets", "models", "audits"]
    path.write_bytes(pdf_bytes([f"The organization keeps records of its AI {topic}." for topic in topics]))
    with pytest.raises(LimitError, match=r"^more than 5 pages \(limit CLAUSEWISE_MAX_PAGES\)$"):
        _load(path, Limits(max_pages=5))
    with pytest.raises(LimitError, match=r"CLAUSEWISE_MAX_CHARS"):
        _load(path, Limits(max_chars=150))
    assert len(_load(path, Limits(max_pages=6)).sections) == 6


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_text_formats_count_characters(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"long{suffix}"
    path.write_text("<p>" + "The policy applies. " * 600 + "</p>", encoding="utf-8")
    with pytest.raises(LimitError, match="CLAUSEWISE_MAX_CHARS"):
        _load(path, Limits(max_chars=10_000))
    assert _load(path, Limits(max_chars=20_000)).sections


# --- item 9: an XLSX whose <dimension> tag lies -------------------------------------------------------


def test_xlsx_lying_dimension_is_read_in_full(tmp_path: Path) -> None:
    path = xlsx_lying_dimension(tmp_path / "register.xlsx", rows=50, declared="A1:B2")
    with zipfile.ZipFile(path) as archive:
        assert b'<dimension ref="A1:B2"/>' in archive.read("xl/worksheets/sheet1.xml")
    doc = _load(path)
    assert [s.section_path for s in doc.sections] == [("Register", f"Row {n}") for n in range(2, 51)]
    # The third column, outside the declared A:B, is read too.
    assert doc.sections[-1].text == "Risk id: R-049\nTitle: Risk number 49\nOwner: Owner 0"
    assert doc.warnings == ["sheet 'Register': its <dimension> tag says A1:B2 but data reaches C50; all rows were read"]


def test_xlsx_truthful_dimension_gives_no_warning(tmp_path: Path) -> None:
    path = xlsx_lying_dimension(tmp_path / "register.xlsx", rows=50, declared="A1:C50")
    doc = _load(path)
    assert len(doc.sections) == 49 and doc.warnings == []


# --- item 8: every chunk within its token budget ------------------------------------------------------


@pytest.fixture(scope="module")
def chunker() -> Chunker:
    settings = Settings()
    return Chunker(
        token_counter(settings),
        chunk_tokens=settings.chunk_tokens,
        overlap_tokens=settings.chunk_overlap_tokens,
        max_input_tokens=max_input_tokens(settings),
    )


def _assert_within_budget(
    chunker: Chunker, doc: LoadedDocument, title: str = "Blob", *, embedded: bool = True
) -> list[str]:
    chunks = chunker.chunk(doc, title)
    limit = max_input_tokens(Settings())
    for chunk in chunks:
        tokens = chunker.count_tokens(chunk.text)
        assert tokens <= chunker.chunk_tokens, tokens
        assert len(chunk.text) <= chunker.chunk_tokens * MAX_CHARS_PER_TOKEN, len(chunk.text)
        # What the model reads (section path, text, [CLS] and [SEP]) is never truncated either.
        assert not embedded or chunker.count_tokens(chunk.embed_text) + 2 <= limit
    return [c.text for c in chunks]


@pytest.mark.slow
def test_15_mb_line_without_spaces(chunker: Chunker) -> None:
    line = "x" * 15_000_000
    cpu = time.process_time()
    texts = _assert_within_budget(chunker, LoadedDocument(sections=[Section(line)]), embedded=False)
    cpu = time.process_time() - cpu
    # The tokenizer reads a word over 100 characters as one [UNK]: the character cap is what splits this.
    assert "".join(texts) == line and len(texts) >= 15_000_000 // (chunker.chunk_tokens * MAX_CHARS_PER_TOKEN)
    # Chunking plus one token count per chunk in this test: about 8 s of CPU on the development machine.
    assert cpu < 30, f"{cpu:.1f} s of CPU"


def test_dense_line_is_cut_by_tokens(chunker: Chunker) -> None:
    # Base64 is several tokens per character run and has nowhere to split.
    blob = base64.b64encode(random.Random(7).randbytes(200_000)).decode()
    texts = _assert_within_budget(chunker, LoadedDocument(sections=[Section(blob)]))
    assert "".join(texts) == blob
    assert max(chunker.count_tokens(t) for t in texts) > chunker.chunk_tokens * 0.8  # pieces are not tiny


def test_blob_inside_prose_keeps_the_prose(chunker: Chunker) -> None:
    blob = base64.b64encode(random.Random(3).randbytes(30_000)).decode()
    text = "The organization reviews the AI policy every year. " * 30 + blob + " Records are kept for ten years."
    texts = _assert_within_budget(chunker, LoadedDocument(sections=[Section(text)]))
    assert any("Records are kept for ten years." in t for t in texts)
    assert any(t.startswith("The organization reviews") for t in texts)


def test_long_unknown_words_are_held_to_the_character_cap(chunker: Chunker) -> None:
    words = " ".join("y" * 500 for _ in range(2_000))
    _assert_within_budget(chunker, LoadedDocument(sections=[Section(words)]))


def test_heading_paragraph_does_not_eat_the_budget(chunker: Chunker) -> None:
    heading = "Heading " * 200
    doc = LoadedDocument(sections=[Section("Body text of the section.", ("Policy", heading))])
    chunks = _assert_within_budget(chunker, doc, "Policy")
    assert chunks == ["Body text of the section."]
    assert len(chunker.chunk(doc, "Policy")[0].section) < 220


def test_chunks_per_document_limit() -> None:
    settings = Settings()
    small = Chunker(token_counter(settings), chunk_tokens=240, overlap_tokens=40, max_chunks=5)
    doc = LoadedDocument(sections=[Section(f"Row {i} of the register.") for i in range(6)])
    with pytest.raises(LimitError, match=r"^more than 5 chunks \(limit CLAUSEWISE_MAX_CHUNKS\)$"):
        small.chunk(doc, "Register")
    assert len(small.chunk(LoadedDocument(sections=doc.sections[:5]), "Register")) == 5


# --- through the pipeline: named, refused, nothing else lost ------------------------------------------


def test_ingest_refuses_each_hostile_file_and_keeps_the_rest(
    tmp_path: Path, hostile: dict[str, Path], embedder: Embedder
) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    for path in hostile.values():
        (root / path.name).write_bytes(path.read_bytes())
    (root / "line.txt").write_text("x" * 15_000_000, encoding="utf-8")
    xlsx_lying_dimension(root / "register.xlsx")
    write_markdown(root / "policy.md", "# AI Policy\n\nThe AI policy is reviewed every year.\n")
    settings = make_settings(tmp_path)
    started = time.perf_counter()
    report = ingest([root], settings)
    failed = {f.doc_id: (f.limit, f.error) for f in report.failed}
    assert failed.keys() == {"big.xlsx", "paragraphs.docx", "bomb.docx", "runs.docx", "line.txt"}
    assert failed["big.xlsx"][0] == failed["bomb.docx"][0] == "CLAUSEWISE_MAX_UNZIPPED_MB"
    assert failed["paragraphs.docx"][0] == failed["runs.docx"][0] == "CLAUSEWISE_MAX_PARAGRAPHS"
    assert failed["line.txt"] == ("CLAUSEWISE_MAX_CHARS", "more than 5,000,000 characters (limit CLAUSEWISE_MAX_CHARS)")
    assert report.new == ["policy.md", "register.xlsx"]
    assert any(w.startswith("register.xlsx: sheet 'Register': its <dimension> tag says") for w in report.warnings)
    assert time.perf_counter() - started < 60


def test_limits_come_from_the_settings(tmp_path: Path, embedder: Embedder) -> None:
    root = tmp_path / "docs"
    xlsx_lying_dimension(root / "register.xlsx", rows=50)
    report = ingest([root], make_settings(tmp_path, max_rows=20))
    assert [(f.doc_id, f.limit) for f in report.failed] == [("register.xlsx", "CLAUSEWISE_MAX_ROWS")]
    assert report.failed[0].error == "more than 20 rows (limit CLAUSEWISE_MAX_ROWS)"
    report = ingest([root], make_settings(tmp_path, max_chunks=10))
    assert [(f.doc_id, f.limit) for f in report.failed] == [("register.xlsx", "CLAUSEWISE_MAX_CHUNKS")]
    report = ingest([root], make_settings(tmp_path))
    assert report.ok and report.chunks_written == 49
