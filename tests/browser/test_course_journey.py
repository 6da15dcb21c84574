"""The leaders' course walked as a leader would, in a Swedish browser at 1280 px and at 390 px (issue 17).

From the front page's header to the course page, sign up, confirm the address from the email, join for a
named municipality; the first lesson's check answered wrongly and then right with the keyboard only; back
on another device mid-course, where "Continue" goes to the lesson left open; English chosen from the header
mid-lesson; every lesson passed, the statement of completion downloaded (a PDF with the name and the
verification address) and verified by anyone, who sees the name, the course and the day, nothing more.
Every page fits the window and axe finds nothing on it.

Expected text is read from the catalogue (`said`), as the pages are: a course string not yet translated
into Swedish is still expected in English, and once translated, in Swedish.
"""

import io
import re

import pytest
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect
from pypdf import PdfReader

from courses.bodies import ensure_public_bodies
from courses.certificates import completed_on, verify_url
from courses.choices import BodyKind
from courses.models import Participant
from eyeforai.accounts.choices import Role
from eyeforai.mail.models import OutboundEmail
from tests.browser.screen import check
from tests.courses.factories import CheckedLessonFactory
from tests.mailbox import delivered_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]
SWEDISH = {"locale": "sv-SE", "extra_http_headers": {"Accept-Language": "sv-SE,sv;q=0.9"}}
EMAIL = "eva.aberg@sundsvall.example.se"
PASSWORD = "en lång och hemlig lösenfras 42"


def said(language, message, **values):
    """`message` as the pages show it in `language` (gettext, and the placeholders filled in)."""
    with translation.override(language):
        text = gettext(message)
    return text % values if values else text


def said_n(language, singular, plural, count, **values):
    with translation.override(language):
        return ngettext(singular, plural, count) % values


def sv(message, **values):
    return said("sv", message, **values)


def new_page(browser, width):
    """A fresh browser (another device) whose language is Swedish."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **SWEDISH)
    return context.new_page()


def focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, target, presses=80):
    """Tab forward until `target` has the focus, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if focused(target):
            return
    raise AssertionError(f"{presses} presses of Tab never reached {target}")


