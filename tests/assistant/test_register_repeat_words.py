"""A question word that names a column with the prefix re- ("due a reassessment" for "Next assessment due") names that
column; it is not also a value to look for in the cells.

Found on the waterworks development key (r04): "which suppliers are due a reassessment before 1 March 2027?" kept
the date filter and added 'Assessment status mentions "reassessment"', which left one supplier of three (the one
whose status reads "Reassessment booked …"). The corpus is a small invented one (not a shipped corpus).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from corpus_helpers import ingest_corpus

from assistant.models import Asker
from assistant.registers import _same_word

COMPLIANCE = Asker(user="cora", role="compliance", channel="cli")


def test_re_prefix_repeats_a_word_but_short_words_stay_apart() -> None:
    assert _same_word("reassessment", "assessment") and _same_word("assess", "reassess")
    assert not _same_word("report", "port") and not _same_word("review", "view") and not _same_word("record", "cord")


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("vendors")
    rows = [
        "Vendor ID,Vendor,Service,Last assessed,Next assessment due,Assessment status",
        "VN-01,Acme Routing Ltd,Route optimisation model,2024-09-01,2025-09-01,Overdue",
        "VN-02,Liftco Data,Telematics feed,2025-10-15,2026-10-15,Reassessment booked for 2027-01-10",
        "VN-03,Harbour Cloud,Model hosting,2026-01-20,2027-01-20,Approved",
        "VN-04,Northgate Forecasts,Weather feed,2026-05-01,2028-05-01,Approved",
    ]
    (root / "vendor_register.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "vendor_register.csv.meta.yaml").write_text(
        "title: AI Vendor Register\ndoc_type: record\nclassification: internal\n", encoding="utf-8"
    )
    (root / "vendor_procedure.md").write_text(
        "---\ntitle: Vendor Management Procedure\ndoc_type: procedure\nclassification: internal\n---\n"
        "# Vendor Management Procedure\n\nEvery AI vendor is reassessed before the date in the vendor register.\n",
        encoding="utf-8",
    )
    return ClausewiseService.from_settings(ingest_corpus(root, tmp_path_factory.mktemp("vendors-data") / "data"))


def test_due_a_reassessment_filters_by_the_date_only(svc: Any) -> None:
    answer = svc.ask("which vendors are due a reassessment before 1 March 2027?", COMPLIANCE)
    assert re.search(r"\*\*3\*\* of 4 rows match", answer.answer.partition("\n")[0]), answer.answer
    assert set(re.findall(r"VN-\d\d", answer.answer)) == {"VN-01", "VN-02", "VN-03"}, answer.answer
    assert "mentions" not in answer.answer.partition("\n")[0]
