"""Who takes the course, who manages it, and a participant's own objects: anyone else's answer 404."""

from django.shortcuts import get_object_or_404

from courses.models import Facilitator, Participant, Session
from eyeforai.accounts.access import role_required
from eyeforai.accounts.mfa import session_used_mfa
from eyeforai.accounts.permissions import COURSE_MANAGERS_GROUP  # the name lives with the group's grants
from eyeforai.accounts.roles import in_staff_group


def participant_of(user):
    """The user's Participant, or None (cached on the user by Django's one-to-one descriptor)."""
    if not (user.is_authenticated and user.is_active):
        return None
    try:
        return user.course_participant
    except Participant.DoesNotExist:
        return None


def is_participant(user):
    return participant_of(user) is not None


participant_required = role_required(is_participant)


def is_course_manager(user):
    """Staff in the "Course managers" group (or a superuser). Not implied by being a programme manager."""
    return in_staff_group(user, COURSE_MANAGERS_GROUP)


def acts_as_course_manager(request):
    """A course manager's powers need a session that passed the second factor, as a programme manager's do."""
    return is_course_manager(request.user) and session_used_mfa(request)


def facilitator_of(user):
    """The user's Facilitator, or None (cached on the user by Django's one-to-one descriptor)."""
    if not (user.is_authenticated and user.is_active):
        return None
    try:
        return user.course_facilitator
    except Facilitator.DoesNotExist:
        return None


def is_facilitator(user):
    return facilitator_of(user) is not None


facilitator_required = role_required(is_facilitator)


def get_session_for_facilitator(user, uuid):
    """A session `user` facilitates; any other session (or none) is a 404."""
    return get_object_or_404(Session.objects.for_facilitator(facilitator_of(user)), uuid=uuid)
