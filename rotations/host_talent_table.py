"""The tables of the host's talents page, one per cohort, read and written once in Python.

Written as template logic (three URLs, two dates, two or three translated sentences and a form per
placement) each row cost about a millisecond, and the placements as model instances with their talent,
user, project, period and cohort cost more than the rest of the page. Here the facts come as plain value
rows in three queries, each URL is reversed once per page and each row is one `format_html` of the
template's markup: the same text (its msgids, dates as `|date` writes them), the same escaping.

The tables are the organisation's, not the member's: `kept_host_talent_tables` keeps them per organisation,
language and day (the feedback and hiring cells follow the date) under a generation that any write to the
tables they read ends (TABLES_READ, watched by eyeforai/write_watch.py), and with a placeholder for the
hiring forms' CSRF token (eyeforai/kept_copies.py).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from functools import cache as cache_result

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eyeforai.accounts.names import display_name
from eyeforai.kept_copies import csrf_placeholder, kept, shape, with_csrf_token
from eyeforai.paths import uuid_paths
from eyeforai.programme.models import Cohort, Period
from hosts.models import Project
from rotations.choices import PlacementStatus, Side
from rotations.models import Evaluation, HiringInterest, Placement
from rotations.models.placements import FEEDBACK_WINDOW_DAYS
from talents.models import TalentProfile

GENERATION_KEY = "host-talents:generation"

EN_DASH = "\u2013"
NO_ACTION = "\u2014"  # the em dash of a cell with nothing to do

# What a row shows of a placement, in the order host_talent_tables unpacks them.
COLUMNS = [
    "pk",
    "uuid",
    "status",
    "starts_on",
    "ends_on",
    "cohort_id",
    "cohort__name",
    "period__number",
    "project__title",
    "talent_id",
    "talent__uuid",
    "talent__user__first_name",
    "talent__user__last_name",
    "talent__user__email",
    "last_period_starts_on",
]

ROW = (
    "<tr>\n"
    '  <td data-label="{period_label}">{period}<br><span class="meta">{dates}</span></td>\n'
    '  <th scope="row" data-label="{talent_label}"><a href="{talent_url}">{name}</a><br>\n'
    '    <a href="mailto:{email}">{email}</a><br>\n'
    '    <a href="{cv_url}">{cv_label}</a></th>\n'
    '  <td data-label="{project_label}">{project}</td>\n'
    '  <td data-label="{status_label}"><span class="badge">{status}</span></td>\n'
    '  <td data-label="{feedback_label}">{feedback}</td>\n'
    '  <td data-label="{hiring_label}">{hiring}</td>\n'
    "</tr>\n"
)
GIVE_FEEDBACK = '<a href="{}">{}</a>'
MUTUAL = '<span class="badge badge-ok">{}</span>'
HIRING_FORM = (
    '<form method="post" action="{url}" class="inline-form">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf_token}">'
    '<button type="submit" name="interested" value="{value}" class="{button_class}">{label}</button>'
    "</form>"
)


@cache_result
def tables_read():
    """The tables the rows read (asked at the first write, once the app registry is ready)."""
    models = [Placement, Evaluation, HiringInterest, Period, Cohort, Project, TalentProfile, get_user_model()]
    return frozenset(model._meta.db_table for model in models)


@dataclass(frozen=True)
class CohortTable:
    name: str
    rows_html: str  # the table body's rows, escaped


def _placements(organization):
    """The placements at the organisation its members may see (visible_to_both_sides: proposed ones only
    while the cohort's plan is shared), by cohort, period and surname, with the start of their cohort's
    last period (as hiring.last_period_has_begun: the period with the highest number)."""
    last_period = Period.objects.filter(cohort=OuterRef("cohort")).order_by("-number").values("starts_on")[:1]
    return (
        Placement.objects.for_host(organization)
        .visible_to_both_sides()
        .annotate(last_period_starts_on=Subquery(last_period))
        .order_by("-cohort__starts_on", "period__number", "talent__user__last_name")
        .values_list(*COLUMNS)
    )


def _feedback_is_open(status, ends_on, today):
    # Placement.feedback_is_open on a value row.
    opens_on = ends_on - timedelta(days=FEEDBACK_WINDOW_DAYS)
    return status in (PlacementStatus.ACTIVE, PlacementStatus.COMPLETED) and today >= opens_on


class _Cells:
    """What a row's feedback and hiring cells show, as rotations.services.schedules.host_talents decides
    it for the host's overview: the feedback form while open and not yet given, the hiring-interest switch
    from the cohort's last period on until the interest is mutual."""

    def __init__(self, organization, *, csrf_token):
        self.given = set(
            Evaluation.objects.filter(placement__host=organization, side=Side.HOST).values_list(
                "placement_id", flat=True
            )
        )
        self.sides = defaultdict(set)  # (cohort, talent) -> the sides that marked interest with this organisation
        interests = HiringInterest.objects.filter(host=organization).values_list("cohort_id", "talent_id", "side")
        for cohort_id, talent_id, side in interests:
            self.sides[cohort_id, talent_id].add(side)
        self.csrf_token = csrf_token
        self.feedback_url = uuid_paths("rotations_host:feedback")
        self.hiring_url = uuid_paths("rotations_host:hiring")

    def feedback(self, pk, uuid, status, ends_on, *, today):
        if pk in self.given:
            return _("Given")
        if _feedback_is_open(status, ends_on, today):
            return format_html(GIVE_FEEDBACK, self.feedback_url(uuid), _("Give feedback"))
        return NO_ACTION

    def hiring(self, uuid, cohort_id, talent_id, name, *, last_period_starts_on, today):
        marked = self.sides[cohort_id, talent_id]
        if marked == {Side.HOST, Side.TALENT}:
            return format_html(MUTUAL, _("Mutual"))
        if last_period_starts_on is None or today < last_period_starts_on:
            return NO_ACTION
        if Side.HOST in marked:
            value, button_class = "no", "button button-small button-secondary"
            label = _("Withdraw interest in %(name)s") % {"name": name}
        else:
            value, button_class = "yes", "button button-small"
            label = _("We would like to hire %(name)s") % {"name": name}
        return format_html(
            HIRING_FORM,
            url=self.hiring_url(uuid),
            csrf_token=self.csrf_token,
            value=value,
            button_class=button_class,
            label=label,
        )


def host_talent_tables(organization, *, today, csrf_token):
    """One CohortTable per cohort of the organisation's placements, newest cohort first, in four queries."""
    labels = {
        "period_label": _("Period"),
        "talent_label": _("Talent"),
        "project_label": _("Project"),
        "status_label": _("Status"),
        "feedback_label": _("Feedback"),
        "hiring_label": _("Hiring interest"),
    }
    talent_url, cv_url = uuid_paths("rotations_host:talent"), uuid_paths("rotations_host:cv")
    cells = _Cells(organization, csrf_token=csrf_token)
    tables, rows, current_cohort = [], [], None
    for (
        pk,
        uuid,
        status,
        starts_on,
        ends_on,
        cohort_id,
        cohort_name,
        period,
        project,
        talent_id,
        talent_uuid,
        first_name,
        last_name,
        email,
        last_period_starts_on,
    ) in _placements(organization):
        if cohort_id != current_cohort:
            current_cohort, rows = cohort_id, []
            tables.append((cohort_name, rows))
        name = display_name(first_name, last_name, email)
        row = format_html(
            ROW,
            **labels,
            period=period,
            dates=f"{formats.date_format(starts_on)} {EN_DASH} {formats.date_format(ends_on)}",
            talent_url=talent_url(talent_uuid),
            name=name,
            email=email,
            cv_url=cv_url(uuid),
            cv_label=_("CV of %(name)s (PDF)") % {"name": name},
            project=project,
            status=PlacementStatus(status).label,
            feedback=cells.feedback(pk, uuid, status, ends_on, today=today),
            hiring=cells.hiring(
                uuid, cohort_id, talent_id, name, last_period_starts_on=last_period_starts_on, today=today
            ),
        )
        rows.append(row)
    # Safe: each row is format_html's, every value in it escaped.
    return [CohortTable(name=name, rows_html=mark_safe("".join(rows))) for name, rows in tables]  # noqa: S308  # nosec B308 B703


def kept_host_talent_tables(request, organization):
    """host_talent_tables of today, from the cache while nothing they show has changed, with the request's
    CSRF token in the hiring forms."""
    today = timezone.localdate()

    def build():
        placeholder = csrf_placeholder()
        return (placeholder, host_talent_tables(organization, today=today, csrf_token=placeholder)), None

    key = f"host-talents:{shape(CohortTable)}:{organization.pk}:{get_language()}:{today.isoformat()}"
    placeholder, tables = kept(GENERATION_KEY, key, build)
    # Safe: the kept rows are host_talent_tables' escaped markup; only the placeholder is replaced.
    return [
        CohortTable(name=table.name, rows_html=mark_safe(with_csrf_token(request, table.rows_html, placeholder)))  # noqa: S308  # nosec B308 B703
        for table in tables
    ]
