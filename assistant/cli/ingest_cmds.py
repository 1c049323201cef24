"""``clausewise ingest``, ``clausewise status`` and ``clausewise docs``."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.util
import json
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ingestion.metadata import DOC_TYPES, STATUSES
from ingestion.settings import CLASSIFICATION_ORDER, Settings

DEFAULT_PATH = "corpus"
#: Seconds between progress lines when the output is not a terminal (a log, CI, ``| tee``).
PROGRESS_EVERY_S = 5.0


def _iso_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from exc


def register(sub: Any) -> None:
    """Add the ingestion subcommands to the ``clausewise`` parser."""
    ingest = sub.add_parser(
        "ingest",
        help="ingest governance documents into the index (incremental)",
        description="Ingest files and folders (default: corpus/). Unchanged files are skipped, changed ones "
        "replaced, files gone from an ingested folder removed.",
    )
    ingest.add_argument("paths", nargs="*", type=Path, help=f"files or folders (default: {DEFAULT_PATH}/)")
    ingest.add_argument("--reset", action="store_true", help="drop the index and rebuild it from these paths")
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")
    ingest.add_argument(
        "--progress-every", type=float, default=PROGRESS_EVERY_S, metavar="SECONDS",
        help="seconds between progress lines on stderr when stdout is not a terminal (a terminal gets a bar)",
    )  # fmt: skip
    ingest.add_argument("-q", "--quiet", action="store_true", help="no progress bar or progress lines")
    overrides = ingest.add_argument_group("metadata overrides (applied to every file of this run)")
    from_file = "(default: from each file's metadata: front matter, sidecar, _meta.yaml)"
    overrides.add_argument(
        "--classification", choices=CLASSIFICATION_ORDER,
        help=f"classification of every file {from_file[:-1]}, else CLAUSEWISE_DEFAULT_CLASSIFICATION)",
    )  # fmt: skip
    overrides.add_argument("--doc-type", choices=DOC_TYPES, help=f"document type of every file {from_file}")
    overrides.add_argument("--owner", help=f"owner of every file {from_file}")
    overrides.add_argument("--status", choices=STATUSES, help=f"status of every file {from_file}")
    overrides.add_argument("--version", help=f"version of every file {from_file}")
    overrides.add_argument(
        "--effective-date", type=_iso_date, metavar="YYYY-MM-DD", help=f"effective date of every file {from_file}"
    )
    ingest.set_defaults(handler=run_ingest)

    status = sub.add_parser("status", help="index statistics")
    status.add_argument("--json", action="store_true", help="print the statistics as JSON")
    status.set_defaults(handler=run_status)

    from assistant.cli import DefaultsHelpFormatter

    class _Examples(argparse.RawDescriptionHelpFormatter, DefaultsHelpFormatter):
        """Defaults in option help, examples kept as written."""

    docs = sub.add_parser(
        "docs", help="list ingested documents with their metadata", epilog=_DOCS_EXAMPLES, formatter_class=_Examples
    )
    docs.add_argument("--json", action="store_true", help="print the list as JSON")
    docs.add_argument(
        "--stale", action="store_true", help="only documents past their review-due date (docs/freshness.md)"
    )
    docs.add_argument(
        "--cycles", action="store_true",
        help="list the review cycles the documents state (per document type, per document) and where each was read",
    )  # fmt: skip
    docs.add_argument(
        "--role", choices=("staff", "compliance", "auditor"), default="auditor",
        help="whose clearance limits the list (default auditor: every level)",
    )
    docs.set_defaults(handler=run_docs)


_DOCS_EXAMPLES = """examples:
  clausewise docs                                   # every document, its review-due date and the rule that gave it
  clausewise docs --stale --role staff              # past review, as a staff member may see them
  clausewise docs --stale --json                    # with review_basis and review_source per document
  clausewise docs --cycles                          # review cycles the documents state, with their sources
  CLAUSEWISE_TODAY=2026-01-01 clausewise docs --stale   # as of another day
