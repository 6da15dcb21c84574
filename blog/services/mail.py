"""Who hears about a post's steps, and the one way a blog email is queued."""

from django.conf import settings
from django.urls import reverse

from eyeforai.accounts.choices import Role
from eyeforai.mail.services import queue_email
from hosts.models import HostMembership


def author_addresses(post):
    return [a.talent.user.email for a in post.authorships.select_related("talent__user") if a.talent_id]


def member_addresses(post):
    # As hosts.access.membership_for: a membership left on an account holding another role opens nothing.
    members = HostMembership.objects.filter(
        organization__in=post.hosts.all(), user__is_active=True, user__role=Role.HOST_MEMBER
    ).select_related("user")
    return sorted({m.user.email for m in members})


def tell(addresses, post, *, key, template, **context):
    """Queue 'blog/<template>' about `post` to each address, once per `key` and address."""
    for address in addresses:
        queue_email(
            key=f"{key}:{address.lower()}",
            to=address,
            template=f"blog/{template}",
            context={
                "post_title": post.title,
                # The authors' and the hosts' pages of the post (each email links the one its reader may open).
                "edit_path": reverse("blog_talent:edit", kwargs={"uuid": post.uuid}),
                "member_path": reverse("blog_host:post", kwargs={"uuid": post.uuid}),
                **context,
            },
        )


def tell_authors(post, *, key, template, **context):
    tell(author_addresses(post), post, key=key, template=template, **context)


def tell_team(post, *, key, template, **context):
    """Queue 'blog/<template>' to the programme team, with `admin_path`: the post's review page in the admin."""
    admin_path = reverse("admin:blog_post_change", args=[post.pk])
    tell([settings.PROGRAMME_TEAM_EMAIL], post, key=key, template=template, admin_path=admin_path, **context)
