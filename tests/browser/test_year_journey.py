"""One cohort's year walked through the pages, at 1280 px and at 390 px, with the clock moved forward.

The call opens (the manager creates the cohort in the admin); a talent signs up, confirms, fills the
profile, applies with a CV and submits; the manager reviews and accepts; a prospective host fills
"become a host", the manager invites, the host member signs up, writes a project with seats and
submits; the manager approves; talent and host rank before the deadline, each from their overview; the
manager runs matching, applies and confirms; the talent sees three placements and the calendar; weeks
pass and the talent logs days; both sides give feedback at the end of the placement; mutual hiring
interest at the end; the cohort completes. Each step checks what the person sees next: the page, the email.

Only the world's starting point is built with factories (the manager, a skill, two host organisations
already in the programme with one approved project each), and the only other thing done without a page
is moving the clock and, after a jump, the beat's daily tasks.
"""

import re
from datetime import date, datetime, timedelta

import icalendar
import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from eyeforai.mail.models import OutboundEmail
from eyeforai.programme.models import Cohort
from rotations.models import Placement
from rotations.tasks import advance_placements_task, send_placement_reminders_task
from tests.browser.year_steps import (
    Eyes,
    admin_action,
    admin_home,
    admin_list,
    email_to,
    link_in,
    set_cohort_status,
    sign_in_to_overview,
)
from tests.factories import HostOrganizationFactory, ManagerFactory, SkillFactory, pdf_bytes
from tests.mailbox import delivered_text
from tests.rotations.fixtures import approved_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("celery")]

MANAGER = "karin@ai.se"
TALENT = "yuki@example.org"
TALENT_PASSWORD = "Rotations in three cities 2029"
PROSPECT = "greta@bergslagen.example"
HOST_PASSWORD = "Welding robots 2029!"
COHORT = "Cohort 2029"
NEW_HOST = "Bergslagen Robotics"
NEW_PROJECT = "Spotting bad welds in sensor data"


def at(day, hour=10):
    """The clock stands at this Swedish time, ticking on (the live server's thread reads the same clock)."""
    return time_machine.travel(
        timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour)), tick=True
    )


def beat():
    """The beat's daily run after a jump in time (CELERY_BEAT_SCHEDULE: rotations.advance_placements at
    05:00, then rotations.send_placement_reminders at 05:15): the one thing besides the clock done
    without a page, as no person does it."""
    advance_placements_task()
    send_placement_reminders_task()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}], ids=["1280", "390"]
)
def test_a_cohorts_year_walked_through_the_pages(
    live_server, browser, assert_accessible, celery_worker, viewport, tmp_path
):
    base = live_server.url
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    page = context.new_page()
    look = Eyes(assert_accessible)
    try:
        _walk(page, base, look, tmp_path)
    finally:
        context.close()


