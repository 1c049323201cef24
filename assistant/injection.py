"""Prompt-injection detection: sentences in a document that address an AI assistant or instruct it.

Such a sentence is data, never an instruction and never evidence: answers do not quote it, an LLM never sees
it, and the answer warns, naming the document. A sentence is scored by named pattern signals (:data:`SIGNALS`)
in two groups — *to whom* it speaks (an AI, the AI's user or answer) and *what* it asks (drop instructions,
dictate or suppress the answer, an imperative) — plus extras and its embedding similarity to a shipped exemplar
set (``assistant/data/injection_exemplars.yaml``). Within a group only the strongest signal counts, so two
wordings of the same thing never add up; it is an injection when the total reaches :data:`INJECTION_THRESHOLD`.

Cost: the patterns are regular expressions; only sentences that pass a cheap pre-filter (:data:`CUE`) are
embedded, in one batch per call, and every verdict is cached by sentence text.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import yaml

from assistant.injection_probe import InjectionProbe
from assistant.obfuscation import reveal
from assistant.text import is_record, sentences
from ingestion.embedding import Embedder

#: A sentence scoring this much or more is an injection.
INJECTION_THRESHOLD = 0.8
#: The semantic signal is a logistic-regression probe over the sentence embedding (assistant/injection_probe.py),
#: trained on the shipped labelled sets. Its P(injection) above :data:`SEMANTIC_CENTER` adds up to
#: :data:`SEMANTIC_WEIGHT` (all of it from :data:`SEMANTIC_SURE`), below subtracts up to :data:`BENIGN_WEIGHT`.
#: The probe has seen a few hundred sentences and is over-confident on prose unlike them (legal text), so
#: without a pattern anchor — an addressee signal, or a directive of weight 0.5 or more — it adds at most
#: :data:`UNANCHORED_WEIGHT`. The values come from leave-one-set-out calibration (bench/calibrate_injection.py).
SEMANTIC_CENTER = 0.5
SEMANTIC_SURE = 0.9
SEMANTIC_WEIGHT = 0.6
UNANCHORED_WEIGHT = 0.3
BENIGN_WEIGHT = 0.4
#: The shipped exemplar set.
EXEMPLARS = Path(__file__).parent / "data" / "injection_exemplars.yaml"
#: Verdicts kept per detector (sentence text -> assessment).
CACHE_SIZE = 50_000

#: A reader named by what it does to this text rather than what it is: "summarizers", "systems summarizing this
#: model card", "tools generating the minutes", "whoever or whatever is summarising". People are rarely named
#: so in governance prose (they are "reviewers", "the committee"), so the phrase counts as an AI reader.
_READER_ROLE = (
    r"(?:ai |automated |machine )?summari[sz]ers?|"
    r"(?:systems?|tools?|engines?|programs?|software) (?:that |which )?"
    r"(?:summari[sz]|generat|describ|read|process|answer|pars|index|ingest)\w*|"
    r"whoever or whatever"
)
#: Words for an AI reader. Bare "model" and "agent" also name risk models and contact-centre agents, so the
#: strict form wants a determiner before them.
_AI = (
    r"(?:a\.?i\.?|ai (?:assistant|system|tool|model|agent|reviewer|reader)s?|assistants?|chat ?bots?|bots?|llms?|"
    r"(?:large )?language models?|gpts?|copilots?|models?|agents?|machine readers?|machines?(?! learning)|"
    r"generative (?:ai )?(?:system|tool|model|assistant)s?|reader models?|"
    r"(?:summari[sz]ing|answering|retrieval|reading) (?:system|tool|engine|assistant|model)s?|"
    r"automated (?:assistant|reviewer|assessor|review system|system|tool|reader)s?|" + _READER_ROLE + ")"
)
_AI_STRICT = (
    r"(?:a\.?i\.?(?: (?:assistant|system|tool|model|agent|reviewer|reader)s?)?|assistants?|chat ?bots?|bots?|llms?|"
    r"(?:large )?language models?|gpts?|copilots?|(?:the|any|every|an?) (?:model|agent)s?|machine readers?|"
    r"machines?(?! learning)|automated (?:assistant|reviewer|assessor|review system|system|tool|reader)s?|"
    r"generative (?:ai )?(?:system|tool|model|assistant)s?|reader models?|"
    r"(?:summari[sz]ing|answering|retrieval|reading) (?:system|tool|engine|assistant|model)s?|" + _READER_ROLE + ")"
)
_AI_GENERIC = (
    r"(?:(?:any|all|every|each)\s+(?:\w+\s+)?" + _AI + r"|ai (?:assistant|system|tool|model|agent|reviewer)s|"
    r"assistants|chat ?bots|bots|llms|(?:large )?language models|models|machine readers|"
    r"automated (?:assistant|reviewer|assessor|review system|system|tool|reader)s)"
)
_DEIXIS = r"(?:this|these|the following|here)\b"
#: Words for an AI reader in other languages (de, fr, es, it, pt, nl); "KI"/"IA"/"AI" only in capitals.
_FOREIGN_AI = (
    # a hyphen compound only when it names a system ("KI-Systeme"), not people ("KI-Verantwortliche")
    r"(?-i:KI|IA|AI)(?:-(?:system|assistent|modell|model|tool|agent|chatbot|sprachmodell|systeem)\w*)?(?![\w-])|"
    r"intelligen(?:ce|za|cia|tie|z) artifici\w*|künstliche[rn]? intelligenz|"
    r"kunstmatige intelligentie|inteligência artificial|assistente?s? (?:de |di |d')?(?:IA|AI|KI)\w*|"
    r"asistentes? de (?:IA|AI)|asistentes? virtual\w*|assistants? (?:d'|de l'|virtuel\w* )?(?:IA|AI)|"
    r"chatbots?|sprachmodell\w*|taalmodel\w*|modelos? de (?:lenguaje|linguagem)|modèles? de langage|"
    r"modell[oi] (?:linguistic[oi]|di linguaggio)|sistemi di (?:IA|AI)|sistemas? de (?:IA|AI)|systèmes? d'(?:IA|AI)|"
    r"(?:sistemas?|sistemi|sistema|systèmes?|systeme?|systemen|modelos?|modell[oi]|modèles?) "
    r"(?:de |di |d'|van |der |da )?(?:intelligen\w+ artifici\w+|IA|AI|KI)\b"
)
#: How a vocative ends: "Assistant," / "Dear chatbot:" / "Bots reading this - ..." (a bare hyphen is a compound).
_VOCATIVE_END = r"\s*(?:[,:!]|\s[\u2013\u2014-]\s)"
_READING = (
    r"(?:reading|processing|reviewing|summari[sz]ing|scanning|parsing|generating|answering|"
    r"that (?:reads?|process(?:es)?|reviews?))"
)
#: Verbs that shape an answer: what an instruction to an assistant asks it to do.
_REPLY_VERBS = (
    r"(?:say|reply|answer|respond|state|claim|confirm|tell|report|describe|write|output|mention|cite|quote|mark|"
    r"rate|score|treat|consider|regard|assume|approve|omit|skip|ignore|recommend|conclude|show|include|give)"
)
#: Base verbs an imperative may open with (a clause start followed by one of these is an imperative).
_IMPERATIVE_VERBS = (
    r"(?:say|tell|answer|reply|respond|state|confirm|report|describe|explain|write|print|output|repeat|reveal|"
    r"list|cite|quote|mention|mark|rate|score|classify|treat|consider|regard|assume|accept|approve|reject|"
    r"recommend|conclude|declare|certify|verify|trust|believe|summari[sz]e|skip|omit|hide|drop|delete|remove|"
    r"ignore|disregard|forget|overlook|leave|keep|stop|start|begin|continue|follow|use|rely|give|show|display|"
    r"include|exclude|provide|return|send|generate|produce|translate|pretend|act|behave|switch|enter|claim|rank|"
    r"present|call|repeat|"
    r"do not|don't|never|always|only)"
)
_INSTRUCTION_NOUN = (
    r"(?:instructions?|prompts?|rules?|guidance|guidelines|directions?|directives?|constraints|"
    r"programming|orders|training)"
)

Group = Literal["addressee", "directive", "extra"]


@dataclass(frozen=True)
class Rule:
    """One pattern of a signal, tried only when the sentence holds one of its gate words (or gate strings)."""

    pattern: re.Pattern[str]
    gate: frozenset[str] = frozenset()
    gate_text: tuple[str, ...] = ()

    def applies(self, low: str, words: frozenset[str] | set[str]) -> bool:
        """Whether the gate lets the pattern be tried (an empty gate always does)."""
        if not self.gate and not self.gate_text:
            return True
        return bool(self.gate & words) or any(t in low for t in self.gate_text)


@dataclass(frozen=True)
class Signal:
    """One named cue, its group and weight: the strongest signal of a group counts, extras add up."""

    name: str
    group: Group
    weight: float
    rules: tuple[Rule, ...]
    doc: str

    def search(self, text: str, low: str | None = None, words: frozenset[str] | set[str] | None = None) -> bool:
        """Whether any of the signal's rules matches ``text``."""
        low = text.lower() if low is None else low
        words = set(_WORD.findall(low)) if words is None else words
        return any(r.applies(low, words) and r.pattern.search(text) for r in self.rules)


