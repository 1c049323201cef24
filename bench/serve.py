"""HTTP service benchmark: a real ``clausewise serve`` (uvicorn) on loopback, N concurrent clients for a bounded
time asking questions through ``POST /v1/ask`` (extractive answerer). Reports requests/s, p50/p95/max latency,
errors and the server's peak resident memory.

    .venv/bin/python bench/serve.py [--clients 50] [--duration 30] [--workers 1] [--data-dir DIR] [--ingest-during N]

Without ``--data-dir`` the sample corpus is ingested into a temporary data dir first (not timed). With
``--ingest-during N`` a copy of the corpus is served and, N times during the load, three of its documents are
edited and ``clausewise ingest`` runs in another process (the readers must see a consistent index: 0 errors).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = (
    "How often is the AI policy reviewed?",
    "Who approves the AI policy?",
    "What population stability index value requires a retraining review?",
    "Within how many hours must a serious AI incident be reported to the AI Governance Lead?",
    "How long is training data retained after a model is retired?",
    "What claim value can ClaimSense fast-track?",
    "What does clause 6.1.4 ask for?",
    "Do we have evidence for A.6.2.8 event logs?",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        CLAUSEWISE_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False", TOKENIZERS_PARALLELISM="false", CLAUSEWISE_ANSWERER="extractive",
    )
    return env


def _tree_pids(pid: int) -> list[int]:
    # The server and its uvicorn worker processes (children, recursively).
    pids = [pid]
    for p in pids:
        try:
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        pids.extend(int(c) for c in children)
    return pids


def _status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemoryWatch(threading.Thread):
    """Samples the summed RSS of the server's process tree; VmHWM gives each process's own peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_sum_kib = 0
        self.hwm: dict[int, int] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree_pids(self.pid)
            self.peak_sum_kib = max(self.peak_sum_kib, sum(_status_kib(p, "VmRSS") for p in pids))
            for p in pids:
                self.hwm[p] = max(self.hwm.get(p, 0), _status_kib(p, "VmHWM"))
            time.sleep(0.2)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server's process tree so far."""
    total = 0
    for p in _tree_pids(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load (after warm-up)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--timeout", type=float, default=120.0, help="per-request client timeout (s)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "serve.json")
    parser.add_argument("--ingest-during", type=int, default=0, help="ingests by another process during the load")
    args = parser.parse_args()

    from assistant.auth import create_key
    from ingestion.settings import Settings

    loadavg_start = [round(x, 2) for x in os.getloadavg()]

    tmp = None
    data_dir = args.data_dir
    corpus = ROOT / "corpus"
    if data_dir is None or args.ingest_during:
        tmp = tempfile.TemporaryDirectory(prefix="clausewise-bench-")
        data_dir = data_dir or Path(tmp.name) / "data"
        if args.ingest_during:
            import shutil

            corpus = Path(tmp.name) / "corpus"
            shutil.copytree(ROOT / "corpus", corpus)
        print(f"ingesting {corpus} into {data_dir} …", file=sys.stderr)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(corpus)], cwd=ROOT, env=_env(data_dir),
                       check=True, stdout=subprocess.DEVNULL)
        print(f"ingested in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    key = create_key(Settings(data_dir=data_dir), f"bench-{int(time.time())}", "compliance")

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--workers", str(args.workers),
         "--log-level", "warning"],
        cwd=ROOT, env=_env(data_dir), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    watch = MemoryWatch(server.pid)
    watch.start()
    try:
        started = time.perf_counter()
        while True:
            if server.poll() is not None:
                raise SystemExit(f"server exited: {server.stderr.read() if server.stderr else ''}")
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.perf_counter() - started > 180:
                raise SystemExit("server not ready after 180 s")
            time.sleep(0.3)
        startup_s = time.perf_counter() - started
        headers = {"Authorization": f"Bearer {key}"}
        with httpx.Client(base_url=base, headers=headers, timeout=args.timeout) as warm:
            for q in QUESTIONS:
                warm.post("/v1/ask", json={"question": q}).raise_for_status()

        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        deadline = time.perf_counter() + args.duration

        def client(index: int) -> None:
            with httpx.Client(base_url=base, headers=headers, timeout=args.timeout) as http:
                i = index
                while time.perf_counter() < deadline:
                    question = QUESTIONS[i % len(QUESTIONS)]
                    i += 1
                    t0 = time.perf_counter()
                    try:
                        r = http.post("/v1/ask", json={"question": question})
                        ok = r.status_code == 200 and bool(r.json().get("answer"))
                        problem = "" if ok else f"HTTP {r.status_code}"
                    except (httpx.HTTPError, ValueError) as exc:
                        problem = type(exc).__name__
                    elapsed = time.perf_counter() - t0
                    with lock:
                        if problem:
                            errors.append(problem)
                        else:
                            latencies.append(elapsed)

        health: list[float] = []

        def probe() -> None:
            # /healthz during the load shows whether the event loop stays free while answers are computed.
            while time.perf_counter() < deadline:
                health.append(_timed(lambda: httpx.get(f"{base}/healthz", timeout=30)))
                time.sleep(0.5)

        ingests: list[dict[str, Any]] = []

        def ingest_meanwhile() -> None:
            # Another process writes to the data dir while the server answers: edits, then `clausewise ingest`.
            edited = sorted(corpus.glob("org/procedures/*.md"))[:3]
            for round_ in range(args.ingest_during):
                time.sleep(args.duration / (args.ingest_during + 1))
                for path in edited:
                    path.write_text(path.read_text(encoding="utf-8") + f"\nBenchmark revision {round_}.\n",
                                    encoding="utf-8")
                t0 = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(corpus)], cwd=ROOT,
                                      env=_env(data_dir), capture_output=True, text=True)
                ingests.append({"rc": done.returncode, "seconds": round(time.perf_counter() - t0, 1)})

        load_start = time.perf_counter()
        cpu_start = _cpu_seconds(server.pid)
        threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
        threads.append(threading.Thread(target=probe))
        if args.ingest_during:
            threads.append(threading.Thread(target=ingest_meanwhile))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - load_start
        cpu_used = _cpu_seconds(server.pid) - cpu_start
    finally:
        watch.stop.set()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        if tmp is not None:
            tmp.cleanup()

    result: dict[str, Any] = {
        "clients": args.clients,
        "workers": args.workers,
        "duration_s": round(wall, 1),
        "requests": len(latencies),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "requests_per_s": round(len(latencies) / wall, 2) if wall else 0.0,
        "latency_ms": {
            "p50": round(1000 * _percentile(latencies, 50), 1),
            "p95": round(1000 * _percentile(latencies, 95), 1),
            "max": round(1000 * max(latencies), 1) if latencies else None,
            "mean": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
        },
        "healthz_during_load_ms": {
            "p50": round(1000 * _percentile(health, 50), 1),
            "max": round(1000 * max(health), 1) if health else None,
        },
        "server_cpu_ms_per_request": round(1000 * cpu_used / len(latencies), 1) if latencies else None,
        "server_startup_s": round(startup_s, 1),
        "ingests_during_load": ingests,
        "peak_rss_mib": round(watch.peak_sum_kib / 1024, 1),
        "peak_rss_hwm_mib": round(sum(watch.hwm.values()) / 1024, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "embedding_backend": os.environ.get("CLAUSEWISE_EMBEDDING_BACKEND", "auto"),
        "load_average_start": loadavg_start,
        "load_average_end": [round(x, 2) for x in os.getloadavg()],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0 if not errors and all(i["rc"] == 0 for i in ingests) else 1


def _timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    sys.exit(main())
