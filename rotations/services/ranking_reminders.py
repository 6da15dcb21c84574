"""A manager's "Remind them" on the matching pages: everyone who has not ranked, reminded at most once a day."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eyeforai.activity.services import record
from eyeforai.mail.models import OutboundEmail
from eyeforai.mail.services import queue_email
from eyeforai.programme.today import PROGRAMME_ZONE, programme_today
from hosts.models import HostMembership
from rotations.services.preferences import ranking_gaps, window_is_open

# "Once a day" is the programme's day, whoever clicks and wherever the server runs.


@dataclass(frozen=True)
class Reminded:
    queued: int  # emails queued by this click
    already: int  # people who had their reminder today already


def reminder_key(user, day):
    """One reminder per person per programme day, whichever cohort or click asks for it."""
    return f"ranking-reminder:{user.pk}:{day.isoformat()}"


@transaction.atomic
def remind_rankings(cohort, *, by, now=None):
    """Remind everyone who has not ranked in `cohort` (preferences.ranking_gaps): each talent whose ranking is
    short of the minimum gets 'rotations/ranking_reminder_talent' (the deadline, the minimum, the link to
    their ranking page); each member of a host with an approved project that ranks nobody gets
    'rotations/ranking_reminder_host' (those projects, each with the link to its ranking page).

    At most one email per person per day (Europe/Stockholm): the outbox key holds the person and the date,
    so a second click the same day queues nothing new. Refused while the cohort's ranking window is closed
    (nobody could act on it). Records 'cohort.rankings_reminded' when anyone was reminded.
    """
    now = now or timezone.now()
    if not window_is_open(cohort, now):
        raise ValidationError(
            _("The rankings of %(cohort)s are closed: a reminder would ask for something nobody can do now.")
            % {"cohort": cohort}
        )
    day = programme_today(now)
    gaps = ranking_gaps(cohort)
    common = {
        "cohort": cohort,
        "deadline": cohort.preference_deadline,
        "minimum": gaps.minimum,
    }
    emails = {}  # user pk -> (user, template, context)
    for talent in gaps.talents:
        if talent.user.is_active:
            context = {**common, "rule": talent_rule_lazy(gaps.minimum, cohort.preference_deadline)}
            context["url"] = reverse("rotations_talent:preferences")
            emails[talent.user.pk] = (talent.user, "rotations/ranking_reminder_talent", context)
    projects = {}
    for project in gaps.projects:
        projects.setdefault(project.organization_id, []).append(
            {"title": project.title, "url": reverse("rotations_host:rankings", args=[project.uuid])}
        )
    memberships = (
        HostMembership.objects.filter(organization__in=projects, user__is_active=True)
        .select_related("user", "organization")
        .order_by("created_at")
    )
    for membership in memberships:
        context = {**common, "organization": membership.organization, "projects": projects[membership.organization_id]}
        emails[membership.user.pk] = (membership.user, "rotations/ranking_reminder_host", context)

    keys = {pk: reminder_key(user, day) for pk, (user, _template, _context) in emails.items()}
    sent = set(OutboundEmail.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    queued = 0
    for pk, (user, template, context) in emails.items():
        if keys[pk] in sent:
            continue
        queue_email(
            key=keys[pk], to=user.email, template=template, context={**context, "name": user.first_name or user.email}
        )
        queued += 1
    if queued:
        note = ngettext("%(count)d person reminded", "%(count)d people reminded", queued) % {"count": queued}
        record(cohort, "cohort.rankings_reminded", by=by, note=note)
    return Reminded(queued=queued, already=len(emails) - queued)


def talent_rule(minimum, deadline):
    """What the talent's reminder asks, in words: the plural follows the minimum, a number the template
    cannot count with (its blocktranslate would need one), and the deadline in Swedish time."""
    text = ngettext(
        "Rank at least one project before %(deadline)s (Swedish time).",
        "Rank at least %(projects)d projects at %(hosts)d or more host organisations before %(deadline)s "
        "(Swedish time).",
        minimum.projects,
    )
    when = formats.date_format(timezone.localtime(deadline, PROGRAMME_ZONE), "DATETIME_FORMAT")
    return text % {"projects": minimum.projects, "hosts": minimum.hosts, "deadline": when}


# The rule in the words of whoever reads it: worked out when the email is rendered, in the
# recipient's language (queue_email), not now in the language of the manager who clicked.
talent_rule_lazy = lazy(talent_rule, str)
