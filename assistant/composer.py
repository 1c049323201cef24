"""Composes answers per intent from the catalog and verbatim evidence, then verifies every citation.

The extractive composer writes only two kinds of lines: *structural* lines it declares (headings, labelled
catalog guidance, abstention notes naming documents) and *evidence* lines that quote a chunk verbatim with a
``[n]`` marker. A configured LLM may write the evidence part instead; its text goes through the same verifier.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np

from assistant import citations as verifier
from assistant import injection
from assistant.answering.semantic import Entity, entity_filter, named_entities, question_identifiers
from assistant.catalog import Catalog, CatalogEntry
from assistant.checklist import build_checklist
from assistant.contradictions import Conflict, find_conflict
from assistant.drafts import build_draft
from assistant.extractive import (
    Candidate,
    QueryTerms,
    best_sentence,
    candidates,
    lead_value,
    named_documents,
    select,
)
from assistant.gaps import GapAssessor
from assistant.models import Answer, Citation, GapItem, Intent, Verdict
from assistant.resolver import ClauseResolver, Resolution
from assistant.retrieval import Hit, Retriever, SearchRequest
from assistant.text import Span, content_terms, display, is_record
from ingestion.embedding import whole_word
from ingestion.sentence_vectors import embed_text
from ingestion.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Context:
    """Everything one answer needs; built by the service per question."""

    question: str
    context: str
    intent: Intent
    clearance: tuple[str, ...]
    settings: Settings
    catalog: Catalog
    resolver: ClauseResolver
    retriever: Retriever
    assessor: GapAssessor
    llm: Any = None
    #: Limit evidence to these document types (empty: all).
    doc_types: tuple[str, ...] = ()
    #: Documents the previous answer cited, when this question follows up on it ("who approved it?").
    context_docs: tuple[str, ...] = ()
    #: The follow-up asks about the other one ("what about the other supplier?"): see ``earlier_entities``.
    contrast: bool = False
    #: Record ids a follow-up points back at ("who owns it?" after an answer about one register row, by its id).
    context_ids: tuple[str, ...] = ()
    #: 42001 ids → gap items as the service's reports give them (freshness applied); None: the assessor's own.
    verdicts: Callable[[Sequence[str]], list[GapItem]] | None = None

    @cached_property
    def entities(self) -> list[Entity]:
        """The question's named things, found once per answer (each costs a BM25 lookup)."""
        return _question_entities(self)

    @cached_property
    def earlier_entities(self) -> list[Entity]:
        """For a follow-up about the other one, the named things of the earlier questions: the ones not meant."""
        if not (self.contrast and self.context):
            return []
        now = {e.text.lower() for e in self.entities}
        return [e for e in _question_entities(self, self.context) if e.text.lower() not in now]


@dataclass
class Composed:
    """The verified answer and the hits retrieved on the way (for the audit log)."""

    answer: Answer
    hits: list[Hit]


@dataclass
class _Builder:
    """Collects lines and citations, then runs the verifier."""

    lines: list[str] = field(default_factory=list)
    structural: list[str] = field(default_factory=list)
    cites: list[Citation] = field(default_factory=list)
    chunk_texts: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        for line in text.splitlines() or [""]:
            self.lines.append(line)
            if line.strip():
                self.structural.append(line)

    def cite(self, hit: Hit, quote: str) -> int:
        for c in self.cites:
            if c.chunk_id == hit.chunk_id and c.quote == quote:
                return c.n
        n = len(self.cites) + 1
        self.cites.append(hit.to_citation(n, quote))
        self.chunk_texts[hit.chunk_id] = hit.text
        return n

    def add_citation(self, cite: Citation, chunk_text: str) -> int:
        for c in self.cites:
            if c.chunk_id == cite.chunk_id and c.quote == cite.quote:
                return c.n
        n = len(self.cites) + 1
        self.cites.append(cite.model_copy(update={"n": n}))
        self.chunk_texts[cite.chunk_id] = chunk_text
        return n

    def quote_line(self, hit: Hit, quote: str, prefix: str = "- ") -> None:
        self.lines.append(f"{prefix}{display(quote)} [{self.cite(hit, quote)}]")

    def finish(self, ctx: Context, tolerated: Sequence[str] = (), *, generated: bool = False) -> verifier.Verified:
        # Chunk texts are re-read from the store so a quote is checked against what is stored, not a copy.
        stored = ctx.retriever.get_chunks(list(self.chunk_texts), ctx.clearance)
        texts = {cid: h.text for cid, h in stored.items()}
        return verifier.verify(
            "\n".join(self.lines),
            self.cites,
            texts,
            ctx.resolver,
            structural=self.structural,
            tolerated_ids=tolerated,
            sentence_level=generated,
        )


# --- entry point ------------------------------------------------------------------------------------


def compose(ctx: Context) -> Composed:
    """Route to the intent's composer; every path ends in the verifier."""
    # Every stage (candidates, gap evidence, LLM citations) screens sentences with the model-backed detector.
    injection.use_embedder(ctx.retriever.embedder)
    if ctx.intent == "crosswalk":
        from assistant.crosswalk_answer import answer_crosswalk

        composed = answer_crosswalk(ctx)
        _flag_injection(ctx, composed)
        return composed
    res = ctx.resolver.resolve(ctx.question)
    if ctx.context and not res.ids:
        prior = ctx.resolver.resolve(ctx.context)
        res = Resolution(ids=prior.ids, invalid=res.invalid, topical=res.topical or prior.topical)
    if res.invalid and not res.ids:
        return _unknown_ids(ctx, res)
    if ctx.intent == "fact" and res.ids and not ctx.context:
        # A question about the organization's practice for a named clause is a coverage question.
        ctx.intent = "gap"
    handlers: dict[str, Callable[[Context, Resolution], Composed]] = {
        "interpretation": _interpretation,
        "gap": _gap,
        "checklist": _checklist,
        "policy_draft": _policy_draft,
        "evidence": _evidence,
        "fact": _fact,
    }
    composed = handlers[ctx.intent](ctx, res)
    if res.invalid:
        composed.answer.warnings.append(
            "Not in ISO/IEC 42001:2023: "
            + ", ".join(f"{i} (nearest: {', '.join(ctx.resolver.nearest(i, 3))})" for i in res.invalid)
        )
    _flag_injection(ctx, composed)
    return composed


