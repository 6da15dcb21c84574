"""A real SMTP server on loopback (aiosmtpd) that records what it receives, for delivery tests."""

import threading
from collections import Counter
from email import message_from_bytes

from aiosmtpd.controller import Controller

from tests.conftest_helpers import free_port


class RecordingHandler:
    """Accepts messages, or refuses them with `refuse_with` (e.g. "451 Try again later")."""

    def __init__(self, refuse_with=None, refuse_every=None):
        self.refuse_with = refuse_with
        self.refuse_every = refuse_every
        self.lock = threading.Lock()
        self.keys = Counter()
        self.attempts = 0
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.attempts += 1
            if self.refuse_with and (self.refuse_every is None or self.attempts % self.refuse_every == 0):
                return self.refuse_with
            message = message_from_bytes(envelope.content)
            self.messages.append(message)
            self.keys[message["X-Eyeforai-Key"]] += 1
        return "250 Message accepted"


class SMTPServer:
    def __init__(self, handler):
        self.handler = handler
        self.port = free_port()
        self.controller = Controller(handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc_info):
        self.controller.stop()

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"
