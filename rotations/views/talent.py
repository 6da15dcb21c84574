from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hosts.models import HostOrganization
from rotations.access import get_placement_for_talent
from rotations.choices import CalendarOwner, Side
from rotations.models import HiringInterest, Placement
from rotations.services import hiring
from rotations.services.calendars import feed_for_talent, regenerate_token
from rotations.views.common import evaluation_page, feed_calendar
from talents.access import talent_required

calendar = feed_calendar(CalendarOwner.TALENT)


@talent_required
@require_POST
def calendar_regenerate(request):
    regenerate_token(feed_for_talent(request.user), by=request.user)
    messages.success(request, _("Your calendar has a new private address; the old one no longer works."))
    return redirect("portal:talent_dashboard")


@talent_required
@require_http_methods(["GET", "POST"])
def feedback(request, placement):
    placement = get_placement_for_talent(request.user, placement)
    return evaluation_page(
        request,
        placement,
        side=Side.TALENT,
        template="rotations/talent_feedback.html",
        done_url="portal:talent_dashboard",
    )


@talent_required
@require_http_methods(["GET", "POST"])
def hiring_interest(request):
    """The hosts the talent rotated through, each with a "I would like to work here" switch."""
    talent = request.user.talent_profile
    placements = list(
        Placement.objects.visible_to_both_sides()
        .for_talent(talent)
        .select_related("host", "cohort", "period")
        .order_by("starts_on")
    )
    cohort = placements[-1].cohort if placements else None
    today = timezone.localdate()
    if request.method == "POST" and cohort:
        host = HostOrganization.objects.filter(slug=request.POST.get("host"), placements__in=placements).first()
        if host is None:
            raise Http404
        try:
            if request.POST.get("interested") == "yes":
                mutual = hiring.mark_hiring_interest(
                    talent=talent, host=host, cohort=cohort, side=Side.TALENT, by=request.user, today=today
                )
                messages.success(
                    request,
                    _("%(host)s also wants to continue with you: the programme team will be in touch.") % {"host": host}
                    if mutual
                    else _("Saved. %(host)s will only know if they are interested too.") % {"host": host},
                )
            else:
                hiring.withdraw_hiring_interest(
                    talent=talent, host=host, cohort=cohort, side=Side.TALENT, by=request.user
                )
                messages.success(request, _("Your interest in %(host)s is withdrawn.") % {"host": host})
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("rotations_talent:hiring")
    marked = set(HiringInterest.objects.filter(talent=talent, side=Side.TALENT).values_list("host_id", flat=True))
    mutual = hiring.mutual_pairs([cohort]) if cohort else set()
    hosts = []
    for placement in placements:
        hosts.append(
            {
                "host": placement.host,
                "period": placement.period,
                "marked": placement.host_id in marked,
                "mutual": (talent.pk, placement.host_id) in mutual,
            }
        )
    context = {
        "hosts": hosts,
        "is_open": bool(cohort) and hiring.last_period_has_begun(cohort, today),
        "cohort": cohort,
    }
    return render(request, "rotations/talent_hiring.html", context)
