"""Hostile uploads: time to reject and peak RSS growth of an ingest of each file.

Each file is ingested by a fresh child process into its own data dir, after a warm-up ingest of a small
Markdown file (model, Chroma and parsers loaded), so the figures are what the file itself costs a running
server: seconds of the ``ingest`` call and ``VmHWM`` (peak RSS, reset via ``/proc/self/clear_refs`` after the
warm-up) minus the RSS before it. The parent kills a child that passes ``--timeout`` seconds or ``--max-rss-mb``.

Usage: ``.venv/bin/python bench/hostile_files.py [--out bench/out/hostile.json] [--timeout 60]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "ingestion"))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

#: name → (generator in tests/ingestion/hostile.py, keyword arguments, file name)
FILES: dict[str, tuple[str, dict[str, Any], str]] = {
    "xlsx_1048576_rows": ("xlsx_rows", {}, "big.xlsx"),
    "docx_400k_paragraphs": ("docx_paragraphs", {}, "paragraphs.docx"),
    "docx_850k_runs": ("docx_runs", {}, "runs.docx"),
    "docx_zip_bomb_2gb": ("docx_bomb", {}, "bomb.docx"),
    "docx_zip_bomb_lying_header": ("docx_bomb", {"declared_mb": 1}, "liar.docx"),
    "text_15mb_one_line": ("", {}, "line.txt"),
}


def _status(pid: int | str = "self") -> dict[str, int]:
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])  # kB
    return values


def child(path: Path, extra: dict[str, Any]) -> dict[str, Any]:
    """Runs in the child: warm up, reset the peak, ingest ``path``, report."""
    from ingestion.pipeline import ingest
    from ingestion.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="hostile-"))
    settings = Settings(data_dir=work / "data", catalog_dir=work / "no-catalog", **extra)
    warm = work / "warm" / "warm.md"
    warm.parent.mkdir(parents=True)
    warm.write_text("# Warm-up\n\nThe organization reviews its AI policy every year.\n", encoding="utf-8")
    assert ingest([warm], settings).ok
    Path("/proc/self/clear_refs").write_text("5")
    before = _status()["VmRSS"]
    started = time.perf_counter()
    report = ingest([path], settings)
    seconds = time.perf_counter() - started
    peak = _status()["VmHWM"]
    return {
        "seconds": round(seconds, 2),
        "rss_growth_mb": round((peak - before) / 1024, 1),
        "rejected": [f.error for f in report.failed],
        "limit": [getattr(f, "limit", None) for f in report.failed],
        "chunks_written": report.chunks_written,
    }


def build(name: str, folder: Path) -> Path:
    import hostile

    function, kwargs, file_name = FILES[name]
    path = folder / name / file_name
    if function:
        getattr(hostile, function)(path, **kwargs)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x" * 15_000_000, encoding="utf-8")
    return path


def run(path: Path, extra: dict[str, Any], timeout: float, max_rss_mb: float) -> dict[str, Any]:
    """Ingest ``path`` in a child process under a time and memory watchdog."""
    command = [sys.executable, __file__, "--child", str(path), "--settings", json.dumps(extra)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    peak_kb = 0
    killed = None
    while proc.poll() is None:
        try:
            peak_kb = max(peak_kb, _status(proc.pid).get("VmRSS", 0))
        except (FileNotFoundError, ProcessLookupError):
            break
        if time.monotonic() - started > timeout:
            killed = f"killed after {timeout:g} s"
        elif peak_kb / 1024 > max_rss_mb:
            killed = f"killed at {peak_kb / 1024:.0f} MB RSS"
        if killed:
            proc.kill()
            break
        time.sleep(0.05)
    out, err = proc.communicate()
    if killed:
        return {"killed": killed, "child_peak_rss_mb": round(peak_kb / 1024)}
    if proc.returncode != 0:
        return {"error": err.strip().splitlines()[-1:] or ["?"]}
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--max-rss-mb", type=float, default=4000.0)
    parser.add_argument("--only", nargs="*", default=None, help="names of files to run (default: all)")
    parser.add_argument(
        "--settings", default="{}", help="JSON settings for the child, e.g. '{\"max_unzipped_mb\": 500}'"
    )
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    extra = json.loads(args.settings)
    if args.child is not None:
        print(json.dumps(child(args.child, extra)))
        return
    results: dict[str, Any] = {"settings": extra}
    with tempfile.TemporaryDirectory(prefix="hostile-files-") as tmp:
        for name in args.only or list(FILES):
            path = build(name, Path(tmp))
            result = {"file": path.name, "file_mb": round(path.stat().st_size / 1e6, 2)}
            result.update(run(path, extra, args.timeout, args.max_rss_mb))
            results[name] = result
            print(f"{name}: {json.dumps(result)}", flush=True)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
