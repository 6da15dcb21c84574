"""What the people of tests/browser/test_year_journey.py do again and again: look at a page (axe,
width), read the newest email to an address, sign in (landing on their own overview), and use the
admin as a programme manager does: from its index, through the change lists and their actions."""

import re
import time

from playwright.sync_api import expect

from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail
from tests.browser.signin import sign_in
from tests.factories import PASSWORD
from tests.mailbox import delivered_text


def fits(page):
    """The page is not wider than the window: nothing to scroll sideways."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def too_wide(page):
    """The innermost elements reaching past the window's right edge, to say what to fix."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
            .slice(0, 5)
            .map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> ${e.textContent.trim().slice(0, 40)}`)"""
    )


class Eyes:
    """Checks each page a person sees: it fits the window, and axe finds nothing (each distinct page,
    by address and headings, once per walk). The admin, the manager's desk, is held to neither: as in
    test_every_page_fits_a_phone it is Django's own layout, outside the phone and axe contract (its wide
    matching tables overflow a 390 px window); the walk still checks that it fits a 1280 px one."""

    def __init__(self, assert_accessible):
        self.assert_accessible = assert_accessible
        self.seen = set()

    def __call__(self, page):
        page.wait_for_load_state()
        path = re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "<uuid>", page.url.split("?")[0].split("//", 1)[1].split("/", 1)[1])
        admin = path.startswith("admin/")
        if not admin or page.viewport_size["width"] >= 1280:
            assert fits(page), f"{page.url} is wider than the window: {too_wide(page)}"
        # The same address in another state of the year (the overview before and after matching) shows
        # other sections: it counts as another page.
        key = (path, tuple(page.locator("main h1, main h2").all_inner_texts()))
        if admin or key in self.seen:
            return
        self.seen.add(key)
        self.assert_accessible(page)


def email_to(address, template):
    """The newest email queued for `address` from a template starting with `template` (asserts there is one)."""
    emails = OutboundEmail.objects.filter(to=address, template__startswith=template)
    assert emails.exists(), f"no {template} email to {address}"
    return emails.latest("created_at")


def link_in(address, template, pattern):
    """The path of the link matching `pattern` in the newest such email, as the recipient reads it
    (links name SITE_URL, not the test server)."""
    email = email_to(address, template)
    # The Celery worker (a thread of this process) may be sending the row right now: let it finish
    # rather than find it claimed and the message not yet in the mailbox.
    for _ in range(100):
        email.refresh_from_db()
        if email.status != EmailStatus.SENDING:
            break
        time.sleep(0.1)
    assert email.status != EmailStatus.FAILED, f"{template} to {address} failed: {email.last_error}"
    text = delivered_text(email)
    return re.search(r"https?://[^/\s]+(" + pattern + r")", text).group(1)


def sign_in_to_overview(page, base, email, overview, password=PASSWORD):
    """A fresh session (after a jump in time the old one has expired); each role lands on its own overview."""
    sign_in(page, base, email, password)
    expect(page).to_have_url(re.compile(re.escape(base + overview) + r"$"))


# --- The programme manager, in the admin ----------------------------------------------------------


def admin_home(page):
    """Back to the admin index by the breadcrumbs' first link."""
    page.locator(".breadcrumbs a").first.click()


def admin_list(page, name):
    """From the admin index, open a model's change list by its link in the app list."""
    page.locator("#content-main").get_by_role("link", name=name, exact=True).first.click()


def admin_action(page, action, *, row_text=None):
    """Tick a row (the one containing `row_text`, else the first) and run an action (its name or label)."""
    rows = page.locator("#result_list tbody tr")
    row = rows.filter(has_text=row_text).first if row_text else rows.first
    row.locator("input[name=_selected_action]").check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Go").click()


def set_cohort_status(page, cohort_name, status_label):
    """The manager moves the cohort on in its change form, from the admin index."""
    admin_list(page, "Cohorts")
    page.locator("#result_list").get_by_role("link", name=cohort_name).click()
    page.locator("#id_status").select_option(label=status_label)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
