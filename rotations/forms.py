from django import forms
from django.utils.translation import gettext_lazy as _

from rotations.choices import Side
from rotations.models import Evaluation
from talents.models import TalentProfile

RATING_CHOICES = [(value, str(value)) for value in range(1, 6)]

LABELS = {
    Side.TALENT: {
        "project_rating": _("How good was the project?"),
        "support_rating": _("How good was the supervision?"),
        "growth_rating": _("How much did you learn?"),
    },
    Side.HOST: {
        "project_rating": _("How well did the project go?"),
        "support_rating": _("How engaged was the talent?"),
        "growth_rating": _("How much did the talent contribute?"),
    },
}


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["project_rating", "support_rating", "growth_rating", "comments"]
        widgets = {
            "project_rating": forms.RadioSelect(choices=RATING_CHOICES),
            "support_rating": forms.RadioSelect(choices=RATING_CHOICES),
            "growth_rating": forms.RadioSelect(choices=RATING_CHOICES),
            "comments": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"comments": _("What went well, and what should change for the next talent or host?")}

    def __init__(self, *args, side, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in LABELS[side].items():
            self.fields[name].label = label
            self.fields[name].help_text = _("1 is poor, 5 is excellent.")

    def ratings(self):
        return {name: self.cleaned_data[name] for name in ["project_rating", "support_rating", "growth_rating"]}


class BuddyForm(forms.Form):
    buddy = forms.ModelChoiceField(
        label=_("Rotate together with"),
        queryset=None,
        required=False,
        empty_label=_("Nobody in particular"),
        help_text=_("Another accepted talent you would like to share projects with. We try; it is not promised."),
    )

    def __init__(self, *args, cohort, talent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buddy"].queryset = (
            TalentProfile.objects.accepted_in(cohort)
            .select_related("user")
            .exclude(pk=talent.pk)
            .order_by("user__first_name")
        )
        self.fields["buddy"].label_from_instance = lambda profile: profile.name


NOT_A_FIT = "not_a_fit"


class HostRankingForm(forms.Form):
    """Two fields per accepted talent: a rank from 1 (empty: not ranked) and a "not a fit" box."""

    def __init__(self, *args, talents, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.talents = talents
        for talent in talents:
            row = existing.get(talent.pk)
            self.fields[self.rank_name(talent)] = forms.IntegerField(
                label=_("Rank of %(name)s") % {"name": talent.name},
                required=False,
                min_value=1,
                max_value=999,
                initial=row.rank if row else None,
                widget=forms.NumberInput(attrs={"class": "rank-input"}),
            )
            self.fields[self.unfit_name(talent)] = forms.BooleanField(
                label=_("%(name)s is not a fit") % {"name": talent.name},
                required=False,
                initial=bool(row and row.not_a_fit),
            )

    @staticmethod
    def rank_name(talent):
        return f"rank_{talent.uuid.hex}"

    @staticmethod
    def unfit_name(talent):
        return f"unfit_{talent.uuid.hex}"

    def clean(self):
        cleaned = super().clean()
        seen = set()
        for talent in self.talents:
            rank, unfit = cleaned.get(self.rank_name(talent)), cleaned.get(self.unfit_name(talent))
            if rank is not None and unfit:
                self.add_error(self.rank_name(talent), _("Either rank the talent or mark them as not a fit."))
            elif rank is not None and rank in seen:
                self.add_error(self.rank_name(talent), _("Another talent already has rank %(rank)s.") % {"rank": rank})
            seen.add(rank)
        return cleaned

    def rows(self):
        """{talent: rank, "not_a_fit" or None} for the service."""
        rows = {}
        for talent in self.talents:
            if self.cleaned_data.get(self.unfit_name(talent)):
                rows[talent] = NOT_A_FIT
            else:
                rows[talent] = self.cleaned_data.get(self.rank_name(talent))
        return rows

    def table(self):
        """(talent, rank field, not-a-fit field) for the template."""
        return [(talent, self[self.rank_name(talent)], self[self.unfit_name(talent)]) for talent in self.talents]
