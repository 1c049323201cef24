"""Write assistant/data/train_injection_public_benign.yaml: real governance sentences as benign training data.

The injection probe (assistant/injection_probe.py) learns from a few hundred written sentences; on real
regulatory prose it was over-confident (legal sentences that say "should report" or "the following paragraph is
added" scored as injections). This samples sentences from public-domain NIST texts — the AI RMF 1.0 (NIST AI
100-1) and the AI RMF Playbook — as benign examples. The EU AI Act and the corpora under corpus/ are left out,
so they stay a held-out measure of false flags (tests/assistant/test_injection.py).

    python bench/mine_injection_negatives.py [--shared ../shared] [--n 400]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import yaml

from assistant.text import sentences

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assistant" / "data" / "train_injection_public_benign.yaml"
#: Sentences worth learning from look like injections on the surface: an AI word, an instruction or "you".
SURFACE = re.compile(
    r"\b(?:ai|assistants?|models?|systems?|chatbots?|you|your|should|must|shall|ensure|consider|instructions?|"
    r"prompts?|users?|reviewers?|following|this|these)\b",
    re.IGNORECASE,
)


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def candidates(shared: Path) -> list[str]:
    """Plain sentences of the two NIST texts that look like instructions on the surface."""
    texts = [(shared / "reference" / "nist_ai_100-1_airmf_1.0.md").read_text(encoding="utf-8")]
    texts += _strings(json.loads((shared / "reference" / "nist_ai_rmf_playbook.json").read_text(encoding="utf-8")))
    out: list[str] = []
    for text in texts:
        for span in sentences(text):
            s = " ".join(span.text.split())
            # "GOV-ERN": the PDF's hyphenation, whose first half reads like an acronym
            if 50 <= len(s) <= 300 and SURFACE.search(s) and not s.startswith(("#", "|", "http")) and "](" not in s \
                    and not re.search(r"\b[A-Z]{2,}-[A-Z]{2,}\b", s):
                out.append(s)
    return list(dict.fromkeys(out))


def main() -> None:
    """Sample and write the file (a fixed seed: the same inputs give the same file)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--n", type=int, default=400)
    args = ap.parse_args()
    pool = candidates(args.shared)
    picked = sorted(random.Random(42001).sample(pool, min(args.n, len(pool))))
    header = (
        "# Benign training sentences for the injection probe, sampled by bench/mine_injection_negatives.py from\n"
        "# NIST AI 100-1 (AI RMF 1.0) and the NIST AI RMF Playbook (U.S. government works, public domain).\n"
        f"# {len(picked)} of {len(pool)} candidate sentences; regenerate with the script, do not edit by hand.\n"
    )
    body = yaml.safe_dump({"injection": [], "benign": picked}, allow_unicode=True, width=10_000, sort_keys=False)
    OUT.write_text(header + body, encoding="utf-8")
    print(f"{OUT}: {len(picked)} benign sentences from {len(pool)} candidates")


if __name__ == "__main__":
    main()
