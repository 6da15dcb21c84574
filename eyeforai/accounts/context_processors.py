from django.conf import settings

from eyeforai.accounts.roles import is_programme_manager


def roles(request):
    """Lazy role flags for the pages that word themselves by role (the main navigation is portal/navigation.py);
    each is evaluated only if a template asks."""
    user = getattr(request, "user", None)
    return {"is_programme_manager": (lambda: is_programme_manager(user)) if user else False}


def programme_team(request):
    """The programme team's address: pages that say "write to the programme team" (and the footer) name it."""
    return {"programme_team_email": settings.PROGRAMME_TEAM_EMAIL}
