"""The header (portal/header.py): its navigation is kept per language, prefix and set of links, and the
request's own parts (the CSRF field, the page's address) are put in on every request."""

import re

from django.test import Client
from django.urls import reverse

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_both_forms_share_one_token_and_it_signs_out(client, talent):
    client.force_login(talent)
    page = client.get(reverse("portal:privacy")).text
    tokens = TOKEN.findall(page)
    assert len(tokens) == 2  # sign-out and the language switch
    assert tokens[0] == tokens[1]
    checked = Client(enforce_csrf_checks=True)
    checked.cookies = client.cookies
    response = checked.post(reverse("account_logout"), {"csrfmiddlewaretoken": tokens[0]})
    assert response.status_code == 302
    assert checked.get(reverse("portal:talent_dashboard")).status_code == 302  # to the sign-in page


def test_each_person_gets_their_own_links_in_their_own_language(talent, host_member):
    talent.language, host_member.language = "en", "sv"
    talent.save(update_fields=["language"])
    host_member.save(update_fields=["language"])
    seen = {}
    for person in (talent, host_member, talent, host_member):
        browser = Client()
        browser.force_login(person)
        seen.setdefault(person.pk, []).append(browser.get(reverse("portal:privacy")).text)
    talent_page, member_page = seen[talent.pk][-1], seen[host_member.pk][-1]
    assert "My programme" in talent_page and "Sign out" in talent_page
    assert "Värdöversikt" not in talent_page and "Host dashboard" not in talent_page
    assert "Värdöversikt" in member_page and "Logga ut" in member_page
    assert "My programme" not in member_page and "Mitt program" not in member_page
    # A new token on every request, never the kept one of an earlier page.
    assert TOKEN.findall(seen[talent.pk][0])[0] != TOKEN.findall(talent_page)[0]


def marked_in_main_navigation(page):
    navigation = re.search(r'<nav aria-label="Main">.*?</nav>', page, re.DOTALL).group(0)
    return re.findall(r'<a href="([^"]+)" aria-current="page">', navigation)


def test_the_page_shown_is_marked_and_no_other(client, talent):
    client.force_login(talent)
    for page in ("talents:days", "portal:talent_dashboard", "talents:days"):
        assert marked_in_main_navigation(client.get(reverse(page)).text) == [reverse(page)]


def test_a_visitor_gets_no_token_and_the_sign_in_links(client):
    page = client.get(reverse("portal:privacy")).text
    assert "csrfmiddlewaretoken" not in page
    assert reverse("account_login") in page and "Sign out" not in page


def test_the_shared_token_switches_the_language_and_signs_out(client, talent):
    client.force_login(talent)
    client.handler.enforce_csrf_checks = True
    token = TOKEN.findall(client.get(reverse("portal:privacy")).text)[0]

    switched = client.post(
        reverse("set_language"), {"language": "sv", "next": "/privacy/", "csrfmiddlewaretoken": token}
    )
    signed_out = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})

    assert switched.status_code == 302
    assert signed_out.status_code == 302
    assert "_auth_user_id" not in client.session
