"""/host/blog/…: the posts the programme team shows a host organisation before publication, and their
comments. A member reads the thread of the team, the authors and their own organisation, never another
host's comments."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from blog.access import get_post_for_member
from blog.choices import CommentKind
from blog.forms import refuse_control_characters_in_text
from blog.markdown import render_post_body
from blog.models import Authorship, Post
from blog.post_rows import shared_post_rows
from blog.public import public_author_name
from blog.services.review import comment_on_post
from hosts.access import host_member_required, membership_for

# What public_author_name reads of an authorship's talent.
BYLINE_FIELDS = ["post_id", "talent__user__first_name", "talent__user__last_name", "talent__author_page__show_name"]


class HostCommentForm(forms.Form):
    # The one form of these pages; too small for a forms module of its own.
    body = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=4000,
        validators=[refuse_control_characters_in_text],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("The programme team reads it and the authors may too; other host organisations do not."),
    )


@host_member_required
@require_GET
def shared_posts(request):
    organization = membership_for(request.user).organization
    # Value rows of the shown columns and the bylines' three tables: model instances of whole posts
    # (and a prefetch) cost most of this page.
    posts = list(
        Post.objects.shared_with(organization)
        .distinct()
        .order_by("-shared_with_hosts_at", "-pk")
        .values_list("pk", "uuid", "title", "status", "shared_with_hosts_at")
    )
    authorships = []
    if posts:
        authorships = (
            Authorship.objects.filter(post__in=[post[0] for post in posts])
            .select_related("talent__user", "talent__author_page")
            .only(*BYLINE_FIELDS)
        )
    rows = shared_post_rows(posts, authorships, author_name=public_author_name)
    return render(request, "blog/host/posts.html", {"organization": organization, "rows": rows})


@host_member_required
@require_http_methods(["GET", "POST"])
def shared_post(request, uuid):
    post = get_post_for_member(request.user, uuid)
    organization = membership_for(request.user).organization
    form = HostCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comment_on_post(
                post, body=form.cleaned_data["body"], by=request.user, kind=CommentKind.HOST, organization=organization
            )
        except ValidationError as error:
            form.add_error(None, error)  # a refusal naming the comment ({"body": …}) lands on its field
        else:
            messages.success(request, _("Your comment is sent to the programme team."))
            return redirect("blog_host:post", uuid=post.uuid)
    images = list(post.images.all())
    comments = post.comments.filter(
        Q(kind__in=(CommentKind.TEAM, CommentKind.AUTHOR)) | Q(kind=CommentKind.HOST, organization=organization)
    )
    context = {
        "post": post,
        "organization": organization,
        "body_html": render_post_body(post, images=images),
        # Hosts are not the public, but the byline is the author's choice until it is published too.
        "authors": [
            public_author_name(a.talent) for a in post.authorships.select_related("talent__user", "talent__author_page")
        ],
        "comments": comments,
        "comment_kinds": CommentKind,
        "form": form,
    }
    return render(request, "blog/host/post.html", context)
