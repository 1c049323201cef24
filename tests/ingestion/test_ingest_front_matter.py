"""Front matter written for other tools never fails a document (issue 10, item 6).

A public AI-governance framework published with Jekyll failed 46 of its 54 files: their front matter says
``type: PREV`` / ``type: DET`` (read as doc_type and rejected, and ``--doc-type`` could not help because the
front matter was rejected first). Here a file set in that style: unknown keys are kept as custom metadata,
unusable values fall back with a warning naming file and key, clause ids listed in front matter become the
chunks' clause refs, malformed front matter is ignored while sidecars and CLI flags still apply.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from docfactory import write_markdown, write_yaml
from ingest_helpers import chroma_records

from assistant.cli import main
from assistant.retrieval import _doc_refs
from ingestion.clause_refs import load_known_ids, metadata_clause_refs
from ingestion.embedding import Embedder
from ingestion.lexical import LexicalIndex
from ingestion.loaders.markdown import load_markdown
from ingestion.manifest import Manifest
from ingestion.metadata import MetaLayer, classification_level, resolve_metadata
from ingestion.pipeline import CHUNK_METADATA_KEYS, ingest
from ingestion.settings import Settings
from ingestion.store import chunk_collection, open_client

REPO = Path(__file__).resolve().parents[2]
CATALOG = REPO / "corpus" / "standard"
DOC_TYPE_LIST = (
    "policy, procedure, risk_assessment, impact_assessment, audit_report, nonconformity_log, management_review, "
    "record, model_card, data_inventory, other"
)

# Ten files as a Jekyll site keeps them: front matter for the site generator, not for Clausewise.
FRAMEWORK: dict[str, str] = {
    "mitigations/MIT-01.md": """---
layout: mitigation
title: Human review of model outputs
type: PREV
permalink: /mitigations/mit-01/
tags: [oversight, human-in-the-loop]
iso-42001_references: [A.6.2.6, 6.1.2]
date: 2024-03-05
---
# Human review of model outputs

Outputs that affect a person are reviewed by a trained reviewer before they are acted on.

## Evidence

Review decisions are logged with the reviewer's name and the reason for any override.
""",
    "mitigations/MIT-02.md": """---
layout: mitigation
title: Drift monitoring
type: DET
iso-42001_references: "A.6.2.4, A.6.2.5"
nist_references: [MEASURE 2.5]
---
# Drift monitoring

Input distributions are compared with the training baseline every week; alerts go to the model owner.
""",
    "mitigations/MIT-03.md": """---
layout: mitigation
title: Supplier security review
type: PREV
iso_27001_controls: [A.5.2]
---
# Supplier security review

Suppliers of AI components complete a security questionnaire before onboarding.
""",
    "mitigations/MIT-04.md": """---
layout: mitigation
title: Data quality gates
type: DET
controls:
  iso_42001: [A.7.4]
  eu_ai_act: [Art. 10]
---
# Data quality gates

Training data passes completeness and label-agreement checks before each training run.
""",
    "mitigations/MIT-05.md": """---
layout: mitigation
title: Incident playbook
type: DET
---
# Incident playbook

Detected incidents are triaged within four hours by the on-call engineer.
""",
    "risks/RISK-01.md": """---
layout: risk
title: Biased screening outcomes
type: RISK
classification: Confidential - HR
status: In Progress
related: [A.8.2, fairness]
---
# Biased screening outcomes

Screening scores may disadvantage applicants with career breaks.
""",
    "risks/RISK-02.md": """---
layout: risk
title: Board-level exposure
type: PREV
classification: Board eyes only
---
# Board-level exposure

Exposure figures are discussed in closed session.
""",
    "risks/RISK-03.md": """---
layout: risk
title: Vendor lock-in
type: DET
effective_date: sometime in Q3
status: Wibble
date: 2021-02-30
clasification: internal
---
# Vendor lock-in

Switching model vendors would take months of re-validation.
""",
    "index.md": """---
layout: home
title: Responsible AI framework
type: policy
nav_order: 1
has_children: true
---
# Responsible AI framework

This framework lists mitigations and the risks they address.
""",
    "malformed.md": """---
layout: mitigation
title: "Unclosed quote
type: PREV
---
# Access reviews

