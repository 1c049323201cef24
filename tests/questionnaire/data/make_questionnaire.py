"""Write the vendor AI due-diligence questionnaires used by tests/questionnaire (run from anywhere).

The questions are phrased the way buyers send them, not the way the sample documents are written; the expected
verdicts live in key.yaml beside this script.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent

# (section, [(id, question, guidance)]) — guidance is what a buyer's "Guidance / Expected evidence" column holds.
SECTIONS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("1. AI Governance and Accountability", [
        ("GOV-01", "Does your organization have a documented AI policy that has been approved by the board or "
                   "senior management?", "Provide the policy document and evidence of approval."),
        ("GOV-02", "Is your AI policy reviewed at least once a year?",
         "State the review frequency and the date of the last review."),
        ("GOV-03", "Have you designated a named executive or governance committee accountable for AI risk and "
                   "oversight?", "Provide terms of reference or an organisation chart."),
        ("GOV-04", "Is your AI management system certified against ISO/IEC 42001 or another recognised AI "
                   "governance standard?", "Attach the certificate and its scope."),
        ("GOV-05", "Do you maintain a complete inventory of the AI systems you use, including AI obtained from "
                   "third parties?", "Describe how the inventory is kept current."),
        ("GOV-06", "Is there a confidential channel, such as a whistleblowing hotline, through which employees "
                   "can report concerns about AI systems?", "Describe the channel and how reports are handled."),
    ]),
    ("2. AI Risk and Impact Assessment", [
        ("RSK-01", "Do you carry out a formal risk assessment of each AI system before it goes live and "
                   "periodically afterwards?", "Describe the methodology and frequency."),
        ("RSK-02", "Have you defined risk acceptance criteria, with escalation to senior management for high "
                   "AI risks?", "Provide the risk matrix and approval authorities."),
        ("RSK-03", "Before deploying an AI system, do you assess how it could affect the individuals whose "
                   "data it processes or about whom it makes decisions?", "Provide a sample assessment."),
        ("RSK-04", "Do you evaluate the wider societal and environmental consequences of the AI systems you "
                   "operate?", "Describe the scope of such evaluations."),
        ("RSK-05", "Have you set measurable objectives for responsible AI, and do you track progress against "
                   "them?", "List the objectives and how progress is reported."),
    ]),
    ("3. Model Development, Testing and Validation", [
        ("DEV-01", "Do you follow a documented development life cycle with formal approval gates before an AI "
                   "model is released to production?", "Describe the gates and approvers."),
        ("DEV-02", "Is every production model independently validated, by a team separate from its developers, "
                   "before release?", "Provide the latest validation reports."),
        ("DEV-03", "Do you test your models for bias or disparate outcomes across demographic groups?",
         "Describe the metrics and thresholds used."),
        ("DEV-04", "Do you maintain technical documentation, such as model cards, for each model in "
                   "production?", "Provide an example."),
        ("DEV-05", "If a new model release causes problems, can you roll back to the previous version, and how "
                   "quickly?", "State the target recovery time."),
        ("DEV-06", "Do your AI systems automatically record event logs (inputs, outputs, decisions) so that "
                   "their behaviour can be traced and reconstructed afterwards?", "Describe log content and "
                   "retention."),
        ("DEV-07", "Do you perform adversarial testing or red-teaming of your own models against attacks such "
                   "as data poisoning, model inversion or evasion?", "Provide the latest test summary."),
    ]),
    ("4. Data Management", [
        ("DAT-01", "Do you keep a register of the data sets used to train and run your models, recording the "
                   "owner of each and how it was obtained?", "Provide an extract of the register."),
        ("DAT-02", "Can you trace the provenance and lineage of your training data, from its origin through "
                   "every transformation and version?", "Describe the lineage tooling or records."),
        ("DAT-03", "Have you defined data quality requirements that training data must meet for every AI "
                   "system you build?", "Provide the criteria and evidence of checks."),
        ("DAT-04", "Is there a defined retention period for model training data?",
         "State the retention period."),
        ("DAT-05", "Are protected characteristics such as gender, ethnicity or age excluded from model inputs?",
         "Describe how proxies are controlled."),
        ("DAT-06", "Do your contracts with AI vendors prohibit them from using your data to train models they "
                   "offer to other clients?", "Cite the contract clause."),
    ]),
    ("5. Transparency and Human Oversight", [
        ("TRN-01", "Are customers told when they are interacting with an AI system, for example a chatbot?",
         "Provide the disclosure wording."),
        ("TRN-02", "Can a customer ask to deal with a human instead of an automated system?",
         "Describe the hand-over process."),
        ("TRN-03", "Is a human involved in every AI-supported decision that adversely affects an individual, "
                   "so that no such decision is fully automated?", "Describe the oversight controls."),
        ("TRN-04", "Can you explain to an affected individual the main factors behind an AI-supported decision "
                   "about them?", "Provide example explanation wording."),
    ]),
    ("6. Monitoring, Incidents and Assurance", [
        ("MON-01", "Do you monitor models in production for performance degradation and data drift?",
         "List metrics and alert thresholds."),
        ("MON-02", "Are monitoring results reported to management and formally reviewed on a regular basis?",
         "Provide recent monitoring reports."),
        ("MON-03", "Do you have a documented incident response process for AI failures, with severity levels "
                   "and response timelines?", "Provide the procedure."),
        ("MON-04", "Will you notify affected customers when an AI incident has harmed them, and within what "
                   "timeframe?", "State the notification commitment."),
        ("MON-05", "Do you report serious AI incidents to regulators or other external authorities?",
         "Describe the reporting criteria and recipients."),
        ("MON-06", "Is your AI governance programme subject to periodic internal audit, with findings tracked "
                   "to closure?", "Provide the audit plan and finding status."),
    ]),
    ("7. Third Parties, Customers and People", [
        ("TPR-01", "Do you perform due diligence on third-party AI providers before onboarding and reassess "
                   "them at a fixed interval?", "Describe the assessment and its schedule."),
        ("TPR-02", "Do you give your own business customers documentation of the intended use, limitations "
                   "and responsibilities for the AI capabilities you supply to them?", "Provide an example."),
        ("PPL-01", "Do staff who build or operate AI systems receive role-specific training, and do you keep "
                   "complete training and competence records?", "Provide training completion statistics."),
    ]),
    ("8. Security and Other", [
        ("SEC-01", "Do you run a bug bounty or coordinated vulnerability disclosure programme that covers your "
                   "AI systems?", "Provide the programme URL."),
        ("SEC-02", "Do you hold professional indemnity or cyber insurance that explicitly covers liabilities "
                   "arising from AI?", "State the insurer and cover limits."),
        ("SEC-03", "Do you measure and report the energy consumption or carbon footprint of training and "
                   "running your AI models?", "Provide the latest figures."),
    ]),
]

# Answers a vendor's staff had already given before Clausewise saw the file (must never be overwritten).
PREFILLED: dict[str, tuple[str, str]] = {
    "GOV-04": ("Yes", "Certificate attached as Appendix C"),
    "SEC-02": ("N/A", "Handled by the insurance team separately"),
}

RESPONSES = ["Yes", "No", "Partial", "N/A"]

INSTRUCTIONS = [
    ("Vendor AI Due Diligence Questionnaire", True),
    ("", False),
    ("1. Answer every question in the 'Response' column using the drop-down list (Yes / No / Partial / N/A).", False),
    ("2. Use 'Comments' to explain partial answers and to reference supporting evidence.", False),
    ("3. Do not add, delete or reorder rows or columns on this sheet or the questionnaire sheet.", False),
    ("4. Return the completed workbook to your procurement contact within 15 business days.", False),
    ("", False),
    ("Questions? Contact vendor-risk@buyer.example", False),
]

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
SECTION_FILL = PatternFill("solid", fgColor="D9E1F2")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def all_questions() -> list[tuple[str, str, str, str]]:
    """Every question as (section, id, question, guidance), in order."""
    return [(sec, qid, q, g) for sec, items in SECTIONS for qid, q, g in items]


def _instructions(ws: Worksheet) -> None:
    for row, (text, bold) in enumerate(INSTRUCTIONS, start=1):
        cell = ws.cell(row=row, column=1, value=text or None)
        if bold:
            cell.font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110


def _response_validation(ws: Worksheet, col_letter: str, first: int, last: int) -> None:
    dv = DataValidation(type="list", formula1='"' + ",".join(RESPONSES) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="Invalid response",
                        error="Choose Yes, No, Partial or N/A")
    dv.add(f"{col_letter}{first}:{col_letter}{last}")
    ws.add_data_validation(dv)


def write_main(path: Path) -> None:
    """The 40-question workbook: title rows, section rows, ID / Question / Response / Comments columns."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Questionnaire"
    ws["A1"] = "Vendor AI Due Diligence Questionnaire"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Vendor name:"
    ws["B2"] = ""
    headers = ["ID", "Question", "Response", "Comments"]
    header_row = 4
    for col, text in enumerate(headers, start=1):
        c = ws.cell(row=header_row, column=col, value=text)
        c.font, c.fill, c.border = HEADER_FONT, HEADER_FILL, BORDER
        c.alignment = Alignment(horizontal="center", vertical="center")
    row = header_row + 1
    first_data = row
    for section, items in SECTIONS:
        c = ws.cell(row=row, column=1, value=section)
        c.font, c.fill = Font(bold=True), SECTION_FILL
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(headers))
        row += 1
        for qid, question, _ in items:
            ws.cell(row=row, column=1, value=qid).border = BORDER
            qc = ws.cell(row=row, column=2, value=question)
            qc.alignment, qc.border = Alignment(wrap_text=True, vertical="top"), BORDER
            response, comment = PREFILLED.get(qid, (None, None))
            ws.cell(row=row, column=3, value=response).border = BORDER
            ws.cell(row=row, column=4, value=comment).border = BORDER
            row += 1
    _response_validation(ws, "C", first_data, row - 1)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    for letter, width in zip("ABCD", (10, 80, 14, 40), strict=True):
        ws.column_dimensions[letter].width = width
    _instructions(wb.create_sheet("Instructions"))
    wb.save(path)


