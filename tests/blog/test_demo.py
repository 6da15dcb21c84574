"""The demo blog (blog/demo.py): a dozen posts at every step of review, readable, seeded once."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from blog.choices import PostStatus
from blog.models import AuthorPage, Post, PostComment
from eyeforai.mail.models import OutboundEmail
from talents.models import TalentProfile


def seed():
    out = StringIO()
    call_command("seed_demo", "--allow-without-debug", stdout=out)
    return out.getvalue()


def printed_login(printed, role):
    [line] = [line for line in printed.splitlines() if line.strip().startswith(role)]
    return line.split()[-1]


def test_seeding_twice_keeps_a_dozen_posts_in_every_state_each_published_one_readable(db, client):
    seed()
    printed = seed()

    assert Post.objects.count() == 12
    statuses = set(Post.objects.values_list("status", flat=True))
    assert statuses == {
        PostStatus.PUBLISHED,
        PostStatus.SCHEDULED,
        PostStatus.SUBMITTED,
        PostStatus.CHANGES_REQUESTED,
        PostStatus.DRAFT,
    }
    assert Post.objects.filter(language="sv").exists()
    assert Post.objects.annotate(authors=Count("authorships")).filter(authors=2).exists()
    assert Post.objects.filter(cover__isnull=False).count() >= 2
    assert PostComment.objects.filter(asks_for_changes=True).exists()
    assert AuthorPage.objects.filter(show_name=False).exists()
    assert not OutboundEmail.objects.filter(template__startswith="blog/").exists()  # seeding emails nobody
    for post in Post.objects.published():
        response = client.get(post.get_absolute_url())
        assert response.status_code == 200, post.title
        assert post.title in response.content.decode()
    for post in Post.objects.filter(cover__isnull=False):
        assert post.cover.image.storage.exists(post.cover.image.name)

    # The printed talent login has a post of each state; the printed host member sees the shared one.
    writer = TalentProfile.objects.get(user__email=printed_login(printed, "talent (running cohort)"))
    assert set(Post.objects.written_by(writer).values_list("status", flat=True)) == statuses
    shared = Post.objects.get(shared_with_hosts_at__isnull=False)
    client.force_login(get_user_model().objects.get(email=printed_login(printed, "host member")))
    assert shared.title in client.get(reverse("blog_host:posts")).content.decode()
