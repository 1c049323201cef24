"""Upload rules on a real service: who may create which classification, and what a crash leaves behind.

Each test works on a private copy of the ingested sample corpus, so uploads and simulated crashes stay local.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from api_rig import Api
from fastapi.testclient import TestClient

from ingestion.manifest import Manifest
from ingestion.settings import Settings
from ingestion.store import chunk_collection, open_client

SECRET = "The pelican ledger reconciliation is performed by the night shift of the treasury team."
QUESTION = "Who performs the pelican ledger reconciliation?"


def _start(settings: Settings) -> tuple[TestClient, Any]:
    """A freshly started app over ``settings`` (a new service, as after a server restart)."""
    from assistant.service import ClausewiseService
    from server import create_app

    service = ClausewiseService.from_settings(settings)
    return TestClient(create_app(settings, service)), service


@pytest.fixture(scope="module")
def rig(clone_ingested: Callable[..., Settings]) -> Iterator[Api]:
    from assistant.auth import create_key

    settings = clone_ingested("upload_rules")
    keys = {role: create_key(settings, f"{role}-key", role) for role in ("staff", "compliance", "auditor")}
    client, service = _start(settings)
    with client:
        yield Api(client=client, settings=settings, service=service, keys=keys)


def _index_state(settings: Settings) -> tuple[int, dict[str, tuple[str, str]], dict[str, str]]:
    """(generation, doc id → (content hash, classification), the state table) — what an upload could change.

    The state table holds e.g. the last ingest's outcome, which /readyz (no key needed) and answers report.
    """
    with Manifest(settings) as manifest:
        docs = {d.doc_id: (d.content_hash, str(d.classification)) for d in manifest.documents()}
        generation = manifest.generation
    with contextlib.closing(sqlite3.connect(settings.manifest_path)) as conn:
        state = dict(conn.execute("SELECT key, value FROM state").fetchall())
    return generation, docs, state


def _chunks_of(settings: Settings, doc_id: str) -> list[dict[str, Any]]:
    got = chunk_collection(open_client(settings), settings).get(where={"doc_id": doc_id}, include=["metadatas"])
    return [dict(m) for m in got["metadatas"] or []]


def _upload_dir(settings: Settings) -> Path:
    return settings.data_dir / settings.upload_dir_name


def _visible_files(settings: Settings) -> list[str]:
    folder = _upload_dir(settings)
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []


def _hidden_leftovers(settings: Settings) -> list[str]:
    """Hidden files in the upload folder (temp files, backups)."""
    folder = _upload_dir(settings)
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) if folder.exists() else []


def _post(api: Api, role: str, name: str, content: bytes, **data: str) -> tuple[int, dict[str, Any]]:
    r = api.client.post("/v1/documents", headers=api.headers(role), files={"file": (name, content)}, data=data)
    return r.status_code, r.json()


def _markdown(body: str, **front: str) -> bytes:
    header = "".join(f"{k}: {v}\n" for k, v in front.items())
    return (f"---\n{header}---\n" if front else "").encode() + body.encode()


# --- 3. compliance may not create restricted documents --------------------------------------------

@pytest.mark.parametrize(
    ("name", "content", "source"),
    [
        ("pelican_front.md", _markdown(f"# Pelican ledger\n\n{SECRET}\n", classification="restricted"),
         "front matter"),
        ("pelican_page.html",
         f'<html><head><meta name="classification" content="Restricted"><title>Pelican</title></head>'
         f"<body><h1>Pelican ledger</h1><p>{SECRET}</p></body></html>".encode(), "document properties"),
    ],
)
def test_compliance_upload_whose_document_says_restricted_is_refused(
    rig: Api, name: str, content: bytes, source: str
) -> None:
    before = _index_state(rig.settings)
    code, body = _post(rig, "compliance", name, content)
    assert code == 403, body
    assert name in body["detail"] and "restricted" in body["detail"] and source in body["detail"]
    assert _index_state(rig.settings) == before
    assert _chunks_of(rig.settings, f"uploads/{name}") == []
    assert name not in _visible_files(rig.settings) and _hidden_leftovers(rig.settings) == []
    # The same file from a key cleared for restricted documents is accepted, restricted.
    code, body = _post(rig, "auditor", name, content)
    assert code == 201, body
    assert {m["classification"] for m in _chunks_of(rig.settings, f"uploads/{name}")} == {"restricted"}
    assert rig.client.delete(f"/v1/documents/uploads/{name}", headers=rig.headers("auditor")).status_code == 200


@pytest.mark.parametrize("meta_file", ["pelican_side.md.meta.yaml", "_meta.yaml"])
def test_compliance_upload_restricted_by_a_sidecar_or_folder_default_is_refused(rig: Api, meta_file: str) -> None:
    folder = _upload_dir(rig.settings)
    folder.mkdir(parents=True, exist_ok=True)
    meta = folder / meta_file  # placed by the operator next to the uploads
    meta.write_text("classification: restricted\n", encoding="utf-8")
    try:
        before = _index_state(rig.settings)
        code, body = _post(rig, "compliance", "pelican_side.md", _markdown(f"# Pelican\n\n{SECRET}\n"))
        assert code == 403, body
        assert "pelican_side.md" in body["detail"] and meta_file in body["detail"]
        assert _index_state(rig.settings) == before
        assert _chunks_of(rig.settings, "uploads/pelican_side.md") == []
        assert "pelican_side.md" not in _visible_files(rig.settings) and _hidden_leftovers(rig.settings) == []
        assert meta.is_file()  # the operator's file is not touched
    finally:
        meta.unlink()


def test_compliance_reupload_cannot_make_an_existing_document_restricted(rig: Api) -> None:
    name, doc_id = "pelican_policy.md", "uploads/pelican_policy.md"
    first = _markdown(f"# Pelican policy\n\n{SECRET}\n")
    code, body = _post(rig, "compliance", name, first)
    assert code == 201, body
    before = _index_state(rig.settings)
    stored = _upload_dir(rig.settings) / name

    second = _markdown(f"# Pelican policy v2\n\n{SECRET} Now with a second, restricted sentence.\n",
                       classification="restricted")
    code, body = _post(rig, "compliance", name, second)
    assert code == 403 and name in body["detail"], body
    # The indexed version and the stored file are the first upload, still internal and readable by staff.
    assert _index_state(rig.settings) == before
    assert before[1][doc_id] == (hashlib.sha256(first).hexdigest(), "internal")
    assert stored.read_bytes() == first and _hidden_leftovers(rig.settings) == []
    assert {m["classification"] for m in _chunks_of(rig.settings, doc_id)} == {"internal"}
    docs = rig.client.get("/v1/documents", headers=rig.headers("staff")).json()["documents"]
    assert doc_id in {d["doc_id"] for d in docs}
    answer = rig.client.post("/v1/ask", json={"question": QUESTION}, headers=rig.headers("staff")).json()
    assert doc_id in {c["doc_id"] for c in answer["citations"]}
    assert rig.client.delete(f"/v1/documents/{doc_id}", headers=rig.headers("compliance")).status_code == 200


def test_failed_reupload_keeps_the_indexed_version_and_the_name(rig: Api) -> None:
    """A re-upload that cannot be read (422) leaves the previous version indexed, and its name usable."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingestion"))
    from docfactory import pdf_bytes

    name, doc_id = "pelican_report.pdf", "uploads/pelican_report.pdf"
    good = pdf_bytes([f"Pelican report. {SECRET}"])
    assert _post(rig, "compliance", name, good)[0] == 201
    before = _index_state(rig.settings)

    code, body = _post(rig, "compliance", name, b"%PDF-1.4 not really a pdf")
    assert code == 422 and name in body["detail"], body
    assert _index_state(rig.settings) == before
    assert (_upload_dir(rig.settings) / name).read_bytes() == good and _hidden_leftovers(rig.settings) == []
    assert doc_id in {d["doc_id"] for d in
                      rig.client.get("/v1/documents", headers=rig.headers("compliance")).json()["documents"]}
    code, body = _post(rig, "compliance", name, pdf_bytes([f"Pelican report, second edition. {SECRET}"]))
    assert code == 201 and body["report"]["changed"] == [doc_id], body
    assert rig.client.delete(f"/v1/documents/{doc_id}", headers=rig.headers("compliance")).status_code == 200


