"""The statement of completion of part 1 (/course/statement.pdf), the certificate of the whole course the
same address gives once the workshop is attended too, and their public verification page."""

import io
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from courses.services.attendance import mark_attendance
from tests.courses.factories import BookingFactory, InPersonSessionFactory, ParticipantFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# 23:30 UTC on 2 March is 00:30 on 3 March in Stockholm: the day printed is the Swedish one.
COMPLETED = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)


def completed(**user):
    return ParticipantFactory(part_one_completed_at=COMPLETED, **{f"user__{key}": value for key, value in user.items()})


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def verify_url(participant):
    return settings.SITE_URL + reverse("courses:verify", args=[participant.certificate_code])


@pytest.mark.parametrize(
    ("first_name", "last_name"),
    [("Amara", "Okafor"), ("Łukasz", "Wiśniewski"), ("Nguyễn", "Thị Ánh"), ("Ærø", "Ødegård"), ("Zoë", "Þórsdóttir")],
)
def test_a_participant_who_completed_part_one_downloads_a_statement_with_their_name(client, first_name, last_name):
    participant = completed(first_name=first_name, last_name=last_name, language="en")
    client.force_login(participant.user)

    response = client.get(reverse("courses:statement"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ai-for-leaders-part-1')
    assert response["Content-Disposition"].endswith('.pdf"')
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]
    text = pdf_text(response)
    assert f"{first_name} {last_name}" in text
    assert verify_url(participant) in text
    assert "AI for leaders in the public sector" in text
    assert "Part 1: self-study completed on 3 Mar 2026" in text
    for partner in ("AI Sweden", "SKR", "Governo"):
        assert partner in text


def test_the_statement_is_written_in_the_participants_language(client):
    participant = completed(first_name="Åsa", last_name="Öberg", language="sv")
    client.force_login(participant.user)

    text = pdf_text(client.get(reverse("courses:statement")))

    with translation.override("sv"):
        day = formats.date_format(date(2026, 3, 3))
        assert gettext("Part 1: self-study completed on %(date)s") % {"date": day} in text
        assert gettext("AI for leaders in the public sector") in text
        assert gettext("Statement of completion") in text
    assert "Åsa Öberg" in text


def test_the_statement_links_to_its_verification_page(client):
    participant = completed()
    client.force_login(participant.user)
    reader = PdfReader(io.BytesIO(client.get(reverse("courses:statement")).content))
    links = [annotation.get_object()["/A"]["/URI"] for annotation in reader.pages[0]["/Annots"]]
    assert links == [verify_url(participant)]


def test_a_name_the_font_cannot_draw_still_gives_a_statement(client):
    participant = completed(first_name="美咲", last_name="佐藤")
    client.force_login(participant.user)
    response = client.get(reverse("courses:statement"))
    assert response.status_code == 200
    assert verify_url(participant) in pdf_text(response)
    assert response["Content-Disposition"] == 'attachment; filename="ai-for-leaders-part-1.pdf"'


def test_before_part_one_is_complete_the_statement_sends_to_the_overview(client):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    response = client.get(reverse("courses:statement"))

    assert response.status_code == 302
    assert response["Location"] == reverse("courses:overview")
    [message] = get_messages(response.wsgi_request)
    assert "passed the check of every lesson" in str(message)


def test_the_statement_is_only_for_participants(client, talent):
    assert client.get(reverse("courses:statement"))["Location"].startswith(reverse("account_login"))
    client.force_login(talent)
    assert client.get(reverse("courses:statement")).status_code == 404


def test_anyone_can_verify_a_statement_and_sees_only_name_course_and_date(client):
    participant = completed(first_name="Łukasz", last_name="Wiśniewski", email="lukasz@kommun.example.se")

    response = client.get(verify_url(participant).removeprefix(settings.SITE_URL))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Łukasz Wiśniewski" in page
    assert "AI for leaders in the public sector" in page
    assert "Completed on 3 Mar 2026" in page
    assert '<meta name="robots" content="noindex">' in page
    for private in ("lukasz@kommun.example.se", participant.public_body.name, participant.title):
        assert private not in page


def test_the_verification_page_is_in_the_readers_language(client):
    participant = completed(first_name="Åsa", last_name="Öberg", language="en")
    page = client.get(
        reverse("courses:verify", args=[participant.certificate_code]), headers={"accept-language": "sv"}
    ).content.decode()
    with translation.override("sv"):
        assert gettext("AI for leaders in the public sector") in page
        assert formats.date_format(date(2026, 3, 3)) in page


def test_an_unknown_code_or_an_unfinished_course_is_not_found(client):
    unfinished = ParticipantFactory()
    assert client.get(reverse("courses:verify", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("courses:verify", args=[unfinished.certificate_code])).status_code == 404
    assert client.get("/course/verify/not-a-code/").status_code == 404


@pytest.mark.parametrize("others", [0, 20])
def test_the_verification_page_reads_one_row(client, django_assert_num_queries, others):
    participant = completed()
    for _ in range(others):
        completed()
    with django_assert_num_queries(1):
        assert client.get(reverse("courses:verify", args=[participant.certificate_code])).status_code == 200


def test_the_verification_page_for_a_signed_in_visitor(client, django_assert_num_queries):
    participant = completed()
    client.force_login(UserFactory())
    # The session, the user (with the rows of their roles, for the menu) and the participant.
    with django_assert_num_queries(3):
        assert client.get(reverse("courses:verify", args=[participant.certificate_code])).status_code == 200


def test_the_statement_takes_fixed_queries(client, django_assert_num_queries):
    participant = completed()
    client.force_login(participant.user)
    with django_assert_num_queries(2):  # the session, the user with their participant row
        assert client.get(reverse("courses:statement")).status_code == 200


# --- The whole course: the certificate once the workshop is attended too -----------------------------------

# The workshop day: 09:00 in Stockholm on 12 March 2026.
WORKSHOP = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)


def attended(participant, session_factory=InPersonSessionFactory):
    """`participant` booked on a workshop that took place, and ticked present by its facilitator (the
    service: it completes the course)."""
    session = session_factory(starts_at=WORKSHOP, ends_at=WORKSHOP + timedelta(hours=6))
    booking = BookingFactory(session=session, participant=participant)
    mark_attendance(booking, attended=True, by=None)
    participant.refresh_from_db()
    assert participant.completed_at is not None
    return booking


def test_after_the_workshop_the_pdf_is_the_certificate_of_the_whole_course(client):
    participant = completed(first_name="Amara", last_name="Okafor", language="en")
    attended(participant)
    client.force_login(participant.user)

    response = client.get(reverse("courses:statement"))

    assert response["Content-Disposition"] == 'attachment; filename="ai-for-leaders-certificate-amara-okafor.pdf"'
    text = pdf_text(response)
    assert text.startswith("Certificate Amara Okafor has completed the course")
    assert "Statement of completion" not in text
    assert "Part 1: self-study completed on 3 Mar 2026" in text
    assert "Part 2: workshop attended on 12 Mar 2026 in Göteborg" in text
    assert verify_url(participant) in text


def test_a_digital_workshop_is_on_the_certificate_as_attended_digitally(client):
    participant = completed(language="en")
    attended(participant, session_factory=SessionFactory)
    client.force_login(participant.user)
    assert "Part 2: workshop attended digitally on 12 Mar 2026" in pdf_text(client.get(reverse("courses:statement")))


def test_the_certificate_is_written_in_the_participants_language(client):
    participant = completed(language="sv")
    attended(participant)
    client.force_login(participant.user)

    text = pdf_text(client.get(reverse("courses:statement")))

    with translation.override("sv"):
        assert gettext("Certificate") in text
        day = formats.date_format(date(2026, 3, 12))
        assert gettext("Part 2: workshop attended on %(date)s in %(city)s") % {"date": day, "city": "Göteborg"} in text


def test_the_certificate_takes_fixed_queries(client, django_assert_num_queries):
    participant = completed()
    attended(participant)
    client.force_login(participant.user)
    with django_assert_num_queries(3):  # the session, the user with their participant row, the attended workshop
        assert client.get(reverse("courses:statement")).status_code == 200


def test_the_verification_page_says_whether_the_course_or_part_one_was_completed(client):
    participant = completed(first_name="Amara", last_name="Okafor")
    url = reverse("courses:verify", args=[participant.certificate_code])

    page = client.get(url).content.decode()
    assert "Amara Okafor completed part 1 on 3 Mar 2026." in page
    assert "completed the course" not in page

    attended(participant)
    today = formats.date_format(timezone.localdate())
    page = client.get(url).content.decode()
    assert f"Amara Okafor completed the course on {today}." in page
    assert "<h1>Certificate</h1>" in page


def test_unticking_the_attendance_turns_the_certificate_back_into_the_statement(client):
    participant = completed(first_name="Amara", last_name="Okafor", language="en")
    booking = attended(participant)

    mark_attendance(booking, attended=False, by=None)

    client.force_login(participant.user)
    response = client.get(reverse("courses:statement"))
    assert response["Content-Disposition"] == 'attachment; filename="ai-for-leaders-part-1-amara-okafor.pdf"'
    text = pdf_text(response)
    assert text.startswith("Statement of completion Amara Okafor has taken part in the course")
    assert "Part 2" not in text
    page = client.get(reverse("courses:verify", args=[participant.certificate_code])).content.decode()
    assert "Amara Okafor completed part 1 on 3 Mar 2026." in page