"""


def _overrides(args: argparse.Namespace) -> dict[str, str]:
    fields = {
        "classification": args.classification,
        "doc_type": args.doc_type,
        "owner": args.owner,
        "status": args.status,
        "version": args.version,
        "effective_date": args.effective_date,
    }
    return {k: v for k, v in fields.items() if v}


def _sync_catalog(settings: Settings) -> tuple[int | None, str | None]:
    """Index the clause catalog when it and its indexer exist; ``(entries, error)``."""
    if not settings.catalog_dir.is_dir():
        return None, None
    if importlib.util.find_spec("assistant.catalog_index") is None:
        return None, None
    module = importlib.import_module("assistant.catalog_index")
    try:
        return int(module.sync_catalog(settings)), None
    except Exception as exc:  # the catalog is a separate step; report it, keep the ingest report
        return None, f"{type(exc).__name__}: {exc}"


def run_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Handler of ``clausewise ingest``; exit 0 when every file succeeded, 2 when some failed."""
    from rich.console import Console

    from ingestion.metadata import MetadataError
    from ingestion.pipeline import IngestReport, ingest

    paths: list[Path] = list(args.paths) or [Path(DEFAULT_PATH)]
    console = Console()
    err = Console(stderr=True)
    try:
        if args.quiet:
            report: IngestReport = ingest(paths, settings, reset=args.reset, overrides=_overrides(args))
        elif not args.json and sys.stdout.isatty():
            with _ProgressBar(console) as bar:
                report = ingest(paths, settings, reset=args.reset, overrides=_overrides(args), progress=bar)
        else:
            with ProgressLines(args.progress_every) as lines:
                report = ingest(paths, settings, reset=args.reset, overrides=_overrides(args), progress=lines)
    except MetadataError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 2
    catalog_entries, catalog_error = _sync_catalog(settings)

    if args.json:
        payload: dict[str, Any] = report.model_dump(mode="json")
        payload["catalog_entries"] = catalog_entries
        payload["catalog_error"] = catalog_error
        print(json.dumps(payload, indent=2))
    else:
        _print_report(console, report)
        if catalog_entries == 0:
            console.print(f"catalog: index up to date ({settings.catalog_dir})")
        elif catalog_entries is not None:
            console.print(f"catalog: {catalog_entries} entries indexed from {settings.catalog_dir}")
        if catalog_error is not None:
            err.print(f"[red]catalog indexing failed:[/red] {catalog_error}")
    return 0 if report.ok and catalog_error is None else 2


class _ProgressBar:
    """On a terminal: bars for files read (loaded and chunked) and chunks embedded, advancing as they go."""

    def __init__(self, console: Any) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("[dim]{task.fields[current]}"), console=console, transient=True,
        )  # fmt: skip
        self._files = self._bar.add_task("read", total=None, current="")
        self._chunks = self._bar.add_task("embedded", total=None, current="")

    def __enter__(self) -> _ProgressBar:
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def __call__(self, event: Any) -> None:
        """Take one ``ProgressEvent`` (from the pipeline's threads; rich updates are thread-safe)."""
        current = event.current or ""
        self._bar.update(self._files, total=event.files_total, completed=event.files_read, current=current)
        self._bar.update(self._chunks, total=event.chunks_total or None, completed=event.chunks_embedded)


class ProgressLines:
    """Without a terminal: a plain progress line on stderr every ``every`` seconds until the ingest ends.

    A timer thread prints, not the pipeline's events, so that a model load or a long embedding round still
    shows a line every few seconds.
    """

    def __init__(self, every: float, stream: Any = None) -> None:
        self.every = max(0.05, every)
        self.stream = stream
        self._event: Any = None
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="clausewise-progress", daemon=True)

    def __enter__(self) -> ProgressLines:
        self._started = time.monotonic()
        self._print()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def __call__(self, event: Any) -> None:
        """Remember the latest ``ProgressEvent``; the next line reports it."""
        self._event = event

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._print()

    def line(self) -> str:
        """The progress line for the latest event."""
        elapsed = f"{time.monotonic() - self._started:.0f} s"
        e = self._event
        if e is None:
            return f"ingest: scanning and loading the model… ({elapsed})"
        return (
            f"ingest: {e.files_read}/{e.files_total} files read, {e.chunks_embedded}/{e.chunks_total} chunks "
            f"embedded, {e.files_done} files written ({elapsed})"
        )

    def _print(self) -> None:
        print(self.line(), file=self.stream or sys.stderr, flush=True)