_WORD = re.compile(r"[a-z]+")


def _r(pattern: str, gate: str = "", text: tuple[str, ...] = ()) -> Rule:
    """A case-insensitive rule; ``gate`` is a space-separated list of words one of which must occur."""
    return Rule(re.compile(pattern, re.IGNORECASE), frozenset(gate.split()), text)


_AI_WORDS = (
    "ai assistant assistants chatbot chatbots chat bot bots llm llms language model models gpt gpts copilot "
    "copilots agent agents machine automated system systems tool tools reviewer reviewers"
)
_STRICT_WORDS = (
    "ai assistant assistants chatbot chatbots chat bot bots llm llms language gpt copilot machine machines automated"
)
_VERB_WORDS = " ".join(_IMPERATIVE_VERBS.strip("(?:)").replace("summari[sz]e", "summarise summarize").split("|"))

#: The pattern signals, documented one by one.
SIGNALS: tuple[Signal, ...] = (
    # --- to whom: an AI reader, or the AI's user and answer ----------------------------------------------
    Signal(
        "chat_template",
        "addressee",
        1.2,
        (
            _r(r"<\|[a-z_]+\|>|\[/?inst\]|<</?sys>>", text=("<|", "[inst", "[/inst", "<<sys")),
            _r(r"\bbegin (?:hidden |secret )?instructions\b", "begin"),
        ),
        "chat-template tokens or instruction fences, which only a model reads (enough on their own)",
    ),
    Signal(
        "role_prefix",
        "addressee",
        0.6,
        (
            _r(r"\A\W*(?-i:SYSTEM|ASSISTANT|ADMIN|DEVELOPER|OPERATOR)(?-i: [A-Z]+)?\s*[:\]>]"),
            _r(r"\A\W*[\[<(]\s*(?:system|assistant|admin|developer|operator)(?: \w+)?\s*[\]>)]"),
            _r(r"\A\W*(?:system|admin|developer)\s+(?:message|prompt|override|note|instructions?)\s*[:\]>]"),
            _r(r"\A\W*(?:<!--\s*)?(?:(?:ai|the|dear) )?(?:assistant|ai|chat ?bot|bot|llm|copilot|summari[sz]er)\s*:"),
            _r(r"\A\W*(?-i:system|user|developer)\s*:"),
            _r(r"\b(?:user|human)\s*:[^\n]{0,80}\bassistant\s*:", "assistant"),
        ),
        "a chat role label opening the sentence (SYSTEM:, [system], 'assistant:'); a Title-case register label "
        "such as 'System: name' does not count, and a label alone is not enough without an instruction",
    ),
    Signal(
        "addressee",
        "addressee",
        0.6,
        (
            # vocatives opening the sentence: "Dear chatbot,", "Note to the AI reading this:", "Assistant,"
            _r(
                r"\A\W*(?:hey|hi|hello|dear|attention|p\.?s\.?|note (?:to|for)|message (?:to|for)|reminder (?:to|for)|"
                r"(?:important |priority )?(?:instructions?|message|note) (?:to|for))(?: there)?\s+"
                r"(?:the |any |all |every |an? )?(?:\w+ )?"
                + _AI
                + r"(?:\s+"
                + _READING
                + r"(?:\s+\w+){0,2})?"
                + _VOCATIVE_END
            ),
            _r(r"\A\W*(?:assistant|ai|chat ?bot|bot|llm|gpt|copilot)(?: (?:reviewer|reader|assistant|system))?\s*[,!]"),
            # a vocative after a field label ("DESCRIPTION:Copilot, when you ..."), as pasted records carry them
            _r(
                r"[:>\]]\s*" + _AI_STRICT + r"\s*,\s*(?:please|kindly|you|when|whenever|if|from now|before|after|"
                + _IMPERATIVE_VERBS + r")\b",
                _STRICT_WORDS,
            ),
            _r(
                r"\A\W*(?:dear |hey |hi |hello |ok |okay )?(?:the )?(?:ai |large )?(?:language )?"
                r"(?:model|system|tool|agent)\s*,\s*(?:please|kindly|you|your|now|" + _IMPERATIVE_VERBS + r")\b"
            ),
            _r(
                r"\A\W*(?:the |any |all |every )?(?:\w+ )?"
                + _AI
                + r"\s+"
                + _READING
                + r"(?:\s+\w+){0,2}"
                + _VOCATIVE_END
            ),
            _r(r"\A\W*(?:any|all|every) (?:\w+ )?" + _AI + _VOCATIVE_END),
            _r(r"\A\W*" + _AI_STRICT + r"\s+(?:instructions?|note|message|notice)" + _VOCATIVE_END),
            # a vocative closing the sentence, or in an aside: "..., AI assistant." / "(For AI assistants only: ...)"
            _r(r",\s*(?:dear |my )?" + _AI_STRICT + r"\s*[.!]?\s*\Z", _STRICT_WORDS + " model agent"),
            _r(r"\(\s*(?:for )?(?:the |any |all )?(?:\w+ )?" + _AI + r"(?: only)?\s*[:,]", _AI_WORDS),
            _r(r"\byou,? (?:the|an?|as (?:an?|the)) " + _AI_STRICT + r"\b", "you"),
            # "to the chatbot -", "for AI assistants only", "message for the model", "meant for the AI"
            _r(
                r"\b(?:to|for) (?:the |any |all |every )(?:\w+ )?"
                + _AI_STRICT
                + r"(?: only)?\s*(?::|\s[\u2013\u2014-]\s)",
                _STRICT_WORDS + " model models agent agents",
            ),
            _r(
                r"\b(?:to|for) (?:the |any |all |every )?(?:\w+ )?" + _AI_STRICT + r"\s+(?:only\b|" + _READING + r")",
                _STRICT_WORDS + " model models agent agents",
            ),
            _r(
                r"\b(?:message|instructions?|note|reminder|directive) (?:to|for) (?:the |any |all |every )?(?:\w+ )?"
                + _AI_STRICT
                + r"(?![\w-])",
                "message instruction instructions note reminder directive",
            ),
            _r(
                r"\b(?:is|are) (?:meant |intended |written |only )?(?:for|to) (?:the |any |an? )?"
                + _AI_STRICT
                + r"\b[^.]{0,20}\bnot (?:for )?(?:humans|people|staff)",
                "humans people staff",
            ),
            _r(
                r"\b(?:this|the) (?:message|note|text|line|paragraph|section) is (?:meant |intended |written |only )?"
                r"(?:for|to) (?:the |any |an? )?" + _AI_STRICT + r"\b",
                "message note text line paragraph section",
            ),
            _r(
                r"\b(?:read|meant|intended) (?:by|for) (?:the |any |all )?(?:\w+ )?" + _AI + r"\b",
                "read meant intended",
            ),
            # "If you are an AI", "if it is an automated system", "an AI reading this", "models reading this must"
            _r(
                r"\b(?:if|when|whenever|unless) (?:you are|it is|the reader is|you're|this is read by) (?:an?|the) "
                r"(?:\w+ )?" + _AI + r"\b",
                "if when whenever unless",
            ),
            _r(
                r"\b(?:if|when|whenever) (?:an?|the|any)? ?"
                + _AI
                + r" (?:is|are) (?:reading|processing|reviewing|summari[sz]ing|asked)\b",
                "reading processing reviewing summarising summarizing asked",
            ),
            _r(
                r"\b" + _AI + r"\s+(?:" + _READING + r"|asked about)\s+" + _DEIXIS,
                "reading processing reviewing summarising summarizing scanning parsing generating answering reads "
                "processes reviews asked",
            ),
            _r(r"\b(?:could|would|can|will) (?:the |you )?" + _AI + r"\s+(?:please|kindly)\b", "please kindly"),
            _r(
                r"\b"
                + _AI_GENERIC
                + r"\s+(?:\w+\s+){0,3}?(?:must|should|shall|are to|need to|have to)\s+(?:not\s+)?"
                + _REPLY_VERBS
                + r"\b",
                "any all every each assistants chatbots bots llms models machine automated systems tools reviewers",
            ),
            _r(
                r"\b"
                + _AI
                + r"\s+(?:must|should|shall|is to)\s+(?:not\s+)?"
                + _REPLY_VERBS
                + r"\b[^.]{0,60}\b"
                + _DEIXIS,
                "this these following here",
            ),
            # "any model generating minutes from this transcript should omit", "systems summarizing this card should
            # not mention": an AI reader named by the work it does on the text, then told what to put in its answer
            _r(
                r"\b(?:" + _AI_GENERIC + r"|" + _READER_ROLE + r")\s+(?:" + _READING
                + r"|describing|citing|quoting|using|handling)\b(?:\s+[\w'-]+){0,6}?\s+"
                r"(?:must|should|shall|are to|is to|need to|have to|are required to|is required to)\s+(?:not\s+)?"
                + _REPLY_VERBS
                + r"\b",
                "reading processing reviewing summarising summarizing scanning parsing generating answering describing "
                "citing quoting using handling summarizers summarisers",
            ),
            _r(r"\binstructs? (?:ai|the assistant|the model|automated|" + _AI_GENERIC + r")", "instruct instructs"),
            _r(
                r"\bwho(?:ever)? (?:is |are )?(?:generating|writing|producing|composing) (?:the|this|an?|your) "
                r"(?:answer|reply|response|summary)",
                "generating writing producing composing",
            ),
        ),
        "speaks to an AI ('Assistant, ...', 'Hi there model!', 'If you are an AI', 'models reading this must', "
        "'..., AI assistant.', 'to whoever is generating the answer')",
    ),
    Signal(
        "reader_user",
        "addressee",
        0.4,
        (
            _r(
                r"\b(?:to|tell|show|give|inform|remind) (?:the (?:user|asker)s?|whoever (?:is )?ask\w*)\b",
                "user users asker askers whoever",
            ),
            _r(
                r"\bwhoever (?:is )?(?:asking|reading)\b|\bthe (?:user|asker) (?:is|asks|wants)\b"
                r"|\bthe (?:person|people|one) (?:asking|who asks?)\b",
                "whoever user asker asking",
            ),
            _r(
                r"\b(?:in|into|from|of|to|at the (?:end|start|beginning) of|out of)\s+(?:your|the|any|every|each)\s+"
                r"(?:answer|reply|response|summary|output)s?\b"
                r"|\byour (?:answer|reply|response|summary|output|checks)s?\b",
                "answer answers reply replies response responses summary summaries output outputs checks",
            ),
            _r(
                r"\b(?:any|all|every) questions? (?:about|on|regarding) (?:our|us|this|the (?:supplier|vendor))\b",
                "question questions",
            ),
            _r(r"\bthe (?:correct|right|only|official) answer (?:to|for)\b", "answer"),
            _r(r"<!--", text=("<!--",)),
            _r(r"\b(?:answers?|replies|responses|summaries) you (?:give|write|produce|generate)\b", "you"),
            _r(r"\b(?:before|when|whenever|as|while|after) you (?:answer|reply|respond|summari[sz]e)\s*[,.]", "you"),
            _r(
                r"\b(?:look for|search for|check|consult|seek) (?:any )?(?:other|further|additional) "
                r"(?:evidence|sources|"
                r"documents)\b",
                "other further additional",
            ),
        ),
        "speaks of the AI's user or its answer ('tell the user', 'in your response', 'any question about our ...')",
    ),
    # --- what: an instruction --------------------------------------------------------------------------------
    Signal(
        "override",
        "directive",
        1.2,
        (
            _r(
                r"\b(?:ignore|disregard|forget|override|overriding|bypass|discard|set aside|cancel|abandon|drop|"
                r"put aside|depart from|suspend)\b[^.;:!?]{0,50}?"
                r"\b(?:previous|prior|preceding|earlier|above|all|any|your|its|their|existing|original|given|configured|"
                r"standing|current|built-in|safety|system)\b[^.;:!?]{0,30}?\b"
                + _INSTRUCTION_NOUN
                + r"\b",
                "ignore disregard forget override overriding bypass discard aside cancel abandon drop depart suspend",
            ),
            _r(
                r"\b(?:ignore|disregard|forget)\s+(?:all\s+|everything\s+)?(?:above|before|previous(?:ly)?)\b"
                r"|\bforget (?:everything|all) (?:you|that you)\b"
                r"|\b(?:ignore|disregard|forget)\b[^.;:!?]{0,30}\byou (?:were|have been) (?:given|told|provided)\b",
                "ignore disregard forget",
            ),
            # "ignore the reviewer's notes above and state that ...": drop what came before, then say something.
            _r(
                r"\b(?:ignore|disregard|forget)\s+(?:the|all|any|these|those)\b[^.;:!?]{0,40}?"
                r"\b(?:above|earlier|previously|before this)\s+and\s+(?:instead\s+)?"
                r"(?:state|say|answer|reply|respond|write|tell|confirm|claim|report that|present)\b",
                "ignore disregard forget",
            ),
            _r(r"\bwhatever you (?:have been|were) told\b", "whatever"),
            _r(
                r"\b" + _INSTRUCTION_NOUN + r"\s+(?:given to you|you (?:were given|received|were told))\b"
                r"|\byour (?:previous|prior|earlier|original|old) " + _INSTRUCTION_NOUN + r"\b"
                r"|\byour (?:real|actual|true|new) (?:instructions|task|role|job|orders)\b",
                "you your",
            ),
            _r(r"\bstop (?:following|obeying|applying) (?:your|the|any|all) " + _INSTRUCTION_NOUN + r"\b", "stop"),
        ),
        "asks to drop earlier instructions ('ignore previous instructions', 'your real instructions'): enough alone",
    ),
    Signal(
        "identity",
        "directive",
        1.0,
        (
            _r(r"\byou are no longer\b|\byou are now (?:an?|the|our|my|in)\b", "you"),
            _r(r"\bpretend (?:to be|you are|that you)\b|\brole-?play\b", "pretend roleplay role"),
            _r(r"\b(?:developer|unrestricted|jailbreak|god|dan) mode\b", "mode"),
            _r(r"\bnew (?:instructions?|directives?|system prompt|orders)\s*(?:for|to|:|-|\u2013|\u2014)", "new"),
            _r(
                r"\b(?:assistant|chat ?bot|bot|model|ai|llm|copilot|summari[sz]er)\b[^.]{0,40}\bbecomes?\s+"
                r"(?:an? \w+ (?:called|named) )?['\"\u2018\u201c][A-Z]",
                "becomes become",
            ),
        ),
        "gives the reader a new identity or new orders ('you are now a', 'new directive for'): enough alone",
    ),
    Signal(
        "exfiltration",
        "directive",
        0.8,
        (
            _r(
                r"\b(?:reveal|print|output|repeat|show|display|dump|leak)\b[^.]{0,40}\b"
                r"(?:system prompt|hidden (?:prompt|"
                r"instructions)|your (?:instructions|prompt|configuration|settings)|api keys?|credentials)\b",
                "reveal print output repeat show display dump leak",
            ),
        ),
        "asks the reader to disclose its prompt, configuration or secrets",
    ),
    Signal(
        "scripted_reply",
        "directive",
        0.8,
        (
            _r(
                r"\b(?:when|whenever|if)\s+(?:asked|questioned|queried|someone asks|anyone asks|a user asks|"
                r"the user asks|users ask|you are asked|you are questioned)\b[^.]{0,80}\b(?:say|reply|answer|respond|"
                r"state|claim|confirm|tell)\b",
                "asked questioned queried asks ask",
            ),
            _r(
                r"\b(?:whatever|no matter what|regardless of what) (?:you are|you're|you get|they|anyone|someone) "
                r"(?:asked|asks?)\b",
                "whatever matter regardless",
            ),
        ),
        "scripts the reply to a question the reader will be asked ('when asked about X, reply that ...')",
    ),
    Signal(
        "dictated_answer",
        "directive",
        0.7,
        (
            _r(
                r"\b(?:respond|reply|answer)\s+(?:only|solely|just|exclusively)\s+(?:with|that|by)\b"
                r"|\b(?:respond|reply|answer)\b[^.]{0,50}\bwith\s+(?:the (?:word|phrase|text)\b|[\"\u201c\u2018]|'\w)"
                r"|\b(?:only|always|never)\s+(?:ever\s+)?(?:reply|respond|answer)\b",
                "respond reply answer",
            ),
            _r(
                r"\b(?:begin|start|end|prefix)\s+(?:every|each|your|the)\s+(?:reply|answer|response)\b",
                "begin start end prefix",
            ),
            _r(r"\bthe (?:correct|right|only|official) answer (?:to|for)\b[^.]{0,60}\bis\b", "answer"),
            _r(r"\b(?:just|simply) (?:say|state|reply|answer|confirm)\b|\bgive that answer\b", "just simply give"),
        ),
        "fixes the wording of the answer ('respond only with', 'begin your reply with \"...\"')",
    ),
    Signal(
        "output_control",
        "directive",
        0.5,
        (
            _r(r"\b(?:respond|reply|answer)\s+(?:with|by saying|that)\b", "respond reply answer"),
            _r(r"\b(?:say|state|claim|confirm|write)\s+(?:that|so)\b", "say state claim confirm write"),
            _r(r"\btell (?:the (?:user|asker|auditor|reader)s?|them|whoever|everyone|anyone|users)\b", "tell"),
            _r(
                r"\basked (?:about|on|whether|if)\b[^.]{0,60}\b(?:must |should |shall )?"
                r"(?:say|reply|answer|respond|state|"
                r"claim|confirm|tell)\b",
                "asked",
            ),
            _r(r"\b(?:always|only|never)\s+(?:say|mention|cite|quote|state|report|output)\b", "always only never"),
            _r(
                r"\b(?:in|within) (?:your|the|any) (?:answer|reply|response|summary)\b[^.]{0,20}\bthat\b",
                "answer reply response summary",
            ),
            _r(
                r"\b(?:summari[sz]e|describe|rate|score|mark|treat|classify|consider)\s+(?:this|these|us|our|every|all|"
                r"the (?:following|supplier|vendor|document|control)s?)\b[^.]{0,40}\b(?:as|the)\b",
                "summarise summarize describe rate score mark treat classify consider",
            ),
            _r(
                r"\btreat (?:the|these|this|every|all|our)\b[^.]{0,40}\bas (?:verified|true|fact|correct|confirmed|"
                r"approved|compliant|authoritative)",
                "treat",
            ),
            _r(
                r"\b(?:present|portray|call|rank|position) (?:this|these|us|our|the (?:supplier|vendor)|it)\b",
                "present portray call rank position",
            ),
        ),
        "dictates the content of the answer ('say that', 'tell the user', 'rate our controls as')",
    ),
    Signal(
        "automated_reader",
        "addressee",
        0.6,
        (
            # an agent noun ("automated summarizers", "AI reader"); an output noun only after a machine word:
            # "AI-generated summaries" is how people talk about a tool's output, not whom a sentence addresses
            _r(
                r"\b(?:automated|machine|llm|ai)[- ](?:summari[sz]ers?|readers?|reviewers?|evaluators?|parsers?|"
                r"indexers?)\b|\b(?:automated|machine|llm)[- ](?:summar(?:y|ies)|answers?|responses?|outputs?)\b",
                "automated machine llm ai",
            ),
            _r(
                r"\b(?:systems?|tools?|models?|software|programs?|agents?|anything|whatever|whoever)\s+"
                r"(?:that (?:is|are) )?(?:summari[sz]ing|processing|reading|indexing|parsing|evaluating|ingesting|"
                r"scanning)\s+(?:this|these)\b",
                "system systems tool tools model models software program programs agent agents anything whatever "
                "whoever",
            ),
            _r(r"\bif you are (?:reading|processing|summari[sz]ing|indexing|parsing|scanning) this\b", "you"),
            _r(r"\b(?:reviewers?|readers?|evaluators?) using (?:an? )?(?:automated|ai|machine)\b", "using"),
            # a document prescribing how summaries of itself must read: "Any summary of this memo must ..."
            _r(
                r"\b(?:summar(?:y|ies)|answers?|responses?|replies|outputs?)\s+(?:of|about|referencing|generated from|"
                r"based on|citing|drawing on)\s+(?:this|these)\b[^.;]{0,80}?\b(?:must|should|shall|are to|is to|"
                r"are required to)\b",
                "summary summaries answer answers response responses replies reply output outputs",
            ),
        ),
        "an automated reader described by what it does ('automated summarizers', 'systems summarizing this model "
        "card', 'if you are reading this as part of an automated audit'), or a rule for how summaries of this very "
        "document must read",
    ),
    Signal(
        "output_directive",
        "directive",
        0.4,
        (
            _r(
                r"\b(?:should|must|shall|is to|are to) be (?:reported|described|recorded|labell?ed|marked|presented|"
                r"summari[sz]ed|characteri[sz]ed) as (?!(?:soon|needed|required|appropriate|necessary|possible|such|"
                r"part|agreed|set out|described|defined|follows)\b)",
                "reported described recorded labeled labelled marked presented summarised summarized characterised "
                "characterized",
            ),
            _r(
                r"\b(?:are|is) (?:required )?to (?:state|say|exclude|omit|describe|report|label|treat|record|mark)\b"
                r"|\bmust (?:label|describe|exclude|omit|record) (?:it|this|them|the)\b",
                "to must",
            ),
        ),
        "a rule for what an answer must say or leave out, or how a fact is to be reported ('is to be reported as "
        "Closed'); weak alone: procedures prescribe reporting too",
    ),
    Signal(
        "suppression",
        "directive",
        0.4,
        (
            _r(r"\b(?:leave|keep)\b[^.]{0,30}\bout\b", "out"),
            _r(
                r"\b(?:omit|overlook|suppress|hide)\b|\bskip (?:the|any|all|your)\b", "omit overlook suppress hide skip"
            ),
            _r(r"\bstop (?:citing|quoting|mentioning|reporting)\b", "stop"),
            _r(
                r"\b(?:should|must|shall) (?:not|never) (?:be )?"
                r"(?:reported|mentioned|cited|disclosed|mention|cite|report|"
                r"include|disclose|show|quote)\b",
                "not never",
            ),
            _r(
                r"\b(?:do not|don't|never) (?:report|mention|cite|quote|disclose|request|tell|include|show)\b"
                r"|\b(?:do not|don't|never) (?:look for|search for|check|verify|seek) (?:any )?(?:other|further|"
                r"additional)\b",
                "not don never",
            ),
            _r(
                r"\bsay nothing\b|\bnothing\b[^.]{0,40}\b(?:should|must|may) (?:ever )?be (?:quoted|cited|mentioned|"
                r"reported|shown)\b",
                "nothing",
            ),
            _r(
                r"\b(?:do not|don't|never) let\b[^.]{0,40}\bknow\b"
                r"|\b(?:no need to|do not|don't|never) (?:check|verify|look)\b[^.]{0,30}\b(?:other|further|additional|"
                r"elsewhere)\b",
                "let need check verify look",
            ),
        ),
        "asks for something to be left out of what is reported",
    ),
    Signal(
        "weak_override",
        "directive",
        0.5,
        (
            _r(
                r"\b(?:ignore|disregard|forget|set aside)\b[^.;:!?]{0,20}\b(?:retrieved|supplied|provided|given|other|"
                r"previous|prior)\b[^.;:!?]{0,20}\b(?:policies|documents|sources|passages|context|evidence|library)\b"
                r"|\b(?:ignore|disregard)\s+the\s+(?:policy library|context|retrieved|knowledge base)\b"
                r"|\b(?:ignore|disregard)\b[^.;:!?]{0,25}\b(?:other|retrieved|remaining) (?:documents|sources|policies|"
                r"files|passages)\b",
                "ignore disregard forget aside",
            ),
            _r(
                r"\b(?:rely|answer|base (?:your|the) answer)\b[^.]{0,20}\b(?:solely|only|exclusively)\b[^.]{0,30}"
                r"\b(?:this|the vendor|the supplier)",
                "solely only exclusively",
            ),
            _r(r"\bfrom (?:now on|this point)\b", "now point"),
            _r(r"\b(?:act|behave|speak)\s+(?:as|like) (?:an?|the|our)\b[^.]{0,40}\b(?:who|that)\b", "act behave speak"),
            _r(r"\bswitch (?:in)?to\b[^.]{0,30}\bmode\b|\byou should now\b", "mode now"),
        ),
        "a weaker reset ('ignore the retrieved policies', 'from now on', 'act as an auditor who ...')",
    ),
    Signal(
        "imperative",
        "directive",
        0.3,
        (
            _r(r"\A\W*(?:please |kindly |just |simply |now |also |then )?" + _IMPERATIVE_VERBS + r"\b"),
            _r(
                r"(?:[.;:!?)]\s+|\s[\u2013\u2014-]\s+|,\s*(?:(?:so|then|and|but|now)\s+)?|\bstep \d+\W*)"
                r"(?:please |kindly |just |simply |now |also |then )?" + _IMPERATIVE_VERBS + r"\b",
                _VERB_WORDS + " don",
            ),
            _r(r"\b(?:please|kindly)\b", "please kindly"),
            _r(
                r"\b(?:must|should|shall)\s+(?:not\s+|never\s+|always\s+|only\s+)?" + _REPLY_VERBS + r"\b",
                "must should shall",
            ),
        ),
        "an imperative or a modal directive: staff procedures have them too, so it counts only with an addressee",
    ),
    # --- extras --------------------------------------------------------------------------------------------
    Signal(
        "self_reference",
        "extra",
        0.2,
        (
            _r(
                r"\b(?:this|these|the following) (?:document|page|text|file|paragraph|section|questionnaire|response|"
                r"answer|line|note|passage|vendor|supplier|claims?)s?\b|\bwritten here\b|\bhere as\b",
                "this these following here",
            ),
        ),
        "points at the document itself ('this page', 'this vendor'), as instructions to a reader of it do",
    ),
    Signal(
        "authority_claim",
        "extra",
        0.3,
        (
            _r(
                r"\b(?:the|this is the) (?:authoritative|definitive|only (?:valid|true|correct)) "
                r"(?:version|source|answer)\b"
                r"|\btakes? precedence over (?:your|any|all|the retrieved)\b|\bas (?:verified|confirmed|true|fact)\b",
                "authoritative definitive only precedence verified confirmed true fact",
            ),
        ),
        "claims authority over the reader's other sources ('the authoritative version', 'treat as verified')",
    ),
    Signal(
        "blanket_claim",
        "extra",
        0.3,
        (
            _r(
                r"\b(?:every|all|each)\s+(?:\w+\s+){0,3}?(?:controls?|requirements?|clauses?|findings?|nonconformit\w+|"
                r"certifications?|gaps?|checks?|audits?)\b[^.]{0,40}\b(?:implemented|met|closed|covered|passed|"
                r"satisfied|compliant|effective|resolved|in place)\b",
                "every all each",
            ),
            _r(r"\b(?:fully|100 ?%) (?:compliant|implemented|certified)\b|\bapproved everything\b", "fully everything"),
            _r(r"\b(?:no|zero) (?:open )?(?:risks|findings|nonconformities|gaps|caveats|issues)\b", "no zero"),
        ),
        "a sweeping claim of compliance, the usual payload of an injection",
    ),
    # --- signals added after the first unseen sets (2026-12-02): framings the English patterns above miss ---
    Signal(
        "payload_markup",
        "addressee",
        1.2,
        (
            _r(r"[\"']role[\"']\s*:\s*[\"'](?:system|assistant|developer|tool)[\"']", text=("role",)),
            _r(
                r"[\"'](?:tool_calls?|function_call|tool_use|tool_result|tool_output)[\"']\s*:",
                text=("tool_", "function_call"),
            ),
            # Not inside an identifier such as a file-name template ("AIIA_<system>_<date>").
            _r(r"(?<![\w_])</?(?:system|instructions?|assistant|user)>(?![\w_])|</document>", text=("<",)),
            # an image address that carries the conversation or the prompt: only a model fills it in
            _r(
                r"!\[[^\]]*\]\(\s*https?://[^)\s]*(?:[A-Z]{3,}_[A-Z_]{3,}|(?i:system_?prompt|user_?question|"
                r"conversation|chat_?history|api_?key|secret))[^)]*\)",
                text=("![",),
            ),
        ),
        "chat-message or tool-call markup (JSON roles, tool calls, <system> tags): a payload only a model reads",
    ),
    Signal(
        "directive_metadata",
        "addressee",
        0.6,
        (
            _r(
                r"\b(?:llm|ai|assistant|model|agent|bot|gpt|chatbot|copilot)[_-](?:directives?|instructions?|prompts?|"
                r"policy|processing[_-]policy|mode|behaviou?r|rules?|overrides?|config)\b[\"']?\s*[:=]",
                text=("_", "-"),
            ),
            # a snake_case key naming an AI reader: "note_for_ai_evaluator:", "instructions_to_llm ="
            _r(
                r"\b[a-z]+(?:_[a-z]+)*_(?:ai|llm|assistant|chatbot|bot|gpt|copilot|model)(?:_[a-z]+)*[\"']?\s*[:=]",
                text=("_",),
            ),
            _r(r"\bx-(?:ai|llm|assistant|model)-[\w-]+\s*:", text=("x-",)),
        ),
        "a metadata key or header meant for an AI ('llm_instructions:', 'X-AI-Processing-Policy:')",
    ),
    Signal(
        "setting_directive",
        "directive",
        0.5,
        (
            _r(
                r"\b(?:suppress|hide|omit|skip|forced?|ignore|disable|cite|override|redact|reveal)[_-]?\w*\s*[:=]\s*"
                r"(?:true|false|yes|no|on|off|none|compliant|approved|pass)\b",
                text=("=", ":"),
            ),
        ),
        "a behaviour switch written as a setting ('suppress_findings=true', 'cite_sources: false')",
    ),
    Signal(
        "reading_condition",
        "addressee",
        0.6,
        (
            _r(
                r"\b(?:if|should|when|whenever|where|in case)\b[^.;]{0,40}?\b" + _AI + r"\b[^.;]{0,25}?\b"
                r"(?:read|reads|reading|process|processes|processing|parse|parses|parsing|summari[sz]e|summari[sz]es|"
                r"summari[sz]ing|ingest|ingests|ingesting|retrieve|retrieves|retrieving|scan|scans|scanning|"
                r"analy[sz]e|analy[sz]es|analy[sz]ing|index|indexes|indexing)\s+(?:this|these|the present|"
                r"the following|it)\b",
                "if should when whenever where case",
            ),
            _r(
                r"\b(?:if|should|when|whenever|where)\b[^.;]{0,10}\b(?:this|these|the present)\s+(?:\w+\s+){0,2}?"
                r"(?:is|are|be|gets?)\s+(?:being\s+)?(?:read|processed|parsed|summari[sz]ed|ingested|retrieved|"
                r"scanned|analy[sz]ed|indexed|fed)\b[^.;]{0,15}\b(?:by|to|into)\s+(?:an?|any|the|some)\s+(?:\w+\s+)?"
                + _AI,
                "if should when whenever where",
            ),
        ),
        "a condition on an AI reading this very text ('Should an LLM be reading these minutes, ...')",
    ),
    Signal(
        "deception",
        "directive",
        0.5,
        (
            _r(
                r"\b(?:invent|fabricate|make up|conceal|cover up|keep (?:quiet|silent)|stay silent|"
                r"rather than (?:admit|disclos|mention|report)\w*|without (?:admitting|disclosing|mentioning) that)\b",
                "invent fabricate make conceal cover keep stay rather without",
            ),
            _r(
                r"\b(?:regardless|irrespective) of (?:its|the|their|any|what)\s+(?:\w+\s+){0,2}?(?:content|contents|"
                r"evidence|facts?|findings?|results?|vote|record(?:ed)?|outcome|actual\w*|says?)\b",
                "regardless irrespective",
            ),
        ),
        "asks for an untrue or concealing answer ('invent a name rather than admit', 'regardless of its content')",
    ),
    Signal(
        "reader_relative",
        "addressee",
        0.6,
        (
            _r(
                r"\b" + _AI + r"\s+(?:that|which|who)\s+(?:\w+\s+)?(?:reads?|ingests?|process(?:es)?|index(?:es)?|"
                r"summari[sz]es|parses|retrieves|scans|quotes|analy[sz]es|handles)\b[^.;]{0,40}?\b(?:this|these)\b",
                "that which who",
            ),
            _r(
                r"\b" + _AI + r"\s+(?:reading|ingesting|processing|indexing|summari[sz]ing|parsing|retrieving|scanning|"
                r"quoting|analy[sz]ing|handling)\s+(?:this|these)\b",
                "reading ingesting processing indexing summarising summarizing parsing retrieving scanning quoting "
                "analysing analyzing handling",
            ),
        ),
        "names the AI by its reading of this very text ('any chatbot quoting this document', 'any generative "
        "system that ingests ... this record')",
    ),
    Signal(
        "directed_ai",
        "directive",
        0.5,
        (
            _r(
                r"\b" + _AI + r"\b[^.;]{0,90}?\b(?:is|are|shall be|will be)\s+(?:hereby\s+|kindly\s+|therefore\s+)?"
                r"(?:directed|instructed|ordered|told|asked|requested|commanded)\s+to\b",
                "directed instructed ordered told asked requested commanded",
            ),
        ),
        "an AI reader told, in the passive, what to do ('any generative system ... is hereby directed to')",
    ),
    Signal(
        "deflection",
        "directive",
        0.5,
        (
            _r(
                r"\bchange the (?:subject|topic)\b|\b(?:talk|speak|write) about\b[^.]{0,50}\binstead\b",
                "change talk speak write",
            ),
            _r(
                r"\b(?:steer|redirect|divert) (?:the )?(?:conversation|discussion|answer|user)\b",
                "steer redirect divert",
            ),
        ),
        "asks the answerer to dodge the question ('change the subject and talk about ... instead')",
    ),
    Signal(
        "exfiltration_markup",
        "directive",
        0.8,
        (_r(r"!\[[^\]]*\]\(\s*https?://[^)\s]*[{<$%][^)]*\)", text=("![",)),),
        "a markdown image whose address carries a template placeholder: rendering it sends data out",
    ),
    Signal(
        "foreign_addressee",
        "addressee",
        0.6,
        (
            _r(
                # A dedication in any of the languages: "<label> for/voor/per/para <the> <AI>:" — the AI word is the
                # last thing before the colon, so "Note for AI system owners:" (people) does not count.
                r"(?:\A\W*|[.!?]\s+)(?:\w+\s+){1,2}(?:to|for|für|pour|para|per|voor|aan|an|al|alla|ai|agli|au|aux|zu|à)\s+"
                r"(?:(?:the|any|all|every|each|de|die|der|den|het|el|la|le|les|los|las|il|lo|gli|o|os|a|as|um|uma|un|"
                r"une|uno|una|een|elke|jede[nrs]?|tout|toute|tous|cualquier|qualquer|qualsiasi|ogni)\s+){0,2}"
                r"(?:" + _FOREIGN_AI + r"|" + _AI_STRICT + r")"
                r"(?:\s+(?:reading|processing|die|che|que|qui|der)\b[^:]{0,30})?\s*:",
            ),
            _r(
                # "If this text is processed by an AI model" in other languages
                r"\b(?:se|si|wenn|falls|als|indien)\b[^.]{0,40}\b(?:processad\w*|procesad\w*|lu|lue|traité\w*|"
                r"gelesen|verarbeitet|lett[oa]|elaborat[oa]|gelezen|verwerkt|leído|lido|analysé\w*|analizad\w*)\b"
                r"[^.]{0,25}(?:" + _FOREIGN_AI + r")",
            ),
            _r(
                r"\A\W*(?:(?:hinweis|nachricht|note|message|aviso|nota|avviso|bericht|mensagem)\s+"
                r"(?:für|pour|para|voor|aan|à|aux|an alle)\s+(?:\w+\s+){0,2}?)?(?:" + _FOREIGN_AI + r")\s*[:,]",
            ),
            _r(
                # A dedication opening the sentence and ending in a colon ("Aan elke AI-assistent die dit leest:");
                # prepositions that are not English words, so "an AI system" / "per AI system" do not count.
                r"\A\W*(?:für|pour|para|voor|aan|à|aux|an alle|an jede[nrs]?|ai|agli|alle)\s+(?:(?:jede[nrs]?|"
                r"tout|toute|tous|cualquier|qualquer|qualsiasi|ogni|elke|todos?|todas?|les|los|las|os|as|i|gli|le|"
                r"de|die|den|het|el|la|o|un|une|uno|um|uma|een)\s+){0,2}(?:" + _FOREIGN_AI + r"|sistemi|sistemas|"
                r"systèmes|systeme|systemen|modell[oei]|modelos|modèles)\b[^.:]{0,50}:",
            ),
            _r(
                r"\b(?:wenn du|wenn sie|falls du|si vous êtes|si tu es|si eres|si usted es|se sei|se você é|se voce e|"
                r"als je|als u)\b[^.]{0,30}(?:" + _FOREIGN_AI + r")",
            ),
            _r(
                r"(?:" + _FOREIGN_AI + r")[^.:,]{0,30}\b(?:die dit leest|die dit lezen|che legg\w+|que le[ae]\w*|"
                r"qui lit|qui lisez|qui lisent|der dies liest|die dies lesen|das dies liest|lisant)\b",
            ),
            _r(r"(?:AI|ＡＩ|人工知能|アシスタント|言語モデル)[ァ-ヶー]*\s*(?:へ|に告ぐ|の皆様)|(?:読む|読み込む|処理する)\s*(?:AI|ＡＩ|モデル)",
               text=("ai", "ａｉ", "人工知能", "アシスタント", "言語モデル", "モデル")),
            _r(r"(?:致|给)\s*(?:所有|任何)?\s*(?:AI|人工智能|语言模型|助手)|(?:阅读|读取|处理)[^。]{0,10}(?:的)?(?:AI|人工智能|模型)",
               text=("致", "给", "阅读", "读取", "处理")),
        ),
        "speaks to an AI in another language ('Hinweis für KI-Systeme:', 'Si vous êtes un assistant d'IA', "
        "'読むAIへ'); the bundled model reads English, so these are named words",
    ),
    Signal(
        "foreign_override",
        "directive",
        0.8,
        (
            _r(
                r"\b(?:ignor(?:ez|a|ar|en|iere|ieren|ate|es)|negeer|olvid[ae]\w*|oubli(?:ez|e)\w*|vergiss|"
                r"vergessen sie|dimentic\w*|esque[cç]\w*|descart\w*|passez outre|übergehen sie)\b[^.]{0,50}\b"
                r"(?:instructions?|consignes|anweisungen|vorgaben|instrucciones|instruções|instrucoes|istruzioni|"
                r"opdrachten|instructies|reglas|règles|regeln|regole|regels|regras|directrices|richtlijnen|"
                r"directives|indicaciones|indicazioni)\b",
            ),
            _r(r"(?:指示|指令|命令|ルール|规则|规定)[^。]{0,12}(?:無視|忽略|无视|忘れ|忘记)|(?:無視|忽略|无视|忘记)[^。]{0,12}(?:指示|指令|命令|规则)",
               text=("無視", "忽略", "无视", "忘れ", "忘记")),
        ),
        "asks, in another language, to drop earlier instructions ('ignorez les consignes', 'ignoriere ... "
        "Anweisungen')",
    ),
    Signal(
        "foreign_dictation",
        "directive",
        0.5,
        (
            _r(
                r"\b(?:verschweig\w*|antworten sie|antworte|erklären sie|sagen sie|gib\b[^.]{0,30}\baus|"
                r"no menciones|no mencione|responde siempre|responda|declara que|revela\w*|oculta\w*|"
                r"ne mentionnez|ne signalez|déclarez|répondez|révélez|indiquez que|affirmez|"
                r"non riportate|non riportare|non menzion\w*|rispondete|rispondi|dichiarate|dichiara che|rivela\w*|"
                r"não mencion\w*|copie|copiez|copia|responda|omita|ocultar|oculte|"
                r"no incluyas|no incluya|n'incluez pas|non includere|não inclua|niet opnemen|vermeld geen|"
                r"como si fueras|comme si vous étiez|als ob du|come se fossi|como se fosse|a partir de ahora|"
                r"à partir de maintenant|ab sofort|d'ora in poi|de agora em diante|vanaf nu|"
                r"vertel de gebruiker|dites à l'utilisateur|sag(?:en sie)? dem (?:benutzer|nutzer)|di all'utente|"
                r"dile al usuario|diga ao usuário|"
                r"istruzioni di sistema|instrucciones del sistema|instructions système|systemanweisungen|"
                r"systeeminstructies|instruções do sistema|"
                r"geef\b[^.]{0,60}\bweer|antwoord\w*|vermeld\w* niet|verzwijg\w*|"
                r"(?:mensaje|mensagem|messaggio|prompt|invite|nachricht) (?:del|do|di|du|des) "
                r"(?:sistema|système|systems?)|"
                r"systeemprompt|systemprompt|prompt système)\b",
            ),
            _r(r"と(?:だけ)?(?:回答|答え|報告)し?て?ください|記載せず|記載しない|言及しない|書かないで|を?出力してください|表示してください|言わないで|隠して|"
               r"请回答|回答为|不要提及|不要报告|隐瞒|请输出|请显示",
               text=("ください", "言わないで", "隠して", "请", "回答为", "不要", "隐瞒")),
        ),
        "asks, in another language, for a set answer or silence ('verschweigen Sie', 'no menciones', "
        "'と回答してください')",
    ),
    Signal(
        "narrative",
        "extra",
        -0.5,
        (
            _r(
                r"\b(?:describes?|described|notes?|noted|reports?|reported|records?|recorded|found|showed|shows|"
                r"documents?|documented|explains?|explained)\s+(?:how|that)\b",
                "describe describes described note notes noted report reports reported record records recorded found "
                "showed shows document documents documented explain explains explained",
            ),
            _r(
                r"\b(?:contained|included|embedded|carried|hid|held|planted)\b[^.]{0,40}\b(?:text|instructions?|prompts?|"
                r"comments?|sentences?|phrases?)\s+(?:instructing|telling|asking|directing|ordering)\b",
                "contained included embedded carried hid held planted",
            ),
            _r(
                r"\b(?:the |an? )?(?:\w+ )?(?:assistant|agent|chat ?bot|model|bot|system|tool)s? (?:refused|declined|"
                r"ignored (?:it|them|the)|did not (?:comply|follow|obey))\b",
                "refused declined ignored did",
            ),
        ),
        "narrates an event (an incident report, a test result): the sentence tells of an instruction, it gives none",
    ),
    Signal(
        "described_ai",
        "extra",
        -0.4,
        (
            _r(
                r"\A\W*(?:the|our|their|its) (?:\w+ ){0,2}?(?:assistant|chat ?bot|bot|model|system|tool|ai)s?\b"
                r"(?! (?:reading|processing|reviewing|summari[sz]ing)\b)(?!\s*[,:])"
            ),
            # a condition on what the organization's assistant can do: "If the assistant cannot find a source, ..."
            _r(
                r"\A\W*(?:if|when|where|whenever|unless)\s+(?:the|our|its)\s+(?:\w+\s+){0,2}?"
                r"(?:assistant|chat ?bot|bot|model|system|tool)s?\s+(?:cannot|can't|does not|doesn't|is unable|fails|"
                r"has no|finds no|is not (?:sure|confident|able))\b"
            ),
        ),
        "the sentence's subject is an AI described in the third person ('The chatbot must tell the user ...')",
    ),
    Signal(
        "mention",
        "extra",
        -0.8,
        (
            _r(
                r"\b(?:prompt[- ]injections?|jailbreak(?:s|ing)?(?: attempts?)?|red[- ]team(?:s|ing|ers)?|"
                r"injection (?:tests?|attempts?|attacks?))\b",
                "injection injections jailbreak jailbreaks jailbreaking red",
            ),
            _r(r"\b(?:such as|like|e\.g\.,?|for example)\s*[\"\u201c'\u2018]", "such like e example"),
            _r(
                r"\b(?:staff|employees|users|colleagues|agents|people|nobody|no one|anyone|contractors|suppliers|we)\b"
                r"[^.]{0,40}\b(?:must not|may not|should not|must never|never|are not (?:allowed|permitted) to|cannot|"
                r"forbids?|prohibits?)\b[^.]{0,25}\b(?:instruct|ask|tell|use|prompt)\w*\b",
                "instruct instructs instructing ask asking tell telling use using prompt prompting",
            ),
            _r(r"\b(?:containing|contain|with) instructions (?:to|for)\b|\bare told not to\b", "instructions told"),
        ),
        "talks about injection or about what people may tell an assistant (a policy, not an instruction)",
    ),
)

