"""The blog's part of a talent's data export: the posts they wrote or co-wrote, the comments they wrote on posts
in review, and their author page (with its photo, added to the archive by portal/personal_data.py).

Nothing of anyone else: no co-author's name, no other person's comment. A fixed number of queries, whatever
the number of posts.
"""

from blog.models import AuthorPage, Post, PostComment
from eyeforai.personal_data import as_row

POST_FIELDS = (
    "uuid",
    "title",
    "summary",
    "body",
    "language",
    "status",
    "created_at",
    "updated_at",
    "submitted_at",
    "shared_with_hosts_at",
    "publish_at",
    "published_at",
)


def _post_row(post):
    row = {field: getattr(post, field) for field in POST_FIELDS}
    row["address"] = post.get_absolute_url() if post.is_published else None
    row["tags"] = [tag.name for tag in post.tags.all()]
    row["host_organizations"] = [host.name for host in post.hosts.all()]
    row["images"] = [
        {"uuid": image.uuid, "alt": image.alt, "uploaded_at": image.uploaded_at} for image in post.images.all()
    ]
    return row


def blog_data(profile):
    posts = Post.objects.written_by(profile).prefetch_related("tags", "hosts", "images").order_by("created_at", "pk")
    comments = PostComment.objects.filter(author=profile.user).select_related("post").order_by("created_at", "pk")
    page = AuthorPage.objects.filter(talent=profile).first()
    return {
        "blog": {
            "author_page": as_row(page, exclude={"talent"}) if page else None,
            "posts": [_post_row(post) for post in posts],
            "comments": [
                {
                    "post": comment.post.title,
                    "kind": comment.kind,
                    "body": comment.body,
                    "asks_for_changes": comment.asks_for_changes,
                    "created_at": comment.created_at,
                }
                for comment in comments
            ],
        }
    }


def author_photo_file(profile):
    """[(name in the export, FieldFile)]: the photo on the talent's author page, if any."""
    page = AuthorPage.objects.filter(talent=profile).exclude(photo="").first()
    if page is None:
        return []
    extension = page.photo.name.rsplit(".", 1)[-1]
    return [(f"blog/author-photo.{extension}", page.photo)]
