"""Who a new account is for, when the sign-up came from somewhere other than "Apply".

The public sign-up makes a talent (talents/signals.py). A person who arrives through a host
invitation signs up with the same form; the invitation page marks the session first so that the
talents app knows to leave them alone — without talents and hosts importing each other.
"""

from eyeforai.accounts.choices import Role

SESSION_KEY = "eyeforai_signup_role"
HOST_MEMBER = Role.HOST_MEMBER.value


def mark_signup_role(request, role):
    request.session[SESSION_KEY] = role


def signup_role(request):
    """The role the session was marked for, or None for an ordinary ("Apply") sign-up."""
    session = getattr(request, "session", None)
    return session.get(SESSION_KEY) if session is not None else None