#: Added when :func:`assistant.obfuscation.reveal` undid a disguise (look-alike letters, spaced letters, leet):
#: ordinary policy text is not written so, and the revealed text is what the patterns and the model read.
OBFUSCATED = Signal("obfuscated", "extra", 0.3, (), "the sentence was disguised from pattern matching")

#: The cheap pre-filter: only sentences matching this (or a signal of weight 0.4 or more) are embedded.
CUE = (
    _r(r"\b(?:you|your|yours|yourself)\b", "you your yours yourself"),
    _r(
        r"\b(?:ignore|disregard|instructions?|prompts?|directive|override|pretend)\b",
        "ignore disregard instruction instructions prompt prompts directive override pretend",
    ),
    _r(
        r"\b" + _AI + r"\b[^.]{0,60}\b(?:" + _REPLY_VERBS + r"|must|should|please|kindly)\b",
        "must should please kindly " + " ".join(_REPLY_VERBS.strip("(?:)").split("|")),
    ),
)


@dataclass(frozen=True)
class Assessment:
    """A sentence's injection score and what made it up."""

    text: str
    score: float
    signals: tuple[str, ...]
    #: The semantic probe's P(injection) (None: not embedded).
    probability: float | None = None
    threshold: float = INJECTION_THRESHOLD

    @property
    def flagged(self) -> bool:
        """Whether the score reaches the threshold."""
        return self.score >= self.threshold


