"""CV downloads, each one logged: the talent sees who opened their CV, and when."""

from django.db import transaction

from talents.cv import cv_download_response
from talents.models import CVDownload

# The talent's list shows the newest ones; older downloads stay in the database (and the export).
SHOWN_DOWNLOADS = 50


@transaction.atomic
def download_cv(application, *, by, reader, organization_name=""):
    """The CV of `application` as a download for `by`, whom the caller has allowed to see it.

    Every download path goes through here (the talent's and a manager's, the admin's link, a host
    member's). Side effects: a CVDownload row (reader: a CVReader; the host's name for a host member),
    written only when the file could be opened. No email, no activity entry: the row is the record.
    """
    response = cv_download_response(application)
    CVDownload.objects.create(application=application, reader=reader, by=by, organization_name=organization_name)
    return response


def downloads_for_talent(talent):
    """(the newest SHOWN_DOWNLOADS downloads of the talent's CVs, how many there are in all): one
    query, and a count only when the list is full."""
    downloads = CVDownload.objects.filter(application__talent=talent).select_related("by", "application__cohort")
    shown = list(downloads[:SHOWN_DOWNLOADS])
    return shown, downloads.count() if len(shown) == SHOWN_DOWNLOADS else len(shown)