def _print_report(console: Any, report: Any) -> None:
    from rich.table import Table

    table = Table(title="Ingest summary", show_header=True, header_style="bold")
    for column in ("new", "changed", "unchanged", "removed", "failed", "chunks written", "seconds", "chunks/s"):
        table.add_column(column, justify="right")
    table.add_row(
        str(len(report.new)),
        str(len(report.changed)),
        str(len(report.unchanged)),
        str(len(report.removed)),
        str(len(report.failed)),
        str(report.chunks_written),
        f"{report.seconds:.2f}",
        f"{report.chunks_per_s:.1f}",
    )
    console.print(table)
    console.print(
        f"index: {report.documents_total} documents, {report.chunks_total} chunks"
        + (" (rebuilt with --reset)" if report.reset else "")
    )
    if report.failed:
        failed = Table(title="Failed files", show_header=True, header_style="bold red")
        failed.add_column("file")
        failed.add_column("reason")
        for item in report.failed:
            failed.add_row(item.path, item.error)
        console.print(failed)
    if report.skipped:
        console.print(f"skipped (unsupported type): {', '.join(report.skipped)}")
    if report.unclassified:
        console.print(f"no classification given, default applied to: {', '.join(report.unclassified)}", style="yellow")
    if report.chunks_repaired or report.orphans_removed:
        console.print(
            f"reconciled the vector store: {report.chunks_repaired} chunks restored, "
            f"{report.orphans_removed} orphan chunks removed"
        )
    for warning in report.warnings:
        console.print(f"warning: {warning}", style="yellow")


def _statistics(settings: Settings) -> dict[str, Any]:
    from ingestion.embedding import model_name
    from ingestion.lexical import LexicalIndex, size_on_disk
    from ingestion.manifest import Manifest
    from ingestion.pipeline import LAST_INGEST_STATE
    from ingestion.store import chunk_collection, open_client, store_location

    with Manifest(settings) as manifest:
        documents = manifest.documents()
        chunks = manifest.chunk_count()
        last_ingest = manifest.get_state(LAST_INGEST_STATE)
    stats: dict[str, Any] = {
        "data_dir": str(settings.data_dir.resolve()),
        "documents": len(documents),
        "chunks": chunks,
        "by_doc_type": dict(sorted(Counter(d.doc_type for d in documents).items())),
        "by_classification": {
            c: n for c in CLASSIFICATION_ORDER if (n := sum(1 for d in documents if d.classification == c))
        },
        "by_status": dict(sorted(Counter(d.status for d in documents).items())),
        "model": model_name(settings),
        "store": store_location(settings),
        "manifest": str(settings.manifest_path.resolve()),
    }
    try:
        stats["chunks_in_store"] = chunk_collection(open_client(settings), settings).count()
    except Exception as exc:  # a down Chroma server must not hide the rest of the statistics
        stats["chunks_in_store"] = None
        stats["store_error"] = f"{type(exc).__name__}: {exc}"
    lexical = LexicalIndex.load(settings)
    stats["bm25"] = {
        "path": str(settings.bm25_dir.resolve()),
        "chunks": len(lexical) if lexical else 0,
        "vocabulary": lexical.vocabulary_size if lexical else 0,
        "bytes": size_on_disk(settings),
        "stamp": lexical.stamp if lexical else None,
    }
    # The last ingest's outcome (``ingestion.pipeline.last_ingest_record``): when, counts, failed files.
    stats["last_ingest"] = json.loads(last_ingest) if last_ingest else None
    return stats


def run_status(args: argparse.Namespace, settings: Settings) -> int:
    """Handler of ``clausewise status``."""
    from rich.console import Console
    from rich.table import Table

    stats = _statistics(settings)
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    # Piped output has no terminal width; long paths and reasons stay on one line.
    console = Console() if sys.stdout.isatty() else Console(width=200)
    if not stats["documents"]:
        console.print(f"no documents are indexed in {stats['data_dir']} — run `clausewise ingest PATH`", style="yellow")
    overview = Table(title="Clausewise index", show_header=False)
    overview.add_column("item")
    overview.add_column("value")
    overview.add_row("data dir", stats["data_dir"])
    overview.add_row("documents", str(stats["documents"]))
    in_store = stats["chunks_in_store"]
    chunk_text = str(stats["chunks"])
    if in_store is None:
        chunk_text += f" (vector store unreachable: {stats.get('store_error')})"
    elif in_store != stats["chunks"]:
        chunk_text += f" (vector store holds {in_store}; the next ingest reconciles them)"
    overview.add_row("chunks", chunk_text)
    overview.add_row("embedding model", stats["model"])
    overview.add_row("vector store", stats["store"])
    overview.add_row("manifest", stats["manifest"])
    bm25 = stats["bm25"]
    overview.add_row(
        "BM25 index", f"{bm25['chunks']} chunks, {bm25['vocabulary']} terms, {bm25['bytes'] / 1024:.0f} KiB"
    )
    last = stats["last_ingest"]
    if last is not None:
        failed = last.get("failed") or []
        overview.add_row("last ingest", f"{last.get('finished_at')}: {len(failed)} file(s) failed")
    console.print(overview)
    if last is not None and last.get("failed"):
        table = Table(title="Failed in the last ingest (not indexed)", header_style="bold red")
        table.add_column("file")
        table.add_column("reason")
        for item in last["failed"]:
            table.add_row(str(item.get("path", "")), str(item.get("error", "")))
        console.print(table)
    for key, title in (("by_doc_type", "Documents by type"), ("by_classification", "By classification")):
        if stats[key]:
            table = Table(title=title)
            table.add_column(title.split()[-1])
            table.add_column("documents", justify="right")
            for name, count in stats[key].items():
                table.add_row(name, str(count))
            console.print(table)
    return 0


