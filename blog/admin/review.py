"""A post's review page: the post as readers will see it, its authors and thread, and one form per step
its status allows (comment, ask for changes, publish now, schedule, show to its hosts, remove).

Each form posts to its own admin URL, which checks `blog.review_post`, calls the one service of
blog/services/review.py and goes back to the page; the service's refusal (a post someone published
meanwhile, say) becomes a message, so a stale or repeated post sends no second email. A form that does
not validate (a time in the past, a missing note) shows the page again with the error at its field.
PostAdmin (blog/admin/posts.py) mixes PostReviewMixin in.
"""

import copy

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from blog.access import REVIEW_PERMISSION
from blog.admin.forms import CommentForm, RemoveForm, RequestChangesForm, ScheduleForm
from blog.choices import CommentKind
from blog.markdown import render_post_body
from blog.services import review
from blog.services.mail import member_addresses
from eyeforai.admintools.permissions import has_permission, require_permission


def _comment(post, form, by):
    return review.comment_on_post(post, body=form.cleaned_data["body"], by=by, kind=CommentKind.TEAM)


def _request_changes(post, form, by):
    return review.request_changes(post, note=form.cleaned_data["note"], by=by)


def _publish(post, form, by):
    return review.publish_post(post, by=by)


def _schedule(post, form, by):
    return review.publish_post(post, by=by, at=form.cleaned_data["publish_at"])


def _share(post, form, by):
    return review.share_with_hosts(post, by=by)


def _remove(post, form, by):
    return review.remove_post(post, reason=form.cleaned_data["reason"], by=by)


# action -> (its form or None, when the page offers it (the Post property its service asks too),
#            the service call, the message once done). Named "admin:blog_post_<action>".
ACTIONS = {
    "comment": (
        CommentForm,
        lambda post: post.accepts_comments,
        _comment,
        gettext_lazy("Your comment is added; the authors are emailed."),
    ),
    "request_changes": (
        RequestChangesForm,
        lambda post: post.can_publish,
        _request_changes,
        gettext_lazy("The post is sent back to its authors with your note; they are emailed."),
    ),
    "publish": (
        None,
        lambda post: post.can_publish,
        _publish,
        gettext_lazy("The post is published; its authors are emailed."),
    ),
    "schedule": (
        ScheduleForm,
        lambda post: post.can_publish,
        _schedule,
        gettext_lazy("The post is scheduled; its authors are emailed."),
    ),
    "share": (
        None,
        lambda post: post.can_share and bool(post.listed_hosts),
        _share,
        gettext_lazy("The post is shown to the members of its host organisations; they are emailed."),
    ),
    "remove": (
        RemoveForm,
        lambda post: post.can_remove,
        _remove,
        gettext_lazy("The post is removed; its authors are emailed why."),
    ),
}


def _change_url(post):
    return reverse("admin:blog_post_change", args=[post.pk])


class PostReviewMixin:
    """The review page's parts of PostAdmin."""

    def review_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                f"<path:object_id>/{action.replace('_', '-')}/",
                view(self.action_view),
                {"action": action},
                name=f"blog_post_{action}",
            )
            for action in ACTIONS
        ]

    def render_change_form(self, request, context, **kwargs):
        if kwargs.get("obj") is not None:
            context.update(self.review_context(request, kwargs["obj"], context.get("review_forms") or {}))
        return super().render_change_form(request, context, **kwargs)

    def review_context(self, request, post, bound_forms):
        post.listed_hosts = list(post.hosts.all())
        images = list(post.images.all())
        can_review = has_permission(request, REVIEW_PERMISSION)
        actions = {}
        for action, (form_class, allowed, _run, _done) in ACTIONS.items():
            if can_review and allowed(post):
                form = bound_forms.get(action) or (form_class(prefix=action) if form_class else None)
                actions[action] = {"url": reverse(f"admin:blog_post_{action}", args=[post.pk]), "form": form}
        return {
            "post": post,
            "body_html": render_post_body(post, images=images),
            "images": images,
            "authorships": list(post.authorships.select_related("talent__user")),
            "post_tags": list(post.tags.all()),
            "post_hosts": post.listed_hosts,
            "comments": list(post.comments.select_related("organization")),
            "review_actions": actions,
            "can_review": can_review,
            # Who "Show to the hosts" emails: the members of each named organisation.
            "host_recipients": member_addresses(post) if "share" in actions else [],
            "reader_url": post.get_absolute_url(),
        }

    @method_decorator(require_POST)
    def action_view(self, request, object_id, action):
        """Run one review step through its service, then back to the review page."""
        require_permission(request, REVIEW_PERMISSION)
        form_class, _allowed, run, done = ACTIONS[action]
        post = self.get_object(request, unquote(object_id))
        if post is None:
            raise Http404
        form = form_class(request.POST, prefix=action) if form_class else None
        if form is not None and not form.is_valid():
            return self._page_with_errors(request, object_id, action, form)
        try:
            run(post, form, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect(_change_url(post))

    def _page_with_errors(self, request, object_id, action, form):
        """The review page again, the invalid form bound so its errors stand next to its fields."""
        page_request = copy.copy(request)
        page_request.method = "GET"
        return self.change_view(page_request, object_id, extra_context={"review_forms": {action: form}})
