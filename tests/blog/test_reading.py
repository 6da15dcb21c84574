"""What visitors read: published posts, lists, the feed, images, previews, and the latest posts on the front
and host pages (blog/views/public.py, blog/views/images.py, blog/feeds.py)."""

import datetime as dt
import re

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from blog.choices import PostStatus
from blog.models import AuthorPage
from blog.services.author_pages import update_author_page
from blog.services.writing import add_image
from hosts.choices import OrganizationStatus
from tests.blog.fixtures import PostFactory, TagFactory, make_writer, png_upload
from tests.factories import CohortFactory, HostOrganizationFactory, UserFactory

SITE = "https://eyeforai.example.se"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def publish(post, *, days_ago=1):
    """`post` as the team's publish_post leaves it (without the review steps the tests here do not read)."""
    post.status = PostStatus.PUBLISHED
    post.slug = post.slug or f"post-{post.pk}"
    post.published_at = timezone.now() - dt.timedelta(days=days_ago)
    post.save()
    return post


def in_review(post, *, shown_to_hosts=False):
    """`post` as submit_post (and share_with_hosts) leave it."""
    post.status = PostStatus.SUBMITTED
    post.submitted_at = timezone.now()
    post.shared_with_hosts_at = timezone.now() if shown_to_hosts else None
    post.save()
    return post


def show_name(talent, **choices):
    return AuthorPage.objects.update_or_create(talent=talent, defaults={"show_name": True, **choices})[0]


@pytest.fixture
def tag():
    return TagFactory(name="Federated learning", slug="federated-learning")


@pytest.fixture
def published(writer, tag, host_organization):
    show_name(writer)
    post = PostFactory(
        authors=[writer],
        title="Six months of federated learning",
        summary="What the hospital taught me about privacy.",
        body="## Why federated\n\nThe images never leave the hospital. " + "word " * 500,
    )
    post.tags.add(tag)
    post.hosts.add(host_organization)
    return publish(post)


@pytest.fixture
def draft(writer, host_organization):
    post = PostFactory(authors=[writer], title="Notes not yet ready")
    post.hosts.add(host_organization)
    return post


