"""sitemap.xml: every public page a search engine should find (django.contrib.sitemaps).

Every address is on SITE_URL: the sitemap view would otherwise take the host and scheme from the request
(django.contrib.sites is not installed), and a visitor's Host header must not end up in a copy the public
page cache then serves to everyone.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import sitemaps
from django.urls import reverse

from blog.choices import PostStatus
from blog.models import AuthorPage, Post, Tag
from hosts.models import HostOrganization, Project


class Sitemap(sitemaps.Sitemap):
    """A sitemap whose addresses name SITE_URL's scheme and host, whatever the request said."""

    def get_urls(self, page=1, site=None, protocol=None):
        site_url = urlsplit(settings.SITE_URL)
        return super().get_urls(page=page, site=SimpleNamespace(domain=site_url.netloc), protocol=site_url.scheme)


class PageSitemap(Sitemap):
    """The public pages with no object of their own."""

    def items(self):
        return ["portal:home", "portal:host_list", "blog:index", "courses:course", "portal:privacy"]

    def location(self, item):
        return reverse(item)


class HostSitemap(Sitemap):
    def items(self):
        return HostOrganization.objects.active().order_by("slug")

    def location(self, organization):
        return reverse("portal:host_page", kwargs={"slug": organization.slug})


class ProjectSitemap(Sitemap):
    def items(self):
        return Project.objects.public().select_related("organization").order_by("pk")

    def location(self, project):
        return reverse("portal:project_page", kwargs={"slug": project.organization.slug, "uuid": project.uuid})


class PostSitemap(Sitemap):
    def items(self):
        return Post.objects.published()

    def lastmod(self, post):
        return post.updated_at


class TagSitemap(Sitemap):
    def items(self):
        return Tag.objects.filter(posts__status=PostStatus.PUBLISHED).distinct().order_by("slug")


class HostBlogSitemap(Sitemap):
    """The blog's page of each active host organisation with a published post naming it. A host without one
    has a page (blog:host answers every active host) but an empty one, left out as the tags without posts are."""

    def items(self):
        named = Post.objects.filter(status=PostStatus.PUBLISHED).values("hosts")
        return HostOrganization.objects.active().filter(pk__in=named).only("slug").order_by("slug")

    def location(self, organization):
        return reverse("blog:host", kwargs={"slug": organization.slug})


class AuthorSitemap(Sitemap):
    """Author pages of talents who show their name and have a published post."""

    def items(self):
        return (
            AuthorPage.objects.filter(show_name=True, talent__blog_authorships__post__status=PostStatus.PUBLISHED)
            .distinct()
            .order_by("pk")
        )


SITEMAPS = {
    "pages": PageSitemap,
    "hosts": HostSitemap,
    "projects": ProjectSitemap,
    "posts": PostSitemap,
    "tags": TagSitemap,
    "blog-hosts": HostBlogSitemap,
    "authors": AuthorSitemap,
}
