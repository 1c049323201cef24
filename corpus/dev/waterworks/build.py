# ruff: noqa: E501  (document text and register rows are kept one item per line)
"""Build csv/txt/docx/xlsx/pdf documents and sidecars for the Lowmoor Regional Water holdout corpus."""
import csv
from pathlib import Path

import yaml
from docx import Document
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Font

D = Path(__file__).resolve().parent / "docs"


def side(rel, **m):
    (D / (rel + ".meta.yaml")).write_text(yaml.safe_dump(m, sort_keys=False), encoding="utf-8")


def wcsv(rel, rows):
    with (D / rel).open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def wdocx(rel, title, blocks):
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = "Lowmoor Regional Water"
    doc.add_heading(title, level=0)
    for k, c in blocks:
        if k == "h":
            doc.add_heading(c, level=1)
        elif k == "p":
            doc.add_paragraph(c)
        elif k == "ul":
            for i in c:
                doc.add_paragraph(i, style="List Bullet")
        elif k == "t":
            t = doc.add_table(rows=len(c), cols=len(c[0]))
            t.style = "Table Grid"
            for i, r in enumerate(c):
                for j, v in enumerate(r):
                    t.cell(i, j).text = str(v)
    doc.save(str(D / rel))


def wpdf(rel, title, footer, blocks):
    class P(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 5, f"{footer} - page {self.page_no()}", align="C")
    pdf = P()
    pdf.set_title(title)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    for k, c in blocks:
        if k == "h":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, c, new_x="LMARGIN", new_y="NEXT")
        elif k == "p":
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, c, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif k == "ul":
            pdf.set_font("Helvetica", "", 10)
            for i in c:
                pdf.multi_cell(0, 5, "- " + i, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
    pdf.output(str(D / rel))


# ------------------------------------------------------------ AIMS manual (docx)
wdocx("governance/LRW-GOV-111_aims_manual.docx", "AIMS Manual - Lowmoor Regional Water (LRW-GOV-111)", [
    ("p", "Version 2.1, effective 4 May 2026. Owner: Sunita Rao, AI Governance Manager. Approved by the AI Steering Group on 28 April 2026. Classification: Internal."),
    ("h", "1. About this manual"),
    ("p", "This manual describes how Lowmoor Regional Water manages the artificial intelligence it builds, buys and uses: the issues that shape it, the people who have a stake in it, the boundaries of the AI management system (AIMS), our AI objectives and the resources, communication and document rules that support it."),
    ("h", "2. Our situation"),
    ("p", "External issues considered by the AI Steering Group in March 2026:"),
    ("ul", [
        "Regulation: Ofwat performance commitments on leakage (target 15% reduction by March 2030 against the 2024-25 baseline); Drinking Water Inspectorate expectations on treatment control; UK data protection law; the Government's pro-innovation approach to AI regulation and sector regulators' AI guidance.",
        "Climate: hotter, drier summers causing demand peaks and more frequent hosepipe-ban decisions.",
        "Customers: rising expectations of 24-hour digital service, and a growing Priority Services Register (about 96,000 households).",
        "Technology and suppliers: rapid change in large language models; dependence on two specialist AI vendors.",
        "Security: water is critical national infrastructure; AI tools create new routes for data loss.",
    ]),
    ("p", "Internal issues: a small in-house data science team (3 people); ageing SCADA at four of our eleven treatment works; the 2025-2030 business plan commitment to 'digital first' customer service; a cautious safety culture in Water Production."),
    ("p", "Our role in the AI value chain: we are the developer and operator of LeakSense and DemandCast, and a deployer (user) of AI products supplied by Corvane Language Systems (Pippa's language model) and Kelpie Process Analytics (TrendGuard). We do not sell or provide AI systems to others."),
    ("h", "3. Interested parties"),
    ("t", [
        ["Interested party", "What they expect from our use of AI", "How we respond"],
        ["Customers (household and business)", "Accurate answers, a person when needed, data kept safe", "Pippa controls, AIA, complaints route"],
        ["Customers in vulnerable circumstances", "Not disadvantaged by automation", "Immediate hand-off rules; Priority Services checks"],
        ["Drinking Water Inspectorate", "Operators stay in control of treatment; events reported", "AI Policy public-health rule; incident reporting"],
        ["Ofwat", "Leakage and service performance; fair treatment of customers", "LeakSense objectives; customer measures"],
        ["Information Commissioner's Office", "Lawful, transparent use of personal data", "DPIAs, masking, retention limits"],
        ["Employees and trade unions", "Consultation on changes to jobs; training", "Workforce plan; AI Essentials training"],
        ["AI suppliers", "Clear requirements and shared responsibilities", "Supplier assessments and contracts"],
        ["Board and Audit and Risk Committee", "Assurance that AI risk is controlled", "Internal audit; annual AIMS report"],
    ]),
    ("h", "4. Scope of the AIMS"),
    ("p", "The AIMS covers the four AI systems in the AI system register below, the people and teams who develop, operate and supervise them, and the use of generative AI tools by all staff. It covers our head office at Eskdale House, the Network Operations Centre and the eleven water treatment works. Wastewater treatment process control is out of scope because no AI is used there; the AIMS will be extended if an AI system is introduced in wastewater."),
    ("p", "AI system register (maintained by the AI Governance Manager):"),
    ("t", [
        ["Ref", "System", "Purpose", "Built or bought", "Status", "AIA"],
        ["AIS-01", "LeakSense", "Daily leak likelihood scores for pipe segments", "Built in-house", "Live since Nov 2023", "Not yet completed"],
        ["AIS-02", "DemandCast", "Next-day and 14-day water demand forecast per water resource zone", "Built in-house", "Live since Apr 2024", "Not yet completed"],
        ["AIS-03", "Pippa", "Customer virtual assistant on web and app", "Bought-in LLM (Corvane) with our content", "Live since Sep 2025", "Approved 11 Jun 2026"],
        ["AIS-04", "TrendGuard", "Anomaly alerts on treatment works instrument data", "Bought (Kelpie Process Analytics)", "Live at 7 of 11 works since Mar 2025", "Approved 9 Sep 2026"],
    ]),
    ("h", "5. AI objectives for 2026-27"),
    ("t", [
        ["Ref", "Objective", "Measure and target", "Owner", "Due"],
        ["OBJ-1", "Every AI system has an approved impact assessment", "4 of 4 systems", "AI Governance Manager", "31 Dec 2026"],
        ["OBJ-2", "Find leaks sooner", "Average leak awareness-to-repair time under 5 days on metallic mains", "Network Performance Manager", "31 Mar 2027"],
        ["OBJ-3", "Reliable demand forecasts", "DemandCast MAPE 4% or lower in 11 of 12 months", "Demand and Resources Planning Lead", "31 Mar 2027"],
        ["OBJ-4", "Safe customer answers", "Pippa weekly test set 95% or higher every week; zero P1 incidents", "Head of Customer Operations", "31 Mar 2027"],
        ["OBJ-5", "AI-aware workforce", "95% of staff complete AI Essentials; 100% of Copilot users complete GAI-2", "AI Governance Manager", "31 Mar 2027"],
    ]),
    ("p", "Progress against objectives is reported at every quarterly AI Steering Group meeting."),
    ("h", "6. Resources"),
    ("p", "The ELT approved an AIMS budget of GBP 285,000 for 2026-27, covering the AI Governance Manager post, 0.5 FTE governance analyst, external validation support for TrendGuard, training licences and the internal audit days. Data science and platform staff are funded from the Digital budget."),
    ("h", "7. AI supplier assurance"),
    ("p", "Every AI supplier is assessed by Digital Procurement with Information Security and the DPO before contract award, and reassessed every 12 months for suppliers rated critical and every 24 months for others. Contracts must include: no use of our data for the supplier's model training without written consent; notice of model changes (at least 30 days); incident notification; the right to audit; and UK or EEA data location. The supplier register records the last and next assessment for each supplier."),
    ("h", "8. Communication"),
    ("t", [
        ["What", "Who to", "How", "When", "Owner"],
        ["AI Policy and guideline changes", "All staff", "Intranet news and team briefing pack", "Within 2 weeks of approval", "AI Governance Manager"],
        ["AIMS performance", "ELT and Audit and Risk Committee", "Annual AIMS report", "November each year", "Director of Digital and Asset Intelligence"],
        ["How we use AI", "Customers and the public", "'How we use AI' page on lowmoorwater.example", "Updated when a system changes", "Head of Customer Operations"],
        ["Model and threshold changes", "Users of the system", "Release note and toolbox talk", "Before go-live", "System Custodian"],
    ]),
    ("h", "9. Awareness"),
    ("p", "All staff complete the AI Essentials e-learning (AIE-1) within 30 days of joining and every two years after that. It explains the AI Policy, how to recognise and report an AI incident and how to raise a concern."),
    ("h", "10. Documented information"),
    ("p", "AIMS documents carry a code (LRW-GOV, LRW-RSK, LRW-DAT, LRW-OPS), a version number, an owner and a classification (Public, Internal, Confidential, Restricted). Drafts are reviewed by the AI Governance Manager and approved by the body named on the front page. The master copy is the PDF or native file in the AIMS SharePoint library; printed copies are uncontrolled. Superseded versions are moved to the archive folder, marked SUPERSEDED, and kept for 6 years. Access to Confidential and Restricted documents is limited to named SharePoint groups."),
])
side("governance/LRW-GOV-111_aims_manual.docx", title="AIMS Manual", doc_type="policy", classification="internal",
     owner="AI Governance Manager", version="2.1", effective_date="2026-05-04", status="current")

# ------------------------------------------------------------ TrendGuard AIA (docx)
wdocx("risk/LRW-RSK-123_aia_trendguard.docx", "AI Impact Assessment - TrendGuard treatment works anomaly detection (LRW-RSK-123)", [
    ("p", "Template LRW-RSK-120-T1. System Custodian: Dafydd Price, Treatment Operations Manager. Prepared with Dr Mei Lin Harcourt, Water Quality Manager. Approved by the AI Steering Group on 9 September 2026 (minute ASG/26/3/5)."),
    ("h", "1. System description"),
    ("p", "TrendGuard is a software service from Kelpie Process Analytics Ltd. It reads one-minute readings of raw and treated water turbidity, free chlorine, pH, coagulant dose flow and filter head loss from the site historian, learns each works' normal pattern, and raises an alert on the control room screen when readings depart from that pattern. It is live at 7 of our 11 water treatment works. It does not control any plant: operators decide what to do with every alert."),
    ("h", "2. Who is affected"),
    ("t", [
        ["Group", "Possible effect", "Controls"],
        ["Consumers supplied by the 7 works (about 910,000 people)", "A missed alert delays the response to a treatment failure, such as coagulant underdosing", "TrendGuard is an extra layer; existing hard alarms and shutdowns on the PLCs are unchanged; monthly replay test of 12 reference events"],
        ["Works operators", "Alert fatigue; over-reliance on TrendGuard", "Alert rate reviewed monthly; operator training module TG-OP-1; alerts never replace routine checks"],
        ["Process Scientists", "Extra escalations out of hours", "Escalation only after 30 minutes unacknowledged"],
    ]),
    ("h", "3. Human oversight"),
    ("p", "Operators must acknowledge each alert and record what they found. The duty Process Scientist reviews all alerts each morning. TrendGuard has no write access to SCADA."),
    ("h", "4. Data protection"),
    ("p", "No personal data is processed apart from operator user names on acknowledgements. DPIA screening DP-2026-004 concluded a full DPIA is not needed."),
    ("h", "5. Residual concerns"),
    ("ul", [
        "Kelpie has not told us where the data used to build its base models came from; its reassessment is overdue.",
        "At the 4 works with older SCADA, TrendGuard is not available; this is recorded as risk RR-13.",
    ]),
    ("h", "6. Decision"),
    ("p", "Approved for continued use at the 7 works, with the condition that the Kelpie supplier reassessment is completed by 30 November 2026. Next review due by September 2028."),
])
side("risk/LRW-RSK-123_aia_trendguard.docx", title="AI Impact Assessment - TrendGuard", doc_type="impact_assessment",
     classification="confidential", owner="Treatment Operations Manager", version="1.0", effective_date="2026-09-09", status="current")

# ------------------------------------------------------------ Kelpie assessment (docx)
wdocx("suppliers/supplier_assessment_kelpie_process_analytics.docx", "AI Supplier Assessment - Kelpie Process Analytics Ltd", [
    ("p", "Assessment date: 12 August 2024. Assessed by Lisa Thorne (Digital Procurement) and Imran Qureshi (Information Security). Product: TrendGuard anomaly detection service, contract LRW-C-2024-0188 (5 years from 1 October 2024). Supplier criticality: Critical. Outcome: Approved."),
    ("h", "Summary"),
    ("p", "Kelpie Process Analytics Ltd is a Glasgow-based company of about 60 staff that supplies anomaly detection to water and food manufacturing sites. TrendGuard runs in Kelpie's private cloud (UK) and reads our historian data through a one-way data diode at each works."),
    ("h", "Findings"),
    ("t", [
        ["Area", "Finding", "Rating"],
        ["Information security", "Cyber Essentials Plus; ISO/IEC 27001 certification in progress (expected 2025)", "Acceptable"],
        ["Remote access", "Kelpie engineers connect through our privileged access gateway only", "Good"],
        ["Model updates", "Kelpie updates base models about twice a year; contract requires 30 days' notice and release notes", "Acceptable"],
        ["Training data", "Base models built on data from other customers' sites; Kelpie declined to give details, citing confidentiality", "Weak"],
        ["Performance evidence", "Kelpie reference case studies; our own 3-month pilot at Hollins Cross WTW detected 11 of 12 past events", "Acceptable"],
        ["Business continuity", "Small company; source code escrow agreed", "Acceptable"],
    ]),
    ("h", "Shared responsibilities"),
    ("t", [
        ["Activity", "Lowmoor", "Kelpie"],
        ["Instrument maintenance and data quality", "Responsible", "-"],
        ["Model building and updates", "Approves go-live", "Responsible"],
        ["Responding to alerts", "Responsible", "-"],
        ["Service availability (99.5%)", "Informed", "Responsible"],
    ]),
    ("h", "Next steps"),
    ("p", "Reassessment due by 12 August 2025 (critical supplier, annual cycle). Check ISO/IEC 27001 certificate and ask again about training data sources at the reassessment."),
])
side("suppliers/supplier_assessment_kelpie_process_analytics.docx", title="AI Supplier Assessment - Kelpie Process Analytics Ltd",
     doc_type="record", classification="confidential", owner="Category Manager - Digital Procurement", version="1.0",
     effective_date="2024-08-12", status="current")

# ------------------------------------------------------------ DemandCast model card (pdf)
wpdf("systems/model_card_demandcast.pdf", "Model Card - DemandCast (version 2.4)", "LRW model card DemandCast v2.4 - Internal", [
    ("p", "System Custodian: Eleanor Voss, Demand and Resources Planning Lead. Built by the Lowmoor Digital Data Science team. In service since April 2024; version 2.4 since 2 February 2026."),
    ("h", "Purpose"),
    ("p", "DemandCast forecasts daily drinking water demand for each of our 6 water resource zones, for the next day and the next 14 days. Planners use it to schedule treatment works output, pumping and reservoir levels, and it is one input to the drought and hosepipe-ban decisions taken by the Water Resources Group."),
    ("p", "Not for: billing, individual customer consumption, or any decision about a single household. A hosepipe ban is never decided on DemandCast output alone."),
    ("h", "Requirements"),
    ("ul", [
        "Next-day MAPE of 4% or lower per zone on a rolling 7-day basis.",
        "Forecast published by 05:30 each day.",
        "Planners can see the main drivers (temperature, day of week, holidays) for each forecast.",
    ]),
    ("h", "Model and data"),
    ("p", "An ensemble of gradient-boosted trees and a seasonal regression model. Inputs: bulk meter flows into each zone (15-minute), aggregated smart meter readings from about 210,000 meters, Met Office-based 14-day forecasts bought from WeatherLine Data Ltd, school and bank holiday calendars. Trained on January 2019 to October 2025."),
    ("h", "Validation"),
    ("p", "Back-test on November 2024 to October 2025: next-day MAPE 3.1% on average across zones, worst zone (Eskdale North) 4.6%. During the July 2025 heatwave week MAPE rose to 7.9%; a heat-stress feature was added in version 2.4 and reduced it to 5.2% on replay. Accepted by the AI Change Panel on 27 January 2026."),
    ("h", "Resources"),
    ("p", "Tooling: Python 3.11, LightGBM, statsmodels, MLflow. Computing: Lowmoor data platform (Azure, UK South), scheduled daily at 04:45. People: 1 FTE data scientist (shared), 2 demand planners."),
    ("h", "Information for users"),
    ("p", "Planners see the forecast, a confidence band (10th to 90th percentile) and driver chart on the Water Resources dashboard. If the band is wider than 15% of the forecast, the dashboard shows a 'check manually' banner."),
    ("h", "Known limitations"),
    ("ul", [
        "Under-forecasts in prolonged heatwaves above 30 degrees C.",
        "Large new housing developments take about 6 months to show in the data.",
        "Smart meter coverage is lower in the Eskdale North zone (38% of properties).",
    ]),
])
side("systems/model_card_demandcast.pdf", title="Model Card - DemandCast", doc_type="model_card", classification="internal",
     owner="Demand and Resources Planning Lead", version="2.4", effective_date="2026-02-02", status="current")

# ------------------------------------------------------------ Internal audit report (pdf, restricted)
wpdf("assurance/internal_audit_report_IA-2026-07_ai_management.pdf", "Internal Audit Report IA-2026-07: AI Management System",
     "RESTRICTED - Lowmoor Regional Water Internal Audit", [
    ("p", "Classification: RESTRICTED - distribution limited to ELT, Audit and Risk Committee, AI Steering Group chair and AI Governance Manager."),
    ("p", "Report date: 8 July 2026. Lead auditor: Tom Achebe, Head of Internal Audit, with Nadia Okonjo (Senior Auditor). Fieldwork: 8 to 26 June 2026."),
    ("h", "1. Scope and programme"),
    ("p", "This was the first internal audit of the AI management system, carried out under the 2026-2027 AIMS audit programme approved by the Audit and Risk Committee on 3 March 2026. The programme covers AIMS governance and LeakSense, Pippa and TrendGuard in 2026, and DemandCast and a follow-up of this report in 2027. Audit criteria: the AI Policy LRW-GOV-110 and its supporting procedures."),
    ("h", "2. Overall opinion"),
    ("p", "Moderate assurance. The governance structure is in place and working, but key controls are not yet applied to every AI system. We raised 4 findings and 2 observations."),
    ("h", "3. Findings"),
    ("p", "F1 (High) - Impact assessments not completed. LRW-RSK-120 requires an AI impact assessment for every AI system, but LeakSense and DemandCast have none, although both are live. TrendGuard's assessment was still in draft at the time of fieldwork."),
    ("p", "F2 (Medium) - Supplier reassessment overdue. Kelpie Process Analytics, rated a critical supplier, was due for reassessment by 12 August 2025 and has not been reassessed. Its ISO/IEC 27001 status has not been checked since 2024."),
    ("p", "F3 (Medium) - TrendGuard data completeness checks not evidenced. The AI Data Management Procedure requires a monthly completeness check of instrument data. Treatment Operations could show evidence for only 3 of the 6 months sampled (January to June 2026)."),
    ("p", "F4 (Low) - Generative AI training. Only 61% of Lowmoor Copilot licence holders had completed the GAI-2 module, against the rule that it is completed before the licence is switched on."),
    ("h", "4. Observations"),
    ("p", "O1 - Data provenance. None of the four systems keeps a record of where each training or reference dataset came from, when it was extracted and what was done to it. The LeakSense repair labels and the Kelpie base models could not be traced to their source."),
    ("p", "O2 - The 'How we use AI' page on the public website does not yet mention TrendGuard."),
    ("h", "5. Good practice"),
    ("ul", [
        "Pippa's fixed scripted mode for water quality events was tested in the March 2026 exercise and worked as designed.",
        "We sampled 14 TrendGuard alerts at Hollins Cross WTW: all 14 were acknowledged within 15 minutes and had an operator comment.",
    ]),
    ("h", "6. Management responses"),
    ("p", "Management accepted all findings. Actions are recorded in the AIMS corrective action log as CA-03 to CA-07."),
])
side("assurance/internal_audit_report_IA-2026-07_ai_management.pdf", title="Internal Audit Report IA-2026-07 AI Management System",
     doc_type="audit_report", classification="restricted", owner="Head of Internal Audit", version="1.0",
     effective_date="2026-07-08", status="current")

# ------------------------------------------------------------ registers (csv)
H = ["Risk ID", "AI system", "Risk", "Likelihood", "Consequence", "Score", "Rating", "Treatment", "Risk owner", "Status", "Due date", "Last reviewed"]
R = [
    ["RR-01", "LeakSense", "False leak alerts send technicians out unnecessarily", 4, 2, 8, "Medium", "Confidence flag; PRV and pumping station exclusion zones", "Rajesh Patel", "Treatment in progress", "2027-01-31", "2026-10-14"],
    ["RR-02", "LeakSense", "Leaks on plastic mains missed because acoustic detection is weak", 3, 4, 12, "High", "Low-confidence flag; trial of flow-only model for plastic DMAs", "Rajesh Patel", "Open", "2027-03-31", "2026-10-14"],
    ["RR-03", "DemandCast", "Forecast too low during heatwave leads to supply shortfall", 3, 4, 12, "High", "Heat-stress feature (v2.4); manual forecast fallback above 6% MAPE", "Eleanor Voss", "Treatment in progress", "2026-12-31", "2026-10-14"],
    ["RR-04", "TrendGuard", "Missed anomaly during coagulant underdosing delays operator response", 2, 5, 10, "High", "PLC hard alarms unchanged; monthly replay test of 12 reference events", "Dafydd Price", "Accepted", "2026-09-30", "2026-10-14"],
    ["RR-05", "TrendGuard", "Vendor base model update introduced without our go-live check", 3, 3, 9, "Medium", "30-day notice clause; AI Change Panel review of release notes", "Dafydd Price", "Open", "2027-02-28", "2026-10-14"],
    ["RR-06", "Pippa", "Out-of-date advice about boil water or do-not-drink notices", 2, 5, 10, "High", "Fixed scripted mode during water quality events", "Claire Dunmore", "Treatment in progress", "2026-12-31", "2026-10-14"],
    ["RR-07", "Pippa", "Customer personal data processed by LLM vendor outside UK/EEA", 3, 4, 12, "High", "Masking; contract variation removing US fallback region", "Aoife Brennan", "Closed", "2026-08-31", "2026-10-14"],
    ["RR-08", "Pippa", "Invented answers about tariffs, bills or payment plans", 4, 3, 12, "High", "Answers limited to approved articles; weekly 150-question test set", "Claire Dunmore", "Open", "2027-03-31", "2026-10-14"],
    ["RR-09", "Pippa", "Customers in vulnerable circumstances find it harder to reach a person", 3, 3, 9, "Medium", "Keyword hand-off; Priority Services Register check after login", "Claire Dunmore", "Treatment in progress", "2027-01-31", "2026-10-14"],
    ["RR-10", "All / generative AI", "Staff paste customer or asset information into public AI tools", 5, 4, 20, "Very High", "Generative AI Guideline; web filtering of public AI sites; GAI-2 training", "Imran Qureshi", "Treatment in progress", "2026-12-31", "2026-10-14"],
    ["RR-11", "DemandCast", "Smart meter feed goes stale without anyone noticing", 2, 2, 4, "Low", "Automated completeness check with alert", "Eleanor Voss", "Closed", "2026-04-30", "2026-07-15"],
    ["RR-12", "LeakSense", "Logger battery failures reduce coverage in some DMAs", 3, 2, 6, "Medium", "Battery replacement programme", "Rajesh Patel", "Closed", "2026-06-30", "2026-07-15"],
    ["RR-13", "TrendGuard", "Four works with older SCADA have no anomaly detection", 3, 3, 9, "Medium", "SCADA upgrade in capital programme 2027-28", "Dafydd Price", "Accepted", "2027-12-31", "2026-10-14"],
    ["RR-14", "All", "Loss of key data science staff leaves models unsupported", 2, 4, 8, "Medium", "Documentation in MLflow; knowledge-sharing rota", "Kofi Mensah", "Open", "2027-03-31", "2026-10-14"],
]
wcsv("risk/LRW-RSK-121_ai_risk_register.csv", [H, *R])
side("risk/LRW-RSK-121_ai_risk_register.csv", title="AI Risk Register", doc_type="risk_assessment", classification="confidential",
     owner="AI Governance Manager", version="2026-Q3", effective_date="2026-10-14", status="current")

wcsv("suppliers/ai_supplier_register.csv", [
    ["Supplier ID", "Supplier", "Provides", "AI system", "Criticality", "Last assessed", "Next assessment due", "Assessment status", "Owner"],
    ["SUP-01", "Corvane Language Systems Ltd", "Hosted large language model API", "Pippa", "Critical", "2026-05-20", "2027-05-20", "Approved with conditions", "Lisa Thorne"],
    ["SUP-02", "Kelpie Process Analytics Ltd", "TrendGuard anomaly detection service", "TrendGuard", "Critical", "2024-08-12", "2025-08-12", "Overdue", "Lisa Thorne"],
    ["SUP-03", "Sonivue Instruments Ltd", "Acoustic loggers and logger data service", "LeakSense", "Critical", "2025-11-03", "2026-11-03", "Reassessment booked for 2027-01-15", "Lisa Thorne"],
    ["SUP-04", "Meridian Cloud Services UK", "Data platform hosting (Azure partner)", "LeakSense; DemandCast", "Critical", "2026-02-10", "2027-02-10", "Approved", "Kofi Mensah"],
    ["SUP-05", "WeatherLine Data Ltd", "14-day weather forecast feed", "DemandCast", "Standard", "2025-03-01", "2027-03-01", "Approved", "Lisa Thorne"],
    ["SUP-06", "Brightdesk Contact Solutions", "Contact centre platform hosting the Pippa chat window", "Pippa", "Standard", "2026-07-15", "2028-07-15", "Approved", "Lisa Thorne"],
])
side("suppliers/ai_supplier_register.csv", title="AI Supplier Register", doc_type="record", classification="confidential",
     owner="Category Manager - Digital Procurement", version="2026-11", effective_date="2026-11-02", status="current")

wcsv("assurance/aims_corrective_action_log.csv", [
    ["CA ID", "Raised", "Source", "Nonconformity or issue", "Root cause", "Action", "Owner", "Due date", "Status", "Effectiveness check"],
    ["CA-01", "2026-02-09", "Incident INC-AI-2026-003", "Pippa gave out-of-date boil water advice for 40 minutes after a notice was lifted in Hollins Cross", "Knowledge article not withdrawn when notice lifted", "Fixed scripted mode for water quality events; Water Quality sign-off on withdrawal", "Claire Dunmore", "2026-03-31", "Closed", "Tested in March 2026 exercise - effective"],
    ["CA-02", "2026-01-20", "ASG meeting January 2026", "AI policy version 1.0 not reviewed and not fit for the AIMS", "Policy owned by IT with no review trigger", "Rewrite AI Policy as version 2.0 with 12-month review", "Marcus Fenwick", "2026-04-01", "Closed", "Policy v2.0 issued 1 Apr 2026"],
    ["CA-03", "2026-07-08", "Internal audit IA-2026-07 F1", "No AI impact assessment for LeakSense", "Procedure issued after go-live; no owner for back-filling", "Complete and approve LeakSense AIA", "Rajesh Patel", "2026-12-18", "Open", ""],
    ["CA-04", "2026-07-08", "Internal audit IA-2026-07 F1", "No AI impact assessment for DemandCast", "As CA-03", "Complete and approve DemandCast AIA", "Eleanor Voss", "2027-01-29", "In progress", ""],
    ["CA-05", "2026-07-08", "Internal audit IA-2026-07 F2", "Kelpie Process Analytics reassessment overdue since August 2025", "Reassessment reminders not set up in the supplier register", "Complete reassessment; add reminders to register", "Lisa Thorne", "2026-11-30", "Open - overdue", ""],
    ["CA-06", "2026-07-08", "Internal audit IA-2026-07 F3", "TrendGuard monthly data completeness check not evidenced for 3 of 6 months", "Check done by one Process Scientist; not covered during absence", "Automate the completeness report from the historian", "Dafydd Price", "2027-02-26", "In progress", ""],
    ["CA-07", "2026-07-08", "Internal audit IA-2026-07 F4", "Copilot licences switched on before GAI-2 completed", "Licence requests not linked to the learning system", "Link licence workflow to GAI-2 completion; chase outstanding staff", "Sunita Rao", "2027-03-31", "In progress", ""],
    ["CA-08", "2026-05-14", "Incident INC-AI-2026-007", "Cluster of 63 false LeakSense alerts in two DMAs after logger firmware update", "Firmware changed noise baseline; not treated as a model change", "Firmware updates added to AI Change Panel triggers; model recalibrated", "Rajesh Patel", "2026-06-30", "Closed", "No repeat after August firmware release - effective"],
    ["CA-09", "2026-08-21", "Monitoring - DemandCast action level", "DemandCast MAPE above 6% on 4 consecutive days during August heatwave", "Heat-stress feature under-weighted above 31 degrees C", "Retrain with 2026 summer data; manual forecast used meanwhile", "Eleanor Voss", "2026-10-31", "Closed", "September MAPE 3.4% - effective"],
    ["CA-10", "2026-09-29", "Incident INC-AI-2026-011", "A billing adviser pasted a customer's account details into a public AI website to draft a letter", "Public AI sites not blocked; adviser had not done GAI-2", "Block public AI sites on the corporate network; team briefing; DPO breach assessment", "Imran Qureshi", "2026-12-31", "In progress", ""],
])
side("assurance/aims_corrective_action_log.csv", title="AIMS Corrective Action Log", doc_type="nonconformity_log",
     classification="confidential", owner="AI Governance Manager", version="2026-11-02", effective_date="2026-11-02", status="current")

# ------------------------------------------------------------ training records (xlsx)
wb = Workbook()
ws = wb.active
ws.title = "Records"
rows = [
    ["Record", "Name", "Job title", "Course", "Required by", "Completed", "Status"],
    ["TR-01", "Sunita Rao", "AI Governance Manager", "AIMS Lead Implementer (external, 5 days)", "2026-06-30", "2026-03-27", "Complete"],
    ["TR-02", "Sunita Rao", "AI Governance Manager", "Responsible Generative AI (GAI-2)", "2026-06-30", "2026-06-03", "Complete"],
    ["TR-03", "Tom Achebe", "Head of Internal Audit", "AIMS Internal Auditor (AUD-42)", "2026-05-31", "2026-05-15", "Complete"],
    ["TR-04", "Nadia Okonjo", "Senior Auditor", "AIMS Internal Auditor (AUD-42)", "2026-05-31", "2026-05-15", "Complete"],
    ["TR-05", "Rajesh Patel", "Network Performance Manager", "System Custodian briefing (SCB-1)", "2026-06-30", "2026-06-12", "Complete"],
    ["TR-06", "Eleanor Voss", "Demand and Resources Planning Lead", "System Custodian briefing (SCB-1)", "2026-06-30", "", "Overdue"],
    ["TR-07", "Claire Dunmore", "Head of Customer Operations", "System Custodian briefing (SCB-1)", "2026-06-30", "2026-06-12", "Complete"],
    ["TR-08", "Dafydd Price", "Treatment Operations Manager", "System Custodian briefing (SCB-1)", "2026-06-30", "2026-07-02", "Complete"],
    ["TR-09", "Priya Nandakumar", "Lead Data Scientist", "Responsible Generative AI (GAI-2)", "2026-06-30", "", "Overdue"],
    ["TR-10", "Owen Pritchard", "Billing Adviser", "Responsible Generative AI (GAI-2)", "2026-09-30", "", "Overdue"],
    ["TR-11", "Grace Mbeki", "Customer Insight Analyst", "Responsible Generative AI (GAI-2)", "2026-09-30", "2026-08-19", "Complete"],
    ["TR-12", "Hollins Cross WTW operators (9 staff)", "Process Operator", "TrendGuard operator module (TG-OP-1)", "2026-04-30", "2026-04-22", "Complete"],
    ["TR-13", "Kofi Mensah", "Data Platform Lead", "Responsible Generative AI (GAI-2)", "2026-12-31", "", "In progress"],
    ["TR-14", "Contact centre advisers (142 staff)", "Customer Adviser", "Pippa hand-off and escalation (PHE-1)", "2026-03-31", "2026-03-30", "Complete"],
]
for r in rows:
    ws.append(r)
for c in ws[1]:
    c.font = Font(bold=True)
s2 = wb.create_sheet("Summary")
for r in [["Measure", "Value", "Target"],
          ["AI Essentials (AIE-1) completion, all staff", "83%", "95%"],
          ["GAI-2 completion, Copilot licence holders", "61%", "100%"],
          ["Figures as at", "2026-10-31", ""]]:
    s2.append(r)
wb.save(str(D / "people/ai_training_and_competence_records.xlsx"))
side("people/ai_training_and_competence_records.xlsx", title="AI Training and Competence Records", doc_type="record",
     classification="confidential", owner="AI Governance Manager", version="2026-10", effective_date="2026-10-31", status="current")
print("built")
