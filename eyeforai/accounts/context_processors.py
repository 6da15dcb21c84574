from eyeforai.accounts.roles import is_programme_manager


def roles(request):
    """Lazy role flags for the navigation; each is evaluated only if a template asks."""
    user = getattr(request, "user", None)
    return {"is_programme_manager": (lambda: is_programme_manager(user)) if user else False}
