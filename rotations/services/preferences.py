"""Both sides' preferences before matching: talents rank projects, hosts rank talents per project."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from eyeforai.mail.services import queue_email
from eyeforai.programme.choices import MATCHING_COHORT_STATUSES
from eyeforai.programme.models import Cohort
from hosts.models import Project
from hosts.services.common import member_recipients
from rotations.models import BuddyRequest, HostRanking, TalentPreference
from talents.choices import ApplicationStatus
from talents.models import Application, TalentProfile

REMINDER_DAYS = 3


@dataclass(frozen=True)
class RankingMinimum:
    """How much a talent must rank before the matching counts their ranking."""

    projects: int
    hosts: int
    lowered: bool  # the cohort has fewer approved projects or hosts than the settings ask for

    def met_by(self, organization_ids):
        """Does a ranking reach the minimum? `organization_ids`: the host of each ranked approved project."""
        return len(organization_ids) >= self.projects and len(set(organization_ids)) >= self.hosts


def ranking_minimum(cohort, organization_ids=None):
    """The minimum ranking of `cohort`: MATCHING_MIN_RANKED_PROJECTS at MATCHING_MIN_RANKED_HOSTS hosts,
    lowered to the approved projects and hosts the cohort has. `organization_ids`, one per approved project,
    saves the query when the caller has loaded them.

    Why a minimum: a talent placed on a project they did not rank is scored one step below their own last
    choice (rotations/engine/compiled.py), so a short list gives the matching little to go on, and cutting a
    list short must never be a way to be placed better; the engine makes sure it is not, and the portal asks
    for a list long enough to fill three periods at three hosts with the talent's own choices.
    """
    if organization_ids is None:
        organization_ids = list(Project.objects.approved_in(cohort).values_list("organization_id", flat=True))
    projects, hosts = len(organization_ids), len(set(organization_ids))
    wanted_projects, wanted_hosts = settings.MATCHING_MIN_RANKED_PROJECTS, settings.MATCHING_MIN_RANKED_HOSTS
    return RankingMinimum(
        projects=min(wanted_projects, projects),
        hosts=min(wanted_hosts, hosts),
        lowered=projects < wanted_projects or hosts < wanted_hosts,
    )


@dataclass(frozen=True)
class RankingGaps:
    """Who has not ranked in a cohort: accepted talents whose ranking is short of `minimum`, and approved
    projects that rank no talent (nor marked anyone not a fit)."""

    minimum: RankingMinimum
    talents: list
    projects: list


def ranking_gaps(cohort):
    """RankingGaps of `cohort`, in three queries whatever its size: the readiness panel of the matching
    pages (rotations/readiness.py), the reminders a manager sends from it and the deadline reminders all ask
    this. Talents come with their user, by name; projects with their organisation, by organisation and title."""
    projects = list(
        Project.objects.approved_in(cohort)
        .select_related("organization")
        .annotate(is_ranked=Exists(HostRanking.objects.filter(project=OuterRef("pk"))))
        .order_by("organization__name", "title")
    )
    minimum = ranking_minimum(cohort, [project.organization_id for project in projects])
    ranked = {}
    for talent_id, organization_id in TalentPreference.objects.filter(project__in=projects).values_list(
        "talent", "project__organization"
    ):
        ranked.setdefault(talent_id, []).append(organization_id)
    talents = [
        talent
        for talent in TalentProfile.objects.accepted_in(cohort)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
        if not minimum.met_by(ranked.get(talent.pk, []))
    ]
    return RankingGaps(
        minimum=minimum, talents=talents, projects=[project for project in projects if not project.is_ranked]
    )


def window_is_open(cohort, now=None):
    """Preferences may change while the cohort is being matched and its deadline has not passed
    (eyeforai.programme.models.ranking_is_open, the rule rotations.access also filters by)."""
    return cohort.ranking_is_open_at(now or timezone.now())


def _require_open(cohort):
    if not window_is_open(cohort):
        raise ValidationError(
            _("Preferences for %(cohort)s are closed; they can no longer be changed.") % {"cohort": cohort}
        )


def matching_cohort_for(talent):
    """The cohort the talent was accepted into and that is (or soon will be) matched, or None."""
    application = (
        Application.objects.for_talent(talent)
        .accepted()
        .in_matching_cohorts()
        .select_related("cohort")
        .order_by("-cohort__starts_on")
        .first()
    )
    return application.cohort if application else None


def matching_cohort_among(applications):
    """matching_cohort_for, from the talent's applications already loaded with their cohorts."""
    cohorts = [
        application.cohort
        for application in applications
        if application.status == ApplicationStatus.ACCEPTED and application.cohort.is_being_matched
    ]
    return max(cohorts, key=lambda cohort: cohort.starts_on, default=None)


