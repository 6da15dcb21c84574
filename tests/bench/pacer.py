"""A fixed-rate (open-loop) load generator: wrk2's idea in a few lines of Python.

Request i is due at start + i / rate whatever happened to earlier ones, and its latency is measured
from that due time, not from when a free connection happened to send it. A slow server therefore
shows up as latency instead of silently lowering the rate (no coordinated omission). At 100 requests
a second the client's own cost (well under a millisecond per request) is small against the figures.
"""

import http.client
import queue
import threading
import time
from dataclasses import dataclass


@dataclass
class PacedResult:
    sent: int
    errors: int
    latencies_ms: list

    def percentile(self, fraction):
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def paced_run(*, host, port, path, headers, rate, seconds, connections=16, method="GET", body=None, ok_statuses=(200,)):
    """`headers`: one dict, or a list of dicts taken in turn (several people posting a form)."""
    rotation = headers if isinstance(headers, list) else [headers]
    jobs = queue.Queue()
    latencies, errors, lock = [], [0], threading.Lock()

    def worker():
        connection = http.client.HTTPConnection(host, port, timeout=10)
        while (job := jobs.get()) is not None:
            due, number = job
            try:
                connection.request(method, path, body=body, headers=rotation[number % len(rotation)])
                response = connection.getresponse()
                response.read()
                ok = response.status in ok_statuses
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=10)
                ok = False
            elapsed = (time.perf_counter() - due) * 1000
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok
        connection.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    total = int(rate * seconds)
    start = time.perf_counter()
    for number in range(total):
        due = start + number / rate
        pause = due - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        jobs.put((due, number))
    for _ in threads:
        jobs.put(None)
    for thread in threads:
        thread.join()
    return PacedResult(sent=total, errors=errors[0], latencies_ms=latencies)
