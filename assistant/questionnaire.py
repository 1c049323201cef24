"""Questionnaire autofill: answer every question of a customer's .xlsx/.csv questionnaire and write it back.

The question column is found by what its header means (embedding similarity to "question / requirement /
control") and by what it holds (long, interrogative text), or named with ``column``. Every question goes
through ``ClausewiseService.ask`` (same answers, clearance and audit log as every other channel) and
``questionnaire_verdict.judge`` maps the answer to Yes / Partial / No / Unknown. The *same* workbook is written
back: new Clausewise columns, an existing answer column filled in its own dropdown vocabulary (never over an
answer already given), formatting, other sheets and data validations left as they were.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel, Field

from assistant.models import Answer, Asker
from assistant.questionnaire_verdict import QuestionAnswer, QuestionVerdict, judge

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from assistant.service import ClausewiseService

XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA = "text/csv; charset=utf-8"

#: Header row candidates are looked for in this many top rows of a sheet.
HEADER_SCAN_ROWS = 30
#: Cells below a header judged for "holds questions".
CONTENT_SCAN_ROWS = 300
#: A column is a question column only when at least this share of its cells read as questions/requirements.
MIN_QUESTION_SHARE = 0.3
#: What a question column's header means (its header is compared with these by embedding similarity).
QUESTION_HEADERS = (
    "question", "questions to the vendor", "requirement", "control requirement", "control description",
    "security question", "query", "criteria to assess", "item to answer",
)  # fmt: skip
#: The columns Clausewise adds (found again by name on a second run, never duplicated).
VERDICT_HEADER, ANSWER_HEADER, CITATIONS_HEADER, REVIEW_HEADER = (
    "Clausewise verdict", "Clausewise answer", "Clausewise citations", "Clausewise needs review",
)  # fmt: skip
OWN_HEADERS = (VERDICT_HEADER, ANSWER_HEADER, CITATIONS_HEADER, REVIEW_HEADER)

#: First words of a question, and of a request ("Describe ..."), in a question column.
_ASKING_WORDS = frozenset(
    re.findall(
        r"\w+",
        """do does did is are was were has have had can could will would
    should shall may must how what which who when where why whether""",
    )
)
_REQUEST_WORDS = frozenset(
    re.findall(
        r"\w+",
        """describe explain provide list please confirm indicate state specify
    outline detail demonstrate attach""",
    )
)
_ANSWER_HEADER = re.compile(
    r"\b(response|responses|answer|answers|reply|yes\s*/\s*no|compliance|compliant|status)\b", re.I
)
_NOT_ANSWER_HEADER = re.compile(r"\b(comment|comments|evidence|guidance|note|notes|explanation|justification|"
                                r"clausewise)\b", re.I)  # fmt: skip
_ID_HEADER = re.compile(r"^\s*(id|ref|ref\.?\s*#?|reference|no\.?|#|item|number|q\s*#?|question id|control id)\s*$",
                        re.I)  # fmt: skip

#: Dropdown values meaning each verdict, most specific first (compared case- and punctuation-insensitively).
#: Unknown is deliberately never "N/A": that would tell the customer the requirement does not apply.
_VOCABULARY: dict[QuestionVerdict, tuple[str, ...]] = {
    "Yes": ("yes", "y", "compliant", "fully compliant", "implemented", "fully implemented", "in place", "met",
            "true", "complete", "fully"),
    "Partial": ("partial", "partially", "partly", "partially compliant", "partially implemented", "in progress",
                "partially met", "some"),
    "No": ("no", "n", "non compliant", "noncompliant", "not compliant", "not implemented", "not in place",
           "not met", "false", "none"),
    "Unknown": ("unknown", "tbd", "to be confirmed", "to be determined", "not sure", "unsure", "don t know"),
}  # fmt: skip


class QuestionnaireError(ValueError):
    """A questionnaire that cannot be filled; the message names the file (and the column or sheet)."""


class QuestionnaireLimitError(QuestionnaireError):
    """A questionnaire over a size limit; ``limit`` names the setting's variable (HTTP 413)."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(f"{message} (limit {limit})")
        self.limit = limit


class FilledRow(BaseModel):
    """One answered question."""

    row: int
    question_id: str
    question: str
    verdict: QuestionVerdict
    answer: str
    citations: list[str] = Field(default_factory=list)
    needs_review: bool
    reasons: list[str] = Field(default_factory=list)
    #: What was written into the questionnaire's own answer column (None: none written).
    response_written: str | None = None
    #: An answer someone had already given there (left as it was).
    response_kept: str | None = None
    interaction_id: str = ""


