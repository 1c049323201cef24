"""Calibrate the gap-analysis thresholds and the abstention threshold on an answer key.

Usage: .venv/bin/python bench/calibrate.py [--set corpus/org/expected.yaml] [--data-dir DIR]

The index must already hold the key's corpus (``clausewise ingest corpus/`` with the same data dir). Features are
computed once per clause/control; every threshold combination is then scored offline. Prints the best settings,
their confusion matrix and the leaves they still get wrong; copy the result into ``GapThresholds`` and
``docs/calibration.md``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.gaps import GapThresholds
from assistant.models import Asker
from assistant.service import ClausewiseService
from ingestion.settings import Settings


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="corpus/org/expected.yaml")
    ap.add_argument("--data-dir", default=None)
    args = ap.parse_args()
    settings = Settings(**({"data_dir": Path(args.data_dir)} if args.data_dir else {}))
    svc = ClausewiseService.from_settings(settings, audit=None)
    key = yaml.safe_load(Path(args.set).read_text(encoding="utf-8"))
    coverage = {str(k): v["status"] for k, v in key["coverage"].items()}
    clearance = svc.clearance(Asker(role="auditor"))
    leaves = [i for i in coverage if i in svc.catalog and not svc.catalog.children(i)]
    svc.assessor._warm([svc.catalog[i] for i in leaves])
    feats = {i: svc.assessor.features(i, clearance) for i in leaves}

    grid = itertools.product(
        [0.50, 0.52, 0.54, 0.56, 0.58, 0.60, 0.62, 0.65],
        [0.30, 0.35, 0.40, 0.45, 0.50],
        [0.34, 0.4, 0.5, 0.6, 0.75],
        [0.5, 0.75, 1.01],
        [0.4, 0.45, 0.5, 0.55, 0.6, 1.01],
    )
    results = []
    for ob, ref, cov, unref, weak in grid:
        t = GapThresholds(obligation=ob, referenced=ref, covered=cov, unreferenced_share=unref, weak=weak)
        got = {i: svc.assessor.decide(f, t)[0].status for i, f in feats.items()}
        correct = sum(got[i] == coverage[i] for i in leaves)
        # Balanced accuracy: a rare status (missing) must not be sacrificed for the common one.
        per = {s: [i for i in leaves if coverage[i] == s] for s in ("covered", "partial", "missing")}
        bal = sum(sum(got[i] == s for i in ids) / len(ids) for s, ids in per.items() if ids) / max(
            1, sum(1 for ids in per.values() if ids)
        )
        results.append((bal, correct, t, got))
    # Balanced accuracy keeps the rare statuses honest; plain accuracy keeps the common one from being sacrificed.
    results.sort(key=lambda r: (r[0] + r[1] / len(leaves)) / 2, reverse=True)
    bal, correct, best, got = results[0]
    print(f"leaves: {len(leaves)}  best balanced accuracy {bal:.3f}  accuracy {correct}/{len(leaves)}")
    print(f"best: {best}")
    conf = Counter((coverage[i], got[i]) for i in leaves)
    for exp in ("covered", "partial", "missing"):
        row = "  ".join(f"{g}:{conf[(exp, g)]:>3}" for g in ("covered", "partial", "missing"))
        print(f"  expected {exp:<8} -> {row}")
    for i in leaves:
        if got[i] != coverage[i]:
            f = feats[i]
            print(f"  wrong {i:<8} expected {coverage[i]:<8} got {got[i]:<8} naming docs {len(f.explicit_docs)}")
    print("runner-ups:")
    for bal2, c2, t2, _ in results[1:6]:
        print(f"  {bal2:.3f} {c2} {t2}")
    calibrate_abstention(svc, key)
    return 0


def calibrate_abstention(svc: ClausewiseService, key: dict[str, Any]) -> None:
    """Relevance of the best evidence for fact/evidence questions, and the threshold that best separates
    questions the key expects to be answered from those it expects an abstention on."""
    from assistant import composer
    from assistant.extractive import QueryTerms, candidates
    from assistant.intent import route

    rows: list[tuple[float, bool, str]] = []
    for q in key["questions"]:
        if route(q["question"]) not in ("fact", "evidence"):
            continue
        asker = Asker(role=q.get("role", "staff"))
        ctx = composer.Context(
            question=q["question"], context="", intent="fact", clearance=svc.clearance(asker),
            settings=svc.settings, catalog=svc.catalog, resolver=svc.resolver, retriever=svc.retriever,
            assessor=svc.assessor,
        )  # fmt: skip
        res = svc.resolver.resolve(q["question"])
        ids = composer._topic_ids(res, min_score=composer.STRONG_TOPIC)
        hits = composer._search(ctx, ids)
        terms = QueryTerms.build(q["question"], "", composer._expansion(svc.catalog, ids))
        rel = composer._relevance(candidates(hits, terms, svc.retriever.listing_docs()))
        rows.append((rel, bool(q.get("expect_abstain")), q["id"]))
    best = max((sum((r < t) == a for r, a, _ in rows), t) for t in [x / 100 for x in range(20, 70, 2)])
    print(
        f"abstention: {len(rows)} fact/evidence questions, best threshold {best[1]:.2f} "
        f"({best[0]}/{len(rows)} decided right)"
    )
    for rel, expect, qid in sorted(rows):
        print(f"  {qid:<5} relevance {rel:.3f} expect_abstain={expect}")


if __name__ == "__main__":
    raise SystemExit(main())
