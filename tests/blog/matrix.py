"""Who gets what on each blog URL (merged into tests/test_access_matrix.py), with the review's entries
(tests/blog/matrix_review.py).

The world each entry builds: `talent` and `other_talent` are both writers (accepted talents), so a 404 on
talent's post comes from the post's access helper (other_talent is not its author), not from the role
check. `talent` has a draft (with an image) and a post in review that the team showed to host_organization.
A published post by `talent`, with an image, a tag and host_organization named, and an author page with a
photo, make the public pages.

Public pages (published posts, their images, tags, hosts, authors, the feed): 200 for everyone. A preview
(a post before publication) is reached by a link: those who may not read it get the same 404 as for a post
that does not exist, anonymous visitors too (no sign-in redirect that would confirm it exists).
Talent pages: anonymous visitors sign in, people without the talent role get a 404; a POST-only action
answers GET with 405 to any writer (the method is checked before the post is fetched).
"""

import dataclasses

from django.urls import reverse

from blog.services.author_pages import update_author_page
from blog.services.review import publish_post, share_with_hosts, submit_post
from blog.services.writing import add_image, start_post
from talents.models import Application
from tests.access import LOGIN, NOT_ALLOWED, NOT_FOUND, OK, ROLES, Expect, public
from tests.blog import matrix_review
from tests.blog.fixtures import TagFactory, make_writer, png_upload

NOT_TALENTS = [
    "host_member",
    "other_host_member",
    "manager",
    "participant",
    "other_participant",
    "course_manager",
]


def _post_data(*, title, hosts=(), tags=()):
    return {
        "title": title,
        "summary": "What six months of dermatology images taught me about privacy.",
        "body": "## Why federated\n\nThe images never leave the hospital.",
        "language": "en",
        "tags": list(tags),
        "hosts": list(hosts),
        "coauthors": [],
        "cover": None,
    }


def _writer(user):
    # The hostile-input sweep builds every entry's URL in one test: accept each talent once.
    if Application.objects.accepted().filter(talent__user=user).exists():
        return user.talent_profile
    return make_writer(user)


def _writers(fixture):
    """`talent` and `other_talent` may both write; returns talent's TalentProfile."""
    _writer(fixture("other_talent"))
    return _writer(fixture("talent"))


def _draft(fixture):
    """talent's draft, with one image."""
    post = start_post(_writers(fixture), data=_post_data(title="A draft"), by=fixture("talent"))
    image = add_image(post, upload=png_upload(), alt="A chart", by=fixture("talent"))
    return post, image


def _shared(fixture):
    """talent's post in review, shown by the team to host_organization."""
    data = _post_data(title="In review", hosts=[fixture("host_organization")])
    post = start_post(_writers(fixture), data=data, by=fixture("talent"))
    submit_post(post, by=fixture("talent"))
    return share_with_hosts(post, by=fixture("talent"))


def _published(fixture):
    """talent's published post, with an image, a tag and host_organization named."""
    tag = TagFactory(name="Health", slug="health")
    data = _post_data(title="Published", hosts=[fixture("host_organization")], tags=[tag])
    post = start_post(_writers(fixture), data=data, by=fixture("talent"))
    image = add_image(post, upload=png_upload(), alt="The ward", by=fixture("talent"))
    submit_post(post, by=fixture("talent"))
    return publish_post(post, by=fixture("talent")), image, tag


def _author_page(fixture):
    writer = _writers(fixture)
    data = {"show_name": True, "show_cohort": True, "bio": "Optimisation at the hospital."}
    return update_author_page(writer, data=data, photo=png_upload(), by=fixture("talent"))


def _published_post_url(fixture):
    post, _image, _tag = _published(fixture)
    return reverse("blog:post", kwargs={"slug": post.slug})


def _published_image_url(name):
    def build(fixture):
        _post, image, _tag = _published(fixture)
        return reverse(name, kwargs={"uuid": image.uuid})

    return build


def _feed_url(fixture):
    _published(fixture)
    return reverse("blog:feed")


