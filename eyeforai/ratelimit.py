"""The client's address, and a fixed-window counter per client address (or per account) in Django's cache.

Good enough against a form-spamming script; the cache must be shared between processes in
production (CACHE_URL pointing at Redis) for the limit to hold across workers: with DEBUG off a
per-process cache is a system-check error (eyeforai/http/checks.py).
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache


def _ip(text):
    """The address in `text` ("192.0.2.1", "192.0.2.1:5678", "[2001:db8::1]:443"), or None."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_address(request):
    """The address of the person making the request: the one function for it (allauth asks it too,
    through portal/allauth_adapter.py).

    Behind TRUSTED_PROXY_COUNT proxies that each append the address they were reached from to
    X-Forwarded-For, the client is the Nth entry from the right: what a client writes into the header
    itself sits further left and is never read. Without the header, or with fewer entries than
    trusted proxies (a request that did not come through them), it is REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if trusted and len(forwarded) >= trusted:
        return _ip(forwarded[-trusted]) or remote
    return remote


def _counted_as(address):
    # One IPv6 subscriber holds a whole /64: counting each of its addresses apart would not limit anyone.
    ip = _ip(address)
    if ip and ":" in ip:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return address


def over_limit(request, *, scope, limit, window, key=None):
    """Count this request; True once more than `limit` arrived within `window` seconds.

    Counted per client address, or per `key` when given (e.g. f"user:{user.pk}" for a per-account limit).
    """
    who = hashlib.sha256((key or _counted_as(client_address(request))).encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{who}:{int(time.time() // window)}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count > limit
