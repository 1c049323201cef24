"""Block Kit rendering of the core's results for Slack (pure functions: model in, blocks out)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from assistant.models import Answer, Checklist, Citation, GapItem, GapReport

Block = dict[str, Any]

#: Slack's limits: 3000 characters per section text, 50 blocks per message, 10 elements per context block.
SECTION_LIMIT = 2900
MAX_BLOCKS = 50
QUOTE_LIMIT = 280

ACTION_HELPFUL = "feedback_helpful"
ACTION_NOT_HELPFUL = "feedback_not_helpful"
FEEDBACK_BLOCK_ID = "clausewise_feedback"

VERDICT_BADGES: dict[str, str] = {
    "covered": ":large_green_circle: *Covered*",
    "partial": ":large_yellow_circle: *Partial*",
    "missing": ":red_circle: *Missing*",
}

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_BULLET = re.compile(r"^(\s*)[-*]\s+", re.MULTILINE)


def escape(text: str) -> str:
    """Escape the three characters Slack treats as control sequences in text objects."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(markdown: str) -> str:
    """Convert the core's Markdown to Slack mrkdwn (bold, headings, links, bullets), escaping the rest."""
    text = escape(markdown)
    text = _HEADING.sub(lambda m: f"*{m.group(1)}*", text)
    text = _BULLET.sub(lambda m: f"{m.group(1)}• ", text)
    text = _BOLD.sub(lambda m: f"*{m.group(1)}*", text)
    return _LINK.sub(lambda m: f"<{m.group(2)}|{m.group(1)}>", text)


