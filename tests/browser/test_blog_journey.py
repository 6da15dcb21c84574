"""The talent blog walked in a real browser (issue 19), in English, at 1280 px and at 390 px.

A writer (an accepted talent) goes from their overview to "My blog posts", writes a post naming a host
organisation, saves it, uploads a diagram (PNG) and a phone photo (JPEG with a GPS position), pastes the
diagram's snippet into the text, makes the photo the cover, adds a co-author, previews (nothing saved until
Save), saves and submits it with the keyboard. The programme manager asks for changes in the admin; the
writer reads the note, changes the text and sends it again. The manager shows it to its host, whose member
reads it from "Posts in review" and comments; the manager schedules it ten minutes ahead. The clock moves on,
the beat publishes it, and a visitor finds it on the host's page, reads it with both images, and finds it in
the Atom feed; a draft's preview is a 404 for them. Every page fits the window and axe finds nothing on it
(the admin's pages too: the review page is the blog's own template).
"""

import io
import re
from datetime import timedelta

import feedparser
import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from blog.choices import PostStatus
from blog.models import AuthorPage, Post, PostComment
from blog.services.review import publish_due_posts
from eyeforai.mail.models import OutboundEmail
from tests.blog.fixtures import PostFactory, TagFactory, image_bytes, jpeg_with_gps_upload, make_writer
from tests.browser.screen import check, fits
from tests.browser.signin import sign_in
from tests.factories import CohortFactory, HostMembershipFactory, HostOrganizationFactory, ManagerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]
ENGLISH = {"locale": "en-GB", "extra_http_headers": {"Accept-Language": "en-GB,en;q=0.9"}}

WRITER = "amara.okafor@example.org"
COAUTHOR = "jonas.berg@example.org"
MANAGER = "karin@ai.se"
MEMBER = "greta.lindahl@vastkust.example.se"
HOST = "Västkust University Hospital"
HOST_SLUG = "vastkust"
TAG = "Federated learning"
COHORT = "Cohort 2031"

TITLE = "Six months of federated learning at the hospital"
SUMMARY = "What dermatology images taught me about privacy, and why the weights travel instead."
BODY = (
    "## Why federated\n\n"
    "The images never leave the hospital. **Only the weights travel**, once a night.\n\n"
    "- Four clinics\n- One model\n"
)
DIAGRAM = "Diagram of the federated training rounds"
PHOTO = "The imaging room at the hospital"
NOTE = "Please say which clinics took part, or that they asked not to be named."
HOST_COMMENT = "Lovely post. Our press office is happy with it."


# --- The browser --------------------------------------------------------------------------------------


def new_page(browser, width):
    """A fresh browser (another device) reading the pages in English."""
    height = 844 if width < 600 else 900
    context = browser.new_context(viewport={"width": width, "height": height}, **ENGLISH)
    return context.new_page()


def focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, target, presses=300):
    """Tab forward from the top of the page until `target` has the focus, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if focused(target):
            return
    raise AssertionError(f"{presses} presses of Tab never reached {target}")


def too_wide(page):
    """The innermost elements reaching past the window's right edge, to say what to fix."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
            .slice(0, 5)
            .map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> ${e.textContent.trim().slice(0, 40)}`)"""
    )


def look(page, assert_accessible):
    """The portal's pages: axe finds nothing and the page fits the window (saying what is too wide)."""
    page.wait_for_load_state()
    assert fits(page), f"{page.url} is wider than the window: {too_wide(page)}"
    check(page, assert_accessible)


def field(page, label):
    """A form field by its label, which says "(required)" after it when it is."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(required\))?$"))


def emails(template, to):
    return OutboundEmail.objects.filter(template=f"blog/{template}", to=to)


def image_file(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def image_item(page, alt):
    """An uploaded image in the edit page's list."""
    return page.locator("ul.blog-images > li").filter(has=page.get_by_role("img", name=alt, exact=True))


def loaded(page, image):
    """The image has arrived and decoded (it is scrolled to first: a lazy image loads near the window)."""
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=10_000)
    return image.evaluate("img => img.naturalWidth") > 0


# --- The cast -----------------------------------------------------------------------------------------


def the_cast():
    cohort = CohortFactory(name=COHORT, slug="cohort-2031")
    writer = make_writer(UserFactory(email=WRITER, first_name="Amara", last_name="Okafor"), cohort)
    AuthorPage.objects.create(talent=writer, show_name=True, bio="Radiologist turned ML engineer.")
    make_writer(UserFactory(email=COAUTHOR, first_name="Jonas", last_name="Berg"), cohort)
    host = HostOrganizationFactory(name=HOST, slug=HOST_SLUG)
    HostMembershipFactory(organization=host, user=UserFactory(email=MEMBER, first_name="Greta", last_name="Lindahl"))
    ManagerFactory(email=MANAGER, first_name="Karin", last_name="Lindqvist")
    TagFactory(name=TAG, slug="federated-learning")
    return writer


# --- 1. The writer writes, illustrates, previews and submits ----------------------------------------


def writer_writes_and_submits(page, base, look, tmp_path):
    sign_in(page, base, WRITER)
    page.goto(base + "/talent/")
    look(page)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My blog posts").click()
    page.wait_for_url(base + "/talent/blog/")
    expect(page.get_by_role("heading", name="My blog posts", level=1)).to_be_visible()
    expect(page.get_by_text("You have not started a post yet.")).to_be_visible()
    look(page)

    page.get_by_role("link", name="Write a post").click()
    expect(page.get_by_role("heading", name="Write a post", level=1)).to_be_visible()
    look(page)
    field(page, "Title").fill(TITLE)
    field(page, "Summary").fill(SUMMARY)
    field(page, "Text").fill(BODY)
    field(page, "Language").select_option(label="English")
    page.get_by_label(TAG).check()
    page.get_by_label(HOST).check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Your draft is saved.")
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    post = Post.objects.get(title=TITLE)
    assert post.status == PostStatus.DRAFT
    assert [h.name for h in post.hosts.all()] == [HOST] and [t.name for t in post.tags.all()] == [TAG]
    look(page)

    # Two images: a diagram, and a phone photo that knows where it was taken.
    for name, data, alt in [
        ("rounds.png", image_bytes("PNG", (960, 540)), DIAGRAM),
        ("imaging-room.jpg", jpeg_with_gps_upload().read(), PHOTO),
    ]:
        field(page, "Image file").set_input_files(image_file(tmp_path, name, data))
        field(page, "Description (alt text)").fill(alt)
        page.get_by_role("button", name="Upload the image").click()
        expect(page.locator(".messages")).to_contain_text(f"The image “{alt}” is added.")
        expect(image_item(page, alt)).to_be_visible()
    assert post.images.count() == 2
    look(page)

    # The diagram's snippet into the text, the photo as cover, a co-author; then Preview.
    snippet = image_item(page, DIAGRAM).get_by_label("Snippet to paste into the text").input_value()
    assert re.fullmatch(rf"!\[{DIAGRAM}\]\(/blog/images/[0-9a-f-]+/\)", snippet), snippet
    body = field(page, "Text")
    body.fill(BODY + "\n" + snippet + "\n")
    field(page, "Cover image").select_option(label=PHOTO)
    field(page, "Co-authors").select_option(label=f"Jonas Berg ({COHORT})")
    page.get_by_role("button", name="Preview", exact=True).click()
    preview = page.locator("section.blog-preview")
    expect(preview.get_by_role("heading", name="Why federated", level=2)).to_be_visible()
    expect(preview.get_by_role("img", name=DIAGRAM)).to_be_visible()
    post.refresh_from_db()
    assert snippet not in post.body and post.cover is None and post.authorships.count() == 1  # nothing saved
    look(page)

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Your changes are saved.")
    post.refresh_from_db()
    assert snippet in post.body
    assert post.cover.alt == PHOTO
    assert sorted(a.talent.user.email for a in post.authorships.all()) == [WRITER, COAUTHOR]
    expect(page.get_by_text("Written with Jonas Berg.")).to_be_visible()
    look(page)

    # Submitted with the keyboard: Tab to the button, Enter.
    submit_button = page.get_by_role("button", name="Submit for review")
    tab_to(page, submit_button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Your post is sent to the programme team.")
    expect(page.locator(".blog-status .badge")).to_have_text("Submitted for review")
    assert emails("submitted", settings.PROGRAMME_TEAM_EMAIL).count() == 1
    post.refresh_from_db()
    assert post.status == PostStatus.SUBMITTED
    look(page)
    return post


# --- 2. The manager asks for changes; the writer changes the text and sends it again -------------------


def manager_opens_the_review_page(page, base, look):
    sign_in(page, base, MANAGER)
    page.goto(base + "/admin/")
    look(page)
    page.locator("tr.model-post").get_by_role("link").first.click()
    page.wait_for_url(base + "/admin/blog/post/")
    look(page)
    page.locator("#result_list").get_by_role("link", name=TITLE).click()
    expect(page.locator("#post-title")).to_have_text(TITLE)
    look(page)


def manager_asks_for_changes(page, base, look, post):
    manager_opens_the_review_page(page, base, look)
    field(page, "What should the authors change?").fill(NOTE)
    page.get_by_role("button", name="Send it back to the authors").click()
    expect(page.locator(".messagelist")).to_contain_text("The post is sent back to its authors with your note")
    expect(page.get_by_role("heading", name="Status: Changes requested")).to_be_visible()
    look(page)
    post.refresh_from_db()
    assert post.status == PostStatus.CHANGES_REQUESTED
    for author in (WRITER, COAUTHOR):
        assert emails("changes_requested", author).count() == 1, author


def writer_changes_and_resubmits(page, base, look, post):
    sign_in(page, base, WRITER)
    page.goto(base + "/talent/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My blog posts").click()
    row = page.locator("tbody tr").filter(has=page.get_by_role("link", name=TITLE))
    expect(row).to_contain_text("Changes requested")
    look(page)
    row.get_by_role("link", name=TITLE).click()
    expect(page.locator(".blog-comment-changes")).to_contain_text(NOTE)
    expect(page.locator(".blog-status .badge")).to_have_text("Changes requested")
    look(page)
    body = field(page, "Text")
    body.fill(body.input_value().replace("once a night", "once a night, signed and logged"))
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Your changes are saved.")
    # The submit sends two emails before its redirect: wait for the page it leads to, not 5 s (under load
    # in one CI run the old page was still there after 5 s).
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".blog-status .badge")).to_have_text("Submitted for review")
    look(page)
    post.refresh_from_db()
    assert post.status == PostStatus.SUBMITTED
    assert "signed and logged" in post.body
    assert emails("submitted", settings.PROGRAMME_TEAM_EMAIL).count() == 2


# --- 3. Shown to the host, commented on, scheduled ---------------------------------------------------------


def manager_shows_it_to_the_host(page, base, look, post):
    manager_opens_the_review_page(page, base, look)
    page.get_by_role("button", name="Show it to them").click()
    expect(page.locator(".messagelist")).to_contain_text("The post is shown to the members of its host organisations")
    look(page)
    assert emails("shared_with_host", MEMBER).count() == 1


def host_member_comments(page, base, look, post):
    sign_in(page, base, MEMBER)
    page.goto(base + "/host/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Posts in review").click()
    page.wait_for_url(base + "/host/blog/")
    expect(page.get_by_role("heading", name="Blog posts in review", level=1)).to_be_visible()
    look(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text("By Amara Okafor, an Eye for AI talent")).to_be_visible()
    expect(page.get_by_role("img", name=PHOTO)).to_be_visible()
    look(page)
    field(page, "Your comment").fill(HOST_COMMENT)
    page.get_by_role("button", name="Send to the programme team").click()
    expect(page.locator(".messages")).to_contain_text("Your comment is sent to the programme team.")
    expect(page.locator(".comment").filter(has_text=HOST_COMMENT)).to_contain_text(f"Greta Lindahl, {HOST}")
    look(page)
    assert PostComment.objects.filter(post=post, body=HOST_COMMENT, organization__slug=HOST_SLUG).exists()
    assert emails("comment", settings.PROGRAMME_TEAM_EMAIL).count() == 1


def manager_schedules(page, base, look, post):
    """Ten minutes ahead, in the form's date and time field (Stockholm time, to the minute)."""
    publish_at = (timezone.localtime() + timedelta(minutes=10)).replace(second=0, microsecond=0)
    manager_opens_the_review_page(page, base, look)
    expect(page.locator(".blog-review-comment").filter(has_text=HOST_COMMENT)).to_contain_text(HOST)
    field(page, "Publish at (Stockholm time)").fill(publish_at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("The post is scheduled")
    expect(page.get_by_role("heading", name="Status: Scheduled")).to_be_visible()
    look(page)
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED
    assert post.publish_at == publish_at
    for author in (WRITER, COAUTHOR):
        assert emails("scheduled", author).count() == 1, author
    return publish_at


# --- 4. Published by the beat; a visitor reads it --------------------------------------------------------


def visitor_reads_it(browser, width, base, look, post):
    page = new_page(browser, width)
    page.goto(base + f"/hosts/{HOST_SLUG}/")
    expect(page.get_by_role("heading", name=HOST, level=1)).to_be_visible()
    look(page)
    page.get_by_role("region", name="From the talent blog").get_by_role("link", name=TITLE).click()
    page.wait_for_url(base + f"/blog/{post.slug}/")

    article = page.locator("article.post")
    expect(article.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    byline = article.locator("header .meta")
    expect(byline).to_contain_text("By Amara Okafor and an Eye for AI talent")
    expect(byline.get_by_role("link", name="Amara Okafor")).to_be_visible()
    expect(byline).to_contain_text("1 min read")
    cover = article.locator("figure.post-cover img")
    assert cover.get_attribute("alt") == PHOTO
    diagram = article.locator(".post-body").get_by_role("img", name=DIAGRAM)
    assert loaded(page, cover), "the cover did not load"
    assert loaded(page, diagram), "the diagram in the text did not load"
    expect(article.get_by_role("link", name=TAG)).to_be_visible()
    look(page)

    # The photo as served has lost its GPS position.
    photo = Image.open(io.BytesIO(page.request.get(base + post.cover.get_absolute_url()).body()))
    assert not photo.getexif().get_ifd(0x8825), "the served photo still says where it was taken"

    feed = page.request.get(base + "/blog/feed.atom")
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(feed.body())
    entries = [entry for entry in parsed.entries if entry.title == TITLE]
    assert len(entries) == 1, [entry.title for entry in parsed.entries]
    assert entries[0].link.endswith(f"/blog/{post.slug}/"), entries[0].link
    page.context.close()


def visitor_cannot_preview_a_draft(browser, width, base, writer):
    draft = PostFactory(authors=[writer], title="Notes I am not ready to share")
    page = new_page(browser, width)
    response = page.goto(base + f"/blog/preview/{draft.uuid}/")
    assert response.status == 404
    expect(page.get_by_text("Notes I am not ready to share")).to_have_count(0)
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_post_from_first_draft_to_the_host_page_and_the_feed(
    live_server, browser, assert_accessible, width, tmp_path
):
    writer = the_cast()
    base = live_server.url
    page = new_page(browser, width)

    def looked(p):
        look(p, assert_accessible)

    post = writer_writes_and_submits(page, base, looked, tmp_path)
    manager_asks_for_changes(page, base, looked, post)
    writer_changes_and_resubmits(page, base, looked, post)
    manager_shows_it_to_the_host(page, base, looked, post)
    host_member_comments(page, base, looked, post)
    publish_at = manager_schedules(page, base, looked, post)
    page.context.close()

    # Not yet: the beat publishes nothing before the time.
    assert publish_due_posts() == 0
    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED

    # Eleven minutes on (the live server's thread reads the same clock); the beat's minute comes round.
    with time_machine.travel(publish_at + timedelta(minutes=1), tick=True):
        assert publish_due_posts() == 1
        post.refresh_from_db()
        assert post.status == PostStatus.PUBLISHED and post.slug
        for author in (WRITER, COAUTHOR):
            assert emails("published", author).count() == 1, author
        visitor_reads_it(browser, width, base, looked, post)
        visitor_cannot_preview_a_draft(browser, width, base, writer)