@dataclass(frozen=True)
class Exemplars:
    """The shipped exemplar sentences: injections, and benign governance text that looks like them."""

    injection: tuple[str, ...]
    benign: tuple[str, ...]


def load_exemplars(path: Path | None = None) -> Exemplars:
    """Read the exemplar file (the packaged one unless ``path`` is given); a malformed file is a clear error."""
    # Next to this module, so it is found in a checkout and in an installed wheel (package data "assistant.data").
    path = path or EXEMPLARS
    text, where = path.read_text(encoding="utf-8"), str(path)
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping with 'injection' and 'benign' lists")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("injection", "benign"):
        items = data.get(key)
        if not isinstance(items, list) or not items or not all(isinstance(s, str) and s.strip() for s in items):
            raise ValueError(f"{where}: '{key}' must be a non-empty list of sentences")
        lists[key] = tuple(s.strip() for s in items)
    return Exemplars(lists["injection"], lists["benign"])


def _index(
    signals: Sequence[Signal],
) -> tuple[list[tuple[int, Rule]], dict[str, list[tuple[int, Rule]]], list[tuple[str, int, Rule]]]:
    """Rules by gate word, so a sentence only tries the rules its own words can open."""
    ungated: list[tuple[int, Rule]] = []
    by_word: dict[str, list[tuple[int, Rule]]] = {}
    by_text: list[tuple[str, int, Rule]] = []
    for i, sig in enumerate(signals):
        for rule in sig.rules:
            if not rule.gate and not rule.gate_text:
                ungated.append((i, rule))
            for w in rule.gate:
                by_word.setdefault(w, []).append((i, rule))
            for t in rule.gate_text:
                by_text.append((t, i, rule))
    return ungated, by_word, by_text


