"""A follow-up about "the other" one answers about the other one, not the one just discussed (issue 10 item 3).

Found on the development keys (three of them: sample cm02b, healthcare m02c, logistics m02b): after "when was
<supplier A> last assessed?", "what about the other supplier?" continued the earlier question with A's name
still in the query and A's documents boosted, so it answered about A again. The corpus is a small invented
freight company with two suppliers (not a shipped corpus).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus_helpers import ingest_corpus, write_filler_docs

from assistant.models import Asker

ASKER = Asker(user="dana", role="compliance", channel="http")


def _supplier(root: Path, name: str, service: str, assessed: str, due: str) -> None:
    (root / f"supplier_{name.lower()}.md").write_text(
        f"---\ntitle: Supplier Assessment - {name} Ltd\ndoc_type: record\nclassification: internal\n---\n"
        f"# Supplier Assessment - {name} Ltd\n\n{name} Ltd provides the {service}. "
        f"{name} was last assessed on {assessed} by the Procurement Lead. "
        f"The next reassessment of {name} is due on {due}.\n\n"
        f"## Findings\n\n{name} supplied its model documentation and a test report. No open findings remain.\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from assistant.audit import AuditLog
    from assistant.service import ClausewiseService

    root = tmp_path_factory.mktemp("freight-suppliers")
    _supplier(root, "Acme", "route optimisation model", "14 March 2025", "14 March 2026")
    _supplier(root, "Liftco", "customer chatbot", "2 June 2025", "2 June 2026")
    (root / "supplier_procedure.md").write_text(
        "---\ntitle: Supplier Management Procedure\ndoc_type: procedure\nclassification: internal\n---\n"
        "# Supplier Management Procedure\n\nEvery AI supplier is assessed before contract and reassessed "
        "every 12 months. The Procurement Lead keeps the assessments.\n",
        encoding="utf-8",
    )
    # The rest of a governance corpus: a supplier's name is a name because few passages carry it.
    write_filler_docs(root)
    settings = ingest_corpus(root, tmp_path_factory.mktemp("freight-suppliers-data") / "data")
    audit = AuditLog(f"sqlite:///{settings.data_dir / 'audit.db'}")
    return ClausewiseService.from_settings(settings, audit=audit)


def test_the_other_supplier_is_the_one_not_discussed(svc: Any) -> None:
    first = svc.ask("when was Acme last assessed?", ASKER, conversation_id="sup-1")
    assert "14 March 2025" in first.answer, first.answer
    other = svc.ask("what about the other supplier?", ASKER, conversation_id="sup-1")
    assert "2 June 2025" in other.answer, other.answer
    assert "14 March 2025" not in other.answer
    assert {c.doc_id for c in other.citations} >= {"supplier_liftco.md"}
    assert "supplier_acme.md" not in {c.doc_id for c in other.citations}
    back = svc.ask("so when is the first one due again?", ASKER, conversation_id="sup-1")
    assert "14 March 2026" in back.answer, back.answer
