"""In-process answer time for questions new to the process, with and without the sentence vectors ingest keeps.

    .venv/bin/python bench/answer_cold.py --data-dir DIR [--key corpus/org/expected.yaml] [--questions 40]

``DIR`` is an ingested data dir (e.g. ``.clausewise`` after ``make run``). For each question, the process's memory
caches of sentence vectors are cleared first, so every question is new to the process. Two modes, one process:

- ``kept``: the data dir's stored sentence vectors are read, as after an ingest with this code;
- ``none``: nothing is read or written, so every candidate sentence is pooled or encoded during the answer (the
  state of an index ingested before sentence vectors were kept, or of the code before them).

Prints p50 / p95 per mode and how many texts the model encoded per answer.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1)


def main() -> int:
    """Measure both modes and print one JSON line each."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--key", type=Path, default=ROOT / "corpus" / "org" / "expected.yaml")
    parser.add_argument("--questions", type=int, default=40)
    args = parser.parse_args()

    from assistant.evaluation.key import load_key
    from assistant.models import Asker
    from assistant.service import ClausewiseService
    from ingestion.settings import Settings

    settings = Settings(data_dir=args.data_dir.resolve(), answerer="extractive")
    service = ClausewiseService.from_settings(settings, audit=None)
    questions = [(q.question, q.role) for q in load_key(args.key).questions][: args.questions]
    store = service.retriever.sentence_vectors
    embedder = store.embedder
    encoded = [0]

    class Counting:
        model_name = embedder.model_name
        dimension = embedder.dimension

        def embed_documents(self, texts: Any) -> Any:
            encoded[0] += len(texts)
            return embedder.embed_documents(texts)

        def embed_query(self, text: str) -> Any:
            return embedder.embed_query(text)

        def embed_with_spans(self, texts: Any, spans: Any) -> Any:
            encoded[0] += len(texts)
            return embedder.embed_with_spans(texts, spans)

    # Warm-up: model, BM25, Chroma, and the catalog wording the gap judge encodes once per data dir.
    for text, role in questions[:3]:
        service.ask(text, Asker(user="bench", role=role, channel="eval"))
    store.embedder = Counting()
    stored = store._db_ok
    for mode in ("kept", "none"):
        store._db_ok = stored and mode == "kept"
        times: list[float] = []
        counts: list[int] = []
        for text, role in questions:
            store._memory.clear()
            store._passages.clear()
            encoded[0] = 0
            t = time.perf_counter()
            service.ask(text, Asker(user="bench", role=role, channel="eval"))
            times.append((time.perf_counter() - t) * 1000)
            counts.append(encoded[0])
        row = {"mode": mode, "questions": len(times), "p50_ms": _pct(times, 50), "p95_ms": _pct(times, 95),
               "texts_encoded_median": statistics.median(counts), "texts_encoded_max": max(counts)}  # fmt: skip
        print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
