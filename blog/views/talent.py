"""/talent/blog/…: a talent's own posts, the page to write one (text, images, the review thread) and their
author page. Each step is a service of blog/services; a refusal becomes an error next to its field."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from blog.access import get_post_for_author, writer_of, writer_required
from blog.choices import CommentKind
from blog.forms import AuthorPageForm, CommentForm, ImageForm, PostForm
from blog.markdown import render_post_body
from blog.models import AuthorPage, Post
from blog.my_posts_page import kept_list
from blog.public import latest_cohort, public_author_name
from blog.services import writing
from blog.services.author_pages import update_author_page
from blog.services.review import comment_on_post, submit_post
from talents.access import talent_required


def add_errors(form, error):
    """A service's refusal onto the form: on the field it names if the form has it, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _refuse(request, error):
    for message in error.messages:
        messages.error(request, message)


# --- The list --------------------------------------------------------------------------------------


@talent_required
@require_GET
def my_posts(request):
    # The list is kept per person and language until something it shows changes (blog/my_posts_page.py).
    return render(request, "blog/talent/posts.html", {"body": kept_list(request.user)})


# --- Writing a post --------------------------------------------------------------------------------


def _preview_html(form, images):
    """The text as it would read, from what is in the form now; nothing is saved.

    Only a text the form accepts is drawn (at most MAX_BODY_CHARACTERS, no control characters): anything
    else gets its error next to the field and no preview, as drawing megabytes of Markdown takes seconds.
    """
    if "body" in form.errors:
        return None
    return render_post_body(Post(body=form.cleaned_data["body"]), images=images)


@writer_required
@require_http_methods(["GET", "POST"])
def new_post(request):
    talent = writer_of(request.user)
    form = PostForm(request.POST or None, writer=talent)
    preview_html = None
    if request.method == "POST" and "preview" in request.POST:
        preview_html = _preview_html(form, [])
    elif request.method == "POST" and form.is_valid():
        try:
            post = writing.start_post(talent, data=form.post_data(), by=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your draft is saved. Only you and your co-authors can see it."))
            return redirect("blog_talent:edit", uuid=post.uuid)
    return render(request, "blog/talent/new.html", {"form": form, "preview_html": preview_html})


def _edit_page(request, post, *, form=None, image_form=None, comment_form=None, preview_html=None):
    talent = writer_of(request.user)
    images = list(post.images.all())
    if post.can_edit and form is None:
        form = PostForm(writer=talent, post=post)
    context = {
        "post": post,
        "form": form if post.can_edit else None,
        "images": images,
        "image_form": image_form or ImageForm(),
        "comments": post.comments.select_related("organization"),
        "comment_kinds": CommentKind,
        "comment_form": (comment_form or CommentForm()) if post.accepts_comments else None,
        "preview_html": preview_html,
        "can_delete": post.is_private_draft,
        "coauthors": [a.talent for a in post.authorships.select_related("talent__user") if a.talent != talent],
    }
    return render(request, "blog/talent/edit.html", context)


@writer_required
@require_http_methods(["GET", "POST"])
def edit_post(request, uuid):
    post = get_post_for_author(request.user, uuid)
    if request.method == "GET":
        return _edit_page(request, post)
    talent = writer_of(request.user)
    form = PostForm(request.POST, writer=talent, post=post)
    if "preview" in request.POST:
        images = list(post.images.all())
        return _edit_page(request, post, form=form, preview_html=_preview_html(form, images))
    refusal = None
    if form.is_valid():
        try:
            writing.update_post(post, talent=talent, data=form.post_data(), by=request.user)
        except ValidationError as error:
            refusal = error
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("blog_talent:edit", uuid=post.uuid)
    if not post.can_edit:
        # Sent from an old tab (or by hand): the service says why the post cannot change now.
        if refusal is not None:
            _refuse(request, refusal)
        else:
            messages.error(request, _("This post can no longer be changed."))
        return redirect("blog_talent:edit", uuid=post.uuid)
    if refusal is not None:
        add_errors(form, refusal)
    return _edit_page(request, post, form=form)


@writer_required
@require_POST
def add_image(request, uuid):
    post = get_post_for_author(request.user, uuid)
    image_form = ImageForm(request.POST, request.FILES)
    if image_form.is_valid():
        try:
            image = writing.add_image(
                post, upload=image_form.cleaned_data["image"], alt=image_form.cleaned_data["alt"], by=request.user
            )
        except ValidationError as error:
            add_errors(image_form, error)
        else:
            messages.success(
                request,
                _("The image “%(alt)s” is added. Paste its snippet into the text to show it.") % {"alt": image.alt},
            )
            return redirect("blog_talent:edit", uuid=post.uuid)
    return _edit_page(request, post, image_form=image_form)


@writer_required
@require_POST
def remove_image(request, uuid, image_uuid):
    post = get_post_for_author(request.user, uuid)
    image = get_object_or_404(post.images.all(), uuid=image_uuid)
    try:
        writing.remove_image(image, by=request.user)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(
            request, _("The image “%(alt)s” is removed; take its snippet out of the text too.") % {"alt": image.alt}
        )
    return redirect("blog_talent:edit", uuid=post.uuid)


@writer_required
@require_POST
def submit(request, uuid):
    post = get_post_for_author(request.user, uuid)
    try:
        submit_post(post, by=request.user)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("Your post is sent to the programme team. They will read it and write to you."))
    return redirect("blog_talent:edit", uuid=post.uuid)


@writer_required
@require_POST
def comment(request, uuid):
    post = get_post_for_author(request.user, uuid)
    comment_form = CommentForm(request.POST)
    if comment_form.is_valid():
        try:
            comment_on_post(post, body=comment_form.cleaned_data["body"], by=request.user, kind=CommentKind.AUTHOR)
        except ValidationError as error:
            add_errors(comment_form, error)
        else:
            messages.success(request, _("Your reply is sent to the programme team."))
            return redirect("blog_talent:edit", uuid=post.uuid)
    return _edit_page(request, post, comment_form=comment_form)


@writer_required
@require_http_methods(["GET", "POST"])
def delete(request, uuid):
    post = get_post_for_author(request.user, uuid)
    if request.method == "GET":
        return render(request, "blog/talent/delete.html", {"post": post})
    try:
        writing.delete_draft(post, by=request.user)
    except ValidationError as error:
        _refuse(request, error)
        return redirect("blog_talent:edit", uuid=post.uuid)
    messages.success(request, _("The draft “%(title)s” is deleted.") % {"title": post.title})
    return redirect("blog_talent:posts")


# --- The author page -------------------------------------------------------------------------------


@writer_required
@require_http_methods(["GET", "POST"])
def author_page(request):
    talent = writer_of(request.user)
    # Read, never created, here: the page is made when the talent first saves it (update_author_page).
    page = AuthorPage.objects.filter(talent=talent).first() or AuthorPage(talent=talent)
    initial = {"show_name": page.show_name, "show_cohort": page.show_cohort, "bio": page.bio}
    form = AuthorPageForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_author_page(
                talent, data=data, photo=data["photo"], remove_photo=data["remove_photo"], by=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your author page is saved."))
            return redirect("blog_talent:author_page")
    talent.author_page = page  # what the byline reads (as saved)
    context = {
        "form": form,
        "author_page": page,
        "byline": public_author_name(talent),
        "cohort": latest_cohort(talent) if page.show_cohort else None,
    }
    return render(request, "blog/talent/author_page.html", context)
