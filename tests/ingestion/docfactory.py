"""Real files of every supported format, written with their own libraries, for the ingestion tests."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import docx
import openpyxl
import yaml
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter


def write_markdown(path: Path, body: str, front_matter: dict[str, object] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"---\n{yaml.safe_dump(front_matter, sort_keys=False)}---\n" if front_matter else ""
    path.write_text(header + body, encoding="utf-8")
    return path


def pdf_bytes(pages: Sequence[str], *, title: str | None = None, author: str | None = None) -> bytes:
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        if text:
            pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def write_pdf(path: Path, pages: Sequence[str], *, title: str | None = None, author: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(pages, title=title, author=author))
    return path


def write_pdf_with_info(path: Path, pages: Sequence[str], info: dict[str, str]) -> Path:
    """A PDF whose document information dictionary carries custom keys (e.g. /Classification)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(pages))))
    writer.add_metadata(info)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


def write_encrypted_pdf(path: Path, pages: Sequence[str], password: str = "s3cret") -> Path:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(pages))))
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


def write_truncated_pdf(path: Path, pages: Sequence[str], keep: float = 0.6) -> Path:
    data = pdf_bytes(pages, title="Truncated")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def write_docx(
    path: Path,
    blocks: Sequence[tuple[str, object]],
    *,
    title: str | None = None,
    author: str | None = None,
    category: str | None = None,
    status: str | None = None,
    version: str | None = None,
) -> Path:
    """``blocks``: ``("h1".."h3", text)``, ``("p", text)``, ``("table", [[header...], [row...]])``."""
    document = docx.Document()
    for kind, content in blocks:
        if kind.startswith("h"):
            document.add_heading(str(content), level=int(kind[1:]))
        elif kind == "title":
            document.add_heading(str(content), level=0)
        elif kind == "p":
            document.add_paragraph(str(content))
        elif kind == "table":
            rows = list(content)  # type: ignore[call-overload]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = str(value)
        else:
            raise ValueError(kind)
    props = document.core_properties
    if title:
        props.title = title
    if author:
        props.author = author
    if category:
        props.category = category
    if status:
        props.content_status = status
    if version:
        props.version = version
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_xlsx(
    path: Path,
    sheets: dict[str, Sequence[Sequence[object]]],
    *,
    title: str | None = None,
    category: str | None = None,
) -> Path:
    workbook = openpyxl.Workbook()
    first = True
    for name, rows in sheets.items():
        sheet = workbook.active if first else workbook.create_sheet()
        assert sheet is not None
        sheet.title = name
        first = False
        for row in rows:
            sheet.append(list(row))
    if title:
        workbook.properties.title = title
    if category:
        workbook.properties.category = category
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(str(path))
    return path


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def write_yaml(path: Path, data: dict[str, object]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


HTML_PAGE = """<!doctype html>
<html><head><title>AI Communication Plan</title>
<meta name="classification" content="internal"><meta name="doc_type" content="procedure">
<style>body {{ color: red }}</style><script>var ignored = "script text";</script></head>
<body><nav>Home | About</nav>
<h1>AI Communication Plan</h1>
<p>We tell customers when they talk to an AI system, as control A.8.2 expects.</p>
<h2>Channels</h2>
<ul><li>Website notice</li><li>Chatbot greeting</li></ul>
<table><tr><th>Audience</th><th>Message</th></tr>
<tr><td>Customers</td><td>AI disclosure</td></tr>
<tr><td>Staff</td><td>Responsible use training</td></tr></table>
<h3>Review</h3><p>Reviewed yearly{extra}.</p>
</body></html>
"""


def build_corpus(root: Path, *, scale: int = 1) -> Path:
    """A small organization corpus: every format, folder defaults, sidecars, an ignore file."""
    org = root / "org"
    write_yaml(org / "_meta.yaml", {"owner": "AI Governance Lead", "classification": "internal"})
    write_markdown(
        org / "policies" / "ai_policy.md",
        "# AI Policy\n\nThis policy sets the direction for AI at Example Co.\n\n"
        "## 4 Roles\n\nThe AI Governance Lead owns this policy.\n\n"
        "### 4.2 Review\n\nThe policy is reviewed every 12 months, see clause 5.2 and A.2.4.\n\n"
        + "".join(
            f"## {5 + i} Topic {i}\n\nParagraph {i} about risk treatment under 6.1.3 and impact work.\n\n"
            for i in range(scale)
        ),
        {"title": "AI Policy", "doc_type": "policy", "version": "2.1", "effective_date": "2025-03-01"},
    )
    write_markdown(
        org / "policies" / "ai_policy_v1.md",
        "# AI Policy (old)\n\nReviews happen every 36 months.\n",
        {"title": "AI Policy v1.0", "doc_type": "policy", "version": "1.0", "status": "superseded"},
    )
    write_docx(
        org / "procedures" / "risk_procedure.docx",
        [
            ("title", "AI Risk Management Procedure"),
            ("h1", "1 Purpose"),
            ("p", "This procedure implements clause 6.1.2 for AI risk assessment."),
            ("h1", "2 Scoring"),
            ("h2", "2.1 Matrix"),
            ("p", "Likelihood times impact on a 5x5 matrix."),
            ("table", [["Score", "Action"], ["15-19", "CRO approval"], ["20-25", "Treat"]]),
        ],
        title="AI Risk Management Procedure",
        author="Risk Office",
        category="procedure",
        version="1.3",
    )
    write_pdf(
        org / "audit" / "audit_report.pdf",
        [
            "Internal audit of the AIMS, June 2025. Scope: clauses 4 to 10.",
            "Finding NC-2025-01: competence records missing (clause 7.2).",
            "Finding NC-2025-02: validation report unsigned (A6.2.4).",
        ],
        title="Internal Audit Report 2025",
        author="Internal Audit Manager",
    )
    write_yaml(
        org / "audit" / "audit_report.pdf.meta.yaml",
        {"classification": "restricted", "doc_type": "audit_report", "effective_date": "2025-06-27"},
    )
    write_csv(
        org / "registers" / "risk_register.csv",
        "risk_id,title,score,owner\nR-01,Model drift in ClaimSense,16,Head of Claims\n"
        "R-02,Chatbot gives wrong cover answer,12,Head of Customer Operations\n",
    )
    write_yaml(org / "registers" / "risk_register.csv.meta.yaml", {"doc_type": "risk_assessment"})
    write_xlsx(
        org / "registers" / "nc_log.xlsx",
        {
            "Log": [
                ["NC id", "Clause", "Raised"],
                ["NC-2025-01", "7.2", dt.date(2025, 6, 27)],
                ["NC-2025-03", "A.10.3", dt.date(2025, 6, 27)],
            ]
        },
        title="Nonconformity Log",
        category="nonconformity log",
    )
    write_csv(
        org / "records" / "minutes.txt",
        "Minutes of the AI Governance Committee\n\nThe committee approved the impact assessment "
        "for ClaimSense. Caf\u00e9 discussion noted \u2013 no issues.\n",
        encoding="cp1252",
    )
    (org / "communications").mkdir(parents=True, exist_ok=True)
    (org / "communications" / "plan.html").write_text(HTML_PAGE.format(extra=""), encoding="utf-8")
    # Things that must not be ingested.
    write_markdown(root / "standard" / "catalog_notes.md", "# Not evidence\n\nCatalog text.\n")
    write_markdown(org / ".hidden" / "secret.md", "# Hidden\n\nNever ingested.\n")
    (org / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    (root / ".clausewiseignore").write_text("# catalog is not evidence\nstandard/\n*.draft.md\n", encoding="utf-8")
    write_markdown(org / "policies" / "wip.draft.md", "# Draft\n\nIgnored by pattern.\n")
    return root


#: doc ids ``build_corpus`` produces (relative to its root).
CORPUS_DOC_IDS = sorted(
    [
        "org/policies/ai_policy.md",
        "org/policies/ai_policy_v1.md",
        "org/procedures/risk_procedure.docx",
        "org/audit/audit_report.pdf",
        "org/registers/risk_register.csv",
        "org/registers/nc_log.xlsx",
        "org/records/minutes.txt",
        "org/communications/plan.html",
    ]
)
