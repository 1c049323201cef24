# ruff: noqa: E501  (document text and register rows are kept one item per line)
"""Build the binary documents (docx, pdf, xlsx) and metadata sidecars of the Ashgrove logistics dev corpus.

Run with /work/main/.venv/bin/python corpus/dev/logistics/build.py; it writes into docs/ next to this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.shared import Pt
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

DOCS = Path(__file__).resolve().parent / "docs"


# ---------------------------------------------------------------- helpers


def sidecar(rel: str, meta: dict[str, Any]) -> None:
    """Write <file>.meta.yaml next to a document."""
    path = DOCS / (rel + ".meta.yaml")
    path.write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8")


def docx_build(rel: str, title: str, blocks: list[tuple[str, Any]]) -> None:
    """Blocks: ("h1"|"h2"|"p"|"ol"|"ul"|"table", content)."""
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = "Ashgrove Freight & Parcel Ltd"
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    doc.add_heading(title, level=0)
    for kind, content in blocks:
        if kind == "h1":
            doc.add_heading(content, level=1)
        elif kind == "h2":
            doc.add_heading(content, level=2)
        elif kind == "p":
            doc.add_paragraph(content)
        elif kind == "ol":
            for item in content:
                doc.add_paragraph(item, style="List Number")
        elif kind == "ul":
            for item in content:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "table":
            rows = content
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = str(cell)
                    if i == 0:
                        for run in table.cell(i, j).paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph("")
        else:
            raise ValueError(kind)
    out = DOCS / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))


class _PDF(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "I", 7)
        self.cell(0, 8, f"{self.footer_text}  |  Page {self.page_no()}", align="C")


def pdf_build(rel: str, title: str, footer: str, blocks: list[tuple[str, Any]]) -> None:
    """Blocks as for docx_build; text must be latin-1 (core fonts)."""
    pdf = _PDF(format="A4")
    pdf.footer_text = footer
    pdf.set_title(title)
    pdf.set_author("Ashgrove Freight & Parcel Ltd" if "Optivane" not in title else "Optivane Vision GmbH")
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for kind, content in blocks:
        if kind == "h1":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(0, 7, content, new_x="LMARGIN", new_y="NEXT")
        elif kind == "h2":
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, content, new_x="LMARGIN", new_y="NEXT")
        elif kind == "p":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, content, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind in ("ol", "ul"):
            pdf.set_font("Helvetica", "", 10)
            for n, item in enumerate(content, 1):
                mark = f"{n}. " if kind == "ol" else "- "
                pdf.multi_cell(0, 5, mark + item, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif kind == "table":
            pdf.set_font("Helvetica", "", 8.5)
            with pdf.table(line_height=4.5, first_row_as_headings=True) as table:
                for row in content:
                    r = table.row()
                    for cell in row:
                        r.cell(str(cell))
            pdf.ln(2)
        else:
            raise ValueError(kind)
    for _kind, content in blocks:  # latin-1 guard: fail loudly rather than write mojibake
        repr(content).encode("latin-1")
    out = DOCS / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))


def xlsx_sheet(wb: Workbook, name: str, rows: list[list[Any]], widths: list[int], first: bool = False) -> None:
    """Add a sheet with a bold header row (the first row of rows)."""
    ws = wb.active if first else wb.create_sheet()
    assert ws is not None
    ws.title = name
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E78")
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


# ---------------------------------------------------------------- scope and context (docx)


def scope_and_context() -> None:
    rel = "governance/aims_scope_and_context.docx"
    title = "AIMS Scope and Context Statement"
    blocks: list[tuple[str, Any]] = [
        ("table", [
            ["Field", "Entry"],
            ["Document", "AFP-AIMS-GOV-02, version 2.0"],
            ["Owner", "Head of AI Assurance (Priya Raman)"],
            ["Approved by", "AI Assurance Board, 15 April 2025"],
            ["Effective", "15 April 2025; next review 15 April 2026"],
            ["Classification", "Internal"],
        ]),
        ("h1", "1. About Ashgrove"),
        ("p", "Ashgrove Freight & Parcel Ltd is a freight and parcel carrier headquartered at the Northampton Hub. "
              "We employ about 6,800 people, including 2,300 van and HGV drivers, and operate 41 depots in Great "
              "Britain and Ireland, the European parcel hub at Venlo (Netherlands) and van operations in Rotterdam "
              "and Antwerp. On a peak-season day we move about 950,000 parcels and 4,200 pallets."),
        ("h1", "2. External issues"),
        ("table", [
            ["Issue", "Why it matters for our AI systems"],
            ["Data protection law (UK GDPR, EU GDPR)", "Vigil and DentScan process data about colleagues; Ask Ash processes customer data."],
            ["EU AI Act", "Applies to our Dutch and Belgian operations as a deployer of AI; obligations for general-purpose AI providers such as Lumora apply from August 2025."],
            ["Driver hours and working time rules (GB domestic and EU rules, tachograph)", "Wayfinder routes and Vigil alerts must never encourage a breach."],
            ["Low-emission and zero-emission zones", "Zone boundaries change often (Rotterdam, Antwerp, London, Bristol); Wayfinder must respect them."],
            ["Key account requirements", "Large retail shippers are adding AI disclosure and audit clauses to tenders."],
            ["Driver shortage", "HGV vacancy rate around 6-7%; driver trust in monitoring technology affects retention."],
            ["Supplier concentration", "Ask Ash depends on one language-model provider; DentScan on one vision supplier."],
        ]),
        ("h1", "3. Internal issues"),
        ("ul", [
            "Small ML Engineering team (3 engineers) building Wayfinder and Vigil and re-validating DentScan; Ask Ash is run by the Digital Channels team.",
            "Transport management system (Conveyor TMS) is 14 years old; data quality varies by depot.",
            "AI governance was run by the Data Science team until 2025; AIMS ownership moved to the Head of AI Assurance in April 2025.",
            "Good working relationship with the Drivers' Forum, which must be kept when new monitoring technology is introduced.",
        ]),
        ("h1", "4. Interested parties"),
        ("table", [
            ["Party", "Needs and expectations", "Requirement for us?", "How we address it"],
            ["Drivers and the Drivers' Forum", "Vigil not used for discipline; privacy of in-cab video; explanations for alerts", "Yes (policy commitment, DPIA)", "AI Policy; Vigil leaflet; reasons within 5 working days"],
            ["Warehouse colleagues (Venlo)", "Cameras not used to watch individuals", "Yes (works council agreement)", "Face blurring at the edge; DentScan intended use"],
            ["Parcel recipients and small senders", "Accurate tracking; a route to a person; know when chatting to software", "Yes (consumer law, GDPR)", "Ask Ash disclosure and escalation"],
            ["Key account customers (e.g. Brightmart Retail)", "Disclosure of AI in claims; incident notice; audit rights", "Yes (contracts)", "AI transparency note; incident procedure"],
            ["Regulators (ICO, DPC, AP, GBA, DVSA)", "Lawful processing; road safety", "Yes (law)", "Data protection policy; incident procedure"],
            ["Suppliers (Optivane, Lumora, Trakline)", "Clear requirements and data terms", "Contractual", "AI supplier assessment; contract schedules"],
            ["Shareholders and the Board", "Controlled risk; certification readiness", "Governance", "Management review; Audit Committee reporting"],
        ]),
        ("h1", "5. Our roles with respect to AI"),
        ("table", [
            ["System", "Ashgrove's role", "Supplier"],
            ["Wayfinder", "Developer and operator (in-house)", "MapGrid Europe (map data only)"],
            ["DentScan", "Deployer of a supplier model, fine-tuned on our images", "Optivane Vision GmbH"],
            ["Vigil", "Developer of the scoring model; user of supplier sensors", "Trakline Telematics B.V."],
            ["Ask Ash", "Deployer of a third-party language model", "Lumora AI Ltd"],
        ]),
        ("h1", "6. Scope of the AIMS"),
        ("p", "The AIMS covers the design, development, procurement, deployment, operation, monitoring and retirement "
              "of the four AI systems above, at all sites where they are used, and the supporting processes: risk "
              "and impact assessment, data management, supplier management, incident management, training, internal "
              "audit and management review."),
        ("h2", "Out of scope"),
        ("ul", [
            "General productivity tools with embedded AI (for example Microsoft 365 Copilot and DeepL). Their use is governed by the Generative AI Acceptable Use Guidance and the Information Security Policy.",
            "AI used by subcontracted hauliers in their own vehicles and systems.",
            "Finance and HR systems, which contain no AI functions at the date of this statement.",
        ]),
        ("h1", "7. Customer requirements we have committed to"),
        ("ol", [
            "Key accounts receive an annual AI transparency note listing the AI systems that touch their parcels.",
            "Key accounts are told within 2 working days of a Sev 1 or Sev 2 AI incident affecting their parcels.",
            "No claim is raised against a customer on the basis of a DentScan flag alone; a person reviews every flag.",
            "ETA windows given to recipients are estimates, not guaranteed delivery times; customer terms say so.",
        ]),
    ]
    docx_build(rel, title, blocks)
    sidecar(rel, {
        "title": title, "doc_type": "policy", "owner": "Head of AI Assurance", "version": "2.0",
        "effective_date": "2025-04-15", "classification": "internal", "status": "current",
        "doc_id": "AFP-AIMS-GOV-02", "approved_by": "AI Assurance Board", "tags": ["scope", "context", "interested-parties"],
    })


# ---------------------------------------------------------------- communication plan (docx)


def communication_plan() -> None:
    rel = "governance/communication_plan.docx"
    title = "AIMS Communication Plan FY2025/26"
    blocks: list[tuple[str, Any]] = [
        ("table", [
            ["Field", "Entry"],
            ["Document", "AFP-AIMS-GOV-05, version 1.1"],
            ["Owner", "Head of AI Assurance"],
            ["Prepared with", "Internal Communications (Hannah Cole), Legal (James Whitcombe)"],
            ["Approved by", "AI Assurance Board, 29 April 2025"],
            ["Classification", "Internal"],
        ]),
        ("h1", "1. Purpose"),
        ("p", "Sets out what we tell people about our AI systems and the AIMS, who tells them, how and when. "
              "External messages about AI are approved by the Head of Legal before they go out. Incident "
              "notifications follow the AI Incident Procedure, not this plan."),
        ("h1", "2. Plan"),
        ("table", [
            ["Audience", "What we communicate", "Channel", "When", "Owner", "Last done"],
            ["All colleagues", "AI Policy, what AI we use, Generative AI Acceptable Use Guidance", "Intranet news; AIA-01 e-learning", "On publication; annually", "Head of AI Assurance", "Apr 2025 (Policy v3.0)"],
            ["Office staff with Copilot", "Safe use rules and approved tools", "Licence welcome email; GAI-01 module", "At licence issue", "CISO", "Continuous"],
            ["Drivers at Vigil depots", "What Vigil measures, that video stays in the cab, alert handling, no disciplinary use, how to ask for reasons", "Vigil leaflet at induction; toolbox talk", "Induction; quarterly toolbox talk", "Fleet Safety Manager", "Jul 2025"],
            ["Drivers' Forum", "Vigil performance figures and planned changes", "Briefing pack presented at the Forum", "Quarterly", "Fleet Safety Manager", "Jul 2025"],
            ["Venlo sorter and QA teams", "DentScan role: flags are reviewed by a person; cameras blur faces", "Shift briefing; notice boards (Dutch and English)", "On change; twice a year", "Warehouse Automation Manager", "Mar 2025"],
            ["Depot planners", "Wayfinder release notes and planner guide", "Intranet; planner call", "Each release", "Head of Network Planning", "Mar 2025 (v4.3)"],
            ["Ask Ash users", "They are chatting with an automated assistant and can ask for a person", "Opening message in every chat; privacy notice section", "Every chat", "Customer Service Director", "Continuous"],
            ["Key account customers", "AI transparency note: which AI systems touch their parcels and how they are controlled", "PDF via Account Directors", "Annually in January; on request", "Head of AI Assurance", "Jan 2025"],
            ["Suppliers", "Ashgrove AI requirements (change notice, data terms, incident notice)", "Contract schedule AI-1", "At contract and renewal", "Procurement Category Manager", "Jun 2025 (Lumora variation)"],
            ["Board and Audit Committee", "AIMS performance, audit results, top risks", "Board paper", "Twice a year after management review", "COO", "Mar 2025"],
        ]),
        ("h1", "3. Key messages"),
        ("ol", [
            "Every Ashgrove AI system has a named owner who is accountable for it.",
            "People make the decisions that matter: claims, discipline and pay are never decided by AI.",
            "We tell customers when they are dealing with an automated assistant.",
            "Vigil is a safety tool. It is not used to discipline drivers.",
        ]),
        ("h1", "4. Measuring whether it worked"),
        ("table", [
            ["Measure", "Target", "Latest"],
            ["AIA-01 completion, office staff", "95% by 31 Oct 2025", "88% (Sep 2025)"],
            ["Vigil depot drivers who received the leaflet", "100%", "100% at Daventry, Bristol, Warrington"],
            ["Key accounts sent the transparency note", "All 24 key accounts", "24 of 24 (Jan 2025)"],
            ["Intranet AI Policy page views in first month", "2,000", "2,640"],
        ]),
        ("h1", "5. Languages"),
        ("p", "Materials for Venlo, Rotterdam and Antwerp colleagues are issued in Dutch and English; customer-facing "
              "AI disclosures are in English, Dutch and French."),
    ]
    docx_build(rel, title, blocks)
    sidecar(rel, {
        "title": title, "doc_type": "procedure", "owner": "Head of AI Assurance", "version": "1.1",
        "effective_date": "2025-04-29", "classification": "internal", "status": "current",
        "doc_id": "AFP-AIMS-GOV-05", "tags": ["communication", "transparency"],
    })


# ---------------------------------------------------------------- risk procedure (docx)


def risk_procedure() -> None:
    rel = "risk/ai_risk_management_procedure.docx"
    title = "AI Risk and Impact Assessment Procedure"
    blocks: list[tuple[str, Any]] = [
        ("table", [
            ["Field", "Entry"],
            ["Document", "AFP-AIMS-PRO-02, version 3.0"],
            ["Owner", "Head of AI Assurance"],
            ["Approved", "Priya Raman, 2 May 2025"],
            ["Next review", "2 May 2026"],
            ["Classification", "Internal"],
        ]),
        ("h1", "1. Purpose and scope"),
        ("p", "How Ashgrove identifies, scores, treats, accepts and reviews risks from its AI systems, and how it "
              "assesses the impact of those systems on people. Applies to Wayfinder, DentScan, Vigil, Ask Ash and "
              "any AI use case approved by the AI Assurance Board (AIAB)."),
        ("h1", "2. Risk criteria"),
        ("h2", "Likelihood"),
        ("table", [
            ["Score", "Descriptor", "Guide"],
            ["1", "Rare", "Less than once in 5 years"],
            ["2", "Unlikely", "Once in 2-5 years"],
            ["3", "Possible", "Once in 1-2 years"],
            ["4", "Likely", "Several times a year"],
            ["5", "Almost certain", "Monthly or more often"],
        ]),
        ("h2", "Impact"),
        ("table", [
            ["Score", "People and safety", "Customers and service", "Legal and financial"],
            ["1", "No injury; minor inconvenience", "Fewer than 100 parcels affected", "Under GBP 10k"],
            ["2", "Distress to an individual", "One depot for a day", "GBP 10k-100k"],
            ["3", "Unfair treatment of a group; minor injury", "Several depots or a key account", "GBP 100k-500k; regulator enquiry"],
            ["4", "Serious harm to an individual; data breach", "Network-wide disruption", "GBP 500k-2m; enforcement notice"],
            ["5", "Fatality or life-changing injury", "Loss of a key account", "Over GBP 2m; prosecution"],
        ]),
        ("p", "Risk score = likelihood x impact. Bands: Low 1-6; Medium 8-12; High 15-25. Use the highest impact "
              "column that applies."),
        ("h1", "3. Who may accept a risk"),
        ("table", [
            ["Residual score", "Acceptance authority", "Review"],
            ["Low (1-6)", "System Owner", "Every 12 months"],
            ["Medium (8-12)", "System Owner, Head of AI Assurance consulted", "Every 6 months"],
            ["High (15 or 16)", "Chief Operating Officer as AIAB chair", "Every 3 months"],
            ["20 or 25", "Executive Risk Committee", "Every 3 months"],
        ]),
        ("p", "Ashgrove has no appetite for road-safety risks above Medium after treatment. A safety risk scoring "
              "15 or more must be reduced, not accepted, except as a time-limited acceptance of no more than 6 "
              "months while treatment is put in place."),
        ("h1", "4. Risk assessment steps"),
        ("ol", [
            "Head of AI Assurance schedules a risk workshop for each AI system before go-live and at least every 12 months; also after a Sev 1 or Sev 2 incident, a supplier model change or a new use of the system.",
            "Workshop: System Owner, technical lead, DPO or delegate, CISO delegate, and one operational user.",
            "Identify risks across safety, people, customers, data, security, suppliers and legal compliance.",
            "Score each risk before and after existing controls using the criteria in section 2.",
            "Record each risk in the AI risk register (AFP-AIMS-REG-01) with an owner and a review date.",
            "Agree a treatment option for every risk above Low: Reduce, Avoid, Transfer or Accept.",
        ]),
        ("h1", "5. Risk treatment"),
        ("ol", [
            "For Reduce, list the controls and a due date in the register's treatment column.",
            "Compare the chosen controls with the full list of reference controls in the Statement of Applicability and record in the SoA why each is included or excluded.",
            "The Head of AI Assurance maintains the SoA; the AIAB approves it.",
            "The risk owner confirms when treatment is complete and re-scores the residual risk.",
            "Residual risks are accepted by the authority in section 3 and the name and date recorded in the register.",
        ]),
        ("h1", "6. Opportunities"),
        ("p", "Opportunities (for example new safety benefits or customer services) are raised at the AIAB, "
              "recorded in its minutes and, when adopted, start at stage 1 of the AI lifecycle."),
        ("h1", "7. AI system impact assessment"),
        ("h2", "When"),
        ("ul", [
            "For every in-scope AI system before go-live.",
            "Before a material change to purpose, data or model family.",
            "At least every 2 years for systems in service.",
        ]),
        ("h2", "How"),
        ("ol", [
            "The System Owner leads the assessment using the impact assessment form; the DPO is consulted and, where personal data is involved, the DPIA is referenced or completed.",
            "Describe the system, its intended use and the people and groups affected, including vulnerable people.",
            "For each group, assess possible impacts: safety, fairness, privacy, autonomy, access to a person, employment.",
            "Record mitigations and the residual rating for each impact.",
            "Consult affected groups or their representatives where practical (e.g. Drivers' Forum, works council).",
            "Model Review Panel approves the assessment; results feed into the risk register.",
            "The assessment is filed in the AIMS Library and kept for 6 years after the system is retired.",
        ]),
        ("h1", "8. Records"),
        ("p", "AI risk register (confidential), impact assessments (confidential), Statement of Applicability "
              "(confidential), AIAB minutes."),
    ]
    docx_build(rel, title, blocks)
    sidecar(rel, {
        "title": title, "doc_type": "procedure", "owner": "Head of AI Assurance", "version": "3.0",
        "effective_date": "2025-05-02", "classification": "internal", "status": "current",
        "doc_id": "AFP-AIMS-PRO-02", "reviewers": ["Siobhan Keane", "Gareth Lloyd"], "tags": ["risk", "impact-assessment"],
    })


# ---------------------------------------------------------------- Vigil impact assessment (docx)


def vigil_impact_assessment() -> None:
    rel = "risk/impact_assessment_vigil.docx"
    title = "AI System Impact Assessment - Vigil driver fatigue risk score"
    blocks: list[tuple[str, Any]] = [
        ("table", [
            ["Field", "Entry"],
            ["Document", "AFP-AIMS-IA-01, version 2.0"],
            ["System Owner", "Callum Reid, Fleet Safety Manager"],
            ["Assessor", "Callum Reid with Kofi Mensah (ML Engineering Lead)"],
            ["DPO consulted", "Siobhan Keane; DPIA DP-2023-09 (updated 12 May 2025)"],
            ["Consultation", "Drivers' Forum, 17 Jan 2023 and 8 May 2025"],
            ["MRP approval", "27 May 2025 (MRP-2025-09)"],
            ["Next assessment due", "27 May 2026, or before roll-out beyond the 3 current depots"],
            ["Classification", "Confidential"],
        ]),
        ("h1", "1. System description"),
        ("p", "Vigil combines fatigue features from Trakline in-cab units (eye-closure duration, head pose, lane "
              "deviation) with tachograph duty data to give a fatigue risk score from 0 to 100 for each HGV driver "
              "on duty. Amber and red alerts go to the depot dashboard and the cab. A shift manager handles every "
              "alert. Vigil is in production at Daventry and in pilot at Bristol and Warrington (310 vehicles, "
              "about 640 drivers)."),
        ("h1", "2. People affected"),
        ("table", [
            ["Group", "Number", "How affected"],
            ["HGV drivers at the 3 depots", "about 640", "Monitored in cab while driving; receive alerts and rest instructions"],
            ["Agency drivers", "about 60 a month", "Same as above; may not have had the Ashgrove induction"],
            ["Shift managers", "9", "Handle alerts; judgement about rest stops"],
            ["Other road users", "-", "Benefit from fewer fatigue-related collisions"],
        ]),
        ("h1", "3. Impacts on individuals"),
        ("table", [
            ["Ref", "Impact", "Likelihood", "Severity", "Mitigation", "Residual"],
            ["IA1-01", "Privacy intrusion from a driver-facing camera", "Certain", "Medium", "Video stays on the unit 30 days; only features sent; DPIA DP-2023-09; no audio", "Medium"],
            ["IA1-02", "Scores used to discipline or rank drivers", "Possible", "High", "Prohibited by AI Policy; dashboard has no per-driver ranking; OBJ-5 tracked", "Medium"],
            ["IA1-03", "Fatigued driver not alerted (false negative)", "Possible", "High", "Driver hours rules still apply; validation of false-negative rate due 31 Oct 2025", "High"],
            ["IA1-04", "Unnecessary alerts cause stress and lost time (false positive)", "Likely", "Low", "Shift manager judgement; alert threshold reviewed after validation", "Low"],
            ["IA1-05", "Lower accuracy for drivers wearing glasses or sunglasses", "Likely", "Medium", "Low-confidence periods scored from duty data only; subgroup testing in validation", "Medium"],
            ["IA1-06", "Lower accuracy for some skin tones in low light", "Possible", "Medium", "Subgroup testing in validation where lawful; Trakline asked for test results", "Medium"],
            ["IA1-07", "Agency drivers unaware of Vigil", "Possible", "Medium", "Leaflet added to agency site briefing; cab sticker", "Low"],
            ["IA1-08", "Driver cannot understand why an alert was raised", "Possible", "Low", "Top three reasons shown; written reasons within 5 working days", "Low"],
        ]),
        ("h1", "4. Consultation outcome"),
        ("p", "At the 8 May 2025 Drivers' Forum, representatives accepted the production go-live at Daventry on "
              "three conditions: no disciplinary use, no expansion to vans, and a Vigil figures briefing at every "
              "quarterly Forum. All three are written into the model card and communication plan."),
        ("h1", "5. Conclusion"),
        ("p", "Vigil may go live at Daventry. Residual rating for IA1-03 stays High until the validation report "
              "VG-VAL-2025-01 shows the false-negative rate; Bristol and Warrington must not move to production "
              "until then. This assessment must be repeated before any roll-out to other depots or to the "
              "Netherlands or Belgium."),
        ("p", "Signed: Callum Reid (System Owner), 27 May 2025. Reviewed: Siobhan Keane (DPO), Priya Raman (MRP chair)."),
    ]
    docx_build(rel, title, blocks)
    sidecar(rel, {
        "title": title, "doc_type": "impact_assessment", "owner": "Fleet Safety Manager", "version": "2.0",
        "effective_date": "2025-05-27", "classification": "confidential", "status": "current",
        "doc_id": "AFP-AIMS-IA-01", "system": "Vigil", "tags": ["vigil", "drivers", "dpia"],
    })


# ---------------------------------------------------------------- Optivane supplier assessment (docx)


def optivane_assessment() -> None:
    rel = "suppliers/supplier_assessment_optivane.docx"
    title = "AI Supplier Assessment - Optivane Vision GmbH"
    blocks: list[tuple[str, Any]] = [
        ("table", [
            ["Field", "Entry"],
            ["Document", "AFP-AIMS-SUP-01, version 1.0"],
            ["Supplier", "Optivane Vision GmbH, Munich, Germany"],
            ["Service", "DentScan damage-detection model, edge inference units (6 EdgeBox units at Venlo), model updates and support"],
            ["Contract", "PR-2022-077, Equipment and Software Licence Agreement, signed 9 Aug 2022, renewal 9 Aug 2026"],
            ["Assessment date", "14 May 2024"],
            ["Assessed by", "Rachel Dunn (Procurement), Owen Pritchard (CISO), Joost Verhoeven (System Owner)"],
            ["Tier", "Tier 2 - operational, limited personal data (incidental, blurred)"],
            ["Outcome", "Approved with conditions"],
            ["Reassessment due", "14 May 2025"],
            ["Classification", "Confidential"],
        ]),
        ("h1", "1. Method"),
        ("ol", [
            "Supplier completed the Ashgrove AI Supplier Questionnaire (42 questions) on 22 April 2024.",
            "Site visit to the Optivane integration lab, Munich, 7 May 2024.",
            "CISO review of the ISO/IEC 27001 certificate and the EdgeBox hardening guide.",
            "System Owner review of model accuracy claims against our Venlo QA data.",
        ]),
        ("h1", "2. Scores (1 poor - 5 strong)"),
        ("table", [
            ["Area", "Score", "Notes"],
            ["Information security", "4", "ISO/IEC 27001 certified; EdgeBox units locked down; remote access via Optivane VPN only"],
            ["Data protection", "4", "Faces blurred on the unit; Optivane receives only blurred images for support cases"],
            ["Model transparency", "2", "Base model architecture disclosed; pre-training data provenance not disclosed (commercial confidentiality)"],
            ["Change management", "2", "Contract allows Optivane to push model updates to EdgeBox units; no notice period"],
            ["Model performance", "4", "Recall 95.2% on our 2,000-parcel acceptance sample (Mar 2024)"],
            ["Incident notification", "3", "Security incidents notified within 72 hours; no commitment on model defects"],
            ["Service resilience", "4", "Next-business-day unit swap; spare unit held at Venlo"],
        ]),
        ("h1", "3. Conditions of approval"),
        ("table", [
            ["Ref", "Condition", "Owner", "Due", "Status at assessment"],
            ["OPT-C1", "Contract variation: 30 days' notice of model updates and right for Ashgrove to defer an update", "Rachel Dunn", "31 Dec 2024", "Open - Optivane reviewing"],
            ["OPT-C2", "Right for Ashgrove or its auditor to audit the DentScan development process", "Rachel Dunn", "31 Dec 2024", "Open - Optivane reviewing"],
            ["OPT-C3", "Ashgrove re-validates every model update on the Venlo QA sample before the update is switched on", "Joost Verhoeven", "Ongoing", "Agreed"],
            ["OPT-C4", "Written statement of pre-training data sources and licensing", "Rachel Dunn", "30 Sep 2024", "Declined by Optivane; recorded as a risk"],
        ]),
        ("h1", "4. Shared responsibilities"),
        ("table", [
            ["Responsibility", "Optivane", "Ashgrove"],
            ["Base model development and pre-training", "R/A", "I"],
            ["Fine-tuning on Venlo images", "R", "A (System Owner approves)"],
            ["EdgeBox hardware, firmware and face blurring", "R/A", "I"],
            ["Model update release", "R", "A (must re-validate before use)"],
            ["QA sampling and weekly performance monitoring", "C", "R/A"],
            ["Human review of damage flags", "I", "R/A"],
            ["Incident notification to customers", "I", "R/A"],
        ]),
        ("h1", "5. Residual risks"),
        ("ul", [
            "Model updates could reach the EdgeBox units before Ashgrove re-validates them (risk register AIR-06).",
            "Pre-training data provenance unknown (data inventory DS-14).",
        ]),
        ("h1", "6. Sign-off"),
        ("p", "Approved with conditions OPT-C1 to OPT-C4. Next full reassessment due 14 May 2025. Signed: "
              "Rachel Dunn and Owen Pritchard, 14 May 2024; Joost Verhoeven, 15 May 2024."),
    ]
    docx_build(rel, title, blocks)
    sidecar(rel, {
        "title": title, "doc_type": "record", "owner": "Procurement Category Manager (Technology)", "version": "1.0",
        "effective_date": "2024-05-14", "classification": "confidential", "status": "current",
        "doc_id": "AFP-AIMS-SUP-01", "supplier": "Optivane Vision GmbH", "next_review": "2025-05-14",
        "tags": ["supplier", "optivane", "dentscan"],
    })


# ---------------------------------------------------------------- DentScan model card (pdf)


def dentscan_model_card() -> None:
    rel = "systems/model_card_dentscan.pdf"
    title = "Model Card - DentScan parcel damage detection"
    blocks: list[tuple[str, Any]] = [
        ("table", [
            ["Field", "Entry"],
            ["Document", "AFP-AIMS-MC-02, version 3.1, effective 22 April 2025"],
            ["System Owner", "Joost Verhoeven, Warehouse Automation Manager, Venlo hub"],
            ["Technical leads", "Optivane Vision GmbH (base model, EdgeBox units); Kofi Mensah (Ashgrove re-validation)"],
            ["Model", "Optivane DentScan base model v4.2, fine-tuned on Venlo images"],
            ["In service", "Venlo sorter lines 1-6 since October 2023"],
            ["Approved", "Model Review Panel, 22 April 2025 (MRP-2025-07)"],
        ]),
        ("h1", "1. What DentScan does"),
        ("p", "Six cameras on the Venlo sorter photograph every parcel from four angles. The EdgeBox unit on each "
              "line runs the DentScan model and flags parcels with visible damage: crushed corners, tears, "
              "punctures, wet patches and broken strapping. A flagged parcel is diverted to the QA bench, where a "
              "QA operative inspects it and decides whether to record damage. About 1.8% of parcels are flagged."),
        ("h1", "2. Requirements"),
        ("ol", [
            "Recall of at least 93% on the weekly QA sample of 500 hand-inspected parcels.",
            "False positive rate of 6% or less on the same sample.",
            "Decision within 250 milliseconds so the sorter diverter can act at line speed.",
            "Faces and name badges blurred on the unit before any image is stored or sent.",
        ]),
        ("h1", "3. Intended use and out-of-scope use"),
        ("p", "Intended: find damaged parcels before onward sortation so that they can be repacked, and provide "
              "photographic evidence for the QA operative's damage record."),
        ("ul", [
            "Not for deciding a claim: no claim is raised against a customer or haulier on a DentScan flag alone.",
            "Not for attributing damage to an individual colleague or shift.",
            "Not for monitoring colleagues; cameras point at the belt, and faces are blurred.",
        ]),
        ("h1", "4. Data"),
        ("p", "Fine-tuning set DS-05 (412,000 labelled images). Raw sorter images DS-04 are kept for 90 days. "
              "Weekly QA sample DS-06. Optivane's pre-training data (DS-14) is not disclosed by the supplier."),
        ("h1", "5. Validation"),
        ("table", [
            ["Test", "Result", "Threshold", "Pass"],
            ["Acceptance test, model v4.1 (Mar 2024, 2,000 parcels)", "Recall 95.2%, FPR 3.9%", "93% / 6%", "Yes"],
            ["Re-validation after Optivane update v4.2 (2-16 Apr 2025, 3,500 parcels)", "Recall 94.3%, FPR 4.6%", "93% / 6%", "Yes"],
            ["Recall by packaging type: cardboard / poly bag / padded envelope", "95.1% / 91.8% / 93.6%", "93% each", "Poly bag below; see limitations"],
            ["Recall by line (worst line, line 3)", "92.9%", "93%", "Marginal; lens cleaning added to weekly checks"],
        ]),
        ("p", "Re-validation report DS-VAL-2025-02 prepared by Kofi Mensah and reviewed by the MRP independent "
              "engineer, Sunita Bhatt. Note: Optivane switched model v4.2 on at Venlo on 11 March 2025 before this "
              "re-validation; see risk AIR-06."),
        ("h1", "6. Resources"),
        ("table", [
            ["Resource", "Detail"],
            ["Data", "DS-04, DS-05, DS-06"],
            ["Tooling", "Optivane Studio (labelling and fine-tuning), Python 3.11 re-validation notebooks, MLflow"],
            ["Computing", "6 Optivane EdgeBox units with on-board GPU (one per line); on-premise image server at Venlo with 40 TB storage"],
            ["People", "Warehouse Automation Manager, 2 automation engineers, 44 QA operatives across shifts, Optivane support"],
        ]),
        ("h1", "7. Limitations"),
        ("ul", [
            "Lower recall on grey poly bags, where creases look like tears.",
            "Wet patches are hard to see on dark cardboard.",
            "Lighting changes on the sorter affect performance (see incident INC-AI-2025-01).",
        ]),
        ("h1", "8. Information for users"),
        ("p", "QA operatives complete module DEN-01 (DentScan Flag Review) and use the Venlo QA work instruction "
              "WI-VEN-112, available in Dutch and English, which explains that a flag is a prompt to inspect, not a "
              "damage decision."),
    ]
    pdf_build(rel, title, "AFP-AIMS-MC-02 v3.1 - Internal - Uncontrolled when printed", blocks)
    sidecar(rel, {
        "title": title, "doc_type": "model_card", "owner": "Warehouse Automation Manager", "version": "3.1",
        "effective_date": "2025-04-22", "classification": "internal", "status": "current",
        "doc_id": "AFP-AIMS-MC-02", "system": "DentScan", "tags": ["dentscan", "computer-vision", "optivane"],
    })


# ---------------------------------------------------------------- Optivane whitepaper (pdf, guidance only)


def optivane_whitepaper() -> None:
    rel = "suppliers/optivane_whitepaper_responsible_vision.pdf"
    title = "Responsible Computer Vision in Parcel Operations: A Practitioner's Guide (Optivane Vision GmbH)"
    blocks: list[tuple[str, Any]] = [
        ("p", "Optivane Vision GmbH - Whitepaper series, edition 2, November 2024. Published for customers and "
              "prospective customers. This paper describes practices that we recommend; it does not describe any "
              "individual customer's deployment."),
        ("h1", "1. Why responsible vision matters"),
        ("p", "Camera systems on sorters and docks see everything that passes them: parcels, labels, and sometimes "
              "people. Operators who deploy them well gain fewer claims and faster sortation. Operators who deploy "
              "them carelessly risk privacy complaints, unfair claims against customers and loss of trust from "
              "their own staff. The practices below are drawn from more than 60 deployments."),
        ("h1", "2. Recommended practices"),
        ("h2", "Practice 1: Assess wider impacts, not just accuracy"),
        ("p", "Operators should assess the societal impacts of vision systems before deployment: effects on "
              "employment and job design in the warehouse, on local communities near automated hubs, and on the "
              "environment through energy use of edge devices and image storage. We recommend a written societal "
              "impact assessment reviewed by a senior manager and refreshed every two years."),
        ("h2", "Practice 2: Record every inference"),
        ("p", "Every inference should be recorded in an event log with a timestamp, camera and line identifier, "
              "model version, confidence score and the downstream action. Event logs should be kept for at least "
              "six months, protected against alteration and reviewed when incidents occur. Without event logs it "
              "is impossible to reconstruct why a parcel was or was not diverted."),
        ("h2", "Practice 3: Give affected parties a way to report problems"),
        ("p", "Customers, hauliers and members of the public affected by vision-based decisions should have a "
              "published channel, such as a web form or mailbox, to report adverse impacts. Reports should be "
              "acknowledged within five working days and tracked to closure."),
        ("h2", "Practice 4: Test across packaging and conditions"),
        ("p", "Accuracy should be measured separately for each packaging type (cardboard, poly bag, padded "
              "envelope, tubes) and lighting condition. A model that performs well on average can fail badly on "
              "one packaging type."),
        ("h2", "Practice 5: Keep a person in the loop"),
        ("p", "A damage flag should prompt human inspection. It should never, on its own, trigger a charge or a "
              "claim against a customer."),
        ("h2", "Practice 6: Document the computing estate"),
        ("p", "Operators should document the edge devices, servers, storage and network capacity each vision "
              "system depends on, with owners and end-of-life dates."),
        ("h2", "Practice 7: Let staff raise concerns"),
        ("p", "Warehouse colleagues should be able to raise concerns about camera systems confidentially, "
              "without fear of reprisal, through a route that does not depend on their line manager."),
        ("h1", "3. Checklist"),
        ("table", [
            ["Practice", "Recommended frequency"],
            ["Societal impact assessment", "Before deployment; every 2 years"],
            ["Inference event log review", "Monthly and after incidents"],
            ["External reporting channel", "Always available"],
            ["Packaging-type accuracy tests", "Every model update"],
            ["Computing estate register", "Every 12 months"],
            ["Confidential staff concern route", "Always available"],
        ]),
        ("h1", "4. About Optivane"),
        ("p", "Optivane Vision GmbH, Munich, builds computer-vision systems for parcel and postal operators in 14 "
              "countries. Contact: partnerships@optivane.example."),
    ]
    pdf_build(rel, title, "Optivane Vision GmbH - Whitepaper - Public", blocks)
    sidecar(rel, {
        "title": "Responsible Computer Vision in Parcel Operations: A Practitioner's Guide",
        "doc_type": "other", "owner": "Optivane Vision GmbH (external)", "version": "2",
        "effective_date": "2024-11-01", "classification": "public", "status": "current",
        "source": "Supplier whitepaper, reference only", "tags": ["reference", "vendor", "guidance"],
    })


# ---------------------------------------------------------------- internal audit report (pdf, restricted)


def audit_report() -> None:
    rel = "assurance/internal_audit_report_2025.pdf"
    title = "Internal Audit Report IA-2025-AI-01: AI Management System"
    blocks: list[tuple[str, Any]] = [
        ("p", "RESTRICTED - Internal Audit. Distribution: Audit Committee, Chief Operating Officer, Head of AI "
              "Assurance, certification auditor. Do not forward."),
        ("table", [
            ["Field", "Entry"],
            ["Report", "IA-2025-AI-01, final, issued 18 July 2025"],
            ["Fieldwork", "30 June - 11 July 2025"],
            ["Lead auditor", "Helen Marsh, Internal Audit Manager"],
            ["Auditor", "Daniel Okafor, Senior Internal Auditor"],
            ["Audit scope", "AIMS core processes; DentScan; Vigil. Wayfinder and Ask Ash were not in scope."],
            ["Criteria", "Ashgrove AIMS documents and ISO/IEC 42001:2023"],
            ["Overall opinion", "Limited assurance"],
        ]),
        ("h1", "1. Summary"),
        ("p", "This is the first internal audit of the AIMS. Document control, the risk register and the monitoring "
              "of DentScan work well. Controls over Vigil's deployment, supplier oversight and the competence of "
              "depot managers do not yet work as designed. We raise six findings: two High, three Medium and one "
              "Low. Management has agreed actions for all six (corrective action log CA-05 to CA-10)."),
        ("p", "A three-year audit programme covering all four AI systems was drafted in May 2025 but has not been "
              "approved by the AIAB. Until it is, there is no assurance that Wayfinder and Ask Ash will be audited "
              "before the certification audit."),
        ("h1", "2. Method"),
        ("ul", [
            "14 interviews (System Owners, ML Engineering, Fleet Safety, Procurement, L&D, shift managers).",
            "Document review of 19 AIMS documents.",
            "Sample tests: 20 Vigil red alerts from Daventry and Warrington (April-May 2025); 10 DentScan weekly QA samples; 12 training records; 2 supplier files.",
        ]),
        ("h1", "3. Findings"),
        ("table", [
            ["Ref", "Rating", "Finding", "Reference"],
            ["F-01", "High", "Vigil went into production at Daventry on 2 June 2025 without the independent validation report required by the Go-Live Gate. A waiver (W-2025-02) was granted, but its condition (report by 31 October 2025) has no resourced plan.", "A.6.2.4"],
            ["F-02", "High", "In 7 of 20 sampled Vigil red alerts the shift manager cleared the alert with no reason recorded. In 2 of those 7 the driver continued driving for more than 40 minutes after the alert. 5 of the 7 were cleared by the same Warrington shift manager.", "A.9.2"],
            ["F-03", "Medium", "Optivane reassessment was due 14 May 2025 and has not started. Conditions OPT-C1 and OPT-C2 (change notice, right to audit) remain unagreed, and Optivane switched model v4.2 on at Venlo on 11 March 2025 without notice. Trakline has no supplier assessment at all.", "A.10.3"],
            ["F-04", "Medium", "Only 11 of 19 depot and shift managers at Vigil depots (58%) had completed VIG-02 Vigil Alert Handling at the time of fieldwork. The training requirements matrix lists VIG-02 as mandatory before handling alerts.", "7.2"],
            ["F-05", "Medium", "No impact assessment exists for DentScan, although the AI Risk and Impact Assessment Procedure requires one for every in-scope system before go-live. Wayfinder also has none (noted, outside scope).", "8.4, A.5.4"],
            ["F-06", "Low", "Two AIMS documents were more than 30 days past their review date (reminders sent to a leaver's mailbox).", "7.5.2"],
        ]),
        ("h1", "4. Observations (not findings)"),
        ("ul", [
            "The Statement of Applicability v1.3 marks A.3.3 and A.6.2.8 as implemented. We asked for the supporting documents; none were provided during fieldwork. Management should confirm whether these controls operate before the certification audit.",
            "The SoA excludes A.5.5 on the grounds that the systems have no societal impact. The justification is one sentence and is not supported by an assessment.",
        ]),
        ("h1", "5. What works well"),
        ("ul", [
            "DentScan weekly QA sampling was performed in all 10 sampled weeks and results reached the KPI pack.",
            "The AI risk register is complete, scored consistently and reviewed quarterly since CA-02.",
            "Document numbering and version control in the AIMS Library are consistent.",
        ]),
        ("h1", "6. Management response"),
        ("p", "Accepted in full by Gareth Lloyd (COO) and Priya Raman (Head of AI Assurance) on 16 July 2025. "
              "Internal Audit will follow up High findings in November 2025."),
        ("p", "Helen Marsh, Internal Audit Manager, 18 July 2025."),
    ]
    pdf_build(rel, title, "IA-2025-AI-01 - RESTRICTED", blocks)
    sidecar(rel, {
        "title": title, "doc_type": "audit_report", "owner": "Internal Audit Manager", "version": "1.0",
        "effective_date": "2025-07-18", "classification": "restricted", "status": "current",
        "doc_id": "IA-2025-AI-01", "reviewers": ["Gareth Lloyd", "Priya Raman"], "tags": ["internal-audit", "restricted"],
    })


# ---------------------------------------------------------------- Statement of Applicability (xlsx)

SOA: list[tuple[str, str, str, str, str, str, str]] = [
    # control, title, applicable, justification, implementation status, evidence reference, owner
    ("A.2.2", "AI policy", "Yes", "Required for all AI systems in scope", "Implemented", "AFP-AIMS-POL-01 AI Policy v3.0", "Head of AI Assurance"),
    ("A.2.3", "Alignment with other organizational policies", "Yes", "AI Policy must fit security, data protection, fleet safety and procurement policies", "Implemented", "AI Policy section 6", "Head of AI Assurance"),
    ("A.2.4", "Review of the AI policy", "Yes", "Policy reviewed every 12 months", "Implemented", "AI Policy section 7; revision history", "Head of AI Assurance"),
    ("A.3.2", "AI roles and responsibilities", "Yes", "Named owners needed for four systems", "Implemented", "AFP-AIMS-GOV-03 Roles and Responsibilities", "Head of AI Assurance"),
    ("A.3.3", "Reporting of concerns", "Yes", "Colleagues must be able to raise AI concerns", "Implemented", "Speak Up Policy HR-POL-07", "Head of People"),
    ("A.4.2", "Resource documentation", "Yes", "Resources differ by system", "Implemented", "Model cards section Resources", "ML Engineering Lead"),
    ("A.4.3", "Data resources", "Yes", "All systems use data", "Implemented", "AI data inventory AFP-AIMS-REG-03", "ML Engineering Lead"),
    ("A.4.4", "Tooling resources", "Yes", "In-house and supplier tooling", "Implemented", "Model cards section Resources", "ML Engineering Lead"),
    ("A.4.5", "System and computing resources", "Yes", "Cloud and edge computing used", "Implemented", "Model cards section Resources", "CTO"),
    ("A.4.6", "Human resources", "Yes", "Competent people needed for each system", "Implemented", "Training and competence records", "L&D Manager"),
    ("A.5.2", "AI system impact assessment process", "Yes", "Systems affect drivers, colleagues and customers", "Implemented", "AFP-AIMS-PRO-02 section 7", "Head of AI Assurance"),
    ("A.5.3", "Documentation of AI system impact assessments", "Yes", "Assessments must be retained", "Implemented", "AFP-AIMS-IA-01, AFP-AIMS-IA-02", "Head of AI Assurance"),
    ("A.5.4", "Assessing AI system impact on individuals or groups of individuals", "Yes", "Drivers, customers and warehouse colleagues affected", "Partially implemented", "Vigil and Ask Ash assessed; Wayfinder and DentScan scheduled", "System Owners"),
    ("A.5.5", "Assessing societal impacts of AI systems", "No", "Not applicable: our AI systems support internal operations and have no societal impact", "Not applicable", "-", "-"),
    ("A.6.1.2", "Objectives for responsible development of AI system", "Yes", "In-house development of Wayfinder and Vigil", "Implemented", "AI Policy sections 3 and 4", "Head of AI Assurance"),
    ("A.6.1.3", "Processes for responsible AI system design and development", "Yes", "In-house development", "Implemented", "AFP-AIMS-PRO-03 lifecycle stages", "ML Engineering Lead"),
    ("A.6.2.2", "AI system requirements and specification", "Yes", "All systems", "Implemented", "Model cards section Requirements", "System Owners"),
    ("A.6.2.3", "Documentation of AI system design and development", "Yes", "All systems", "Implemented", "Model cards", "ML Engineering Lead"),
    ("A.6.2.4", "AI system verification and validation", "Yes", "All systems", "Partially implemented", "Wayfinder and DentScan validation reports; Vigil report due 31 Oct 2025", "ML Engineering Lead"),
    ("A.6.2.5", "AI system deployment", "Yes", "All systems", "Implemented", "Go-Live Gate, AFP-AIMS-PRO-03", "Head of AI Assurance"),
    ("A.6.2.6", "AI system operation and monitoring", "Yes", "All systems", "Implemented", "Monitoring thresholds, AFP-AIMS-PRO-03", "System Owners"),
    ("A.6.2.7", "AI system technical documentation", "Yes", "All systems", "Implemented", "Model cards; Ask Ash impact assessment section 1", "ML Engineering Lead"),
    ("A.6.2.8", "AI system recording of event logs", "Yes", "All systems", "Implemented", "Platform logging", "CTO"),
    ("A.7.2", "Data for development and enhancement of AI system", "Yes", "Training data used for in-house models", "Implemented", "AFP-AIMS-PRO-04", "ML Engineering Lead"),
    ("A.7.3", "Acquisition of data", "Yes", "Internal and supplier data", "Implemented", "AFP-AIMS-PRO-04 section 3", "ML Engineering Lead"),
    ("A.7.4", "Quality of data for AI systems", "Yes", "All systems", "Implemented", "AFP-AIMS-PRO-04 section 5", "ML Engineering Lead"),
    ("A.7.5", "Data provenance", "Yes", "All systems", "Implemented", "AI data inventory", "ML Engineering Lead"),
    ("A.7.6", "Data preparation", "Yes", "All in-house models", "Implemented", "AFP-AIMS-PRO-04 section 6", "ML Engineering Lead"),
    ("A.8.2", "System documentation and information for users", "Yes", "Planners, drivers, QA operatives, customers", "Implemented", "Model cards section Information for users; Vigil leaflet", "System Owners"),
    ("A.8.3", "External reporting", "Yes", "Customers and public may be affected", "Implemented", "Customer complaints process CS-PRO-02", "Customer Service Director"),
    ("A.8.4", "Communication of incidents", "Yes", "Incidents may affect customers and drivers", "Implemented", "AFP-AIMS-PRO-05 section 4", "Head of AI Assurance"),
    ("A.8.5", "Information for interested parties", "Yes", "Drivers' Forum, key accounts, regulators", "Implemented", "Communication plan AFP-AIMS-GOV-05", "Head of AI Assurance"),
    ("A.9.2", "Processes for responsible use of AI systems", "Yes", "All systems and staff use of generative AI", "Implemented", "Acceptable Use Guidance; Vigil prohibited uses", "CISO"),
    ("A.9.3", "Objectives for responsible use of AI system", "Yes", "All systems", "Implemented", "AI Policy section 4", "Head of AI Assurance"),
    ("A.9.4", "Intended use of the AI system", "Yes", "All systems", "Implemented", "Model cards section Intended use", "System Owners"),
    ("A.10.2", "Allocating responsibilities", "Yes", "Three AI suppliers", "Implemented", "Supplier assessments; Vigil model card", "Procurement Category Manager"),
    ("A.10.3", "Suppliers", "Yes", "Three AI suppliers", "Partially implemented", "Optivane and Lumora assessed; Trakline not yet assessed", "Procurement Category Manager"),
    ("A.10.4", "Customers", "Yes", "Key accounts and parcel recipients", "Implemented", "Scope statement section 7; communication plan", "Head of AI Assurance"),
]


def statement_of_applicability() -> None:
    rel = "governance/statement_of_applicability.xlsx"
    wb = Workbook()
    rows: list[list[Any]] = [["Control", "Control title", "Applicable", "Justification", "Implementation status",
                              "Evidence reference", "Control owner"]]
    rows += [list(r) for r in SOA]
    xlsx_sheet(wb, "SoA", rows, [10, 48, 11, 50, 22, 52, 26], first=True)
    info: list[list[Any]] = [
        ["Item", "Value"],
        ["Document", "AFP-AIMS-REG-02 Statement of Applicability (ISO/IEC 42001:2023 Annex A)"],
        ["Version", "1.3"],
        ["Approved by", "AI Assurance Board, 30 May 2025"],
        ["Owner", "Head of AI Assurance (Priya Raman)"],
        ["Classification", "Confidential"],
        ["Controls listed", "38"],
        ["Applicable", "37"],
        ["Excluded", "1 (A.5.5)"],
        ["Note", "Implementation status is the control owner's self-assessment at the approval date."],
    ]
    xlsx_sheet(wb, "Document info", info, [20, 90])
    wb.save(str(DOCS / rel))
    sidecar(rel, {
        "title": "Statement of Applicability", "doc_type": "record", "owner": "Head of AI Assurance", "version": "1.3",
        "effective_date": "2025-05-30", "classification": "confidential", "status": "current",
        "doc_id": "AFP-AIMS-REG-02", "approved_by": "AI Assurance Board", "tags": ["soa", "annex-a", "controls"],
    })


# ---------------------------------------------------------------- AI risk register (xlsx)

RISKS: list[list[Any]] = [
    # id, system, description, owner, L, I, score, rating, treatment, treatment status, status, accepted_by, accepted_on, raised, last_reviewed, next_review
    ["AIR-01", "Wayfinder", "ETA accuracy falls in peak season, causing missed delivery windows and failed first attempts", "Tom Ashworth", 4, 3, 12, "Medium", "Reduce: pre-peak retrain in early November; weekly MAE monitoring per depot", "In place", "Open", "", "", "2023-06-12", "2025-09-02", "2026-03-02"],
    ["AIR-02", "Wayfinder", "Planned route breaks driver hours rules", "Tom Ashworth", 1, 5, 5, "Low", "Reduce: hours rules are hard constraints in the solver; tested on 10,000 simulated days per release", "Complete", "Closed", "", "", "2023-06-12", "2025-09-02", "2026-09-02"],
    ["AIR-03", "Wayfinder", "Vehicle routed into a low- or zero-emission zone without a permit", "Tom Ashworth", 2, 3, 6, "Low", "Reduce: geofence constraint (v4.3); weekly zone-change check after INC-AI-2025-03", "Complete", "Closed", "", "", "2024-02-19", "2025-09-12", "2026-09-12"],
    ["AIR-04", "DentScan", "False positives lead to unjustified damage claims against customers or hauliers", "Joost Verhoeven", 3, 3, 9, "Medium", "Reduce: human review of every flag before a damage record", "In place", "Open", "", "", "2023-09-04", "2025-09-02", "2026-03-02"],
    ["AIR-05", "DentScan", "False negatives: damaged parcels sorted onwards, increasing claims cost", "Joost Verhoeven", 3, 4, 12, "Medium", "Reduce: weekly QA sample of 500 parcels; stop at recall below 88%", "In place", "Open", "", "", "2023-09-04", "2025-09-02", "2026-03-02"],
    ["AIR-06", "DentScan", "Optivane pushes model updates to EdgeBox units without notice, before Ashgrove re-validation", "Joost Verhoeven", 4, 4, 16, "High", "Reduce: contract variation for 30 days' notice and right to defer (OPT-C1); temporary acceptance to 31 Dec 2025", "In progress", "Accepted", "Gareth Lloyd", "2025-06-10", "2024-05-15", "2025-09-02", "2025-12-02"],
    ["AIR-07", "DentScan", "Images capture colleagues' faces, creating privacy intrusion", "Joost Verhoeven", 2, 3, 6, "Low", "Reduce: face blurring on the EdgeBox unit; works council agreement", "Complete", "Closed", "", "", "2023-09-04", "2025-03-10", "2026-03-10"],
    ["AIR-08", "Vigil", "Vigil scores or alerts used for disciplinary action against drivers, contrary to intended use", "Callum Reid", 3, 5, 15, "High", "Reduce: policy prohibition; no per-driver ranking; mandatory alert reason field (CA-06)", "In progress", "Open", "", "", "2023-01-09", "2025-09-02", "2025-12-02"],
    ["AIR-09", "Vigil", "Fatigued driver not alerted (false negative)", "Callum Reid", 2, 5, 10, "Medium", "Accept with controls: driver hours rules and manual fatigue checks continue; validation due 31 Oct 2025", "In place", "Accepted", "Callum Reid", "2025-05-27", "2023-01-09", "2025-09-02", "2026-03-02"],
    ["AIR-10", "Vigil", "Lower score accuracy for drivers wearing glasses or for some skin tones in low light", "Callum Reid", 3, 4, 12, "Medium", "Reduce: subgroup testing in validation VG-VAL-2025-01; duty-data-only scoring when camera confidence is low", "In progress", "Open", "", "", "2024-03-18", "2025-09-02", "2026-03-02"],
    ["AIR-11", "Vigil", "Trakline feature feed outage leaves depots without scores", "Callum Reid", 3, 2, 6, "Low", "Accept: depots revert to manual fatigue checks; dashboard shows no score", "In place", "Accepted", "Callum Reid", "2025-05-27", "2024-03-18", "2025-09-02", "2026-09-02"],
    ["AIR-12", "Ask Ash", "Ask Ash gives wrong or invented answers on compensation, customs or delivery rights", "Amara Osei", 4, 5, 20, "High", "Reduce: answers grounded in approved knowledge base; guardrails; weekly 150-question test set; agent-only mode below 92%", "In progress", "Open", "", "", "2024-01-22", "2025-09-02", "2025-12-02"],
    ["AIR-13", "Ask Ash", "Prompt injection makes Ask Ash reveal another customer's tracking details", "Amara Osei", 2, 5, 10, "Medium", "Reduce: tracking lookup needs consignment number and postcode; injection test pack before each release", "In place", "Open", "", "", "2024-01-22", "2025-09-02", "2026-03-02"],
    ["AIR-14", "Ask Ash", "Lumora changes the model version within a family and Ask Ash behaviour drifts before re-testing", "Amara Osei", 3, 3, 9, "Medium", "Accept: test set re-run within 2 working days of a version change (LUM-C2); 14 days' notice from variation", "In place", "Accepted", "Amara Osei", "2025-03-10", "2025-02-20", "2025-09-02", "2026-03-02"],
    ["AIR-15", "Ask Ash", "Vulnerable customers cannot reach a person", "Amara Osei", 2, 4, 8, "Medium", "Reduce: 'Talk to a person' button; escalation keywords; phone number after two failed answers", "Complete", "Closed", "", "", "2024-01-22", "2025-03-10", "2026-03-10"],
    ["AIR-16", "All", "Staff paste customer or driver data into public generative AI services", "Owen Pritchard", 3, 4, 12, "Medium", "Reduce: Generative AI Acceptable Use Guidance; web filtering of consumer AI sites; GAI-01 module", "In place", "Open", "", "", "2024-06-03", "2025-09-02", "2026-03-02"],
]


def risk_register() -> None:
    rel = "risk/ai_risk_register.xlsx"
    wb = Workbook()
    header = ["Risk ID", "System", "Risk description", "Risk owner", "Likelihood", "Impact", "Score", "Rating",
              "Treatment", "Treatment status", "Status", "Accepted by", "Accepted on", "Date raised",
              "Last reviewed", "Next review"]
    for r in RISKS:
        assert r[4] * r[5] == r[6], r[0]
    xlsx_sheet(wb, "Register", [header, *RISKS], [9, 11, 55, 16, 10, 8, 7, 9, 60, 14, 10, 14, 12, 12, 12, 12], first=True)
    key: list[list[Any]] = [
        ["Item", "Value"],
        ["Document", "AFP-AIMS-REG-01 AI Risk Register"],
        ["Owner", "Head of AI Assurance (Priya Raman)"],
        ["Last full review", "2 September 2025"],
        ["Scoring", "Likelihood (1-5) x Impact (1-5)"],
        ["Bands", "Low 1-6; Medium 8-12; High 15-25"],
        ["Acceptance", "Low: System Owner; Medium: System Owner (Head of AI Assurance consulted); High 15-16: COO; 20-25: Executive Risk Committee"],
        ["Classification", "Confidential"],
    ]
    xlsx_sheet(wb, "Key", key, [20, 100])
    wb.save(str(DOCS / rel))
    sidecar(rel, {
        "title": "AI Risk Register", "doc_type": "risk_assessment", "owner": "Head of AI Assurance", "version": "2025-09",
        "effective_date": "2025-09-02", "classification": "confidential", "status": "current",
        "doc_id": "AFP-AIMS-REG-01", "tags": ["risk-register"],
    })


# ---------------------------------------------------------------- training and competence (xlsx)

TRAINING: list[list[Any]] = [
    # id, name, role, site, module, required by, completed, score, status, expires
    ["TR-01", "Priya Raman", "Head of AI Assurance", "Northampton", "MRV-03 Model Risk and Validation", "2024-12-31", "2024-10-14", "92%", "Complete", "2026-10-14"],
    ["TR-02", "Kofi Mensah", "ML Engineering Lead", "Northampton", "MRV-03 Model Risk and Validation", "2024-12-31", "2024-10-14", "88%", "Complete", "2026-10-14"],
    ["TR-03", "Sunita Bhatt", "ML Engineer (MRP independent engineer)", "Northampton", "MRV-03 Model Risk and Validation", "2025-03-31", "2025-01-20", "90%", "Complete", "2027-01-20"],
    ["TR-04", "Aled Price", "ML Engineer (joined Apr 2025)", "Northampton", "MRV-03 Model Risk and Validation", "2025-07-31", "", "", "Overdue", ""],
    ["TR-05", "Tom Ashworth", "System Owner - Wayfinder", "Northampton", "IA-01 Impact Assessment Practitioner", "2025-03-31", "2025-02-03", "Pass", "Complete", "2027-02-03"],
    ["TR-06", "Joost Verhoeven", "System Owner - DentScan", "Venlo", "IA-01 Impact Assessment Practitioner", "2025-03-31", "", "", "Overdue", ""],
    ["TR-07", "Callum Reid", "System Owner - Vigil", "Daventry", "IA-01 Impact Assessment Practitioner", "2025-03-31", "2025-02-03", "Pass", "Complete", "2027-02-03"],
    ["TR-08", "Amara Osei", "System Owner - Ask Ash", "Northampton", "IA-01 Impact Assessment Practitioner", "2025-03-31", "2025-02-03", "Pass", "Complete", "2027-02-03"],
    ["TR-09", "Dawn Fielding", "Depot General Manager, Daventry", "Daventry", "VIG-02 Vigil Alert Handling", "2025-06-02", "2025-05-28", "95%", "Complete", "2026-05-28"],
    ["TR-10", "Marcus Hale", "Shift Manager, Daventry", "Daventry", "VIG-02 Vigil Alert Handling", "2025-06-02", "2025-05-30", "85%", "Complete", "2026-05-30"],
    ["TR-11", "Zofia Nowak", "Shift Manager, Daventry", "Daventry", "VIG-02 Vigil Alert Handling", "2025-06-02", "2025-07-02", "90%", "Complete", "2026-07-02"],
    ["TR-12", "Liam Brennan", "Shift Manager, Daventry", "Daventry", "VIG-02 Vigil Alert Handling", "2025-06-02", "", "", "Overdue", ""],
    ["TR-13", "Gemma Stott", "Depot General Manager, Bristol", "Bristol", "VIG-02 Vigil Alert Handling", "2025-09-30", "2025-08-11", "80%", "Complete", "2026-08-11"],
    ["TR-14", "Ravi Chauhan", "Shift Manager, Bristol", "Bristol", "VIG-02 Vigil Alert Handling", "2025-09-30", "", "", "Not started", ""],
    ["TR-15", "Karen Doyle", "Depot General Manager, Warrington", "Warrington", "VIG-02 Vigil Alert Handling", "2025-09-30", "", "", "Overdue", ""],
    ["TR-16", "Steve Ingham", "Shift Manager, Warrington", "Warrington", "VIG-02 Vigil Alert Handling", "2025-09-30", "", "", "Not started", ""],
    ["TR-17", "Femke de Vries", "QA Team Leader, Venlo", "Venlo", "DEN-01 DentScan Flag Review", "2024-12-31", "2024-11-05", "100%", "Complete", "2025-11-05"],
    ["TR-18", "Pieter Jansen", "QA Operative, Venlo", "Venlo", "DEN-01 DentScan Flag Review", "2024-12-31", "2024-11-05", "90%", "Complete", "2025-11-05"],
    ["TR-19", "Ben Caldwell", "Digital Channels Product Manager", "Northampton", "IA-01 Impact Assessment Practitioner", "2025-03-31", "2025-02-03", "Pass", "Complete", "2027-02-03"],
    ["TR-20", "Rachel Dunn", "Procurement Category Manager (Technology)", "Northampton", "SUP-01 AI Supplier Assessment", "2024-12-31", "2024-09-09", "Pass", "Complete", "2026-09-09"],
]


def training_records() -> None:
    rel = "assurance/training_competence_records.xlsx"
    wb = Workbook()
    req: list[list[Any]] = [
        ["Module", "Title", "Required for", "Required before", "Refresh", "Delivery"],
        ["AIA-01", "AI Awareness Essentials", "All office-based staff", "Within 60 days of joining", "Every 12 months", "E-learning, 25 minutes"],
        ["GAI-01", "Generative AI Safe Use", "Copilot and DeepL licence holders", "Before licence is issued", "Every 12 months", "E-learning, 20 minutes"],
        ["VIG-02", "Vigil Alert Handling", "Depot general managers and shift managers at Vigil depots", "Before handling alerts", "Every 12 months", "Classroom, 3 hours, Fleet Safety"],
        ["DEN-01", "DentScan Flag Review", "Venlo QA operatives and team leaders", "Before working the QA bench", "Every 12 months", "On the job, 2 shifts"],
        ["MRV-03", "Model Risk and Validation", "ML engineers, MRP members", "Within 3 months of joining", "Every 24 months", "External course, 2 days"],
        ["IA-01", "Impact Assessment Practitioner", "System Owners and assessors", "Before leading an impact assessment", "Every 24 months", "Workshop, 1 day, DPO and AI Assurance"],
        ["SUP-01", "AI Supplier Assessment", "Procurement category managers", "Before assessing an AI supplier", "Every 24 months", "Workshop, half day"],
    ]
    xlsx_sheet(wb, "Requirements", req, [9, 32, 50, 34, 16, 36], first=True)
    header = ["Record ID", "Name", "Role", "Site", "Module", "Required by", "Completed", "Score", "Status", "Expires"]
    xlsx_sheet(wb, "Records", [header, *TRAINING], [10, 18, 40, 13, 38, 12, 12, 8, 12, 12])
    summary: list[list[Any]] = [
        ["Module", "Population", "Completed", "Completion", "As at"],
        ["AIA-01 AI Awareness Essentials", 1604, 1412, "88%", "2025-09-30"],
        ["GAI-01 Generative AI Safe Use", 930, 902, "97%", "2025-09-30"],
        ["VIG-02 Vigil Alert Handling", 19, 13, "68%", "2025-09-30"],
        ["DEN-01 DentScan Flag Review", 44, 42, "95%", "2025-09-30"],
        ["MRV-03 Model Risk and Validation", 6, 5, "83%", "2025-09-30"],
        ["IA-01 Impact Assessment Practitioner", 6, 5, "83%", "2025-09-30"],
    ]
    xlsx_sheet(wb, "Summary", summary, [38, 12, 12, 12, 12])
    wb.save(str(DOCS / rel))
    sidecar(rel, {
        "title": "AI Training and Competence Records", "doc_type": "record", "owner": "L&D Manager", "version": "2025-09",
        "effective_date": "2025-09-30", "classification": "confidential", "status": "current",
        "doc_id": "AFP-AIMS-REG-04", "tags": ["training", "competence", "awareness"],
    })


# ---------------------------------------------------------------- sidecars for text formats


def text_sidecars() -> None:
    sidecar("data/ai_data_inventory.csv", {
        "title": "AI Data Inventory", "doc_type": "data_inventory", "owner": "ML Engineering Lead", "version": "2025-Q3",
        "effective_date": "2025-09-05", "classification": "internal", "status": "current",
        "doc_id": "AFP-AIMS-REG-03", "tags": ["data", "provenance"],
    })
    sidecar("assurance/corrective_action_log.csv", {
        "title": "AIMS Corrective Action Log", "doc_type": "nonconformity_log", "owner": "Head of AI Assurance",
        "version": "2025-09-18", "effective_date": "2025-09-18", "classification": "confidential", "status": "current",
        "doc_id": "AFP-AIMS-REG-05", "tags": ["nonconformity", "corrective-action"],
    })
    sidecar("assurance/management_review_2025-09-18.txt", {
        "title": "AI Assurance Board - Management Review Minutes, 18 September 2025", "doc_type": "management_review",
        "owner": "Head of AI Assurance", "version": "1.0", "effective_date": "2025-09-18",
        "classification": "confidential", "status": "current", "doc_id": "AFP-AIMS-MIN-2025-09",
        "approved_by": "Gareth Lloyd", "tags": ["management-review", "aiab", "minutes"],
    })
    sidecar("operations/generative_ai_acceptable_use.html", {
        "title": "Generative AI Acceptable Use Guidance", "doc_type": "policy", "owner": "Chief Information Security Officer",
        "version": "1.2", "effective_date": "2025-07-01", "classification": "internal", "status": "current",
        "doc_id": "AFP-AIMS-GDE-01", "tags": ["acceptable-use", "generative-ai", "copilot"],
    })


def main() -> None:
    scope_and_context()
    communication_plan()
    risk_procedure()
    vigil_impact_assessment()
    optivane_assessment()
    dentscan_model_card()
    optivane_whitepaper()
    audit_report()
    statement_of_applicability()
    risk_register()
    training_records()
    text_sidecars()


if __name__ == "__main__":
    main()
