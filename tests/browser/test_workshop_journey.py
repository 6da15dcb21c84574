"""Part 2 of the leaders' course walked in a real browser (issue 18), in English (the new strings are not
translated yet), at 1280 px and at 390 px.

A leader who has completed part 1 books a workshop from their overview with the keyboard only: filters by
region, books an in-person seat (no meeting link), moves to a digital session (the link shows), downloads
the calendar file, joins a full session's waiting list, takes the seat offered when one frees up, and
cancels. A facilitator on a phone ticks attendance with touch (each tick saved at once; part 1 done plus a
tick completes the course and queues the certificate), unticks a mistake, downloads the list, and cannot
open another facilitator's session. A course manager reads the road to 800 and adds a session in the admin
that the public course page then lists. Every page fits the window and axe finds nothing on it.
"""

import re
from datetime import timedelta

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from courses.bodies import ensure_public_bodies
from courses.choices import BodyKind, BookingEnd, PartnerOrganisation, SessionFormat
from courses.models import Booking, PublicBody, Session, WaitingListEntry
from courses.services.bookings import cancel_booking
from eyeforai.accounts.choices import Role
from eyeforai.mail.models import OutboundEmail
from tests.browser.screen import check, fits
from tests.browser.signin import sign_in
from tests.courses.factories import (
    BookingFactory,
    CompletedPartOneParticipantFactory,
    CourseManagerFactory,
    FacilitatorFactory,
    InPersonSessionFactory,
    ParticipantFactory,
    SessionFactory,
)
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]
ENGLISH = {"locale": "en-GB", "extra_http_headers": {"Accept-Language": "en-GB,en;q=0.9"}}
LEADER = "maria.ek@sundsvall.example.se"
FACILITATOR = "anna.strand@skr.example.se"


def new_page(browser, width, **options):
    """A fresh browser (another device) reading the pages in English."""
    height = 844 if width < 600 else 900
    context = browser.new_context(viewport={"width": width, "height": height}, **ENGLISH, **options)
    return context.new_page()


def focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, target, presses=120):
    """Tab forward until `target` has the focus, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if focused(target):
            return
    raise AssertionError(f"{presses} presses of Tab never reached {target}")


def press(page, target, key="Enter"):
    """Reach `target` with Tab and operate it with `key` (Enter or Space), then wait for the next page."""
    tab_to(page, target)
    with page.expect_navigation():
        page.keyboard.press(key)


def local_iso(moment):
    """A session's start as its <time datetime> carries it (Swedish time)."""
    return timezone.localtime(moment).isoformat()


def card(page, session):
    """The session's card in the list of upcoming workshops."""
    return page.locator("section[aria-labelledby=sessions-title] li.card").filter(
        has=page.locator(f"time[datetime='{local_iso(session.starts_at)}']")
    )


def english_datetime(moment):
    with translation.override("en"):
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def region(name):
    return PublicBody.objects.get(kind=BodyKind.REGION, name=name)


def days_ahead(days, hour):
    start = timezone.localtime() + timedelta(days=days)
    return start.replace(hour=hour, minute=0, second=0, microsecond=0)


# --- 1. A participant books, moves, waits, takes an offered seat and cancels -----------------------------


def leader_and_sessions():
    ensure_public_bodies()  # a transactional test before this one may have flushed them
    user = UserFactory(email=LEADER, first_name="Maria", last_name="Ek", role=Role.COURSE_PARTICIPANT)
    leader = CompletedPartOneParticipantFactory(
        user=user, public_body=PublicBody.objects.get(kind=BodyKind.MUNICIPALITY, name="Sundsvall")
    )
    gothenburg = InPersonSessionFactory(starts_at=days_ahead(7, 9), capacity=12)
    uppsala = InPersonSessionFactory(
        starts_at=days_ahead(8, 9), city="Uppsala", venue="Uppsala slott", region=region("Region Uppsala")
    )
    digital = SessionFactory(starts_at=days_ahead(10, 13), meeting_url="https://meet.example.se/ai-ledare-dec")
    full = SessionFactory(starts_at=days_ahead(12, 9), capacity=1, meeting_url="https://meet.example.se/ai-ledare-full")
    holder = BookingFactory(session=full)  # someone else has the only seat
    return leader, gothenburg, uppsala, digital, full, holder


def choose_with_the_keyboard(page, select, label):
    """Focus the filter with Tab, pick `label` by typing it (as a keyboard user does), send with Enter."""
    tab_to(page, select)
    page.keyboard.type(label)
    expect(select.locator("option:checked")).to_have_text(label)
    press(page, page.locator("main form[method=get]").get_by_role("button", name="Show"))


