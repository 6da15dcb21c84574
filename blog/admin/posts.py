from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from blog.admin.review import PostReviewMixin
from blog.models import Authorship, Post


@admin.register(Post)
class PostAdmin(PostReviewMixin, admin.ModelAdmin):
    """The review queue and each post's review page. Authors write the posts and the team changes them only
    through the review page's steps (blog/services/review.py), so every field here is read-only."""

    list_display = ["title", "status", "author_names", "language", "submitted_at", "publish_at", "published_at"]
    list_filter = ["status", "language", "tags", "hosts"]
    search_fields = ["title"]
    ordering = ["-submitted_at", "-pk"]
    date_hierarchy = "submitted_at"
    list_per_page = 50
    # The text, images and thread are shown above (templates/admin/blog/post/change_form.html).
    fields = [
        "title",
        "summary",
        "status",
        "language",
        "slug",
        "created_at",
        "submitted_at",
        "shared_with_hosts_at",
        "publish_at",
        "published_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # A draft never sent for review is its authors' alone (blog.access.can_read_unpublished).
            .seen_by_team()
            .prefetch_related(Prefetch("authorships", queryset=Authorship.objects.select_related("talent__user")))
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Nothing to save: the review steps have their own URLs and permission.
        return False

    def get_urls(self):
        return [*self.review_urls(), *super().get_urls()]

    @admin.display(description=_("authors"))
    def author_names(self, post):
        # The team may see who wrote it whatever the author page shows the public.
        names = [a.talent.name if a.talent_id else str(a) for a in post.authorships.all()]
        return ", ".join(names) or "—"
