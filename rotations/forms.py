from django import forms
from django.utils.translation import gettext_lazy as _

from rotations.choices import Side
from rotations.models import Evaluation

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
