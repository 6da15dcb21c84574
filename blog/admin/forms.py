"""The review page's forms: each feeds one service of blog/services/review.py."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

LOCAL_INPUT_FORMAT = "%Y-%m-%dT%H:%M"


class CommentForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Comment to the authors"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("The authors are emailed. Host organisations the post is shown to read it too."),
    )


class RequestChangesForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What should the authors change?"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=gettext_lazy("Goes to the authors by email and into the post's thread; they can edit it again."),
    )


class ScheduleForm(forms.Form):
    # The programme's own clock (TIME_ZONE, Europe/Stockholm): Django reads the naive input in it.
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Publish at (Stockholm time)"),
        input_formats=[LOCAL_INPUT_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT_FORMAT),
        help_text=gettext_lazy("Date and time in Sweden. The post is published within a minute of it."),
    )

    def clean_publish_at(self):
        at = self.cleaned_data["publish_at"]
        if at <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future, or publish it now."))
        return at


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it removed?"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=gettext_lazy("Goes to the authors by email. A published post's page stops answering."),
    )