def _walk(page, base, look, tmp_path):
    # --- February 2029: the call opens --------------------------------------------------------------
    with at(date(2029, 2, 5)):
        ManagerFactory(email=MANAGER, first_name="Karin", last_name="Lindqvist")
        SkillFactory(name="Computer vision", slug="computer-vision")
        manager_opens_the_call(page, base, look)
        # Two host organisations already in the programme from earlier years, each with an approved project
        # for the new cohort: a talent's three placements are at three different hosts, so matching needs
        # three hosts, and the walk makes only the third through the pages. (Their projects hang on the
        # cohort the manager just created, so they are made now, not before.)
        for name, title in [
            ("Sahlgrenska Data Lab", "Sepsis early warning"),
            ("Volvo Software Lab", "Driver attention models"),
        ]:
            organization = HostOrganizationFactory(name=name, slug=name.lower().replace(" ", "-"))
            approved_project(organization, _cohort(), title=title)

        talent_signs_up_and_applies(page, base, look, tmp_path)
        prospect_asks_to_become_a_host(page, base, look)
        manager_invites_the_prospect(page, base, look)
        host_member_signs_up_and_writes_a_project(page, base, look)
        manager_approves_the_project(page, base, look)

    # --- May 2029: the call has closed; accepted, and ranking is open until 29 June --------------------
    with at(date(2029, 5, 7)):
        manager_accepts_the_talent_and_opens_ranking(page, base, look)
        talent_ranks_from_the_overview(page, base, look)
        host_ranks_from_the_overview(page, base, look)

    # --- July 2029: the ranking deadline has passed; the manager matches and confirms ------------------
    with at(date(2029, 7, 2)):
        manager_matches_applies_and_confirms(page, base, look)
        talent_sees_three_placements_and_the_calendar(page, base, look)
        host_sees_the_talent(page, base, look)

    # --- September 2029: the cohort starts; weeks pass and the talent logs days ------------------------
    with at(date(2029, 9, 3), hour=8):
        manager_session(page, base)
        set_cohort_status(page, COHORT, "Running")
    for logged, day in enumerate([date(2029, 9, 5), date(2029, 9, 12), date(2029, 9, 19)], start=1):
        with at(day):
            beat()
            talent_logs_the_day(page, base, look, day, logged)

    # --- The rest of the year, in date order: feedback at the end of the placement with the new host,
    # hiring interest once the last period has begun. -----------------------------------------------
    # The plan is read only to know when to move the clock to; nothing is changed without a page.
    with_new_host = Placement.objects.get(talent__user__email=TALENT, host__name=NEW_HOST)
    last_period = max(Placement.objects.filter(talent__user__email=TALENT), key=lambda p: p.period.number)
    moments = sorted(
        [(with_new_host.ends_on - timedelta(days=5), "feedback"), (last_period.starts_on + timedelta(days=9), "hiring")]
    )
    for day, what in moments:
        with at(day):
            beat()
            if what == "feedback":
                both_give_feedback(page, base, look)
            else:
                both_mark_hiring_interest(page, base, look)

    # --- March 2031: the last period is over; the manager completes the cohort ------------------------
    with at(last_period.ends_on + timedelta(days=10)):
        beat()
        manager_session(page, base)
        set_cohort_status(page, COHORT, "Completed")
        talent_session(page, base)
        expect(page.locator("main")).to_contain_text(f"Your programme in {COHORT} ended on")
        look(page)
        host_session(page, base)
        talents_with_you = page.get_by_role("region", name="Talents with you")
        expect(talents_with_you).to_contain_text("You would both like to continue")
        look(page)


def _cohort():
    """The cohort the manager created, read only to hang the existing hosts' projects on."""
    return Cohort.objects.get(name=COHORT)


# --- The programme manager ----------------------------------------------------------------------------


def manager_session(page, base):
    """The manager signs in (with the second factor) and lands on the admin, their overview."""
    sign_in_to_overview(page, base, MANAGER, "/admin/")


