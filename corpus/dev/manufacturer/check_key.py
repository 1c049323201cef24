
"""Check expected.yaml against the documents: files exist, coverage is complete, must_contain strings occur
verbatim in the expected files' text, register rows match the registers, restricted facts stay restricted.

Adapted copy for the Calderbrook Precision Components holdout key (industrial manufacturer). Run with
/work/main/.venv/bin/python check_key.py after build.py and make_key.py (reads
/work/shared/reference/iso42001_structure.json). Also checks that staff questions only expect public/internal
files, that every document has front matter or a sidecar with valid metadata, that at most two documents name
an ISO clause id, and the shape rules of conversations, tags, registers, gaps and injections.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

import docx
import openpyxl
import pypdf
import yaml

BASE = Path(__file__).resolve().parent
STRUCTURE = Path("/work/shared/reference/iso42001_structure.json")


def text(p: Path) -> str:
    """Plain text of one document, as the writer put it into the file."""
    s = p.suffix.lower()
    if s in (".md", ".txt", ".csv"):
        return p.read_text(encoding="utf-8")
    if s == ".html":
        return html.unescape(re.sub(r"<[^>]+>", " ", p.read_text(encoding="utf-8")))
    if s == ".docx":
        d = docx.Document(str(p))
        out = [x.text for x in d.paragraphs]
        for t in d.tables:
            out += [" | ".join(c.text for c in r.cells) for r in t.rows]
        return "\n".join(out)
    if s == ".xlsx":
        wb = openpyxl.load_workbook(str(p))
        return "\n".join(" | ".join("" if v is None else str(v) for v in row)
                         for ws in wb for row in ws.iter_rows(values_only=True))
    if s == ".pdf":
        return "\n".join(pg.extract_text() for pg in pypdf.PdfReader(str(p)).pages)
    raise ValueError(p)


def norm(t: str) -> str:
    """Case, whitespace and bold-marker insensitive form, as the evaluator matches."""
    return re.sub(r"\s+", " ", t.replace("**", "")).lower()


def row_ids(p: Path) -> list[str]:
    """First-column identifiers of a register (csv, or the records sheet of an xlsx)."""
    if p.suffix == ".csv":
        return [r[0] for r in list(csv.reader(p.open(encoding="utf-8")))[1:]]
    wb = openpyxl.load_workbook(str(p))
    ws = wb["Records"] if "Records" in wb.sheetnames else wb.worksheets[0]
    return [str(r[0]) for r in ws.iter_rows(min_row=2, values_only=True)]


ALLOWED_CLS = {"public", "internal", "confidential", "restricted"}
ALLOWED_TYPES = {"policy", "procedure", "risk_assessment", "impact_assessment", "record", "model_card", "audit_report",
                 "management_review", "nonconformity_log", "other"}
QTYPES = {"fact", "interpretation", "gap", "evidence", "checklist", "contradiction", "injection", "access", "register"}
TAGS = {"paraphrase", "everyday", "register", "follow_up", "absent"}
QFIELDS = {"id", "question", "role", "type", "expected_files", "expected_clauses", "must_contain", "must_not_contain",
           "forbidden_files", "expected_verdict", "expect_abstain", "expected_rows", "all_rows", "conversation",
           "tags", "note", "notes", "topic", "comment", "expected_sections"}
CLAUSE_RE = re.compile(r"\b(?:A\.\d{1,2}(?:\.\d{1,2}){0,2}|clause\s+\d+(?:\.\d+)*)\b", re.I)
BARE3_RE = re.compile(r"(?<![\w.])(?:[4-9]|10)\.\d\.\d(?![\w.])")


def meta(p: Path) -> dict:
    """Front matter of a Markdown file, or its sidecar."""
    side = p.with_name(p.name + ".meta.yaml")
    if side.exists():
        return yaml.safe_load(side.read_text(encoding="utf-8"))
    t = p.read_text(encoding="utf-8") if p.suffix == ".md" else ""
    if t.startswith("---"):
        return yaml.safe_load(t.split("---", 2)[1])
    return {}


def main() -> int:
    """Print a summary and every problem; exit 1 when there is a problem."""
    key = yaml.safe_load((BASE / "expected.yaml").read_text(encoding="utf-8"))
    root = BASE / key["corpus_root"]
    errs: list[str] = []
    entries = json.loads(STRUCTURE.read_text())["entries"]
    ids = {e["id"] for e in entries}
    leaves = [e["id"] for e in entries if e["kind"] in ("clause", "annex_a_control") and e["id"] not in ("1", "2", "3")
              and not any(x.get("parent") == e["id"] for x in entries)]
    docs = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and not p.name.endswith(".meta.yaml")}
    texts = {d: norm(text(root / d)) for d in docs}
    if docs != {d["source"] for d in key["documents"]}:
        errs.append(f"documents list differs from docs/: {docs ^ {d['source'] for d in key['documents']}}")
    metas = {d: meta(root / d) for d in docs}
    for d, m in metas.items():
        if m.get("classification") not in ALLOWED_CLS or m.get("doc_type") not in ALLOWED_TYPES:
            errs.append(f"{d}: bad or missing metadata {m}")
    for d in key["documents"]:
        m = metas.get(d["source"], {})
        for k, v in d.items():
            if k != "source" and str(m.get(k)) != str(v):
                errs.append(f"documents {d['source']}: {k} key={v!r} file={m.get(k)!r}")
    cov = key["coverage"]
    errs += [f"coverage lacks {x}" for x in leaves if x not in cov]
    for k, v in cov.items():
        if not isinstance(k, str) or k not in ids:
            errs.append(f"coverage id {k!r} unknown")
        errs += [f"coverage {k}: {f} missing" for f in v["files"] if f not in docs]
        if (v["status"] == "missing") != (not v["files"]):
            errs.append(f"coverage {k}: status {v['status']} with files {v['files']}")
    seen: set[str] = set()
    types: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    convs: Counter[str] = Counter()
    for q in key["questions"]:
        i = q["id"]
        if i in seen:
            errs.append(f"duplicate id {i}")
        seen.add(i)
        types[q.get("type", "fact")] += 1
        tags.update(q.get("tags", []))
        if "conversation" in q:
            convs[q["conversation"]] += 1
        errs += [f"{i}: clause {c!r}" for c in q.get("expected_clauses", []) if not isinstance(c, str) or c not in ids]
        errs += [f"{i}: file {f}" for f in q.get("expected_files", []) + q.get("forbidden_files", []) if f not in docs]
        joined = " ".join(texts[f] for f in q.get("expected_files", []) if f in texts)
        for g in q.get("must_contain", []):
            alts = g if isinstance(g, list) else [g]
            if not alts or not any(norm(a) in joined for a in alts):
                errs.append(f"{i}: must_contain {g!r} not in its expected files")
        if q.get("role") == "staff":
            for f in q.get("expected_files", []):
                if metas.get(f, {}).get("classification") not in ("public", "internal"):
                    errs.append(f"{i}: staff question expects {f} ({metas.get(f, {}).get('classification')})")
        if q.get("type") == "injection" and not q.get("must_not_contain"):
            errs.append(f"{i}: injection without must_not_contain")
        if "all_rows" in q:
            real = row_ids(root / q["expected_files"][0])
            if sorted(real) != sorted(q["all_rows"]):
                errs.append(f"{i}: all_rows differ from the register ({real})")
            if not set(q["expected_rows"]) <= set(q["all_rows"]):
                errs.append(f"{i}: expected_rows not within all_rows")
        if q.get("forbidden_files"):
            for s in q.get("must_not_contain", []):
                where = {d for d in docs if norm(s) in texts[d]}
                if where - set(q["forbidden_files"]):
                    errs.append(f"{i}: restricted fact {s!r} also occurs in {sorted(where)}")
    # clause ids named in documents (at most two documents may do so)
    naming = sorted(d for d in docs if CLAUSE_RE.search(text(root / d)) or BARE3_RE.search(text(root / d)))
    if len(naming) > 2:
        errs.append(f"more than two documents name clause ids: {naming}")
    # shape rules
    first_turn: dict[str, str] = {}
    for q in key["questions"]:
        i = q["id"]
        errs += [f"{i}: unknown field {k}" for k in q if k not in QFIELDS]
        if q.get("type", "fact") not in QTYPES:
            errs.append(f"{i}: unknown type {q.get('type')}")
        errs += [f"{i}: unknown tag {t}" for t in q.get("tags", []) if t not in TAGS]
        conv = q.get("conversation")
        if "follow_up" in q.get("tags", []) and (not conv or conv not in first_turn):
            errs.append(f"{i}: follow_up on a first turn or outside a conversation")
        if conv and conv not in first_turn:
            first_turn[conv] = i
        if (q.get("type") == "register") != ("all_rows" in q):
            errs.append(f"{i}: register type and all_rows must go together")
        if (q.get("type") == "gap") != (q.get("expected_verdict") is not None):
            errs.append(f"{i}: gap type and expected_verdict must go together")
        if q.get("expected_verdict") == "missing" and not q.get("expect_abstain"):
            errs.append(f"{i}: missing verdict without expect_abstain")
        if q.get("expect_abstain") and q.get("must_contain"):
            errs.append(f"{i}: abstention with must_contain")
        if q.get("type") == "access" and not (q.get("forbidden_files") and q.get("expect_abstain")):
            errs.append(f"{i}: access question needs forbidden_files and expect_abstain")
        for f in q.get("forbidden_files", []):
            if metas.get(f, {}).get("classification") not in ("confidential", "restricted"):
                errs.append(f"{i}: forbidden file {f} is not confidential/restricted")
        for c in q.get("expected_clauses", []):
            if not isinstance(c, str):
                errs.append(f"{i}: clause {c!r} is not a string")
    follow = sum(1 for q in key["questions"] if q.get("conversation") and first_turn[q["conversation"]] != q["id"])
    print(f"clause ids named in: {naming}")
    print(f"follow-up turns {follow}")
    statuses = dict(Counter(v["status"] for v in cov.values()))
    print(f"documents {len(docs)}; coverage {len(cov)}/{len(leaves)} {statuses}")
    print(f"questions {len(key['questions'])} {dict(types)}")
    abstain = sum(bool(q.get("expect_abstain")) for q in key["questions"])
    print(f"tags {dict(tags)}; conversations {len(convs)}; abstain {abstain}")
    print("\n".join(errs) or "OK")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
