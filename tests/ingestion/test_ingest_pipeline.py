"""The ingestion pipeline end to end: real files, the real model, real Chroma on tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docfactory import (
    CORPUS_DOC_IDS,
    build_corpus,
    write_csv,
    write_docx,
    write_encrypted_pdf,
    write_markdown,
    write_pdf,
    write_truncated_pdf,
    write_yaml,
)
from ingest_helpers import assert_same_index, chroma_records, make_settings, snapshot

from ingestion.embedding import Embedder
from ingestion.lexical import LexicalIndex
from ingestion.manifest import Manifest
from ingestion.metadata import MetadataError
from ingestion.pipeline import IngestReport, ingest, remove_documents
from ingestion.settings import Settings
from ingestion.store import chunk_collection, open_client

REPO = Path(__file__).resolve().parents[2]
ALLOWED_KEYS = {
    "doc_id", "title", "doc_type", "owner", "version", "effective_date", "classification", "status", "source",
    "content_hash", "ingested_at", "section", "page", "chunk_index", "clause_refs",
}  # fmt: skip
REQUIRED_KEYS = {
    "doc_id", "title", "doc_type", "classification", "status", "source", "content_hash", "ingested_at",
    "section", "chunk_index",
}  # fmt: skip


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Settings, IngestReport, Path]:
    base = tmp_path_factory.mktemp("pipeline")
    root = build_corpus(base / "corpus")
    settings = make_settings(base)
    return settings, ingest([root], settings), root


def test_first_ingest_report(ingested: tuple[Settings, IngestReport, Path]) -> None:
    settings, report, root = ingested
    assert report.ok, report.failed
    assert sorted(report.new) == CORPUS_DOC_IDS
    assert report.changed == report.unchanged == report.removed == []
    # Unsupported types are listed; hidden files, ignored paths and metadata files are not documents.
    assert report.skipped == ["org/notes.yaml"]
    assert report.roots == [str(root.resolve())]
    assert report.unclassified == []
    assert report.documents_total == len(CORPUS_DOC_IDS)
    assert report.chunks_written == report.chunks_total > len(CORPUS_DOC_IDS)
    assert report.lexical_rebuilt and report.seconds > 0 and report.chunks_per_s > 0
    assert any("minutes.txt: decoded as cp1252" in w for w in report.warnings)
    assert chunk_collection(open_client(settings), settings).count() == report.chunks_total


def test_chunk_records_follow_the_contract(ingested: tuple[Settings, IngestReport, Path]) -> None:
    settings, _, _ = ingested
    records = chroma_records(settings)
    with Manifest(settings) as manifest:
        listed = manifest.all_chunk_ids()
    assert set(records) == set(listed)
    for chunk_id, record in records.items():
        meta = record["metadata"]
        assert REQUIRED_KEYS <= set(meta) <= ALLOWED_KEYS, chunk_id
        assert all(v is not None for v in meta.values())
        assert chunk_id == f"{meta['doc_id']}::{meta['content_hash'][:12]}::{meta['chunk_index']}"
        assert meta["source"] == meta["doc_id"]
        assert isinstance(meta["chunk_index"], int)
        assert meta["section"].startswith(meta["title"])
        assert ("page" in meta) == meta["doc_id"].endswith(".pdf")
        if "clause_refs" in meta:
            assert isinstance(meta["clause_refs"], list) and meta["clause_refs"]
        assert record["document"]

    collection = chunk_collection(open_client(settings), settings)
    hit = collection.get(where={"clause_refs": {"$contains": "A.6.2.4"}}, include=["metadatas", "documents"])
    assert len(hit["ids"]) == 1
    meta = (hit["metadatas"] or [])[0]
    assert meta["doc_id"] == "org/audit/audit_report.pdf" and meta["page"] == 3
    assert "A6.2.4" in (hit["documents"] or [])[0]
    allowed = collection.get(where={"classification": {"$in": ["public", "internal"]}}, include=["metadatas"])
    assert {m["doc_id"] for m in allowed["metadatas"] or []} == set(CORPUS_DOC_IDS) - {"org/audit/audit_report.pdf"}
    # Vectors are normalised and searchable by embedding.
    vector = collection.get(ids=[hit["ids"][0]], include=["embeddings"])["embeddings"]
    assert vector is not None and abs(float((vector[0] ** 2).sum()) - 1.0) < 1e-4


def test_metadata_precedence_end_to_end(ingested: tuple[Settings, IngestReport, Path]) -> None:
    settings, _, root = ingested
    with Manifest(settings) as manifest:
        docs = {d.doc_id: d for d in manifest.documents()}
    policy = docs["org/policies/ai_policy.md"]
    assert (policy.title, policy.doc_type, policy.version, str(policy.effective_date)) == (
        "AI Policy", "policy", "2.1", "2025-03-01",
    )  # fmt: skip
    assert policy.owner == "AI Governance Lead"  # folder default _meta.yaml
    assert policy.classification == "internal"
    assert policy.chunk_count > 1
    assert policy.root == str(root.resolve()) and policy.path == str(root.resolve() / policy.doc_id)
    assert docs["org/policies/ai_policy_v1.md"].status == "superseded"
    procedure = docs["org/procedures/risk_procedure.docx"]
    # DOCX core properties override the folder defaults.
    assert (procedure.owner, procedure.doc_type, procedure.version) == ("Risk Office", "procedure", "1.3")
    audit = docs["org/audit/audit_report.pdf"]
    # PDF info gives title and owner; the sidecar gives classification, type and date.
    assert (audit.title, audit.owner) == ("Internal Audit Report 2025", "Internal Audit Manager")
    assert (audit.classification, audit.doc_type, str(audit.effective_date)) == (
        "restricted", "audit_report", "2025-06-27",
    )  # fmt: skip
    assert docs["org/registers/risk_register.csv"].doc_type == "risk_assessment"
    assert docs["org/registers/nc_log.xlsx"].doc_type == "nonconformity_log"
    assert docs["org/communications/plan.html"].doc_type == "procedure"
    assert docs["org/records/minutes.txt"].title == "Minutes of the AI Governance Committee"


def test_lexical_index_matches_manifest(ingested: tuple[Settings, IngestReport, Path]) -> None:
    settings, _, _ = ingested
    index = LexicalIndex.load(settings)
    assert index is not None
    with Manifest(settings) as manifest:
        assert sorted(index.ids) == sorted(manifest.all_chunk_ids())
        assert index.generation == manifest.generation
    hits = index.search("nonconformity competence records", 3, classifications=["restricted"])
    assert hits and index.metadatas[index.ids.index(hits[0][0])]["doc_id"] == "org/audit/audit_report.pdf"
    assert index.search("competence records", 5, classifications=["internal"], doc_types=["audit_report"]) == []


def test_incremental_unchanged_changed_removed(tmp_path: Path, embedder: Embedder) -> None:
    root = build_corpus(tmp_path / "corpus")
    settings = make_settings(tmp_path)
    first = ingest([root], settings)
    stamp = LexicalIndex.current_stamp(settings)
    before = chroma_records(settings)

    again = ingest([root], settings)
    assert sorted(again.unchanged) == CORPUS_DOC_IDS
    assert again.new == again.changed == again.removed == [] and again.chunks_written == 0
    assert not again.lexical_rebuilt and LexicalIndex.current_stamp(settings) == stamp
    assert chroma_records(settings) == before

    org = root / "org"
    policy = org / "policies" / "ai_policy.md"
    policy.write_text(policy.read_text(encoding="utf-8") + "\n## 9 Added\n\nA new section on 9.3.2 inputs.\n")
    (org / "records" / "minutes.txt").unlink()
    write_markdown(org / "new.md", "# New\n\nA brand new record.\n", {"classification": "public"})
    write_yaml(org / "registers" / "risk_register.csv.meta.yaml",
               {"doc_type": "risk_assessment", "classification": "confidential"})  # fmt: skip
    third = ingest([root], settings)
    assert third.new == ["org/new.md"]
    assert sorted(third.changed) == ["org/policies/ai_policy.md", "org/registers/risk_register.csv"]
    assert third.removed == ["org/records/minutes.txt"]
    assert len(third.unchanged) == len(CORPUS_DOC_IDS) - 3
    after = chroma_records(settings)
    with Manifest(settings) as manifest:
        assert set(after) == set(manifest.all_chunk_ids())
    assert not any(m["metadata"]["doc_id"] == "org/records/minutes.txt" for m in after.values())
    old_policy = {c for c, r in before.items() if r["metadata"]["doc_id"] == "org/policies/ai_policy.md"}
    assert not old_policy & set(after)
    assert any("9.3.2" in r["metadata"].get("clause_refs", []) for r in after.values())
    # A sidecar change only rewrites metadata: same ids, nothing re-embedded for it.
    register_id = "org/registers/risk_register.csv"
    register = {c: r for c, r in after.items() if r["metadata"]["doc_id"] == register_id}
    assert set(register) == {c for c, r in before.items() if r["metadata"]["doc_id"] == register_id}
    assert all(r["metadata"]["classification"] == "confidential" for r in register.values())
    policy_chunks = sum(1 for r in after.values() if r["metadata"]["doc_id"] == "org/policies/ai_policy.md")
    assert third.chunks_written == policy_chunks + 1  # the new one-section document
    lexical = LexicalIndex.load(settings)
    assert lexical is not None and lexical.stamp != stamp and sorted(lexical.ids) == sorted(after)
    assert {lexical.metadatas[lexical.ids.index(c)]["classification"] for c in register} == {"confidential"}

    # Folder defaults apply to everything below them: editing _meta.yaml touches every document.
    write_yaml(org / "_meta.yaml", {"owner": "Chief Risk Officer", "classification": "internal"})
    fourth = ingest([root], settings)
    assert fourth.chunks_written == 0 and fourth.new == fourth.removed == []
    assert sorted(fourth.changed) == sorted(set(first.new) - {"org/records/minutes.txt"} | {"org/new.md"})
    owners = {r["metadata"]["doc_id"]: r["metadata"].get("owner") for r in chroma_records(settings).values()}
    assert owners["org/policies/ai_policy.md"] == "Chief Risk Officer"
    assert owners["org/procedures/risk_procedure.docx"] == "Risk Office"  # its own properties still win


def test_bad_inputs_fail_per_file(tmp_path: Path, embedder: Embedder) -> None:
    root = tmp_path / "docs"
    pages = ["Audit text page one. " * 10, "Page two. " * 10]
    write_markdown(root / "good.md", "# Good\n\nThis one is fine.\n", {"classification": "internal"})
    write_csv(root / "windows.txt", "Caf\u00e9 minutes \u2013 approved.\n", encoding="cp1252")
    write_truncated_pdf(root / "corrupt.pdf", pages)
    write_encrypted_pdf(root / "locked.pdf", pages)
    (root / "empty.md").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "big.txt").write_text("x " * 50_000, encoding="utf-8")
    (root / "slides.pptx").write_bytes(b"PK")
    (root / "bad_front.md").write_text("---\ntitle: [oops\n---\n# T\n\nText.\n", encoding="utf-8")
    write_csv(root / "register.csv", "a,b\n1,2\n")
    (root / "register.csv.meta.yaml").write_text("classification: [restricted\n", encoding="utf-8")
    write_markdown(root / "typo.md", "# T\n\nText.\n", {"classification": "secret"})
    (root / "sub").mkdir()
    (root / "sub" / "_meta.yaml").write_text("owner: : :\n  - nope", encoding="utf-8")
    write_markdown(root / "sub" / "under_bad_meta.md", "# U\n\nText.\n")
    write_docx(root / "sub2" / "fine.docx", [("h1", "Fine"), ("p", "Word text.")])

    report = ingest([root], make_settings(tmp_path, max_file_mb=0.05))
    assert not report.ok
    # Front matter that cannot be read or holds a marking of no level no longer fails the file (issue 10, item 6):
    # bad_front.md is ingested without it, typo.md's "secret" is read as restricted.
    assert sorted(report.new) == ["bad_front.md", "good.md", "sub2/fine.docx", "typo.md", "windows.txt"]
    assert report.skipped == ["slides.pptx"]
    reasons = {Path(f.path).name: f.error for f in report.failed}
    assert set(reasons) == {
        "corrupt.pdf", "locked.pdf", "empty.md", "binary.txt", "big.txt", "register.csv", "under_bad_meta.md",
    }  # fmt: skip
    assert "corrupt PDF" in reasons["corrupt.pdf"]
    assert "encrypted PDF" in reasons["locked.pdf"]
    assert reasons["empty.md"] == "empty file"
    assert "binary content" in reasons["binary.txt"]
    assert "over the 0.05 MB limit" in reasons["big.txt"]
    assert any(w.startswith("bad_front.md: malformed YAML front matter") for w in report.warnings)
    assert "register.csv.meta.yaml: malformed YAML" in reasons["register.csv"]
    with Manifest(make_settings(tmp_path)) as manifest:
        assert manifest.document("typo.md").classification == "restricted"  # type: ignore[union-attr]
    assert reasons["under_bad_meta.md"].startswith("sub/_meta.yaml: malformed YAML")
    assert all(f.doc_id for f in report.failed)
    assert str(report.failed[0]).startswith(report.failed[0].path + ": ")
    assert report.unclassified == ["bad_front.md", "sub2/fine.docx", "windows.txt"]


def test_reset_rebuilds(tmp_path: Path, embedder: Embedder) -> None:
    root = tmp_path / "docs"
    write_markdown(root / "a.md", "# A\n\nAlpha text under clause 6.1.2.\n", {"classification": "public"})
    write_pdf(root / "b.pdf", ["Bravo page."])
    settings = make_settings(tmp_path)
    ingest([root], settings)
    want = snapshot(settings)
    again = ingest([root], settings, reset=True)
    assert again.reset and sorted(again.new) == ["a.md", "b.pdf"] and again.unchanged == []
    assert_same_index(snapshot(settings), want)


def test_index_settings_change_rebuilds(tmp_path: Path, embedder: Embedder) -> None:
    root = tmp_path / "docs"
    write_markdown(root / "a.md", "# A\n\n" + "Alpha sentence about review. " * 80, {"classification": "public"})
    first = ingest([root], make_settings(tmp_path))
    smaller = ingest([root], make_settings(tmp_path, chunk_tokens=100, chunk_overlap_tokens=10))
    assert smaller.reset and smaller.new == ["a.md"]
    assert any("index rebuilt" in w for w in smaller.warnings)
    assert smaller.chunks_total > first.chunks_total


def test_doc_id_collisions(tmp_path: Path, embedder: Embedder) -> None:
    a = tmp_path / "a"
    b = tmp_path / "b"
    write_markdown(a / "policy.md", "# Policy A\n\nFrom folder a.\n", {"classification": "public"})
    write_markdown(b / "policy.md", "# Policy B\n\nFrom folder b.\n", {"classification": "public"})
    settings = make_settings(tmp_path)
    assert ingest([a], settings).new == ["policy.md"]
    clash = ingest([b], settings)
    assert clash.new == [] and clash.removed == []
    assert len(clash.failed) == 1
    assert str(a.resolve() / "policy.md") in clash.failed[0].error and clash.failed[0].doc_id == "policy.md"
    both = ingest([a, b], settings)
    assert both.unchanged == ["policy.md"] and [Path(f.path).parent.name for f in both.failed] == ["b"]
    single = ingest([b / "policy.md"], settings)
    assert len(single.failed) == 1 and "already used by" in single.failed[0].error
    with Manifest(settings) as manifest:
        assert [d.title for d in manifest.documents()] == ["Policy A"]


def test_single_files_roots_and_removal(tmp_path: Path, embedder: Embedder) -> None:
    root = tmp_path / "uploads"
    write_markdown(root / "team" / "one.md", "# One\n\nFirst upload.\n", {"classification": "internal"})
    write_markdown(root / "team" / "two.md", "# Two\n\nSecond upload.\n", {"classification": "internal"})
    settings = make_settings(tmp_path)
    first = ingest([root / "team" / "one.md"], settings, root=root, overrides={"owner": "Uploader"})
    assert first.new == ["team/one.md"] and first.roots == []
    second = ingest([root / "team" / "two.md"], settings, root=root)
    assert second.new == ["team/two.md"] and second.removed == []
    # Named on its own without a root, an already indexed file keeps its doc id.
    (root / "team" / "one.md").write_text("# One\n\nFirst upload, edited.\n", encoding="utf-8")
    edited = ingest([root / "team" / "one.md"], settings)
    assert edited.changed == ["team/one.md"] and edited.new == []
    outside = ingest([tmp_path / "elsewhere.md"], settings)
    assert outside.failed[0].error == "no such file or directory"

    removed = remove_documents(["team/two.md", "nope.md"], settings)
    assert removed == ["team/two.md"]
    records = chroma_records(settings)
    assert {r["metadata"]["doc_id"] for r in records.values()} == {"team/one.md"}
    lexical = LexicalIndex.load(settings)
    assert lexical is not None and sorted(lexical.ids) == sorted(records)
    with Manifest(settings) as manifest:
        assert [d.doc_id for d in manifest.documents()] == ["team/one.md"]


def test_overrides(tmp_path: Path, embedder: Embedder) -> None:
    root = tmp_path / "docs"
    write_markdown(root / "a.md", "# A\n\nAlpha.\n", {"classification": "internal", "owner": "Front"})
    settings = make_settings(tmp_path)
    forced = ingest([root], settings, overrides={"classification": "restricted", "doc-type": "record"})
    assert forced.new == ["a.md"]
    meta = next(iter(chroma_records(settings).values()))["metadata"]
    assert (meta["classification"], meta["doc_type"], meta["owner"]) == ("restricted", "record", "Front")
    plain = ingest([root], settings)
    assert plain.changed == ["a.md"] and plain.chunks_written == 0
    assert next(iter(chroma_records(settings).values()))["metadata"]["classification"] == "internal"
    # ("top secret" used to be the bad value here; it now reads as restricted.)
    with pytest.raises(MetadataError, match="override classification 'purple'"):
        ingest([root], settings, overrides={"classification": "purple"})
    with pytest.raises(MetadataError, match="not a metadata field"):
        ingest([root], settings, overrides={"colour": "blue"})


def test_reconciliation_repairs_a_damaged_store(tmp_path: Path, embedder: Embedder) -> None:
    root = build_corpus(tmp_path / "corpus")
    settings = make_settings(tmp_path)
    ingest([root], settings)
    want = snapshot(settings)
    collection = chunk_collection(open_client(settings), settings)
    lost = sorted(want["chroma"])[:3]
    collection.delete(ids=lost)
    collection.add(ids=["ghost::000000000000::0"], embeddings=[[0.1] * embedder.dimension], documents=["ghost"],
                   metadatas=[{"doc_id": "ghost"}])  # fmt: skip
    # A pending mark with Chroma ahead of the manifest (what a crash between upsert and commit leaves).
    changed = sorted(want["chroma"])[5]
    collection.update(ids=[changed], metadatas=[{"doc_id": "tampered", "classification": "public", "extra": 1}])
    with Manifest(settings) as manifest:
        doc_of_changed = manifest.all_chunk_ids()[changed]
        manifest.mark_pending([doc_of_changed])

    report = ingest([root], settings)
    assert report.ok and report.new == report.changed == [] and report.chunks_written == 0
    assert report.orphans_removed == 1
    assert report.chunks_repaired == 4
    assert_same_index(snapshot(settings), want)


def test_unchanged_reingest_never_loads_the_model(tmp_path: Path, embedder: Embedder) -> None:
    root = build_corpus(tmp_path / "corpus")
    settings = make_settings(tmp_path)
    ingest([root], settings)
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from ingestion.pipeline import ingest\n"
        "from ingestion.settings import Settings\n"
        f"s = Settings(data_dir=Path({str(settings.data_dir)!r}), catalog_dir=Path({str(settings.catalog_dir)!r}))\n"
        f"r = ingest([Path({str(root)!r})], s)\n"
        "mods = ['sentence_transformers', 'torch', 'transformers', 'pypdf', 'docx', 'openpyxl', 'bs4']\n"
        "print(json.dumps({'unchanged': len(r.unchanged), 'written': r.chunks_written,\n"
        "                  'loaded': [m for m in mods if m in sys.modules]}))\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=120, check=True)  # fmt: skip
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"unchanged": len(CORPUS_DOC_IDS), "written": 0, "loaded": []}


def test_ingest_copy_of_corpus_gives_same_ids(tmp_path: Path, embedder: Embedder) -> None:
    """Doc ids and chunk ids depend on content and relative paths only, not on where the corpus lives."""
    root = build_corpus(tmp_path / "one")
    settings_one = make_settings(tmp_path / "s1")
    ingest([root], settings_one)
    copy = tmp_path / "two"
    shutil.copytree(root, copy)
    settings_two = make_settings(tmp_path / "s2")
    ingest([copy], settings_two)
    assert sorted(chroma_records(settings_one)) == sorted(chroma_records(settings_two))


def test_rewritten_chunks_lose_metadata_their_sources_dropped(tmp_path: Path, embedder: Embedder) -> None:
    """Chroma merges metadata on upsert/update: keys a document no longer has must be deleted, not kept."""
    root = tmp_path / "docs"
    write_csv(root / "log.csv", "id,clause\nNC-1,clause 7.2\n")
    sidecar = write_yaml(root / "log.csv.meta.yaml", {"title": "Log", "version": "1", "owner": "QA"})
    settings = make_settings(tmp_path)
    ingest([root], settings)
    first = chroma_records(settings)
    assert {(r["metadata"]["version"], r["metadata"]["owner"]) for r in first.values()} == {("1", "QA")}

    write_yaml(sidecar, {"title": "Log", "owner": "QA"})  # metadata only: same ids, nothing embedded
    report = ingest([root], settings)
    assert report.changed == ["log.csv"] and report.chunks_written == 0
    second = chroma_records(settings)
    assert set(second) == set(first) and all("version" not in r["metadata"] for r in second.values())

    write_yaml(sidecar, {"title": "Nonconformity log"})  # new title: same ids, re-embedded
    report = ingest([root], settings)
    assert report.changed == ["log.csv"] and report.chunks_written == len(first)
    third = chroma_records(settings)
    assert set(third) == set(first)
    for record in third.values():
        assert "owner" not in record["metadata"] and record["metadata"]["section"].startswith("Nonconformity log")
    with Manifest(settings) as manifest:
        assert {c: r["metadata"] for c, r in third.items()} == {
            row.chunk_id: row.metadata for row in manifest.chunks_of("log.csv")
        }