def manager_opens_the_call(page, base, look):
    manager_session(page, base)
    look(page)
    admin_list(page, "Cohorts")
    page.get_by_role("link", name="Add cohort").click()
    page.locator("#id_name").fill(COHORT)
    page.locator("#id_slug").fill("cohort-2029")
    page.locator("#id_status").select_option(label="Recruiting")
    page.locator("#id_starts_on").fill("2029-09-03")
    page.locator("#id_applications_open_at_0").fill("2029-02-05")
    page.locator("#id_applications_open_at_1").fill("08:00:00")
    page.locator("#id_application_deadline_0").fill("2029-04-30")
    page.locator("#id_application_deadline_1").fill("23:59:00")
    page.locator("#id_preference_deadline_0").fill("2029-06-29")
    page.locator("#id_preference_deadline_1").fill("23:00:00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    look(page)

    # The front page now announces the call.
    page.context.clear_cookies()
    page.goto(base + "/")
    expect(page.locator("main")).to_contain_text(COHORT)
    look(page)


def manager_invites_the_prospect(page, base, look):
    manager_session(page, base)
    admin_list(page, "Host interests")
    admin_action(page, "convert", row_text=NEW_HOST)
    expect(page.locator(".messagelist")).to_contain_text("organisation(s) created")
    look(page)
    assert link_in(PROSPECT, "hosts/invitation", r"/host/invitations/[^/\s]+/")


def manager_approves_the_project(page, base, look):
    manager_session(page, base)
    admin_list(page, "Projects")
    admin_action(page, "approve", row_text=NEW_PROJECT)
    expect(page.locator(".messagelist")).to_contain_text("1 project(s) approved.")
    look(page)
    assert email_to(PROSPECT, "hosts/project_approved")


def manager_accepts_the_talent_and_opens_ranking(page, base, look):
    manager_session(page, base)
    # Review: read the answers and the CV link on the application, give a score.
    admin_list(page, "Applications")
    page.locator("#result_list").get_by_role("link", name="Yuki Tanaka").click()
    expect(page.locator("#content-main")).to_contain_text("To build AI that finds faults before they happen.")
    expect(page.get_by_role("link", name="Download CV")).to_be_visible()
    page.locator("#id_manager_score").fill("5")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    admin_action(page, "Accept (emails the talent)", row_text="Yuki Tanaka")
    expect(page.locator(".messagelist")).to_contain_text("moved to “Accepted”")
    look(page)
    assert link_in(TALENT, "talents/application_accepted", r"/talent/") == "/talent/"
    # The call has closed: the cohort moves on to matching.
    admin_home(page)
    set_cohort_status(page, COHORT, "Matching")


def manager_matches_applies_and_confirms(page, base, look):
    manager_session(page, base)
    page.get_by_role("link", name="Rotation board").click()
    page.get_by_role("link", name=f"Run matching for {COHORT}").click()
    # The board's readiness panel: the two projects made outside the pages ranked nobody.
    page.get_by_role("region", name="Before you run matching").get_by_role("button", name="Run matching anyway").click()
    expect(page.get_by_text("How the plan serves the talents, per period")).to_be_visible(timeout=60_000)
    look(page)
    page.get_by_role("button", name="Apply: propose these placements on the board").click()
    expect(page.get_by_text("The plan is applied")).to_be_visible()
    expect(page.locator(".board").get_by_text("Proposed")).to_have_count(3)
    page.get_by_role("button", name="Confirm all 3 proposed placements and email both sides").click()
    expect(page.get_by_text("3 placements confirmed.")).to_be_visible()
    look(page)
    # One email to the talent for the three placements; the new host's member hears of theirs.
    assert OutboundEmail.objects.filter(to=TALENT, template__startswith="rotations/").count() == 1
    confirmed = delivered_text(email_to(TALENT, "rotations/placements_confirmed_talent"))
    assert all(host in confirmed for host in [NEW_HOST, "Sahlgrenska Data Lab", "Volvo Software Lab"])
    assert link_in(TALENT, "rotations/placements_confirmed_talent", r"/talent/") == "/talent/"
    assert email_to(PROSPECT, "rotations/placement")


# --- The talent ------------------------------------------------------------------------------------


def talent_session(page, base):
    sign_in_to_overview(page, base, TALENT, "/talent/", TALENT_PASSWORD)


def talent_signs_up_and_applies(page, base, look, tmp_path):
    # A visitor reads about the open call on the front page and creates an account.
    page.context.clear_cookies()
    page.goto(base + "/")
    expect(page.locator("main")).to_contain_text(f"Applications for {COHORT} are open")
    page.locator("main").get_by_role("link", name="Create an account and apply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("sign up", re.I))
    look(page)
    page.get_by_label("Email").fill(TALENT)
    page.locator("#id_password1").fill(TALENT_PASSWORD)
    page.locator("#id_password2").fill(TALENT_PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    look(page)

    # The confirmation link from the email; confirming signs in and lands on the talent's overview.
    page.goto(base + link_in(TALENT, "account/", r"/accounts/confirm-email/[^/\s]+/"))
    look(page)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(base + "/talent/")
    expect(page.locator("main")).to_contain_text("Your profile is not complete yet.")
    look(page)

    # The profile, from the overview's notice.
    page.locator("main").get_by_role("link", name="Fill in your profile").click()
    look(page)
    page.get_by_label("First name").fill("Yuki")
    page.get_by_label("Last name").fill("Tanaka")
    page.get_by_label("Nationality").fill("Japanese")
    page.get_by_label("Country of residence").fill("Japan")
    page.get_by_label("Highest degree").select_option("master")
    page.get_by_label("Field of study").fill("Mechanical engineering")
    page.get_by_label("University").fill("Tohoku University")
    page.get_by_label("Graduation year").fill("2028")
    page.get_by_label("Computer vision").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Yuki")
    expect(page.locator("main")).to_contain_text(f"Applications for {COHORT} are open until")
    look(page)

    # The application with a CV, from the overview.
    page.locator("main").get_by_role("link", name="Start your application").click()
    look(page)
    cv = tmp_path / "yuki tanaka cv.pdf"
    cv.write_bytes(pdf_bytes("Yuki Tanaka", "MSc Mechanical engineering"))
    page.get_by_label("Why do you want to join Eye for AI?").fill("To build AI that finds faults before they happen.")
    page.get_by_label("Why Sweden?").fill("Industry and hospitals that share data.")
    page.get_by_label("I can take part from the cohort's start to its end").check()
    page.get_by_label("I agree that AI Sweden processes my data").check()
    page.get_by_label("CV (PDF)").set_input_files(str(cv))
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_text("Your application is submitted.")).to_be_visible()
    look(page)
    assert email_to(TALENT, "talents/application_received")


def talent_ranks_from_the_overview(page, base, look):
    talent_session(page, base)
    main = page.locator("main")
    expect(main).to_contain_text(f"You are accepted to {COHORT}, which starts on")
    prompt = page.locator("#ranking-prompt")
    expect(prompt).to_contain_text("Rank the host projects by")
    expect(prompt).to_contain_text("0 of 3 projects ranked")
    expect(
        page.get_by_role("navigation", name="Talent pages").get_by_role("link", name="Rank projects")
    ).to_be_visible()
    look(page)

    prompt.get_by_role("link", name="Rank the projects").click()
    expect(page.get_by_role("heading", name="Rank the host projects", level=1)).to_be_visible()
    for title in [NEW_PROJECT, "Sepsis early warning", "Driver attention models"]:
        page.get_by_role("button", name=f"Add to my ranking: {title}").click()
        expect(page.locator("ol.ranking")).to_contain_text(title)
    look(page)

    page.get_by_role("navigation", name="Talent pages").get_by_role("link", name="Overview").click()
    expect(page.locator("#ranking-prompt")).to_contain_text("3 of 3 projects ranked")
    look(page)


def talent_sees_three_placements_and_the_calendar(page, base, look):
    talent_session(page, base)
    expect(page.locator("main")).to_contain_text("You are matched with your hosts")
    schedule = page.get_by_role("region", name="Your rotation")
    for host in [NEW_HOST, "Sahlgrenska Data Lab", "Volvo Software Lab"]:
        expect(schedule.get_by_text(host)).to_be_visible()
    expect(schedule.get_by_text("Confirmed")).to_have_count(3)
    look(page)

    # Confirming made the talent's private calendar address: the overview offers it and the download.
    expect(schedule).to_contain_text("Your placements in your calendar app")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the calendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    assert len(calendar.walk("VEVENT")) == 3


def talent_logs_the_day(page, base, look, day, logged):
    talent_session(page, base)
    expect(page.locator("#current-placement")).to_contain_text("Now: period 1 at")
    look(page)
    page.locator("main").get_by_role("link", name="Log this week's AI Sweden day").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your weekly AI Sweden day")
    page.get_by_label("AI Sweden, Gothenburg").check()
    page.get_by_label("Seminar").check()
    page.get_by_label("Language and culture").check()
    page.get_by_label("What you learned").fill(f"What the week of {day:%d %B} taught about Swedish industry.")
    page.get_by_role("button", name="Log this day").click()
    expect(page.get_by_text("is logged")).to_be_visible()
    expect(page.locator(".week-now")).to_contain_text("You logged this week's day on")
    expect(page.locator(".chart-summary").first).to_contain_text(f"You have logged {logged} of")
    look(page)


# --- The prospective host and host member --------------------------------------------------------------


def host_session(page, base):
    sign_in_to_overview(page, base, PROSPECT, "/host/", HOST_PASSWORD)


def prospect_asks_to_become_a_host(page, base, look):
    page.context.clear_cookies()
    page.goto(base + "/hosts/")
    look(page)
    page.locator("main").get_by_role("link", name="Become a host").click()
    look(page)
    page.get_by_label("Organisation").fill(NEW_HOST)
    page.get_by_label("Your name").fill("Greta Lindahl")
    page.get_by_label("Email address").fill(PROSPECT)
    page.get_by_label("Sector").select_option(label="Industry and manufacturing")
    page.get_by_label("City").fill("Örebro")
    page.get_by_label("Message").fill("We build welding robots and have years of sensor data.")
    page.get_by_label("Cohort of interest").select_option(label=COHORT)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your interest in hosting talents")
    look(page)
    assert email_to(PROSPECT, "hosts/interest_received")


def host_member_signs_up_and_writes_a_project(page, base, look):
    page.context.clear_cookies()
    page.goto(base + link_in(PROSPECT, "hosts/invitation", r"/host/invitations/[^/\s]+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Join {NEW_HOST} on Eye for AI")
    look(page)
    page.get_by_role("link", name="Create an account", exact=True).click()
    expect(page.get_by_label("Email")).to_have_value(PROSPECT)
    page.locator("#id_password1").fill(HOST_PASSWORD)
    page.locator("#id_password2").fill(HOST_PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.goto(base + link_in(PROSPECT, "account/", r"/accounts/confirm-email/[^/\s]+/"))
    page.get_by_role("button", name="Confirm").click()
    # Confirming signs in and returns to the invitation, now bound: she is a member, on its overview.
    expect(page).to_have_url(base + "/host/")
    expect(page.get_by_text(f"You are a member of {NEW_HOST}.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_HOST)
    look(page)

    # The overview asks for a project for the cohort.
    page.locator("main").get_by_role("link", name=f"Write a project for {COHORT}").click()
    look(page)
    page.get_by_label("Title").fill(NEW_PROJECT)
    page.get_by_label("Summary").fill("Find faulty welds from robot sensor traces.")
    page.get_by_label("Description").fill("Ten years of labelled traces; the talent builds and tests the models.")
    page.locator("#id_cohort").select_option(label=COHORT)
    page.get_by_label("Computer vision").check()
    page.get_by_label("Supervisor's name").fill("Tomas Berglund")
    page.get_by_label("Supervisor's email").fill("tomas@bergslagen.example")
    for number in (1, 2, 3):
        page.get_by_label(f"Seats in period {number}").fill("1")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_PROJECT)
    look(page)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("The project is submitted.")).to_be_visible()
    look(page)


def host_ranks_from_the_overview(page, base, look):
    host_session(page, base)
    expect(page.locator("main")).to_contain_text("0 of 1 talent ranked")
    look(page)
    page.locator("main").get_by_role("link", name=f"Rank talents for “{NEW_PROJECT}”").click()
    look(page)
    page.get_by_label("Rank of Yuki Tanaka").fill("1")
    page.get_by_role("button", name="Save ranking").click()
    expect(page.get_by_text(f"Your ranking for {NEW_PROJECT} is saved.")).to_be_visible()
    look(page)


def host_sees_the_talent(page, base, look):
    host_session(page, base)
    talents_with_you = page.get_by_role("region", name="Talents with you")
    expect(talents_with_you).to_contain_text(f"Yuki Tanaka — {NEW_PROJECT}")
    expect(talents_with_you).to_contain_text("Confirmed")
    look(page)
    talents_with_you.get_by_role("link", name="All your talents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Talents at {NEW_HOST}")
    expect(page.get_by_role("rowheader", name="Yuki Tanaka", exact=False)).to_be_visible()
    look(page)


# --- Both sides, at the end ---------------------------------------------------------------------------


def both_give_feedback(page, base, look):
    assert link_in(TALENT, "rotations/placement_ending_talent", r"/talent/placements/[^/\s]+/feedback/")
    talent_session(page, base)
    look(page)
    page.locator("main").get_by_role("link", name=f"Give feedback on {NEW_HOST}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your placement at {NEW_HOST}")
    look(page)
    _rate(page, ["How good was the project?", "How good was the supervision?", "How much did you learn?"])
    page.get_by_label("Comments").fill("Real data and a supervisor who made time every week.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Thank you: your feedback is saved.")).to_be_visible()
    expect(page.locator("main").get_by_role("link", name=f"Give feedback on {NEW_HOST}")).to_have_count(0)
    look(page)

    assert link_in(PROSPECT, "rotations/placement_ending_host", r"/host/talents/[^/\s]+/feedback/")
    host_session(page, base)
    look(page)
    page.locator("main").get_by_role("link", name="Give feedback on Yuki Tanaka").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback on Yuki Tanaka's placement")
    look(page)
    _rate(page, ["How well did the project go?", "How engaged was the talent?", "How much did the talent contribute?"])
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Thank you: your feedback is saved.")).to_be_visible()
    look(page)


def _rate(page, questions):
    for question in questions:
        page.get_by_role("group", name=question).get_by_label("5").check()


def both_mark_hiring_interest(page, base, look):
    talent_session(page, base)
    look(page)
    page.locator("main").get_by_role("link", name="Hosts you would like to work for", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where would you like to work after the programme?")
    look(page)
    page.get_by_role("button", name=f"I would like to work at {NEW_HOST}").click()
    expect(page.get_by_text(f"Saved. {NEW_HOST} will only know if they are interested too.")).to_be_visible()
    look(page)

    host_session(page, base)
    expect(page.locator("main")).to_contain_text("would you like Yuki Tanaka to continue with you")
    look(page)
    page.locator("main").get_by_role("link", name="Say whom you would like to hire").click()
    look(page)
    page.get_by_role("button", name="We would like to hire Yuki Tanaka").click()
    expect(page.get_by_text("Yuki Tanaka would also like to continue with you")).to_be_visible()
    look(page)
    # Both sides and the programme team are told by email.
    assert link_in(TALENT, "rotations/hiring_match_talent", r"/talent/hiring/")
    assert link_in(PROSPECT, "rotations/hiring_match_host", r"/host/talents/")
    assert email_to(settings.PROGRAMME_TEAM_EMAIL, "rotations/hiring_match_team")