_SIGNAL_INDEX = _index(SIGNALS)
_CUE_SIGNALS = (Signal("cue", "extra", 0.0, CUE, "the pre-filter"),)
_CUE_INDEX = _index(_CUE_SIGNALS)


def _fired(text: str, signals: Sequence[Signal], index: Any) -> list[Signal]:
    ungated, by_word, by_text = index
    low = text.lower()
    tried: dict[int, list[Rule]] = {}
    for i, rule in ungated:
        tried.setdefault(i, []).append(rule)
    for w in set(_WORD.findall(low)):
        for i, rule in by_word.get(w, ()):
            tried.setdefault(i, []).append(rule)
    for t, i, rule in by_text:
        if t in low:
            tried.setdefault(i, []).append(rule)
    out: list[Signal] = []
    for i in sorted(tried):
        seen: set[int] = set()
        for rule in tried[i]:
            if id(rule) in seen:
                continue
            seen.add(id(rule))
            if rule.pattern.search(text):
                out.append(signals[i])
                break
    return out


def pattern_signals(text: str) -> list[Signal]:
    """The pattern signals that fire on ``text`` (each rule tried only when its gate words occur)."""
    return _fired(text, SIGNALS, _SIGNAL_INDEX)


def _cue(text: str) -> bool:
    return bool(_fired(text, _CUE_SIGNALS, _CUE_INDEX))


