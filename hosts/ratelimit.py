"""A fixed-window counter per client address, kept in Django's cache (no extra dependency).

Good enough against a form-spamming script; the cache must be shared between processes in
production (CACHE_URL pointing at Redis) for the limit to hold across workers.
"""

import hashlib
import time

from django.core.cache import cache


def client_address(request):
    # REMOTE_ADDR is what the proxy in front hands us; a spoofable X-Forwarded-For is not trusted here.
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request, *, scope, limit, window):
    """Count this request against its address; True once more than `limit` arrived within `window` seconds."""
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{address}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
