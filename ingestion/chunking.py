"""Structure-aware chunking.

A chunk never crosses a section boundary (heading, page, register row), so it never crosses
documents either. Each section that is longer than the budget is split by langchain-text-splitters'
recursive splitter (paragraphs, lines, sentences, words) with token lengths from the embedding
model's own tokenizer, with overlap. What the model embeds is the chunk text preceded by its
section path (``AI Policy › 4 Roles``), so a register row or a short paragraph still carries the
document it belongs to; the budget accounts for that prefix so nothing is silently truncated.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ingestion.clause_refs import extract_clause_refs
from ingestion.embedding import TokenCounter
from ingestion.loaders import LoadedDocument, Section

SECTION_SEPARATOR = " › "
#: Tokens reserved for the special tokens the model adds around every input ([CLS], [SEP]).
_SPECIAL_TOKENS = 2
#: A chunk is never given less room than this, even under a long section path.
_MIN_BUDGET = 64
_SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]


@dataclass(frozen=True)
class Chunk:
    """One piece of a document ready to be embedded and stored."""

    text: str
    section: str
    page: int | None
    chunk_index: int
    clause_refs: tuple[str, ...]

    @property
    def embed_text(self) -> str:
        """What the model embeds and BM25 indexes: section path, then the text."""
        return f"{self.section}\n{self.text}" if self.section else self.text


def section_label(title: str, section: Section, title_hint: str | None = None) -> str:
    """The section path as one string, always starting with the document title.

    A top heading that is the document's own heading (``title_hint``) stands for the title, so it is
    replaced by the title from the metadata rather than repeated after it.
    """
    parts = [p for p in section.section_path if p]
    if parts and title_hint and parts[0] == title_hint:
        parts[0] = title
    if not parts or parts[0] != title:
        parts.insert(0, title)
    return SECTION_SEPARATOR.join(parts)


class Chunker:
    """Splits loaded documents into chunks of at most ``chunk_tokens`` model tokens."""

    def __init__(
        self,
        count_tokens: TokenCounter,
        *,
        chunk_tokens: int,
        overlap_tokens: int,
        max_input_tokens: int | None = None,
    ) -> None:
        if chunk_tokens <= 0:
            raise ValueError("chunk_tokens must be positive")
        if not 0 <= overlap_tokens < chunk_tokens:
            raise ValueError("chunk_overlap_tokens must be at least 0 and below chunk_tokens")
        self.count_tokens = count_tokens
        self.chunk_tokens = chunk_tokens
        self.overlap_tokens = overlap_tokens
        self.max_input_tokens = max_input_tokens

    def _budget(self, label: str) -> int:
        if self.max_input_tokens is None:
            return self.chunk_tokens
        # The label is embedded with the text; keep label + text inside what the model reads.
        room = self.max_input_tokens - _SPECIAL_TOKENS - self.count_tokens(label + "\n")
        return max(_MIN_BUDGET, min(self.chunk_tokens, room))

    def split_text(self, text: str, budget: int) -> list[str]:
        """Split one section's text into pieces of at most ``budget`` tokens."""
        text = text.strip()
        if not text:
            return []
        if self.count_tokens(text) <= budget:
            return [text]
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=budget,
            chunk_overlap=min(self.overlap_tokens, budget // 2),
            length_function=self.count_tokens,
            separators=_SEPARATORS,
            keep_separator="end",
            strip_whitespace=True,
        )
        pieces = [p.strip() for p in splitter.split_text(text) if p.strip()]
        return pieces

    def chunk(self, document: LoadedDocument, title: str, known_ids: Collection[str] | None = None) -> list[Chunk]:
        """All chunks of one document, numbered from 0 in reading order."""
        chunks: list[Chunk] = []
        for section in document.sections:
            label = section_label(title, section, document.title_hint)
            budget = self._budget(label)
            for piece in self.split_text(section.text, budget):
                # Headings often carry the id ("A.6.2.4 Verification"); later pieces of the section keep it.
                refs = tuple(extract_clause_refs(f"{label}\n{piece}", known_ids))
                chunks.append(
                    Chunk(
                        text=piece,
                        section=label,
                        page=section.page,
                        chunk_index=len(chunks),
                        clause_refs=refs,
                    )
                )
        return chunks
