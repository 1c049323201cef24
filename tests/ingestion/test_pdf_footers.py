"""A one-page PDF loses its running footer too ("Acme model card v3.1 - Internal - page 1").

Found on the waterworks development key: the footer of a single-page model card was quoted as an answer line,
because running lines were only recognised by repeating on most pages, which one page cannot show.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from ingestion.loaders import LoadedDocument, load_file


def load(path: Path) -> LoadedDocument:
    return load_file(path, path.read_bytes())


def _card(path: Path, paragraphs: list[str], footer: str, pages: int = 1) -> Path:
    class P(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 5, f"{footer} - page {self.page_no()}", align="C")

    pdf = P()
    for _ in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", "", 10)
        for text in paragraphs:
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    path.write_bytes(bytes(pdf.output()))
    return path


def test_the_footer_of_a_single_page_is_dropped(tmp_path: Path) -> None:
    footer = "Liftco model card v3.1 - Internal"
    doc = load(_card(tmp_path / "card.pdf", ["Liftco Forecaster predicts depot demand for 14 days."], footer))
    assert [s.text for s in doc.sections] == ["Liftco Forecaster predicts depot demand for 14 days."]


def test_a_sentence_ending_in_a_page_reference_stays(tmp_path: Path) -> None:
    """Only an edge line ending in the page's own number goes; body text citing a page is kept."""
    body = ["First line of the card.", "The thresholds are set out in the monitoring procedure, page 4", "Last line."]
    doc = load(_card(tmp_path / "card.pdf", body, "Liftco card"))
    assert "monitoring procedure, page 4" in doc.sections[0].text
    assert "Liftco card" not in doc.sections[0].text
