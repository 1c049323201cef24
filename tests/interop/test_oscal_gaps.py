"""``gaps --format oscal``: OSCAL assessment-results parsed back by trestle; the asker's clearance holds."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

import pytest
from trestle.oscal.assessment_results import AssessmentResults

from assistant.models import Asker
from assistant.oscal import assessment_results_json, oscal_id
from assistant.service import ClausewiseService
from ingestion.settings import Settings
from ingestion.store import chunk_collection, open_client


@pytest.mark.slow
def test_assessment_results_validate_and_respect_clearance(
    clone_ingested: Callable[..., Settings], restricted_probes: tuple[list[str], list[str]]
) -> None:
    settings = clone_ingested("oscal_gaps")
    svc = ClausewiseService.from_settings(settings)
    auditor = svc.gaps("all", Asker(user="a", role="auditor", channel="cli"))
    staff = svc.gaps("all", Asker(user="s", role="staff", channel="cli"))

    docs = {}
    for role, report in (("auditor", auditor), ("staff", staff)):
        text = assessment_results_json(report)
        doc = json.loads(text)
        AssessmentResults.model_validate(doc["assessment-results"])  # trestle's OSCAL schema model
        result = doc["assessment-results"]["results"][0]
        assert doc["assessment-results"]["metadata"]["oscal-version"].startswith("1.1.")
        findings, observations = result["findings"], result["observations"]
        assert len(findings) == len(report.items)
        obs_ids = {o["uuid"] for o in observations}
        for item, finding in zip(report.items, findings, strict=True):
            assert uuid.UUID(finding["uuid"]).version == 4
            assert finding["target"]["target-id"] == oscal_id(item.id)
            state = finding["target"]["status"]["state"]
            assert state == ("satisfied" if item.status == "covered" else "not-satisfied")
            coverage = [p["value"] for p in finding["props"] if p["name"] == "coverage"]
            assert coverage == [item.status]
            assert finding["related-observations"][0]["observation-uuid"] in obs_ids
        quotes = [e for o in observations for e in o.get("relevant-evidence", [])]
        assert sum(len(i.citations) for i in report.items) == len(quotes)
        docs[role] = text
    # every verdict is exported; covered items (satisfied) depend on evidence freshness, so only presence is checked
    assert {i.status for i in auditor.items} <= {"covered", "partial", "missing"}
    assert any(i.citations for i in auditor.items)

    # staff never sees a restricted quote or title
    collection = chunk_collection(open_client(settings), settings)
    metas = collection.get(where={"classification": "restricted"}, include=["metadatas"])["metadatas"] or []
    titles = {str(m["title"]) for m in metas}
    assert titles, "the sample corpus has restricted documents"
    _, secret = restricted_probes
    for text in titles | set(secret[:20]):
        assert text not in docs["staff"]
    # (the sample gap report does not cite the restricted documents even for an auditor, so this guards a leak
    # through a future change rather than exercising a filter today; the filter itself is the service's)
