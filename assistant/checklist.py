"""Audit checklists: one yes/no check per catalog obligation, with the evidence already found."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from assistant.catalog import Catalog
from assistant.gaps import GapAssessor
from assistant.models import Checklist, ChecklistItem, Verdict
from assistant.text import display


def as_question(obligation: str) -> str:
    """Turn a catalog obligation (a checkable statement) into a yes/no audit question."""
    text = obligation.strip().rstrip(".")
    if not text:
        return text
    return f"Can the auditee show that {text[0].lower() + text[1:]}?"


def build_checklist(
    ids: Sequence[str], catalog: Catalog, assessor: GapAssessor, clearance: Sequence[str], title: str
) -> Checklist:
    """Checklist items for the leaf entries under ``ids``, each with evidence found and a status."""
    leaves: list[str] = []
    for cid in ids:
        for entry_id in [cid, *[d.id for d in catalog.descendants(cid)]]:
            if not catalog.children(entry_id) and entry_id not in leaves:
                leaves.append(entry_id)
    items: list[ChecklistItem] = []
    for entry_id in leaves:
        entry = catalog[entry_id]
        gap, evidence = assessor.assess_obligations(entry_id, clearance)
        for k, obligation in enumerate(entry.obligations):
            ev = evidence.get(k)
            status: Verdict = "missing" if ev is None else ("covered" if gap.status == "covered" else "partial")
            items.append(
                ChecklistItem(
                    id=f"{entry_id}-{k + 1:02d}",
                    clause_id=entry_id,
                    check=as_question(obligation),
                    evidence_expected=list(entry.evidence),
                    evidence_found=[ev.citation.model_copy(update={"n": 1})] if ev else [],
                    status=status,
                    # The owner of the document that already evidences the obligation knows it best.
                    suggested_owner=(ev.owner if ev and ev.owner else entry.suggested_owner) or "AIMS owner",
                )
            )
    return Checklist(title=title, clauses=list(ids), items=items)


# --- renderers -------------------------------------------------------------------------------------

HEADER = ["id", "clause_id", "check", "evidence_expected", "evidence_found", "status", "suggested_owner"]


def _found_text(item: ChecklistItem) -> str:
    return "; ".join(
        f'{c.title} ({c.source}{", p." + str(c.page) if c.page else ""}): "{display(c.quote)}"'
        for c in item.evidence_found
    )


def to_csv(checklist: Checklist) -> str:
    """CSV with one row per check."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    for it in checklist.items:
        writer.writerow(_row(it, "; "))
    return buf.getvalue()


def _row(it: ChecklistItem, list_sep: str) -> list[str]:
    """One checklist item in ``HEADER`` order, for the tabular exports."""
    return [
        it.id,
        it.clause_id,
        it.check,
        list_sep.join(it.evidence_expected),
        _found_text(it),
        it.status,
        it.suggested_owner,
    ]


def to_markdown(checklist: Checklist) -> str:
    """A Markdown checklist an auditor can tick through."""
    lines = [f"# {checklist.title}", ""]
    current = None
    for it in checklist.items:
        if it.clause_id != current:
            current = it.clause_id
            lines += ["", f"## {it.clause_id}", ""]
        box = {"covered": "x", "partial": "~", "missing": " "}[it.status]
        lines.append(f"- [{box}] **{it.id}** {it.check}  ")
        lines.append(f"  _Expected evidence:_ {', '.join(it.evidence_expected)}  ")
        if it.evidence_found:
            for c in it.evidence_found:
                lines.append(f'  _Found:_ {c.title} — "{display(c.quote)}" ({c.source})  ')
        else:
            lines.append("  _Found:_ nothing in the documents you can read  ")
        lines.append(f"  _Status:_ {it.status} · _Suggested owner:_ {it.suggested_owner}")
    return "\n".join(lines).strip() + "\n"


def to_xlsx(checklist: Checklist) -> bytes:
    """An XLSX workbook formatted for auditors: bold frozen header, wrapped text, filters, result column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Checklist"
    header = [*HEADER, "auditor_result", "auditor_notes"]
    ws.append(header)
    for it in checklist.items:
        ws.append([*_row(it, "\n"), "", ""])
    widths = [12, 10, 60, 40, 70, 10, 22, 14, 40]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = width
    fill = PatternFill("solid", fgColor="1F3864")
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    result = DataValidation(type="list", formula1='"conforming,minor NC,major NC,observation,n/a"', allow_blank=True)
    ws.add_data_validation(result)
    result.add(f"H2:H{max(2, ws.max_row)}")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
