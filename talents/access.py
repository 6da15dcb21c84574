"""Who is a talent, and the talent's own objects: someone else's answer 404."""

from django.shortcuts import get_object_or_404

from eyeforai.accounts.access import role_required
from eyeforai.accounts.roles import acts_as_programme_manager
from talents.models import Absence, Application, DayLog, TalentProfile


def is_talent(user):
    """A signed-in, active user with a TalentProfile (made when they sign up). Cached on the user."""
    if not (user.is_authenticated and user.is_active):
        return False
    try:
        return user.talent_profile is not None
    except TalentProfile.DoesNotExist:
        return False


talent_required = role_required(is_talent)


def get_application_for_talent(user, uuid):
    return get_object_or_404(Application.objects.select_related("cohort", "talent__user"), uuid=uuid, talent__user=user)


def get_cv_application(request, uuid):
    """The application whose CV the person asking may download: their own, or any one for a programme
    manager whose session passed the second factor."""
    applications = Application.objects.select_related("cohort", "talent__user").exclude(cv="")
    if not acts_as_programme_manager(request):
        applications = applications.filter(talent__user=request.user)
    return get_object_or_404(applications, uuid=uuid)


def get_day_log_for_talent(user, uuid):
    return get_object_or_404(DayLog.objects.select_related("cohort"), uuid=uuid, talent__user=user)


def get_absence_for_talent(user, uuid):
    return get_object_or_404(Absence, uuid=uuid, talent__user=user)
