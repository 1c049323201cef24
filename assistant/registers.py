"""Register questions: list, filter and count questions answered by selecting rows of one table.

"Which nonconformities are still open?", "which risks were accepted and by whom?", "how many corrective actions
are overdue?": the answer is a set of rows, so it is computed, not retrieved. Retrieval points at the table (the
document whose rows are the best hits); the question's words are matched to that table's columns and values;
the match becomes a SQL filter over the typed rows ``ingestion.tables`` keeps in DuckDB, with the asker's
clearance inside the same ``WHERE``; every selected row comes back with the chunk that holds it and its verbatim
text there, so the composer cites each row.

Nothing here knows any register's headers or values. Columns are found by meaning: header words shared with
the question, or close in the embedding space to a phrase of it; values by the words of the question (a phrase
found in a column's cells) or, for columns with few distinct values, by embedding similarity. Three small word
lists remain, each for a job the embedding model cannot do because it places opposites side by side
("open"/"closed" 0.70, "outside" equally near "internal" and "external"): lifecycle states, origin
(internal/external) and the comparison words of dates and numbers.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.text import STOPWORDS, stem
from ingestion import tables as store
from ingestion.manifest import read_generation
from ingestion.settings import Settings

log = logging.getLogger(__name__)

Embed = Callable[[Sequence[str]], np.ndarray]

#: Most rows listed in an answer; the count is always exact.
MAX_ROWS_SHOWN = 60
#: A column with at most this many distinct values (and some repeated) is categorical: its values are
#: matched by meaning too.
CATEGORICAL_MAX = 12
#: Embedding similarity at which a phrase of the question names a categorical value or a column header.
VALUE_SIMILARITY = 0.8
#: ... and by how much it must beat the column's next-best value.
VALUE_MARGIN = 0.05
#: A phrase found in most rows of a free-text column (the organization's own name) does not filter.
FREE_TEXT_MAX_SHARE = 0.75
#: Share of the question's content words the chosen table must explain (as filters, columns or its name).
MIN_EXPLAINED = 0.4
#: A column whose cells are longer than this (median words) holds sentences; a phrase found there is a weak sign.
LABEL_WORDS = 6

# --- the named word lists ---------------------------------------------------------------------------------

#: The question asks for a list, a count or a set ("which ...", "list ...", "how many ...").
#: ("who" only with what makes it a set: "who still hasn't ...", "who has not ..."; "who approves X" is one fact.)
LIST_QUESTION = re.compile(
    r"^\s*(?:[^?]{0,60}?\s[-–:]\s*)?(which|list|show|name|count|give me|what are|what were|who (?:still|else|has not|"
    r"have not|hasn'?t|haven'?t|did not|didn'?t|is yet|are yet|(?:is|are) (?:still )?(?:behind|late|overdue))|"
    r"who'?s (?:still )?(?:behind|late|overdue))\b|"
    r"\bhow many\b|\bnumber of\b",
    re.I,
)
#: Forms that ask for one fact ("what is ...", "how quickly ...") anywhere in a question that does not start as a
#: list question: those are not register questions.
SINGLE_FACT = re.compile(
    r"^\s*(who|what|when|where|why|how|is|are|was|were|has|have|does|do|did|can|could|should|must|may|will|"
    r"evidence)\b|"
    r"\b(what'?s|whats|what (is|was|does|do|did)|who'?s|who (is|was)|when|why|how (long|often|much|quickly|fast|"
    r"soon|far|old|do|does|did|should|can|is|are))\b",
    re.I,
)
#: Lifecycle states of a register row, as a value starts (lower-cased). "Accepted" (a risk decision) is neither.
OPEN_STATES = (
    "open", "opened", "in progress", "ongoing", "pending", "outstanding", "overdue", "not started", "active",
    "unresolved", "awaiting", "planned", "not yet", "late", "under review", "in review", "draft", "new",
)  # fmt: skip
CLOSED_STATES = ("closed", "complete", "completed", "done", "resolved", "finished", "verified", "passed")
#: Question words asking for one of the two lifecycle groups.
OPEN_WORDS = frozenset({"open", "outstanding", "unresolved", "pending", "ongoing", "unfinished", "incomplete"})
CLOSED_WORDS = frozenset({"closed", "done", "complete", "completed", "finished", "resolved"})
OVERDUE_WORDS = frozenset({"overdue", "late", "behind", "missed", "lapsed", "expired"})
#: Origin of a row (a dataset, a component): values as they start, and the question words for each side.
ORIGIN_GROUPS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "internal": (("internal", "in-house", "in house", "own"), frozenset({"internal", "inhouse", "in-house"})),
    "external": (
        ("external", "third party", "third-party", "supplier", "vendor", "public", "purchased", "licensed"),
        frozenset({"external", "outside", "third-party", "outsourced", "externally", "bought", "purchased"}),
    ),
}
#: Share of a column's distinct values that must open with an origin word for the column to be read as origins.
ORIGIN_SHARE = 0.5
YES_VALUES = ("yes", "y", "true")
NO_VALUES = ("no", "n", "false", "none")
YES_NO_VALUES = (*YES_VALUES, *NO_VALUES, "unknown", "n/a", "partly", "partial")
NEGATIONS = frozenset({"not", "no", "never", "without", "yet", "hasnt", "havent", "isnt", "arent", "wasnt", "werent",
                       "didnt", "doesnt", "dont", "cannot", "cant", "except", "excluding", "non"})  # fmt: skip
#: Comparison words before a date or a number (looked up as the 1–3 words before it).
COMPARATORS: dict[str, str] = {
    "before": "<", "prior to": "<", "earlier than": "<", "until": "<=", "till": "<=", "by": "<=", "up to": "<=",
    "no later than": "<=", "not after": "<=", "after": ">", "later than": ">", "since": ">=", "from": ">=",
    "beyond": ">", "on": "=", "in": "in", "during": "in", "of": "=", "at least": ">=", "at most": "<=",
    "no more than": "<=", "more than": ">", "greater than": ">", "higher than": ">", "above": ">", "over": ">",
    "exceeding": ">", "exceeds": ">", "less than": "<", "lower than": "<", "below": "<", "under": "<",
    "fewer than": "<", "smaller than": "<", "equal to": "=",
}  # fmt: skip
#: Words that only shape a register question ("which ... are still ..."), never a filter value.
FUNCTION_WORDS = frozenset((STOPWORDS - OPEN_WORDS - CLOSED_WORDS - NEGATIONS) | {
    "list", "show", "many", "count", "number", "still", "currently", "yet", "already", "far", "ever", "personally",
    "rather", "instead", "say", "says", "said", "got", "get", "go", "came", "come", "whose", "ones", "one", "those",
    "these",
    "anything", "any", "every", "each", "total", "right", "now", "today", "please", "tell", "give", "name",
    "whom", "who", "which", "there", "according", "listed", "recorded", "registered", "marked", "shown",
    # Verbs saying which value a row carries: "not rated High" negates the value, across the verb.
    "rated", "graded", "classed", "classified", "labelled", "labeled",
    "entries", "entry", "rows", "row", "items", "item", "records", "record", "register", "registers", "log",
    "logs", "table", "sheet", "inventory", "have", "has", "been", "being", "were", "was", "off", "up",
    "out", "ours", "we", "us", "contain", "contains", "containing", "include", "includes", "including", "hold",
    "holds", "pull", "bring", "display", "see", "view",
})  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&\-./]*[A-Za-z0-9]|[A-Za-z0-9]")
_ID_TOKEN = re.compile(r"(?=.*[A-Za-z])(?=.*\d)")
_NUMBER_TOKEN = re.compile(r"^\d+(?:\.\d+)?%?$")
_HEADER_WORD = re.compile(r"[a-z0-9]+")
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b"), "dmy"),
    (re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"), "mdy"),
    (re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{4})\b"), "my"),
    (re.compile(r"\b(?:end of |the end of )?(?:q([1-4])\s+)(\d{4})\b", re.I), "qy"),
    (re.compile(r"\b(19\d{2}|20\d{2})\b"), "y"),
)


# --- results -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    """One selected row: the chunk holding it, its verbatim text there (the quote) and its cells."""

    chunk_id: str
    quote: str
    number: int
    cells: dict[str, str]


@dataclass
class RegisterAnswer:
    """The rows of one table that match a question's filters, with the count and what the filter was."""

    doc_id: str
    title: str
    table: str
    rows: list[RegisterRow]
    count: int
    total: int
    columns_used: list[str]
    filter_description: str

    def headline(self) -> str:
        """The first line of the answer: the count and the filter, in words."""
        where = f"{self.title} › {self.table}" if self.table and self.table != self.title else self.title
        noun = "row matches" if self.count == 1 else "rows match"
        return f"**{self.count}** of {self.total} {noun} in {where} ({self.doc_id}): {self.filter_description}."


