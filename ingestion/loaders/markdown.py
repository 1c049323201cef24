"""Markdown: YAML front matter, then one section per heading (ATX or setext) with its heading path.

Headings are found with markdown-it-py (a CommonMark parser), so ``#`` lines inside code fences
are not mistaken for headings. Section text is the original Markdown source of the section,
starting with the heading's own text.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from ingestion.loaders import DEFAULT_LIMITS, Limits, LoadedDocument, LoaderError, Section
from ingestion.loaders.plaintext import decode_text, encoding_warning

_FENCE_END = re.compile(r"^(?:---|\.\.\.)\s*$")
_INLINE_MARKUP = re.compile(r"[*_`]+")


class FrontMatterError(LoaderError):
    """Front matter that cannot be read; ``body`` is the text to load without it."""

    def __init__(self, message: str, body: str) -> None:
        super().__init__(message)
        self.body = body


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, except that an impossible date (``date: 2021-02-30``) stays a text."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """Split a leading ``---`` YAML block from the body; raises :class:`FrontMatterError` when malformed."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if _FENCE_END.match(lines[end]):
            break
    else:
        # Perhaps no front matter at all but a leading thematic break: keep every line as text.
        raise FrontMatterError("the opening '---' of the front matter is never closed; read as text", text)
    block = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    try:
        data = yaml.load(block, Loader=_FrontMatterLoader) if block.strip() else {}
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"malformed YAML front matter: {_yaml_reason(exc)}", body) from exc
    except (RecursionError, ValueError, TypeError, OverflowError) as exc:  # e.g. nesting deeper than Python's stack
        raise FrontMatterError(f"malformed YAML front matter: {type(exc).__name__}", body) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"malformed front matter: expected key: value pairs, got {type(data).__name__}", body)
    return {str(k): v for k, v in data.items()}, body


def _yaml_reason(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return str(problem)
    # The block starts on the file's second line: report the file's line numbers.
    reason = f"{problem} (line {mark.line + 2})"
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark.line != mark.line:
        reason = f"{context} (line {context_mark.line + 2}): {reason}"
    return reason


def _clean_heading(text: str) -> str:
    return " ".join(_INLINE_MARKUP.sub("", text).split())


def load_markdown(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Load a Markdown file into heading sections plus its front matter."""
    text, encoding = decode_text(data)
    limits.check_chars(len(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    warnings = encoding_warning(encoding)
    try:
        front_matter, body = split_front_matter(text)
    except FrontMatterError as exc:
        # The document is still ingested; sidecar, _meta.yaml and overrides give its metadata.
        front_matter, body = {}, exc.body
        warnings.append(str(exc) if exc.body is text else f"{exc}; front matter ignored")
    lines = body.split("\n")
    tokens = MarkdownIt("commonmark").parse(body)

    # (line where the heading starts, line after it, level, heading text)
    headings: list[tuple[int, int, int, str]] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map is not None:
            inline = tokens[i + 1]
            headings.append((token.map[0], token.map[1], int(token.tag[1]), _clean_heading(inline.content)))

    sections: list[Section] = []
    first = headings[0][0] if headings else len(lines)
    preamble = "\n".join(lines[:first]).strip()
    if preamble:
        sections.append(Section(text=preamble))

    stack: list[tuple[int, str]] = []
    title_hint: str | None = None
    for index, (_start, body_start, level, heading) in enumerate(headings):
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, heading))
        if level == 1 and title_hint is None and heading:
            title_hint = heading
        end = headings[index + 1][0] if index + 1 < len(headings) else len(lines)
        content = "\n".join(lines[body_start:end]).strip()
        if not content:
            # A heading directly followed by a sub-heading has no text of its own.
            continue
        sections.append(
            Section(text=f"{heading}\n\n{content}" if heading else content, section_path=tuple(h for _, h in stack))
        )
    return LoadedDocument(
        sections=sections,
        front_matter=front_matter,
        title_hint=title_hint,
        warnings=warnings,
    )