def page(client, name, *args, query=""):
    response = client.get(reverse(name, args=args) + query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- A published post ------------------------------------------------------------------------------


def test_a_published_post_shows_its_text_byline_tags_hosts_and_reading_time(client, published, host_organization):
    text = page(client, "blog:post", published.slug)

    assert "<h2>Why federated</h2>" in text and "never leave the hospital" in text
    author_page = published.authorships.get().talent.author_page
    assert "Amara Okafor" in text and reverse("blog:author", args=[author_page.uuid]) in text
    assert "2 min read" in text
    assert reverse("blog:tag", args=["federated-learning"]) in text and "Federated learning" in text
    assert reverse("blog:host", args=[host_organization.slug]) in text
    assert reverse("portal:host_page", args=[host_organization.slug]) in text
    assert f'<article class="post" lang="{published.language}">' in text
    assert '<html lang="en">' in text


def test_a_published_post_has_open_graph_and_a_canonical_address_on_the_site(client, published, writer, talent):
    draft = PostFactory(authors=[writer])
    cover = add_image(draft, upload=png_upload(), alt="The ward's imaging room", by=talent)
    published.cover = cover
    published.save()

    text = page(client, "blog:post", published.slug)

    url = f"{SITE}/blog/{published.slug}/"
    assert f'<link rel="canonical" href="{url}">' in text
    assert f'<meta property="og:url" content="{url}">' in text
    assert '<meta property="og:type" content="article">' in text
    assert '<meta property="og:title" content="Six months of federated learning">' in text
    assert '<meta property="og:description" content="What the hospital taught me about privacy.">' in text
    assert f'<meta property="og:image" content="{SITE}/blog/images/{cover.uuid}/">' in text
    published_time = timezone.localtime(published.published_at).isoformat()
    assert f'<meta property="article:published_time" content="{published_time}">' in text
    assert f'width="{cover.width}" height="{cover.height}"' in text and 'alt="The ward&#x27;s imaging room"' in text


def test_a_byline_without_a_chosen_name_reads_an_eye_for_ai_talent(client, published, writer):
    AuthorPage.objects.filter(talent=writer).update(show_name=False)
    text = page(client, "blog:post", published.slug)
    assert "Amara Okafor" not in text and "an Eye for AI talent" in text


@pytest.mark.parametrize("role", ["anonymous", "other_talent", "other_host_member"])
def test_an_unpublished_post_is_a_404_to_anyone_but_its_readers(client_for, request, role, writer, talent, draft):
    make_writer(request.getfixturevalue("other_talent")) if role == "other_talent" else None
    removed = publish(PostFactory(authors=[writer], title="Taken down"))
    removed.status = PostStatus.REMOVED
    removed.save()
    in_review(draft)

    client = client_for(role)
    assert client.get(reverse("blog:post", args=[removed.slug])).status_code == 404
    for post in (draft, removed):
        assert client.get(reverse("blog:preview", args=[post.uuid])).status_code == 404


@pytest.mark.parametrize("role", ["talent", "manager", "host_member"])
def test_a_preview_opens_for_its_authors_the_team_and_a_host_it_was_shown_to(
    client_for, role, talent, manager, draft, host_member
):
    in_review(draft, shown_to_hosts=True)

    response = client_for(role).get(reverse("blog:preview", args=[draft.uuid]))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Notes not yet ready" in text and "Not published" in text
    assert '<meta name="robots" content="noindex">' in text and "canonical" not in text
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_preview_is_a_404_to_a_named_host_it_was_not_shown_to(client_for, talent, draft, host_member):
    in_review(draft)
    assert client_for("host_member").get(reverse("blog:preview", args=[draft.uuid])).status_code == 404


def test_the_preview_of_a_published_post_leads_to_the_post(client_for, published):
    response = client_for("talent").get(reverse("blog:preview", args=[published.uuid]))
    assert response.status_code == 302 and response["Location"] == reverse("blog:post", args=[published.slug])


# --- Lists -------------------------------------------------------------------------------------------


def test_the_index_lists_published_posts_newest_first_with_a_feed_link(client, published, writer, draft):
    newer = publish(PostFactory(authors=[writer], title="Back from the pharma lab"), days_ago=0)

    text = page(client, "blog:index")

    assert text.index(newer.title) < text.index(published.title)
    assert draft.title not in text
    assert '<link rel="alternate" type="application/atom+xml"' in text and 'href="/blog/feed.atom"' in text
    assert "Amara Okafor" in text and "Federated learning" in text and "min read" in text


def test_the_index_has_twelve_posts_a_page_and_a_missing_page_is_a_404(client, writer):
    for number in range(13):
        publish(PostFactory(authors=[writer], title=f"Week {number:02}"), days_ago=number + 1)

    first = page(client, "blog:index")
    second = page(client, "blog:index", query="?page=2")

    assert first.count('class="card post-card"') == 12 and "Week 12" not in first and "?page=2" in first
    assert second.count('class="card post-card"') == 1 and "Week 12" in second
    for bad in ("?page=3", "?page=0", "?page=abc"):
        assert client.get(reverse("blog:index") + bad).status_code == 404


def test_tag_and_host_pages_list_their_published_posts_only(client, published, writer, tag, host_organization):
    other = publish(PostFactory(authors=[writer], title="Nothing to do with either"))

    by_tag = page(client, "blog:tag", tag.slug)
    by_host = page(client, "blog:host", host_organization.slug)

    assert published.title in by_tag and other.title not in by_tag
    assert published.title in by_host and other.title not in by_host
    assert reverse("portal:host_page", args=[host_organization.slug]) in by_host


def test_a_former_host_or_an_unknown_tag_has_no_blog_page(client, published, host_organization):
    host_organization.status = OrganizationStatus.FORMER
    host_organization.save()
    assert client.get(reverse("blog:host", args=[host_organization.slug])).status_code == 404
    assert client.get(reverse("blog:tag", args=["no-such-tag"])).status_code == 404


def test_an_author_page_shows_only_what_the_talent_chose(client, published, writer, django_capture_on_commit_callbacks):
    cohort = writer.applications.get().cohort
    author_page = AuthorPage.objects.get(talent=writer)
    author_page.show_name = False
    author_page.bio = "Radiologist turned ML engineer."
    author_page.save()

    text = page(client, "blog:author", author_page.uuid)
    assert "An Eye for AI talent" in text and "Amara Okafor" not in text and cohort.name not in text
    assert "Radiologist turned ML engineer." in text and published.title in text
    assert reverse("blog:author_photo", args=[author_page.uuid]) not in text

    with django_capture_on_commit_callbacks(execute=True):  # a new generation of the cached pages
        update_author_page(
            writer, data={"show_name": True, "show_cohort": True, "bio": "Hi."}, photo=png_upload(), by=writer.user
        )
    text = page(client, "blog:author", author_page.uuid)
    assert "Amara Okafor" in text and cohort.name in text
    assert reverse("blog:author_photo", args=[author_page.uuid]) in text


# --- The feed and the sitemap ------------------------------------------------------------------------


def test_the_atom_feed_has_the_published_posts_with_title_link_author_and_tags(client, published, draft):
    response = client.get(reverse("blog:feed"))
    feed = feedparser.parse(response.content)

    assert response["Content-Type"].startswith("application/atom+xml")
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.link == f"{SITE}/blog/"
    [entry] = feed.entries
    assert entry.title == "Six months of federated learning"
    assert entry.link == f"{SITE}/blog/{published.slug}/"
    assert entry.author == "Amara Okafor"
    assert [tag.term for tag in entry.tags] == ["Federated learning"]
    assert entry.summary == "What the hospital taught me about privacy."
    assert entry.published_parsed is not None


def test_the_sitemap_lists_posts_tags_and_host_pages_but_no_draft(client, published, draft, tag, host_organization):
    text = page(client, "sitemap")
    assert f"/blog/{published.slug}/" in text
    assert f"/blog/tags/{tag.slug}/" in text
    assert f"/hosts/{host_organization.slug}/" in text
    assert str(draft.uuid) not in text


def test_the_sitemap_lists_the_blog_page_of_each_active_host_a_published_post_names(
    client, published, draft, writer, host_organization, other_host_organization
):
    draft.hosts.add(other_host_organization)  # named by a draft only: its blog page lists nothing
    former = HostOrganizationFactory(name="Closed Clinic", status=OrganizationStatus.FORMER)
    published.hosts.add(former)  # its blog page is a 404

    locations = re.findall(r"<loc>([^<]*)</loc>", page(client, "sitemap"))

    blog_pages = [location for location in locations if "/blog/hosts/" in location]
    assert blog_pages == [f"{SITE}/blog/hosts/{host_organization.slug}/"]
    for location in blog_pages:
        assert client.get(location.removeprefix(SITE)).status_code == 200
    assert client.get(reverse("blog:host", args=[former.slug])).status_code == 404


@pytest.mark.parametrize("many", [1, 6], indirect=True)
def test_the_sitemap_issues_a_fixed_number_of_queries(client, many, other_host_organization, django_assert_num_queries):
    other_host_organization.blog_posts.add(many[1])
    # Each section's count, then its rows: hosts, projects (none here: no rows to read), posts, tags, hosts'
    # blog pages, authors.
    with django_assert_num_queries(11):
        text = page(client, "sitemap")
    assert f"/blog/hosts/{other_host_organization.slug}/" in text


def test_the_sitemap_names_site_url_whatever_host_the_request_names(
    client, published, tag, host_organization, writer, settings
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "evil.example"]
    text = client.get(reverse("sitemap"), HTTP_HOST="evil.example").content.decode()
    locations = re.findall(r"<loc>([^<]*)</loc>", text)

    assert "evil.example" not in text
    assert f"{SITE}/blog/{published.slug}/" in locations
    assert f"{SITE}/blog/tags/{tag.slug}/" in locations
    assert f"{SITE}{writer.author_page.get_absolute_url()}" in locations
    assert all(location.startswith(f"{SITE}/") for location in locations)
    # The copy the page cache now holds is the same for the next visitor.
    assert client.get(reverse("sitemap")).content.decode() == text


@pytest.mark.parametrize("field", ["title", "summary"])
def test_a_control_character_written_past_the_forms_does_not_break_the_feed(client, published, tag, writer, field):
    setattr(published, field, getattr(published, field) + "\x0b\x1b end")
    published.save()
    tag.name = "Federated\x0blearning"
    tag.save()
    talent_user = writer.user
    talent_user.first_name = "Am\x0cara"
    talent_user.save()

    response = client.get(reverse("blog:feed"))
    feed = feedparser.parse(response.content)

    assert response.status_code == 200
    assert not feed.bozo
    [entry] = feed.entries
    assert getattr(entry, field).endswith(" end") and "\x0b" not in getattr(entry, field)
    assert [category.term for category in entry.tags] == ["Federatedlearning"]
    assert entry.author == "Amara Okafor"


# --- The page cache ----------------------------------------------------------------------------------


def test_the_blog_is_served_from_the_cache_and_a_new_post_appears_at_once(
    client, published, writer, talent, manager, django_assert_num_queries, django_capture_on_commit_callbacks
):
    assert published.title in page(client, "blog:index")
    with django_assert_num_queries(0):
        assert published.title in page(client, "blog:index")

    post = in_review(PostFactory(authors=[writer], title="Midsummer at the agency"))
    with django_capture_on_commit_callbacks(execute=True):  # the team publishes it
        publish(post, days_ago=0)

    assert "Midsummer at the agency" in page(client, "blog:index")


def test_the_front_page_and_the_host_page_show_the_latest_posts(client, published, host_organization):
    for text in (page(client, "portal:home"), page(client, "portal:host_page", host_organization.slug)):
        assert "From the talent blog" in text
        assert f'href="/blog/{published.slug}/"' in text

    assert 'href="/blog/"' in page(client, "portal:home")
    assert f'href="/blog/hosts/{host_organization.slug}/"' in page(client, "portal:host_page", host_organization.slug)


def test_the_front_page_has_no_blog_section_without_posts(client, draft):
    assert "From the talent blog" not in page(client, "portal:home")


# --- Images ------------------------------------------------------------------------------------------


def test_a_published_posts_images_are_public_files_that_cannot_run(client, writer, talent, settings):
    post = PostFactory(authors=[writer])
    image = add_image(post, upload=png_upload(), alt="A chart", by=talent)
    publish(post)

    for name in ("blog:image", "blog:image_small"):
        response = client.get(reverse(name, args=[image.uuid]))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert "public" in response["Cache-Control"]
        assert f"max-age={settings.PUBLIC_PAGE_SECONDS}" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_a_drafts_images_are_a_404_to_anonymous_and_private_to_its_author(client_for, writer, talent):
    image = add_image(PostFactory(authors=[writer]), upload=png_upload(), alt="A chart", by=talent)

    assert client_for("anonymous").get(reverse("blog:image", args=[image.uuid])).status_code == 404
    response = client_for("talent").get(reverse("blog:image", args=[image.uuid]))
    assert response.status_code == 200 and "private" in response["Cache-Control"]


def test_an_author_photo_is_public_once_uploaded_and_a_404_before(client, writer):
    author_page = show_name(writer)
    assert client.get(reverse("blog:author_photo", args=[author_page.uuid])).status_code == 404

    update_author_page(writer, data={"show_name": True, "show_cohort": False, "bio": ""}, photo=png_upload(), by=None)
    response = client.get(reverse("blog:author_photo", args=[author_page.uuid]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]


# --- Query counts ------------------------------------------------------------------------------------


@pytest.fixture
def many(db, host_organization, request):
    """`size` published posts by `size` authors (each with an author page), each with `size` tags, naming
    host_organization; returns (first author's page, a post, a tag)."""
    size = request.param
    tags = [TagFactory() for _ in range(size)]
    cohort = CohortFactory()
    authors = [make_writer(UserFactory(), cohort=cohort) for _ in range(size)]
    for talent in authors:
        show_name(talent, show_cohort=True)
    posts = []
    for number in range(size):
        post = publish(PostFactory(authors=authors), days_ago=number + 1)
        post.tags.set(tags)
        post.hosts.add(host_organization)
        posts.append(post)
    return authors[0].author_page, posts[0], tags[0]


@pytest.mark.parametrize("many", [1, 6], indirect=True)
def test_the_blog_pages_issue_a_fixed_number_of_queries(client, many, host_organization, django_assert_num_queries):
    author_page, post, tag = many
    # count, posts, their authors, their tags (+ the tag, the host, the author page and its cohort)
    for queries, name, args in (
        (4, "blog:index", []),
        (5, "blog:tag", [tag.slug]),
        (5, "blog:host", [host_organization.slug]),
        (6, "blog:author", [author_page.uuid]),
        (5, "blog:post", [post.slug]),  # the post and its cover, authors, tags, hosts, images
        (3, "blog:feed", []),  # posts, authors, tags
    ):
        with django_assert_num_queries(queries):
            page(client, name, *args)


@pytest.mark.parametrize("many", [1, 6], indirect=True)
def test_the_front_and_host_pages_with_posts_issue_a_fixed_number_of_queries(
    client, many, host_organization, django_assert_num_queries
):
    with django_assert_num_queries(6):  # cohort, periods, hosts; the posts, their authors and tags
        assert "From the talent blog" in page(client, "portal:home")
    with django_assert_num_queries(6):  # organisation, cohorts, projects (none: no skills); posts, authors, tags
        assert "From the talent blog" in page(client, "portal:host_page", host_organization.slug)
