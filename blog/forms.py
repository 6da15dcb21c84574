"""The forms talents write the blog with: a post, its images, a reply to the review, their author page.

No form trusts what the browser says a file is: the services check every upload by its content
(blog/images.py) and refuse it with a ValidationError naming the field, which the view puts next to it.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from blog.choices import PostLanguage
from blog.models import PostImage, Tag
from blog.models.posts import MAX_BODY_CHARACTERS
from hosts.models import HostOrganization
from talents.models import Application, TalentProfile

ACCEPTED_IMAGES = "image/png,image/jpeg,image/webp"

MARKDOWN_HELP = _(
    "Written in Markdown. Headings: start a line with “## ”. Lists: start each line with “- ” or “1. ”. "
    "Links: [the words to click](https://example.org). Bold: **words**. Images: upload them under "
    "“Images” (after you first save the draft), then copy an image's snippet and paste it on a line of "
    "its own where the image should appear."
)


# C0 control characters and DEL: invisible, and the Atom feed (XML 1.0) cannot hold most of them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# The same, less the tab and the line breaks a textarea may rightly hold.
CONTROL_CHARACTERS_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_CHARACTER_MESSAGE = _("Remove the control characters from this field.")


def refuse_control_characters(value):
    """For a one-line field (a title, an alt text)."""
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_character")


def refuse_control_characters_in_text(value):
    """For a textarea: tabs and line breaks are kept, any other control character refused."""
    if CONTROL_CHARACTERS_IN_TEXT.search(value):
        raise ValidationError(CONTROL_CHARACTER_MESSAGE, code="control_character")


class CoauthorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, talent):
        if talent.cohort_name:
            return _("%(name)s (%(cohort)s)") % {"name": talent.name, "cohort": talent.cohort_name}
        return talent.name


def coauthor_choices(writer):
    """Other accepted talents (current and alumni), each with the cohort they were last accepted to."""
    latest_cohort = (
        Application.objects.accepted()
        .filter(talent=OuterRef("pk"))
        .order_by("-cohort__starts_on")
        .values("cohort__name")
    )
    accepted = Application.objects.accepted().values("talent")
    return (
        TalentProfile.objects.filter(pk__in=accepted)
        .exclude(pk=writer.pk)
        .select_related("user")
        .annotate(cohort_name=Subquery(latest_cohort[:1]))
        .order_by("user__first_name", "user__last_name", "pk")
    )


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=140, validators=[refuse_control_characters])
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        validators=[refuse_control_characters_in_text],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences shown in lists and when the post is shared."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_BODY_CHARACTERS,
        validators=[refuse_control_characters_in_text],
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=MARKDOWN_HELP,
        strip=False,
    )
    language = forms.ChoiceField(label=_("Language"), choices=PostLanguage.choices, initial=PostLanguage.ENGLISH)
    tags = forms.ModelMultipleChoiceField(
        label=_("Tags"), queryset=Tag.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    hosts = forms.ModelMultipleChoiceField(
        label=_("Host organisations the post is about"),
        queryset=HostOrganization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They may be shown the post before it is published."),
    )
    coauthors = CoauthorChoiceField(
        label=_("Co-authors"),
        queryset=TalentProfile.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "Other talents who wrote this post with you; they can change it too. Hold Ctrl or ⌘ to choose several."
        ),
    )
    cover = forms.ModelChoiceField(
        label=_("Cover image"),
        queryset=PostImage.objects.none(),
        required=False,
        empty_label=_("No cover image"),
        help_text=_("Shown above the post and in lists. Choose one of the images uploaded below."),
    )

    def __init__(self, *args, writer, post=None, **kwargs):
        if post is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(post, writer)
        super().__init__(*args, **kwargs)
        self.fields["coauthors"].queryset = coauthor_choices(writer)
        hosts = HostOrganization.objects.active()
        if post is not None:
            # A host that has since become a former host stays on the post unless the author removes it.
            hosts = hosts | HostOrganization.objects.filter(blog_posts=post)
        self.fields["hosts"].queryset = hosts.distinct().order_by("name")
        if post is None:
            del self.fields["cover"]  # a new post has no images yet
        else:
            self.fields["cover"].queryset = post.images.all()
            self.fields["cover"].label_from_instance = lambda image: image.alt

    def post_data(self):
        """What the writing services take (blog/services/writing.py)."""
        data = dict(self.cleaned_data)
        data["coauthors"] = list(data["coauthors"])
        data["tags"] = list(data["tags"])
        data["hosts"] = list(data["hosts"])
        data.setdefault("cover", None)
        return data


def initial_for(post, writer):
    return {
        "title": post.title,
        "summary": post.summary,
        "body": post.body,
        "language": post.language,
        "tags": list(post.tags.all()),
        "hosts": list(post.hosts.all()),
        "coauthors": [
            a.talent for a in post.authorships.select_related("talent") if a.talent_id not in (None, writer.pk)
        ],
        "cover": post.cover_id,
    }


class ImageForm(forms.Form):
    image = forms.FileField(
        label=_("Image file"),
        widget=forms.FileInput(attrs={"accept": ACCEPTED_IMAGES}),
        help_text=_("PNG, JPEG or WebP, at most 8 MB. Where a photo was taken and other hidden data are removed."),
    )
    alt = forms.CharField(
        label=_("Description (alt text)"),
        max_length=200,
        validators=[refuse_control_characters],
        help_text=_("What the image shows, for readers who cannot see it."),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=4000,
        validators=[refuse_control_characters_in_text],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The programme team reads it."),
    )

    def __init__(self, *args, **kwargs):
        # Shown on the same page as the post's form, whose text is also "body": ids must differ.
        kwargs.setdefault("auto_id", "id_reply_%s")
        super().__init__(*args, **kwargs)


class AuthorPageForm(forms.Form):
    show_name = forms.BooleanField(label=_("Show my name on my posts and author page"), required=False)
    show_cohort = forms.BooleanField(label=_("Show my cohort on my author page"), required=False)
    bio = forms.CharField(
        label=_("Short bio"),
        max_length=600,
        validators=[refuse_control_characters_in_text],
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences about you, shown on your author page."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPTED_IMAGES}),
        help_text=_("PNG, JPEG or WebP, at most 8 MB. Where it was taken and other hidden data are removed."),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
