"""What erasing a talent (portal/erasure.py) does to the blog."""

from django.db import transaction
from django.db.models import Count, Q

from blog import my_posts_page
from blog.models import AuthorPage, Authorship, Post, PostComment
from blog.services.writing import delete_image_files


def erase_author(profile):
    """The talent leaves the blog: their author page and photo go, their private drafts of which they are the
    only author go, every other post stays without their name (the authorship keeps its place, naming
    nobody).

    No activity entry: a step of the erasure, which records itself.
    """
    page = AuthorPage.objects.filter(talent=profile).first()
    if page is not None:
        if page.photo.name:
            storage, name = page.photo.storage, page.photo.name
            transaction.on_commit(lambda: storage.delete(name), robust=True)
        page.delete()
    # Counted over all the post's authorships: filtered by written_by() in the same query, the count would
    # see only the join to this talent's own authorship, always 1, and take co-authored drafts too.
    drafts = (
        Post.objects.filter(pk__in=Post.objects.written_by(profile).values("pk"))
        .private_drafts()  # nobody else has seen them; posts the team has stay, attributed to "a former talent"
        .annotate(author_count=Count("authorships"))
        .filter(author_count=1)
    )
    for post in drafts:
        delete_image_files(list(post.images.all()))
        post.delete()
    Authorship.objects.filter(talent=profile).update(talent=None)
    my_posts_page.forget_person(profile.user_id)  # after the writes above, which start a new generation
    # Their comments: portal/erasure.py calls forget_commenter for every erased account, talents included.


def forget_commenter(user, *, replacement):
    """Anyone's comments on posts in review (a talent's, a host member's, a manager's) keep their words but not
    their writer's name (`replacement`). No activity entry: a step of the erasure."""
    PostComment.objects.filter(Q(author=user)).update(author=None, author_name=replacement)