class QuestionnaireSummary(BaseModel):
    """What a fill did (printed by the CLI, sent as ``X-Clausewise-Summary`` over HTTP)."""

    file: str
    sheet: str
    header_row: int
    question_column: str
    answer_column: str | None = None
    answer_vocabulary: list[str] = Field(default_factory=list)
    questions: int
    answered: int
    needs_review: int
    unknown: int
    verdicts: dict[str, int]
    kept_existing: int = 0
    columns_added: list[str] = Field(default_factory=list)


class FilledQuestionnaire(BaseModel):
    """The filled file and what went into it."""

    summary: QuestionnaireSummary
    rows: list[FilledRow]
    content: bytes
    media_type: str
    filename: str


# --- reading -------------------------------------------------------------------------------------


@dataclass
class _Layout:
    """Where the questions are in one grid (1-based rows and columns)."""

    header_row: int
    question_col: int
    headers: dict[int, str]
    id_col: int | None = None
    answer_col: int | None = None
    vocabulary: list[str] = field(default_factory=list)
    score: float = 0.0


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def question_likeness(text: str) -> float:
    """1.0 for a question, 0.8 for one without its mark, 0.6 for a request ("Describe ..."), else 0."""
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*", text)
    if len(text) < 20 or len(words) < 4:
        return 0.0
    if text.rstrip().endswith("?"):
        return 1.0
    first = words[0].lower()
    if first in _ASKING_WORDS:
        return 0.8
    if first in _REQUEST_WORDS or re.search(r"\b(shall|must|should)\b", text[:80], re.I):
        return 0.6
    return 0.0


def _header_rows(grid: Sequence[Sequence[Any]]) -> list[int]:
    """0-based indexes of rows that look like a header: two or more short text cells, nothing else."""
    out = []
    for i, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        cells = [c for c in row if _text(c)]
        # A row holding a question is data, not a header (short questions would otherwise pass as headers).
        if len(cells) >= 2 and all(isinstance(c, str) and len(c.strip()) <= 80 and not question_likeness(c)
                                   for c in cells):  # fmt: skip
            out.append(i)
    return out


def _column_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(col))


def _find_column(name: str, headers: dict[int, str]) -> int | None:
    """A header named ``name`` (exactly, then as a part, case-insensitive) or a column letter such as ``B``."""
    wanted = name.strip().lower()
    for col, text in headers.items():
        if text.lower() == wanted:
            return col
    for col, text in headers.items():
        if wanted and wanted in text.lower():
            return col
    if re.fullmatch(r"[A-Za-z]{1,3}", name.strip()):
        from openpyxl.utils import column_index_from_string

        col = int(column_index_from_string(name.strip().upper()))
        return col
    return None


def find_layout(
    grid: Sequence[Sequence[Any]],
    embed: Callable[[Sequence[str]], np.ndarray],
    *,
    column: str | None = None,
    where: str = "",
) -> _Layout | None:
    """The header row and question column of ``grid``; None when it holds no question-like column.

    With ``column`` the header (or letter) is taken as the question column; QuestionnaireError when absent.
    """
    candidates = _header_rows(grid)
    if not candidates:
        return None
    header_texts = sorted({_text(c) for i in candidates for c in grid[i] if _text(c)})
    vectors = embed([*header_texts, *QUESTION_HEADERS])
    meaning = vectors[len(header_texts) :]
    header_sim = {t: float(np.max(meaning @ v)) for t, v in zip(header_texts, vectors, strict=False)}
    best: _Layout | None = None
    for i in candidates:
        headers = {j + 1: _text(c) for j, c in enumerate(grid[i]) if _text(c)}
        below = grid[i + 1 : i + 1 + CONTENT_SCAN_ROWS]
        if column is not None:
            col = _find_column(column, headers)
            if col is None:
                continue
            return _Layout(header_row=i + 1, question_col=col, headers=headers, score=1.0)
        for col, text in headers.items():
            cells = [_text(r[col - 1]) for r in below if len(r) >= col and _text(r[col - 1])]
            if not cells:
                continue
            share = sum(question_likeness(c) for c in cells) / len(cells)
            score = share * min(1.0, len(cells) / 3) + 0.5 * header_sim.get(text, 0.0)
            if share >= MIN_QUESTION_SHARE and (best is None or score > best.score):
                best = _Layout(header_row=i + 1, question_col=col, headers=headers, score=score)
    if column is not None:
        found = sorted({_text(c) for i in candidates for c in grid[i] if _text(c)})
        raise QuestionnaireError(f"{where}: no column {column!r} (headers: {', '.join(found) or 'none'})")
    return best


