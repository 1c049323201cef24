"""OSCAL exports: the clause catalog as an OSCAL catalog (our own summaries, never the standard's text).

Ids become OSCAL tokens by :func:`oscal_id`: lower case, a leading letter kept, anything outside
``[a-z0-9._-]`` replaced by ``-`` and a ``c-`` prefix when the id starts with a digit (``6.1.4`` → ``c-6.1.4``,
``A.6.2.4`` → ``a-6.2.4``). The original id is kept in a ``label`` prop of every control.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from assistant.catalog import Catalog, CatalogEntry
from assistant.models import Citation, GapReport

#: Namespace of Clausewise's own props (OSCAL requires a URI for non-OSCAL props).
NS = "https://clausewise.dev/ns/oscal"
#: OSCAL version the documents declare.
OSCAL_VERSION = "1.1.3"
_TOKEN_BAD = re.compile(r"[^a-z0-9._-]+")


def oscal_id(entry_id: str) -> str:
    """A catalog id as an OSCAL token: ``A.6.2.4`` → ``a-6.2.4``, ``6.1.4`` → ``c-6.1.4``."""
    text = entry_id.strip().lower()
    if text.startswith("a."):
        text = "a-" + text[2:]
    text = _TOKEN_BAD.sub("-", text)
    if not text or not text[0].isalpha():
        text = "c-" + text
    return text


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _control(entry: CatalogEntry, catalog: Catalog) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [
        {"id": f"{oscal_id(entry.id)}_gdn", "name": "guidance", "prose": entry.summary or entry.title}
    ]
    if entry.obligations:
        parts.append(
            {
                "id": f"{oscal_id(entry.id)}_obj",
                "name": "assessment-objective",
                "parts": [
                    {"id": f"{oscal_id(entry.id)}_obj.{n}", "name": "assessment-objective", "prose": text}
                    for n, text in enumerate(entry.obligations, 1)
                ],
            }
        )
    props: list[dict[str, Any]] = [
        {"name": "label", "value": entry.id},
        {"name": "kind", "ns": NS, "value": entry.kind},
    ]
    if entry.suggested_owner:
        props.append({"name": "suggested-owner", "ns": NS, "value": entry.suggested_owner})
    control: dict[str, Any] = {"id": oscal_id(entry.id), "title": entry.title, "props": props, "parts": parts}
    children = [_control(child, catalog) for child in catalog.children(entry.id)]
    if children:
        control["controls"] = children
    return control


def catalog_document(catalog: Catalog) -> dict[str, Any]:
    """The catalog as an OSCAL catalog document (``{"catalog": …}``), one top-level control per root entry."""
    roots = [entry for entry in catalog if not entry.parent or entry.parent not in catalog]
    return {
        "catalog": {
            "uuid": str(uuid.uuid4()),
            "metadata": {
                "title": "ISO/IEC 42001:2023 clauses and Annex A controls (Clausewise summaries)",
                "last-modified": _now(),
                "version": catalog.content_hash[:12],
                "oscal-version": OSCAL_VERSION,
                "remarks": (
                    "Clause and control ids and titles are facts; every summary and obligation is Clausewise's own "
                    "wording, not the text of ISO/IEC 42001. Control ids map A.x.y → a-x.y and x.y → c-x.y; the "
                    "original id is the 'label' prop."
                ),
            },
            "controls": [_control(entry, catalog) for entry in roots],
        }
    }


def catalog_json(catalog: Catalog) -> str:
    """The OSCAL catalog as indented JSON text."""
    return json.dumps(catalog_document(catalog), indent=2, ensure_ascii=False) + "\n"


def _relevant_evidence(citation: Citation) -> dict[str, Any]:
    where = citation.title + (f", § {citation.section}" if citation.section else "")
    evidence: dict[str, Any] = {
        "href": citation.source or citation.doc_id,
        "description": f"{where}: “{citation.quote}”",
        "props": [
            {"name": "document", "ns": NS, "value": citation.doc_id},
            {"name": "classification", "ns": NS, "value": citation.classification},
        ],
    }
    if citation.section:
        evidence["props"].append({"name": "section", "ns": NS, "value": citation.section})
    return evidence


def assessment_results_document(report: GapReport) -> dict[str, Any]:
    """A gap report as OSCAL assessment-results: one result, an observation per item with evidence, a finding each.

    The report is built by the service for one asker, so its citations already respect that asker's clearance;
    nothing here reads the index. ``covered`` → ``satisfied``; ``partial`` / ``missing`` → ``not-satisfied`` with
    the Clausewise verdict, confidence and missing obligations kept in namespaced props.
    """
    now = _now()
    observations: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    for item in report.items:
        obs_uuid = str(uuid.uuid4())
        observation: dict[str, Any] = {
            "uuid": obs_uuid,
            "title": f"Evidence for {item.id} {item.title}",
            "description": item.rationale or f"Evidence found for {item.id}.",
            "methods": ["EXAMINE"],
            "collected": now,
            "props": [{"name": "evidence-strength", "ns": NS, "value": item.evidence_strength}],
        }
        if item.citations:
            observation["relevant-evidence"] = [_relevant_evidence(c) for c in item.citations]
        observations.append(observation)
        props = [
            {"name": "coverage", "ns": NS, "value": item.status},
            {"name": "confidence", "ns": NS, "value": f"{item.confidence:.2f}"},
            {"name": "label", "value": item.id},
        ]
        if item.stale:
            props.append({"name": "stale-evidence", "ns": NS, "value": "true"})
        props += [{"name": "missing-obligation", "ns": NS, "value": text} for text in item.missing_obligations]
        findings.append(
            {
                "uuid": str(uuid.uuid4()),
                "title": f"{item.id} {item.title}: {item.status}",
                "description": item.rationale or f"{item.id} is {item.status}.",
                "props": props,
                "target": {
                    "type": "objective-id",
                    "target-id": oscal_id(item.id),
                    "status": {"state": "satisfied" if item.status == "covered" else "not-satisfied"},
                },
                "related-observations": [{"observation-uuid": obs_uuid}],
            }
        )
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(report.counts.items()))
    return {
        "assessment-results": {
            "uuid": str(uuid.uuid4()),
            "metadata": {
                "title": f"ISO/IEC 42001 gap analysis (scope {report.scope})",
                "last-modified": now,
                "version": report.config_hash[:12] or "1",
                "oscal-version": OSCAL_VERSION,
                "props": [{"name": "role", "ns": NS, "value": report.role}],
            },
            "import-ap": {"href": "#clausewise-gap-analysis"},
            "results": [
                {
                    "uuid": str(uuid.uuid4()),
                    "title": "Clausewise gap analysis",
                    "description": f"Coverage of the organization's documents against the catalog ({counts}).",
                    "start": now,
                    "reviewed-controls": {
                        "control-selections": [
                            {"include-controls": [{"control-id": oscal_id(item.id)} for item in report.items]}
                            if report.items
                            else {"include-all": {}}
                        ]
                    },
                    "observations": observations or None,
                    "findings": findings or None,
                }
            ],
        }
    }


def assessment_results_json(report: GapReport) -> str:
    """The OSCAL assessment-results as indented JSON text (empty lists omitted)."""
    doc = assessment_results_document(report)
    result = doc["assessment-results"]["results"][0]
    for key in ("observations", "findings"):
        if result[key] is None:
            del result[key]
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
