"""Fresh-shell CLI benchmark: ``clausewise ask`` and ``clausewise gaps`` as a user runs them.

    .venv/bin/python bench/cli.py [--data-dir DIR] [--rounds 3] [--out bench/out/cli.json]

Without ``--data-dir`` the sample corpus is ingested into a temporary data dir first (not timed; that ingest
also caches the ONNX export of the embedding model, as a first ingest does for a user). Then, ``--rounds``
times: each question is asked by a new ``clausewise ask --json`` process (the console script of this venv) and
its wall time is set beside the answer time the process itself reports (``latency_ms``, the in-process
answer); ``clausewise gaps --format json`` (every clause and control) runs in a new process too. Each
process also reports which heavy modules it imported (torch, sentence_transformers, transformers), read
from ``sys.modules`` at exit. The load average is recorded before and after, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = (
    "How often is the AI policy reviewed?",
    "Who approves the AI policy?",
    "What does clause 6.1.4 ask for?",
)
#: Runs the console script's entry point and reports the heavy modules it loaded (stderr, last line).
_WRAPPER = (
    "import atexit, json, os, sys\n"
    "def _report():\n"
    "    heavy = [m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules]\n"
    "    os.write(2, ('\\nHEAVY ' + json.dumps(heavy) + '\\n').encode())\n"
    "atexit.register(_report)\n"
    "from assistant.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(CLAUSEWISE_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
               TOKENIZERS_PARALLELISM="false", CLAUSEWISE_ANSWERER="extractive")  # fmt: skip
    return env


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _run(args: list[str], data_dir: Path) -> tuple[float, str, list[str]]:
    """Wall seconds, stdout and heavy modules of one fresh ``clausewise`` process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *args], cwd=ROOT, env=_env(data_dir),
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"clausewise {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    heavy_lines = [ln for ln in done.stderr.splitlines() if ln.startswith("HEAVY ")]
    heavy = json.loads(heavy_lines[-1][6:]) if heavy_lines else ["?"]
    return wall, done.stdout, heavy


def _console_script_wall(data_dir: Path, question: str) -> float:
    """The same ask through ``.venv/bin/clausewise`` itself (no wrapper), for the plain figure."""
    script = Path(sys.executable).with_name("clausewise")
    started = time.perf_counter()
    subprocess.run([str(script), "ask", question, "--json"], cwd=ROOT, env=_env(data_dir), check=True,
                   capture_output=True, timeout=600)  # fmt: skip
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "cli.json")
    args = parser.parse_args()

    tmp = None
    data_dir = args.data_dir
    result: dict[str, Any] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average_start": _load(),
    }
    try:
        if data_dir is None:
            tmp = tempfile.TemporaryDirectory(prefix="clausewise-bench-cli-")
            data_dir = Path(tmp.name) / "data"
            t0 = time.perf_counter()
            _run(["ingest", str(ROOT / "corpus")], data_dir)
            result["ingest_s"] = round(time.perf_counter() - t0, 1)
        asks: list[dict[str, Any]] = []
        gaps: list[dict[str, Any]] = []
        plain: list[float] = []
        for _ in range(args.rounds):
            for question in QUESTIONS:
                load = _load()[0]
                wall, out, heavy = _run(["ask", question, "--json"], data_dir)
                answer = json.loads(out)
                asks.append({"question": question, "wall_s": round(wall, 3), "answer_ms": answer["latency_ms"],
                             "ratio": round(1000 * wall / max(1, answer["latency_ms"]), 2), "heavy": heavy,
                             "load1": load})  # fmt: skip
            plain.append(round(_console_script_wall(data_dir, QUESTIONS[0]), 3))
            load = _load()[0]
            with tempfile.TemporaryDirectory() as out_dir:
                target = Path(out_dir) / "gaps.json"
                wall, _, heavy = _run(["gaps", "--format", "json", "--out", str(target)], data_dir)
                items = len(json.loads(target.read_text())["items"])
            gaps.append({"wall_s": round(wall, 3), "items": items, "heavy": heavy, "load1": load})
    finally:
        if tmp is not None:
            tmp.cleanup()

    walls = [a["wall_s"] for a in asks]
    ratios = [a["ratio"] for a in asks]
    result.update(
        asks=asks,
        gaps=gaps,
        ask_wall_s={"median": statistics.median(walls), "max": max(walls), "min": min(walls)},
        ask_ratio={"median": statistics.median(ratios), "max": max(ratios)},
        ask_console_script_wall_s=plain,
        gaps_wall_s={"median": statistics.median(g["wall_s"] for g in gaps), "max": max(g["wall_s"] for g in gaps)},
        heavy_modules_seen=sorted({m for r in (*asks, *gaps) for m in r["heavy"]}),
        load_average_end=_load(),
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    summary = {k: result[k] for k in ("ask_wall_s", "ask_ratio", "ask_console_script_wall_s", "gaps_wall_s",
                                      "heavy_modules_seen", "load_average_start", "load_average_end")}  # fmt: skip
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
