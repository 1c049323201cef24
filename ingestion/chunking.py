"""Structure-aware chunking.

A chunk never crosses a section boundary (heading, page, register row), so it never crosses
documents either. Each section that is longer than the budget is split by langchain-text-splitters'
recursive splitter (paragraphs, lines, sentences, words) with token lengths from the embedding
model's own tokenizer, with overlap. What the model embeds is the chunk text preceded by its
section path (``AI Policy › 4 Roles``), so a register row or a short paragraph still carries the
document it belongs to; the budget accounts for that prefix so nothing is silently truncated.

Text with nowhere to split (a line without spaces, a base64 blob) is cut hard, by token count, so
every chunk fits its budget whatever the input; a chunk is also held to ``MAX_CHARS_PER_TOKEN``
characters per token of its budget, because the tokenizer reads any word of more than 100 characters
as one ``[UNK]`` token: by token count alone a 15-million-character line is a one-token chunk.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from ingestion.clause_refs import extract_clause_refs
from ingestion.embedding import TokenCounter
from ingestion.loaders import LimitError, LoadedDocument, Section

#: Characters a chunk may hold per token of its budget; prose runs at 4–6, so this never cuts real text.
MAX_CHARS_PER_TOKEN = 10
#: A heading longer than this is shortened in the section path (the section text keeps it whole).
MAX_LABEL_PART = 200
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
    # The path is embedded with every chunk of the section: a paragraph styled as a heading must not eat the budget.
    return SECTION_SEPARATOR.join(p if len(p) <= MAX_LABEL_PART else p[: MAX_LABEL_PART - 1] + "…" for p in parts)


class Chunker:
    """Splits loaded documents into chunks of at most ``chunk_tokens`` model tokens (and at most
    ``max_chunks`` chunks per document)."""

    def __init__(
        self,
        count_tokens: TokenCounter,
        *,
        chunk_tokens: int,
        overlap_tokens: int,
        max_input_tokens: int | None = None,
        max_chunks: int | None = None,
    ) -> None:
        if chunk_tokens <= 0:
            raise ValueError("chunk_tokens must be positive")
        if not 0 <= overlap_tokens < chunk_tokens:
            raise ValueError("chunk_overlap_tokens must be at least 0 and below chunk_tokens")
        self.count_tokens = count_tokens
        self.chunk_tokens = chunk_tokens
        self.overlap_tokens = overlap_tokens
        self.max_input_tokens = max_input_tokens
        self.max_chunks = max_chunks

    def _budget(self, label: str) -> int:
        if self.max_input_tokens is None:
            return self.chunk_tokens
        # The label is embedded with the text; keep label + text inside what the model reads.
        room = self.max_input_tokens - _SPECIAL_TOKENS - self.count_tokens(label + "\n")
        return max(_MIN_BUDGET, min(self.chunk_tokens, room))

    def fits(self, text: str, budget: int) -> bool:
        """Whether ``text`` is one chunk: at most ``budget`` tokens and ``budget`` × 10 characters."""
        return len(text) <= budget * MAX_CHARS_PER_TOKEN and self.count_tokens(text) <= budget

    def split_text(self, text: str, budget: int, max_pieces: int | None = None) -> list[str]:
        """Split one section's text into pieces that each :meth:`fit <fits>` ``budget``.

        Stops early once more than ``max_pieces`` pieces are made (the caller refuses the document then).
        """
        text = text.strip()
        if not text:
            return []
        # Counting first would tokenize a whole giant section just to learn it does not fit.
        if self.fits(text, budget):
            return [text]
        pieces: list[str] = []
        for segment, solid in self._segments(text, budget):
            more = self._hard_split(segment, budget) if solid else self._recursive(segment, budget)
            for piece in more:
                pieces.append(piece)
                if max_pieces is not None and len(pieces) > max_pieces:
                    return pieces
        return pieces

    def _segments(self, text: str, budget: int) -> Iterator[tuple[str, bool]]:
        """Text split around *solid* runs: no whitespace in them, and too long for one chunk.

        The recursive splitter would break a solid run into single characters and count the tokens of each,
        millions of calls for a long line; a solid run is cut by :meth:`_hard_split` instead.
        """
        start = 0
        for match in re.finditer(rf"\S{{{budget + 1},}}", text):
            if self.fits(match.group(), budget):
                continue
            if text[start : match.start()].strip():
                yield text[start : match.start()], False
            yield match.group(), True
            start = match.end()
        if text[start:].strip():
            yield text[start:], False

    def _recursive(self, text: str, budget: int) -> list[str]:
        text = text.strip()
        if self.fits(text, budget):
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
        pieces: list[str] = []
        for piece in splitter.split_text(text):
            piece = piece.strip()
            if not piece:
                continue
            # The splitter sums the token counts of the parts it merges, which is not always the count of the
            # merged text, and knows nothing of characters (a run of [UNK] words is a few tokens).
            pieces.extend([piece] if self.fits(piece, budget) else self._hard_split(piece, budget))
        return pieces

    def _hard_split(self, text: str, budget: int) -> list[str]:
        """Cut ``text`` into consecutive pieces that fit ``budget``, wherever that falls.

        Each window is sized from the previous piece's characters per token, so a long run costs about one
        token count per piece.
        """
        max_chars = budget * MAX_CHARS_PER_TOKEN
        pieces: list[str] = []
        start, end_of_text = 0, len(text)
        window = max_chars
        while start < end_of_text:
            end = min(end_of_text, start + window)
            tokens = self.count_tokens(text[start:end])
            while tokens > budget and end - start > 1:
                end = start + max(1, int((end - start) * budget / tokens * 0.9))
                tokens = self.count_tokens(text[start:end])
            piece = text[start:end].strip()
            if piece:
                pieces.append(piece)
            window = min(max_chars, max(1, int((end - start) * budget / max(tokens, 1) * 0.95)))
            start = end
        return pieces

    def chunk(self, document: LoadedDocument, title: str, known_ids: Collection[str] | None = None) -> list[Chunk]:
        """All chunks of one document, numbered from 0 in reading order."""
        chunks: list[Chunk] = []
        for section in document.sections:
            label = section_label(title, section, document.title_hint)
            budget = self._budget(label)
            room = None if self.max_chunks is None else self.max_chunks - len(chunks)
            pieces = self.split_text(section.text, budget, room)
            if self.max_chunks is not None and len(chunks) + len(pieces) > self.max_chunks:
                raise LimitError(f"more than {self.max_chunks:,} chunks", "CLAUSEWISE_MAX_CHUNKS")
            for piece in pieces:
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
