"""The participant's PDF and its public verification: the statement of completion of part 1 (the
self-study part), or, once both parts are done (Participant.completed_at), the certificate of the whole
course with the day of each part and where the workshop was. Unticking the attendance takes the
completion back, and the PDF is the part 1 statement again. The PDF is made for each request and never
stored. Its font, DejaVu Sans, ships in courses/fonts/ (with its licence): fpdf2's built-in fonts know
Latin-1 only, and a name such as Łukasz or Nguyễn must print as written.
"""

from pathlib import Path

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fpdf import FPDF

from courses.choices import SessionFormat
from courses.models import Booking, Participant

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
INK = (33, 37, 41)
MUTED = (90, 98, 106)
ACCENT = (0, 84, 166)


def get_completed_participant(code):
    """The participant whose statement carries `code`, once part 1 is complete; else a 404 (an unknown
    code and an unfinished course look the same to whoever asks)."""
    return get_object_or_404(
        Participant.objects.select_related("user"), certificate_code=code, part_one_completed_at__isnull=False
    )


def verify_url(participant):
    return settings.SITE_URL + reverse("courses:verify", args=[participant.certificate_code])


def completed_on(participant):
    """The day part 1 was completed, in Swedish time."""
    return timezone.localtime(participant.part_one_completed_at).date()


def is_certificate(participant):
    """Both parts done: the document is the whole course's certificate."""
    return participant.completed_at is not None


def course_completed_on(participant):
    """The day the whole course was completed (the later part), in Swedish time; None before."""
    return timezone.localtime(participant.completed_at).date() if is_certificate(participant) else None


def attended_booking(participant):
    """The workshop that completed part 2: the first attended booking, with its session."""
    attended = Booking.objects.filter(participant=participant, attended_at__isnull=False)
    return attended.select_related("session").order_by("attended_at", "pk").first()


def statement_filename(participant):
    """`ai-for-leaders-part-1-amara-okafor.pdf` (or `ai-for-leaders-certificate-…` for the whole course):
    ASCII only (slugify drops what it cannot spell)."""
    stem = "ai-for-leaders-certificate" if is_certificate(participant) else "ai-for-leaders-part-1"
    name = slugify(participant.user.get_full_name())
    return f"{stem}-{name}.pdf" if name else f"{stem}.pdf"


def workshop_line(participant):
    """ "Part 2: workshop attended on 12 Mar 2027 in Göteborg" (or digitally), the session's own day."""
    booking = attended_booking(participant)
    if booking is None:  # not expected with completed_at set; the day part 2 was recorded still holds
        day = formats.date_format(timezone.localtime(participant.part_two_completed_at).date())
        return _("Part 2: workshop attended on %(date)s") % {"date": day}
    session = booking.session
    day = formats.date_format(timezone.localtime(session.starts_at).date())
    if session.format == SessionFormat.IN_PERSON:
        return _("Part 2: workshop attended on %(date)s in %(city)s") % {"date": day, "city": session.city}
    return _("Part 2: workshop attended digitally on %(date)s") % {"date": day}


def name_size(pdf, name, *, largest=28, smallest=10):
    """The largest font size (pt) at which `name` takes at most two lines of the page's width: a long
    name (up to 300 letters) must not push the rest of the statement off the page."""
    pdf.set_font(FONT, "B", largest)
    size = largest
    while size > smallest and pdf.get_string_width(name) * size / largest > 1.7 * pdf.epw:
        size -= 2
    return size


def statement_pdf(participant):
    """The statement of completion of part 1, or the certificate of the whole course, as PDF bytes, in
    the active language: the participant's name, the course, the day of each part done (and where the
    workshop was), the partners and the verification address."""
    course = _("AI for leaders in the public sector")
    date = formats.date_format(completed_on(participant))
    url = verify_url(participant)
    certificate = is_certificate(participant)
    title = _("Certificate") if certificate else _("Statement of completion")

    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_title(f"{title} · {course}")
    pdf.set_author("AI Sweden")
    pdf.set_lang((get_language() or settings.LANGUAGE_CODE)[:2])
    pdf.add_font(FONT, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 25, 25)
    pdf.add_page()

    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)

    def line(text, *, size, bold=False, color=INK, height=None, space_after=0):
        pdf.set_font(FONT, "B" if bold else "", size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, height or size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(space_after)

    pdf.set_y(38)
    line(title, size=14, color=ACCENT, space_after=14)
    name = participant.user.get_full_name()
    size = name_size(pdf, name)
    line(name, size=size, bold=True, height=size * 0.47, space_after=8)
    line(
        _("has completed the course") if certificate else _("has taken part in the course"),
        size=12,
        color=MUTED,
        space_after=4,
    )
    line(course, size=20, bold=True, height=10, space_after=8)
    line(_("Part 1: self-study completed on %(date)s") % {"date": date}, size=13, space_after=2 if certificate else 14)
    if certificate:
        line(workshop_line(participant), size=13, space_after=12)
    line(
        _("A course by AI Sweden with SKR (Swedish Association of Local Authorities and Regions) and Governo."),
        size=10,
        color=MUTED,
        space_after=2,
    )

    pdf.set_y(pdf.h - 42)
    check = _("Anyone can check this certificate at") if certificate else _("Anyone can check this statement at")
    line(check, size=9, color=MUTED, space_after=1)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 5, url, align="C", link=url, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