# --- question analysis ---------------------------------------------------------------------------------------


def _is_function_stem(word: str) -> bool:
    """Whether a value's word is one the content-word spans leave out (a function or negation word)."""
    return word in FUNCTION_WORDS or word in NEGATIONS


@dataclass
class _Token:
    raw: str
    norm: str
    stem: str
    start: int
    end: int
    index: int
    #: Why the token is used up: "date", "number", "lifecycle", "value", "scope", ... (None: still free).
    used: str | None = None


@dataclass(frozen=True)
class _DateMention:
    first: dt.date
    last: dt.date
    start: int
    end: int


@dataclass
class _Condition:
    sql: str
    params: list[Any]
    description: str
    columns: tuple[str, ...]
    tokens: frozenset[int]
    #: A lexical value or typed comparison (True) or only a semantic guess (False).
    strong: bool = True
    #: "lifecycle" for an open/closed filter on a status column, else "value".
    kind: str = "value"


@dataclass
class _Column:
    position: int
    header: str
    sql: str
    number: bool
    date: bool
    distinct: int
    words: frozenset[str]
    values: list[str] = field(default_factory=list)
    #: Cells are sentences (a description), not labels (a name, a status, a source).
    long_text: bool = False


@dataclass
class _Table:
    table_id: int
    doc_id: str
    name: str
    title: str
    kind: str
    classification: str
    n_rows: int
    columns: list[_Column]
    scope: frozenset[str]

    def categorical(self, col: _Column) -> bool:
        return 0 < col.distinct <= CATEGORICAL_MAX and (col.distinct < self.n_rows or self.n_rows <= 2)


def _norm(word: str) -> str:
    return word.lower().replace("’", "'").replace("'", "")


#: Named rule: two-word negations ("accepted rather than treated", "from incidents instead of audits"): the second
#: word is read as "not", so the value after it is excluded like one after "not".
_TWO_WORD_NEGATIONS = {("rather", "than"), ("instead", "of")}


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for i, m in enumerate(_TOKEN.finditer(text)):
        norm = _norm(m.group())
        if out and (out[-1].norm, norm) in _TWO_WORD_NEGATIONS:
            norm = "not"
        out.append(_Token(m.group(), norm, stem(norm), m.start(), m.end(), i))
    return out


def _word_stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _HEADER_WORD.findall(text.lower().replace("_", " ")) if w not in STOPWORDS)


def list_form(question: str) -> str | None:
    """``"list"`` for a list, set or count question, ``"elliptical"`` for a bare phrase ("open risks with a
    score of 12?") that may be one, None for a question asking for one fact."""
    if LIST_QUESTION.search(question):
        return "list"
    return None if SINGLE_FACT.search(question) else "elliptical"


def _elliptical_fits(question: str, table: _Table) -> bool:
    """A bare phrase is a register question when it starts with a state ("open risks ...") or with what the
    rows are ("risks with ...")."""
    words = [t for t in _tokens(question) if t.norm not in FUNCTION_WORDS]
    if not words:
        return False
    first = words[0]
    return first.norm in OPEN_WORDS | CLOSED_WORDS | OVERDUE_WORDS or (
        first.stem in table.scope and first.norm.endswith("s")
    )


