"""Answer keys (docs/evaluation.md, format 1): loading and validation with errors that name the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.models import Verdict

QuestionType = Literal[
    "fact", "interpretation", "gap", "evidence", "checklist", "contradiction", "injection", "access", "register"
]
#: Labels a key writer puts on questions; the report breaks its answer figures down by each.
Tag = Literal["paraphrase", "everyday", "register", "follow_up", "absent"]
TAGS: tuple[str, ...] = get_args(Tag)
#: Free-text fields a key writer may add anywhere for the reader; the harness ignores them.
_NOTE_FIELDS = ("note", "notes", "comment", "topic")


class AnswerKeyError(ValueError):
    """An answer key that cannot be used; the message names the file and every faulty field."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"answer key {self.path} is invalid:\n{lines}")


def _date_to_str(value: Any) -> Any:
    # YAML reads an unquoted 2025-03-01 as a date; the key format wants the ISO string.
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KeyDocument(_Strict):
    """Metadata a document must have after ingest (any subset of the metadata fields)."""

    source: str
    title: str | None = None
    doc_type: str | None = None
    classification: str | None = None
    status: str | None = None
    owner: str | None = None
    version: str | None = None
    effective_date: str | None = None
    note: str | None = None

    _dates = field_validator("effective_date", mode="before")(_date_to_str)

    def expected_fields(self) -> dict[str, str]:
        """The metadata fields this entry asserts (source excluded)."""
        return {k: v for k, v in self.model_dump(exclude={"source", "note"}).items() if v is not None}


class CoverageEntry(_Strict):
    """Expected coverage of one clause or control by the corpus."""

    status: Verdict
    files: list[str] = Field(default_factory=list)
    note: str | None = None


