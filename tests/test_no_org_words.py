"""No organization words in product code: Clausewise must work on documents it has never seen.

The test collects the proper nouns and acronyms of every shipped corpus (the sample organization in corpus/org
and corpus/sources, the development corpora in corpus/dev/*) and fails when one appears in assistant/ or
ingestion/ (code, comments, docstrings and packaged data files alike), naming file and line.

What counts as an organization word (a heuristic, tuned to find names, not to be complete):
- CamelCase names (``TriageAssist``) and acronyms of three or more capitals (``AISC``);
- capitalised words that are not common English: not among the dictionary's most frequent words (pyspellchecker's
  English frequency list) and never written in lower case in the corpus documents themselves;
excluding every word of the ISO/IEC 42001 catalog (corpus/standard) and the generic terms in ``GENERIC``.
Names and CamelCase words match code tokens case-insensitively (``kestrel_mutual`` counts); acronyms exactly.
"""

from __future__ import annotations

import ast
import keyword
import re
import zipfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
PRODUCT = [REPO / "assistant", REPO / "ingestion"]

#: Words so frequent in English that a capitalised one is a sentence start or a heading, not a name.
#: "kestrel" and "nimbus" rank ~41-43k in the frequency list, so the cut sits below them.
COMMON_RANK = 35_000

#: Generic terms that may appear in a corpus and in code alike: standards and regulators, file formats,
#: protocols, well-known public products (an everyday synonym such as "ChatGPT" is not one organization's word),
#: and SQL / logging keywords. Each is here because code may name it for reasons unrelated to any corpus.
_GENERIC_WORDS = """
    AI ISO IEC NIST EU GDPR HIPAA FDA OECD UK USA US UN CEN CENELEC ETSI BSI NHS CMS ONC HTI
    PDF CSV XLSX XLS DOCX DOC HTML HTM JSON YAML YML XML TXT MD URL URI UTF ASCII UTC ISO8601 SHA HMAC
    API HTTP HTTPS REST SQL SMTP SSO MFA OCR RAG LLM LLMs BM25 RRF GPU CPU RAM FAQ KPI KPIs SLA SLAs OKR
    CEO CTO CFO COO CIO CISO DPO CMO HR IT ML NLP PII PHI SoA RMF AIMS NC NCs PSI AUC ROC ETA IDs ID
    ChatGPT OpenAI GPT Copilot Gemini Claude Anthropic Microsoft Google Azure AWS Amazon GitHub Slack Teams
    SharePoint Excel PowerPoint Outlook Jira Confluence Python JavaScript LinkedIn YouTube Zoom Markdown Jekyll
    DuckDB SQLite Chroma ChromaDB FastAPI Pydantic LangChain Ollama HuggingFace PyPI WhatsApp ServiceNow Calibri
    LTD PLC INC LLC NDA FTE DPIA DPA COVID GPS
    FROM FOR SELECT WHERE AND NOT THE NULL WITH INTO TABLE INSERT UPDATE DELETE CREATE INDEX VALUES PRIMARY KEY
    TEXT INTEGER REAL JOIN ORDER GROUP LIMIT ALL ANY NEW OLD END TRUE FALSE NONE NOTE WARNING ERROR INFO DEBUG
    GET POST PUT PATCH ASC DESC COUNT EXISTS IGNORE REPLACE BEGIN COMMIT ROLLBACK DEFAULT UNIQUE USING
    NEVER MUST SHALL SHOULD MAY TODO PRAGMA WAL BLOB DOCTYPE APP SYS GBP USD EUR
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec January February March April June July August September
    October November December Mon Tue Wed Thu Fri Sat Sun
    Specificity Gini Annotated Annotate Systeme
"""
GENERIC = frozenset(_GENERIC_WORDS.split())
_HEX_COLOUR = re.compile(r"^[A-F0-9]{6}$")