def _list_values(formula: str | None, workbook: Any) -> list[str]:
    """The values of a list validation: ``"Yes,No"`` literally, or a range such as ``Lists!$A$1:$A$4``."""
    if not formula:
        return []
    formula = formula.strip()
    if formula.startswith('"') and formula.endswith('"'):
        return [v.strip() for v in formula[1:-1].split(",") if v.strip()]
    m = re.fullmatch(r"=?(?:'?([^'!]+)'?!)?\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?", formula)
    if not m or workbook is None:
        return []
    sheet_name, c1, r1, c2, r2 = m.groups()
    try:
        ws = workbook[sheet_name] if sheet_name else workbook.active
        cells = ws[f"{c1}{r1}:{c2 or c1}{r2 or r1}"]
    except (KeyError, ValueError):
        return []
    rows = cells if isinstance(cells, tuple) else ((cells,),)
    flat = [c for row in rows for c in (row if isinstance(row, tuple) else (row,))]
    return [_text(c.value) for c in flat if _text(c.value)][:200]


def _validation_at(ws: Worksheet, cell_ref: str) -> Any:
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and cell_ref in dv.sqref:
            return dv
    return None


def _attach_answer_column(layout: _Layout, first_row: int, ws: Worksheet | None) -> None:
    """The questionnaire's own answer column: a list dropdown on the first question's row, else a header
    that reads as an answer ("Response", "Answer", "Compliance status")."""
    others = [c for c in layout.headers if c not in (layout.question_col, layout.id_col)
              and layout.headers[c] not in OWN_HEADERS]  # fmt: skip
    if ws is not None:
        for col in others:
            dv = _validation_at(ws, f"{_column_letter(col)}{first_row}")
            if dv is not None:
                layout.answer_col, layout.vocabulary = col, _list_values(dv.formula1, ws.parent)
                return
    for col in others:
        text = layout.headers[col]
        if _ANSWER_HEADER.search(text) and not _NOT_ANSWER_HEADER.search(text):
            layout.answer_col = col
            return


def _attach_id_column(layout: _Layout) -> None:
    for col, text in layout.headers.items():
        if col != layout.question_col and _ID_HEADER.match(text):
            layout.id_col = col
            return


