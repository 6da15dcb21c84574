from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rotations.forms import EvaluationForm
from rotations.models import Evaluation
from rotations.services.calendars import build_calendar, live_feed
from rotations.services.feedback import submit_evaluation


def feed_calendar(owner_kind):
    """A view serving the placements of the feed whose private token is in ?token= (for calendar
    apps, which cannot sign in: the token is the key). Unknown, missing or other-kind tokens, and
    feeds whose owner has lost the access (rotations.services.calendars.live_feed): 404."""

    @require_GET
    def view(request):
        feed = live_feed(owner_kind, request.GET.get("token", ""))
        if feed is None:
            raise Http404
        return calendar_response(feed)

    return view


def calendar_response(feed):
    response = HttpResponse(build_calendar(feed), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="eye-for-ai-placements.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def evaluation_page(request, placement, *, side, template, done_url):
    """The feedback form for one side of a placement: shown once, read back after it is given."""
    given = Evaluation.objects.filter(placement=placement, side=side).first()
    form = None
    if given is None:
        form = EvaluationForm(request.POST or None, side=side)
        if request.method == "POST" and form.is_valid():
            try:
                submit_evaluation(
                    placement,
                    side=side,
                    author=request.user,
                    ratings=form.ratings(),
                    comments=form.cleaned_data["comments"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Thank you: your feedback is saved. The programme team reads every answer.")
                )
                return redirect(done_url)
    return render(request, template, {"placement": placement, "form": form, "given": given})
