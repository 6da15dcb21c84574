"""Every page each role can reach fits a 390 px phone and has no axe-core violation.

The demo data (`manage.py seed_demo`, what `make run` shows) gives every state of the year at once: a
draft application, a talent accepted to the upcoming cohort, a running talent with placements and
day logs, a finished one with feedback, a host member with projects and placed talents. Each role
signs in through the login page, starts at its overview and follows every same-origin link
breadth-first, so pages added later are checked without being listed here. Each form that requires
typed text is also posted empty once, so its error state is checked too.

The walk is made twice: in English, and in Swedish as a browser set to Swedish asks for it (issue 16),
so a Swedish word too long for a button or a table header on a phone fails here as well.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort
from hosts.choices import MemberRole
from hosts.models import HostMembership, HostOrganization
from portal.management.commands.seed_demo import DEMO_PASSWORD
from rotations.models import Placement
from talents.choices import ApplicationStatus
from talents.models import Application
from tests.browser.signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# The browser's own language, as a person's phone sends it: each page must answer in it (html lang).
LANGUAGES = {
    "en": {"locale": "en-GB", "extra_http_headers": {"Accept-Language": "en-GB,en;q=0.9"}},
    "sv": {"locale": "sv-SE", "extra_http_headers": {"Accept-Language": "sv-SE,sv;q=0.9"}},
}
PAGES_PER_ROLE = 60
# Too few pages means the crawl broke (a sign-in that failed, a menu that lost its links).
MINIMUM_PAGES = {"visitor": 4, "talent": 8, "host member": 6}

# Not pages: signing out, files, the admin, the language switch, other schemes.
SKIPPED = re.compile(
    r"/(accounts/)?logout/|\.(pdf|ics|zip|csv|atom|xml)$|/export|/cv/|^/admin/|^/i18n/|^/static/|^/media/"
    r"|^/blog/images/|/photo/$",
)

# What does not fit, named so a failure says what to fix: the elements reaching past the right edge
# (innermost first), and boxes whose content is cut off or scrolls sideways inside them (a table in
# an overflow wrapper keeps the page narrow but hides its last columns).
TOO_WIDE = """() => {
  const edge = window.innerWidth;
  const name = element => {
    const text = (element.innerText || element.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
      + [...element.classList].map(c => '.' + c).join('') + ` "${text}"`;
  };
  const all = [...document.body.querySelectorAll('*')];
  const over = all.filter(element => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.right > edge + 0.5;
  });
  const innermost = over.filter(element => !over.some(other => other !== element && element.contains(other)));
  const reaching = innermost.slice(0, 5).map(
    element => `${name(element)} reaches ${Math.round(element.getBoundingClientRect().right)}px`
  );
  const sideways = all.filter(element => {
    const style = getComputedStyle(element);
    return ['auto', 'scroll', 'hidden'].includes(style.overflowX) && style.position !== 'absolute'
      && element.clientWidth > 1 && element.scrollWidth > element.clientWidth + 1;
  }).slice(0, 5).map(element => `${name(element)} holds ${element.scrollWidth}px in ${element.clientWidth}px`);
  return {width: document.documentElement.scrollWidth, inner: window.innerWidth, reaching, sideways};
}"""


def _people():
    """(role kind, name, email or None, overview) for every state the demo holds."""
    applications = Application.objects.select_related("talent__user", "cohort").order_by("pk")
    draft = applications.filter(status=ApplicationStatus.DRAFT, cohort__status=CohortStatus.RECRUITING).first()
    accepted = applications.filter(status=ApplicationStatus.ACCEPTED, cohort__status=CohortStatus.RECRUITING).first()
    running = Placement.objects.filter(cohort__status=CohortStatus.RUNNING).select_related("talent__user")
    running = running.order_by("pk").first()
    finished = applications.filter(status=ApplicationStatus.ACCEPTED, cohort__status=CohortStatus.COMPLETED).first()
    member = HostMembership.objects.filter(role=MemberRole.CONTACT, organization__placements__isnull=False)
    member = member.select_related("user").order_by("pk").first()
    return [
        ("visitor", "visitor", None, "/"),
        ("talent", "talent with a draft application", draft.talent.user.email, "/talent/"),
        ("talent", "talent accepted to the upcoming cohort", accepted.talent.user.email, "/talent/"),
        ("talent", "talent in the running cohort", running.talent.user.email, "/talent/"),
        ("talent", "talent of the finished cohort", finished.talent.user.email, "/talent/"),
        ("host member", "host member", member.user.email, "/host/"),
    ]


# A form emptied of the text it requires, with the browser's own check turned off: posted (SUBMIT), the
# page comes back with its errors. A form that requires no typed text (withdraw, hiring interest,
# sign-out, a ranking of selects) is never posted: that would change things.
EMPTIED = """index => {
  const form = document.querySelectorAll('form')[index];
  const typed = 'input:not([type]), input[type=text], input[type=email], input[type=url], input[type=date], '
    + 'input[type=number], input[type=tel], input[type=password], textarea';
  if (![...form.querySelectorAll(typed)].some(field => field.required)) return false;
  form.querySelectorAll(typed).forEach(field => { field.value = ''; });
  form.noValidate = true;
  return true;
}"""
SUBMIT = """index => {
  const form = document.querySelectorAll('form')[index];
  form.requestSubmit(form.querySelector('button:not([type=button]):not([type=reset]), input[type=submit]'));
}"""
# The posted forms of the page that require typed text, by their index among the page's forms.
FORMS_REQUIRING_TEXT = """forms => forms.map((form, index) => form.method === 'post'
  && form.querySelector('input[required]:not([type=checkbox]):not([type=radio]):not([type=file]), textarea[required]')
  ? index : -1).filter(index => index >= 0)"""
LINKS = "links => links.map(link => link.getAttribute('href'))"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class Crawl:
    """Breadth-first from each person's overview. A page outside the person's own area (public and
    account pages) is checked once for everyone; at most two pages of one kind (two hosts, two
    projects of a host) are followed."""

    def __init__(self, base, check, failed, slugs):
        self.base, self.check, self.failed = base, check, failed
        self.slugs = re.compile(rf"/({'|'.join(map(re.escape, slugs))})(?=/)")
        self.shared = set()  # kinds of page outside a person's area that were checked
        self.posted = set()  # (kind of page, form index) posted empty

    def kind(self, path):
        """A page's kind: its path with ids and slugs taken out (one project page stands for all)."""
        return self.slugs.sub("/<slug>", re.sub(UUID, "<id>", path))

    def person(self, page, area):
        """Visit what the person can reach from `area`; returns the paths reached."""
        queue, queued, kinds, reached, forms = deque([area]), {(area, False)}, {}, [], []
        while queue and len(reached) < PAGES_PER_ROLE:
            path = queue.popleft()
            kind = self.kind(urlsplit(path).path)
            own = area != "/" and path.startswith(area)
            reached.append(path)
            if not own and kind in self.shared:
                continue
            response = page.goto(self.base + path)
            if not page.url.startswith(self.base):
                continue
            self.check(path, response)
            if not own:
                self.shared.add(kind)
            forms += [(path, index) for index in page.eval_on_selector_all("form", FORMS_REQUIRING_TEXT)]
            for href in page.eval_on_selector_all("a[href]", LINKS):
                target = urlsplit(urldefrag(urljoin(page.url, href)).url)
                link = target.path + (f"?{target.query}" if target.query else "")
                if f"{target.scheme}://{target.netloc}" != self.base or SKIPPED.search(target.path):
                    continue
                # One page per path and one more with a query string (a filter, a second page).
                key, link_kind = (target.path, bool(target.query)), self.kind(target.path)
                if key not in queued and kinds.get(link_kind, 0) < 2:
                    queued.add(key)
                    kinds[link_kind] = kinds.get(link_kind, 0) + 1
                    queue.append(link)
        self.post_empty(page, forms)
        return reached

    def post_empty(self, page, forms):
        """Post each form with its required text left empty and check the page that answers."""
        for path, index in forms:
            if (self.kind(urlsplit(path).path), index) in self.posted:
                continue
            self.posted.add((self.kind(urlsplit(path).path), index))
            page.goto(self.base + path)
            if not page.evaluate(EMPTIED, index):
                continue
            try:
                with page.expect_navigation(timeout=10_000):
                    page.evaluate(SUBMIT, index)
            except PlaywrightTimeoutError:
                self.failed(f"{path}: form {index + 1} posted empty never answered")
                continue
            self.check(f"{path} (form {index + 1} posted empty)", None)


