from talents.access import is_talent


def talent(request):
    """`is_talent` for the navigation, evaluated only if a template asks."""
    user = getattr(request, "user", None)
    return {"is_talent": (lambda: is_talent(user)) if user else False}
