"""The layout's fixed parts (portal/layout.py) are drawn once per language, script prefix and settings:
each variant gets its own words and addresses, and the team's address is escaped."""

import pytest
from django.urls import reverse, set_script_prefix

pytestmark = pytest.mark.django_db


def footer(html):
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


def test_each_language_gets_its_own_footer_and_description(client):
    english = client.get(reverse("portal:home")).content.decode()
    swedish = client.get(reverse("portal:home"), HTTP_COOKIE="django_language=sv").content.decode()

    assert '<a href="/privacy/">Privacy</a>' in footer(english)
    assert '<a href="/privacy/">Integritet och personuppgifter</a>' in footer(swedish)
    assert 'content="Eye for AI: ett rotationsprogram på 18 månader' in swedish
    assert 'content="Eye for AI: an 18-month rotation programme' in english


def test_under_a_script_prefix_the_brand_and_privacy_links_carry_it(client, talent):
    # A signed-in page: the public pages are kept whole per address (portal/public/cache.py).
    client.force_login(talent)
    client.get(reverse("talents:profile"))  # the variant without a prefix is kept first

    # Django's WSGI handler sets the prefix from SCRIPT_NAME; the test client's does not.
    set_script_prefix("/portal/")
    try:
        page = client.get("/talent/profile/").content.decode()
    finally:
        set_script_prefix("/")

    assert '<a class="brand" href="/portal/">' in page
    assert '<a href="/portal/privacy/">' in footer(page)


def test_the_team_address_is_escaped(client, settings):
    settings.PROGRAMME_TEAM_EMAIL = 'team"<b>@ai.se'

    page = client.get(reverse("portal:home")).content.decode()

    assert 'href="mailto:team&quot;&lt;b&gt;@ai.se">team&quot;&lt;b&gt;@ai.se</a>' in footer(page)
