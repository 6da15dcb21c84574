"""The tables of the host's talents page, one per cohort, formatted once in Python.

Written as template logic (three URLs, two dates, two or three translated sentences per placement)
each row cost about a millisecond; here each URL is reversed once per page and the rows are plain
strings the template only places. The text is the same as the template's: the sentences are its
msgids, dates `formats.date_format` as `|date` does.
"""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from eyeforai.paths import uuid_paths

EN_DASH = "\u2013"


@dataclass(frozen=True)
class HostTalentRow:
    period: int
    dates: str  # "1 Jan 2026", a spaced en dash, "30 Jun 2026"
    talent_name: str
    talent_url: str
    email: str
    cv_url: str
    cv_label: str
    project: str
    status: str
    feedback_given: bool
    feedback_url: str  # only while the form is open and not yet filled in
    mutual: bool
    hiring_url: str  # only while hiring interest can be marked or withdrawn
    interested: bool
    hiring_label: str


@dataclass(frozen=True)
class CohortTable:
    name: str
    rows: list


def host_talent_tables(rows):
    """host_talents' rows (already in cohort order) as one CohortTable per cohort."""
    talent_url, cv_url = uuid_paths("rotations_host:talent"), uuid_paths("rotations_host:cv")
    feedback_url, hiring_url = uuid_paths("rotations_host:feedback"), uuid_paths("rotations_host:hiring")
    tables, cohort_id = [], None
    for row in rows:
        placement = row["placement"]
        if placement.cohort_id != cohort_id:
            cohort_id = placement.cohort_id
            tables.append(CohortTable(name=placement.cohort.name, rows=[]))
        name = placement.talent.name
        hiring_open = row["hiring_open"] and not row["mutual"]
        if row["interested"]:
            hiring_label = _("Withdraw interest in %(name)s") % {"name": name}
        else:
            hiring_label = _("We would like to hire %(name)s") % {"name": name}
        tables[-1].rows.append(
            HostTalentRow(
                period=placement.period.number,
                dates=f"{formats.date_format(placement.starts_on)} {EN_DASH} {formats.date_format(placement.ends_on)}",
                talent_name=name,
                talent_url=talent_url(placement.talent.uuid),
                email=placement.talent.user.email,
                cv_url=cv_url(placement.uuid),
                cv_label=_("CV of %(name)s (PDF)") % {"name": name},
                project=placement.project.title,
                status=placement.get_status_display(),
                feedback_given=row["feedback_given"],
                feedback_url=feedback_url(placement.uuid) if row["feedback_open"] else "",
                mutual=row["mutual"],
                hiring_url=hiring_url(placement.uuid) if hiring_open else "",
                interested=row["interested"],
                hiring_label=hiring_label if hiring_open else "",
            )
        )
    return tables
