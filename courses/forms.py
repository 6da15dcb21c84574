import unicodedata
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.choices import BodyKind, LeaderRole
from courses.models import PublicBody

# The organisation list's groups, in the order a Swedish reader expects: Kommuner, Regioner, Myndigheter.
BODY_GROUPS = [
    (BodyKind.MUNICIPALITY, _("Municipalities")),
    (BodyKind.REGION, _("Regions")),
    (BodyKind.AGENCY, _("Government agencies")),
]

# Swedish alphabetical order: å, ä, ö come after z (the database's collation may not know it).
_SWEDISH_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "æ": "z\x02", "ö": "z\x03", "ø": "z\x03"})


def swedish_sort_key(name):
    return name.casefold().translate(_SWEDISH_ORDER)


def one_line(value):
    """Whitespace (tabs and line breaks too) collapsed; any other control or format character refused: a
    right-to-left override or a zero-width space would disguise the name on the public verify page and the PDF."""
    value = " ".join(value.split())
    if any(unicodedata.category(character) in ("Cc", "Cf") for character in value):
        raise ValidationError(_("Remove the control characters from this field."), code="control_character")
    return value


def public_body_choices(bodies):
    """The <select>'s grouped choices from a list of PublicBody: an empty first choice, then one
    <optgroup> per kind, each sorted as Swedish sorts."""
    groups = []
    for kind, label in BODY_GROUPS:
        members = sorted((body for body in bodies if body.kind == kind), key=lambda body: swedish_sort_key(body.name))
        if members:
            groups.append((label, [(str(body.uuid), body.name) for body in members]))
    return [("", _("Choose your organisation")), *groups]


class JoinForm(forms.Form):
    """Joining the course: names (kept on the account), title, role and organisation. The organisation
    list is read in one query and kept on the form, so validating a choice costs no further query."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    title = forms.CharField(label=_("Title"), max_length=150, help_text=_("Your title, e.g. head of unit."))
    role = forms.ChoiceField(label=_("Your role"), choices=LeaderRole.choices, widget=forms.RadioSelect)
    public_body = forms.ChoiceField(
        label=_("From the list"),
        required=False,
        help_text=_("Every municipality and region, and the government agencies. Not in the list? Name it below."),
    )
    other_organisation = forms.CharField(
        label=_("Other public organisation"),
        max_length=200,
        required=False,
        help_text=_("Only if your organisation is not in the list."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("first_name", user.first_name)
        self.initial.setdefault("last_name", user.last_name)
        # Unordered: sorted as Swedish sorts by public_body_choices.
        bodies = list(PublicBody.objects.only("uuid", "kind", "name").order_by())
        self.bodies = {str(body.uuid): body for body in bodies}
        self.fields["public_body"].choices = public_body_choices(bodies)
        for name, autocomplete in [
            ("first_name", "given-name"),
            ("last_name", "family-name"),
            ("title", "organization-title"),
            ("other_organisation", "organization"),
        ]:
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

    def clean_first_name(self):
        return one_line(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return one_line(self.cleaned_data["last_name"])

    def clean_title(self):
        return one_line(self.cleaned_data["title"])

    def clean_other_organisation(self):
        return one_line(self.cleaned_data["other_organisation"])

    def clean_public_body(self):
        value = self.cleaned_data["public_body"]
        if not value:
            return None
        try:
            key = str(uuid.UUID(value))
        except ValueError:
            key = None
        if key not in self.bodies:  # ChoiceField checked it already; kept for a list changed meanwhile
            raise ValidationError(_("Choose an organisation from the list."), code="invalid_choice")
        return self.bodies[key]

    def clean(self):
        cleaned = super().clean()
        if "public_body" in cleaned and "other_organisation" in cleaned:
            body, other = cleaned["public_body"], cleaned["other_organisation"]
            if body is None and not other:
                self.add_error(
                    "public_body",
                    _("Choose your organisation from the list, or name it under “other public organisation”."),
                )
            elif body is not None and other:
                self.add_error(
                    "other_organisation",
                    _("You chose an organisation from the list: leave this field empty, or choose none above."),
                )
        return cleaned