_EMAIL_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_CAMEL = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b")
_ACRONYM = re.compile(r"\b[A-Z]{3,8}s?\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
_LOWER = re.compile(r"\b[a-z]{3,}\b")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def _xml_text(path: Path) -> str:
    """Text of a DOCX/XLSX (zip of XML parts), tags stripped; the formats' own markup words never surface."""
    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if n.endswith(".xml") and ("word/" in n or "sharedStrings" in n)]
        return " ".join(re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8", "replace")) for n in parts)


def _python_strings(path: Path) -> str:
    """String literals of a corpus build script: the documents it writes, not the library names it calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return " ".join(n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def corpus_files() -> Iterator[Path]:
    """The shipped corpora's documents, keys, writer sources and build scripts (not the catalog)."""
    roots = [CORPUS / "org", CORPUS / "sources", *sorted(p for p in (CORPUS / "dev").glob("*") if p.is_dir())]
    for root in roots:
        for p in sorted(root.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and p.name != "check_key.py":
                yield p


def file_text(path: Path) -> str:
    """Readable text of one corpus file ('' for formats read elsewhere, e.g. PDFs built by a script)."""
    if path.suffix in {".docx", ".xlsx"}:
        return _xml_text(path)
    if path.suffix == ".py":
        return _python_strings(path)
    if path.suffix in {".md", ".txt", ".csv", ".yaml", ".yml", ".html", ".json"}:
        return path.read_text(encoding="utf-8", errors="replace")
    return ""


@cache
def common_words() -> frozenset[str]:
    """The ``COMMON_RANK`` most frequent English words (lower case)."""
    from spellchecker import SpellChecker

    freq = SpellChecker().word_frequency.dictionary
    return frozenset(w for w, _ in sorted(freq.items(), key=lambda kv: -kv[1])[:COMMON_RANK])


@cache
def catalog_words() -> frozenset[str]:
    """Every word of the ISO/IEC 42001 catalog, lower case (its terms are the standard's, not an org's)."""
    text = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in (CORPUS / "standard").rglob("*")
                    if p.is_file())  # fmt: skip
    return frozenset(t.lower() for t in _TOKEN.findall(text))


@cache
def org_words() -> tuple[frozenset[str], frozenset[str]]:
    """(names and CamelCase words in lower case, acronyms as written) of every shipped corpus."""
    texts = [_EMAIL_URL.sub(" ", file_text(p)) for p in corpus_files()]
    # Keys and their writer fragments ask in lower case ("when did triageassist go live"): only documents
    # say which words the organization itself writes in lower case.
    documents = [t for p, t in zip(corpus_files(), texts, strict=True) if p.suffix not in {".yaml", ".yml"}]
    lower_in_docs = {w for t in documents for w in _LOWER.findall(t)}
    # A plural the documents write only capitalised ("Classifications:") is still the word they write in lower
    # case ("classification").
    lower_in_docs |= {w[:-1] for w in lower_in_docs if w.endswith("s")} | {w + "s" for w in lower_in_docs}
    common, catalog = common_words(), catalog_words()
    # Python's own keywords ("elif", also a given name) are the code's syntax, never an organization's word.
    allowed = {g.lower() for g in GENERIC} | set(keyword.kwlist)
    names: set[str] = set()
    acronyms: set[str] = set()
    for text in texts:
        for w in _CAMEL.findall(text):
            names.add(w.lower())
        for w in _CAPITALISED.findall(text):
            low = w.lower()
            if low not in common and low not in lower_in_docs:
                names.add(low)
        for w in _ACRONYM.findall(text):
            base = w[:-1] if w.endswith("s") else w
            if base.lower() not in common:
                acronyms.add(base)
    names = {n for n in names if n not in catalog and n not in allowed}
    acronyms = {
        a for a in acronyms
        if a.lower() not in catalog and a not in GENERIC and a.lower() not in allowed and not _HEX_COLOUR.match(a)
    }  # fmt: skip
    return frozenset(names), frozenset(acronyms)


def product_files() -> Iterator[Path]:
    """Code and packaged data files of assistant/ and ingestion/."""
    for root in PRODUCT:
        for p in sorted(root.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix in {".py", ".yaml", ".yml", ".json", ".txt",
                                                                              ".md", ".toml"}:  # fmt: skip
                yield p


def hits(files: Iterable[Path], names: frozenset[str], acronyms: frozenset[str]) -> list[str]:
    """``path:line: word, word`` for every line of ``files`` holding an organization word."""
    out: list[str] = []
    for path in files:
        for i, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            tokens = set(_TOKEN.findall(line))
            # snake_case and dotted identifiers split into their words; CamelCase tokens stay whole.
            words = {t.lower() for t in tokens} | {p.lower() for t in tokens for p in t.split("_")}
            found = sorted({w for w in words if w in names} | {t for t in tokens if t in acronyms})
            if found:
                shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
                out.append(f"{shown}:{i}: {', '.join(found)}")
    return out


def test_the_collector_finds_the_sample_organizations_words() -> None:
    """The heuristic must see the names the project knows are there, or a clean result means nothing."""
    names, acronyms = org_words()
    for name in ("kestrel", "claimsense", "fraudlens", "nimbus", "bluestem", "triageassist", "ashgrove"):
        assert name in names, name
    for generic in ("policy", "review", "annex", "assessment", "chatgpt", "monday"):
        assert generic not in names, generic
    assert acronyms, "no acronyms collected"
    assert not {"ISO", "IEC", "PDF", "AI"} & acronyms


def test_the_checker_reports_file_and_line(tmp_path: Path) -> None:
    code = tmp_path / "routes.py"
    code.write_text('x = 1\nKESTREL_WORDS = ["kestrel_mutual", "ClaimSense"]  # AISC\n', encoding="utf-8")
    found = hits([code], frozenset({"kestrel", "claimsense"}), frozenset({"AISC"}))
    assert len(found) == 1 and found[0].endswith(":2: AISC, claimsense, kestrel")


def test_no_organization_words_in_product_code() -> None:
    names, acronyms = org_words()
    found = hits(product_files(), names, acronyms)
    if found:
        pytest.fail(
            f"{len(found)} line(s) of assistant/ or ingestion/ name words of the shipped corpora "
            "(move them into data the deployment supplies, or make the code general):\n  " + "\n  ".join(found)
        )
