from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from eyeforai.programme.models import Cohort, Period, Skill
from hosts.models import HostInterest, HostOrganization, Project
from hosts.services.invitations import INVITATION_VALID_DAYS
from hosts.services.projects import OPEN_COHORT_STATUSES

HONEYPOT_FIELD = "fax_number"


def open_cohorts():
    return Cohort.objects.filter(status__in=OPEN_COHORT_STATUSES).order_by("starts_on")


class InterestForm(forms.ModelForm):
    # Hidden from people by CSS; scripts that fill every input fill this one too.
    fax_number = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = HostInterest
        fields = ["organization_name", "contact_name", "email", "phone", "sector", "city", "message", "cohort"]
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organization_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "message": _("What your organisation does, and what kind of AI work a talent could do with you."),
            "phone": _("Optional."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cohort = self.fields["cohort"]
        cohort.queryset = open_cohorts()
        cohort.to_field_name = "slug"
        cohort.empty_label = _("Not sure yet")
        cohort.help_text = _("The intake you would like to host talents from.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise ValidationError(
                _(
                    "Your message looks automated and was not sent. If you are a person, please try again "
                    "or write to us by email."
                ),
                code="honeypot",
            )
        return cleaned

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = HostOrganization
        fields = ["description", "website", "city"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}


class ProjectForm(forms.ModelForm):
    """The project and its seats in each period, as one integer field per period number."""

    MAX_SEATS = 20

    class Meta:
        model = Project
        fields = [
            "title",
            "summary",
            "description",
            "cohort",
            "skills",
            "supervisor_name",
            "supervisor_email",
            "city",
            "place",
        ]
        widgets = {"skills": forms.CheckboxSelectMultiple, "description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cohort = self.fields["cohort"]
        cohort.queryset = open_cohorts()
        cohort.to_field_name = "slug"
        cohort.help_text = _("Projects can be planned for a cohort that is planning or recruiting.")
        if self.instance.pk:
            # The field is keyed by slug, the instance's initial value is the cohort's id: without this
            # no option is selected and an unchanged edit fails "This field is required".
            self.initial["cohort"] = self.instance.cohort.slug
            # A cohort that has moved on stays listed, so save_project() says why it cannot be kept.
            cohort.queryset = (open_cohorts() | Cohort.objects.filter(pk=self.instance.cohort_id)).distinct()
        skills = self.fields["skills"]
        skills.queryset = Skill.objects.order_by("name")
        skills.to_field_name = "slug"
        periods = list(
            Period.objects.filter(cohort__status__in=OPEN_COHORT_STATUSES)
            .select_related("cohort")
            .order_by("cohort__starts_on", "number")
        )
        numbers = sorted({period.number for period in periods}) or [1, 2, 3]
        current = {}
        if self.instance.pk:
            current = {seat.period.number: seat.seats for seat in self.instance.seats.select_related("period")}
        for number in numbers:
            dates = [
                _("%(cohort)s: %(start)s to %(end)s")
                % {
                    "cohort": period.cohort,
                    "start": date_format(period.starts_on),
                    "end": date_format(period.ends_on),
                }
                for period in periods
                if period.number == number
            ]
            self.fields[self.seat_field(number)] = forms.IntegerField(
                label=_("Seats in period %(number)s") % {"number": number},
                min_value=0,
                max_value=self.MAX_SEATS,
                initial=current.get(number, 0),
                required=False,
                help_text="; ".join(str(text) for text in dates),
                error_messages={
                    "min_value": _("Seats cannot be negative: enter 0 or more."),
                    "max_value": _("At most %(limit_value)s seats per period."),
                },
            )

    @staticmethod
    def seat_field(number):
        return f"seats_{number}"

    def seats(self):
        """{period number: seats} from the cleaned data."""
        return {
            int(name.removeprefix("seats_")): value or 0
            for name, value in self.cleaned_data.items()
            if name.startswith("seats_")
        }

    def seat_fields(self):
        return [self[name] for name in self.fields if name.startswith("seats_")]

    def project_fields(self):
        return [self[name] for name in self.fields if not name.startswith("seats_")]


class RequestChangesForm(forms.Form):
    note = forms.CharField(
        label=_("What should the host change?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to every member of the organisation by email."),
    )


class MemberNameForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )


class InviteColleagueForm(forms.Form):
    email = forms.EmailField(
        label=_("Your colleague's email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "They get an email with a link to join your organisation; it works once, for %(days)s days."
        ) % {"days": INVITATION_VALID_DAYS}