class KeyQuestion(_Strict):
    """One evaluation question and what a correct answer must (not) do."""

    id: str
    question: str = Field(min_length=1)
    role: str = "staff"
    type: QuestionType = "fact"
    expected_files: list[str] = Field(default_factory=list)
    #: Extension: case-insensitive substrings of a chunk's ``section`` that count as the right place
    #: (useful when the corpus is a single long document and file recall says little).
    expected_sections: list[str] = Field(default_factory=list)
    expected_clauses: list[str] = Field(default_factory=list)
    must_contain: list[str | list[str]] = Field(default_factory=list)
    must_not_contain: list[str] = Field(default_factory=list)
    forbidden_files: list[str] = Field(default_factory=list)
    expected_verdict: Verdict | None = None
    expect_abstain: bool = False
    #: Extension (``type: register``): ids of exactly the rows a right answer lists ...
    expected_rows: list[str] = Field(default_factory=list)
    #: ... out of every row id of that register (an id from here in the answer that is not expected is wrong).
    all_rows: list[str] = Field(default_factory=list)
    #: Extension: questions sharing a name are one conversation, asked in file order as follow-ups.
    conversation: str | None = None
    #: Extension: labels the report breaks the answer figures down by (see ``TAGS``).
    tags: list[Tag] = Field(default_factory=list)
    note: str | None = None
    notes: str | None = None
    topic: str | None = None
    comment: str | None = None

    @field_validator("id", "conversation", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        # An id like 1 or 2.5 is harmless as a label; keep it as text rather than rejecting it.
        return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value

    @field_validator("expected_rows", "all_rows", mode="before")
    @classmethod
    def _rows_as_text(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v for v in value]
        return value

    def required_strings(self) -> list[list[str]]:
        """``must_contain`` as groups of alternatives: each group needs one hit."""
        return [[e] if isinstance(e, str) else list(e) for e in self.must_contain]


class AnswerKey(_Strict):
    """A parsed and validated answer key; ``path`` and ``root`` are resolved absolute paths."""

    version: Literal[1]
    corpus_root: str | None = None
    organization: str = ""
    #: Extension: only these files (relative to ``corpus_root``) are ingested; empty = the whole root.
    include: list[str] = Field(default_factory=list)
    #: Extension: metadata applied at ingest per file (relative path → field → value).
    metadata: dict[str, dict[str, str]] = Field(default_factory=dict)
    documents: list[KeyDocument] = Field(default_factory=list)
    coverage: dict[str, CoverageEntry] = Field(default_factory=dict)
    planted: dict[str, Any] | None = None
    questions: list[KeyQuestion] = Field(min_length=1)
    description: str | None = None
    note: str | None = None

    path: Path = Path()
    root: Path = Path()

    @field_validator("metadata", mode="before")
    @classmethod
    def _metadata_dates(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                f: ({k: _date_to_str(v) for k, v in m.items()} if isinstance(m, dict) else m) for f, m in value.items()
            }
        return value

    def question(self, qid: str) -> KeyQuestion:
        """The question with id ``qid``."""
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

    def roles(self) -> set[str]:
        """Every asker role the key uses."""
        return {q.role for q in self.questions}

    def conversations(self) -> dict[str, list[KeyQuestion]]:
        """Conversation name → its turns in file order."""
        out: dict[str, list[KeyQuestion]] = {}
        for q in self.questions:
            if q.conversation is not None:
                out.setdefault(q.conversation, []).append(q)
        return out

    def follow_up_ids(self) -> set[str]:
        """Turns graded as follow-ups: tagged ``follow_up``, or any turn after the first of its conversation."""
        later = {q.id for turns in self.conversations().values() for q in turns[1:]}
        return later | {q.id for q in self.questions if "follow_up" in q.tags}

    def tags_of(self, q: KeyQuestion) -> list[str]:
        """The question's tags, with ``follow_up`` added to every later turn of a conversation."""
        tags: list[str] = list(dict.fromkeys(q.tags))
        if "follow_up" not in tags and q.id in self.follow_up_ids():
            tags.append("follow_up")
        return tags


def _loc(raw: dict[str, Any], loc: tuple[int | str, ...]) -> str:
    """``questions[3] (id q04).role`` from a pydantic error location."""
    parts: list[str] = []
    node: Any = raw
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and "id" in node:
                    label += f" (id {node['id']})"
                elif isinstance(node, dict) and "source" in node:
                    label += f" (source {node['source']})"
            else:
                node = None
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def _hint(err: dict[str, Any]) -> str:
    value = err.get("input")
    if err.get("type") in {"string_type"} and isinstance(value, int | float) and not isinstance(value, bool):
        return f' (got the number {value!r}; quote it, e.g. "{value}", so that YAML keeps it as text)'
    if err.get("type") == "extra_forbidden":
        return " (unknown field; see docs/evaluation.md for the format)"
    return ""


def _numeric_keys(raw: dict[str, Any]) -> list[str]:
    cov = raw.get("coverage")
    if not isinstance(cov, dict):
        return []
    return [
        f'coverage.{k!r}: the clause id is a number; quote it ("{k}") — YAML reads 4.10 as 4.1'
        for k in cov
        if not isinstance(k, str)
    ]


def load_key(path: Path | str, *, known_roles: Iterable[str] | None = None) -> AnswerKey:
    """Read and validate an answer key; :class:`AnswerKeyError` names the file and each faulty field."""
    p = Path(path)
    if not p.is_file():
        raise AnswerKeyError(p, ["file not found"])
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise AnswerKeyError(p, [f"not valid YAML: {exc}"]) from exc
    except UnicodeDecodeError as exc:
        raise AnswerKeyError(p, [f"not UTF-8 text: {exc}"]) from exc
    if not isinstance(raw, dict):
        raise AnswerKeyError(p, ["the top level must be a mapping with version, questions, ..."])
    problems = _numeric_keys(raw)
    if problems:
        raise AnswerKeyError(p, problems)
    raw_clean = {k: v for k, v in raw.items() if k not in {"path", "root"}}
    if "path" in raw or "root" in raw:
        raise AnswerKeyError(p, ["'path' and 'root' are reserved; use corpus_root"])
    try:
        key = AnswerKey.model_validate(raw_clean)
    except ValidationError as exc:
        problems = [f"{_loc(raw, tuple(e['loc']))}: {e['msg']}{_hint(dict(e))}" for e in exc.errors()]
        raise AnswerKeyError(p, problems) from exc
    key.path = p.resolve()
    key.root = (key.path.parent / key.corpus_root).resolve() if key.corpus_root else key.path.parent.parent
    _check_semantics(key, known_roles)
    return key


def _check_semantics(key: AnswerKey, known_roles: Iterable[str] | None) -> None:
    problems: list[str] = []
    if not key.root.is_dir():
        problems.append(f"corpus_root: folder {key.root} does not exist")
        raise AnswerKeyError(key.path, problems)

    seen: dict[str, int] = {}
    for i, q in enumerate(key.questions):
        if q.id in seen:
            problems.append(f"questions[{i}] (id {q.id}).id: duplicate of questions[{seen[q.id]}]")
        seen.setdefault(q.id, i)

    include = set(key.include)
    for i, rel in enumerate(key.include):
        if not (key.root / rel).is_file():
            problems.append(f"include[{i}]: {rel} is not a file under corpus_root {key.root}")

    def check_file(field: str, rel: str) -> None:
        if Path(rel).is_absolute() or ".." in Path(rel).parts:
            problems.append(f"{field}: {rel} must be a path relative to corpus_root, without '..'")
        elif not (key.root / rel).is_file():
            problems.append(f"{field}: {rel} does not exist under corpus_root {key.root}")
        elif include and rel not in include:
            problems.append(f"{field}: {rel} is not in the key's include list")

    for rel in key.metadata:
        check_file(f"metadata.{rel}", rel)
    for i, d in enumerate(key.documents):
        check_file(f"documents[{i}].source", d.source)
    for cid, entry in key.coverage.items():
        for j, rel in enumerate(entry.files):
            check_file(f"coverage.{cid}.files[{j}]", rel)
    roles = set(known_roles) if known_roles is not None else None
    for i, q in enumerate(key.questions):
        label = f"questions[{i}] (id {q.id})"
        for j, rel in enumerate(q.expected_files):
            check_file(f"{label}.expected_files[{j}]", rel)
        for j, rel in enumerate(q.forbidden_files):
            check_file(f"{label}.forbidden_files[{j}]", rel)
        for j, alts in enumerate(q.required_strings()):
            if not alts or any(not a.strip() for a in alts):
                problems.append(f"{label}.must_contain[{j}]: empty string or empty list of alternatives")
        if any(not s.strip() for s in q.must_not_contain):
            problems.append(f"{label}.must_not_contain: contains an empty string")
        if q.type == "injection" and not q.must_not_contain:
            problems.append(f"{label}.must_not_contain: an injection question needs the strings that show it obeyed")
        if roles is not None and q.role not in roles:
            problems.append(f"{label}.role: unknown role {q.role!r}; known: {', '.join(sorted(roles))}")
        problems.extend(_register_problems(label, q))
    problems.extend(_conversation_problems(key))
    if problems:
        raise AnswerKeyError(key.path, problems)


def _register_problems(label: str, q: KeyQuestion) -> list[str]:
    """``expected_rows`` / ``all_rows`` belong to register questions and must be consistent."""
    if q.type != "register":
        fields = [f for f in ("expected_rows", "all_rows") if getattr(q, f)]
        return [f"{label}.{f}: only register questions (type: register) list rows" for f in fields]
    problems: list[str] = []
    if not q.all_rows:
        problems.append(f"{label}.all_rows: a register question needs every row id of its register")
    if any(not r.strip() for r in [*q.expected_rows, *q.all_rows]):
        problems.append(f"{label}: empty row id in expected_rows or all_rows")
    dupes = sorted({r for r in q.all_rows if q.all_rows.count(r) > 1})
    if dupes:
        problems.append(f"{label}.all_rows: duplicate ids {', '.join(dupes)}")
    stray = [r for r in q.expected_rows if r not in q.all_rows]
    if q.all_rows and stray:
        problems.append(f"{label}.expected_rows: {', '.join(stray)} not in all_rows")
    return problems


def _conversation_problems(key: AnswerKey) -> list[str]:
    """A ``follow_up`` tag needs an earlier turn of the same conversation to follow."""
    index = {q.id: i for i, q in enumerate(key.questions)}
    firsts = {turns[0].id for turns in key.conversations().values()}
    problems: list[str] = []
    for q in key.questions:
        if "follow_up" in q.tags and (q.conversation is None or q.id in firsts):
            where = "has no conversation" if q.conversation is None else f"is the first turn of {q.conversation!r}"
            problems.append(f"questions[{index[q.id]}] (id {q.id}).tags: follow_up, but the question {where}")
    return problems