def answer_with_the_keyboard(page, lesson, chosen):
    """Tick exactly `chosen` (Choice objects) in the lesson's check with Tab and Space, then send with Enter."""
    for question in lesson.questions.order_by("position"):
        for choice in question.choices.order_by("position"):
            box = page.locator(f"input[type=checkbox][value='{choice.uuid}']")
            if box.is_checked() != (choice in chosen):
                tab_to(page, box)
                page.keyboard.press("Space")
            assert box.is_checked() == (choice in chosen)
    tab_to(page, page.locator("main form[method=post] button[type=submit]"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#result$"))


def answer_with_the_mouse(page, lesson, chosen):
    for question in lesson.questions.order_by("position"):
        for choice in question.choices.order_by("position"):
            page.locator(f"input[type=checkbox][value='{choice.uuid}']").set_checked(choice in chosen)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url(re.compile(r"#result$"))


def right(lesson):
    return {choice for question in lesson.questions.all() for choice in question.choices.all() if choice.correct}


def wrong(lesson):
    return {choice for question in lesson.questions.all() for choice in question.choices.all() if not choice.correct}


def result_text(language, correct, total):
    return said_n(
        language,
        "You answered %(correct)s of %(total)s question right.",
        "You answered %(correct)s of %(total)s questions right.",
        total,
        correct=correct,
        total=total,
    )


def lesson_count(language, number, total, minutes):
    return said_n(
        language,
        "Lesson %(number)s of %(total)s, about %(minutes)s minute left.",
        "Lesson %(number)s of %(total)s, about %(minutes)s minutes left.",
        minutes,
        number=number,
        total=total,
        minutes=minutes,
    )


def the_public_bodies():
    """The municipalities, regions and agencies of courses/migrations/0002: a transactional test before this
    one may have flushed the table, so they are loaded again as the migration loads them."""
    ensure_public_bodies()


def sign_in(page, base):
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(EMAIL)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()  # not the header's language switch
    page.wait_for_load_state()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_leader_signs_up_passes_every_lesson_and_shows_the_statement(live_server, browser, assert_accessible, width):
    the_public_bodies()
    first = CheckedLessonFactory(
        position=1,
        title_sv="Vad AI är",
        title_en="What AI is",
        body_sv="AI är system som lär sig av data.",
        body_en="AI is systems that learn from data.",
        minutes=20,
    )
    second = CheckedLessonFactory(
        position=2,
        questions=1,
        title_sv="AI i offentlig sektor",
        title_en="AI in the public sector",
        body_sv="Kommuner använder AI i socialtjänsten.",
        body_en="Municipalities use AI in social services.",
        minutes=15,
    )
    third = CheckedLessonFactory(
        position=3,
        questions=1,
        title_sv="Etik och juridik",
        title_en="Ethics and law",
        body_sv="Vem bär ansvaret för ett beslut?",
        body_en="Who is responsible for a decision?",
        minutes=10,
    )
    base = live_server.url
    page = new_page(browser, width)

    # 1. From the front page's header to the course page.
    page.goto(base + "/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    nav = page.get_by_role("navigation", name=sv("Main"))
    nav.get_by_role("link", name=sv("Leaders\N{RIGHT SINGLE QUOTATION MARK} course")).click()
    page.wait_for_url(base + "/course/")
    expect(page.get_by_role("heading", name=sv("AI for leaders in the public sector"), level=1)).to_be_visible()
    for partner in ("AI Sweden", "SKR", "Governo"):
        expect(page.get_by_role("heading", name=sv(partner), exact=True, level=3)).to_be_visible()
    expect(page.get_by_role("heading", name=sv("Part 1: self-study"), level=3)).to_be_visible()
    expect(page.get_by_role("heading", name=sv("Part 2: workshop"), level=3)).to_be_visible()
    goal = sv("%(completed)s of %(goal)s leaders have completed the course", completed=0, goal=800)
    expect(page.locator("#goal-figure")).to_have_text(goal)
    expect(page.locator("progress.goal-bar")).to_have_attribute("max", "800")
    check(page, assert_accessible)

    # Sign up with a new address, confirm it from the email, and join for Sundsvall.
    page.locator("#sign-up").get_by_role("link", name=sv("Sign up for the course")).click()
    page.wait_for_url(re.compile(r"/accounts/signup/"))
    check(page, assert_accessible)
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check(page, assert_accessible)
    email = OutboundEmail.objects.get(to=EMAIL)
    # The link names SITE_URL, not the test server: follow its path here.
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", delivered_text(email)).group(1)
    page.goto(base + path)
    check(page, assert_accessible)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/course/join/")
    expect(page.get_by_role("heading", name=sv("Join the course"), level=1)).to_be_visible()
    check(page, assert_accessible)
    page.get_by_label(sv("First name")).fill("Eva")
    page.get_by_label(sv("Last name")).fill("Åberg")
    page.locator("#id_title").fill("Kommundirektör")
    page.get_by_label(sv("Manager"), exact=True).check()
    page.get_by_label(sv("From the list")).select_option(label="Sundsvall")
    page.locator("main form").get_by_role("button", name=sv("Join the course")).click()
    page.wait_for_url(base + "/course/me/")
    expect(page.get_by_text(sv("Welcome to the course! Your first lesson is waiting."))).to_be_visible()
    expect(page.locator("p.lead")).to_have_text(lesson_count("sv", 1, 3, 45))
    check(page, assert_accessible)
    participant = Participant.objects.select_related("user", "public_body").get(user__email=EMAIL)
    assert participant.user.role == Role.COURSE_PARTICIPANT
    assert (participant.public_body.kind, participant.public_body.name) == (BodyKind.MUNICIPALITY, "Sundsvall")
    assert participant.title == "Kommundirektör"

    # 2. Lesson 1: answered wrongly, then right, with the keyboard only.
    page.get_by_role("link", name=sv("Start the first lesson")).click()
    page.wait_for_url(base + f"/course/lessons/{first.uuid}/")
    expect(page.get_by_role("heading", name="Vad AI är", level=1)).to_be_visible()
    expect(page.get_by_text("AI är system som lär sig av data.")).to_be_visible()
    check(page, assert_accessible)

    answer_with_the_keyboard(page, first, wrong(first))
    result = page.locator("#result")
    expect(result).to_contain_text(result_text("sv", 0, 2))
    expect(result).to_contain_text(sv("Not passed yet"))
    expect(page.locator("main form").get_by_text(sv("Not right"), exact=True)).to_have_count(2)
    for choice in wrong(first):  # the feedback of each answer chosen
        expect(page.get_by_text(choice.feedback_sv, exact=True)).to_be_visible()
    expect(result.get_by_role("link", name=sv("Next lesson"))).to_have_count(0)
    check(page, assert_accessible)

    answer_with_the_keyboard(page, first, right(first))
    expect(result).to_contain_text(result_text("sv", 2, 2))
    expect(result).to_contain_text(sv("Well done: you have passed this lesson."))
    expect(page.locator("main form").get_by_text(sv("Right"), exact=True)).to_have_count(2)
    check(page, assert_accessible)
    next_lesson = result.get_by_role("link", name=sv("Next lesson"))
    tab_to(page, next_lesson)
    page.keyboard.press("Enter")
    page.wait_for_url(base + f"/course/lessons/{second.uuid}/")
    expect(page.get_by_role("heading", name="AI i offentlig sektor", level=1)).to_be_visible()
    check(page, assert_accessible)
    page.context.close()

    # 3. Back on another device: signing in lands on the course, and "Continue" opens lesson 2.
    page = new_page(browser, width)
    sign_in(page, base)
    page.wait_for_url(base + "/course/me/")
    expect(page.locator("p.lead")).to_have_text(lesson_count("sv", 2, 3, 25))
    check(page, assert_accessible)
    page.get_by_role("link", name=sv("Continue"), exact=True).click()
    page.wait_for_url(base + f"/course/lessons/{second.uuid}/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", name="AI i offentlig sektor", level=1)).to_be_visible()

    # 4. English chosen from the header, mid-lesson: the lesson reads in English.
    switcher = page.locator("header form.language-switch")
    switcher.get_by_role("button", name="English").click()
    page.wait_for_url(base + f"/course/lessons/{second.uuid}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="AI in the public sector", level=1)).to_be_visible()
    expect(page.get_by_text("Municipalities use AI in social services.")).to_be_visible()
    check(page, assert_accessible)

    answer_with_the_mouse(page, second, right(second))
    result = page.locator("#result")
    expect(result).to_contain_text(result_text("en", 1, 1))
    result.get_by_role("link", name="Next lesson").click()
    page.wait_for_url(base + f"/course/lessons/{third.uuid}/")
    expect(page.get_by_role("heading", name="Ethics and law", level=1)).to_be_visible()
    answer_with_the_mouse(page, third, right(third))
    expect(result).to_contain_text(result_text("en", 1, 1))
    check(page, assert_accessible)

    # 5. Every lesson passed: the statement, downloaded, names the leader and where to verify it.
    result.get_by_role("link", name="Back to your course").click()
    page.wait_for_url(base + "/course/me/")
    statement = page.get_by_role("region", name="Part 1 completed")
    expect(statement).to_be_visible()
    check(page, assert_accessible)
    with page.expect_download() as download_info:
        statement.get_by_role("link", name="Download your statement of completion (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "ai-for-leaders-part-1-eva-aberg.pdf"
    content = download.path().read_bytes()
    assert content.startswith(b"%PDF-")
    text = "\n".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(content)).pages)
    participant.refresh_from_db()
    url = verify_url(participant)
    assert "Eva Åberg" in text
    assert url in text.replace("\n", "")
    page.context.close()

    # Anyone (a fresh browser, signed in as nobody) sees the name, the course and the day: nothing more.
    anyone = new_page(browser, width)
    anyone.goto(base + url.removeprefix(settings.SITE_URL))
    expect(anyone.get_by_role("heading", name=sv("Statement of completion"), level=1)).to_be_visible()
    facts = anyone.locator("dl.facts")
    with translation.override("sv"):
        day = formats.date_format(completed_on(participant))
    assert facts.locator("dd").all_inner_texts() == [
        "Eva Åberg",
        sv("AI for leaders in the public sector"),
        sv("Completed on %(date)s", date=day),
    ]
    content = anyone.content()
    for private in (EMAIL, "Kommundirektör", "Sundsvall"):
        assert private not in content
    check(anyone, assert_accessible)
    anyone.context.close()
