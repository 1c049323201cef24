"""HTML with BeautifulSoup: headings give sections, tables become ``header: value`` rows,
``<meta name=... content=...>`` tags give document properties."""

from __future__ import annotations

from pathlib import Path

from ingestion.loaders import DEFAULT_LIMITS, Limits, LoadedDocument, LoaderError, Section
from ingestion.loaders.plaintext import decode_text, encoding_warning
from ingestion.loaders.word import table_rows

_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_DROP = {"script", "style", "noscript", "template", "svg", "nav", "head", "iframe", "form", "button"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "ul", "ol", "li", "pre", "blockquote", "dl", "dt", "dd",
    "header", "footer", "aside", "figure", "figcaption", "br", "hr", "address", "details", "summary",
    "body", "html",
}  # fmt: skip
_META_NAMES = {
    "title": "title",
    "author": "owner",
    "owner": "owner",
    "classification": "classification",
    "doc_type": "doc_type",
    "doc-type": "doc_type",
    "version": "version",
    "status": "status",
    "effective_date": "effective_date",
    "effective-date": "effective_date",
}


def load_html(data: bytes, path: Path, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Load an HTML page in reading order."""
    from bs4 import BeautifulSoup
    from bs4.element import Comment, Doctype, NavigableString, ProcessingInstruction, Tag

    text, encoding = decode_text(data)
    # The page's source, markup included: BeautifulSoup's tree costs several times the source in memory.
    limits.check_chars(len(text), "characters of HTML source")
    soup = BeautifulSoup(text, "html.parser")

    properties: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        name = str(meta.get("name") or "").strip().lower()
        content = str(meta.get("content") or "").strip()
        if name in _META_NAMES and content:
            properties[_META_NAMES[name]] = content
    title_tag = soup.find("title")
    title_hint = " ".join(title_tag.get_text().split()) if title_tag else None

    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    heading = ""
    lines: list[str] = []
    inline: list[str] = []

    def end_line() -> None:
        line = " ".join("".join(inline).split())
        if line:
            lines.append(line)
        inline.clear()

    def flush() -> None:
        end_line()
        body = "\n".join(lines).strip()
        if body:
            sections.append(
                Section(text=f"{heading}\n\n{body}" if heading else body, section_path=tuple(h for _, h in stack))
            )
        lines.clear()

    def walk(node: Tag) -> None:
        nonlocal heading, title_hint
        for child in node.children:
            if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                inline.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in _DROP:
                continue
            if name in _HEADINGS:
                flush()
                level = _HEADINGS[name]
                text_of_heading = " ".join(child.get_text(" ").split())
                if not text_of_heading:
                    continue
                while stack and stack[-1][0] >= level:
                    stack.pop()
                stack.append((level, text_of_heading))
                heading = text_of_heading
                if level == 1 and not title_hint:
                    title_hint = text_of_heading
            elif name == "table":
                end_line()
                rows = [
                    [" ".join(cell.get_text(" ").split()) for cell in tr.find_all(["th", "td"])]
                    for tr in child.find_all("tr")
                ]
                lines.extend(table_rows(rows))
            elif name in _BLOCKS:
                end_line()
                walk(child)
                end_line()
            else:
                walk(child)

    root = soup.body or soup
    if not isinstance(root, Tag):
        raise LoaderError("no HTML body")
    walk(root)
    flush()
    return LoadedDocument(
        sections=sections, properties=properties, title_hint=title_hint, warnings=encoding_warning(encoding)
    )
