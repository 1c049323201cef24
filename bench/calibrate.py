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
    results.sort(key=lambda r: (r[0], r[1]), reverse=True)
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
