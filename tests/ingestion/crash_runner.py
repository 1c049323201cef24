"""Run ``clausewise`` and SIGKILL the process itself at an exact point of the ingest protocol.

Usage: ``python crash_runner.py POINT N clausewise-args...`` — the N-th time the process reaches POINT
it kills itself with SIGKILL (no cleanup, no ``finally``), like ``kill -9`` from outside would.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any


def _kill_on(owner: Any, name: str, nth: int, *, after: bool) -> None:
    original: Callable[..., Any] = getattr(owner, name)
    calls = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == nth and not after:
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if calls == nth and after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, name, wrapper)


def main() -> int:
    point, nth, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    from ingestion import lexical, pipeline
    from ingestion.chunk_store import ChunkStore
    from ingestion.manifest import Manifest

    if point == "before-commit":  # Chroma written, manifest not yet
        _kill_on(Manifest, "commit_documents", nth, after=False)
    elif point == "after-commit":  # manifest committed, old chunks not yet deleted from Chroma
        _kill_on(pipeline, "delete_ids", nth, after=False)
    elif point == "after-manifest-removal":  # documents gone from the manifest, chunks still in Chroma
        _kill_on(Manifest, "delete_documents", nth, after=True)
    elif point == "during-bm25":  # BM25 arrays written to the temp folder, not yet renamed
        _kill_on(lexical, "_write_json", nth, after=False)
    elif point == "during-reset":  # manifest cleared, collection not yet dropped
        _kill_on(pipeline, "drop_chunk_collection", nth, after=False)
    elif point == "during-move":  # chunks deleted from their old level's collection, not yet written anew
        _kill_on(ChunkStore, "_write_levels", nth, after=False)
    else:
        raise SystemExit(f"unknown kill point {point!r}")

    from assistant.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