def run_docs(args: argparse.Namespace, settings: Settings) -> int:
    """Handler of ``clausewise docs``."""
    from assistant.freshness import is_stale, resolve_all, today
    from ingestion.manifest import Manifest

    with Manifest(settings) as manifest:
        indexed = manifest.documents()
    allowed = set(settings.clearance_for(args.role))
    readable = {d.doc_id for d in indexed if d.classification in allowed}
    if args.cycles:
        return _print_cycles(settings, readable, args.json)
    resolved = resolve_all(indexed, settings)
    dues = {doc_id: rd.due for doc_id, rd in resolved.items()}
    documents = [
        d for d in indexed
        if d.classification in allowed and (not args.stale or is_stale(dues[d.doc_id], settings))
    ]
    if args.json:
        rows = [d.model_dump(mode="json") | resolved[d.doc_id].fields(settings, readable) for d in documents]
        print(json.dumps(rows, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    # Piped output has no terminal width; a wide table stays one row per document.
    console = Console() if sys.stdout.isatty() else Console(width=200)
    if not documents:
        if args.stale and indexed:
            console.print(f"no stale documents (as of {today(settings).isoformat()})")
            return 0
        console.print(f"no documents are indexed in {settings.data_dir.resolve()} — run `clausewise ingest PATH`")
        return 0
    title = f"{len(documents)} {'stale ' if args.stale else ''}documents (as of {today(settings).isoformat()})"
    table = Table(title=title, show_lines=False)
    columns = ("doc id", "title", "type", "classification", "status", "version", "effective", "review due", "basis",
               "owner", "chunks")
    for column in columns:
        table.add_column(column, overflow="fold")
    for d in documents:
        due = dues[d.doc_id]
        table.add_row(
            d.doc_id,
            d.title,
            d.doc_type,
            d.classification,
            d.status,
            d.version or "",
            d.effective_date.isoformat() if d.effective_date else "",
            (due.isoformat() + (" (stale)" if is_stale(due, settings) else "")) if due else "",
            _basis_cell(resolved[d.doc_id], readable),
            d.owner or "",
            str(d.chunk_count),
        )
    console.print(table)
    return 0


def _basis_cell(rd: Any, readable: set[str]) -> str:
    """The rule that gave a review-due date; for a stated cycle, the document it was read in (if readable)."""
    if rd.basis is None:
        return ""
    if rd.statement is not None and rd.statement.doc_id in readable and rd.basis == "organization":
        return f"organization ({rd.statement.doc_id}: {rd.statement.cadence})"
    if rd.statement is not None:
        return f"{rd.basis} ({rd.statement.cadence})"
    return str(rd.basis)


def _print_cycles(settings: Settings, readable: set[str], as_json: bool) -> int:
    """``clausewise docs --cycles``: stated review cycles from documents the role may read, winners first."""
    from assistant.freshness import load_cycles

    cycles = load_cycles(settings)
    visible = [s for s in cycles.statements if s.doc_id in readable]
    winners = {t: st for t, st in cycles.by_type().items() if st.doc_id in readable}
    if as_json:
        print(json.dumps({"by_type": {t: st.model_dump() for t, st in winners.items()},
                          "statements": [s.model_dump() for s in visible]}, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=200)
    if not visible:
        console.print("no review cycles are stated in the indexed documents (the default cycle applies: "
                      f"{settings.default_review_cycle_days()} days)")
        return 0
    table = Table(title=f"{len(visible)} stated review cycles (shortest wins per type and per document)")
    for column in ("applies to", "days", "cadence", "subject", "read in", "sentence"):
        table.add_column(column, overflow="fold")
    for st in sorted(visible, key=lambda s: (s.scope, ",".join(s.targets), s.days)):
        target = ", ".join(st.targets) if st.scope != "document" else "itself"
        won = st.scope == "type" and any(winners.get(t) is st for t in st.targets)
        label = f"{st.scope}: {target}" + (" (wins)" if won else "")
        table.add_row(label, str(st.days), st.cadence, st.subject, f"{st.doc_id} › {st.section}".rstrip(" ›"),
                      st.sentence)
    console.print(table)
    return 0
