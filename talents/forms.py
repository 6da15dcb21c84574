from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from eyeforai.programme.models import Skill
from talents.choices import AbsenceKind, Activity, Availability, Place
from talents.cv import CV_MAX_BYTES, validate_cv
from talents.models import Application, TalentProfile

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _one_line(value):
    value = " ".join(value.split())
    return value[:1].upper() + value[1:]


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"),
        queryset=Skill.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the areas you have worked in; hosts look for these."),
    )
    linkedin_url = forms.URLField(label=_("LinkedIn profile"), required=False, assume_scheme="https")
    github_url = forms.URLField(label=_("GitHub profile"), required=False, assume_scheme="https")
    website_url = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = TalentProfile
        fields = [
            "nationality",
            "country_of_residence",
            "degree",
            "degree_field",
            "university",
            "graduation_year",
            "skills",
            "bio",
            "linkedin_url",
            "github_url",
            "website_url",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "degree_field": _("For example: Computer science, Applied mathematics, Biomedical engineering."),
            "bio": _("A few sentences about you and the problems you like to work on (at most 1,500 characters)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.initial.setdefault("first_name", user.first_name)
        self.initial.setdefault("last_name", user.last_name)
        self.order_fields(["first_name", "last_name", *self.Meta.fields])
        self.fields["graduation_year"].widget.attrs.update({"min": 1970, "max": timezone.localdate().year + 3})

    def clean_first_name(self):
        return _one_line(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return _one_line(self.cleaned_data["last_name"])

    def clean_nationality(self):
        return _one_line(self.cleaned_data["nationality"])

    def clean_country_of_residence(self):
        return _one_line(self.cleaned_data["country_of_residence"])

    def clean_graduation_year(self):
        year = self.cleaned_data["graduation_year"]
        if year is not None and not 1970 <= year <= timezone.localdate().year + 3:
            raise forms.ValidationError(_("Enter the year you graduated, or expect to, such as 2025."))
        return year

    def _clean_host(self, name, hosts, message):
        url = self.cleaned_data[name]
        host = (urlsplit(url).hostname or "").lower()
        if url and not any(host == allowed or host.endswith(f".{allowed}") for allowed in hosts):
            raise forms.ValidationError(message)
        return url

    def clean_linkedin_url(self):
        return self._clean_host(
            "linkedin_url", ["linkedin.com"], _("Enter the address of your LinkedIn profile (linkedin.com/in/…).")
        )

    def clean_github_url(self):
        return self._clean_host("github_url", ["github.com"], _("Enter the address of your GitHub profile."))


class ApplicationForm(forms.ModelForm):
    """The answers and the CV. Saving a draft needs nothing; submitting needs every answer and a CV."""

    cv = forms.FileField(
        label=_("CV (PDF)"),
        required=False,
        validators=[validate_cv],
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    class Meta:
        model = Application
        fields = ["motivation", "why_sweden", "availability", "availability_note", "consent"]
        labels = {
            "motivation": _("Why do you want to join Eye for AI?"),
            "why_sweden": _("Why Sweden?"),
            "availability": _("Are you available for the cohort's dates?"),
            "availability_note": _("Anything we should know about your availability"),
            "consent": _("I agree that AI Sweden processes my data to assess my application."),
        }
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 8}),
            "why_sweden": forms.Textarea(attrs={"rows": 5}),
            "availability": forms.RadioSelect,
            "availability_note": forms.Textarea(attrs={"rows": 3}),
        }

    REQUIRED_MESSAGES = {
        "motivation": _("Tell us why you want to join: it is the heart of your application."),
        "why_sweden": _("Tell us why you want to work in Sweden."),
        "availability": _("Choose whether you can take part for the cohort's dates."),
        "consent": _("We can only assess your application with your consent to process your data."),
    }

    def __init__(self, *args, submitting=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.fields["availability"].choices = list(Availability.choices)
        self.fields["availability"].required = False
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _("Read"),
            reverse("portal:privacy"),
            _("how we handle your personal data"),
        )
        self.fields["cv"].help_text = _("A PDF of at most %(size)d MB and %(pages)d pages.") % {
            "size": CV_MAX_BYTES // (1024 * 1024),
            "pages": settings.CV_MAX_PAGES,
        }
        self.fields["availability"].help_text = _("The cohort starts on %(date)s and lasts about 18 months.") % {
            "date": formats.date_format(self.instance.cohort.starts_on)
        }
        if submitting:
            for name, message in self.REQUIRED_MESSAGES.items():
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = message

    def clean(self):
        cleaned = super().clean()
        if self.submitting and not cleaned.get("cv") and not self.instance.cv and "cv" not in self.errors:
            self.add_error("cv", _("Upload your CV as a PDF to submit."))
        return cleaned


class DayLogForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT, help_text=_("One day per week, not in the future."))
    place = forms.ChoiceField(label=_("Where"), choices=Place.choices, widget=forms.RadioSelect)
    activities = forms.MultipleChoiceField(
        label=_("What you did"),
        choices=Activity.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one activity.")},
    )
    learned = forms.CharField(
        label=_("What you learned"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a sentence or two about what you learned.")},
    )


class AbsenceForm(forms.Form):
    prefix = "absence"

    kind = forms.ChoiceField(label=_("Kind"), choices=AbsenceKind.choices)
    starts_on = forms.DateField(label=_("First day"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE_INPUT)
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return cleaned
