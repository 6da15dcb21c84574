"""Who may write, review and read a post before it is public; someone else's post is a 404.

Writers are talents of any cohort who were accepted (current talents and alumni). Before publication a
post is open to its authors, to the programme team (a session that passed the second factor) and, once the
team shares it, to the members of the host organisations it names. Everyone else gets a 404, exactly as
for a post that does not exist.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from blog.choices import PostStatus
from blog.models import Post, PostImage
from eyeforai.accounts.access import role_required
from eyeforai.accounts.roles import acts_as_programme_manager
from hosts.access import membership_for
from talents.access import is_talent
from talents.models import Application

REVIEW_PERMISSION = "blog.review_post"


def writer_of(user):
    """The user's TalentProfile if they may write for the blog (accepted in some cohort), else None.
    Cached on the user object: the navigation, the decorator and the view all ask."""
    if not is_talent(user):
        return None
    if not hasattr(user, "_blog_writer"):
        accepted = Application.objects.accepted().filter(talent=user.talent_profile).exists()
        user._blog_writer = user.talent_profile if accepted else None
    return user._blog_writer


def is_writer(user):
    return writer_of(user) is not None


writer_required = role_required(is_writer)


def reviews_posts(request):
    """The programme team's power over posts, outside the admin too: second factor and the permission."""
    return acts_as_programme_manager(request) and request.user.has_perm(REVIEW_PERMISSION)


def get_post_for_author(user, uuid):
    talent = writer_of(user)
    if talent is None:
        raise Http404
    return get_object_or_404(Post.objects.written_by(talent).select_related("cover"), uuid=uuid)


def get_post_for_member(user, uuid):
    """A post the team shared with the member's organisation and not yet published, else 404."""
    membership = membership_for(user)
    if membership is None:
        raise Http404
    return get_object_or_404(Post.objects.shared_with(membership.organization).distinct(), uuid=uuid)


def can_read_unpublished(request, post):
    user = request.user
    if not user.is_authenticated:
        return False
    if reviews_posts(request) and not post.is_private_draft:
        return True  # a draft never sent for review is its authors' alone
    talent = writer_of(user)
    if talent is not None and post.authorships.filter(talent=talent).exists():
        return True
    membership = membership_for(user)
    return membership is not None and Post.objects.shared_with(membership.organization).filter(pk=post.pk).exists()


def get_post_for_reader(request, uuid):
    """Any post this person may read before publication (its authors, the team, a shared host), else 404."""
    post = get_object_or_404(Post.objects.select_related("cover"), uuid=uuid)
    if not can_read_unpublished(request, post):
        raise Http404
    return post


def get_image_for_reader(request, uuid):
    """A post's image: anyone's once the post is published, else only for those who may read the post."""
    image = get_object_or_404(PostImage.objects.select_related("post"), uuid=uuid)
    if image.post.status != PostStatus.PUBLISHED and not can_read_unpublished(request, image.post):
        raise Http404
    return image
