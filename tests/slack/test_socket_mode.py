"""Socket Mode: the same bolt app over a WebSocket (a local ``websockets`` server plays Slack's side)."""

from __future__ import annotations

import json
import queue
import threading
from typing import Any

from slack_fakes import BOT_USER_ID, SlackRig, event_body
from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

from assistant.slack_app import socket_mode_handler


class FakeSocketModeServer:
    """Sends ``hello`` and one Events API envelope to each client and records what the client sends back."""

    def __init__(self, envelope: dict[str, Any]) -> None:
        self.envelope = envelope
        self.received: queue.Queue[dict[str, Any]] = queue.Queue()
        self.server = serve(self._handle, "127.0.0.1", 0)
        self.port = self.server.socket.getsockname()[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def _handle(self, ws: ServerConnection) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1,
                            "connection_info": {"app_id": "ACW00001"}, "debug_info": {"host": "test"}}))
        ws.send(json.dumps(self.envelope))
        try:
            for message in ws:
                self.received.put(json.loads(message))
        except ConnectionClosed:
            return

    def close(self) -> None:
        self.server.shutdown()


def test_socket_mode_answers_and_acks(slack: SlackRig) -> None:
    event = {"type": "app_mention", "user": "USTAFF001", "channel": "CSOCKET001", "ts": "1710000099.000001",
             "text": f"<@{BOT_USER_ID}> How often is the AI policy reviewed?"}
    envelope = {"envelope_id": "env-1", "type": "events_api", "accepts_response_payload": False,
                "retry_attempt": 0, "retry_reason": "", "payload": json.loads(event_body(event))}
    server = FakeSocketModeServer(envelope)
    slack.fake.socket_url = f"ws://127.0.0.1:{server.port}/link"
    settings = slack.settings.model_copy(update={"slack_app_token": "xapp-test", "slack_signing_secret": ""})
    handler = socket_mode_handler(settings, slack.service)
    try:
        handler.connect()  # type: ignore[no-untyped-call]
        ack = server.received.get(timeout=30)
        assert ack["envelope_id"] == "env-1"
        [placeholder] = slack.fake.wait_for("chat.postMessage", where=lambda c: c.params.get("channel") ==
                                            "CSOCKET001")
        assert placeholder.params["thread_ts"] == event["ts"]
        [update] = slack.fake.wait_for("chat.update", where=lambda c: c.params.get("ts") == placeholder.reply["ts"])
        assert "12 months" in json.dumps(update.params["blocks"])
        opened = slack.fake.calls_to("apps.connections.open")
        assert opened and opened[-1].headers.get("Authorization") == "Bearer xapp-test"
    finally:
        handler.close()  # type: ignore[no-untyped-call]
        server.close()
        slack.fake.socket_url = ""
