"""Placements, and talents, as the talent or the host member asking may see them; anyone else's answer 404."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from eyeforai.programme.models import Cohort
from hosts.access import get_organization_for_member
from hosts.models import Project
from rotations.models import Placement
from talents.choices import ApplicationStatus
from talents.models import Application


def get_placement_for_talent(user, uuid):
    try:
        return Placement.objects.visible_to_both_sides().with_people().get(uuid=uuid, talent__user=user)
    except Placement.DoesNotExist as error:
        raise Http404 from error


def get_placement_for_member(user, uuid):
    """A placement at the member's organisation that its members may see (visible_to_both_sides: a proposed
    one only while the cohort's plan is shared)."""
    organization = get_organization_for_member(user)
    try:
        return Placement.objects.visible_to_both_sides().with_people().get(uuid=uuid, host=organization)
    except Placement.DoesNotExist as error:
        raise Http404 from error


def get_application_for_member(user, talent_uuid, *, now=None):
    """The application through which the member's organisation may see the talent with this public
    id, with the talent, their user and skills, and the cohort; 404 for anyone else.

    The one rule for what a host sees of a talent (profile, motivation, CV): a talent placed with the
    organisation (a placement in that cohort it may see: Placement.objects.visible_to_both_sides, so a
    proposed one only while the manager shares the plan), or an accepted talent of a cohort
    in which the organisation has an approved project while the ranking window is open
    (Cohort.objects.ranking_open: the rule rotations.services.preferences.window_is_open asks too).
    The newest such cohort's application wins.
    """
    organization = get_organization_for_member(user)
    now = now or timezone.now()
    placed = (
        Placement.objects.visible_to_both_sides()
        .for_host(organization)
        .filter(talent=OuterRef("talent_id"), cohort=OuterRef("cohort_id"))
    )
    ranking = (
        Project.objects.approved()
        .for_organization(organization)
        .filter(cohort=OuterRef("cohort_id"), cohort__in=Cohort.objects.ranking_open(now))
    )
    application = (
        Application.objects.filter(talent__uuid=talent_uuid)
        .filter(Exists(placed) | Q(Exists(ranking), status=ApplicationStatus.ACCEPTED))
        .select_related("talent__user", "cohort")
        .prefetch_related("talent__skills")
        .order_by("-cohort__starts_on")
        .first()
    )
    if application is None:
        raise Http404
    return application
