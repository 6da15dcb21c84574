"""The HTTP edge: what every request meets before any app sees it, and what the deployment needs
for it (the client's address behind a proxy, a shared cache, access logs without secrets)."""