def write_variant(path: Path, ids: list[str]) -> None:
    """A differently laid-out workbook: 'Control / Requirement' header, a long Guidance column, 'Vendor Response'."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    _instructions(ws)
    ws.title = "Instructions"
    sheet = wb.create_sheet("Supplier Assessment")
    headers = ["Ref", "Domain", "Guidance", "Control / Requirement", "Vendor Response", "Evidence / Comments"]
    for col, text in enumerate(headers, start=1):
        c = sheet.cell(row=1, column=col, value=text)
        c.font, c.fill, c.border = HEADER_FONT, HEADER_FILL, BORDER
    row = 2
    for section, qid, question, guidance in all_questions():
        if qid not in ids:
            continue
        values = [qid, section.split(". ", 1)[1], guidance, question, None, None]
        for col, value in enumerate(values, start=1):
            sheet.cell(row=row, column=col, value=value).border = BORDER
        row += 1
    _response_validation(sheet, "E", 2, row - 1)
    for letter, width in zip("ABCDEF", (8, 24, 40, 70, 16, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    wb.save(path)


def write_csv(path: Path, ids: list[str]) -> None:
    """A plain CSV questionnaire (Item, Requirement, Answer)."""
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Item", "Requirement", "Answer"])
        for _, qid, question, _ in all_questions():
            if qid in ids:
                w.writerow([qid, question, ""])


VARIANT_IDS = ["GOV-01", "GOV-06", "RSK-04", "DEV-02", "DAT-04", "TRN-01", "MON-03", "SEC-03"]


def main(out_dir: Path = HERE) -> None:
    """Write all three files into ``out_dir``."""
    assert len(all_questions()) == 40, len(all_questions())
    write_main(out_dir / "vendor_ai_questionnaire.xlsx")
    write_variant(out_dir / "vendor_ai_questionnaire_variant.xlsx", VARIANT_IDS)
    write_csv(out_dir / "vendor_ai_questionnaire.csv", VARIANT_IDS)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
