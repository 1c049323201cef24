"""Leave-one-set-out calibration of the injection detector's semantic signal (assistant/injection.py).

For each shipped training set, the probe is trained on every other set and the held-out set is scored with the
full detector (patterns + probe); a grid over the semantic constants reports injections caught and benign
sentences flagged, summed over the folds. Real public text (the EU AI Act, which no training set samples) is
scored too, as benign. Pick the row with the most injections caught at a flag rate the product can live with.

    python bench/calibrate_injection.py [--shared ../shared] [--top 15]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant import injection
from assistant.injection_probe import InjectionProbe, LabelledSet, load_training, training_files
from assistant.obfuscation import reveal
from assistant.text import sentences
from ingestion.embedding import get_embedder
from ingestion.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _views(texts: tuple[str, ...]) -> tuple[list[str], list[list[injection.Signal]]]:
    views, fired = [], []
    for t in texts:
        plain = reveal(t)
        v = plain if plain is not None else t
        f = injection.pattern_signals(v)
        if plain is not None:
            f.append(injection.OBFUSCATED)
        views.append(v)
        fired.append(f)
    return views, fired


def _pattern_score(fired: list[injection.Signal]) -> float:
    score = sum(max((s.weight for s in fired if s.group == g), default=0.0) for g in ("addressee", "directive"))
    return score + sum(s.weight for s in fired if s.group == "extra")


def _public_benign(shared: Path, limit: int = 4000) -> tuple[str, ...]:
    data = json.loads((shared / "reference" / "eu_ai_act_2024-1689_articles.json").read_text(encoding="utf-8"))
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str) and len(node) > 40:
            out.extend(" ".join(s.text.split()) for s in sentences(node) if 30 <= len(s.text) <= 400)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    return tuple(dict.fromkeys(out))[:limit]


def main() -> None:
    """Score every fold, then print the grid."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args()
    emb = get_embedder(Settings())
    files = training_files()
    folds: list[tuple[str, LabelledSet, LabelledSet]] = []
    for held in files[1:]:  # the exemplars always train
        rest = load_training([f for f in files if f != held])
        folds.append((held.name, load_training([held]), rest))
    public = LabelledSet(_public_benign(args.shared), ())
    folds.append(("eu_ai_act (public, benign)", LabelledSet(public.texts, (0,) * len(public.texts)), load_training()))
    scored = []  # (fold, label, pattern score, anchored, p or None, worth)
    for name, held, rest in folds:
        held_set = set(held.texts)
        train = LabelledSet(
            tuple(t for t in rest.texts if t not in held_set),
            tuple(lab for t, lab in zip(rest.texts, rest.labels, strict=True) if t not in held_set),
        )
        probe = InjectionProbe.build(emb, data=train)
        views, fired = _views(held.texts)
        vecs = np.asarray(emb.embed_documents(views), dtype=np.float32)
        probs = probe.probability(vecs)
        for v, f, p, lab in zip(views, fired, probs, held.labels, strict=True):
            worth = any(s.weight >= 0.4 for s in f) or injection._cue(v)
            scored.append((name, lab, _pattern_score(f), injection.anchored(f), float(p), worth))
        print(f"fold {name}: {len(held.texts)} sentences", flush=True)
    n_inj = sum(1 for r in scored if r[1] == 1)
    n_ben = sum(1 for r in scored if r[1] == 0 and not r[0].startswith("eu_"))
    n_pub = sum(1 for r in scored if r[0].startswith("eu_"))
    grid = itertools.product((0.5, 0.6, 0.7), (0.85, 0.9, 0.95, 0.99), (0.6, 0.8), (0.0, 0.2, 0.3), (0.4,))
    rows = []
    for c, top, w, un, ben in grid:
        if top <= c:
            continue
        caught = flagged = public_flagged = 0
        for name, lab, pat, anc, p, worth in scored:
            band = not (pat + w < injection.INJECTION_THRESHOLD - 1e-9 or pat - ben >= injection.INJECTION_THRESHOLD)
            score = pat
            if worth and band:
                score += injection.semantic_delta(p, anc, center=c, sure=top, weight=w, unanchored=un, benign=ben)
            hit = score >= injection.INJECTION_THRESHOLD - 1e-9
            if lab == 1:
                caught += hit
            elif name.startswith("eu_"):
                public_flagged += hit
            else:
                flagged += hit
        rows.append((caught, flagged, public_flagged, c, top, w, un, ben))
    rows.sort(key=lambda r: (-(r[0] - 2 * r[1] - 2 * r[2]), -r[0]))
    print(f"injections {n_inj}, benign {n_ben} (written), public benign {n_pub} (EU AI Act)")
    print("caught  flagged  public_flagged  center  sure  weight  unanchored  benign_weight")
    cur = (injection.SEMANTIC_CENTER, injection.SEMANTIC_SURE, injection.SEMANTIC_WEIGHT, injection.UNANCHORED_WEIGHT)
    for r in rows[: args.top]:
        mark = "  <- current" if r[3:7] == cur else ""
        cols = f"{r[0]:6d}  {r[1]:7d}  {r[2]:14d}  {r[3]:6.2f}  {r[4]:4.2f}  {r[5]:6.2f}  {r[6]:10.2f}"
        print(f"{cols}  {r[7]:5.2f}{mark}")
    for r in rows:
        if r[3:7] == cur:
            print("current:", r)


if __name__ == "__main__":
    main()
