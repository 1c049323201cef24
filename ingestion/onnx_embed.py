"""Sentence embeddings through ONNX Runtime, without torch at query time.

A local sentence-transformers model of the plain kind (a BERT encoder, mean pooling over the attention mask,
optionally a Normalize module; the bundled all-MiniLM-L6-v2 is one) is exported once to ONNX from its own
weights and cached under a key derived from the model files. Afterwards encoding needs only ``onnxruntime``,
``tokenizers`` and numpy, which import in a fraction of a second; torch and sentence-transformers import in
several. The export itself needs torch, so it happens on first use (normally the first ingest).

Tokenisation, truncation, mean pooling and normalisation follow sentence-transformers for these models, so
the vectors equal the torch ones to float precision (``tests/ingestion/test_onnx_embed.py``) and an index
built with either backend stays valid with the other.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

log = logging.getLogger(__name__)

#: Part of the cache key: bump when the export recipe changes, so old exports are not reused.
EXPORT_RECIPE = "bert-last-hidden-state-v1"
#: Files whose bytes define what the model computes (others, such as README.md, do not).
_DEFINING_FILES = ("config.json", "tokenizer.json", "modules.json", "sentence_bert_config.json")
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
#: Padded tokens per ONNX run (rows x width): bounds the attention buffers (docs/benchmarks.md).
_TOKENS_PER_RUN = 1024

FloatArray = NDArray[np.float32]


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _pooling_dir(model_dir: Path) -> Path | None:
    """The Pooling module's folder when ``modules.json`` is Transformer → Pooling (→ Normalize), else None."""
    try:
        modules = _read_json(model_dir / "modules.json")
    except (OSError, ValueError):
        return None
    if not isinstance(modules, list):
        return None
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules if isinstance(m, dict)]
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        return None
    if str(modules[0].get("path", "")) not in ("", "."):
        return None
    return model_dir / str(modules[1].get("path", ""))


def weights_file(model_dir: Path) -> Path | None:
    """The model's weight file, if it has one we can export from."""
    for name in _WEIGHT_FILES:
        if (model_dir / name).is_file():
            return model_dir / name
    return None


def supported(model_dir: Path) -> bool:
    """Whether ``model_dir`` is a local sentence-transformers model this module reproduces exactly.

    BERT encoder, mean pooling only, no lower-casing outside the tokenizer, a ``tokenizer.json``.
    """
    if not model_dir.is_dir() or weights_file(model_dir) is None:
        return False
    if not all((model_dir / name).is_file() for name in _DEFINING_FILES):
        return False
    pooling = _pooling_dir(model_dir)
    if pooling is None or not (pooling / "config.json").is_file():
        return False
    try:
        config = _read_json(model_dir / "config.json")
        pool = _read_json(pooling / "config.json")
        st_config = _read_json(model_dir / "sentence_bert_config.json")
    except (OSError, ValueError):
        return False
    modes = {k: v for k, v in pool.items() if k.startswith("pooling_mode_")}
    only_mean = modes.get("pooling_mode_mean_tokens") is True and not any(
        v for k, v in modes.items() if k != "pooling_mode_mean_tokens"
    )
    return (
        config.get("model_type") == "bert"
        and only_mean
        and not st_config.get("do_lower_case", False)
        and isinstance(st_config.get("max_seq_length"), int)
    )


def _defining_paths(model_dir: Path) -> list[Path]:
    weights = weights_file(model_dir)
    pooling = _pooling_dir(model_dir)
    paths = [model_dir / name for name in _DEFINING_FILES]
    if pooling is not None:
        paths.append(pooling / "config.json")
    if weights is not None:
        paths.append(weights)
    return paths


def _stat_signature(paths: Sequence[Path]) -> list[list[Any]]:
    return [[p.name, p.stat().st_size, p.stat().st_mtime_ns] for p in paths]


_fingerprint_lock = threading.Lock()