# --- 10. orphans after a crash ----------------------------------------------------------------------

@pytest.mark.slow
def test_start_up_reconciles_uploads_left_by_a_killed_server(clone_ingested: Callable[..., Settings]) -> None:
    """The states a kill can leave, then a fresh start: every name can be uploaded again (201, not 409)."""
    from assistant.auth import create_key

    settings = clone_ingested("upload_crash")
    key = create_key(settings, "compliance-key", "compliance")
    headers = {"Authorization": f"Bearer {key}"}
    folder = _upload_dir(settings)
    client, _service = _start(settings)
    with client:
        kept_v1 = _markdown("# Heron standard\n\nHeron logs are kept for 40 days.\n")
        done_v1 = _markdown("# Ibis standard\n\nIbis logs are kept for 50 days.\n")
        for name, content in (("heron.md", kept_v1), ("ibis.md", done_v1)):
            r = client.post("/v1/documents", headers=headers, files={"file": (name, content)})
            assert r.status_code == 201, r.text
    before = _index_state(settings)

    # 1. killed after the file was moved into place, before the manifest commit: a file without a row.
    (folder / "orphan.md").write_bytes(_markdown("# Orphan\n\nHalf-uploaded text.\n"))
    # 2. killed while writing the temp file.
    (folder / ".partial.md.part").write_bytes(b"# Partial\n\nhalf")
    # 3. killed during a re-upload of an indexed document before its commit: the new bytes are in place,
    #    the indexed version waits in the backup.
    (folder / ".heron.md.prev").write_bytes(kept_v1)
    (folder / "heron.md").write_bytes(_markdown("# Heron standard v2\n\nNever confirmed.\n"))
    # 4. killed during a re-upload after its commit, before the backup was dropped.
    (folder / ".ibis.md.prev").write_bytes(_markdown("# Ibis, an older version\n"))
    # 5. an operator's sidecar next to the uploads is metadata, not an orphan.
    (folder / "notes.md.meta.yaml").write_text("owner: Records team\n", encoding="utf-8")

    client, _service = _start(settings)
    with client:
        # Start-up put the folder back in line with the manifest, before any request.
        assert _visible_files(settings) == ["heron.md", "ibis.md", "notes.md.meta.yaml"]
        assert _hidden_leftovers(settings) == []
        assert (folder / "heron.md").read_bytes() == kept_v1
        assert (folder / "ibis.md").read_bytes() == done_v1
        assert _index_state(settings) == before

        for name in ("orphan.md", "partial.md"):
            r = client.post("/v1/documents", headers=headers,
                            files={"file": (name, _markdown(f"# {name}\n\nUploaded again after the crash.\n"))})
            assert r.status_code == 201, r.text
            assert r.json()["report"]["new"] == [f"uploads/{name}"]
        r = client.post("/v1/documents", headers=headers,
                        files={"file": ("heron.md", _markdown("# Heron standard v2\n\nHeron logs: 45 days.\n"))})
        assert r.status_code == 201 and r.json()["report"]["changed"] == ["uploads/heron.md"], r.text
        assert _hidden_leftovers(settings) == []