def _sign_in(page, base, email, language):
    """The login page in the browser's language: its button is "Logga in" in Swedish."""
    if language == "en":
        sign_in(page, base, email, password=DEMO_PASSWORD)
        return
    page.context.clear_cookies()
    page.goto(base + "/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_any_role_can_reach_is_wider_than_a_phone_or_fails_axe(live_server, browser, language):
    call_command("seed_demo", "--allow-without-debug", "--quiet", "--scale", "2")
    axe = Axe()
    problems, report = {}, []  # problem -> who met it
    page = None

    def check(path, response):
        found = []
        if response is not None and response.status >= 400:
            found.append(f"{path} answered {response.status}")
        if page.get_attribute("html", "lang") != language:
            found.append(f"{path} is not in {language}: <html lang={page.get_attribute('html', 'lang')!r}>")
        fit = page.evaluate(TOO_WIDE)
        if fit["width"] > fit["inner"]:
            found.append(f"{path} is {fit['width']}px wide at {fit['inner']}px: {'; '.join(fit['reaching'])}")
        if fit["sideways"]:
            found.append(f"{path} cuts off or scrolls sideways: {'; '.join(fit['sideways'])}")
        results = axe.run(page)
        if results.violations_count:
            found.append(f"{path} has axe violations:\n{results.generate_report()}")
        for problem in found:
            problems.setdefault(problem, []).append(name)

    slugs = [*HostOrganization.objects.values_list("slug", flat=True), *Cohort.objects.values_list("slug", flat=True)]
    crawl = Crawl(live_server.url, check, lambda problem: problems.setdefault(problem, []).append(name), slugs)
    for kind, name, email, overview in _people():
        context = browser.new_context(viewport=PHONE, **LANGUAGES[language])
        page = context.new_page()
        if email:
            _sign_in(page, live_server.url, email, language)
        reached = crawl.person(page, overview)
        context.close()
        report.append(f"{name}: {len(reached)} pages: {' '.join(reached)}")
        if len(reached) < MINIMUM_PAGES[kind]:
            problems[f"only {len(reached)} pages reached from {overview}: {reached}"] = [name]

    report.append(f"{len(crawl.posted)} forms posted empty")
    print("\n".join(report))
    assert not problems, "\n".join(f"{problem}\n  (seen by: {', '.join(names)})" for problem, names in problems.items())