def _flag_injection(ctx: Context, composed: Composed) -> None:
    """Warn, naming the document, about text addressed to AI assistants in what was retrieved or cited."""
    seen = {h.chunk_id for h in composed.hits}
    cited = [c.chunk_id for c in composed.answer.citations if c.chunk_id not in seen]
    extra = list(ctx.retriever.get_chunks(cited, ctx.clearance).values()) if cited else []
    for warning in injection.document_warnings([*composed.hits, *extra]):
        if warning not in composed.answer.warnings:
            composed.answer.warnings.append(warning)


def _answer(
    ctx: Context,
    b: _Builder,
    *,
    verdict: Verdict | None = None,
    abstained: bool = False,
    clauses: Sequence[str] = (),
    hits: Sequence[Hit] = (),
    answerer: str = "extractive",
    tolerated: Sequence[str] = (),
) -> Composed:
    verified = b.finish(ctx, tolerated, generated=answerer != "extractive")
    if verified.dropped_citations:
        b.warnings.append(f"{len(verified.dropped_citations)} citation(s) failed verification and were removed.")
    answer = Answer(
        answer=verified.text,
        intent=ctx.intent,
        verdict=verdict,
        abstained=abstained,
        clauses=[c for c in dict.fromkeys(clauses) if c in ctx.catalog],
        citations=verified.citations,
        warnings=b.warnings,
        answerer=answerer,
        retrieved_chunk_ids=[h.chunk_id for h in hits],
    )
    return Composed(answer, list(hits))


def _topic_ids(res: Resolution, limit: int = 2, min_score: float = 0.0) -> list[str]:
    """Explicit ids, else the best topical ids (within 80 % of the top score and above ``min_score``)."""
    if res.ids:
        return list(res.ids)
    if not res.topical:
        return []
    top = res.topical[0][1]
    return [i for i, s in res.topical if s >= top * 0.8 and s >= min_score][:limit]


def _best_topic(ctx: Context, res: Resolution, limit: int = 1) -> list[str]:
    """Explicit ids, else topical matches re-ranked by the question's meaning against the catalog."""
    if res.ids:
        return list(res.ids)
    scores: dict[str, float] = {}
    for i, sc in res.topical[:8]:
        scores[i] = scores.get(i, 0.0) + sc
    for i, sim in ctx.retriever.semantic_topics(ctx.question, k=6):
        if ctx.catalog.children(i):
            continue
        scores[i] = scores.get(i, 0.0) + max(0.0, sim - 0.2)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    return [i for i, sc in ranked if sc >= 0.35][:limit]


#: A topical match this strong steers fact retrieval; weaker ones would pull in the catalog's vocabulary.
STRONG_TOPIC = 0.6


def _expansion(catalog: Catalog, ids: Sequence[str]) -> str:
    parts: list[str] = []
    for i in ids[:3]:
        e = catalog.get(i)
        if e is not None:
            parts.append(e.title + " " + " ".join(e.keywords[:5]))
    return " ".join(parts)


_VOCAB: dict[int, frozenset[str]] = {}


def _catalog_vocabulary(catalog: Catalog) -> frozenset[str]:
    """Every content term the catalog uses: the general vocabulary of AI governance."""
    key = id(catalog)
    if key not in _VOCAB:
        words: set[str] = set()
        for e in catalog:
            words.update(content_terms(" ".join([e.title, e.summary, *e.obligations, *e.evidence, *e.keywords])))
        _VOCAB[key] = frozenset(words)
    return _VOCAB[key]


def _follow_up_query(ctx: Context) -> str:
    """The earlier question with its specific names replaced by the follow-up's ("and for the pricing model?").

    A term the catalog never uses names something of the organization's own (a system, a supplier, a person);
    when the follow-up brings its own such term, the earlier one is dropped.
    """
    vocab = _catalog_vocabulary(ctx.catalog)

    def specific(word: str) -> bool:
        terms = content_terms(word)
        return bool(terms) and all(t not in vocab for t in terms)

    if ctx.earlier_entities:
        # "What about the other supplier?": the earlier question without the supplier it named.
        kept = [w for w in ctx.context.split() if not any(e.mentioned_in(w) for e in ctx.earlier_entities)]
        return " ".join([*kept, ctx.question])
    if ctx.entities:
        # "What about the one behind <system>?": the follow-up names its own system, supplier or person, so the
        # earlier question's named things go and the rest of its words ("which company supplies ...") stay.
        own = {e.text.lower() for e in ctx.entities}
        earlier = [e for e in _question_entities(ctx, ctx.context) if e.text.lower() not in own]
        if earlier:
            kept = [w for w in ctx.context.split() if not any(e.mentioned_in(w) for e in earlier)]
            return " ".join([*kept, ctx.question])
    if not any(specific(w) for w in ctx.question.split()):
        return f"{ctx.context} {ctx.question}"
    kept = [w for w in ctx.context.split() if not specific(w)]
    return " ".join([*kept, ctx.question])


