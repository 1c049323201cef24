"""A learned semantic signal for the injection detector: logistic regression over sentence embeddings.

Trained at first use on the shipped labelled sentences (``assistant/data/injection_exemplars.yaml`` and the
``train_injection_*.yaml`` sets), which is a few hundred sentences: embedding and fitting them take
several seconds, so vectors and weights are cached on disk keyed by the model, the sentences and the recipe. Measured
leave-one-set-out, a linear probe over the embeddings ranks unseen injections above their benign look-alikes
better than nearest-exemplar similarity as the training set grows (docs/injection.md).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from ingestion.embedding import Embedder

log = logging.getLogger(__name__)
#: libyaml's safe loader when present (the same objects, ten times faster on these files).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA = Path(__file__).parent / "data"
#: The labelled files: exemplars plus every ``train_injection_*.yaml`` (each a mapping injection/benign).
TRAINING_GLOB = "train_injection_*.yaml"
#: L2 penalty of the logistic regression (sum of losses + L2/2 |w|^2; stronger penalties underfit the unseen sets).
L2 = 0.1
#: Bump when the cached layout or the training recipe changes.
CACHE_VERSION = "2"


@dataclass(frozen=True)
class LabelledSet:
    """Sentences with labels (1 = injection), in a fixed order."""

    texts: tuple[str, ...]
    labels: tuple[int, ...]


def training_files() -> list[Path]:
    """The shipped labelled files, exemplars first, then the training sets in name order."""
    return [DATA / "injection_exemplars.yaml", *sorted(DATA.glob(TRAINING_GLOB))]


def load_training(files: list[Path] | None = None) -> LabelledSet:
    """Read the labelled files; a malformed one is a clear error naming it. Duplicate sentences count once."""
    texts: list[str] = []
    labels: list[int] = []
    seen: set[str] = set()
    for path in files or training_files():
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping with 'injection' and 'benign' lists")
        for key, label in (("injection", 1), ("benign", 0)):
            items = data.get(key)
            if not isinstance(items, list) or not all(isinstance(s, str) for s in items):
                raise ValueError(f"{path}: '{key}' must be a list of sentences")
            for s in items:
                s = s.strip()
                if s and s not in seen:
                    seen.add(s)
                    texts.append(s)
                    labels.append(label)
    return LabelledSet(tuple(texts), tuple(labels))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 300) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression by Newton's method (a few hundred rows, a few hundred features)."""
    n, d = x.shape
    pos = max(1, int(y.sum()))
    neg = max(1, n - pos)
    sample_w = np.where(y == 1, n / (2 * pos), n / (2 * neg))
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0  # the bias is not penalised
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (sample_w * (p - y)) + reg * w
        hess = (xb * (sample_w * p * (1 - p))[:, None]).T @ xb + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-7:
            break
    return w[:-1].astype(np.float32), float(w[-1])


class InjectionProbe:
    """P(injection) for sentence vectors of one embedding model."""

    def __init__(self, weights: np.ndarray, bias: float, vectors: np.ndarray, labels: np.ndarray) -> None:
        self.weights = weights
        self.bias = bias
        #: The training vectors and labels (the nearest-exemplar signal reads them too).
        self.vectors = vectors
        self.labels = labels

    def probability(self, vectors: np.ndarray) -> np.ndarray:
        """P(injection) for each row of ``vectors``."""
        z = np.asarray(vectors, dtype=np.float32) @ self.weights + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)

    @classmethod
    def build(
        cls, embedder: Embedder, *, cache_dir: Path | None = None, data: LabelledSet | None = None
    ) -> InjectionProbe:
        """Embed the labelled sentences and fit the regression, or read both from the cache."""
        data = data or load_training()
        labels = np.asarray(data.labels, dtype=np.float64)
        path = cache_dir / "injection" / f"{_cache_key(embedder, data)}.npz" if cache_dir else None
        cached = _read_cache(path, (len(data.texts), embedder.dimension)) if path is not None else None
        if cached is not None:
            return cls(cached[1], cached[2], cached[0], labels)
        vectors = np.asarray(embedder.embed_documents(list(data.texts)), dtype=np.float32)
        weights, bias = fit_logistic(vectors.astype(np.float64), labels)
        if path is not None:
            _write_cache(path, vectors, weights, bias)
        return cls(weights, bias, vectors, labels)


def _cache_key(embedder: Embedder, data: LabelledSet) -> str:
    h = hashlib.sha256(f"{CACHE_VERSION}\0{L2}\0{embedder.model_name}\0{embedder.dimension}".encode())
    for t, label in zip(data.texts, data.labels, strict=True):
        h.update(f"\0{label}\0{t}".encode())
    return h.hexdigest()[:32]


def _read_cache(path: Path, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, float] | None:
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            vectors, weights, bias = z["vectors"], z["weights"], float(z["bias"])
        if vectors.shape == shape and weights.shape == (shape[1],):
            return np.asarray(vectors, dtype=np.float32), np.asarray(weights, dtype=np.float32), bias
        log.warning("injection probe cache %s has the wrong shape; rebuilding", path)
    except (OSError, ValueError, KeyError) as exc:  # a damaged cache file is rebuilt, never trusted
        log.warning("injection probe cache %s unreadable (%s); rebuilding", path, exc)
    return None


def _write_cache(path: Path, vectors: np.ndarray, weights: np.ndarray, bias: float) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.stem + ".tmp.npz")
        np.savez(tmp, vectors=vectors, weights=weights, bias=np.float64(bias))
        tmp.replace(path)
    except OSError as exc:  # a read-only cache still works, it only rebuilds next time
        log.info("injection probe cache not written (%s)", exc)