def test_a_file_without_an_index_entry_does_not_block_its_name(rig: Api) -> None:
    """Even without a restart (e.g. an orphan left by another worker), the name is free: 201, not 409."""
    folder = _upload_dir(rig.settings)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "stray.md").write_bytes(b"# Stray\n\nleft behind\n")
    code, body = _post(rig, "compliance", "stray.md", _markdown("# Stray\n\nThe stray standard, uploaded.\n"))
    assert code == 201 and body["report"]["new"] == ["uploads/stray.md"], body
    assert rig.client.delete("/v1/documents/uploads/stray.md", headers=rig.headers("compliance")).status_code == 200


def test_a_name_held_by_a_document_the_caller_cannot_read_stays_taken(rig: Api) -> None:
    content = _markdown(f"# Pelican audit\n\n{SECRET}\n", classification="restricted")
    assert _post(rig, "auditor", "pelican_audit.md", content)[0] == 201
    before = _index_state(rig.settings)
    code, body = _post(rig, "compliance", "pelican_audit.md", _markdown("# Overwrite attempt\n\ntext\n"))
    assert code == 409 and "pelican_audit.md" in body["detail"], body
    assert _index_state(rig.settings) == before
    assert (_upload_dir(rig.settings) / "pelican_audit.md").read_bytes() == content
    assert rig.client.delete("/v1/documents/uploads/pelican_audit.md",
                             headers=rig.headers("auditor")).status_code == 200