@pytest.mark.parametrize("width", WIDTHS)
def test_a_leader_books_moves_waits_takes_an_offered_seat_and_cancels(live_server, browser, assert_accessible, width):
    leader, gothenburg, uppsala, digital, full, holder = leader_and_sessions()
    base = live_server.url
    page = new_page(browser, width)
    sign_in(page, base, LEADER)
    page.wait_for_url(base + "/course/me/")
    check(page, assert_accessible)

    # From the overview to the workshop page, with the keyboard.
    workshop = page.get_by_role("region", name="Part 2: workshop")
    press(page, workshop.get_by_role("link", name="Book a workshop"))
    page.wait_for_url(base + "/course/workshops/")
    expect(page.get_by_role("heading", name="Part 2: workshop", level=1)).to_be_visible()
    expect(page.get_by_text("You have not booked a workshop yet.")).to_be_visible()
    check(page, assert_accessible)

    # Only the region chosen: Gothenburg's session, not Uppsala's.
    choose_with_the_keyboard(page, page.get_by_label("Show sessions in"), "Västra Götalandsregionen")
    assert f"region={region('Västra Götalandsregionen').uuid}" in page.url
    expect(card(page, gothenburg)).to_be_visible()
    expect(card(page, uppsala)).to_have_count(0)
    expect(card(page, digital)).to_have_count(0)
    check(page, assert_accessible)

    # An in-person seat: booked, and no meeting link anywhere.
    press(page, card(page, gothenburg).get_by_role("button", name="Book a seat"))
    when = english_datetime(gothenburg.starts_at)
    expect(page.locator(".messages")).to_contain_text(
        f"You are booked on {when}, Göteborg. We have emailed you the details."
    )
    booking = page.locator("#booking")
    expect(booking.get_by_role("heading", name="You are booked")).to_be_visible()
    expect(booking).to_contain_text("Lindholmen Science Park")
    expect(page.get_by_text("Meeting link:")).to_have_count(0)
    assert "meet.example.se" not in page.content()
    assert Booking.objects.active().get(participant=leader).session == gothenburg
    check(page, assert_accessible)

    # A digital session instead: the booking moves, and the meeting link shows.
    choose_with_the_keyboard(page, page.get_by_label("Show sessions in"), "Digital")
    expect(card(page, gothenburg)).to_have_count(0)
    press(page, card(page, digital).get_by_role("button", name="Move my booking here"), key="Space")
    expect(page.locator(".messages")).to_contain_text(
        f"Your booking has moved to {english_datetime(digital.starts_at)}, Digital."
    )
    expect(booking.get_by_role("link", name="https://meet.example.se/ai-ledare-dec")).to_be_visible()
    assert Booking.objects.active().get(participant=leader).session == digital
    assert Booking.objects.get(participant=leader, session=gothenburg).end_reason == BookingEnd.MOVED
    gothenburg.refresh_from_db()
    assert gothenburg.seats_held == 0
    check(page, assert_accessible)

    # The calendar file, downloaded with the keyboard.
    calendar_link = booking.get_by_role("link", name="Add to calendar")
    with page.expect_download() as download_info:
        tab_to(page, calendar_link)
        page.keyboard.press("Enter")
    ics = download_info.value.path().read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR")
    assert "meet.example.se/ai-ledare-dec" in ics.replace("\r\n ", "")
    response = page.request.get(base + calendar_link.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/calendar")

    # The full session: on its waiting list, with the number in line.
    full_card = card(page, full)
    expect(full_card).to_contain_text("Full \N{EN DASH} join the waiting list")
    press(page, full_card.get_by_role("button", name="Join the waiting list"))
    expect(page.locator(".messages")).to_contain_text("You are number 1 on the waiting list.")
    waiting = page.locator("#waiting")
    expect(waiting.get_by_role("heading", name="You are on the waiting list")).to_be_visible()
    expect(waiting).to_contain_text("You are number 1 in line.")
    expect(booking).to_be_visible()  # still booked on the digital session meanwhile
    check(page, assert_accessible)

    # The seat's holder cancels: the seat is offered to the leader, until a deadline.
    cancel_booking(holder, by=holder.participant.user)
    entry = WaitingListEntry.objects.get(participant=leader, session=full)
    assert entry.offer_expires_at is not None
    page.reload()
    expect(waiting.get_by_role("heading", name="A seat is offered to you")).to_be_visible()
    expect(waiting).to_contain_text(
        f"Take the seat by {english_datetime(entry.offer_expires_at)}, or it goes to the next person in line."
    )
    expect(waiting).to_contain_text("Taking it moves your booking here.")
    check(page, assert_accessible)

    press(page, waiting.get_by_role("button", name="Take the seat"))
    expect(page.locator(".messages")).to_contain_text(
        f"You took the seat: you are booked on {english_datetime(full.starts_at)}, Digital."
    )
    expect(booking.get_by_role("link", name="https://meet.example.se/ai-ledare-full")).to_be_visible()
    expect(page.locator("#waiting")).to_have_count(0)
    assert Booking.objects.active().get(participant=leader).session == full
    assert Booking.objects.get(participant=leader, session=digital).end_reason == BookingEnd.MOVED
    check(page, assert_accessible)

    # Cancelled: the seat is free again.
    press(page, booking.get_by_role("button", name="Cancel my booking"))
    cancelled = f"Your booking on {english_datetime(full.starts_at)} is cancelled."
    expect(page.locator(".messages")).to_contain_text(cancelled)
    expect(page.get_by_text("You have not booked a workshop yet.")).to_be_visible()
    expect(card(page, full)).to_contain_text("1 seat left")
    assert not Booking.objects.active().filter(participant=leader).exists()
    full.refresh_from_db()
    assert full.seats_held == 0
    check(page, assert_accessible)

    # The public course page lists the workshops too, and passes the same checks.
    page.goto(base + "/course/")
    expect(page.get_by_role("heading", name="Upcoming workshops")).to_be_visible()
    check(page, assert_accessible)
    page.context.close()


# --- 2. A facilitator takes attendance on a phone -----------------------------------------------------------


def facilitator_with_a_session_today():
    """A facilitator's session that started earlier today, four leaders booked on it (Maria Ek has done
    part 1), and another facilitator's session."""
    ensure_public_bodies()
    user = UserFactory(email=FACILITATOR, first_name="Anna", last_name="Strand", role=Role.FACILITATOR)
    facilitator = FacilitatorFactory(user=user, organisation=PartnerOrganisation.SKR)
    now = timezone.localtime()
    starts = max(now.replace(hour=0, minute=0, second=0, microsecond=0), now - timedelta(hours=2))
    today = SessionFactory(starts_at=starts.replace(microsecond=0), ends_at=now + timedelta(hours=4), capacity=10)
    today.facilitators.add(facilitator)
    done = CompletedPartOneParticipantFactory(
        user=UserFactory(email=LEADER, first_name="Maria", last_name="Ek", role=Role.COURSE_PARTICIPANT)
    )
    leaders = [done]
    for first, last in (("Johan", "Lund"), ("Sofia", "Berg"), ("Lars", "Nilsson")):
        user = UserFactory(first_name=first, last_name=last, role=Role.COURSE_PARTICIPANT)
        leaders.append(ParticipantFactory(user=user))
    bookings = [BookingFactory(session=today, participant=leader) for leader in leaders]
    other = FacilitatorFactory(organisation=PartnerOrganisation.GOVERNO)
    elsewhere = SessionFactory(organisation=PartnerOrganisation.GOVERNO)
    elsewhere.facilitators.add(other)
    return today, bookings, elsewhere


def tick(page, name):
    """The participant's tick: a toggle button named "Attended" and (visually hidden) their name."""
    return page.get_by_role("button", name=re.compile(rf"^Attended\s*:\s*{name}$"))


def test_a_facilitator_takes_attendance_on_a_phone(live_server, browser, assert_accessible):
    today, bookings, elsewhere = facilitator_with_a_session_today()
    base = live_server.url
    page = new_page(browser, 390, has_touch=True, is_mobile=True)
    sign_in(page, base, FACILITATOR)
    page.wait_for_url(base + "/facilitator/")
    expect(page.get_by_role("heading", name="My workshops", level=1)).to_be_visible()
    check(page, assert_accessible)

    page.locator(f"a[href='/facilitator/sessions/{today.uuid}/']").tap()
    page.wait_for_url(base + f"/facilitator/sessions/{today.uuid}/")
    status = page.locator("[data-attendance-status]")
    count = page.locator("[data-attended-count]")
    expect(count).to_have_text("0")
    check(page, assert_accessible)

    for number, name in enumerate(("Maria Ek", "Johan Lund", "Sofia Berg"), start=1):
        tick(page, name).tap()
        expect(status).to_have_text(f"Saved: {name} attended.")
        expect(tick(page, name)).to_have_attribute("aria-pressed", "true")
        expect(count).to_have_text(str(number))
    check(page, assert_accessible)

    page.reload()  # each tick was saved at once
    for name in ("Maria Ek", "Johan Lund", "Sofia Berg"):
        expect(tick(page, name)).to_have_attribute("aria-pressed", "true")
    expect(tick(page, "Lars Nilsson")).to_have_attribute("aria-pressed", "false")
    expect(page.locator("p.lead")).to_have_text("3 of 4 attended")

    # Maria had done part 1: her tick completed the course, and the certificate is in the outbox.
    certificates = OutboundEmail.objects.filter(template="courses/course_completed")
    assert list(certificates.values_list("to", flat=True)) == [LEADER]
    maria = bookings[0].participant
    maria.refresh_from_db()
    assert maria.completed_at is not None

    # A mistaken tick taken back.
    tick(page, "Sofia Berg").tap()
    expect(status).to_have_text("Saved: Sofia Berg did not attend.")
    expect(count).to_have_text("2")
    page.reload()
    expect(tick(page, "Sofia Berg")).to_have_attribute("aria-pressed", "false")
    expect(page.locator("p.lead")).to_have_text("2 of 4 attended")
    assert Booking.objects.filter(session=today, attended_at__isnull=False).count() == 2
    check(page, assert_accessible)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the list (CSV)").tap()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = download.path().read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("name,")
    assert len(rows) == 5
    assert any(row.startswith("Maria Ek,") and row.endswith(",yes") for row in rows)

    # Another facilitator's session is nobody else's business.
    response = page.goto(base + f"/facilitator/sessions/{elsewhere.uuid}/")
    assert response.status == 404
    page.context.close()


# --- 3. A course manager: the road to 800, and a new session in the admin -------------------------------


def some_leaders():
    ensure_public_bodies()
    for _ in range(3):
        ParticipantFactory()
    CompletedPartOneParticipantFactory(
        part_two_completed_at=timezone.now() - timedelta(days=1), completed_at=timezone.now() - timedelta(days=1)
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_course_manager_reads_the_road_to_800(live_server, browser, assert_accessible, width):
    some_leaders()
    manager = CourseManagerFactory(email="course.manager@ai.se", first_name="Sara", last_name="Holm")
    base = live_server.url
    page = new_page(browser, width)
    sign_in(page, base, manager.email)

    page.goto(base + "/admin/road-to-800/")
    expect(page.locator("#road-chart")).to_be_visible()
    expect(page.get_by_role("img", name="Leaders who completed the course, against the goal line")).to_be_visible()
    assert_accessible(page)
    assert fits(page), f"the road to 800 is wider than {width} px"
    page.context.close()


def test_a_course_manager_adds_a_session_that_the_course_page_lists(live_server, browser, assert_accessible):
    ensure_public_bodies()
    manager = CourseManagerFactory(email="course.manager@ai.se", first_name="Sara", last_name="Holm")
    base = live_server.url
    page = new_page(browser, 1280)
    sign_in(page, base, manager.email)

    page.goto(base + "/admin/courses/session/add/")
    starts = days_ahead(21, 9)
    page.locator("#id_format").select_option(SessionFormat.IN_PERSON.value)
    page.locator("#id_starts_at_0").fill(f"{starts:%Y-%m-%d}")
    page.locator("#id_starts_at_1").fill("09:00")
    page.locator("#id_ends_at_0").fill(f"{starts:%Y-%m-%d}")
    page.locator("#id_ends_at_1").fill("15:00")
    page.locator("#id_language").select_option("sv")
    page.locator("#id_organisation").select_option(PartnerOrganisation.GOVERNO.value)
    page.locator("#id_city").fill("Luleå")
    page.locator("#id_venue").fill("Kulturens hus")
    page.locator("#id_region").select_option(label="Region Norrbotten")
    page.locator("#id_capacity").fill("25")
    page.locator("input[name=_save]").click()
    page.wait_for_url(base + "/admin/courses/session/")
    session = Session.objects.get(city="Luleå")
    assert (timezone.localtime(session.starts_at), session.capacity, session.seats_held) == (starts, 25, 0)

    # Anyone (signed in as nobody) finds it on the course page.
    anyone = new_page(browser, 1280)
    anyone.goto(base + "/course/")
    workshops = anyone.locator("section[aria-labelledby=workshops-title]")
    listed = workshops.locator("li").filter(has=anyone.locator(f"time[datetime='{local_iso(session.starts_at)}']"))
    expect(listed).to_contain_text("Luleå")
    expect(listed).to_contain_text("Kulturens hus")
    expect(listed).to_contain_text("25 seats left")
    check(anyone, assert_accessible)
    anyone.context.close()
    page.context.close()


def test_the_workshop_pages_need_no_sideways_scrolling_with_long_names(live_server, browser, assert_accessible):
    """A long meeting link wraps at 390 px instead of widening the page."""
    leader, *_ = leader_and_sessions()
    long_link = "https://meet.example.se/" + "workshop-for-leaders-in-the-public-sector-" * 3
    digital = SessionFactory(starts_at=days_ahead(15, 9), meeting_url=long_link)
    BookingFactory(session=digital, participant=leader)
    page = new_page(browser, 390)
    sign_in(page, live_server.url, LEADER)
    page.goto(live_server.url + "/course/workshops/")
    expect(page.locator("#booking").get_by_role("link", name=re.compile("workshop-for-leaders"))).to_be_visible()
    check(page, assert_accessible)
    page.context.close()