def _tag_url(fixture):
    _post, _image, tag = _published(fixture)
    return reverse("blog:tag", kwargs={"slug": tag.slug})


def _host_url(fixture):
    _published(fixture)
    return reverse("blog:host", kwargs={"slug": fixture("host_organization").slug})


def _author_url(name):
    def build(fixture):
        page = _author_page(fixture)
        _published(fixture)
        return reverse(name, kwargs={"uuid": page.uuid})

    return build


def _shared_url(name):
    return lambda fixture: reverse(name, kwargs={"uuid": _shared(fixture).uuid})


def _draft_url(name, *, image=False):
    def build(fixture):
        post, post_image = _draft(fixture)
        kwargs = {"uuid": post.uuid, **({"image_uuid": post_image.uuid} if image else {})}
        return reverse(name, kwargs=kwargs)

    return build


def _writers_url(name):
    def build(fixture):
        _writers(fixture)
        return reverse(name)

    return build


def writers_only(**overrides):
    """/talent/blog/…: both talents are writers; anyone else signed in gets a 404."""
    answers = dict.fromkeys(NOT_TALENTS, NOT_FOUND)
    return Expect(**{"anonymous": LOGIN, "talent": OK, "other_talent": OK, **answers, **overrides})


def talents_own_post(name, **overrides):
    """A page of talent's draft: other_talent is a writer but not its author."""
    return writers_only(other_talent=NOT_FOUND, url=_draft_url(name), **overrides)


def post_only(name, *, image=False):
    """A POST-only action on talent's draft, called with GET."""
    return writers_only(talent=NOT_ALLOWED, other_talent=NOT_ALLOWED, url=_draft_url(name, image=image))


PUBLIC = {
    "blog:index": public(url=_writers_url("blog:index")),
    "blog:feed": public(url=_feed_url),
    "blog:tag": public(url=_tag_url),
    "blog:host": public(url=_host_url),
    "blog:author": public(url=_author_url("blog:author")),
    "blog:author_photo": public(url=_author_url("blog:author_photo")),
    "blog:image": public(url=_published_image_url("blog:image")),
    "blog:image_small": public(url=_published_image_url("blog:image_small")),
    "blog:post": public(url=_published_post_url),
    # Its author, the team (with the second factor) and the host it was shown to; for anyone else it
    # does not exist.
    "blog:preview": Expect(
        **{
            **dict.fromkeys(ROLES, NOT_FOUND),
            "talent": OK,
            "host_member": OK,
            "manager": OK,
            "url": _shared_url("blog:preview"),
        }
    ),
}

TALENT = {
    # A talent not yet accepted gets the list with a word on why they cannot write yet (talent_required).
    "blog_talent:posts": writers_only(url=_writers_url("blog_talent:posts")),
    "blog_talent:new": writers_only(url=_writers_url("blog_talent:new")),
    "blog_talent:author_page": writers_only(url=_writers_url("blog_talent:author_page")),
    "blog_talent:edit": talents_own_post("blog_talent:edit"),
    "blog_talent:delete": talents_own_post("blog_talent:delete"),
    "blog_talent:add_image": post_only("blog_talent:add_image"),
    "blog_talent:remove_image": post_only("blog_talent:remove_image", image=True),
    "blog_talent:submit": post_only("blog_talent:submit"),
    "blog_talent:comment": post_only("blog_talent:comment"),
}


def _on_talents_shared_post(name, entry):
    # matrix_review builds its URLs from a `blog_post_shared_with_host` fixture that no conftest registers;
    # the same post in review, shown to host_organization, is built here (talent wrote it).
    if name.startswith("admin:blog_post_"):
        return dataclasses.replace(entry, url=lambda fixture: reverse(name, args=[_shared(fixture).pk]))
    if name == "blog_host:post":
        return dataclasses.replace(entry, url=_shared_url(name))
    return entry


REVIEW = {name: _on_talents_shared_post(name, entry) for name, entry in matrix_review.ENTRIES.items()}

ENTRIES = {**PUBLIC, **TALENT, **REVIEW}