Access to model weights is reviewed every quarter.
""",
}


def build_framework(root: Path) -> Path:
    """The ten files plus two sidecars (one for the malformed file, one overriding ``type: DET``)."""
    for name, text in FRAMEWORK.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    write_yaml(
        root / "malformed.md.meta.yaml",
        {"doc_type": "procedure", "classification": "confidential", "owner": "Platform Security"},
    )
    write_yaml(root / "mitigations" / "MIT-05.md.meta.yaml", {"doc_type": "record", "ownr": "Operations"})
    return root


def settings_for(base: Path) -> Settings:
    return Settings(data_dir=base / "data", catalog_dir=CATALOG)


def docs_by_id(settings: Settings) -> dict[str, Any]:
    with Manifest(settings) as manifest:
        return {d.doc_id: d for d in manifest.documents()}


def test_jekyll_framework_ingests_with_fallbacks_custom_metadata_and_refs(tmp_path: Path, embedder: Embedder) -> None:
    root = build_framework(tmp_path / "framework")
    settings = settings_for(tmp_path)
    report = ingest([root], settings)

    assert report.failed == []
    assert report.new == sorted(FRAMEWORK)
    warnings = set(report.warnings)
    # Each fallback names the file and the key, and says what is used instead.
    assert (
        f"mitigations/MIT-01.md: front matter key 'type' has value 'PREV', not a document type ({DOC_TYPE_LIST}); "
        "using 'other'"
    ) in warnings
    assert (
        f"risks/RISK-01.md: front matter key 'type' has value 'RISK', not a document type ({DOC_TYPE_LIST}); "
        "using 'other'" in warnings
    )
    assert (
        "mitigations/MIT-05.md: front matter key 'type' has value 'DET', not a document type "
        f"({DOC_TYPE_LIST}); using 'record' from sidecar MIT-05.md.meta.yaml"
    ) in warnings
    assert (
        "risks/RISK-02.md: front matter key 'classification' has value 'Board eyes only', not a classification level "
        "(public, internal, confidential, restricted); using 'restricted', the level for markings that cannot be "
        "read (CLAUSEWISE_UNKNOWN_CLASSIFICATION); give the document a sidecar <file>.meta.yaml with its "
        "classification"
    ) in warnings
    assert (
        "risks/RISK-03.md: front matter key 'effective_date' has value 'sometime in Q3', not a date "
        "(YYYY-MM-DD); dropped" in warnings
    )
    assert (
        "risks/RISK-03.md: front matter key 'status' has value 'Wibble', not a status (current, superseded, "
        "draft); using 'current'" in warnings
    )
    assert (
        "malformed.md: malformed YAML front matter: while scanning a quoted scalar (line 3): found unexpected end of "
        "stream (line 4); front matter ignored" in warnings
    ), sorted(warnings)
    # Unknown keys are custom metadata; only a likely typo of a field is worth a word.
    assert (
        "risks/RISK-03.md: front matter key 'clasification' kept as custom metadata (did you mean "
        "'classification'?)" in warnings
    )
    assert "MIT-05.md.meta.yaml: unknown key 'ownr' kept as custom metadata; did you mean 'owner'?" in warnings
    assert not any(w.startswith("index.md") or "layout" in w or "tags" in w for w in warnings)
    assert len(warnings) == 14, sorted(warnings)  # 8 × type, RISK-02 ×1, RISK-03 ×3, malformed.md, MIT-05 sidecar

    docs = docs_by_id(settings)
    assert {d: docs[d].doc_type for d in docs} == {
        "index.md": "policy",
        "malformed.md": "procedure",  # from the sidecar, although the front matter could not be read
        "mitigations/MIT-01.md": "other",
        "mitigations/MIT-02.md": "other",
        "mitigations/MIT-03.md": "other",
        "mitigations/MIT-04.md": "other",
        "mitigations/MIT-05.md": "record",
        "risks/RISK-01.md": "other",
        "risks/RISK-02.md": "other",
        "risks/RISK-03.md": "other",
    }
    assert docs["risks/RISK-01.md"].classification == "confidential"  # "Confidential - HR"
    assert docs["risks/RISK-01.md"].status == "draft"  # "In Progress"
    assert docs["risks/RISK-02.md"].classification == "restricted"
    assert docs["risks/RISK-03.md"].effective_date is None and docs["risks/RISK-03.md"].status == "current"
    assert docs["malformed.md"].classification == "confidential" and docs["malformed.md"].owner == "Platform Security"
    assert docs["malformed.md"].title == "Access reviews"
    assert report.unclassified == sorted(set(FRAMEWORK) - {"malformed.md", "risks/RISK-01.md", "risks/RISK-02.md"})

    # Unknown keys are the document's custom metadata, in the manifest only.
    assert docs["mitigations/MIT-01.md"].custom == {
        "layout": "mitigation",
        "permalink": "/mitigations/mit-01/",
        "tags": ["oversight", "human-in-the-loop"],
        "iso-42001_references": ["A.6.2.6", "6.1.2"],
        "date": "2024-03-05",
    }
    assert docs["risks/RISK-03.md"].custom == {  # an impossible date stays a text
        "layout": "risk", "date": "2021-02-30", "clasification": "internal",
    }  # fmt: skip
    assert docs["mitigations/MIT-05.md"].custom == {"layout": "mitigation", "ownr": "Operations"}
    assert docs["index.md"].custom == {"layout": "home", "nav_order": 1, "has_children": True}
    assert docs["malformed.md"].custom == {}

    # Clause ids listed in front matter are on every chunk of the document (Chroma and BM25).
    chunks: dict[str, list[dict[str, Any]]] = {}
    for record in chroma_records(settings).values():
        metadata = record["metadata"]
        assert set(metadata) <= set(CHUNK_METADATA_KEYS), metadata
        chunks.setdefault(metadata["doc_id"], []).append(metadata)
    assert len(chunks["mitigations/MIT-01.md"]) >= 2
    for metadata in chunks["mitigations/MIT-01.md"]:
        assert {"A.6.2.6", "6.1.2"} <= set(metadata["clause_refs"])
    refs = {doc_id: {r for m in metas for r in m.get("clause_refs", [])} for doc_id, metas in chunks.items()}
    assert refs["mitigations/MIT-02.md"] == {"A.6.2.4", "A.6.2.5"}
    assert refs["mitigations/MIT-03.md"] == set()  # ISO/IEC 27001's A.5.2 is not 42001's
    assert refs["mitigations/MIT-04.md"] == {"A.7.4"}
    assert refs["risks/RISK-01.md"] == {"A.8.2"}
    assert refs["index.md"] == set()
    lexical = LexicalIndex.load(settings)
    assert _doc_refs(lexical)["mitigations/MIT-01.md"] == frozenset({"A.6.2.6", "6.1.2"})


def test_cli_doc_type_override_wins_and_docs_json_shows_custom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], embedder: Embedder
) -> None:
    root = build_framework(tmp_path / "framework")
    monkeypatch.setenv("CLAUSEWISE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CLAUSEWISE_CATALOG_DIR", str(tmp_path / "no-catalog"))
    monkeypatch.chdir(tmp_path)
    code = main(["ingest", str(root), "--doc-type", "procedure", "--json", "-q"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["failed"] == [] and len(report["new"]) == 10
    assert any(
        w.startswith("mitigations/MIT-01.md: front matter key 'type' has value 'PREV'")
        and w.endswith("using 'procedure' from command-line override")
        for w in report["warnings"]
    )
    assert main(["docs", "--json"]) == 0
    docs = {d["doc_id"]: d for d in json.loads(capsys.readouterr().out)}
    # The flag wins over front matter, over a sidecar, and applies when the front matter is malformed.
    assert {d["doc_type"] for d in docs.values()} == {"procedure"}
    assert docs["mitigations/MIT-01.md"]["custom"]["iso-42001_references"] == ["A.6.2.6", "6.1.2"]
    assert docs["mitigations/MIT-01.md"]["custom"]["tags"] == ["oversight", "human-in-the-loop"]
    assert docs["malformed.md"]["custom"] == {} and docs["malformed.md"]["owner"] == "Platform Security"


def test_manifest_of_an_earlier_version_gains_custom_on_the_next_ingest(tmp_path: Path, embedder: Embedder) -> None:
    root = tmp_path / "docs"
    write_markdown(root / "m.md", "# M\n\nReviewed monthly.\n", {"type": "PREV", "iso_refs": ["A.6.2.6"]})
    settings = settings_for(tmp_path)
    assert ingest([root], settings).ok
    # What a data dir written before this change looks like: no custom column, fingerprints of the old rules.
    with sqlite3.connect(settings.manifest_path) as db:
        db.execute("ALTER TABLE documents DROP COLUMN custom")
        db.execute("UPDATE documents SET fingerprint = 'before'")
        db.execute("UPDATE chunks SET metadata = json_remove(metadata, '$.clause_refs')")
    collection = chunk_collection(open_client(settings), settings)
    ids = list(chroma_records(settings))
    collection.update(ids=ids, metadatas=[{"clause_refs": None}] * len(ids))  # None deletes the key
    assert not any("clause_refs" in r["metadata"] for r in chroma_records(settings).values())
    with Manifest(settings) as manifest:
        assert manifest.documents()[0].custom == {}
    again = ingest([root], settings)
    assert again.changed == ["m.md"] and again.chunks_written == 0  # metadata rewritten, nothing re-embedded
    assert docs_by_id(settings)["m.md"].custom == {"iso_refs": ["A.6.2.6"]}
    assert all(r["metadata"]["clause_refs"] == ["A.6.2.6"] for r in chroma_records(settings).values())


# --- unit level ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marking", "level"),
    [
        ("Confidential - HR", "confidential"),
        ("INTERNAL USE ONLY", "internal"),
        ("secret", "restricted"),
        ("Top Secret", "restricted"),
        ("Strictly Confidential", "restricted"),
        ("Highly sensitive", "restricted"),
        ("Company Confidential", "confidential"),
        ("Internal / Confidential", "confidential"),  # two levels: the higher
        ("Conf.", "confidential"),
        ("TLP:AMBER", "confidential"),
        ("TLP:CLEAR", "public"),
        ("Official", "internal"),
        ("Public", "public"),
        ("not public", None),
        ("non-confidential", None),
        ("Board eyes only", None),
        ("Unclassified", None),
        ("level 3", None),
    ],
)
def test_classification_markings(marking: str, level: str | None) -> None:
    assert classification_level(marking) == level


def resolve(*layers: MetaLayer, default: str = "internal", unknown: str = "restricted"):  # type: ignore[no-untyped-def]
    return resolve_metadata(
        layers,
        doc_id="x.md",
        content_hash="ab" * 32,
        ingested_at="2025-01-01T00:00:00Z",
        fallback_title="X",
        default_classification=default,  # type: ignore[arg-type]
        unknown_classification=unknown,  # type: ignore[arg-type]
    )


def test_unreadable_classification_is_never_lowered() -> None:
    folder = MetaLayer("_meta.yaml", {"classification": "confidential"})
    front = MetaLayer("front matter", {"classification": "Board eyes only"}, strict=False)
    # The safe level is the highest of the setting, the default and what earlier sources said.
    assert resolve(folder, front, unknown="internal").meta.classification == "confidential"
    assert resolve(front, unknown="internal", default="public").meta.classification == "internal"
    assert resolve(front).meta.classification == "restricted"
    assert not resolve(front).classification_defaulted
    # A later source that names a level still wins, and the warning says so.
    sidecar = MetaLayer("sidecar x.md.meta.yaml", {"classification": "public"})
    result = resolve(front, sidecar)
    assert result.meta.classification == "public"
    assert result.warnings[0].endswith("; using 'public' from sidecar x.md.meta.yaml")


def test_front_matter_values_fall_back_but_strict_sources_still_fail() -> None:
    result = resolve(
        MetaLayer("_meta.yaml", {"doc_type": "procedure"}),
        MetaLayer(
            "front matter",
            {"type": "PREV", "owner": ["CISO", "DPO"], "version": {"major": 2}, "effective_date": "1 March 2025"},
            strict=False,
        ),
    )
    assert result.meta.doc_type == "procedure"  # the folder default stands
    assert result.meta.owner == "CISO, DPO"
    assert result.meta.version is None
    assert result.meta.effective_date is not None and result.meta.effective_date.isoformat() == "2025-03-01"
    assert result.warnings == [
        f"front matter key 'type' has value 'PREV', not a document type ({DOC_TYPE_LIST}); using 'procedure' "
        "from _meta.yaml",
        "front matter key 'version' has value {'major': 2}, not a text such as '2.1'; ignored",
    ]
    with pytest.raises(ValueError, match=r"sidecar x\.md\.meta\.yaml: doc_type 'PREV' is not one of"):
        resolve(MetaLayer("sidecar x.md.meta.yaml", {"type": "PREV"}))


def test_custom_metadata_is_bounded_against_yaml_aliases() -> None:
    # Nine levels of ten aliases each: a few hundred bytes of YAML that would expand to 10^9 values.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    text = "---\nlayout: page\n" + "\n".join(lines) + "\n---\n# Bomb\n\nBody text.\n"
    loaded = load_markdown(text.encode(), Path("bomb.md"))
    result = resolve(MetaLayer("front matter", loaded.front_matter, strict=False))
    assert result.custom["layout"] == "page" and "a9" not in result.custom
    assert any("custom metadata key 'a" in w and "not kept" in w for w in result.warnings)
    assert len(json.dumps(result.custom)) <= 64_000
    assert metadata_clause_refs(loaded.front_matter) == []  # bounded too, and finds nothing


def test_metadata_clause_refs_rules() -> None:
    known = load_known_ids(CATALOG)
    assert known is not None
    values: dict[str, object] = {
        "iso-42001_references": ["A.6.2.6", 6.1, "clause 8.2"],  # a named key: 6.1 is clause 6.1
        "tags": ["A.7.4", "governance", "6.2"],  # unnamed: only ids of their own, never a two-level number
        "iso_27001_controls": ["A.5.2"],  # another standard
        "refs": {"iso42001": "A.5.3; A.5.4", "nist": ["GOVERN 1.1"]},
        "permalink": "/controls/6.1.2/",  # a text, not a list
        "priorities": [5, 6],
        "controls": ["A.99.1"],  # not in the catalog
    }
    assert metadata_clause_refs(values, known) == ["6.1", "8.2", "A.5.3", "A.5.4", "A.6.2.6", "A.7.4"]
