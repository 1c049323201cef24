"""Files prepared outside the ingest lock (``prepare_files``) and written by ``ingest(prepared=...)``.

The lock-holding run reuses a preparation only while the file, its metadata sources and the run's limits are
what it was made from; anything else is prepared again under the lock, and the clearance is always checked by
the run that writes.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docfactory import write_markdown
from ingest_helpers import assert_same_index, chroma_records, make_settings, snapshot

from ingestion.embedding import Embedder, get_embedder
from ingestion.manifest import Manifest
from ingestion.pipeline import IngestReport, ingest, prepare_files

BODY = (
    "# Heron retention standard\n\n## Scope\n\nHeron logs are kept for 40 days and then erased by the records team.\n\n"
    "## Review\n\nThe heron standard is reviewed every 11 weeks by the data steward.\n"
)


def _while_the_model_is_busy(embedder: Embedder, work: Callable[[], IngestReport]) -> IngestReport:
    """Run ``work`` while another thread holds the embedder (one forward pass at a time): it must not wait for it."""
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["report"] = work()
        except BaseException as exc:  # re-raised in the test thread
            result["error"] = exc

    lock: threading.Lock = embedder._lock  # type: ignore[attr-defined]
    with lock:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=60)
        waited = thread.is_alive()
    thread.join()
    assert not waited, "the ingest waited for the embedding model: the prepared vectors were not reused"
    if "error" in result:
        raise result["error"]
    report: IngestReport = result["report"]
    return report


def test_a_file_prepared_before_it_exists_is_written_without_embedding(tmp_path: Path, embedder: Embedder) -> None:
    settings = make_settings(tmp_path / "a")
    root = tmp_path / "a" / "docs"
    root.mkdir(parents=True)
    target = root / "heron.md"
    prep = prepare_files([target], settings, root=root, contents={target: BODY.encode()})
    assert prep.report.failed == [] and [f.doc_id for f in prep.files] == ["heron.md"]
    assert prep.files[0].vectors is not None and len(prep.files[0].vectors) == len(prep.files[0].write.chunks)
    # Preparing writes nothing.
    with Manifest(settings) as manifest:
        assert manifest.documents() == [] and manifest.generation == 0
    assert chroma_records(settings) == {}

    target.write_text(BODY, encoding="utf-8")
    report = _while_the_model_is_busy(
        get_embedder(settings), lambda: ingest([target], settings, root=root, prepared=prep.files)
    )
    assert report.ok and report.new == ["heron.md"] and report.chunks_written == len(prep.files[0].write.chunks)

    # The same as an ordinary ingest of the file: chunks, metadata, vectors, manifest and BM25.
    plain = make_settings(tmp_path / "b")
    other = tmp_path / "b" / "docs"
    shutil.copytree(root, other)
    assert ingest([other / "heron.md"], plain, root=other).ok
    assert_same_index(snapshot(settings), snapshot(plain))


def test_a_sidecar_written_after_preparing_is_applied(tmp_path: Path, embedder: Embedder) -> None:
    settings = make_settings(tmp_path)
    root = tmp_path / "docs"
    target = write_markdown(root / "heron.md", BODY)
    prep = prepare_files([target], settings, root=root)
    assert prep.files[0].write.meta.classification == "internal"
    (root / "heron.md.meta.yaml").write_text("classification: confidential\nowner: Records team\n", encoding="utf-8")

    report = ingest([target], settings, root=root, prepared=prep.files)
    assert report.ok and report.new == ["heron.md"]
    with Manifest(settings) as manifest:
        (doc,) = manifest.documents()
    assert (doc.classification, doc.owner) == ("confidential", "Records team")
    assert {r["metadata"]["classification"] for r in chroma_records(settings).values()} == {"confidential"}


def test_a_file_changed_after_preparing_is_prepared_again(tmp_path: Path, embedder: Embedder) -> None:
    settings = make_settings(tmp_path)
    root = tmp_path / "docs"
    target = write_markdown(root / "heron.md", BODY)
    prep = prepare_files([target], settings, root=root)
    changed = BODY.replace("40 days", "45 days")
    target.write_text(changed, encoding="utf-8")

    report = ingest([target], settings, root=root, prepared=prep.files)
    assert report.ok and report.new == ["heron.md"]
    with Manifest(settings) as manifest:
        (doc,) = manifest.documents()
    assert doc.content_hash == hashlib.sha256(changed.encode()).hexdigest()
    texts = " ".join(r["document"] for r in chroma_records(settings).values())
    assert "45 days" in texts and "40 days" not in texts


def test_other_limits_prepare_again(tmp_path: Path, embedder: Embedder) -> None:
    target = write_markdown(tmp_path / "docs" / "heron.md", BODY)
    prep = prepare_files([target], make_settings(tmp_path), root=target.parent)
    assert prep.report.failed == []
    strict = make_settings(tmp_path, max_chars=50)
    report = ingest([target], strict, root=target.parent, prepared=prep.files)
    assert [f.limit for f in report.failed] == ["CLAUSEWISE_MAX_CHARS"]
    assert chroma_records(strict) == {}


def test_the_writing_run_checks_the_clearance(tmp_path: Path, embedder: Embedder) -> None:
    settings = make_settings(tmp_path)
    root = tmp_path / "docs"
    target = write_markdown(root / "audit.md", BODY, {"classification": "restricted"})
    prep = prepare_files([target], settings, root=root)  # no clearance given: prepared
    assert prep.report.failed == [] and len(prep.files) == 1

    report = ingest([target], settings, root=root, clearance=["public", "internal", "confidential"],
                    prepared=prep.files, keep_on_failure=True)
    assert [f.forbidden for f in report.failed] == [True], report.failed
    assert "front matter" in report.failed[0].error
    assert chroma_records(settings) == {}
    # And the preparing run refuses it itself when it is given the clearance.
    refused = prepare_files([target], settings, root=root, clearance=["public", "internal"])
    assert refused.files == [] and [f.forbidden for f in refused.report.failed] == [True]


def test_unchanged_and_metadata_only_files_are_not_embedded_when_preparing(tmp_path: Path, embedder: Embedder) -> None:
    settings = make_settings(tmp_path)
    root = tmp_path / "docs"
    target = write_markdown(root / "heron.md", BODY)
    assert ingest([target], settings, root=root).ok
    assert prepare_files([target], settings, root=root).files == []  # unchanged: nothing to prepare

    prep = prepare_files([target], settings, root=root, overrides={"owner": "Records team"})
    (ready,) = prep.files
    assert ready.vectors is None  # same text: only the metadata changes
    report = _while_the_model_is_busy(
        get_embedder(settings),
        lambda: ingest([target], settings, root=root, overrides={"owner": "Records team"}, prepared=prep.files),
    )
    assert report.changed == ["heron.md"] and report.chunks_written == 0
    assert {r["metadata"]["owner"] for r in chroma_records(settings).values()} == {"Records team"}
