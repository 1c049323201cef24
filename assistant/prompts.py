"""Prompt templates for the optional LLM answerer: text files in ``prompts/`` with ``{placeholder}`` fields.

Every template is read and checked once, at start, so that a broken prompt file fails the process loudly
instead of degrading answers later. Literal braces in a template are written ``{{`` and ``}}``.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

#: Template file name → the placeholders it must contain, exactly (no more, no fewer).
REQUIRED_TEMPLATES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "answer_system.txt": frozenset(),
        "answer_user.txt": frozenset({"question", "intent", "guidance", "context"}),
        "draft_system.txt": frozenset(),
        "draft_section.txt": frozenset({"heading", "obligations", "context"}),
    }
)

#: Written in place of an empty optional value so that the model never sees a dangling label.
EMPTY_VALUE = "(none)"


class PromptError(ValueError):
    """A prompt template is missing, unreadable or has the wrong placeholders."""


@dataclass(frozen=True)
class ContextPassage:
    """One numbered passage of context the model may cite as ``[n]``."""

    n: int
    title: str
    section: str
    text: str


def _placeholders(path: Path, text: str) -> set[str]:
    """The placeholder names in a template; anything but plain ``{name}`` fields is an error."""
    names: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:  # an unmatched single brace
        raise PromptError(f"{path}: invalid template ({exc}); write literal braces as {{{{ and }}}}") from exc
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise PromptError(
                f"{path}: placeholder {{{field}}} must be a plain name such as {{question}} "
                "(no index, attribute, conversion or format spec)"
            )
        names.add(field)
    return names


class PromptSet:
    """The checked prompt templates, by name (file stem), with a hash that identifies their exact text."""

    def __init__(self, templates: Mapping[str, str], digest: str, prompts_dir: Path) -> None:
        self._templates = dict(templates)
        #: sha256[:12] over the template files; recorded as ``Answer.prompt_hash``.
        self.hash = digest
        self.prompts_dir = prompts_dir

    @classmethod
    def load(cls, prompts_dir: Path) -> PromptSet:
        """Read every required template from ``prompts_dir`` and check its placeholders; raise PromptError."""
        prompts_dir = Path(prompts_dir)
        if not prompts_dir.is_dir():
            raise PromptError(
                f"prompts directory {prompts_dir} does not exist (setting CLAUSEWISE_PROMPTS_DIR)"
            )
        templates: dict[str, str] = {}
        digest = hashlib.sha256()
        for file_name in sorted(REQUIRED_TEMPLATES):
            path = prompts_dir / file_name
            if not path.is_file():
                raise PromptError(f"prompt template {path} is missing")
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise PromptError(f"{path}: not UTF-8 text ({exc})") from exc
            if not text.strip():
                raise PromptError(f"{path}: template is empty")
            found = _placeholders(path, text)
            required = REQUIRED_TEMPLATES[file_name]
            missing = sorted(required - found)
            unknown = sorted(found - required)
            if missing:
                raise PromptError(f"{path}: missing placeholder(s) " + ", ".join(f"{{{m}}}" for m in missing))
            if unknown:
                allowed = ", ".join(f"{{{r}}}" for r in sorted(required)) or "none"
                raise PromptError(
                    f"{path}: unknown placeholder(s) "
                    + ", ".join(f"{{{u}}}" for u in unknown)
                    + f" (allowed: {allowed}; write literal braces as {{{{ and }}}})"
                )
            # Name and length prefix keep the hash unambiguous across file boundaries.
            digest.update(f"{file_name}\0{len(raw)}\0".encode())
            digest.update(raw)
            templates[Path(file_name).stem] = text
        return cls(templates, digest.hexdigest()[:12], prompts_dir)

    @property
    def names(self) -> list[str]:
        """Template names (file stems) in this set."""
        return sorted(self._templates)

    def render(self, name: str, **values: str) -> str:
        """Fill template ``name`` (stem or file name); every placeholder must be given, and nothing else."""
        stem = name.removesuffix(".txt")
        if stem not in self._templates:
            raise PromptError(f"unknown prompt template {name!r} (known: {', '.join(self.names)})")
        required = REQUIRED_TEMPLATES[f"{stem}.txt"]
        missing = sorted(required - values.keys())
        unknown = sorted(values.keys() - required)
        if missing or unknown:
            raise PromptError(
                f"template {stem}.txt: "
                + (f"missing value(s) for {', '.join(missing)}" if missing else "")
                + ("; " if missing and unknown else "")
                + (f"unexpected value(s) {', '.join(unknown)}" if unknown else "")
            )
        filled = {key: (value if value.strip() else EMPTY_VALUE) for key, value in values.items()}
        return self._templates[stem].format(**filled)


def format_context(passages: Sequence[ContextPassage]) -> str:
    """Number the passages as ``[n] title — section`` blocks, the form the prompts tell the model to cite."""
    if not passages:
        return EMPTY_VALUE
    blocks: list[str] = []
    for passage in passages:
        label = passage.title.strip() or "Untitled document"
        if passage.section.strip():
            label += f" — {passage.section.strip()}"
        # A document must not be able to close the context block and speak outside it.
        text = passage.text.strip().replace("</context>", "</ context>").replace("<context>", "< context>")
        blocks.append(f"[{passage.n}] {label}\n{text}")
    return "\n\n".join(blocks)


def format_obligations(obligations: Sequence[str]) -> str:
    """A Markdown bullet list of obligations (``(none)`` when empty)."""
    items = [o.strip() for o in obligations if o.strip()]
    return "\n".join(f"- {item}" for item in items) if items else EMPTY_VALUE
