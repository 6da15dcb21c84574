"""A lesson's knowledge check as a form: one group of checkboxes per question (one or more answers are right)."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.services.progress import is_right


def field_name(question):
    return f"question-{question.uuid}"


class KnowledgeCheckForm(forms.Form):
    """`questions`: the lesson's questions with their choices prefetched. Only a question's own choices
    are accepted for it; anything else is an error next to that question."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            choices = [(str(choice.uuid), choice.text) for choice in question.choices.all()]
            self.fields[field_name(question)] = forms.MultipleChoiceField(
                label=question.text,
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                required=bool(choices),
                help_text=_("Choose every right answer: one or more."),
                error_messages={
                    "required": _("Choose at least one answer."),
                    "invalid_choice": _("That answer is not one of this question's answers; choose again."),
                },
            )

    @classmethod
    def from_answers(cls, questions, answers):
        """The form filled in with the latest stored answers ({question uuid: [choice uuid, …]})."""
        initial = {field_name(question): answers.get(str(question.uuid), []) for question in questions}
        return cls(questions, initial=initial)

    def answers(self):
        """The cleaned answers as answer_check takes them: {question uuid: {choice uuid, …}}."""
        return {str(question.uuid): set(self.cleaned_data[field_name(question)]) for question in self.questions}

    def rows(self, result=None):
        """What the template walks: each question with its checkboxes as plain data (the page writes the
        inputs itself: a widget rendered through the form renderer costs a template per checkbox); with
        `result` (the stored answers of the latest attempt), whether it was right and the feedback of each
        answer chosen."""
        rows = []
        for number, question in enumerate(self.questions, start=1):
            name = field_name(question)
            checked = set(self[name].value() or ())
            chosen = set(result.get(str(question.uuid), ())) if result is not None else set()
            field_id = self.auto_id % name
            options = [
                Option(
                    id=f"{field_id}_{index}",
                    value=str(choice.uuid),
                    label=choice.text,
                    checked=str(choice.uuid) in checked,
                    feedback=choice.feedback if str(choice.uuid) in chosen else "",
                )
                for index, choice in enumerate(question.choices.all())
            ]
            right = is_right(question, chosen) if result is not None else None
            rows.append(
                Row(
                    number=number,
                    name=name,
                    id=field_id,
                    label=question.text,
                    help_text=self.fields[name].help_text,
                    errors=self.errors.get(name),
                    options=options,
                    right=right,
                )
            )
        return rows


@dataclass(frozen=True)
class Option:
    """One checkbox: the id, name and value Django's CheckboxSelectMultiple would give it."""

    id: str
    value: str
    label: str
    checked: bool
    feedback: str


@dataclass(frozen=True)
class Row:
    number: int
    name: str  # the field's name (and the checkboxes')
    id: str  # the field's id: the checkboxes' ids, its help text's and error's ids start with it
    label: str
    help_text: str
    errors: object  # the field's ErrorList, or None
    options: list
    right: bool | None
