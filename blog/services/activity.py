"""The activity entry of a post's step, which names nothing of a private draft."""

from blog.models import Post
from eyeforai.activity.services import record

# The log's name for a draft never sent for review, in place of its title: the team reads the log and such a
# draft is its authors' alone. Fixed text, as portal.erasure's "[erased]": an entry is stored once and read by
# managers in either language.
PRIVATE_DRAFT = "[private draft]"


def record_step(post, action, *, by, from_state="", to_state="", note=""):
    """record() a step on `post`. On a private draft (Post.is_private_draft) the entry still says who did what,
    when, and to which post (its id), but neither the title nor the note (an image's alt text)."""
    if post.is_private_draft:
        # record() names its object by str(); an unsaved stand-in with the post's id is named by the placeholder.
        post, note = Post(pk=post.pk, title=PRIVATE_DRAFT), ""
    return record(post, action, by=by, from_state=from_state, to_state=to_state, note=note)
