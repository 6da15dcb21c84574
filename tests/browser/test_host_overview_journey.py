"""A host member's own side, in a real browser at 1280 px and at 390 px: from the overview (/host/) they
edit a project (its cohort stays selected), give their name, and invite a colleague; the colleague follows
the emailed link, signs up with that address, confirms it and lands in the organisation."""

import re

import pytest
from playwright.sync_api import expect

from eyeforai.mail.models import OutboundEmail
from hosts.models import HostMembership, Invitation, Project
from tests.browser.signin import sign_in
from tests.factories import HostMembershipFactory, ProjectFactory, UserFactory
from tests.mailbox import delivered_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link_in(template, to, pattern):
    email = OutboundEmail.objects.filter(template__startswith=template, to=to).latest("created_at")
    return re.search(r"https?://[^/\s]+(" + pattern + r")", delivered_text(email)).group(1)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_host_member_edits_a_project_gives_their_name_and_invites_a_colleague(
    live_server, page, assert_accessible, host_organization, open_cohort, width
):
    base = live_server.url
    greta = UserFactory(email="greta@vastkust.example", first_name="", last_name="")
    HostMembershipFactory(user=greta, organization=host_organization)
    ProjectFactory(organization=host_organization, cohort=open_cohort, title="Triage notes with NLP")
    page.set_viewport_size({"width": width, "height": 900})

    def looks_right():
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    sign_in(page, base, greta.email)
    page.goto(base + "/host/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Västkust University Hospital")
    expect(page.get_by_text("“Triage notes with NLP” is a draft: submit it for review")).to_be_visible()
    looks_right()

    # The project's edit form keeps its cohort: an unchanged cohort is not asked for again.
    page.get_by_role("link", name="Open “Triage notes with NLP”").click()
    page.get_by_role("link", name="Edit", exact=True).click()
    expect(page.get_by_label("Cohort")).to_have_value("cohort-2031")
    looks_right()
    page.get_by_label("Summary").fill("Find the urgent cases in emergency triage notes.")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("The project is saved.")).to_be_visible()
    project = Project.objects.get()
    assert (project.cohort, project.summary) == (open_cohort, "Find the urgent cases in emergency triage notes.")

    # Her name, from the overview's member list.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Host dashboard").click()
    page.get_by_role("link", name="Add your name").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your name")
    looks_right()
    page.get_by_label("First name").fill("Greta")
    page.get_by_label("Last name").fill("Lindahl")
    page.get_by_role("button", name="Save your name").click()
    expect(page.get_by_text("Greta Lindahl (greta@vastkust.example)")).to_be_visible()

    # A colleague, invited from the overview.
    page.get_by_role("link", name="Invite a colleague").click()
    looks_right()
    page.get_by_label("Your colleague's email address").fill("Anna.Lund@vastkust.example")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("An invitation is on its way to anna.lund@vastkust.example")).to_be_visible()
    expect(page.get_by_role("button", name="Withdraw the invitation to anna.lund@vastkust.example")).to_be_visible()
    looks_right()
    assert Invitation.objects.get().invited_by == greta

    # The colleague follows the emailed link, signs up with that address and confirms it.
    page.context.clear_cookies()
    page.goto(base + link_in("hosts/invitation", "anna.lund@vastkust.example", r"/host/invitations/[^/\s]+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Västkust University Hospital on Eye for AI")
    looks_right()
    page.get_by_role("link", name="Create an account", exact=True).click()
    expect(page.get_by_label("Email")).to_have_value("anna.lund@vastkust.example")
    page.locator("#id_password1").fill("Triage notes 2031!")
    page.locator("#id_password2").fill("Triage notes 2031!")
    page.get_by_role("button", name=re.compile(r"^sign up$", re.IGNORECASE)).click()
    page.goto(base + link_in("account/", "anna.lund@vastkust.example", r"/accounts/confirm-email/[^/\s]+/"))
    page.get_by_role("button", name="Confirm").click()
    assert HostMembership.objects.get(user__email="anna.lund@vastkust.example").organization == host_organization

    page.goto(base + "/host/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Västkust University Hospital")
    expect(page.get_by_text("Greta Lindahl (greta@vastkust.example)")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Withdraw the invitation"))).to_have_count(0)
    looks_right()