_HISTORY = re.compile(
    r"\b(old|older|previous|prior|earlier|former|superseded|original|first|last year'?s?|version \d|v\d|"
    r"in (19|20)\d\d|(19|20)\d\d (version|policy|procedure))\b",
    re.I,
)


def _search(ctx: Context, ids: Sequence[str], *, k: int = 8, query: str | None = None) -> list[Hit]:
    q = query or (_follow_up_query(ctx) if ctx.context else ctx.question)
    req = SearchRequest(
        history=bool(_HISTORY.search(ctx.question)),
        query=q,
        clearance=ctx.clearance,
        doc_types=ctx.doc_types,
        k=k,
        clauses=tuple(ids),
        expansion=_expansion(ctx.catalog, ids),
        candidates=max(40, k * 4),
    )
    hits = ctx.retriever.search(req)
    named = _named_docs(ctx, hits)
    if named:
        hits = _with_named_documents(ctx, hits, named, q, history=req.history)
    hits = _with_identifier_passages(ctx, hits, q, history=req.history)
    hits = _with_entity_passages(ctx, hits, q, history=req.history)
    if ctx.earlier_entities:
        # About the other one: passages naming the one discussed before rank lower (they stay, as a fallback).
        for h in hits:
            if _names_any(ctx.earlier_entities, h):
                h.score *= OTHER_ONE_FACTOR
        hits.sort(key=lambda h: h.score, reverse=True)
    elif ctx.context_docs:
        # A follow-up is most likely about what the previous answer cited.
        for h in hits:
            if h.doc_id in ctx.context_docs:
                h.score *= CONTEXT_DOC_BOOST
        hits.sort(key=lambda h: h.score, reverse=True)
    return hits


def _names_any(entities: Sequence[Entity], hit: Hit) -> bool:
    title = str(hit.meta.get("title", ""))
    return any(e.mentioned_in(hit.text) or e.mentioned_in(title) for e in entities)


def _named_docs(ctx: Context, hits: Sequence[Hit]) -> frozenset[str]:
    """Documents whose passages join the hits: those the question names by title (``named_documents``, which
    alone also earn the sentence boost) and those whose title names a system, supplier or person the question
    names ("when was Acme last assessed?" → the Acme vendor review)."""
    named = named_documents(ctx.question, hits)
    entities = [e for e in ctx.entities if e.kind == "name"]
    if not entities:
        return named
    titled = {h.doc_id for h in hits if any(e.mentioned_in(str(h.meta.get("title", ""))) for e in entities)}
    return named | frozenset(titled)


#: Passages of a document the question names by title that join the hits (its own statements, e.g. the
#: document-control table of "what version is the AI policy on?", rarely rank among the first hits by similarity).
NAMED_DOC_PASSAGES = 12


def _with_named_documents(
    ctx: Context, hits: list[Hit], named: frozenset[str], query: str, *, history: bool
) -> list[Hit]:
    """The hits plus up to :data:`NAMED_DOC_PASSAGES` more passages of the named documents, checked for clearance."""
    lexical = ctx.retriever.lexical()
    if lexical is None:
        return hits
    have = {h.chunk_id for h in hits}
    rows = np.flatnonzero(lexical.mask(classifications=ctx.clearance, doc_ids=named))
    todo = [cid for cid in (lexical.ids[int(i)] for i in rows) if cid not in have][:NAMED_DOC_PASSAGES]
    floor = min((h.score for h in hits if h.doc_id in named), default=0.0)
    return [*hits, *_joined_passages(ctx, todo, query, floor, history=history)]


def _joined_passages(ctx: Context, ids: Sequence[str], query: str, score: float, *, history: bool) -> list[Hit]:
    """Chunks joining the hits by id (named documents, record ids) at ``score``, with their dense similarity.

    Fetched by id, each chunk is checked against the clearance on the metadata Chroma returns with it (the BM25
    index that found it may be older than a reclassification); superseded versions only for history questions.
    """
    if not ids:
        return []
    qvec = ctx.retriever.embed_query(query)
    out: list[Hit] = []
    for cid, text, meta, emb in ctx.retriever.fetch(ids, ctx.clearance, embeddings=True, doc_types=ctx.doc_types):
        if meta.get("status", "current") == "superseded" and not history:
            continue
        dense = float(np.asarray(emb, dtype=np.float32) @ qvec) if emb is not None else 0.0
        out.append(Hit(chunk_id=cid, text=text, meta=meta, score=score, dense=dense))
    return out


def _identifiers(ctx: Context) -> list[str]:
    """Record ids the answer is about: those the question writes, else, for a follow-up, those it points back at."""
    return question_identifiers(ctx.question) or list(ctx.context_ids if ctx.context else ())


#: Passages holding a record id the question names ("what is HZ-12 about?") that join the hits: an id splits
#: into common tokens ("hz", "12"), so neither BM25 nor the embedding ranks the one row holding it.
IDENTIFIER_PASSAGES = 6


