"""A conversation belongs to the user and channel that started it: hijack and poisoning over the HTTP API."""

from __future__ import annotations

import uuid
from typing import Any

from api_rig import Api

#: What an answer says; the ids, timings and the echoed conversation id are the caller's own.
CONTENT = ("answer", "intent", "verdict", "abstained", "clauses", "citations", "warnings", "answerer")

FIRST = "who owns the claimsense model?"
FOLLOW_UP = "and pricewise?"


def _ask(api: Api, role: str, question: str, conversation_id: str) -> dict[str, Any]:
    r = api.client.post("/v1/ask", json={"question": question, "conversation_id": conversation_id},
                        headers=api.headers(role))
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    assert body["conversation_id"] == conversation_id
    return body


def _content(body: dict[str, Any]) -> dict[str, Any]:
    return {k: body[k] for k in CONTENT}


def test_another_users_conversation_id_is_a_new_conversation(api: Api) -> None:
    victim = f"conv-{uuid.uuid4()}"
    assert not _ask(api, "compliance", FIRST, victim)["abstained"]
    hijack = _ask(api, "staff", FOLLOW_UP, victim)
    fresh = _ask(api, "staff", FOLLOW_UP, f"conv-{uuid.uuid4()}")
    # Nothing in the reply differs from a conversation id nobody ever used: no context, no hint it exists.
    assert _content(hijack) == _content(fresh)

    # The control: the same follow-up by the owner does continue the conversation.
    control = f"conv-{uuid.uuid4()}"
    _ask(api, "compliance", FIRST, control)
    continued = _ask(api, "compliance", FOLLOW_UP, control)
    assert "Head of Pricing" in continued["answer"], continued["answer"]
    assert _content(continued) != _content(_ask(api, "compliance", FOLLOW_UP, f"conv-{uuid.uuid4()}"))


def test_turns_written_into_another_users_conversation_do_not_steer_it(api: Api) -> None:
    victim = f"conv-{uuid.uuid4()}"
    control = f"conv-{uuid.uuid4()}"
    _ask(api, "compliance", FIRST, victim)
    _ask(api, "compliance", FIRST, control)
    # The attacker writes a turn under the victim's id that would redirect a follow-up elsewhere.
    _ask(api, "staff", "What does the AI policy say about serious AI incidents?", victim)
    _ask(api, "staff", "What does the AI policy say about serious AI incidents?", victim)

    after = _ask(api, "compliance", FOLLOW_UP, victim)
    clean = _ask(api, "compliance", FOLLOW_UP, control)
    assert "Head of Pricing" in after["answer"], after["answer"]
    assert _content(after) == _content(clean)
