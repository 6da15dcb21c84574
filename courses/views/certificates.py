"""/course/statement.pdf (the participant's own statement of completion of part 1, or the certificate of
the whole course once both parts are done) and /course/verify/<code>/ (anyone: the name, the course and
the days, nothing more)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from courses.access import participant_of, participant_required
from courses.certificates import (
    completed_on,
    course_completed_on,
    get_completed_participant,
    statement_filename,
    statement_pdf,
)


@never_cache
@participant_required
@require_GET
def statement(request):
    """The PDF, made for this request; before part 1 is complete, the overview says when it will be."""
    participant = participant_of(request.user)
    if participant.part_one_completed_at is None:
        messages.info(
            request, _("Your statement of completion is ready once you have passed the check of every lesson.")
        )
        return redirect("courses:overview")
    response = HttpResponse(statement_pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{statement_filename(participant)}"'
    return response


@require_GET
def verify(request, code):
    participant = get_completed_participant(code)
    return render(
        request,
        "courses/verify.html",
        {
            "name": participant.user.get_full_name(),
            "completed_on": completed_on(participant),
            "course_completed_on": course_completed_on(participant),
        },
    )
