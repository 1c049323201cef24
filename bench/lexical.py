"""BM25 index memory and load time at scale, the current memory-mapped layout beside the previous one.

    .venv/bin/python bench/lexical.py [--chunks 100000] [--work DIR] [--out bench/out/lexical.json]

Chunks come from ``bench/query.py``'s generator (sample-corpus sentences recombined, with the metadata the
pipeline writes). Both layouts are built over the same rows: the current one by ``ingestion.lexical.build``,
the previous one (everything in ``chunks.json``, bm25s arrays loaded into memory) by the previous code itself
(``ingestion/lexical.py`` at ``--previous-rev``, taken with ``git show``). Each is then measured in a fresh
process with its own code: wall time of ``LexicalIndex.load`` plus what the retriever does on load (the doc
refs), the process's RSS growth after the load and after a round of filtered searches (mapped
pages a search touches count), and the Python allocations the load leaves (tracemalloc, a second load). The
searches of both layouts must return the same ids and scores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = (
    "how often is the AI policy reviewed", "impact assessment approval", "population stability index retraining",
    "incident reported within hours", "training data retention", "supplier questionnaire", "clause 6.1.4",
    "A.6.2.8 event logs", "human oversight", "nonconformity corrective action", "management review minutes",
    "risk appetite residual risk", "model card validation", "internal audit programme", "competence training",
)  # fmt: skip
CLEARANCES = (["public", "internal"], ["public", "internal", "confidential"], None)


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _previous_module(work: Path) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("lexical_previous", work / "lexical_previous.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(work: Path, chunks: int, previous_rev: str) -> dict[str, Any]:
    """Both layouts over the same generated rows (reused when already built for this size)."""
    from bench.query import generate
    from ingestion import lexical
    from ingestion.settings import Settings

    stamp_file = work / "built.json"
    if stamp_file.is_file() and json.loads(stamp_file.read_text()).get("chunks") == chunks:
        return dict(json.loads(stamp_file.read_text()))
    t0 = time.perf_counter()
    rows = [(c.id, c.text, c.meta) for c in generate(0, chunks, min(chunks, 10_000), None)]
    info: dict[str, Any] = {"chunks": chunks, "generate_s": round(time.perf_counter() - t0, 1)}

    t0 = time.perf_counter()
    lexical.build(Settings(data_dir=work / "current"), rows, generation=1)
    info["build_current_s"] = round(time.perf_counter() - t0, 1)

    t0 = time.perf_counter()
    source = subprocess.run(["git", "show", f"{previous_rev}:ingestion/lexical.py"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout  # fmt: skip
    (work / "lexical_previous.py").write_text(source)
    _previous_module(work).build(Settings(data_dir=work / "previous"), rows, generation=1)
    info["build_previous_s"] = round(time.perf_counter() - t0, 1)
    stamp_file.write_text(json.dumps(info))
    return info


def measure(data_dir: Path) -> dict[str, Any]:
    """One layout, in this (fresh) process."""
    import gc
    import tracemalloc

    import bm25s  # noqa: F401  (imported before the baseline: its import is no part of the index's cost)
    import numpy as np  # noqa: F401

    from ingestion.settings import Settings

    code: Any = _previous_module(data_dir.parent) if data_dir.name == "previous" else None
    if code is None:
        from ingestion import lexical as code
    LexicalIndex, size_on_disk = code.LexicalIndex, code.size_on_disk
    settings = Settings(data_dir=data_dir)
    out: dict[str, Any] = {"layout": data_dir.name}
    gc.collect()
    rss0 = _rss_kib()
    t0 = time.perf_counter()
    index = LexicalIndex.load(settings)
    assert index is not None
    if hasattr(index, "doc_refs"):  # what the retriever computes on load, each code its own way
        refs: Any = index.doc_refs()
    else:
        refs = {}
        for meta in index.metadatas:
            refs.setdefault(str(meta.get("doc_id", "")), set()).update(meta.get("clause_refs") or [])
    out["load_s"] = round(time.perf_counter() - t0, 3)
    out["rss_after_load_mib"] = round((_rss_kib() - rss0) / 1024, 1)
    results = []
    t0 = time.perf_counter()
    for query in QUERIES:
        for clearance in CLEARANCES:
            results.append(index.search(query, 40, classifications=clearance))
    out["search_ms_mean"] = round(1000 * (time.perf_counter() - t0) / (len(QUERIES) * len(CLEARANCES)), 2)
    out["rss_after_searches_mib"] = round((_rss_kib() - rss0) / 1024, 1)
    out["chunks"] = len(index)
    out["disk_mib"] = round(size_on_disk(settings) / 2**20, 1)
    del index, refs
    gc.collect()
    tracemalloc.start()
    again = LexicalIndex.load(settings)
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out["python_allocations_mib"] = round(current / 2**20, 1)
    del again
    out["results"] = results
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=ROOT / ".clausewise" / "bench" / "lexical")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "lexical.json")
    parser.add_argument("--previous-rev", default="943927f^", help="commit whose lexical.py is 'previous'")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0

    work = args.work / str(args.chunks)
    work.mkdir(parents=True, exist_ok=True)
    load = [round(x, 2) for x in os.getloadavg()]
    info = build(work, args.chunks, args.previous_rev)
    print(f"built {info}", file=sys.stderr)
    measured = {}
    for layout in ("current", "previous"):
        done = subprocess.run([sys.executable, __file__, "--measure", str(work / layout)], cwd=ROOT,
                              capture_output=True, text=True, check=True)  # fmt: skip
        measured[layout] = json.loads(done.stdout.strip().splitlines()[-1])
    same = measured["current"].pop("results") == measured["previous"].pop("results")
    result = {"chunks": args.chunks, "build": info, "identical_results": same, **measured,
              "load_average": {"start": load, "end": [round(x, 2) for x in os.getloadavg()]}}  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