def _norm(value: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", value.lower()).split())


def vocabulary_value(verdict: QuestionVerdict, vocabulary: Sequence[str]) -> str | None:
    """The dropdown value meaning ``verdict`` (None: none does, leave the cell empty); without a dropdown the
    verdict itself (Unknown: empty)."""
    if not vocabulary:
        return None if verdict == "Unknown" else verdict
    by_norm = {_norm(v): v for v in vocabulary}
    for word in _VOCABULARY[verdict]:
        if word in by_norm:
            return by_norm[word]
    for word in _VOCABULARY[verdict]:  # "Yes - fully", "Partial (explain)"
        for norm, original in by_norm.items():
            if len(word) > 1 and norm.startswith(word + " "):
                return original
    return None


# --- answers --------------------------------------------------------------------------------------

_MARKER = re.compile(r"\s*\[\d+\]")


def short_answer(answer: Answer, limit: int = 400) -> str:
    """The answer's first lines without Markdown or citation markers, at most ``limit`` characters."""
    lines = []
    for raw in answer.answer.splitlines():
        # Markdown emphasis only: underscores inside words (doc ids, file names) stay.
        line = _MARKER.sub("", raw).replace("**", "").replace("`", "").strip().lstrip("-> ").strip().strip("_").strip()
        if not line or line.endswith(":") or line.lower().startswith(("guidance:", "closest iso")):
            continue
        lines.append(line)
        if len(lines) == 2:
            break
    text = " ".join(lines)
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def _row_answer(answer: Answer | None, judged: QuestionAnswer) -> str:
    """The short answer; for Unknown it says so first, so nearby evidence is not read as the answer."""
    if answer is None:
        return ""
    text = short_answer(answer)
    if judged.verdict != "Unknown":
        return text
    if not answer.citations:  # an abstention or an overview: nothing it says answers this question
        return "No evidence in the documents available to this role."
    if answer.abstained:
        return "No evidence in the documents available to this role. " + text
    return "No document answers this directly. Nearest evidence: " + text


def citation_lines(answer: Answer, limit: int = 3) -> list[str]:
    """``[n] Title — section (doc id)`` for the first ``limit`` citations."""
    out = []
    for c in answer.citations[:limit]:
        section = c.section
        if section.startswith(c.title):
            section = section[len(c.title) :].lstrip(" ›>").strip()
        where = f" — {section}" if section else ""
        page = f", p. {c.page}" if c.page else ""
        out.append(f"[{c.n}] {c.title}{where}{page} ({c.doc_id})")
    return out


def _answer_one(svc: ClausewiseService, question: str, asker: Asker) -> tuple[Answer | None, QuestionAnswer]:
    try:
        answer = svc.ask(question, asker)
    except ValueError as exc:  # a question the service refuses (too long): the row says why
        return None, QuestionAnswer(verdict="Unknown", needs_review=True, reasons=[str(exc)])
    clearance = svc.clearance(asker)

    def catalog_text(cid: str) -> str | None:
        entry = svc.catalog.get(cid)
        return f"{entry.title}. {entry.summary}" if entry is not None else None

    judged = judge(
        question, answer,
        embed=svc.retriever.embedder.embed_documents,
        gap_status=lambda cid: svc.assessor.assess(cid, clearance).status,
        catalog_text=catalog_text,
        term_share=svc.retriever.term_share,
    )  # fmt: skip
    return answer, judged


# --- the fill ------------------------------------------------------------------------------------


@dataclass
class _Target:
    """A grid being filled: how to read a cell and write one (xlsx worksheet or CSV rows)."""

    grid: list[list[Any]]
    get: Callable[[int, int], Any]
    put: Callable[[int, int, Any, bool], None]
    ws: Worksheet | None = None
    name: str = ""


def fill(
    data: bytes,
    filename: str,
    svc: ClausewiseService,
    asker: Asker,
    *,
    column: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FilledQuestionnaire:
    """Answer every question of ``data`` (an .xlsx or .csv named ``filename``) and return the filled file."""
    settings = svc.settings
    name = filename.rsplit("/", 1)[-1] or "questionnaire"
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if not data:
        raise QuestionnaireError(f"{name}: the file is empty")
    limit_bytes = int(settings.max_file_mb * 1024 * 1024)
    if len(data) > limit_bytes:
        raise QuestionnaireLimitError(f"{name}: larger than {settings.max_file_mb:g} MB", "CLAUSEWISE_MAX_FILE_MB")
    embed = svc.retriever.embedder.embed_documents
    wb: Any = None
    dialect: Any = csv.excel
    bom = False
    if suffix == "xlsx":
        wb = _open_workbook(data, name, settings)
        target, layout = _xlsx_layout(wb, name, embed, column, settings.max_rows)
    elif suffix == "csv":
        rows, dialect, bom = _read_csv(data, name, settings.max_rows)
        target, layout = _csv_layout(rows, name, embed, column)
    else:
        raise QuestionnaireError(f"{name}: not a questionnaire format Clausewise reads (.xlsx or .csv)")
    if layout is None:
        raise QuestionnaireError(
            f"{name}: no question-like column found (a header row with a column of questions); name it with --column"
        )
    _attach_id_column(layout)
    question_rows = [
        r for r in range(layout.header_row + 1, len(target.grid) + 1)
        if len(_text(target.get(r, layout.question_col)).split()) >= 3
    ]  # fmt: skip
    where = f"{name}, sheet {target.name!r}, column {layout.headers.get(layout.question_col, '?')!r}"
    if not question_rows:
        raise QuestionnaireError(f"{where}: the column holds no questions")
    if len(question_rows) > settings.questionnaire_max_questions:
        raise QuestionnaireLimitError(
            f"{where}: {len(question_rows):,} questions, more than {settings.questionnaire_max_questions:,}",
            "CLAUSEWISE_QUESTIONNAIRE_MAX_QUESTIONS",
        )
    _attach_answer_column(layout, question_rows[0], target.ws)
    own_cols, added = _own_columns(target, layout)
    results: list[FilledRow] = []
    for done, r in enumerate(question_rows):
        question = " ".join(_text(target.get(r, layout.question_col)).split())
        answer, judged = _answer_one(svc, question, asker)
        row = FilledRow(
            row=r,
            question_id=_text(target.get(r, layout.id_col)) if layout.id_col else str(r),
            question=question,
            verdict=judged.verdict,
            answer=_row_answer(answer, judged),
            citations=citation_lines(answer) if answer is not None else [],
            needs_review=judged.needs_review,
            reasons=judged.reasons,
            interaction_id=answer.interaction_id if answer is not None else "",
        )
        if layout.answer_col is not None:
            _fill_response(target, layout, row)
        target.put(r, own_cols[VERDICT_HEADER], row.verdict, False)
        target.put(r, own_cols[ANSWER_HEADER], row.answer, True)
        target.put(r, own_cols[CITATIONS_HEADER], "\n".join(row.citations), True)
        review = "; ".join(row.reasons) if row.needs_review else ""
        target.put(r, own_cols[REVIEW_HEADER], ("Yes — " + review) if row.needs_review else "No", True)
        results.append(row)
        if progress is not None:
            progress(done + 1, len(question_rows))
    if suffix == "xlsx":
        out = io.BytesIO()
        wb.save(out)
        content, media = out.getvalue(), XLSX_MEDIA
    else:
        content, media = _write_csv(target.grid, dialect, bom), CSV_MEDIA
    verdicts = {v: sum(1 for x in results if x.verdict == v) for v in ("Yes", "Partial", "No", "Unknown")}
    summary = QuestionnaireSummary(
        file=name,
        sheet=target.name,
        header_row=layout.header_row,
        question_column=_column_label(layout, layout.question_col) or "",
        answer_column=_column_label(layout, layout.answer_col),
        answer_vocabulary=layout.vocabulary,
        questions=len(results),
        answered=len(results) - verdicts["Unknown"],
        needs_review=sum(1 for x in results if x.needs_review),
        unknown=verdicts["Unknown"],
        verdicts=verdicts,
        kept_existing=sum(1 for x in results if x.response_kept is not None),
        columns_added=added,
    )
    stem = name.rsplit(".", 1)[0]
    return FilledQuestionnaire(summary=summary, rows=results, content=content, media_type=media,
                               filename=f"{stem}-filled.{suffix}")  # fmt: skip


def _column_label(layout: _Layout, col: int | None) -> str | None:
    """``Header (B)``."""
    return f"{layout.headers.get(col, '')} ({_column_letter(col)})" if col else None


def _fill_response(target: _Target, layout: _Layout, row: FilledRow) -> None:
    assert layout.answer_col is not None
    existing = _text(target.get(row.row, layout.answer_col))
    value = vocabulary_value(row.verdict, layout.vocabulary)
    if existing:
        row.response_kept = existing
        if value is not None and _norm(existing) != _norm(value):
            row.needs_review = True
            row.reasons.append(f"the questionnaire already says {existing!r}; Clausewise says {row.verdict}")
        return
    if value is None:
        if row.verdict != "Unknown":
            row.needs_review = True
            row.reasons.append(f"no dropdown value means {row.verdict}")
        return
    row.response_written = value
    target.put(row.row, layout.answer_col, value, False)


def _own_columns(target: _Target, layout: _Layout) -> tuple[dict[str, int], list[str]]:
    """Column of each Clausewise header: the existing one from an earlier run, else a new one at the end."""
    found = {text: col for col, text in layout.headers.items() if text in OWN_HEADERS}
    last = max([*layout.headers, len(target.grid[layout.header_row - 1])])
    added = []
    for header in OWN_HEADERS:
        if header not in found:
            last += 1
            found[header] = last
            added.append(header)
            target.put(layout.header_row, last, header, False)
            _style_header(target, layout, last, header)
    return found, added


def _style_header(target: _Target, layout: _Layout, col: int, header: str) -> None:
    """A new header cell styled like the question column's header; a readable width."""
    ws = target.ws
    if ws is None:
        return
    from copy import copy

    src = ws.cell(row=layout.header_row, column=layout.question_col)
    dst = ws.cell(row=layout.header_row, column=col)
    if src.has_style:
        dst.font, dst.fill, dst.border = copy(src.font), copy(src.fill), copy(src.border)
        dst.alignment = copy(src.alignment)
    width = {VERDICT_HEADER: 14, ANSWER_HEADER: 60, CITATIONS_HEADER: 50, REVIEW_HEADER: 30}[header]
    ws.column_dimensions[_column_letter(col)].width = width


# --- xlsx ----------------------------------------------------------------------------------------


def _open_workbook(data: bytes, name: str, settings: Any) -> Any:
    from openpyxl import load_workbook

    from ingestion.loaders import LimitError, Limits, LoaderError
    from ingestion.loaders.archive import check_archive

    try:
        check_archive(data, "XLSX", Limits.from_settings(settings))
    except LimitError as exc:
        raise QuestionnaireLimitError(f"{name}: {str(exc).rsplit(' (limit', 1)[0]}", exc.limit) from exc
    except LoaderError as exc:
        raise QuestionnaireError(f"{name}: not a readable .xlsx workbook ({exc})") from exc
    try:
        return load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        raise QuestionnaireError(f"{name}: not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # openpyxl raises many types on damaged XML (lxml/ElementTree parse errors)
        raise QuestionnaireError(f"{name}: not a readable .xlsx workbook ({type(exc).__name__})") from exc


def _xlsx_layout(
    wb: Any, name: str, embed: Callable[[Sequence[str]], np.ndarray], column: str | None, max_rows: int
) -> tuple[_Target, _Layout | None]:
    """The sheet holding the questions (the best-scoring one) and its layout."""
    best: tuple[_Target, _Layout] | None = None
    empty = True
    for ws in wb.worksheets:
        if ws.max_row > max_rows:
            raise QuestionnaireLimitError(
                f"{name}, sheet {ws.title!r}: more than {max_rows:,} rows", "CLAUSEWISE_MAX_ROWS"
            )
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        if any(_text(c) for r in grid for c in r):
            empty = False
        try:
            layout = find_layout(grid, embed, column=column, where=f"{name}, sheet {ws.title!r}")
        except QuestionnaireError:
            if column is not None and ws is wb.worksheets[-1] and best is None:
                raise
            continue
        if layout is None:
            continue
        if best is None or layout.score > best[1].score:
            best = (_sheet_target(ws, grid), layout)
        if column is not None:
            break
    if empty:
        raise QuestionnaireError(f"{name}: every sheet is empty")
    if best is None:
        return _Target(grid=[], get=lambda r, c: None, put=lambda r, c, v, w: None), None
    return best


def _sheet_target(ws: Worksheet, grid: list[list[Any]]) -> _Target:
    from openpyxl.styles import Alignment

    def get(r: int, c: int | None) -> Any:
        return ws.cell(row=r, column=c).value if c else None

    def put(r: int, c: int, value: Any, wrap: bool) -> None:
        cell = ws.cell(row=r, column=c)
        cell.value = value
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    return _Target(grid=grid, get=get, put=put, ws=ws, name=ws.title)


# --- csv -----------------------------------------------------------------------------------------


def _read_csv(data: bytes, name: str, max_rows: int) -> tuple[list[list[Any]], Any, bool]:
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QuestionnaireError(f"{name}: not UTF-8 text (byte {exc.start}); save the CSV as UTF-8") from exc
    if "\x00" in text:
        raise QuestionnaireError(f"{name}: not a CSV file (binary content)")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            rows.append(list(row))
            if len(rows) > max_rows:
                raise QuestionnaireLimitError(f"{name}: more than {max_rows:,} rows", "CLAUSEWISE_MAX_ROWS")
    except csv.Error as exc:
        raise QuestionnaireError(f"{name}: not a readable CSV file ({exc})") from exc
    if not any(_text(c) for r in rows for c in r):
        raise QuestionnaireError(f"{name}: the file has no rows")
    return rows, dialect, bom


def _csv_layout(
    rows: list[list[Any]], name: str, embed: Callable[[Sequence[str]], np.ndarray], column: str | None
) -> tuple[_Target, _Layout | None]:
    def get(r: int, c: int | None) -> Any:
        if not c or r > len(rows) or c > len(rows[r - 1]):
            return None
        return rows[r - 1][c - 1]

    def put(r: int, c: int, value: Any, _wrap: bool) -> None:
        row = rows[r - 1]
        row.extend([""] * (c - len(row)))
        row[c - 1] = "" if value is None else value

    layout = find_layout(rows, embed, column=column, where=name)
    return _Target(grid=rows, get=get, put=put, name="csv"), layout


def _write_csv(rows: list[list[Any]], dialect: Any, bom: bool) -> bytes:
    out = io.StringIO()
    # Only the sniffed delimiter is kept: the sniffer's guesses about quoting (e.g. no doublequote, no escapechar)
    # cannot write every answer back, and standard quoting reads back everywhere.
    writer = csv.writer(out, delimiter=getattr(dialect, "delimiter", ","), quotechar='"', doublequote=True,
                        quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")  # fmt: skip
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")