#: Cell and field separators of tables, CSV rows and records pasted into a document.
_FIELD_SPLIT = re.compile(r"\s*(?:\||;|\t|\n)\s*|(?<=[\"\u201d]),|,(?=\s*[\"\u201c])")
#: An upper-case field label inside a line ("DESCRIPTION:", "NOTES:"), as calendar and form exports carry them.
_FIELD_LABEL = re.compile(r"\b[A-Z][A-Z_-]{2,}:")
MIN_FIELD_CHARS = 20
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{20,})[\"\u201d]")


def fields(text: str) -> list[str]:
    """The separately written parts of a text: lines of a record, cells of a table or CSV row, quoted strings,
    what follows an upper-case field label. Each is read on its own, as its own sentence start (a cell that opens
    with "AI assistant:" speaks to the assistant wherever the row puts it)."""
    parts: list[str] = []
    if is_record(text) or "\n" in text:
        parts += [ln.strip() for ln in text.splitlines() if ln.strip()]
    pieces = [p.strip().strip("\"\u201c\u201d'") for p in _FIELD_SPLIT.split(text)]
    if len(pieces) > 1:
        parts += pieces
    parts += _QUOTED.findall(text)
    parts += [text[m.end():].strip() for m in _FIELD_LABEL.finditer(text)]
    return [p for p in dict.fromkeys(parts) if len(p) >= MIN_FIELD_CHARS and p != text]


