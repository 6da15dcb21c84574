"""The programme at a glance: the figures the admin index opens on for programme managers.

The current cohorts are those recruiting, being matched or running (CURRENT_COHORT_STATUSES). For each:
applications per stage, seats against accepted talents per period (capacity.py), how many accepted talents
have ranked enough (while it is matched; preferences.ranking_minimum), this month's AI Sweden days (while
it runs; talents/compliance.py); then the outbox's failed and stuck emails and the next deadlines. Every
figure carries the address of the list behind it, filtered to the same rows.

It reads talents, hosts, rotations and mail, so it lives in the top layer. A fixed number of queries,
whatever the number of cohorts and talents (tests/portal/test_glance.py pins it).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.choices import PostStatus
from blog.models import Post
from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.choices import MATCHING_COHORT_STATUSES, CohortStatus
from eyeforai.programme.models import Cohort
from hosts.choices import ProjectStatus
from hosts.models import Project
from portal.capacity import CohortCapacity, capacity_summary
from rotations.models import TalentPreference
from rotations.models.placements import FEEDBACK_WINDOW_DAYS
from rotations.services.preferences import ranking_minimum
from talents.choices import ApplicationStatus
from talents.compliance import compliance_rows
from talents.models import Application

CURRENT_COHORT_STATUSES = (CohortStatus.RECRUITING, CohortStatus.MATCHING, CohortStatus.RUNNING)

# The funnel: where an application stands on its way in. Rejected and withdrawn ones are shown beside it.
FUNNEL_STAGES = (
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.ACCEPTED,
)
CLOSED_STAGES = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)

# An email still queued or sending this long after it was due is stuck: the re-dispatcher
# (OUTBOX_REDISPATCH_AFTER_SECONDS, OUTBOX_STUCK_AFTER_SECONDS) should have delivered it long before.
STUCK_AFTER = timedelta(minutes=15)
UNFINISHED_EMAIL_STATUSES = (EmailStatus.QUEUED, EmailStatus.SENDING)

NEXT_DEADLINES = 6

# The funnel's drawing: one bar per stage, centred, its width in proportion to the largest stage.
FUNNEL_WIDTH = 320
FUNNEL_BAR_HEIGHT = 18
FUNNEL_GAP = 5
FUNNEL_MIN_BAR = 4


def admin_list(name, **filters):
    """The admin page `name` (a URL name) filtered by `filters` (the changelist's query parameters)."""
    url = reverse(name)
    return f"{url}?{urlencode(filters)}" if filters else url


@dataclass(frozen=True)
class Stage:
    status: str
    label: str
    count: int
    url: str
    # The bar in the funnel's SVG (x, y, width), set for the funnel's stages.
    x: float = 0
    y: float = 0
    width: float = 0


@dataclass(frozen=True)
class PreferenceCompletion:
    ranked: int  # accepted talents whose ranking reaches the cohort's minimum
    accepted: int
    projects: int  # the minimum: projects at…
    hosts: int  # …this many hosts
    url: str  # the readiness panel on the cohort's board: who has not ranked enough, and "Remind them"
    rankings_url: str  # every ranking the cohort's talents made

    @property
    def percent(self):
        return round(100 * self.ranked / self.accepted) if self.accepted else 100


@dataclass(frozen=True)
class MonthCompliance:
    talents: int  # accepted talents of the running cohort
    missing_talents: int  # of them, talents missing at least one of this month's weeks
    expected: int  # weeks expected this month, all talents together
    logged: int
    url: str

    @property
    def percent(self):
        return round(100 * self.logged / self.expected) if self.expected else 100


@dataclass(frozen=True)
class Deadline:
    on: date
    label: str
    cohort: Cohort
    url: str
    at: datetime | None = None  # for a deadline with a time of day


@dataclass
class CohortGlance:
    cohort: Cohort
    funnel: list[Stage]
    closed: list[Stage]
    capacity: CohortCapacity
    capacity_url: str
    seats_url: str  # the cohort's approved projects, whose seats the periods count
    accepted_url: str  # the cohort's accepted applications, the talents who need a seat
    preferences: PreferenceCompletion | None = None
    compliance: MonthCompliance | None = None

    @property
    def funnel_height(self):
        return len(self.funnel) * (FUNNEL_BAR_HEIGHT + FUNNEL_GAP)

    @property
    def applications(self):
        return sum(stage.count for stage in self.funnel if stage.status != ApplicationStatus.DRAFT)


@dataclass(frozen=True)
class EmailTrouble:
    failed: int
    stuck: int
    failed_url: str
    stuck_url: str


@dataclass(frozen=True)
class BlogQueue:
    waiting: int
    url: str


@dataclass
class Glance:
    cohorts: list[CohortGlance]
    emails: EmailTrouble
    blog: BlogQueue
    deadlines: list[Deadline] = field(default_factory=list)
    funnel_width: int = FUNNEL_WIDTH
    bar_height: int = FUNNEL_BAR_HEIGHT


def programme_at_a_glance(now=None):
    """The dashboard's figures in fourteen queries whatever the numbers (three without a current cohort): the
    cohorts, the emails, the blog's review queue, capacity (three), the stages, preferences (three) and this
    month's days (four)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    cohorts = list(Cohort.objects.with_status(*CURRENT_COHORT_STATUSES).order_by("starts_on", "name"))
    emails = email_trouble(now)
    blog = blog_queue()
    if not cohorts:
        return Glance(cohorts=[], emails=emails, blog=blog)
    capacity = {item.cohort.pk: item for item in capacity_summary(cohorts)}  # three queries
    stages = stage_counts()
    preferences = preference_completion(cohorts)
    compliance = month_compliance(today)
    glances = []
    for cohort in cohorts:
        glances.append(
            CohortGlance(
                cohort=cohort,
                funnel=funnel(cohort, stages[cohort.pk]),
                closed=[_stage(cohort, status, stages[cohort.pk][status]) for status in CLOSED_STAGES],
                capacity=capacity[cohort.pk],
                capacity_url=f"{reverse('portal:capacity')}#capacity-{cohort.slug}",
                seats_url=admin_list(
                    "admin:hosts_project_changelist", cohort__id__exact=cohort.pk, status__exact=ProjectStatus.APPROVED
                ),
                accepted_url=_stage(cohort, ApplicationStatus.ACCEPTED, 0).url,
                preferences=preferences.get(cohort.pk),
                compliance=compliance.get(cohort.pk),
            )
        )
    return Glance(cohorts=glances, emails=emails, blog=blog, deadlines=next_deadlines(glances, now))


def blog_queue():
    """Posts the authors sent for review, waiting for the team (one query)."""
    return BlogQueue(
        waiting=Post.objects.filter(status=PostStatus.SUBMITTED).count(),
        url=admin_list("admin:blog_post_changelist", status__exact=PostStatus.SUBMITTED),
    )


def stage_counts():
    """{cohort id: Counter(status: applications)} for the current cohorts, in one query."""
    rows = (
        Application.objects.filter(cohort__status__in=CURRENT_COHORT_STATUSES)
        .order_by()
        .values("cohort_id", "status")
        .annotate(total=Count("pk"))
    )
    counts = defaultdict(Counter)
    for row in rows:
        counts[row["cohort_id"]][row["status"]] = row["total"]
    return counts


def _stage(cohort, status, count, **bar):
    url = admin_list("admin:talents_application_changelist", cohort__id__exact=cohort.pk, status__exact=status)
    return Stage(status=status, label=ApplicationStatus(status).label, count=count, url=url, **bar)


def funnel(cohort, counts):
    """The funnel's stages with their bars: the widest stage spans the drawing, the others in proportion."""
    widest = max((counts[status] for status in FUNNEL_STAGES), default=0) or 1
    stages = []
    for index, status in enumerate(FUNNEL_STAGES):
        width = max(FUNNEL_MIN_BAR, FUNNEL_WIDTH * counts[status] / widest)
        stages.append(
            _stage(
                cohort,
                status,
                counts[status],
                x=round((FUNNEL_WIDTH - width) / 2, 1),
                y=index * (FUNNEL_BAR_HEIGHT + FUNNEL_GAP),
                width=round(width, 1),
            )
        )
    return stages


def preference_completion(cohorts):
    """{cohort id: PreferenceCompletion} for the cohorts being matched among `cohorts`, in three queries: their
    approved projects' hosts, the accepted talents, and the talents' rankings of approved projects."""
    projects = defaultdict(list)
    for cohort_id, organization_id in (
        Project.objects.approved()
        .filter(cohort__status__in=MATCHING_COHORT_STATUSES)
        .values_list("cohort_id", "organization_id")
    ):
        projects[cohort_id].append(organization_id)
    accepted = defaultdict(set)
    for cohort_id, talent_id in (
        Application.objects.accepted()
        .filter(cohort__status__in=MATCHING_COHORT_STATUSES)
        .values_list("cohort_id", "talent_id")
    ):
        accepted[cohort_id].add(talent_id)
    ranked = defaultdict(list)
    rankings = TalentPreference.objects.filter(
        project__in=Project.objects.approved().filter(cohort__status__in=MATCHING_COHORT_STATUSES)
    ).values_list("project__cohort_id", "talent_id", "project__organization_id")
    for cohort_id, talent_id, organization_id in rankings:
        ranked[cohort_id, talent_id].append(organization_id)
    slugs = {cohort.pk: cohort.slug for cohort in cohorts}
    completion = {}
    for cohort_id in set(projects) | set(accepted):
        minimum = ranking_minimum(None, projects[cohort_id])  # given the hosts, it reads no cohort
        talents = accepted[cohort_id]
        completion[cohort_id] = PreferenceCompletion(
            ranked=sum(1 for talent_id in talents if minimum.met_by(ranked[cohort_id, talent_id])),
            accepted=len(talents),
            projects=minimum.projects,
            hosts=minimum.hosts,
            # The figure counts who ranked enough; the manager wants the others, whom the board's readiness panel
            # names (ranking_gaps, the same rule) with its "Remind them" button.
            url=f"{reverse('admin:rotations_board', args=[slugs[cohort_id]])}#readiness",
            rankings_url=admin_list(
                "admin:rotations_talentpreference_changelist", project__cohort__id__exact=cohort_id
            ),
        )
    return completion


def month_compliance(today):
    """{cohort id: MonthCompliance} for the running cohorts, this month's weeks (compliance_rows, four queries)."""
    running = Cohort.objects.with_status(CohortStatus.RUNNING)
    rows = compliance_rows(running, today=today, month=True)
    by_cohort = defaultdict(list)
    for row in rows:
        by_cohort[row.cohort_id].append(row)
    return {
        cohort_id: MonthCompliance(
            talents=len(cohort_rows),
            missing_talents=sum(1 for row in cohort_rows if row.missing),
            expected=sum(row.expected for row in cohort_rows),
            logged=sum(row.logged for row in cohort_rows),
            url=admin_list(
                "admin:talents_daylog_compliance", cohort=cohort_rows[0].cohort_slug, scope="month", o="-missing"
            ),
        )
        for cohort_id, cohort_rows in by_cohort.items()
    }


def email_trouble(now):
    """Failed emails and emails stuck (queued or sending STUCK_AFTER past their due time), in one query."""
    cutoff = now - STUCK_AFTER
    stuck = Q(status__in=UNFINISHED_EMAIL_STATUSES, next_attempt_at__lte=cutoff)
    totals = OutboundEmail.objects.aggregate(
        failed=Count("pk", filter=Q(status=EmailStatus.FAILED)), stuck=Count("pk", filter=stuck)
    )
    changelist = "admin:mail_outboundemail_changelist"
    return EmailTrouble(
        failed=totals["failed"],
        stuck=totals["stuck"],
        failed_url=admin_list(changelist, status__exact=EmailStatus.FAILED),
        stuck_url=admin_list(
            changelist,
            status__in=",".join(UNFINISHED_EMAIL_STATUSES),
            next_attempt_at__lte=cutoff.isoformat(timespec="seconds"),
        ),
    )


def next_deadlines(glances, now):
    """The next dates the programme works to, soonest first: the cohorts' calls and preference deadlines,
    their starts, each period's start and end, and the day its feedback forms open."""
    today = timezone.localdate(now)
    deadlines = []
    for glance in glances:
        cohort = glance.cohort
        change = reverse("admin:programme_cohort_change", args=[cohort.pk])
        applications = admin_list("admin:talents_application_changelist", cohort__id__exact=cohort.pk)
        if cohort.status == CohortStatus.RECRUITING:
            for at, label, url in (
                (cohort.applications_open_at, _("Applications open"), change),
                (cohort.application_deadline, _("Application deadline"), applications),
            ):
                if at > now:
                    deadlines.append(Deadline(on=timezone.localdate(at), at=at, label=label, cohort=cohort, url=url))
        if cohort.is_being_matched and cohort.preference_deadline and cohort.preference_deadline > now:
            at = cohort.preference_deadline
            url = glance.preferences.url if glance.preferences else change
            deadlines.append(
                Deadline(on=timezone.localdate(at), at=at, label=_("Preference deadline"), cohort=cohort, url=url)
            )
        if cohort.starts_on > today:
            deadlines.append(Deadline(on=cohort.starts_on, label=_("Cohort starts"), cohort=cohort, url=change))
        board = reverse("admin:rotations_board", args=[cohort.slug])
        for item in glance.capacity.periods:
            period = item.period
            number = {"number": period.number}
            for on, label in (
                (period.starts_on, _("Period %(number)s starts") % number),
                (
                    period.ends_on - timedelta(days=FEEDBACK_WINDOW_DAYS),
                    _("Feedback opens for period %(number)s") % number,
                ),
                (period.ends_on, _("Period %(number)s ends") % number),
            ):
                if on >= today:
                    deadlines.append(Deadline(on=on, label=label, cohort=cohort, url=board))
    deadlines.sort(key=lambda deadline: (deadline.on, deadline.cohort.starts_on))
    return deadlines[:NEXT_DEADLINES]