def _with_identifier_passages(ctx: Context, hits: list[Hit], query: str, *, history: bool) -> list[Hit]:
    """The hits plus up to :data:`IDENTIFIER_PASSAGES` passages holding an identifier of the question (or, for a
    follow-up, one it points back at), checked for clearance on the metadata fetched with them; they rank with the
    best hit (the user named that record)."""
    idents = _identifiers(ctx)
    lexical = ctx.retriever.lexical() if idents else None
    if lexical is None or not hits:
        return hits
    have = {h.chunk_id for h in hits}
    todo: list[str] = []
    for ident in idents:
        found = lexical.containing(ident, classifications=ctx.clearance, limit=IDENTIFIER_PASSAGES * 4)
        todo += [cid for cid in found if cid not in have and cid not in todo]
    extra = _joined_passages(ctx, todo[:IDENTIFIER_PASSAGES], query, max(h.score for h in hits), history=history)
    return sorted([*hits, *extra], key=lambda h: h.score, reverse=True) if extra else hits


#: Passages that join the hits when the question names a system, supplier or person no hit names ("does
#: <system> need a full impact assessment?" retrieves the procedure's passages on impact assessments, none about
#: the system): the passages of the documents writing the name, nearest to the question first.
ENTITY_PASSAGES = 6
#: How many chunks writing the name are read to find those documents.
ENTITY_SCAN = 40