def model_fingerprint(model_dir: Path, cache_dir: Path) -> str:
    """SHA-256 over the model's defining files and the export recipe (the cache key).

    Hashing 90 MB of weights on every CLI call would cost more than the rest of a query's embedding, so the
    digest is memoised in ``cache_dir/fingerprints.json`` against the files' sizes and modification times.
    """
    paths = _defining_paths(model_dir)
    signature = _stat_signature(paths)
    memo_file = cache_dir / "fingerprints.json"
    key = str(model_dir.resolve())
    with _fingerprint_lock:
        try:
            memo = _read_json(memo_file)
        except (OSError, ValueError):
            memo = {}
        entry = memo.get(key) if isinstance(memo, dict) else None
        if isinstance(entry, dict) and entry.get("signature") == signature and isinstance(entry.get("sha256"), str):
            return str(entry["sha256"])
        digest = hashlib.sha256(EXPORT_RECIPE.encode())
        for path in paths:
            digest.update(path.relative_to(model_dir).as_posix().encode() + b"\0")
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        value = digest.hexdigest()
        memo = memo if isinstance(memo, dict) else {}
        memo[key] = {"signature": signature, "sha256": value}
        try:
            _atomic_write(memo_file, json.dumps(memo, indent=1).encode())
        except OSError as exc:  # a read-only cache still works, it only hashes again next time
            log.debug("could not record the model fingerprint in %s: %s", memo_file, exc)
        return value


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_path(model_dir: Path, cache_dir: Path) -> Path:
    """Where the export of ``model_dir`` lives (it may not exist yet)."""
    return cache_dir / "onnx" / model_fingerprint(model_dir, cache_dir)[:32] / "model.onnx"


def cached_export(model_dir: Path, cache_dir: Path) -> Path | None:
    """The cached export of ``model_dir``, or None when it was never exported (or the model changed)."""
    path = export_path(model_dir, cache_dir)
    return path if path.is_file() else None