def _dates(text: str) -> list[_DateMention]:
    found: list[_DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            span = _date_span(m, kind)
            if span is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(_DateMention(span[0], span[1], m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _date_span(m: re.Match[str], kind: str) -> tuple[dt.date, dt.date] | None:
    months = store.MONTHS
    try:
        if kind == "ymd":
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, d
        if kind == "dmy" and m.group(2).lower() in months:
            d = dt.date(int(m.group(3)), months[m.group(2).lower()], int(m.group(1)))
            return d, d
        if kind == "mdy" and m.group(1).lower() in months:
            d = dt.date(int(m.group(3)), months[m.group(1).lower()], int(m.group(2)))
            return d, d
        if kind == "my" and m.group(1).lower() in months:
            year, month = int(m.group(2)), months[m.group(1).lower()]
            return dt.date(year, month, 1), _month_end(year, month)
        if kind == "qy":
            q, year = int(m.group(1)), int(m.group(2))
            return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        if kind == "y":
            before = m.string[max(0, m.start() - 12) : m.start()].lower()
            # A bare year only counts as a date after a comparison word ("in 2025", "before 2026").
            if re.search(r"\b(in|during|before|after|since|by|until|from|of|end of)\s+$", before):
                year = int(m.group(1))
                return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
    return None


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _comparator(tokens: Sequence[_Token], index: int) -> tuple[str, set[int]] | None:
    """The comparison word(s) in the 1–3 tokens before ``index`` (longest match wins)."""
    for size in (3, 2, 1):
        start = index - size
        if start < 0:
            continue
        phrase = " ".join(t.norm for t in tokens[start:index])
        if phrase in COMPARATORS:
            return COMPARATORS[phrase], set(range(start, index))
    return None


#: Function words that may sit inside a phrase of a cell ("Head of Pricing", "Research and Development").
_CONNECTORS = frozenset({"of", "for", "and", "the", "in", "on", "&", "de", "to"})
_AUXILIARIES = frozenset({"has", "have", "is", "are", "did", "does", "do", "was", "were"})


def _is_negation(token: _Token) -> bool:
    return token.norm in NEGATIONS or (token.norm.endswith("nt") and token.norm[:-2] in _AUXILIARIES)


def _negation(tokens: Sequence[_Token], index: int, window: int = 3) -> int | None:
    """The unused negation word just before ``index`` ("hasn't done", "not closed"), only function words between:
    in "hasn't done the X course" the negation belongs to "done", not to X."""
    for t in reversed(tokens[max(0, index - window) : index]):
        if _is_negation(t):
            return t.index if t.used in (None, "function") else None
        if t.norm not in FUNCTION_WORDS:
            return None
    return None


def _starts_with(value: str, states: Sequence[str]) -> bool:
    low = " ".join(value.lower().split())
    return any(low == s or low.startswith((s + " ", s + "-", s + ",", s + ";", s + "(", s + ":")) for s in states)


def _quote_ident(sql: str) -> str:
    if not re.fullmatch(r"c\d+(_[nd])?", sql):
        raise ValueError(f"not a column name: {sql!r}")
    return sql


# --- the table cache -------------------------------------------------------------------------------------------


class _Cache:
    """What is worth keeping between questions: tables read from the current tables file, text embeddings."""

    def __init__(self) -> None:
        self.epoch = -1
        self.tables: dict[int, _Table] = {}
        self.vectors: dict[str, np.ndarray] = {}
        #: Per-column match counts of a phrase, and whether a word occurs in a table at all.
        self.phrases: dict[tuple[Any, ...], Any] = {}
        self.presence: dict[tuple[int, str, str], bool] = {}
        #: Whether a table is another table's key (``_explains_columns``).
        self.keys: dict[int, bool] = {}

    def check(self) -> None:
        """Forget what was read from a file that was replaced since."""
        if store.reader_epoch() != self.epoch:
            self.tables.clear()
            self.keys.clear()
            self.phrases.clear()
            self.presence.clear()
            self.epoch = store.reader_epoch()

    def remember(self, key: tuple[Any, ...], row: Any) -> None:
        if len(self.phrases) > 50_000 or len(self.presence) > 50_000:
            self.phrases.clear()
            self.presence.clear()
        self.phrases[key] = row

    def embed(self, embed: Embed, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            vectors = np.asarray(embed(missing), dtype=np.float32)
            if len(self.vectors) > 20_000:
                self.vectors.clear()
            for text, vec in zip(missing, vectors, strict=True):
                self.vectors[text] = vec
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts])


_CACHE = _Cache()


def _load_table(con: Any, table_id: int) -> _Table | None:
    if table_id in _CACHE.tables:
        return _CACHE.tables[table_id]
    reg = con.execute(
        "SELECT doc_id, name, title, kind, classification, doc_type, n_rows FROM registers WHERE table_id = ?",
        [table_id],
    ).fetchone()
    if reg is None:
        return None
    doc_id, name, title, kind, classification, doc_type, n_rows = reg
    columns: list[_Column] = []
    for position, header, sql, number, date, distinct in con.execute(
        "SELECT position, header, sql_name, has_number, has_date, n_distinct FROM columns WHERE table_id = ? "
        "ORDER BY position",
        [table_id],
    ).fetchall():
        columns.append(_Column(position, header, sql, bool(number), bool(date), int(distinct), _word_stems(header)))
    table = _Table(
        table_id, doc_id, name or "", title or doc_id, kind, classification, int(n_rows), columns,
        scope=_word_stems(f"{title} {name} {str(doc_type).replace('_', ' ')}"),
    )  # fmt: skip
    lengths = (
        con.execute(
            "SELECT " + ", ".join(f"median(len(string_split({c.sql}, ' ')))" for c in columns) + f" FROM t{table_id}"
        ).fetchone()
        if columns
        else ()
    )
    for col, words in zip(columns, lengths or (), strict=False):
        col.long_text = words is not None and float(words) > LABEL_WORDS
    for col in columns:
        if table.categorical(col) or col.distinct <= CATEGORICAL_MAX * 2:
            rows = con.execute(
                f"SELECT DISTINCT {_quote_ident(col.sql)} FROM t{table_id} WHERE {col.sql} IS NOT NULL"
            ).fetchall()
            col.values = sorted(str(r[0]) for r in rows)
    _CACHE.tables[table_id] = table
    return table


# --- matching a question to one table --------------------------------------------------------------------------


@dataclass
class _Parse:
    table: _Table
    conditions: list[_Condition]
    explained: float
    content: int
    columns_used: list[str]
    #: Whether the question's subject (its first content words: "which *overdue actions* ...") is explained.
    subject: bool = True
    #: Rows the filters select together.
    rows: int = 0
    #: Every content word is used (meaning could add nothing).
    complete: bool = False


#: The longest phrase of the question matched against cell values.
MAX_PHRASE_WORDS = 6


class _Matcher:
    """Turns the question into filters over one table's columns."""

    def __init__(
        self,
        question: str,
        table: _Table,
        con: Any,
        embed: Embed | None,
        clearance: Collection[str],
        today: dt.date,
        subject_from: int = 0,
        plural_subject: bool = False,
    ) -> None:
        self.question = question
        #: Where the question's subject starts (after "which", "list the", ...); -1: no subject to check ("who").
        self.subject_from = subject_from
        #: "show ...", "list ...": the subject must be plural (rows), else it names one thing.
        self.plural_subject = plural_subject
        self.table = table
        self.con = con
        self.embed = embed
        self.clearance = sorted(clearance)
        self.today = today
        self.tokens = _tokens(question)
        self.conditions: list[_Condition] = []
        #: Columns the question names, with how much of the header it names.
        self.referenced: dict[str, float] = {}
        #: ... and those named by a word that is not also a word of the table's own name ("corrective actions"
        #: of a corrective action log names the log, not its "corrective action" column).
        self.named: set[str] = set()
        #: Counts already asked of this table while reading this question (relaxing conditions repeats them).
        self._counted: dict[tuple[str, str], int] = {}
        #: Open-state values of date columns, per column (``_undated_states``).
        self._undated: dict[str, list[str]] = {}

    # --- helpers
    def _free(self) -> list[_Token]:
        return [t for t in self.tokens if t.used is None]

    def _use(self, indexes: Collection[int], why: str) -> None:
        for i in indexes:
            if self.tokens[i].used is None:
                self.tokens[i].used = why

    def _count(self, predicate: str, params: Sequence[Any]) -> int:
        key = (predicate, repr(list(params)))
        if key not in self._counted:
            where = " AND ".join(["_classification IN (SELECT UNNEST(?::VARCHAR[]))", predicate])
            sql = f"SELECT count(*) FROM t{self.table.table_id} WHERE {where}"
            self._counted[key] = int(self.con.execute(sql, [self.clearance, *params]).fetchone()[0])
        return self._counted[key]

    def _similar(self, phrases: Sequence[str], targets: Sequence[str]) -> np.ndarray:
        if self.embed is None or not phrases or not targets:
            return np.zeros((len(phrases), len(targets)), dtype=np.float32)
        p = _CACHE.embed(self.embed, [p.lower() for p in phrases])
        t = _CACHE.embed(self.embed, [t.lower() for t in targets])
        return np.asarray(p @ t.T)

    def _spans(self, max_len: int = 3) -> list[tuple[list[_Token], str]]:
        """Runs of 1–3 adjacent free content tokens, with their surface text."""
        free = [t for t in self._free() if t.norm not in FUNCTION_WORDS]
        spans: list[tuple[list[_Token], str]] = []
        for i in range(len(free)):
            run = [free[i]]
            spans.append((list(run), self.question[free[i].start : free[i].end]))
            # A negation word is a phrase of its own ("no" may be a cell's value) but never part of a longer one:
            # "medium (not the high ones)" is not the phrase "medium not", and the "not" governs "high". Values
            # written with a negation ("Not yet implemented") are matched whole, in ``categorical``.
            if _is_negation(free[i]):
                continue
            for j in range(i + 1, min(len(free), i + max_len)):
                if free[j].index != run[-1].index + 1 or _is_negation(free[j]):
                    break
                run.append(free[j])
                spans.append((list(run), self.question[run[0].start : run[-1].end]))
        return spans

    # --- steps
    def _negated(self, index: int) -> bool:
        """Whether a negation word governs the token at ``index``; the negation is used up by it."""
        neg = _negation(self.tokens, index)
        if neg is None:
            return False
        self.tokens[neg].used = "negation"
        return True

    def mark_scope(self) -> None:
        for t in self.tokens:
            if t.norm in FUNCTION_WORDS and not _is_negation(t):
                t.used = "function"
            elif t.stem in self.table.scope:
                t.used = "scope"

    def header_references(self) -> None:
        """Columns the question names by a header word (``due date``, ``owner``) or by a phrase close to a header."""
        for col in self.table.columns:
            # "contains_phi" is named by "phi": its function words need not be in the question.
            words = {w for w in col.words if w not in FUNCTION_WORDS} or col.words
            if not words:
                continue
            by = [(w, t) for w in words for t in self.tokens if t.used != "function" and _same_word(t.stem, w)]
            if by:
                share = len({w for w, _ in by}) / len(words)
                self.referenced[col.sql] = max(self.referenced.get(col.sql, 0.0), share)
                if any(t.used is None for _, t in by):
                    self.named.add(col.sql)
        spans = [s for s in self._spans(2) if not all(t.used == "scope" for t in s[0])]
        headers = [c.header.replace("_", " ") for c in self.table.columns]
        if spans and headers:
            sims = self._similar([s for _, s in spans], headers)
            for j, col in enumerate(self.table.columns):
                best = float(sims[:, j].max()) if sims.size else 0.0
                if best >= VALUE_SIMILARITY:
                    self.referenced[col.sql] = max(self.referenced.get(col.sql, 0.0), best)
                    self.named.add(col.sql)

    def dates(self) -> None:
        date_cols = [c for c in self.table.columns if c.date]
        for mention in _dates(self.question):
            inside = [t.index for t in self.tokens if t.start >= mention.start and t.end <= mention.end]
            if not inside or not date_cols:
                continue
            cmp = _comparator(self.tokens, inside[0])
            op, words = cmp if cmp else ("in", set())
            col = self._date_column(date_cols)
            if col is None:
                continue
            sql = _quote_ident(f"{col.sql}_d")
            if op in ("in", "="):
                predicate, params = f"{sql} BETWEEN ? AND ?", [mention.first, mention.last]
                text = (
                    f"{col.header} on {mention.first.isoformat()}"
                    if mention.first == mention.last
                    else f"{col.header} from {mention.first.isoformat()} to {mention.last.isoformat()}"
                )
            else:
                bound = mention.first if op in ("<", ">=") else mention.last
                predicate, params = f"{sql} {op} ?", [bound]
                text = f"{col.header} {_DATE_OPS[op]} {bound.isoformat()}"
            # The word naming the date column is that column's, not a state: "opened before June" asks about the
            # Opened date, not for open rows.
            naming = {t.index for t in self.tokens if t.used is None and any(_same_word(t.stem, w) for w in col.words)}
            # Named rule: the word right after one naming the column is that column's too ("next *review*" for
            # "Next look due"), not a phrase to find in the rows' descriptions.
            naming |= {
                i + 1 for i in naming
                if i + 1 < len(self.tokens) and self.tokens[i + 1].used is None and i + 1 not in inside
                and self.tokens[i + 1].norm not in FUNCTION_WORDS
            }  # fmt: skip
            self.conditions.append(_Condition(predicate, params, text, (col.header,), frozenset(inside) | words))
            self._use(inside, "date")
            self._use(words, "date")
            self._use(naming, "header")

    def _date_column(self, date_cols: Sequence[_Column]) -> _Column | None:
        if len(date_cols) == 1:
            return date_cols[0]
        ranked = sorted(date_cols, key=lambda c: (self.referenced.get(c.sql, 0.0), -c.position), reverse=True)
        if self.referenced.get(ranked[0].sql, 0.0) > 0:
            return ranked[0]
        # Nothing names a date column: the one whose header is nearest to the whole question.
        sims = self._similar([self.question], [c.header.replace("_", " ") for c in date_cols])
        return date_cols[int(np.argmax(sims[0]))] if sims.size else None

    def numbers(self) -> None:
        numeric = [c for c in self.table.columns if c.number]
        for t in list(self.tokens):
            if t.used is not None or not _NUMBER_TOKEN.match(t.raw) or not numeric:
                continue
            value = float(t.raw.rstrip("%"))
            cmp = _comparator(self.tokens, t.index)
            op, words = cmp if cmp else ("=", set())
            after = " ".join(x.norm for x in self.tokens[t.index + 1 : t.index + 3])
            if after in ("or more", "or above", "or higher", "or over"):
                op = ">="
            elif after in ("or less", "or below", "or lower", "or under", "or fewer"):
                op = "<="
            op = "=" if op == "in" else op
            ranked = sorted(numeric, key=lambda c: self.referenced.get(c.sql, 0.0), reverse=True)
            if self.referenced.get(ranked[0].sql, 0.0) > 0:
                col = ranked[0]
            else:
                holders = [c for c in numeric if self._count(f"{c.sql}_n = ?", [value]) > 0]
                if len(holders) != 1:
                    continue
                col = holders[0]
            sql = _quote_ident(f"{col.sql}_n")
            self.conditions.append(
                _Condition(f"{sql} {op} ?", [value], f"{col.header} {_OP_WORDS[op]} {t.raw}", (col.header,),
                           frozenset({t.index, *words}))
            )  # fmt: skip
            self._use({t.index, *words}, "number")

    def lifecycle(self) -> None:
        for t in self.tokens:
            if t.used not in (None, "function") or t.norm not in OPEN_WORDS | CLOSED_WORDS:
                continue
            col = self._state_column(t.norm)
            if col is None:
                # No status column: the word says nothing about this table (never a phrase to look for).
                t.used = "unmatched"
                continue
            want_open = t.norm in OPEN_WORDS
            if self._negated(t.index):
                want_open = not want_open
            if col.date:
                # A date column holding a state where there is no date yet ("Completed": 2026-01-22 / "Not
                # started"): a date means done, an open state not yet.
                self._date_lifecycle(col, want_open, t.index)
                self._use({t.index}, "lifecycle")
                continue
            states = OPEN_STATES if want_open else CLOSED_STATES
            chosen = [v for v in col.values if _starts_with(v, states)]
            if not chosen:
                t.used = "unmatched"
                continue
            self._add_values(col, chosen, {t.index}, strong=True, kind="lifecycle")
            self._use({t.index}, "lifecycle")

    def _undated_states(self, col: _Column) -> list[str]:
        """The values of a date column that are not dates but open states ("Not started", "In progress")."""
        if col.sql not in self._undated:
            rows = self.con.execute(
                f"SELECT DISTINCT {col.sql} FROM t{self.table.table_id} "
                f"WHERE {_quote_ident(col.sql + '_d')} IS NULL AND {col.sql} IS NOT NULL LIMIT 50"
            ).fetchall()
            self._undated[col.sql] = [str(r[0]) for r in rows if _starts_with(str(r[0]), OPEN_STATES)]
        return self._undated[col.sql]

    def _date_lifecycle(self, col: _Column, want_open: bool, index: int) -> None:
        states = self._undated_states(col)
        if want_open:
            self._add_values(col, states, {index}, strong=True, kind="lifecycle")
            return
        lowered = [v.lower().strip() for v in states]
        predicate = (
            f"{_quote_ident(col.sql + '_d')} IS NOT NULL AND NOT coalesce(lower(trim({col.sql})) IN "
            "(SELECT UNNEST(?::VARCHAR[])), false)"
        )
        self.conditions.append(
            _Condition(predicate, [lowered], f"{col.header} has a date", (col.header,), frozenset({index}), True,
                       "lifecycle")
        )  # fmt: skip

    def _state_column(self, word: str) -> _Column | None:
        best: tuple[float, int, _Column] | None = None
        for col in self.table.columns:
            if col.date and not col.number:
                # Dates where done, an open state where not yet: every row is one of the two.
                undated = self._undated_states(col) if self._named_by(col, word) else []
                if undated:
                    share = self._count(
                        f"{_quote_ident(col.sql + '_d')} IS NOT NULL OR lower(trim({col.sql})) IN "
                        "(SELECT UNNEST(?::VARCHAR[]))", [[v.lower().strip() for v in undated]],
                    ) / max(self.table.n_rows, 1)  # fmt: skip
                    key = (share, -col.position, col)
                    if share >= 0.9 and (best is None or key[:2] > best[:2]):
                        best = key
                continue
            if not col.values or col.number:
                continue
            states = [v for v in col.values if _starts_with(v, OPEN_STATES + CLOSED_STATES)]
            if not states:
                continue
            share = self._count(
                f"lower(trim({col.sql})) IN (SELECT UNNEST(?::VARCHAR[]))", [[v.lower().strip() for v in states]]
            ) / max(self.table.n_rows, 1)
            exact = int(any(_starts_with(v, (word,)) for v in col.values))
            key = (exact + share, -col.position, col)
            if share >= 0.3 and (best is None or key[:2] > best[:2]):
                best = key
        return best[2] if best else None

    def _named_by(self, col: _Column, word: str) -> bool:
        """Whether the state word is the date column's own ("finished" for "Completed", "done" for "Done on")."""
        return any(_same_word(stem(s), w) for s in {word, *CLOSED_WORDS} for w in col.words)

    def overdue(self) -> None:
        for t in self.tokens:
            if (t.used is not None and t.used != "function") or t.norm not in OVERDUE_WORDS:
                continue
            # A status value that says it ("Overdue", whichever of these words the question used: "behind" asks
            # for the "Overdue" rows) is the register's own answer.
            for col in self.table.columns:
                exact = [v for v in col.values if _starts_with(v, (t.norm, *sorted(OVERDUE_WORDS - {t.norm})))]
                if exact and not col.number and not col.date:
                    self._add_values(col, exact, {t.index}, strong=True)
                    self._use({t.index}, "value")
                    return
            due = self._due_column()
            if due is None:
                t.used = "unmatched"
                return
            if not any(due.header in c.columns for c in self.conditions):
                sql = _quote_ident(f"{due.sql}_d")
                self.conditions.append(
                    _Condition(f"{sql} < ?", [self.today], f"{due.header} before {self.today.isoformat()}",
                               (due.header,), frozenset({t.index}))
                )  # fmt: skip
            if not any(c.kind == "lifecycle" for c in self.conditions):
                state = self._state_column("open")
                if state is not None:
                    not_closed = [v for v in state.values if not _starts_with(v, CLOSED_STATES)]
                    self._add_values(state, not_closed, {t.index}, strong=True, kind="lifecycle")
            self._use({t.index}, "overdue")
            return

    def _due_column(self) -> _Column | None:
        dates = [c for c in self.table.columns if c.date]
        if not dates:
            return None
        due = [c for c in dates if {"due", "deadline", "target", "expir", "expires", "requir"} & c.words]
        if due:
            return sorted(due, key=lambda c: self.referenced.get(c.sql, 0.0), reverse=True)[0]
        sims = self._similar(["due date"], [c.header.replace("_", " ") for c in dates])
        return dates[int(np.argmax(sims[0]))] if sims.size and float(sims.max()) >= 0.6 else None

    def origin(self) -> None:
        for t in self.tokens:
            if t.used is not None:
                continue
            side = next((name for name, (_v, words) in ORIGIN_GROUPS.items() if t.norm in words), None)
            if side is None or self._opens_values(t.index):
                continue
            for col in self.table.columns:
                starts = ORIGIN_GROUPS[side][0]
                chosen = [v for v in col.values if _starts_with(v, starts)]
                other = [v for v in col.values if _starts_with(v, ORIGIN_GROUPS[_other(side)][0])]
                # An origin column is one whose values mostly say a side: in a column of causes, one cell opening
                # "Internal applicant flag …" does not make "the internal audit" ask for it.
                sided = len(chosen) + len(other) >= ORIGIN_SHARE * len(col.values)
                if chosen and other and sided and not col.number and not col.date:
                    self._add_values(col, chosen, {t.index}, strong=True)
                    self._use({t.index}, "value")
                    break

    def _opens_values(self, index: int) -> bool:
        """Whether the word at ``index`` and the next one open cells of the table ("internal audit" of "Internal
        audit HZ-12 F1"): then the word belongs to that longer phrase, not to a rule of its own."""
        if index + 1 >= len(self.tokens):
            return False
        phrase = f"{self.tokens[index].norm} {self.tokens[index + 1].norm}"
        return any(
            _starts_with(v, (phrase,)) for c in self.table.columns if not c.number and not c.date for v in c.values
        )

    def categorical(self) -> None:
        """Values of few-valued columns named by a phrase: the same words, or a phrase close in meaning."""
        spans = self._spans()
        if not spans:
            return
        candidates: list[tuple[int, float, _Column, str, list[_Token]]] = []
        columns = [c for c in self.table.columns if self.table.categorical(c) and not c.number and not c.date]
        for col in columns:
            values = [v for v in col.values if len(v.split()) <= 6]
            if not values:
                continue
            # Meaning only for short state-like values (a rating, a status); longer ones match by their words.
            semantic = len(values) <= 8 and all(len(v.split()) <= 4 for v in values)
            sims = self._similar([s for _, s in spans], values) if semantic else np.zeros((0, 0), dtype=np.float32)
            value_stems = [[stem(_norm(w)) for w in _TOKEN.findall(v)] for v in values]
            # A value written with function or negation words ("Not yet implemented") is matched as the whole
            # phrase: the content-word spans drop those words and would read it as "Implemented".
            for j, value in enumerate(values):
                n = len(value_stems[j])
                if n < 2 or not any(_is_function_stem(w) for w in value_stems[j]):
                    continue
                for start in range(len(self.tokens) - n + 1):
                    run = self.tokens[start : start + n]
                    if [t.stem for t in run] == value_stems[j] and all(t.used in (None, "function") for t in run):
                        candidates.append((n, 1.0, col, value, list(run)))
            for i, (run, _surface) in enumerate(spans):
                run_stems = [t.stem for t in run]
                order = np.argsort(-sims[i]) if sims.size else np.arange(len(values))
                for j, value in enumerate(values):
                    if value_stems[j] == run_stems:
                        candidates.append((len(run), 1.0, col, value, run))
                if sims.size:
                    best = int(order[0])
                    second = float(sims[i][int(order[1])]) if len(values) > 1 else 0.0
                    score = float(sims[i][best])
                    if score >= VALUE_SIMILARITY and score - second >= VALUE_MARGIN and value_stems[best] != run_stems:
                        candidates.append((len(run), score, col, values[best], run))
        candidates.sort(key=lambda c: (c[0], c[1], self.referenced.get(c[2].sql, 0.0)), reverse=True)
        taken: set[int] = set()
        # Keyed by column and polarity: in "rated High (not the Very High ones)" the two values of one column go
        # separate ways, "High" asked for and "Very High" excluded.
        chosen: dict[tuple[str, bool], tuple[_Column, list[str], set[int], bool]] = {}
        for _length, score, col, value, run in candidates:
            idx = {t.index for t in run}
            key = (col.sql, _negation(self.tokens, min(idx)) is not None)
            if idx & taken and not (key not in chosen and any(idx == p[2] for p in chosen.values())):
                # A phrase names one value; the same phrase may name values of two columns (resolved below).
                continue
            entry = chosen.setdefault(key, (col, [], set(), True))
            if value not in entry[1]:
                entry[1].append(value)
            entry[2].update(idx)
            chosen[key] = (col, entry[1], entry[2], entry[3] and score >= 1.0)
            taken |= idx
        # One phrase naming values in several columns: keep the columns the question names, if any.
        for col, values, idx, strong in self._prefer_referenced(list(chosen.values())):
            # Each group's own first mention decides its polarity (the negation word is used up by it).
            negate = self._negated(min(idx))
            self._add_values(col, values, idx, strong=strong, negate=negate)
            self._use(idx, "value")

    def _prefer_referenced(
        self, picks: list[tuple[_Column, list[str], set[int], bool]]
    ) -> list[tuple[_Column, list[str], set[int], bool]]:
        out: list[tuple[_Column, list[str], set[int], bool]] = []
        for pick in picks:
            rivals = [p for p in picks if p[2] & pick[2]]
            named = [p for p in rivals if p[0].sql in self.named]
            if named and pick not in named:
                continue
            out.append(pick)
        return out

    def _present(self, patterns: Sequence[str], flag: str = "i") -> list[bool]:
        """Whether each pattern occurs anywhere in the table (one scan of the rows' joined cells)."""
        todo = [p for p in dict.fromkeys(patterns) if (self.table.table_id, p, flag) not in _CACHE.presence]
        if todo:
            sql = ", ".join(f"count(*) FILTER (WHERE regexp_matches(_text, ?, '{flag}')) > 0" for _ in todo)
            row = self.con.execute(
                f"SELECT {sql} FROM t{self.table.table_id} WHERE _classification IN (SELECT UNNEST(?::VARCHAR[]))",
                [*todo, self.clearance],
            ).fetchone()
            for p, found in zip(todo, row, strict=True):
                _CACHE.presence[(self.table.table_id, p, flag)] = bool(found)
        return [_CACHE.presence[(self.table.table_id, p, flag)] for p in patterns]

    def acronyms(self) -> None:
        """A short word no cell contains, read as the initials of capitalised words ("DPO")."""
        cands = [
            t for t in self.tokens
            if t.used is None and t.raw.isalpha() and 2 <= len(t.raw) <= 5 and t.norm not in FUNCTION_WORDS
        ]  # fmt: skip
        patterns = [r"\b" + r"[\s\-]+".join(f"{ch.upper()}[a-z]+" for ch in t.norm) + r"\b" for t in cands]
        for t, pattern, found in zip(cands, patterns, self._present(patterns, ""), strict=True):
            if found:
                self._phrase([t], pattern, case_sensitive=True, label=f'"{t.raw}" ({"".join(t.norm.upper())})')

    def free_text(self) -> None:
        """Phrases of the question found in the cells (names, places, sources): the longest that matches."""
        runs: list[list[_Token]] = []
        for t in self.tokens:
            usable = (
                t.used is None
                and t.norm not in FUNCTION_WORDS
                and not _NUMBER_TOKEN.match(t.raw)
                and not any(_same_word(t.stem, w) for c in self.table.columns for w in c.words)
            )
            joins = t.norm in _CONNECTORS and bool(runs) and runs[-1][-1].index == t.index - 1
            if (usable or joins) and runs and runs[-1][-1].index == t.index - 1:
                runs[-1].append(t)  # "head of pricing": a connector may sit inside a phrase
            elif usable:
                runs.append([t])
        words = [t for run in runs for t in run if t.norm not in _CONNECTORS]
        present = dict(zip((t.index for t in words), self._present([_word_pattern(t) for t in words]), strict=True))
        for run in runs:
            # A word no row contains is in no phrase that matches: cut the run there.
            size = len([x for x in run if x.norm not in _CONNECTORS])
            piece: list[_Token] = []
            for i in range(len(run) + 1):
                nxt = run[i] if i < len(run) else None
                if nxt is not None and (nxt.norm in _CONNECTORS or present.get(nxt.index, False)):
                    piece.append(nxt)
                    continue
                while piece and piece[-1].norm in _CONNECTORS:
                    piece.pop()
                while piece and piece[0].norm in _CONNECTORS:
                    piece.pop(0)
                if piece:
                    self._longest(piece, size)
                piece = []

    def _longest(self, run: list[_Token], words_in_run: int) -> None:
        # Bounded phrase length: every sub-run is a query, so an unbounded search grows with the square of a
        # long question (a 2,000-character question took minutes); cell values are short phrases.
        for size in range(min(len(run), MAX_PHRASE_WORDS), 0, -1):
            for start in range(0, len(run) - size + 1):
                part = run[start : start + size]
                if part[0].norm in _CONNECTORS or part[-1].norm in _CONNECTORS:
                    continue
                if any(t.used and t.norm not in _CONNECTORS for t in part):
                    continue
                pattern = r"\b" + r"[\W_]+".join(_word_pattern(t, bare=True) for t in part) + r"\b"
                surface = self.question[part[0].start : part[-1].end]
                # One word of a longer phrase ("review" of "management review") is a weak sign on its own.
                weak = size == 1 < words_in_run
                if self._phrase(part, pattern, label=f'"{surface}"', exact=surface.lower(), weak=weak):
                    continue

    def _phrase(
        self,
        part: list[_Token],
        pattern: str,
        *,
        case_sensitive: bool = False,
        label: str,
        exact: str | None = None,
        weak: bool = False,
    ) -> bool:
        cols = [c for c in self.table.columns if not c.number or c.distinct > 0]
        if not cols:
            return False
        flag = "" if case_sensitive else "i"
        key = (self.table.table_id, pattern, flag, exact or "", tuple(self.clearance))
        row = _CACHE.phrases.get(key)
        if row is None:
            counts_sql = ", ".join(f"count(*) FILTER (WHERE regexp_matches({c.sql}, ?, '{flag}'))" for c in cols)
            exact_sql = ", ".join(f"count(*) FILTER (WHERE lower(trim({c.sql})) = ?)" for c in cols)
            row = self.con.execute(
                f"SELECT {counts_sql}, {exact_sql} FROM t{self.table.table_id} "
                "WHERE _classification IN (SELECT UNNEST(?::VARCHAR[]))",
                [*([pattern] * len(cols)), *([exact or ""] * len(cols)), self.clearance],
            ).fetchone()
            _CACHE.remember(key, row)
        n = len(cols)
        matched = [(c, int(row[i]), int(row[n + i])) for i, c in enumerate(cols) if row[i]]
        if not matched:
            return False
        exact_cols = [m for m in matched if m[2]]
        pick = exact_cols or matched
        named = [m for m in pick if m[0].sql in self.named]
        pick = named or pick
        idx = {t.index for t in part}
        predicate = " OR ".join(f"regexp_matches({m[0].sql}, ?, '{flag}')" for m in pick)
        # A phrase in most rows (the organization's own name) says nothing about which rows; a cell that is
        # exactly the phrase always does.
        if not any(m[2] for m in pick) and self.table.n_rows > 4:
            covered = self._count(f"({predicate})", [pattern] * len(pick))
            if covered > FREE_TEXT_MAX_SHARE * self.table.n_rows:
                self._use(idx, "common")
                return True
        negate = self._negated(min(idx))
        predicate = f"NOT coalesce({predicate}, false)" if negate else f"({predicate})"
        where = " or ".join(m[0].header for m in pick)
        text = f"{where} {'does not mention' if negate else 'mentions'} {label}"
        # Found only in sentences (descriptions), a phrase is a weak filter; in labels (names, sources) a good one.
        kind = "text" if weak or all(m[0].long_text for m in pick) else "mention"
        self.conditions.append(
            _Condition(predicate, [pattern] * len(pick), text, tuple(m[0].header for m in pick), frozenset(idx),
                       strong=False, kind=kind)
        )  # fmt: skip
        self._use(idx, kind)
        return True

    def yes_no(self) -> None:
        """A yes/no column the question names ("contain personal data") with no value: the rows saying yes."""
        for col in self.table.columns:
            strength = self.referenced.get(col.sql, 0.0)
            if strength < 1.0 or not col.values or any(col.header in c.columns for c in self.conditions):
                continue
            heads = [v for v in col.values if _starts_with(v, YES_NO_VALUES)]
            if len(heads) < max(2, 0.7 * len(col.values)) or not any(_starts_with(v, YES_VALUES) for v in heads):
                continue
            idx = {t.index for t in self.tokens if any(_same_word(t.stem, w) for w in col.words)}
            negate = self._negated(min(idx)) if idx else False
            chosen = [v for v in col.values if _starts_with(v, NO_VALUES if negate else YES_VALUES)]
            self._add_values(col, chosen, idx, strong=True)
            self._use(idx, "value")

    def compare_columns(self) -> None:
        """``below their completion target``: a comparison word and two numeric columns, no number."""
        numeric = [c for c in self.table.columns if c.number and self.referenced.get(c.sql, 0.0) > 0]
        if len(numeric) < 2:
            return
        for t in self.tokens:
            cmp = None
            for size in (2, 1):
                phrase = " ".join(x.norm for x in self.tokens[t.index : t.index + size])
                if phrase in COMPARATORS and COMPARATORS[phrase] in ("<", ">", "<=", ">="):
                    cmp = (COMPARATORS[phrase], set(range(t.index, t.index + size)))
                    break
            if cmp is None:
                continue
            after = [x for x in self.tokens[t.index + 1 :]]
            if any(_NUMBER_TOKEN.match(x.raw) for x in after[:4]):
                continue
            pair: list[_Column] = []
            for x in after:
                # Each word names its closest column: the same word before a longer or shorter form.
                named = [(2 if x.stem in c.words else 1, self.referenced.get(c.sql, 0.0), c) for c in numeric
                         if any(_same_word(x.stem, w) for w in c.words)]  # fmt: skip
                if named:
                    col = max(named, key=lambda n: (n[0], n[1]))[2]
                    if col not in pair:
                        pair.append(col)
                if len(pair) == 2:
                    break
            if len(pair) < 2:
                return
            lhs, rhs = pair
            op = cmp[0]
            self.conditions.append(
                _Condition(f"{_quote_ident(lhs.sql + '_n')} {op} {_quote_ident(rhs.sql + '_n')}", [],
                           f"{lhs.header} {_OP_WORDS[op]} {rhs.header}", (lhs.header, rhs.header),
                           frozenset(cmp[1]))
            )  # fmt: skip
            self._use(cmp[1], "compare")
            for col in pair:
                self._use({x.index for x in self.tokens if any(_same_word(x.stem, w) for w in col.words)}, "compare")
                for x in self.tokens:
                    if x.used == "scope" and any(_same_word(x.stem, w) for w in col.words):
                        x.used = "compare"
            return

    def _add_values(
        self,
        col: _Column,
        values: Sequence[str],
        idx: Collection[int],
        *,
        strong: bool,
        negate: bool = False,
        kind: str = "value",
    ) -> None:
        if not values:
            return
        lowered = [v.lower().strip() for v in values]
        inner = f"lower(trim({col.sql})) IN (SELECT UNNEST(?::VARCHAR[]))"
        predicate = f"NOT coalesce({inner}, false)" if negate else inner
        shown = " or ".join(values)
        text = f"{col.header} {'is not' if negate else 'is'} {shown}"
        self.conditions.append(_Condition(predicate, [lowered], text, (col.header,), frozenset(idx), strong, kind))

    def _matching(self, conditions: Sequence[_Condition]) -> int:
        if not conditions:
            return self.table.n_rows
        return self._count(" AND ".join(f"({c.sql})" for c in conditions), [p for c in conditions for p in c.params])

    def relax(self) -> None:
        """When the filters together select nothing, drop the soft ones (a phrase found in free text, a value
        matched only by meaning) that empty the result, one at a time; their words count as unexplained."""
        while self.conditions and self._matching(self.conditions) == 0:
            soft = [c for c in self.conditions if not c.strong]
            if not soft:
                return
            drop = max(soft, key=lambda c: self._matching([x for x in self.conditions if x is not c]))
            self.conditions.remove(drop)
            for i in drop.tokens:
                self.tokens[i].used = "unmatched"

    # --- the whole parse
    def parse(self) -> _Parse:
        self.mark_scope()
        self.header_references()
        self.dates()
        self.numbers()
        self.lifecycle()
        self.overdue()
        self.origin()
        self.categorical()
        self.compare_columns()
        self.yes_no()
        self.free_text()
        self.acronyms()
        self.relax()
        for t in self.tokens:
            if t.used is None and any(_same_word(t.stem, w) for c in self.table.columns for w in c.words):
                t.used = "header"
        content = [t for t in self.tokens if t.used != "function"]
        share = sum(_WEIGHTS.get(t.used or "", 1.0) for t in content) / len(content) if content else 0.0
        used_cols = list(dict.fromkeys(h for c in self.conditions for h in c.columns))
        for col in self.table.columns:
            if self.referenced.get(col.sql, 0.0) >= 0.5 and col.header not in used_cols:
                used_cols.append(col.header)
        return _Parse(
            self.table, self.conditions, share, len(content), used_cols, self._subject_explained(),
            self._matching(self.conditions), all(t.used is not None for t in content),
        )  # fmt: skip

    def _subject_explained(self) -> bool:
        """The first run of content words after the list word ("annex A controls", "gpus") must be something this
        table explains: its name, a column, a value. "Which gpus do we train on" is not about an inventory that
        never says gpu."""
        if self.subject_from < 0:
            return True
        content = [
            t for t in self.tokens if t.start >= self.subject_from and t.used != "function" and not _is_negation(t)
        ]
        if not content:
            return True
        run = [content[0]]
        for t in self.tokens[content[0].index + 1 :]:
            if t.used == "function" and t.norm not in ("a", "an"):
                break
            run.append(t)
        if self.plural_subject and not any(_plural(t.norm) for t in run):
            # "show me the last management review" asks for one record (a document), not for rows.
            return False
        # Named as what the rows are (the table's name, a column) or by a state, not just by a phrase in a cell:
        # "how many voting members are on X" counts people, not rows that mention them.
        return any(t.used in ("scope", "header", "lifecycle", "overdue", "compare", "value") for t in run)


#: How much a question word used in each way counts as explained by a table (a phrase found in free text is a
#: weaker sign than a value of a status column, a header word weaker still).
_WEIGHTS = {"": 0.0, "common": 0.0, "unmatched": 0.0, "mention": 0.7, "text": 0.3, "header": 0.5}

_OP_WORDS = {"<": "below", "<=": "at most", ">": "above", ">=": "at least", "=": "="}
_DATE_OPS = {"<": "before", "<=": "on or before", ">": "after", ">=": "on or after", "=": "on"}


def _other(side: str) -> str:
    return "external" if side == "internal" else "internal"


#: Endings by which one stem may extend another and still be the same word (``complet``/``completion``,
#: ``own``/``owner``); ``data``/``dataset`` are different words.
_SUFFIXES = frozenset({"e", "s", "es", "ed", "er", "ers", "or", "ors", "ion", "ions", "ing", "ment", "ments", "ly",
                       "al", "ity", "ive", "ance", "ence", "ation", "ations", "ant", "ent", "d", "y"})  # fmt: skip


def _word_pattern(token: _Token, *, bare: bool = False) -> str:
    """A word as a regex: short words whole ("off" is not "Officer"), longer ones by their stem."""
    word = f"{re.escape(token.stem)}\\w*" if len(token.stem) >= 4 else re.escape(token.norm)
    return word if bare else rf"\b{word}\b"


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _same_word(a: str, b: str) -> bool:
    """Two stems name the same word: equal, or one is the other plus an ending (``complet``/``completion``)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and long.startswith(short) and long[len(short) :] in _SUFFIXES:
        return True
    # "reassessment" names an "assessment" column: re- repeats the thing without changing it. Only before a word of
    # six letters or more, so "report" is not "port" nor "review" "view".
    return long.startswith("re") and len(long) - 2 >= REPEAT_MIN and _same_word(long[2:], short)


#: Shortest word that the prefix re- may stand before in ``_same_word``.
REPEAT_MIN = 6


# --- entry point -----------------------------------------------------------------------------------------------


def answer_register(
    question: str,
    hits: Sequence[Any],
    clearance: Collection[str],
    settings: Settings,
    embed: Embed | None = None,
    *,
    context: str = "",
    today: dt.date | None = None,
) -> RegisterAnswer | None:
    """Rows of the register the question is about that match its filters, or None when it is not such a question.

    ``hits``: the retrieved chunks (``chunk_id`` and ``doc_id`` attributes), best first; the table is the one whose
    rows rank best and whose columns explain the question best. ``context``: the previous question of a follow-up
    ("which of those are still open?"), whose filters carry over. Rows above ``clearance`` are excluded inside SQL.
    """
    form = list_form(question)
    if not hits or not clearance or form is None:
        return None
    text = f"{context}\n{question}" if context else question
    start = len(text) - len(question)
    opening = LIST_QUESTION.search(question)
    plural = False
    if opening is not None and opening.start(1) >= 0:
        subject_from = -1 if opening.group(1).lower().startswith("who") else start + opening.end(1)
        plural = opening.group(1).lower() in ("list", "show", "give me", "name")
    else:
        subject_from = start
    with store.reading(settings) as con:
        if con is None:
            return None
        _CACHE.check()
        if store.built_generation_of(con) != read_generation(settings):
            # Stale tables (a rebuild is due): their rows may carry an old classification.
            return None
        candidates = _candidate_tables(con, hits, clearance)
        for table_id in _named_registers(con, text, clearance):
            if all(table_id != t for t, _ in candidates):
                candidates.append((table_id, 0.0))
        top = max((r for _, r in candidates), default=0.0) or 1.0
        day = today or dt.date.today()

        def score(parse: _Parse, retrieval: float) -> float:
            # What the question's words explain decides; retrieval and a row-naming first column break ties.
            return parse.explained + 0.1 * retrieval / top + 0.1 * _names_rows(text, parse.table)

        # Words first, for every candidate; meaning (embeddings) only for the two best, which is what costs.
        first: list[tuple[float, float, _Parse]] = []
        for table_id, retrieval in candidates:
            table = _load_table(con, table_id)
            if table is None or table.classification not in clearance:
                continue
            if form == "elliptical" and not _elliptical_fits(question, table):
                continue
            if _explains_columns(con, table):
                continue  # a workbook's key sheet: its rows explain another sheet's columns, they are not records
            parse = _Matcher(text, table, con, None, clearance, day, subject_from, plural).parse()
            if parse.conditions and not parse.rows:
                continue  # its filters select nothing: another table is meant ("score 15 or more" of a 1-5 scale)
            first.append((score(parse, retrieval), retrieval, parse))
            log.debug("register candidate %s › %s: %.2f %s", table.title, table.name, first[-1][0],
                      [c.description for c in parse.conditions])  # fmt: skip
        first.sort(key=lambda f: f[0], reverse=True)
        best: tuple[float, _Parse] | None = None
        for _score, retrieval, lexical in first[:2]:
            if not lexical.subject:
                continue
            # Meaning (embeddings, the costly part) only where words left something unexplained.
            parse = (
                lexical
                if lexical.complete or embed is None
                else _Matcher(text, lexical.table, con, embed, clearance, day, subject_from, plural).parse()
            )
            # Phrases found only in descriptions are not enough to call this a question about these rows.
            if not parse.subject or not parse.rows or not any(c.kind != "text" for c in parse.conditions):
                continue
            if best is None or score(parse, retrieval) > best[0]:
                best = (score(parse, retrieval), parse)
        if best is None or best[1].explained < MIN_EXPLAINED:
            return None
        return _select(con, best[1], clearance)


#: Share of a table's first-column values that must be another table's headers for it to be that table's key.
KEY_SHARE = 0.5


def _explains_columns(con: Any, table: _Table) -> bool:
    """Whether the table is a key to another table of its document: most of its first column's values are that
    table's headers ("Field: Position; Meaning: Open = ...")."""
    known = _CACHE.keys.get(table.table_id)
    if known is None:
        values = {_norm(v).strip() for v in (table.columns[0].values if table.columns else []) if v.strip()}
        known = False
        if len(values) >= 2:
            rows = con.execute(
                "SELECT c.header FROM columns c JOIN registers g USING (table_id) "
                "WHERE g.doc_id = ? AND g.table_id <> ?",
                [table.doc_id, table.table_id],
            ).fetchall()
            headers = {_norm(str(h)).strip() for (h,) in rows}
            known = len(values & headers) >= KEY_SHARE * len(values)
        _CACHE.keys[table.table_id] = known
    return known


def _names_rows(question: str, table: _Table) -> float:
    """1.0 when the question's nouns name what the rows are: the first column's header ("risk id" for risks)."""
    if not table.columns:
        return 0.0
    words = table.columns[0].words
    nouns = [t.stem for t in _tokens(question) if t.norm not in FUNCTION_WORDS]
    return 1.0 if any(_same_word(n, w) for n in nouns for w in words) else 0.0


def _named_registers(con: Any, question: str, clearance: Collection[str], limit: int = 4) -> list[int]:
    """Spreadsheet registers the question names although retrieval ranked prose higher: a word of the title that
    is also what the rows are ("list the risks ..." and a risk register whose first column is ``risk_id``)."""
    stems = {t.stem for t in _tokens(question) if t.norm not in FUNCTION_WORDS}
    found: list[tuple[int, int]] = []
    for table_id, title, name, first in con.execute(
        "SELECT g.table_id, g.title, g.name, c.header FROM registers g JOIN columns c ON c.table_id = g.table_id "
        "AND c.position = 0 WHERE g.kind = 'sheet' AND g.classification IN (SELECT UNNEST(?::VARCHAR[]))",
        [sorted(clearance)],
    ).fetchall():
        named = {w for w in _word_stems(f"{title} {name}") if w not in FUNCTION_WORDS} & stems
        rows_are = any(_same_word(s, w) for s in named for w in _word_stems(str(first)))
        if named and rows_are:
            found.append((len(named), int(table_id)))
    return [t for _, t in sorted(found, reverse=True)[:limit]]


def _candidate_tables(con: Any, hits: Sequence[Any], clearance: Collection[str]) -> list[tuple[int, float]]:
    """Tables holding the best hits (and the other sheets of their documents), with a retrieval score."""
    ids = [str(h.chunk_id) for h in hits]
    rows = con.execute(
        "SELECT r.table_id, r.chunk_id, g.doc_id FROM row_chunks r JOIN registers g USING (table_id) "
        "WHERE r.chunk_id IN (SELECT UNNEST(?::VARCHAR[])) AND g.classification IN (SELECT UNNEST(?::VARCHAR[]))",
        [ids, sorted(clearance)],
    ).fetchall()
    rank = {cid: i for i, cid in enumerate(ids)}
    score: dict[int, float] = {}
    top: dict[int, int] = {}
    docs: dict[str, int] = {}
    for table_id, chunk_id, doc_id in rows:
        r = rank.get(chunk_id, len(ids))
        score[table_id] = score.get(table_id, 0.0) + 1.0 / (1 + r)
        top[table_id] = min(top.get(table_id, r), r)
        docs[doc_id] = min(docs.get(doc_id, r), r)
    keep = dict(sorted(score.items(), key=lambda kv: kv[1], reverse=True)[:MAX_RETRIEVED_TABLES])
    # The other sheets or tables of a document near the top or holding a kept table: retrieval finds a register
    # by any of its parts (the summary sheet of a workbook whose records sheet holds the answer). They are added
    # after the cut, so the retrieved tables of other documents cannot push them out.
    kept_docs = {doc_id for table_id, _, doc_id in rows if table_id in keep}
    near_docs = sorted({str(h.doc_id) for h in hits[:3]} | {d for d, r in docs.items() if r <= 2} | kept_docs)
    siblings: list[tuple[int, int]] = []
    if near_docs:
        hit_rank = {str(h.doc_id): i for i, h in reversed(list(enumerate(hits)))}
        for table_id, doc_id in con.execute(
            "SELECT table_id, doc_id FROM registers WHERE doc_id IN (SELECT UNNEST(?::VARCHAR[]))", [near_docs]
        ).fetchall():
            if int(table_id) not in keep:
                siblings.append((min(docs.get(doc_id, len(ids)), hit_rank.get(doc_id, len(ids))), int(table_id)))
    extra = [(t, 0.0) for _, t in sorted(siblings)[:MAX_SIBLING_TABLES]]
    return [*sorted(keep.items(), key=lambda kv: kv[1], reverse=True), *extra]


#: Tables reached through retrieval that are tried (best first), then at most this many other tables of their
#: documents (those of the best-ranked documents first): bounds the parses one question costs.
MAX_RETRIEVED_TABLES = 6
MAX_SIBLING_TABLES = 8


def _select(con: Any, parse: _Parse, clearance: Collection[str]) -> RegisterAnswer | None:
    table = parse.table
    where = ["_classification IN (SELECT UNNEST(?::VARCHAR[]))"]
    params: list[Any] = [sorted(clearance)]
    for cond in parse.conditions:
        where.append(f"({cond.sql})")
        params.extend(cond.params)
    sql_where = " AND ".join(where)
    cols = ", ".join(c.sql for c in table.columns)
    found = con.execute(
        f"SELECT _row, _chunk_id, _quote, {cols} FROM t{table.table_id} WHERE {sql_where} ORDER BY _row", params
    ).fetchall()
    total = con.execute(
        f"SELECT count(*) FROM t{table.table_id} WHERE _classification IN (SELECT UNNEST(?::VARCHAR[]))",
        [sorted(clearance)],
    ).fetchone()
    if not found:
        return None
    rows = [
        RegisterRow(
            chunk_id=str(r[1]),
            quote=str(r[2]),
            number=int(r[0]),
            cells={c.header: str(v) for c, v in zip(table.columns, r[3:], strict=True) if v is not None},
        )
        for r in found
    ]
    return RegisterAnswer(
        doc_id=table.doc_id,
        title=table.title,
        table=table.name,
        rows=rows,
        count=len(rows),
        total=int(total[0]) if total else len(rows),
        columns_used=parse.columns_used,
        filter_description="; ".join(c.description for c in parse.conditions),
    )