def _with_entity_passages(ctx: Context, hits: list[Hit], query: str, *, history: bool) -> list[Hit]:
    """The hits plus up to :data:`ENTITY_PASSAGES` passages of documents writing a name of the question that no hit
    names, checked for clearance on the metadata fetched with them; they rank with the median hit."""
    unnamed = [e for e in ctx.entities if e.kind == "name" and not any(_names_any([e], h) for h in hits)]
    lexical = ctx.retriever.lexical() if unnamed else None
    if lexical is None or not hits:
        return hits
    have = {h.chunk_id for h in hits}
    docs: set[str] = set()
    for e in unnamed:
        docs.update(lexical.doc_id(cid) for cid in lexical.containing(e.text, classifications=ctx.clearance,
                                                                      limit=ENTITY_SCAN))  # fmt: skip
    docs.discard("")
    if not docs:
        return hits
    rows = np.flatnonzero(lexical.mask(classifications=ctx.clearance, doc_ids=docs))
    todo = [cid for cid in (lexical.ids[int(i)] for i in rows) if cid not in have][: ENTITY_SCAN * 2]
    scores = sorted(h.score for h in hits)
    extra = _joined_passages(ctx, todo, query, scores[len(scores) // 2], history=history)
    extra = sorted(extra, key=lambda h: h.dense, reverse=True)[:ENTITY_PASSAGES]
    return sorted([*hits, *extra], key=lambda h: h.score, reverse=True) if extra else hits


#: Score factor for passages of the documents the previous answer cited, when the question follows up on it.
CONTEXT_DOC_BOOST = 1.3
#: Score factor for passages naming what the earlier question named, when the follow-up asks about the other one.
OTHER_ONE_FACTOR = 0.5


def _relevance(cands: Sequence[Candidate]) -> float:
    """How well the best passages answer the question, by meaning: the judge's abstention signal.

    The sentence's similarity to the question (with its heading) and its passage's similarity, over the top
    candidates; never word overlap, so a paraphrase with no shared word is still answered when a passage answers it.
    """
    return max((W_SENTENCE * c.meaning + (1 - W_SENTENCE) * max(c.hit.dense, 0.0) for c in cands[:5]), default=0.0)


def _weak_evidence(ctx: Context, cands: Sequence[Candidate]) -> bool:
    """The judge's abstention decision: the best passages do not answer the question by meaning, or no sentence
    answers what it asks about the things it names."""
    if _relevance(cands) < ctx.settings.abstain_threshold:
        return True
    focus = _focus(ctx, cands)
    return focus is not None and focus < ctx.settings.abstain_focus_threshold


#: Candidate sentences the focus is measured on (best first).
FOCUS_SENTENCES = 40
#: Content words a question must keep without its names for the focus to be measured.
FOCUS_MIN_TERMS = 3


def _focus(ctx: Context, cands: Sequence[Candidate]) -> float | None:
    """How well the best candidate sentence matches what the question asks beyond the things it names, by meaning.

    "How much does the council pay <supplier> each year?" finds passages about the supplier that look close; without
    the name the question is "how much does the council pay each year?", which none of them answers. ``None`` for a
    question naming nothing, for a follow-up (its ask is spread over the conversation) and for a bare name.
    """
    # A name the embedding model reads as one ordinary word ("German", "Champion" of a role title, "Union") is
    # no invented name of a system or supplier: taking it out would strip what the question asks, not who about.
    names = [e for e in ctx.entities if e.kind == "name" and not whole_word(ctx.retriever.embedder, e.text)]
    if not names or ctx.context or not cands:
        return None
    pattern = re.compile(r"\b(" + "|".join(re.escape(e.text) for e in names) + r")(['’]s)?\b", re.I)
    rest = " ".join(pattern.sub(" ", ctx.question).split())
    if len(content_terms(rest)) < FOCUS_MIN_TERMS:
        return None  # "is <system> a real person?": too little is asked beyond the name to judge by meaning
    qvec = ctx.retriever.embed_query(rest)
    # Each sentence encoded alone: a vector pooled from its passage carries the passage's names, the very
    # thing taken out of the question.
    texts = list(dict.fromkeys(c.span.text for c in cands[:FOCUS_SENTENCES]))
    sims = ctx.retriever.sentence_vectors.vectors(texts) @ qvec
    return float(np.max(sims)) if len(sims) else None


def _holds_identifier(ctx: Context, cands: Sequence[Candidate]) -> bool:
    """Whether the best sentence writes a record id the question names: evidence by identity, which a question as
    bare as "what is HZ-12 about?" cannot show by meaning (an id carries none)."""
    return bool(cands) and any(Entity(i, "identifier").mentioned_in(cands[0].span.text)
                               for i in _identifiers(ctx))  # fmt: skip


#: Weight of the sentence's own similarity in the abstention signal (the rest is its passage's).
W_SENTENCE = 0.5


def _question_text(ctx: Context) -> str:
    return _follow_up_query(ctx) if ctx.context else ctx.question


def _meaning(ctx: Context) -> Callable[[Sequence[tuple[Hit, Span, str]]], Any]:
    """Cosine similarity of sentences to the question; only the question is encoded.

    A sentence's vector is pooled from its passage's own encoding (kept since ingest, see
    ``ingestion.sentence_vectors``); one its passage cannot give (past the model's window) is encoded alone.
    """
    qvec = ctx.retriever.embed_query(_question_text(ctx))

    def score(items: Sequence[tuple[Hit, Span, str]]) -> Any:
        return _sentence_similarities(ctx, items, qvec)

    return score


def _sentence_similarities(ctx: Context, items: Sequence[tuple[Hit, Span, str]], qvec: np.ndarray) -> np.ndarray:
    """Cosine similarity of each sentence to ``qvec``: pooled from its passage's encoding where the passage gives it,
    else the third element (the sentence with its heading) encoded alone."""
    store = ctx.retriever.sentence_vectors
    hits = list({h.chunk_id: h for h, _, _ in items}.values())
    pooled = store.passage_sentences([(h.text, embed_text(h.text, str(h.meta.get("section") or ""))) for h in hits])
    by_chunk = {h.chunk_id: p for h, p in zip(hits, pooled, strict=True)}
    sims = np.zeros(len(items), dtype=np.float32)
    free: list[int] = []
    for i, (hit, span, _) in enumerate(items):
        vec = by_chunk[hit.chunk_id].get((span.start, span.end))
        if vec is None:
            free.append(i)
        else:
            sims[i] = float(vec @ qvec)
    if free:
        sims[free] = store.vectors([items[i][2] for i in free]) @ qvec
    return sims


def _question_entities(ctx: Context, text: str | None = None) -> list[Entity]:
    """The named things of the question, or of ``text`` (``assistant.answering.semantic.named_entities``)."""
    vocab = _catalog_vocabulary(ctx.catalog)
    return named_entities(
        ctx.question if text is None else text,
        lambda word: bool(content_terms(word)) and all(t in vocab for t in content_terms(word)),
        ctx.retriever.term_share,
        ctx.retriever.written_forms,
    )


def _must_name(ctx: Context) -> Callable[[Hit], bool] | None:
    """A filter keeping passages that name the question's named things (records, systems, suppliers), if any."""
    entities = ctx.entities
    earlier = ctx.earlier_entities
    if not entities and not earlier:
        return None

    def keep(hit: Hit) -> bool:
        if earlier and _names_any(earlier, hit):
            return False  # "the other supplier": a passage about the one discussed before is not the answer
        if not entities:
            return True
        return entity_filter(entities, hit.text, str(hit.meta.get("title", "")), str(hit.meta.get("section", "")))

    return keep


def _nearest_docs(hits: Sequence[Hit], n: int = 3) -> str:
    names: list[str] = []
    for h in hits:
        label = f"{h.meta.get('title', h.doc_id)} ({h.doc_id})"
        if label not in names:
            names.append(label)
        if len(names) >= n:
            break
    return "; ".join(names)


def _abstain(ctx: Context, b: _Builder, hits: Sequence[Hit], subject: str, ids: Sequence[str]) -> Composed:
    b.note(f"I found no evidence of {subject} in your documents.")
    if hits:
        b.note(f"The nearest documents I found (they do not answer it): {_nearest_docs(hits)}.")
    verdict: Verdict | None = None
    ids = ids or _best_topic(ctx, ctx.resolver.resolve(ctx.question))
    if ids:
        # The question maps onto a clause/control: say whether that one has evidence at all.
        gap = ctx.assessor.assess(ids[0], ctx.clearance)
        entry = ctx.catalog[ids[0]]
        b.note(f"Closest ISO/IEC 42001 entry: {entry.label} {entry.title} — coverage **{gap.status}**.")
        if gap.status == "missing":
            verdict = "missing"
    return _answer(ctx, b, abstained=True, verdict=verdict, clauses=ids, hits=hits)


# --- fact and evidence --------------------------------------------------------------------------------


def _register(ctx: Context, hits: Sequence[Hit], ids: Sequence[str]) -> Composed | None:
    """A list, filter or count question over one register (``assistant.registers``): the count, then each row, cited."""
    from assistant.registers import MAX_ROWS_SHOWN, answer_register

    found = answer_register(
        ctx.question, hits, ctx.clearance, ctx.settings, ctx.retriever.embedder.embed_documents, context=ctx.context
    )
    if found is None:
        return None
    shown = found.rows[:MAX_ROWS_SHOWN]
    stored = ctx.retriever.get_chunks([r.chunk_id for r in shown], ctx.clearance)
    b = _Builder()
    b.note(found.headline())
    tolerated: list[str] = []
    for row in shown:
        chunk = stored.get(row.chunk_id)
        if chunk is not None:
            b.quote_line(chunk, row.quote)
            # Ids in a quoted row are the document's own words, not claims to check against the catalog.
            tolerated.extend(ctx.resolver.resolve(row.quote, topical=False).invalid)
    if found.count > len(shown):
        b.note(f"... and {found.count - len(shown)} more rows (not listed here).")
    rows = [*stored.values(), *(h for h in hits if h.chunk_id not in stored)]
    return _answer(ctx, b, clauses=ids, hits=rows, tolerated=tolerated)


def _fact(ctx: Context, res: Resolution) -> Composed:
    ids = _topic_ids(res, min_score=STRONG_TOPIC)
    hits = _search(ctx, ids)
    listed = _register(ctx, hits, ids)
    if listed is not None:
        return listed
    b = _Builder()
    terms = QueryTerms.build(ctx.question, _follow_up_query(ctx) if ctx.context else "", _expansion(ctx.catalog, ids))
    cands = candidates(
        hits,
        terms,
        ctx.retriever.listing_docs(),
        meaning=_meaning(ctx),
        must_name=_must_name(ctx),
        named_docs=named_documents(ctx.question, hits),
        identifiers=_identifiers(ctx),
    )
    if not cands or (_weak_evidence(ctx, cands) and not _holds_identifier(ctx, cands)):
        return _abstain(ctx, b, hits, "an answer to this", ids)
    if ctx.llm is not None:
        generated = _llm_answer(ctx, hits, ids, "")
        if generated is not None:
            return generated
    history = bool(_HISTORY.search(ctx.question) or (ctx.context and _HISTORY.search(ctx.context)))
    chosen = select(cands, history=history)
    conflict = find_conflict(cands, ctx.retriever.embedder)
    if conflict is not None:
        for c in (conflict.first, conflict.second):
            if c not in chosen:
                chosen.append(c)
    lead = lead_value(terms, chosen[0].span.text) if chosen else None
    if lead is not None:
        # The direct answer first (the number, the interval, the date, the owner), cited to its sentence.
        b.lines.append(f"**{lead}** [{b.cite(chosen[0].hit, chosen[0].span.text)}]")
    for c in chosen:
        b.quote_line(c.hit, c.span.text)
    if conflict is not None:
        _conflict_note(b, conflict)
    return _answer(ctx, b, clauses=ids, hits=hits)


def _conflict_note(b: _Builder, conflict: Conflict) -> None:
    a, c = conflict.first, conflict.second
    na, nc = b.cite(a.hit, a.span.text), b.cite(c.hit, c.span.text)
    va, vc = conflict.first_quantity.text, conflict.second_quantity.text
    b.lines.append(
        f"Your documents disagree on this: {a.hit.meta.get('title', a.hit.doc_id)} says {va} [{na}] "
        f"while {c.hit.meta.get('title', c.hit.doc_id)} says {vc} [{nc}]."
    )
    b.warnings.append(
        f"Contradiction: {a.hit.doc_id} ({va}) and {c.hit.doc_id} ({vc}) disagree on "
        f"{conflict.first_quantity.subject or 'the same quantity'}; one of them needs correcting."
    )


def _evidence(ctx: Context, res: Resolution) -> Composed:
    ids = _topic_ids(res, min_score=STRONG_TOPIC)
    hits = _search(ctx, ids, k=10)
    listed = _register(ctx, hits, ids)
    if listed is not None:
        return listed
    b = _Builder()
    terms = QueryTerms.build(ctx.question, _follow_up_query(ctx) if ctx.context else "", _expansion(ctx.catalog, ids))
    cands = candidates(
        hits,
        terms,
        ctx.retriever.listing_docs(),
        meaning=_meaning(ctx),
        must_name=_must_name(ctx),
        named_docs=named_documents(ctx.question, hits),
        identifiers=_identifiers(ctx),
    )
    if not cands or (_weak_evidence(ctx, cands) and not _holds_identifier(ctx, cands)):
        return _abstain(ctx, b, hits, "records matching this", ids)
    best = cands[0].score
    picked: list[Candidate] = []
    per_doc: dict[str, int] = {}
    for c in cands:
        if c.score < best * 0.55 or len(picked) >= 8:
            break
        # A register may hold several matching rows; a prose document is shown by its best sentence.
        limit = 3 if is_record(c.hit.text) else 1
        if per_doc.get(c.hit.doc_id, 0) >= limit or any(p.hit.chunk_id == c.hit.chunk_id for p in picked):
            continue
        per_doc[c.hit.doc_id] = per_doc.get(c.hit.doc_id, 0) + 1
        picked.append(c)
    b.note("Documents and records that match:")
    for c in picked:
        m = c.hit.meta
        where = ", ".join(x for x in (str(m.get("section", "")), f"p. {m['page']}" if m.get("page") else "") if x)
        label = f"**{m.get('title', c.hit.doc_id)}** ({c.hit.doc_id}{'; ' + where if where else ''})"
        b.quote_line(c.hit, c.span.text, prefix=f"- {label}: ")
    return _answer(ctx, b, clauses=ids, hits=hits)


# --- interpretation ----------------------------------------------------------------------------------


def _interpretation(ctx: Context, res: Resolution) -> Composed:
    ids = _topic_ids(res, limit=1)
    if not ids:
        return _fact(ctx, res)
    entry = ctx.catalog[ids[0]]
    b = _Builder()
    b.note(f"**{entry.label.capitalize()} — {entry.title}**")
    b.note("_Guidance: Clausewise's own summary of the standard, not evidence from your documents._")
    b.note("> " + entry.summary.strip().replace("\n", " "))
    b.note("")
    b.note("What an auditor checks:")
    for o in entry.obligations:
        b.note(f"- {o}")
    if re.search(r"\bappl(y|ies|icable)\b", ctx.question, re.I) and entry.is_annex_a:
        b.note("")
        b.note(
            "Whether an Annex A control applies to you is decided in your Statement of Applicability "
            "(clause 6.1.3), with a justification for each exclusion."
        )
    hits = _search(ctx, [entry.id], query=f"{ctx.question} {entry.title}")
    terms = QueryTerms.build(ctx.question + " " + entry.title, ctx.context, " ".join(entry.keywords))
    own = [
        c
        for c in candidates(hits, terms, ctx.retriever.listing_docs(), meaning=_meaning(ctx))
        if entry.id in c.hit.clause_refs or c.overlap >= 0.2 or c.meaning >= 0.5
    ]
    chosen = select(own, limit=3, ratio=0.6)
    b.note("")
    if chosen:
        b.note("What your documents say:")
        for c in chosen:
            b.quote_line(c.hit, c.span.text)
    gap = ctx.assessor.assess(entry.id, ctx.clearance)
    _gap_lines(b, entry, gap, ctx, hits, heading=True)
    return _answer(ctx, b, verdict=gap.status, clauses=[entry.id], hits=hits)


# --- gaps --------------------------------------------------------------------------------------------


def _gap(ctx: Context, res: Resolution) -> Composed:
    ids = _best_topic(ctx, res)
    b = _Builder()
    if not ids:
        if _names_a_topic(ctx):
            # "Is there a way to raise worries without giving our name?" names a topic no clause title matched:
            # the documents answer it, the whole-system overview would not.
            return _fact(ctx, res)
        return _gap_overview(ctx, b)
    entry = ctx.catalog[ids[0]]
    gap = ctx.assessor.assess(entry.id, ctx.clearance)
    hits = _search(ctx, [entry.id], query=f"{ctx.question} {entry.title}")
    if gap.status == "missing":
        b.note(f"**Missing.** I found no evidence of {entry.title.lower()} ({entry.label}) in your documents.")
        if gap.evidence_strength == "lists_only":
            b.note("It is only listed (for example in a Statement of Applicability); no document shows it in place.")
        if hits:
            b.note(f"The nearest documents I found (they do not evidence it): {_nearest_docs(hits)}.")
        b.note(f"An auditor would expect: {', '.join(entry.evidence)}.")
        return _answer(ctx, b, verdict="missing", abstained=True, clauses=[entry.id], hits=hits)
    word = "Covered" if gap.status == "covered" else "Partly covered"
    b.note(f"**{word}:** {entry.title} ({entry.label}). {gap.rationale}")
    _gap_lines(b, entry, gap, ctx, hits, heading=False)
    return _answer(ctx, b, verdict=gap.status, clauses=[entry.id], hits=hits)


def _gap_lines(
    b: _Builder, entry: CatalogEntry, gap: GapItem, ctx: Context, hits: Sequence[Hit], *, heading: bool
) -> None:
    if heading:
        b.note("")
        b.note(f"Coverage: **{gap.status}** — {gap.rationale}")
    stored = ctx.retriever.get_chunks([c.chunk_id for c in gap.citations], ctx.clearance)
    if gap.citations:
        b.note("Evidence:")
        for c in gap.citations[:4]:
            chunk = stored.get(c.chunk_id)
            if chunk is not None:
                n = b.add_citation(c, chunk.text)
                b.lines.append(f"- {display(c.quote)} [{n}]")
    if gap.missing_obligations and gap.status != "missing":
        b.note("Not evidenced yet:")
        for o in gap.missing_obligations[:6]:
            b.note(f"- {o}")


#: Named rule: the words of a coverage question about the whole system ("what are we missing?", "are we ready
#: for certification?"). A gap question with a content word beyond these and the catalog's vocabulary names a
#: topic of its own, which the overview of every clause does not answer.
_OVERVIEW_WORDS = frozenset(content_terms(
    "missing gap gaps covered coverage cover lacking lack weak weakest evidence evidenced ready readiness "
    "certification certified certify compliant compliance comply conform conformity iso 42001 aims overall "
    "anything everything where still short fall falling behind need needs"
))  # fmt: skip


def _names_a_topic(ctx: Context) -> bool:
    """Whether a gap question names something beyond coverage words and the standard's vocabulary."""
    vocab = _catalog_vocabulary(ctx.catalog)
    return any(t not in vocab and t not in _OVERVIEW_WORDS for t in content_terms(ctx.question))


def _gap_overview(ctx: Context, b: _Builder) -> Composed:
    report = ctx.assessor.report("all", ctx.clearance, "asker")
    counts = report.counts
    b.note(
        f"Across {len(report.items)} clauses and controls: {counts.get('covered', 0)} covered, "
        f"{counts.get('partial', 0)} partial, {counts.get('missing', 0)} missing."
    )
    leaves = [i for i in report.items if not ctx.catalog.children(i.id)]
    missing = [i for i in leaves if i.status == "missing"]
    partial = [i for i in leaves if i.status == "partial"]
    if missing:
        b.note("Missing (no evidence): " + "; ".join(f"{i.id} {i.title}" for i in missing) + ".")
    if partial:
        b.note("Partial: " + "; ".join(f"{i.id} {i.title}" for i in partial) + ".")
    b.note("Run `clausewise gaps` for the full report with evidence.")
    return _answer(ctx, b, clauses=[i.id for i in missing + partial], hits=[])


# --- checklists and drafts -----------------------------------------------------------------------------


def _checklist(ctx: Context, res: Resolution) -> Composed:
    ids = _topic_ids(res, limit=3)
    b = _Builder()
    if not ids:
        b.note(
            'Name a clause, control or topic for the checklist, e.g. "checklist for A.6.2.6" or '
            '"checklist for internal audit".'
        )
        return _answer(ctx, b, abstained=True)
    cl = build_checklist(ids, ctx.catalog, ctx.assessor, ctx.clearance, "Audit checklist")
    b.note(f"**Audit checklist — {', '.join(f'{i} {ctx.catalog[i].title}' for i in ids)}**")
    stored = ctx.retriever.get_chunks([c.chunk_id for it in cl.items for c in it.evidence_found], ctx.clearance)
    for it in cl.items:
        box = {"covered": "x", "partial": "~", "missing": " "}[it.status]
        b.note(f"- [{box}] {it.id}: {it.check} (owner: {it.suggested_owner})")
        for c in it.evidence_found:
            chunk = stored.get(c.chunk_id)
            if chunk is not None:
                b.lines.append(f"    - {display(c.quote)} — {c.title} [{b.add_citation(c, chunk.text)}]")
    b.note("Export with `clausewise checklist " + " ".join(ids) + " --format xlsx --out checklist.xlsx`.")
    return _answer(ctx, b, clauses=ids)


def _policy_draft(ctx: Context, res: Resolution) -> Composed:
    ids = _topic_ids(res, limit=3)
    b = _Builder()
    if not ids:
        b.note('Name the clauses, controls or topic the policy must address, e.g. "draft a policy for A.5".')
        return _answer(ctx, b, abstained=True)
    topic = ctx.catalog[ids[0]].title if res.ids else re.sub(r"(?i)^.*?\b(for|on|about)\b\s*", "", ctx.question)
    draft = build_draft(topic or ctx.catalog[ids[0]].title, ids, ctx.catalog, ctx.assessor, ctx.clearance)
    stored = ctx.retriever.get_chunks([c.chunk_id for c in draft.citations], ctx.clearance)
    for c in draft.citations:
        chunk = stored.get(c.chunk_id)
        if chunk is not None:
            b.cites.append(c)
            b.chunk_texts[c.chunk_id] = chunk.text
    for line in draft.markdown.splitlines():
        if re.search(r"\[\d+\]", line):
            b.lines.append(line)
        else:
            b.note(line)
    return _answer(ctx, b, clauses=ids)


# --- LLM --------------------------------------------------------------------------------------------------


def _llm_answer(ctx: Context, hits: Sequence[Hit], ids: Sequence[str], guidance: str) -> Composed | None:
    from assistant.llm import ContextPassage, LlmError

    top = list(hits[:6])
    passages = [
        ContextPassage(
            n=i + 1,
            title=str(h.meta.get("title", h.doc_id)),
            section=str(h.meta.get("section", "")),
            # The model never reads text addressed to it: such sentences are replaced by a marker.
            text=injection.redact(h.text),
        )
        for i, h in enumerate(top)
    ]
    b = _Builder()
    try:
        raw = ctx.llm.compose(ctx.question, ctx.intent, passages, guidance)
    except LlmError as exc:
        log.warning("LLM failed, falling back to extractive: %s", exc)
        return _fallback(ctx, f"The language model failed ({exc}); this is the extractive answer.")
    # Each [n] becomes a citation of the sentence of passage n that best matches the claim citing it.
    marker = re.compile(r"\[(\d{1,3})\]")
    chosen: dict[int, int] = {}
    lines: list[str] = []
    for line in raw.splitlines():

        def swap(m: re.Match[str], line: str = line) -> str:
            k = int(m.group(1))
            if not 1 <= k <= len(top):
                return m.group(0) + "\u200b"  # an out-of-range marker stays invalid and is removed
            if k not in chosen:
                quote = best_sentence(top[k - 1].text, line)
                if quote is None:
                    return ""
                chosen[k] = b.cite(top[k - 1], quote)
            return f"[{chosen[k]}]"

        lines.append(marker.sub(swap, line))
    b.lines.extend(ln.replace("\u200b", "") for ln in lines)
    composed = _answer(ctx, b, clauses=ids, hits=hits, answerer=ctx.llm.name)
    if not composed.answer.citations:
        return _fallback(ctx, "The language model's answer had no verifiable citations; this is the extractive answer.")
    return composed


def _fallback(ctx: Context, warning: str) -> Composed:
    plain = replace(ctx, llm=None)  # the fields only: cached derived values (entities) are found again
    composed = compose(plain)
    composed.answer.warnings.append(warning)
    return composed


def llm_section_writer(llm: Any, retriever: Retriever, resolver: ClauseResolver) -> Callable[..., str]:
    """A draft-section writer that keeps only generated sentences citing the section's own evidence."""
    from assistant.llm import ContextPassage, LlmError

    def write(heading: str, obligations: Sequence[str], cites: Sequence[Citation]) -> str:
        if not cites:
            return ""
        passages = [ContextPassage(n=c.n, title=c.title, section=c.section, text=c.quote) for c in cites]
        try:
            raw = llm.draft_section(heading, obligations, passages)
        except LlmError as exc:
            log.warning("LLM draft failed: %s", exc)
            return ""
        valid = {c.n: c for c in cites}
        kept: list[str] = []
        for line in raw.splitlines():
            checked = verifier.verify_line(line, valid, resolver, set(), [])
            if checked:
                kept.append(checked)
        return "\n".join(kept)

    return write


def _unknown_ids(ctx: Context, res: Resolution) -> Composed:
    b = _Builder()
    for bad in res.invalid:
        near = ", ".join(ctx.resolver.nearest(bad, 3))
        b.note(f"{bad} does not exist in ISO/IEC 42001:2023. Nearest real ids: {near}.")
    b.note("Ask again with one of those, or describe the topic in words.")
    return _answer(ctx, b, abstained=True, tolerated=res.invalid)
