"""CV downloads, each one logged: the talent sees who opened their CV, and when."""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from talents.cv import cv_download_response
from talents.models import CVDownload


@transaction.atomic
def download_cv(application, *, by, reader, organization_name="", inline=False):
    """The CV of `application` as a download for `by`, whom the caller has allowed to see it
    (`inline`: shown in the browser, as the managers' review page frames it).

    Every download path goes through here (the talent's and a manager's, the admin's link, a host
    member's). Side effects: a CVDownload row (reader: a CVReader; the host's name for a host member),
    written only when the file could be opened, and for an inline view only when `by` has no row for
    this application today. No email, no activity entry: the row is the record.
    """
    response = cv_download_response(application, inline=inline)
    # The review page frames the CV on every visit (a reload, "Back" after a stage change): the
    # talent's list should say the programme team read it that day, not count page views. A
    # deliberate download is always listed.
    if not (inline and _opened_today(application, by)):
        CVDownload.objects.create(application=application, reader=reader, by=by, organization_name=organization_name)
    return response


def _opened_today(application, by):
    start_of_day = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return CVDownload.objects.filter(application=application, by=by, at__gte=start_of_day).exists()
