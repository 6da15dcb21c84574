"""A workshop session's facts as the session lists show them (templates/courses/includes/session_facts.html),
formatted here: a list of upcoming sessions formatted each date through the template's filters four
times a card. The formats and the choices' names are looked up once per list."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format

from courses.choices import PartnerOrganisation
from courses.models import Session


@dataclass(frozen=True)
class SessionFacts:
    session: Session
    date: str  # the day it starts (DATE_FORMAT)
    starts_iso: str  # for <time datetime>
    starts: str  # DATETIME_FORMAT
    ends: str  # TIME_FORMAT when it ends the day it starts, else DATETIME_FORMAT
    language: str
    organisation: str


def facts_maker():
    """A function from a Session to its SessionFacts, in the active language."""
    date, datetime, time = get_format("DATE_FORMAT"), get_format("DATETIME_FORMAT"), get_format("TIME_FORMAT")
    languages = {value: str(label) for value, label in Session._meta.get_field("language").choices}
    organisations = {value: str(label) for value, label in PartnerOrganisation.choices}

    def facts(session):
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        return SessionFacts(
            session=session,
            date=format_date(starts, date),
            starts_iso=starts.isoformat(),
            starts=format_date(starts, datetime),
            ends=format_date(ends, time if ends.date() == starts.date() else datetime),
            language=languages.get(session.language, session.language),
            organisation=organisations.get(session.organisation, session.organisation),
        )

    return facts


def session_facts(session):
    """The facts of one session (None for None)."""
    return facts_maker()(session) if session is not None else None
