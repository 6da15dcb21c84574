"""A throwaway redis-server on its own port, for tests that stop the broker.

The machine's Redis on 6379 is shared with everyone else's tests and processes: it is never stopped.
"""

import socket
import subprocess
from contextlib import contextmanager

from tests.conftest_helpers import free_port, wait_until


def _answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class ThrowawayRedis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        wait_until(lambda: _answers(self.port), timeout=10, message=f"redis-server on port {self.port}")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@contextmanager
def throwaway_redis():
    server = ThrowawayRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()
