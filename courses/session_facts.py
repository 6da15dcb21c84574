"""A workshop session's facts as the session lists show them (templates/courses/includes/session_facts.html),
formatted here: a list of upcoming sessions formatted each date through the template's filters four
times a card. The formats, the choices' names and the words the cards share are looked up once per list,
the dates through courses/session_dates.py."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext

from courses.choices import PartnerOrganisation, SessionFormat
from courses.models import Session
from courses.session_dates import SessionDates


@dataclass(frozen=True)
class SessionFacts:
    session: Session
    date: str  # the day it starts (DATE_FORMAT)
    starts_iso: str  # for <time datetime>
    starts: str  # DATETIME_FORMAT
    ends: str  # TIME_FORMAT when it ends the day it starts, else DATETIME_FORMAT
    language: str
    organisation: str
    heading: str  # "4 Dec 2026 · Umeå": the day, and the city or "Digital"
    where: str  # "Digital", or the venue, address and city that are given, by commas

    @property
    def region(self):
        """The in-person session's region by name, or "". Read when shown: the session may come without
        its region joined (a booking's), and then asking costs a query."""
        if self.session.is_digital or not self.session.region_id:
            return ""
        return self.session.region.name


def facts_maker():
    """A function from a Session to its SessionFacts, in the active language."""
    dates = SessionDates()
    languages = {value: str(label) for value, label in Session._meta.get_field("language").choices}
    organisations = {value: str(label) for value, label in PartnerOrganisation.choices}
    digital_place = str(SessionFormat.DIGITAL.label)  # Session.place of a digital session
    digital = gettext("Digital")  # the template's msgid

    def facts(session):
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        in_person = not session.is_digital
        date = dates.date(starts)
        return SessionFacts(
            session=session,
            date=date,
            starts_iso=starts.isoformat(),
            starts=dates.datetime(starts),
            ends=dates.time(ends) if ends.date() == starts.date() else dates.datetime(ends),
            language=languages.get(session.language, session.language),
            organisation=organisations.get(session.organisation, session.organisation),
            heading=f"{date} · {session.city if in_person else digital_place}",
            where=", ".join([part for part in (session.venue, session.address) if part] + [session.city])
            if in_person
            else digital,
        )

    return facts


def session_facts(session):
    """The facts of one session (None for None)."""
    return facts_maker()(session) if session is not None else None