def split_text(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Split text into pieces under ``limit`` characters, at paragraph, line or word breaks."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = max(rest.rfind("\n\n", 0, limit), rest.rfind("\n", 0, limit))
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(*texts: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": t} for t in texts[:10]]}


def _sections(markdown: str) -> list[Block]:
    return [_section(piece) for piece in split_text(to_mrkdwn(markdown))]


def citation_line(citation: Citation) -> str:
    """One citation's heading: number, title, section/page, effective date and a superseded warning."""
    parts = [f"*[{citation.n}]* {escape(citation.title or citation.doc_id)}"]
    where = []
    if citation.section:
        where.append(escape(citation.section))
    if citation.page is not None:
        where.append(f"p. {citation.page}")
    if where:
        parts.append(" — " + ", ".join(where))
    details = [f"`{escape(citation.source or citation.doc_id)}`"]
    if citation.effective_date:
        details.append(f"effective {escape(citation.effective_date)}")
    if citation.status and citation.status != "current":
        details.append(f":warning: *{escape(citation.status)}*")
    return "".join(parts) + " · " + " · ".join(details)


def citation_blocks(citations: Iterable[Citation], limit: int) -> list[Block]:
    """A context block per citation: its heading line and a short verbatim quote."""
    blocks = []
    for citation in list(citations)[:limit]:
        quote = f"> {escape(_truncate(citation.quote, QUOTE_LIMIT))}" if citation.quote else ""
        texts = [citation_line(citation), quote] if quote else [citation_line(citation)]
        blocks.append(_context(*texts))
    return blocks


def feedback_block(interaction_id: str) -> Block:
    """Helpful / not helpful buttons carrying the interaction id for the audit log."""
    return {
        "type": "actions",
        "block_id": FEEDBACK_BLOCK_ID,
        "elements": [
            {
                "type": "button",
                "action_id": ACTION_HELPFUL,
                "text": {"type": "plain_text", "text": ":thumbsup: Helpful", "emoji": True},
                "value": interaction_id,
            },
            {
                "type": "button",
                "action_id": ACTION_NOT_HELPFUL,
                "text": {"type": "plain_text", "text": ":thumbsdown: Not helpful", "emoji": True},
                "value": interaction_id,
            },
        ],
    }


def answer_blocks(answer: Answer, *, max_citations: int = 10) -> list[Block]:
    """The answer, a verdict badge for gap questions, warnings, numbered citations and feedback buttons."""
    blocks: list[Block] = []
    if answer.verdict is not None and answer.intent in ("gap", "interpretation", "crosswalk"):
        blocks.append(_context(f"Evidence verdict: {VERDICT_BADGES[answer.verdict]}"))
    if answer.abstained:
        blocks.append(_context(":mag: No sufficient evidence found in your documents."))
    blocks.extend(_sections(answer.answer))
    if answer.warnings:
        blocks.append(_context(*(f":warning: {escape(w)}" for w in answer.warnings)))
    meta = []
    if answer.clauses:
        meta.append("Clauses: " + ", ".join(f"`{escape(c)}`" for c in answer.clauses))
    meta.append(f"Answerer: {escape(answer.answerer)}")
    reserved = len(blocks) + 3  # divider, meta context, feedback buttons
    if answer.citations:
        blocks.append({"type": "divider"})
        blocks.extend(citation_blocks(answer.citations, min(max_citations, MAX_BLOCKS - reserved)))
    blocks.append(_context(*meta))
    if answer.interaction_id:
        blocks.append(feedback_block(answer.interaction_id))
    return blocks[:MAX_BLOCKS]


def answer_text(answer: Answer) -> str:
    """Plain fallback text for notifications and clients that do not render blocks."""
    prefix = f"[{answer.verdict}] " if answer.verdict else ""
    return _truncate(prefix + answer.answer, 2900)


def searching_blocks(question: str) -> list[Block]:
    """The placeholder shown while the answer is being prepared."""
    shown = escape(_truncate(question, 200))
    return [_context(f":hourglass_flowing_sand: Searching your documents for: _{shown}_")]


def feedback_thanks_blocks(helpful: bool) -> list[Block]:
    """What replaces the feedback buttons once a vote is recorded."""
    word = "helpful" if helpful else "not helpful"
    return [_context(f":white_check_mark: Feedback recorded ({word}). Thank you.")]


def error_blocks(message: str) -> list[Block]:
    """A short error notice."""
    return [_section(f":warning: {escape(message)}")]


def _item_line(item: GapItem) -> str:
    badge = VERDICT_BADGES[item.status].split(" ")[0]
    return f"{badge} *{escape(item.id)}* {escape(item.title)} — {escape(_truncate(item.rationale, 160))}"


def gap_blocks(report: GapReport, *, max_items: int = 40) -> list[Block]:
    """A gap report: counts, then missing and partial items first, each with its one-line rationale."""
    counts = ", ".join(f"{report.counts.get(k, 0)} {k}" for k in ("covered", "partial", "missing"))
    blocks: list[Block] = [
        _section(f"*Gap analysis* — scope `{escape(report.scope)}` ({len(report.items)} items): {counts}"),
    ]
    order = {"missing": 0, "partial": 1, "covered": 2}
    ranked = sorted(report.items, key=lambda i: order[i.status])
    lines = [_item_line(i) for i in ranked[:max_items]]
    blocks.extend(_section(piece) for piece in split_text("\n".join(lines)))
    if len(ranked) > max_items:
        blocks.append(
            _context(
                f"… {len(ranked) - max_items} more. "
                "Full report: `clausewise gaps` or `GET /v1/gaps?format=csv`."
            )
        )
    return blocks[:MAX_BLOCKS]


def checklist_blocks(checklist: Checklist, *, max_items: int = 20) -> list[Block]:
    """A checklist summary: each check with its status and how much evidence was found."""
    blocks: list[Block] = [
        _section(
            f"*{escape(checklist.title)}* — {len(checklist.items)} checks for "
            + ", ".join(f"`{escape(c)}`" for c in checklist.clauses)
        )
    ]
    lines = []
    for item in checklist.items[:max_items]:
        badge = VERDICT_BADGES[item.status].split(" ")[0]
        found = len(item.evidence_found)
        lines.append(
            f"{badge} *{escape(item.id)}* ({escape(item.clause_id)}) {escape(item.check)} "
            f"_— {found} evidence item{'s' if found != 1 else ''}; owner: {escape(item.suggested_owner)}_"
        )
    blocks.extend(_section(piece) for piece in split_text("\n".join(lines)))
    if len(checklist.items) > max_items:
        blocks.append(_context(f"… {len(checklist.items) - max_items} more checks in the attached file."))
    return blocks[:MAX_BLOCKS]


def clause_blocks(
    entry: Mapping[str, Any], evidence: GapItem | None, *, max_citations: int = 5
) -> list[Block]:
    """A catalog entry in Clausewise's own words, plus the organization's evidence and its status."""
    title = f"*{escape(str(entry.get('id', '')))} {escape(str(entry.get('title', '')))}*"
    blocks: list[Block] = [_section(title)]
    if entry.get("summary"):
        blocks.extend(_section(p) for p in split_text(escape(str(entry["summary"]))))
    obligations = [str(o) for o in entry.get("obligations") or []]
    if obligations:
        blocks.append(_section("*What it asks for*\n" + "\n".join(f"• {escape(o)}" for o in obligations)))
    blocks.append(_context("Guidance in Clausewise's own words, not the text of the standard."))
    if evidence is not None:
        blocks.append({"type": "divider"})
        badge = VERDICT_BADGES[evidence.status]
        blocks.append(_section(f"Your evidence: {badge} — {escape(evidence.rationale)}"))
        if evidence.missing_obligations:
            missing = "\n".join(f"• {escape(o)}" for o in evidence.missing_obligations)
            blocks.append(_section("*Not yet evidenced*\n" + missing))
        blocks.extend(citation_blocks(evidence.citations, max_citations))
    return blocks[:MAX_BLOCKS]


def help_blocks(command: str = "/aims") -> list[Block]:
    """Usage of the slash command and of mentions."""
    lines = [
        f"`{command} ask <question>` — a grounded answer with citations",
        f"`{command} clause <id>` — what a clause or Annex A control asks, and your evidence for it",
        f"`{command} gaps [scope]` — gap analysis (`all`, `clauses`, `annex-a` or an id prefix like `A.6`)",
        f"`{command} checklist <ids or topic> [csv|xlsx]` — an audit checklist, sent to you as a file",
        f"`{command} help` — this message",
        "Or mention me in a channel (I answer in the thread; follow-ups in the thread keep the context), "
        "or send me a direct message.",
    ]
    return [_section("*Clausewise* — ISO/IEC 42001 assistant\n" + "\n".join(lines))]
