"""What visitors read: the published posts, per tag, host and author, the Atom feed, and previews.

Anonymous visitors get these pages from the public page cache (portal/urls.py wraps them); each list
issues a fixed number of queries whatever its length (blog.public.with_listing_relations).
"""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from blog.access import get_post_for_reader
from blog.feeds import LatestPostsFeed
from blog.markdown import render_post_body
from blog.models import AuthorPage, Post, Tag
from blog.public import latest_cohort, with_bylines, with_listing_relations
from hosts.landing import get_organization_for_visitor
from hosts.models import HostOrganization

PER_PAGE = 12


def _page_of(request, posts):
    """One page (?page=N) of published posts with what a card shows: a count, the posts, their authors
    and tags (four queries; one when there are none). A page that is not there is a 404."""
    paginator = Paginator(with_listing_relations(posts), PER_PAGE, allow_empty_first_page=True)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404 from None


@require_GET
def index(request):
    """The newest published posts, twelve a page (four queries)."""
    return render(request, "blog/public/index.html", {"page": _page_of(request, Post.objects.published())})


@require_GET
def tag(request, slug):
    """The published posts with one tag (five queries)."""
    topic = get_object_or_404(Tag, slug=slug)
    page = _page_of(request, Post.objects.published().filter(tags=topic))
    return render(request, "blog/public/tag.html", {"tag": topic, "page": page})


@require_GET
def host(request, slug):
    """The published posts naming one active host organisation (five queries)."""
    organization = get_organization_for_visitor(slug)
    page = _page_of(request, Post.objects.published().filter(hosts=organization))
    return render(request, "blog/public/host.html", {"organization": organization, "page": page})


@require_GET
def author(request, uuid):
    """An author page: only what the talent chose to show, and their published posts (five queries, six
    with the cohort)."""
    author_page = get_object_or_404(AuthorPage.objects.select_related("talent__user"), uuid=uuid)
    talent = author_page.talent
    cohort = latest_cohort(talent) if author_page.show_cohort else None
    page = _page_of(request, Post.objects.published().written_by(talent))
    context = {"author_page": author_page, "talent": talent, "cohort": cohort, "page": page}
    return render(request, "blog/public/author.html", context)


def _with_reading_relations(posts):
    """A post with what its page shows: cover, authors, tags, the active hosts it names, its images."""
    return posts.select_related("cover").prefetch_related(
        with_bylines(),
        "tags",
        Prefetch("hosts", queryset=HostOrganization.objects.active().order_by("name")),
        "images",
    )


def _post_context(post):
    return {
        "post": post,
        "body": render_post_body(post, images=post.images.all()),
        "hosts": post.hosts.all(),
    }


@require_GET
def post(request, slug):
    """A published post (five queries: the post with its cover, authors, tags, hosts, images)."""
    found = get_object_or_404(_with_reading_relations(Post.objects.published()), slug=slug)
    context = _post_context(found)
    context["absolute_url"] = settings.SITE_URL + found.get_absolute_url()
    context["cover_url"] = settings.SITE_URL + found.cover.get_absolute_url() if found.cover else ""
    context["published_iso"] = timezone.localtime(found.published_at).isoformat()  # machine-read (OpenGraph)
    return render(request, "blog/public/post.html", context)


@never_cache
@require_GET
def preview(request, uuid):
    """A post before publication, for those who may read it (its authors, the team, the hosts it was
    shown to); anyone else gets a 404. Once published, the preview link leads to the post."""
    found = get_post_for_reader(request, uuid)
    if found.is_published:
        return redirect(found)
    found = _with_reading_relations(Post.objects.all()).get(pk=found.pk)
    return render(request, "blog/public/post.html", {**_post_context(found), "preview": True})


feed = require_GET(LatestPostsFeed())
