"""compliance-trestle's semantic validators (duplicates, references, catalog links) on both OSCAL exports.

Schema validation (the pydantic models) is in test_oscal_catalog.py / test_oscal_gaps.py; trestle's validators
check what a schema cannot: no UUID used twice, responsible-party and role references that resolve, and a
catalog's links matching its resources. Each validator is also shown to reject a broken document, so a pass means
something.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from trestle.common import const
from trestle.core.validator_factory import validator_factory
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.catalog import Catalog as OscalCatalog

from assistant.catalog import load_catalog
from assistant.models import Asker
from assistant.oscal import assessment_results_json, catalog_document
from assistant.service import ClausewiseService
from ingestion.settings import Settings

MODES = (const.VAL_MODE_DUPLICATES, const.VAL_MODE_REFS, const.VAL_MODE_CATALOG, const.VAL_MODE_LINKS)


def _valid(model: object) -> dict[str, bool]:
    # The validators take an argparse-like namespace only for the mode; model_is_valid is the check itself.
    return {mode: bool(validator_factory.get(_Mode(mode)).model_is_valid(model, True, None)) for mode in MODES}


class _Mode:
    def __init__(self, mode: str) -> None:
        self.mode = mode


def test_the_catalog_passes_trestles_semantic_validators() -> None:
    doc = catalog_document(load_catalog(Settings()))
    model = OscalCatalog.model_validate(doc["catalog"])
    assert _valid(model) == dict.fromkeys(MODES, True)


@pytest.mark.slow
def test_the_assessment_results_pass_trestles_semantic_validators(clone_ingested: Callable[..., Settings]) -> None:
    settings = clone_ingested("oscal_semantic")
    svc = ClausewiseService.from_settings(settings)
    doc = json.loads(assessment_results_json(svc.gaps("all", Asker(user="a", role="auditor", channel="cli"))))
    model = AssessmentResults.model_validate(doc["assessment-results"])
    assert _valid(model) == dict.fromkeys(MODES, True)

    # the duplicates validator is not vacuous: the same document with one UUID reused fails it
    result = doc["assessment-results"]["results"][0]
    if len(result["findings"]) < 2:
        pytest.skip("fewer than two findings to collide")
    result["findings"][1]["uuid"] = result["findings"][0]["uuid"]
    broken = AssessmentResults.model_validate(doc["assessment-results"])
    assert _valid(broken)[const.VAL_MODE_DUPLICATES] is False
