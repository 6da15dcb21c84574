"""A visitor finds a post on the front page, reads it, follows its tag and its author, at 1280 px and 390 px."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from blog.choices import PostStatus
from blog.models import AuthorPage
from blog.services.writing import add_image
from tests.blog.fixtures import PostFactory, TagFactory, make_writer, png_upload
from tests.browser.screen import check
from tests.factories import HostOrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_visitor_reads_a_post_and_follows_its_tag_and_author(live_server, page, assert_accessible, width):
    user = UserFactory(first_name="Amara", last_name="Okafor")
    writer = make_writer(user)
    AuthorPage.objects.create(talent=writer, show_name=True, bio="Radiologist turned ML engineer.")
    host = HostOrganizationFactory(name="Västkust University Hospital", slug="vastkust")
    post = PostFactory(
        authors=[writer],
        title="Six months of federated learning at the hospital",
        body="## Why federated\n\nThe images never leave the hospital. `a_rather_long_identifier_name_in_code`\n",
    )
    post.cover = add_image(post, upload=png_upload(size=(1600, 900)), alt="The imaging room", by=user)
    post.status, post.slug, post.published_at = PostStatus.PUBLISHED, "six-months", timezone.now() - dt.timedelta(1)
    post.save()
    post.tags.add(TagFactory(name="Federated learning", slug="federated-learning"))
    post.hosts.add(host)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(live_server.url + "/")
    blog = page.get_by_role("region", name="From the talent blog")
    check(page, assert_accessible)
    blog.get_by_role("link", name="Six months of federated learning at the hospital").click()

    title = page.get_by_role("heading", name="Six months of federated learning at the hospital", level=1)
    expect(title).to_be_visible()
    expect(page.get_by_role("img", name="The imaging room")).to_be_visible()
    check(page, assert_accessible)

    page.get_by_role("link", name="Federated learning").click()
    expect(page.get_by_role("heading", name="Posts about Federated learning", level=1)).to_be_visible()
    check(page, assert_accessible)

    page.get_by_role("link", name="Amara Okafor").first.click()
    expect(page.get_by_role("heading", name="Amara Okafor", level=1)).to_be_visible()
    check(page, assert_accessible)

    page.goto(live_server.url + "/blog/")
    expect(page.get_by_role("heading", name="Talent blog", level=1)).to_be_visible()
    check(page, assert_accessible)

    page.goto(live_server.url + "/blog/hosts/vastkust/")
    check(page, assert_accessible)