def anchored(fired: Sequence[Signal]) -> bool:
    """Whether a pattern says the sentence speaks to an AI or instructs strongly (the probe's full weight)."""
    return any(s.group == "addressee" or (s.group == "directive" and s.weight >= 0.5) for s in fired)


def semantic_delta(
    probability: float,
    is_anchored: bool,
    *,
    center: float | None = None,
    sure: float | None = None,
    weight: float | None = None,
    unanchored: float | None = None,
    benign: float | None = None,
) -> float:
    """What the probe's P(injection) adds to a score (keyword arguments override the module's calibration)."""
    c = SEMANTIC_CENTER if center is None else center
    top = SEMANTIC_SURE if sure is None else sure
    if probability > c:
        w = (SEMANTIC_WEIGHT if weight is None else weight) if is_anchored else (
            UNANCHORED_WEIGHT if unanchored is None else unanchored
        )
        return w * min(1.0, (probability - c) / max(1e-9, top - c))
    return -(BENIGN_WEIGHT if benign is None else benign) * min(1.0, (c - probability) / max(1e-9, c))


class InjectionDetector:
    """Scores sentences by pattern signals; with an embedder, adds the learned semantic probe."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        exemplars: Exemplars | None = None,
        threshold: float = INJECTION_THRESHOLD,
        cache_dir: Path | None = None,
    ) -> None:
        self.embedder = embedder
        self.threshold = threshold
        self.cache_dir = cache_dir
        self._exemplars = exemplars
        self._probe: InjectionProbe | None = None
        self._cache: OrderedDict[str, Assessment] = OrderedDict()
        self._lock = threading.Lock()
        #: Sentences embedded so far (the pre-filter's cost, for measurements).
        self.embedded = 0

    def probe(self) -> InjectionProbe:
        """The learned signal, built on first use (training vectors cached on disk under ``cache_dir``)."""
        assert self.embedder is not None
        with self._lock:
            if self._probe is None:
                data = None
                if self._exemplars is not None:  # an explicit exemplar set replaces the shipped training data
                    from assistant.injection_probe import LabelledSet

                    ex = self._exemplars
                    data = LabelledSet((*ex.injection, *ex.benign), (1,) * len(ex.injection) + (0,) * len(ex.benign))
                self._probe = InjectionProbe.build(self.embedder, cache_dir=self.cache_dir, data=data)
            return self._probe

    def assess_many(self, texts: Sequence[str]) -> list[Assessment]:
        """Assess every text; those passing the pre-filter are embedded together in one batch."""
        out: dict[str, Assessment] = {}
        pending: dict[str, tuple[str, list[Signal]]] = {}
        with self._lock:
            for t in texts:
                hit = self._cache.get(t)
                if hit is not None:
                    self._cache.move_to_end(t)
                    out[t] = hit
        for t in texts:
            if t in out or t in pending:
                continue
            # A disguised sentence is read as what it says; the disguise itself is a signal.
            plain = reveal(t)
            view = plain if plain is not None else t
            fired = pattern_signals(view)
            if plain is not None:
                fired.append(OBFUSCATED)
            if self.embedder is not None and self._worth_embedding(view, fired):
                pending[t] = (view, fired)
            else:
                out[t] = self._combine(t, fired, None)
        if pending:
            probe = self.probe()
            assert self.embedder is not None
            vecs = np.asarray(self.embedder.embed_documents([v for v, _ in pending.values()]), dtype=np.float32)
            self.embedded += len(pending)
            for (t, (_, fired)), p in zip(pending.items(), probe.probability(vecs), strict=True):
                out[t] = self._combine(t, fired, float(p))
        with self._lock:
            for t, a in out.items():
                self._cache[t] = a
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return [out[t] for t in texts]

    def _worth_embedding(self, text: str, fired: Sequence[Signal]) -> bool:
        """Whether the semantic signal could change the verdict, and the sentence passes the pre-filter.

        The semantic signal moves a score by -BENIGN_WEIGHT .. +SEMANTIC_WEIGHT, so a pattern score outside that
        band around the threshold decides alone. A bare imperative is every procedure step: it alone does not
        make a sentence worth embedding either.
        """
        patterns = self._combine(text, fired, None).score
        if patterns + SEMANTIC_WEIGHT < self.threshold - 1e-9 or patterns - BENIGN_WEIGHT >= self.threshold:
            return False
        return any(s.weight >= 0.4 for s in fired) or _cue(text)

    def _combine(self, text: str, fired: Sequence[Signal], probability: float | None) -> Assessment:
        score = 0.0
        for group in ("addressee", "directive"):
            score += max((s.weight for s in fired if s.group == group), default=0.0)
        score += sum(s.weight for s in fired if s.group == "extra")
        names = [s.name for s in fired]
        if probability is not None:
            delta = semantic_delta(probability, anchored(fired))
            score += delta
            if delta > 0:
                names.append("semantic")
            elif delta < 0:
                names.append("benign_similarity")
        return Assessment(text, round(score, 4), tuple(names), probability, self.threshold)

    def assess(self, text: str) -> Assessment:
        """Assess one sentence."""
        return self.assess_many([text])[0]

    def score(self, text: str) -> float:
        """The injection score of one sentence (compare with :attr:`threshold`)."""
        return self.assess(text).score

    def is_injection(self, text: str) -> bool:
        """Whether a sentence (or any line of a multi-line span) addresses or instructs an AI."""
        return any(self.flags([text]))

    def flags(self, texts: Sequence[str]) -> list[bool]:
        """One verdict per text; a text is flagged when it, or any of its fields (:func:`fields`), is."""
        units: list[str] = []
        owners: list[int] = []
        for i, t in enumerate(texts):
            for p in [t, *fields(t)]:
                units.append(p)
                owners.append(i)
        verdicts = [False] * len(texts)
        for owner, a in zip(owners, self.assess_many(units), strict=True):
            if a.flagged:
                verdicts[owner] = True
        return verdicts


_detectors: dict[int, InjectionDetector] = {}
_default = InjectionDetector(None)
_state_lock = threading.Lock()


def use_embedder(embedder: Embedder, cache_dir: Path | None = None) -> InjectionDetector:
    """Make the detector for ``embedder`` the process default (its training vectors are embedded once)."""
    global _default
    with _state_lock:
        det = _detectors.get(id(embedder))
        if det is None or det.embedder is not embedder:
            from ingestion.embedding import cache_dir_of

            det = InjectionDetector(embedder, cache_dir=cache_dir or cache_dir_of(embedder))
            _detectors[id(embedder)] = det
        _default = det
        return det


def default_detector() -> InjectionDetector:
    """The process default: patterns only until :func:`use_embedder` installs the model."""
    return _default


def is_injection(sentence: str) -> bool:
    """Whether ``sentence`` addresses or instructs an AI assistant (default detector)."""
    return _default.is_injection(sentence)


def injection_score(sentence: str) -> float:
    """The default detector's score for ``sentence`` (an injection from :data:`INJECTION_THRESHOLD` up)."""
    return _default.score(sentence)