def export(model_dir: Path, cache_dir: Path) -> Path:
    """Export the encoder of ``model_dir`` to ONNX (imports torch; a few seconds) and return the cached file.

    The graph maps ``input_ids, attention_mask, token_type_ids`` (int64, batch × tokens, both dynamic) to the
    last hidden state; pooling stays in numpy. Written to a temporary name and renamed, so concurrent first
    uses (two server workers) cannot leave a torn file.
    """
    target = export_path(model_dir, cache_dir)
    if target.is_file():
        return target
    import torch
    from transformers import AutoModel

    model: Any = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager")
    model.eval()

    class _Encoder(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    encoder = _Encoder(model).eval()
    # A padded row in the example: a trace over an all-ones mask may drop the mask from the graph.
    ids = torch.tensor([[101, 2023, 2003, 1037, 3231, 102], [101, 2023, 102, 0, 0, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    types = torch.zeros_like(ids)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".model.", suffix=".onnx")
    os.close(fd)
    try:
        # The exporters' deprecation and tracer warnings would land in the middle of the CLI's output.
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                # The TorchScript exporter: ~3 s here against ~7 s for the dynamo one, same vectors.
                torch.onnx.export(
                    encoder,
                    (ids, mask, types),
                    tmp_name,
                    input_names=list(_INPUTS),
                    output_names=["last_hidden_state"],
                    dynamic_axes={name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")},
                    opset_version=17,
                    dynamo=False,
                )
            except Exception as exc:  # a torch without the TorchScript exporter
                log.info("TorchScript ONNX export failed (%s); using the dynamo exporter", exc)
                batch, tokens = torch.export.Dim("batch"), torch.export.Dim("tokens", max=4096)
                program: Any = torch.onnx.export(
                    encoder,
                    (ids, mask, types),
                    input_names=list(_INPUTS),
                    output_names=["last_hidden_state"],
                    dynamic_shapes={name: {0: batch, 1: tokens} for name in _INPUTS},
                    dynamo=True,
                )
                program.save(tmp_name)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    log.info("exported %s to %s", model_dir, target)
    return target


class OnnxEmbedder:
    """:class:`ingestion.embedding.Embedder` over an exported model: ``tokenizers`` + ONNX Runtime + numpy."""

    def __init__(self, model_dir: Path, onnx_file: Path, *, name: str, batch_size: int = 32) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        st_config = _read_json(model_dir / "sentence_bert_config.json")
        self._max_seq_length = int(st_config["max_seq_length"])
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # The file carries its own truncation (128) and fixed padding; sentence-transformers truncates at
        # max_seq_length (special tokens included) and pads each batch to its longest row.
        tokenizer.enable_truncation(max_length=self._max_seq_length)
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        self._pad_id = int(tokenizer.token_to_id("[PAD]") or 0)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Batches vary in shape; the arena would keep the largest one's buffers for the life of the process.
        options.enable_cpu_mem_arena = False
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        self._dimension = int(self._session.get_outputs()[0].shape[-1])
        self._name = name
        self._batch_size = max(1, batch_size)
        self.onnx_file = onnx_file
        self._lock = threading.Lock()

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """The tokenizer's whole-word tokens (no "##" pieces): words the model reads as one unit."""
        return frozenset(t for t in self._tokenizer.get_vocab() if not t.startswith("##"))

    @property
    def model_name(self) -> str:
        """The configured model name (the same as on the torch path: both give the same vectors)."""
        return self._name

    @property
    def dimension(self) -> int:
        """Embedding width."""
        return self._dimension

    @property
    def max_seq_length(self) -> int:
        """Tokens the model reads; longer inputs are truncated."""
        return self._max_seq_length

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        """Encode in batches of similar length; normalised float32, one row per text in input order."""
        return self._encode(texts, None)[0]

    def embed_with_spans(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[FloatArray, list[FloatArray]]:
        """The texts' vectors and, from the same forward pass, one vector per character span of each text.

        A span's vector is the normalised mean of its tokens' contextual embeddings (the chunk's own encoding,
        so it costs no extra model run); a span with no token inside the model's window gets a zero row.
        """
        return self._encode(texts, spans)

    def _encode(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]] | None
    ) -> tuple[FloatArray, list[FloatArray]]:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        span_out = [np.zeros((len(s), self._dimension), dtype=np.float32) for s in spans or ()]
        if not texts:
            return out, span_out
        # sentence-transformers strips surrounding whitespace before tokenising.
        stripped = [str(t).strip() for t in texts]
        encodings = self._tokenizer.encode_batch(stripped)
        order = sorted(range(len(encodings)), key=lambda i: -len(encodings[i].ids))
        with self._lock:
            start = 0
            while start < len(order):
                # Longest first, so the first row's length is the batch's width. Attention memory grows with
                # rows x width^2: 32 rows of 256 tokens peaked at ~700 MiB and ran slower than 4 rows at a time.
                width = len(encodings[order[start]].ids)
                take = max(1, min(self._batch_size, _TOKENS_PER_RUN // max(1, width)))
                rows = order[start : start + take]
                start += take
                ids = np.full((len(rows), width), self._pad_id, dtype=np.int64)
                mask = np.zeros((len(rows), width), dtype=np.int64)
                types = np.zeros((len(rows), width), dtype=np.int64)
                for r, i in enumerate(rows):
                    enc = encodings[i]
                    n = len(enc.ids)
                    ids[r, :n] = enc.ids
                    mask[r, :n] = 1
                    types[r, :n] = enc.type_ids
                (hidden,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
                hidden = np.asarray(hidden, dtype=np.float32)
                out[rows] = _mean_pool_normalise(hidden, mask)
                if spans is not None:
                    for r, i in enumerate(rows):
                        lead = len(str(texts[i])) - len(str(texts[i]).lstrip())
                        span_out[i] = pool_spans(hidden[r], encodings[i].offsets, spans[i], lead)
        return out, span_out

    def embed_query(self, text: str) -> FloatArray:
        """Encode one query."""
        row: FloatArray = self.embed_documents([text])[0]
        return row


def pool_spans(
    hidden: FloatArray, offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]], lead: int = 0
) -> FloatArray:
    """Normalised mean of the token rows of ``hidden`` lying inside each character span (zero row: no token).

    ``offsets`` are the tokens' character ranges in the tokenised string, which is the text without its
    ``lead`` leading characters; special tokens have empty ranges and belong to no span.
    """
    out = np.zeros((len(spans), hidden.shape[-1]), dtype=np.float32)
    if not spans:
        return out
    bounds = np.asarray(offsets, dtype=np.int64).reshape(-1, 2)[: hidden.shape[0]] + lead
    hidden = hidden[: len(bounds)]  # rows past the text's own tokens are padding
    real = bounds[:, 1] > bounds[:, 0]
    for n, (start, end) in enumerate(spans):
        inside = real & (bounds[:, 0] >= start) & (bounds[:, 1] <= end)
        if inside.any():
            pooled = hidden[inside].mean(axis=0)
            out[n] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
    return out


def _mean_pool_normalise(hidden: FloatArray, mask: NDArray[np.int64]) -> FloatArray:
    """Mean over unmasked tokens (denominator clamped at 1e-9), then unit length (norm clamped at 1e-12)."""
    weights = mask[:, :, None].astype(np.float32)
    summed = (hidden * weights).sum(axis=1)
    counts = np.clip(weights.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
    return np.asarray(pooled / norms, dtype=np.float32)