def ranking_progress(talent, cohort):
    """(ranked, total): how many of the cohort's approved projects the talent has ranked, of how many.
    One query; a ranking of a project withdrawn since does not count."""
    totals = Project.objects.approved_in(cohort).aggregate(
        total=Count("pk", distinct=True),
        ranked=Count("talent_preferences", filter=Q(talent_preferences__talent=talent), distinct=True),
    )
    return totals["ranked"], totals["total"]


def add_host_ranking_progress(projects):
    """Set `ranked` (talents the host ranked or marked not a fit) and `accepted` (the cohort's accepted
    talents) on each of `projects`: two queries whatever their number."""
    ranked = dict(
        HostRanking.objects.filter(project__in=projects)
        .values("project")
        .annotate(n=Count("pk"))
        .values_list("project", "n")
    )
    cohorts = {project.cohort_id for project in projects}
    # TalentProfile.objects.accepted_in(cohort), counted for several cohorts in one query.
    accepted = (
        dict(
            Application.objects.filter(cohort__in=cohorts, status=ApplicationStatus.ACCEPTED)
            .values("cohort")
            .annotate(n=Count("talent", distinct=True))
            .values_list("cohort", "n")
        )
        if cohorts
        else {}
    )
    for project in projects:
        project.ranked, project.accepted = ranked.get(project.pk, 0), accepted.get(project.cohort_id, 0)
    return projects


def approved_projects_of(organization):
    """The organisation's approved projects in cohorts being matched (with their cohort)."""
    return (
        Project.objects.approved()
        .for_organization(organization)
        .filter(cohort__status__in=MATCHING_COHORT_STATUSES)
        .select_related("cohort")
    )


def ranking_of(talent, cohort):
    """The talent's ranked projects of the cohort, first choice first."""
    return [
        preference.project
        for preference in TalentPreference.objects.filter(talent=talent, project__cohort=cohort)
        .select_related("project__organization")
        .order_by("rank")
    ]


@transaction.atomic
def save_talent_ranking(talent, cohort, projects, *, by):
    """Replace the talent's ranking with `projects` (best first). No email.

    Refused after the deadline, for a talent not accepted into the cohort, for any project
    that is not one of the cohort's approved projects (another cohort's, withdrawn, or twice).
    A ranking short of the cohort's minimum (`ranking_minimum`) is saved, so a list can be built up and a
    project swapped for another one press at a time; while it is short the page says so and the matching
    treats the talent as not having ranked (`matching.build_problem`), which never places anyone better.
    """
    _require_open(cohort)
    if not TalentProfile.objects.accepted_in(cohort).filter(pk=talent.pk).exists():
        raise ValidationError(_("Only accepted talents of %(cohort)s rank its projects.") % {"cohort": cohort})
    allowed = set(Project.objects.approved_in(cohort).values_list("pk", flat=True))
    if any(project.pk not in allowed for project in projects):
        raise ValidationError(_("You can only rank the approved projects of your own cohort."))
    if len({project.pk for project in projects}) != len(projects):
        raise ValidationError(_("Each project can be ranked once."))
    TalentPreference.objects.filter(talent=talent, project__cohort=cohort).delete()
    TalentPreference.objects.bulk_create(
        TalentPreference(talent=talent, project=project, rank=rank) for rank, project in enumerate(projects, start=1)
    )
    ranking = "; ".join(f"{rank}. {project}" for rank, project in enumerate(projects, start=1))
    record(talent, "preferences.projects_ranked", by=by, note=f"{cohort}: {ranking}")