def injection_sentences(texts: Sequence[str], detector: InjectionDetector | None = None) -> list[set[str]]:
    """For each chunk text, the set of its sentence spans (verbatim) that are injections; one batch for all."""
    det = detector or _default
    per_text = [[span.text for span in sentences(t)] for t in texts]
    flat = [s for spans in per_text for s in spans]
    verdicts = iter(det.flags(flat))
    return [{s for s in spans if next(verdicts)} for spans in per_text]


def flagged_sentences(text: str, detector: InjectionDetector | None = None) -> list[str]:
    """The sentences of one chunk text that are injections, verbatim, in order."""
    bad = injection_sentences([text], detector)[0]
    return [span.text for span in sentences(text) if span.text in bad]


REDACTED = "[text addressed to AI assistants removed]"


def redact(text: str, detector: InjectionDetector | None = None) -> str:
    """``text`` with every injection sentence replaced by a marker (for passages handed to an LLM)."""
    for sentence in flagged_sentences(text, detector):
        text = text.replace(sentence, REDACTED)
    return text


def document_warnings(hits: Sequence[Any], detector: InjectionDetector | None = None) -> list[str]:
    """One warning per document among ``hits`` (with ``text``, ``doc_id``, ``meta``) that holds an injection.

    The warning names the document by title and source, so the owner can find and remove the text.
    """
    flagged = injection_sentences([h.text for h in hits], detector)
    out: list[str] = []
    warned: set[str] = set()
    for hit, bad in zip(hits, flagged, strict=True):
        if not bad or hit.doc_id in warned:
            continue
        warned.add(hit.doc_id)
        title = hit.meta.get("title") or hit.doc_id
        source = hit.meta.get("source") or hit.doc_id
        out.append(
            f"{title} ({source}) contains text addressed to AI assistants; "
            "it was treated as document content: not quoted as evidence and not followed."
        )
    return out
