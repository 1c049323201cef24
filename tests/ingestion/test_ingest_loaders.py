"""Each loader on real files made by the format's own library: text, section paths, pages, properties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docfactory import (
    HTML_PAGE,
    write_csv,
    write_docx,
    write_encrypted_pdf,
    write_markdown,
    write_pdf,
    write_pdf_with_info,
    write_truncated_pdf,
    write_xlsx,
)

from ingestion.loaders import LoaderError, load_file
from ingestion.loaders.plaintext import decode_text


def load(path: Path):  # type: ignore[no-untyped-def]
    return load_file(path, path.read_bytes())


def test_markdown_front_matter_and_heading_paths(tmp_path: Path) -> None:
    path = write_markdown(
        tmp_path / "policy.md",
        "Intro before any heading.\n\n# AI Policy\n\nPurpose text.\n\n## 4 Roles\n\n### 4.2 Review\n\n"
        "Reviewed yearly.\n\n```\n# not a heading\n```\n\nSetext heading\n--------------\n\nUnder setext.\n",
        {"title": "AI Policy", "classification": "internal", "version": "2.1"},
    )
    doc = load(path)
    assert doc.front_matter == {"title": "AI Policy", "classification": "internal", "version": "2.1"}
    assert doc.title_hint == "AI Policy"
    paths = [s.section_path for s in doc.sections]
    # "4 Roles" has no text of its own, so it only appears inside its child's path.
    assert paths == [(), ("AI Policy",), ("AI Policy", "4 Roles", "4.2 Review"), ("AI Policy", "Setext heading")]
    review = doc.sections[2]
    assert review.text.startswith("4.2 Review\n\nReviewed yearly.")
    assert "# not a heading" in review.text
    assert all(s.page is None for s in doc.sections)


@pytest.mark.parametrize(
    ("content", "warning", "first_section"),
    [
        (
            "---\ntitle: T\nowner: [unclosed\n---\n# T\n\ntext\n",
            "malformed YAML front matter: expected ',' or ']', but got '<stream end>' (line 3); front matter ignored",
            "T\n\ntext",
        ),
        ("---\ntitle: x\n# T\n\ntext\n", "front matter is never closed; read as text", "---\ntitle: x"),
        (
            "---\n- a\n- b\n---\n# T\n\ntext\n",
            "malformed front matter: expected key: value pairs, got list; front matter ignored",
            "T\n\ntext",
        ),
    ],
)
def test_markdown_bad_front_matter_is_a_warning(tmp_path: Path, content: str, warning: str, first_section: str) -> None:
    # Front matter that cannot be read no longer fails the document (issue 10, item 6): it is ignored with a
    # warning that says where (the file's line), and the body is still loaded.
    path = tmp_path / "bad.md"
    path.write_text(content, encoding="utf-8")
    doc = load(path)
    assert doc.front_matter == {}
    assert any(warning in w for w in doc.warnings), doc.warnings
    assert doc.sections[0].text == first_section


def test_text_decodes_cp1252_and_boms(tmp_path: Path) -> None:
    text = "Caf\u00e9 \u2013 na\u00efve \u20ac5"
    cp = write_csv(tmp_path / "cp.txt", f"Title line\n\n{text}\n", encoding="cp1252")
    doc = load(cp)
    assert text in doc.sections[0].text
    assert doc.warnings == ["decoded as cp1252 (not UTF-8)"]
    assert doc.title_hint == "Title line"
    assert decode_text("\ufeffhello".encode())[0] == "hello"
    assert decode_text("hello \u00e9".encode("utf-16"))[0] == "hello \u00e9"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".csv", ".html"])
def test_binary_content_with_text_extension(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"image{suffix}"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(LoaderError, match="binary content"):
        load(path)


def test_pdf_pages_and_info(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "audit.pdf",
        ["First page about clause 7.2.", "", "Third page about A6.2.4."],
        title="Audit Report",
        author="Internal Audit",
    )
    doc = load(path)
    assert [(s.page, s.text) for s in doc.sections] == [
        (1, "First page about clause 7.2."),
        (3, "Third page about A6.2.4."),
    ]
    assert doc.properties["title"] == "Audit Report"
    assert doc.properties["owner"] == "Internal Audit"


def test_pdf_custom_info_keys_become_properties(tmp_path: Path) -> None:
    path = write_pdf_with_info(
        tmp_path / "card.pdf", ["Model card text."], {"/Title": "Card", "/Classification": "confidential"}
    )
    doc = load(path)
    assert doc.properties["title"] == "Card"
    assert doc.properties["Classification"] == "confidential"


def test_pdf_failures(tmp_path: Path) -> None:
    pages = ["Some text on a page. " * 20, "More text. " * 20]
    with pytest.raises(LoaderError, match="corrupt PDF"):
        load(write_truncated_pdf(tmp_path / "cut.pdf", pages))
    with pytest.raises(LoaderError, match="encrypted PDF"):
        load(write_encrypted_pdf(tmp_path / "locked.pdf", pages))
    with pytest.raises(LoaderError, match="no extractable text"):
        load(write_pdf(tmp_path / "scan.pdf", [""]))
    fake = tmp_path / "fake.pdf"
    fake.write_text("just text pretending", encoding="utf-8")
    with pytest.raises(LoaderError, match="not a PDF"):
        load(fake)


def test_docx_headings_tables_and_core_properties(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "proc.docx",
        [
            ("title", "Risk Procedure"),
            ("p", "Preamble paragraph."),
            ("h1", "1 Scoring"),
            ("p", "Matrix below."),
            ("table", [["Score", "Action"], ["15-19", "CRO approval"], ["20-25", "Treat"]]),
            ("h2", "1.1 Review"),
            ("p", "Quarterly."),
            ("h1", "2 Control"),
            ("table", [["Document control", ""], ["Version", "1.3"], ["Owner", "Risk Office"]]),
        ],
        title="Risk Procedure",
        author="Risk Office",
        category="procedure",
        status="Final",
        version="1.3",
    )
    doc = load(path)
    assert doc.title_hint == "Risk Procedure"
    by_path = {s.section_path: s.text for s in doc.sections}
    assert by_path[("Risk Procedure",)] == "Risk Procedure\n\nPreamble paragraph."
    assert by_path[("1 Scoring",)] == (
        "1 Scoring\n\nMatrix below.\nScore: 15-19; Action: CRO approval\nScore: 20-25; Action: Treat"
    )
    assert by_path[("1 Scoring", "1.1 Review")] == "1.1 Review\n\nQuarterly."
    assert by_path[("2 Control",)] == "2 Control\n\nDocument control\nVersion: 1.3\nOwner: Risk Office"
    assert doc.properties == {
        "title": "Risk Procedure",
        "owner": "Risk Office",
        "doc_type": "procedure",
        "status": "Final",
        "version": "1.3",
    }


def test_docx_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(LoaderError, match="not a valid DOCX"):
        load(path)


def test_csv_rows_with_headers(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "register.csv",
        "risk_id;title;score\nR-01;Drift;16\n;;\nR-02;Wrong answer;12\n",
    )
    doc = load(path)
    assert [(s.section_path, s.text) for s in doc.sections] == [
        (("Row 2",), "risk_id: R-01\ntitle: Drift\nscore: 16"),
        (("Row 4",), "risk_id: R-02\ntitle: Wrong answer\nscore: 12"),
    ]
    with pytest.raises(LoaderError, match="no data rows"):
        load(write_csv(tmp_path / "header_only.csv", "a,b,c\n"))


def test_xlsx_sheets_rows_and_properties(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "log.xlsx",
        {
            "Log": [["NC id", "Clause", "Raised", "Days"], ["NC-1", "7.2", dt.date(2025, 6, 27), 30.0]],
            "Closed": [[], ["NC id", "Closed"], ["NC-0", dt.datetime(2025, 1, 2, 0, 0)]],
        },
        title="NC Log",
        category="nonconformity log",
    )
    doc = load(path)
    assert [(s.section_path, s.text) for s in doc.sections] == [
        (("Log", "Row 2"), "NC id: NC-1\nClause: 7.2\nRaised: 2025-06-27\nDays: 30"),
        (("Closed", "Row 3"), "NC id: NC-0\nClosed: 2025-01-02"),
    ]
    assert doc.properties["title"] == "NC Log"
    assert doc.properties["doc_type"] == "nonconformity log"


def test_html_headings_tables_meta(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(HTML_PAGE.format(extra=""), encoding="utf-8")
    doc = load(path)
    assert doc.title_hint == "AI Communication Plan"
    assert doc.properties == {"classification": "internal", "doc_type": "procedure"}
    texts = {s.section_path: s.text for s in doc.sections}
    assert set(texts) == {
        ("AI Communication Plan",),
        ("AI Communication Plan", "Channels"),
        ("AI Communication Plan", "Channels", "Review"),
    }
    channels = texts[("AI Communication Plan", "Channels")]
    assert "Website notice\nChatbot greeting" in channels
    assert "Audience: Customers; Message: AI disclosure" in channels
    everything = "\n".join(texts.values())
    assert "script text" not in everything and "color" not in everything and "Home | About" not in everything


def test_empty_and_unsupported(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    with pytest.raises(LoaderError, match="empty file"):
        load(empty)
    blank = tmp_path / "blank.txt"
    blank.write_text("   \n\n  ", encoding="utf-8")
    with pytest.raises(LoaderError, match="no text could be extracted"):
        load(blank)
    other = tmp_path / "slides.pptx"
    other.write_bytes(b"x")
    with pytest.raises(LoaderError, match=r"unsupported file type \.pptx"):
        load(other)
