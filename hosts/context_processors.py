from hosts.access import is_host_member


def host_member(request):
    """`is_host_member` for pages that word themselves by role, evaluated only if a template asks."""
    user = getattr(request, "user", None)
    return {"is_host_member": (lambda: is_host_member(user)) if user else False}