def move_in_ranking(ranking, project, action):
    """The ranking after one button press: "add", "remove", "up" or "down" for `project`."""
    ranking = list(ranking)
    if action == "add" and project not in ranking:
        ranking.append(project)
    elif action == "remove" and project in ranking:
        ranking.remove(project)
    elif action in ("up", "down") and project in ranking:
        index = ranking.index(project)
        other = index - 1 if action == "up" else index + 1
        if 0 <= other < len(ranking):
            ranking[index], ranking[other] = ranking[other], ranking[index]
    return ranking


@transaction.atomic
def save_buddy(talent, cohort, buddy, *, by):
    """Name one accepted talent of the same cohort to rotate with, or None to clear it."""
    _require_open(cohort)
    if buddy is None:
        if BuddyRequest.objects.filter(cohort=cohort, talent=talent).delete()[0]:
            record(talent, "preferences.buddy_cleared", by=by, note=str(cohort))
        return None
    if buddy.pk == talent.pk or not TalentProfile.objects.accepted_in(cohort).filter(pk=buddy.pk).exists():
        raise ValidationError({"buddy": _("Choose another accepted talent of your cohort.")})
    request, _created = BuddyRequest.objects.update_or_create(cohort=cohort, talent=talent, defaults={"buddy": buddy})
    record(talent, "preferences.buddy_named", by=by, note=f"{cohort}: {buddy}")
    return request


@transaction.atomic
def save_host_ranking(project, rows, *, by):
    """Replace the host's view of the cohort's talents for `project`.

    `rows` is {talent: rank or "not_a_fit" or None}. Ranks must be distinct whole numbers from 1.
    Refused after the deadline and for a project that is not approved.
    """
    _require_open(project.cohort)
    if not project.is_approved:
        raise ValidationError(_("Only approved projects rank talents."))
    allowed = set(TalentProfile.objects.accepted_in(project.cohort).values_list("pk", flat=True))
    if any(talent.pk not in allowed for talent in rows):
        raise ValidationError(_("You can only rank accepted talents of the project's cohort."))
    ranks = [value for value in rows.values() if isinstance(value, int)]
    if len(ranks) != len(set(ranks)):
        raise ValidationError(_("Give each talent a different rank."))
    HostRanking.objects.filter(project=project).delete()
    HostRanking.objects.bulk_create(
        HostRanking(
            project=project,
            talent=talent,
            rank=value if isinstance(value, int) else None,
            not_a_fit=value == "not_a_fit",
            ranked_by=by,
        )
        for talent, value in rows.items()
        if value is not None
    )
    ranked = sum(isinstance(value, int) for value in rows.values())
    unfit = sum(value == "not_a_fit" for value in rows.values())
    note = _("%(ranked)d ranked, %(unfit)d not a fit") % {"ranked": ranked, "unfit": unfit}
    record(project, "project.talents_ranked", by=by, note=note)


def send_preference_reminders(now=None):
    """Three days before a cohort's preference deadline: remind talents whose ranking is short of the
    cohort's minimum (`ranking_minimum`) and members of hosts with an approved project that ranks nobody.
    One per person per cohort (the outbox key). Returns how many emails were queued or already there."""
    now = now or timezone.now()
    count = 0
    for cohort in _cohorts_near_deadline(now):
        # A datetime, not text: the template formats it in each recipient's language.
        deadline = timezone.localtime(cohort.preference_deadline)
        gaps = ranking_gaps(cohort)
        context = {"cohort": cohort, "deadline": deadline, "minimum": gaps.minimum}
        for talent in gaps.talents:
            _remind(
                cohort,
                talent.user,
                talent.user.email,
                "talent",
                {**context, "url": reverse("rotations_talent:preferences")},
            )
            count += 1
        for organization in {project.organization for project in gaps.projects}:
            for member, email in member_recipients(organization):
                _remind(cohort, member, email, "host", {**context, "url": reverse("hosts_members:projects")})
                count += 1
    return count


def _cohorts_near_deadline(now):
    return Cohort.objects.ranking_open(now).filter(preference_deadline__lte=now + timedelta(days=REMINDER_DAYS))


def _remind(cohort, user, email, side, context):
    with transaction.atomic():
        queue_email(
            key=f"preference-reminder:{cohort.pk}:{user.pk}",
            to=email,
            template=f"rotations/preference_reminder_{side}",
            context={**context, "name": user.first_name or email},
        )
